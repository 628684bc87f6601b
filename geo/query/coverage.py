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

    def gaps(self) -> list[Gap]:
        """Runs of calendar months no trade source holds, with the reason when known."""
        out: list[Gap] = []
        run: list[int] = []
        for m in self.months + [0]:
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
        return [m for m in ym_range(lo, hi) if m in set(self.months) and not self.trade_held(m)]

    def month_note(self, ym: int) -> Message:
        held = self.held_by(ym)
        if held:
            return msg("coverage.held", month_ym=ym, sources_list=held)
        for g in self.gaps():
            if g.lo <= ym <= g.hi:
                return g.reason
        return msg("coverage.not_held", lo_ym=ym, hi_ym=ym, count_n=1)


def coverage(store) -> Coverage:
    periods = store.available_periods() if store is not None else {}
    sources = {k: frozenset(int(m) for m in v) for k, v in periods.items() if v}
    trade = sorted(set().union(*(sources.get(s, frozenset()) for s in TRADE_SOURCES)))
    months = ym_range(trade[0], trade[-1]) if trade else []
    return Coverage(months, sources)
