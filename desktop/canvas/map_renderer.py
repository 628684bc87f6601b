"""The one map renderer: the canvas, `frontera render` and every export paint through it.

Polygons and lines are cached as QPainterPaths in map coordinates, one per feature and
level of detail, and painted under a world transform with cosmetic pens; features outside
the view are culled by their bounding boxes. Points are drawn in screen space. Labels come
last (desktop.canvas.label_painter). Hover and selection highlights are a separate overlay so the
canvas can repaint them over a cached frame.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform

from desktop.canvas.label_painter import LabelPainter
from desktop.canvas.qt_geometry import bounds_array, paths_for
from desktop.canvas.symbols import SymbolSprites, brush, draw_symbol, pen, qcolor
from desktop.canvas.vector_text import draw_labels_vector
from geo.core.viewport import Viewport
from geo.layers import Layer
from geo.layers.content import WATER, MapContent
from geo.layers.hittest import Hit, point_radii

HIGHLIGHT = "#f2b705"
SELECT = "#00a3e0"


@dataclass
class RenderStats:
    ms: float = 0.0
    features: int = 0
    labels: int = 0


class _LevelCache:
    """Geometry of one layer at one level of detail, as Qt paths. Styles are not cached
    here: restyling (a thematic map) never rebuilds paths."""

    __slots__ = ("paths", "bounds")

    def __init__(self, layer: Layer, level: int):
        gdf = layer.levels[level]
        self.paths = paths_for(gdf.geometry.values)
        self.bounds = bounds_array(gdf.geometry.values)


class MapRenderer:
    def __init__(self, content: MapContent):
        self.content = content
        self.labels = LabelPainter()
        self.symbols = SymbolSprites()
        self._cache: dict[tuple[str, int], _LevelCache] = {}
        self.show_labels = True

    def invalidate(self, layer_id: str | None = None) -> None:
        """Forget cached geometry (after a layer's geometry itself changed)."""
        if layer_id is None:
            self._cache.clear()
        else:
            for key in [k for k in self._cache if k[0] == layer_id]:
                del self._cache[key]

    def _level(self, layer: Layer, level: int) -> _LevelCache:
        key = (layer.id, level)
        c = self._cache.get(key)
        if c is None:
            c = self._cache[key] = _LevelCache(layer, level)
        return c

    # --- the frame -----------------------------------------------------------------------
    def render(self, painter: QPainter, view: Viewport, background: bool = True,
               reserved: list[tuple[float, float, float, float]] = (), labels: bool = True,
               vector: bool = False) -> RenderStats:
        """Paint the map. `reserved` screen boxes (l, t, r, b) — a title band, a legend —
        are kept free of labels. With labels=False they are left for render_labels(), so
        something (flows) can be drawn between the map and its labels. The painter's
        transform on entry places the frame (an export page). `vector`: symbols and labels
        as shapes and text (PDF, SVG) instead of cached sprites."""
        t0 = time.perf_counter()
        stats = RenderStats()
        painter.save()
        base = painter.transform()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
        if background:
            painter.fillRect(QRectF(0, 0, view.width, view.height), qcolor(WATER))
        layers = self.content.layers.visible_layers()
        world = QTransform(*view.affine()) * base
        for layer in layers:
            if layer.kind == "point":
                painter.setTransform(base)
                stats.features += self._points(painter, layer, view, vector)
            else:
                painter.setTransform(world)
                stats.features += self._shapes(painter, layer, view, vector)
        painter.setTransform(base)
        if labels and self.show_labels:
            stats.labels = self.render_labels(painter, view, reserved, vector)
        painter.restore()
        stats.ms = (time.perf_counter() - t0) * 1000
        return stats

    def _visible(self, cache: _LevelCache, view: Viewport) -> np.ndarray:
        xmin, ymin, xmax, ymax = view.bounds
        b = cache.bounds
        return np.nonzero((b[:, 0] <= xmax) & (b[:, 2] >= xmin) & (b[:, 1] <= ymax) & (b[:, 3] >= ymin))[0]

    def _shapes(self, painter: QPainter, layer: Layer, view: Viewport, vector: bool = False) -> int:
        cache = self._level(layer, layer.level_for(view.scale))
        st, op = layer.style, layer.opacity
        painter.setPen(pen(st.stroke, st.stroke_width, op, st.dash))
        idx = self._visible(cache, view)
        if layer.kind == "line":
            painter.setBrush(Qt.NoBrush)
            for i in idx:
                painter.drawPath(cache.paths[i])
        elif vector:
            # one path per feature, filled and stroked (half the PDF/SVG of fill + outline)
            fills = st.fills(layer.levels[layer.level_for(view.scale)])
            if not (st.stroke and st.stroke_width > 0):
                painter.setPen(Qt.NoPen)
            for i in idx:
                painter.setBrush(brush(fills[i], op))
                painter.drawPath(cache.paths[i])
        else:
            # Fills without antialiasing (3x cheaper), then antialiased edges on top: the
            # stroke covers the fill's stair-steps, so the result reads as fully smoothed.
            painter.setRenderHint(QPainter.Antialiasing, False)
            painter.setPen(Qt.NoPen)
            fills = st.fills(layer.levels[layer.level_for(view.scale)])
            for i in idx:
                painter.setBrush(brush(fills[i], op))
                painter.drawPath(cache.paths[i])
            painter.setRenderHint(QPainter.Antialiasing, True)
            if st.stroke and st.stroke_width > 0:
                painter.setPen(pen(st.stroke, st.stroke_width, op, st.dash))
                painter.setBrush(Qt.NoBrush)
                for i in idx:
                    painter.drawPath(cache.paths[i])
        return len(idx)

    def _points(self, painter: QPainter, layer: Layer, view: Viewport, vector: bool = False) -> int:
        x, y = layer.point_xy()
        sx, sy = view.to_screen(x, y)
        radii = point_radii(layer)
        on = (sx >= -20) & (sx <= view.width + 20) & (sy >= -20) & (sy <= view.height + 20)
        shown = layer.shown_at(view.scale)
        on = np.nonzero(on if shown is None else on & shown)[0]
        st, op = layer.style, layer.opacity
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        order = on[np.argsort(-radii[on], kind="stable")]  # big symbols first, small ones on top
        if vector:
            for x, y, r in zip(sx[order].tolist(), sy[order].tolist(), radii[order].tolist()):
                draw_symbol(painter, st, x, y, r, op)
            return len(on)
        # Symbols are stamped from cached sprites at whole-pixel positions, one sprite
        # lookup per distinct radius.
        rq = np.round(radii[order] * 2) / 2
        sprites = {r: self.symbols.get(st, r, op, dpr) for r in np.unique(rq).tolist()}
        draw = painter.drawImage
        for x, y, r in zip(sx[order].tolist(), sy[order].tolist(), rq.tolist()):
            sprite, off = sprites[r]
            draw(round(x - off), round(y - off), sprite)
        return len(on)

    def render_labels(self, painter: QPainter, view: Viewport, reserved=(), vector: bool = False) -> int:
        """The labels alone, over whatever is painted already (placement cached per view).
        `vector`: as text with a vector halo (PDF, SVG) instead of sprites."""
        if not self.show_labels:
            self.labels.last_placed = []
            return 0
        painter.save()
        layers = [lyr for lyr in self.content.layers.visible_layers() if lyr.label]
        if vector:
            n = len(draw_labels_vector(painter, self.labels, layers, view, reserved))
            painter.restore()
            return n
        n = len(self.labels.draw(painter, layers, view, reserved))
        painter.restore()
        return n

    def label_boxes(self, view: Viewport, reserved=()) -> list[QRectF]:
        """Screen boxes the labels take in this view (flow labels keep out of them)."""
        if not self.show_labels:
            return []
        placed = self.labels.layout([lyr for lyr in self.content.layers.visible_layers() if lyr.label], view,
                                    reserved)
        return [QRectF(p.left, p.top, p.w, p.h) for p in placed]

    # --- overlay: hover and selection -------------------------------------------------
    def render_overlay(self, painter: QPainter, view: Viewport, hover: Hit | None, selected: Hit | None) -> None:
        for hit, colour, width in ((selected, SELECT, 3.0), (hover, HIGHLIGHT, 2.5)):
            if hit is None or hit.layer_id not in self.content.layers:
                continue
            layer = self.content.layers[hit.layer_id]
            if not layer.visible:
                continue
            painter.save()
            painter.setRenderHint(QPainter.Antialiasing, True)
            if layer.kind == "point":
                x, y = layer.point_xy()
                sx, sy = view.to_screen(x[hit.index], y[hit.index])
                r = float(point_radii(layer)[hit.index]) + 3.0
                painter.setPen(pen(colour, width))
                painter.setBrush(Qt.NoBrush)
                painter.drawEllipse(QPointF(float(sx), float(sy)), r, r)
            else:
                cache = self._level(layer, layer.level_for(view.scale))
                painter.setTransform(QTransform(*view.affine()))
                painter.setPen(pen(colour, width))
                painter.setBrush(brush(colour + "26"))
                painter.drawPath(cache.paths[hit.index])
            painter.restore()

    # --- off-screen ------------------------------------------------------------------
    def render_image(self, view: Viewport, dpr: float = 1.0, labels: bool = True) -> QImage:
        img = QImage(int(view.width * dpr), int(view.height * dpr), QImage.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(QColor(WATER))
        p = QPainter(img)
        self.render(p, view, labels=labels)
        p.end()
        return img
