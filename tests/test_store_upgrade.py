"""An analyst who upgrades the app keeps their store: it gains the newer bundle's months it
does not hold, and nothing they imported is replaced or counted twice."""
from __future__ import annotations

from geo.query import TradeFilter
from geo.store import open_store


def test_a_store_made_with_an_older_bundle_gains_the_new_months_and_keeps_the_users(writable_store_path):
    s = open_store(writable_store_path)
    try:
        full_2023 = s.totals(TradeFilter(period=(202301, 202312))).value
        jan = s.totals(TradeFilter(period=(202301, 202301))).value
        # as an older app left it: no DOT1/DOT2 month after 2021, an older bundle stamp, and
        # the analyst's own import of one January 2023 row (import 7)
        s._con.execute("DELETE FROM freight WHERE src IN (1, 2) AND year_month >= 202201")
        s._con.execute("UPDATE meta SET value = 'an older build' WHERE key = 'bundle_built'")
        s._con.execute("INSERT INTO freight (src, year_month, trade_type, country, mode, value, import_id) "
                       "VALUES (1, 202301, 1, 2010, 5, 12345, 7), (2, 202301, 1, 2010, 5, 12345, 7)")
    finally:
        s.close()
    s = open_store(writable_store_path)
    try:
        # every month but the analyst's January is back, to the dollar; January is theirs alone
        assert s.totals(TradeFilter(period=(202302, 202312))).value == full_2023 - jan
        stored = s._con.execute("SELECT src, sum(value) FROM freight WHERE year_month = 202301 GROUP BY 1 "
                                "ORDER BY 1").fetchall()
        assert stored == [(1, 12345), (2, 12345)]
        # short of the summary's January, it is flagged partial and the summary answers for it
        t = s.totals(TradeFilter(period=(202301, 202301)))
        assert t.plan.summary is not None and any(c.code == "partial_month" for c in t.caveats)
        log = s._con.execute("SELECT kind, rows_loaded FROM import_log ORDER BY imported_at").fetchall()
        assert log[-1][0] == "BUNDLE-UPGRADE" and log[-1][1] > 0
    finally:
        s.close()
    # opened again: nothing more to add, nothing doubled
    s = open_store(writable_store_path)
    try:
        assert s.totals(TradeFilter(period=(202302, 202312))).value == full_2023 - jan
        assert [k for k, _ in s._con.execute("SELECT kind, rows_loaded FROM import_log").fetchall()].count(
            "BUNDLE-UPGRADE") == 1
    finally:
        s.close()


def test_a_store_made_empty_on_purpose_is_never_filled(tmp_path):
    p = tmp_path / "empty.duckdb"
    open_store(p, with_default_data=False).close()
    s = open_store(p)
    try:
        assert s.totals(TradeFilter()).value == 0
    finally:
        s.close()
