"""Translation helpers shared by every view room: month names and other small words the
model hands over as numbers or codes, worded through Qt's translation."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from geo.core.formatting import MONTHS


def tr(context: str, text: str) -> str:
    """``QCoreApplication.translate``; works without a window (the command line uses it)."""
    return QCoreApplication.translate(context, text)


def month_label(ym: int) -> str:
    """``202103`` -> ``'Mar 2021'`` in the interface language."""
    return f"{tr('Months', MONTHS[ym % 100 - 1])} {ym // 100}"


def period_label(lo: int, hi: int) -> str:
    """One month, or ``'Jan 2021 – Dec 2021'``."""
    return month_label(lo) if lo == hi else f"{month_label(lo)} – {month_label(hi)}"
