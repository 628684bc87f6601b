"""Point symbols and colour helpers shared by the map painter and the legend."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPolygonF

from geo.layers import Style


@lru_cache(maxsize=512)
def qcolor(spec: str | None, opacity: float = 1.0) -> QColor:
    """'#rrggbb' or '#rrggbbaa' (CSS order) to QColor, times a layer opacity."""
    if not spec:
        return QColor(0, 0, 0, 0)
    s = spec.lstrip("#")
    r, g, b = int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16)
    a = int(s[6:8], 16) if len(s) == 8 else 255
    return QColor(r, g, b, round(a * opacity))


@lru_cache(maxsize=256)
def pen(spec: str | None, width: float, opacity: float = 1.0, dash: bool = False, cosmetic: bool = True) -> QPen:
    if not spec or width <= 0:
        return QPen(Qt.NoPen)
    p = QPen(qcolor(spec, opacity), width)
    p.setCosmetic(cosmetic)
    p.setJoinStyle(Qt.RoundJoin)
    p.setCapStyle(Qt.RoundCap)
    if dash:
        p.setStyle(Qt.CustomDashLine)
        p.setDashPattern([4.0, 3.0])
    return p


@lru_cache(maxsize=256)
def brush(spec: str | None, opacity: float = 1.0) -> QBrush:
    return QBrush(qcolor(spec, opacity)) if spec else QBrush(Qt.NoBrush)


def draw_symbol(painter: QPainter, style: Style, x: float, y: float, r: float, opacity: float = 1.0) -> None:
    """One point symbol centred at (x, y) screen pixels with radius r."""
    painter.setPen(pen(style.stroke, style.stroke_width, opacity))
    painter.setBrush(brush(style.fill, opacity))
    if style.symbol == "square":
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    elif style.symbol == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.25), QPointF(x + r * 1.25, y),
                                       QPointF(x, y + r * 1.25), QPointF(x - r * 1.25, y)]))
    elif style.symbol == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.2), QPointF(x + r * 1.1, y + r * 0.8),
                                       QPointF(x - r * 1.1, y + r * 0.8)]))
    else:
        painter.drawEllipse(QPointF(x, y), r, r)


class SymbolSprites:
    """Pre-rendered point symbols, keyed by style, radius, opacity and pixel ratio, so
    painting a point layer is one image copy per point."""

    def __init__(self):
        self._cache: dict[tuple, tuple[QImage, float]] = {}

    def get(self, style: Style, r: float, opacity: float, dpr: float) -> tuple[QImage, float]:
        key = (style, r, opacity, dpr)
        hit = self._cache.get(key)
        if hit is None:
            pad = r * 1.3 + style.stroke_width + 2.0
            size = int(np.ceil(2 * pad * dpr))
            img = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            img.fill(Qt.transparent)
            p = QPainter(img)
            p.setRenderHint(QPainter.Antialiasing)
            draw_symbol(p, style, size / dpr / 2, size / dpr / 2, r, opacity)
            p.end()
            hit = self._cache[key] = (img, size / dpr / 2)
        return hit
