"""Coordinates as people type them: decimal (``25.67``, ``-100,31``) or degrees-minutes-seconds
(``20°43'58"``, ``25º56'52.6"``, ``19°35'17.05''``, ``100 18 43 W``, a stray space), with a
hemisphere letter (N/S/E/W, Spanish O for *oeste*) before or after.

:func:`parse_coordinate` answers the signed degrees or ``None`` with the reason; nothing is
guessed: a value it cannot read whole is an error, never a partial number.
"""
from __future__ import annotations

import re

__all__ = ["parse_coordinate", "CoordinateError"]

_DEG = "°º˚"           # the degree sign, the masculine ordinal people type for it, a ring
_MIN = "'′’´‘"
_SEC = "\"″”“"
_HEMI = {"n": 1, "s": -1, "e": 1, "w": -1, "o": -1}
_NUM = r"\d+(?:[.,]\d+)?"
_DMS_RE = re.compile(
    rf"^(?P<d>{_NUM})\s*[{_DEG}]?\s*(?:(?P<m>{_NUM})\s*[{_MIN}]?\s*(?:(?P<s>{_NUM})\s*(?:[{_SEC}]|[{_MIN}]{{2}})?)?)?$")
_DEC_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class CoordinateError(ValueError):
    """A coordinate that cannot be read; ``str()`` says why in English."""


def _num(t: str) -> float:
    return float(t.replace(",", "."))


def parse_coordinate(text) -> float:
    """Signed decimal degrees of ``text`` (a float passes through); raises
    :class:`CoordinateError` when it is not a coordinate."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    t = str(text).strip().replace("\u00a0", " ")
    if not t:
        raise CoordinateError("empty")
    sign = 1.0
    low = t.lower()
    # hemisphere letter before or after ("N 25°", "100°18'43\" W", "99.1 O")
    if low[-1] in _HEMI and not low[-1].isdigit() and (len(low) == 1 or not low[-2].isalpha()):
        sign, t = _HEMI[low[-1]], t[:-1].strip()
    elif low[0] in _HEMI and (len(low) == 1 or not low[1].isalpha()):
        sign, t = _HEMI[low[0]], t[1:].strip()
    if t[:1] in "+-":
        if t[0] == "-":
            sign = -sign
        t = t[1:].strip()
    if _DEC_RE.match(t):
        return sign * _num(t)
    m = _DMS_RE.match(t)
    if not m or not (m.group("m") or any(c in t for c in _DEG)):
        raise CoordinateError(f"'{text}' is not a coordinate (decimal degrees or degrees°minutes'seconds\")")
    d = _num(m.group("d"))
    mi = _num(m.group("m")) if m.group("m") else 0.0
    s = _num(m.group("s")) if m.group("s") else 0.0
    if mi >= 60 or s >= 60:
        raise CoordinateError(f"'{text}': minutes and seconds must be below 60")
    return sign * (d + mi / 60.0 + s / 3600.0)
