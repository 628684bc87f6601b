"""The project document: one ``.frontera`` file per analysis, self-contained so it can be
mailed and reopened months later.

The file is a SQLite database (never pickle or anything that executes):

==================  ==========================================================================
``meta``            key/value: ``format`` ("frontera-project"), ``schema`` (this module's
                    :data:`SCHEMA_VERSION`), ``app_version``, ``created``, ``saved``
``session``         the session as JSON (``Session.to_dict()``, its own schema inside)
``bookmarks``       named views: position, name, notes, session JSON
``pins``            pinned comparisons: position, kind, id
``vintage``         the data the project was made with: the store's schema, its imports, and
                    the figures of the saved view (to tell the user when the store differs)
``company_*``       the company's own network and scenarios (later issues add these tables)
==================  ==========================================================================

Saves are atomic: the document is written to a temporary file in the same folder, flushed,
fsynced and renamed over the old one, so a crash or kill during a save leaves the previous
file intact. Opening validates everything first and raises :class:`ProjectError` (a
:class:`~geo.core.messages.MessageError` naming the file and the problem) without changing
anything; an older schema is migrated, a newer one refused.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from geo.core.messages import MessageError, msg

FORMAT = "frontera-project"
SCHEMA_VERSION = 2  # 2: company_facilities and company_lanes (the company network, geo.network)
SUFFIX = ".frontera"
AUTOSAVE_SUFFIX = ".frontera-autosave"

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE session (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL);
CREATE TABLE bookmarks (position INTEGER PRIMARY KEY, name TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
                        session TEXT NOT NULL);
CREATE TABLE pins (position INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL);
CREATE TABLE vintage (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _network_tables() -> str:
    """The company network's tables (schema 2), their columns defined by :mod:`geo.network.model`."""
    from geo.network.model import FACILITY_COLUMNS, FACILITY_TABLE, LANE_COLUMNS, LANE_TABLE

    return "".join(f'CREATE TABLE "{t}" ({", ".join(f"{c} {ty}" for c, ty in cols)});\n'
                   for t, cols in ((FACILITY_TABLE, FACILITY_COLUMNS), (LANE_TABLE, LANE_COLUMNS)))


class ProjectError(MessageError):
    """A project file that cannot be opened or saved; the message names file and problem."""


@dataclass
class Bookmark:
    name: str
    session: dict
    notes: str = ""


@dataclass
class Project:
    """What a project file holds, as plain data (the session as its JSON dict)."""

    session: dict
    bookmarks: list[Bookmark] = field(default_factory=list)
    pins: list[tuple[str, str]] = field(default_factory=list)
    vintage: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    #: extra tables later features add: name -> (columns, rows)
    tables: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)


# -- migrations --------------------------------------------------------------------------------
#: project schema N -> function upgrading an open connection from N to N+1 (in place, inside
#: the read transaction of a private copy); every later change adds one and a test.
def _add_network_tables(con: sqlite3.Connection) -> None:
    con.executescript(_network_tables())


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _add_network_tables,   # 1 -> 2: the company network's empty tables
}


def _error(path, code: str, **params) -> ProjectError:
    return ProjectError(msg(code, "error", file=str(path), **params))


# -- reading -----------------------------------------------------------------------------------
def read_project(path: str | Path) -> Project:
    """Open and validate a project file; raises :class:`ProjectError` and changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise _error(path, "project.missing")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head != b"SQLite format 3\x00":
        raise _error(path, "project.not_a_project")
    # read a private copy: a migration never touches the user's file, and a file that is
    # being written by another program cannot change under us
    with tempfile.TemporaryDirectory(prefix="frontera-open-") as tmp:
        copy = Path(tmp) / "p.sqlite"
        copy.write_bytes(path.read_bytes())
        try:
            con = sqlite3.connect(copy)
            try:
                return _read(con, path)
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            raise _error(path, "project.damaged", detail=str(exc)) from None


def _read(con: sqlite3.Connection, path: Path) -> Project:
    from geo.session.model import Session, SessionError

    check = con.execute("PRAGMA integrity_check").fetchone()
    if not check or check[0] != "ok":
        raise _error(path, "project.damaged", detail=str(check[0] if check else "no answer"))
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        raise _error(path, "project.not_a_project")
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT:
        raise _error(path, "project.not_a_project")
    try:
        schema = int(meta.get("schema", ""))
    except ValueError:
        raise _error(path, "project.damaged", detail="no schema version") from None
    if schema > SCHEMA_VERSION:
        raise _error(path, "project.newer", found=schema, supported=SCHEMA_VERSION)
    while schema < SCHEMA_VERSION:
        MIGRATIONS[schema](con)
        schema += 1
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = {"session", "bookmarks", "pins", "vintage"} - tables
    if missing:
        raise _error(path, "project.damaged", detail="missing tables: " + ", ".join(sorted(missing)))
    row = con.execute("SELECT data FROM session WHERE id = 1").fetchone()
    if row is None:
        raise _error(path, "project.damaged", detail="no session")
    try:
        session = json.loads(row[0])
        Session.parse(session)  # validate now: a bad session is the file's problem
        bookmarks = []
        for name, notes, data in con.execute("SELECT name, notes, session FROM bookmarks ORDER BY position"):
            d = json.loads(data)
            Session.parse(d)
            bookmarks.append(Bookmark(str(name), d, str(notes)))
    except (json.JSONDecodeError, SessionError) as exc:
        raise _error(path, "project.bad_session", detail=str(exc)) from None
    pins = [(str(k), str(i)) for k, i in con.execute("SELECT kind, id FROM pins ORDER BY position")]
    vintage = {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM vintage")}
    extra = {}
    for t in sorted(tables - {"meta", "session", "bookmarks", "pins", "vintage"}):
        cur = con.execute(f'SELECT * FROM "{t}"')
        extra[t] = ([d[0] for d in cur.description], cur.fetchall())
    return Project(session, bookmarks, pins, vintage, meta, extra)


# -- writing -----------------------------------------------------------------------------------
def write_project(path: str | Path, project: Project, app_version: str = "") -> Path:
    """Write ``project`` to ``path`` atomically (temp file in the same folder, fsync, rename)."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise _error(path, "project.no_folder")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _error(path, "project.cannot_write", detail=exc.strerror or str(exc)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        _remove_stale_parts(path)
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode = OFF")  # a private temp file: fsync + rename make it safe
            con.executescript(_TABLES + _network_tables())
            made = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            now = time.strftime("%Y-%m-%dT%H:%M:%S")
            meta = {"format": FORMAT, "schema": str(SCHEMA_VERSION), "app_version": app_version,
                    "created": project.meta.get("created", now), "saved": now}
            con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
            con.execute("INSERT INTO session VALUES (1, ?)", (json.dumps(project.session, sort_keys=True),))
            con.executemany("INSERT INTO bookmarks VALUES (?, ?, ?, ?)",
                            [(i, b.name, b.notes, json.dumps(b.session, sort_keys=True))
                             for i, b in enumerate(project.bookmarks)])
            con.executemany("INSERT INTO pins VALUES (?, ?, ?)",
                            [(i, k, v) for i, (k, v) in enumerate(project.pins)])
            con.executemany("INSERT INTO vintage VALUES (?, ?)",
                            [(k, json.dumps(v, sort_keys=True)) for k, v in project.vintage.items()])
            for name, (cols, rows) in project.tables.items():
                if name not in made:
                    con.execute(f'CREATE TABLE "{name}" ({", ".join(chr(34) + c + chr(34) for c in cols)})')
                if rows:
                    con.executemany(f'INSERT INTO "{name}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                                    f'VALUES ({", ".join("?" * len(cols))})', rows)
            con.commit()
        finally:
            con.close()
        with open(tmp, "rb+") as fh:  # flush the file's bytes to the disk before the rename
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        try:
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)  # and the rename itself
            finally:
                os.close(dfd)
        except OSError:
            pass
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _error(path, "project.cannot_write", detail=exc.strerror or str(exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _remove_stale_parts(path: Path, age_s: float = 600.0) -> None:
    """Temp files a killed save left behind (older than ``age_s``, so a save running in
    another process right now is left alone)."""
    now = time.time()
    for f in path.parent.glob(f".{path.name}.*.part"):
        try:
            if now - f.stat().st_mtime > age_s:
                f.unlink()
        except OSError:
            pass


# -- the data vintage ------------------------------------------------------------------------
def vintage_of(session) -> dict[str, Any]:
    """What the figures of this view were made from: the store's schema and imports, and
    the totals of the view's filter (to tell, on opening, whether the store differs)."""
    store = session.store
    out: dict[str, Any] = {"made": time.strftime("%Y-%m-%dT%H:%M:%S")}
    if store is None:
        return out
    out["store_schema"] = str(getattr(store, "schema_version", ""))
    try:
        out["imports"] = [str(x) for x in store.import_history_ids()] if hasattr(store, "import_history_ids") else []
    except Exception:  # noqa: BLE001 - the vintage is informative; never block a save on it
        out["imports"] = []
    out["figures"] = view_figures(session)
    return out


def view_figures(session) -> dict[str, float]:
    """A fingerprint of the figures the view shows: the total of the filter, per table."""
    store = session.store
    if store is None:
        return {}
    from geo.query import FilterError, NotAnswerableError

    try:
        t = store.totals(session.effective_filter)
    except (FilterError, NotAnswerableError):
        return {}
    return {"value": float(t.value), "records": float(t.records)}


def vintage_differences(saved: dict[str, Any], session) -> list[tuple[str, float, float]]:
    """(figure, saved, now) for every figure of the view that the current store answers
    differently; empty when the store agrees with the one the project was saved with."""
    before = saved.get("figures") or {}
    now = view_figures(session)
    return [(k, float(v), float(now.get(k, 0.0))) for k, v in before.items()
            if abs(float(v) - float(now.get(k, 0.0))) > 0.5]


# -- session <-> project ------------------------------------------------------------------------
def project_of(session, bookmarks=None, pins=None, meta=None, network=None) -> Project:
    """The project of a session; ``network`` (a :class:`geo.network.model.Network`) fills the
    company tables, as ``frontera facilities`` writes them."""
    return Project(session.to_dict(), list(bookmarks or []), list(pins or []), vintage_of(session),
                   dict(meta or {}), network.tables() if network is not None else {})


def autosave_path(path: Path | None, untitled_dir: Path) -> Path:
    """The side file autosave writes: next to the project, or in the user's data folder for
    an untitled one."""
    if path is not None:
        return path.with_name(path.name + "-autosave" if path.suffix == SUFFIX else path.name + AUTOSAVE_SUFFIX)
    return untitled_dir / ("untitled" + AUTOSAVE_SUFFIX)


def describe(project: Project) -> dict[str, Any]:
    """What a project holds, for ``frontera project info`` (scripts and support)."""
    s = project.session
    f = s.get("filter", {})
    return {
        "format": project.meta.get("format"), "schema": project.meta.get("schema"),
        "app_version": project.meta.get("app_version"), "created": project.meta.get("created"),
        "saved": project.meta.get("saved"), "session_schema": s.get("schema"),
        "filter": {k: v for k, v in f.items() if v not in (None, [], "")},
        "style": s.get("style"), "flows_visible": (s.get("flows") or {}).get("visible"),
        "selection": s.get("selection"), "extent": (s.get("view") or {}).get("extent"),
        "open_panel": (s.get("panel") or {}).get("open"),
        "bookmarks": [{"name": b.name, "notes": b.notes} for b in project.bookmarks],
        "pins": [list(p) for p in project.pins],
        "vintage": project.vintage,
        "tables": {k: len(rows) for k, (_c, rows) in project.tables.items()},
    }
