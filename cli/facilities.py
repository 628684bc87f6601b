"""``frontera facilities import FILE --project P [--map COLUMN=FIELD ...] [--format text|json]``:
import the company's facilities into a project file (made when absent); prints how many rows
were placed (coordinates), geocoded (by place name), need review (ambiguous or unknown place)
and were rejected (with the reason), the change against the facilities the project held
(added, changed, removed, by id), and writes a row report (CSV, one line per row).

``frontera facilities lanes FILE --project P [...]`` imports the lanes between them the same way.
``--dry-run`` shows the change without writing the project.

Exit codes: 0 done, 2 the file or the project cannot be read or written (the message says why).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="frontera facilities", description="Import the company's facilities "
                                 "and lanes into a project file.")
    sub = ap.add_subparsers(dest="what", required=True)
    for name, help_ in (("import", "import facilities (CSV, .xlsx, GeoPackage, GeoJSON, Shapefile)"),
                        ("lanes", "import lanes between the project's facilities")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("file")
        p.add_argument("--project", required=True, help="the .frontera file (made when absent)")
        p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                       help="map a column to a field (id, name, type, tier, lat, lon, city, state, country, "
                            "attr:NAME, ignore; for lanes: id, from, to, value, volume, mode, hs, port)")
        p.add_argument("--format", choices=("text", "json"), default="text")
        p.add_argument("--report", help="the row report CSV (default: beside the project)")
        p.add_argument("--dry-run", action="store_true", help="show the change, do not write the project")
    return ap


def _mapping(items: list[str]) -> dict[str, str]:
    out = {}
    for it in items:
        col, sep, fld = it.rpartition("=")
        if not sep or not col:
            raise SystemExit(f"frontera facilities: --map wants COLUMN=FIELD, not {it!r}")
        out[col] = fld.strip()
    return out


def open_project(path: Path):
    """The project at ``path``, or a new one (a default session) when there is no file."""
    from geo.session.model import Session
    from geo.session.project import Project, read_project

    if path.exists():
        return read_project(path)
    return Project(Session().to_dict())


def main(argv=None) -> int:
    from desktop.base.messages import word
    from geo.core.messages import MessageError
    from geo.core.version import VERSION as version
    from geo.network.facilities import write_row_report
    from geo.network.model import Network, diff_by_id
    from geo.session.project import write_project

    args = build_parser().parse_args(argv)
    project_path = Path(args.project)
    try:
        mapping = _mapping(args.map)
        project = open_project(project_path)
        network = Network.from_tables(project.tables)
        if args.what == "import":
            from geo.network.facilities import import_facilities

            result = import_facilities(args.file, mapping or None)
            new = dict(result.facilities)
            for fid, f in result.pending.items():
                new[fid] = f.__class__(**{**f.__dict__, "located": "review"})
            diff = diff_by_id(network.facilities, new)
            counts = result.counts()
            rows = result.report_rows()
            updated = Network(new, {k: v for k, v in network.lanes.items()})
            info = {"file": args.file, "mapping": result.mapping, **counts,
                    "review_rows": [{"line": r.line, "id": r.id, "place": r.query,
                                     "candidates": [c.name for c in r.candidates[:5]]} for r in result.review],
                    "rejected_rows": [{"line": r.line, "id": r.id, "reasons": [word(i.message) for i in r.issues]}
                                      for r in result.rejected],
                    "remark_rows": [{"line": r.line, "id": r.id, "reasons": [word(i.message) for i in r.issues]}
                                    for r in result.rows if r.issues and r.status in ("placed", "geocoded")],
                    "notices": [word(n.message) for n in result.notices]}
        else:
            from geo.network.lanes import import_lanes

            lres = import_lanes(args.file, network, mapping or None)
            diff = diff_by_id(network.lanes, lres.lanes)
            updated = lres.apply(network)
            rows = [{"line": n.line or "", "id": "", "status": "notice", "reason": word(n.message), "candidates": ""}
                    for n in lres.notices + lres.warnings]
            rows += [{"line": line, "id": lid, "status": "rejected",
                      "reason": " / ".join(word(i.message) for i in issues), "candidates": ""}
                     for line, lid, issues in lres.rejected]
            info = {"file": args.file, "mapping": lres.mapping, "imported": len(lres.lanes),
                    "rejected": len(lres.rejected),
                    "rejected_rows": [{"line": line, "id": lid, "reasons": [word(i.message) for i in issues]}
                                      for line, lid, issues in lres.rejected]}
        info["change"] = diff.as_dict() if args.format == "json" else None
        report = Path(args.report) if args.report else project_path.with_name(
            f"{project_path.stem}.{Path(args.file).stem}.report.csv")
        write_row_report(report, rows)
        info["report"] = str(report)
        if not args.dry_run:
            project.tables.update(updated.tables())
            write_project(project_path, project, version)
        info["written"] = not args.dry_run
    except MessageError as exc:
        print(f"frontera facilities: {word(exc.message)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"frontera facilities: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    if args.what == "import":
        print(f"{args.file}: {info['placed']} placed, {info['geocoded']} geocoded, {info['review']} need review, "
              f"{info['rejected']} rejected")
    else:
        print(f"{args.file}: {info['imported']} lanes imported, {info['rejected']} rejected")
    print(f"change: {len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed, "
          f"{diff.unchanged} unchanged" + (" (dry run: project not written)" if args.dry_run else ""))
    for n in info.get("notices", []):
        print(f"  {n}")
    for r in info.get("rejected_rows", [])[:20]:
        print(f"  line {r['line']} {r['id']}: {'; '.join(r['reasons'])}")
    remarks = info.get("remark_rows", [])
    if remarks:
        print(f"{len(remarks)} imported rows with remarks:")
        for r in remarks[:20]:
            print(f"  line {r['line']} {r['id']}: {'; '.join(r['reasons'])}")
    print(f"row report: {report}")
    return 0

