"""Nice round numbers for legends and scales (one home for the rounding)."""
from __future__ import annotations

import math

#: mantissas for scale-bar-like steps (1, 2, 2.5, 5 × 10^k)
SCALE_STEPS = (1.0, 2.0, 2.5, 5.0)
#: every one-significant-digit value (1…9 × 10^k)
ONE_DIGIT = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)


def nice_floor(v: float, steps: tuple[float, ...] = SCALE_STEPS) -> float:
    """The largest ``m × 10^k`` (m in ``steps``) not above ``v``; 0 for v <= 0."""
    if v <= 0:
        return 0.0
    e = math.floor(math.log10(v))
    best = 10.0 ** e
    for m in steps:
        if m * 10.0 ** e <= v * (1 + 1e-12):
            best = m * 10.0 ** e
    return best


def size_steps(values, size_range: tuple[float, float], fractions=(1.0, 0.25, 0.04),
               size_max: float | None = None) -> list[tuple[float, float]]:
    """(value, radius) reference sizes for symbols scaled by the square root of ``values``
    between ``size_range`` pixels: the largest value (or ``size_max``) and round fractions."""
    import numpy as np

    vals = np.asarray(values, float)
    top = float(size_max) if size_max else (float(np.nanmax(vals)) if len(vals) else 0.0)
    if top <= 0:
        return []
    lo, hi = size_range
    out = []
    for frac in fractions:
        v = nice_floor(top * frac, ONE_DIGIT)
        out.append((v, lo + (hi - lo) * math.sqrt(v / top)))
    return out
