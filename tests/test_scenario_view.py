"""The scenario view (issue 16): what the map, the A/B comparison, the exported results and the
check against observed counts show of a scenario, asserted as the user sees them (the closed
port is marked on the map, the export lists every assumption and the model's figures, B − A is
the difference, the overlay clears with the scenario)."""
from __future__ import annotations

import csv
import io

import pytest

from geo.analysis.scenario import ScenarioState, build_base, run_scenario, tariff_shock
from geo.analysis.scenario_view import compare_rows, figures, load_class, observed_rows, scenario_map

YSLETA, LAREDO, HIDALGO, EL_PASO, SANTA_TERESA = "2401", "2304", "2305", "2402", "2408"
TEXAS_80 = ScenarioState(closed=(HIDALGO, YSLETA, EL_PASO, LAREDO), capacity_pct=80, days=30, period=(202203, 202203))


@pytest.fixture(scope="module")
def base(shared_store):
    return build_base(shared_store)


@pytest.fixture(scope="module")
def ysleta(base):
    return run_scenario(base, ScenarioState(closed=(YSLETA,), days=7))


def _session_panel(qtbot, store):
    from desktop.panels.scenario_panel import ScenarioPanel
    from geo.session import Session

    session = Session(None, store)
    panel = ScenarioPanel(None, session)
    qtbot.addWidget(panel)
    return session, panel


def _run(qtbot, panel, state=None):
    if state is not None:
        panel.session.set("scenario", state)
    with qtbot.waitSignal(panel.computed, timeout=120_000) as sig:
        panel.run()
    return sig.args[0]


# -- the map ----------------------------------------------------------------------------------------------
def test_load_classes_bound_at_80_and_100_percent():
    assert [load_class(r) for r in (0.0, 0.79, 0.8, 1.0, 1.0 + 1e-9, 1.01, None)] == \
        ["under", "under", "near", "near", "near", "over", "unknown"]


def test_the_map_marks_the_closed_port_and_colours_receiving_ports_by_load(qapp, base, ysleta):
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.canvas.scenario_painter import CLASS_COLOURS, CLOSED_COLOUR, ScenarioOverlay, line_width
    from geo.core.projection import to_map
    from geo.core.viewport import Viewport

    smap = scenario_map(ysleta, base.coords, base.names)
    assert [c.port for c in smap.closed] == [YSLETA] and smap.closed[0].kept == 0
    # every receiving port of the model, its value and its load against capacity
    by_port: dict[str, float] = {}
    for r in ysleta.reroutes:
        by_port[r.port] = by_port.get(r.port, 0.0) + r.value
    assert {m.port: m.value for m in smap.receiving} == pytest.approx(by_port)
    for m in smap.receiving:
        worst = max(x.predicted_load / x.capacity for x in ysleta.reroutes if x.port == m.port and x.capacity > 0)
        assert m.load_class == load_class(worst)
    # one closed port: every line starts there, and the lines carry the rerouted value
    assert {ln.origin for ln in smap.lines} == {YSLETA}
    assert sum(ln.value for ln in smap.lines) == pytest.approx(ysleta.rerouted_value)
    assert {ln.port for ln in smap.lines} == set(by_port)

    overlay = ScenarioOverlay()
    overlay.set_map(smap, "Scenario: Ysleta closed for 7 days")
    x, y = to_map(*base.coords[YSLETA])
    view = Viewport(float(x), float(y), 2500.0, 800, 600)   # Ysleta at the centre
    items = overlay.items(view)
    closed = [it for it in items if it.kind == "closed"]
    assert [(it.port, round(it.x), round(it.y)) for it in closed] == [(YSLETA, 400, 300)]
    assert "Ysleta" in closed[0].label and "closed" in closed[0].label
    for it in (i for i in items if i.kind == "receiving"):
        assert it.colour == CLASS_COLOURS[next(m.load_class for m in smap.receiving if m.port == it.port)]
    widest = max((i for i in items if i.kind == "line"), key=lambda i: i.size)
    assert widest.port == smap.lines[0].port and widest.size == line_width(1.0)
    # painted: the red cross is at the port
    img = QImage(800, 600, QImage.Format_ARGB32)
    img.fill(QColor("#dddddd"))
    p = QPainter(img)
    overlay.paint(p, view)
    overlay.paint_legend(p, 800, 600)
    p.end()
    assert img.pixelColor(400, 300).name() == QColor(CLOSED_COLOUR).name()
    legend = [t for _k, _c, t in overlay.legend_rows()]
    assert "Closed port" in legend and any("80%" in t for t in legend)
    assert any("loaded truck" in t and "a month" in t and "Dec 2023" in t for t in legend)   # units and period


def test_the_overlay_appears_when_a_scenario_runs_and_clears_with_it(make_window, qtbot):
    win = make_window(wait_store=True)
    win.show_scenario_panel()
    panel = win.scenario_panel
    assert win.canvas.scenario is panel.overlay and not panel.overlay.visible
    _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7))
    assert panel.overlay.visible
    assert [it.port for it in panel.overlay.items(win.canvas.view) if it.kind == "closed"] == [YSLETA]
    win.canvas.repaint()
    panel.clear_button.click()
    assert not panel.overlay.visible and panel.overlay.items(win.canvas.view) == []
    assert win.session.get("scenario").closed == () and panel.table.rowCount() == 0
    # a scenario cleared from elsewhere (undo, a bookmark) clears the map too
    _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7))
    assert panel.overlay.visible
    win.session.set("scenario", ScenarioState())
    assert not panel.overlay.visible


# -- two scenarios side by side -----------------------------------------------------------------------------
def test_the_comparison_shows_b_minus_a(base, ysleta, shared_store):
    st_b = ScenarioState(closed=(YSLETA,), days=14, capacity_pct=50, tariff_pct=10)
    b = {"closure": run_scenario(base, st_b), "tariff": tariff_shock(shared_store, st_b, base.period)}
    a = {"closure": ysleta, "tariff": None}
    rows = {r.key: r for r in compare_rows(a, b)}
    fa, fb = figures(a["closure"]), figures(b["closure"], b["tariff"])
    for key in ("affected_value", "rerouted_value", "delayed_value", "value_days", "days_to_clear",
                "extra_truck_km", "tariff_at_risk"):
        assert rows[key].a == fa[key] and rows[key].b == fb[key]
        assert rows[key].diff == pytest.approx(fb[key] - fa[key])
    assert rows["tariff_at_risk"].b == pytest.approx(b["tariff"].total_at_risk) and rows["tariff_at_risk"].a == 0
    assert rows["days"].a == 7 and rows["days"].b == 14 and rows["capacity_pct"].b == 50
    assert rows["closed"].a == rows["closed"].b == [YSLETA]


def test_keep_as_a_then_run_b_shows_both_in_the_panel(qtbot, shared_store):
    from geo.core.formatting import format_usd

    _session, panel = _session_panel(qtbot, shared_store)
    a = _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7))
    panel.keep_button.click()
    assert panel.tabs.currentIndex() == 1
    b = _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7, capacity_pct=50))
    table = panel.compare
    cells = {table.item(i, 0).text(): [table.item(i, j).text() for j in (1, 2, 3)] for i in range(table.rowCount())}
    ra, rb = a["closure"].rerouted_value, b["closure"].rerouted_value
    assert cells["Value rerouted"][:2] == [format_usd(ra), format_usd(rb)]
    assert cells["Value rerouted"][2] == "\u2212" + format_usd(ra - rb)          # B − A, B is smaller
    assert cells["Capacity kept (%)"][:2] == ["0", "50"]
    assert "Ysleta closed for 7 days" in panel.compare_note.text()
    assert "Ysleta at 50% of capacity" in panel.compare_note.text()


# -- the results out ----------------------------------------------------------------------------------------
def test_exported_csv_lists_every_assumption_and_the_models_figures(qtbot, shared_store, tmp_path):
    from geo.analysis.scenario import results_assumptions

    _session, panel = _session_panel(qtbot, shared_store)
    data = _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7, tariff_pct=10))
    res, tr = data["closure"], data["tariff"]
    model = run_scenario(build_base(shared_store), ScenarioState(closed=(YSLETA,), days=7, tariff_pct=10))
    path = panel.export_results(str(tmp_path / "scenario.csv"), fmt="csv")
    assert path is not None and [p.name for p in tmp_path.iterdir()] == ["scenario.csv"]   # no temp file left
    text = path.read_text(encoding="utf-8-sig")
    notes = results_assumptions(res, tr)
    assert len(notes) >= 12
    for m in notes:                    # every assumption of the closure and of the tariff, worded
        assert m.english() in text
    assert "Elasticity" in text or "elasticity" in text
    for needle in ("US$", "loaded containers a month", "BTS TransBorder Freight Data, table DOT1",
                   "Border Crossing Entry Data", "Jan 2023 to Dec 2023"):
        assert needle in text
    lines = list(csv.reader(io.StringIO(text)))
    figs = {r[0]: r[1] for r in lines if len(r) == 3}
    assert float(figs["Value rerouted"]) == pytest.approx(model.rerouted_value)
    assert float(figs["Value affected (no longer fits at the closed ports)"]) == pytest.approx(model.affected_value)
    assert float(figs["Extra truck-km"]) == pytest.approx(model.extra_truck_km)
    assert float(figs["Tariff: value at risk"]) == pytest.approx(tr.total_at_risk)
    ports = {r[0]: r for r in lines if len(r) == 9 and r[0].isdigit()}
    assert set(ports) == {r.port for r in model.reroutes}
    top = model.reroutes[0]
    assert float(ports[top.port][3]) == pytest.approx(top.value)
    assert float(ports[top.port][7]) == pytest.approx(top.capacity)
    # the workbook: a sheet per table, the same figures and assumptions
    from openpyxl import load_workbook

    xlsx = panel.export_results(str(tmp_path / "scenario.xlsx"), fmt="xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:2] == ["Scenario key figures", "Value rerouted by port"]
    cells = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c is not None]
    for m in notes:
        assert any(isinstance(c, str) and m.english() in c for c in cells)
    assert model.rerouted_value == pytest.approx(cells[cells.index("Value rerouted") + 1])
    # the clipboard: tab-separated, the same tables
    copied = panel.copy_results()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == copied and notes[0].english() in copied
    assert f"{top.port}\t{top.name}" in copied


def test_several_closed_ports_draw_each_link_and_a_new_crossing(qapp, base):
    """Lines join each closed port to the ports its own freight went to (the model's links), and
    a new crossing of the scenario shows as a receiving port."""
    st = ScenarioState(closed=(YSLETA, LAREDO), days=7, new_crossings=(("Puerto Nuevo", -104.0, 29.6, "truck", 5000),))
    res = run_scenario(base, st)
    smap = scenario_map(res, base.coords, base.names)
    links: dict[tuple[str, str], float] = {}
    for k in res.links:
        links[(k.origin, k.port)] = links.get((k.origin, k.port), 0.0) + k.value
    assert {(ln.origin, ln.port): ln.value for ln in smap.lines} == pytest.approx(links)
    assert {ln.origin for ln in smap.lines} == {YSLETA, LAREDO}
    new = [m for m in smap.receiving if m.new]
    assert [m.name for m in new] == ["Puerto Nuevo"] and new[0].port in res.added_ports
    from desktop.canvas.scenario_painter import ScenarioOverlay
    from geo.core.viewport import Viewport

    overlay = ScenarioOverlay()
    overlay.set_map(smap)
    items = overlay.items(Viewport(0.0, 0.0, 3000.0, 1200, 900))
    assert [it.port for it in items if it.kind == "new"] == [new[0].port]
    assert sorted(it.port for it in items if it.kind == "closed") == sorted([YSLETA, LAREDO])
    assert "New crossing (in the scenario)" in [t for _k, _c, t in overlay.legend_rows()]


# -- live recomputation ---------------------------------------------------------------------------------------
def test_moving_the_days_slider_recomputes_the_latest_setting(qtbot, shared_store):
    session, panel = _session_panel(qtbot, shared_store)
    _run(qtbot, panel, ScenarioState(closed=(YSLETA,), days=7))
    seen = []
    panel.computed.connect(lambda d: seen.append(d["closure"].days))
    panel.days_slider.setSliderDown(True)                      # a drag: the session waits for the release
    for d in (9, 11, 13, 15):
        panel.days_slider.setValue(d)
    assert session.get("scenario").days == 7
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == 15 and panel._task is None, timeout=120_000)
    panel.days_slider.setSliderDown(False)
    panel.days_slider.sliderReleased.emit()
    assert session.get("scenario").days == 15
    model = run_scenario(build_base(shared_store), ScenarioState(closed=(YSLETA,), days=15))
    assert panel.result["closure"].affected_value == pytest.approx(model.affected_value)
    assert panel.days_spin.value() == 15
    # the capacity slider too, through the spin box
    with qtbot.waitSignal(panel.computed, timeout=120_000,
                          check_params_cb=lambda d: d["closure"].state.capacity_pct == 60):
        panel.capacity_spin.setValue(60)
    assert session.get("scenario").capacity_pct == 60 and panel.capacity_slider.value() == 60


# -- checked against what happened ----------------------------------------------------------------------------
def test_april_2022_observed_beside_predicted(qtbot, shared_store):
    from PySide6.QtCore import QDate

    _session, panel = _session_panel(qtbot, shared_store)
    data = _run(qtbot, panel, TEXAS_80)
    assert panel.month() == 202203                              # the default: the scenario's period end
    panel.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(panel.observedShown, timeout=120_000,
                          check_params_cb=lambda o: o["month"] == 202204) as sig:
        panel.month_edit.setDate(QDate(2022, 4, 1))
    rows = {r.port: r for r in sig.args[0]["rows"]}
    observed = {p: round(rows[p].observed_change * 100) for p in (HIDALGO, YSLETA, EL_PASO, LAREDO, SANTA_TERESA)}
    assert observed == {HIDALGO: -26, YSLETA: -21, EL_PASO: -18, LAREDO: -11, SANTA_TERESA: 14}
    res = data["closure"]
    assert rows[SANTA_TERESA].predicted_change == pytest.approx(res.predicted_change(SANTA_TERESA))
    assert rows[SANTA_TERESA].predicted_change > 0
    assert rows[LAREDO].predicted_change < 0 and rows[LAREDO].role == "closed"
    assert not panel.chart.pixmap().isNull()
    heads = [panel.counts.horizontalHeaderItem(j).text() for j in range(panel.counts.columnCount())]
    assert heads[:6] == ["Port", "Feb 2022", "Mar 2022", "Apr 2022", "May 2022", "Jun 2022"]
    cr = shared_store.crossings(port_codes=[SANTA_TERESA], measures=["Trucks"], period=(202204, 202204), by=("month",))
    row = next(i for i in range(panel.counts.rowCount()) if f"({SANTA_TERESA})" in panel.counts.item(i, 0).text())
    assert panel.counts.item(row, 3).text() == f"{int(cr['value'].sum()):,}"
    assert panel.counts.item(row, 6).text() == "+14%"


def test_observed_rows_put_closed_ports_first_and_keep_the_limit():
    import pandas as pd

    df = pd.DataFrame([{"port": str(i), "name": f"P{i}", "closed": i < 2, "2022-03": 10, "2022-04": 10 + i,
                        "observed_change": i / 10, "predicted_change": -i / 100} for i in range(20)])
    rows = observed_rows(df, 202204, limit=6)
    assert [r.port for r in rows[:2]] == ["1", "0"] and {r.role for r in rows[:2]} == {"closed"}
    assert len(rows) == 6 and [r.port for r in rows[2:]] == ["19", "18", "17", "16"]
    assert rows[0].counts == ((202203, 10), (202204, 11))


# -- the window -----------------------------------------------------------------------------------------------
def test_the_panel_fits_a_1366_by_768_window(make_window, qtbot):
    from PySide6.QtCore import Qt

    win = make_window(wait_store=True)
    win.resize(1366, 768)
    act = next(a for a in win.findChildren(type(win.menuBar().actions()[0]))
               if a.text().replace("&", "").startswith("What If a Crossing Closes"))
    act.trigger()
    qtbot.waitUntil(lambda: win.scenario_dock.isVisible())
    panel = win.scenario_panel
    body = panel.scroll.widget()
    assert body.minimumSizeHint().width() <= panel.scroll.viewport().width()   # nothing cut at the right
    assert panel.scroll.verticalScrollBarPolicy() == Qt.ScrollBarAsNeeded         # it scrolls when too tall
    assert win.canvas.width() >= 0.4 * win.width()                               # the map keeps its share


def test_closing_the_window_while_a_scenario_runs_waits_for_it(make_window, qtbot):
    """The store closes with the window: a scenario still computing finishes first, its result is
    dropped, and nothing more starts (a query on a closed store would fail in the worker)."""
    win = make_window(writable_store=True, wait_store=True)
    store = win.session.store
    win.show_scenario_panel()
    panel = win.scenario_panel
    win.session.set("scenario", ScenarioState(closed=("2304",), days=7))
    panel.run()
    assert panel._task is not None                      # computing in a worker
    panel._want_run = True                              # and more waiting behind it
    win.project.history.mark_clean()                    # closing without the "save changes?" question
    win.close()
    assert store._closed and panel._closing
    qtbot.wait(50)                                      # the worker's queued signal arrives: ignored
    assert panel._task is None and not panel._want_run and panel.summary.text() != ""
