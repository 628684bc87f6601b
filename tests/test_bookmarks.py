"""Bookmarks (issue 14): the evented list, the round trip through the project file, the panel
(add, rename, reorder, update, delete, notes, click shows) marking the project modified, and
``frontera bookmarks add|list|remove``."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from geo.query import TradeFilter
from geo.session import Session
from geo.session.bookmarks import Bookmarks
from geo.session.project import read_project, write_project


def _two(store):
    s = Session(None, store)
    bm = Bookmarks()
    events = []
    bm.changed.connect(lambda: events.append(len(bm)))
    s.set_extent((-118.0, 30.0, -108.0, 35.0))
    bm.add("West", s, notes="Tijuana and Mexicali")
    s.update("filter", modes=("6",), trade_type="export")
    s.set("panel", s.get("panel").opened(("port", "2304")))
    s.select("ports", "2304")
    s.set_extent((-101.0, 25.0, -96.0, 28.5))
    bm.add("Laredo by rail", s, notes="line one\nline two")
    return s, bm, events


def test_edits_are_evented_and_apply_restores_the_view(shared_store):
    s, bm, events = _two(shared_store)
    assert bm.names() == ["West", "Laredo by rail"] and events == [1, 2]
    bm.rename(0, "  Baja  ")
    bm.move(1, 0)
    assert bm.names() == ["Laredo by rail", "Baja"] and len(events) == 4
    bm.rename(1, "")  # not a name: ignored
    assert bm.names() == ["Laredo by rail", "Baja"] and len(events) == 4
    bm.apply(1, s)
    assert s.filter.modes == () and s.view.extent == (-118.0, 30.0, -108.0, 35.0) and s.selection.feature is None
    s.update("filter", country="CA")
    bm.update(1, s)
    bm.apply(0, s)
    assert s.filter.modes == ("6",) and s.filter.trade_type == "export" and s.filter.country == "MX"
    assert s.get("panel").open == ("port", "2304") and s.selection.feature == "2304"
    bm.apply(1, s)
    assert s.filter.country == "CA"
    assert bm.unique_name("Baja") == "Baja (2)"
    assert bm.remove(0).name == "Laredo by rail" and bm.names() == ["Baja"]


def test_bookmarks_round_trip_through_the_project(shared_store, tmp_path):
    from geo.session.project import project_of

    s, bm, _ = _two(shared_store)
    path = write_project(tmp_path / "deck.frontera", project_of(s, bm.items))
    back = Bookmarks(read_project(path).bookmarks)
    assert [(b.name, b.notes) for b in back] == [("West", "Tijuana and Mexicali"),
                                                 ("Laredo by rail", "line one\nline two")]
    assert [b.session for b in back] == [b.session for b in bm]
    other = Session(None, shared_store)
    back.apply(1, other)
    assert other.to_dict() == bm[1].session
    assert other.filter == TradeFilter(period=other.filter.period, trade_type="export", country="MX", modes=("6",))


def test_a_bad_bookmark_session_is_refused(shared_store):
    from geo.session import SessionError

    with pytest.raises(SessionError):
        Bookmarks().add("x", {"schema": 1, "filter": {"nonsense": 1}})


# --- the panel in the window --------------------------------------------------------------------
def test_panel_edits_mark_the_project_modified_and_are_saved(make_window, qtbot, tmp_path):
    win = make_window(wait_store=True)
    panel, pc = win.bookmarks_panel, win.project
    view_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    assert win.bookmarks_dock.toggleViewAction() in view_menu.actions()
    assert not pc.modified
    win.session.set_extent((-118.0, 30.0, -108.0, 35.0))
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    assert pc.modified and win.isWindowModified() and panel.list.count() == 1
    path = tmp_path / "b.frontera"
    pc.ask_path = lambda save: str(path)
    assert pc.save_as() and not pc.modified
    # rename in place, notes, a second bookmark, reorder with Down, update, delete
    panel.list.item(0).setText("Baja")
    assert pc.bookmarks[0].name == "Baja" and pc.modified
    panel.notes.setPlainText("Say hello")
    panel.commit_notes()
    win.session.update("filter", modes=("6",))
    panel.add()
    panel.list.setCurrentRow(0)
    panel.move_current(1)
    assert [b.name for b in pc.bookmarks] == ["View 2", "Baja"] and panel.list.currentRow() == 1
    assert panel.notes.toPlainText() == "Say hello"
    win.session.update("filter", modes=("5",))
    panel.update_current()
    assert pc.bookmarks[1].session["filter"]["modes"] == ["5"]
    # a click shows the bookmark
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=panel.list.visualItemRect(panel.list.item(0)).center())
    assert win.session.filter.modes == ("6",)
    assert pc.save()
    saved = read_project(path).bookmarks
    assert [(b.name, b.notes) for b in saved] == [("View 2", ""), ("Baja", "Say hello")]
    panel.list.setCurrentRow(0)
    panel.delete_current()
    assert [b.name for b in pc.bookmarks] == ["Baja"] and pc.modified
    # opening another project replaces the list and is not a change
    pc.history.mark_clean()
    assert pc.open(path, ask_to_save=False)
    assert panel.list.count() == 2 and not pc.modified


# --- the command line -----------------------------------------------------------------------------
def test_cli_add_list_remove(shared_store_path, tmp_path, capsys):
    from cli.main import main

    p = tmp_path / "r.frontera"
    store = ["--store", str(shared_store_path)]
    assert main(["bookmarks", "add", "--project", str(p), "--name", "Laredo 2021", *store, "--from", "2021-01",
                 "--to", "2021-12", "--extent", "-101,25,-96,28.5", "--select", "port:2304",
                 "--notes", "The busiest land port"]) == 0
    assert main(["bookmarks", "add", "--project", str(p), "--name", "Rail", *store, "--mode", "rail",
                 "--country", "both", "--flows", "on"]) == 0
    assert main(["bookmarks", "add", "--project", str(p), "--name", "Rail", *store]) == 2  # taken
    assert main(["bookmarks", "add", "--project", str(p), "--name", "x", *store, "--select", "port:99999"]) == 2
    assert main(["bookmarks", "add", "--project", str(p), "--name", "x", *store, "--extent", "1,2,3"]) == 2
    capsys.readouterr()
    assert main(["bookmarks", "list", "--project", str(p), "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [b["name"] for b in items] == ["Laredo 2021", "Rail"]
    first, rail = items
    assert first["filter"]["period"] == [202101, 202112] and first["extent"] == [-101.0, 25.0, -96.0, 28.5]
    assert first["open_panel"] == ["port", "2304"] and first["selection"] == {"layer": "ports", "feature": "2304"}
    assert first["notes"] == "The busiest land port"
    assert rail["filter"]["modes"] == ["6"] and "country" not in rail["filter"] and rail["flows_visible"]
    parts = Session.parse(read_project(p).bookmarks[1].session)
    assert parts["filter"].country is None and parts["filter"].period == (202101, 202112)
    assert main(["bookmarks", "remove", "--project", str(p), "--name", "Laredo 2021"]) == 0
    assert main(["bookmarks", "remove", "--project", str(p), "--name", "nope"]) == 2
    assert [b.name for b in read_project(p).bookmarks] == ["Rail"]
    capsys.readouterr()
    assert main(["bookmarks", "list", "--project", str(p)]) == 0
    assert "1. Rail  [2021-01..2021-12; modes=6]" in capsys.readouterr().out
