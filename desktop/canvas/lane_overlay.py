"""The company's cross-border lanes drawn over the public trade flows (issue 15): a second flow
overlay with its own :class:`~desktop.canvas.flow_painter.FlowPainter`, so both show at once.
The lanes come as a :class:`geo.flows.FlowSet` in the company's colours
(:data:`geo.network.display.LANE_COLOURS`); they are drawn above the public flows with a
white casing, hovered before them, and have their own legend section (:class:`LaneLegend`:
"Company lanes", the width scale, the modes, what is not drawn).

The overlay holds only what it is told to draw (``set_flowset``/``set_visible``, by
``desktop.panels.network_panel.NetworkView``) and the lane under the pointer.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.base.messages import word
from desktop.canvas.flow_painter import FlowPainter
from desktop.canvas.symbols import qcolor
from geo.core.formatting import format_usd
from geo.core.messages import msg
from geo.flows import FlowSet, hit_test
from geo.network.display import lane_tooltip

#: the casing around the company's bands, so they read over the public flows beneath
CASING = "#ffffff"
TITLE_COLOUR = "#1a1a1a"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LaneOverlay", text)


class LaneOverlay(QObject):
    """The company's lanes on the map: paint, hit test, tooltip, legend."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.painter = FlowPainter()
        self.painter.show_totals = False          # the facilities and ports are on the map already
        self.painter.rim = CASING
        self._flowset: FlowSet | None = None
        self.visible = False
        self.hover: int | None = None

    @property
    def flowset(self) -> FlowSet | None:
        """The lanes drawn now (None while hidden or not computed)."""
        return self._flowset if self.visible else None

    def set_flowset(self, fs: FlowSet | None) -> None:
        if fs is not self._flowset:
            self._flowset = fs
            self.hover = None
            self.painter.invalidate(polygons=True)
            self.changed.emit()

    def set_visible(self, on: bool) -> None:
        if bool(on) != self.visible:
            self.visible = bool(on)
            self.hover = None
            self.changed.emit()

    def set_hover(self, i: int | None) -> None:
        if i != self.hover:
            self.hover = i
            self.changed.emit()

    # --- for the canvas ---------------------------------------------------------------------
    def paint(self, painter: QPainter, view, opacity: float = 0.9) -> None:
        fs = self.flowset
        if fs is not None and len(fs):
            self.painter.paint(painter, view, fs, hover=self.hover, opacity=opacity)

    def hit(self, view, sx: float, sy: float) -> int | None:
        fs = self.flowset
        if fs is None or not len(fs):
            return None
        return hit_test(fs, view, sx, sy, tolerance_px=3.0)

    def tooltip(self, i: int) -> str:
        fs = self.flowset
        if fs is None:
            return ""
        title, *rest = lane_tooltip(fs, i)
        return "\n".join([f"<b>{escape(word(title), False)}</b>"] + [escape(word(m), False) for m in rest])

    # --- legend -----------------------------------------------------------------------------
    def legend_height(self, width: float = 250.0) -> float:
        return lane_legend_height(self.flowset, width)

    def paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        paint_lane_legend(painter, rect, self.flowset)

    def snapshot(self) -> "LaneSnapshot | None":
        """The lanes shown now, for a map export (None when none are drawn)."""
        fs = self.flowset
        return LaneSnapshot(fs) if fs is not None and len(fs) else None


class LaneSnapshot:
    """The company's lanes as a map export draws them (``ExportOptions.overlays`` of
    :mod:`desktop.export.publication`): the lanes shown when the export started, over the
    map, and their legend section in the map's lower right corner."""

    LEGEND_WIDTH = 250.0

    def __init__(self, fs: FlowSet):
        self.fs = fs
        self.painter = FlowPainter()
        self.painter.show_totals = False
        self.painter.rim = CASING

    def paint(self, painter: QPainter, view, obstacles=None, vector: bool = False) -> None:
        self.painter.paint(painter, view, self.fs, opacity=0.9, vector=vector)

    def _scale(self, width: float, height: float) -> tuple[float, float, float]:
        """(legend width and height, scale): drawn in the map's own units and never scaled, so
        its width samples are the widths of the bands on the map."""
        w = min(self.LEGEND_WIDTH, width * 0.4)
        return w, lane_legend_height(self.fs, w), 1.0

    def legend_rect(self, width: float, height: float) -> QRectF:
        w, h, k = self._scale(width, height)
        return QRectF(width - w * k - 8, height - h * k - 8, w * k, h * k)

    def paint_legend(self, painter: QPainter, width: float, height: float) -> None:
        w, h, k = self._scale(width, height)
        if h <= 0:
            return
        r = self.legend_rect(width, height)
        painter.save()
        painter.translate(r.topLeft())
        painter.scale(k, k)
        painter.setPen(QPen(QColor("#b9b2a5"), 0.8))
        painter.setBrush(QColor(255, 253, 248, 235))
        painter.drawRect(QRectF(0, 0, w, h))
        paint_lane_legend(painter, QRectF(0, 0, w, h), self.fs)
        painter.restore()


def _mode_label(mode: str) -> str:
    words = {"truck": _tr("Truck lanes"), "rail": _tr("Rail lanes"), "air": _tr("Air lanes"),
             "vessel": _tr("Vessel lanes"), "pipeline": _tr("Pipeline lanes")}
    return words.get(mode, _tr("Other lanes"))


def _fonts() -> tuple[QFont, QFont, QFont]:
    title = QFont()
    title.setPointSizeF(9.0)
    title.setBold(True)
    cap = QFont()
    cap.setPointSizeF(8.0)
    cap.setBold(True)
    body = QFont()
    body.setPointSizeF(8.0)
    return title, cap, body


def _remainder(fs: FlowSet) -> str:
    bits = [word(m) for m in fs.remainder.messages()]
    return ". ".join(bits) + ("." if bits else "")


def lane_legend_height(fs: FlowSet | None, width: float = 250.0) -> float:
    """The height :func:`paint_lane_legend` needs at ``width`` (0 when nothing is drawn)."""
    if fs is None or not fs.shown.any():
        return 0.0
    title, cap, body = _fonts()
    ft, fc, fb = QFontMetricsF(title), QFontMetricsF(cap), QFontMetricsF(body)
    h = 6 + ft.height() + 3
    h += fc.boundingRect(QRectF(0, 0, width - 16, 400), Qt.TextWordWrap, _caption(fs)).height() + 4
    h += sum(max(px, 0.8, fb.height()) + 4 for _, px in fs.width_scale.legend_steps(3))
    h += (fb.height() + 1) * min(6, len(fs.legend_items()))
    text = _remainder(fs)
    if text:
        h += 3 + fb.boundingRect(QRectF(0, 0, width - 16, 2000), Qt.TextWordWrap, text).height()
    return h + 10


def _caption(fs: FlowSet) -> str:
    return word(msg("network.lanes.caption", units=fs.units))


def paint_lane_legend(p: QPainter, rect: QRectF, fs: FlowSet | None) -> None:
    """The company lanes' legend section: its title, the proportional width scale (nice
    values, US$ a year), the colour of each mode and what is not drawn."""
    if fs is None or not fs.shown.any():
        return
    title, cap, body = _fonts()
    p.save()
    p.setRenderHint(QPainter.Antialiasing, True)
    x0, y, w = rect.left() + 8, rect.top() + 6, rect.width() - 16
    p.setFont(title)
    p.setPen(QColor(TITLE_COLOUR))
    fm = QFontMetricsF(title)
    p.drawText(QRectF(x0, y, w, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, _tr("Company lanes"))
    y += fm.height() + 3
    p.setFont(cap)
    p.setPen(QColor("#202020"))
    text = _caption(fs)
    ch = QFontMetricsF(cap).boundingRect(QRectF(0, 0, w, 400), Qt.TextWordWrap, text).height()
    p.drawText(QRectF(x0, y, w, ch), Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop, text)
    y += ch + 4
    p.setFont(body)
    fb = QFontMetricsF(body)
    line_len = 46.0
    bar = fs.legend_items()[0][0] if fs.legend_items() else TITLE_COLOUR
    for value, px in fs.width_scale.legend_steps(3):
        hgt = max(px, 0.8)
        row = max(hgt, fb.height())
        p.setPen(QPen(QColor(CASING), 1.0))
        p.setBrush(qcolor(bar, 0.9))
        p.drawRect(QRectF(x0, y + (row - hgt) / 2, line_len, hgt))
        p.setPen(QColor("#202020"))
        p.drawText(QRectF(x0 + line_len + 8, y, w - line_len - 8, row), Qt.AlignLeft | Qt.AlignVCenter,
                   _tr("{value} a year").format(value=format_usd(value)))
        y += row + 4
    for colour, label in fs.legend_items()[:6]:
        p.setPen(Qt.NoPen)
        p.setBrush(qcolor(colour, 0.95))
        p.drawRect(QRectF(x0, y + fb.height() / 2 - 4, 16, 8))
        p.setPen(QColor("#202020"))
        p.drawText(QRectF(x0 + 24, y, w - 24, fb.height()), Qt.AlignLeft | Qt.AlignVCenter,
                   _mode_label(label))
        y += fb.height() + 1
    text = _remainder(fs)
    if text and y < rect.bottom() - fb.height():
        p.setPen(QColor("#404040"))
        p.drawText(QRectF(x0, y + 3, w, rect.bottom() - y - 6), Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop, text)
    p.restore()


class LaneLegend(QWidget):
    """The company lanes' legend section (hidden while the lanes are not drawn)."""

    def __init__(self, overlay: LaneOverlay, parent=None):
        super().__init__(parent)
        self.overlay = overlay
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        overlay.changed.connect(self._relayout)
        self._relayout()

    def _relayout(self) -> None:
        h = int(self.overlay.legend_height(max(self.width(), 200)))
        self.setVisible(h > 0)
        self.setFixedHeight(max(h, 1))
        self.update()

    def resizeEvent(self, e):
        super().resizeEvent(e)
        h = int(self.overlay.legend_height(max(self.width(), 200)))
        if h and h != self.height():
            self.setFixedHeight(h)

    def sizeHint(self) -> QSize:
        return QSize(240, int(self.overlay.legend_height(max(self.width(), 200))))

    def paintEvent(self, _e):
        p = QPainter(self)
        self.overlay.paint_legend(p, QRectF(self.rect()))
        p.end()
