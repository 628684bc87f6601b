"""Store benchmark: query latency at 5M / 20M fact rows vs a pandas group-by, and import
throughput on the real BTS files.

``python benchmarks/bench_store.py [--quick]`` prints a table; ``run(quick) -> list[dict]``
returns one dict per measurement: ``name, median_ms, p95_ms, runs, target_ms,
baseline_name, baseline_median_ms, ratio`` (ratio = pandas median / store median, i.e. the
speed-up; import rows also carry ``rows_per_s``).

Synthetic scale: the real DOT1 (2015-01) and DOT3 (2020-21) rows of the bundled default store
are resampled (deterministic hash sampling) and spread over the months 2007-01..2024-12, so
the period filter matters. Everything is built in a temporary directory; the user's store is
never touched.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from geo.data.codes import bundled_data_dir, bundled_freight_files  # noqa: E402
from geo.query import SRC_NAME, TradeFilter  # noqa: E402
from geo.store import DuckDBStore  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
YEAR = ("2019-01", "2019-12")


def _queries():
    """(name, kind, filter, by) - a representative set: each filter dimension, each breakdown."""
    y = TradeFilter(period=YEAR)
    q = [
        ("totals: all months", "totals", TradeFilter(), None),
        ("totals: period", "totals", y, None),
        ("totals: country MX", "totals", y.replace(country="MX"), None),
        ("totals: trade type", "totals", y.replace(trade_type="export"), None),
        ("totals: modes", "totals", y.replace(modes=("truck", "rail")), None),
        ("totals: commodities", "totals", y.replace(commodities=("84", "85", "87")), None),
        ("totals: ports", "totals", y.replace(ports=("2304", "2506", "2402")), None),
        ("totals: US states", "totals", y.replace(us_states=("TX", "CA", "MI")), None),
        ("totals: MX states", "totals", y.replace(mx_states=("NL", "CH", "CO")), None),
        ("totals: combined", "totals", y.replace(country="MX", trade_type="import", modes=("truck",),
                                                 ports=("2304",)), None),
        ("by month (all)", "breakdown", TradeFilter(country="MX"), "month"),
        ("by port", "breakdown", y.replace(country="MX"), "port"),
        ("by US state", "breakdown", y, "us_state"),
        ("by MX state", "breakdown", y, "mx_state"),
        ("by mode", "breakdown", y, "mode"),
        ("by commodity", "breakdown", y, "commodity"),
        ("by port (all months)", "breakdown", TradeFilter(), "port"),
        ("flow triples", "flows", y.replace(country="MX", trade_type="export"), None),
    ]
    return q


def _time(fn, runs: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


# Default month spread: each row keeps its calendar month, in a year drawn from 2007..2024.
YEARS_SPREAD_SQL = "CAST((2007 + (hash(r.i * 7919 + 1) % 18)) * 100 + b.year_month % 100 AS INTEGER)"


def build_synthetic(path: Path, n_rows: int, bundle: Path | None = None, sources: tuple[int, ...] = (1, 3),
                    month_sql: str = YEARS_SPREAD_SQL) -> DuckDBStore:
    """A store at ``path`` whose ``freight`` has ``n_rows`` resampled real rows of the DOT
    tables ``sources`` (taken from the bundled default store tables), dated by ``month_sql``
    (an SQL expression over the resampling index ``r.i`` and the base row ``b``)."""
    bundle = bundle or bundled_data_dir() / "store"
    store = DuckDBStore(path)
    con = store._con
    con.execute("""CREATE TEMP TABLE base AS
        SELECT row_number() OVER () - 1 AS rid, src, year_month, trade_type, country, mode,
               CAST(us_state AS st2_t) us_state, CAST(port AS port_t) port,
               CAST(mx_state AS st2_t) mx_state, CAST(can_prov AS st2_t) can_prov,
               CAST(commodity AS hs2_t) commodity, df, CAST(contcode AS cont_t) contcode,
               value, shipwt, freight_charges
        FROM read_parquet(?) WHERE list_contains(?, src)""", [bundled_freight_files(bundle), list(sources)])
    nbase = con.execute("SELECT count(*) FROM base").fetchone()[0]
    con.execute(f"""
        INSERT INTO freight (src, year_month, trade_type, country, mode, us_state, port, mx_state,
                             can_prov, commodity, df, contcode, value, shipwt, freight_charges)
        SELECT b.src, {month_sql},
               b.trade_type, b.country, b.mode, b.us_state, b.port, b.mx_state, b.can_prov,
               b.commodity, b.df, b.contcode, b.value, b.shipwt, b.freight_charges
        FROM (SELECT range AS i, hash(range) % {nbase} AS pick FROM range({int(n_rows)})) r
        JOIN base b ON b.rid = r.pick
        ORDER BY 2, 1""")
    con.execute("DROP TABLE base")
    store.rebuild_rollups()
    con.execute("CHECKPOINT")
    store._avail = None
    return store


def _pandas_frame(store: DuckDBStore) -> pd.DataFrame:
    df = store._cur().execute(
        "SELECT src, year_month, trade_type, country, mode, CAST(us_state AS VARCHAR) us_state, "
        "CAST(port AS VARCHAR) port, CAST(mx_state AS VARCHAR) mx_state, "
        "CAST(commodity AS VARCHAR) commodity, value, shipwt, freight_charges FROM freight").df()
    for c in ("us_state", "port", "mx_state", "commodity"):
        df[c] = df[c].astype("category")
    return df


def _pandas_query(df: pd.DataFrame, store: DuckDBStore, kind: str, f: TradeFilter, by):
    """The same answer computed with a plain pandas mask + group-by (the baseline)."""
    qp = store.plan(f, by, flows=(kind == "flows"))
    mask = np.zeros(len(df), dtype=bool)
    src, ym = df["src"].to_numpy(), df["year_month"].to_numpy()
    for s, lo, hi in qp.ranges:
        mask |= (src == s) & (ym >= lo) & (ym <= hi)
    if f.trade_type_code:
        mask &= df["trade_type"].to_numpy() == f.trade_type_code
    country = f.country or qp.implicit_country
    if country:
        mask &= df["country"].to_numpy() == (2010 if country == "MX" else 1220)
    if f.modes:
        mask &= df["mode"].isin([int(m) for m in f.modes]).to_numpy()
    for attr, col in (("commodities", "commodity"), ("ports", "port"), ("us_states", "us_state"),
                      ("mx_states", "mx_state")):
        vals = getattr(f, attr)
        if vals:
            mask &= df[col].isin(vals).to_numpy()
    sub = df[mask]
    cols = ["value", "shipwt", "freight_charges"]
    if kind == "totals":
        return sub[cols].sum()
    if kind == "flows":
        return sub.groupby(["us_state", "port", "mx_state", "mode", "trade_type"], observed=True)[cols].sum()
    key = {"month": "year_month", "us_state": "us_state", "mx_state": "mx_state", "port": "port",
           "mode": "mode", "commodity": "commodity"}[by]
    return sub.groupby(key, observed=True)[cols].sum()


def _store_query(store: DuckDBStore, kind: str, f: TradeFilter, by):
    if kind == "totals":
        return store.totals(f)
    if kind == "flows":
        return store.flow_triples(f)
    return store.breakdown(f, by)


def bench_queries(store: DuckDBStore, label: str, target_ms: float, runs: int, baseline_runs: int):
    results = []
    df = _pandas_frame(store)
    for name, kind, f, by in _queries():
        ts = _time(lambda kind=kind, f=f, by=by: _store_query(store, kind, f, by), runs)
        bs = _time(lambda frame=df, kind=kind, f=f, by=by: _pandas_query(frame, store, kind, f, by), baseline_runs)
        med, bmed = statistics.median(ts), statistics.median(bs)
        results.append({
            "name": f"{label}: {name}", "median_ms": round(med, 2), "p95_ms": round(_p95(ts), 2),
            "runs": runs, "target_ms": target_ms, "baseline_name": "pandas mask + groupby",
            "baseline_median_ms": round(bmed, 2), "ratio": round(bmed / med, 1) if med else None,
        })
    del df
    return results


def bench_import(tmp: Path, quick: bool) -> list[dict]:
    raw = SHARED / "bts" / "transborder" / "raw"
    files = sorted((raw / "2021").glob("*.csv"))
    if not quick:
        files = sorted((raw / "2015-01").glob("*.csv")) + sorted((raw / "2020").glob("*.csv")) + files
    out = []
    sets = [("import: TransBorder CSVs", files)]
    crossing = SHARED / "bts" / "border_crossing_entry" / "Border_Crossing_Entry_Data.csv"
    if not quick:
        sets.append(("import: Border Crossing/Entry CSV", [crossing]))
    for name, fs in sets:
        if not all(p.exists() for p in fs) or not fs:
            continue
        times, rates = [], []
        for i in range(1 if quick else 2):
            s = DuckDBStore(tmp / f"imp_{name[-3:]}_{i}.duckdb")
            rep = s.import_files(fs, write_report=False)
            s.close()
            times.append(rep.elapsed_s * 1000)
            rates.append(rep.rows_per_second)
        out.append({
            "name": f"{name} ({rep.rows_loaded:,} rows)", "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(max(times), 1), "runs": len(times), "target_ms": None,
            "baseline_name": None, "baseline_median_ms": None, "ratio": None,
            "rows_per_s": round(statistics.median(rates)), "target_rows_per_s": 200_000,
        })
    return out


def run(quick: bool = False) -> list[dict]:
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="frontera-bench-") as tmp:
        tmp = Path(tmp)
        try:
            results += bench_import(tmp, quick)
            scales = [(5_000_000, 30.0)] if quick else [(5_000_000, 30.0), (20_000_000, 100.0)]
            for n, target in scales:
                label = f"{n // 1_000_000}M rows"
                t0 = time.perf_counter()
                store = build_synthetic(tmp / f"synthetic_{n}.duckdb", n)
                print(f"built {label} store in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
                try:
                    results += bench_queries(store, label, target, runs=5 if quick else 9,
                                             baseline_runs=1 if quick else 3)
                finally:
                    store.close()
                    (tmp / f"synthetic_{n}.duckdb").unlink(missing_ok=True)
        finally:
            pass
    return results


def format_table(results: list[dict]) -> str:
    lines = [f"{'benchmark':58} {'median':>9} {'p95':>9} {'target':>7} {'pandas':>9} {'x':>6}"]
    for r in results:
        if "rows_per_s" in r:
            lines.append(f"{r['name']:58} {r['median_ms']:>7.0f}ms {r['p95_ms']:>7.0f}ms "
                         f"{'':>7} {r['rows_per_s']:>9,} rows/s (target {r['target_rows_per_s']:,})")
            continue
        ok = "" if r["target_ms"] is None else ("ok" if r["median_ms"] <= r["target_ms"] else "SLOW")
        lines.append(f"{r['name']:58} {r['median_ms']:>7.1f}ms {r['p95_ms']:>7.1f}ms "
                     f"{r['target_ms'] or '':>5}{ok:>3} {r['baseline_median_ms']:>7.0f}ms {r['ratio']:>6}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Frontera Atlas store benchmark")
    ap.add_argument("--quick", action="store_true", help="5M rows only, fewer runs (< 30 s)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    results = run(quick=args.quick)
    print(format_table(results))
    print(f"\nwall time {time.perf_counter() - t0:.1f} s; source tables: "
          f"{', '.join(SRC_NAME[s] for s in (1, 3))} resampled over 2007-2024")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
