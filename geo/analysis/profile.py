"""Drill-down profiles: one model of a feature's story, three faces (the panel shows it,
exports write it, ``frontera profile`` prints it).

A profile is computed from the store for the session's filter (:func:`build_profile`) in two
stages, so the panel can paint the header at once and the charts a moment later:

- the **header** (:func:`profile_header`): name, kind, breadcrumb, key figures (value in the
  period, change on a year earlier, 5-year change, share of the corridor, rank among its
  peers), the plain sentence as a :class:`~geo.core.messages.Message`, and the caveats;
- the **details** (:func:`add_details`): the time series (monthly where held, annual
  otherwise), top commodities, mode split, counterpart ports or states, border crossings
  and value per loaded truck for ports, parks and RETC facilities by sector and INEGI
  exports for Mexican states and zones, zones near a port or seaport, harbour facts. A panel
  takes the first screenful ahead of the rest: the trade series (:func:`trade_series`, from the
  header's monthly answer, no query) and the top commodities (:func:`first_breakdowns`, one
  query); :func:`add_details` reuses them.

Every figure, series and breakdown names its source and the months it used
(:class:`SourceRef`, read from the query plan the store attaches to its answers, so tables
the store's planner adds later - the annual summary tables - arrive here by themselves).
Where the store holds no data for the period, a figure or chart is marked not held and
names the nearest period that is (:func:`nearest_held`). Figures that belong to a zone's
state are labelled as the state's (``owner``), never passed off as the zone's.

Kinds and ids: ``port`` (CBP port code, ``2304``), ``us-state`` (``TX``), ``mx-state``
(``NL``), ``seaport`` (UN/LOCODE, ``MXZLO``), ``zone`` (industrial park or cluster id of
``data/industrial_zones.csv``, ``cluster-monterrey``), ``corridor`` (``MX``: the US-Mexico
border, ``CA``: the US-Canada border).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from geo.core.messages import Message, MessageError, msg
from geo.core.periods import add_months, format_ym, ym_range
from geo.data import profile_sources as sources
from geo.data.codes import code_tables
from geo.query import TABLE_TITLES, NotAnswerableError, TradeFilter, candidate_tables
from geo.query.coverage import KNOWN_GAPS

KINDS = ("us-state", "mx-state", "port", "seaport", "zone", "corridor")
#: map layer -> profile kind (states split by country)
LAYER_KINDS = {"ports": "port", "crossings": "port", "seaports": "seaport", "industrial_parks": "zone",
               "clusters": "zone"}
#: border crossing measures a port profile shows, in order
CROSSING_MEASURES = ("Trucks", "Truck Containers Loaded", "Rail Containers Loaded", "Trains")
#: default distance for "zones near a port or seaport"
NEAR_KM = 100.0
TOP_N = 10
_UNKNOWN_STATES = {"", "XX", "OT", "DU"}
_KIND_KEY = {"us-state": "us_state", "mx-state": "mx_state", "port": "port", "seaport": "seaport",
             "zone": "zone", "corridor": "corridor"}
_SOURCE_CROSSINGS = "BTS Border Crossing/Entry Data"
#: store caveats a profile words per figure or chart instead ("not held for this period")
_OWN_NOTES = {"no_data", "coverage"}

Ref = tuple[str, str]


class ProfileError(MessageError):
    """A profile cannot be made (unknown kind or id); :attr:`message` words why."""


# -- what a figure says about its source ---------------------------------------------------------
@dataclass(frozen=True)
class SourceRef:
    """Which source a figure used and over which months (empty for undated tables)."""

    source: str
    months: tuple[int, ...] = ()
    vintage: str = ""          # e.g. "2022" for RETC, "2018" for INEGI

    @property
    def period(self) -> tuple[int, int] | None:
        return (self.months[0], self.months[-1]) if self.months else None

    def label(self) -> str:
        """``'DOT3 (port x commodity), 2021-01..2021-12 (12 months)'``."""
        if self.months:
            lo, hi = self.months[0], self.months[-1]
            span = format_ym(lo) + (f"..{format_ym(hi)}" if hi != lo else "")
            n = len(self.months)
            return f"{self.source}, {span} ({n} month{'s' if n != 1 else ''})"
        return f"{self.source}{', ' + self.vintage if self.vintage else ''}"

    def short(self) -> str:
        """Compact: ``'DOT3 · 2021-01..2021-12'``, ``'Crossings · 2021-01..2021-12'``, ``'RETC 2022'``."""
        src = self.source.replace("BTS TransBorder ", "").replace(" + ", "+")
        for long, short in ((" (US state x port)", ""), (" (US state x commodity)", ""), (" (port x commodity)", ""),
                            ("BTS Border Crossing/Entry Data", "Crossings"), ("(imports by truck) ÷ Crossings",
                                                                              "imports by truck ÷ crossings")):
            src = src.replace(long, short)
        if self.months:
            lo, hi = self.months[0], self.months[-1]
            n = len(self.months)
            span = format_ym(lo) + (f"..{format_ym(hi)}" if hi != lo else "")
            full = len(ym_range(lo, hi))
            return f"{src} · {span}" + (f" ({n} of {full} months)" if n != full else "")
        return f"{src}{' ' + self.vintage if self.vintage else ''}"

    def as_dict(self) -> dict:
        p = self.period
        return {"source": self.source, "period": [format_ym(p[0]), format_ym(p[1])] if p else None,
                "months": len(self.months), "vintage": self.vintage, "label": self.label()}


def _plan_source(plan: Mapping | None) -> SourceRef:
    """The source of an answer from the plan the store attached (``df.attrs['plan']``)."""
    if not plan:
        return SourceRef("BTS TransBorder")
    by_table = {t: list(v) for t, v in (plan.get("months_by_table") or {}).items() if v}
    names = " + ".join(f"BTS TransBorder {TABLE_TITLES.get(t, t)}" for t in by_table) or "BTS TransBorder"
    months = sorted({int(m) for v in by_table.values() for m in v})
    return SourceRef(names, tuple(months))


def _plan_months(plan: Mapping | None) -> set[int]:
    if not plan:
        return set()
    out: set[int] = set()
    for v in (plan.get("months_by_table") or {}).values():
        for m in v:
            m = int(m)
            out.update(ym_range(m * 100 + 1, m * 100 + 12) if m < 10000 else (m,))  # an annual table's year
    return out


# -- the parts of a profile --------------------------------------------------------------------------
@dataclass(frozen=True)
class Crumb:
    label: Message
    ref: Ref | None = None     # what clicking it opens


@dataclass(frozen=True)
class Figure:
    """One key figure. ``unit``: usd | change | share | rank | count | usd_per | text.
    ``owner``: empty when the figure is the feature's, else whose it is (a zone's state)."""

    key: str
    label: Message
    value: float | None
    unit: str
    display: Message
    source: SourceRef
    note: Message | None = None
    of: int | None = None
    owner: str = ""

    def as_dict(self, word: Callable[[Any], str]) -> dict:
        return {"key": self.key, "label": word(self.label), "value": self.value, "of": self.of,
                "unit": self.unit, "text": word(self.display), "owner": self.owner,
                "source": self.source.as_dict(), "note": word(self.note) if self.note else None}


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    value: float
    share: float | None = None
    detail: str = ""


@dataclass(frozen=True)
class Breakdown:
    """A ranked table (a bar chart on screen). ``link``: the filter field a click on a row
    sets (``commodities``, ``modes``) or the profile kind it opens (``open:port``)."""

    key: str
    title: Message
    unit: str
    rows: tuple[Row, ...]
    source: SourceRef
    held: bool = True
    note: Message | None = None
    nearest: tuple[int, int] | None = None
    link: str | None = None
    owner: str = ""
    total: float | None = None

    def as_dict(self, word: Callable[[Any], str]) -> dict:
        return {"key": self.key, "title": word(self.title), "unit": self.unit, "held": self.held,
                "owner": self.owner, "link": self.link, "total": self.total,
                "note": word(self.note) if self.note else None,
                "nearest": [format_ym(self.nearest[0]), format_ym(self.nearest[1])] if self.nearest else None,
                "source": self.source.as_dict(),
                "rows": [{"code": r.code, "name": r.name, "value": r.value, "share": r.share,
                          "detail": r.detail} for r in self.rows]}


@dataclass(frozen=True)
class Series:
    """A time series: ``x`` months (``YYYYMM``) or years; ``partial`` marks years whose
    months are not all held. ``period`` is the filter's period, drawn as a band."""

    key: str
    title: Message
    unit: str
    granularity: str
    x: tuple[int, ...]
    y: tuple[float, ...]
    source: SourceRef
    partial: tuple[bool, ...] = ()
    held: bool = True
    note: Message | None = None
    period: tuple[int, int] | None = None
    owner: str = ""

    def as_dict(self, word: Callable[[Any], str]) -> dict:
        return {"key": self.key, "title": word(self.title), "unit": self.unit, "granularity": self.granularity,
                "held": self.held, "owner": self.owner, "note": word(self.note) if self.note else None,
                "source": self.source.as_dict(),
                "points": [{"x": format_ym(x) if self.granularity == "month" else x, "y": y,
                            **({"partial": p} if self.partial else {})}
                           for x, y, p in zip(self.x, self.y, self.partial or (False,) * len(self.x))]}


@dataclass(frozen=True)
class ValuePerTruck:
    """Import truck value ÷ inbound loaded truck containers, same port and months."""

    port: str
    value_usd: int
    containers: int
    months: tuple[int, ...]
    by_month: tuple[tuple[int, int, int], ...] = ()   # (ym, value, containers)

    @property
    def per_container(self) -> float | None:
        return self.value_usd / self.containers if self.containers else None


@dataclass
class Profile:
    kind: str
    id: str
    name: str
    kind_label: Message
    breadcrumb: tuple[Crumb, ...]
    filter: TradeFilter
    figures: list[Figure] = field(default_factory=list)
    sentence: Message | None = None
    series: list[Series] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    caveats: list[Message] = field(default_factory=list)
    membership: Message | None = None
    details: bool = False
    lon: float | None = None
    lat: float | None = None
    #: what the details stage continues from (the store, the filters, caveats so far)
    ctx: Any = field(default=None, repr=False, compare=False)

    @property
    def ref(self) -> Ref:
        return (self.kind, self.id)

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def breakdown(self, key: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.key == key), None)

    def get_series(self, key: str) -> Series | None:
        return next((s for s in self.series if s.key == key), None)

    def as_dict(self, word: Callable[[Any], str] | None = None) -> dict:
        """Plain JSON data; messages worded by ``word`` (English without it)."""
        w = word or (lambda m: m.english() if isinstance(m, Message) else ("" if m is None else str(m)))
        f = self.filter
        return {
            "kind": self.kind, "id": self.id, "name": self.name, "kind_label": w(self.kind_label),
            "breadcrumb": [w(c.label) for c in self.breadcrumb],
            "filter": {"period": [format_ym(f.period[0]), format_ym(f.period[1])] if f.period else None,
                       "trade_type": f.trade_type, "country": f.country, "modes": list(f.modes),
                       "commodities": list(f.commodities), "ports": list(f.ports),
                       "us_states": list(f.us_states), "mx_states": list(f.mx_states)},
            "sentence": w(self.sentence) if self.sentence else None,
            "membership": w(self.membership) if self.membership else None,
            "figures": [x.as_dict(w) for x in self.figures],
            "series": [s.as_dict(w) for s in self.series],
            "breakdowns": [b.as_dict(w) for b in self.breakdowns],
            "caveats": [w(c) for c in self.caveats],
        }

    def table_rows(self, word: Callable[[Any], str] | None = None) -> list[dict]:
        """Every figure, breakdown row and series point as one long table (CSV): ``section,
        key, label, code, name, period, value, unit, share, owner, source, note``."""
        d = self.as_dict(word)
        out: list[dict] = []

        def add(section, key, label, code, name, period, value, unit, share, owner, source, note):
            out.append({"section": section, "key": key, "label": label, "code": code, "name": name,
                        "period": period, "value": value, "unit": unit, "share": share, "owner": owner,
                        "source": source, "note": note or ""})

        for x in d["figures"]:
            src = x["source"]
            per = "..".join(src["period"]) if src["period"] else src["vintage"]
            add("figure", x["key"], x["label"], "", x["text"], per, x["value"], x["unit"], "", x["owner"],
                src["source"], x["note"])
        for b in d["breakdowns"]:
            src = b["source"]
            per = "..".join(src["period"]) if src["period"] else src["vintage"]
            if not b["rows"]:
                add("breakdown", b["key"], b["title"], "", "", per, "", b["unit"], "", b["owner"], src["source"],
                    b["note"])
            for r in b["rows"]:
                add("breakdown", b["key"], b["title"], r["code"], r["name"], per, r["value"], b["unit"],
                    r["share"] if r["share"] is not None else "", b["owner"], src["source"], r["detail"] or b["note"])
        for s in d["series"]:
            for p in s["points"]:
                add("series", s["key"], s["title"], "", "", p["x"], p["y"], s["unit"], "", s["owner"],
                    s["source"]["source"], "partial year" if p.get("partial") else "")
        return out


# -- features ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Feature:
    kind: str
    id: str
    name: str
    country: str                 # US | MX | CA | "" (corridor)
    state_code: str = ""         # the state a point feature lies in ("" when unknown)
    state_codes: tuple[str, ...] = ()   # a cluster may span states
    lon: float | None = None
    lat: float | None = None
    row: Mapping[str, Any] = field(default_factory=dict)


def _num(v) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def normalise_kind(kind: str) -> str:
    k = str(kind).strip().lower().replace("_", "-")
    k = {"state": "us-state", "usstate": "us-state", "mexstate": "mx-state", "mexican-state": "mx-state",
         "industrial-zone": "zone", "park": "zone", "cluster": "zone", "border": "corridor"}.get(k, k)
    if k not in KINDS:
        raise ProfileError(msg("profile.error.kind", "error", kind=str(kind), kinds_list=list(KINDS)))
    return k


def resolve(ref: Ref) -> Feature:
    """The feature a (kind, id) names; :class:`ProfileError` when there is none."""
    kind = normalise_kind(ref[0])
    fid = str(ref[1]).strip()
    ct = code_tables()
    bad = ProfileError(msg("profile.error.id", "error", kind=kind, id=fid))
    if kind == "corridor":
        c = fid.upper()
        c = {"MEXICO": "MX", "CANADA": "CA"}.get(c, c)
        if c not in ("MX", "CA"):
            raise bad
        return Feature(kind, c, msg(f"profile.name.corridor.{c}").english(), "")
    if kind in ("us-state", "mx-state"):
        dim = _KIND_KEY[kind]
        code = fid.upper()
        if dim == "mx_state":
            code = ct.canonical_mx_state(code) if ct.is_known(dim, code) else code
        if not ct.is_known(dim, code) or code in _UNKNOWN_STATES:
            raise bad
        return Feature(kind, code, ct.name(dim, code), "US" if kind == "us-state" else "MX", code, (code,))
    if kind == "port":
        code = fid.zfill(4) if fid.isdigit() else fid.upper()
        ports = sources.ports_of_entry()
        hit = ports[ports["port_code"] == code]
        if len(hit):
            r = hit.iloc[0]
            return Feature(kind, code, str(r["name"]), "US", str(r["state_code"]), (str(r["state_code"]),),
                           _num(r["lon"]), _num(r["lat"]), dict(r))
        if not ct.is_known("port", code):
            raise bad
        return Feature(kind, code, ct.name("port", code), "US")
    if kind == "seaport":
        sp = sources.seaports()
        hit = sp[sp["unlocode"].str.upper() == fid.upper()]
        if not len(hit):
            raise bad
        r = hit.iloc[0]
        return Feature(kind, str(r["unlocode"]), str(r["name"]), str(r["country"]), "", (),
                       _num(r["lon"]), _num(r["lat"]), dict(r))
    zones = sources.industrial_zones()
    hit = zones[zones["zone_id"] == fid]
    if not len(hit):
        hit = zones[zones["name"] == fid]     # the map's stable id for a zone is its name
    if not len(hit):
        raise bad
    r = hit.iloc[0]
    codes = tuple(c.strip() for c in str(r["state_code"]).split(";") if c.strip())
    return Feature(kind, str(r["zone_id"]), str(r["name"]), "MX", codes[0] if len(codes) == 1 else "", codes,
                   _num(r["lon"]), _num(r["lat"]), dict(r))


def ref_for_hit(content, hit) -> Ref | None:
    """What a map hit opens: ``("port", "2304")``, ``("mx-state", "NL")``, ``("zone", id)``…;
    None for a city, a Canadian province or empty space."""
    if hit is None:
        return None
    layer = content.layers[hit.layer_id]
    row = layer.data.iloc[hit.index]
    if hit.layer_id == "states":
        country = str(row.get("country", ""))
        if country in ("US", "MX"):
            return ("us-state" if country == "US" else "mx-state", str(row["code"]))
        return ("corridor", "CA") if country == "CA" else None
    kind = LAYER_KINDS.get(hit.layer_id)
    if kind == "port":
        return ("port", str(row["port_code"]))
    if kind == "seaport":
        return ("seaport", str(row["unlocode"])) if str(row.get("unlocode", "")) else None
    if kind == "zone":
        return ("zone", str(row.get("zone_id") or row["name"]))
    return None


def layer_for_ref(ref: Ref) -> tuple[str, str] | None:
    """The map layer and feature id that show a profile's feature (for the map selection)."""
    kind, fid = ref
    if kind == "port":
        return ("ports", fid)
    if kind in ("us-state", "mx-state"):
        return ("states", f"{'US' if kind == 'us-state' else 'MX'}-{fid}")
    if kind == "seaport":
        return ("seaports", fid)
    if kind == "zone":
        try:
            feat = resolve(ref)
        except ProfileError:
            return None
        layer = "clusters" if str(feat.row.get("kind")) == "cluster" else "industrial_parks"
        return (layer, feat.name)
    return None


# -- periods and messages ------------------------------------------------------------------------------
def _whole_years(lo: int, hi: int) -> bool:
    return lo % 100 == 1 and hi % 100 == 12


def period_phrase(period: tuple[int, int] | None) -> Message:
    """``in 2021`` / ``in 2020–2021`` / ``in Mar 2021`` / ``from Jan 2021 to Jun 2021``."""
    if not period:
        return msg("profile.period.all")
    lo, hi = period
    if _whole_years(lo, hi):
        return (msg("profile.period.year", year=str(lo // 100)) if lo // 100 == hi // 100
                else msg("profile.period.years", lo=str(lo // 100), hi=str(hi // 100)))
    return msg("profile.period.month", month_ym=lo) if lo == hi else msg("profile.period.range", lo_ym=lo, hi_ym=hi)


def period_name(period: tuple[int, int] | None) -> Message:
    """The bare period: ``2021`` / ``2020–2021`` / ``Mar 2021`` / ``Jan 2021 – Jun 2021``."""
    if not period:
        return msg("profile.when.all")
    lo, hi = period
    if _whole_years(lo, hi):
        return (msg("profile.when.year", year=str(lo // 100)) if lo // 100 == hi // 100
                else msg("profile.when.years", lo=str(lo // 100), hi=str(hi // 100)))
    return msg("profile.when.month", month_ym=lo) if lo == hi else msg("profile.when.range", lo_ym=lo, hi_ym=hi)


def flow_message(f: TradeFilter) -> Message:
    direction = f.trade_type or "both"
    partner = f.country or "both"
    base = msg(f"profile.flow.{direction}.{partner}")
    ct = code_tables()
    if f.modes:
        base = msg("profile.flow_modes", flow_msg=base, modes_list=[ct.name("mode", m).lower() for m in f.modes])
    if f.commodities:
        base = msg("profile.flow_commodities", flow_msg=base, codes_list=list(f.commodities))
    return base


def _shift(period: tuple[int, int], months: int) -> tuple[int, int]:
    return (add_months(period[0], months), add_months(period[1], months))


# -- the store's answers ---------------------------------------------------------------------------
def _store_months(periods: Mapping[str, Sequence[int]]) -> list[int]:
    return sorted({int(m) for k, v in periods.items() if k != "crossings" for m in v})


def _resolve_period(periods: Mapping[str, Sequence[int]], f: TradeFilter) -> tuple[int, int] | None:
    """The filter's period with open ends closed on the store's own months."""
    months = _store_months(periods)
    if not months:
        return f.period
    if not f.period:
        return (months[0], months[-1])
    lo, hi = f.period
    return (max(lo, months[0]) if lo <= 190001 else lo, min(hi, months[-1]) if hi >= 220012 else hi)


def nearest_held(store, needed: Iterable[str], period: tuple[int, int] | None,
                 extra_tables: Sequence[str] = (), periods: Mapping[str, Sequence[int]] | None = None
                 ) -> tuple[int, int] | None:
    """The held period nearest to ``period`` for a query needing ``needed`` dimensions: a run
    of consecutive months the candidate tables hold, as long as the period at most."""
    try:
        tables = list(candidate_tables(needed)) + list(extra_tables)
    except NotAnswerableError:
        return None
    periods = periods if periods is not None else store.available_periods()
    held = sorted({int(m) for t in tables for m in periods.get(t, ())})
    if not held:
        return None
    if not period:
        return (held[0], held[-1])
    lo, hi = period
    n = len(ym_range(lo, hi))
    idx = lambda m: (m // 100) * 12 + m % 100  # noqa: E731
    outside = [m for m in held if m < lo or m > hi]
    if not outside:
        return None
    best = min(outside, key=lambda m: (idx(lo) - idx(m)) if m < lo else (idx(m) - idx(hi)) + 0.5)
    hs = set(held)
    run = [best]
    step = -1 if best < lo else 1     # grow away from the period
    while len(run) < n and add_months(run[-1], step) in hs:
        run.append(add_months(run[-1], step))
    return (min(run), max(run))


def _breakdown(store, f: TradeFilter, by: str) -> pd.DataFrame | None:
    try:
        return store.breakdown(f, by)
    except NotAnswerableError:
        return None


@dataclass
class _Ctx:
    """What the stages share: the store, the feature, filters and collected caveats."""

    store: Any
    feat: Feature
    f: TradeFilter               # the session's filter (period closed on the store's months)
    ff: TradeFilter | None       # the filter restricted to the feature (None: no trade figures)
    base: TradeFilter | None     # the peers' filter (the feature's restriction removed)
    peer_by: str | None
    owner: str = ""              # whose trade figures these are when not the feature's
    caveats: list[Message] = field(default_factory=list)
    monthly: dict[int, float] = field(default_factory=dict)
    monthly_held: set[int] = field(default_factory=set)
    monthly_source: SourceRef = field(default_factory=lambda: SourceRef("BTS TransBorder"))
    #: the monthly answer as it came: (month, value) in month order, and its plan
    monthly_rows: list[tuple[int, int]] = field(default_factory=list)
    monthly_plan: Mapping | None = None
    near_km: float = NEAR_KM
    periods: Mapping[str, Sequence[int]] = field(default_factory=dict)
    trade_series: list[Series] | None = None
    #: breakdowns computed ahead of :func:`add_details` (:func:`first_breakdowns`), by key
    early: dict[str, Breakdown] = field(default_factory=dict)
    #: (code, params) of each caveat, to keep one of each (a Message compares by both)
    caveat_keys: list[tuple[str, dict]] = field(default_factory=list, repr=False)

    def caveat(self, m: Message | None) -> None:
        if m is None:
            return
        key = (m.code, m.as_dict()["params"])
        if key not in self.caveat_keys:
            self.caveat_keys.append(key)
            self.caveats.append(m)

    def caveats_of(self, df: pd.DataFrame | None) -> None:
        """The caveats of a store answer, less those each chart and figure says itself."""
        if df is not None:
            for c in df.attrs.get("caveats", []):
                if c.code not in _OWN_NOTES:
                    self.caveat(c.message)


def _trade_filters(feat: Feature, f: TradeFilter) -> tuple[TradeFilter | None, TradeFilter | None, str | None, str]:
    """(feature filter, peers filter, peers breakdown, owner) for a feature."""
    k = feat.kind
    if k == "port":
        return f.replace(ports=(feat.id,)), f.replace(ports=()), "port", ""
    if k == "us-state":
        return f.replace(us_states=(feat.id,)), f.replace(us_states=()), "us_state", ""
    if k in ("mx-state", "zone"):
        codes = feat.state_codes
        if not codes:
            return None, None, None, ""
        g = f.replace(country="MX", trade_type=f.trade_type or "export")
        owner = "" if k == "mx-state" else ", ".join(code_tables().name("mx_state", c) for c in codes)
        return g.replace(mx_states=codes), g.replace(mx_states=()), "mx_state", owner
    if k == "corridor":
        g = f.replace(country=feat.id, ports=(), us_states=(), mx_states=() if feat.id == "MX" else f.mx_states)
        return g, g.replace(country=None, mx_states=()), "country", ""
    return None, None, None, ""


# -- header ------------------------------------------------------------------------------------------
def _kind_label(feat: Feature) -> Message:
    if feat.kind == "zone":
        return msg("profile.kind.cluster" if str(feat.row.get("kind")) == "cluster" else "profile.kind.park")
    if feat.kind == "seaport":
        return msg("profile.kind.seaport_mx" if feat.country == "MX" else "profile.kind.seaport_us")
    return msg("profile.kind." + _KIND_KEY[feat.kind])


def _breadcrumb(feat: Feature) -> tuple[Crumb, ...]:
    ct = code_tables()
    na = Crumb(msg("profile.crumb.na"))
    if feat.kind == "corridor":
        return (na, Crumb(msg(f"profile.name.corridor.{feat.id}"), ("corridor", feat.id)))
    if feat.kind == "us-state":
        return (na, Crumb(msg("profile.crumb.US")),
                Crumb(msg("profile.crumb.name", name=feat.name), ("us-state", feat.id)))
    if feat.kind == "mx-state":
        return (na, Crumb(msg("profile.crumb.MX"), ("corridor", "MX")),
                Crumb(msg("profile.crumb.name", name=feat.name), ("mx-state", feat.id)))
    if feat.kind == "port":
        crumbs = [na, Crumb(msg("profile.crumb.US")), Crumb(msg("profile.name.corridor.MX"), ("corridor", "MX"))]
        if feat.state_code:
            crumbs.append(Crumb(msg("profile.crumb.name", name=ct.name("us_state", feat.state_code)),
                                ("us-state", feat.state_code)))
        crumbs.append(Crumb(msg("profile.crumb.name", name=feat.name), ("port", feat.id)))
        return tuple(crumbs)
    if feat.kind == "seaport":
        country = feat.country if feat.country in ("US", "MX") else ""
        crumbs = [na] + ([Crumb(msg(f"profile.crumb.{country}"), ("corridor", "MX") if country == "MX" else None)]
                         if country else [])
        coast = str(feat.row.get("coast", ""))
        if coast:
            crumbs.append(Crumb(msg("profile.crumb.coast", coast=coast)))
        crumbs.append(Crumb(msg("profile.crumb.name", name=feat.name), ("seaport", feat.id)))
        return tuple(crumbs)
    crumbs = [na, Crumb(msg("profile.crumb.MX"), ("corridor", "MX"))]
    for c in feat.state_codes:
        crumbs.append(Crumb(msg("profile.crumb.name", name=ct.name("mx_state", c)), ("mx-state", c)))
    cluster = str(feat.row.get("cluster", ""))
    if str(feat.row.get("kind")) == "park" and cluster:
        zones = sources.industrial_zones()
        cl = zones[zones["zone_id"] == cluster]
        if len(cl):
            crumbs.append(Crumb(msg("profile.crumb.name", name=str(cl.iloc[0]["name"])), ("zone", cluster)))
    crumbs.append(Crumb(msg("profile.crumb.name", name=feat.name), ("zone", feat.id)))
    return tuple(crumbs)


def _fig_none(key: str, label: Message, unit: str, source: SourceRef, note: Message | None, owner: str = "") -> Figure:
    return Figure(key, label, None, unit, msg("profile.show.none"), source, note, None, owner)


def _not_held_note(ctx: _Ctx, needed: Iterable[str], period, extra: Sequence[str] = ()) -> tuple[Message, tuple | None]:
    near = nearest_held(ctx.store, needed, period, extra, ctx.periods)
    if near:
        return msg("profile.note.not_held", period_msg=period_name(period), near_msg=period_name(near)), near
    return msg("profile.note.not_held_none", period_msg=period_name(period)), None


def _peers(ctx: _Ctx) -> tuple[list[Figure], dict]:
    """Value, share of the corridor and rank from one breakdown of the peers (the same plan,
    so the feature, its peers and the corridor total cover the same months and table)."""
    feat, f = ctx.feat, ctx.f
    out: list[Figure] = []
    info: dict = {}
    if ctx.base is None or ctx.peer_by is None:
        return out, info
    df = _breakdown(ctx.store, ctx.base, ctx.peer_by)
    ctx.caveats_of(df)
    plan = df.attrs.get("plan") if df is not None else None
    src = _plan_source(plan)
    own = ctx.owner
    v_label = msg("profile.fig.value_of", owner=own) if own else msg("profile.fig.value")
    if df is None or not plan or not plan.get("tables"):
        dims = {"port": {"port"}, "us_state": {"us_state"}, "mx_state": {"mx_state"}, "country": set()}[ctx.peer_by]
        note, near = _not_held_note(ctx, dims | set(ctx.base.dims), f.period)
        info["near"] = near
        out.append(_fig_none("value", v_label, "usd", src, note, own))
        return out, info
    # plain lists: a few dozen rows, where pandas' per-operation cost outweighs the work
    codes = [str(c) for c in df["code"].tolist()]
    values: list[int] = df["value"].tolist()
    if ctx.peer_by == "country":
        mine = {{"MX": "2010", "CA": "1220"}[feat.id]}
    elif ctx.peer_by == "mx_state":
        mine = set(feat.state_codes)
    else:
        mine = {feat.id}
    value = float(sum(v for c, v in zip(codes, values) if c in mine))
    total = float(sum(values))
    info.update(value=value, total=total, source=src)
    out.append(Figure("value", v_label, value, "usd", msg("profile.show.usd", value_usd=value), src, owner=own))
    share = value / total if total else None
    peers_key = {"port": "port", "us_state": "us_state", "mx_state": "mx_state", "country": "corridor"}[ctx.peer_by]
    share_label = msg("profile.fig.share_na" if ctx.peer_by == "country" else "profile.fig.share")
    out.append(Figure("share", share_label, share, "share",
                      msg("profile.show.share", value_share=share) if share is not None else msg("profile.show.none"),
                      src, msg("profile.note.of_total", total_usd=total), owner=own))
    if ctx.peer_by == "country":
        return out, info
    rcodes = [c for c, v in zip(codes, values)
              if c not in _UNKNOWN_STATES and not c.upper().endswith("XX") and v > 0]
    n = len(rcodes)
    if len(feat.state_codes) > 1 and ctx.peer_by == "mx_state":
        rank = None
    else:
        key = feat.state_codes[0] if ctx.peer_by == "mx_state" else feat.id
        rank = rcodes.index(key) + 1 if key in rcodes else None
    info.update(rank=rank, peers=n)
    rank_label = msg("profile.fig.rank", peers_msg=msg(f"profile.peers.{peers_key}"))
    if rank is None:
        out.append(_fig_none("rank", rank_label, "rank", src, msg("profile.note.no_rank", count_n=n), own))
    else:
        out.append(Figure("rank", rank_label, float(rank), "rank", msg("profile.show.rank", rank_n=rank, count_n=n),
                          src, of=n, owner=own))
    return out, info


def _monthly(ctx: _Ctx) -> None:
    """The feature's value by month over every month the store holds (one query): the
    series, and the base of the change figures."""
    if ctx.ff is None:
        return
    df = _breakdown(ctx.store, ctx.ff.replace(period=None), "month")
    if df is None:
        return
    plan = df.attrs.get("plan")
    ctx.monthly_rows = [(int(c), int(v)) for c, v in zip(df["code"].tolist(), df["value"].tolist())]
    ctx.monthly_plan = plan
    ctx.monthly = {c: float(v) for c, v in ctx.monthly_rows}
    ctx.monthly_held = {m for m in _plan_months(plan) if m >= 190001}
    ctx.monthly_source = _plan_source(plan)


def change_between(values: Mapping[int, float], held: set[int], period: tuple[int, int],
                   months_back: int) -> tuple[float | None, list[int], int]:
    """Change of ``period`` on the same months ``months_back`` earlier, on the months held in
    both (a month held with no trade counts as zero). Returns (change, matched months,
    months of the period held)."""
    cur = [m for m in ym_range(*period) if m in held]
    matched = [m for m in cur if add_months(m, -months_back) in held]
    a = sum(values.get(m, 0.0) for m in matched)
    b = sum(values.get(add_months(m, -months_back), 0.0) for m in matched)
    if not matched or b == 0:
        return None, matched, len(cur)
    return a / b - 1.0, matched, len(cur)


def _span(months: Sequence[int]) -> str:
    return format_ym(months[0]) + (f"..{format_ym(months[-1])}" if len(months) > 1 else "")


def _changes(ctx: _Ctx, period: tuple[int, int] | None) -> list[Figure]:
    out: list[Figure] = []
    if ctx.ff is None or period is None:
        return out
    for key, back, label in (("yoy", 12, "profile.fig.yoy"), ("growth_5y", 60, "profile.fig.growth_5y")):
        lab = msg(label)
        prev = _shift(period, -back)
        change, matched, n_cur = change_between(ctx.monthly, ctx.monthly_held, period, back)
        used = tuple(sorted(set(matched) | {add_months(m, -back) for m in matched}))
        src = replace(ctx.monthly_source, months=used)
        if change is None:
            why = (msg("profile.note.no_base", when_msg=period_name(prev)) if matched
                   else msg("profile.note.prev_not_held", when_msg=period_name(prev)))
            out.append(_fig_none(key, lab, "change", src, why, ctx.owner))
            continue
        note: Message | None = None
        if len(matched) < len(ym_range(*period)):
            note = msg("profile.note.partial", count_n=len(matched), span=_span(matched))
        if key == "growth_5y":
            rate = (1 + change) ** (1 / 5) - 1 if change > -1 else None
            if rate is not None:
                note = msg("profile.note.cagr", rate_change=rate, base_msg=note) if note else \
                    msg("profile.note.cagr_only", rate_change=rate)
        out.append(Figure(key, lab, change, "change", msg("profile.show.change", value_change=change), src, note,
                          owner=ctx.owner))
    return out


def _modes(ctx: _Ctx) -> Breakdown | None:
    if ctx.ff is None:
        return None
    df = _breakdown(ctx.store, ctx.ff, "mode")
    return _to_breakdown(ctx, "modes", msg("profile.chart.modes"), df, set(ctx.ff.dims), link="modes",
                         owner=ctx.owner, top=20)


def _to_breakdown(ctx: _Ctx, key: str, title: Message, df: pd.DataFrame | None, needed: set[str],
                  link: str | None = None, owner: str = "", top: int = TOP_N,
                  drop_unknown: bool = False) -> Breakdown:
    ctx.caveats_of(df)
    plan = df.attrs.get("plan") if df is not None else None
    src = _plan_source(plan)
    if df is None or not plan or not plan.get("tables"):
        why, near = _not_held_note(ctx, needed, ctx.f.period)
        return Breakdown(key, title, "usd", (), src, held=False, note=why, nearest=near, link=link, owner=owner)
    values: list[int] = df["value"].tolist()
    total = float(sum(values))
    rows = tuple(Row(str(c), str(n), float(v), (float(v) / total) if total else None)
                 for c, n, v in zip(df["code"].tolist(), df["name"].tolist(), values)
                 if v != 0 and not (drop_unknown and str(c) in _UNKNOWN_STATES))
    note: Message | None = None
    if plan.get("uncovered_months"):
        note = msg("profile.note.some_months", count_n=len(src.months))
    rest = rows[top:]
    rows = rows[:top]
    if rest:
        rv = sum(r.value for r in rest)
        rows = rows + (Row("", msg("profile.other", count_n=len(rest)).english(), rv, rv / total if total else None,
                           "other"),)
    return Breakdown(key, title, "usd", rows, src, note=note, link=link, owner=owner, total=total)


def _sentence(ctx: _Ctx, figs: list[Figure], modes: Breakdown | None, period) -> Message | None:
    feat = ctx.feat
    value = next((x for x in figs if x.key == "value"), None)
    flow = flow_message(ctx.ff or ctx.f)
    per = period_phrase(period)
    if feat.kind == "seaport":
        return _seaport_sentence(feat)
    if value is None or value.value is None:
        if ctx.ff is None:
            return None
        return msg("profile.lead.none", name=ctx.owner or feat.name, flow_msg=flow, period_msg=per)
    v = value.value
    if feat.kind == "port":
        lead = msg("profile.lead.port", name=feat.name, value_usd=v, flow_msg=flow, period_msg=per)
    elif feat.kind == "us-state":
        lead = msg(f"profile.lead.us_state.{ctx.f.trade_type or 'both'}", name=feat.name, value_usd=v,
                   flow_msg=flow, period_msg=per)
    elif feat.kind == "mx-state":
        lead = msg("profile.lead.mx_state", name=feat.name, value_usd=v, flow_msg=flow, period_msg=per)
    elif feat.kind == "zone":
        lead = msg("profile.lead.zone", zone=feat.name, name=ctx.owner, value_usd=v, flow_msg=flow, period_msg=per)
    else:
        lead = msg("profile.lead.corridor", name=feat.name, value_usd=v, flow_msg=flow, period_msg=per)
    clauses: list[Message] = []
    yoy = next((x for x in figs if x.key == "yoy"), None)
    if yoy is not None and yoy.value is not None:
        partial = yoy.note is not None
        prev = _shift(period, -12)
        n = len({m for m in yoy.source.months if period[0] <= m <= period[1]})
        clauses.append(msg("profile.clause.yoy_partial" if partial else "profile.clause.yoy",
                           change_change=yoy.value, when_msg=period_name(prev), count_n=n))
    rank = next((x for x in figs if x.key == "rank"), None)
    if rank is not None and rank.value is not None and feat.kind != "zone":
        peers = {"port": "port", "us-state": "us_state", "mx-state": "mx_state"}.get(feat.kind, "port")
        clauses.append(msg("profile.clause.rank", rank_n=int(rank.value), count_n=rank.of or 0,
                           peers_msg=msg(f"profile.peers.{peers}")))
    mode_msg = None
    if modes is not None and modes.held and modes.rows and modes.rows[0].share and len(ctx.f.modes) != 1:
        top = modes.rows[0]
        mode_msg = msg("profile.clause.mode", share_share=top.share, mode=top.name.lower())
    if clauses and mode_msg:
        return msg("profile.sentence", lead_msg=lead, clauses_list=clauses, mode_msg=mode_msg)
    if clauses:
        return msg("profile.sentence.clauses", lead_msg=lead, clauses_list=clauses)
    if mode_msg:
        return msg("profile.sentence.mode", lead_msg=lead, mode_msg=mode_msg)
    return msg("profile.sentence.lead", lead_msg=lead)


def _seaport_sentence(feat: Feature) -> Message:
    size = str(feat.row.get("harbor_size_label", "") or "").lower()
    kind = str(feat.row.get("harbor_type", "") or "").lower()
    coast = str(feat.row.get("coast", "") or "")
    if feat.country == "MX":
        return msg("profile.lead.seaport_mx", name=feat.name, size=size or "?", type=kind or "harbour",
                   coast=coast or "?")
    return msg("profile.lead.seaport_us", name=feat.name, size=size or "?", type=kind or "harbour", coast=coast or "?")


def _context(store, ref: Ref, f: TradeFilter, near_km: float) -> _Ctx:
    feat = resolve(ref)
    periods = store.available_periods() if store is not None else {}
    f = f.replace(period=_resolve_period(periods, f))
    ff, base, peer_by, owner = _trade_filters(feat, f)
    return _Ctx(store, feat, f, ff, base, peer_by, owner, near_km=near_km, periods=periods)


def profile_header(store, ref: Ref, f: TradeFilter, *, near_km: float = NEAR_KM) -> Profile:
    """Name, kind, breadcrumb, key figures, the sentence and caveats (a few small queries)."""
    ctx = _context(store, ref, f, near_km)
    return _header(ctx)


def _header(ctx: _Ctx) -> Profile:
    feat = ctx.feat
    prof = Profile(feat.kind, feat.id, feat.name, _kind_label(feat), _breadcrumb(feat), ctx.f,
                   lon=feat.lon, lat=feat.lat)
    period = ctx.f.period
    figs: list[Figure] = []
    modes = None
    if ctx.ff is not None and ctx.store is not None:
        peer_figs, _info = _peers(ctx)
        _monthly(ctx)
        figs = peer_figs[:1] + _changes(ctx, period) + peer_figs[1:]
        modes = _modes(ctx)
    if feat.kind == "mx-state" or feat.kind == "zone":
        if ctx.f.trade_type != "import":
            ctx.caveat(msg("profile.caveat.exports_only"))
    if feat.kind == "zone":
        ctx.caveat(msg("profile.caveat.zone_state", zone=feat.name, state=ctx.owner or "?"))
        prof.membership = _membership(feat)
        figs += _zone_figures(feat)
    if feat.kind == "mx-state":
        figs += _state_facility_figures(feat)
    if feat.kind == "seaport":
        ctx.caveat(msg("profile.caveat.seaport_mx" if feat.country == "MX" else "profile.caveat.seaport_us"))
        figs += _seaport_figures(feat)
    prof.figures = figs
    prof.sentence = _sentence(ctx, figs, modes, period)
    if modes is not None:
        prof.breakdowns.append(modes)
    _gap_caveats(ctx, period)
    prof.caveats = list(ctx.caveats)
    prof.ctx = ctx
    return prof


def _gap_caveats(ctx: _Ctx, period) -> None:
    if not period:
        return
    for lo, hi, code in KNOWN_GAPS:
        if lo <= period[1] and hi >= period[0] or (ctx.monthly_held and min(ctx.monthly_held) < lo
                                                    and max(ctx.monthly_held) > hi):
            ctx.caveat(msg(code, lo_ym=lo, hi_ym=hi))


# -- zones, facilities, seaports --------------------------------------------------------------------
def _zone_facilities(feat: Feature) -> pd.DataFrame:
    fac = sources.retc_facilities()
    if str(feat.row.get("kind")) == "cluster":
        return fac[fac["cluster"] == feat.id]
    return fac[fac["zone_id"] == feat.id]


def _membership(feat: Feature) -> Message:
    fac = _zone_facilities(feat)
    if str(feat.row.get("kind")) == "cluster":
        places = str(feat.row.get("municipality", "") or "") or str(feat.row.get("state", ""))
        return msg("profile.member.cluster", count_n=len(fac), places=places,
                   parks_n=int(_num(feat.row.get("n_parks")) or 0))
    return msg("profile.member.park", count_n=len(fac), municipality=str(feat.row.get("municipality", "")),
               state=str(feat.row.get("state", "")))


def _retc_src() -> SourceRef:
    return SourceRef(sources.SOURCE_RETC)


def _zone_figures(feat: Feature) -> list[Figure]:
    fac = _zone_facilities(feat)
    out = [Figure("facilities", msg("profile.fig.facilities"), float(len(fac)), "count",
                  msg("profile.show.count", value_n=len(fac)), _retc_src())]
    if str(feat.row.get("kind")) == "cluster":
        n = int(_num(feat.row.get("n_parks")) or 0)
        out.append(Figure("parks", msg("profile.fig.parks"), float(n), "count", msg("profile.show.count", value_n=n),
                          _retc_src()))
    return out


def _state_facility_figures(feat: Feature) -> list[Figure]:
    fac = sources.retc_facilities()
    fac = fac[fac["state_code"].isin(feat.state_codes)]
    zones = sources.industrial_zones()
    parks = zones[(zones["kind"] == "park") & zones["state_code"].isin(feat.state_codes)]
    out = [Figure("facilities", msg("profile.fig.facilities"), float(len(fac)), "count",
                  msg("profile.show.count", value_n=len(fac)), _retc_src()),
           Figure("parks", msg("profile.fig.parks"), float(len(parks)), "count",
                  msg("profile.show.count", value_n=len(parks)), _retc_src())]
    inegi = _inegi_totals(feat.state_codes)
    if inegi:
        year, usd = max(inegi.items())
        out.append(Figure("inegi_exports", msg("profile.fig.inegi", year=str(year)), float(usd), "usd",
                          msg("profile.show.usd", value_usd=usd), SourceRef(sources.SOURCE_INEGI, vintage=str(year)),
                          msg("profile.note.inegi")))
    return out


def _inegi_totals(codes: Sequence[str]) -> dict[int, float]:
    df = sources.inegi_exports()
    d = df[df["state_code"].isin(codes) & (df["subsector"] == "") & (df["description"] == "Exportaciones totales")]
    sums = d.groupby("year")["usd"].sum()
    return {int(str(y)): float(v) for y, v in zip(sums.index, sums.to_numpy())}


_FACT_LABELS = (("harbor_size", "size"), ("harbor_type", "type"), ("harbor_use", "use"), ("shelter", "shelter"),
                ("channel_depth_m", "channel_depth"), ("cargo_pier_depth_m", "pier_depth"),
                ("anchorage_depth_m", "anchorage_depth"), ("max_vessel_length_m", "max_length"),
                ("max_vessel_draft_m", "max_draft"), ("container", "container"), ("ro_ro", "ro_ro"),
                ("solid_bulk", "solid_bulk"), ("liquid_bulk", "liquid_bulk"), ("breakbulk", "breakbulk"),
                ("oil_terminal", "oil_terminal"), ("container_cranes", "container_cranes"), ("rail", "rail"),
                ("repairs", "repairs"), ("dry_dock", "dry_dock"))


def _seaport_figures(feat: Feature) -> list[Figure]:
    src = SourceRef(sources.SOURCE_WPI)
    facts = sources.seaport_facts()
    hit = facts[facts["unlocode"] == feat.id]
    row = dict(hit.iloc[0]) if len(hit) else {}
    out = []
    for col, key in _FACT_LABELS[:5] + _FACT_LABELS[7:9]:
        v = row.get(col, "")
        if col == "harbor_size" and not v:
            v = feat.row.get("harbor_size_label", "")
        if col == "harbor_type" and not v:
            v = feat.row.get("harbor_type", "")
        x = _num(v) if col.endswith("_m") else None
        if col.endswith("_m"):
            if not x:
                continue
            out.append(Figure(f"wpi_{key}", msg(f"profile.wpi.{key}"), x, "m",
                              msg("profile.show.metres", value=f"{x:g}"), src))
        elif v and str(v) != "Unknown":
            out.append(Figure(f"wpi_{key}", msg(f"profile.wpi.{key}"), None, "text", msg("profile.show.text",
                                                                                          text=str(v)), src))
    return out


def _harbour_breakdown(feat: Feature) -> Breakdown:
    facts = sources.seaport_facts()
    hit = facts[facts["unlocode"] == feat.id]
    row = dict(hit.iloc[0]) if len(hit) else {}
    rows = []
    for col, key in _FACT_LABELS:
        v = str(row.get(col, "") or "")
        if v and v != "Unknown" and not (col.endswith("_m") and not _num(v)):
            rows.append(Row(key, msg(f"profile.wpi.{key}").english(), _num(v) or 0.0, None, v))
    src = SourceRef(sources.SOURCE_WPI)
    note = None if rows else msg("profile.note.no_wpi")
    return Breakdown("harbour", msg("profile.chart.harbour"), "text", tuple(rows), src, held=bool(rows), note=note)


def haversine_km(lon1, lat1, lon2, lat2):
    import numpy as np

    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, float)) for v in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(a))


def _zones_near(feat: Feature, km: float) -> Breakdown:
    zones = sources.industrial_zones()
    src = _retc_src()
    title = msg("profile.chart.zones_near", km=f"{km:g}")
    if feat.lon is None or feat.lat is None or zones.empty:
        return Breakdown("zones_near", title, "count", (), src, held=False, note=msg("profile.note.no_location"))
    d = haversine_km(feat.lon, feat.lat, zones["lon"], zones["lat"])
    near = zones.assign(km=d)
    near = near[(near["km"] <= km) & (near["kind"] == "park")].sort_values(["n_facilities", "km"],
                                                                          ascending=[False, True])
    top = near.head(TOP_N)
    rows = tuple(Row(str(z), str(n), float(c), None, f"{k:.0f} km")
                 for z, n, c, k in zip(top["zone_id"], top["name"], top["n_facilities"].to_numpy(float), top["km"]))
    note = msg("profile.note.zones_near", count_n=len(near), km=f"{km:g}",
               facilities_n=int(near["n_facilities"].sum())) if len(near) else msg("profile.note.no_zones_near",
                                                                                     km=f"{km:g}")
    return Breakdown("zones_near", title, "count", rows, src, held=bool(len(rows)), note=note, link="open:zone")


def _sectors(fac: pd.DataFrame, owner: str = "") -> Breakdown:
    counts = fac.groupby("sector").size().sort_values(ascending=False, kind="stable") if len(fac) else pd.Series()
    total = float(counts.sum()) if len(counts) else 0.0
    rows = tuple(Row(str(s), str(s), float(n), n / total if total else None) for s, n in counts.head(TOP_N).items())
    rest = counts.iloc[TOP_N:]
    if len(rest):
        rows += (Row("", msg("profile.other", count_n=len(rest)).english(), float(rest.sum()),
                     float(rest.sum()) / total, "other"),)
    return Breakdown("sectors", msg("profile.chart.sectors"), "count", rows, _retc_src(), held=bool(rows),
                     note=None if rows else msg("profile.note.no_facilities"), owner=owner, total=total)


def _parks(codes: Sequence[str] | None, cluster: str | None) -> Breakdown:
    zones = sources.industrial_zones()
    parks = zones[zones["kind"] == "park"]
    if cluster:
        parks = parks[parks["cluster"] == cluster]
    elif codes:
        parks = parks[parks["state_code"].isin(codes)]
    parks = parks.sort_values(["n_facilities", "name"], ascending=[False, True], kind="stable")
    top = parks.head(TOP_N)
    rows = tuple(Row(str(z), str(n), float(c), None, str(m))
                 for z, n, c, m in zip(top["zone_id"], top["name"], top["n_facilities"].to_numpy(float),
                                       top["municipality"]))
    note = msg("profile.note.parks", count_n=len(parks), facilities_n=int(parks["n_facilities"].sum()))
    return Breakdown("parks", msg("profile.chart.parks"), "count", rows, _retc_src(), held=bool(rows), note=note,
                     link="open:zone")


def _inegi_breakdown(codes: Sequence[str], owner: str) -> tuple[Breakdown, Series]:
    df = sources.inegi_exports()
    d = df[df["state_code"].isin(codes)]
    totals = _inegi_totals(codes)
    src_all = SourceRef(sources.SOURCE_INEGI, vintage="2007–2018")
    ser_title = msg("profile.chart.inegi_series")
    if not totals:
        empty = Breakdown("inegi", msg("profile.chart.inegi", year="—"), "usd", (), src_all, held=False,
                          note=msg("profile.note.no_inegi"), owner=owner)
        return empty, Series("inegi", ser_title, "usd", "year", (), (), src_all, held=False, owner=owner)
    year = max(totals)
    sub = d[(d["year"] == year) & (d["subsector"] != "")].groupby(["subsector", "description"])["usd"].sum()
    sub = sub.sort_values(ascending=False, kind="stable")
    total = totals[year]
    top = sub.head(TOP_N)
    rows = tuple(Row(str(k[0]), str(k[1]), float(v), float(v) / total if total else None)
                 for k, v in zip(top.index, top.to_numpy()))
    bd = Breakdown("inegi", msg("profile.chart.inegi", year=str(year)), "usd", rows,
                   SourceRef(sources.SOURCE_INEGI, vintage=str(year)), note=msg("profile.note.inegi"), owner=owner,
                   total=total)
    ys = sorted(totals)
    ser = Series("inegi", ser_title, "usd", "year", tuple(ys), tuple(totals[y] for y in ys), src_all,
                 note=msg("profile.note.inegi"), owner=owner)
    return bd, ser


# -- ports: crossings and value per loaded truck --------------------------------------------------------------
def value_per_loaded_truck(store, port: str, period: tuple[int, int] | None = None) -> ValuePerTruck:
    """THE definition (scenarios reuse it): US import value carried by truck through ``port``
    (all partners) ÷ inbound loaded truck containers counted at ``port``, over the months in
    ``period`` that hold both figures. Empty containers and non-container trucks are not in
    the denominator; months without one of the two figures are left out of both sums."""
    port = str(port).zfill(4) if str(port).isdigit() else str(port)
    tf = TradeFilter(period=period, trade_type="import", modes=("5",), ports=(port,))
    df = _breakdown(store, tf, "month")
    value: dict[int, int] = {}
    held: set[int] = set()
    if df is not None:
        value = {int(c): int(v) for c, v in zip(df["code"], df["value"])}
        held = _plan_months(df.attrs.get("plan"))
    cr = store.crossings(port_codes=[port], measures=["Truck Containers Loaded"], period=period, by=("month",))
    counts = {int(m): int(v) for m, v in zip(cr["year_month"], cr["value"])}
    months = tuple(sorted(m for m in held if m in counts))
    by_month = tuple((m, value.get(m, 0), counts[m]) for m in months)
    return ValuePerTruck(port, sum(v for _, v, _ in by_month), sum(c for _, _, c in by_month), months, by_month)


def _crossing_parts(ctx: _Ctx, port_codes: Sequence[str] | None, border: str | None) -> tuple[list[Figure],
                                                                                              list[Series]]:
    period = ctx.f.period
    cr = ctx.store.crossings(port_codes=list(port_codes) if port_codes else None, measures=list(CROSSING_MEASURES),
                             period=None, by=("measure", "month"), border=border)
    figs: list[Figure] = []
    series: list[Series] = []
    held = sorted({int(m) for m in cr["year_month"]}) if len(cr) else []
    for measure in CROSSING_MEASURES:
        d = cr[cr["measure"] == measure]
        months = tuple(int(m) for m in d["year_month"])
        vals = tuple(float(v) for v in d["value"])
        in_period = [(m, v) for m, v in zip(months, vals) if not period or period[0] <= m <= period[1]]
        key = "crossings_" + measure.lower().replace(" ", "_")
        label = msg(f"measure.{measure}")
        src = SourceRef(_SOURCE_CROSSINGS, tuple(m for m, _ in in_period))
        if in_period:
            total = sum(v for _, v in in_period)
            note = None
            if period and len(in_period) < len(ym_range(*period)):
                note = msg("profile.note.crossing_months", count_n=len(in_period))
            figs.append(Figure(key, label, total, "count", msg("profile.show.count", value_n=total), src, note))
        else:
            near = _nearest_months(held, period)
            note = (msg("profile.note.not_held", period_msg=period_name(period), near_msg=period_name(near))
                    if near else msg("profile.note.not_held_none", period_msg=period_name(period)))
            figs.append(_fig_none(key, label, "count", src, note))
        series.append(Series(key, msg("profile.chart.crossings", measure_msg=label), "count", "month", months, vals,
                             SourceRef(_SOURCE_CROSSINGS, months), held=bool(months), period=period))
    return figs, series


def _nearest_months(held: Sequence[int], period) -> tuple[int, int] | None:
    if not held or not period:
        return None
    lo, hi = period
    before = [m for m in held if m < lo]
    after = [m for m in held if m > hi]
    n = len(ym_range(lo, hi))
    if after and (not before or (after[0] // 100 * 12 + after[0] % 100) - (hi // 100 * 12 + hi % 100)
                  < (lo // 100 * 12 + lo % 100) - (before[-1] // 100 * 12 + before[-1] % 100)):
        return (after[0], after[min(n, len(after)) - 1])
    if before:
        return (before[max(0, len(before) - n)], before[-1])
    return None


def _vpt_figure(ctx: _Ctx) -> Figure:
    vpt = value_per_loaded_truck(ctx.store, ctx.feat.id, ctx.f.period)
    label = msg("profile.fig.value_per_truck")
    src = SourceRef("BTS TransBorder (imports by truck) ÷ " + _SOURCE_CROSSINGS, vpt.months)
    if vpt.per_container is None:
        return _fig_none("value_per_truck", label, "usd_per", src, msg("profile.note.vpt_none"))
    return Figure("value_per_truck", label, vpt.per_container, "usd_per",
                  msg("profile.show.usd_per", value_usd=vpt.per_container), src,
                  msg("profile.note.vpt", count_n=len(vpt.months)))


# -- details ------------------------------------------------------------------------------------------
def _series(ctx: _Ctx) -> list[Series]:
    """Monthly where the store holds months, annual otherwise (both kept; the view switches)."""
    if ctx.ff is None:
        return []
    period = ctx.f.period
    own = ctx.owner
    out = []
    months = sorted(ctx.monthly_held)
    held = bool(months)
    note = None if held else _not_held_note(ctx, set(ctx.ff.dims), None)[0]
    out.append(Series("trade_monthly", msg("profile.chart.monthly"), "usd", "month", tuple(months),
                      tuple(ctx.monthly.get(m, 0.0) for m in months), ctx.monthly_source, held=held, note=note,
                      period=period, owner=own))
    annual = _annual(ctx)
    if annual is not None and annual[0]:
        rows, plan = annual
        per_year: dict[int, int] = {}
        for m in _plan_months(plan):
            per_year[m // 100] = per_year.get(m // 100, 0) + 1
        years = tuple(y for y, _v in rows)
        partial = tuple(per_year.get(y, 0) < 12 for y in years)
        note = msg("profile.note.partial_years") if any(partial) else None
        out.append(Series("trade_annual", msg("profile.chart.annual"), "usd", "year", years,
                          tuple(float(v) for _y, v in rows), _plan_source(plan), partial, note=note,
                          period=period, owner=own))
    return out


def _annual(ctx: _Ctx) -> tuple[list[tuple[int, int]], Mapping | None] | None:
    """The feature's value by year over every year held, ``([(year, value)], plan)`` (None: not
    answerable): the monthly answer summed by year when the store answers the years with the
    very plan it answered the months with (the same rows: one query fewer on the click path),
    else the store's own annual answer."""
    assert ctx.ff is not None
    g = ctx.ff.replace(period=None)
    mp = ctx.monthly_plan
    if mp is not None and hasattr(ctx.store, "plan"):
        try:
            yp = ctx.store.plan(g, "year").as_dict()
        except NotAnswerableError:
            yp = None
        if yp is not None and {k: v for k, v in yp.items() if k != "by"} == \
                {k: v for k, v in mp.items() if k != "by"}:
            years: dict[int, int] = {}
            for m, v in ctx.monthly_rows:
                years[m // 100] = years.get(m // 100, 0) + v
            return sorted(years.items()), yp
    df = _breakdown(ctx.store, g, "year")
    if df is None:
        return None
    return [(int(c), int(v)) for c, v in zip(df["code"].tolist(), df["value"].tolist())], df.attrs.get("plan")


def trade_series(prof: Profile) -> list[Series]:
    """The trade time series alone (monthly and annual), for a panel that draws it first;
    :func:`add_details` reuses them."""
    ctx: _Ctx = prof.ctx
    if ctx is None or ctx.ff is None or ctx.store is None:
        return []
    if ctx.trade_series is None:
        ctx.trade_series = _series(ctx)
    return list(ctx.trade_series)


def _commodities(ctx: _Ctx, store) -> Breakdown:
    assert ctx.ff is not None
    ff = ctx.ff
    return _to_breakdown(ctx, "commodities", msg("profile.chart.commodities"), _breakdown(store, ff, "commodity"),
                         set(ff.dims) | {"commodity"}, link="commodities", owner=ctx.owner)


def first_breakdowns(prof: Profile) -> list[Breakdown]:
    """The breakdowns of the first screenful of charts besides the mode split of the header
    (the top commodities: one query), for a panel that draws them before the rest is
    computed; :func:`add_details` reuses them."""
    ctx: _Ctx = prof.ctx
    if ctx is None or ctx.ff is None or ctx.store is None:
        return []
    if "commodities" not in ctx.early:
        ctx.early["commodities"] = _commodities(ctx, ctx.store)
    return [ctx.early["commodities"]]


def add_details(prof: Profile, store=None) -> Profile:
    """Add the series and breakdowns (the charts) to a header from :func:`profile_header`."""
    ctx: _Ctx = prof.ctx
    feat = ctx.feat
    early = ctx.early if store is None or store is ctx.store else {}
    store = store or ctx.store
    ctx.store = store
    own = ctx.owner
    bds: list[Breakdown] = [b for b in prof.breakdowns if b.key == "modes"]
    figs = list(prof.figures)
    series: list[Series] = []
    if ctx.ff is not None and store is not None:
        ff = ctx.ff
        series += ctx.trade_series if ctx.trade_series is not None else _series(ctx)
        bds.insert(0, early.get("commodities") or _commodities(ctx, store))
        if feat.kind == "port":
            bds.append(_to_breakdown(ctx, "us_states", msg("profile.chart.us_states"),
                                     _breakdown(store, ff, "us_state"), set(ff.dims) | {"us_state"},
                                     link="open:us-state", drop_unknown=True))
            if ff.country != "CA":
                g = ff.replace(country="MX", trade_type="export")
                bds.append(_to_breakdown(ctx, "mx_states", msg("profile.chart.mx_states"),
                                         _breakdown(store, g, "mx_state"), set(g.dims) | {"mx_state"},
                                         link="open:mx-state", drop_unknown=True))
        elif feat.kind == "us-state":
            bds.append(_to_breakdown(ctx, "ports", msg("profile.chart.ports"), _breakdown(store, ff, "port"),
                                     set(ff.dims) | {"port"}, link="open:port"))
            if ff.country != "CA" and ff.trade_type != "import":
                g = ff.replace(country="MX", trade_type="export")
                bds.append(_to_breakdown(ctx, "mx_states", msg("profile.chart.mx_states"),
                                         _breakdown(store, g, "mx_state"), set(g.dims) | {"mx_state"},
                                         link="open:mx-state", drop_unknown=True))
        elif feat.kind in ("mx-state", "zone"):
            bds.append(_to_breakdown(ctx, "ports", msg("profile.chart.export_ports"), _breakdown(store, ff, "port"),
                                     set(ff.dims) | {"port"}, link="open:port", owner=own))
            bds.append(_to_breakdown(ctx, "us_states", msg("profile.chart.us_states_from"),
                                     _breakdown(store, ff, "us_state"), set(ff.dims) | {"us_state"},
                                     link="open:us-state", owner=own, drop_unknown=True))
        elif feat.kind == "corridor":
            bds.append(_to_breakdown(ctx, "ports", msg("profile.chart.ports"), _breakdown(store, ff, "port"),
                                     set(ff.dims) | {"port"}, link="open:port"))
            bds.append(_to_breakdown(ctx, "us_states", msg("profile.chart.us_states"),
                                     _breakdown(store, ff, "us_state"), set(ff.dims) | {"us_state"},
                                     link="open:us-state", drop_unknown=True))
            if feat.id == "MX":
                g = ff.replace(trade_type="export")
                bds.append(_to_breakdown(ctx, "mx_states", msg("profile.chart.mx_states"),
                                         _breakdown(store, g, "mx_state"), set(g.dims) | {"mx_state"},
                                         link="open:mx-state", drop_unknown=True))
    if feat.kind in ("port", "corridor") and store is not None:
        codes = [feat.id] if feat.kind == "port" else None
        border = None if feat.kind == "port" else ("mexico" if feat.id == "MX" else "canada")
        cfigs, cseries = _crossing_parts(ctx, codes, border)
        figs += cfigs
        series += cseries
        if feat.kind == "port":
            figs.append(_vpt_figure(ctx))
            ctx.caveat(msg("profile.caveat.vpt"))
    if feat.kind in ("port", "seaport"):
        bds.append(_zones_near(feat, ctx.near_km))
    if feat.kind == "seaport":
        bds.append(_harbour_breakdown(feat))
    if feat.kind == "mx-state":
        fac = sources.retc_facilities()
        bds.append(_sectors(fac[fac["state_code"].isin(feat.state_codes)]))
        bds.append(_parks(feat.state_codes, None))
        bd, ser = _inegi_breakdown(feat.state_codes, "")
        bds.append(bd)
        series.append(ser)
        ctx.caveat(msg("profile.caveat.retc"))
        ctx.caveat(msg("profile.caveat.inegi"))
    if feat.kind == "zone":
        bds.append(_sectors(_zone_facilities(feat)))
        if str(feat.row.get("kind")) == "cluster":
            bds.append(_parks(None, feat.id))
        bd, ser = _inegi_breakdown(feat.state_codes, own)
        bds.append(bd)
        series.append(ser)
        ctx.caveat(msg("profile.caveat.retc"))
    out = replace(prof, figures=figs, series=series, breakdowns=bds, details=True)
    _gap_caveats(ctx, ctx.f.period)
    out.caveats = list(ctx.caveats)
    out.ctx = ctx
    return out


def build_profile(store, ref: Ref, f: TradeFilter, *, details: bool = True, near_km: float = NEAR_KM) -> Profile:
    """The whole profile of ``ref`` for filter ``f`` (header, and details unless asked not to)."""
    prof = profile_header(store, ref, f, near_km=near_km)
    return add_details(prof, store) if details else prof


# -- linked filters ----------------------------------------------------------------------------------
#: the filter fields a click in a chart may set
LINK_FIELDS = ("commodities", "modes", "period")


def linked_filter(f: TradeFilter, field_name: str, value) -> TradeFilter:
    """The filter after a click on a chart element: a commodity bar (``commodities``), a mode
    (``modes``) or a year (``period`` -> that whole year, or a ``(lo, hi)`` span)."""
    if field_name == "period":
        if isinstance(value, tuple):
            return f.replace(period=(int(value[0]), int(value[1])))
        y = int(value)
        return f.replace(period=(y * 100 + 1, y * 100 + 12))
    if field_name not in ("commodities", "modes"):
        raise ValueError(f"no linked filter on {field_name!r}")
    return f.replace(**{field_name: (str(value),)})
