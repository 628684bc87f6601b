"""The embedded DuckDB store (one file in the user's data directory, or ``--store PATH``).

Schema (codes are dictionary-coded ENUMs over the whole code *pattern* space, so new codes
never need a migration; validation against the BTS code tables happens at import):

``freight``        the store's own TransBorder records (imports, and the bundled slices an
                   import took over): ``src`` (1 DOT1, 2 DOT2, 3 DOT3),
                   ``year_month`` (202101), ``trade_type`` (1/2), ``country`` (1220/2010),
                   ``mode``, ``us_state``, ``port``, ``mx_state``, ``can_prov``, ``commodity``
                   (NULL where the table has no such column), ``df``, ``contcode``, ``value``,
                   ``shipwt``, ``freight_charges``, ``import_id``
``bundle_taken``   the (src, year_month, country) slices of the bundled tables the store took
                   over (``taken_by``: the import that did; NULL: held before schema 4)
``crossings``      ``port_code, measure, year_month, value`` (Border Crossing/Entry counts)
``crossing_ports`` ``port_code, port_name, state, border, latitude, longitude``
``import_log``     one row per imported file

The bundled raw freight tables (``data/store/freight-DOT*.parquet``) are never copied into the
store: every connection reads them in place through the TEMP view ``bundle_freight`` (same
columns and types as ``freight``; the path is the app's bundle at this open, so moving the app
folder is harmless), and every reader of trade rows reads ``freight_all`` = ``freight`` +
the bundled rows of the slices not in ``bundle_taken``. Before an import merges, the bundled
rows of the slices it touches are copied into ``freight`` and the slices recorded as taken (same
transaction), so the merge, consent, undo and purge work on ``freight`` alone; undoing the
import that took a slice gives it back to the bundle. The rollups are native tables.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import string
import threading
import uuid
from pathlib import Path
from typing import Callable, Iterable, Sequence

import duckdb
import numpy as np
import pandas as pd

from geo.core.paths import user_data_dir
from geo.data import summaries as _summaries
from geo.data.codes import COUNTRY_ISO, CodeTables, bundled_data_dir, bundled_freight_files, code_tables
from geo.imports import import_history, purge_replaced, run_import, undo_import
from geo.imports.crossings import MEASURES
from geo.imports.report import CancelToken, ImportFailed, ImportReport
from geo.query import (
    SRC_ID,
    SRC_NAME,
    Caveat,
    FilterError,
    QueryPlan,
    Totals,
    TradeFilter,
    format_ym,
    normalise_by,
    parse_period,
)
from geo.query import caveats as _caveats
from geo.query import plan as _plan
from geo.query.trade import SUMMARY_TABLES, UNASSIGNED_STATES, PartialMonth
from geo.store import rollups
from geo.store.base import Store, StoreChange, StoreError, StoreLockedError

__all__ = ["DuckDBStore", "default_store_path", "open_store", "SCHEMA_VERSION"]

SCHEMA_VERSION = "4"

_PORTS = [f"{i:04d}" for i in range(10000)] + [f"{i:02d}XX" for i in range(100)]
_ST2 = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
_HS2 = [f"{i:02d}" for i in range(100)]

_SCHEMA = """
CREATE TABLE meta (key VARCHAR, value VARCHAR);
CREATE TABLE freight (
    src UTINYINT NOT NULL, year_month INTEGER NOT NULL, trade_type UTINYINT NOT NULL,
    country USMALLINT NOT NULL, mode UTINYINT NOT NULL,
    us_state st2_t, port port_t, mx_state st2_t, can_prov st2_t, commodity hs2_t,
    df UTINYINT, contcode cont_t,
    value BIGINT NOT NULL, shipwt BIGINT, freight_charges BIGINT);
CREATE TABLE crossings (port_code port_t NOT NULL, measure VARCHAR NOT NULL,
    year_month INTEGER NOT NULL, value BIGINT NOT NULL);
CREATE TABLE crossing_ports (port_code port_t, port_name VARCHAR, state VARCHAR, border VARCHAR,
    latitude DOUBLE, longitude DOUBLE);
CREATE TABLE import_log (imported_at TIMESTAMP, file VARCHAR, kind VARCHAR, rows_loaded BIGINT,
    rows_rejected BIGINT, rows_replaced BIGINT, periods VARCHAR);
"""

#: schema 3: import history (``import_id`` on every stored row, the rows an import replaced
#: kept until purged) - also the migration from schema 2
_SCHEMA_3 = """
ALTER TABLE freight ADD COLUMN import_id INTEGER;
ALTER TABLE crossings ADD COLUMN import_id INTEGER;
ALTER TABLE crossing_ports ADD COLUMN name_ym INTEGER;
ALTER TABLE crossing_ports ADD COLUMN import_id INTEGER;
CREATE TABLE freight_replaced AS SELECT *, CAST(NULL AS INTEGER) AS replaced_by FROM freight LIMIT 0;
CREATE TABLE crossings_replaced AS SELECT *, CAST(NULL AS INTEGER) AS replaced_by FROM crossings LIMIT 0;
CREATE TABLE crossing_ports_replaced AS SELECT *, CAST(NULL AS INTEGER) AS replaced_by
    FROM crossing_ports LIMIT 0;
CREATE TABLE import_history (import_id INTEGER PRIMARY KEY, imported_at TIMESTAMP, status VARCHAR,
    replace BOOLEAN, files INTEGER, rows_added BIGINT, rows_replaced BIGINT, rows_unchanged BIGINT,
    rows_deleted BIGINT, rows_rejected BIGINT, summary VARCHAR, undone_at TIMESTAMP,
    purged_at TIMESTAMP);
CREATE TABLE import_files (import_id INTEGER, file VARCHAR, sha256 VARCHAR, kind VARCHAR,
    rows_loaded BIGINT, rows_rejected BIGINT, rows_duplicate BIGINT, rows_replaced BIGINT,
    rows_deleted BIGINT, periods VARCHAR);
CREATE TABLE import_slices (import_id INTEGER, src UTINYINT, year_month INTEGER, country USMALLINT);
UPDATE crossing_ports p SET name_ym = m.ym
    FROM (SELECT port_code, max(year_month) AS ym FROM crossings GROUP BY 1) m
    WHERE m.port_code = p.port_code;
"""

#: schema 4: the bundled freight tables are read in place; ``bundle_taken`` lists the slices
#: the store took over (see the module docstring)
_SCHEMA_4 = """
CREATE TABLE bundle_taken (src UTINYINT NOT NULL, year_month INTEGER NOT NULL, country USMALLINT NOT NULL,
    taken_by INTEGER);
"""

_FREIGHT_COLS = ("src", "year_month", "trade_type", "country", "mode", "us_state", "port",
                 "mx_state", "can_prov", "commodity", "df", "contcode", "value", "shipwt",
                 "freight_charges")
_ENUM_COLS = {"us_state": "st2_t", "port": "port_t", "mx_state": "st2_t", "can_prov": "st2_t",
              "commodity": "hs2_t", "contcode": "cont_t"}
_BY_COLUMN = {"month": "year_month", "year": "year_month // 100", "trade_type": "trade_type",
              "country": "country", "mode": "mode", "port": "port", "us_state": "us_state",
              "mx_state": "mx_state", "commodity": "commodity", "ca_prov": "can_prov"}
_BY_DIM = {"trade_type": "trade_type", "country": "country", "mode": "mode", "port": "port",
           "us_state": "us_state", "mx_state": "mx_state", "commodity": "commodity",
           "ca_prov": "ca_prov"}
_BORDERS = {"mexico": "US-Mexico Border", "mx": "US-Mexico Border", "us-mexico": "US-Mexico Border",
            "canada": "US-Canada Border", "ca": "US-Canada Border", "us-canada": "US-Canada Border"}
_AMOUNTS = ("value", "shipwt", "freight_charges", "records")


def default_store_path() -> Path:
    """``$FRONTERA_ATLAS_STORE`` or ``<user data dir>/frontera-atlas/store.duckdb``."""
    env = os.environ.get("FRONTERA_ATLAS_STORE")
    if env:
        return Path(env)
    return user_data_dir() / "store.duckdb"


class _Meta(dict):
    """A frame's metadata (``df.attrs`` values): never changed after the query, so pandas,
    which deep-copies ``attrs`` on every frame operation, shares it instead of copying."""

    def __deepcopy__(self, memo):
        return self


class _MetaList(list):
    def __deepcopy__(self, memo):
        return self


def open_store(path: str | Path | None = None, *, read_only: bool = False,
               with_default_data: bool = True) -> "DuckDBStore":
    """Open (creating on first use) the store at ``path`` or the user's default store.

    A new store is filled from the bundled default tables (``data/store``) unless
    ``with_default_data`` is False; creation happens under a temporary name and is linked
    into place, so an interrupted first run never leaves a half-built store, and when two
    threads or processes create the same store at once, one store wins and both open it.
    Every failure is a :class:`StoreError` (:class:`StoreLockedError` when another process
    holds the store), never a raw DuckDB exception.
    """
    path = Path(path) if path else default_store_path()
    try:
        if not path.exists():
            if read_only:
                raise StoreError(f"No store at {path}.")
            _build_store(path, with_default_data)
        bundle = bundled_data_dir() / "store"
        return DuckDBStore(path, read_only=read_only, bundle_dir=bundle if with_default_data else None)
    except duckdb.Error as exc:
        raise StoreError(f"Cannot open the store {path}: {str(exc).splitlines()[0]}") from None


def _build_store(path: Path, with_default_data: bool) -> None:
    """Build a new store under a name no other thread or process uses, then publish it with
    an atomic link that never replaces a store another builder published first."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the folder {path.parent}: {exc.strerror or exc}.") from None
    tmp = path.with_name(f".{path.name}.building-{os.getpid()}-{threading.get_ident()}-"
                         f"{uuid.uuid4().hex[:12]}")
    bundle = bundled_data_dir() / "store"
    try:
        s = DuckDBStore(tmp, bundle_dir=bundle if with_default_data and
                        (bundle / "manifest.json").exists() else None)
        try:
            s.checkpoint()
        finally:
            s.close()
        try:
            os.link(tmp, path)  # fails if the path exists: the first builder's store stays
        except FileExistsError:
            pass  # another thread or process finished first: open theirs
        except OSError:  # no hard links on this file system: rename, which Windows never
            if not path.exists():  # lets replace a file (elsewhere a narrow race remains)
                try:
                    os.rename(tmp, path)
                except FileExistsError:
                    pass
    except duckdb.Error as exc:
        raise StoreError(f"Cannot create the store {path}: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise StoreError(f"Cannot create the store {path}: {exc.strerror or exc}.") from None
    finally:
        for p in (tmp, Path(str(tmp) + ".wal")):
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass


class DuckDBStore(Store):
    """:class:`~geo.store.base.Store` on an embedded DuckDB database file.

    Thread use: every thread gets its own DuckDB cursor, so the GUI may query while a worker
    thread imports (queries see the previous state until the import commits).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 codes_dir: str | Path | None = None, bundle_dir: str | Path | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self.codes: CodeTables = code_tables(codes_dir)
        fresh = not self.path.exists()
        if fresh and read_only:
            raise StoreError(f"No store at {self.path}.")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the store {self.path}: the folder {self.path.parent} cannot be "
                             f"created ({exc.strerror or exc}); choose a writable location.") from None
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(self.path, str(exc), fresh) from None
        self._local = threading.local()
        self._cursors: list = []
        self._import_lock = threading.Lock()
        self._avail: dict | None = None
        #: plans already made for the months held (``_plans_for``): a playback step plans twice
        self._plans: dict = {}
        self._plans_for: dict | None = None
        self._partial: tuple[PartialMonth, ...] = ()
        self._closed = False
        if fresh or not self._has_schema():
            if read_only:
                self._con.close()
                raise StoreError(f"{self.path} is not a Frontera Atlas store.")
            if not fresh and _scalar(self._con, "SELECT count(*) FROM information_schema.tables"):
                self._con.close()
                raise StoreError(f"{self.path} is a DuckDB database but not a Frontera Atlas store; "
                                 f"it was left unchanged. Give another --store path.")
            self._create_schema()
            if bundle_dir is not None:
                self._open_bundle(Path(bundle_dir))
                self.load_bundle(Path(bundle_dir))
            else:
                self._prepare(self._con)
        else:
            v = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if v and v[0] == "2" and not read_only:
                self._migrate_2_to_3()
                v = ("3",)
            if v and v[0] == "3" and not read_only:
                self._migrate_3_to_4(Path(bundle_dir) if bundle_dir is not None else bundled_data_dir() / "store")
                v = (SCHEMA_VERSION,)
            if not v or v[0] != SCHEMA_VERSION and not (read_only and v[0] in ("2", "3")):
                self._con.close()
                raise StoreError(f"{self.path} was written by an incompatible version "
                                 f"(schema {v[0] if v else '?'}, expected {SCHEMA_VERSION}).")
            in_place = v[0] == SCHEMA_VERSION and _scalar(
                self._con, "SELECT count(*) FROM meta WHERE key = 'bundle' AND value = 'in_place'")
            where = Path(bundle_dir) if bundle_dir is not None else bundled_data_dir() / "store"
            if in_place:   # an older schema opened read-only holds every row in ``freight``
                self._open_bundle(where)
            else:
                self._prepare(self._con)
            if not read_only:
                self._add_flow_rollups()
            if in_place and not read_only:
                self.refresh_bundle(where)
        self._flow_year = self._has_table(rollups.FLOW_YEAR)
        self._flow_month = self._has_table(rollups.FLOW_MONTH)
        self._dot2_month = self._has_table(rollups.DOT2_MONTH)

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def location(self) -> str:
        return str(self.path)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for c in self._cursors:
            try:
                c.close()
            except Exception:
                pass
        self._con.close()

    def checkpoint(self) -> None:
        self._con.execute("CHECKPOINT")

    def _cur(self):
        if self._closed:
            raise StoreError("The store is closed.")
        c = getattr(self._local, "cur", None)
        if c is None:
            c = self._cursor()
            self._local.cur = c
            self._cursors.append(c)
        return c

    def _cursor(self):
        """A new DuckDB cursor (connection) with the views on the bundled tables (TEMP views
        are per connection)."""
        c = self._con.cursor()
        try:
            self._prepare(c)
        except BaseException:
            c.close()
            raise
        return c

    def _prepare(self, con) -> None:
        """Create ``bundle_freight`` and ``freight_all`` on ``con`` (see the module docstring)."""
        for stmt in _view_sql(self._bundle_files):
            con.execute(stmt)

    # -- the bundled freight tables, read in place ----------------------------------------
    _bundle_files: list[str] = []
    _flow_year = False
    _flow_month = False
    _dot2_month = False
    _bundle_dir: Path | None = None
    _bundle_manifest: dict = {}

    def _open_bundle(self, bundle_dir: Path) -> None:
        """Check the bundled freight files (every file of the manifest present, readable, with
        the manifest's row count: a damaged or missing file is a :class:`StoreError` naming it)
        and point the views at them."""
        try:
            self._bundle_manifest, self._bundle_files = _check_bundle(self._con, bundle_dir)
        except BaseException:
            self._con.close()
            raise
        self._bundle_dir = bundle_dir
        self._prepare(self._con)

    def _has_table(self, name: str) -> bool:
        return bool(_scalar(self._con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]))

    def _has_schema(self) -> bool:
        return self._has_table("meta")

    def _create_schema(self) -> None:
        c = self._con
        c.execute("BEGIN TRANSACTION")
        c.execute("CREATE TYPE port_t AS ENUM (SELECT unnest(?::VARCHAR[]))", [_PORTS])
        c.execute("CREATE TYPE st2_t AS ENUM (SELECT unnest(?::VARCHAR[]))", [_ST2])
        c.execute("CREATE TYPE hs2_t AS ENUM (SELECT unnest(?::VARCHAR[]))", [_HS2])
        c.execute("CREATE TYPE cont_t AS ENUM ('0', '1', 'X')")
        for stmt in _SCHEMA.split(";"):
            if stmt.strip():
                c.execute(stmt)
        for stmt in rollups.create_sql():
            c.execute(stmt)
        for stmt in (_SCHEMA_3 + _SCHEMA_4).split(";"):
            if stmt.strip():
                c.execute(stmt)
        c.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created', ?)",
                  [SCHEMA_VERSION, _dt.datetime.now().isoformat(timespec="seconds")])
        c.execute("COMMIT")

    def _add_flow_rollups(self) -> None:
        """A store made before the monthly or yearly flow rollup or the DOT2 rollup gains them
        (one transaction, once)."""
        c = self._con
        missing = [t for t in (rollups.FLOW_MONTH, rollups.FLOW_YEAR, rollups.DOT2_MONTH) if not self._has_table(t)]
        if not missing:
            return
        c.execute("BEGIN TRANSACTION")
        try:
            if rollups.FLOW_MONTH in missing:
                c.execute(rollups.create_flow_month_sql())
            if rollups.FLOW_YEAR in missing:
                c.execute(rollups.create_flow_year_sql())
            if rollups.FLOW_MONTH in missing or rollups.FLOW_YEAR in missing:
                rollups.fill_flows(c)
            if rollups.DOT2_MONTH in missing:
                c.execute(rollups.create_dot2_month_sql())
                rollups.fill_dot2(c)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _migrate_3_to_4(self, bundle_dir: Path) -> None:
        """Schema 4 (the bundle read in place) for a schema-3 store, which holds the bundle
        copied into ``freight``: every slice it holds counts as taken, so none of its figures
        change; then the slices whose rows are exactly the bundle's (no imported row; the same
        rows, value sums and row hashes) are handed back to the bundle, read in place from now
        on like a new store's (their copies leave ``freight``). A store that had the bundle
        loaded reads the bundle's other slices in place from now on (what refreshing from a
        newer bundle did). One transaction."""
        c = self._con
        c.execute("BEGIN TRANSACTION")
        try:
            for stmt in _SCHEMA_4.split(";"):
                if stmt.strip():
                    c.execute(stmt)
            if _scalar(c, "SELECT count(*) FROM import_log WHERE kind = 'BUNDLE'"):
                c.execute("INSERT INTO bundle_taken SELECT DISTINCT src, year_month, country, NULL FROM freight "
                          "ORDER BY ALL")
                c.execute("INSERT INTO meta VALUES ('bundle', 'in_place')")
                self._bundle_manifest, self._bundle_files = _check_bundle(c, bundle_dir)
                self._bundle_dir = bundle_dir
                self._prepare(c)
                self._hand_back_identical(c)
            c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            c.close()       # the store stays schema 3, unopened
            raise

    def _hand_back_identical(self, con) -> None:
        """Give back to the bundle the taken slices whose stored rows are exactly the bundle's."""
        cols = ", ".join(_FREIGHT_COLS)
        fp = f"count(*) AS n, sum(value) AS v, sum(hash({cols})) AS h"
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _same AS
            SELECT m.src, m.year_month, m.country FROM
              (SELECT src, year_month, country, {fp}, bool_or(import_id IS NOT NULL) AS own FROM freight
               GROUP BY ALL) m
            JOIN (SELECT src, year_month, country, {fp} FROM bundle_freight GROUP BY ALL) b
              ON b.src = m.src AND b.year_month = m.year_month AND b.country = m.country
            WHERE NOT m.own AND m.n = b.n AND m.v = b.v AND m.h = b.h""")
        con.execute("DELETE FROM freight f USING _same s WHERE f.src = s.src AND f.year_month = s.year_month "
                    "AND f.country = s.country")
        con.execute("DELETE FROM bundle_taken t USING _same s WHERE t.src = s.src AND t.year_month = s.year_month "
                    "AND t.country = s.country")
        con.execute("DROP TABLE _same")

    def _migrate_2_to_3(self) -> None:
        """Add the import history (schema 3) to a schema-2 store, in one transaction."""
        c = self._con
        c.execute("BEGIN TRANSACTION")
        try:
            for stmt in _SCHEMA_3.split(";"):
                if stmt.strip():
                    c.execute(stmt)
            c.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # -- bundle ---------------------------------------------------------------------------
    def load_bundle(self, bundle_dir: Path) -> dict:
        """Make a new store read the bundled tables (``data/store``): the freight tables stay
        where they are, read in place (see :meth:`_open_bundle`); the crossing counts and ports
        (small) are copied; the rollups are computed from the bundled rows. One transaction."""
        bundle_dir = Path(bundle_dir)
        if self._bundle_dir != bundle_dir:
            self._open_bundle(bundle_dir)
        manifest = self._bundle_manifest
        c = self._con
        c.execute("BEGIN TRANSACTION")
        try:
            c.execute("INSERT INTO crossings (port_code, measure, year_month, value) "
                      "SELECT CAST(port_code AS port_t), measure, year_month, value "
                      "FROM read_parquet(?)", [str(bundle_dir / "crossings.parquet")])
            c.execute("INSERT INTO crossing_ports (port_code, port_name, state, border, latitude, longitude) "
                      "SELECT CAST(port_code AS port_t), port_name, state, "
                      "border, latitude, longitude FROM read_parquet(?)",
                      [str(bundle_dir / "crossing_ports.parquet")])
            c.execute("UPDATE crossing_ports p SET name_ym = m.ym FROM (SELECT port_code, "
                      "max(year_month) AS ym FROM crossings GROUP BY 1) m WHERE m.port_code = p.port_code")
            rollups.rebuild(c)
            n = _scalar(c, "SELECT coalesce(sum(records), 0)::BIGINT FROM agg_base")
            if n != manifest["tables"]["freight"]["rows"]:
                raise StoreError(f"Bundled store in {bundle_dir} is damaged ({n} rows, "
                                 f"expected {manifest['tables']['freight']['rows']}).")
            c.execute("INSERT INTO import_log VALUES (current_timestamp, ?, 'BUNDLE', ?, 0, 0, '')",
                      [str(bundle_dir), n])
            c.execute("DELETE FROM meta WHERE key IN ('bundle_built', 'bundle')")
            c.execute("INSERT INTO meta VALUES ('bundle_built', ?), ('bundle', 'in_place')",
                      [str(manifest.get("built", ""))])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        self._avail = None
        return manifest

    def refresh_bundle(self, bundle_dir: Path) -> int:
        """A store made with an older bundle (an upgrade of the app) reads the newer bundle's
        freight slices it has not taken over (they are read in place: nothing to copy), and
        gains the crossing counts (port × measure × month) and ports it lacks. Nothing stored
        is deleted or replaced, so the analyst's own imports stay as they are and no month is
        counted twice. The rollups are computed again. One transaction; recorded in the import
        log. Returns the rows added (freight rows now read from the bundle + crossing counts)."""
        bundle_dir = Path(bundle_dir)
        if self._bundle_dir != bundle_dir:
            self._open_bundle(bundle_dir)
        built = str(self._bundle_manifest.get("built", ""))
        c = self._con
        have = c.execute("SELECT value FROM meta WHERE key = 'bundle_built'").fetchone()
        if have and have[0] == built:
            return 0
        c.execute("BEGIN TRANSACTION")
        try:
            before = _scalar(c, "SELECT coalesce(sum(records), 0)::BIGINT FROM agg_base") + _scalar(
                c, "SELECT count(*) FROM crossings")
            c.execute("INSERT INTO crossings (port_code, measure, year_month, value) "
                      "SELECT CAST(b.port_code AS port_t), b.measure, b.year_month, b.value "
                      "FROM read_parquet(?) b WHERE NOT EXISTS (SELECT 1 FROM crossings h WHERE "
                      "h.port_code = CAST(b.port_code AS port_t) AND h.measure = b.measure "
                      "AND h.year_month = b.year_month)", [str(bundle_dir / "crossings.parquet")])
            c.execute("INSERT INTO crossing_ports (port_code, port_name, state, border, latitude, longitude) "
                      "SELECT CAST(b.port_code AS port_t), b.port_name, b.state, b.border, b.latitude, "
                      "b.longitude FROM read_parquet(?) b WHERE NOT EXISTS (SELECT 1 FROM crossing_ports h "
                      "WHERE h.port_code = CAST(b.port_code AS port_t))",
                      [str(bundle_dir / "crossing_ports.parquet")])
            rollups.rebuild(c)   # the bundled rows read in place changed with the bundle
            added = _scalar(c, "SELECT coalesce(sum(records), 0)::BIGINT FROM agg_base") + _scalar(
                c, "SELECT count(*) FROM crossings") - before
            if added:
                c.execute("INSERT INTO import_log VALUES (current_timestamp, ?, 'BUNDLE-UPGRADE', ?, 0, 0, '')",
                          [str(bundle_dir), added])
            c.execute("DELETE FROM meta WHERE key = 'bundle_built'")
            c.execute("INSERT INTO meta VALUES ('bundle_built', ?)", [built])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        self._avail = None
        return int(added)

    def _take_over(self, con) -> None:
        """Inside an import, before it merges: copy the bundled rows of the slices (table ×
        month × partner) the incoming rows touch and the store has not taken yet into
        ``freight`` (``import_id`` NULL, as bundled rows always were) and record those slices as
        taken by this import, so the merge, the consent to replace, undo and purge see them
        as stored rows and nothing is counted twice."""
        if not self._bundle_files:
            return
        from geo.imports import merge as _merge
        from geo.imports import transborder as _tb

        con.execute(f"CREATE OR REPLACE TEMP TABLE _take AS SELECT DISTINCT src, year_month, country "
                    f"FROM {_tb.INCOMING} EXCEPT SELECT src, year_month, country FROM bundle_taken")
        if not _scalar(con, "SELECT count(*) FROM _take"):
            con.execute("DROP TABLE _take")
            return
        cols = ", ".join(_FREIGHT_COLS)
        con.execute(f"INSERT INTO freight ({cols}) SELECT {cols} FROM bundle_freight b "
                    "SEMI JOIN _take t ON t.src = b.src AND t.year_month = b.year_month AND t.country = b.country")
        con.execute("INSERT INTO bundle_taken SELECT src, year_month, country, ? FROM _take ORDER BY ALL",
                    [_merge.next_import_id(con)])
        con.execute("DROP TABLE _take")

    def _give_back(self, con, import_id: int) -> None:
        """Inside the undo of ``import_id``, once its rows are gone and the rows it replaced are
        back: the slices it took over from the bundle are read from the bundle again (their
        copies leave ``freight``), so the store is as before the import."""
        rows = con.execute("SELECT count(*) FROM bundle_taken WHERE taken_by = ?", [int(import_id)]).fetchone()
        if not rows or not rows[0]:
            return
        con.execute("DELETE FROM freight f USING bundle_taken t WHERE t.taken_by = ? AND f.import_id IS NULL "
                    "AND f.src = t.src AND f.year_month = t.year_month AND f.country = t.country",
                    [int(import_id)])
        con.execute("DELETE FROM bundle_taken WHERE taken_by = ?", [int(import_id)])

    def export_bundle(self, out_dir: Path, crossings_borders: Sequence[str] | None = None) -> dict:
        """Write the store as sorted zstd Parquet + ``manifest.json`` (for ``data/store``)."""
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        c = self._cur()
        opts = "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19, ROW_GROUP_SIZE 200000)"
        # the freight files are read in place by every store: row groups of 50,000 rows (~2 DOT1
        # months) let a month's query skip the rest by the row-group statistics (and are smaller)
        fopts = opts.replace("200000", "50000")
        cols = ", ".join(f"CAST({col} AS VARCHAR) AS {col}" if col in _ENUM_COLS else col
                         for col in _FREIGHT_COLS)
        for old in bundled_freight_files(out_dir):  # one file per BTS table (each under 20 MB)
            Path(old).unlink()
        for src_name, src in SRC_ID.items():
            if c.execute("SELECT count(*) FROM freight_all WHERE src = ?", [src]).fetchone()[0]:
                c.execute(f"COPY (SELECT {cols} FROM freight_all WHERE src = {int(src)} ORDER BY src, year_month, "
                          f"country, trade_type, mode, port, us_state, commodity, mx_state, can_prov, df, contcode, "
                          f"value) TO '{_q(out_dir / f'freight-{src_name}.parquet')}' {fopts}")
        where, params = "", []
        if crossings_borders:
            where = ("WHERE port_code IN (SELECT port_code FROM crossing_ports WHERE border IN ("
                     + ", ".join("?" for _ in crossings_borders) + "))")
            params = list(crossings_borders)
        c.execute(f"COPY (SELECT CAST(port_code AS VARCHAR) AS port_code, measure, year_month, value "
                  f"FROM crossings {where} ORDER BY port_code, measure, year_month) "
                  f"TO '{_q(out_dir / 'crossings.parquet')}' {opts}", params)
        c.execute(f"COPY (SELECT CAST(port_code AS VARCHAR) AS port_code, port_name, state, border, "
                  f"latitude, longitude FROM crossing_ports {where} ORDER BY port_code) "
                  f"TO '{_q(out_dir / 'crossing_ports.parquet')}' {opts}", params)
        tables = {}
        for src_name, src in SRC_ID.items():
            r = c.execute("SELECT count(*), coalesce(sum(value), 0)::BIGINT, min(year_month), "
                          "max(year_month), count(DISTINCT year_month) FROM freight_all WHERE src = ?",
                          [src]).fetchone()
            tables[src_name] = {"rows": r[0], "value_sum": r[1], "first": r[2], "last": r[3],
                                "months": r[4]}
        nf = c.execute("SELECT count(*) FROM freight_all").fetchone()[0]
        r = c.execute(f"SELECT count(*), coalesce(sum(value),0)::BIGINT, min(year_month), max(year_month) "
                      f"FROM crossings {where}", params).fetchone()
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "built": _dt.datetime.now().isoformat(timespec="seconds"),
            "tables": {"freight": {"rows": nf, "by_source": tables},
                       "crossings": {"rows": r[0], "value_sum": r[1], "first": r[2], "last": r[3],
                                     "borders": list(crossings_borders) if crossings_borders else "all"}},
            "sources": {
                "transborder": "BTS North American TransBorder Freight raw monthly files "
                               "(2015-01 DOT1/DOT2/DOT3; 2020-01..2021-12 DOT3)",
                "crossings": "BTS Border Crossing/Entry Data (CBP), 1996-01..2025-02",
            },
        }
        (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        files = {p.name: p.stat().st_size for p in sorted(out_dir.iterdir()) if p.is_file()}
        return {"files": files, "bytes": sum(files.values()), "manifest": manifest}

    # -- import ---------------------------------------------------------------------------
    def import_files(self, paths: Iterable[str | Path],
                     progress: Callable[[int, int], bool] | None = None,
                     cancel: CancelToken | None = None, write_report: bool = True,
                     replace: bool | None = False) -> ImportReport:
        if self.read_only:
            raise StoreError(f"The store {self.path} is open read-only.")
        with self._import_lock:
            con = self._cursor()
            try:
                report = run_import(con, paths, self.codes, progress=progress, cancel=cancel,
                                    before_merge=self._take_over, after_load=rollups.refresh_keys,
                                    replace=replace)
            except duckdb.Error as exc:  # pragma: no cover - defensive
                raise ImportFailed(f"Import failed: {str(exc).splitlines()[0]}") from exc
            finally:
                con.close()
            self._avail = None
        if write_report and (report.issues or report.notices):
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            report.write_csv(self.path.parent / "import-reports" / f"{self.path.stem}-import-{stamp}.csv")
        if report.import_id is not None:
            self.changed.emit(StoreChange("import", report))
        return report

    def imports(self) -> list[dict]:
        """The import history, newest first (see :func:`geo.imports.import_history`)."""
        return import_history(self._cur())

    def undo_import(self, import_id: int) -> dict:
        """Undo one import exactly; raises :class:`geo.imports.UndoRefused` with the reason."""
        if self.read_only:
            raise StoreError(f"The store {self.path} is open read-only.")
        with self._import_lock:
            con = self._cursor()

            def after_undo(c, keys_table: str) -> None:
                self._give_back(c, int(import_id))
                rollups.refresh_keys(c, keys_table)

            try:
                counts = undo_import(con, int(import_id), after_load=after_undo)
            finally:
                con.close()
            self._avail = None
        self.changed.emit(StoreChange("undo"))
        return counts

    def purge_replaced(self, import_id: int | None = None) -> int:
        """Delete for good the rows kept so imports can be undone (one import, or all)."""
        if self.read_only:
            raise StoreError(f"The store {self.path} is open read-only.")
        with self._import_lock:
            con = self._cursor()
            try:
                return purge_replaced(con, import_id)
            finally:
                con.close()

    # -- metadata -------------------------------------------------------------------------
    def _availability(self) -> dict[int, list[int]]:
        """src -> the months the raw table holds (a month whose total falls short of the BTS
        monthly summary's is listed by :meth:`partial_months`; the planner uses it only where
        no complete table or summary can answer, with a warning)."""
        av = self._avail
        if av is None:
            rows = self._cur().execute(   # agg_base holds every (src, month) of freight_all
                "SELECT DISTINCT src, year_month FROM agg_base ORDER BY 1, 2").fetchall()
            self._partial = tuple(self._find_partial())
            av = {}
            for src, ym in rows:
                av.setdefault(src, []).append(ym)
            self._avail = av
        return av

    def partial_months(self) -> tuple[PartialMonth, ...]:
        """Raw months whose total falls short of the summary's monthly partner total
        (``bts_partner_month``): flagged with their file and gap, never used in place of a
        complete table or the summary."""
        self._availability()
        return self._partial

    def _find_partial(self) -> list[PartialMonth]:
        try:
            path = _summaries.table_info("bts_partner_month").path
        except _summaries.SummaryError:
            return []
        if not path.exists():
            return []
        rows = self._cur().execute(
            "WITH r AS (SELECT src, year_month, country, sum(value)::BIGINT AS v FROM agg_base GROUP BY ALL), "
            f"s AS (SELECT year_month, country, sum(value)::BIGINT AS v FROM read_parquet('{_q(path)}') GROUP BY ALL), "
            "k AS (SELECT DISTINCT src, year_month FROM r) "
            "SELECT k.src, k.year_month, coalesce(sum(r.v), 0)::BIGINT, sum(s.v)::BIGINT "
            "FROM k JOIN s ON s.year_month = k.year_month "
            "LEFT JOIN r ON r.src = k.src AND r.year_month = k.year_month AND r.country = s.country "
            "GROUP BY ALL HAVING bool_or(coalesce(r.v, 0) < s.v) ORDER BY 1, 2").fetchall()
        out = []
        for src, ym, raw_v, sum_v in rows:
            out.append(PartialMonth(SRC_NAME[src], int(ym), self._file_of(SRC_NAME[src], int(ym)),
                                    int(raw_v), int(sum_v)))
        return out

    def _file_of(self, table: str, ym: int) -> str:
        """The file the latest active import took this table's month from ('' for the bundle)."""
        try:
            rows = self._cur().execute(
                "SELECT f.file, f.periods FROM import_files f JOIN import_history h USING (import_id) "
                "WHERE f.kind = ? AND h.status = 'active' ORDER BY f.import_id DESC", [table]).fetchall()
        except duckdb.Error:
            return ""
        for file, periods in rows:
            if str(ym) in (periods or "").split(","):
                return Path(file).name
        return ""

    def summary_periods(self) -> dict[str, list[int]]:
        """Summary table -> the months (monthly tables) or years (annual tables) it holds."""
        return self._summary_periods()

    def _summary_periods(self) -> dict[str, list[int]]:
        """Summary table -> the months (monthly) or years (annual) it holds."""
        try:
            cat = _summaries.catalogue()
        except _summaries.SummaryError:
            return {}
        return {s.name: list(cat[s.name].periods) for s in SUMMARY_TABLES
                if s.name in cat and cat[s.name].path.exists()}

    def available_periods(self) -> dict[str, list[int]]:
        av = self._availability()
        out = {name: list(av.get(src, [])) for src, name in SRC_NAME.items()}
        cached = getattr(self, "_crossing_months", None)   # read again with the trade months (after an import)
        if cached is None or cached[0] is not av:
            cached = self._crossing_months = (av, [r[0] for r in self._cur().execute(
                "SELECT DISTINCT year_month FROM crossings ORDER BY 1").fetchall()])
        out["crossings"] = list(cached[1])
        return out

    def period_bounds(self) -> tuple[int, int] | None:
        months = sorted(set().union(*[set(v) for v in self._availability().values()] or [set()]))
        return (months[0], months[-1]) if months else None

    def dimension_values(self, dim: str) -> pd.DataFrame:
        if dim in ("measure", "crossing_port"):
            if dim == "measure":
                rows = self._cur().execute("SELECT measure, count(*) FROM crossings GROUP BY 1 ORDER BY 1").fetchall()
                return pd.DataFrame([(m, m, n) for m, n in rows], columns=["code", "name", "records"])
            rows = self._cur().execute(
                "SELECT CAST(port_code AS VARCHAR), port_name, state, border, latitude, longitude "
                "FROM crossing_ports ORDER BY 1").fetchall()
            return pd.DataFrame(rows, columns=["code", "name", "state", "border", "latitude", "longitude"])
        by = normalise_by(dim)
        if by not in _BY_DIM:
            raise FilterError(f"No code list for {dim!r}.")
        col = _BY_COLUMN[by]
        # the rollups hold every row with the column set (each names the tables that have it)
        table = "agg_base" if col in ("trade_type", "country", "mode") else rollups.choose([col])
        count = "sum(records)::BIGINT"
        if table is None:   # the text column of the fact view (see _view_sql)
            table, count, col = "freight_all", "count(*)", f"{col}_v"
        rows = self._cur().execute(
            f"SELECT CAST({col} AS VARCHAR), {count} FROM {table} WHERE {col} IS NOT NULL "
            f"GROUP BY {col} ORDER BY 1").fetchall()
        return pd.DataFrame([(c, self.codes.name(_BY_DIM[by], c), n) for c, n in rows],
                            columns=["code", "name", "records"])

    def stats(self) -> dict:
        c = self._cur()
        by_src = dict(c.execute("SELECT src, sum(records)::BIGINT FROM agg_base GROUP BY 1").fetchall())
        return {
            "path": str(self.path),
            "bytes": self.path.stat().st_size if self.path.exists() else 0,
            "freight_rows": sum(by_src.values()),
            "freight_rows_by_table": {SRC_NAME[k]: v for k, v in sorted(by_src.items())},
            "crossing_rows": c.execute("SELECT count(*) FROM crossings").fetchone()[0],
            "imports": c.execute("SELECT count(*) FROM import_log").fetchone()[0],
        }

    # -- trade queries --------------------------------------------------------------------
    def plan(self, f: TradeFilter, by: str | None = None, flows: bool = False,
             also: Sequence[tuple[int, int]] = ()) -> QueryPlan:
        """The plan: one source for the period (and every period in ``also``, a comparison);
        the bundled summaries answer whole periods the raw tables do not hold in full (flows
        need the raw DOT1 rows)."""
        av = self._availability()
        key = (f, by, flows, tuple(tuple(a) for a in also))
        cache = self._plans if self._plans_for is av else None
        if cache is None:   # the held months changed (an import, the bundle): plan afresh
            cache = self._plans = {}
            self._plans_for = av
        qp = cache.get(key)
        if qp is None:
            extra = ("us_state", "port", "mx_state") if flows else ()
            qp = _plan(f, by, av, extra_dims=extra, summaries=None if flows else self._summary_periods(),
                       partial=self._partial, also=also)
            if len(cache) > 512:
                cache.clear()
            cache[key] = qp
        return qp

    def caveats(self, f: TradeFilter, by: str | None = None, flows: bool = False) -> list[Caveat]:
        return _caveats(f, by, self.plan(f, by, flows=flows), flows=flows)

    def _where(self, f: TradeFilter, qp: QueryPlan, fact: bool = False) -> tuple[str, list]:
        """The WHERE clause of a plan; ``fact``: over ``freight_all``, whose codes are compared
        as text (``port_v``...: pushed down into the bundled Parquet files, see :func:`_view_sql`)."""
        params: list = []
        rng = []
        for src, lo, hi in qp.ranges:
            if lo == hi:
                rng.append("(src = ? AND year_month = ?)")
                params += [src, lo]
            else:
                rng.append("(src = ? AND year_month BETWEEN ? AND ?)")
                params += [src, lo, hi]
        clauses = ["(" + " OR ".join(rng) + ")"]
        if f.trade_type_code:
            clauses.append("trade_type = ?")
            params.append(f.trade_type_code)
        country = f.country or qp.implicit_country
        if country:
            clauses.append("country = ?")
            params.append(int(COUNTRY_ISO[country]))
        if f.modes:
            clauses.append("mode IN (" + ", ".join("?" for _ in f.modes) + ")")
            params += [int(m) for m in f.modes]

        def enum_in(col: str, values: Sequence[str]):
            typ = _ENUM_COLS[col]
            if fact:
                clauses.append(f"{col}_v IN (" + ", ".join("?" for _ in values) + ")")
            else:
                clauses.append(f"{col} IN (" + ", ".join(f"CAST(? AS {typ})" for _ in values) + ")")
            params.extend(values)

        if f.commodities:
            enum_in("commodity", f.commodities)
        if f.ports:
            enum_in("port", f.ports)
        if f.us_states:
            enum_in("us_state", f.us_states)
        if f.mx_states:
            expanded = []
            for s in f.mx_states:
                expanded += [a for a in self.codes.mx_state_aliases(s) if a not in expanded] or [s]
            enum_in("mx_state", expanded)
        return " AND ".join(clauses), params

    def _source(self, qp: QueryPlan) -> tuple[str, str]:
        """(table, record-count expression): a rollup when one holds every needed dimension."""
        name = rollups.choose(qp.needed_dims)
        if name is None and self._flow_month and set(qp.needed_dims) <= rollups.FLOW_DIMS \
                and rollups.only_src(qp.ranges, 1):
            name = rollups.FLOW_MONTH
        if name is None and self._dot2_month and set(qp.needed_dims) <= rollups.DOT2_DIMS \
                and rollups.only_src(qp.ranges, 2):
            name = rollups.DOT2_MONTH
        if name is not None:
            return name, "sum(records)::BIGINT"
        return "freight_all", "count(*)"

    def rebuild_rollups(self) -> None:
        """Recompute the rollups from ``freight_all`` (only needed after writing ``freight`` directly)."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            rollups.rebuild(self._con)
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise

    def _summary_rows(self, f: TradeFilter, qp: QueryPlan, by: str | None) -> list:
        """Rows ``(key, value, shipwt kg, freight charges, rows)`` from the plan's summary table
        (read in place from its Parquet file). Weights: short tons as published, in kg."""
        assert qp.summary is not None
        path = _summaries.table_info(qp.summary).path
        annual = next(s for s in SUMMARY_TABLES if s.name == qp.summary).granularity == "year"
        ym = "year * 100 + 1" if annual else "year_month"
        clauses: list[str] = []
        params: list[object] = []
        periods = qp.months_by_table[qp.summary]
        if annual:
            clauses.append("year BETWEEN ? AND ?")
        else:
            clauses.append("year_month BETWEEN ? AND ?")
        params += [periods[0], periods[-1]]
        if f.trade_type_code:
            clauses.append("trade_type = ?")
            params.append(f.trade_type_code)
        country = f.country or qp.implicit_country
        if country:
            clauses.append("country = ?")
            params.append(int(COUNTRY_ISO[country]))
        if f.modes:
            clauses.append("mode IN (" + ", ".join("?" for _ in f.modes) + ")")
            params += [int(m) for m in f.modes]
        if f.us_states:
            clauses.append("us_state IN (" + ", ".join("?" for _ in f.us_states) + ")")
            params += list(f.us_states)
        if f.mx_states:
            expanded: list[str] = []
            for st in f.mx_states:
                expanded += [a for a in self.codes.mx_state_aliases(st) if a not in expanded] or [st]
            clauses.append("mx_state IN (" + ", ".join("?" for _ in expanded) + ")")
            params += expanded
        cols = _SUMMARY_COLUMNS.get(path)
        if cols is None:
            cols = {c for c, in self._cur().execute(
                f"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{_q(path)}'))").fetchall()}
            _SUMMARY_COLUMNS[path] = cols
        wt = "coalesce(sum(weight_short_tons * 907.18474), 0)::BIGINT" if "weight_short_tons" in cols else "0"
        fc = "coalesce(sum(freight_charges), 0)::BIGINT" if "freight_charges" in cols else "0"
        key = {None: "NULL", "month": "year_month", "year": f"({ym}) // 100", "trade_type": "trade_type",
               "country": "country", "mode": "mode", "us_state": "us_state", "mx_state": "mx_state"}[by]
        if by in ("trade_type", "country", "mode"):
            key = f"CAST({key} AS VARCHAR)"
        return self._cur().execute(
            f"SELECT {key} AS k, coalesce(sum(value), 0)::BIGINT, {wt}, {fc}, count(*) "
            f"FROM read_parquet('{_q(path)}') WHERE {' AND '.join(clauses)} GROUP BY ALL", params).fetchall()

    def totals(self, f: TradeFilter) -> Totals:
        return self._totals(f, ())

    def _totals(self, f: TradeFilter, also: Sequence[tuple[int, int]]) -> Totals:
        qp = self.plan(f, None, also=also)
        t = Totals(plan=qp, caveats=_caveats(f, None, qp))
        if qp.empty:
            return t
        if qp.summary:
            srows = self._summary_rows(f, qp, None)
            vals = tuple(srows[0][1:]) if srows else (0, 0, 0, 0)
            t.value, t.shipwt, t.freight_charges, t.records = (int(x) for x in vals)
            return t
        table, count = self._source(qp)
        where, params = self._where(f, qp, fact=table == "freight_all")
        r = self._cur().execute(
            "SELECT coalesce(sum(value), 0)::BIGINT, coalesce(sum(shipwt), 0)::BIGINT, "
            f"coalesce(sum(freight_charges), 0)::BIGINT, coalesce({count}, 0) FROM {table} WHERE {where}",
            params).fetchone() or (0, 0, 0, 0)
        t.value, t.shipwt, t.freight_charges, t.records = (int(x) for x in r)
        return t

    def breakdown(self, f: TradeFilter, by: str, *, lineage: bool = False,
                  also: Sequence[tuple[int, int]] = ()) -> pd.DataFrame:
        """Figures by ``by``; ``lineage``: ports a BTS split or merge divided (El Paso 2402 +
        Ysleta 2401 from March 2020) are one row, said so in a caveat; ``also``: the other
        periods of a comparison (one source for all; see :meth:`compare`)."""
        norm = normalise_by(by)
        if norm is None:
            raise FilterError("A breakdown needs a 'by' dimension.")
        by = norm
        groups: list = []
        if lineage and f.ports:
            ports, groups = _summaries.expand_lineage(f.ports)
            f = f.replace(ports=tuple(ports))
        qp = self.plan(f, by, also=also)
        cav = _caveats(f, by, qp)
        rows: list = []
        if qp.summary:
            rows = self._summary_rows(f, qp, by)
        elif not qp.empty:
            table, count = self._source(qp)
            where, params = self._where(f, qp, fact=table == "freight_all")
            col = _BY_COLUMN[by]
            if table == "freight_all" and col in _ENUM_COLS:
                col = f"{col}_v"        # the codes as text: grouped on the Parquet dictionary
            key = f"CAST({col} AS VARCHAR)" if by in _BY_DIM else col
            rows = self._cur().execute(
                f"SELECT {key} AS k, sum(value)::BIGINT, coalesce(sum(shipwt), 0)::BIGINT, "
                f"coalesce(sum(freight_charges), 0)::BIGINT, {count} FROM {table} WHERE {where} "
                f"GROUP BY {col}", params).fetchall()
        df = self._frame(by, rows)
        unassigned: list[tuple[str, str, int]] = []
        if by in ("us_state", "mx_state"):
            gone = df["code"].astype(str).isin(UNASSIGNED_STATES)
            unassigned = [(str(c), str(n), int(v)) for c, n, v in
                          zip(df.loc[gone, "code"], df.loc[gone, "name"], df.loc[gone, "value"])]
            df["assigned"] = ~gone
            if unassigned:
                cav = cav + [Caveat("unassigned_states", _msg_unassigned(unassigned))]
        if lineage and by == "port":
            df, folded = _summaries.fold_lineage(df)
            groups += [g for g in folded if g not in groups]
        if groups:
            cav = cav + [Caveat("port_lineage", _summaries.lineage_message(groups))]
        df.attrs.update({"by": by, "filter": f.describe(), "plan": _Meta(qp.as_dict()),
                         "caveats": _MetaList(cav), "source": qp.describe(), "unassigned": _MetaList(unassigned),
                         "plan_message": qp.message()})
        return df

    def compare(self, f: TradeFilter, periods: Sequence[tuple], by: str | None = None) -> list:
        """The same filter over several periods (this year against last, a series of years),
        every period answered by ONE source, so a change is never an artefact of two sources:
        a list of :class:`Totals` (``by`` None) or breakdown DataFrames, in ``periods`` order."""
        ps = [(parse_period(a), parse_period(b)) for a, b in periods]
        out: list = []
        for i, p in enumerate(ps):
            g = f.replace(period=p)
            others = tuple(q for j, q in enumerate(ps) if j != i)
            out.append(self.breakdown(g, by, also=others) if by else self._totals(g, others))
        return out

    def _frame(self, by: str, rows: list) -> pd.DataFrame:
        cols = ["code", "name", "value", "shipwt", "freight_charges", "records"]
        if by == "mx_state":
            merged: dict = {}
            for k, *vals in rows:
                k = self.codes.canonical_mx_state(k) if k is not None else None
                acc = merged.setdefault(k, [0, 0, 0, 0])
                for i, v in enumerate(vals):
                    acc[i] += int(v)
            rows = [(k, *v) for k, v in merged.items()]
        out = []
        code: int | str
        for k, v, w, fc, n in rows:
            if by == "month":
                code, nm = int(k), format_ym(int(k))
            elif by == "year":
                code, nm = int(k), str(int(k))
            elif by == "trade_type":
                code, nm = str(k), self.codes.name("trade_type", str(k))
            elif by == "country":
                code = str(k)
                nm = self.codes.name("country", code)
            elif by == "mode":
                code, nm = str(k), self.codes.name("mode", str(k))
            else:
                code = "" if k is None else str(k)
                nm = self.codes.name(_BY_DIM[by], k)
            out.append((code, nm, int(v), int(w), int(fc), int(n)))
        df = pd.DataFrame(out, columns=cols)
        if by in ("month", "year"):
            df = df.sort_values("code", kind="stable")
        else:
            df = df.sort_values(["value", "code"], ascending=[False, True], kind="stable")
        df = df.reset_index(drop=True)
        total = df["value"].sum()
        df["share"] = (df["value"] / total) if total else 0.0
        for c in ("value", "shipwt", "freight_charges", "records"):
            df[c] = df[c].astype("int64")
        return df

    _FLOW_COLUMNS = ["us_state", "us_state_name", "port", "port_name", "mx_state", "mx_state_name",
                     "mode", "mode_name", "trade_type", "value", "shipwt", "freight_charges", "records"]

    def flow_triples(self, f: TradeFilter, *, by_month: bool = False) -> pd.DataFrame:
        """DOT1 flows: one row per (US state, port, Mexican state, mode, trade type), largest
        value first (ties by the codes). ``by_month``: one row per month as well, with a leading
        ``year_month`` column, ordered by month then as above (one query for a played period).

        Vectorised: DuckDB aggregates and folds Mexican state aliases to their canonical code
        (a CASE over the small alias table) in one query; names come from a dict lookup per
        distinct code, mapped over the columns (no per-row Python)."""
        qp = self.plan(f, None, flows=True)
        cav = _caveats(f, None, qp, flows=True)
        cols = (["year_month"] if by_month else []) + self._FLOW_COLUMNS
        if qp.empty:
            df = pd.DataFrame({c: pd.Series(dtype="int64" if c in _AMOUNTS or c == "year_month" else object)
                               for c in cols})
        else:
            ym = "year_month, " if by_month else ""
            # whole years: the yearly flow rollup (same sums, ~9x fewer rows than the months)
            yearly = (self._flow_year and not by_month and not f.commodities
                      and rollups.whole_years(qp.ranges))
            monthly = self._flow_month and not f.commodities and rollups.only_src(qp.ranges, 1)
            sums = ("sum(value)::BIGINT AS value, coalesce(sum(shipwt), 0)::BIGINT AS shipwt, "
                    "coalesce(sum(freight_charges), 0)::BIGINT AS freight_charges")
            if yearly or monthly:
                # the flow rollups, in one aggregation: Mexican state aliases fold to their
                # canonical code as enum values (no string grouping), then only the ~10k result
                # rows are cast to text
                where, params = self._where(f, qp)
                g = (f"SELECT {ym}us_state, port, {self._mx_canonical_enum_sql('mx_state')} AS mx_state, "
                     f"mode, trade_type, {sums}, sum(records)::BIGINT AS records "
                     f"FROM {rollups.FLOW_YEAR if yearly else rollups.FLOW_MONTH} WHERE {where} GROUP BY ALL")
            else:
                # the fact rows: grouped on the codes as text (the bundled Parquet dictionaries),
                # then the ~10k groups typed back to the enums, whose order the result keeps
                where, params = self._where(f, qp, fact=True)
                g = (f"SELECT {ym}CAST(us_state AS st2_t) AS us_state, CAST(port AS port_t) AS port, "
                     f"CAST(mx_state AS st2_t) AS mx_state, mode, trade_type, value, shipwt, freight_charges, "
                     f"records FROM (SELECT {ym}us_state_v AS us_state, port_v AS port, "
                     f"{self._mx_canonical_sql('mx_state_v')} AS mx_state, mode, trade_type, {sums}, "
                     f"count(*)::BIGINT AS records FROM freight_all WHERE {where} GROUP BY ALL)")
            raw = self._cur().execute(
                f"WITH g AS ({g}) "
                f"SELECT {ym}coalesce(CAST(us_state AS VARCHAR), '') AS us_state, "
                "coalesce(CAST(port AS VARCHAR), '') AS port, coalesce(CAST(mx_state AS VARCHAR), '') AS mx_state, "
                "CAST(mode AS VARCHAR) AS mode, "
                "CASE WHEN trade_type = 1 THEN 'export' ELSE 'import' END AS trade_type, "
                "value, shipwt, freight_charges, records "
                # the codes make each row's key unique, so this order is total
                f"FROM g ORDER BY {ym}value DESC, us_state, port, mx_state, mode, trade_type",
                params).fetchnumpy()
            df = self._name_flow_columns(raw)[cols]
            for c in ("value", "shipwt", "freight_charges", "records") + (("year_month",) if by_month else ()):
                df[c] = df[c].astype("int64")
        df.attrs.update({"by": "flow", "filter": f.describe(), "plan": _Meta(qp.as_dict()),
                         "caveats": _MetaList(cav), "source": qp.describe()})
        return df

    def _mx_canonical_enum_sql(self, col: str) -> str:
        """SQL folding Mexican state aliases (``BN`` -> ``BC``) on the ``st2_t`` enum column itself."""
        cached = getattr(self, "_mx_enum_sql", None)
        if cached is not None and cached[0] == col:
            return cached[1]
        sql = self._mx_canonical_enum_sql_uncached(col)
        self._mx_enum_sql = (col, sql)
        return sql

    def _mx_canonical_enum_sql_uncached(self, col: str) -> str:
        pairs = [(code, self.codes.canonical_mx_state(code)) for code in self.codes.codes("mx_state")]
        pairs = [(a, b) for a, b in pairs if a != b]
        if not pairs:
            return col
        ok = lambda t: len(str(t)) == 2 and str(t).isascii() and str(t).isalpha() and str(t).isupper()  # noqa: E731
        if not all(ok(a) and ok(b) for a, b in pairs):  # pragma: no cover - codes outside the enum
            return f"CAST({self._mx_canonical_sql(f'CAST({col} AS VARCHAR)')} AS st2_t)"
        return ("CASE " + " ".join(f"WHEN {col} = CAST('{a}' AS st2_t) THEN CAST('{b}' AS st2_t)" for a, b in pairs)
                + f" ELSE {col} END")

    def _mx_canonical_sql(self, expr: str) -> str:
        """SQL mapping Mexican state codes to their canonical code (``BN`` -> ``BC``)."""
        pairs = []
        for code in self.codes.codes("mx_state"):
            canon = self.codes.canonical_mx_state(code)
            if canon != code:
                pairs.append((code, canon))
        if not pairs:
            return expr
        lit = lambda t: "'" + str(t).replace("'", "''") + "'"  # noqa: E731
        return f"CASE {expr} " + " ".join(f"WHEN {lit(a)} THEN {lit(b)}" for a, b in pairs) + f" ELSE {expr} END"

    def _name_flow_columns(self, raw: dict) -> pd.DataFrame:
        """Add the ``*_name`` columns: one name lookup per distinct code, mapped vectorised."""
        ct = self.codes
        out = {c: np.asarray(v) for c, v in raw.items()}
        for col, dim in (("us_state", "us_state"), ("port", "port"), ("mx_state", "mx_state"), ("mode", "mode")):
            inv, codes = pd.factorize(out[col])
            names = np.array([ct.name(dim, c or None) for c in codes], dtype=object)
            out[col + "_name"] = names[inv] if len(inv) else np.zeros(0, object)
        return pd.DataFrame(out)

    # -- crossings ------------------------------------------------------------------------
    def crossings(self, port_codes: Sequence[str] | None = None, measures: Sequence[str] | None = None,
                  period: tuple | None = None, by: Sequence[str] | str = ("port",),
                  border: str | None = None, lineage: bool = False) -> pd.DataFrame:
        """Border crossing counts; ``lineage``: a port's lineage group (El Paso 2402 + Ysleta
        2401, split in March 2020) counted as one port, said so in ``df.attrs['caveats']``."""
        by = [by] if isinstance(by, str) else list(by)
        groups: list = []
        if lineage and port_codes:
            codes_, groups = _summaries.expand_lineage(
                [str(p).strip().zfill(4) for p in ([port_codes] if isinstance(port_codes, str) else port_codes)])
            port_codes = codes_
        by = [b.strip().lower() for b in by]
        bad = [b for b in by if b not in ("port", "measure", "month", "year")]
        if bad:
            raise FilterError(f"Unknown crossings breakdown {bad[0]!r}; use port, measure, month or year.")
        clauses: list[str] = ["TRUE"]
        params: list[object] = []
        if port_codes:
            codes = [str(p).strip().zfill(4) for p in ([port_codes] if isinstance(port_codes, str) else port_codes)]
            clauses.append("c.port_code IN (" + ", ".join("CAST(? AS port_t)" for _ in codes) + ")")
            params += codes
        if measures:
            ms = [measures] if isinstance(measures, str) else list(measures)
            lookup = {m.lower(): m for m in MEASURES}
            resolved = []
            for m in ms:
                if m.strip().lower() not in lookup:
                    raise FilterError(f"Unknown crossing measure {m!r}; one of: {', '.join(MEASURES)}.")
                resolved.append(lookup[m.strip().lower()])
            clauses.append("c.measure IN (" + ", ".join("?" for _ in resolved) + ")")
            params += resolved
        if period:
            lo, hi = period
            if lo is not None:
                clauses.append("c.year_month >= ?")
                params.append(parse_period(lo))
            if hi is not None:
                clauses.append("c.year_month <= ?")
                params.append(parse_period(hi))
        if border:
            b = _BORDERS.get(str(border).strip().lower(), str(border))
            if b not in _BORDERS.values():
                raise FilterError(f"Unknown border {border!r}; use mexico or canada.")
            clauses.append("p.border = ?")
            params.append(b)
        sel, grp, out_cols = [], [], []
        if "port" in by:
            sel += ["CAST(c.port_code AS VARCHAR)", "any_value(p.port_name)", "any_value(p.state)",
                    "any_value(p.border)", "any_value(p.latitude)", "any_value(p.longitude)"]
            grp.append("c.port_code")
            out_cols += ["port_code", "port_name", "state", "border", "latitude", "longitude"]
        if "measure" in by:
            sel.append("c.measure")
            grp.append("c.measure")
            out_cols.append("measure")
        if "month" in by:
            sel.append("c.year_month")
            grp.append("c.year_month")
            out_cols.append("year_month")
        if "year" in by:
            sel.append("c.year_month // 100")
            grp.append("c.year_month // 100")
            out_cols.append("year")
        sel.append("coalesce(sum(c.value), 0)::BIGINT")
        out_cols.append("value")
        sql = (f"SELECT {', '.join(sel)} FROM crossings c LEFT JOIN crossing_ports p "
               f"ON p.port_code = c.port_code WHERE {' AND '.join(clauses)}")
        if grp:
            sql += " GROUP BY " + ", ".join(grp)
        rows = self._cur().execute(sql, params).fetchall()
        df = pd.DataFrame(rows, columns=out_cols)
        order = [c for c in ("port_code", "measure", "year_month", "year") if c in df.columns]
        if order:
            df = df.sort_values(order, kind="stable").reset_index(drop=True)
        if lineage and "port" in by:
            keys = [c for c in ("measure", "year_month", "year") if c in df.columns]
            df, folded = _summaries.fold_lineage(df, "port_code", "port_name", keys=keys, sum_cols=["value"])
            groups += [g for g in folded if g not in groups]
            df = df.sort_values(["port_code", *keys], kind="stable").reset_index(drop=True)
        if "year_month" in df.columns:
            df["period"] = [format_ym(int(x)) for x in df["year_month"]]
        df["value"] = df["value"].astype("int64")
        df.attrs["caveats"] = [Caveat("port_lineage", _summaries.lineage_message(groups))] if groups else []
        return df


#: summary Parquet file -> its column names (read once)
_SUMMARY_COLUMNS: dict[Path, set[str]] = {}


def _msg_unassigned(rows: list[tuple[str, str, int]]):
    from geo.core.messages import Message

    return Message("caveat.unassigned_states", {"value_usd": sum(v for _, _, v in rows),
                                                "codes_list": [c or "none" for c, _, _ in rows]})


def _scalar(con, sql: str, params=None):
    """The first column of the first row of ``sql`` (None when there is no row)."""
    row = con.execute(sql, params or []).fetchone()
    return row[0] if row else None


def _open_error(path: Path, msg: str, fresh: bool) -> StoreError:
    """One clear sentence for a failed ``duckdb.connect``; the lock holder is named only when
    DuckDB says who it is."""
    first = msg.strip().splitlines()[0] if msg.strip() else "unknown error"
    low = msg.lower()
    if "lock" in low:
        m = re.search(r"held in (.+?) \(PID (\d+)\)", msg)
        who = (f"process {m.group(2)} ({Path(m.group(1)).name})" if m else "another program")
        return StoreLockedError(f"The store {path} is in use by {who}; close it and try again.")
    if "permission denied" in low or "read-only file system" in low:
        where = path.parent if fresh else path
        return StoreError(f"Cannot {'create' if fresh else 'open'} the store {path}: {where} is not writable "
                          f"(read-only location); choose another place with --store.")
    if "not a valid duckdb database" in low or "unable to open database" in low or "not a duckdb" in low:
        return StoreError(f"Cannot open the store {path}: it is not a Frontera Atlas store (not a DuckDB "
                          f"database file); it was left unchanged.")
    return StoreError(f"Cannot open the store {path}: {first}")


def _q(p: Path | str) -> str:
    return str(p).replace("'", "''")


def _check_bundle(con, bundle_dir: Path) -> tuple[dict, list[str]]:
    """The bundle's manifest and freight files, each checked: present, a readable Parquet
    file, holding the manifest's row count (its footer is read, not its rows)."""
    bundle_dir = Path(bundle_dir)
    mpath = bundle_dir / "manifest.json"
    try:
        manifest = json.loads(mpath.read_text())
        by_source = manifest["tables"]["freight"]["by_source"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"The bundled trade tables cannot be read: {mpath} is missing or damaged "
                         f"({exc.__class__.__name__}); reinstall Frontera Atlas.") from None
    files = []
    for name, info in sorted(by_source.items()):
        path = bundle_dir / f"freight-{name}.parquet"
        if not path.is_file():
            raise StoreError(f"The bundled trade table {path} is missing; reinstall Frontera Atlas.")
        try:
            n = _scalar(con, f"SELECT sum(num_rows)::BIGINT FROM parquet_file_metadata('{_q(path)}')")
        except duckdb.Error as exc:
            raise StoreError(f"The bundled trade table {path} is damaged ({str(exc).splitlines()[0]}); "
                             f"reinstall Frontera Atlas.") from None
        if n != info.get("rows"):
            raise StoreError(f"The bundled trade table {path} is damaged ({n} rows, expected "
                             f"{info.get('rows')}); reinstall Frontera Atlas.")
        files.append(str(path))
    return manifest, files


def _view_sql(files: Sequence[str]) -> list[str]:
    """``bundle_freight``: the bundled Parquet files read in place, typed as ``freight``.

    ``freight_all``: ``freight`` + the bundled rows of the slices not taken over, with the
    columns of ``freight`` and each code column also as text (``us_state_v``, ``port_v``...):
    the Parquet files hold the codes as text, so a filter or a grouping on ``port_v`` is pushed
    down into the scan and works on the files' dictionaries, where one on ``port`` would first
    cast every row to the enum (2-6x slower). Only the store's own rows (``freight``, small
    unless the store predates schema 4) are cast to text."""
    cols = ", ".join(_FREIGHT_COLS)
    own_v = ", ".join(f"CAST({c} AS VARCHAR) AS {c}_v" for c in _ENUM_COLS)
    if not files:
        return [f"CREATE OR REPLACE TEMP VIEW bundle_freight AS SELECT {cols} FROM freight WHERE false",
                f"CREATE OR REPLACE TEMP VIEW freight_all AS SELECT {cols}, {own_v} FROM freight"]
    typed = ", ".join(f"CAST({col} AS {_ENUM_COLS[col]}) AS {col}" if col in _ENUM_COLS else col
                      for col in _FREIGHT_COLS)
    text = ", ".join(f"{c} AS {c}_v" for c in _ENUM_COLS)
    lst = "[" + ", ".join(f"'{_q(f)}'" for f in files) + "]"
    return [f"CREATE OR REPLACE TEMP VIEW bundle_freight AS SELECT {typed} FROM read_parquet({lst})",
            f"CREATE OR REPLACE TEMP VIEW freight_all AS SELECT {cols}, {own_v} FROM freight UNION ALL "
            f"SELECT {typed}, {text} FROM read_parquet({lst}) b WHERE NOT EXISTS (SELECT 1 FROM bundle_taken t "
            "WHERE t.src = b.src AND t.year_month = b.year_month AND t.country = b.country)"]
