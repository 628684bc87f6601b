"""Backend-independent query model: the trade filter, breakdowns, table planning, caveats.

BTS publishes the same trade three times, cut three ways (DOT1 US state x port, DOT2 US state
x commodity, DOT3 port x commodity). Adding them would triple-count, so every query is
answered from exactly ONE table per month: :func:`plan` picks, for each month of the period,
the first table (in preference order) that has all the dimensions the filter and breakdown
need and holds data for that month. The plan is attached to every result (``df.attrs``)
and :func:`caveats` turns it into notes the UI can show.

The bundled summaries (``geo.data.summaries``, "BTS via UNT") join the planner
(:data:`SUMMARY_TABLES`): a raw table answers a period only when it holds every month of it;
otherwise, for whole years (year granularity), a series or a comparison, one summary table
answers the whole of it, so every period of a comparison comes from the same source. A raw
month whose total falls short of the monthly summary's (:class:`PartialMonth`) is named and
used only where nothing else can answer. :meth:`QueryPlan.message` says which source and months
answered.

The store (``geo.store``) executes plans; these helpers are pure Python.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from geo.core.messages import Message, MessageError
from geo.core.periods import GRANULARITIES, format_ym, ym_range
from geo.data.codes import COUNTRY_ISO, SRC_ID, SRC_NAME, UnknownCodeError, code_tables

__all__ = [
    "TradeFilter", "FilterError", "NotAnswerableError", "BREAKDOWNS", "TABLE_DIMS",
    "QueryPlan", "Caveat", "Totals", "normalise_by", "plan", "caveats", "parse_period",
    "format_ym", "ym_range", "totals", "breakdown", "flow_triples", "crossings",
    "available_periods", "SUMMARY_TABLES", "SummaryTable", "PartialMonth", "UNASSIGNED_STATES",
]


class FilterError(ValueError):
    """A filter value is invalid (unknown code, bad period); the message is one sentence."""


class NotAnswerableError(MessageError):
    """No single BTS table holds all the dimensions the filter/breakdown combine; its
    :attr:`message` words why."""


#: dimensions present in each TransBorder table (all also have month, trade type, country, mode)
TABLE_DIMS: dict[str, frozenset] = {
    "DOT1": frozenset({"us_state", "port", "mx_state", "ca_prov"}),
    "DOT2": frozenset({"us_state", "commodity", "mx_state", "ca_prov"}),
    "DOT3": frozenset({"port", "commodity"}),
}
TABLE_TITLES = {"DOT1": "DOT1 (US state x port)", "DOT2": "DOT2 (US state x commodity)",
                "DOT3": "DOT3 (port x commodity)"}
#: smallest table first: identical totals, fewer rows to scan
PREFERENCE = ("DOT3", "DOT1", "DOT2")

#: state codes that name no state (BTS unknown Mexican states XX/OT, unknown US state DU, none)
UNASSIGNED_STATES = frozenset({"", "XX", "OT", "DU"})


@dataclass(frozen=True)
class SummaryTable:
    """A bundled summary table (``geo.data.summaries``) as the planner sees it: the planner
    dimensions it carries, its granularity, and the filter values the whole table is limited to
    (``country``/``trade_type``); it answers a period only when it holds all of it."""

    name: str
    title: str
    dims: frozenset
    granularity: str                       # "month" | "year"
    country: str | None = None             # the table holds only this partner ("MX")
    trade_type: str | None = None          # ... and only this direction ("export")


#: the summaries the planner may use, in preference order (BTS via UNT, compiled from the raw files)
SUMMARY_TABLES: tuple[SummaryTable, ...] = (
    SummaryTable("bts_partner_month", "partner x mode x direction, by month", frozenset(), "month"),
    SummaryTable("bts_us_state_year", "US state x partner x mode x direction, by year",
                 frozenset({"us_state"}), "year"),
    SummaryTable("bts_mx_state_year", "Mexican state x mode, US exports to Mexico, by year",
                 frozenset({"mx_state"}), "year", country="MX", trade_type="export"),
)
_SUMMARY = {s.name: s for s in SUMMARY_TABLES}
for _s in SUMMARY_TABLES:
    TABLE_TITLES[_s.name] = f"{_s.title} (BTS via UNT)"


@dataclass(frozen=True)
class PartialMonth:
    """A raw month whose total falls short of the monthly summary's (an incomplete file)."""

    table: str            # DOT1 / DOT2 / DOT3
    year_month: int
    file: str             # the file it came from ("" when unknown, e.g. the bundle)
    raw_value: int
    summary_value: int

    @property
    def gap(self) -> int:
        return self.summary_value - self.raw_value

#: breakdown name -> dimension it needs (None: present in every table)
BREAKDOWNS: dict[str, str | None] = {
    "month": None, "year": None, "trade_type": None, "country": None, "mode": None,
    "port": "port", "us_state": "us_state", "mx_state": "mx_state", "commodity": "commodity",
    "ca_prov": "ca_prov",
}
_BY_ALIASES = {"us-state": "us_state", "usstate": "us_state", "mx-state": "mx_state",
               "mexstate": "mx_state", "mexican-state": "mx_state", "trade-type": "trade_type",
               "trdtype": "trade_type", "hs2": "commodity", "chapter": "commodity",
               "commodity2": "commodity", "depe": "port", "disagmot": "mode",
               "ca-prov": "ca_prov", "province": "ca_prov", "canprov": "ca_prov"}

_FILTER_DIMS = {"modes": "mode", "commodities": "commodity", "ports": "port",
                "us_states": "us_state", "mx_states": "mx_state"}


def normalise_by(by: str | None) -> str | None:
    if by is None:
        return None
    key = str(by).strip().lower().replace(" ", "-")
    key = _BY_ALIASES.get(key, key.replace("-", "_"))
    if key not in BREAKDOWNS:
        raise FilterError(f"Unknown breakdown {by!r}; use one of: "
                          + ", ".join(k.replace("_", "-") for k in BREAKDOWNS) + ".")
    return key


# -- periods -----------------------------------------------------------------------------
_YM_RE = re.compile(r"^\s*(\d{4})[-/]?(\d{1,2})\s*$")


def parse_period(value) -> int:
    """``'2021-01'``, ``'202101'``, ``202101`` or ``(2021, 1)`` -> ``202101``."""
    if isinstance(value, tuple) and len(value) == 2:
        y, m = int(value[0]), int(value[1])
    elif isinstance(value, int):
        y, m = divmod(value, 100)
    else:
        mt = _YM_RE.match(str(value))
        if not mt:
            raise FilterError(f"Invalid month {value!r}; use YYYY-MM, e.g. 2021-01.")
        y, m = int(mt.group(1)), int(mt.group(2))
    if not (1 <= m <= 12 and 1900 <= y <= 2200):
        raise FilterError(f"Invalid month {value!r}; use YYYY-MM, e.g. 2021-01.")
    return y * 100 + m




# -- the filter --------------------------------------------------------------------------
def _as_tuple(v) -> tuple:
    if v is None:
        return ()
    if isinstance(v, (str, int)):
        v = [v]
    out: list[str | int] = []
    for item in v:
        if isinstance(item, str) and "," in item:
            out.extend(x for x in item.split(",") if x.strip())
        else:
            out.append(item)
    return tuple(out)


@dataclass(frozen=True)
class TradeFilter:
    """One filter for every trade query. Values are normalised to BTS codes on creation.

    ``period``: ``(start_ym, end_ym)`` inclusive, ints like 202101 (strings ``'2021-01'``
    accepted) or None for everything. ``trade_type``: None, ``'export'`` or ``'import'``.
    ``country``: None, ``'MX'`` or ``'CA'``. The tuples hold codes (names/slugs accepted:
    ``modes=('truck',)`` -> ``('5',)``); an empty tuple means no restriction.
    """

    period: tuple[int, int] | None = None
    trade_type: str | None = None
    country: str | None = None
    modes: tuple[str, ...] = ()
    commodities: tuple[str, ...] = ()
    ports: tuple[str, ...] = ()
    us_states: tuple[str, ...] = ()
    mx_states: tuple[str, ...] = ()
    #: how the period is read and stepped: "month" or "year" (whole calendar years)
    granularity: str = "month"

    def __post_init__(self):
        ct = code_tables()
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731
        if self.granularity not in GRANULARITIES:
            raise FilterError(f"Unknown period granularity {self.granularity!r}; use month or year.")
        if self.period is not None:
            lo, hi = self.period
            lo = parse_period(lo) if lo is not None else 190001
            hi = parse_period(hi) if hi is not None else 220012
            if lo > hi:
                raise FilterError(f"The period starts ({format_ym(lo)}) after it ends ({format_ym(hi)}).")
            set_("period", (lo, hi))
        if self.trade_type is not None:
            t = str(self.trade_type).strip().lower().rstrip("s")
            t = {"1": "export", "2": "import", "x": "export", "m": "import"}.get(t, t)
            if t not in ("export", "import"):
                raise FilterError(f"Unknown trade type {self.trade_type!r}; use export or import.")
            set_("trade_type", t)
        if self.country is not None:
            try:
                code = ct.resolve("country", self.country)
            except UnknownCodeError as exc:
                raise FilterError(str(exc)) from None
            iso = {v: k for k, v in COUNTRY_ISO.items()}.get(code)
            if iso is None:
                raise FilterError(f"Country {self.country!r} is not a TransBorder partner; use MX or CA.")
            set_("country", iso)
        for attr, dim in _FILTER_DIMS.items():
            vals = _as_tuple(getattr(self, attr))
            try:
                codes = tuple(dict.fromkeys(ct.resolve(dim, v) for v in vals))
            except UnknownCodeError as exc:
                raise FilterError(str(exc)) from None
            set_(attr, codes)

    # convenience ------------------------------------------------------------------------
    def replace(self, **changes) -> "TradeFilter":
        return dataclasses.replace(self, **changes)

    @property
    def dims(self) -> frozenset:
        """The table dimensions this filter needs (beyond month/trade type/country/mode)."""
        return frozenset(dim for attr, dim in _FILTER_DIMS.items()
                         if dim in ("port", "us_state", "mx_state", "commodity") and getattr(self, attr))

    @property
    def trade_type_code(self) -> int | None:
        return {"export": 1, "import": 2}.get(self.trade_type) if self.trade_type else None

    @property
    def country_code(self) -> int | None:
        return int(COUNTRY_ISO[self.country]) if self.country else None

    def describe(self) -> str:
        parts = []
        if self.period:
            parts.append(f"{format_ym(self.period[0])}..{format_ym(self.period[1])}")
        for k in ("trade_type", "country"):
            if getattr(self, k):
                parts.append(str(getattr(self, k)))
        for attr in _FILTER_DIMS:
            if getattr(self, attr):
                parts.append(f"{attr}={','.join(getattr(self, attr))}")
        return "; ".join(parts) or "all trade"


# -- planning ----------------------------------------------------------------------------
@dataclass(frozen=True)
class QueryPlan:
    """Which table answers which months; attached to results as ``df.attrs['plan']``.

    A raw plan names one BTS table per month (``ranges``); a summary plan (``summary`` set)
    names one bundled summary table for the whole period: ``months_by_table`` then maps it to
    the years (annual table) or months (monthly table) it answers."""

    by: str | None
    needed_dims: frozenset
    candidates: tuple[str, ...]
    #: (src id, first ym, last ym) ranges; each month is served by exactly one table
    ranges: tuple[tuple[int, int, int], ...]
    months_by_table: Mapping[str, tuple[int, ...]]
    #: months of the period present in the store but not in any candidate table
    uncovered_months: tuple[int, ...]
    period: tuple[int, int] | None
    implicit_country: str | None = None
    store_months: tuple[int, ...] = ()
    #: the summary table answering the whole period (None: the raw tables answer)
    summary: str | None = None
    granularity: str = "month"
    #: raw months of the period left out because their total falls short of the summary's
    partial: tuple[PartialMonth, ...] = ()
    #: every period of a comparison planned together (one source for all), besides ``period``
    also: tuple[tuple[int, int], ...] = ()

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(t for t in self.months_by_table if self.months_by_table[t])

    @property
    def empty(self) -> bool:
        return not self.ranges and not self.summary

    @property
    def source(self) -> str:
        """The one source of the figures: 'BTS via UNT', 'BTS DOT1 raw', ... ('' when empty)."""
        if self.summary:
            return "BTS via UNT"
        return " + ".join(f"BTS {t} raw" for t in self.tables)

    @property
    def months(self) -> tuple[int, ...]:
        """Every month the figures cover (an annual table's years expanded to their months)."""
        return self.store_months

    def message(self) -> Message:
        """Which source and months answered, as a sentence for people."""
        if self.empty:
            return Message("plan.none")
        tables = [TABLE_TITLES.get(t, t) for t in self.tables]
        ms = self.store_months
        span = format_ym(ms[0]) + (f"..{format_ym(ms[-1])}" if len(ms) > 1 else "")
        return Message("plan.source", {"source": self.source, "tables_list": tables, "span": span,
                                       "count_n": len(ms)})

    def describe(self) -> str:
        if self.empty:
            return "no data for this filter in the store"
        bits = []
        for t, periods in self.months_by_table.items():
            if periods:
                fmt = str if periods[0] < 10000 else format_ym
                unit = "years" if periods[0] < 10000 else "months"
                span = fmt(periods[0]) + (f"..{fmt(periods[-1])}" if len(periods) > 1 else "")
                src = " [BTS via UNT]" if t == self.summary else ""
                bits.append(f"{TABLE_TITLES.get(t, t)}{src} for {span} ({len(periods)} {unit})")
        return "; ".join(bits)

    def as_dict(self) -> dict:
        return {"by": self.by, "tables": list(self.tables), "candidates": list(self.candidates),
                "months_by_table": {k: list(v) for k, v in self.months_by_table.items() if v},
                "uncovered_months": list(self.uncovered_months), "description": self.describe(),
                "implicit_country": self.implicit_country, "source": self.source,
                "summary": self.summary, "granularity": self.granularity,
                "months": list(self.store_months),
                "partial": [dict(p) for p in _partial_dicts(self.partial)]}


@functools.lru_cache(maxsize=64)
def _partial_dicts(partial: tuple[PartialMonth, ...]) -> tuple[dict, ...]:
    """The partial months as dicts, made once per set (a store can hold hundreds, and every
    answer's plan carries those of its period: ``dataclasses.asdict`` each time cost more
    than the query)."""
    return tuple(dataclasses.asdict(p) for p in partial)


def candidate_tables(needed: Iterable[str]) -> tuple[str, ...]:
    needed = frozenset(needed)
    cands = tuple(t for t in PREFERENCE if needed <= TABLE_DIMS[t])
    if not cands:
        pretty = " x ".join(sorted(d.replace("_", " ") for d in needed))
        raise NotAnswerableError(Message("error.not_answerable", {"dims": pretty}))
    return cands


def _whole_years(period: tuple[int, int] | None) -> bool:
    return (period is not None and 190001 < period[0] and period[1] < 220012
            and period[0] % 100 == 1 and period[1] % 100 == 12)


def _summary_fits(s: SummaryTable, f: TradeFilter, by: str | None, needed: set, implicit_country: str | None,
                  annual_ok: bool) -> bool:
    if not needed <= s.dims:
        return False
    if s.granularity == "year" and (not annual_ok or by == "month"):
        return False
    if s.country and (f.country or implicit_country) != s.country:
        return False
    if s.trade_type and (f.trade_type not in (None, s.trade_type) or by == "trade_type"):
        return False
    return True


def plan(f: TradeFilter, by: str | None, availability: Mapping[int, Sequence[int]],
         extra_dims: Iterable[str] = (), summaries: Mapping[str, Sequence[int]] | None = None,
         partial: Sequence[PartialMonth] = (), also: Sequence[tuple[int, int]] = ()) -> QueryPlan:
    """Plan a query. ``availability``: src id (1/2/3) -> sorted months held by the store (months
    whose raw total falls short of the summary's already left out; ``partial`` names them).

    ``summaries``: summary table name -> the months (monthly table) or years (annual table) it
    holds; without it only the raw tables answer. With it, one source answers the whole period
    (and every period in ``also``, a comparison): a raw table when it holds every month of them,
    else a summary table holding all of them - annual tables only for a year-granularity filter
    over whole calendar years. A series (``by`` month or year) and a month-granularity query are
    held to the same rule (a monthly summary answers a period no raw table holds in full). Only
    when no single source holds the whole period do the raw months the store holds answer, month
    by month (one table when one holds every month the store has), saying which tables and
    months answered and which are missing."""
    by = normalise_by(by)
    needed = set(f.dims) | set(extra_dims)
    if by and BREAKDOWNS[by]:
        needed.add(BREAKDOWNS[by])
    implicit_country = None
    if (by == "mx_state" or "mx_state" in needed) and f.country != "CA":
        implicit_country = None if f.country == "MX" else "MX"
    if f.country == "CA" and (by == "mx_state" or f.mx_states):
        raise NotAnswerableError(Message("error.mx_states_canada"))
    if f.country == "MX" and by == "ca_prov":
        raise NotAnswerableError(Message("error.ca_provinces_mexico"))
    cands = candidate_tables(needed)
    avail = {SRC_NAME[s]: set(v) for s, v in availability.items() if s in SRC_NAME}
    all_months = sorted(set().union(*avail.values())) if avail else []
    lo, hi = f.period if f.period else (None, None)
    months = [m for m in all_months if (lo is None or m >= lo) and (hi is None or m <= hi)]
    part = tuple(p for p in partial if (lo is None or p.year_month >= lo) and (hi is None or p.year_month <= hi))
    short = {(p.table, p.year_month) for p in partial}
    #: the months each table holds in full (a partial month is used only where nothing else answers)
    full = {t: {m for m in v if (t, m) not in short} for t, v in avail.items()}
    also = tuple((parse_period(a), parse_period(b)) for a, b in also)
    periods = ([f.period] if f.period else []) + list(also)
    closed = bool(periods) and all(190001 < a and b < 220012 for a, b in periods)
    if summaries is not None and closed:
        wanted = sorted({m for a, b in periods for m in ym_range(a, b)})
        annual_ok = f.granularity == "year" and all(_whole_years(p) for p in periods)
        # every query over a closed period: one raw table holding every month of it, else a
        # summary holding all of it (annual tables only for whole years at year granularity);
        # only when neither does, the months the store holds answer, month by month
        for t in cands:                       # one raw table holding every month of it
            if all(m in full.get(t, ()) for m in wanted):
                return _one_table_plan(by, needed, cands, t, wanted, f, implicit_country, part, also)
        for s in SUMMARY_TABLES:
            held = set(summaries.get(s.name, ()))
            if not held or not _summary_fits(s, f, by, needed, implicit_country, annual_ok):
                continue
            units = sorted({m // 100 for m in wanted}) if s.granularity == "year" else wanted
            if all(u in held for u in units):
                mine = [m for m in wanted if f.period and f.period[0] <= m <= f.period[1]]
                mine_units = sorted({m // 100 for m in mine}) if s.granularity == "year" else mine
                return QueryPlan(by, frozenset(needed), cands + (s.name,), (), {s.name: tuple(mine_units)},
                                 (), f.period, implicit_country, tuple(mine), summary=s.name,
                                 granularity=f.granularity, partial=part, also=also)
    if summaries is not None and months:          # one raw table holding every held month: it alone
        for t in cands:
            if all(m in full.get(t, ()) for m in months):
                return _one_table_plan(by, needed, cands, t, months, f, implicit_country, part, also)
    assign: list[tuple[int, int | None]] = []
    for m in months:
        src = next((SRC_ID[t] for t in cands if m in full.get(t, ())), None)
        if src is None:
            src = next((SRC_ID[t] for t in cands if m in avail.get(t, ())), None)
        assign.append((m, src))
    ranges: list[list[int]] = []
    prev_src = None
    assigned = set(assign)
    skipped: dict[int, list[int]] = {}  # per table, the partial months left out (sorted)
    for p in part:
        if (p.year_month, SRC_ID[p.table]) not in assigned:
            skipped.setdefault(SRC_ID[p.table], []).append(p.year_month)
    for lst in skipped.values():
        lst.sort()
    for m, src in assign:
        if src is not None:
            gaps = skipped.get(src, [])
            i = bisect.bisect_right(gaps, ranges[-1][2]) if ranges else 0
            left_out = bool(ranges) and i < len(gaps) and gaps[i] < m
            if ranges and prev_src == src and not left_out:
                ranges[-1][2] = m        # consecutive store months served by the same table
            else:
                ranges.append([src, m, m])
        prev_src = src
    by_table = {t: tuple(m for m, s in assign if s == SRC_ID[t]) for t in cands}
    uncovered = tuple(m for m, s in assign if s is None)
    return QueryPlan(by, frozenset(needed), cands, tuple((r[0], r[1], r[2]) for r in ranges),
                     by_table, uncovered, f.period, implicit_country, tuple(months),
                     granularity=f.granularity, partial=part, also=also)


def _one_table_plan(by, needed, cands, table: str, wanted: list[int], f: TradeFilter,
                    implicit_country, part, also) -> QueryPlan:
    lo, hi = f.period if f.period else (wanted[0], wanted[-1])
    mine = tuple(m for m in wanted if lo <= m <= hi)
    runs: list[list[int]] = []
    for m in mine:                                # calendar runs: a left-out month breaks a range
        if runs and m == (runs[-1][1] + 89 if runs[-1][1] % 100 == 12 else runs[-1][1] + 1):
            runs[-1][1] = m
        else:
            runs.append([m, m])
    ranges = tuple((SRC_ID[table], a, b) for a, b in runs)
    by_table = {t: (mine if t == table else ()) for t in cands}
    return QueryPlan(by, frozenset(needed), cands, ranges, by_table, (), f.period, implicit_country, mine,
                     granularity=f.granularity, partial=part, also=also)


# -- caveats -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Caveat:
    """A note that applies to a figure: ``code`` (e.g. ``"mx_state_imports"``), the
    :class:`~geo.core.messages.Message` that words it, and a severity."""

    code: str
    message: Message
    severity: str = "info"     # info | warning

    def __deepcopy__(self, memo):  # a value (pandas deep-copies a frame's attrs on every operation)
        return self

    @property
    def text(self) -> str:
        """English wording (logs, tests); the view words :attr:`message` through Qt."""
        return self.message.english()


#: up to this many months of a table held only in part are each given a note; more share one
PARTIAL_LISTED = 3


def _cav(code: str, severity: str = "info", **params) -> Caveat:
    return Caveat(code, Message("caveat." + code, params, severity), severity)


def caveats(f: TradeFilter, by: str | None, qplan: QueryPlan | None = None,
            flows: bool = False) -> list[Caveat]:
    """Notes that apply to a filter/breakdown (and, given a plan, to the data used)."""
    by = normalise_by(by)
    out: list[Caveat] = []
    with_imports = f.trade_type != "export"
    with_exports = f.trade_type != "import"
    mexico = f.country != "CA"
    uses_mx = by == "mx_state" or bool(f.mx_states) or flows
    if uses_mx and with_imports and mexico:
        sev = "warning" if (f.mx_states and with_imports) or f.trade_type == "import" else "info"
        out.append(_cav("mx_state_imports", sev))
    if (by == "us_state" or f.us_states or flows) and with_imports:
        out.append(_cav("us_state_importer"))
    if by == "mx_state" and f.country is None:
        out.append(_cav("mx_only"))
    if by == "mx_state" or f.mx_states:
        out.append(_cav("mx_legacy"))
    if by == "port" or f.ports or flows:
        out.append(_cav("district_codes"))
    uses_dot3 = qplan is not None and bool(qplan.months_by_table.get("DOT3"))
    lo = f.period[0] if f.period else (qplan.store_months[0] if qplan and qplan.store_months else None)
    if (uses_dot3 or by in ("commodity", "port") or f.commodities) and (lo is None or lo < 200701):
        out.append(_cav("dot3_start", "warning" if uses_dot3 and lo is not None and lo < 200701 else "info"))
    if with_exports:
        out.append(_cav("weights"))
    if qplan is not None:
        if qplan.empty:
            out.append(_cav("no_data", "warning", tables_list=list(qplan.candidates)))
        elif qplan.uncovered_months:
            miss = qplan.uncovered_months
            span = format_ym(miss[0]) + (f"..{format_ym(miss[-1])}" if len(miss) > 1 else "")
            out.append(_cav("coverage", "warning", count_n=len(miss), span=span,
                            tables_list=list(qplan.candidates)))
        if len(qplan.tables) > 1:
            out.append(_cav("mixed_tables", description=qplan.describe()))
        if qplan.summary:
            ms = qplan.store_months
            span = format_ym(ms[0]) + (f"..{format_ym(ms[-1])}" if len(ms) > 1 else "")
            out.append(_cav("summary_source", table=TABLE_TITLES.get(qplan.summary, qplan.summary), span=span))
            if qplan.summary == "bts_mx_state_year":
                out.append(_cav("summary_mx_states"))
            if 202010 in ms:
                out.append(_cav("summary_oct_2020"))
        groups: dict[tuple[bool, str], list] = {}
        for p in qplan.partial:
            used = not qplan.summary and p.year_month in qplan.months_by_table.get(p.table, ())
            groups.setdefault((used, p.table), []).append(p)
        for (used, table), months in groups.items():
            if len(months) <= PARTIAL_LISTED:   # each month said, with its file and gap
                for p in months:
                    out.append(_cav("partial_month_used" if used else "partial_month", "warning",
                                    file=p.file or "the bundled data", table=p.table,
                                    month_ym=p.year_month, raw_usd=p.raw_value, summary_usd=p.summary_value,
                                    gap_usd=p.gap))
                continue
            # many: one note for them (a note a month buried every other note)
            worst = max(months, key=lambda p: p.gap)
            yms = sorted(p.year_month for p in months)
            out.append(_cav("partial_months_used" if used else "partial_months", "warning", count_n=len(months),
                            table=table, from_ym=yms[0], to_ym=yms[-1],
                            gap_usd=sum(p.gap for p in months), month_ym=worst.year_month,
                            file=worst.file or "the bundled data"))
        if f.period and qplan.store_months:
            lo_, hi_ = f.period
            if lo_ <= 190001:   # open start / end: count from / to the store's own months
                lo_ = qplan.store_months[0]
            if hi_ >= 220012:
                hi_ = qplan.store_months[-1]
            expected = len(ym_range(lo_, hi_)) if lo_ <= hi_ else 0
            if expected and len(qplan.store_months) < expected:
                out.append(_cav("missing_months", "warning", have_n=len(qplan.store_months),
                                expected_n=expected))
    return out


@dataclass
class Totals:
    value: int = 0
    shipwt: int = 0
    freight_charges: int = 0
    records: int = 0
    plan: QueryPlan | None = None
    caveats: list[Caveat] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"value": self.value, "shipwt": self.shipwt, "freight_charges": self.freight_charges,
                "records": self.records}


# -- thin functional API over a store ------------------------------------------------------
def totals(store, f: TradeFilter) -> Totals:
    return store.totals(f)


def breakdown(store, f: TradeFilter, by: str):
    return store.breakdown(f, by)


def flow_triples(store, f: TradeFilter):
    return store.flow_triples(f)


def crossings(store, port_codes=None, measures=None, period=None, by=("port",), border=None):
    return store.crossings(port_codes=port_codes, measures=measures, period=period, by=by, border=border)


def available_periods(store) -> dict[str, list[int]]:
    return store.available_periods()
