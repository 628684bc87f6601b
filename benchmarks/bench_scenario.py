"""Disruption scenario benchmark (issue 16): a scenario over a year of public flows (the bundled
store's 2023 DOT1 flows, every truck and rail flow with Mexico) recomputes in <= 200 ms (median),
so a slider for days or capacity moves the map live. The recompute runs on a built
:class:`~geo.analysis.scenario.ScenarioBase` (what a slider keeps); building it (flows, counts,
capacities, values per truck, read once per period) is reported without a target.

Scenarios: Ysleta closed 7 days; the Texas ports (Hidalgo, Ysleta, El Paso, Laredo) at 80% for
30 days; Laredo, the largest port, closed 7 days (its exports by truck: 1,400 flow groups × 21
ports in one program); a capacity slider on Laredo (each run a different capacity kept, 0–80%,
as a slider moves it: nothing is reused between runs but the base); and, without a target, the
four Texas ports closed 10 days (the largest program: 2,900 groups × 18 ports). Baseline, same
run: the flow query alone (``store.flow_triples`` of the year).

``python benchmarks/bench_scenario.py [--quick]`` prints a table; ``run(quick) -> list[dict]``.
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

from geo.analysis.scenario import MODES, ScenarioState, build_base, run_scenario  # noqa: E402
from geo.query import TradeFilter  # noqa: E402

TARGET_MS = 200.0
SCENARIOS = (
    ("Ysleta closed 7 days", ScenarioState(closed=("2401",), days=7)),
    ("Texas ports at 80% for 30 days", ScenarioState(closed=("2305", "2401", "2402", "2304"), capacity_pct=80,
                                                     days=30)),
    ("Laredo closed 7 days", ScenarioState(closed=("2304",), days=7)),
)
#: a slider on the capacity Laredo keeps (one value a run)
SLIDER = tuple(ScenarioState(closed=("2304",), days=7, capacity_pct=p) for p in (0, 10, 20, 30, 40, 50, 60, 70, 80))
#: reported without a target: the largest program
HARDEST = ("the 4 Texas ports closed 10 days (no target)",
           ScenarioState(closed=("2305", "2401", "2402", "2304"), days=10))


def _ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _p95(xs):
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def run(quick: bool = False) -> list[dict]:
    from geo.store import open_store

    runs = 3 if quick else 9
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="frontera-bench-scenario-") as tmp:
        store = open_store(Path(tmp) / "bundled.duckdb")
        try:
            base = build_base(store)
            f = TradeFilter(period=base.period, country="MX", modes=tuple(MODES))
            t_base = statistics.median([_ms(lambda: build_base(store)) for _ in range(1 if quick else 3)])
            rows.append({"name": "scenario: build the base of a year (flows, counts, capacities, value/truck)",
                         "median_ms": t_base, "p95_ms": None, "runs": 1 if quick else 3})
            cases = [(label, [state] * runs, True) for label, state in SCENARIOS]
            cases.append(("Laredo capacity slider 0-80%", [SLIDER[i % len(SLIDER)] for i in range(runs)], True))
            cases.append((HARDEST[0], [HARDEST[1]] * (1 if quick else 3), False))
            for label, states, target in cases:
                run_scenario(base, states[0])   # warm (scipy import)
                xs, bs = [], []
                for state in states:      # interleaved with the baseline
                    bs.append(_ms(lambda: store.flow_triples(f)))
                    xs.append(_ms(lambda st=state: run_scenario(base, st)))
                med, bmed = statistics.median(xs), statistics.median(bs)
                row = {"name": f"scenario: recompute, {label} (2023 flows)", "median_ms": med,
                       "p95_ms": _p95(xs), "runs": len(states), "baseline_name": "the flow query alone",
                       "baseline_median_ms": bmed, "ratio": med / bmed if bmed else None}
                if target:
                    row.update(target_ms=TARGET_MS, meets_target=med <= TARGET_MS)
                rows.append(row)
        finally:
            store.close()
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    from benchmarks.run import print_table

    print_table(run(a.quick))
