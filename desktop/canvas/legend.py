"""The legend: one painter for the on-screen panel and for exported images.

Each visible layer gets its symbol and title; sized layers show three reference sizes
with their values, so the map can be read without the app.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.base.links import connect_while_alive
from desktop.base.messages import word
from desktop.canvas.label_painter import FONT_FAMILIES
from desktop.canvas.symbols import brush, draw_symbol, pen
from geo.core.nice import size_steps
from geo.layers import Layer, LayerStack

ROW_H = 17.0
SYMBOL_W = 26.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("Legend", text)


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(size)
    f.setBold(bold)
    f.setFeature(QFont.Tag("liga"), 0)  # as vector_text's labels: text copied from a PDF reads as typed
    return f


def draw_layer_symbol(p: QPainter, layer: Layer, rect: QRectF) -> None:
    st, c = layer.style, rect.center()
    if layer.kind == "point":
        draw_symbol(p, st, c.x(), c.y(), min(st.radius if not st.size_by else 5.0, rect.height() / 2 - 1))
    elif layer.kind == "line":
        p.setPen(pen(st.stroke, max(st.stroke_width, 1.0) * 1.3, 1.0, st.dash))
        p.drawLine(QPointF(rect.left() + 2, c.y()), QPointF(rect.right() - 2, c.y()))
    else:
        fills = [colour for _, colour in st.palette] or [st.fill]
        w = (rect.width() - 4) / len(fills)
        for i, colour in enumerate(fills):
            p.setPen(pen(st.stroke, 1.0))
            p.setBrush(brush(colour))
            p.drawRect(QRectF(rect.left() + 2 + i * w, rect.top() + 3, w, rect.height() - 6))


def symbol_icon_image(layer: Layer, size: int) -> QImage:
    img = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    draw_layer_symbol(p, layer, QRectF(0, 0, size, size))
    p.end()
    return img


def _size_steps(layer: Layer) -> list[tuple[float, float]]:
    """(value, radius) for three reference sizes of a size_by layer (the model's rule)."""
    return size_steps(layer.data[layer.style.size_by].astype(float).to_numpy(), layer.style.size_range,
                      size_max=layer.style.size_max)


def legend_rows(stack: LayerStack) -> list[tuple[str, Layer, object]]:
    """Rows to draw, top layer first: (kind, layer, extra)."""
    rows = []
    for layer in reversed(stack.visible_layers()):
        rows.append(("layer", layer, None))
        if layer.legend_entries:
            if layer.legend_title:
                rows.append(("caption", layer, word(layer.legend_title)))
            for label, colour in layer.legend_entries:
                rows.append(("class", layer, (word(label), colour)))
        elif layer.kind == "polygon" and layer.style.palette:
            for key, colour in layer.style.palette:
                rows.append(("class", layer, (COUNTRY_NAMES.get(key, str(key)), colour)))
        if layer.kind == "point" and layer.style.size_by and layer.legend_title and not layer.legend_entries:
            rows.append(("caption", layer, word(layer.legend_title)))
        if layer.kind == "point" and layer.style.size_by:
            for value, r in _size_steps(layer):
                rows.append(("size", layer, (value, r)))
    return rows


def size_label(layer: Layer, value: float) -> str:
    from geo.core.formatting import format_count, format_usd

    unit = layer.size_caption or layer.style.size_by or ""
    if unit == "US$":
        return format_usd(value)
    return f"{format_count(value)} {_tr(unit)}"


COUNTRY_NAMES = {"US": "United States", "MX": "Mexico", "CA": "Canada"}


def row_height(kind: str, extra) -> float:
    if kind == "size":
        return max(ROW_H, 2 * extra[1] + 4)
    if kind == "caption":
        return ROW_H * (1 + len(str(extra)) // 34)
    return ROW_H


def legend_size(stack: LayerStack, width: float = 230.0) -> QSize:
    h = sum(row_height(kind, extra) for kind, _layer, extra in legend_rows(stack))
    return QSize(int(width), int(h + 40))


def paint_legend(p: QPainter, stack: LayerStack, rect: QRectF, title: str | None = None, frame: bool = True) -> None:
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    if frame:
        p.setPen(pen("#b0a899", 1.0))
        p.setBrush(brush("#fffdf8f0"))
        p.drawRoundedRect(rect, 4, 4)
    y = rect.top() + 8
    p.setFont(_font(9.0, True))
    p.setPen(QColor("#222222"))
    p.drawText(QRectF(rect.left() + 10, y, rect.width() - 20, 18), Qt.AlignLeft | Qt.AlignVCenter,
               title or _tr("Legend"))
    y += 22
    body, small = _font(8.0), _font(7.5)
    for kind, layer, extra in legend_rows(stack):
        rh = row_height(kind, extra)
        sym = QRectF(rect.left() + 8, y, SYMBOL_W, rh)
        text = QRectF(rect.left() + 12 + SYMBOL_W, y, rect.width() - SYMBOL_W - 20, rh)
        if kind == "layer":
            if not (layer.kind == "polygon" and (layer.style.palette or layer.legend_entries)):
                draw_layer_symbol(p, layer, sym)
            p.setFont(body)
            p.setPen(QColor("#222222"))
            p.drawText(text, Qt.AlignLeft | Qt.AlignVCenter, _tr(layer.title))
        elif kind == "class":
            key, colour = extra
            p.setPen(pen(layer.style.stroke, 1.0))
            p.setBrush(brush(colour))
            p.drawRect(QRectF(sym.left() + 8, sym.top() + 4, SYMBOL_W - 12, ROW_H - 8))
            p.setFont(small)
            p.setPen(QColor("#444444"))
            p.drawText(text, Qt.AlignLeft | Qt.AlignVCenter, _tr(str(key)))
        elif kind == "caption":
            p.setFont(small)
            p.setPen(QColor("#555555"))
            p.drawText(QRectF(rect.left() + 12, y, rect.width() - 20, rh),
                       Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap, _tr(str(extra)))
        else:
            value, r = extra
            draw_symbol(p, layer.style, sym.left() + 12, sym.center().y(), r)
            p.setFont(small)
            p.setPen(QColor("#444444"))
            p.drawText(text.adjusted(8, 0, 0, 0), Qt.AlignLeft | Qt.AlignVCenter, size_label(layer, value))
        y += rh
    p.restore()


class LegendWidget(QWidget):
    def __init__(self, stack: LayerStack, parent=None):
        super().__init__(parent)
        self.stack = stack
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        connect_while_alive(self, stack.changed, self._stack_changed)
        connect_while_alive(self, stack.order_changed, self._relayout)
        self.setMinimumHeight(legend_size(stack).height())

    def _stack_changed(self, *_a):
        self._relayout()

    def _relayout(self):
        self.setMinimumHeight(legend_size(self.stack).height())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return legend_size(self.stack)

    def minimumSizeHint(self) -> QSize:
        return legend_size(self.stack, 180)

    def paintEvent(self, _e):
        p = QPainter(self)
        paint_legend(p, self.stack, QRectF(self.rect()).adjusted(2, 2, -2, -2), frame=False)
        p.end()
