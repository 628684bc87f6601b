"""What the scenario view shows, as data (issue 16): no Qt, no wording.

The model (:mod:`geo.analysis.scenario`) computes a scenario; this module says what the map,
the comparison of two scenarios, the results table and the check against observed counts
show of it, so the desktop only paints and words:

- :func:`scenario_map`: the closed ports (marked), the receiving ports (new crossings too) with
  their load against capacity in classes (:func:`load_class`), and the rerouted freight as lines
  from each closed port to each receiving port (the model's links), width by value;
- :func:`figures` and :func:`compare_rows`: the key figures of a scenario, and of two side by
  side with the difference B − A, plus each one's settings;
- :func:`company_view`: what the company section shows (the company's lanes hit, their
  value rerouted and delayed, extra km, and the value at risk per customer and supplier: the
  model's :func:`~geo.analysis.scenario.company_hits`, ``tariff_lanes`` and
  :func:`~geo.analysis.scenario.company_facilities`, merged per facility);
- :func:`export_header`: the lines above an exported results table (settings, units, sources
  and period; the tables and every assumption are the model's
  :func:`~geo.analysis.scenario.results_tables` and
  :func:`~geo.analysis.scenario.results_assumptions`);
- :func:`observed_rows`: the observed change of the affected and neighbouring ports around a
  month beside the model's predicted change (from
  :func:`geo.analysis.scenario.observed_vs_predicted`), ordered for a chart.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from geo.analysis.scenario import (
    CAPACITY_MONTHS,
    MODES,
    ScenarioResult,
    ScenarioState,
    TariffResult,
)
from geo.core.messages import Message, msg
from geo.core.periods import add_months

#: load against capacity: below 80% | 80% to 100% | over 100% (a receiving port's predicted
#: northbound load during the closure ÷ its capacity, both loaded containers a month)
LOAD_BOUNDS = (0.8, 1.0)
LOAD_CLASSES = ("under", "near", "over")
#: a load this close above the capacity is the capacity (the linear program fills headroom exactly)
_TOLERANCE = 1e-6


def load_class(ratio: float | None) -> str:
    """``"under"`` (< 80% of capacity), ``"near"`` (80–100%), ``"over"`` (> 100%) or
    ``"unknown"`` (no capacity: the counts show no traffic in the mode)."""
    if ratio is None or not math.isfinite(ratio):
        return "unknown"
    if ratio < LOAD_BOUNDS[0]:
        return "under"
    if ratio <= LOAD_BOUNDS[1] + _TOLERANCE:
        return "near"
    return "over"


def kept_share(result: ScenarioResult, port: str) -> float:
    """The share of its capacity a closed port keeps (the model's figure)."""
    for c in result.closed_ports:
        if c.port == port:
            return float(c.kept_share)
    share = dict(result.state.bridge_shares).get(port, 1.0)
    return 1.0 - (1.0 - result.state.capacity_pct / 100.0) * share


# -- the map ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClosedMark:
    port: str
    name: str
    lon: float
    lat: float
    x: float                     # map metres (geo.core.projection)
    y: float
    kept: float                  # share of capacity kept (0 = closed)
    affected: bool               # carries freight that no longer fits


@dataclass(frozen=True)
class ModeLoad:
    mode: str                    # "5" truck | "6" rail
    load: float                  # northbound loaded containers a month (the counts)
    predicted_load: float        # ... during the closure, with the rerouted freight
    capacity: float
    ratio: float | None          # predicted_load ÷ capacity
    value: float                 # US$ rerouted to the port in this mode over the closure


@dataclass(frozen=True)
class ReceivingMark:
    port: str
    name: str
    lon: float
    lat: float
    x: float
    y: float
    modes: tuple[ModeLoad, ...]
    ratio: float | None          # the highest load against capacity of its modes
    load_class: str
    value: float                 # US$ rerouted to the port over the closure, all modes
    new: bool = False            # a new crossing of the scenario


@dataclass(frozen=True)
class RerouteLine:
    origin: str                  # the closed port the line starts at
    port: str                    # the receiving port
    x0: float
    y0: float
    x1: float
    y1: float
    value: float                 # US$ over the closure
    share_of_max: float          # value ÷ the largest line's value (the painter's width rule)


@dataclass(frozen=True)
class ScenarioMap:
    """What the map shows of a scenario: closed ports, receiving ports coloured by load
    against capacity, rerouted flows, and the sentences the legend needs."""

    closed: tuple[ClosedMark, ...]
    receiving: tuple[ReceivingMark, ...]
    lines: tuple[RerouteLine, ...]
    days: int
    period: tuple[int, int]
    max_value: float
    notes: tuple[Message, ...]   # the legend's rules: what the load is, units, period

    def __len__(self) -> int:
        return len(self.closed) + len(self.receiving) + len(self.lines)

    def counts(self) -> dict[str, int]:
        """Receiving ports per load class."""
        out = {k: 0 for k in (*LOAD_CLASSES, "unknown")}
        for r in self.receiving:
            out[r.load_class] += 1
        return out


def scenario_map(result: ScenarioResult, coords: Mapping[str, tuple[float, float]] | None = None,
                 names: Mapping[str, str] | None = None) -> ScenarioMap:
    """The map of ``result``: ``coords`` port code -> (lon, lat) (default: the result's own,
    new crossings included), ``names`` port code -> name. A line joins each closed port to each
    port that received its freight (the model's links, both modes and directions summed)."""
    from geo.core.projection import to_map

    coords = {**(coords or {}), **result.coords}
    names = {**(names or {}), **{c.port: c.name for c in result.closed_ports},
             **{code: n for code, (n, _lon, _lat) in result.added_ports.items()}}
    for code, (_n, lon, lat) in result.added_ports.items():
        coords.setdefault(code, (lon, lat))
    state = result.state

    def xy(code: str) -> tuple[float, float, float, float] | None:
        if code not in coords:
            return None
        lon, lat = coords[code]
        x, y = to_map(lon, lat)
        return float(lon), float(lat), float(x), float(y)

    closed = []
    for port in state.closed:
        p = xy(port)
        if p is None:
            continue
        hit = any(c.port == port and c.affected_value > 0 for c in result.closed_ports) or any(
            c == port and b > 0 for (c, _m, _d), (b, _per) in result.backlog.items())
        closed.append(ClosedMark(port, names.get(port, port), *p, kept=kept_share(result, port), affected=hit))
    by_port: dict[str, list] = {}
    for r in result.reroutes:
        by_port.setdefault(r.port, []).append(r)
    for code in result.added_ports:      # a new crossing shows even when it receives nothing
        by_port.setdefault(code, [])
    receiving = []
    for port, rs in by_port.items():
        p = xy(port)
        if p is None:
            continue
        modes = tuple(ModeLoad(r.mode, float(r.load), float(r.predicted_load), float(r.capacity),
                               float(r.predicted_load) / r.capacity if r.capacity > 0 else None, float(r.value))
                      for r in sorted(rs, key=lambda r: r.mode))
        ratios = [m.ratio for m in modes if m.ratio is not None]
        ratio = max(ratios) if ratios else (0.0 if port in result.added_ports else None)
        receiving.append(ReceivingMark(port, rs[0].name if rs else names.get(port, port), *p, modes=modes,
                                       ratio=ratio, load_class=load_class(ratio),
                                       value=sum(m.value for m in modes), new=port in result.added_ports))
    receiving.sort(key=lambda m: (-m.value, m.port))
    line_value: dict[tuple[str, str], float] = {}
    for k in result.links:
        line_value[(k.origin, k.port)] = line_value.get((k.origin, k.port), 0.0) + float(k.value)
    where = {m.port: (m.x, m.y) for m in closed} | {m.port: (m.x, m.y) for m in receiving}
    top = max((v for key, v in line_value.items() if key[0] in where and key[1] in where), default=0.0)
    lines = tuple(RerouteLine(o, d, *where[o], *where[d], v, v / top if top > 0 else 0.0)
                  for (o, d), v in sorted(line_value.items(), key=lambda kv: (-kv[1], kv[0]))
                  if v > 0 and o in where and d in where)
    lo, hi = result.period
    mode_names = [MODES[c][0] for c in sorted({m.mode for r in receiving for m in r.modes})]
    notes = (msg("scenario.map.load_rule", modes_list=mode_names or [MODES["5"][0]], months=CAPACITY_MONTHS,
                 end_ym=hi),
             msg("scenario.map.width_rule", days=result.days, max_usd=top))
    return ScenarioMap(tuple(closed), tuple(receiving), lines, result.days, (lo, hi), top, notes)


# -- key figures and two scenarios side by side -------------------------------------------------------------
#: key -> unit of the key figures, in the order shown
FIGURES: tuple[tuple[str, str], ...] = (
    ("affected_value", "usd"),
    ("rerouted_value", "usd"),
    ("delayed_value", "usd"),
    ("value_days", "usd_days"),
    ("days_to_clear", "days"),
    ("extra_truck_km", "km"),
    ("tariff_at_risk", "usd"),
)
#: key figures of the company's own lanes (shown only where a company network is loaded)
COMPANY_FIGURES: tuple[tuple[str, str], ...] = (
    ("company_at_risk", "usd"),
    ("company_tariff_at_risk", "usd"),
)
#: settings shown beside the figures
SETTINGS: tuple[str, ...] = ("closed", "capacity_pct", "days", "bridge_shares", "capacity_overrides",
                             "new_crossings", "southbound_ratio", "max_detour_km", "tariff_pct", "hs_chapters",
                             "usmca_share", "elasticity", "period")


def figures(closure: ScenarioResult | None, tariff: TariffResult | None = None) -> dict[str, float | None]:
    """The key figures of a scenario (None: not computed, or the backlog never clears)."""
    out: dict[str, float | None] = {k: None for k, _u in FIGURES}
    if closure is not None:
        out.update(affected_value=float(closure.affected_value), rerouted_value=float(closure.rerouted_value),
                   delayed_value=float(closure.delayed_value), value_days=float(closure.value_days),
                   days_to_clear=None if closure.days_to_clear is None else float(closure.days_to_clear),
                   extra_truck_km=float(closure.extra_truck_km))
    out["tariff_at_risk"] = float(tariff.total_at_risk) if tariff is not None else 0.0 if closure else None
    out["company_at_risk"] = (sum(float(r["value_at_risk_usd"] or 0.0) for r in closure.company)
                              if closure is not None else None)
    out["company_tariff_at_risk"] = (sum(float(r["value_at_risk_usd"] or 0.0) for r in tariff.company)
                                     if tariff is not None else 0.0 if closure else None)
    return out


def settings_of(state: ScenarioState, period: tuple[int, int] | None = None) -> dict[str, Any]:
    """The settings of a scenario as plain values (``period``: the one the results cover)."""
    return {"closed": list(state.closed), "capacity_pct": state.capacity_pct, "days": state.days,
            "bridge_shares": [list(b) for b in state.bridge_shares],
            "capacity_overrides": [list(o) for o in state.capacity_overrides],
            "new_crossings": [list(n) for n in state.new_crossings],
            "southbound_ratio": state.southbound_ratio, "max_detour_km": state.max_detour_km,
            "tariff_pct": state.tariff_pct, "hs_chapters": list(state.hs_chapters),
            "usmca_share": state.usmca_share, "elasticity": state.elasticity,
            "period": list(period or state.period or ())}


@dataclass(frozen=True)
class CompareRow:
    key: str
    kind: str                    # "figure" | "setting"
    unit: str                    # usd | usd_days | days | km | text
    a: Any
    b: Any
    diff: float | None           # B − A (figures whose both sides are numbers)


def compare_rows(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[CompareRow]:
    """Two scenarios side by side: ``a`` and ``b`` are ``{"closure": ScenarioResult, "tariff":
    TariffResult | None}`` (what the panel computes); the key figures with B − A, then each
    one's settings. The company's figures are rows only where either was computed with the
    company's lanes (``"company_lanes"``: how many, None or absent: no company network)."""
    fa, fb = figures(a.get("closure"), a.get("tariff")), figures(b.get("closure"), b.get("tariff"))
    rows = []
    company = a.get("company_lanes") is not None or b.get("company_lanes") is not None
    for key, unit in (*FIGURES, *(COMPANY_FIGURES if company else ())):
        va, vb = fa[key], fb[key]
        diff = vb - va if va is not None and vb is not None and math.isfinite(va) and math.isfinite(vb) else None
        rows.append(CompareRow(key, "figure", unit, va, vb, diff))
    sa, sb = (settings_of(x["closure"].state, x["closure"].period) if x.get("closure") is not None else {}
              for x in (a, b))
    for key in SETTINGS:
        rows.append(CompareRow(key, "setting", "text", sa.get(key), sb.get(key), None))
    return rows


# -- the company's lanes -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompanyFacility:
    """One facility of the company lanes hit, on one side of them: ``role`` ``from`` (it ships:
    the supplier side) or ``to`` (it receives: the customer side)."""

    facility: str
    name: str
    type: str
    country: str
    role: str
    lanes: int                   # lanes through a closed port
    at_risk: float | None        # US$ at risk over the closure (None: none of its lanes is hit)
    tariff_lanes: int            # lanes under the tariff (counted, HS unknown, not covered)
    tariff_at_risk: float | None  # US$ a year at risk of the tariff (None: no tariff lane)


@dataclass(frozen=True)
class CompanyView:
    """What the company section shows of a scenario run with the company's lanes."""

    lanes: int                   # the company's lanes given to the model
    hit: tuple[dict, ...]        # the model's lanes through a closed port (largest at risk first)
    at_risk: float               # US$ over the closure
    rerouted: float
    delayed: float
    extra_truck_km: float
    extra_rail_km: float         # rail container-km
    unmeasured: int              # rerouted lanes whose detour is not known (an end without a position)
    tariff: tuple[dict, ...]     # the model's lanes under the tariff (empty without a tariff)
    tariff_at_risk: float | None  # US$ a year (None: no tariff)
    hs_unknown: int              # tariff lanes listed but not counted (no HS chapter)
    facilities: tuple[CompanyFacility, ...]

    @property
    def facilities_hit(self) -> int:
        """Facilities on either side of a lane through a closed port."""
        return len({f.facility for f in self.facilities if f.lanes})


def company_view(closure: ScenarioResult, tariff: TariffResult | None, lanes: int) -> CompanyView:
    """The company section of a scenario whose closure (and tariff) were run with ``lanes``
    company lanes: the lanes hit and their totals, and per facility and side the value at risk
    of the closure and of the tariff (the model's :func:`~geo.analysis.scenario.company_facilities`
    of each, merged), largest first."""
    from geo.analysis.scenario import company_facilities

    hit = tuple(closure.company)
    num = lambda r, k: float(r.get(k) or 0.0)  # noqa: E731
    km = {"truck_km": 0.0, "rail_container_km": 0.0}
    unmeasured = 0
    for r in hit:
        if r.get("extra_km") is None:
            unmeasured += num(r, "rerouted_value_usd") > 0
        else:
            km[str(r.get("extra_unit") or "truck_km")] += float(r["extra_km"])
    acc: dict[tuple[str, str], dict] = {}
    for source, rows in (("closure", company_facilities(hit)),
                         ("tariff", tariff.company_facilities if tariff is not None else [])):
        for f in rows:
            a = acc.setdefault((f["facility"], f["role"]), {
                "facility": f["facility"], "name": f["name"], "type": f["type"], "country": f["country"],
                "role": f["role"], "lanes": 0, "at_risk": None, "tariff_lanes": 0, "tariff_at_risk": None})
            if source == "closure":
                a["lanes"], a["at_risk"] = int(f["lanes"]), float(f["value_at_risk_usd"])
            else:
                a["tariff_lanes"], a["tariff_at_risk"] = int(f["lanes"]), float(f["value_at_risk_usd"])
    facilities = tuple(sorted((CompanyFacility(**a) for a in acc.values()),
                              key=lambda f: (-(f.at_risk or 0.0), -(f.tariff_at_risk or 0.0), f.role, f.facility)))
    trows = tuple(tariff.company) if tariff is not None else ()
    return CompanyView(int(lanes), hit, sum(num(r, "value_at_risk_usd") for r in hit),
                       sum(num(r, "rerouted_value_usd") for r in hit), sum(num(r, "delayed_value_usd") for r in hit),
                       km["truck_km"], km["rail_container_km"], unmeasured, trows,
                       sum(num(r, "value_at_risk_usd") for r in trows) if tariff is not None else None,
                       sum(1 for r in trows if r.get("status") == "hs_unknown"), facilities)


# -- the results out -------------------------------------------------------------------------------------
def export_header(closure: ScenarioResult, tariff: TariffResult | None = None,
                  company_lanes: int | None = None) -> list[Message]:
    """The lines above an exported table: the scenario, units, sources and period (and, when
    it was run with the company's ``company_lanes`` lanes, how they count)."""
    st = closure.state
    lo, hi = closure.period
    names = {c.port: c.name for c in closure.closed_ports}
    ports = [f"{names[p]} ({p})" if p in names else p for p in st.closed]
    out = [msg("scenario.export.settings", ports_list=ports or ["—"], capacity_share=st.capacity_pct / 100,
               days=st.days),
           msg("scenario.export.units", days=closure.days),
           msg("scenario.export.source", start_ym=lo, end_ym=hi, from_ym=add_months(hi, -(CAPACITY_MONTHS - 1)))]
    if tariff is not None:
        tlo, thi = tariff.period
        out.insert(1, msg("scenario.export.tariff", tariff_share=st.tariff_pct / 100,
                          scope=", ".join(st.hs_chapters) or "all", usmca_share=st.usmca_share,
                          elasticity=f"{st.elasticity:g}", start_ym=tlo, end_ym=thi))
    if company_lanes is not None:
        out.insert(len(out) - 2, msg("scenario.export.company", count_n=company_lanes, hit_n=len(closure.company),
                                     days=closure.days))
    return out


# -- checked against what happened ------------------------------------------------------------------------
@dataclass(frozen=True)
class ObservedRow:
    port: str
    name: str
    role: str                    # closed | receiving | neighbour
    counts: tuple[tuple[int, int], ...]   # (YYYYMM, vehicles) around the month
    observed_change: float | None         # the month against the month before
    predicted_change: float | None        # the model's change of the port's load


def observed_rows(table, month: int, reroutes: Sequence = (), limit: int | None = 14) -> list[ObservedRow]:
    """The rows of :func:`~geo.analysis.scenario.observed_vs_predicted`'s table, closed ports
    first, then the receiving ports and the neighbours by the observed change (largest rise
    first); ``limit`` keeps the closed and receiving ports and the neighbours that moved most."""
    if table is None or len(table) == 0:
        return []
    receiving = {str(r.port) for r in reroutes}
    month_cols = sorted(c for c in table.columns if len(str(c)) == 7 and str(c)[4] == "-")
    rows = []
    for rec in table.to_dict("records"):
        code = str(rec["port"])
        role = "closed" if rec.get("closed") else "receiving" if code in receiving else "neighbour"
        counts = tuple((int(c[:4]) * 100 + int(c[5:]), int(rec[c] or 0)) for c in month_cols)
        obs = rec.get("observed_change")
        pred = rec.get("predicted_change")
        rows.append(ObservedRow(code, str(rec["name"]), role, counts, _num(obs), _num(pred)))
    if limit is not None and len(rows) > limit:
        keep = [r for r in rows if r.role == "closed"]
        moved = lambda r: max(abs(r.observed_change or 0.0), abs(r.predicted_change or 0.0))  # noqa: E731
        rest = sorted((r for r in rows if r.role != "closed"), key=lambda r: (-moved(r), r.port))
        rows = keep + rest[: max(0, limit - len(keep))]
    order = {"closed": 0, "receiving": 1, "neighbour": 2}
    rows.sort(key=lambda r: (order[r.role], -(r.observed_change if r.observed_change is not None else -9), r.port))
    return rows


def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None
