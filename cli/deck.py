"""``frontera deck --project P --out FILE.pptx|pdf``: a project's bookmarks as a slide deck, one
slide per bookmark (``desktop.export.deck``), without a window (Qt off-screen).

Exit codes: 0 written, 1 failed (store, file), 2 bad input (no such project, no bookmarks,
another format).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser(prog: str = "frontera deck") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Write a project's bookmarks as a PowerPoint or PDF deck, "
                                                        "one slide per bookmark.")
    ap.add_argument("--project", required=True, type=Path, help="the .frontera project file")
    ap.add_argument("--out", required=True, type=Path, help="the deck to write: .pptx or .pdf")
    ap.add_argument("--store", metavar="PATH", type=Path, default=None,
                    help="the trade store (default: the one in your user data folder)")
    ap.add_argument("--quiet", action="store_true", help="no progress on standard error")
    return ap


def _offscreen_app():
    """Qt for painting only: off-screen unless a display is there (as ``frontera render``)."""
    import os

    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    suffix = args.out.suffix.lower()
    if suffix not in (".pptx", ".pdf"):
        print(f"frontera deck: --out must end in .pptx or .pdf, not {args.out.name!r}", file=sys.stderr)
        return 2
    from cli.bookmarks import open_store_for
    from desktop.base.messages import word
    from geo.data.bundled import BundledDataError
    from geo.layers.content import load_map_content
    from geo.session.project import ProjectError, read_project
    from geo.store import StoreError

    try:
        project = read_project(args.project)
    except ProjectError as exc:
        print(f"frontera deck: {word(exc.message)}", file=sys.stderr)
        return 2
    if not project.bookmarks:
        print(f"frontera deck: {args.project} has no bookmarks (add some: frontera bookmarks add)", file=sys.stderr)
        return 2
    _offscreen_app()
    try:
        content = load_map_content()
    except BundledDataError as exc:
        print(f"frontera deck: {exc}", file=sys.stderr)
        return 1
    try:
        store = open_store_for(args.store)
    except StoreError as exc:
        print(f"frontera deck: {exc}", file=sys.stderr)
        return 1
    from desktop.export.deck import write_deck
    from geo.session import Session

    def progress(i, n):
        if not args.quiet:
            print(f"slide {i} of {n}", file=sys.stderr, flush=True)

    try:
        session = Session(content.layers, store)
        session.from_dict(project.session)
        path = write_deck(args.out, content, session, project.bookmarks, progress=progress)
    except (OSError, ValueError) as exc:
        print(f"frontera deck: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"wrote {path} ({len(project.bookmarks)} slides)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
