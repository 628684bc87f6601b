"""What the store holds, month by month on the calendar: which source holds each month, and
the gaps, each explained. The time line shows this, so a missing month is seen, never
skipped silently (BTS itself published no raw files for October–December 2020)."""
from __future__ import annotations

from dataclasses import dataclass, field

from geo.core.messages import Message, msg
from geo.core.periods import ym_range

#: gaps BTS itself left in the raw TransBorder files: (first, last, message code)
KNOWN_GAPS: tuple[tuple[int, int, str], ...] = ((202010, 202012, "coverage.bts_2020_gap"),)
#: the sources the time line draws, in order (trade tables; crossings are counts)
TRADE_SOURCES = ("DOT1", "DOT2", "DOT3")
#: the annual summary that answers whole years the raw months do not (US state x partner x mode
#: x direction, "BTS via UNT"); its years are drawn as the "summaries" row of the time line
SUMMARY_SOURCE = "summaries"
SUMMARY_TABLE = "bts_us_state_year"


@dataclass(frozen=True)
class Gap:
    lo: int
    hi: int
    reason: Message


@dataclass
class Coverage:
    """Calendar months from the first to the last month any trade source holds."""

    months: list[int]
    sources: dict[str, frozenset[int]] = field(default_factory=dict)

    def held_by(self, ym: int) -> list[str]:
        return [s for s, held in self.sources.items() if ym in held]

    def trade_held(self, ym: int) -> bool:
        return any(ym in self.sources.get(s, ()) for s in TRADE_SOURCES)

    def raw_span(self) -> tuple[int, int] | None:
        raw = sorted(set().union(*(self.sources.get(s, frozenset()) for s in TRADE_SOURCES)))
        return (raw[0], raw[-1]) if raw else None

    def whole_years_only(self, ym: int) -> bool:
        """True for a month only the annual summaries hold (whole years can be chosen there)."""
        return not self.trade_held(ym) and ym in self.sources.get(SUMMARY_SOURCE, frozenset())

    def gaps(self) -> list[Gap]:
        """Runs of months no raw trade table holds, inside the raw tables' span, with the reason
        when known (the annual summaries still answer the whole years around them)."""
        out: list[Gap] = []
        run: list[int] = []
        span = self.raw_span()
        inside = [m for m in self.months if span and span[0] <= m <= span[1]]
        for m in inside + [0]:
            if m and not self.trade_held(m):
                run.append(m)
                continue
            if run:
                lo, hi = run[0], run[-1]
                reason = next((msg(code, lo_ym=lo, hi_ym=hi) for a, b, code in KNOWN_GAPS
                               if a <= lo and hi <= b), None)
                out.append(Gap(lo, hi, reason or msg("coverage.not_held", lo_ym=lo, hi_ym=hi, count_n=len(run))))
                run = []
        return out

    def missing_in(self, lo: int, hi: int) -> list[int]:
        """Months of lo..hi no raw table holds; for whole years, months the annual summaries
        hold are not missing (the summaries answer those years whole)."""
        whole = lo % 100 == 1 and hi % 100 == 12
        summary = self.sources.get(SUMMARY_SOURCE, frozenset()) if whole else frozenset()
        return [m for m in ym_range(lo, hi) if m in set(self.months) and not self.trade_held(m)
                and m not in summary]

    def month_note(self, ym: int) -> Message:
        held = self.held_by(ym)
        if held:
            return msg("coverage.held", month_ym=ym, sources_list=held)
        for g in self.gaps():
            if g.lo <= ym <= g.hi:
                return g.reason
        return msg("coverage.not_held", lo_ym=ym, hi_ym=ym, count_n=1)


def coverage(store) -> Coverage:
    """The calendar runs from the first raw trade month to the last month the raw tables or the
    annual summaries hold (so 2025 can be chosen, as a whole year)."""
    periods = store.available_periods() if store is not None else {}
    sources = {k: frozenset(int(m) for m in v) for k, v in periods.items() if v}
    trade = sorted(set().union(*(sources.get(s, frozenset()) for s in TRADE_SOURCES)))
    held: dict[str, list[int]] = {}
    if store is not None and hasattr(store, "summary_periods"):
        held = store.summary_periods() or {}
    years = held.get(SUMMARY_TABLE, [])
    if trade and years:
        summary = frozenset(y * 100 + m for y in years for m in range(1, 13) if y * 100 + 12 >= trade[0])
        if summary:
            sources[SUMMARY_SOURCE] = summary
            trade = sorted(set(trade) | {max(summary)})
    months = ym_range(trade[0], trade[-1]) if trade else []
    return Coverage(months, sources)
