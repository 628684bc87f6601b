"""The interactive map canvas.

A full frame is rendered by MapRenderer into an image at the screen's pixel ratio. While
the user drags or spins the wheel, frames are that image shifted or scaled (a blit, well
under a few milliseconds); the full re-render happens when the gesture ends or pauses, as
in QGIS. Hover and selection are painted as an overlay on every frame.
"""
from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.base.links import connect_while_alive
from desktop.canvas.map_renderer import MapRenderer
from geo.core.projection import to_lonlat
from geo.core.viewport import Viewport
from geo.layers.content import WATER, MapContent
from geo.layers.hittest import Hit, HitTester, overlapping

WHEEL_STEP = 1.25  # zoom factor per wheel notch
KEY_ZOOM = 1.5
SETTLE_MS = 140  # re-render once the wheel has been still this long
DRAG_THRESHOLD_PX = 4


class MapCanvas(QWidget):
    cursorMoved = Signal(float, float)  # lon, lat
    cursorLeft = Signal()
    viewChanged = Signal(object)  # Viewport
    featureClicked = Signal(object)  # Hit or None
    frameRendered = Signal(float)  # ms of the last full render

    def __init__(self, content: MapContent, parent=None):
        super().__init__(parent)
        self.content = content
        self.renderer = MapRenderer(content)
        self.hits = HitTester(content.layers)
        self.view = Viewport.fit(content.home_bounds, 800, 600)
        self._frame: QImage | None = None  # basemap + flows, what is shown
        self._base: QImage | None = None  # basemap alone, to recompose flows over
        self._frame_view: Viewport | None = None
        self._flows_dirty = False
        self.navigated = False  # until the user pans or zooms, resizing keeps the full extent
        self.flows = None  # desktop.canvas.flow_overlay.FlowOverlay, when the window adds one
        self.overlays: list = []  # drawn over the flows, hovered before them (the company's lanes)
        self._pick = None  # (on_point(lon, lat), on_cancel): the next click gives a point instead of selecting
        self.scenario = None  # desktop.canvas.scenario_painter.ScenarioOverlay, when the scenario panel adds one
        self.caption = ""  # e.g. the month during playback, drawn large on the map
        self._fade_from: QImage | None = None  # the previous picture, fading out (playback)
        self._fade_t0 = 0.0
        self._fade_ms = 0.0
        self._fade_timer = QTimer(self, interval=16, timeout=self.update)
        self._press: QPointF | None = None
        self._dragging = False
        self.frame_ms: deque[float] = deque(maxlen=2000)  # every paintEvent, for benchmarks
        self.last_render_ms = 0.0
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self._rerender)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        # the content outlives this map (a presentation's map closes before the window's)
        connect_while_alive(self, content.layers.changed, self._model_changed)
        connect_while_alive(self, content.layers.order_changed, self._model_changed)
        connect_while_alive(self, content.selection.changed, self._selection_changed)
        connect_while_alive(self, content.selection.hovered, self._selection_changed)

    def _selection_changed(self, _hit) -> None:
        self.update()

    def set_flow_overlay(self, overlay) -> None:
        self.flows = overlay
        overlay.changed.connect(self._flows_changed)  # a Qt signal: Qt drops it with this map

    def set_scenario_overlay(self, overlay) -> None:
        self.scenario = overlay
        overlay.changed.connect(self._flows_changed)
        self._flows_changed()

    def _flows_changed(self) -> None:
        self._flows_dirty = True
        self.update()

    def add_overlay(self, overlay) -> None:
        """An overlay drawn over the flows and under the labels (``paint(painter, view)``,
        ``hit(view, x, y)``, ``set_hover(i)``, ``tooltip(i)``, a ``changed`` signal)."""
        self.overlays.append(overlay)
        overlay.changed.connect(self._flows_changed)

    def pick_point(self, on_point, on_cancel=None) -> None:
        """The next click on the map calls ``on_point(lon, lat)`` instead of selecting (Esc
        or another pick calls ``on_cancel``)."""
        self.cancel_pick()
        self._pick = (on_point, on_cancel)
        self.setCursor(Qt.CrossCursor)

    def cancel_pick(self) -> None:
        pick, self._pick = self._pick, None
        if pick is not None:
            self.unsetCursor()
            if pick[1] is not None:
                pick[1]()

    # --- view control ----------------------------------------------------------------
    def set_view(self, view: Viewport, settle: bool = False) -> None:
        """Show `view`. With settle=True the old frame is transformed now and the full
        render follows when interaction pauses."""
        self.navigated = True
        self.view = view
        self.viewChanged.emit(view)
        if settle:
            self._settle.start()
        else:
            self._frame = None
        self.update()

    def zoom_home(self) -> None:
        self.set_view(Viewport.fit(self.content.home_bounds, self.width(), self.height()))
        self.navigated = False

    def zoom_to_bounds(self, bounds, margin: float = 0.1) -> None:
        self.set_view(Viewport.fit(bounds, self.width(), self.height(), margin=margin))

    def zoom_by(self, factor: float, anchor: QPointF | None = None, settle: bool = False) -> None:
        a = (anchor.x(), anchor.y()) if anchor is not None else None
        self.set_view(self.view.zoomed(factor, a), settle=settle)

    def pan_by(self, dx: float, dy: float) -> None:
        self.set_view(self.view.panned(dx, dy))

    def _rerender(self) -> None:
        self._frame = None
        self.update()

    def _model_changed(self, *_):
        self.hits.invalidate()
        self._rerender()

    # --- painting --------------------------------------------------------------------
    def render_frame(self) -> None:
        dpr = self.devicePixelRatioF()
        t = time.perf_counter()
        self._base = self.renderer.render_image(self.view, dpr, labels=False)  # labels go over the flows
        self._frame_view = self.view
        self._compose()
        self.last_render_ms = (time.perf_counter() - t) * 1000
        self.frameRendered.emit(self.last_render_ms)

    def _compose(self) -> None:
        """The shown frame: basemap, then flows, then the labels over both."""
        self._flows_dirty = False
        view = self._frame_view
        frame = self._base.copy()
        p = QPainter(frame)
        p.setRenderHint(QPainter.Antialiasing)
        if self.flows is not None and self.flows.flowset is not None:
            self.flows.painter.label_obstacles = self.renderer.label_boxes(view)
            self.flows.painter.defer_labels = bool(self.overlays)  # their value labels go over the overlays
            self.flows.paint(p, view)
            self.flows.painter.defer_labels = False
        for overlay in self.overlays:
            overlay.paint(p, view)
        if self.flows is not None and self.overlays:
            self.flows.painter.paint_deferred_labels(p)
        self.renderer.render_labels(p, view)
        if self.scenario is not None:
            self.scenario.paint(p, view, self.renderer.label_boxes(view))  # closed ports, reroutes, load classes
        p.end()
        self._frame = frame

    def paintEvent(self, event):
        t = time.perf_counter()
        interacting = self._dragging or self._settle.isActive()
        if self._frame is None or (not interacting and self._frame_view != self.view):
            self.render_frame()
        elif self._flows_dirty and self._frame_view == self.view:
            self._compose()
        p = QPainter(self)
        if self._frame_view == self.view:
            p.drawImage(0, 0, self._frame)
        else:
            p.fillRect(self.rect(), QColor(WATER))
            p.setRenderHint(QPainter.SmoothPixmapTransform, False)
            p.setTransform(self._frame_to_view())
            p.drawImage(QRectF(0, 0, self._frame_view.width, self._frame_view.height), self._frame)
            p.setTransform(QTransform())
        if self._fade_from is not None:
            k = (time.perf_counter() - self._fade_t0) * 1000 / self._fade_ms
            if k >= 1 or self._frame_view != self.view:
                self._fade_from = None
                self._fade_timer.stop()
            else:
                p.setOpacity(1.0 - k)
                p.drawImage(0, 0, self._fade_from)
                p.setOpacity(1.0)
        sel = self.content.selection
        self.renderer.render_overlay(p, self.view, sel.hover, sel.current)
        if self.caption:
            self._paint_caption(p)
        if self.scenario is not None:
            self.scenario.paint_legend(p, self.width(), self.height())
        p.end()
        self.frame_ms.append((time.perf_counter() - t) * 1000)

    def crossfade(self, ms: float) -> None:
        """Fade from the picture shown now to whatever is drawn next, over `ms` (playback:
        one month's flows and port sizes blend into the next instead of jumping)."""
        if self._frame is None or ms <= 0:
            return
        self._fade_from = self._frame
        self._fade_t0 = time.perf_counter()
        self._fade_ms = ms
        self._fade_timer.start()

    def set_caption(self, text: str) -> None:
        self.caption = text
        self.update()

    def _paint_caption(self, p: QPainter) -> None:
        f = p.font()
        f.setPointSizeF(20)
        f.setBold(True)
        p.setFont(f)
        rect = QRectF(self.width() - 260, 10, 246, 40)
        p.fillRect(rect, QColor(255, 253, 248, 210))
        p.setPen(QColor("#222222"))
        p.drawText(rect, Qt.AlignCenter, self.caption)

    def _frame_to_view(self) -> QTransform:
        """Where the last rendered frame sits in the current view (pan and zoom)."""
        f, v = self._frame_view, self.view
        k = f.scale / v.scale
        x0, y0 = v.to_screen(*f.to_map(0, 0))
        return QTransform(k, 0, 0, k, float(x0), float(y0))

    def resizeEvent(self, event):
        w, h = max(self.width(), 1), max(self.height(), 1)
        self.view = self.view.resized(w, h) if self.navigated else Viewport.fit(self.content.home_bounds, w, h)
        self._frame = None
        self.viewChanged.emit(self.view)
        super().resizeEvent(event)

    # --- mouse and keys ----------------------------------------------------------------
    def mousePressEvent(self, e):
        if e.button() == Qt.LeftButton:
            self._press = e.position()
            self._press_view = self.view
            self._dragging = False

    def mouseMoveEvent(self, e):
        pos = e.position()
        lon, lat = to_lonlat(*self.view.to_map(pos.x(), pos.y()))
        self.cursorMoved.emit(float(lon), float(lat))
        if self._press is not None and e.buttons() & Qt.LeftButton:
            d = pos - self._press
            if self._dragging or abs(d.x()) + abs(d.y()) >= DRAG_THRESHOLD_PX:
                if not self._dragging:
                    self._dragging = True
                    self.setCursor(Qt.ClosedHandCursor)
                    self.content.selection.set_hover(None)
                self.view = self._press_view.panned(d.x(), d.y())
                self.navigated = True
                self.update()
            return
        self._hover(pos, e.globalPosition().toPoint())

    def mouseReleaseEvent(self, e):
        if e.button() != Qt.LeftButton or self._press is None:
            return
        if self._dragging:
            self._dragging = False
            self.unsetCursor()
            self.set_view(self.view)
        elif self._pick is not None:
            on_point = self._pick[0]
            self._pick = None
            self.unsetCursor()
            lon, lat = to_lonlat(*self.view.to_map(e.position().x(), e.position().y()))
            on_point(float(lon), float(lat))
        else:
            hit = self.hits.hit(self.view, e.position().x(), e.position().y())
            self.content.selection.select(hit)
            if self.flows is not None:
                ref = self.content.place_ref(hit)
                self.flows.model.select_port(ref[1] if ref and ref[0] == "port" else None)
            self.featureClicked.emit(hit)
        self._press = None

    def mouseDoubleClickEvent(self, e):
        self.zoom_by(2.0, e.position())

    def wheelEvent(self, e):
        steps = e.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(WHEEL_STEP ** steps, e.position(), settle=True)

    def leaveEvent(self, e):
        self.content.selection.set_hover(None)
        self.cursorLeft.emit()

    def keyPressEvent(self, e):
        k = e.key()
        step_x, step_y = self.width() / 6, self.height() / 6
        if k == Qt.Key_Left:
            self.pan_by(step_x, 0)
        elif k == Qt.Key_Right:
            self.pan_by(-step_x, 0)
        elif k == Qt.Key_Up:
            self.pan_by(0, step_y)
        elif k == Qt.Key_Down:
            self.pan_by(0, -step_y)
        elif k in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_by(KEY_ZOOM)
        elif k in (Qt.Key_Minus, Qt.Key_Underscore):
            self.zoom_by(1 / KEY_ZOOM)
        elif k == Qt.Key_Home:
            self.zoom_home()
        elif k == Qt.Key_Escape and self._pick is not None:
            self.cancel_pick()
        elif k == Qt.Key_Escape:
            self.content.selection.select(None)
        else:
            super().keyPressEvent(e)

    def _hover(self, pos: QPointF, global_pos) -> None:
        """Points win over flows, flows over polygons: the smaller target is the one aimed at."""
        x, y = pos.x(), pos.y()
        hit = self.hits.hit(self.view, x, y, kinds=("point",))
        flow = None
        over = None  # an overlay drawn over the flows is aimed at before them
        if hit is None:
            over = next(((o, i) for o in self.overlays if (i := o.hit(self.view, x, y)) is not None), None)
        for o in self.overlays:
            o.set_hover(over[1] if over is not None and over[0] is o else None)
        if over is not None:
            if self.flows is not None:
                self.flows.model.set_hover(None)
            self.content.selection.set_hover(None)
            QToolTip.showText(global_pos, over[0].tooltip(over[1]).replace("\n", "<br/>"), self)
            return
        if hit is None and self.flows is not None:
            flow = self.flows.hit(self.view, x, y)
        if hit is None and flow is None:
            hit = self.hits.hit(self.view, x, y, kinds=("polygon",))
        if self.flows is not None:
            self.flows.model.set_hover(flow)
        self.content.selection.set_hover(hit)
        if flow is not None:
            QToolTip.showText(global_pos, self.flows.tooltip(flow).replace("\n", "<br/>"), self)
        elif hit is not None:
            QToolTip.showText(global_pos, self.tooltip_for(hit), self)
        else:
            QToolTip.hideText()

    def tooltip_for(self, hit: Hit) -> str:
        layer = self.content.layers[hit.layer_id]
        title = self.tr(layer.title)
        text = f"<b>{layer.feature_name(hit.index)}</b><br/><span style='color:#666'>{title}</span>"
        if layer.kind == "point":  # symbols drawn over each other at this zoom: name them all
            others = [layer.feature_name(i) for i in overlapping(layer, self.view, hit.index)]
            if others:
                text += "<br/>" + self.tr("Also here: %1").replace("%1", ", ".join(others))
        figure = self._figure(hit)
        if figure:
            text += f"<br/>{figure}"
        totals = self._flow_totals(layer, hit.index)
        return text + (f"<br/>{totals}" if totals else "")

    def _figure(self, hit: Hit) -> str | None:
        """The place's figure under the current filter (value, share, period)."""
        from desktop.base.messages import word
        from geo.styles.thematic import theme_figure

        session = getattr(self.flows, "session", None)
        ref = self.content.place_ref(hit)
        if session is None or ref is None:
            return None
        return word(theme_figure(session.theme, ref[0], ref[1])) or None

    def _flow_totals(self, layer, index: int) -> str | None:
        """While flows are shown: what enters and leaves this port or state."""
        from desktop.base.messages import word
        from geo.flows import place_totals_message

        fs = self.flows.flowset if self.flows is not None else None
        if fs is None:
            return None
        ref = self.content.place_ref(Hit(layer.id, index))
        if ref is None:
            return None
        return word(place_totals_message(fs, ref[0], ref[1])) or None
