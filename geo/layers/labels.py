"""Label placement: greedy, by priority, with no two labels overlapping.

The desktop measures text (it owns fonts); this module decides which labels fit and where.
Each candidate has an anchor in screen pixels, a text box size, a priority and the
positions it may take (centred on the anchor or on other points inside its polygon, or
beside a point symbol). Candidates are taken in priority order and each takes the first
position that collides with nothing already placed and stays on screen; candidates that fit
nowhere are dropped. Symbols are obstacles so labels do not cover them: hard ones (ports,
seaports) are never covered; soft ones (the translucent cluster discs) only by a label that
has no clean place at that distance. A point label that allows leaders and finds no room
beside its symbol may stand up to ``LEADER_RINGS`` steps further off, joined to its symbol
by a leader line that crosses no symbol and no label.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterator, NamedTuple, Sequence

import numpy as np
import shapely

from geo.layers.hittest import point_radii

# The order in which layers win label space (first = most important).
LABEL_RANK = ("ports", "states", "clusters", "seaports", "cities", "industrial_parks", "crossings")

# Offsets (as fractions of the box) for positions around a point symbol of radius r:
# right, left, above, below, then the four diagonals.
POINT_POSITIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
# Leader positions: rings LEADER_STEP pixels apart beyond the symbol, same directions.
LEADER_STEP = 7.0
LEADER_RINGS = 4
# How far around a symbol other symbols of its layer count as neighbours its label must
# not stand nearer to.
NEIGHBOUR_PX = 90.0
NEIGHBOUR_SLACK = 4.0  # px a neighbour may be nearer (the leader line says which symbol)
# A label beside its symbol keeps this far from other symbols of its layer, unless they
# touch its own (ports a few kilometres apart read as one place)
NEIGHBOUR_CLEAR = 10.0
# Making room for a label that must show: how deep labels may push each other, and how many
# occupied positions one repair may try.
REPAIR_DEPTH = 2
REPAIR_BUDGET = 40
# Rounds of placing the labels that must show, those left out first each time.
MUST_RETRIES = 3
# Sixteen directions for leader positions: the eight of POINT_POSITIONS, then those between.
_ANGLES = [np.arctan2(fy, fx) for fx, fy in POINT_POSITIONS] + [k * np.pi / 8 for k in range(1, 16, 2)]
LEADER_DIRECTIONS = tuple((round(float(np.cos(a)), 4), round(float(np.sin(a)), 4)) for a in _ANGLES)
# Other centres tried for a polygon label whose own anchor is taken: a grid of steps of
# (w / 8, h / 4) around it, nearest first, out to (w, 3 h); a centre is used when the
# box stays mostly inside the polygon.
_GX, _GY = np.meshgrid(np.arange(-8, 9) * 0.125, np.arange(-12, 13) * 0.25)
_GRID = sorted((float(ox), float(oy)) for ox, oy in zip(_GX.ravel(), _GY.ravel()) if ox or oy)
MAX_ALTERNATIVES = 40
POLYGON_OFFSETS = tuple(sorted(_GRID, key=lambda o: (o[0] ** 2 + (o[1] * 0.6) ** 2, abs(o[0]), o)))


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
    text: str = ""  # what is drawn
    radius: float = 0.0  # the symbol's radius, where a leader line starts
    leaders: bool = False  # may stand further off with a leader line
    # "centre": other centres to try, in lists from better to worse, computed only when the
    # anchor is taken
    alternatives: Callable[[], Sequence[Sequence[tuple[float, float]]]] | None = None
    must: bool = False  # placed before the others, with retries (LabelSpec.must_field)
    # screen points (xs, ys) -> mask of those on ground the label keeps off when it can
    avoid: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
    # (x, y, radius) of the other symbols of its layer nearby: the label must stand nearer
    # to its own symbol than to any of them
    neighbours: tuple[tuple[float, float, float], ...] = ()
    _rings: tuple[list, Iterator] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Placed:
    key: object
    left: float
    top: float
    w: float
    h: float
    text: str = ""
    leader: tuple[float, float, float, float] | None = None  # (x0, y0, x1, y1): symbol edge to box


class Obstacle(NamedTuple):
    """A screen box (l, t, r, b) labels keep out of. `circle`: only the disc inscribed in the
    box; `soft`: a label with no other place may cover it."""

    left: float
    top: float
    right: float
    bottom: float
    circle: bool = False
    soft: bool = False


_NONE, _SOFT, _HARD = 0, 1, 2


_BOX, _DISC, _LINE = 0, 1, 2


class _Grid:
    """Uniform grid of boxes, discs and line segments (leaders) for fast overlap tests.
    An item is (l, t, r, b, shape, soft, line): its bounding box, `_BOX`, `_DISC` (the disc
    inscribed in the box) or `_LINE` (the segment `line` = (x0, y0, dx, dy))."""

    def __init__(self, cell: float = 48.0):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple]] = {}

    def collides(self, l, t, r, b) -> int:
        """_HARD if the box meets a hard item, else _SOFT if it meets a soft one, else _NONE."""
        c, cells = self.cell, self.cells
        found = _NONE
        for i in range(int(l // c), int(r // c) + 1):
            for j in range(int(t // c), int(b // c) + 1):
                items = cells.get((i, j))
                if not items:
                    continue
                for (L, T, R, B, shape, soft, line) in items:
                    if l >= R or r <= L or t >= B or b <= T:
                        continue
                    if shape:  # a disc or a line: does it meet the box, not just its bounds?
                        if shape == _DISC:
                            cx, cy, rad = (L + R) / 2, (T + B) / 2, (R - L) / 2
                            dx = cx - (l if cx < l else r if cx > r else cx)
                            dy = cy - (t if cy < t else b if cy > b else cy)
                            if dx * dx + dy * dy >= rad * rad:
                                continue
                        elif not _segment_meets_box(line[0], line[1], line[2], line[3], l, t, r, b):
                            continue
                    if not soft:
                        return _HARD
                    found = _SOFT
        return found

    def segment_hits(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether the segment meets a hard item."""
        c, cells = self.cell, self.cells
        l, r, t, b = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        dx, dy = x1 - x0, y1 - y0
        for i in range(int(l // c), int(r // c) + 1):
            for j in range(int(t // c), int(b // c) + 1):
                for (L, T, R, B, shape, soft, line) in cells.get((i, j), ()):
                    if soft or not (l <= R and r >= L and t <= B and b >= T):
                        continue
                    if shape == _DISC:
                        cx, cy, rad = (L + R) / 2, (T + B) / 2, (R - L) / 2
                        n = dx * dx + dy * dy
                        k = 0.0 if n == 0 else min(max(((cx - x0) * dx + (cy - y0) * dy) / n, 0.0), 1.0)
                        if (x0 + k * dx - cx) ** 2 + (y0 + k * dy - cy) ** 2 < rad * rad:
                            return True
                    elif shape == _LINE:
                        if _segments_cross(x0, y0, dx, dy, line[0], line[1], line[2], line[3]):
                            return True
                    elif _segment_meets_box(x0, y0, dx, dy, L, T, R, B):
                        return True
        return False

    def hits(self, l, t, r, b) -> bool:
        return self.collides(l, t, r, b) != _NONE

    def copy(self) -> "_Grid":
        g = _Grid(self.cell)
        g.cells = {k: list(v) for k, v in self.cells.items()}
        return g

    def add(self, l, t, r, b, circle: bool = False, soft: bool = False) -> None:
        self.add_item((l, t, r, b, _DISC if circle else _BOX, soft, None))

    def add_line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.add_item(_line_item(x0, y0, x1, y1))

    def add_item(self, item: tuple) -> None:
        c, cells = self.cell, self.cells
        l, t, r, b = item[:4]
        for i in range(int(l // c), int(r // c) + 1):
            for j in range(int(t // c), int(b // c) + 1):
                cells.setdefault((i, j), []).append(item)

    def remove_item(self, item: tuple) -> None:
        c, cells = self.cell, self.cells
        l, t, r, b = item[:4]
        for i in range(int(l // c), int(r // c) + 1):
            for j in range(int(t // c), int(b // c) + 1):
                cells[(i, j)].remove(item)


def _line_item(x0: float, y0: float, x1: float, y1: float) -> tuple:
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), _LINE, False, (x0, y0, x1 - x0, y1 - y0))


def _segments_cross(x0, y0, dx, dy, u0, v0, du, dv) -> bool:
    """Whether two segments (start, direction) intersect."""
    den = dx * dv - dy * du
    if den == 0:
        return False
    s = ((u0 - x0) * dv - (v0 - y0) * du) / den
    k = ((u0 - x0) * dy - (v0 - y0) * dx) / den
    return 0.0 <= s <= 1.0 and 0.0 <= k <= 1.0


def _segment_meets_box(x0, y0, dx, dy, L, T, R, B) -> bool:
    """Liang–Barsky: whether the segment from (x0, y0) along (dx, dy) enters the open box."""
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - L), (dx, R - x0), (-dy, y0 - T), (dy, B - y0)):
        if p == 0:
            if q <= 0:
                return False
        else:
            k = q / p
            if p < 0:
                lo = max(lo, k)
            else:
                hi = min(hi, k)
            if lo >= hi:
                return False
    return True


def place_labels(
    candidates: list[Candidate],
    width: float,
    height: float,
    obstacles: Sequence[tuple[float, float, float, float] | Obstacle] = (),
    padding: float = 2.0,
) -> list[Placed]:
    """Place as many candidates as fit, most important first. Returned boxes never overlap
    each other (with `padding` pixels between them), nor any hard obstacle (l, t, r, b)
    or :class:`Obstacle`; leader lines cross no symbol and no label.

    The labels that must show (``Candidate.must``) go first, the least movable first. One
    that finds no place may take a place held by one or two of them if they can move
    elsewhere; those still left out are tried again ahead of the others (up to
    ``MUST_RETRIES`` rounds) and the round that places most of them is kept."""
    base = _Grid()
    for ob in obstacles:
        base.add(*ob)  # an Obstacle, or a plain (l, t, r, b) box
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].priority)
    # among the labels that must show, the least movable go first: names inside their
    # polygon, smallest polygon first, then the point labels, most important first
    must = sorted((i for i in order if candidates[i].must),
                  key=lambda i: (0, candidates[i].priority) if candidates[i].mode == "centre"
                  else (1, -candidates[i].priority))
    rest = [i for i in order if not candidates[i].must]
    best: tuple[tuple[int, float], _Grid, list[Placed]] | None = None
    for _round in range(MUST_RETRIES + 1):
        grid = base.copy()
        placed = _place(candidates, must, grid, width, height, padding)
        if len(placed) < len(must):
            placed = _repair(candidates, must, placed, grid, width, height, padding)
        done = {p.key for p in placed}
        failed = [i for i in must if candidates[i].key not in done]
        score = (len(placed), sum(candidates[i].priority for i in must if candidates[i].key in done))
        if best is None or score > best[0]:
            best = (score, grid, placed)
        if not failed:
            break
        must = failed + [i for i in must if i not in failed]
    assert best is not None
    _score, grid, placed = best
    return placed + _place(candidates, rest, grid, width, height, padding)


def _place(candidates: list[Candidate], order: list[int], grid: _Grid, width: float, height: float,
           padding: float) -> list[Placed]:
    """Greedy placement of `order` into `grid` (which records what is placed)."""
    placed: list[Placed] = []
    for i in order:
        c = candidates[i]
        found = _choose(c, grid, width, height, padding)
        if found is not None:
            placed.append(_put(grid, c, found, padding))
    return placed


def _put(grid: _Grid, c: Candidate, found: tuple, padding: float) -> Placed:
    left, top, leader = found
    p = Placed(c.key, left, top, c.w, c.h, c.text, leader)
    _mark(grid, p, grid.add_item)
    return p


def _mark(grid: _Grid, p: Placed, how: Callable) -> None:
    """Add (or remove) a placed label's box and leader line to (from) the grid. The box is
    the text's own: a candidate's box grown by the padding keeps the gap."""
    how((p.left, p.top, p.left + p.w, p.top + p.h, _BOX, False, None))
    if p.leader is not None:
        how(_line_item(*p.leader))


def _repair(candidates: list[Candidate], order: list[int], placed: list[Placed], grid: _Grid,
            width: float, height: float, padding: float) -> list[Placed]:
    """Give each left-out label a place held by one or two placed labels that can move
    elsewhere, themselves perhaps moving one or two others (``REPAIR_DEPTH``); returns the
    placed labels."""
    index = {candidates[i].key: i for i in order}
    held = {index[p.key]: p for p in placed}
    budget = [REPAIR_BUDGET]
    for f in [i for i in order if i not in held]:
        _make_room(_Room(candidates, grid, width, height, padding, budget), f, held, REPAIR_DEPTH, frozenset())
    return [held[i] for i in order if i in held]


@dataclass
class _Room:
    candidates: list[Candidate]
    grid: _Grid
    width: float
    height: float
    padding: float
    budget: list[int]  # positions left to try, shared by one repair


def _make_room(r: _Room, f: int, held: dict[int, Placed], depth: int, frozen: frozenset) -> bool:
    """Place candidate `f` (not held): at a free position, else (depth > 0) at one held by one
    or two labels not `frozen` that can make room in turn. Leaves `held` and the grid as
    they were when it fails."""
    c, grid, pad = r.candidates[f], r.grid, r.padding
    found = _choose(c, grid, r.width, r.height, pad)
    if found is not None:
        held[f] = _put(grid, c, found, pad)
        return True
    if depth == 0:
        return False
    for ring, positions in _rings(c):
        for left, top in positions:
            if r.budget[0] <= 0:
                return False
            if left < 0 or top < 0 or left + c.w > r.width or top + c.h > r.height:
                continue
            box = (left - pad, top - pad, left + c.w + pad, top + c.h + pad)
            blockers = [j for j, p in held.items() if _meets(p, box)]
            if not 0 < len(blockers) <= 2 or frozen.intersection(blockers):
                continue
            r.budget[0] -= 1
            before = dict(held)
            for j in blockers:
                _mark(grid, held.pop(j), grid.remove_item)
            found = _with_leader(c, grid, ring, left, top) if grid.collides(*box) != _HARD else None
            if found is not None:
                held[f] = _put(grid, c, found, pad)
                keep = frozen | {f, *blockers}
                if all(_make_room(r, j, held, depth - 1, keep) for j in blockers):
                    return True
            _restore(grid, held, before, pad)
    return False


def _restore(grid: _Grid, held: dict[int, Placed], before: dict[int, Placed], padding: float) -> None:
    """Put `held` (and the grid) back as `before`."""
    for k, p in list(held.items()):
        if before.get(k) is not p:
            _mark(grid, p, grid.remove_item)
            del held[k]
    for k, p in before.items():
        if k not in held:
            _mark(grid, p, grid.add_item)
            held[k] = p


def _meets(p: Placed, box: tuple[float, float, float, float]) -> bool:
    l, t, r, b = box
    if p.left < r and p.left + p.w > l and p.top < b and p.top + p.h > t:
        return True
    if p.leader is None:
        return False
    x0, y0, x1, y1 = p.leader
    return _segment_meets_box(x0, y0, x1 - x0, y1 - y0, l, t, r, b)


def _choose(c: Candidate, grid: _Grid, width: float, height: float, padding: float):
    """(left, top, leader or None) of the first free position of `c`, or None. Ring by ring:
    the first position that meets nothing, else the first that meets only soft obstacles."""
    for ring, positions in _rings(c):
        covering = []
        for left, top in positions:
            if left < 0 or top < 0 or left + c.w > width or top + c.h > height:
                continue
            hit = grid.collides(left - padding, top - padding, left + c.w + padding, top + c.h + padding)
            if hit == _HARD:
                continue
            if hit == _SOFT:
                covering.append((left, top))
                continue
            found = _with_leader(c, grid, ring, left, top)
            if found is not None:
                return found
        for left, top in covering:
            found = _with_leader(c, grid, ring, left, top)
            if found is not None:
                return found
    return None


def _with_leader(c: Candidate, grid: _Grid, ring: int, left: float, top: float):
    """(left, top, leader): the leader a position beyond the first ring needs, or None when
    that leader would cross a symbol or a label, or when the label would stand nearer to a
    neighbouring symbol of its layer than to its own (a name reads as the nearest symbol's)."""
    if c.mode != "point":
        return left, top, None
    if c.neighbours:
        own = _box_distance(left, top, c.w, c.h, c.x, c.y) - c.radius
        if ring == 0:  # beside its symbol, it touches what it names: only keep off other symbols
            if any(_box_distance(left, top, c.w, c.h, x, y) - r < NEIGHBOUR_CLEAR
                   and math.hypot(x - c.x, y - c.y) > c.radius + r + NEIGHBOUR_CLEAR for x, y, r in c.neighbours):
                return None
        elif any(_box_distance(left, top, c.w, c.h, x, y) - r + NEIGHBOUR_SLACK <= own for x, y, r in c.neighbours):
            return None
    if ring == 0:
        return left, top, None
    leader = _leader(c, left, top)
    if leader is not None:
        x0, y0, x1, y1 = leader
        length = float(np.hypot(x1 - x0, y1 - y0))
        skip, end = (c.gap - c.radius) / length, 1.0 - 1.0 / length  # clear of its own symbols and label
        if skip < end and grid.segment_hits(x0 + skip * (x1 - x0), y0 + skip * (y1 - y0),
                                            x0 + end * (x1 - x0), y0 + end * (y1 - y0)):
            return None
    return left, top, leader


def _box_distance(left: float, top: float, w: float, h: float, x: float, y: float) -> float:
    dx = left - x if x < left else (x - left - w if x > left + w else 0.0)
    dy = top - y if y < top else (y - top - h if y > top + h else 0.0)
    return math.hypot(dx, dy)


def _rings(c: Candidate) -> Iterator[tuple[int, list[tuple[float, float]]]]:
    """The groups of :func:`_ring_groups`, each computed once per candidate, and only when
    the groups before it are used up (a name at its anchor never looks for other centres)."""
    if c.mode == "point" and not c.leaders and c.avoid is None:  # most labels: one ring
        yield 0, _positions(c)
        return
    if c._rings is None:
        c._rings = ([], _ring_groups(c))
    done, more = c._rings
    yield from done
    for group in more:
        done.append(group)
        yield group


def _ring_groups(c: Candidate) -> Iterator[tuple[int, list[tuple[float, float]]]]:
    """Candidate positions (left, top) in the order they are tried, in groups with their
    distance ring (0: beside the symbol; k > 0: k leader steps off, joined by a line). A
    centre label tries its anchor, then other centres. A point label tries each ring nearest
    first; one that avoids some ground tries all rings off it before the rest."""
    if c.mode == "centre":
        yield 0, [(c.x - c.w / 2, c.y - c.h / 2)]
        if c.alternatives is not None:
            for centres in c.alternatives():
                yield 0, [(x - c.w / 2, y - c.h / 2) for x, y in centres]
        return
    first = _positions(c) + (_sliding(c) if c.leaders else [])
    if c.avoid is None:
        yield 0, first
        for k in range(1, LEADER_RINGS + 1 if c.leaders else 1):
            yield k, _leader_ring(c, k)
        return
    # first every ring off the avoided ground, then the rest (rings are built when reached)
    kept0, later0 = _split(c, first)
    yield 0, kept0
    later = [later0]
    for k in range(1, LEADER_RINGS + 1 if c.leaders else 1):
        kept, rest = _split(c, _leader_ring(c, k))
        later.append(rest)
        yield k, kept
    yield from enumerate(later)


def _leader_ring(c: Candidate, k: int) -> list[tuple[float, float]]:
    """Positions `k` leader steps off the symbol, in LEADER_DIRECTIONS."""
    g = c.gap + k * LEADER_STEP
    ring = []
    for ux, uy in LEADER_DIRECTIONS:
        ox, oy = ux * g, uy * g
        left = c.x + ox if ux > 0.3 else (c.x + ox - c.w if ux < -0.3 else c.x + ox - c.w / 2)
        top = c.y + oy if uy > 0.3 else (c.y + oy - c.h if uy < -0.3 else c.y + oy - c.h / 2)
        ring.append((left, top))
    return ring


def _split(c: Candidate, ring: list[tuple[float, float]]):
    """(positions off the avoided ground, positions on it)."""
    assert c.avoid is not None
    mids = np.array([(x + c.w / 2, y + c.h / 2) for x, y in ring])
    off = c.avoid(mids[:, 0], mids[:, 1]).tolist()
    return [p for p, bad in zip(ring, off) if not bad], [p for p, bad in zip(ring, off) if bad]


def _positions(c: Candidate) -> list[tuple[float, float]]:
    """The eight standard positions beside a point symbol (POINT_POSITIONS order)."""
    x, y, w, h, g = c.x, c.y, c.w, c.h, c.gap
    right, left, mid_x = x + g, x - g - w, x - w / 2
    return [(right, y - h / 2), (left, y - h / 2), (mid_x, y - g - h), (mid_x, y + g),
            (right, y - h), (left, y - h), (right, y), (left, y)]


def _sliding(c: Candidate) -> list[tuple[float, float]]:
    """Positions touching the symbol's side between the eight standard ones: right and
    left of it a quarter and three quarters of the label's height up or down, above and
    below it a quarter of its width either way."""
    out = []
    for f in (-0.25, 0.25, -0.75, 0.75):
        top = c.y - c.h / 2 + f * c.h
        out += [(c.x + c.gap, top), (c.x - c.gap - c.w, top)]
    for f in (-0.25, 0.25):
        left = c.x - c.w / 2 + f * c.w
        out += [(left, c.y - c.gap - c.h), (left, c.y + c.gap)]
    return out


def _leader(c: Candidate, left: float, top: float) -> tuple[float, float, float, float] | None:
    """The line from the symbol's edge to the nearest point of the label box."""
    bx = min(max(c.x, left), left + c.w)
    by = min(max(c.y, top), top + c.h)
    d = float(np.hypot(bx - c.x, by - c.y))
    if d <= c.radius + 2.0:
        return None
    ux, uy = (bx - c.x) / d, (by - c.y) / d
    r0 = c.radius + 1.0
    return (c.x + ux * r0, c.y + uy * r0, bx, by)


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


def wrap_text(text: str, width: int) -> str:
    """`text` on two lines, broken at the space that makes the longer line shortest, when it
    is longer than `width` characters (0: never)."""
    if width <= 0 or len(text) <= width or " " not in text:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    i = min(spaces, key=lambda k: (max(k, len(text) - k - 1), k))
    return text[:i] + "\n" + text[i + 1:]


def display_text(spec, value: object) -> str:
    """A label's text as drawn: upper-cased and wrapped as its LabelSpec says."""
    text = str(value)
    return wrap_text(text.upper() if spec.uppercase else text, spec.wrap)


def visible_anchors(layer, view, ax: np.ndarray, ay: np.ndarray):
    """Polygon label anchors, moved into view for polygons whose own anchor is off screen
    but which fill a good part of it (zoomed in on Chihuahua, you still see CHIHUAHUA)."""
    xmin, ymin, xmax, ymax = view.bounds
    off = (ax < xmin) | (ax > xmax) | (ay < ymin) | (ay > ymax)
    if not off.any():
        return ax, ay
    geoms = layer.geometry_at(view.scale).geometry.values
    b = shapely.bounds(geoms)
    touches = off & (b[:, 0] < xmax) & (b[:, 2] > xmin) & (b[:, 1] < ymax) & (b[:, 3] > ymin)
    if not touches.any():
        return ax, ay
    ax, ay = ax.copy(), ay.copy()
    pad_x, pad_y = (xmax - xmin) * 0.05, (ymax - ymin) * 0.05
    for i in np.nonzero(touches)[0]:
        part = shapely.clip_by_rect(geoms[i], xmin + pad_x, ymin + pad_y, xmax - pad_x, ymax - pad_y)
        if part.is_empty or part.area < 0.04 * (xmax - xmin) * (ymax - ymin):
            continue
        pt = part.point_on_surface() if not part.contains(part.centroid) else part.centroid
        ax[i], ay[i] = pt.x, pt.y
    return ax, ay


def symbol_obstacles(layer, view, on: np.ndarray, radii: np.ndarray, sx: np.ndarray, sy: np.ndarray):
    """The screen extent of each shown symbol of a point layer, as obstacles."""
    st = layer.style
    circle = st.symbol == "circle"
    grow = {"diamond": 1.25, "triangle": 1.2}.get(st.symbol, 1.0)
    out = []
    for i in np.nonzero(on)[0]:
        r = radii[i] * grow
        out.append(Obstacle(sx[i] - r, sy[i] - r, sx[i] + r, sy[i] + r, circle, layer.soft_obstacle))
    return out


def _polygon_alternatives(geoms, i: int, land: Callable, view, x: float, y: float, w: float, h: float):
    """Other label centres for polygon `i` of `geoms` (map coordinates) near screen (x, y),
    nearest first, in three lists, better first: centres whose box has two thirds of a 3×3
    grid of points inside, the middle among them, or the grid's middle column (narrow
    states: Nuevo León zoomed out); centres inside with less of the box, the rest of it over
    at most two grid points of other polygons (a state smaller on screen than its name);
    boxes a third inside and otherwise over no other polygon (a
    narrow coastal state named over the sea: Tamaulipas zoomed out). `land()` gives the
    union of `geoms`, prepared."""
    found: list[list[list[tuple[float, float]]]] = []

    def alternatives() -> list[list[tuple[float, float]]]:
        if found:  # computed once, reused by every round of placement
            return found[0]
        geom = geoms[i]
        offsets = np.array(POLYGON_OFFSETS) * (w, h)
        f = np.array([-0.45, 0.0, 0.45])
        gx, gy = (a.ravel() for a in np.meshgrid(f * w, f * h))  # the box's 3×3 grid, middle at 4
        px = (x + offsets[:, 0])[:, None] + gx[None, :]
        py = (y + offsets[:, 1])[:, None] + gy[None, :]
        mx, my = view.to_map(px.ravel(), py.ravel())
        inside = shapely.contains_xy(geom, mx, my).reshape(px.shape)
        good = inside[:, 4] & ((inside.sum(axis=1) >= 6) | inside[:, [1, 4, 7]].all(axis=1))
        fair = inside[:, 4] & ~good
        if fair.any():  # and the rest of the box mostly over no other polygon
            rows = np.flatnonzero(fair)
            on_land = shapely.contains_xy(land(), mx.reshape(px.shape)[rows].ravel(),
                                          my.reshape(px.shape)[rows].ravel()).reshape(len(rows), 9)
            fair[rows[(on_land & ~inside[rows]).sum(axis=1) > 2]] = False
        coast = ~inside[:, 4] & (inside.sum(axis=1) >= 3)
        coast[np.flatnonzero(coast)[MAX_ALTERNATIVES:]] = False  # only the nearest are kept
        if coast.any():  # the part of the box outside this polygon must be over no other
            rows = np.flatnonzero(coast)
            on_land = shapely.contains_xy(land(), mx.reshape(px.shape)[rows].ravel(),
                                          my.reshape(px.shape)[rows].ravel()).reshape(len(rows), 9)
            coast[rows[(on_land & ~inside[rows]).any(axis=1)]] = False
        found.append([[(x + float(ox), y + float(oy)) for ox, oy in offsets[ok][:MAX_ALTERNATIVES]]
                      for ok in (good, fair, coast)])
        return found[0]
    return alternatives


_UNIONS: dict[int, tuple[object, object]] = {}


def _union(geoms):
    """The prepared union of a layer's outlines, kept while the outlines are alive."""
    hit = _UNIONS.get(id(geoms))
    if hit is None or hit[0] is not geoms:
        if len(_UNIONS) > 8:
            _UNIONS.clear()
        u = shapely.union_all(geoms)
        shapely.prepare(u)
        hit = _UNIONS[id(geoms)] = (geoms, u)
    return hit[1]


def _avoider(avoid: Callable, key: str, view) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def at(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        return avoid(key, *view.to_map(xs, ys))
    return at


def _merge_groups(layer, spec, on: np.ndarray, scale_ok: np.ndarray, sx: np.ndarray, sy: np.ndarray,
                  radii: np.ndarray, prio: np.ndarray) -> tuple[dict[int, tuple[list[int], float, float]], set[int]]:
    """Groups whose shown symbols overlap on screen: {holder index: (members, priority,
    gap)}, and the set of members that take no label of their own."""
    merged: dict[int, tuple[list[int], float, float]] = {}
    silent: set[int] = set()
    if not spec.group_field or spec.group_field not in layer.data:
        return merged, silent
    groups = layer.data[spec.group_field].astype(str).to_numpy()
    for g in set(groups[on].tolist()) - {""}:
        members = [int(i) for i in np.nonzero(on & (groups == g))[0]]
        if len(members) < 2:
            continue
        touching = all(any(np.hypot(sx[i] - sx[j], sy[i] - sy[j]) < radii[i] + radii[j]
                           for j in members if j != i) for i in members)
        if not touching or not scale_ok[members].any():
            continue
        holder = max(members, key=lambda i: (prio[i], -i))
        gap = max(float(np.hypot(sx[m] - sx[holder], sy[m] - sy[holder]) + radii[m]) for m in members) + 2.0
        merged[holder] = (members, float(prio[members].max()), gap)
        silent.update(m for m in members if m != holder)
    return merged, silent


def label_candidates(layers: list, view, measure: Callable, texts_of: Callable) -> tuple[list[Candidate], list]:
    """Label candidates and symbol obstacles for the visible ``layers`` at ``view``.

    ``measure(spec, text) -> (w, h)`` in pixels and ``texts_of(layer) -> [str]`` (the texts
    as drawn, see :func:`display_text`) come from the view (it owns fonts). The rules are the
    model's: layers rank by :data:`LABEL_RANK`, then by each feature's priority field (those
    of ``LabelSpec.must_field`` go first, see :func:`place_labels`); the
    symbols of layers that say ``blocks_labels`` are obstacles (soft for ``soft_obstacle``);
    a polygon is labelled only when its area on screen (``LabelSpec.area_field``, km²) holds
    ``min_area_ratio`` times its label box; a group of point features whose symbols overlap
    takes one label (``LabelSpec.group_field``)."""
    cands: list[Candidate] = []
    obstacles: list[Obstacle] = []
    n_rank = len(LABEL_RANK)
    for layer in layers:
        spec = layer.label
        if layer.kind == "point":
            x, y = layer.point_xy()
            sx, sy = view.to_screen(x, y)
            radii = point_radii(layer)
            on = (sx >= -20) & (sx <= view.width + 20) & (sy >= -20) & (sy <= view.height + 20)
            shown = layer.shown_at(view.scale)
            if shown is not None:
                on &= shown
            if layer.blocks_labels:
                obstacles.extend(symbol_obstacles(layer, view, on, radii, sx, sy))
        if spec is None:
            continue
        data = layer.data
        rank = LABEL_RANK.index(layer.id) if layer.id in LABEL_RANK else n_rank
        prio = data[spec.priority].to_numpy(float) if spec.priority else np.zeros(len(data))
        pmax = prio.max() if len(prio) and prio.max() > 0 else 1.0
        prio = (n_rank - rank) * 10.0 + 9.0 * np.clip(prio, 0, None) / pmax
        must = (data[spec.must_field].to_numpy(bool) if spec.must_field and spec.must_field in data
                else np.zeros(len(data), bool))
        scale_ok = (data[spec.max_scale_field].to_numpy(float) if spec.max_scale_field
                    else np.full(len(data), spec.max_scale)) >= view.scale
        texts = texts_of(layer)
        if layer.kind == "point":
            merged, silent = _merge_groups(layer, spec, on, scale_ok, sx, sy, radii, prio)
            keys = (data[spec.avoid_field].astype(str).to_numpy()
                    if spec.avoid_field and spec.avoid_field in data and layer.label_avoid is not None else None)
            for i in np.nonzero(on & scale_ok)[0].tolist() + [h for h in merged if not scale_ok[h]]:
                if i in silent:
                    continue
                text, p, gap, radius = texts[i], float(prio[i]), float(radii[i]) + 2.0, float(radii[i])
                needed = bool(must[i])
                if i in merged:  # one label for the group, clear of all its symbols
                    text = display_text(spec, data[spec.group_field].iloc[i])
                    members, p, gap = merged[i]
                    radius, needed = gap - 2.0, bool(must[members].any())
                w, h = measure(spec, text)
                avoid = _avoider(layer.label_avoid, str(keys[i]), view) if keys is not None else None
                near: tuple[tuple[float, float, float], ...] = ()
                if spec.leaders:  # labels that may stand off must stay nearest their own symbol
                    own = set(merged[i][0]) if i in merged else {i}
                    d = np.hypot(sx - sx[i], sy - sy[i])
                    near = tuple((float(sx[j]), float(sy[j]), float(radii[j]))
                                 for j in np.flatnonzero(on & (d < NEIGHBOUR_PX)).tolist() if j not in own)
                cands.append(Candidate((layer.id, int(i)), float(sx[i]), float(sy[i]), w, h, p, "point", gap,
                                       text, radius, spec.leaders, must=needed, avoid=avoid, neighbours=near))
        elif layer.kind == "polygon":
            ax = data[spec.anchor_x].to_numpy(float)
            ay = data[spec.anchor_y].to_numpy(float)
            ax, ay = visible_anchors(layer, view, ax, ay)
            sx, sy = view.to_screen(ax, ay)
            area_px = (data[spec.area_field].to_numpy(float) * 1e6 / view.scale ** 2
                       if spec.area_field and spec.area_field in data else None)
            movable = (data[spec.move_field].to_numpy(bool) if spec.move_field and spec.move_field in data
                       else np.zeros(len(data), bool))
            ratio = (data[spec.min_area_ratio_field].to_numpy(float)
                     if spec.min_area_ratio_field and spec.min_area_ratio_field in data
                     else np.full(len(data), spec.min_area_ratio))
            # other centres are tested against the coarsest outlines: enough for a label box
            geoms = layer.levels[max(layer.levels)].geometry.values

            def land(geoms=geoms):
                return _union(geoms)
            for i in np.nonzero(scale_ok & (sx > 0) & (sx < view.width) & (sy > 0) & (sy < view.height))[0].tolist():
                w, h = measure(spec, texts[i])
                if area_px is not None and area_px[i] < ratio[i] * w * h:
                    continue  # the state is too small on screen for its name
                # a name that must show may move inside its polygon; others keep their anchor
                alts = (_polygon_alternatives(geoms, i, land, view, float(sx[i]), float(sy[i]), w, h)
                        if must[i] or movable[i] else None)
                cands.append(Candidate((layer.id, int(i)), float(sx[i]), float(sy[i]), w, h,
                                       float(prio[i]), "centre", text=texts[i], must=bool(must[i]), alternatives=alts))
    return cands, obstacles
