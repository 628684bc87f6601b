"""The time bar: play the selected period month by month (play/pause, step, stop, speed);
the month shows on the map, and the playback can be exported as a GIF or PNG frames.

Playback sets the session's playback month (geo.session.Session): ports, states and flows
all show that month while the filter keeps the analyst's whole period, so pausing or
stepping never loses it; Stop goes back to the whole period.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QToolBar

from desktop.base.i18n import month_label

SPEEDS = (1, 2, 4, 8, 15, 30)  # months per second


class TimeBar(QToolBar):
    monthShown = Signal(object)  # the month (YYYYMM) being shown, or None when not playing
    aboutToStep = Signal(float)  # ms the change may blend over (the view cross-fades)
    playbackEnded = Signal()
    exportRequested = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("time_bar")
        self.setWindowTitle(self.tr("Time"))
        self.trade = self.session = session
        self.months: list[int] = []
        self.index = -1
        self.full_period = None  # the period being played (the filter's), while playing
        st = self.style()
        self.first_act = self._act(st.standardIcon(QStyle.SP_MediaSkipBackward), self.tr("First month"), self.first)
        self.back_act = self._act(st.standardIcon(QStyle.SP_MediaSeekBackward), self.tr("Previous month"),
                                  lambda: self.step(-1))
        self.play_act = self._act(st.standardIcon(QStyle.SP_MediaPlay), self.tr("Play the period month by month"),
                                  self.toggle_play)
        self.play_act.setShortcut(QKeySequence(self.tr("Ctrl+Space")))
        self.fwd_act = self._act(st.standardIcon(QStyle.SP_MediaSeekForward), self.tr("Next month"),
                                 lambda: self.step(1))
        self.stop_act = self._act(st.standardIcon(QStyle.SP_MediaStop), self.tr("Stop: back to the whole period"),
                                  self.stop)
        self.speed = QComboBox(self)
        for s in SPEEDS:
            self.speed.addItem(self.tr("{n} months/s").format(n=s), s)
        self.speed.setCurrentIndex(1)
        self.speed.setToolTip(self.tr("Playback speed"))
        self.addWidget(self.speed)
        self.label = QLabel(self)
        self.label.setMinimumWidth(200)
        self.addWidget(self.label)
        self.export_act = QAction(self.tr("Export Animation…"), self)
        self.export_act.triggered.connect(self.exportRequested)
        self.addAction(self.export_act)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self._show()

    def _act(self, icon, tip, slot) -> QAction:
        a = QAction(icon, tip, self)
        a.setToolTip(tip)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    # --- months ----------------------------------------------------------------------------
    def period_months(self) -> list[int]:
        """The months of the filter's period that the store can answer."""
        period = self.full_period or self.trade.filter.period
        months = self.trade.months()
        if period:
            months = [m for m in months if period[0] <= m <= period[1]]
        return months

    def _begin(self) -> bool:
        if self.full_period is None:
            self.full_period = self.session.filter.period
            self.months = self.session.begin_playback(self.period_months())
        return bool(self.months)

    def show_month(self, index: int) -> None:
        if not self._begin():
            return
        self.index = max(0, min(index, len(self.months) - 1))
        m = self.months[self.index]
        interval = 1000 / self.speed.currentData() if self.playing else 400
        self.aboutToStep.emit(min(350.0, 0.6 * interval))
        self.session.show_month(m)
        self.monthShown.emit(m)
        self._show()

    def step(self, d: int) -> None:
        if not self._begin():
            return
        self.show_month((self.index if self.index >= 0 else -1) + d)

    def first(self) -> None:
        self.show_month(0)

    # --- playback --------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if not self._begin():
            return
        if self.index < 0 or self.index >= len(self.months) - 1:
            self.show_month(0)
        self.timer.start(int(1000 / self.speed.currentData()))
        self.play_act.setIcon(self.style().standardIcon(QStyle.SP_MediaPause))
        self._show()

    def pause(self) -> None:
        self.timer.stop()
        self.play_act.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay))
        self._show()

    def stop(self) -> None:
        self.pause()
        if self.full_period is not None:
            self.full_period = None
            self.index = -1
            self.playbackEnded.emit()
            self.session.end_playback()
        self.monthShown.emit(None)
        self._show()

    def _tick(self) -> None:
        if self.index >= len(self.months) - 1:
            self.pause()
            return
        self.show_month(self.index + 1)

    def _speed_changed(self, _i) -> None:
        if self.playing:
            self.timer.setInterval(int(1000 / self.speed.currentData()))

    def _show(self) -> None:
        if self.full_period is None or self.index < 0:
            n = len(self.period_months()) if self.trade.store is not None else 0
            text = self.tr("1 month in the period") if n == 1 else self.tr("{n} months in the period").format(n=n)
            self.label.setText(text if n else "")
        else:
            self.label.setText(self.tr("{month}  ({i} of {n})").format(
                month=month_label(self.months[self.index]), i=self.index + 1, n=len(self.months)))
