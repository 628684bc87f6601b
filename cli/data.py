"""``frontera import`` and ``frontera query``: the store from the command line.

``desktop/cli.py`` (the ``frontera`` entry point) calls :func:`add_subcommands`; until then
``python -m cli.data import|query ...`` works the same way.

Examples::

    frontera import ~/Downloads/TransBorder_2021-12.zip dot1_0120.csv --store /tmp/s.duckdb
    frontera query totals --country MX --from 2021-01 --to 2021-12 --by port --format csv
    frontera query triples --country MX --trade-type export --from 2015-01 --to 2015-01
    frontera query crossings --border mexico --measure Trucks --by port --from 2024-01
    frontera query periods

User errors go to stderr as one sentence; exit codes: 0 ok, 1 failed, 2 bad input,
130 cancelled.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

__all__ = ["add_subcommands", "main"]

_FORMATS = ("table", "csv", "json")


# -- parser --------------------------------------------------------------------------------
def add_subcommands(subparsers) -> None:
    """Register ``import`` and ``query`` on an ``argparse`` subparsers object."""
    imp = subparsers.add_parser(
        "import", help="import BTS TransBorder / Border Crossing files (CSV or zip) into the store",
        description="Import BTS TransBorder raw monthly CSVs (DOT1/DOT2/DOT3, told apart by header), "
                    "the monthly zip files and Border Crossing/Entry CSVs. An import merges by key: "
                    "rows whose key is in the files replace the stored rows with that key, stored "
                    "keys the files lack stay (use --replace to delete them). A file already "
                    "imported is skipped. An import lands whole or not at all and can be undone "
                    "(frontera imports).")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="CSV or zip files, or folders of them")
    _store_arg(imp)
    imp.add_argument("--no-default-data", action="store_true",
                     help="when the store does not exist yet, create it empty instead of from the "
                          "bundled default data")
    imp.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    imp.add_argument("--replace", action="store_true",
                     help="replace the months the files cover whole: also delete stored rows of "
                          "those months that the files lack (e.g. for a corrected BTS re-release); "
                          "the deleted rows are kept for undo until purged")
    imp.set_defaults(func=_guarded(cmd_import))

    hist = subparsers.add_parser("imports", help="list, undo or purge past imports",
                                 description="The import history: every import with its files, "
                                             "hashes, rows and what it replaced.")
    hs = hist.add_subparsers(dest="what", metavar="{list,undo,purge}")
    hs.required = True
    hl = hs.add_parser("list", help="every import, newest first")
    _store_arg(hl)
    hl.add_argument("--format", choices=_FORMATS, default="table")
    hl.set_defaults(func=_guarded(cmd_imports_list))
    hu = hs.add_parser("undo", help="undo one import exactly (restores what it replaced)")
    hu.add_argument("import_id", type=int, metavar="ID")
    _store_arg(hu)
    hu.set_defaults(func=_guarded(cmd_imports_undo))
    hp = hs.add_parser("purge", help="delete for good the rows kept for undo (that import, or all)")
    hp.add_argument("import_id", type=int, nargs="?", metavar="ID")
    _store_arg(hp)
    hp.set_defaults(func=_guarded(cmd_imports_purge))

    q = subparsers.add_parser("query", help="print trade figures or border-crossing counts",
                              description="Query the store (for scripting). Without a subcommand: "
                                          "totals (e.g. frontera query --by us-state --from 2025-01 "
                                          "--to 2025-12); the source and months used are printed.")
    _filter_args(q)
    q.add_argument("--by", help="month|year|port|mode|us-state|mx-state|commodity|trade-type|country|ca-prov")
    _out_args(q)
    q.set_defaults(func=_guarded(cmd_totals))
    qs = q.add_subparsers(dest="what", metavar="{totals,triples,crossings,periods,caveats,codes}")
    qs.required = False

    t = qs.add_parser("totals", help="totals, optionally broken down with --by")
    _filter_args(t)
    t.add_argument("--by", help="month|year|port|mode|us-state|mx-state|commodity|trade-type|country|ca-prov")
    _out_args(t)
    t.set_defaults(func=_guarded(cmd_totals))

    tr = qs.add_parser("triples", help="(US state, port, Mexican state) flows from DOT1")
    _filter_args(tr)
    _out_args(tr)
    tr.add_argument("--limit", type=int, default=0, help="only the N largest flows")
    tr.set_defaults(func=_guarded(cmd_triples))

    c = qs.add_parser("crossings", help="border-crossing counts by port, measure and month")
    c.add_argument("--port", action="append", default=[], help="port code(s), e.g. 2304 (repeat or comma)")
    c.add_argument("--measure", action="append", default=[], help="e.g. Trucks (repeat or comma)")
    c.add_argument("--from", dest="start", help="first month YYYY-MM")
    c.add_argument("--to", dest="end", help="last month YYYY-MM")
    c.add_argument("--border", help="mexico or canada")
    c.add_argument("--by", default="port", help="comma list of port, measure, month, year (default port)")
    _out_args(c)
    c.set_defaults(func=_guarded(cmd_crossings))

    p = qs.add_parser("periods", help="months held by the store for each table")
    _store_arg(p)
    p.add_argument("--format", choices=_FORMATS, default="table")
    p.set_defaults(func=_guarded(cmd_periods))

    cv = qs.add_parser("caveats", help="data caveats that apply to a filter/breakdown")
    _filter_args(cv)
    cv.add_argument("--by")
    _out_args(cv)
    cv.set_defaults(func=_guarded(cmd_caveats))

    cd = qs.add_parser("codes", help="codes present in the store for a dimension, with names")
    cd.add_argument("dimension", help="port|us-state|mx-state|mode|commodity|country|trade-type|measure|crossing-port")
    _out_args(cd)
    cd.set_defaults(func=_guarded(cmd_codes))


def _store_arg(p) -> None:
    p.add_argument("--store", metavar="PATH", type=Path,
                   help="store file (default: the user's store in the data directory)")


def _out_args(p) -> None:
    _store_arg(p)
    p.add_argument("--format", choices=_FORMATS, default="table")


def _filter_args(p) -> None:
    p.add_argument("--from", dest="start", help="first month YYYY-MM")
    p.add_argument("--to", dest="end", help="last month YYYY-MM")
    p.add_argument("--trade-type", help="export or import")
    p.add_argument("--country", help="MX or CA")
    p.add_argument("--mode", action="append", default=[], help="truck, rail, vessel, air, ... or code")
    p.add_argument("--commodity", action="append", default=[], help="HS 2-digit chapter(s), e.g. 84,85")
    p.add_argument("--port", action="append", default=[], help="port code(s), e.g. 2304")
    p.add_argument("--us-state", action="append", default=[], help="US state code(s), e.g. TX")
    p.add_argument("--mx-state", action="append", default=[], help="Mexican state code(s), e.g. NL")
    p.add_argument("--granularity", choices=("auto", "month", "year"), default="auto",
                   help="read the period by month or by whole year (auto: year for --by year or a period of "
                        "whole calendar years, else month); whole years may be answered by the bundled annual "
                        "summaries when no raw table holds every month")


# -- helpers -------------------------------------------------------------------------------
class _UserError(Exception):
    def __init__(self, msg: str, code: int = 2):
        super().__init__(msg)
        self.code = code


def _open(args, read_only: bool = True):
    """The store named by ``--store`` (which must exist: a query never creates a store), or
    the user's default store."""
    from geo.store import StoreError, open_store

    if args.store is not None:
        p = Path(args.store)
        if not p.exists():
            raise StoreError(f"No store at {p}; check the --store path (a query never creates a store).")
        if p.is_dir():
            raise StoreError(f"{p} is a folder, not a store file; give the store's .duckdb file with --store.")
    return open_store(args.store, read_only=read_only and args.store is not None)


def _filter(args):
    from geo.query import TradeFilter

    period = None
    start, end = args.start, args.end
    if start and len(str(start).strip()) == 4 and str(start).strip().isdigit():
        start = f"{start.strip()}-01"                       # --from 2025: January 2025
    if end and len(str(end).strip()) == 4 and str(end).strip().isdigit():
        end = f"{end.strip()}-12"                           # --to 2025: December 2025
    if start or end:
        period = (start, end)
    f = TradeFilter(period=period, trade_type=args.trade_type, country=args.country,
                    modes=tuple(args.mode), commodities=tuple(args.commodity), ports=tuple(args.port),
                    us_states=tuple(args.us_state), mx_states=tuple(args.mx_state))
    gran = getattr(args, "granularity", "auto") or "auto"
    by = (getattr(args, "by", None) or "").strip().lower()
    if gran == "auto":
        whole = f.period is not None and f.period[0] % 100 == 1 and f.period[1] % 100 == 12 \
            and 190001 < f.period[0] and f.period[1] < 220012
        gran = "year" if by == "year" or (whole and by != "month") else "month"
    return f.replace(granularity=gran)


def _emit(df, fmt: str, meta: dict | None = None, out=None) -> None:
    out = out or sys.stdout
    records = df.to_dict(orient="records")
    if fmt == "json":
        payload = dict(meta or {})
        payload["rows"] = [{k: _plain(v) for k, v in r.items()} for r in records]
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(df.columns)
        for r in records:
            w.writerow([_plain(v) for v in r.values()])
    else:
        if df.empty:
            out.write("(no rows)\n")
            return
        shown = df.copy()
        if "name" in shown.columns:
            shown["name"] = shown["name"].map(lambda s: s if len(str(s)) <= 48 else str(s)[:47] + "…")
        for c in ("value", "shipwt", "freight_charges", "records"):
            if c in shown.columns:
                shown[c] = shown[c].map(lambda v: f"{int(v):,}")
        if "share" in shown.columns:
            shown["share"] = shown["share"].map(lambda v: f"{100 * v:.1f}%")
        out.write(shown.to_string(index=False) + "\n")


def _plain(v):
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def _notes(caveats, fmt: str) -> None:
    from desktop.base.messages import word

    if fmt == "table":
        for c in caveats:
            print(f"note: {word(c.message)}", file=sys.stderr)


# -- commands ------------------------------------------------------------------------------
def cmd_import(args) -> int:
    from desktop.base.messages import word
    from geo.imports import ImportCancelled
    from geo.store import open_store

    if args.store is not None and Path(args.store).is_dir():
        raise _UserError(f"{args.store} is a folder, not a store file; give a .duckdb file path with --store.")
    store = open_store(args.store, with_default_data=not args.no_default_data)
    bar = _Progress(enabled=not args.quiet)
    try:
        report = store.import_files(args.paths, progress=bar, replace=bool(args.replace))
    except (ImportCancelled, KeyboardInterrupt):
        bar.finish()
        print("Import cancelled; the store is unchanged.", file=sys.stderr)
        return 130
    finally:
        bar.finish()
        store.close()
    print(report.summary())
    shown = [i for i in report.issues if i.line is not None]
    if shown:
        print(f"{len(shown):,} line(s) were not loaded; first ones:", file=sys.stderr)
        for i in shown[:10]:
            print(f"  {i.file}, line {i.line}: {word(i.message)}", file=sys.stderr)
    if report.kept:
        rows = sum(x.rows for x in report.kept)
        print(f"note: {rows:,} stored row(s) that the files lack were kept (merge by key); "
              f"run again with --replace to delete them.", file=sys.stderr)
    empty = report.empty_files
    if empty:
        for f in empty:
            why = next((word(i.message) for i in report.issues if i.file == f.file and i.line is None),
                       f"{f.file}: no valid rows")
            print(f"error: {why}", file=sys.stderr)
        return 1
    return 0


def cmd_imports_list(args) -> int:
    with _open(args, read_only=True) as store:
        hist = store.imports()
    if args.format == "json":
        json.dump(hist, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    import pandas as pd

    rows = []
    for h in hist:
        state = h["status"] + (" (purged)" if h["purged_at"] is not None else "")
        files = "; ".join(f"{Path(f['file']).name} [{f['sha256'][:12]}]" for f in h["files"])
        rows.append((h["import_id"], str(h["imported_at"])[:19], state, "yes" if h["replace"] else "",
                     h["rows_added"], h["rows_replaced"], h["rows_deleted"], h["rows_kept_for_undo"], files))
    df = pd.DataFrame(rows, columns=["id", "imported", "status", "replace", "added", "replaced", "deleted",
                                     "kept_for_undo", "files"])
    _emit(df, args.format)
    return 0


def cmd_imports_undo(args) -> int:
    with _open(args, read_only=False) as store:
        counts = store.undo_import(args.import_id)
    removed = sum(c["removed"] for c in counts.values())
    restored = sum(c["restored"] for c in counts.values())
    print(f"Undid import #{args.import_id}: removed {removed:,} row(s) it added, restored {restored:,} "
          f"row(s) it had replaced.")
    return 0


def cmd_imports_purge(args) -> int:
    with _open(args, read_only=False) as store:
        n = store.purge_replaced(args.import_id)
    which = f"import #{args.import_id}" if args.import_id is not None else "all imports"
    print(f"Purged {n:,} replaced row(s) kept for undo of {which}; those imports can no longer be undone.")
    return 0


class _Progress:
    """CLI progress display: a bar on a terminal, a line every ~2 s otherwise."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> bool:
        if not self.enabled:
            return True
        now = time.perf_counter()
        if self.tty or now - self.last >= 2.0 or done >= total:
            pct = 100.0 * done / total if total else 100.0
            rate = done / (now - self.t0) if now > self.t0 else 0
            if self.tty:
                n = int(pct / 100 * 30)
                sys.stderr.write(f"\r[{'#' * n}{'.' * (30 - n)}] {pct:5.1f}%  {done:,}/{total:,} rows  "
                                 f"{rate:,.0f} rows/s")
            else:
                sys.stderr.write(f"progress: {done:,}/{total:,} rows ({pct:.0f}%)\n")
            sys.stderr.flush()
            self.last = now
            self.shown = True
        return True

    def finish(self) -> None:
        if self.enabled and self.tty and self.shown:
            sys.stderr.write("\n")
            self.shown = False


def cmd_totals(args) -> int:
    f = _filter(args)
    with _open(args) as store:
        if args.by:
            df = store.breakdown(f, args.by)
            meta = {"filter": f.describe(), "by": df.attrs["by"], "source": df.attrs["source"],
                    "used": df.attrs["plan_message"].english(),
                    "plan": df.attrs["plan"], "caveats": [c.text for c in df.attrs["caveats"]]}
            _emit(df, args.format, meta)
            _notes(df.attrs["caveats"], args.format)
            _used(df.attrs["plan_message"], args.format)
            return 0
        t = store.totals(f)
    import pandas as pd

    df = pd.DataFrame([t.as_dict()])
    meta = {"filter": f.describe(), "by": None, "source": t.plan.describe(), "used": t.plan.message().english(),
            "plan": t.plan.as_dict(),
            "caveats": [c.text for c in t.caveats]}
    if args.format == "json":
        payload = {**t.as_dict(), **meta}
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _emit(df, args.format)
    _notes(t.caveats, args.format)
    _used(t.plan.message(), args.format)
    return 0


def _used(message, fmt: str) -> None:
    """Which source and months answered: on stdout under a table, on stderr otherwise
    (the CSV/JSON on stdout stay machine-readable; JSON carries it in ``plan``)."""
    from desktop.base.messages import word

    print(word(message), file=sys.stdout if fmt == "table" else sys.stderr)


def cmd_triples(args) -> int:
    f = _filter(args)
    with _open(args) as store:
        df = store.flow_triples(f)
    if args.limit:
        df = df.head(args.limit)
    meta = {"filter": f.describe(), "source": df.attrs["source"], "plan": df.attrs["plan"],
            "caveats": [c.text for c in df.attrs["caveats"]]}
    _emit(df, args.format, meta)
    _notes(df.attrs["caveats"], args.format)
    return 0


def _split(values) -> list[str]:
    out = []
    for v in values or []:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out


def cmd_crossings(args) -> int:
    period = (args.start, args.end) if (args.start or args.end) else None
    with _open(args) as store:
        df = store.crossings(port_codes=_split(args.port) or None, measures=_split(args.measure) or None,
                             period=period, by=_split([args.by]), border=args.border)
    _emit(df, args.format, {"by": _split([args.by])})
    return 0


def cmd_periods(args) -> int:
    from geo.query import format_ym

    with _open(args) as store:
        av = store.available_periods()
    if args.format == "json":
        json.dump(av, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = []
    for k, months in av.items():
        rows.append((k, len(months), format_ym(months[0]) if months else "",
                     format_ym(months[-1]) if months else ""))
    import pandas as pd

    _emit(pd.DataFrame(rows, columns=["table", "months", "first", "last"]), args.format)
    return 0


def cmd_caveats(args) -> int:
    f = _filter(args)
    with _open(args) as store:
        cav = store.caveats(f, args.by)
    import pandas as pd

    df = pd.DataFrame([(c.code, c.severity, c.text) for c in cav], columns=["code", "severity", "text"])
    if args.format == "table":
        for c in cav:
            print(f"[{c.severity}] {c.text}")
        return 0
    _emit(df, args.format)
    return 0


def cmd_codes(args) -> int:
    dim = args.dimension.strip().lower().replace("-", "_")
    with _open(args) as store:
        df = store.dimension_values(dim)
    _emit(df, args.format)
    return 0


# -- entry ---------------------------------------------------------------------------------
def _guarded(fn):
    def func(args) -> int:
        return _guard(fn, args)

    func.__name__ = fn.__name__
    func.__doc__ = fn.__doc__
    return func


def _guard(fn, args) -> int:
    """Run a command, turning user errors into one stderr sentence + exit code."""
    from geo.data.codes import UnknownCodeError
    from geo.imports import ImportCancelled, ImportFailed, NotBTSFileError, UndoRefused
    from geo.query import FilterError, NotAnswerableError
    from geo.store import StoreError

    try:
        return int(fn(args) or 0)
    except (NotBTSFileError, FilterError, NotAnswerableError, UnknownCodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except _UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except UndoRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (StoreError, ImportFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"error: cannot write to {exc.filename or 'the store location'}: permission denied "
              f"(read-only location); choose another --store path.", file=sys.stderr)
        return 1
    except ImportCancelled:
        print("Import cancelled; the store is unchanged.", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="frontera", description="Frontera Atlas data commands")
    sub = parser.add_subparsers(dest="command", metavar="{import,imports,query}")
    sub.required = True
    add_subcommands(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
