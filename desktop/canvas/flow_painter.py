"""Paints a :class:`geo.flows.FlowSet` over the map: stacked, curved, tapered flow bands sized
by the set's :class:`~geo.flows.WidthScale`, location-total circles, value labels, and the
proportional width legend.

Speed (2,000 flows at 1600×1000 in a few ms):

- the geometry comes from ``FlowSet.geometry(scale)`` (numpy, cached per scale): the bands of
  one leg and colour are merged into runs, so 2,000 flows make ~1,500 runs;
- the runs are bucketed once per (flow set, scale) into a handful of Qt objects, built from
  numpy in one go (a QPainterPath is deserialised from a byte buffer numpy writes, no
  per-vertex Python), in pixel units up to a translation, so pans only translate;
- the bands are drawn OPAQUE into a transparent layer image and the layer is composited
  with the overlay's opacity. Qt's raster engine fills opaque spans several times faster
  than translucent ones (memfill vs blend), and one composite of the layer is cheap. As a
  bonus crossings do not darken (group opacity). Runs at least ``WIDE_PX`` wide are
  polygons filled without antialiasing plus a 1 px antialiased rim; thinner runs are 1 px
  cosmetic hairlines whose colour is pre-mixed with white in proportion to their sub-pixel
  width (an opaque stand-in for alpha); the thinnest are not antialiased;
- the layer covers the view plus a margin, so pans and hover blits reuse it.
"""
from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QByteArray, QCoreApplication, QDataStream, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from desktop.base.messages import word
from desktop.canvas.qt_geometry import qpolygonf
from desktop.canvas.symbols import qcolor
from geo.core.viewport import Viewport
from geo.flows import FlowSet, format_usd
from geo.layers.content import PORT_RED

PORT_RING = PORT_RED  # the port symbol colour (geo.layers.content)
STATE_RING = "#3a3a3a"
HOVER_OUTLINE = "#1a1a1a"


def _tr(text: str) -> str:
    return QCoreApplication.translate("FlowPainter", text)


_PATH_REC = np.dtype([("t", ">i4"), ("x", ">f8"), ("y", ">f8")])


def polylines_path(coords: np.ndarray, close: bool = False) -> QPainterPath:
    """One QPainterPath holding the polylines ``coords`` (R, n, 2) as R subpaths (closed
    outlines with ``close``), built in one go: numpy writes QPainterPath's QDataStream form
    (element count, then per element type/x/y, then the current-subpath start and the fill
    rule) and Qt reads it, so there is no per-vertex or per-polyline Python."""
    coords = np.asarray(coords, float)
    if coords.ndim != 3 or not coords.shape[0] or not coords.shape[1]:
        return QPainterPath()
    if close:
        coords = np.concatenate([coords, coords[:, :1]], axis=1)
    R, n = coords.shape[:2]
    rec = np.empty((R, n), _PATH_REC)
    rec["t"] = 1                       # LineToElement
    rec["t"][:, 0] = 0                 # MoveToElement
    rec["x"] = coords[..., 0]
    rec["y"] = coords[..., 1]
    buf = (np.array([R * n], ">i4").tobytes() + rec.tobytes()
           + np.array([(R - 1) * n, int(Qt.WindingFill.value)], ">i4").tobytes())
    path = QPainterPath()
    QDataStream(QByteArray(buf)) >> path
    return path


def _mix_white(spec: str, a: float) -> QColor:
    """The opaque colour that ``spec`` at alpha ``a`` makes over white."""
    c = QColor(spec)
    return QColor(round(255 - a * (255 - c.red())), round(255 - a * (255 - c.green())),
                  round(255 - a * (255 - c.blue())))


class FlowPainter:
    """Draws flows; keep one per canvas (it caches polygons for the last flow set and scale,
    and a raster of them for pans and hover)."""

    WIDE_PX = 1.2      # runs at least this wide are filled outlines; thinner ones are hairlines
    AA_HAIRLINE_PX = 0.75   # hairlines at least this wide are antialiased, thinner ones not
    LAYER_MARGIN = 256     # px around the view kept in the cached layers, so pans reuse them
    FOCUS_CACHE = 3        # hover/port layers kept

    def __init__(self):
        self.label_obstacles: list[QRectF] = []  # screen boxes value labels must avoid
        self._fs: FlowSet | None = None
        self._scale: float | None = None
        self._buckets: list = []
        self._subset_cache: dict = {}
        self._focus_layers: OrderedDict = OrderedDict()
        self._layer = None
        self._labels_cache: dict = {}
        self.faded_opacity = 0.16
        self.show_totals = True
        self.rim: str | None = None   # an outline colour for the wide bands (None: their own colour)
        self.defer_labels = False     # value labels wait for paint_deferred_labels (another overlay goes between)
        self._deferred = None
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.font.setBold(True)
        self.last_labels: list[QRectF] = []

    # -- caches ---------------------------------------------------------------------------
    def _prepare(self, fs: FlowSet, scale: float) -> None:
        if fs is self._fs and self._scale == scale:
            return
        self._fs, self._scale = fs, scale
        self._subset_cache = {}
        self._focus_layers.clear()
        g = fs.geometry(scale)
        self._buckets = self._build(self._px(g.run_polys), self._px(g.run_centres), g.run_width_px,
                                    g.run_colour, g.run_value)

    def _px(self, xy: np.ndarray) -> np.ndarray:
        """Map metres -> pixel units of this scale (y down), up to a translation: painting
        under a pure translation keeps Qt on its fast paths (a scaling world transform
        costs 2-3x per polygon)."""
        out = np.empty_like(xy)
        out[..., 0] = xy[..., 0] / self._scale
        out[..., 1] = -xy[..., 1] / self._scale
        return out

    def _translation(self, view: Viewport) -> QTransform:
        return QTransform.fromTranslate(view.width / 2 - view.cx / view.scale, view.height / 2 + view.cy / view.scale)

    def _build(self, polys, centres, width_px, colours, values) -> list:
        """[(kind, QColor, antialiased, payload)] drawn in order, all opaque: first the
        hairlines (``"line"``, a QPainterPath per colour and strength), then the filled runs
        (``"fill"``, ([QPolygonF], rim QPainterPath)) on top, so wide bands are never striped
        by thin flows; within each, the colour carrying the most value first (bottom)."""
        out, fills = [], []
        if not len(width_px):
            return out
        colours = np.asarray(colours).astype(str)
        uniq, inv = np.unique(colours, return_inverse=True)
        inv = inv.ravel()
        totals = np.bincount(inv, weights=values)
        wide = width_px >= self.WIDE_PX
        # a hairline's sub-pixel width shows as its colour's strength: 4 levels
        level = np.clip(np.ceil(width_px / self.WIDE_PX * 4), 1, 4).astype(int)
        aa = width_px >= self.AA_HAIRLINE_PX
        for k in np.argsort(-totals, kind="stable"):
            sel = inv == k
            spec = str(uniq[k])
            for lv in (1, 2, 3, 4):
                for smooth in (False, True):
                    m = sel & ~wide & (level == lv) & (aa == smooth)
                    if m.any():
                        out.append(("line", _mix_white(spec, 0.25 + 0.75 * lv / 4), smooth,
                                    polylines_path(centres[m])))
            m = np.nonzero(sel & wide)[0]
            if len(m):
                # one polygon per run: Qt fills many small polygons much faster than one
                # path holding them all; the rim is one path
                pieces = [qpolygonf(x) for x in polys[m]]
                fills.append(("fill", QColor(spec), True, (pieces, polylines_path(polys[m], close=True))))
        return out + fills

    def _subset(self, fs: FlowSet, key, flows: np.ndarray):
        hit = self._subset_cache.get(key)
        if hit is None:
            g = fs.geometry(self._scale)
            m = np.isin(g.band_flow, flows)
            w = g.half_px[m].max(1) * 2
            hit = self._subset_cache[key] = self._build(self._px(g.band_polys(m)), self._px(g.centres[m]), w,
                                                        fs.colour[g.band_flow[m]], fs.value[g.band_flow[m]])
        return hit

    @staticmethod
    def _draw(painter: QPainter, buckets, outline: QColor | None = None) -> None:
        """Draw ``buckets`` opaque (into a layer: the layer carries the opacity)."""
        painter.setBrush(Qt.NoBrush)
        for kind, colour, smooth, payload in buckets:
            if kind == "line":
                pen = QPen(colour, 1.0)
                pen.setCosmetic(True)
                painter.setRenderHint(QPainter.Antialiasing, smooth)
                painter.setPen(pen)
                painter.setBrush(Qt.NoBrush)
                painter.drawPath(payload)
            else:
                # fill without antialiasing (several times cheaper), then a 1 px antialiased
                # rim smooths the edges
                pieces, rim = payload
                painter.setRenderHint(QPainter.Antialiasing, False)
                painter.setPen(Qt.NoPen)
                painter.setBrush(colour)
                draw = painter.drawPolygon
                for poly in pieces:
                    draw(poly)
                painter.setRenderHint(QPainter.Antialiasing, True)
                pen = QPen(outline if outline is not None else colour, 1.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.NoBrush)
                painter.drawPath(rim)

    # -- the cached layers -------------------------------------------------------------------
    def _layer_for(self, cached, buckets, painter: QPainter, view: Viewport, outline=None):
        """A raster of ``buckets`` covering the view plus ``LAYER_MARGIN``: ``cached`` when it
        is for these buckets and still covers the view, else a new one.
        Returns ``(buckets, dpr, ox, oy, image)``."""
        tx = self._translation(view)
        ox, oy = tx.dx(), tx.dy()
        m = self.LAYER_MARGIN
        dev = painter.device()
        dpr = dev.devicePixelRatioF() if dev is not None else 1.0
        if cached is not None:
            bk, d, lx, ly, img = cached
            px, py = round(ox - lx) - m, round(oy - ly) - m
            w, h = img.width() / d, img.height() / d
            if bk is buckets and d == dpr and px <= 0 and py <= 0 and px + w >= view.width \
                    and py + h >= view.height:
                return cached
        size = (int((view.width + 2 * m) * dpr), int((view.height + 2 * m) * dpr))
        img = cached[4] if cached is not None else None
        if img is None or (img.width(), img.height()) != size:
            img = QImage(size[0], size[1], QImage.Format_ARGB32_Premultiplied)   # else reuse its memory
        img.setDevicePixelRatio(dpr)
        img.fill(Qt.transparent)
        p = QPainter(img)
        p.setTransform(QTransform.fromTranslate(ox + m, oy + m))
        self._draw(p, buckets, outline)
        p.end()
        return (buckets, dpr, ox, oy, img)

    def _blit(self, painter: QPainter, view: Viewport, layer, opacity: float, base: QTransform | None = None) -> None:
        tx = self._translation(view)
        m = self.LAYER_MARGIN
        painter.save()
        painter.setTransform(base or QTransform())
        painter.setOpacity(painter.opacity() * opacity)
        painter.drawImage(QPointF(round(tx.dx() - layer[2]) - m, round(tx.dy() - layer[3]) - m), layer[4])
        painter.restore()

    def invalidate(self, polygons: bool = False) -> None:
        """Drop the cached flow rasters (and with ``polygons`` the cached polygons too)."""
        if polygons:
            self._fs = None
        self._layer = None
        self._focus_layers.clear()

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, view: Viewport, flowset: FlowSet | None, *, hover: int | None = None,
              selected_port: str | None = None, opacity: float = 0.78, vector: bool = False) -> None:
        """Paint the shown flows of ``flowset``. ``hover``: a flow index to emphasise (the
        others fade); ``selected_port``: a port code whose flows alone stay bright. The
        painter's transform on entry places the frame (an export page); ``vector``: bands,
        circles and labels as shapes and text (PDF, SVG) instead of cached rasters."""
        fs = flowset
        if fs is None or not fs.shown.any():
            return
        self._prepare(fs, view.scale)
        painter.save()
        base = painter.transform()
        focus = None
        if hover is not None and 0 <= hover < len(fs) and fs.shown[hover]:
            focus = ("hover", int(hover)), np.array([hover])
        elif selected_port:
            idx = fs.flows_through(selected_port, shown_only=True)
            focus = ("port", str(selected_port)), idx
        if vector:
            self._draw_vector(painter, view, self._buckets, self.faded_opacity if focus is not None else opacity,
                              base)
            if focus is not None and len(focus[1]):
                self._draw_vector(painter, view, self._subset(fs, focus[0], focus[1]), min(1.0, opacity + 0.12), base)
        else:
            self._layer = self._layer_for(self._layer, self._buckets, painter, view,
                                          QColor(self.rim) if self.rim else None)
            self._blit(painter, view, self._layer, self.faded_opacity if focus is not None else opacity, base)
        if not vector and focus is not None and len(focus[1]):
            key = focus[0]
            buckets = self._subset(fs, key, focus[1])
            lay = self._focus_layers.pop(key, None)
            lay = self._layer_for(lay, buckets, painter, view,
                                  QColor(HOVER_OUTLINE) if key[0] == "hover" else None)
            self._focus_layers[key] = lay
            while len(self._focus_layers) > self.FOCUS_CACHE:
                self._focus_layers.popitem(last=False)
            self._blit(painter, view, lay, min(1.0, opacity + 0.12), base)
        painter.setTransform(base)
        painter.setRenderHint(QPainter.Antialiasing, True)
        if self.show_totals:
            self._totals(painter, view, fs, focus[1] if focus is not None else None, vector)
        self.last_labels = []
        self._deferred = None
        if fs.options.show_labels_top_k > 0:
            if self.defer_labels and not vector:
                self._deferred = (view, fs, focus[1] if focus is not None else None)
            else:
                self._labels(painter, view, fs, focus[1] if focus is not None else None, vector)
        painter.restore()

    def paint_deferred_labels(self, painter: QPainter) -> None:
        """The value labels a paint with ``defer_labels`` left out, drawn now: over what was
        painted since (the company's lanes over the public flows), so they stay legible."""
        d, self._deferred = self._deferred, None
        if d is not None:
            painter.save()
            painter.setRenderHint(QPainter.Antialiasing, True)
            self._labels(painter, *d)
            painter.restore()

    def _draw_vector(self, painter: QPainter, view: Viewport, buckets, opacity: float, base: QTransform) -> None:
        painter.save()
        painter.setTransform(self._translation(view) * base)
        painter.setOpacity(painter.opacity() * opacity)
        self._draw(painter, buckets)
        painter.restore()

    def _totals(self, painter: QPainter, view: Viewport, fs: FlowSet, focus, vector: bool = False) -> None:
        """Circles at ports and states: area proportional to the value entering + leaving.
        Each circle is a sprite (drawn once per radius, to a quarter pixel): blitting ~150
        small images is several times cheaper than antialiasing ~150 translucent ellipses."""
        x, y, total, ports = fs.location_circles()
        if not len(total):
            return
        r = np.round((2.5 + 9.5 * np.sqrt(total / (float(total.max()) or 1.0))) * 4) / 4
        sx, sy = view.to_screen(x, y)
        on = (sx > -20) & (sx < view.width + 20) & (sy > -20) & (sy < view.height + 20)
        dev = painter.device()
        dpr = dev.devicePixelRatioF() if dev is not None else 1.0
        order = np.argsort(-r, kind="stable")                  # big circles under small ones
        if vector:
            painter.setBrush(qcolor("#ffffff", 0.72))
            for j in order[on[order]].tolist():
                painter.setPen(QPen(qcolor(PORT_RING), 1.4) if ports[j] else QPen(qcolor(STATE_RING), 1.0))
                painter.drawEllipse(QPointF(float(sx[j]), float(sy[j])), float(r[j]), float(r[j]))
            return
        draw = painter.drawImage
        for j in order[on[order]].tolist():
            img, half = self._circle_sprite(float(r[j]), bool(ports[j]), dpr)
            draw(QPointF(round(float(sx[j]) - half), round(float(sy[j]) - half)), img)

    def _circle_sprite(self, r: float, port: bool, dpr: float):
        key = ("circle", r, port, dpr)
        hit = self._labels_cache.get(key)
        if hit is None:
            size = 2 * math.ceil(r + 2) + 1
            img = QImage(int(math.ceil(size * dpr)), int(math.ceil(size * dpr)), QImage.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            img.fill(Qt.transparent)
            p = QPainter(img)
            p.setRenderHint(QPainter.Antialiasing, True)
            p.setPen(QPen(qcolor(PORT_RING), 1.4) if port else QPen(qcolor(STATE_RING), 1.0))
            p.setBrush(qcolor("#ffffff", 0.72))
            p.drawEllipse(QPointF(size / 2, size / 2), r, r)
            p.end()
            if len(self._labels_cache) > 512:
                self._labels_cache.clear()
            hit = self._labels_cache[key] = (img, size / 2)
        return hit

    def _label_sprite(self, text: str, dpr: float):
        """(image, width, height) of a value label with its white halo, drawn once per text."""
        key = (text, dpr, self.font.toString())
        hit = self._labels_cache.get(key)
        if hit is None:
            fm = QFontMetricsF(self.font)
            w, h = fm.horizontalAdvance(text) + 2, fm.height()
            pad = 3
            img = QImage(int(math.ceil((w + 2 * pad) * dpr)), int(math.ceil((h + 2 * pad) * dpr)),
                         QImage.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            img.fill(Qt.transparent)
            p = QPainter(img)
            p.setRenderHint(QPainter.Antialiasing, True)
            p.setRenderHint(QPainter.TextAntialiasing, True)
            p.setFont(self.font)
            # the white halo: the text stamped around a 1.6 px circle (a stroked text path
            # costs ~10x more, and every playback step brings new values)
            x0, y0 = pad + 1, pad + fm.ascent()
            p.setPen(QColor(255, 255, 255, 235))
            for k in range(12):
                a = k * math.pi / 6
                p.drawText(QPointF(x0 + 1.6 * math.cos(a), y0 + 1.6 * math.sin(a)), text)
            p.setPen(qcolor("#202020"))
            p.drawText(QPointF(x0, y0), text)
            p.end()
            if len(self._labels_cache) > 256:
                self._labels_cache.clear()
            hit = self._labels_cache[key] = (img, w, h, pad)
        return hit

    def _labels(self, painter: QPainter, view: Viewport, fs: FlowSet, focus, vector: bool = False) -> None:
        """Value labels on the K largest shown flows (or the focused ones), never overlapping."""
        g = fs.geometry(view.scale)
        cand = fs.shown_index if focus is None else np.asarray(focus)
        cand = cand[: fs.options.show_labels_top_k] if focus is None else cand[:max(fs.options.show_labels_top_k, 1)]
        dev = painter.device()
        dpr = dev.devicePixelRatioF() if dev is not None else 1.0
        placed: list[QRectF] = []
        frame = QRectF(0, 0, view.width, view.height)
        for i in cand:
            x, y = g.label_xy[i]
            if not np.isfinite(x):
                continue
            sx, sy = view.to_screen(x, y)
            if vector:  # measured, not rendered into a sprite
                fm = QFontMetricsF(self.font)
                img, w, h, pad = None, fm.horizontalAdvance(format_usd(fs.value[i])) + 2, fm.height(), 0
            else:
                img, w, h, pad = self._label_sprite(format_usd(fs.value[i]), dpr)
            # On the flow, else just above/below/beside it: never over another label,
            # the basemap's included (label_obstacles, set by whoever drew the basemap).
            for dx, dy in ((0, 0), (0, -h - 2), (0, h + 2), (w * 0.7, 0), (-w * 0.7, 0)):
                rect = QRectF(round(float(sx) - w / 2 + dx), round(float(sy) - h / 2 + dy), w, h)
                if not frame.contains(rect):
                    continue
                if any(rect.intersects(o) for o in placed) or any(rect.intersects(o) for o in self.label_obstacles):
                    continue
                placed.append(rect)
                if vector:
                    self._vector_label(painter, rect, format_usd(fs.value[i]))
                else:
                    painter.drawImage(QPointF(rect.left() - pad, rect.top() - pad), img)
                break
        self.last_labels = placed

    def _vector_label(self, painter: QPainter, rect: QRectF, text: str) -> None:
        """A value label as text over a stroked white halo (PDF, SVG)."""
        fm = QFontMetricsF(self.font)
        base = QPointF(rect.left() + 1, rect.top() + fm.ascent())
        path = QPainterPath()
        path.addText(base, self.font, text)
        halo = QPen(QColor(255, 255, 255, 235), 3.2)
        halo.setJoinStyle(Qt.RoundJoin)
        painter.strokePath(path, halo)
        painter.setFont(self.font)
        painter.setPen(qcolor("#202020"))
        painter.drawText(base, text)

    # -- legend ---------------------------------------------------------------------------
    def paint_width_legend(self, painter: QPainter, rect: QRectF, flowset: FlowSet | None) -> None:
        """The proportional line scale (nice values, units and period), the colours in use and
        the remainder summary, inside ``rect`` (screen pixels)."""
        fs = flowset
        if fs is None or not fs.shown.any():
            return
        ws = fs.width_scale
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)  # in the painter's frame (an export page's legend)
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(rect, 4, 4)
        f = QFont(self.font)
        f.setBold(True)
        painter.setFont(f)
        fm = QFontMetricsF(f)
        x0, y = rect.left() + 8, rect.top() + 6
        painter.setPen(QColor("#202020"))
        cap = word(ws.caption_message)
        painter.drawText(QRectF(x0, y, rect.width() - 16, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, cap)
        y += fm.height() + 4
        f2 = QFont(self.font)
        f2.setBold(False)
        painter.setFont(f2)
        fm2 = QFontMetricsF(f2)
        line_len = 46.0
        for value, px in ws.legend_steps(3):
            hgt = max(px, 0.8)
            row = max(hgt, fm2.height())
            painter.setPen(Qt.NoPen)
            painter.setBrush(qcolor("#5a5a5a", 0.85))
            painter.drawRect(QRectF(x0, y + (row - hgt) / 2, line_len, hgt))
            painter.setPen(QColor("#202020"))
            painter.drawText(QRectF(x0 + line_len + 8, y, rect.width() - line_len - 24, row),
                             Qt.AlignLeft | Qt.AlignVCenter, format_usd(value))
            y += row + 4
        items = fs.legend_items()
        for colour, label in items[:6]:
            painter.setPen(Qt.NoPen)
            painter.setBrush(qcolor(colour, 0.9))
            painter.drawRect(QRectF(x0, y + fm2.height() / 2 - 4, 16, 8))
            painter.setPen(QColor("#202020"))
            painter.drawText(QRectF(x0 + 24, y, rect.width() - 40, fm2.height()), Qt.AlignLeft | Qt.AlignVCenter,
                             _tr(label))
            y += fm2.height() + 1
        text = self.remainder_text(fs)
        if text and y < rect.bottom() - fm2.height():
            painter.setPen(QColor("#404040"))
            painter.drawText(QRectF(x0, y + 3, rect.width() - 16, rect.bottom() - y - 6),
                             Qt.TextWordWrap | Qt.AlignLeft | Qt.AlignTop, text)
        painter.restore()

    def legend_height(self, flowset: FlowSet | None, width: float = 250.0) -> float:
        """The rect height that fits :meth:`paint_width_legend` for this set at ``width``."""
        if flowset is None or not flowset.shown.any():
            return 0.0
        f = QFont(self.font)
        f.setBold(False)
        fm = QFontMetricsF(f)
        bold = QFontMetricsF(self.font)
        steps = flowset.width_scale.legend_steps(3)
        h = 6 + bold.height() + 4 + sum(max(px, 0.8, fm.height()) + 4 for _, px in steps)
        h += (fm.height() + 1) * min(6, len(flowset.legend_items()))
        text = self.remainder_text(flowset)
        if text:
            h += 3 + fm.boundingRect(QRectF(0, 0, width - 16, 2000), Qt.TextWordWrap, text).height()
        return h + 10

    @staticmethod
    def remainder_text(fs: FlowSet) -> str:
        bits = [word(m) for m in fs.remainder.messages()]
        if fs.kind == "trade" and (fs.direction == "import").any():
            bits.append(_tr("Imports: Mexican state of origin not recorded; US state = importer of record"))
        return ". ".join(bits) + ("." if bits else "")
