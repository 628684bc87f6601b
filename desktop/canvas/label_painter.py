"""Labels on the map: measuring text, gathering candidates, drawing haloed text sprites.

Placement itself (priority, no overlaps) is geo.layers.labels; this module owns fonts. Each
distinct label is rendered once into a small image with its halo and then blitted, so a
full redraw with hundreds of labels costs a few hundred image copies.
"""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPainterPath

from desktop.canvas.symbols import pen, qcolor
from geo.layers.content import LABEL_RANK
from geo.layers.hittest import point_radii
from geo.layers.labels import Candidate, Placed, place_labels
from geo.layers import LabelSpec, Layer
from geo.core.viewport import Viewport

FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]
HALO = 2.0


def label_font(spec: LabelSpec) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(spec.size)
    f.setBold(spec.bold)
    f.setItalic(spec.italic)
    f.setHintingPreference(QFont.PreferNoHinting)
    return f


def visible_anchors(layer: Layer, view: Viewport, ax: np.ndarray, ay: np.ndarray):
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


class LabelPainter:
    def __init__(self):
        self._fonts: dict[LabelSpec, tuple[QFont, QFontMetricsF]] = {}
        self._sizes: dict[tuple, tuple[float, float]] = {}
        self._sprites: dict[tuple, QImage] = {}
        self._texts: dict[tuple[str, int], list[str]] = {}
        self.last_placed: list[Placed] = []
        self._layout_key = None
        self._layout: list[Placed] = []

    def _font(self, spec: LabelSpec):
        if spec not in self._fonts:
            f = label_font(spec)
            self._fonts[spec] = (f, QFontMetricsF(f))
        return self._fonts[spec]

    def _size(self, spec: LabelSpec, text: str) -> tuple[float, float]:
        key = (spec, text)
        if key not in self._sizes:
            _, fm = self._font(spec)
            self._sizes[key] = (fm.horizontalAdvance(text) + 1.0, fm.ascent() + fm.descent())
        return self._sizes[key]

    def _labels_of(self, layer: Layer) -> list[str]:
        key = (layer.id, id(layer.data))
        if key not in self._texts:
            spec = layer.label
            vals = layer.data[spec.field].astype(str).tolist()
            self._texts[key] = [v.upper() if spec.uppercase else v for v in vals]
        return self._texts[key]

    # --- candidates ------------------------------------------------------------------
    def candidates(self, layers: list[Layer], view: Viewport) -> tuple[list[Candidate], list]:
        cands: list[Candidate] = []
        obstacles = []
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
                if layer.id in ("ports", "seaports", "clusters"):
                    for i in np.nonzero(on)[0]:
                        r = radii[i]
                        obstacles.append((sx[i] - r, sy[i] - r, sx[i] + r, sy[i] + r))
            if spec is None:
                continue
            data = layer.data
            rank = LABEL_RANK.index(layer.id) if layer.id in LABEL_RANK else n_rank
            prio = data[spec.priority].to_numpy(float) if spec.priority else np.zeros(len(data))
            pmax = prio.max() if len(prio) and prio.max() > 0 else 1.0
            prio = (n_rank - rank) * 10.0 + 9.0 * np.clip(prio, 0, None) / pmax
            scale_ok = (data[spec.max_scale_field].to_numpy(float) if spec.max_scale_field
                        else np.full(len(data), spec.max_scale)) >= view.scale
            texts = self._labels_of(layer)
            if layer.kind == "point":
                idx = np.nonzero(on & scale_ok)[0]
                for i in idx:
                    w, h = self._size(spec, texts[i])
                    cands.append(Candidate((layer.id, int(i)), float(sx[i]), float(sy[i]), w, h,
                                           float(prio[i]), "point", float(radii[i]) + 2.0))
            elif layer.kind == "polygon":
                ax = data[spec.anchor_x].to_numpy(float)
                ay = data[spec.anchor_y].to_numpy(float)
                ax, ay = visible_anchors(layer, view, ax, ay)
                sx, sy = view.to_screen(ax, ay)
                area_px = data["area_km2"].to_numpy(float) * 1e6 / view.scale ** 2 if "area_km2" in data else None
                for i in np.nonzero(scale_ok & (sx > 0) & (sx < view.width) & (sy > 0) & (sy < view.height))[0]:
                    w, h = self._size(spec, texts[i])
                    if area_px is not None and area_px[i] < 4.0 * w * h:
                        continue  # the state is too small on screen for its name
                    cands.append(Candidate((layer.id, int(i)), float(sx[i]), float(sy[i]), w, h,
                                           float(prio[i]), "centre"))
        return cands, obstacles

    # --- drawing ---------------------------------------------------------------------
    def layout(self, layers: list[Layer], view: Viewport, reserved=()) -> list[Placed]:
        """Where the labels go for this view: computed once per view and set of label
        layers and styles, so recomposing a frame (flows hovered) only blits them."""
        key = (view, tuple((l.id, id(l.style), id(l.label), l.opacity, id(l.data)) for l in layers), tuple(reserved))
        if key != self._layout_key:
            cands, obstacles = self.candidates(layers, view)
            obstacles.extend(reserved)
            self._layout = place_labels(cands, view.width, view.height, obstacles)
            self._layout_key = key
        return self._layout

    def draw(self, painter: QPainter, layers: list[Layer], view: Viewport, reserved=()) -> list[Placed]:
        placed = self.layout(layers, view, reserved)
        by_id = {layer.id: layer for layer in layers}
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        for p in placed:
            layer_id, i = p.key
            layer = by_id[layer_id]
            text = self._labels_of(layer)[i]
            sprite = self._sprite(layer.label, text, dpr, layer.opacity)
            painter.drawImage(round(p.left - HALO), round(p.top - HALO), sprite)
        self.last_placed = placed
        return placed

    def _sprite(self, spec: LabelSpec, text: str, dpr: float, opacity: float) -> QImage:
        key = (spec, text, dpr, opacity)
        img = self._sprites.get(key)
        if img is not None:
            return img
        font, fm = self._font(spec)
        w, h = self._size(spec, text)
        img = QImage(int(np.ceil((w + 2 * HALO) * dpr)), int(np.ceil((h + 2 * HALO) * dpr)),
                     QImage.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(Qt.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        p.setRenderHint(QPainter.TextAntialiasing)
        base = QPointF(HALO, HALO + fm.ascent())
        path = QPainterPath()
        path.addText(base, font, text)
        p.strokePath(path, pen(spec.halo, 2 * HALO, 0.85 * opacity, cosmetic=False))
        p.setFont(font)
        p.setPen(qcolor(spec.colour, opacity))
        p.drawText(base, text)
        p.end()
        if len(self._sprites) > 4000:
            self._sprites.clear()
        self._sprites[key] = img
        return img
