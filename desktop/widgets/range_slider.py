"""A slider with two handles for a range of steps (the period's first and last month).

Drag a handle, or drag the band between them to move the whole window; arrow keys move
the upper handle, Shift+arrows the lower one. Emits rangeChanged(lo, hi) on release and
rangeMoved(lo, hi) while dragging. PageUp/PageDown move the upper handle by ``page``
steps (a year of months). Optional bands under the groove show, per step, which rows hold
data (the time line draws one row per source, so gaps are seen).
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

HANDLE_R = 7.0
BAND_H = 2.0  # height of one coverage row


class RangeSlider(QWidget):
    rangeChanged = Signal(int, int)
    rangeMoved = Signal(int, int)
    hovered = Signal(int)  # the step under the mouse (for a tooltip), not dragging

    def __init__(self, parent=None):
        super().__init__(parent)
        self._n = 1
        self.lo = 0
        self.hi = 0
        self._drag: str | None = None
        self._grab = 0
        self.page = 12
        self._bands: list[tuple[QColor, list[bool]]] = []
        self._ticks: list[tuple[int, str]] = []
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumWidth(120)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(260, 24 + int(len(self._bands) * (BAND_H + 1)) + (10 if self._ticks else 0))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def set_bands(self, bands: list[tuple[str, list[bool]]], ticks: list[tuple[int, str]] | None = None) -> None:
        """Rows under the groove: (colour, held per step); ``ticks``: (step, label)."""
        self._bands = [(QColor(c), list(held)) for c, held in bands]
        self._ticks = list(ticks or [])
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def step_at(self, x: float) -> int:
        return max(0, min(self._n - 1, self._step_at(x)))
    def set_steps(self, n: int) -> None:
        self._n = max(1, n)
        self.lo, self.hi = min(self.lo, self._n - 1), min(self.hi, self._n - 1)
        self.update()

    def set_range(self, lo: int, hi: int, emit: bool = False) -> None:
        lo, hi = max(0, min(lo, self._n - 1)), max(0, min(hi, self._n - 1))
        if lo > hi:
            lo, hi = hi, lo
        changed = (lo, hi) != (self.lo, self.hi)
        self.lo, self.hi = lo, hi
        self.update()
        if emit and changed:
            self.rangeChanged.emit(lo, hi)

    # geometry
    def _x(self, step: int) -> float:
        w = self.width() - 2 * HANDLE_R - 2
        return HANDLE_R + 1 + (w * step / (self._n - 1) if self._n > 1 else w / 2)

    def _step_at(self, x: float) -> int:
        w = self.width() - 2 * HANDLE_R - 2
        if self._n <= 1 or w <= 0:
            return 0
        return int(round((x - HANDLE_R - 1) / w * (self._n - 1)))

    def paintEvent(self, _e):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        cy = 12.0
        pal = self.palette()
        p.setPen(Qt.NoPen)
        p.setBrush(pal.mid())
        p.drawRoundedRect(QRectF(HANDLE_R, cy - 2, self.width() - 2 * HANDLE_R, 4), 2, 2)
        hi_col = pal.highlight().color() if self.isEnabled() else pal.mid().color()
        p.setBrush(hi_col)
        p.drawRect(QRectF(self._x(self.lo), cy - 3, self._x(self.hi) - self._x(self.lo), 6))
        for step in (self.lo, self.hi):
            p.setPen(QPen(hi_col.darker(130), 1.2))
            p.setBrush(QColor("#ffffff"))
            p.drawEllipse(QRectF(self._x(step) - HANDLE_R + 1, cy - HANDLE_R + 1, 2 * HANDLE_R - 2, 2 * HANDLE_R - 2))
        self._paint_bands(p, cy + HANDLE_R + 1)
        if self.hasFocus():
            p.setPen(QPen(hi_col, 1, Qt.DotLine))
            p.setBrush(Qt.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        p.end()

    def _paint_bands(self, p: QPainter, y: float) -> None:
        if not self._bands:
            return
        p.setRenderHint(QPainter.Antialiasing, False)
        half = (self._x(1) - self._x(0)) / 2 if self._n > 1 else 2.0
        for colour, held in self._bands:
            p.setPen(Qt.NoPen)
            p.setBrush(QColor("#ece9e2"))
            p.drawRect(QRectF(HANDLE_R, y, self.width() - 2 * HANDLE_R, BAND_H))
            p.setBrush(colour)
            start = None
            for i in range(len(held) + 1):
                on = i < len(held) and held[i]
                if on and start is None:
                    start = i
                elif not on and start is not None:
                    x0, x1 = self._x(start) - half, self._x(i - 1) + half
                    p.drawRect(QRectF(x0, y, max(1.0, x1 - x0), BAND_H))
                    start = None
            y += BAND_H + 1
        if self._ticks:
            f = p.font()
            f.setPointSizeF(max(6.5, f.pointSizeF() * 0.75))
            p.setFont(f)
            p.setPen(self.palette().text().color())
            last_right = -1e9
            for step, label in self._ticks:
                x = self._x(step)
                w = p.fontMetrics().horizontalAdvance(label)
                if x - 1 > last_right + 4 and x + w < self.width():
                    p.drawLine(int(x), int(y), int(x), int(y + 2))
                    p.drawText(QRectF(x + 1, y, w + 2, 10), Qt.AlignLeft | Qt.AlignVCenter, label)
                    last_right = x + w
        p.setRenderHint(QPainter.Antialiasing, True)

    def mousePressEvent(self, e):
        x = e.position().x()
        d_lo, d_hi = abs(x - self._x(self.lo)), abs(x - self._x(self.hi))
        if min(d_lo, d_hi) <= HANDLE_R + 2:
            self._drag = "lo" if d_lo < d_hi or (d_lo == d_hi and x < self._x(self.lo)) else "hi"
        elif self._x(self.lo) < x < self._x(self.hi):
            self._drag = "band"
            self._grab = self._step_at(x) - self.lo
        else:
            self._drag = "lo" if x < self._x(self.lo) else "hi"
            self.mouseMoveEvent(e)

    def mouseMoveEvent(self, e):
        if not self._drag:
            self.hovered.emit(self.step_at(e.position().x()))
            return
        s = self._step_at(e.position().x())
        lo, hi = self.lo, self.hi
        if self._drag == "lo":
            lo = min(max(0, s), hi)
        elif self._drag == "hi":
            hi = max(min(self._n - 1, s), lo)
        else:
            width = hi - lo
            lo = min(max(0, s - self._grab), self._n - 1 - width)
            hi = lo + width
        if (lo, hi) != (self.lo, self.hi):
            self.lo, self.hi = lo, hi
            self.update()
            self.rangeMoved.emit(lo, hi)

    def mouseReleaseEvent(self, _e):
        if self._drag:
            self._drag = None
            self.rangeChanged.emit(self.lo, self.hi)

    def keyPressEvent(self, e):
        d = {Qt.Key_Left: -1, Qt.Key_Down: -1, Qt.Key_Right: 1, Qt.Key_Up: 1,
             Qt.Key_PageUp: self.page, Qt.Key_PageDown: -self.page}.get(e.key())
        if d is None:
            return super().keyPressEvent(e)
        if e.modifiers() & Qt.ShiftModifier:
            self.set_range(self.lo + d, self.hi, emit=True)
        else:
            self.set_range(self.lo, max(self.lo, self.hi + d), emit=True)
