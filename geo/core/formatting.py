"""How figures read everywhere in the app: legends, tooltips, labels, notes."""
from __future__ import annotations

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_usd(v: float) -> str:
    """``1.43e9`` -> ``'$1.43B'``; ``310e6`` -> ``'$310M'``; ``12_500`` -> ``'$12.5K'``."""
    v = float(v)
    a = abs(v)
    for div, suf in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            x = v / div
            s = f"{x:.3g}" if abs(x) < 100 else f"{x:.0f}"
            return f"${s}{suf}"
    return f"${v:,.0f}"


def format_count(v: float) -> str:
    """Counts of trucks, containers, facilities: ``1_234_567`` -> ``'1.23M'``, ``45_000`` -> ``'45K'``."""
    a = abs(v)
    if a >= 1e6:
        return f"{v / 1e6:,.2f}M"
    if a >= 1e4:
        return f"{v / 1e3:,.0f}K"
    return f"{v:,.0f}"


def month_label(ym: int) -> str:
    """``202103`` -> ``'Mar 2021'`` (English; the desktop translates its own labels)."""
    return f"{MONTHS[ym % 100 - 1]} {ym // 100}"


def format_share(share: float) -> str:
    """A share of a total: ``0.0004`` -> ``'<0.1%'``, ``0.031`` -> ``'3.1%'``, ``0.31`` -> ``'31%'``."""
    p = share * 100
    if p == 0:
        return "0%"
    if p < 0.1:
        return "<0.1%"
    return f"{p:.1f}%" if p < 10 else f"{p:.0f}%"


def format_change(change: float) -> str:
    """A relative change, signed: ``-0.086`` -> ``'−8.6%'``, ``0.31`` -> ``'+31%'``, ``2.5`` -> ``'+250%'``."""
    p = change * 100
    if abs(p) < 0.05:
        return "0%"
    text = f"{p:+.1f}%" if abs(p) < 10 else f"{p:+,.0f}%"
    return text.replace("-", "\u2212")
