"""Issue 15: importing the company's lanes in the window. The lane dialog detects the columns,
previews the rows with each row's problems, shows what a re-import adds, changes and removes
by id before it is applied, and the change can be undone; it is reached from the File menu and
the network panel. The model's side: the change lane by lane, each row's problems, a mapping
that cannot work."""
from __future__ import annotations

import pytest

from geo.network.lanes import LaneChange, check_lane_mapping, import_lanes
from geo.network.model import Network
from geo.network.tables import TableError
from tests.network_demo import LANES, LANES_CSV, write_demo

BAD_ROWS = ("L13,MTY-P1,NOWHERE-9,1000000,truck,87,\n"      # an unknown facility
            "L14,CJS-S1,DAL-W1,doce millones,truck,85,\n")   # a value that is not a number


def _facilities(win, qtbot, path):
    dlg = win.import_company_facilities(str(path))
    dlg.start()
    qtbot.waitUntil(lambda: dlg.result_ is not None, timeout=60000)
    dlg.apply_review_and_accept()
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)


def _checked(dlg, qtbot):
    qtbot.waitUntil(lambda: dlg.result_ is not None and not dlg.checking, timeout=60000)
    return dlg


def _lane_values(net):
    return {lid: (ln.from_id, ln.to_id, ln.value, ln.mode) for lid, ln in net.lanes.items()}


@pytest.fixture
def demo(tmp_path):
    return write_demo(tmp_path)


def test_the_lane_dialog_previews_rows_with_their_problems_and_applies_the_file(make_window, qtbot, tmp_path, demo):
    fac, _ = demo
    lanes = tmp_path / "lanes.csv"
    lanes.write_text(LANES_CSV + BAD_ROWS, encoding="utf-8")
    win = make_window(wait_store=True)
    _facilities(win, qtbot, fac)
    dlg = _checked(win.import_company_lanes(str(lanes)), qtbot)
    # the Spanish headers are recognised
    assert dlg.mapping() == {"lane id": "id", "origen": "from", "destino": "to", "valor anual": "value",
                             "modo": "mode", "hs": "hs", "puerto": "port"}
    assert "12 lanes read, 2 rows with problems (not imported)" in dlg.summary.text()
    # every row of the file is previewed, its problem beside it
    assert dlg.preview.rowCount() == 14
    problems = {dlg.preview.item(r, 1).text(): dlg.preview.item(r, 9).text() for r in range(dlg.preview.rowCount())}
    assert "NOWHERE-9 is not in the network" in problems["L13"]
    assert "doce millones" in problems["L14"] and "not a non-negative number" in problems["L14"]
    assert problems["L01"] == ""
    dlg.only_problems.setChecked(True)
    assert sorted(dlg.preview.item(r, 1).text() for r in range(dlg.preview.rowCount())) == ["L13", "L14"]
    assert "12 added, 0 changed, 0 removed" in dlg.diff_label.text()
    assert dlg.apply_button.isEnabled()
    dlg.apply_button.click()
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)
    assert _lane_values(win.company_network) == LANES          # the network holds the file's lanes
    exp = win.network_view.exposure
    cross = sum(v for lid, (a, b, v, _m) in LANES.items() if lid != "L11")   # L11 is Dallas -> Houston
    assert exp.total == pytest.approx(cross)
    assert win.network_panel.rows()[0][0]                       # the exposure table shows the ports


def test_a_lane_reimport_shows_added_changed_and_removed_and_can_be_undone(make_window, qtbot, tmp_path, demo):
    fac, lanes = demo
    win = make_window(wait_store=True)
    _facilities(win, qtbot, fac)
    _checked(win.import_company_lanes(str(lanes)), qtbot).apply_button.click()
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)
    first = _lane_values(win.company_network)
    updated = tmp_path / "lanes_2025.csv"
    text = LANES_CSV.replace("L01,MTY-P1,DAL-W1,42000000", "L01,MTY-P1,DAL-W1,50000000")
    text = text.replace("L12,CHI-C2,MTY-P1,5500000,truck,84,\n", "")
    text = text.replace("L10,REY-S3,HOU-C1,7300000,truck,39,", "L10,REY-S3,HOU-C1,7300000,truck,39,2305")
    text += "L13,REY-S3,SAT-W3,4100000,truck,39,\nL03,SAL-P2,DET-C3,oops,rail,87,\n"
    updated.write_text(text.replace("L03,SAL-P2,DET-C3,35000000,rail,87,\n", ""), encoding="utf-8")
    dlg = _checked(win.import_company_lanes(str(updated)), qtbot)
    assert "1 added, 2 changed, 2 removed, 8 unchanged" in dlg.diff_label.text()
    shown = {dlg.changes_table.item(r, 1).text(): [dlg.changes_table.item(r, c).text() for c in (0, 2, 3)]
             for r in range(dlg.changes_table.rowCount())}
    assert shown["L13"][0] == "Added" and "REY-S3 → SAT-W3" in shown["L13"][2]
    assert shown["L01"][0] == "Changed" and "value: $42M → $50M" in shown["L01"][2]
    assert shown["L10"][0] == "Changed" and "port: – → 2305" in shown["L10"][2]
    assert shown["L12"][0] == "Removed" and "not in the file" in shown["L12"][2]
    assert shown["L03"][0] == "Removed" and "oops" in shown["L03"][2]       # removed because its row is bad
    assert _lane_values(win.company_network) == first                        # nothing applied yet
    dlg.apply_button.click()
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)
    now = win.company_network.lanes
    assert now["L01"].value == 50e6 and now["L10"].port == "2305" and "L13" in now
    assert "L12" not in now and "L03" not in now and len(now) == 11
    win.project.revert_network_action.trigger()                              # Edit → Revert
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)
    assert _lane_values(win.company_network) == first
    assert win.network_view.exposure.total == pytest.approx(sum(v for lid, (_a, _b, v, _m) in LANES.items()
                                                                if lid != "L11"))


def test_a_mapping_change_checks_the_rows_again(make_window, qtbot, demo):
    fac, lanes = demo
    win = make_window(wait_store=True)
    _facilities(win, qtbot, fac)
    dlg = _checked(win.import_company_lanes(str(lanes)), qtbot)
    dlg.set_field("valor anual", "ignore")
    qtbot.waitUntil(lambda: not dlg.checking and dlg.result_ is not None
                    and all(ln.value is None for ln in dlg.result_.lanes.values()), timeout=60000)
    assert "12 with a warning" in dlg.summary.text()             # neither value nor volume
    dlg.set_field("destino", "from")                              # two columns for "from", none for "to"
    qtbot.waitUntil(lambda: dlg.result_ is None and not dlg.checking, timeout=60000)
    assert "mapped from two columns" in dlg.summary.text()
    assert not dlg.apply_button.isEnabled()
    dlg.reject()
    assert not win.company_network.lanes


def test_the_lane_dialog_is_reached_from_the_menu_and_the_network_panel(make_window, qtbot, monkeypatch, demo):
    fac, lanes = demo
    win = make_window(wait_store=True)
    actions = {a.text().replace("&", ""): a for a in win.menuBar().actions()[0].menu().actions()}
    assert "Import Company Lanes…" in actions
    asked = []
    monkeypatch.setattr("desktop.app.main_window.QMessageBox.information", lambda *a: asked.append(a[2]))
    actions["Import Company Lanes…"].trigger()                   # no facilities yet: says what to do first
    assert asked and "facilities first" in asked[0]
    _facilities(win, qtbot, fac)
    monkeypatch.setattr("desktop.app.main_window.QFileDialog.getOpenFileName", lambda *a, **k: (str(lanes), ""))
    opened = []
    real = win.import_company_lanes
    monkeypatch.setattr(win, "import_company_lanes", lambda path=None: opened.append(real(path)) or opened[-1])
    win.network_panel.import_lanes_button.click()
    assert opened and opened[0] is not None and opened[0].table.source == "demo_lanes.csv"
    _checked(opened[0], qtbot).reject()


# -- the model's side ------------------------------------------------------------------------
def test_the_change_lane_by_lane_and_each_rows_problems(tmp_path):
    from tests.network_demo import demo_network

    net = demo_network()
    p = tmp_path / "l.csv"
    p.write_text("id,from,to,value,mode\nL01,MTY-P1,DAL-W1,1,truck\nL99,MTY-P1,HOU-C1,,truck\n"
                 "L02,MTY-P1,ZZZ,5,truck\n", encoding="utf-8")
    imp = import_lanes(p, net)
    changes = {c.id: c for c in imp.changes(net)}
    assert changes["L01"] == LaneChange("changed", "L01", net.lanes["L01"], imp.lanes["L01"],
                                        (("value", 42e6, 1.0), ("hs_chapter", "87", "")))   # no HS column now
    assert changes["L99"].kind == "added" and changes["L99"].old is None
    assert changes["L02"].kind == "removed" and "ZZZ" in changes["L02"].rejected[0].reason
    assert changes["L05"].kind == "removed" and not changes["L05"].rejected
    problems = imp.row_problems()
    assert set(problems) == {3, 4}                  # L99 lacks an amount (warning), L02 has an unknown end
    assert "neither an annual value nor a volume" in problems[3][0].reason


def test_a_mapping_that_cannot_work_is_refused():
    with pytest.raises(TableError, match="mapped from two columns"):
        check_lane_mapping({"a": "from", "b": "from", "c": "to"}, "x.csv")
    with pytest.raises(TableError, match="no column holds the lanes' to facility"):
        check_lane_mapping({"a": "from", "b": "value"}, "x.csv")
    check_lane_mapping({"a": "from", "b": "to", "c": "ignore"}, "x.csv")
    assert not Network()
