"""The trade-flow overlay on the map: geo.flows.FlowModel (data, options, hover, selected
port) drawn by desktop.canvas.flow_painter.FlowPainter above the basemap.

The canvas composes its frame as basemap + flows, so a hover or a new flow set only
recomposes the flows over the cached basemap instead of re-rendering everything.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.canvas.flow_painter import FlowPainter
from geo.flows import FlowModel, FlowOptions, FlowSet, hit_test, tooltip
from geo.query import FilterError, NotAnswerableError


class FlowOverlay(QObject):
    changed = Signal()  # repaint the flows
    noteChanged = Signal(str)  # why there are no flows, or "" when there are

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = FlowModel(None, FlowOptions())
        self.painter = FlowPainter()
        self.visible = False
        self.source = "bts"  # "bts": from the store and filter; "od": a user's OD table
        self.od_name = ""
        self.note = ""
        self._playback = None  # (full-period filter, months) prefetched for the time bar
        self.model.changed.connect(lambda _fs: self.changed.emit())
        self.model.hover_changed.connect(lambda _i: self.changed.emit())
        self.model.selected_port_changed.connect(lambda _c: self.changed.emit())

    @property
    def flowset(self) -> FlowSet | None:
        return self.model.flowset if self.visible else None

    def set_store(self, store) -> None:
        self.model.store = store

    def set_visible(self, on: bool, trade_filter=None) -> None:
        self.visible = on
        if on and self.source == "bts" and trade_filter is not None:
            self.follow(trade_filter)
        self.changed.emit()

    def prepare_playback(self, full_filter, months) -> None:
        """Before the time bar plays `months`: one query for all of them, so each step only
        slices (FlowModel.prefetch)."""
        self._playback = None
        if self.visible and self.source == "bts" and self.model.store is not None and months:
            try:
                self.model.prefetch(full_filter, months)
                self._playback = (full_filter, frozenset(months))
            except (NotAnswerableError, FilterError):
                pass

    def end_playback(self) -> None:
        self._playback = None

    def _playback_month(self, trade_filter):
        if self._playback is None or trade_filter.period is None:
            return None
        full, months = self._playback
        lo, hi = trade_filter.period
        if lo == hi and lo in months and trade_filter.replace(period=full.period) == full:
            return lo
        return None

    def follow(self, trade_filter) -> None:
        """Rebuild the BTS flows for the global filter (when they are shown)."""
        if not self.visible or self.source != "bts" or self.model.store is None:
            return
        try:
            month = self._playback_month(trade_filter)
            fs = self.model.set_month(month) if month is not None else self.model.set_filter(trade_filter)
        except (NotAnswerableError, FilterError) as exc:
            self.model.flowset = None
            self._set_note(self.tr("No flows for this filter: {why}").format(why=exc))
            self.changed.emit()
            return
        if len(fs) == 0:
            self._set_note(self.tr("No flows for this period: flows need BTS DOT1 data (US state × port × "
                                   "Mexican state), which the store holds for Jan 2015 only unless you import more."))
        else:
            self._set_note("")

    def show_od(self, flowset: FlowSet, name: str) -> None:
        self.source, self.od_name = "od", name
        self.visible = True
        self.model.set_flowset(flowset)
        self._set_note("")

    def use_bts(self, trade_filter) -> None:
        self.source, self.od_name = "bts", ""
        self.follow(trade_filter)
        self.changed.emit()

    def set_options(self, **changes) -> None:
        from dataclasses import replace

        self.model.set_options(replace(self.model.options, **changes))

    def _set_note(self, text: str) -> None:
        if text != self.note:
            self.note = text
            self.noteChanged.emit(text)

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
        return tooltip(self.model.flowset, i)
