"""Which feature is under a screen position: hover and click both ask here.

Layers are tried top first, as painted. A point feature is hit when the cursor is within
its symbol radius plus a few pixels of slack (the nearest wins); a polygon when it
contains the cursor. Polygon tests use an STRtree built once per layer.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from geo.core.viewport import Viewport
from geo.layers import Layer, LayerStack

SLACK_PX = 3.0


@dataclass(frozen=True)
class Hit:
    layer_id: str
    index: int  # positional row in layer.data


def point_radii(layer: Layer) -> np.ndarray:
    """Screen radius of each point symbol, as the painter draws it."""
    st = layer.style
    n = len(layer.data)
    if not st.size_by or st.size_by not in layer.data.columns:
        return np.full(n, st.radius, float)
    v = np.sqrt(np.clip(layer.data[st.size_by].astype(float).to_numpy(), 0, None))
    top = v.max() if n and v.max() > 0 else 1.0
    if st.size_max:
        top = max(float(np.sqrt(st.size_max)), 1e-12)
        v = np.minimum(v, top)
    lo, hi = st.size_range
    return lo + (hi - lo) * v / top


def overlapping(layer: Layer, view: Viewport, index: int) -> list[int]:
    """The other shown features of a point layer whose symbols overlap feature `index`'s at
    this view, nearest first: ports a few kilometres apart (Otay Mesa, San Ysidro, Cross
    Border Xpress) read as one symbol zoomed out, and hovering it names them all."""
    x, y = layer.point_xy()
    sx, sy = view.to_screen(x, y)
    radii = point_radii(layer)
    d = np.hypot(sx - sx[index], sy - sy[index])
    near = d < radii + radii[index]
    shown = layer.shown_at(view.scale)
    if shown is not None:
        near &= shown
    near[index] = False
    idx = np.nonzero(near)[0]
    return [int(i) for i in idx[np.argsort(d[idx], kind="stable")]]


class HitTester:
    def __init__(self, stack: LayerStack):
        self.stack = stack
        self._trees: dict[str, shapely.STRtree] = {}
        self._radii: dict[str, np.ndarray] = {}

    def invalidate(self, layer_id: str | None = None) -> None:
        if layer_id is None:
            self._trees.clear()
            self._radii.clear()
        else:
            self._trees.pop(layer_id, None)
            self._radii.pop(layer_id, None)

    def hit(self, view: Viewport, sx: float, sy: float, kinds=("point", "polygon")) -> Hit | None:
        """The topmost selectable feature at screen (sx, sy), among layers of `kinds`."""
        mx, my = view.to_map(sx, sy)
        for layer in reversed(self.stack.visible_layers()):
            if not layer.selectable or layer.kind not in kinds:
                continue
            if layer.kind == "point":
                found = self._hit_point(layer, view, sx, sy)
            elif layer.kind == "polygon":
                found = self._hit_polygon(layer, float(mx), float(my))
            else:
                found = None
            if found is not None:
                return Hit(layer.id, found)
        return None

    def _hit_point(self, layer: Layer, view: Viewport, sx: float, sy: float) -> int | None:
        x, y = layer.point_xy()
        if not len(x):
            return None
        px, py = view.to_screen(x, y)
        d = np.hypot(px - sx, py - sy)
        radii = self._radii.get(layer.id)
        if radii is None:
            radii = self._radii[layer.id] = point_radii(layer)
        inside = d <= radii + SLACK_PX
        shown = layer.shown_at(view.scale)
        if shown is not None:
            inside &= shown
        if not inside.any():
            return None
        idx = np.nonzero(inside)[0]
        return int(idx[np.argmin(d[idx])])

    def _hit_polygon(self, layer: Layer, mx: float, my: float) -> int | None:
        tree = self._trees.get(layer.id)
        if tree is None:
            tree = self._trees[layer.id] = shapely.STRtree(layer.data.geometry.values)
        cands = tree.query(shapely.Point(mx, my))
        if not len(cands):
            return None
        geoms = layer.data.geometry.values[cands]
        inside = shapely.contains_xy(geoms, mx, my)
        return int(cands[inside][0]) if inside.any() else None
