"""The benchmark command: `python -m benchmarks.run [--quick] [--only SUITE] [--json PATH]`.

Prints a table (median, p95, target, baseline measured in the same run, ratio) and writes
the figures as JSON (default benchmarks/results/latest.json).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SUITES = ("map", "store", "query", "flows", "profile", "deck", "export", "network", "scenario")


def _suite(name: str):
    if name == "map":
        from benchmarks import bench_map

        return bench_map
    if name == "flows":
        from benchmarks import bench_flows

        return bench_flows
    if name == "profile":
        from benchmarks import bench_profile

        return bench_profile
    if name == "deck":
        from benchmarks import bench_deck

        return bench_deck
    if name == "export":
        from benchmarks import bench_export

        return bench_export
    if name == "query":
        from benchmarks import bench_query

        return bench_query
    if name == "network":
        from benchmarks import bench_network

        return bench_network
    if name == "scenario":
        from benchmarks import bench_scenario

        return bench_scenario
    from benchmarks import bench_store

    return bench_store


def print_table(rows: list[dict]) -> None:
    head = f"{'benchmark':78s} {'median':>9s} {'p95':>9s} {'target':>12s} {'ok':>4s} {'baseline':>10s} {'ratio':>6s}"
    print(head)
    print("-" * len(head))
    for r in rows:
        tgt = f"≤{r['target_ms']:g} {r.get('target_on', 'median')[:3]}" if r.get("target_ms") is not None else ""
        ok = {True: "yes", False: "NO", None: ""}[r.get("meets_target")] if "meets_target" in r else ""
        if "meets_target" not in r and r.get("target_ms") is not None:
            ok = "yes" if r["median_ms"] <= r["target_ms"] else "NO"
        base = f"{r['baseline_median_ms']:.1f}" if r.get("baseline_median_ms") is not None else ""
        ratio = f"{r['ratio']:.1f}x" if r.get("ratio") is not None else ""
        unit = r.get("unit", "ms")
        med = f"{r['median_ms']:.2f}" if unit == "ms" else f"{r['median_ms']:,.0f}"
        p95 = f"{r['p95_ms']:.2f}" if r.get("p95_ms") is not None and unit == "ms" else ""
        print(f"{r['name'][:78]:78s} {med:>9s} {p95:>9s} {tgt:>12s} {ok:>4s} {base:>10s} {ratio:>6s}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, smaller synthetic stores")
    ap.add_argument("--only", choices=SUITES, action="append", help="run only this suite (repeatable)")
    ap.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "latest.json")
    args = ap.parse_args(argv)
    rows: list[dict] = []
    started = time.time()
    for name in args.only or SUITES:
        try:
            suite = _suite(name)
        except ImportError as exc:
            print(f"(skipping {name}: {exc})", file=sys.stderr)
            continue
        print(f"== {name} ==", file=sys.stderr)
        rows.extend(suite.run(quick=args.quick))
    print_table(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "seconds": round(time.time() - started, 1),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "quick": args.quick, "results": rows,
    }
    tmp = args.json.with_suffix(".part")
    tmp.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    tmp.replace(args.json)
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
