"""Labels on the map: measuring text, gathering candidates, drawing haloed text sprites.

Placement itself (priority, no overlaps) is geo.layers.labels; this module owns fonts. Each
distinct label is rendered once into a small image with its halo and then blitted, so a
full redraw with hundreds of labels costs a few hundred image copies.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QPainterPath

from desktop.canvas.symbols import pen, qcolor
from geo.core.viewport import Viewport
from geo.layers import LabelSpec, Layer
from geo.layers.labels import Candidate, Placed, display_text, label_candidates, place_labels

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


class LabelPainter:
    def __init__(self):
        self._fonts: dict[LabelSpec, tuple[QFont, QFontMetricsF]] = {}
        self._sizes: dict[tuple, tuple[float, float]] = {}
        self._pinned: dict[int, LabelSpec] = {}
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
        """Width and height of a label's text box (names may run on two lines)."""
        key = (id(spec), text)  # LabelSpec hashes all its fields: slow for hundreds of labels
        if key not in self._sizes:
            self._pinned[id(spec)] = spec  # keeps the id from being reused
            _, fm = self._font(spec)
            lines = text.split("\n")
            w = max(fm.horizontalAdvance(line) for line in lines) + 1.0
            self._sizes[key] = (w, fm.ascent() + fm.descent() + (len(lines) - 1) * fm.lineSpacing())
        return self._sizes[key]

    def _labels_of(self, layer: Layer) -> list[str]:
        spec = layer.label
        key = (layer.id, id(layer.data), spec)
        if key not in self._texts:
            self._texts[key] = [display_text(spec, v) for v in layer.data[spec.field].astype(str).tolist()]
        return self._texts[key]

    # --- candidates ---------------------------------------------------------------------
    def candidates(self, layers: list[Layer], view: Viewport) -> tuple[list[Candidate], list]:
        """Which labels could go where (the model decides; this painter only measures text)."""
        return label_candidates(layers, view, self._size, self._labels_of)

    # --- drawing ---------------------------------------------------------------------
    def layout(self, layers: list[Layer], view: Viewport, reserved=()) -> list[Placed]:
        """Where the labels go for this view: computed once per view and set of label
        layers and styles, so recomposing a frame (flows hovered) only blits them."""
        key = (view, tuple((lyr.id, id(lyr.style), id(lyr.label), lyr.opacity, id(lyr.data), lyr.filter_values)
                           for lyr in layers), tuple(reserved))
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
        self._leaders(painter, placed, by_id)
        for p in placed:
            layer_id, i = p.key
            layer = by_id[layer_id]
            text = p.text or self._labels_of(layer)[i]
            sprite = self._sprite(layer.label, text, dpr, layer.opacity)
            painter.drawImage(round(p.left - HALO), round(p.top - HALO), sprite)
        self.last_placed = placed
        return placed

    def _leaders(self, painter: QPainter, placed: list[Placed], by_id: dict[str, Layer]) -> None:
        """Thin haloed lines from a symbol to its label where the label stands off."""
        lines = [(p, by_id[p.key[0]]) for p in placed if p.leader is not None]
        if not lines:
            return
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)
        for p, layer in lines:
            painter.setPen(pen(layer.label.halo, 2.6, 0.8 * layer.opacity))
            painter.drawLine(QLineF(*p.leader))
        for p, layer in lines:
            painter.setPen(pen(layer.label.colour, 1.0, 0.9 * layer.opacity))
            painter.drawLine(QLineF(*p.leader))
        painter.restore()

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
        lines = text.split("\n")
        bases = [QPointF(HALO + (w - 1.0 - fm.horizontalAdvance(line)) / 2, HALO + fm.ascent() + k * fm.lineSpacing())
                 for k, line in enumerate(lines)]
        path = QPainterPath()
        for base, line in zip(bases, lines):
            path.addText(base, font, line)
        p.strokePath(path, pen(spec.halo, 2 * HALO, 0.85 * opacity, cosmetic=False))
        p.setFont(font)
        p.setPen(qcolor(spec.colour, opacity))
        for base, line in zip(bases, lines):
            p.drawText(base, line)
        p.end()
        if len(self._sprites) > 4000:
            self._sprites.clear()
        self._sprites[key] = img
        return img
