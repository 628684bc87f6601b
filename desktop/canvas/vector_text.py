"""Map labels for vector output (PDF, SVG): the same placement as the screen
(desktop.canvas.label_painter.LabelPainter.layout) drawn as real text with a vector halo,
instead of the cached raster sprites the screen blits. A PDF made this way has every label
as extractable text and no embedded bitmap."""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath

from desktop.canvas.label_painter import HALO, LabelPainter, label_font
from desktop.canvas.symbols import pen, qcolor
from geo.core.viewport import Viewport
from geo.layers import Layer
from geo.layers.labels import Placed, display_text


def draw_haloed_text(painter: QPainter, font, lines: list[tuple[QPointF, str]], colour: str, halo: str | None,
                     halo_width: float, opacity: float = 1.0) -> None:
    """Text lines at baselines, each over a halo stroked from the text's outline. The halo
    is opaque (the screen's is 85%): a translucent stroke per label makes a PDF slow to write
    and print, and on paper the difference does not show."""
    if halo and halo_width > 0:
        path = QPainterPath()
        for base, line in lines:
            path.addText(base, font, line)
        painter.strokePath(path, pen(halo, halo_width, opacity, cosmetic=False))
    painter.setFont(font)
    painter.setPen(qcolor(colour, opacity))
    for base, line in lines:
        painter.drawText(base, line)


def label_text(p: Placed, layer: Layer) -> str:
    """The text of a placed label, as drawn (lines joined by newlines)."""
    return p.text or display_text(layer.label, str(layer.data[layer.label.field].iloc[p.key[1]]))


def draw_labels_vector(painter: QPainter, labels: LabelPainter, layers: list[Layer], view: Viewport,
                       reserved=()) -> list[Placed]:
    placed = labels.layout(layers, view, reserved)
    by_id = {layer.id: layer for layer in layers}
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    for p in placed:
        if p.leader is None:
            continue
        layer = by_id[p.key[0]]
        painter.setPen(pen(layer.label.halo, 2.6, 0.8 * layer.opacity))
        painter.drawLine(QLineF(*p.leader))
        painter.setPen(pen(layer.label.colour, 1.0, 0.9 * layer.opacity))
        painter.drawLine(QLineF(*p.leader))
    metrics: dict = {}
    halos: dict[tuple, QPainterPath] = {}
    texts = []
    for p in placed:
        layer = by_id[p.key[0]]
        spec = layer.label
        text = label_text(p, layer)
        if spec not in metrics:
            f = label_font(spec)
            f.setFeature(QFont.Tag("liga"), 0)  # text copied from the PDF reads as typed
            metrics[spec] = (f, QFontMetricsF(f))
        font, fm = metrics[spec]
        lines = text.split("\n")
        bases = [(QPointF(p.left + (p.w - 1.0 - fm.horizontalAdvance(line)) / 2, p.top + fm.ascent()
                          + k * fm.lineSpacing()), line) for k, line in enumerate(lines)]
        if spec.halo:
            path = halos.setdefault((spec.halo, layer.opacity), QPainterPath())
            for base, line in bases:
                path.addText(base, font, line)
        texts.append((font, bases, spec.colour, layer.opacity))
    # all halos first, one stroked path per colour (one PDF operation, not one per label;
    # no halo covers a neighbour's text), then the text over them
    for (halo, opacity), path in halos.items():
        painter.strokePath(path, pen(halo, 2 * HALO, opacity, cosmetic=False))
    for font, bases, colour, opacity in texts:
        draw_haloed_text(painter, font, bases, colour, None, 0, opacity)
    painter.restore()
    labels.last_placed = placed
    return placed
