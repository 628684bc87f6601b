"""``frontera scenario --close PORT[,PORT] --days N [--capacity PCT] [--tariff PCT --hs CHAPTERS
--elasticity E] [--project P] [--from YYYY-MM --to YYYY-MM] [--format json|csv]``: what if a
crossing closes, and what a tariff on imports from Mexico puts at risk (no window).

Ports are codes (2304) or names (Laredo). The period defaults to the latest full year of DOT1
flows in the store. With ``--project`` the company's lanes that cross at a closed port are
listed with their value at risk; without ``--close`` the project's saved scenario (session part
``scenario``) is run. Every assumption is printed with the results. Exit codes: 0 done, 2 the
store, project or a setting cannot be used.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="frontera scenario",
                                 description="Close or degrade crossings and apply a tariff; value at risk.")
    ap.add_argument("--close", default="", help="ports to close or degrade: codes or names, comma-separated")
    ap.add_argument("--days", type=int, default=None, help="how many days (default 7)")
    ap.add_argument("--capacity", type=float, default=None, metavar="PCT",
                    help="the capacity the closed ports keep, %% (default 0: closed)")
    ap.add_argument("--bridge-share", type=float, default=None, metavar="SHARE",
                    help="only one bridge closes: the share (0-1] of each closed port's capacity it carries")
    ap.add_argument("--southbound-ratio", type=float, default=None,
                    help="southbound capacity as a share of the northbound capacity (default 1)")
    ap.add_argument("--max-detour", type=float, default=None, metavar="KM",
                    help="a reroute adds at most this many km (default 1500)")
    ap.add_argument("--tariff", type=float, default=None, metavar="PCT", help="tariff on imports from Mexico, %%")
    ap.add_argument("--hs", default=None, metavar="CHAPTERS", help="HS chapters the tariff applies to (default all)")
    ap.add_argument("--usmca-share", type=float, default=None, help="share exempt as USMCA-compliant (0-1)")
    ap.add_argument("--elasticity", type=float, default=None, help="trade elasticity (default 4)")
    ap.add_argument("--project", help="a project file: its company lanes (and its saved scenario)")
    ap.add_argument("--from", dest="start", metavar="YYYY-MM")
    ap.add_argument("--to", dest="end", metavar="YYYY-MM")
    ap.add_argument("--format", choices=("json", "csv"), default="json")
    ap.add_argument("--store", type=Path, default=None, help="the trade store (default: your user store)")
    ap.add_argument("--out", help="write to this file instead of standard output")
    return ap


def _ports(text: str, names: dict[str, str]) -> list[str]:
    out = []
    for item in (t.strip() for t in text.split(",")):
        if not item:
            continue
        code = item.zfill(4) if item.isdigit() else None
        if code is None:
            hits = [c for c, n in names.items() if n.strip().lower() == item.lower()]
            code = hits[0] if hits else item
        out.append(code)
    return out


def state_for_args(args, names: dict[str, str], saved=None):
    """The :class:`ScenarioState` the arguments ask for (over ``saved``, a project's scenario)."""
    from dataclasses import replace

    from geo.analysis.scenario import ScenarioState
    from geo.query.trade import parse_period

    st = saved or ScenarioState()
    changes: dict = {}
    if args.close:
        changes["closed"] = tuple(_ports(args.close, names))
    for attr, key in (("days", "days"), ("capacity", "capacity_pct"), ("southbound_ratio", "southbound_ratio"),
                      ("max_detour", "max_detour_km"), ("tariff", "tariff_pct"), ("usmca_share", "usmca_share"),
                      ("elasticity", "elasticity")):
        if getattr(args, attr) is not None:
            changes[key] = getattr(args, attr)
    if args.hs is not None:
        changes["hs_chapters"] = tuple(c for c in (x.strip() for x in args.hs.split(",")) if c)
    closed = changes.get("closed", st.closed)
    if args.bridge_share is not None:
        changes["bridge_shares"] = tuple((p, args.bridge_share) for p in closed)
    if args.start or args.end:
        lo = parse_period(args.start or args.end)
        hi = parse_period(args.end or args.start)
        changes["period"] = (lo, hi)
    return replace(st, **changes)


def run(store, state, network_lanes=None) -> dict:
    """The scenario's results as plain data (what the command prints as JSON)."""
    from desktop.base.messages import word
    from geo.analysis.scenario import build_base, run_scenario, tariff_shock

    out: dict = {}
    base = build_base(store, state.period)
    out["closure"] = run_scenario(base, state, company_lanes=network_lanes).as_dict(word)
    if state.tariff_pct > 0:
        out["tariff"] = tariff_shock(store, state, base.period).as_dict(word)
    return out


def _company_lanes(project, store):
    from geo.network.exposure import exposure
    from geo.network.lanes import land_ports
    from geo.network.model import Network

    network = Network.from_tables(project.tables)
    if not network.lanes:
        return None
    routes = exposure(network, land_ports(store)).routes
    return [{"lane": ln.id, "from": ln.from_id, "to": ln.to_id, "port": routes[ln.id].port if ln.id in routes else "",
             "value": ln.value, "mode": ln.mode} for ln in network.lanes.values()]


def to_csv(data: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "key", "name", "mode", "value_usd", "figure", "unit"])
    c = data["closure"]
    for key, unit in (("affected_value_usd", "usd"), ("rerouted_value_usd", "usd"), ("delayed_value_usd", "usd"),
                      ("value_days_usd", "usd_days"), ("days_to_clear", "days"), ("extra_truck_km", "km"),
                      ("extra_rail_container_km", "km")):
        v = c[key]
        w.writerow(["summary", key, "", "", "", "" if v is None else f"{v:.6g}", unit])
    for r in c["rerouted"]:
        w.writerow(["rerouted", r["port"], r["name"], r["mode"], f"{r['value_usd']:.2f}",
                    f"{r['predicted_load']:.1f}", "predicted_load_a_month"])
    for r in c["company"]:
        w.writerow(["company_lane", r["lane"], f"{r['from']} -> {r['to']} via {r['port']}", r["mode"],
                    f"{r['value_at_risk_usd']:.2f}", "", "value_at_risk"])
    t = data.get("tariff")
    if t:
        for by, rows in t["by"].items():
            for r in rows:
                w.writerow([f"tariff_{by}", r["code"], r["name"], "", f"{r['value_at_risk_usd']:.2f}",
                            f"{r['value_usd']:.2f}", "value_at_risk;value"])
    for a in c["assumptions"] + (t["assumptions"] if t else []):
        w.writerow(["assumption", "", a, "", "", "", ""])
    return buf.getvalue()


def main(argv=None) -> int:
    from cli.stores import open_for_reading
    from desktop.base.messages import word
    from geo.analysis.scenario import BORDER, ScenarioError, ScenarioState
    from geo.core.messages import MessageError
    from geo.store import StoreError

    args = build_parser().parse_args(argv)
    if args.store is not None and not Path(args.store).is_file():
        print(f"frontera scenario: no store at {args.store}", file=sys.stderr)
        return 2
    project = saved = None
    if args.project:
        from geo.session import Session
        from geo.session.project import ProjectError, read_project

        try:
            project = read_project(args.project)
            saved = Session.parse(project.session).get("scenario") if project.session else None
        except (ProjectError, MessageError) as exc:
            print(f"frontera scenario: {word(exc.message)}", file=sys.stderr)
            return 2
    try:
        store = open_for_reading(args.store)
    except StoreError as exc:
        print(f"frontera scenario: {exc}", file=sys.stderr)
        return 2
    try:
        ports = store.crossings(by=("port",), border=BORDER)
        names = dict(zip(ports["port_code"].astype(str), ports["port_name"].astype(str)))
        try:
            state = state_for_args(args, names, saved if isinstance(saved, ScenarioState) else None)
            lanes = _company_lanes(project, store) if project is not None else None
            data = run(store, state, lanes)
        except (ScenarioError, MessageError) as exc:
            print(f"frontera scenario: {word(exc.message)}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(f"frontera scenario: {exc}", file=sys.stderr)
            return 2
    finally:
        store.close()
    text = json.dumps(data, indent=2, ensure_ascii=False) if args.format == "json" else to_csv(data)
    if args.out:
        Path(args.out).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0
