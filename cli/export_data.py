"""``frontera export-data``: the view's layers with their figures, for QGIS and spreadsheets.

    frontera export-data --out view.gpkg                   states, ports (and flows) as GeoPackage
    frontera export-data --project p.frontera --out view.geojson
    frontera export-data --out view.csv                    one table, lon/lat columns

States and ports carry the store's trade value and share for the filter (the project's or
bookmark's, else the app's default); flows are lines with their attributes when the
project shows flows (or with --flows). Exit codes: 0 written, 1 failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    from cli.export import add_session_args

    ap = argparse.ArgumentParser(prog="frontera export-data",
                                 description="Write the view's states, ports and flows with their figures.")
    add_session_args(ap)
    ap.add_argument("--out", required=True, type=Path, help="output .gpkg, .geojson or .csv")
    ap.add_argument("--flows", action="store_true", help="include the trade flows even if the view hides them")
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from geo.analysis.data_out import DATA_FORMATS, view_layers, write_layers

    if args.out.suffix.lower().lstrip(".") not in DATA_FORMATS:
        print("frontera export-data: --out must end in .gpkg, .geojson or .csv", file=sys.stderr)
        return 2
    from cli.export import SessionError, open_session

    try:
        content, session, store = open_session(args, "frontera export-data")
    except SessionError as exc:
        print(f"frontera export-data: {exc}", file=sys.stderr)
        return 2
    try:
        if args.flows:
            session.show_flows(True)
        frames = view_layers(session, content.layers)
        write_layers(args.out, frames)
    except OSError as exc:
        print(f"frontera export-data: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"wrote {args.out} (" + ", ".join(f"{k}: {len(v)}" for k, v in frames.items()) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
