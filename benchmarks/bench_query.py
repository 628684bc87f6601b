"""Filter-bar query benchmark (issue 8): any query the filter bar can ask answers in <= 30 ms at
the full bundled store, whether the planner sends it to a raw table or a bundled summary.

``python benchmarks/bench_query.py [--quick]`` prints a table; ``run(quick) -> list[dict]``
returns one dict per query: ``name, median_ms, p95_ms, runs, target_ms, baseline_name,
baseline_median_ms, ratio`` (ratio = query median / baseline median). The baseline, measured in
the same run on the same store, is one plain DuckDB aggregate over the whole fact table
(``SELECT sum(value) FROM freight_all``: the bundled rows read in place + the store's own): the floor
a query pays without planning or naming.

The store is built from the bundled data (as on first launch) in a temporary directory; the
user's store is never touched.
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

from geo.query import TradeFilter  # noqa: E402
from geo.store import open_store  # noqa: E402

TARGET_MS = 30.0


def _year(y: int, **kw) -> TradeFilter:
    return TradeFilter(period=(y * 100 + 1, y * 100 + 12), granularity="year", **kw)


def _queries():
    """(name, kind, filter, by): what the filter bar asks, answered by summaries and raw tables."""
    return [
        ("summary: 2025 total (partner x month)", "totals", _year(2025), None),
        ("summary: 2025 by US state", "breakdown", _year(2025), "us_state"),
        ("summary: 2020 by US state, MX, truck", "breakdown", _year(2020, country="MX", modes=("truck",)),
         "us_state"),
        ("summary: 2020 by MX state, exports", "breakdown", _year(2020, trade_type="export"), "mx_state"),
        ("summary: 1993-2025 by year (series)", "breakdown",
         TradeFilter(period=(199401, 202512), granularity="year"), "year"),
        ("summary: 2025-01..03 by month (series)", "breakdown", TradeFilter(period=(202501, 202503)), "month"),
        ("summary: 2023 vs 2024 by US state (compare)", "compare", TradeFilter(country="MX"), "us_state"),
        ("raw: 2023 by US state (DOT1)", "breakdown", _year(2023), "us_state"),
        ("raw: 2021 by port, MX (DOT3)", "breakdown", _year(2021, country="MX"), "port"),
        ("raw: 2024 by commodity (DOT2)", "breakdown", _year(2024), "commodity"),
        ("raw: 2022 by MX state, exports (DOT1)", "breakdown", _year(2022, trade_type="export"), "mx_state"),
        ("raw: 2024-01..09 totals, TX, truck", "totals", TradeFilter(period=(202401, 202409), us_states=("TX",),
                                                                     modes=("truck",)), None),
        ("raw: 2021 by month (series)", "breakdown", _year(2021), "month"),
        ("raw: 2023 flow triples, MX exports", "flows", _year(2023, country="MX", trade_type="export"), None),
        # two or three dimensions of one table over every month it holds (the bundled rows are
        # read in place: native rollups answer these)
        ("raw: all months by commodity, MX state NL (DOT2)", "breakdown", TradeFilter(mx_states=("NL",)),
         "commodity"),
        ("raw: all months by US state, HS 87 + NL (DOT2)", "breakdown",
         TradeFilter(commodities=("87",), mx_states=("NL",)), "us_state"),
        ("raw: all months by commodity, TX exports (DOT2)", "breakdown",
         TradeFilter(us_states=("TX",), trade_type="export"), "commodity"),
        ("raw: all months by commodity, port 2304 (DOT3)", "breakdown", TradeFilter(ports=("2304",)), "commodity"),
        ("raw: all months by port, TX + truck (DOT1)", "breakdown", TradeFilter(us_states=("TX",), modes=("truck",)),
         "port"),
    ]


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


def _call(store, kind: str, f: TradeFilter, by):
    if kind == "totals":
        return store.totals(f)
    if kind == "flows":
        return store.flow_triples(f)
    if kind == "compare":
        return store.compare(f, [(202301, 202312), (202401, 202412)], by=by)
    return store.breakdown(f, by)


def run(quick: bool = False) -> list[dict]:
    runs = 7 if quick else 25
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="frontera-bench-query-") as tmp:
        path = Path(tmp) / "store.duckdb"
        open_store(path).close()                       # built from the bundle, as on first launch
        store = open_store(path)
        try:
            t0 = time.perf_counter()
            store.totals(_year(2024))                  # first query: availability + partial-month check
            first_ms = (time.perf_counter() - t0) * 1000
            base = _time(lambda: store._cur().execute("SELECT sum(value) FROM freight_all").fetchone(), runs)
            bmed = statistics.median(base)
            rows.append({"name": "query: first after open (availability, partial-month check)",
                         "median_ms": first_ms, "p95_ms": None, "runs": 1, "target_ms": None})
            for name, kind, f, by in _queries():
                xs = _time(lambda k=kind, f=f, by=by: _call(store, k, f, by), runs)
                med = statistics.median(xs)
                rows.append({"name": f"query: {name}", "median_ms": med, "p95_ms": _p95(xs), "runs": runs,
                             "target_ms": TARGET_MS, "meets_target": med <= TARGET_MS,
                             "baseline_name": "DuckDB sum(value) over freight_all", "baseline_median_ms": bmed,
                             "ratio": med / bmed if bmed else None})
        finally:
            store.close()
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    from benchmarks.run import print_table

    print_table(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
