"""A scenario on the map (issue 16): the closed ports struck through with a red cross, the
freight rerouted as lines from a closed port to each receiving port (width by value), the
receiving ports coloured by load against capacity (green below 80%, amber 80–100%, red above),
and a legend that says what the colours, the widths and the units are.

What is shown comes from :func:`geo.analysis.scenario_view.scenario_map` (pure data); this
module only paints it. :class:`ScenarioOverlay` holds the map of the last scenario run
(``None`` when the scenario is cleared); the canvas paints the marks into its frame
(:meth:`ScenarioOverlay.paint`) and the legend over it (:meth:`ScenarioOverlay.paint_legend`),
and so does a map export (``ExportOptions.overlays`` of :mod:`desktop.export.publication`, on a
:meth:`ScenarioOverlay.snapshot` painted in the export's worker; text stays text in PDF and SVG).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen

from desktop.base.messages import word
from desktop.canvas.label_painter import FONT_FAMILIES
from geo.analysis.scenario_view import LOAD_BOUNDS, ScenarioMap
from geo.core.formatting import format_usd
from geo.core.viewport import Viewport

#: load class -> fill of the receiving port's symbol
CLASS_COLOURS = {"under": "#2e9e4f", "near": "#f0a202", "over": "#d7301f", "unknown": "#9e9e9e"}
CLOSED_COLOUR = "#c00000"
LINE_COLOUR = "#5e3c99"
HALO = "#ffffff"
MIN_WIDTH_PX, MAX_WIDTH_PX = 1.5, 10.0
RECEIVING_R = 6.5
CROSS_R = 8.0
LABELLED = 8          # receiving ports labelled with their name and load (largest value first), room allowing
LEGEND_W = 280.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScenarioPainter", text)


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def line_width(share_of_max: float) -> float:
    """Pixels of a reroute line: proportional to its value, the largest ``MAX_WIDTH_PX``."""
    return max(MIN_WIDTH_PX, MAX_WIDTH_PX * max(0.0, share_of_max))


@dataclass(frozen=True)
class Item:
    """One thing painted, in screen pixels (what a test or a tooltip asks about)."""

    kind: str            # closed | receiving | new (a new crossing receiving) | line
    port: str            # the closed or receiving port (a line: the receiving port)
    x: float
    y: float
    colour: str
    size: float          # radius (marks) or width (lines) in px
    label: str = ""
    origin: str = ""     # a line: the closed port it starts at
    x0: float = 0.0      # a line: where it starts (x, y is where it ends)
    y0: float = 0.0


class ScenarioOverlay(QObject):
    """The scenario shown on the map; ``changed`` asks the canvas to repaint."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.map: ScenarioMap | None = None
        self.title = ""

    @property
    def visible(self) -> bool:
        return self.map is not None and len(self.map) > 0

    def set_map(self, smap: ScenarioMap | None, title: str = "") -> None:
        self.map = smap
        self.title = title if smap is not None else ""
        self.changed.emit()

    def clear(self) -> None:
        if self.map is not None:
            self.set_map(None)

    def snapshot(self) -> "ScenarioOverlay":
        """A copy of what is shown now, for a map export painted off the GUI thread (a later run
        does not change it under the export's feet)."""
        copy = ScenarioOverlay()
        copy.map, copy.title = self.map, self.title
        return copy

    # -- what is painted ------------------------------------------------------------------------
    def items(self, view: Viewport) -> list[Item]:
        """Lines first (bottom), then the receiving ports, then the closed ports (top)."""
        m = self.map
        if m is None:
            return []
        out = []
        for ln in m.lines:
            (x0, x1), (y0, y1) = view.to_screen([ln.x0, ln.x1], [ln.y0, ln.y1])
            out.append(Item("line", ln.port, float(x1), float(y1), LINE_COLOUR, line_width(ln.share_of_max),
                            format_usd(ln.value), origin=ln.origin, x0=float(x0), y0=float(y0)))
        for i, r in enumerate(m.receiving):
            sx, sy = view.to_screen(r.x, r.y)
            pct = f"{r.ratio * 100:.0f}%" if r.ratio is not None else ""
            label = f"{r.name} {pct}".strip() if i < LABELLED else ""
            out.append(Item("new" if r.new else "receiving", r.port, float(sx), float(sy),
                            CLASS_COLOURS[r.load_class], RECEIVING_R, label))
        for c in m.closed:
            sx, sy = view.to_screen(c.x, c.y)
            label = (_tr("{name} closed") if c.kept <= 0 else _tr("{name} at {p:.0f}%")).format(
                name=c.name, p=c.kept * 100)
            out.append(Item("closed", c.port, float(sx), float(sy), CLOSED_COLOUR, CROSS_R, label))
        return out

    def paint(self, p: QPainter, view: Viewport, obstacles: list[QRectF] | None = None, vector: bool = False) -> None:
        """The marks, in the map's frame; ``obstacles``: screen boxes of the map's own labels,
        which the scenario's labels keep out of where they can; ``vector``: labels as text over
        a vector halo (PDF, SVG) instead of filled outlines."""
        items = self.items(view)
        if not items:
            return
        p.save()
        p.setRenderHint(QPainter.Antialiasing, True)
        for it in items:
            if it.kind == "line":
                _paint_line(p, it)
        for it in items:
            if it.kind == "receiving":
                p.setPen(QPen(QColor("#333333"), 1.2))
                p.setBrush(QColor(it.colour))
                p.drawEllipse(QPointF(it.x, it.y), it.size, it.size)
            elif it.kind == "new":
                _paint_new(p, it.x, it.y, it.size, it.colour)
            elif it.kind == "closed":
                _paint_cross(p, it.x, it.y, it.size)
        p.setFont(_font(8.0, True))
        self._labels(p, view, items, list(obstacles or []), vector)
        p.restore()

    def _labels(self, p: QPainter, view: Viewport, items: list[Item], obstacles: list[QRectF],
                vector: bool = False) -> None:
        """Closed ports first (always labelled), then the receiving ports by value: "name NN%"
        where it covers nothing, else "NN%" where that covers nothing (else no label: the table
        has every figure)."""
        fm = QFontMetricsF(p.font())
        marks = [QRectF(it.x - it.size, it.y - it.size, 2 * it.size, 2 * it.size) for it in items
                 if it.kind != "line"] + [self.legend_rect(view.width, view.height)]
        placed: list[QRectF] = []

        def box(it: Item, text: str, k: int) -> tuple[QRectF, QPointF]:
            w, h = fm.horizontalAdvance(text), fm.height()
            dx, dy = ((it.size + 4, 4), (-it.size - 4 - w, 4), (-w / 2, -it.size - 5), (-w / 2, it.size + h))[k]
            return QRectF(it.x + dx - 1, it.y + dy - fm.ascent() - 1, w + 2, h + 2), QPointF(it.x + dx, it.y + dy)

        frame = QRectF(0, 0, view.width, view.height)

        def free(r: QRectF, own: QRectF, against: list[QRectF]) -> bool:
            return frame.contains(r) and not any(r.intersects(t) for t in against if t != own)

        for it in sorted((i for i in items if i.label and i.kind != "line"), key=lambda i: i.kind != "closed"):
            own = QRectF(it.x - it.size, it.y - it.size, 2 * it.size, 2 * it.size)
            colour = QColor(CLOSED_COLOUR if it.kind == "closed" else "#222222")
            if it.kind != "closed":
                short = it.label.rsplit(" ", 1)[-1] if "%" in it.label else ""
            else:   # the map may name the port already: "closed", "at 80%"
                short = it.label[len(next(c.name for c in self.map.closed if c.port == it.port)):].strip()
            tries = [(it.label, k, marks + placed + obstacles) for k in range(4)]
            tries += [(short, k, marks + placed + obstacles) for k in range(4) if short]
            if it.kind == "closed":
                tries += [(it.label, k, placed) for k in range(4)] + [(it.label, 0, [])]
            for text, k, against in tries:
                r, at = box(it, text, k)
                if free(r, own, against):
                    placed.append(r)
                    _halo_text(p, at, text, colour, vector)
                    break

    def bounds(self, margin_km: float = 60.0) -> tuple[float, float, float, float] | None:
        """Map bounds (metres) of the closed and receiving ports, to zoom to."""
        m = self.map
        if m is None or not (m.closed or m.receiving):
            return None
        xs = [c.x for c in m.closed] + [r.x for r in m.receiving]
        ys = [c.y for c in m.closed] + [r.y for r in m.receiving]
        pad = margin_km * 1000
        return (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)

    # -- the legend ---------------------------------------------------------------------------------
    def legend_rows(self) -> list[tuple[str, str, str]]:
        """(kind, colour, text) of the legend, worded: kind is title | closed | line | class | note."""
        m = self.map
        if m is None:
            return []
        lo, hi = (f"{int(b * 100)}%" for b in LOAD_BOUNDS)
        rows = [("title", "", self.title or _tr("Scenario"))]
        if any(c.kept <= 0 for c in m.closed):
            rows.append(("closed", CLOSED_COLOUR, _tr("Closed port")))
        if any(c.kept > 0 for c in m.closed):
            rows.append(("closed", CLOSED_COLOUR, _tr("Port degraded (capacity kept)")))
        if m.lines:
            rows.append(("line", LINE_COLOUR, _tr("Freight rerouted to another port")))
        if any(r.new for r in m.receiving):
            rows.append(("new", HALO, _tr("New crossing (in the scenario)")))
        counts = m.counts()
        rows += [("class", CLASS_COLOURS["under"], _tr("Below {lo} of capacity").format(lo=lo)),
                 ("class", CLASS_COLOURS["near"], _tr("{lo} to {hi} of capacity").format(lo=lo, hi=hi)),
                 ("class", CLASS_COLOURS["over"], _tr("Over {hi} of capacity").format(hi=hi))]
        if counts["unknown"]:
            rows.append(("class", CLASS_COLOURS["unknown"], _tr("No capacity in the counts")))
        rows += [("note", "", word(n)) for n in m.notes]
        return rows

    def legend_rect(self, width: float, height: float) -> QRectF:
        h = self._legend_height()
        return QRectF(10, max(10.0, height - h - 10), LEGEND_W, h)

    def _legend_height(self) -> float:
        h = 12.0
        for kind, _c, text in self.legend_rows():
            h += self._row_h(kind, text)
        return h

    def _row_h(self, kind: str, text: str) -> float:
        if kind in ("title", "note"):
            fm = QFontMetricsF(_font(8.0 if kind == "title" else 7.0, kind == "title"))
            r = fm.boundingRect(QRectF(0, 0, LEGEND_W - 20, 1000), Qt.TextWordWrap, text)
            return r.height() + 4
        fm = QFontMetricsF(_font(7.5))
        r = fm.boundingRect(QRectF(0, 0, LEGEND_W - 52, 1000), Qt.TextWordWrap, text)
        return max(16.0, r.height() + 2)

    def paint_legend(self, p: QPainter, width: float, height: float) -> None:
        """The legend box in the map's lower left corner (screen pixels)."""
        rows = self.legend_rows()
        if not rows:
            return
        rect = self.legend_rect(width, height)
        p.save()
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setPen(QPen(QColor("#b0a899"), 1.0))
        p.setBrush(QColor(255, 253, 248, 235))
        p.drawRoundedRect(rect, 4, 4)
        y = rect.top() + 6
        x = rect.left() + 10
        for kind, colour, text in rows:
            h = self._row_h(kind, text)
            sym = QRectF(x, y, 26, h)
            body = QRectF(x + 32, y, rect.width() - 52, h)
            if kind in ("title", "note"):
                p.setFont(_font(8.0 if kind == "title" else 7.0, kind == "title"))
                p.setPen(QColor("#222222" if kind == "title" else "#555555"))
                p.drawText(QRectF(x, y, rect.width() - 20, h), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, text)
            else:
                c = sym.center()
                if kind == "closed":
                    _paint_cross(p, c.x(), c.y(), 6.0)
                elif kind == "new":
                    _paint_new(p, c.x(), c.y(), 5.5, colour)
                elif kind == "line":
                    p.setPen(QPen(QColor(colour), 4.0, Qt.SolidLine, Qt.RoundCap))
                    p.drawLine(QPointF(sym.left() + 2, c.y()), QPointF(sym.right() - 2, c.y()))
                else:
                    p.setPen(QPen(QColor("#333333"), 1.0))
                    p.setBrush(QColor(colour))
                    p.drawEllipse(c, 5.5, 5.5)
                p.setFont(_font(7.5))
                p.setPen(QColor("#222222"))
                p.drawText(body, Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap, text)
            y += h
        p.restore()


def _paint_line(p: QPainter, it: Item) -> None:
    """A gently bowed line from the closed port to the receiving port, with an arrow head."""
    x0, y0 = it.x0, it.y0
    x1, y1 = it.x, it.y
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 1:
        return
    nx, ny = -dy / length, dx / length
    bow = 0.18 * length
    cx, cy = (x0 + x1) / 2 + nx * bow, (y0 + y1) / 2 + ny * bow
    # stop short of the receiving symbol so the arrow head shows
    tx, ty = x1 - cx, y1 - cy
    tl = math.hypot(tx, ty) or 1.0
    end = QPointF(x1 - tx / tl * (RECEIVING_R + 1), y1 - ty / tl * (RECEIVING_R + 1))
    path = QPainterPath(QPointF(x0, y0))
    path.quadTo(QPointF(cx, cy), end)
    colour = QColor(it.colour)
    colour.setAlphaF(0.72)
    p.setBrush(Qt.NoBrush)
    p.setPen(QPen(QColor(255, 255, 255, 170), it.size + 2.0, Qt.SolidLine, Qt.RoundCap))
    p.drawPath(path)
    p.setPen(QPen(colour, it.size, Qt.SolidLine, Qt.FlatCap))
    p.drawPath(path)
    head = max(6.0, it.size * 1.6)
    ux, uy = tx / tl, ty / tl
    tip = end
    left = QPointF(tip.x() - ux * head + uy * head * 0.55, tip.y() - uy * head - ux * head * 0.55)
    right = QPointF(tip.x() - ux * head - uy * head * 0.55, tip.y() - uy * head + ux * head * 0.55)
    p.setPen(Qt.NoPen)
    p.setBrush(colour)
    p.drawPolygon([tip, left, right])


def _paint_new(p: QPainter, x: float, y: float, r: float, colour: str) -> None:
    """A new crossing: a diamond in its load class's colour."""
    p.setPen(QPen(QColor("#333333"), 1.4))
    p.setBrush(QColor(colour))
    p.drawPolygon([QPointF(x, y - r * 1.3), QPointF(x + r * 1.3, y), QPointF(x, y + r * 1.3), QPointF(x - r * 1.3, y)])


def _paint_cross(p: QPainter, x: float, y: float, r: float) -> None:
    """A red cross with a white halo: the port is closed (or degraded)."""
    a = QPointF(x - r, y - r)
    b = QPointF(x + r, y + r)
    c = QPointF(x - r, y + r)
    d = QPointF(x + r, y - r)
    for colour, width in ((HALO, r * 0.75 + 3.0), (CLOSED_COLOUR, r * 0.45)):
        p.setPen(QPen(QColor(colour), width, Qt.SolidLine, Qt.RoundCap))
        p.drawLine(a, b)
        p.drawLine(c, d)


def _halo_text(p: QPainter, at: QPointF, text: str, colour: QColor, vector: bool = False) -> None:
    path = QPainterPath()
    path.addText(at, p.font(), text)
    stroker = QPainterPathStroker()
    stroker.setWidth(3.0)
    stroker.setJoinStyle(Qt.RoundJoin)
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(255, 255, 255, 220))
    p.drawPath(stroker.createStroke(path))
    if vector:          # text a PDF reader can search and copy
        p.setPen(colour)
        p.drawText(at, text)
        return
    p.setBrush(colour)
    p.drawPath(path)
