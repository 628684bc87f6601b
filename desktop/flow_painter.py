"""Paints a :class:`geo.flows.FlowSet` over the map: stacked, curved, tapered flow bands sized
by the set's :class:`~geo.flows.WidthScale`, location-total circles, value labels, and the
proportional width legend.

Speed: the geometry comes from ``FlowSet.geometry(scale)`` (numpy, cached per scale): the
bands of one leg and colour are merged into runs, so 2,000 flows make ~1,500 runs. Runs at
least 1.2 px wide are filled outlines (fill without antialiasing + a 1 px antialiased rim);
thinner runs are cosmetic 1 px hairlines whose alpha stands in for their sub-pixel width
(antialiased hairlines are far cheaper than filling sub-pixel polygons). Coordinates go
from numpy into QPolygonF memory without per-vertex Python; each colour is one or a few
QPainterPaths painted under the world transform, so pans reuse them and only a new scale
rebuilds them.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from desktop.qt_geometry import qpolygonf
from desktop.symbols import qcolor
from geo.flows import FlowSet, format_usd
from geo.viewport import Viewport

PORT_RING = "#b8321f"
STATE_RING = "#3a3a3a"
HOVER_OUTLINE = "#1a1a1a"


def _tr(text: str) -> str:
    return QCoreApplication.translate("FlowPainter", text)


def _halves(polys: np.ndarray) -> list[np.ndarray]:
    """Split band outlines (B, 2n, 2: left edge then right edge reversed) into two shorter
    outlines each, sharing the middle cross-section (non-antialiased fills leave no seam)."""
    n = polys.shape[1] // 2
    left, right = polys[:, :n], polys[:, n:][:, ::-1]
    m = n // 2
    return [np.concatenate([left[:, :m + 1], right[:, :m + 1][:, ::-1]], axis=1),
            np.concatenate([left[:, m:], right[:, m:][:, ::-1]], axis=1)]


class FlowPainter:
    """Draws flows; keep one per canvas (it caches polygons for the last flow set and scale)."""

    def __init__(self):
        self._fs: FlowSet | None = None
        self._scale: float | None = None
        self._buckets: list[tuple[str, object]] = []     # (colour, QPolygonF)
        self._subset_cache: dict = {}
        self._layer = None
        self._painted_once = None
        self.faded_opacity = 0.16
        self.show_totals = True
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.font.setBold(True)
        self.last_labels: list[QRectF] = []

    # -- caches ---------------------------------------------------------------------------
    WIDE_PX = 1.2     # runs at least this wide are filled outlines; thinner ones are hairlines

    def _prepare(self, fs: FlowSet, scale: float) -> None:
        if fs is self._fs and self._scale == scale:
            return
        self._fs, self._scale = fs, scale
        self._subset_cache = {}
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

    def _build(self, polys, centres, width_px, colours, values):
        """[(kind, colour, alpha, QPainterPath)], drawn in order: the biggest colour first
        (bottom); per colour the hairlines, then the filled runs."""
        out = []
        if not len(width_px):
            return out
        colours = np.asarray(colours).astype(str)
        uniq, inv = np.unique(colours, return_inverse=True)
        inv = inv.ravel()
        totals = np.bincount(inv, weights=values)
        wide = width_px >= self.WIDE_PX
        # hairline alpha stands in for sub-pixel width: 4 levels
        level = np.clip(np.ceil(width_px / self.WIDE_PX * 4), 1, 4).astype(int)
        for k in np.argsort(-totals, kind="stable"):
            sel = inv == k
            for lv in (1, 2, 3, 4):
                m = np.nonzero(sel & ~wide & (level == lv))[0]
                if len(m):
                    path = QPainterPath()
                    for j in m:
                        path.addPolygon(qpolygonf(centres[j]))
                    out.append(("line", str(uniq[k]), 0.25 + 0.75 * lv / 4, path))
            m = np.nonzero(sel & wide)[0]
            if len(m):
                rim = QPainterPath()
                for j in m:
                    rim.addPolygon(qpolygonf(polys[j]))
                    rim.closeSubpath()
                # fill in two halves: Qt's rasterizer is several times faster on shorter
                # outlines than on one long one
                pieces = [qpolygonf(x) for half in _halves(polys[m]) for x in half]
                out.append(("fill", str(uniq[k]), 1.0, (pieces, rim)))
        return out

    def _subset(self, fs: FlowSet, key, flows: np.ndarray):
        hit = self._subset_cache.get(key)
        if hit is None:
            g = fs.geometry(self._scale)
            m = np.isin(g.band_flow, flows)
            w = g.half_px[m].max(1) * 2
            hit = self._subset_cache[key] = self._build(self._px(g.band_polys(m)), self._px(g.centres[m]), w,
                                                        fs.colour[g.band_flow[m]], fs.value[g.band_flow[m]])
        return hit

    def _draw(self, painter: QPainter, buckets, opacity: float, outline: str | None = None) -> None:
        for kind, colour, alpha, path in buckets:
            if kind == "line":
                pen = QPen(qcolor(colour, opacity * alpha), 1.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.NoBrush)
                painter.drawPath(path)
            else:
                # fill without antialiasing (several times cheaper), then a 1 px antialiased
                # rim in the same colour smooths the edges
                pieces, rim = path
                painter.setRenderHint(QPainter.Antialiasing, False)
                painter.setPen(Qt.NoPen)
                painter.setBrush(qcolor(colour, opacity))
                draw = painter.drawPolygon
                for poly in pieces:
                    draw(poly)
                painter.setRenderHint(QPainter.Antialiasing, True)
                pen = QPen(qcolor(outline or colour, opacity if outline is None else 1.0), 1.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.NoBrush)
                painter.drawPath(rim)

    # -- the cached flow layer ---------------------------------------------------------------
    LAYER_MARGIN = 256     # px around the view kept in the cached layer, so pans reuse it

    def _blit_layer(self, painter: QPainter, view: Viewport, opacity: float, fade: float) -> None:
        """Draw the bands from a raster of this flow set at this scale, rendered once per
        (flow set, scale, opacity) and reused while the view stays within its margin (pans);
        ``fade`` multiplies its opacity (hover/selection fading costs nothing)."""
        tx = self._translation(view)
        ox, oy = tx.dx(), tx.dy()
        m = self.LAYER_MARGIN
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        lay = self._layer
        if lay is not None:
            bk, op, d, lx, ly, img = lay
            px, py = round(ox - lx) - m, round(oy - ly) - m
            w, h = img.width() / d, img.height() / d
            if (bk is not self._buckets or op != opacity or d != dpr or px > 0 or py > 0
                    or px + w < view.width or py + h < view.height):
                lay = None
        if lay is None and self._painted_once is not self._buckets:
            # the first frame of a flow set (playback steps, filter changes) is drawn
            # directly; the raster pays off from the second frame (hover, pans) on
            self._painted_once = self._buckets
            painter.save()
            painter.setTransform(tx)
            painter.setOpacity(painter.opacity() * fade)
            self._draw(painter, self._buckets, opacity)
            painter.restore()
            return
        if lay is None:
            img = QImage(int((view.width + 2 * m) * dpr), int((view.height + 2 * m) * dpr),
                         QImage.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(dpr)
            img.fill(Qt.transparent)
            p = QPainter(img)
            p.setRenderHint(QPainter.Antialiasing, True)
            p.setTransform(QTransform.fromTranslate(ox + m, oy + m))
            self._draw(p, self._buckets, opacity)
            p.end()
            lay = self._layer = (self._buckets, opacity, dpr, ox, oy, img)
        painter.save()
        painter.setTransform(QTransform())
        painter.setOpacity(painter.opacity() * fade)
        painter.drawImage(QPointF(round(ox - lay[3]) - m, round(oy - lay[4]) - m), lay[5])
        painter.restore()

    def invalidate(self, polygons: bool = False) -> None:
        """Drop the cached flow raster (and with ``polygons`` the cached polygons too)."""
        if polygons:
            self._fs = None
        self._layer = None
        self._painted_once = None

    # -- painting -------------------------------------------------------------------------
    def paint(self, painter: QPainter, view: Viewport, flowset: FlowSet | None, *, hover: int | None = None,
              selected_port: str | None = None, opacity: float = 0.78) -> None:
        """Paint the shown flows of ``flowset``. ``hover``: a flow index to emphasise (the
        others fade); ``selected_port``: a port code whose flows alone stay bright."""
        fs = flowset
        if fs is None or not fs.shown.any():
            return
        self._prepare(fs, view.scale)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setTransform(self._translation(view))
        focus = None
        if hover is not None and 0 <= hover < len(fs) and fs.shown[hover]:
            focus = ("hover", int(hover)), np.array([hover])
        elif selected_port:
            idx = fs.flows_through(selected_port, shown_only=True)
            focus = ("port", str(selected_port)), idx
        self._blit_layer(painter, view, opacity, self.faded_opacity / opacity if focus is not None else 1.0)
        if focus is not None and len(focus[1]):
            self._draw(painter, self._subset(fs, focus[0], focus[1]), min(1.0, opacity + 0.12),
                       HOVER_OUTLINE if focus[0][0] == "hover" else None)
        painter.setTransform(QTransform())
        painter.setRenderHint(QPainter.Antialiasing, True)
        if self.show_totals:
            self._totals(painter, view, fs, focus[1] if focus is not None else None)
        self.last_labels = []
        if fs.options.show_labels_top_k > 0:
            self._labels(painter, view, fs, focus[1] if focus is not None else None)
        painter.restore()

    def _totals(self, painter: QPainter, view: Viewport, fs: FlowSet, focus) -> None:
        """Circles at ports and states: area proportional to the value entering + leaving."""
        key = ("totals", id(fs))
        tot = self._subset_cache.get(key)
        if tot is None:
            df = fs.location_totals()
            shown_places = set()
            for i in fs.shown_index:
                shown_places.update({("port", fs.port[i]), (fs.origin_kind[i], fs.origin[i]),
                                     (fs.dest_kind[i], fs.dest[i])})
            keep = np.array([(k, c) in shown_places for k, c in zip(df["kind"], df["code"])], bool) \
                if len(df) else np.zeros(0, bool)
            tot = self._subset_cache[key] = df[keep].reset_index(drop=True)
        if not len(tot):
            return
        vmax = float(tot["total"].max()) or 1.0
        sx, sy = view.to_screen(tot["x"].to_numpy(), tot["y"].to_numpy())
        r = 2.5 + 9.5 * np.sqrt(tot["total"].to_numpy() / vmax)
        ports = (tot["kind"] == "port").to_numpy()
        on = (sx > -20) & (sx < view.width + 20) & (sy > -20) & (sy < view.height + 20)
        for j in np.argsort(-r):
            if not on[j]:
                continue
            pen = QPen(qcolor(PORT_RING if ports[j] else STATE_RING), 1.4 if ports[j] else 1.0)
            painter.setPen(pen)
            painter.setBrush(qcolor("#ffffff", 0.72))
            painter.drawEllipse(QPointF(float(sx[j]), float(sy[j])), float(r[j]), float(r[j]))

    def _labels(self, painter: QPainter, view: Viewport, fs: FlowSet, focus) -> None:
        """Value labels on the K largest shown flows (or the focused ones), never overlapping."""
        g = fs.geometry(view.scale)
        cand = fs.shown_index if focus is None else np.asarray(focus)
        cand = cand[: fs.options.show_labels_top_k] if focus is None else cand[:max(fs.options.show_labels_top_k, 1)]
        painter.setFont(self.font)
        fm = QFontMetricsF(self.font)
        placed: list[QRectF] = []
        halo = QPen(QColor(255, 255, 255, 235), 3.2)
        halo.setJoinStyle(Qt.RoundJoin)
        for i in cand:
            x, y = g.label_xy[i]
            if not np.isfinite(x):
                continue
            sx, sy = view.to_screen(x, y)
            sx, sy = float(sx), float(sy)
            text = format_usd(fs.value[i])
            w, h = fm.horizontalAdvance(text) + 2, fm.height()
            rect = QRectF(sx - w / 2, sy - h / 2, w, h)
            if not QRectF(0, 0, view.width, view.height).contains(rect):
                continue
            if any(rect.intersects(o) for o in placed):
                continue
            placed.append(rect)
            path = QPainterPath()
            path.addText(QPointF(rect.left() + 1, rect.top() + fm.ascent()), self.font, text)
            painter.strokePath(path, halo)
            painter.fillPath(path, qcolor("#202020"))
        self.last_labels = placed

    # -- legend ---------------------------------------------------------------------------
    def paint_width_legend(self, painter: QPainter, rect: QRectF, flowset: FlowSet | None) -> None:
        """The proportional line scale (nice values, units and period), the colours in use and
        the remainder summary, inside ``rect`` (screen pixels)."""
        fs = flowset
        if fs is None or not fs.shown.any():
            return
        ws = fs.width_scale
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setTransform(QTransform())
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(rect, 4, 4)
        f = QFont(self.font)
        f.setBold(True)
        painter.setFont(f)
        fm = QFontMetricsF(f)
        x0, y = rect.left() + 8, rect.top() + 6
        painter.setPen(QColor("#202020"))
        cap = _tr("Trade value ({units}), {period}").format(units=ws.units, period=ws.period) if ws.period \
            else _tr("Trade value ({units})").format(units=ws.units)
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
        r = fs.remainder
        bits = []
        if r.hidden_count:
            bits.append(_tr("{n} smaller flows, {share} of value, hidden").format(
                n=f"{r.hidden_count:,}", share=_share(r.hidden_share)))
        if r.unlocated_count:
            bits.append(_tr("{n} flows, {share} of value, not drawn (port not located)").format(
                n=f"{r.unlocated_count:,}", share=_share(r.unlocated_share)))
        if fs.kind == "trade" and (fs.direction == "import").any():
            bits.append(_tr("Imports: Mexican state of origin not recorded; US state = importer of record"))
        return ". ".join(bits) + ("." if bits else "")


def _share(s: float) -> str:
    p = s * 100
    if p == 0:
        return "0%"
    if p < 0.1:
        return "<0.1%"
    return f"{p:.1f}%" if p < 10 else f"{p:.0f}%"
