"""Projects: one self-contained SQLite file that survives being saved, killed, mailed and
reopened; undo/redo of every session change."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.session import Session
from geo.session import project as project_mod
from geo.session.history import History
from geo.session.project import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Bookmark,
    Project,
    ProjectError,
    describe,
    project_of,
    read_project,
    vintage_differences,
    write_project,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def session(shared_store, content):
    s = Session(content.layers, shared_store)
    s.update("filter", period=(201501, 201501), modes=("truck",))
    s.update("style", state_metric="mx_state", classification="equal_interval")
    s.show_flows(True)
    s.select("ports", "2304")
    s.set_extent((-110.0, 24.0, -95.0, 33.0))
    s.set("panel", s.get("panel").opened(("port", "2304")))
    return s


def test_round_trip_in_a_fresh_process_restores_every_setting(session, tmp_path):
    path = tmp_path / "analysis.frontera"
    write_project(path, project_of(session, [Bookmark("Laredo", session.to_dict(), "note")], [("port", "2304")]))
    code = f"""
import json, sys
from geo.session.project import read_project
from geo.session import Session
p = read_project({str(path)!r})
Session.parse(p.session)
print(json.dumps({{"session": p.session, "bookmarks": [b.name for b in p.bookmarks], "pins": p.pins}}))
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["session"] == json.loads(json.dumps(session.to_dict()))
    assert out["bookmarks"] == ["Laredo"] and out["pins"] == [["port", "2304"]]


def test_a_mailed_project_opens_from_another_folder(session, tmp_path, shared_store, content):
    path = tmp_path / "a" / "mine.frontera"
    path.parent.mkdir()
    write_project(path, project_of(session))
    other = tmp_path / "other-user" / "Downloads"
    other.mkdir(parents=True)
    shutil.copy(path, other / "mine.frontera")
    os.chmod(other / "mine.frontera", 0o444)  # a read-only attachment still opens
    p = read_project(other / "mine.frontera")
    fresh = Session(content.layers, shared_store)
    fresh.from_dict(p.session)
    assert fresh.filter == session.filter and fresh.get("panel").open == ("port", "2304")
    assert not vintage_differences(p.vintage, fresh)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "not_sqlite", "future", "bad_session",
                                    "no_session_table"])
def test_damaged_truncated_or_future_files_give_a_message_and_change_nothing(session, tmp_path, damage):
    path = tmp_path / "p.frontera"
    write_project(path, project_of(session))
    raw = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        path.write_bytes(raw[:100] + os.urandom(len(raw) - 100))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not_sqlite":
        path.write_text("name,value\n1,2\n")
    else:
        con = sqlite3.connect(path)
        if damage == "future":
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
        elif damage == "bad_session":
            con.execute("UPDATE session SET data = ?", (json.dumps({"schema": 1, "filter": {"colour": 1}}),))
        else:
            con.execute("DROP TABLE session")
        con.commit()
        con.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError) as exc:
        read_project(path)
    text = str(exc.value)
    assert str(path) in text
    expected = {"future": "newer Frontera", "bad_session": "Unknown setting colour",
                "not_sqlite": "not a Frontera project", "empty": "not a Frontera project"}
    assert expected.get(damage, "damaged") in text
    assert path.read_bytes() == before  # opening changed nothing


def test_a_project_made_before_a_schema_change_opens_after_it(session, tmp_path, monkeypatch):
    """The migration machinery: a version-N file goes through MIGRATIONS[N] on a private copy."""
    path = tmp_path / "old.frontera"
    write_project(path, project_of(session))
    original = path.read_bytes()
    monkeypatch.setattr(project_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    def add_company(con):
        con.execute('CREATE TABLE company_scenarios ("id", "name")')

    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION, add_company)
    p = read_project(path)
    assert "company_scenarios" in p.tables and p.session == json.loads(json.dumps(session.to_dict()))
    assert path.read_bytes() == original  # the user's file is not migrated in place


_KILLER = """
import sys, time
from pathlib import Path
from geo.session.project import Project, Bookmark, write_project
sess = {"schema": 1}
big = [Bookmark(f"b{i}", sess, "x" * 20000) for i in range(400)]
path = Path(sys.argv[1])
print("ready", flush=True)
while True:
    write_project(path, Project(sess, big))
"""


def test_a_save_killed_midway_leaves_the_old_file_readable(session, tmp_path):
    path = tmp_path / "p.frontera"
    write_project(path, project_of(session, [Bookmark("keep", session.to_dict())]))
    import random

    rng = random.Random(7)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", _KILLER, str(path)], cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        line = proc.stdout.readline().strip()
        if line != b"ready":
            proc.kill()
            raise AssertionError(f"the saving process did not start: {proc.communicate()[1].decode()[-2000:]}")
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        p = read_project(path)  # never a half-written file
        assert p.bookmarks and p.bookmarks[0].name in ("keep", "b0")
    leftovers = [f for f in tmp_path.iterdir() if f.name != "p.frontera"]
    assert all(f.name.endswith(".part") for f in leftovers)


def test_undo_and_redo_restore_each_step_and_name_it(session):
    h = History(session)
    start = session.to_dict()
    session.update("filter", modes=("rail",))
    session.update("style", classes=4)
    for _ in range(5):  # a drag: many extents, one step
        session.set_extent((-110.0, 24.0 + _ * 0.1, -95.0, 33.0))
    assert [s.part for s in h.undo_steps] == ["filter", "style", "view"]
    assert h.undo_label.english() == "view: extent = -110, 24.4, -95, 33"
    h.undo()
    h.undo()
    assert session.style.classes == 5
    label = h.undo_label.english()
    assert label == "filter: modes = 6"
    h.undo()
    assert session.to_dict() == start and not h.can_undo
    h.redo()
    assert session.filter.modes == ("6",) and h.redo_label.english() == "style: classes = 4"
    session.update("filter", country="CA")  # a new change clears the redo steps
    assert not h.can_redo and h.modified
    h.mark_clean()
    assert not h.modified


def test_navigation_alone_never_asks_to_save_but_other_changes_do(session):
    h = History(session)
    session.set_extent((-108.0, 25.0, -96.0, 32.0))  # pan/zoom: undoable, not a modification
    assert h.can_undo and not h.modified
    session.update("style", classes=4)
    assert h.modified
    h.mark_clean()
    h.undo()  # back past the saved state: modified again
    assert h.modified
    h.redo()
    assert not h.modified
    h.undo()
    session.update("style", classes=3)  # a new branch: the saved state can no longer be reached
    h.undo()
    assert h.modified


def test_project_info_describes_what_it_holds(session, tmp_path):
    path = tmp_path / "p.frontera"
    write_project(path, project_of(session, [Bookmark("Laredo", session.to_dict(), "n")]))
    info = describe(read_project(path))
    assert info["filter"]["modes"] == ["5"] and info["bookmarks"] == [{"name": "Laredo", "notes": "n"}]
    assert info["open_panel"] == ["port", "2304"] and info["vintage"]["figures"]["value"] > 0


def test_a_store_with_other_figures_is_noticed(session, tmp_path):
    p = project_of(session)
    p.vintage["figures"]["value"] += 1000
    diffs = vintage_differences(p.vintage, session)
    assert diffs and diffs[0][0] == "value"


def test_writing_into_a_missing_folder_is_a_clear_error(session, tmp_path):
    with pytest.raises(ProjectError) as exc:
        write_project(tmp_path / "nope" / "p.frontera", project_of(session))
    assert "folder does not exist" in str(exc.value)
    assert isinstance(Project({}).bookmarks, list)


def test_frontera_project_info_prints_what_it_holds(session, tmp_path):
    path = tmp_path / "p.frontera"
    write_project(path, project_of(session, [Bookmark("Laredo", session.to_dict(), "n")]))
    r = subprocess.run([sys.executable, "-m", "cli", "project", "info", str(path), "--format", "json"], cwd=REPO,
                       capture_output=True, text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["bookmarks"][0]["name"] == "Laredo" and info["filter"]["modes"] == ["5"]
    bad = tmp_path / "bad.frontera"
    bad.write_text("hello")
    r = subprocess.run([sys.executable, "-m", "cli", "project", "info", str(bad)], cwd=REPO,
                       capture_output=True, text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 2 and "is not a Frontera project" in r.stderr and "Traceback" not in r.stderr
