"""Label placement: greedy, by priority, with no two labels overlapping.

The desktop measures text (it owns fonts); this module decides which labels fit and where.
Each candidate has an anchor in screen pixels, a text box size, a priority and the
positions it may take (centred on the anchor, or beside a point symbol). Candidates are
taken in priority order and each takes the first position that collides with nothing
already placed and stays on screen; candidates that fit nowhere are dropped. Symbols can
be registered as obstacles so labels do not cover them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Offsets (as fractions of the box) for positions around a point symbol of radius r:
# right, left, above, below, then the four diagonals.
POINT_POSITIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))


@dataclass
class Candidate:
    key: object  # caller's handle (layer id, feature index)
    x: float
    y: float
    w: float
    h: float
    priority: float
    mode: str = "point"  # "point" (beside a symbol) or "centre"
    gap: float = 3.0  # distance from the anchor (symbol radius + padding) for "point"


@dataclass(frozen=True)
class Placed:
    key: object
    left: float
    top: float
    w: float
    h: float


class _Grid:
    """Uniform grid of rectangles for fast overlap tests."""

    def __init__(self, cell: float = 96.0):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def hits(self, l, t, r, b) -> bool:
        c, cells = self.cell, self.cells
        for i in range(int(l // c), int(r // c) + 1):
            for j in range(int(t // c), int(b // c) + 1):
                rects = cells.get((i, j))
                if rects:
                    for (L, T, R, B) in rects:
                        if l < R and r > L and t < B and b > T:
                            return True
        return False

    def add(self, l, t, r, b) -> None:
        c, cells = self.cell, self.cells
        box = (l, t, r, b)
        for i in range(int(l // c), int(r // c) + 1):
            for j in range(int(t // c), int(b // c) + 1):
                cells.setdefault((i, j), []).append(box)


def place_labels(
    candidates: list[Candidate],
    width: float,
    height: float,
    obstacles: list[tuple[float, float, float, float]] = (),
    padding: float = 2.0,
) -> list[Placed]:
    """Place as many candidates as fit, most important first. Returned boxes never overlap
    each other (with `padding` pixels between them), nor any obstacle (l, t, r, b)."""
    grid = _Grid()
    for ob in obstacles:
        grid.add(*ob)
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].priority)
    placed: list[Placed] = []
    for i in order:
        c = candidates[i]
        for left, top in _positions(c):
            l, t, r, b = left - padding, top - padding, left + c.w + padding, top + c.h + padding
            if left < 0 or top < 0 or left + c.w > width or top + c.h > height:
                continue
            if grid.hits(l, t, r, b):
                continue
            grid.add(l, t, r, b)
            placed.append(Placed(c.key, left, top, c.w, c.h))
            break
    return placed


def _positions(c: Candidate):
    if c.mode == "centre":
        yield c.x - c.w / 2, c.y - c.h / 2
        return
    for fx, fy in POINT_POSITIONS:
        if fx > 0:
            left = c.x + c.gap
        elif fx < 0:
            left = c.x - c.gap - c.w
        else:
            left = c.x - c.w / 2
        if fy < 0:
            top = c.y - c.gap - c.h if fx == 0 else c.y - c.h
        elif fy > 0:
            top = c.y + c.gap if fx == 0 else c.y
        else:
            top = c.y - c.h / 2
        yield left, top


def boxes_overlap(placed: list[Placed]) -> list[tuple[object, object]]:
    """Pairs of placed labels whose boxes intersect (for tests and diagnostics)."""
    out = []
    arr = np.array([(p.left, p.top, p.left + p.w, p.top + p.h) for p in placed]).reshape(-1, 4)
    for i in range(len(placed)):
        l, t, r, b = arr[i]
        hit = (arr[i + 1:, 0] < r) & (arr[i + 1:, 2] > l) & (arr[i + 1:, 1] < b) & (arr[i + 1:, 3] > t)
        for j in np.nonzero(hit)[0]:
            out.append((placed[i].key, placed[i + 1 + j].key))
    return out
