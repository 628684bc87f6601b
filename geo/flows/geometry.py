"""Flow band geometry: quadratic-Bézier helpers, band outlines, :class:`FlowGeometry` (the
stacked, tapered bands and merged runs of a flow set at one map scale), ``flow_geometry`` which
computes it (``FlowSet.geometry`` caches it) and :func:`hit_test` on those bands.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from geo.flows.legs import FlowArrays as FlowSet
from geo.flows.legs import leg_keys


# -- curve geometry helpers -----------------------------------------------------------------
def bezier_control_points(ax, ay, bx, by, bend: float = 0.16):
    """Control points of quadratic Béziers from A to B bowed to the RIGHT of travel (map
    coordinates, y up) by ``bend`` x chord length. Arrays in, arrays out."""
    ax, ay, bx, by = (np.asarray(v, float) for v in (ax, ay, bx, by))
    dx, dy = bx - ax, by - ay
    return (ax + bx) / 2 + dy * bend, (ay + by) / 2 - dx * bend


def quad_bezier(a, c, b, t):
    """Points and unit LEFT normals of quadratic Béziers. ``a, c, b``: (B, 2); ``t``: (B, n) or
    (n,). Returns ``pts`` (B, n, 2) and ``normals`` (B, n, 2)."""
    a, c, b = (np.asarray(v, float) for v in (a, c, b))
    t = np.asarray(t, float)
    if t.ndim == 1:
        t = np.broadcast_to(t, (a.shape[0], t.shape[0]))
    u = 1.0 - t
    w0, w1, w2 = u * u, 2 * u * t, t * t
    pts = np.empty(t.shape + (2,))
    nrm = np.empty(t.shape + (2,))
    for k in (0, 1):
        pts[..., k] = w0 * a[:, k:k + 1] + w1 * c[:, k:k + 1] + w2 * b[:, k:k + 1]
    tx = u * (c[:, 0:1] - a[:, 0:1]) + t * (b[:, 0:1] - c[:, 0:1])
    ty = u * (c[:, 1:2] - a[:, 1:2]) + t * (b[:, 1:2] - c[:, 1:2])
    ln = np.hypot(tx, ty)
    ln[ln == 0] = 1.0
    nrm[..., 0] = -ty / ln
    nrm[..., 1] = tx / ln
    return pts, nrm


def band_outlines(pts, normals, offset, half_width, factor):
    """Closed outline polygons (B, 2n, 2) of bands along centre lines ``pts`` (B, n, 2):
    each band's centre is offset by ``offset`` (B,) along the left normal and is
    ``2 * half_width`` (B,) wide, both multiplied by ``factor`` (B, n) (1 = full width,
    0 = the tip). Units of offset/half_width are those of pts (metres)."""
    o = (np.asarray(offset, float)[:, None] * factor)[..., None]
    h = (np.asarray(half_width, float)[:, None] * factor)[..., None]
    left = pts + normals * (o + h)
    right = pts + normals * (o - h)
    return np.concatenate([left, right[:, ::-1]], axis=1)


@dataclass
class FlowGeometry:
    """Flow bands of the shown flows for one map scale (metres per pixel).

    Bands (one per flow and leg) serve hit testing and highlighting; runs (adjacent bands of
    one leg with the same colour, merged) are what is painted: fewer, longer outlines."""

    scale: float
    centres: np.ndarray        # (B, n, 2) band centre lines, map metres
    half_px: np.ndarray        # (B, n) half width along the band, screen px
    band_flow: np.ndarray      # (B,) flow index of each band
    band_leg: np.ndarray       # (B,) 1 first leg, 2 second leg (0: single-leg OD flow)
    label_xy: np.ndarray       # (F, 2) where a value label for flow i goes (map metres)
    run_polys: np.ndarray      # (R, 2n, 2) outlines of the merged runs, map metres
    run_centres: np.ndarray    # (R, n, 2)
    run_width_px: np.ndarray   # (R,) full width of each run, px
    run_colour: np.ndarray     # (R,) "#rrggbb"
    run_value: np.ndarray      # (R,) value carried by each run
    _band_normals: np.ndarray = field(repr=False)   # (B, n, 2)

    @property
    def polys(self) -> np.ndarray:
        """(B, 2n, 2) outlines of every band (computed on demand)."""
        return self.band_polys(np.ones(len(self.band_flow), bool))

    def band_polys(self, mask: np.ndarray) -> np.ndarray:
        h = self.half_px[mask] * self.scale
        n = self._band_normals[mask]
        c = self.centres[mask]
        left = c + n * h[..., None]
        right = c - n * h[..., None]
        return np.concatenate([left, right[:, ::-1]], axis=1)


# -- geometry -------------------------------------------------------------------------------
N_BODY = 14
N_TIP = 4


def flow_geometry(fs: FlowSet, scale: float) -> FlowGeometry:
    idx = fs.shown_index
    ws = fs.width_scale
    n = N_BODY + N_TIP
    if not len(idx):
        z2 = np.zeros((0, n, 2))
        return FlowGeometry(scale, z2, np.zeros((0, n)), np.zeros(0, int), np.zeros(0, int),
                            np.full((len(fs), 2), np.nan), np.zeros((0, 2 * n, 2)), z2, np.zeros(0),
                            np.zeros(0, object), np.zeros(0), z2)
    k1, k2 = leg_keys(fs)
    w = ws.drawn_px(fs.value[idx])                      # band widths, px
    # turn angle at the port orders the bands across both legs (left turns on the left)
    hp = fs.has_port[idx]
    ax, ay = np.where(hp, fs.px[idx] - fs.ox[idx], 0.0), np.where(hp, fs.py[idx] - fs.oy[idx], 0.0)
    bx, by = np.where(hp, fs.dx[idx] - fs.px[idx], 0.0), np.where(hp, fs.dy[idx] - fs.py[idx], 0.0)
    theta = np.arctan2(ax * by - ay * bx, ax * bx + ay * by)

    # the bands: one per (flow, leg)
    J = np.arange(len(idx))
    b_flow = np.concatenate([J, J[hp]])
    b_leg = np.concatenate([np.where(hp, 1, 0), np.full(int(hp.sum()), 2)])
    b_key = np.concatenate([k1[idx], k2[idx][hp]])
    B = len(b_flow)
    fi = idx[b_flow]
    bw = w[b_flow]
    colour_codes, colour_rank = np.unique(fs.colour[fi].astype(str), return_inverse=True)
    colour_rank = colour_rank.ravel()
    leg_key_values, leg_id = np.unique(b_key, return_inverse=True)
    leg_id = leg_id.ravel()
    L = len(leg_key_values)
    # stack the bands of each leg: same colours together, then by turn angle
    order = np.lexsort((-bw, theta[b_flow], colour_rank, leg_id))
    leg_width = np.bincount(leg_id, weights=bw, minlength=L)
    sorted_leg, sorted_w = leg_id[order], bw[order]
    starts = np.r_[0, np.nonzero(np.diff(sorted_leg))[0] + 1]
    cum = np.cumsum(sorted_w)
    group_start = np.repeat(cum[starts] - sorted_w[starts], np.diff(np.r_[starts, B]))
    offset = np.empty(B)
    offset[order] = -leg_width[sorted_leg] / 2 + (cum - sorted_w - group_start) + sorted_w / 2

    # one curve per leg
    first = np.zeros(L, int)
    first[leg_id[::-1]] = np.arange(B)[::-1]
    lf, ll = fi[first], b_leg[first]
    sx = np.where(ll == 2, fs.px[lf], fs.ox[lf])
    sy = np.where(ll == 2, fs.py[lf], fs.oy[lf])
    ex = np.where(ll == 1, fs.px[lf], fs.dx[lf])
    ey = np.where(ll == 1, fs.py[lf], fs.dy[lf])
    cxp, cyp = bezier_control_points(sx, sy, ex, ey, fs.options.bend)
    chord = np.hypot(ex - sx, ey - sy)
    tipped = ll != 1
    head_px = np.clip(2.2 * leg_width, 10.0, 48.0)
    t_head = np.where(tipped, 1.0 - np.minimum(0.45, head_px * scale / np.maximum(chord, 1e-9)), 1.0)
    tb = t_head[:, None] * np.linspace(0.0, 1.0, N_BODY)[None, :]
    tt = t_head[:, None] + (1.0 - t_head)[:, None] * np.linspace(0.0, 1.0, N_TIP + 1)[None, 1:]
    t = np.concatenate([tb, tt], axis=1)
    factor = np.ones_like(t)
    factor[tipped] = np.clip((1.0 - t[tipped]) / np.maximum(1.0 - t_head[tipped], 1e-9)[:, None], 0.0, 1.0)
    lpts, lnrm = quad_bezier(np.c_[sx, sy], np.c_[cxp, cyp], np.c_[ex, ey], t)

    # bands (hit testing, highlights)
    bf = factor[leg_id]
    bn = lnrm[leg_id]
    centres = lpts[leg_id] + bn * ((offset * scale)[:, None] * bf)[..., None]
    half_px = (bw / 2)[:, None] * bf
    # runs: adjacent bands of one leg with one colour, merged
    so_leg, so_col = leg_id[order], colour_rank[order]
    brk = np.r_[True, (np.diff(so_leg) != 0) | (np.diff(so_col) != 0)]
    run_of_sorted = np.cumsum(brk) - 1
    R = int(run_of_sorted[-1]) + 1
    run_w = np.bincount(run_of_sorted, weights=sorted_w, minlength=R)
    lo = np.full(R, np.inf)
    np.minimum.at(lo, run_of_sorted, offset[order] - sorted_w / 2)
    run_off = lo + run_w / 2
    run_leg = so_leg[brk]
    rf = factor[run_leg]
    run_polys = band_outlines(lpts[run_leg], lnrm[run_leg], run_off * scale, run_w / 2 * scale, rf)
    run_centres = lpts[run_leg] + lnrm[run_leg] * ((run_off * scale)[:, None] * rf)[..., None]
    run_colour = colour_codes.astype(object)[so_col[brk]]
    run_value = np.bincount(run_of_sorted, weights=fs.value[fi][order], minlength=R)
    # value label anchor: middle of the last leg's band
    label_xy = np.full((len(fs), 2), np.nan)
    last = b_leg != 1
    label_xy[fi[last]] = centres[last, N_BODY // 2]
    return FlowGeometry(scale, centres, half_px, fi, b_leg, label_xy, run_polys, run_centres, run_w,
                        run_colour, run_value, bn)


# -- interaction ----------------------------------------------------------------------------
class FlowBands(Protocol):
    """What :func:`hit_test` needs of a flow set: its geometry at a map scale."""

    def geometry(self, scale: float) -> FlowGeometry: ...


def hit_test(flowset: FlowBands, view, sx: float, sy: float, tolerance_px: float = 3.0) -> int | None:
    """Index of the shown flow under screen point (sx, sy), or None. ``view``: a
    :class:`geo.core.viewport.Viewport`."""
    g = flowset.geometry(view.scale)
    if not len(g.band_flow):
        return None
    mx, my = view.to_map(sx, sy)
    c = g.centres
    pad = (tolerance_px + float(g.half_px.max())) * view.scale
    bx0, by0 = c[..., 0].min(1) - pad, c[..., 1].min(1) - pad
    bx1, by1 = c[..., 0].max(1) + pad, c[..., 1].max(1) + pad
    cand = np.nonzero((bx0 <= mx) & (mx <= bx1) & (by0 <= my) & (my <= by1))[0]
    if not len(cand):
        return None
    p = c[cand]                              # (K, n, 2)
    a, b = p[:, :-1], p[:, 1:]
    ab = b - a
    ap = np.stack([mx - a[..., 0], my - a[..., 1]], -1)
    L2 = (ab ** 2).sum(-1)
    L2[L2 == 0] = 1.0
    tt = np.clip((ap * ab).sum(-1) / L2, 0.0, 1.0)
    q = a + ab * tt[..., None]
    d = np.hypot(q[..., 0] - mx, q[..., 1] - my) / view.scale          # px, (K, n-1)
    h = g.half_px[cand]
    hseg = h[:, :-1] + (h[:, 1:] - h[:, :-1]) * tt
    inside = d - hseg                                                   # <0: within the band
    j = np.argmin(inside, axis=1)
    best = inside[np.arange(len(cand)), j]
    ok = best <= tolerance_px
    if not ok.any():
        return None
    cand, best = cand[ok], best[ok]
    # the band the point is deepest inside (bands of a leg are side by side, not on top of
    # each other); outside every band: the nearest within the tolerance
    return int(g.band_flow[cand[int(np.argmin(best))]])
