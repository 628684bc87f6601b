"""``frontera profile KIND ID``: a feature's drill-down profile (the panel's figures) for
scripted reports.

Examples::

    frontera profile port 2304 --from 2021-01 --to 2021-12 --format json
    frontera profile mx-state NL --from 2015-01 --to 2015-01 --mode truck --format csv
    frontera profile corridor MX --trade-type export
    frontera profile zone cluster-monterrey --format json --header-only

KIND is one of us-state, mx-state, port, seaport, zone, corridor. Without --from/--to the
period is the app's default (the latest 12 months with port-level data) and the partner is
Mexico, as when the app opens (``--country both`` for Mexico and Canada). Sentences are worded
as in the app (``desktop.base.messages.word``). Exit codes: 0 ok, 1 failed, 2 bad input.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

__all__ = ["build_parser", "main", "profile_for_args"]

FORMATS = ("json", "csv", "text")
CSV_COLUMNS = ("section", "key", "label", "code", "name", "period", "value", "unit", "share", "owner", "source",
               "note")


def build_parser(prog: str = "frontera profile") -> argparse.ArgumentParser:
    from geo.analysis.profile import KINDS

    p = argparse.ArgumentParser(
        prog=prog, description="Print a feature's drill-down profile: key figures with their source and period, "
                               "the plain sentence, the series and breakdowns behind the charts, and the caveats.")
    p.add_argument("kind", metavar="KIND", help="one of: " + ", ".join(KINDS))
    p.add_argument("id", metavar="ID", help="port code (2304), state code (TX, NL), UN/LOCODE (MXZLO), zone id "
                                            "(cluster-monterrey) or MX / CA for a corridor")
    p.add_argument("--store", metavar="PATH", type=Path, default=None,
                   help="the trade store (default: the one in your user data folder)")
    p.add_argument("--from", dest="start", help="first month YYYY-MM (default: the app's default period)")
    p.add_argument("--to", dest="end", help="last month YYYY-MM")
    p.add_argument("--trade-type", help="export or import (default: both)")
    p.add_argument("--country", help="MX, CA or both (default: MX, as in the app)")
    p.add_argument("--mode", action="append", default=[],
                   help="truck, rail, vessel, air, ... or code (repeat or comma)")
    p.add_argument("--commodity", action="append", default=[], help="HS 2-digit chapter(s), e.g. 84,85")
    p.add_argument("--near-km", type=float, default=None, help="distance for the zones near a port or seaport")
    p.add_argument("--header-only", action="store_true", help="only the header and key figures (no charts' data)")
    p.add_argument("--format", choices=FORMATS, default="json")
    p.add_argument("--out", type=Path, default=None, help="write to this file instead of standard output")
    return p


def profile_for_args(store, args):
    """The profile the arguments ask for (the same model the panel shows)."""
    from geo.analysis.profile import NEAR_KM, build_profile
    from geo.query import TradeFilter
    from geo.session.model import default_filter

    base = default_filter(store)
    period = base.period
    if args.start or args.end:
        period = (args.start or args.end, args.end or args.start)
    country = base.country if args.country is None else (None if args.country.lower() in ("both", "all", "")
                                                         else args.country)
    f = TradeFilter(period=period, trade_type=args.trade_type, country=country, modes=tuple(args.mode),
                    commodities=tuple(args.commodity))
    return build_profile(store, (args.kind, args.id), f, details=not args.header_only,
                         near_km=args.near_km or NEAR_KM)


def write_profile(prof, fmt: str, out) -> None:
    from desktop.base.messages import word

    if fmt == "json":
        json.dump(_plain(prof.as_dict(word)), out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        w.writeheader()
        for r in prof.table_rows(word):
            w.writerow({k: _plain(v) for k, v in r.items()})
    else:
        d = prof.as_dict(word)
        out.write(f"{d['name']} — {d['kind_label']}\n{' › '.join(d['breadcrumb'])}\n\n")
        if d["sentence"]:
            out.write(d["sentence"] + "\n\n")
        for x in d["figures"]:
            note = f"  ({x['note']})" if x["note"] else ""
            out.write(f"  {x['label']:<46s} {x['text']:>22s}   [{x['source']['label']}]{note}\n")
        for b in d["breakdowns"]:
            out.write(f"\n{b['title']}  [{b['source']['label']}]\n")
            if not b["rows"] and b["note"]:
                out.write(f"  {b['note']}\n")
            for r in b["rows"]:
                share = f"{100 * r['share']:5.1f}%" if r["share"] is not None else ""
                out.write(f"  {str(r['name'])[:60]:<60s} {r['value']:>18,.0f} {share}\n")
        if d["caveats"]:
            out.write("\nNotes:\n" + "".join(f"  - {c}\n" for c in d["caveats"]))


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float):
        if v != v:
            return None
        if v.is_integer() and abs(v) < 2 ** 53:
            return int(v)
    return v


def main(argv=None) -> int:
    from cli.stores import open_for_reading
    from geo.analysis.profile import ProfileError
    from geo.data.codes import UnknownCodeError
    from geo.query import FilterError, NotAnswerableError
    from geo.store import StoreError

    args = build_parser().parse_args(argv)
    if args.store is not None and not Path(args.store).is_file():
        print(f"error: No store at {args.store}; check the --store path.", file=sys.stderr)
        return 2
    try:
        store = open_for_reading(args.store)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        prof = profile_for_args(store, args)
        if args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as fh:
                write_profile(prof, args.format, fh)
        else:
            write_profile(prof, args.format, sys.stdout)
    except ProfileError as exc:
        from desktop.base.messages import word

        print(f"error: {word(exc.message)}", file=sys.stderr)
        return 2
    except (FilterError, NotAnswerableError, UnknownCodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
