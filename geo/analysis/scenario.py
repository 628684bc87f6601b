"""What if a crossing closes? Disruption and tariff scenarios over the store's public data.

- :func:`build_base` reads once what a scenario needs: the DOT1 flows of a period (default: the
  latest full year held), the Border Crossing counts of the 36 months to its end, the capacity,
  load and value per loaded container of every land port on the Mexican border.
- :func:`run_scenario` closes or degrades ports (or one bridge: a user share of a port) for N
  days, optionally adds capacity (lanes at a port: ``capacity_overrides``; a new crossing:
  ``new_crossings``), and reassigns the freight that no longer fits to the other ports of the
  same mode, least added detour first within their headroom, as ONE linear program per mode and
  direction (scipy's HiGHS), so the answer does not depend on the order the flows are read; what
  does not fit waits and clears after the reopening. Recomputing on a built base is fast (a
  slider moves it live): the program is first solved over the pairs that can matter and the
  answer is then proven optimal for every pair (see :func:`_assign_all`).
- :func:`company_hits`: the company's lanes through a closed port, with the Mexican-side detour
  measured from the lane's own facilities (:func:`company_lane_rows` makes the lanes from a
  network).
- :func:`tariff_shock`: a tariff on imports from Mexico and the value at risk by US state, port
  and commodity, and per company lane and facility by the lane's HS chapter.
- :func:`results_tables` / :func:`results_csv`: the results as tables of plain values (what the
  view exports and ``frontera scenario --format csv`` prints), :func:`results_assumptions`.
- :func:`observed_vs_predicted`: the observed monthly counts around a month beside the model's
  prediction, to judge the model against a real event.

Every assumption is listed in the results as :class:`~geo.core.messages.Message` codes. The
scenario settings are a session part (``"scenario"``), saved in projects and bookmarks.
"""
from __future__ import annotations

import calendar
import csv
import io
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

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
#: units of a capacity override: ``count`` sets loaded containers a month, ``pct`` sets a
#: percentage of the default capacity (120 = 20% more lanes), ``add`` adds loaded containers a month
OVERRIDE_UNITS = ("count", "pct", "add")
#: the code of the i-th (1-based) new crossing of a scenario (``new1``, ``new2``, …)
NEW_CROSSING_PREFIX = "new"


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
    month), ``pct`` (of the default capacity: 120 = lanes for 20% more) or ``add`` (loaded
    containers a month added: new lanes); ``new_crossings``: ``(name, lon, lat, mode, capacity)``
    hypothetical new crossings (capacity in loaded containers a month, empty before the
    closure; codes ``new1``, ``new2``, … in the order given) that can receive rerouted freight;
    ``southbound_ratio``: southbound capacity as a share of the northbound capacity; tariff
    settings; ``period``: None = the latest full year."""

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
    new_crossings: tuple[tuple[str, float, float, str, float], ...] = ()

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
            if unit not in OVERRIDE_UNITS or float(value) < 0 or mode is None:
                bad("capacity_overrides", item, "(port, truck|rail, value >= 0, count|pct|add)")
            ovs.append((_port_code(port), str(mode), float(value), str(unit)))
        set_("capacity_overrides", tuple(ovs))
        new = []
        for item in self.new_crossings:
            try:
                name, lon, lat, mode, cap = item
                lon, lat, cap = float(lon), float(lat), float(cap)
            except (TypeError, ValueError):
                bad("new_crossings", item, "(name, lon, lat, truck|rail, capacity)")
            code = _mode_code(mode)
            if not str(name).strip() or code is None or not (-180 <= lon <= 180 and -90 <= lat <= 90) \
                    or not cap >= 0 or not math.isfinite(cap):
                bad("new_crossings", item, "(name, lon -180..180, lat -90..90, truck|rail, capacity >= 0)")
            new.append((str(name).strip(), lon, lat, str(code), cap))
        set_("new_crossings", tuple(new))
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


def new_crossing_code(i: int) -> str:
    """The port code of the ``i``-th (0-based) entry of ``ScenarioState.new_crossings``."""
    return f"{NEW_CROSSING_PREFIX}{i + 1}"


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
    #: what the scenarios of this base prepare once (the flows grouped as the program needs them)
    _prep: dict = field(default_factory=dict, init=False, repr=False, compare=False)

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
    base = ScenarioBase((lo, hi), is_default, months, _days_in(months), ports, names, coords, flows, mode_vpc,
                        anchors if anchors is not None else load_anchors())
    _groups(base)   # what every scenario of the base needs, made once here (not on the first slider move)
    return base


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


@dataclass(frozen=True)
class Link:
    """Freight moved from one closed port to one receiving port (what a map line shows)."""

    origin: str           # the closed port
    port: str             # the receiving port
    mode: str             # "5" truck | "6" rail
    direction: str        # import (northbound) | export (southbound)
    value: float          # US$ over the closure
    containers: float     # loaded containers over the closure
    extra_km: float       # added container-km (containers × added detour, great-circle)


@dataclass(frozen=True)
class ClosedPort:
    """One closed or degraded port and mode: the freight that no longer fits and what becomes
    of it over the closure."""

    port: str
    name: str
    mode: str
    affected_value: float          # US$ that no longer fits over the closure (both directions)
    rerouted_value: float
    delayed_value: float
    value_days: float              # US$·days: delayed × (days closed + days to clear) ÷ 2
    days_to_clear: float | None    # after the reopening (None: never clears)
    load: float                    # northbound loaded containers a month (the counts)
    predicted_load: float          # ... while closed or degraded
    capacity: float                # the port's capacity (loaded containers a month, before the closure)
    kept_share: float              # the share of its capacity the port keeps
    value_per_container: float | None


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
    #: per closed port and mode (sorted by port, mode)
    closed_ports: list[ClosedPort] = field(default_factory=list)
    #: closed port -> receiving port, by mode and direction (largest value first)
    links: list[Link] = field(default_factory=list)
    #: (port, mode, dir) -> the share of the closed port's freight in that direction that no longer fits
    lost: dict[tuple[str, str, str], float] = field(default_factory=dict)
    #: the new crossings of the scenario: code -> (name, lon, lat)
    added_ports: dict[str, tuple[str, float, float]] = field(default_factory=dict)
    #: (lon, lat) of the closed and receiving ports (new crossings included)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)

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
            "closed_ports": [{"port": c.port, "name": c.name, "mode": MODES[c.mode][0],
                              "affected_value_usd": c.affected_value, "rerouted_value_usd": c.rerouted_value,
                              "delayed_value_usd": c.delayed_value, "value_days_usd": c.value_days,
                              "days_to_clear": c.days_to_clear, "load": c.load, "predicted_load": c.predicted_load,
                              "capacity": c.capacity, "kept_share": c.kept_share} for c in self.closed_ports],
            "links": [{"from": k.origin, "to": k.port, "mode": MODES[k.mode][0], "direction": k.direction,
                       "value_usd": k.value, "containers": k.containers, "extra_km": k.extra_km}
                      for k in self.links],
            "new_crossings": [{"port": code, "name": n, "lon": lon, "lat": lat}
                              for code, (n, lon, lat) in self.added_ports.items()],
            "company": self.company,
            "assumptions": [w(m) for m in self.assumptions],
        }


def _factor(state: ScenarioState, port: str) -> float:
    """The share of its capacity a closed port keeps."""
    share = dict(state.bridge_shares).get(port, 1.0)
    return 1.0 - (1.0 - state.capacity_pct / 100.0) * share


def _new_ports(base: ScenarioBase, state: ScenarioState) -> dict[tuple[str, str], PortMode]:
    """The scenario's new crossings as ports: empty before the closure, the border's average
    value per loaded container of their mode."""
    out = {}
    for i, (name, lon, lat, mode, cap) in enumerate(state.new_crossings):
        code = new_crossing_code(i)
        out[(code, mode)] = PortMode(code, name, mode, lon, lat, float(cap), 0.0, base.mode_vpc.get(mode) or None)
    return out


def _capacity(base: ScenarioBase, state: ScenarioState, port: str, mode: str,
              added: Mapping[tuple[str, str], PortMode] | None = None) -> float:
    pm = base.ports.get((port, mode)) or (added or {}).get((port, mode))
    cap = pm.capacity if pm else 0.0
    for p, m, value, unit in state.capacity_overrides:
        if p == port and m == mode:
            cap = value if unit == "count" else cap * value / 100.0 if unit == "pct" else cap + value
    return cap


def _place(base: ScenarioBase, kind: str, code: str) -> tuple[float, float] | None:
    p = base.anchors.get(kind, code) if base.anchors is not None else None
    return (p.lon, p.lat) if p is not None else None


def port_coords(base: ScenarioBase, state: ScenarioState) -> dict[str, tuple[float, float]]:
    """(lon, lat) of every port of the base and of the scenario's new crossings."""
    out = dict(base.coords)
    for (code, _m), pm in _new_ports(base, state).items():
        out[code] = (pm.lon, pm.lat)
    return out


def port_names(base: ScenarioBase, state: ScenarioState) -> dict[str, str]:
    """The name of every port of the base and of the scenario's new crossings."""
    out = dict(base.names)
    for (code, _m), pm in _new_ports(base, state).items():
        out[code] = pm.name
    return out


@dataclass
class _Groups:
    """The base's flows grouped as the program needs them (made once per base): one group per
    (port, mode, direction, Mexican state of an export, US state), in sorted order, with the
    places its detour is measured from."""

    flows: Any                   # the frame they were made from (a replaced base makes its own)
    keys: list[tuple[str, str, str, str, str]]
    port: np.ndarray
    value: np.ndarray
    origin: np.ndarray           # (n, 2) lon/lat of the Mexican state of an export; NaN: not recorded
    dest: np.ndarray             # (n, 2) lon/lat of the US state; NaN: no anchor
    south_load: dict[tuple[str, str], float]
    by_port: dict[str, np.ndarray]
    pmt: list[tuple[str, str, str]]   # the (port, mode, direction) of the groups, once each
    pmt_id: np.ndarray                # each group's index in ``pmt``


def _groups(base: ScenarioBase) -> _Groups:
    got = base._prep.get("groups")
    if got is not None and got.flows is base.flows:
        return got
    fl = base.flows
    sums: dict[tuple[str, str, str, str, str], float] = {}
    for us, port, mx, mode, tt, value in fl[["us_state", "port", "mx_state", "mode", "trade_type",
                                             "value"]].itertuples(index=False):
        key = (port, mode, tt, mx if tt == "export" else "", us)
        sums[key] = sums.get(key, 0.0) + float(value)
    keys = sorted(sums)
    places: dict[tuple[str, str], tuple[float, float]] = {}

    def place(kind: str, code) -> tuple[float, float]:
        if not code:
            return (math.nan, math.nan)
        k = (kind, code)
        if k not in places:
            places[k] = _place(base, kind, code) or (math.nan, math.nan)
        return places[k]

    n = len(keys)
    origin = np.full((n, 2), np.nan)
    dest = np.full((n, 2), np.nan)
    for i, (_port, _mode, tt, mx, us) in enumerate(keys):
        if tt == "export":
            origin[i] = place("mx_state", mx)
        dest[i] = place("us_state", us)
    port = np.array([k[0] for k in keys], dtype=object)
    by_port: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        by_port.setdefault(k[0], []).append(i)
    south_load: dict[tuple[str, str], float] = {}
    exports = fl[fl["trade_type"] == "export"].groupby(["port", "mode"])["value"].sum()
    for pm_key, total in exports.items():
        pm_code, pm_mode = (str(x) for x in pm_key)  # type: ignore[attr-defined]
        vpc = _vpc(base, pm_code, pm_mode)
        south_load[(pm_code, pm_mode)] = float(total) / len(base.months) / vpc if vpc else 0.0
    pmt = sorted({k[:3] for k in keys})
    at = {t: i for i, t in enumerate(pmt)}
    out = _Groups(fl, keys, port, np.array([sums[k] for k in keys], dtype=float), origin, dest, south_load,
                  {p: np.array(ix, dtype=int) for p, ix in by_port.items()}, pmt,
                  np.array([at[k[:3]] for k in keys], dtype=int))
    base._prep["groups"] = out
    return out


def run_scenario(base: ScenarioBase, state: ScenarioState, *, company_lanes: Iterable[Mapping] | None = None
                 ) -> ScenarioResult:
    """Close or degrade ``state.closed`` for ``state.days`` days and reassign the freight that
    no longer fits (one linear program per mode and direction over every flow;
    order-independent). ``company_lanes``: see :func:`company_hits`."""
    unknown = [p for p in state.closed if p not in base.names or p not in base.coords]
    if unknown:
        raise ScenarioError(msg("scenario.error.unknown_port", "error", port=unknown[0]))
    days = state.days
    dpm = base.days_per_month
    closed = set(state.closed)
    added = _new_ports(base, state)
    ports = {**base.ports, **added}
    coords = port_coords(base, state)
    notes = assumptions(base, state)
    gr = _groups(base)
    south_load = gr.south_load
    # the freight of the closed ports that no longer fits, per (port, mode, direction) -> fraction
    closed_load: dict[tuple[str, str], tuple[float, float]] = {}
    frac: dict[tuple[str, str, str], float] = {}
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
    # the groups of the closed ports, in the canonical (sorted) order: the same programs
    # whatever the order of the input flows
    sel = np.sort(np.concatenate([gr.by_port[p] for p in sorted(closed) if p in gr.by_port]
                                 or [np.zeros(0, dtype=int)]))
    tid = gr.pmt_id[sel]
    used = np.unique(tid)
    t_frac = np.zeros(len(gr.pmt))
    t_vpc = np.zeros(len(gr.pmt))
    for t in used:
        port_, mode_, tt_ = gr.pmt[t]
        t_frac[t] = frac.get((port_, mode_, tt_), 0.0)
        t_vpc[t] = _vpc(base, port_, mode_) or 0.0
    gfrac = t_frac[tid]
    keep = (gr.value[sel] > 0) & (gfrac > 0)
    sel, gfrac, tid = sel[keep], gfrac[keep], tid[keep]
    keys = [gr.keys[i] for i in sel]
    gval = gr.value[sel] / base.days * days * gfrac
    gvpc = t_vpc[tid]
    gcont = np.divide(gval, gvpc, out=np.zeros_like(gval), where=gvpc > 0)
    receivers = sorted((p, m) for (p, m) in ports if p not in closed and _capacity(base, state, p, m, added) > 0)
    head: dict[tuple[str, str, str], float] = {}
    for p, m in receivers:
        cap = _capacity(base, state, p, m, added)
        load = ports[(p, m)].load
        head[(p, m, "import")] = max(0.0, cap - load) / dpm * days
        head[(p, m, "export")] = max(0.0, cap * state.southbound_ratio - south_load.get((p, m), 0.0)) / dpm * days
    # one program per mode and direction (no constraint spans two)
    n = len(keys)
    w = gcont.copy()
    rr_val: dict[tuple[str, str], float] = {}
    rr_cont: dict[tuple[str, str], float] = {}
    rr_north: dict[tuple[str, str], float] = {}
    link: dict[tuple[str, str, str, str], list[float]] = {}
    extra = {"5": 0.0, "6": 0.0}
    big = float(max(1000.0, state.max_detour_km * 4 + 1000.0))
    gmode = np.array([gr.pmt[t][1] for t in range(len(gr.pmt))], dtype=object)[tid]
    gdir = np.array([gr.pmt[t][2] for t in range(len(gr.pmt))], dtype=object)[tid]
    subs, programs = [], []
    for sub in sorted({gr.pmt[t][1:] for t in np.unique(tid)}):
        gi = np.flatnonzero((gmode == sub[0]) & (gdir == sub[1]) & (gcont > 0))
        rj = [j for j, r in enumerate(receivers) if r[1] == sub[0]]
        if not len(gi) or not rj:
            continue
        rq = np.array([coords[receivers[j][0]] for j in rj], dtype=float)
        p0 = np.array([coords[keys[g][0]] for g in gi], dtype=float)
        detour = _detour_matrix(gr.origin[sel[gi]], p0, gr.dest[sel[gi]], rq)
        cost = np.where(detour <= state.max_detour_km, detour, np.inf)
        subs.append((sub, gi, rj, detour, cost))
        programs.append((cost, gcont[gi], np.array([head[(receivers[j][0], sub[0], sub[1])] for j in rj]), big))
    for (sub, gi, rj, detour, cost), x in zip(subs, _assign_all(programs)):
        w[gi] = np.maximum(gcont[gi] - x.sum(axis=1), 0.0)
        x = np.where(x > 1e-9, x, 0.0)
        km = x * np.where(np.isfinite(cost), detour, 0.0)
        origin = gr.port[sel[gi]]
        for o in sorted(set(origin)):
            rows = origin == o
            cont_o = x[rows].sum(axis=0)
            val_o = (x[rows] * gvpc[gi[rows], None]).sum(axis=0)
            km_o = km[rows].sum(axis=0)
            for q in np.flatnonzero(cont_o > 0):
                rk = receivers[rj[q]]
                rr_val[rk] = rr_val.get(rk, 0.0) + float(val_o[q])
                rr_cont[rk] = rr_cont.get(rk, 0.0) + float(cont_o[q])
                if sub[1] == "import":
                    rr_north[rk] = rr_north.get(rk, 0.0) + float(cont_o[q])
                link[(str(o), rk[0], sub[0], sub[1])] = [float(val_o[q]), float(cont_o[q]), float(km_o[q])]
        extra[sub[0]] += float(km.sum())
    # results
    reroutes = []
    for (p, m), v in sorted(rr_val.items(), key=lambda kv: (-kv[1], kv[0])):
        pm = ports[(p, m)]
        north = rr_north.get((p, m), 0.0)
        reroutes.append(Reroute(p, pm.name, m, v, rr_cont[(p, m)], pm.load,
                                pm.load + north / days * dpm if days else pm.load,
                                _capacity(base, state, p, m, added)))
    backlog: dict[tuple[str, str, str], tuple[float, float]] = {}
    for gi_ in np.flatnonzero(w > 1e-9):
        wv = float(w[gi_])
        port, mode, tt = keys[gi_][:3]
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
    delayed = float((w * gvpc).sum()) if n else 0.0
    rerouted = float(sum(rr_val.values()))
    value_days = delayed * (days + clear) / 2 if clear is not None else math.inf if delayed > 0 else 0.0
    res = ScenarioResult(state, base.period, days, affected, rerouted, delayed, value_days, clear,
                         extra["5"], extra["6"], reroutes, closed_load, backlog, notes)
    moved: dict[tuple[str, str], float] = {}
    for (o, _p, m, _tt), acc_ in link.items():
        moved[(o, m)] = moved.get((o, m), 0.0) + acc_[0]
    affected_t = np.bincount(tid, weights=gval, minlength=len(gr.pmt))
    delayed_t = np.bincount(tid, weights=w * gvpc, minlength=len(gr.pmt))
    by_pm: dict[tuple[str, str], list[float]] = {}
    for t in np.unique(tid):
        acc_pm = by_pm.setdefault(gr.pmt[t][:2], [0.0, 0.0])
        acc_pm[0] += float(affected_t[t])
        acc_pm[1] += float(delayed_t[t])
    res.closed_ports = _closed_ports(base, state, by_pm, moved, backlog, closed_load)
    res.links = [Link(o, p, m, tt, v[0], v[1], v[2])
                 for (o, p, m, tt), v in sorted(link.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    res.lost = dict(frac)
    res.added_ports = {pm.port: (pm.name, pm.lon, pm.lat) for pm in added.values()}
    res.coords = {p: coords[p] for p in sorted(closed | {r.port for r in reroutes} | set(res.added_ports))}
    if company_lanes is not None:
        res.company = company_hits(res, company_lanes)
        if res.company:
            res.assumptions.append(msg("scenario.assume.company_detour"))
    return res


def _closed_ports(base, state, by_pm, moved, backlog, closed_load) -> list[ClosedPort]:
    affected = {k: v[0] for k, v in by_pm.items()}
    delayed = {k: v[1] for k, v in by_pm.items()}
    out = []
    for port in sorted(set(state.closed)):
        for mode in MODES:
            pm = base.ports.get((port, mode))
            if pm is None and (port, mode) not in affected:
                continue
            clear: float | None = 0.0
            for tt in ("import", "export"):
                b, per_day = backlog.get((port, mode, tt), (0.0, math.inf))
                if b <= 0:
                    continue
                if per_day <= 0:
                    clear = None
                elif clear is not None:
                    clear = max(clear, b / per_day if math.isfinite(per_day) else 0.0)
            a, dl = affected.get((port, mode), 0.0), delayed.get((port, mode), 0.0)
            vd = dl * (state.days + clear) / 2 if clear is not None else math.inf if dl > 0 else 0.0
            load, after = closed_load.get((port, mode), (0.0, 0.0))
            out.append(ClosedPort(port, base.names.get(port, port), mode, a, moved.get((port, mode), 0.0), dl, vd,
                                  clear, load,
                                  after, _capacity(base, state, port, mode), _factor(state, port),
                                  _vpc(base, port, mode)))
    return out


def _vpc(base: ScenarioBase, port: str, mode: str) -> float | None:
    pm = base.ports.get((port, mode))
    if pm is not None and pm.value_per_container:
        return pm.value_per_container
    return base.mode_vpc.get(mode) or None


def _detour_matrix(origin: np.ndarray, port: np.ndarray, dest: np.ndarray, via: np.ndarray) -> np.ndarray:
    """Added great-circle km of each (flow group, receiving port): exports Mexican state → new
    port → US state against the closed port; imports (origin not recorded: NaN) closed port →
    new port → US state against closed port → US state; a missing US anchor (NaN) counts the
    way back to the closed port. ``origin``, ``port``, ``dest``: (n, 2) lon/lat; ``via``: (m, 2)."""
    has_o = ~np.isnan(origin[:, 0])
    o = np.where(has_o[:, None], origin, port)
    d = np.where(np.isnan(dest[:, :1]), port, dest)
    q = via[None, :, :]
    new = (great_circle_km(o[:, None, 0], o[:, None, 1], q[..., 0], q[..., 1])
           + great_circle_km(q[..., 0], q[..., 1], d[:, None, 0], d[:, None, 1]))
    old = (np.where(has_o, great_circle_km(o[:, 0], o[:, 1], port[:, 0], port[:, 1]), 0.0)
           + great_circle_km(port[:, 0], port[:, 1], d[:, 0], d[:, 1]))
    return new - old[:, None]


#: the program is first solved over the pairs within this many km (in reduced cost) of each
#: group's best, with receiving-port prices estimated from the groups carrying this share of
#: the freight; programs of at most _WHOLE pairs are solved whole at once
_NEAR_KM = 5.0
_MAJOR_SHARE = 0.95
_WHOLE = 4000
_ROUNDS = 12

#: one program: cost (groups × ports; inf where a pair is not allowed), containers of each
#: group, headroom of each port, the cost of waiting
Program = tuple[np.ndarray, np.ndarray, np.ndarray, float]


def _assign(cost: np.ndarray, cont: np.ndarray, head: np.ndarray, big: float) -> np.ndarray:
    """The least-detour assignment of one program (see :func:`_assign_all`)."""
    return _assign_all([(cost, cont, head, big)])[0]


def _assign_all(programs: Sequence[Program]) -> list[np.ndarray]:
    """The least-detour assignment of each program: x (groups × ports) minimising Σ cost·x +
    big·Σ waiting, with Σ_q x_gq ≤ cont_g and Σ_g x_gq ≤ head_q; the programs are independent
    and solved together, one HiGHS call a round.

    A large program (Laredo's exports: 1,400 groups × 21 ports) is solved over the pairs that
    can matter first: the ports' prices (the duals of their headroom) are estimated by the
    program of the largest groups, each group keeps the ports within ``_NEAR_KM`` of its best
    at those prices, and the program over these pairs is solved; its prices then prove the
    answer optimal for every pair (no left-out pair has a negative reduced cost), or the pairs
    that would lower the cost are added and it is solved again. The answer is the optimum of
    the whole program (the same cost, so the same figures), found on a fraction of its pairs."""
    out: list[np.ndarray] = [np.zeros(p[0].shape) for p in programs]
    allowed = [np.isfinite(p[0]) for p in programs]
    first: list[tuple] = []         # (program index, whole?, the program of round 0)
    for i, ((cost, cont, head, big), ok) in enumerate(zip(programs, allowed)):
        n_pairs = int(ok.sum())
        if n_pairs == 0:
            continue
        if n_pairs <= _WHOLE:
            first.append((i, True, (cost, cont, head, big, ok)))
            continue
        total = float(cont.sum())
        order = np.argsort(-cont, kind="stable")
        n = int(np.searchsorted(np.cumsum(cont[order]) / total, _MAJOR_SHARE)) + 1
        major = np.sort(order[:n])
        first.append((i, False, (cost[major], cont[major], head * (float(cont[major].sum()) / total), big,
                                 ok[major])))
    cand: dict[int, np.ndarray] = {}
    for (i, whole, _prog), (x, v) in zip(first, _lp_all([f[2] for f in first])):
        if whole:
            out[i] = x
            continue
        price = np.where(allowed[i], programs[i][0] + v, np.inf)
        cand[i] = allowed[i] & (price <= price.min(axis=1)[:, None] + _NEAR_KM)
    for _ in range(_ROUNDS):
        if not cand:
            return out
        todo = sorted(cand)
        for i, (x, v) in zip(todo, _lp_all([(*programs[i], cand[i]) for i in todo])):
            cost, _cont, _head, big = programs[i]
            out[i] = x
            price = np.where(allowed[i], cost + v, np.inf)
            best = price.min(axis=1)
            best_cand = np.where(cand[i], price, np.inf).min(axis=1)
            short = best < np.minimum(best_cand, big) - 1e-9 * big
            if short.any():
                cand[i] = cand[i] | (allowed[i] & short[:, None] & (price <= best[:, None] + _NEAR_KM))
            else:
                del cand[i]
    for i, (x, _v) in zip(sorted(cand), _lp_all([(*programs[i], allowed[i]) for i in sorted(cand)])):
        out[i] = x
    return out


def _lp(cost: np.ndarray, cont: np.ndarray, head: np.ndarray, big: float, cand: np.ndarray
        ) -> tuple[np.ndarray, np.ndarray]:
    """One program over the pairs ``cand`` (see :func:`_lp_all`)."""
    return _lp_all([(cost, cont, head, big, cand)])[0]


def _lp_all(programs: Sequence[tuple]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Programs (cost, cont, head, big, cand) over the pairs ``cand``, solved as ONE linear
    program (independent blocks): min Σ (cost − big)·x s.t. Σ_q x_gq ≤ cont_g (a row only for
    groups with two pairs or more; one pair is its bound), Σ_g x_gq ≤ head_q, x ≥ 0 (waiting =
    cont − Σ_q x, at cost big). Returns each program's x and its ports' prices (≥ 0)."""
    from scipy.optimize import linprog  # type: ignore[import-untyped]
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    c, rows, cols, b, upper, where = [], [], [], [], [], []
    n_col = n_row = 0
    for cost, cont, head, big, cand in programs:
        ng, nq = cost.shape
        gi, qi = np.nonzero(cand)
        m = len(gi)
        per = np.bincount(gi, minlength=ng)
        multi = np.flatnonzero(per > 1)
        row_of = np.full(ng, -1)
        row_of[multi] = nq + np.arange(len(multi))
        in_row = np.flatnonzero(row_of[gi] >= 0)
        c.append(cost[gi, qi] - big)
        rows.append(np.concatenate([qi, row_of[gi[in_row]]]) + n_row)
        cols.append(np.concatenate([np.arange(m), in_row]) + n_col)
        b.append(np.concatenate([head, cont[multi]]))
        upper.append(cont[gi])
        where.append((gi, qi, n_col, n_row))
        n_col += m
        n_row += nq + len(multi)
    if n_col == 0:
        return [(np.zeros(p[0].shape), np.zeros(p[0].shape[1])) for p in programs]
    r, k = np.concatenate(rows), np.concatenate(cols)
    a = csr_matrix((np.ones(len(r)), (r, k)), shape=(n_row, n_col))
    sol = linprog(np.concatenate(c), A_ub=a, b_ub=np.concatenate(b),
                  bounds=np.column_stack([np.zeros(n_col), np.concatenate(upper)]), method="highs-ds")
    if sol.status != 0:
        raise ScenarioError(msg("scenario.error.solver", "error", reason=str(sol.message)))
    marg = np.asarray(sol.ineqlin.marginals, dtype=float)
    out = []
    for (cost, _cont, _head, _big, _cand), (gi, qi, c0, r0) in zip(programs, where):
        x = np.zeros(cost.shape)
        x[gi, qi] = np.maximum(sol.x[c0:c0 + len(gi)], 0.0)
        out.append((x, np.maximum(-marg[r0:r0 + cost.shape[1]], 0.0)))
    return out


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


def company_lane_rows(network, routes: Mapping[str, Any] | None = None) -> list[dict]:
    """The company's lanes as :func:`company_hits` and :func:`tariff_shock` take them, from a
    network (facilities and lanes, :class:`geo.network.model.Network`) and the lanes' routes
    (lane id -> route with ``.port``, from :func:`geo.network.exposure.exposure`): one mapping a
    lane with ``lane``, ``from``, ``to``, ``port`` (the crossing: the one assigned or the
    shortest detour; "" when not routed), ``value`` (US$ a year), ``mode``, ``hs`` (HS chapter,
    "" when not known) and the ends' ``*_name``, ``*_type``, ``*_country``, ``*_lon``, ``*_lat``."""
    facs = network.facilities
    out = []
    for ln in network.lanes.values():
        r = routes.get(ln.id) if routes is not None else None
        row = {"lane": ln.id, "from": ln.from_id, "to": ln.to_id, "port": (r.port if r is not None else "") or "",
               "value": ln.value, "mode": ln.mode, "hs": ln.hs_chapter}
        for end, fid in (("from", ln.from_id), ("to", ln.to_id)):
            f = facs.get(fid)
            row.update({f"{end}_name": f.name if f else "", f"{end}_type": f.type if f else "",
                        f"{end}_country": f.country if f else "", f"{end}_lon": f.lon if f else None,
                        f"{end}_lat": f.lat if f else None})
        out.append(row)
    return out


def lane_direction(lane: Mapping) -> str:
    """``import`` (a Mexican facility to a US one), ``export`` (the other way) or ``""``
    (the countries of the ends are not both known)."""
    a, b = str(lane.get("from_country") or ""), str(lane.get("to_country") or "")
    if (a, b) == ("MX", "US"):
        return "import"
    if (a, b) == ("US", "MX"):
        return "export"
    return ""


def _lane_end(lane: Mapping, end: str) -> tuple[float, float] | None:
    lon, lat = lane.get(f"{end}_lon"), lane.get(f"{end}_lat")
    try:
        lon, lat = float(lon), float(lat)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (lon, lat) if math.isfinite(lon) and math.isfinite(lat) else None


def company_hits(result: ScenarioResult, lanes: Iterable[Mapping]) -> list[dict]:
    """The company's lanes that cross at a closed port (``lanes``: mappings with ``lane``,
    ``from``, ``to``, ``port``, ``value``, ``mode``, and optionally the ends' countries and
    positions, see :func:`company_lane_rows`): value at risk over the closure, scaled by the
    share of the port's freight in the lane's direction that no longer fits; of it, the share
    the program rerouted from that port goes through the receiving port that adds the least
    detour from the lane's own origin to its own destination (``via``, ``detour_km``), the rest
    waits; ``extra_km``: the lane's rerouted loaded containers (value ÷ the closed port's value
    per container: trucks, or rail containers) × that detour."""
    closed = set(result.state.closed)
    vias: dict[tuple[str, str, str], dict[str, float]] = {}
    for k in result.links:
        took_ = vias.setdefault((k.origin, k.mode, k.direction), {})
        took_[k.port] = took_.get(k.port, 0.0) + k.containers
    vpc = {(c.port, c.mode): c.value_per_container for c in result.closed_ports}
    names = {r.port: r.name for r in result.reroutes}
    out = []
    for ln in lanes:
        port = str(ln.get("port") or "")
        if port not in closed:
            continue
        mode = _mode_code(ln.get("mode") or "truck") or "5"
        direction = lane_direction(ln) or "import"
        if direction == "import":
            load, after = result.closed_load.get((port, mode), (0.0, 0.0))
            share = (load - after) / load if load else 1.0 - _factor(result.state, port)
        else:
            share = result.lost.get((port, mode, "export"), 1.0 - _factor(result.state, port))
        yearly = float(ln.get("value") or 0.0)
        at_risk = yearly / 365.0 * result.days * share
        took = vias.get((port, mode, direction), {})
        moved = sum(took.values())
        waiting = result.backlog.get((port, mode, direction), (0.0, 0.0))[0]
        r = moved / (moved + waiting) if moved > 0 else 0.0
        via, detour = "", None
        o, d, p0 = _lane_end(ln, "from"), _lane_end(ln, "to"), result.coords.get(port)
        if took:
            if o is not None and d is not None and p0 is not None:
                km = {}
                for q in sorted(took):
                    lon, lat = result.coords[q]
                    km[q] = float(great_circle_km(o[0], o[1], lon, lat) + great_circle_km(lon, lat, d[0], d[1])
                                  - great_circle_km(o[0], o[1], p0[0], p0[1])
                                  - great_circle_km(p0[0], p0[1], d[0], d[1]))
                via = min(km, key=lambda q: (km[q], q))
                detour = km[via]
            else:   # an end without a position: the port that took most of the closed port's freight
                via = max(sorted(took), key=lambda q: took[q])
        rerouted = at_risk * r
        per = vpc.get((port, mode)) or None
        extra = rerouted / per * detour if per and detour is not None else None
        out.append({"lane": str(ln.get("lane", "")), "from": str(ln.get("from", "")), "to": str(ln.get("to", "")),
                    "port": port, "mode": MODES[mode][0], "value_at_risk_usd": at_risk,
                    "direction": direction, "rerouted_value_usd": rerouted, "delayed_value_usd": at_risk - rerouted,
                    "via": via, "via_name": names.get(via, via), "detour_km": detour, "extra_km": extra,
                    "extra_unit": "truck_km" if mode == "5" else "rail_container_km",
                    "from_name": str(ln.get("from_name") or ""), "to_name": str(ln.get("to_name") or ""),
                    "from_type": str(ln.get("from_type") or ""), "to_type": str(ln.get("to_type") or ""),
                    "from_country": str(ln.get("from_country") or ""),
                    "to_country": str(ln.get("to_country") or "")})
    return sorted(out, key=lambda r: (-r["value_at_risk_usd"], r["lane"]))


def company_facilities(rows: Iterable[Mapping], value_key: str = "value_at_risk_usd") -> list[dict]:
    """Value at risk per facility of the company lanes ``rows`` (from :func:`company_hits` or
    :attr:`TariffResult.company`): each lane counts for its origin (``role`` ``from``: the
    supplier side) and its destination (``to``: the customer side); largest first."""
    acc: dict[tuple[str, str], dict] = {}
    for r in rows:
        for role in ("from", "to"):
            fid = str(r.get(role) or "")
            if not fid:
                continue
            a = acc.setdefault((fid, role), {"facility": fid, "name": str(r.get(f"{role}_name") or ""),
                                             "type": str(r.get(f"{role}_type") or ""),
                                             "country": str(r.get(f"{role}_country") or ""), "role": role,
                                             "lanes": 0, "value_at_risk_usd": 0.0, "hs_unknown_value_usd": 0.0})
            a["lanes"] += 1
            a["value_at_risk_usd"] += float(r.get(value_key) or 0.0)
            if r.get("status") == "hs_unknown":
                a["hs_unknown_value_usd"] += float(r.get("value_usd") or 0.0)
    return sorted(acc.values(), key=lambda a: (-a["value_at_risk_usd"], a["role"], a["facility"]))


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
                       value=(f"{value:,.0f}" if unit == "count" else f"{value:g}%" if unit == "pct"
                              else f"+{value:,.0f}")))
    for i, (name, lon, lat, mode, cap) in enumerate(state.new_crossings):
        out.append(msg("scenario.assume.new_crossing", name=name, port=new_crossing_code(i), mode=MODES[mode][0],
                       lon=f"{lon:.4f}", lat=f"{lat:.4f}", capacity=f"{cap:,.0f}",
                       value_usd=round(base.mode_vpc.get(mode, 0.0))))
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
    #: per company lane from a Mexican to a US facility (see :func:`tariff_lanes`), largest first
    company: list[dict] = field(default_factory=list)
    #: per facility of those lanes (see :func:`company_facilities`)
    company_facilities: list[dict] = field(default_factory=list)

    def as_dict(self, word=None) -> dict:
        w = word or (lambda m: m.english())
        return {"period": [format_ym(self.period[0]), format_ym(self.period[1])],
                "tariff_pct": self.state.tariff_pct, "hs_chapters": list(self.state.hs_chapters),
                "usmca_share": self.state.usmca_share, "elasticity": self.state.elasticity,
                "factor": self.factor, "value_usd": self.total_value, "value_at_risk_usd": self.total_at_risk,
                "by": {k: [{"code": str(c), "name": str(n), "value_usd": float(v), "value_at_risk_usd": float(r)}
                           for c, n, v, r in df[["code", "name", "value", "at_risk"]].itertuples(index=False)]
                       for k, df in self.by.items()},
                "company": self.company, "company_facilities": self.company_facilities,
                "assumptions": [w(m) for m in self.assumptions]}


def tariff_factor(tariff_pct: float, usmca_share: float, elasticity: float) -> float:
    """The share of import value at risk: (1 − exempt) × (1 − (1 + t)^−ε) (constant elasticity,
    full pass-through of the tariff to the price)."""
    t = tariff_pct / 100.0
    return (1.0 - usmca_share) * (1.0 - (1.0 + t) ** (-elasticity))


def _chapter(hs) -> str:
    s = str(hs or "").strip()
    digits = s.split(".")[0]
    return digits.zfill(2)[:2] if digits.isdigit() and 0 < int(digits[:2] or 0) <= 99 else ""


def tariff_lanes(state: ScenarioState, lanes: Iterable[Mapping], factor: float | None = None
                 ) -> tuple[list[dict], list[dict], list[Message]]:
    """Value at risk of a tariff per company lane from a Mexican to a US facility (``lanes``:
    see :func:`company_lane_rows`), by the same rule as the public figures: the lane's annual
    value × :func:`tariff_factor` when its HS chapter is covered. ``status``: ``counted``;
    ``not_covered`` (a chapter the tariff leaves out: nothing at risk); ``hs_unknown`` (no HS
    chapter while the tariff covers chosen chapters: listed, not counted); ``no_value`` (no
    annual value). With a tariff on all goods a lane without HS chapter is counted. Returns the
    lanes (largest at risk first), the facilities (:func:`company_facilities`) and the notes."""
    if factor is None:
        factor = tariff_factor(state.tariff_pct, state.usmca_share, state.elasticity)
    chapters = set(state.hs_chapters)
    rows = []
    for ln in lanes:
        if lane_direction(ln) != "import":
            continue
        hs = _chapter(ln.get("hs"))
        value = ln.get("value")
        at_risk: float | None
        if value is None:
            status, at_risk = "no_value", None
        elif not chapters or hs in chapters:
            status, at_risk = "counted", float(value) * factor
        elif not hs:
            status, at_risk = "hs_unknown", None
        else:
            status, at_risk = "not_covered", 0.0
        rows.append({"lane": str(ln.get("lane", "")), "from": str(ln.get("from", "")), "to": str(ln.get("to", "")),
                     "port": str(ln.get("port") or ""), "hs": hs or "HS unknown",
                     "value_usd": None if value is None else float(value), "value_at_risk_usd": at_risk,
                     "status": status, "from_name": str(ln.get("from_name") or ""),
                     "to_name": str(ln.get("to_name") or ""), "from_type": str(ln.get("from_type") or ""),
                     "to_type": str(ln.get("to_type") or ""), "from_country": "MX", "to_country": "US"})
    rows.sort(key=lambda r: (-float(r["value_at_risk_usd"] or 0.0), r["status"] != "counted", str(r["lane"])))
    notes = []
    if rows:
        counted = [r for r in rows if r["status"] == "counted"]
        notes.append(msg("scenario.tariff.company_rule", factor_share=factor,
                         scope=(", ".join(state.hs_chapters) if state.hs_chapters else "all"),
                         count_n=len(counted), value_usd=sum(r["value_usd"] or 0.0 for r in counted)))
        unknown = [r for r in rows if r["status"] == "hs_unknown"]
        if unknown:
            notes.append(msg("scenario.tariff.company_hs_unknown", "warning", count_n=len(unknown),
                             value_usd=sum(r["value_usd"] or 0.0 for r in unknown)))
    return rows, company_facilities(rows), notes


def tariff_shock(store, state: ScenarioState, period: tuple[int, int] | None = None, *,
                 company_lanes: Iterable[Mapping] | None = None) -> TariffResult:
    """Value at risk by US state, port and commodity of a tariff on US imports from Mexico, and
    per company lane and facility when ``company_lanes`` are given (:func:`tariff_lanes`)."""
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
    res = TariffResult(state, (lo, hi), factor, total, total * factor, by, notes)
    if company_lanes is not None:
        res.company, res.company_facilities, more = tariff_lanes(state, company_lanes, factor)
        res.assumptions.extend(more)
    return res


# -- the results as tables ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResultTable:
    """One table of a scenario's results: ``columns`` (name, unit) with unit usd | usd_days |
    count | per_month (loaded containers a month) | km | days | share | number | text; ``rows``
    of plain values (None: not known or not applicable)."""

    key: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict]:
        names = [c for c, _u in self.columns]
        return [dict(zip(names, r)) for r in self.rows]


#: the tables :func:`results_tables` makes, in order
RESULT_TABLES = ("summary", "receiving", "closed", "links", "tariff_us_state", "tariff_port", "tariff_commodity",
                 "company", "company_facilities", "tariff_company", "tariff_company_facilities")


def results_tables(closure: ScenarioResult | None, tariff: TariffResult | None = None) -> list[ResultTable]:
    """The results of a scenario as tables of plain values (what an export writes and
    ``frontera scenario --format csv`` prints): the key figures (``summary``); per receiving port
    the value rerouted, load, capacity and load ÷ capacity (``receiving``); per closed port and
    mode the value affected, rerouted, delayed, value-days and days to clear (``closed``); the
    freight moved from each closed port to each receiving port (``links``); the tariff's value at
    risk by US state, port and commodity (``tariff_*``); the company lanes hit and their
    facilities (``company``, ``company_facilities``) and the tariff per company lane and facility
    (``tariff_company``, ``tariff_company_facilities``). Tables without rows are left out, except
    the summary. The figures are the results' own."""
    out: list[ResultTable] = []
    summary: list[tuple] = []
    if closure is not None:
        summary += [("affected_value", closure.affected_value, "usd"),
                    ("rerouted_value", closure.rerouted_value, "usd"),
                    ("delayed_value", closure.delayed_value, "usd"),
                    ("value_days", closure.value_days, "usd_days"),
                    ("days_to_clear", closure.days_to_clear, "days"),
                    ("extra_truck_km", closure.extra_truck_km, "km"),
                    ("extra_rail_container_km", closure.extra_rail_km, "km")]
    if tariff is not None:
        summary += [("tariff_value", tariff.total_value, "usd"), ("tariff_value_at_risk", tariff.total_at_risk, "usd"),
                    ("tariff_factor", tariff.factor, "share")]
    out.append(ResultTable("summary", (("figure", "text"), ("value", "number"), ("unit", "text")),
                           tuple((k, None if v is None else float(v), u) for k, v, u in summary)))

    def add(key: str, columns: tuple[tuple[str, str], ...], rows: list[tuple]) -> None:
        if rows:
            out.append(ResultTable(key, columns, tuple(rows)))

    if closure is not None:
        add("receiving", (("port", "text"), ("name", "text"), ("mode", "text"), ("value_rerouted", "usd"),
                          ("containers_rerouted", "count"), ("load", "per_month"), ("predicted_load", "per_month"),
                          ("capacity", "per_month"), ("load_share_of_capacity", "share")),
            [(r.port, r.name, MODES[r.mode][0], float(r.value), float(r.containers), float(r.load),
              float(r.predicted_load), float(r.capacity),
              float(r.predicted_load) / r.capacity if r.capacity > 0 else None) for r in closure.reroutes])
        add("closed", (("port", "text"), ("name", "text"), ("mode", "text"), ("value_affected", "usd"),
                       ("value_rerouted", "usd"), ("value_delayed", "usd"), ("value_days", "usd_days"),
                       ("days_to_clear", "days"), ("load", "per_month"), ("predicted_load", "per_month"),
                       ("capacity", "per_month"), ("kept_share", "share")),
            [(c.port, c.name, MODES[c.mode][0], c.affected_value, c.rerouted_value, c.delayed_value, c.value_days,
              c.days_to_clear, c.load, c.predicted_load, c.capacity, c.kept_share) for c in closure.closed_ports])
        add("links", (("from_port", "text"), ("port", "text"), ("mode", "text"), ("direction", "text"),
                      ("value_rerouted", "usd"), ("containers_rerouted", "count"), ("extra_km", "km")),
            [(k.origin, k.port, MODES[k.mode][0], k.direction, k.value, k.containers, k.extra_km)
             for k in closure.links])
    if tariff is not None:
        for by in ("us_state", "port", "commodity"):
            df = tariff.by.get(by)
            if df is not None:
                add(f"tariff_{by}", (("code", "text"), ("name", "text"), ("value", "usd"), ("value_at_risk", "usd")),
                    [(str(c), str(n), float(v), float(x))
                     for c, n, v, x in df[["code", "name", "value", "at_risk"]].itertuples(index=False)])
    facility_cols = (("facility", "text"), ("name", "text"), ("type", "text"), ("country", "text"), ("role", "text"),
                     ("lanes", "count"), ("value_at_risk", "usd"))
    if closure is not None:
        add("company", (("lane", "text"), ("from", "text"), ("to", "text"), ("port", "text"), ("mode", "text"),
                        ("direction", "text"), ("value_at_risk", "usd"), ("value_rerouted", "usd"),
                        ("value_delayed", "usd"), ("via_port", "text"), ("detour_km", "km"), ("extra_km", "km")),
            [(c["lane"], c["from"], c["to"], c["port"], c["mode"], c.get("direction", ""),
              float(c["value_at_risk_usd"]), c.get("rerouted_value_usd"), c.get("delayed_value_usd"),
              c.get("via", ""), c.get("detour_km"), c.get("extra_km")) for c in closure.company])
        add("company_facilities", facility_cols,
            [(f["facility"], f["name"], f["type"], f["country"], f["role"], f["lanes"], f["value_at_risk_usd"])
             for f in company_facilities(closure.company)])
    if tariff is not None:
        add("tariff_company", (("lane", "text"), ("from", "text"), ("to", "text"), ("port", "text"), ("hs", "text"),
                               ("value", "usd"), ("value_at_risk", "usd"), ("status", "text")),
            [(c["lane"], c["from"], c["to"], c["port"], c["hs"], c["value_usd"], c["value_at_risk_usd"], c["status"])
             for c in tariff.company])
        add("tariff_company_facilities", (*facility_cols, ("hs_unknown_value", "usd")),
            [(f["facility"], f["name"], f["type"], f["country"], f["role"], f["lanes"], f["value_at_risk_usd"],
              f["hs_unknown_value_usd"]) for f in tariff.company_facilities])
    return out


def results_assumptions(closure: ScenarioResult | None, tariff: TariffResult | None = None) -> list[Message]:
    """Every assumption of the closure and of the tariff, once each, in order."""
    out: list[Message] = []
    for m in [*(closure.assumptions if closure is not None else ()), *(tariff.assumptions if tariff else ())]:
        if m not in out:
            out.append(m)
    return out


def _cell(v, unit: str) -> str:
    if v is None:
        return ""
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        return str(v)
    v = float(v)
    if not math.isfinite(v):
        return "inf" if v > 0 else "-inf" if v < 0 else ""
    if unit in ("usd", "usd_days"):
        return f"{v:.2f}"
    if unit in ("km", "count", "per_month", "days"):
        return f"{v:.3f}"
    return f"{v:.6f}" if unit == "share" else f"{v:.6g}"


def results_rows(closure: ScenarioResult | None, tariff: TariffResult | None = None,
                 word: Callable[[Message], str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The results as ONE rectangular table of text cells (header, rows): a ``section`` column
    (the table's key, or ``assumption``), then every column of :func:`results_tables` once, in
    order of appearance; numbers written plainly (US$ to the cent, shares to 6 decimals)."""
    tables = results_tables(closure, tariff)
    header = ["section"]
    for t in tables:
        for c, _u in t.columns:
            if c not in header:
                header.append(c)
    header.append("text")
    at = {c: i for i, c in enumerate(header)}
    rows = []
    for t in tables:
        names = [c for c, _u in t.columns]
        for r in t.rows:
            line = [""] * len(header)
            line[0] = t.key
            for (c, u), v in zip(t.columns, r):
                if u == "number" and "unit" in names:   # the summary: each figure in its own unit
                    u = str(r[names.index("unit")])
                line[at[c]] = _cell(v, u)
            rows.append(line)
    w = word or (lambda m: m.english())
    for m in results_assumptions(closure, tariff):
        line = [""] * len(header)
        line[0], line[-1] = "assumption", w(m)
        rows.append(line)
    return header, rows


def results_csv(closure: ScenarioResult | None, tariff: TariffResult | None = None,
                word: Callable[[Message], str] | None = None) -> str:
    """:func:`results_rows` as CSV text (what ``frontera scenario --format csv`` prints)."""
    header, rows = results_rows(closure, tariff, word)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(header)
    out.writerows(rows)
    return buf.getvalue()


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
