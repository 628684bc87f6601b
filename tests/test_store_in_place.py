"""The bundled raw freight tables are read in place (issue 8): a new store copies none of their
rows, yet every figure is the bundle's; an import of a month the bundle holds takes its slices
over (nothing counted twice, the consent to replace sees the bundled rows) and undoing it gives
them back exactly; a damaged or missing bundled file is a clear error naming it."""
from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from geo.data.codes import bundled_data_dir
from geo.imports import ConsentNeeded
from geo.query import TradeFilter
from geo.store import DuckDBStore, StoreError, open_store
from tests.conftest import shared_data_or_skip

BUNDLE = bundled_data_dir() / "store"
SRC = {"DOT1": 1, "DOT2": 2, "DOT3": 3}


def _manifest() -> dict:
    return json.loads((BUNDLE / "manifest.json").read_text())["tables"]["freight"]["by_source"]


def _figures(store) -> list:
    """Figures the app shows: totals, breakdowns from the rollups and from the fact rows, flows."""
    out = []
    for f, by in [(TradeFilter(period=(202201, 202212)), None), (TradeFilter(period=(202203, 202203)), None),
                  (TradeFilter(period=(202203, 202203), country="MX"), "mx_state"),
                  (TradeFilter(period=(202201, 202212)), "port"),
                  (TradeFilter(period=(202203, 202203), ports=("2304",)), "us_state"),   # fact rows
                  (TradeFilter(period=(202101, 202212)), "month")]:
        if by is None:
            t = store.totals(f)
            out.append((t.value, t.shipwt, t.freight_charges, t.records))
        else:
            df = store.breakdown(f, by)
            out.append(sorted(zip(df["code"], df["value"], df["records"])))
    fl = store.flow_triples(TradeFilter(period=(202203, 202203), country="MX"))
    out.append(sorted(zip(fl["us_state"], fl["port"], fl["mx_state"], fl["mode"], fl["trade_type"], fl["value"])))
    return out


def _slices(store) -> dict:
    """(src, month, country) -> (rows, value) over everything the store answers from."""
    return {tuple(r[:3]): tuple(r[3:]) for r in store._cur().execute(
        "SELECT src, year_month, country, count(*), sum(value)::BIGINT FROM freight_all GROUP BY ALL").fetchall()}


def _rollups_agree(store) -> None:
    c = store._cur()
    want = c.execute("SELECT src, year_month, country, count(*), sum(value)::BIGINT FROM freight_all "
                     "GROUP BY ALL ORDER BY ALL").fetchall()
    got = c.execute("SELECT src, year_month, country, sum(records)::BIGINT, sum(value)::BIGINT FROM agg_base "
                    "GROUP BY ALL ORDER BY ALL").fetchall()
    assert got == want
    # the DOT2 rollup (two or more DOT2 dimensions read it): the same rows by commodity x state
    q = ("SELECT year_month, country, CAST(commodity{v} AS VARCHAR), CAST(mx_state{v} AS VARCHAR), "
         "CAST(can_prov{v} AS VARCHAR), {n}, sum(value)::BIGINT, sum(shipwt)::BIGINT FROM {t} "
         "WHERE src = 2 GROUP BY ALL ORDER BY ALL")
    assert c.execute(q.format(v="", n="sum(records)::BIGINT", t="agg_dot2_month")).fetchall() == \
        c.execute(q.format(v="_v", n="count(*)", t="freight_all")).fetchall()


def test_two_dot2_dimensions_read_the_native_rollup(tmp_path):
    """A commodity filter by Mexican state over every DOT2 month: the rollup's answer is the
    bundled rows' (read in place, summed here), and it is the rollup that answers."""
    store = open_store(tmp_path / "store.duckdb")
    try:
        f = TradeFilter(commodities=("87",), mx_states=("NL",))
        df = store.breakdown(f, "us_state")
        qp = store.plan(f, "us_state")
        assert store._source(qp)[0] == "agg_dot2_month" and [r[0] for r in qp.ranges] == [2] * len(qp.ranges)
        want = dict(store._cur().execute(
            "SELECT us_state_v, sum(value)::BIGINT FROM freight_all WHERE src = 2 AND commodity_v = '87' "
            "AND mx_state_v = 'NL' GROUP BY 1").fetchall())
        got = {c: int(v) for c, v in zip(df["code"], df["value"]) if v}
        assert got == {k or "": v for k, v in want.items() if v} and sum(got.values()) > 0
    finally:
        store.close()


def test_a_new_store_reads_the_bundle_in_place(tmp_path):
    path = tmp_path / "store.duckdb"
    store = open_store(path)
    try:
        assert store._cur().execute("SELECT count(*) FROM freight").fetchone()[0] == 0   # nothing copied
        assert store._cur().execute("SELECT count(*) FROM bundle_taken").fetchone()[0] == 0
        # every figure is the bundle's manifest
        got = {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in store._cur().execute(
            "SELECT src, count(*), sum(value)::BIGINT, min(year_month), max(year_month), "
            "count(DISTINCT year_month) FROM freight_all GROUP BY 1").fetchall()}
        for name, m in _manifest().items():
            assert got[SRC[name]] == (m["rows"], m["value_sum"], m["first"], m["last"], m["months"])
            assert store.stats()["freight_rows_by_table"][name] == m["rows"]
            assert len(store.available_periods()[name]) == m["months"]
        t = store.totals(TradeFilter(period=(202401, 202409)))
        want = store._cur().execute("SELECT sum(value) FROM freight_all WHERE src = 1 "
                                    "AND year_month BETWEEN 202401 AND 202409").fetchone()[0]
        assert t.value == want and {r[0] for r in t.plan.ranges} == {1}
        _rollups_agree(store)
    finally:
        store.close()
    # the store file holds no bundled rows, only the rollups (~38 MB; 55 MB with the rows copied)
    assert path.stat().st_size < 42_000_000
    # read-only, and from another thread's cursor, the bundle is there too
    ro = open_store(path, read_only=True)
    try:
        import threading

        seen = []
        th = threading.Thread(target=lambda: seen.append(ro.totals(TradeFilter(period=(202401, 202409))).value))
        th.start()
        th.join()
        assert seen == [t.value] and ro.dimension_values("port")["records"].sum() > 0
    finally:
        ro.close()


def _copy_bundle(tmp_path):
    dst = tmp_path / "bundle"
    shutil.copytree(BUNDLE, dst)
    return dst


def test_a_moved_bundle_is_read_where_it_now_is(tmp_path):
    b1 = _copy_bundle(tmp_path / "a")
    s = DuckDBStore(tmp_path / "s.duckdb", bundle_dir=b1)
    before = s.totals(TradeFilter(period=(202301, 202312))).value
    s.close()
    b2 = tmp_path / "moved"
    shutil.move(str(b1), b2)        # the app folder moved: the store follows the bundle at open
    s = DuckDBStore(tmp_path / "s.duckdb", bundle_dir=b2)
    try:
        assert s.totals(TradeFilter(period=(202301, 202312))).value == before
        assert s.flow_triples(TradeFilter(period=(202303, 202305)))["value"].sum() > 0
    finally:
        s.close()


@pytest.mark.parametrize("damage", ["missing", "truncated", "other rows"])
def test_a_damaged_or_missing_bundled_file_is_named(tmp_path, damage):
    bundle = _copy_bundle(tmp_path)
    victim = bundle / "freight-DOT2.parquet"
    if damage == "missing":
        victim.unlink()
    elif damage == "truncated":
        victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    else:
        shutil.copyfile(bundle / "freight-DOT3.parquet", victim)
    with pytest.raises(StoreError) as err:
        DuckDBStore(tmp_path / "new.duckdb", bundle_dir=bundle)
    assert str(victim) in str(err.value) and ("missing" in str(err.value) or "damaged" in str(err.value))
    # a store made with a good bundle, opened with the damaged one: the same clear error
    good = DuckDBStore(tmp_path / "old.duckdb", bundle_dir=_copy_bundle(tmp_path / "good"))
    good.close()
    with pytest.raises(StoreError) as err:
        DuckDBStore(tmp_path / "old.duckdb", bundle_dir=bundle)
    assert str(victim) in str(err.value)


def _dot1_march_2022(tmp_path, keep=None, bump=0) -> tuple:
    """The BTS DOT1 file of 2022-03 (bundled) from the shared zip: whole, or its first ``keep``
    Mexico rows with the first one's VALUE raised by ``bump``."""
    zpath = shared_data_or_skip("bts", "transborder", "raw", "dot1_dot2", "2022-03.zip")
    with zipfile.ZipFile(zpath) as z:
        text = z.read("dot1_0322.csv").decode("utf-8")
    lines = text.splitlines()
    header, rows = lines[0], lines[1:]
    if keep is not None:
        rows = [r for r in rows if r.split(",")[6] == "2010"][:keep]
        p = rows[0].split(",")
        p[7] = str(int(p[7]) + bump)
        rows[0] = ",".join(p)
    out = tmp_path / ("dot1_0322.csv" if keep is None else "dot1_0322_part.csv")
    out.write_text("\n".join([header] + rows) + "\n")
    value = sum(int(r.split(",")[7]) for r in rows)
    return out, len(rows), value


@pytest.mark.store_writes
def test_importing_a_bundled_month_takes_it_over_and_undo_gives_it_back(writable_store_path, tmp_path):
    path, _, _ = _dot1_march_2022(tmp_path)
    store = open_store(writable_store_path)
    try:
        before, slices = _figures(store), _slices(store)
        rep = store.import_files([path], write_report=False)
        # the month's two slices are the store's now (same rows: unchanged), nothing is counted twice
        taken = store._cur().execute("SELECT src, year_month, country, taken_by FROM bundle_taken "
                                     "ORDER BY ALL").fetchall()
        assert taken == [(1, 202203, 1220, rep.import_id), (1, 202203, 2010, rep.import_id)]
        assert sum(r.rows_added for r in rep.files) == 0
        assert sum(r.rows_unchanged for r in rep.files) == rep.rows_loaded > 0
        assert _slices(store) == slices and _figures(store) == before
        held = store._cur().execute("SELECT count(*) FROM freight").fetchone()[0]
        assert held == slices[(1, 202203, 1220)][0] + slices[(1, 202203, 2010)][0]
        _rollups_agree(store)
        store.undo_import(rep.import_id)
        assert store._cur().execute("SELECT count(*) FROM freight").fetchone()[0] == 0
        assert store._cur().execute("SELECT count(*) FROM bundle_taken").fetchone()[0] == 0
        assert _slices(store) == slices and _figures(store) == before
        _rollups_agree(store)
    finally:
        store.close()


@pytest.mark.store_writes
def test_replacing_a_bundled_slice_asks_counts_it_once_and_undo_restores_it(writable_store_path, tmp_path):
    path, n, value = _dot1_march_2022(tmp_path, keep=100, bump=1000)
    store = open_store(writable_store_path)
    try:
        before, slices = _figures(store), _slices(store)
        mx = slices[(1, 202203, 2010)]
        with pytest.raises(ConsentNeeded) as asked:      # the bundled rows the file lacks would go
            store.import_files([path], write_report=False, replace=None)
        (loss,) = asked.value.losses
        assert (loss.kind, loss.year_month, loss.country, loss.rows) == ("DOT1", 202203, 2010, mx[0] - n)
        assert loss.value == mx[1] - (value - 1000)
        # asking changed nothing
        assert store._cur().execute("SELECT count(*) FROM freight").fetchone()[0] == 0
        assert store._cur().execute("SELECT count(*) FROM bundle_taken").fetchone()[0] == 0
        assert _figures(store) == before
        rep = store.import_files([path], write_report=False, replace=True)
        after = _slices(store)
        assert after[(1, 202203, 2010)] == (n, value)                    # the slice is the file's alone
        assert {k: v for k, v in after.items() if k != (1, 202203, 2010)} == {
            k: v for k, v in slices.items() if k != (1, 202203, 2010)}  # every other slice unchanged
        # now short of the BTS monthly summary: flagged partial (the summary answers for it)
        ca = slices[(1, 202203, 1220)][1]
        assert [(p.table, p.year_month, p.raw_value) for p in store.partial_months()] == [("DOT1", 202203, value + ca)]
        _rollups_agree(store)
        store.undo_import(rep.import_id)
        assert _slices(store) == slices and _figures(store) == before
        assert store._cur().execute("SELECT count(*) FROM freight").fetchone()[0] == 0
        _rollups_agree(store)
        # imported again and purged: the bundled rows it replaced are gone for good, never back
        rep = store.import_files([path], write_report=False, replace=True)
        assert store.purge_replaced(rep.import_id) == mx[0]    # the slice's rows, kept for undo until now
        assert _slices(store)[(1, 202203, 2010)] == (n, value)
    finally:
        store.close()
    store = open_store(writable_store_path)
    try:
        assert _slices(store)[(1, 202203, 2010)] == (n, value)
        _rollups_agree(store)
    finally:
        store.close()
