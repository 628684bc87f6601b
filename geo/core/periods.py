"""Months and periods: ``YYYYMM`` integers, calendar ranges, and :class:`Period` (a span
with its granularity, month or year), the one home for month arithmetic."""
from __future__ import annotations

from dataclasses import dataclass

GRANULARITIES = ("month", "year")


def format_ym(ym: int) -> str:
    """``202103`` -> ``'2021-03'`` (ISO-like, for files and the command line)."""
    return f"{ym // 100}-{ym % 100:02d}"


def ym_range(lo: int, hi: int) -> list[int]:
    """Every calendar month from ``lo`` to ``hi`` inclusive (``YYYYMM`` ints)."""
    out, y, m = [], lo // 100, lo % 100
    while y * 100 + m <= hi:
        out.append(y * 100 + m)
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def add_months(ym: int, n: int) -> int:
    i = (ym // 100) * 12 + (ym % 100 - 1) + n
    return (i // 12) * 100 + i % 12 + 1


@dataclass(frozen=True)
class Period:
    """A span of calendar time at a granularity: ``Period(202101, 202112, "month")``, or a
    span of whole years ``Period(202001, 202412, "year")`` (the months are always held, so a
    layer answered from an annual table and one from monthly tables compare on one axis)."""

    lo: int
    hi: int
    granularity: str = "month"

    def __post_init__(self):
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {GRANULARITIES}, not {self.granularity!r}")
        if self.lo > self.hi:
            raise ValueError(f"period starts ({format_ym(self.lo)}) after it ends ({format_ym(self.hi)})")
        if self.granularity == "year" and (self.lo % 100 != 1 or self.hi % 100 != 12):
            raise ValueError("a yearly period runs from January to December")

    @classmethod
    def years(cls, first: int, last: int) -> "Period":
        return cls(first * 100 + 1, last * 100 + 12, "year")

    def months(self) -> list[int]:
        return ym_range(self.lo, self.hi)

    def year_list(self) -> list[int]:
        return list(range(self.lo // 100, self.hi // 100 + 1))

    @property
    def as_tuple(self) -> tuple[int, int]:
        return (self.lo, self.hi)
