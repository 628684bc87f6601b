"""An analyst who upgrades the app keeps their store: a schema-3 store (the bundle copied into
``freight``) becomes schema 4 (the bundle read in place) with every figure unchanged and
nothing doubled; it reads the newer bundle's slices it does not hold, and nothing they imported
is replaced or counted twice."""
from __future__ import annotations

import pytest

from geo.query import TradeFilter
from geo.store import SCHEMA_VERSION, open_store

COLS = ("src, year_month, trade_type, country, mode, us_state, port, mx_state, can_prov, commodity, df, "
        "contcode, value, shipwt, freight_charges")


def _as_schema_3(path, edit=None) -> None:
    """Turn the schema-4 store at ``path`` into what the app before schema 4 made: the bundled
    rows copied into ``freight`` (``import_id`` NULL), no ``bundle_taken``, schema 3.
    ``edit(con)`` changes it further (the older bundle, the analyst's own rows)."""
    s = open_store(path)
    try:
        c = s._con
        c.execute(f"INSERT INTO freight ({COLS}) SELECT {COLS} FROM freight_all")
        c.execute("INSERT INTO bundle_taken SELECT DISTINCT src, year_month, country, NULL FROM freight")
        if edit is not None:
            edit(c)
        s.rebuild_rollups()            # from freight alone: every bundled slice is taken
        c.execute("DROP TABLE bundle_taken")
        c.execute("DELETE FROM meta WHERE key = 'bundle'")
        c.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        s.checkpoint()
    finally:
        s.close()


def _figures(s) -> list:
    out = []
    for f, by in [(TradeFilter(), None), (TradeFilter(period=(202101, 202412)), "month"),
                  (TradeFilter(period=(202301, 202312)), "us_state"), (TradeFilter(period=(202101, 202112)), "port"),
                  (TradeFilter(period=(202301, 202312), ports=("2304",)), "mx_state"),
                  (TradeFilter(period=(202401, 202412)), "commodity")]:
        if by is None:
            t = s.totals(f)
            out.append((t.value, t.shipwt, t.freight_charges, t.records))
        else:
            df = s.breakdown(f, by)
            out.append(sorted(zip(df["code"], df["value"], df["records"])))
    return out


def _rows(s) -> tuple:
    return s._cur().execute("SELECT count(*), sum(value)::BIGINT, sum(hash(" + COLS + ")) FROM freight_all").fetchone()


@pytest.mark.store_writes
def test_a_schema_3_store_opens_with_every_figure_unchanged_and_nothing_doubled(writable_store_path):
    s = open_store(writable_store_path)
    try:
        figures, rows, stats = _figures(s), _rows(s), s.stats()
    finally:
        s.close()
    _as_schema_3(writable_store_path)
    # read-only, a schema-3 store is read as it is (everything in freight)
    s = open_store(writable_store_path, read_only=True)
    try:
        assert _figures(s) == figures and _rows(s) == rows
    finally:
        s.close()
    for _ in range(2):                       # migrated, then opened again
        s = open_store(writable_store_path)
        try:
            v = s._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
            assert v == SCHEMA_VERSION == "4"
            assert _figures(s) == figures and _rows(s) == rows
            assert {k: v for k, v in s.stats().items() if k != "bytes"} == {
                k: v for k, v in stats.items() if k != "bytes"}
            # every slice it held was the bundle's, row for row: handed back, read in place
            assert s._con.execute("SELECT count(*) FROM freight").fetchone()[0] == 0
            assert s._con.execute("SELECT count(*) FROM bundle_taken").fetchone()[0] == 0
            assert "BUNDLE-UPGRADE" not in [k for k, in s._con.execute("SELECT kind FROM import_log").fetchall()]
        finally:
            s.close()


def test_a_store_made_with_an_older_bundle_gains_the_new_months_and_keeps_the_users(writable_store_path):
    s = open_store(writable_store_path)
    try:
        full_2023 = s.totals(TradeFilter(period=(202301, 202312))).value
        jan = s.totals(TradeFilter(period=(202301, 202301))).value
        june_mx = s.totals(TradeFilter(period=(202106, 202106), country="MX")).value
        jan_ca = s._cur().execute("SELECT sum(value) FROM freight_all WHERE year_month = 202301 "
                                  "AND country = 1220").fetchone()[0]
        rows = _rows(s)
    finally:
        s.close()

    def older(c):
        # as an older app left it: no DOT1/DOT2 month after 2021, an older bundle stamp, and
        # the analyst's own import of one January 2023 Mexico row per table (import 7)
        c.execute("DELETE FROM freight WHERE src IN (1, 2) AND year_month >= 202201")
        c.execute("UPDATE meta SET value = 'an older build' WHERE key = 'bundle_built'")
        c.execute("INSERT INTO freight (src, year_month, trade_type, country, mode, value, import_id) "
                  "VALUES (1, 202301, 1, 2010, 5, 12345, 7), (2, 202301, 1, 2010, 5, 12345, 7)")
        # and the older bundle's DOT3 June 2021 Mexico differed from today's by one dollar
        c.execute("UPDATE freight SET value = value + 1 WHERE rowid = (SELECT min(rowid) FROM freight "
                  "WHERE src = 3 AND year_month = 202106 AND country = 2010)")

    _as_schema_3(writable_store_path, older)
    s = open_store(writable_store_path)
    try:
        # every month but the analyst's January (Mexico) is back from the bundle, to the dollar;
        # January's Mexico slices are theirs alone, its Canada slices the bundle's
        assert s.totals(TradeFilter(period=(202302, 202312))).value == full_2023 - jan
        stored = s._con.execute("SELECT src, sum(value) FROM freight WHERE year_month = 202301 GROUP BY 1 "
                                "ORDER BY 1").fetchall()
        assert stored == [(1, 12345), (2, 12345)]
        got = s._cur().execute("SELECT country, sum(value) FROM freight_all WHERE year_month = 202301 "
                               "GROUP BY 1 ORDER BY 1").fetchall()
        assert got == [(1220, jan_ca), (2010, 2 * 12345)]
        # short of the summary's January, it is flagged partial and the summary answers for it
        t = s.totals(TradeFilter(period=(202301, 202301)))
        assert t.plan.summary is not None and any(c.code == "partial_month" for c in t.caveats)
        log = s._con.execute("SELECT kind, rows_loaded FROM import_log ORDER BY imported_at").fetchall()
        assert log[-1][0] == "BUNDLE-UPGRADE" and log[-1][1] > 0
        # the new bundle's rows are read in place, not copied; of the store's own rows only the
        # analyst's are kept (every other slice was the bundle's, row for row: handed back)
        # (and the slice that differs from today's bundle: the store's figures stay its own)
        june = s._cur().execute("SELECT count(*) FROM bundle_freight WHERE src = 3 AND year_month = 202106 "
                                "AND country = 2010").fetchone()[0]
        assert s._con.execute("SELECT count(*) FROM freight").fetchone()[0] == 2 + june
        assert s._con.execute("SELECT src, year_month, country, taken_by FROM bundle_taken ORDER BY ALL"
                              ).fetchall() == [(1, 202301, 2010, None), (2, 202301, 2010, None),
                                               (3, 202106, 2010, None)]
        assert s.totals(TradeFilter(period=(202106, 202106), country="MX")).value == june_mx + 1
    finally:
        s.close()
    # opened again: nothing more to add, nothing doubled
    s = open_store(writable_store_path)
    try:
        assert s.totals(TradeFilter(period=(202302, 202312))).value == full_2023 - jan
        assert [k for k, _ in s._con.execute("SELECT kind, rows_loaded FROM import_log").fetchall()].count(
            "BUNDLE-UPGRADE") == 1
        assert s.totals(TradeFilter(period=(202106, 202106), country="MX")).value == june_mx + 1
        assert _rows(s)[0] == rows[0] - s._cur().execute(
            "SELECT count(*) FROM bundle_freight WHERE year_month = 202301 AND country = 2010 AND src IN (1, 2)"
        ).fetchone()[0] + 2
    finally:
        s.close()


def test_a_store_made_empty_on_purpose_is_never_filled(tmp_path):
    p = tmp_path / "empty.duckdb"
    open_store(p, with_default_data=False).close()
    s = open_store(p)
    try:
        assert s.totals(TradeFilter()).value == 0
        assert s._cur().execute("SELECT count(*) FROM freight_all").fetchone()[0] == 0
    finally:
        s.close()
    # nor when it was made empty by the app before schema 4
    s = open_store(p)
    try:
        s._con.execute("DROP TABLE bundle_taken")
        s._con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    finally:
        s.close()
    s = open_store(p)
    try:
        assert s.totals(TradeFilter()).value == 0
        assert s._cur().execute("SELECT count(*) FROM freight_all").fetchone()[0] == 0
    finally:
        s.close()
