"""``frontera atlas``: a print atlas as one PDF, one page per port or state.

    frontera atlas --kind port --top 28 --out ports.pdf
    frontera atlas --project p.frontera --kind mx-state --ids NL COA CHH --out states.pdf

Each page is the map zoomed to the feature (marked), its drill-down key figures and
sentence, one chart, and the map's furniture (title, scale bar, north arrow, caveats,
sources). The filter and style are the project's (or bookmark's), else the app's default.
Exit codes: 0 written, 1 failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    from cli.export import add_session_args

    ap = argparse.ArgumentParser(prog="frontera atlas", description="A PDF atlas: one page per feature.")
    add_session_args(ap)
    ap.add_argument("--kind", required=True, choices=("port", "us-state", "mx-state"))
    pick = ap.add_mutually_exclusive_group()
    pick.add_argument("--top", type=int, default=None, help="the N largest by trade value (default 10)")
    pick.add_argument("--ids", nargs="+", default=None, help="port codes or state codes, in page order")
    ap.add_argument("--out", required=True, type=Path, help="output .pdf")
    ap.add_argument("--size", default="letter", help="letter, a4, letter-portrait, a4-portrait")
    return ap


def main(argv=None) -> int:
    from cli.main import _qt_app

    args = build_parser().parse_args(argv)
    from geo.analysis.atlas import AtlasError, atlas_ids
    from geo.analysis.layout import LayoutError, page_for

    if args.out.suffix.lower() != ".pdf":
        print("frontera atlas: --out must end in .pdf", file=sys.stderr)
        return 2
    if args.top is not None and not 1 <= args.top <= 500:
        print("frontera atlas: --top must be between 1 and 500", file=sys.stderr)
        return 2
    try:
        page = page_for(args.size, 300)
    except LayoutError as exc:
        print(f"frontera atlas: {exc}", file=sys.stderr)
        return 2
    _qt_app(gui=False)
    from cli.export import SessionError, open_session
    from desktop.export.atlas import export_atlas

    try:
        content, session, store = open_session(args, "frontera atlas")
    except SessionError as exc:
        print(f"frontera atlas: {exc}", file=sys.stderr)
        return 2
    try:
        ids = atlas_ids(store, args.kind, session.effective_filter, args.top, args.ids)
        result = export_atlas(args.out, content, session, args.kind, ids, page)
    except AtlasError as exc:
        print(f"frontera atlas: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"frontera atlas: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    for fid, why in result.skipped:
        print(f"frontera atlas: skipped {fid}: {why}", file=sys.stderr)
    print(f"wrote {args.out} ({len(result.pages)} pages: {', '.join(result.names)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
