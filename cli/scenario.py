"""``frontera scenario --close PORT[,PORT] --days N [--capacity PCT] [--tariff PCT --hs CHAPTERS
--elasticity E] [--add-crossing "NAME,LON,LAT,MODE,CAPACITY"] [--port-capacity PORT,MODE,AMOUNT]
[--project P] [--from YYYY-MM --to YYYY-MM] [--format json|csv]``: what if a crossing closes, and
what a tariff on imports from Mexico puts at risk (no window).

Ports are codes (2304) or names (Laredo). The period defaults to the latest full year of DOT1
flows in the store. Capacity can be added: a new crossing (``--add-crossing``, repeatable) or
lanes at a port (``--port-capacity 2408,truck,+20%``: 20% more; ``+5000``: 5,000 more loaded
containers a month; ``150%`` or ``30000``: set). With ``--project`` the company's lanes that
cross at a closed port are listed with their value at risk, the port they are rerouted through
and the extra truck-km from their own facilities, and a tariff's value at risk per company lane
and facility by HS chapter; without ``--close`` the project's saved scenario (session part
``scenario``) is run. ``--format csv`` prints the rows of
:func:`geo.analysis.scenario.results_rows` (the tables an export writes, with a ``section``
column). Every assumption is printed with the results. Exit codes: 0 done, 2 the store, project
or a setting cannot be used.
"""
from __future__ import annotations

import argparse
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
    ap.add_argument("--add-crossing", action="append", default=[], metavar="NAME,LON,LAT,MODE,CAPACITY",
                    help="a new crossing that can take rerouted freight: name, longitude, latitude, truck|rail, "
                         "capacity in loaded containers a month (repeatable)")
    ap.add_argument("--port-capacity", action="append", default=[], metavar="PORT,MODE,AMOUNT",
                    help="capacity of a port (new lanes): +20%% (20%% more), +5000 (loaded containers a month "
                         "more), 150%% (of the default) or 30000 (set); repeatable")
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


def _new_crossing(text: str) -> tuple[str, float, float, str, float]:
    parts = [p.strip() for p in text.rsplit(",", 4)]
    if len(parts) != 5:
        raise ValueError(f"--add-crossing {text!r}: expected NAME,LON,LAT,MODE,CAPACITY")
    name, lon, lat, mode, cap = parts
    try:
        return (name, float(lon), float(lat), mode, float(cap.replace("_", "")))
    except ValueError:
        raise ValueError(f"--add-crossing {text!r}: LON, LAT and CAPACITY must be numbers") from None


def _port_capacity(text: str, names: dict[str, str]) -> tuple[str, str, float, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3:
        raise ValueError(f"--port-capacity {text!r}: expected PORT,MODE,AMOUNT (+20%, +5000, 150% or 30000)")
    port, mode, amount = parts
    code = _ports(port, names)[0] if port else port
    more = amount.startswith("+")
    amount = amount.lstrip("+")
    pct = amount.endswith("%")
    try:
        value = float(amount.rstrip("%").replace("_", ""))
    except ValueError:
        raise ValueError(f"--port-capacity {text!r}: AMOUNT must be +20%, +5000, 150% or 30000") from None
    if pct:
        return (code, mode, 100.0 + value if more else value, "pct")
    return (code, mode, value, "add" if more else "count")


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
    if getattr(args, "add_crossing", None):
        changes["new_crossings"] = tuple(st.new_crossings) + tuple(_new_crossing(t) for t in args.add_crossing)
    if getattr(args, "port_capacity", None):
        changes["capacity_overrides"] = tuple(st.capacity_overrides) + tuple(
            _port_capacity(t, names) for t in args.port_capacity)
    if args.start or args.end:
        lo = parse_period(args.start or args.end)
        hi = parse_period(args.end or args.start)
        changes["period"] = (lo, hi)
    return replace(st, **changes)


def compute(store, state, network_lanes=None):
    """The scenario's results: (closure, tariff or None), the same calls as the scenario panel."""
    from geo.analysis.scenario import build_base, run_scenario, tariff_shock

    base = build_base(store, state.period)
    closure = run_scenario(base, state, company_lanes=network_lanes)
    tariff = tariff_shock(store, state, base.period, company_lanes=network_lanes) if state.tariff_pct > 0 else None
    return closure, tariff


def as_data(closure, tariff=None) -> dict:
    """The results as plain data (what the command prints as JSON), worded as the app words."""
    from desktop.base.messages import word

    out: dict = {"closure": closure.as_dict(word)}
    if tariff is not None:
        out["tariff"] = tariff.as_dict(word)
    return out


def run(store, state, network_lanes=None) -> dict:
    """The scenario's results as plain data (what the command prints as JSON)."""
    return as_data(*compute(store, state, network_lanes))


def _company_lanes(project, store):
    from geo.analysis.scenario import company_lane_rows
    from geo.network.exposure import exposure
    from geo.network.lanes import land_ports
    from geo.network.model import Network

    network = Network.from_tables(project.tables)
    if not network.lanes:
        return None
    return company_lane_rows(network, exposure(network, land_ports(store)).routes)


def to_csv(closure, tariff=None) -> str:
    """The results as CSV: :func:`geo.analysis.scenario.results_csv`, worded as the app words."""
    from desktop.base.messages import word
    from geo.analysis.scenario import results_csv

    return results_csv(closure, tariff, word)


def _plain(v):
    """JSON for the odd value: numpy numbers, infinity (the backlog never clears)."""
    try:
        return float(v)
    except (TypeError, ValueError):
        return str(v)


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
            closure, tariff = compute(store, state, lanes)
        except (ScenarioError, MessageError) as exc:
            print(f"frontera scenario: {word(exc.message)}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(f"frontera scenario: {exc}", file=sys.stderr)
            return 2
    finally:
        store.close()
    if args.format == "json":
        text = json.dumps(as_data(closure, tariff), indent=2, ensure_ascii=False, default=_plain)
    else:
        text = to_csv(closure, tariff)
    if args.out:
        Path(args.out).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0
