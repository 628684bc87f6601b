"""The scenario panel, continued (issue 16): the company's own lanes in the results where the
window holds a company network (and nothing of the company without one), the added-capacity
controls bound to the session's ``scenario`` part (new crossings, capacity changes, one bridge,
southbound capacity, longest detour; a bad row said and left out), and the scenario's overlay in
a map export. Asserted as the user sees them: the figures equal the model's (and the CLI's
``--project`` lanes), the closed port's red cross is in the exported PNG."""
from __future__ import annotations

import csv
import io

import pytest

from geo.analysis.scenario import ScenarioState, build_base, company_lane_rows, run_scenario, tariff_shock
from geo.core.formatting import format_usd

LAREDO, YSLETA, PROGRESO = "2304", "2401", "2309"
LAREDO_25 = ScenarioState(closed=(LAREDO,), days=10, tariff_pct=25)


@pytest.fixture(scope="module")
def base(shared_store):
    return build_base(shared_store)


@pytest.fixture(scope="module")
def network():
    from tests.network_demo import demo_network

    return demo_network()


@pytest.fixture(scope="module")
def lanes(shared_store, network):
    """The demo's lanes as ``frontera scenario --project`` makes them (routed through the store's ports)."""
    from geo.network.exposure import exposure
    from geo.network.lanes import land_ports

    return company_lane_rows(network, exposure(network, land_ports(shared_store)).routes)


def _panel(qtbot, store, history=False):
    from desktop.panels.scenario_panel import ScenarioPanel
    from geo.session import Session

    session = Session(None, store)
    panel = ScenarioPanel(None, session)
    qtbot.addWidget(panel)
    if history:
        from geo.session.history import History

        panel._history = History(session)
    return session, panel


def _run(qtbot, panel, state=None):
    if state is not None:
        panel.session.set("scenario", state)
    with qtbot.waitSignal(panel.computed, timeout=120_000) as sig:
        panel.run()
    return sig.args[0]


def _company_rows(panel) -> list[list[str]]:
    t = panel.company_table
    return [[t.item(i, j).text() for j in range(t.columnCount())] for i in range(t.rowCount())]


# -- 1. the company's lanes --------------------------------------------------------------------------------
def test_company_lanes_reach_the_model_and_show_in_the_company_tab(qtbot, shared_store, base, network, lanes,
                                                                   tmp_path):
    session, panel = _panel(qtbot, shared_store)
    assert not panel.tabs.isTabVisible(panel.tabs.indexOf(panel.company_page))
    panel.set_company_source(lambda: (network, None))         # routes not computed yet: routed in the worker
    assert panel.tabs.isTabVisible(panel.tabs.indexOf(panel.company_page))
    data = _run(qtbot, panel, LAREDO_25)
    closure, tariff = data["closure"], data["tariff"]
    # the same lanes, figures and facilities as the model run with the CLI's lanes
    model = run_scenario(base, LAREDO_25, company_lanes=lanes)
    model_tariff = tariff_shock(shared_store, LAREDO_25, base.period, company_lanes=lanes)
    assert data["company_lanes"] == len(lanes) == len(network.lanes) == 12
    assert closure.company == model.company and len(closure.company) > 0
    assert tariff.company == model_tariff.company and tariff.company_facilities == model_tariff.company_facilities
    hit = closure.company
    assert {r["port"] for r in hit} == {LAREDO}
    at_risk = sum(r["value_at_risk_usd"] for r in hit)
    # what the user reads: the summary, then the Company tab
    assert f"Company: {len(hit)} of 12 lanes hit, {format_usd(at_risk)} at risk" in panel.summary.text()
    cv = panel.company
    assert cv.at_risk == pytest.approx(at_risk)
    assert cv.rerouted + cv.delayed == pytest.approx(at_risk)
    assert cv.extra_truck_km == pytest.approx(sum(r["extra_km"] or 0 for r in hit if r["mode"] == "truck"))
    note = panel.company_note.text()
    assert f"{len(hit)} of the company's 12 lanes cross at the closed ports" in note and format_usd(at_risk) in note
    panel.tabs.setCurrentWidget(panel.company_page)
    rows = _company_rows(panel)                                 # lanes hit, largest at risk first
    assert len(rows) == len(hit)
    top = hit[0]
    assert rows[0][0].startswith(f"{top['lane']} ({top['mode']}) · {top['from_name']} → {top['to_name']}")
    assert rows[0][1:4] == [format_usd(top["value_at_risk_usd"]), format_usd(top["rerouted_value_usd"]),
                            format_usd(top["delayed_value_usd"])]
    assert f"via {top['via_name']}" in rows[0][0]
    assert "US$ over the 10 days closed" in panel.company_units.text()
    # customers and suppliers: per facility and side, the closure's and the tariff's value at risk
    panel.company_combo.setCurrentIndex(panel.company_combo.findData("facilities"))
    rows = _company_rows(panel)
    assert len(rows) == len(cv.facilities)
    apodaca = next(r for r in rows if r[0].startswith("Planta Apodaca (MTY-P1)"))
    supplier_side = [f for f in cv.facilities if f.facility == "MTY-P1" and f.role == "from"][0]
    assert "ships (supplier side)" in apodaca[0]
    assert apodaca[2] == format_usd(sum(r["value_at_risk_usd"] for r in hit if r["from"] == "MTY-P1"))
    assert apodaca[3] == format_usd(supplier_side.tariff_at_risk)
    customers = [r for r in rows if "receives (customer side)" in r[0]]
    assert customers and all(r[0] for r in customers)
    # the tariff per lane, by HS chapter
    panel.company_combo.setCurrentIndex(panel.company_combo.findData("tariff"))
    rows = _company_rows(panel)
    assert len(rows) == len(tariff.company)
    assert rows[0][2] == format_usd(tariff.company[0]["value_at_risk_usd"]) and "counted" in rows[0][0]
    # exports carry the company tables (the model's, worded) and say how the lanes count
    path = panel.export_results(str(tmp_path / "scenario.csv"), fmt="csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "Company lanes hit" in text and "Company facilities hit" in text and "Tariff at risk by lane" in text
    assert "Company: 12 lanes of the company network" in text
    lines = list(csv.reader(io.StringIO(text)))
    lane_rows = {r[0]: r for r in lines if r and r[0] == top["lane"] and len(r) == 12}
    assert float(lane_rows[top["lane"]][6]) == pytest.approx(top["value_at_risk_usd"])
    assert any("ships (supplier side)" in r for r in lines)
    from openpyxl import load_workbook

    wb = load_workbook(panel.export_results(str(tmp_path / "scenario.xlsx"), fmt="xlsx"))
    assert {"Company lanes hit", "Company facilities hit", "Tariff at risk by lane",
            "Tariff at risk by facility"} <= set(wb.sheetnames)
    # two scenarios side by side compare the company's figures too
    panel.keep_as_a()
    keys = [panel.compare.item(i, 0).text() for i in range(panel.compare.rowCount())]
    assert "Company lanes at risk" in keys and "Company tariff at risk (a year)" in keys


def test_nothing_of_the_company_shows_without_a_network(qtbot, shared_store, tmp_path):
    from geo.network.model import Network

    _session, panel = _panel(qtbot, shared_store)
    panel.set_company_source(lambda: (Network(), None))         # an empty network is no network
    data = _run(qtbot, panel, LAREDO_25)
    assert data["company_lanes"] is None and data["closure"].company == [] and data["tariff"].company == []
    assert not panel.tabs.isTabVisible(panel.tabs.indexOf(panel.company_page))
    assert "Company" not in panel.summary.text() and panel.company is None
    text = panel.export_results(str(tmp_path / "scenario.csv"), fmt="csv").read_text(encoding="utf-8-sig")
    assert "Company" not in text
    panel.keep_as_a()
    keys = [panel.compare.item(i, 0).text() for i in range(panel.compare.rowCount())]
    assert not any("Company" in k for k in keys)


def test_the_window_passes_its_network_and_follows_it(make_window, qtbot, network, lanes):
    """The window's project network reaches the scenario (with the routes the network view
    computed), and removing it takes the company out of the results."""
    from geo.network.model import Network

    win = make_window(wait_store=True)
    win.show_scenario_panel()
    panel = win.scenario_panel
    assert not panel.tabs.isTabVisible(panel.tabs.indexOf(panel.company_page))
    win.project.set_network(network)
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60_000)
    net, routes = win._scenario_company()
    assert net is network and routes is win.network_view.figures.routes
    data = _run(qtbot, panel, ScenarioState(closed=(LAREDO,), days=7))
    assert data["company_lanes"] == 12
    assert data["closure"].company == run_scenario(build_base(win.session.store), ScenarioState(
        closed=(LAREDO,), days=7), company_lanes=lanes).company
    assert panel.tabs.isTabVisible(panel.tabs.indexOf(panel.company_page))
    with qtbot.waitSignal(panel.computed, timeout=120_000) as sig:
        win.project.set_network(Network())                     # the network removed: computed again without
    assert sig.args[0]["company_lanes"] is None
    assert not panel.tabs.isTabVisible(panel.tabs.indexOf(panel.company_page))
    assert "Company" not in panel.summary.text()
    win.project.network_history.mark_saved()


# -- 2. added capacity ---------------------------------------------------------------------------------------
def _type(table, row, col, text):
    table.item(row, col).setText(text)


def test_new_crossings_are_typed_checked_and_bound_to_the_session(qtbot, shared_store, base):
    session, panel = _panel(qtbot, shared_store, history=True)
    cap = panel.capacity
    assert not cap.isVisibleTo(panel)
    panel.capacity_toggle.click()                                 # the folded section opens
    assert cap.isVisibleTo(panel) and panel.capacity_toggle.text() == "Add capacity and detour settings"
    session.set("scenario", ScenarioState(closed=(LAREDO,), days=7))
    cap.new_add.click()
    t = cap.new_table
    assert t.rowCount() == 1 and t.item(0, 0).text() == "New crossing 1"
    assert session.get("scenario").new_crossings == ()          # no place yet: left out, and said
    assert "enter its longitude and latitude, or pick its place on the map" in cap.message.text()
    _type(t, 0, 0, "Puente Colombia Norte")
    _type(t, 0, 1, "99.72")                                     # east of Greenwich: a sign forgotten
    _type(t, 0, 2, "27.70")
    _type(t, 0, 4, "20,000")
    assert "longitude must be west of Greenwich" in cap.message.text()
    assert t.item(0, 1).toolTip() and session.get("scenario").new_crossings == ()
    _type(t, 0, 1, "abc")
    assert "the longitude must be a number of degrees" in cap.message.text() and "“abc”" in cap.message.text()
    _type(t, 0, 1, "\u221299.72")                                # a typographic minus is a minus
    assert cap.message.isHidden() and not t.item(0, 1).toolTip()
    assert session.get("scenario").new_crossings == (("Puente Colombia Norte", -99.72, 27.7, "5", 20000.0),)
    assert panel.capacity_toggle.text() == "Add capacity and detour settings (1 set)"
    # rail, then removed: each change one undo step
    t.cellWidget(0, 3).setCurrentIndex(t.cellWidget(0, 3).findData("6"))
    assert session.get("scenario").new_crossings[0][3] == "6"
    panel._history.undo()
    assert session.get("scenario").new_crossings[0][3] == "5" and t.cellWidget(0, 3).currentData() == "5"
    t.selectRow(0)
    cap.new_remove.click()
    assert t.rowCount() == 0 and session.get("scenario").new_crossings == ()
    panel._history.undo()
    assert t.rowCount() == 1 and t.item(0, 0).text() == "Puente Colombia Norte" and t.item(0, 1).text() == "-99.72"
    # run: the new crossing takes freight and shows on the map as a new crossing (a diamond)
    data = _run(qtbot, panel)
    res = data["closure"]
    assert res.added_ports == {"new1": ("Puente Colombia Norte", -99.72, 27.7)}
    model = run_scenario(base, session.get("scenario"))
    assert res.rerouted_value == pytest.approx(model.rerouted_value)
    assert any(r.port == "new1" and r.value > 0 for r in res.reroutes)
    from geo.core.viewport import Viewport

    items = panel.overlay.items(Viewport(0.0, 0.0, 3000.0, 1200, 900))
    assert [it.port for it in items if it.kind == "new"] == ["new1"]
    assert any("Puente Colombia Norte" in panel.table.item(i, 0).text() for i in range(panel.table.rowCount()))
    assert "New crossing Puente Colombia Norte (new1, truck)" in panel.assumptions.text()
    assert "new crossings: Puente Colombia Norte" in panel.describe(data)


def test_capacity_changes_bridge_shares_southbound_and_detour(qtbot, shared_store, base):
    session, panel = _panel(qtbot, shared_store, history=True)
    _run(qtbot, panel, ScenarioState(closed=(LAREDO,), days=7))     # the border's ports are known from here on
    cap = panel.capacity
    cap.override_add.click()
    t = cap.override_table
    _type(t, 0, 0, "9999")
    _type(t, 0, 3, "15000")
    assert "9999 is not a land port on the Mexican border with crossing counts" in cap.message.text()
    assert session.get("scenario").capacity_overrides == ()
    _type(t, 0, 0, PROGRESO)
    t.cellWidget(0, 2).setCurrentIndex(t.cellWidget(0, 2).findData("add"))
    assert session.get("scenario").capacity_overrides == ((PROGRESO, "5", 15000.0, "add"),)
    cap.bridge_add.click()
    b = cap.bridge_table
    _type(b, 0, 0, YSLETA)
    _type(b, 0, 1, "140")
    assert "the share must be a percentage above 0 and at most 100" in cap.message.text()
    _type(b, 0, 1, "30")
    assert session.get("scenario").bridge_shares == ((YSLETA, 0.3),)
    assert "the share counts only while 2401 is closed" in cap.message.text()   # kept, with the doubt said
    panel.ports_edit.setText(f"{LAREDO}, {YSLETA}")
    panel.ports_edit.editingFinished.emit()
    assert cap.message.isHidden()
    cap.southbound_spin.setValue(50)
    cap.detour_spin.setValue(800)
    st = session.get("scenario")
    assert (st.southbound_ratio, st.max_detour_km) == (0.5, 800.0)
    assert panel.capacity_toggle.text() == "Add capacity and detour settings (4 set)"
    # the figures are the model's for these settings
    data = _run(qtbot, panel)
    model = run_scenario(base, st)
    assert data["closure"].affected_value == pytest.approx(model.affected_value)
    assert data["closure"].rerouted_value == pytest.approx(model.rerouted_value)
    colombia = [r for r in data["closure"].reroutes if r.port == PROGRESO and r.mode == "5"]
    assert colombia and colombia[0].capacity == pytest.approx(base.ports[(PROGRESO, "5")].capacity + 15000)
    text = panel.assumptions.text()
    assert "One bridge of Ysleta carries 30% of the port's capacity" in text and "+15,000" in text
    assert "Laredo, Ysleta closed for 7 days" in panel.describe(data)
    assert "only one bridge of Ysleta, 30% of the port" in panel.describe(data)
    # a state from elsewhere (a bookmark, a project, undo) fills the tables
    panel._history.undo()
    assert cap.detour_spin.value() == 1500 and session.get("scenario").max_detour_km == 1500
    other = ScenarioState(closed=(LAREDO,), capacity_overrides=(("2305", "rail", 120, "pct"),),
                          new_crossings=(("Nuevo Puente", -103.5, 29.3, "rail", 900),))
    session.set("scenario", other)
    assert t.rows() == [["2305", "6", "pct", "120"]] and b.rowCount() == 0
    assert cap.new_table.rows() == [["Nuevo Puente", "-103.5", "29.3", "6", "900"]]
    assert cap.southbound_spin.value() == 100 and cap.detour_spin.value() == 1500


def test_a_new_crossing_is_placed_by_a_click_on_the_map(make_window, qtbot):
    from PySide6.QtCore import QPoint, Qt

    from geo.core.projection import to_map

    win = make_window(wait_store=True)
    win.show_scenario_panel()
    panel = win.scenario_panel
    panel.capacity_toggle.click()
    cap = panel.capacity
    assert cap.pick_button.isVisibleTo(panel)
    cap.pick_button.click()
    assert cap.pick_button.isChecked() and cap.pick_button.text() == "Click the Map…"
    x, y = to_map(-99.72, 27.70)
    sx, sy = win.canvas.view.to_screen(x, y)
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=QPoint(round(float(sx)), round(float(sy))))
    assert not cap.pick_button.isChecked()
    row = cap.new_table.rows()[0]
    assert row[0] == "New crossing 1" and abs(float(row[1]) + 99.72) < 0.05 and abs(float(row[2]) - 27.70) < 0.05
    # its capacity is still to be typed: left out of the session until then
    assert win.session.get("scenario").new_crossings == ()
    cap.new_table.item(0, 4).setText("5000")
    assert win.session.get("scenario").new_crossings[0][4] == 5000.0
    # pressed again before a click: no point is taken, the next click is the map's own
    cap.new_table.clearSelection()
    cap.new_table.setCurrentCell(-1, -1)
    cap.pick_button.click()
    cap.pick_button.click()
    assert not cap.pick_button.isChecked() and cap.pick_button.text() == "Pick on Map"
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=QPoint(round(float(sx)) + 40, round(float(sy))))
    assert cap.new_table.rowCount() == 1


# -- 3. the scenario in a map export -----------------------------------------------------------------------
def _export(win, path, overlays):
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import Page

    opts = ExportOptions(Page(8.0, 6.0, 100), title="Ysleta closed", bounds=win.canvas.view.bounds,
                         overlays=overlays)
    return export_map(path, win.content, win.session, opts)


def _marker_pixel(info, page, x, y):
    """Page pixel of the map point (x, y) (map metres) in an export laid out as ``info`` says."""
    mx, my, mw, mh = info.layout.map
    mx, my = mx + (mw - info.view.width) / 2, my + (mh - info.view.height) / 2
    sx, sy = info.view.to_screen(x, y)
    k = page.dpi / 96.0
    return round((mx + float(sx)) * k), round((my + float(sy)) * k)


def test_the_scenario_overlay_is_in_the_map_export(make_window, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("pypdf")
    import pypdf
    from PySide6.QtGui import QColor, QImage

    from desktop.canvas.scenario_painter import CLOSED_COLOUR
    from geo.analysis.layout import Page

    win = make_window(wait_store=True)
    win.show_scenario_panel()
    panel = win.scenario_panel
    _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7))
    win.canvas.zoom_to_bounds(panel.overlay.bounds(), margin=0.08)
    mark = panel.overlay.map.closed[0]
    red = QColor(CLOSED_COLOUR)

    def reds_near(img, px, py, r=4):
        """Pixels of the cross's red (#c00000, not the port symbols' brick red) around (px, py)."""
        return sum(1 for dx in range(-r, r + 1) for dy in range(-r, r + 1)
                   if abs((c := img.pixelColor(px + dx, py + dy)).red() - red.red()) <= 12
                   and c.green() <= 16 and c.blue() <= 16)

    with_it = _export(win, tmp_path / "with.png", (panel.overlay.snapshot(),))
    img = QImage(str(tmp_path / "with.png"))
    px, py = _marker_pixel(with_it, Page(8.0, 6.0, 100), mark.x, mark.y)
    assert img.pixelColor(px, py).name() == red.name()             # the red cross at Ysleta
    assert reds_near(img, px, py) >= 12
    without = _export(win, tmp_path / "without.png", ())
    img2 = QImage(str(tmp_path / "without.png"))
    px2, py2 = _marker_pixel(without, Page(8.0, 6.0, 100), mark.x, mark.y)
    assert (px2, py2) == (px, py) and reds_near(img2, px2, py2) == 0
    assert img2.pixelColor(px, py).name() != red.name()
    # PDF: the scenario's labels and legend stay text
    _export(win, tmp_path / "with.pdf", (panel.overlay.snapshot(),))
    pdf_text = " ".join(pypdf.PdfReader(tmp_path / "with.pdf").pages[0].extract_text().split())
    assert "Ysleta closed" in pdf_text and "Closed port" in pdf_text
    # File → Export… passes the scenario shown on the map (a snapshot), and nothing once it is cleared
    import desktop.dialogs.export_dialog as export_dialog
    import desktop.export.publication as publication

    seen = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: 1)
    monkeypatch.setattr(export_dialog.ExportDialog, "request", lambda self: object())
    monkeypatch.setattr(publication, "export_with_progress",
                        lambda parent, content, session, request, bounds, overlays=(): seen.append(overlays))
    win.export_image()
    assert len(seen[0]) == 1 and seen[0][0] is not panel.overlay and seen[0][0].map is panel.overlay.map
    panel.clear_button.click()
    win.export_image()
    assert seen[1] == ()
