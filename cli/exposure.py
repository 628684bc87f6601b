"""``frontera exposure --project P [--format json|csv] [--by port|state|zone] [--store S] [--out FILE]
[--anonymise ids|types]``: the company's exposure: per land port (or Mexican state, or cluster)
the value and share of its cross-border lanes and the facilities behind them, with the
single-crossing dependence flag. The JSON lists the facilities with their names.

``--anonymise`` for sharing outside the company (:meth:`geo.network.model.Network.anonymised`):
``ids`` replaces each facility's name by its id; ``types`` replaces its name and its id by its
type and a number (``plant 3``), everywhere in the output.

Which ports handle trucks and rail comes from the crossing counts of ``--store`` (a Frontera
store), else from the bundled 2024 truck counts (truck lanes only). Exit codes: 0 done,
2 the project cannot be read.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="frontera exposure", description="The company's exposure to each crossing.")
    ap.add_argument("--project", required=True)
    ap.add_argument("--format", choices=("json", "csv"), default="json")
    ap.add_argument("--by", choices=("port", "state", "zone"), default="port", help="the rows of the CSV")
    ap.add_argument("--store", help="a Frontera store whose crossing counts tell the ports' modes")
    ap.add_argument("--out", help="write to this file instead of standard output")
    ap.add_argument("--anonymise", choices=("ids", "types"),
                    help="replace facility names by their ids, or names and ids by types (plant 3)")
    return ap


def main(argv=None) -> int:
    from desktop.base.messages import word
    from geo.network.exposure import exposure
    from geo.network.lanes import land_ports
    from geo.network.model import Network
    from geo.session.project import ProjectError, read_project

    args = build_parser().parse_args(argv)
    try:
        network = Network.from_tables(read_project(args.project).tables)
    except ProjectError as exc:
        print(f"frontera exposure: {word(exc.message)}", file=sys.stderr)
        return 2
    if args.anonymise:
        network = anonymised(network, args.anonymise)
    store = None
    if args.store:
        from geo.store import open_store

        store = open_store(args.store, read_only=True)
    try:
        exp = exposure(network, land_ports(store))
    finally:
        if store is not None:
            store.close()
    if args.format == "json":
        d = exp.as_dict()
        d["messages"] = [word(m) for m in exp.messages]
        d["facilities"] = [{"id": f.id, "name": f.name, "type": f.type, "state": f.state, "country": f.country}
                           for f in network.facilities.values()]
        text = json.dumps(d, indent=2, ensure_ascii=False)
    else:
        rows = {"port": exp.ports, "state": exp.states, "zone": exp.zones}[args.by]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([args.by, "name", "value_usd", "share", "lanes", "facilities"])
        for r in rows:
            w.writerow([r.key, r.name, f"{r.value:.2f}", f"{r.share:.6f}", r.lanes, " ".join(sorted(r.facilities))])
        text = buf.getvalue()
    if args.out:
        Path(args.out).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    for m in exp.messages:
        print(word(m), file=sys.stderr)
    return 0



def anonymised(network, how: str):
    """The network with facility names replaced by ids (``"ids"``), or names and ids by the
    type and a number (``"types"``, lanes re-pointed to the new ids)."""
    from dataclasses import replace

    from geo.network.model import Network

    if how == "ids":
        return network.anonymised("id")
    anon = network.anonymised("type")
    key = {fid: f.name for fid, f in anon.facilities.items()}
    facilities = {key[fid]: replace(f, id=key[fid]) for fid, f in anon.facilities.items()}
    lanes = {lid: replace(ln, from_id=key.get(ln.from_id, ln.from_id), to_id=key.get(ln.to_id, ln.to_id))
             for lid, ln in anon.lanes.items()}
    return Network(facilities, lanes)
