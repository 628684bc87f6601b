"""Compare this checkout's benchmarks with another checkout's, measured in one run, interleaved.

    python -m benchmarks.compare --base /path/to/other/checkout [--rounds 3] [--only map] [--quick]

Each round runs the benchmark command once in the base checkout and once here (alternating
which goes first), each in a fresh process with that checkout's code first on ``sys.path``;
the medians of each benchmark over the rounds are compared. Machines differ in speed 2–3×,
so only a comparison inside one run means anything. Prints a table (base, this, change) and
writes ``benchmarks/results/compare.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_once(checkout: Path, only: list[str], quick: bool) -> dict[str, float]:
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    cmd = [sys.executable, "-m", "benchmarks.run", "--json", str(out)]
    for o in only:
        cmd += ["--only", o]
    if quick:
        cmd.append("--quick")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(checkout))
    subprocess.run(cmd, cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)
    rows = json.loads(out.read_text())["results"]
    out.unlink()
    return {r["name"]: float(r["median_ms"]) for r in rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the other checkout (e.g. a git worktree)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", action="append", default=[], choices=("map", "store", "flows"))
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    base: dict[str, list[float]] = {}
    mine: dict[str, list[float]] = {}
    for i in range(args.rounds):
        order = [(args.base, base), (REPO, mine)]
        if i % 2:
            order.reverse()
        for checkout, acc in order:
            print(f"round {i + 1}/{args.rounds}: {checkout}", file=sys.stderr)
            for name, v in run_once(checkout, args.only, args.quick).items():
                acc.setdefault(name, []).append(v)
    rows = []
    print(f"{'benchmark':78s} {'base':>10s} {'this':>10s} {'change':>8s}")
    for name in mine:
        if name not in base:
            continue
        b, m = statistics.median(base[name]), statistics.median(mine[name])
        change = (m - b) / b if b else 0.0
        rows.append({"name": name, "base_median": b, "this_median": m, "change": change,
                     "base_runs": base[name], "this_runs": mine[name]})
        print(f"{name[:78]:78s} {b:10.2f} {m:10.2f} {change * 100:+7.1f}%")
    out = REPO / "benchmarks" / "results" / "compare.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"base": str(args.base), "rounds": args.rounds, "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
