"""``frontera project info P [--format text|json]``: what a project file holds, for scripts
and support. Exit codes: 0 ok, 2 the file cannot be read (the message names it)."""
from __future__ import annotations

import argparse
import json
import sys


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="frontera project", description="Inspect a Frontera project file.")
    sub = ap.add_subparsers(dest="what", required=True)
    info = sub.add_parser("info", help="print what a project holds")
    info.add_argument("project", help="the .frontera file")
    info.add_argument("--format", choices=("text", "json"), default="text")
    return ap


def main(argv=None) -> int:
    from desktop.base.messages import word
    from geo.session.project import ProjectError, describe, read_project

    args = build_parser().parse_args(argv)
    try:
        info = describe(read_project(args.project))
    except ProjectError as exc:
        print(f"frontera project: {word(exc.message)}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    f = info["filter"]
    period = f.get("period")
    print(f"Project: {args.project}")
    print(f"  saved {info['saved']} by Frontera {info['app_version'] or '?'} (project schema {info['schema']}, "
          f"session schema {info['session_schema']})")
    print(f"  period: {period[0]}..{period[1]}" if period else "  period: all months")
    for k, v in f.items():
        if k not in ("period", "granularity"):
            print(f"  {k}: {', '.join(map(str, v)) if isinstance(v, list) else v}")
    style = info.get("style") or {}
    print(f"  map style: {style.get('state_metric')} shading ({style.get('classification')}, "
          f"{style.get('classes')} classes), ports by {style.get('port_metric')}")
    print(f"  flows shown: {'yes' if info['flows_visible'] else 'no'}")
    sel = info.get("selection") or {}
    if sel.get("layer"):
        print(f"  selected: {sel['layer']} {sel.get('feature')}")
    if info.get("open_panel"):
        print(f"  open panel: {' '.join(info['open_panel'])}")
    print(f"  bookmarks: {len(info['bookmarks'])}" + (": " + ", ".join(b["name"] for b in info["bookmarks"])
                                                   if info["bookmarks"] else ""))
    if info["tables"]:
        print("  tables: " + ", ".join(f"{k} ({n} rows)" for k, n in info["tables"].items()))
    fig = (info.get("vintage") or {}).get("figures") or {}
    if fig:
        print(f"  data vintage: view total US$ {fig.get('value', 0):,.0f} "
              f"(store schema {info['vintage'].get('store_schema', '?')})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
