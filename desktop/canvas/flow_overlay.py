"""The trade-flow overlay on the map: the session's flows (``geo.session.Session``: what is
shown, from which source, with which options; its ``flow_model`` holds hover and the
selected port) drawn by desktop.canvas.flow_painter.FlowPainter above the basemap.

The overlay holds no state of its own: it relays the session's signals to the canvas and
words its notes. The canvas composes its frame as basemap + flows, so a hover or a new flow
set only recomposes the flows over the cached basemap instead of re-rendering everything.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from desktop.base.messages import word
from desktop.canvas.flow_painter import FlowPainter
from geo.flows import FlowSet, hit_test, tooltip_messages


class FlowOverlay(QObject):
    changed = Signal()  # repaint the flows
    noteChanged = Signal(str)  # why there are no flows, or "" when there are

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = session.flow_model
        self.painter = FlowPainter()
        session.flowset_changed.connect(lambda _fs: self.changed.emit())
        session.flow_note_changed.connect(lambda note: self.noteChanged.emit(word(note)))
        self.model.hover_changed.connect(lambda _i: self.changed.emit())
        self.model.selected_port_changed.connect(lambda _c: self.changed.emit())

    # --- what the session says ------------------------------------------------------------
    @property
    def visible(self) -> bool:
        return self.session.flows.visible

    @property
    def source(self) -> str:
        return self.session.flows.source

    @property
    def od_name(self) -> str:
        return self.session.od_name

    @property
    def note(self) -> str:
        return word(self.session.flow_note)

    @property
    def flowset(self) -> FlowSet | None:
        return self.session.flowset

    # --- what the widgets ask -------------------------------------------------------------
    def set_visible(self, on: bool) -> None:
        self.session.show_flows(on)

    def show_od(self, flowset: FlowSet, name: str) -> None:
        self.session.show_od(flowset, name)

    def use_bts(self) -> None:
        self.session.use_bts()

    def set_options(self, **changes) -> None:
        self.session.update("flows", options=replace(self.session.flows.options, **changes))

    # --- for the canvas --------------------------------------------------------------------
    def paint(self, painter, view, opacity: float = 0.8) -> None:
        fs = self.flowset
        if fs is not None and len(fs):
            self.painter.paint(painter, view, fs, hover=self.model.hover,
                               selected_port=self.model.selected_port, opacity=opacity)

    def hit(self, view, sx: float, sy: float) -> int | None:
        fs = self.flowset
        if fs is None or not len(fs):
            return None
        return hit_test(fs, view, sx, sy, tolerance_px=3.0)

    def tooltip(self, i: int) -> str:
        fs = self.flowset
        if fs is None:
            return ""
        return "\n".join(word(m) for m in tooltip_messages(fs, i))
