"""``frontera export``: the map as a publication-ready PNG, SVG or PDF, without a window.

    frontera export --out map.pdf                              the default view, Letter landscape
    frontera export --project p.frontera --bookmark Q1 --out q1.png --size a4 --dpi 300
    frontera export --out slide.png --size slide --title "Cross-border trade, 2024"

--size is WxH pixels, or letter, a4 (landscape), letter-portrait, a4-portrait, slide
(1920×1080); --dpi 72–600 is written in PNGs. SVG and PDF are vector (labels are text).
Exit codes: 0 written, 1 failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_session_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--project", metavar="FILE", type=Path, default=None,
                    help="a .frontera project: its view, filter and style (default: the app's default view)")
    ap.add_argument("--bookmark", metavar="NAME", default=None, help="a bookmark of the project instead of its view")
    ap.add_argument("--store", metavar="PATH", type=Path, default=None,
                    help="the trade store (default: the one in your user data folder)")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="frontera export", description="Export the map as PNG, SVG or PDF.")
    add_session_args(ap)
    ap.add_argument("--out", required=True, type=Path, help="output file: .png, .svg or .pdf")
    ap.add_argument("--dpi", type=int, default=None, help="resolution, 72–600 (default: the size preset's)")
    ap.add_argument("--size", default="letter", help="WxH pixels, or letter, a4, letter-portrait, a4-portrait, slide")
    ap.add_argument("--title", default=None, help="title (default: one describing the view)")
    ap.add_argument("--subtitle", default=None, help="subtitle (default: what is shaded and sized; '' for none)")
    ap.add_argument("--selection", action="store_true", help="draw the selected feature's highlight")
    ap.add_argument("--no-legend", action="store_true", help="leave the legend out")
    return ap


class SessionError(Exception):
    pass


def open_session(args, prog: str):
    """(content, session, store) for the arguments: the project's (or bookmark's) session
    over the store, else the default view. Raises SessionError with a sentence."""
    from cli.stores import open_for_reading
    from desktop.base.messages import word
    from geo.layers.content import load_map_content
    from geo.session.model import Session
    from geo.session.project import ProjectError, read_project
    from geo.store import StoreError

    if args.store is not None and not Path(args.store).is_file():
        raise SessionError(f"No store at {args.store}; check the --store path.")
    data = None
    if args.project is not None:
        try:
            project = read_project(args.project)
        except ProjectError as exc:
            raise SessionError(word(exc.message)) from None
        data = project.session
        if args.bookmark:
            match = [b for b in project.bookmarks if b.name == args.bookmark]
            if not match:
                names = ", ".join(b.name for b in project.bookmarks) or "none"
                raise SessionError(f"No bookmark {args.bookmark!r} in {args.project} (bookmarks: {names}).")
            data = match[0].session
    elif args.bookmark:
        raise SessionError("--bookmark needs --project.")
    try:
        store = open_for_reading(args.store)
    except StoreError as exc:
        raise SessionError(str(exc)) from None
    content = load_map_content()
    session = Session(content.layers, store)
    if data is not None:
        from geo.core.parts import SessionError as BadSession

        try:
            session.from_dict(data)
        except BadSession as exc:
            store.close()
            raise SessionError(f"{prog}: {exc}") from None
    return content, session, store


def main(argv=None) -> int:
    from cli.main import _qt_app

    args = build_parser().parse_args(argv)
    from geo.analysis.layout import MAX_DPI, MIN_DPI, LayoutError, page_for

    if args.dpi is not None and not MIN_DPI <= args.dpi <= MAX_DPI:
        print(f"frontera export: --dpi must be between {MIN_DPI} and {MAX_DPI}", file=sys.stderr)
        return 2
    try:
        page = page_for(args.size, args.dpi)
    except LayoutError as exc:
        print(f"frontera export: {exc}", file=sys.stderr)
        return 2
    if args.out.suffix.lower() not in (".png", ".svg", ".pdf"):
        print("frontera export: --out must end in .png, .svg or .pdf", file=sys.stderr)
        return 2
    _qt_app(gui=False)
    from desktop.export.publication import ExportOptions, export_map

    try:
        content, session, store = open_session(args, "frontera export")
    except SessionError as exc:
        print(f"frontera export: {exc}", file=sys.stderr)
        return 2
    try:
        opts = ExportOptions(page, title=args.title, subtitle=args.subtitle, legend=not args.no_legend,
                             selection=args.selection)
        info = export_map(args.out, content, session, opts)
    except (OSError, LayoutError) as exc:
        print(f"frontera export: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    w, h = page.pixels
    size = f"{w}×{h} px at {page.dpi} dpi" if args.out.suffix.lower() == ".png" else \
        f"{page.width_in:.2f}×{page.height_in:.2f} in"
    print(f"wrote {args.out} ({size}; {info.title})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
