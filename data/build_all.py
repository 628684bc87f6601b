"""Rebuild every bundled table in data/ from ../shared/data (and Debian's qgis-common for
the basemap). Each step writes its outputs atomically and names its sources.

Usage: python data/build_all.py [--shared ../shared/data] [--qgis-gpkg PATH]
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ("build_basemap", "build_points", "build_store", "build_trade")


def _load(name):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--qgis-gpkg", type=Path, default=Path("/usr/share/qgis/resources/data/world_map.gpkg"))
    args = ap.parse_args(argv)
    for step in STEPS:
        mod = _load(step)
        print(f"== {step} ==")
        kwargs = {"qgis_gpkg": args.qgis_gpkg} if step == "build_basemap" else {}
        counts = mod.build(args.shared, HERE, **kwargs)
        for name, n in (counts or {}).items():
            print(f"  {name:28s} {n}")
    size = sum(p.stat().st_size for p in HERE.rglob("*") if p.is_file())
    print(f"data/ holds {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
