"""``frontera bookmarks add|list|remove --project P``: a project's bookmarks, for scripted reports
(no window, no Qt).

Examples::

    frontera bookmarks add --project report.frontera --name "Laredo 2021" --from 2021-01 --to 2021-12 \\
        --extent -101,25,-96,28.5 --select port:2304 --notes "The busiest land port"
    frontera bookmarks list --project report.frontera --format json
    frontera bookmarks remove --project report.frontera --name "Laredo 2021"

``add`` starts from the project's saved view (a new project: the app's default view) and
changes what the options say: the filter (``--from/--to/--country/--trade-type/--mode/--commodity``),
the map extent in degrees (west,south,east,north), and the feature selected and open in the
drill-down (``KIND:ID``, KIND one of us-state, mx-state, port, seaport, zone, corridor). A
project that does not exist yet is created. Exit codes: 0 ok, 1 failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def build_parser(prog: str = "frontera bookmarks") -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Add, list or remove a project's bookmarks (named views).")
    sub = ap.add_subparsers(dest="what", required=True)
    add = sub.add_parser("add", help="bookmark a view (the project's, changed by the options)")
    lst = sub.add_parser("list", help="print the bookmarks")
    rem = sub.add_parser("remove", help="remove a bookmark by name")
    for p in (add, lst, rem):
        p.add_argument("--project", required=True, type=Path, help="the .frontera project file")
    for p in (add, rem):
        p.add_argument("--name", required=True, help="the bookmark's name")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    add.add_argument("--store", metavar="PATH", type=Path, default=None,
                     help="the trade store (default: the one in your user data folder)")
    add.add_argument("--from", dest="start", help="first month YYYY-MM")
    add.add_argument("--to", dest="end", help="last month YYYY-MM")
    add.add_argument("--country", help="MX, CA or both")
    add.add_argument("--trade-type", help="export, import or both")
    add.add_argument("--mode", action="append", default=None, help="truck, rail, ... or code (repeat or comma)")
    add.add_argument("--commodity", action="append", default=None, help="HS 2-digit chapter(s), e.g. 84,85")
    add.add_argument("--extent", help="LON1,LAT1,LON2,LAT2: the map extent in degrees")
    add.add_argument("--select", metavar="KIND:ID", help="the feature selected and open in the drill-down")
    add.add_argument("--flows", choices=("on", "off"), default=None, help="show the trade flows")
    add.add_argument("--notes", default="", help="the bookmark's notes (speaker notes on its slide)")
    add.add_argument("--replace", action="store_true", help="replace a bookmark of the same name")
    return ap


def open_store_for(path: Path | None):
    """The store the command reads (read-only when named, as ``frontera profile`` does)."""
    from geo.store import StoreError, open_store

    if path is not None and not Path(path).is_file():
        raise StoreError(f"No store at {path}; check the --store path.")
    try:
        return open_store(path, read_only=path is not None)
    except StoreError:
        if path is None:
            raise
        return open_store(path)


def _split(values) -> tuple[str, ...]:
    return tuple(x.strip() for v in values or () for x in str(v).split(",") if x.strip())


def _extent(text: str) -> tuple[float, float, float, float]:
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError:
        raise ValueError(f"--extent must be LON1,LAT1,LON2,LAT2 in degrees, not {text!r}") from None
    return (min(w, e), min(s, n), max(w, e), max(s, n))


def apply_options(session, args) -> None:
    """Change ``session`` as the ``add`` options say; ValueError (and FilterError) on bad input."""
    from geo.analysis.profile import KINDS, layer_for_ref, normalise_kind, resolve

    changes: dict = {}
    if args.start or args.end:
        changes["period"] = (args.start or args.end, args.end or args.start)
    if args.country is not None:
        changes["country"] = None if args.country.lower() in ("both", "all", "") else args.country.upper()
    if args.trade_type is not None:
        changes["trade_type"] = None if args.trade_type.lower() in ("both", "all", "") else args.trade_type.lower()
    if args.mode is not None:
        changes["modes"] = _split(args.mode)
    if args.commodity is not None:
        changes["commodities"] = _split(args.commodity)
    if changes:
        session.set("filter", session.filter.replace(**changes))
    if args.extent:
        session.set_extent(_extent(args.extent))
    if args.select:
        kind, _, fid = args.select.partition(":")
        kind = normalise_kind(kind)
        if kind not in KINDS or not fid:
            raise ValueError(f"--select must be KIND:ID with KIND one of {', '.join(KINDS)}, not {args.select!r}")
        resolve((kind, fid))  # an unknown id is an error here, not a blank slide later
        session.set("panel", session.get("panel").opened((kind, fid)))
        layer = layer_for_ref((kind, fid))
        session.select(*(layer or (None, None)))
    if args.flows is not None:
        session.show_flows(args.flows == "on")


def _add(args) -> int:
    from desktop.base.messages import word
    from geo.analysis.profile import ProfileError
    from geo.core.version import VERSION
    from geo.data.codes import UnknownCodeError
    from geo.query import FilterError
    from geo.session import Session
    from geo.session.bookmarks import Bookmarks
    from geo.session.project import ProjectError, project_of, read_project, vintage_of, write_project
    from geo.store import StoreError

    project = read_project(args.project) if args.project.exists() else None
    try:
        store = open_store_for(args.store)
    except StoreError as exc:
        print(f"frontera bookmarks: {exc}", file=sys.stderr)
        return 1
    try:
        session = Session(None, store)
        if project is not None:
            session.from_dict(project.session)
        try:
            apply_options(session, args)
        except (ValueError, FilterError, UnknownCodeError, ProfileError) as exc:
            text = word(exc.message) if isinstance(exc, ProfileError) else str(exc)
            print(f"frontera bookmarks: {text}", file=sys.stderr)
            return 2
        bookmarks = Bookmarks(project.bookmarks if project is not None else ())
        at = bookmarks.index_of(args.name)
        if at >= 0 and not args.replace:
            print(f"frontera bookmarks: {args.project} already has a bookmark called {args.name!r} "
                  "(--replace replaces it)", file=sys.stderr)
            return 2
        if at >= 0:
            bookmarks.update(at, session)
            bookmarks.set_notes(at, args.notes)
        else:
            bookmarks.add(args.name, session, args.notes)
        if project is None:
            project = project_of(session, bookmarks.items)
        else:
            project.bookmarks = bookmarks.items
            if not project.vintage:
                project.vintage = vintage_of(session)
        write_project(args.project, project, VERSION)
    except ProjectError as exc:
        print(f"frontera bookmarks: {word(exc.message)}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"{'replaced' if at >= 0 else 'added'} bookmark {args.name!r} ({len(bookmarks)} in {args.project})")
    return 0


def describe_bookmark(b) -> dict:
    s = b.session
    f = {k: v for k, v in (s.get("filter") or {}).items() if v not in (None, [], "") and k != "granularity"}
    return {"name": b.name, "notes": b.notes, "filter": f, "extent": (s.get("view") or {}).get("extent"),
            "selection": s.get("selection"), "open_panel": (s.get("panel") or {}).get("open"),
            "flows_visible": (s.get("flows") or {}).get("visible")}


def main(argv=None) -> int:
    from desktop.base.messages import word
    from geo.core.periods import format_ym
    from geo.core.version import VERSION
    from geo.session.bookmarks import Bookmarks
    from geo.session.project import ProjectError, read_project, write_project

    argv = list(sys.argv[1:] if argv is None else argv)
    for i in range(len(argv) - 1):  # "--extent -101,25,-96,28.5": a value, though it starts with "-"
        if argv[i] == "--extent":
            argv[i:i + 2] = [f"--extent={argv[i + 1]}", ""]
    args = build_parser().parse_args([a for a in argv if a != ""])
    try:
        if args.what == "add":
            return _add(args)
        project = read_project(args.project)
        if args.what == "list":
            items = [describe_bookmark(b) for b in project.bookmarks]
            if args.format == "json":
                print(json.dumps(items, indent=2, ensure_ascii=False))
                return 0
            if not items:
                print(f"{args.project}: no bookmarks")
            for i, d in enumerate(items, 1):
                f = d["filter"]
                period = "..".join(format_ym(int(m)) for m in f.get("period") or []) or "all months"
                rest = ", ".join(f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}"
                                 for k, v in f.items() if k != "period")
                print(f"{i:3d}. {d['name']}  [{period}{'; ' + rest if rest else ''}]")
                if d["extent"]:
                    print("     extent: " + ",".join(f"{v:.4f}" for v in d["extent"]))
                if d["open_panel"]:
                    print(f"     open: {':'.join(d['open_panel'])}")
                if d["notes"]:
                    print("     notes: " + d["notes"].replace("\n", "\n            "))
            return 0
        bookmarks = Bookmarks(project.bookmarks)
        at = bookmarks.index_of(args.name)
        if at < 0:
            print(f"frontera bookmarks: {args.project} has no bookmark called {args.name!r}", file=sys.stderr)
            return 2
        bookmarks.remove(at)
        project.bookmarks = bookmarks.items
        write_project(args.project, project, VERSION)
        print(f"removed bookmark {args.name!r} ({len(bookmarks)} left in {args.project})")
        return 0
    except ProjectError as exc:
        print(f"frontera bookmarks: {word(exc.message)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
