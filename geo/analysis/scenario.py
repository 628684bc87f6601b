"""What if a crossing closes? Disruption and tariff scenarios over the store's public data.

- :func:`build_base` reads once what a scenario needs: the DOT1 flows of a period (default: the
  latest full year held), the Border Crossing counts of the 36 months to its end, the capacity,
  load and value per loaded container of every land port on the Mexican border.
- :func:`run_scenario` closes or degrades ports (or one bridge: a user share of a port) for N
  days and reassigns the freight that no longer fits to the other ports of the same mode, least
  added detour first within their headroom, as ONE linear program (scipy's HiGHS), so the
  answer does not depend on the order the flows are read; what does not fit waits and clears
  after the reopening. Recomputing on a built base is fast (a slider moves it live).
- :func:`tariff_shock`: a tariff on imports from Mexico and the value at risk by US state, port
  and commodity.
- :func:`observed_vs_predicted`: the observed monthly counts around a month beside the model's
  prediction, to judge the model against a real event.

Every assumption is listed in the results as :class:`~geo.core.messages.Message` codes. The
scenario settings are a session part (``"scenario"``), saved in projects and bookmarks.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from geo.analysis.profile import value_per_loaded_truck
from geo.core.messages import Message, MessageError, msg
from geo.core.parts import dataclass_part, register_part
from geo.core.periods import add_months, format_ym, ym_range
from geo.flows.anchors import load_anchors
from geo.query import TradeFilter

BORDER = "US-Mexico Border"
#: BTS mode code -> (name, measure of vehicles, measure of loaded containers)
MODES: dict[str, tuple[str, str, str]] = {
    "5": ("truck", "Trucks", "Truck Containers Loaded"),
    "6": ("rail", "Trains", "Rail Containers Loaded"),
}
THROUGHPUT_MEASURES = ("Trucks", "Truck Containers Loaded", "Trains", "Rail Containers Loaded")
CAPACITY_MONTHS = 36
#: the default trade elasticity and its source (cited in the result's messages)
DEFAULT_ELASTICITY = 4.0
ELASTICITY_SOURCE = ("Simonovska and Waugh (2014), 'The elasticity of trade: Estimates and evidence', "
                     "Journal of International Economics 92(1): 34-50")
EARTH_KM = 6371.0088
#: a reroute adds at most this many km (great-circle); farther freight waits
DEFAULT_MAX_DETOUR_KM = 1500.0


class ScenarioError(MessageError):
    """A scenario that cannot be run (unknown port, invalid setting)."""


# -- the session part ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScenarioState:
    """The scenario settings (session part ``"scenario"``).

    ``closed``: port codes closed or degraded; ``capacity_pct``: the capacity they keep (0 =
    closed); ``days``: how long; ``bridge_shares``: ``(port, share)`` when only one bridge of a
    port closes (the share of the port's capacity it carries, user-entered);
    ``capacity_overrides``: ``(port, mode, value, unit)`` with unit ``count`` (loaded containers a
    month) or ``pct`` (of the default capacity); ``southbound_ratio``: southbound capacity as a
    share of the northbound capacity; tariff settings; ``period``: None = the latest full year."""

    closed: tuple[str, ...] = ()
    capacity_pct: float = 0.0
    days: int = 7
    bridge_shares: tuple[tuple[str, float], ...] = ()
    capacity_overrides: tuple[tuple[str, str, float, str], ...] = ()
    southbound_ratio: float = 1.0
    tariff_pct: float = 0.0
    hs_chapters: tuple[str, ...] = ()
    usmca_share: float = 0.0
    elasticity: float = DEFAULT_ELASTICITY
    period: tuple[int, int] | None = None
    max_detour_km: float = DEFAULT_MAX_DETOUR_KM

    def __post_init__(self):
        def bad(key, value, reason):
            raise ValueError(f"{key}={value!r}: {reason}")

        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731
        set_("closed", tuple(dict.fromkeys(_port_code(p) for p in self.closed)))
        if not 0 <= float(self.capacity_pct) <= 100:
            bad("capacity_pct", self.capacity_pct, "a percentage from 0 to 100")
        if int(self.days) != self.days or self.days < 0:
            bad("days", self.days, "a whole number of days, 0 or more")
        set_("days", int(self.days))
        shares = []
        for item in self.bridge_shares:
            port, share = item
            if not 0 < float(share) <= 1:
                bad("bridge_shares", item, "a share above 0 and at most 1")
            shares.append((_port_code(port), float(share)))
        set_("bridge_shares", tuple(shares))
        ovs = []
        for item in self.capacity_overrides:
            port, mode, value, unit = item
            mode = _mode_code(mode)
            if unit not in ("count", "pct") or float(value) < 0 or mode is None:
                bad("capacity_overrides", item, "(port, truck|rail, value >= 0, count|pct)")
            ovs.append((_port_code(port), str(mode), float(value), str(unit)))
        set_("capacity_overrides", tuple(ovs))
        if float(self.southbound_ratio) < 0:
            bad("southbound_ratio", self.southbound_ratio, "0 or more")
        if float(self.tariff_pct) < 0:
            bad("tariff_pct", self.tariff_pct, "0 or more")
        if not 0 <= float(self.usmca_share) <= 1:
            bad("usmca_share", self.usmca_share, "a share from 0 to 1")
        if float(self.elasticity) < 0:
            bad("elasticity", self.elasticity, "0 or more (the size of the fall in imports)")
        if float(self.max_detour_km) <= 0:
            bad("max_detour_km", self.max_detour_km, "above 0")
        set_("hs_chapters", tuple(str(c).strip().zfill(2) for c in self.hs_chapters))
        if self.period is not None:
            lo, hi = (int(x) for x in self.period)
            if lo > hi:
                bad("period", self.period, "starts after it ends")
            set_("period", (lo, hi))

    @property
    def active(self) -> bool:
        return bool(self.closed) or self.tariff_pct > 0


SCENARIO = register_part(dataclass_part("scenario", ScenarioState))


def _port_code(p) -> str:
    s = str(p).strip()
    return s.zfill(4) if s.isdigit() else s


def _mode_code(m) -> str | None:
    m = str(m).strip().lower()
    for code, (name, *_rest) in MODES.items():
        if m in (code, name):
            return code
    return None


# -- periods ---------------------------------------------------------------------------------------------
def latest_full_year(store) -> tuple[int, int] | None:
    """The latest calendar year whose 12 months of DOT1 flows the store holds."""
    months = set(store.available_periods().get("DOT1", ()))
    years = sorted({m // 100 for m in months}, reverse=True)
    for y in years:
        if all(y * 100 + k in months for k in range(1, 13)):
            return (y * 100 + 1, y * 100 + 12)
    return None


def _days_in(months: Iterable[int]) -> int:
    return sum(calendar.monthrange(m // 100, m % 100)[1] for m in months)


def great_circle_km(lon1, lat1, lon2, lat2):
    """Haversine distance in km (numpy broadcasting)."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(a, dtype=float)) for a in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


# -- capacity and value per crossing -----------------------------------------------------------------------
def throughput(store, period: tuple[int, int], ports: Sequence[str] | None = None) -> pd.DataFrame:
    """Observed monthly throughput per port on the Mexican border: one row per port and month,
    columns for trucks, loaded truck containers, trains and loaded rail containers."""
    cr = store.crossings(port_codes=list(ports) if ports else None, measures=list(THROUGHPUT_MEASURES),
                         period=period, by=("port", "measure", "month"), border=BORDER)
    if cr.empty:
        return pd.DataFrame(columns=["port_code", "port_name", "year_month", *THROUGHPUT_MEASURES])
    wide = cr.pivot_table(index=["port_code", "port_name", "year_month"], columns="measure", values="value",
                          aggfunc="sum", fill_value=0).reset_index()
    for m in THROUGHPUT_MEASURES:
        if m not in wide.columns:
            wide[m] = 0
    wide.columns.name = None
    return wide[["port_code", "port_name", "year_month", *THROUGHPUT_MEASURES]].sort_values(
        ["port_code", "year_month"], kind="stable").reset_index(drop=True)


def value_per_loaded_container(store, port: str, mode: str, period: tuple[int, int]) -> float | None:
    """Import value per loaded container at ``port``: for trucks THE drill-down definition
    (:func:`geo.analysis.profile.value_per_loaded_truck`); for rail the same rule with rail
    value and loaded rail containers (same port and months)."""
    if mode == "5":
        return value_per_loaded_truck(store, port, period).per_container
    tf = TradeFilter(period=period, trade_type="import", modes=(mode,), ports=(port,))
    df = store.breakdown(tf, "month")
    value = {int(c): int(v) for c, v in zip(df["code"], df["value"])} if df is not None and len(df) else {}
    cr = store.crossings(port_codes=[port], measures=[MODES[mode][2]], period=period, by=("month",))
    counts = {int(m): int(v) for m, v in zip(cr["year_month"], cr["value"])}
    months = [m for m in value if counts.get(m)]
    total = sum(counts[m] for m in months)
    return sum(value[m] for m in months) / total if total else None


@dataclass(frozen=True)
class PortMode:
    """One port and mode: capacity and load in loaded containers a month (northbound counts)."""

    port: str
    name: str
    mode: str
    lon: float
    lat: float
    capacity: float            # the default: highest monthly count of the 36 months to the period end
    load: float                # mean monthly count over the period
    value_per_container: float | None


@dataclass
class ScenarioBase:
    """What every scenario of one period reads from the store (built once)."""

    period: tuple[int, int]
    period_is_default: bool
    months: tuple[int, ...]
    days: int                                  # days in the period's months
    ports: dict[tuple[str, str], PortMode]     # (port, mode) -> capacity, load, value per container
    names: dict[str, str]
    coords: dict[str, tuple[float, float]]
    flows: pd.DataFrame                        # DOT1 truck/rail flows with Mexico, period total
    mode_vpc: dict[str, float]                 # border-wide value per loaded container by mode
    anchors: Any = None

    @property
    def days_per_month(self) -> float:
        return self.days / max(1, len(self.months))

    def handles(self, port: str, mode: str) -> bool:
        pm = self.ports.get((port, mode))
        return pm is not None and pm.capacity > 0


def build_base(store, period: tuple[int, int] | None = None, *, anchors=None) -> ScenarioBase:
    """Read the flows, counts, capacities and values per container of ``period`` (default: the
    latest full year of DOT1 flows held)."""
    is_default = period is None
    if period is None:
        period = latest_full_year(store)
        if period is None:
            raise ScenarioError(msg("scenario.error.no_flows", "error"))
    lo, hi = (int(x) for x in period)
    months = tuple(ym_range(lo, hi))
    cap_from = add_months(hi, -(CAPACITY_MONTHS - 1))
    cr = store.crossings(measures=[m[2] for m in MODES.values()], period=(min(cap_from, lo), hi),
                         by=("port", "measure", "month"), border=BORDER)
    names: dict[str, str] = {}
    coords: dict[str, tuple[float, float]] = {}
    ports: dict[tuple[str, str], PortMode] = {}
    every = store.crossings(by=("port",), border=BORDER)   # every port of the border, any measure
    for code, name, lon, lat in every[["port_code", "port_name", "longitude", "latitude"]].itertuples(index=False):
        code = str(code)
        names[code] = str(name)
        if lon is not None and lat is not None and not (pd.isna(lon) or pd.isna(lat)):
            coords[code] = (float(lon), float(lat))
    if not cr.empty:
        cr = cr.assign(port_code=cr["port_code"].astype(str))
        for code, name, lon, lat in cr[["port_code", "port_name", "longitude", "latitude"]].drop_duplicates(
                "port_code").itertuples(index=False):
            names[code] = str(name)
            if lon is not None and lat is not None and not (pd.isna(lon) or pd.isna(lat)):
                coords[code] = (float(lon), float(lat))
        for mode, (_name, _veh, measure) in MODES.items():
            sub = cr[cr["measure"] == measure]
            cap = sub[sub["year_month"] >= cap_from].groupby("port_code")["value"].max()
            cur = sub[(sub["year_month"] >= lo) & (sub["year_month"] <= hi)].groupby("port_code")["value"].sum()
            for code, c in cap.items():
                if c <= 0 or code not in coords:
                    continue
                load = float(cur.get(code, 0)) / len(months)
                vpc = value_per_loaded_container(store, code, mode, (lo, hi)) if load > 0 else None
                ports[(code, mode)] = PortMode(code, names[code], mode, coords[code][0], coords[code][1],
                                               float(c), load, vpc)
    flows = store.flow_triples(TradeFilter(period=(lo, hi), country="MX", modes=tuple(MODES)))
    flows = flows[["us_state", "port", "mx_state", "mode", "trade_type", "value"]].copy()
    flows["port"] = flows["port"].astype(str)
    mode_vpc: dict[str, float] = {}
    for mode in MODES:
        pairs = [(float(p.value_per_container), p.load) for (_c, m), p in ports.items()
                 if m == mode and p.value_per_container and p.load > 0]
        weight = sum(ld for _v, ld in pairs)
        mode_vpc[mode] = sum(v * ld for v, ld in pairs) / weight if weight else 0.0
    return ScenarioBase((lo, hi), is_default, months, _days_in(months), ports, names, coords, flows, mode_vpc,
                        anchors if anchors is not None else load_anchors())


# -- the closure scenario ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reroute:
    port: str
    name: str
    mode: str
    value: float          # US$ rerouted to this port over the closure
    containers: float     # loaded containers rerouted to this port over the closure (both directions)
    load: float           # northbound loaded containers a month (the counts)
    predicted_load: float  # ... with the rerouted northbound freight, at the closure's daily rate
    capacity: float


@dataclass
class ScenarioResult:
    state: ScenarioState
    period: tuple[int, int]
    days: int
    affected_value: float                 # value that no longer fits at the closed ports (US$ over the days)
    rerouted_value: float
    delayed_value: float
    value_days: float                     # US$·days at risk
    days_to_clear: float | None           # None: never clears (no headroom)
    extra_truck_km: float
    extra_rail_km: float
    reroutes: list[Reroute]
    closed_load: dict[tuple[str, str], tuple[float, float]]   # (port, mode) -> (load, predicted load) a month
    backlog: dict[tuple[str, str, str], tuple[float, float]]  # (port, mode, dir) -> (containers, per day)
    assumptions: list[Message] = field(default_factory=list)
    company: list[dict] = field(default_factory=list)

    def predicted_change(self, port: str, mode: str = "5") -> float | None:
        """The predicted relative change of ``port``'s monthly load in ``mode``."""
        if (port, mode) in self.closed_load:
            before, after = self.closed_load[(port, mode)]
            return (after - before) / before if before else None
        for r in self.reroutes:
            if r.port == port and r.mode == mode:
                return (r.predicted_load - r.load) / r.load if r.load else None
        return 0.0

    def as_dict(self, word=None) -> dict:
        w = word or (lambda m: m.english())
        return {
            "period": [format_ym(self.period[0]), format_ym(self.period[1])],
            "closed": list(self.state.closed), "capacity_pct": self.state.capacity_pct, "days": self.days,
            "affected_value_usd": self.affected_value, "rerouted_value_usd": self.rerouted_value,
            "delayed_value_usd": self.delayed_value, "value_days_usd": self.value_days,
            "days_to_clear": self.days_to_clear, "extra_truck_km": self.extra_truck_km,
            "extra_rail_container_km": self.extra_rail_km,
            "rerouted": [{"port": r.port, "name": r.name, "mode": MODES[r.mode][0], "value_usd": r.value,
                          "containers": r.containers, "load": r.load, "predicted_load": r.predicted_load,
                          "capacity": r.capacity} for r in self.reroutes],
            "company": self.company,
            "assumptions": [w(m) for m in self.assumptions],
        }


def _factor(state: ScenarioState, port: str) -> float:
    """The share of its capacity a closed port keeps."""
    share = dict(state.bridge_shares).get(port, 1.0)
    return 1.0 - (1.0 - state.capacity_pct / 100.0) * share


def _capacity(base: ScenarioBase, state: ScenarioState, port: str, mode: str) -> float:
    pm = base.ports.get((port, mode))
    cap = pm.capacity if pm else 0.0
    for p, m, value, unit in state.capacity_overrides:
        if p == port and m == mode:
            cap = value if unit == "count" else cap * value / 100.0
    return cap


def _place(base: ScenarioBase, kind: str, code: str) -> tuple[float, float] | None:
    p = base.anchors.get(kind, code) if base.anchors is not None else None
    return (p.lon, p.lat) if p is not None else None


def run_scenario(base: ScenarioBase, state: ScenarioState, *, company_lanes: Iterable[Mapping] | None = None
                 ) -> ScenarioResult:
    """Close or degrade ``state.closed`` for ``state.days`` days and reassign the freight that
    no longer fits (one linear program over every flow; order-independent)."""
    unknown = [p for p in state.closed if p not in base.names or p not in base.coords]
    if unknown:
        raise ScenarioError(msg("scenario.error.unknown_port", "error", port=unknown[0]))
    days = state.days
    dpm = base.days_per_month
    closed = set(state.closed)
    notes = assumptions(base, state)
    # the freight of the closed ports that no longer fits, per (port, mode, direction) -> fraction
    fl = base.flows[base.flows["port"].isin(closed)]
    groups: dict[tuple[str, str, str, str, str], float] = {}
    for us, port, mx, mode, tt, value in fl[["us_state", "port", "mx_state", "mode", "trade_type",
                                             "value"]].itertuples(index=False):
        key = (port, mode, tt, mx if tt == "export" else "", us)
        groups[key] = groups.get(key, 0.0) + float(value)
    closed_load: dict[tuple[str, str], tuple[float, float]] = {}
    frac: dict[tuple[str, str, str], float] = {}
    south_load: dict[tuple[str, str], float] = {}
    exports = base.flows[base.flows["trade_type"] == "export"].groupby(["port", "mode"])["value"].sum()
    for pm_key, v in exports.items():
        port, mode = pm_key  # type: ignore[misc]
        vpc = _vpc(base, port, mode)
        south_load[(port, mode)] = float(v) / len(base.months) / vpc if vpc else 0.0
    for port in sorted(closed):
        for mode in MODES:
            f = _factor(state, port)
            cap = _capacity(base, state, port, mode)
            pm = base.ports.get((port, mode))
            load = pm.load if pm else 0.0
            for tt, ld, cp in (("import", load, cap), ("export", south_load.get((port, mode), 0.0),
                                                        cap * state.southbound_ratio)):
                if ld <= 0:
                    frac[(port, mode, tt)] = 1.0 - f
                else:
                    frac[(port, mode, tt)] = max(0.0, ld - f * cp) / ld
            closed_load[(port, mode)] = (load, load * (1 - frac[(port, mode, "import")]))
    # canonical order: the same LP whatever the order of the input flows
    keys = sorted(k for k, v in groups.items() if v > 0 and frac.get((k[0], k[1], k[2]), 0) > 0)
    gval = np.array([groups[k] / base.days * days * frac[(k[0], k[1], k[2])] for k in keys])
    gvpc = np.array([_vpc(base, k[0], k[1]) or 0.0 for k in keys])
    gcont = np.divide(gval, gvpc, out=np.zeros_like(gval), where=gvpc > 0)
    receivers = sorted((p, m) for (p, m) in base.ports if p not in closed and _capacity(base, state, p, m) > 0)
    head: dict[tuple[str, str, str], float] = {}
    for p, m in receivers:
        cap = _capacity(base, state, p, m)
        load = base.ports[(p, m)].load
        head[(p, m, "import")] = max(0.0, cap - load) / dpm * days
        head[(p, m, "export")] = max(0.0, cap * state.southbound_ratio - south_load.get((p, m), 0.0)) / dpm * days
    x, w, pairs, detours = _solve(base, keys, gcont, receivers, head, state.max_detour_km)
    # results
    rr_val: dict[tuple[str, str], float] = {}
    rr_cont: dict[tuple[str, str], float] = {}
    rr_north: dict[tuple[str, str], float] = {}
    extra = {"5": 0.0, "6": 0.0}
    for (gi, rj), xv, d in zip(pairs, x, detours):
        if xv <= 1e-9:
            continue
        k = keys[gi]
        rk = receivers[rj]
        rr_val[rk] = rr_val.get(rk, 0.0) + xv * gvpc[gi]
        rr_cont[rk] = rr_cont.get(rk, 0.0) + xv
        if k[2] == "import":
            rr_north[rk] = rr_north.get(rk, 0.0) + xv
        extra[k[1]] += xv * d
    reroutes = []
    for (p, m), v in sorted(rr_val.items(), key=lambda kv: (-kv[1], kv[0])):
        pm = base.ports[(p, m)]
        north = rr_north.get((p, m), 0.0)
        reroutes.append(Reroute(p, pm.name, m, v, rr_cont[(p, m)], pm.load,
                                pm.load + north / days * dpm if days else pm.load,
                                _capacity(base, state, p, m)))
    backlog: dict[tuple[str, str, str], tuple[float, float]] = {}
    for gi, wv in enumerate(w):
        if wv <= 1e-9:
            continue
        port, mode, tt = keys[gi][:3]
        b = backlog.get((port, mode, tt), (0.0, 0.0))[0] + wv
        cap = _capacity(base, state, port, mode)
        pm = base.ports.get((port, mode))
        ld = (pm.load if pm else 0.0) if tt == "import" else south_load.get((port, mode), 0.0)
        cp = cap if tt == "import" else cap * state.southbound_ratio
        if cap <= 0:   # freight in a mode the port's counts do not show: not limited by them
            if (port, mode, tt) not in backlog:
                notes.append(msg("scenario.assume.no_counts", port=base.names.get(port, port), mode=MODES[mode][0]))
            backlog[(port, mode, tt)] = (b, math.inf)
            continue
        backlog[(port, mode, tt)] = (b, max(0.0, cp - ld) / dpm)
    clear: float | None = 0.0
    for (port, mode, _tt), (b, per_day) in backlog.items():
        if per_day <= 0:
            clear = None
            notes.append(msg("scenario.never_clears", "warning", port=base.names.get(port, port),
                             mode=MODES[mode][0]))
        elif clear is not None:
            clear = max(clear, b / per_day)
    affected = float(gval.sum())
    delayed = float((w * gvpc).sum()) if len(w) else 0.0
    rerouted = float(sum(rr_val.values()))
    value_days = delayed * (days + clear) / 2 if clear is not None else math.inf if delayed > 0 else 0.0
    res = ScenarioResult(state, base.period, days, affected, rerouted, delayed, value_days, clear,
                         extra["5"], extra["6"], reroutes, closed_load, backlog, notes)
    if company_lanes is not None:
        res.company = company_hits(res, company_lanes)
    return res


def _vpc(base: ScenarioBase, port: str, mode: str) -> float | None:
    pm = base.ports.get((port, mode))
    if pm is not None and pm.value_per_container:
        return pm.value_per_container
    return base.mode_vpc.get(mode) or None


def _detours(base: ScenarioBase, keys, receivers) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Added great-circle km of each (flow group, receiving port of its mode): exports Mexican
    state → port → US state against the closed port; imports (origin not recorded) closed port →
    new port → US state against closed port → US state; a missing US anchor counts the way back
    to the closed port."""
    n = len(keys)
    if n == 0 or not receivers:
        return [], np.zeros(0)
    g = np.zeros((n, 7))       # origin lon/lat, closed port lon/lat, destination lon/lat, via port
    for gi, (port, _mode, tt, mx, us) in enumerate(keys):
        p0 = base.coords[port]
        o = _place(base, "mx_state", mx) if tt == "export" and mx else None
        d = _place(base, "us_state", us) if us else None
        g[gi] = (*(o or p0), *p0, *(d or p0), 1.0 if o is None else 0.0)
    gmode = np.array([k[1] for k in keys])
    rmode = np.array([r[1] for r in receivers])
    rq = np.array([base.coords[r[0]] for r in receivers])
    gi_all, rj_all = np.nonzero(gmode[:, None] == rmode[None, :])
    a = g[gi_all]
    q = rq[rj_all]
    new = great_circle_km(a[:, 0], a[:, 1], q[:, 0], q[:, 1]) + great_circle_km(q[:, 0], q[:, 1], a[:, 4], a[:, 5])
    old = (np.where(a[:, 6] > 0, 0.0, great_circle_km(a[:, 0], a[:, 1], a[:, 2], a[:, 3]))
           + great_circle_km(a[:, 2], a[:, 3], a[:, 4], a[:, 5]))
    return list(zip(gi_all.tolist(), rj_all.tolist())), new - old


def _solve(base: ScenarioBase, keys, gcont: np.ndarray, receivers, head, max_detour: float
           ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]], np.ndarray]:
    """min Σ detour·x + M·Σ wait, s.t. Σ_q x_gq + w_g = c_g and Σ_g x_gq ≤ headroom (q, dir),
    over the (flow, port) pairs within ``max_detour`` km. The program separates exactly into one
    per mode and direction (no constraint spans two), each solved whole by HiGHS."""
    n = len(keys)
    pairs, detours = _detours(base, keys, receivers)
    x_all = np.zeros(len(pairs))
    w_all = gcont.copy()
    if n == 0 or not pairs:
        return x_all, w_all, pairs, detours
    from scipy.optimize import linprog  # type: ignore[import-untyped]
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped]

    gi_all = np.array([p[0] for p in pairs])
    rj_all = np.array([p[1] for p in pairs])
    ok = detours <= max_detour
    big = float(max(1000.0, max_detour * 4 + 1000.0))
    sub_of = [(k[1], k[2]) for k in keys]
    for sub in sorted(set(sub_of)):
        groups = np.array([g for g, s in enumerate(sub_of) if s == sub])
        cols = np.nonzero(ok & np.isin(gi_all, groups))[0]
        if not len(cols):
            continue
        local = np.full(n, -1)
        local[groups] = np.arange(len(groups))
        gi = local[gi_all[cols]]
        used, row = np.unique(rj_all[cols], return_inverse=True)
        ng, nx = len(groups), len(cols)
        c = np.concatenate([detours[cols], np.full(ng, big)])
        a_eq = coo_matrix((np.ones(nx + ng), (np.concatenate([gi, np.arange(ng)]), np.arange(nx + ng))),
                          shape=(ng, nx + ng)).tocsr()
        a_ub = coo_matrix((np.ones(nx), (row, np.arange(nx))), shape=(len(used), nx + ng)).tocsr()
        b_ub = np.array([head[(receivers[r][0], receivers[r][1], sub[1])] for r in used])
        sol = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=gcont[groups], bounds=(0, None), method="highs-ds")
        if sol.status != 0:
            raise ScenarioError(msg("scenario.error.solver", "error", reason=str(sol.message)))
        z = np.maximum(sol.x, 0.0)
        x_all[cols] = z[:nx]
        w_all[groups] = z[nx:]
    return x_all, w_all, pairs, detours


def backlog_curve(result: ScenarioResult, horizon: int | None = None) -> list[float]:
    """Waiting containers at the end of each day: building up evenly while closed, then
    cleared at each port's headroom after reopening (the model behind ``days_to_clear``)."""
    days = result.days
    total = horizon if horizon is not None else days + int(math.ceil(result.days_to_clear or 0)) + 1
    out = []
    for t in range(1, total + 1):
        left = 0.0
        for b, per_day in result.backlog.values():
            if t <= days:
                left += b * t / days
            else:
                left += max(0.0, b - per_day * (t - days)) if per_day > 0 else b
        out.append(left)
    return out


def company_hits(result: ScenarioResult, lanes: Iterable[Mapping]) -> list[dict]:
    """The company's lanes that cross at a closed port (``lanes``: mappings with ``lane``,
    ``from``, ``to``, ``port``, ``value``, ``mode``): value at risk over the closure, scaled
    by the share of the port's freight that no longer fits."""
    closed = set(result.state.closed)
    out = []
    for ln in lanes:
        port = str(ln.get("port") or "")
        if port not in closed:
            continue
        mode = _mode_code(ln.get("mode") or "truck") or "5"
        load, after = result.closed_load.get((port, mode), (0.0, 0.0))
        share = (load - after) / load if load else 1.0 - _factor(result.state, port)
        yearly = float(ln.get("value") or 0.0)
        out.append({"lane": str(ln.get("lane", "")), "from": str(ln.get("from", "")), "to": str(ln.get("to", "")),
                    "port": port, "mode": MODES[mode][0],
                    "value_at_risk_usd": yearly / 365.0 * result.days * share})
    return sorted(out, key=lambda r: (-r["value_at_risk_usd"], r["lane"]))


def assumptions(base: ScenarioBase, state: ScenarioState) -> list[Message]:
    lo, hi = base.period
    out = [msg("scenario.assume.period_default" if base.period_is_default else "scenario.assume.period",
               start_ym=lo, end_ym=hi),
           msg("scenario.assume.capacity", months=CAPACITY_MONTHS, end_ym=hi),
           msg("scenario.assume.load", start_ym=lo, end_ym=hi),
           msg("scenario.assume.value_per_container", truck_usd=round(base.mode_vpc.get("5", 0.0)),
               rail_usd=round(base.mode_vpc.get("6", 0.0))),
           msg("scenario.assume.direction", ratio_share=state.southbound_ratio),
           msg("scenario.assume.detour"),
           msg("scenario.assume.lp", days=state.days, km=f"{state.max_detour_km:,.0f}"),
           msg("scenario.assume.backlog"),
           msg("scenario.assume.truck_km")]
    if state.closed:
        out.append(msg("scenario.assume.closure", ports_list=[base.names.get(p, p) for p in state.closed],
                       capacity_share=state.capacity_pct / 100.0, days=state.days))
    for port, share in state.bridge_shares:
        out.append(msg("scenario.assume.bridge", port=base.names.get(port, port), share_share=share))
    for port, mode, value, unit in state.capacity_overrides:
        out.append(msg("scenario.assume.override", port=base.names.get(port, port), mode=MODES[mode][0],
                       value=(f"{value:,.0f}" if unit == "count" else f"{value:g}%")))
    return out


# -- tariff shock ------------------------------------------------------------------------------------------
@dataclass
class TariffResult:
    state: ScenarioState
    period: tuple[int, int]
    factor: float                          # value at risk ÷ value
    total_value: float
    total_at_risk: float
    by: dict[str, pd.DataFrame]            # us_state | port | commodity -> code, name, value, at_risk
    assumptions: list[Message] = field(default_factory=list)

    def as_dict(self, word=None) -> dict:
        w = word or (lambda m: m.english())
        return {"period": [format_ym(self.period[0]), format_ym(self.period[1])],
                "tariff_pct": self.state.tariff_pct, "hs_chapters": list(self.state.hs_chapters),
                "usmca_share": self.state.usmca_share, "elasticity": self.state.elasticity,
                "factor": self.factor, "value_usd": self.total_value, "value_at_risk_usd": self.total_at_risk,
                "by": {k: [{"code": str(c), "name": str(n), "value_usd": float(v), "value_at_risk_usd": float(r)}
                           for c, n, v, r in df[["code", "name", "value", "at_risk"]].itertuples(index=False)]
                       for k, df in self.by.items()},
                "assumptions": [w(m) for m in self.assumptions]}


def tariff_factor(tariff_pct: float, usmca_share: float, elasticity: float) -> float:
    """The share of import value at risk: (1 − exempt) × (1 − (1 + t)^−ε) (constant elasticity,
    full pass-through of the tariff to the price)."""
    t = tariff_pct / 100.0
    return (1.0 - usmca_share) * (1.0 - (1.0 + t) ** (-elasticity))


def tariff_shock(store, state: ScenarioState, period: tuple[int, int] | None = None) -> TariffResult:
    """Value at risk by US state, port and commodity of a tariff on US imports from Mexico."""
    is_default = period is None and state.period is None
    period = period or state.period or latest_full_year(store)
    if period is None:
        raise ScenarioError(msg("scenario.error.no_flows", "error"))
    factor = tariff_factor(state.tariff_pct, state.usmca_share, state.elasticity)
    tf = TradeFilter(period=period, trade_type="import", country="MX", commodities=state.hs_chapters)
    lo, hi = tf.period  # type: ignore[misc]
    notes = [msg("scenario.assume.period_default" if is_default else "scenario.assume.period",
                 start_ym=lo, end_ym=hi),
             msg("scenario.tariff.rule", tariff_share=state.tariff_pct / 100.0, usmca_share=state.usmca_share,
                 scope=(", ".join(state.hs_chapters) if state.hs_chapters else "all"),
                 factor_share=factor),
             msg("scenario.tariff.elasticity", elasticity=f"{state.elasticity:g}",
                 default=f"{DEFAULT_ELASTICITY:g}", source=ELASTICITY_SOURCE)]
    by: dict[str, pd.DataFrame] = {}
    total = 0.0
    for key in ("us_state", "port", "commodity"):
        df = store.breakdown(tf, key)
        if df is None or df.empty:
            notes.append(msg("scenario.tariff.not_answerable", by=key))
            df = pd.DataFrame({"code": [], "name": [], "value": []})
        df = df[["code", "name", "value"]].copy()
        df["value"] = df["value"].astype(float)
        df["at_risk"] = df["value"] * factor
        by[key] = df.reset_index(drop=True)
        if key == "commodity" or (key == "us_state" and total == 0):
            total = float(df["value"].sum())
    return TariffResult(state, (lo, hi), factor, total, total * factor, by, notes)


# -- checked against what happened ------------------------------------------------------------------------
def observed_vs_predicted(store, result: ScenarioResult, month: int, *, mode: str = "5", around: int = 2,
                          near_km: float = 300.0) -> pd.DataFrame:
    """The observed monthly counts (trucks or trains) of the closed ports, the receiving ports
    and the ports within ``near_km`` of a closed port, ``around`` months either side of
    ``month``, beside the observed change against the month before and the model's predicted
    change of the loaded containers."""
    base_ports = sorted(set(result.state.closed))
    coords = {}
    cr_all = store.crossings(measures=[MODES[mode][1]], period=(add_months(month, -around), add_months(month, around)),
                             by=("port", "month"), border=BORDER)
    cr_all = cr_all.assign(port_code=cr_all["port_code"].astype(str))
    for code, lon, lat in cr_all[["port_code", "longitude", "latitude"]].drop_duplicates("port_code").itertuples(
            index=False):
        if lon is not None and not pd.isna(lon):
            coords[code] = (float(lon), float(lat))
    near = set(base_ports) | {r.port for r in result.reroutes if r.mode == mode}
    for code, (lon, lat) in coords.items():
        for c in base_ports:
            if c in coords and great_circle_km(lon, lat, *coords[c]) <= near_km:
                near.add(code)
    sub = cr_all[cr_all["port_code"].isin(near)]
    wide = sub.pivot_table(index=["port_code", "port_name"], columns="year_month", values="value",
                           aggfunc="sum", fill_value=0)
    prev = add_months(month, -1)
    rows = []
    for (code, name), r in wide.iterrows():
        obs = (r.get(month, 0) / r.get(prev, 0) - 1) if r.get(prev, 0) else None
        rows.append({"port": code, "name": name, "closed": code in result.state.closed,
                     **{format_ym(int(m)): int(v) for m, v in r.items()},
                     "observed_change": obs, "predicted_change": result.predicted_change(code, mode)})
    return pd.DataFrame(rows)
