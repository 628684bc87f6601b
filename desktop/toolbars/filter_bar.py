"""The filter bar: period, direction, partner, mode, commodity; and how the map shows them.

Every control edits the session (geo.session.Session); nothing here touches data directly. The
bar re-reads its choices (months, modes, commodities) from the store when it changes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QToolBar, QWidget

from desktop.base.i18n import month_label
from desktop.base.messages import word
from desktop.widgets.range_slider import RangeSlider
from geo.core.messages import msg
from geo.query.coverage import coverage
from geo.styles.thematic import CLASSIFICATIONS, PORT_METRICS, STATE_METRICS

#: a colour per source row under the period slider
SOURCE_COLOURS = {"DOT1": "#c0504d", "DOT2": "#e39c3a", "DOT3": "#4f81bd", "crossings": "#8a8a8a",
                  "summaries": "#6b8e23"}


def _combo(parent, items: list[tuple[str, object]], tip: str) -> QComboBox:
    c = QComboBox(parent)
    for text, data in items:
        c.addItem(text, data)
    c.setToolTip(tip)
    c.setSizeAdjustPolicy(QComboBox.AdjustToContents)
    return c


class FilterBar(QToolBar):
    def __init__(self, view, parent=None):
        super().__init__(parent)
        self.setObjectName("filter_bar")
        self.setWindowTitle(self.tr("Filters"))
        self.trade = view
        self.months: list[int] = []
        self.coverage = None
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(8)

        self.period = RangeSlider(box)
        self.period.setAccessibleName(self.tr("Period"))
        self.period_label = QLabel(box)
        self.period_label.setMinimumWidth(130)
        self.direction = _combo(box, [(self.tr("Exports and imports"), None), (self.tr("US exports"), "export"),
                                      (self.tr("US imports"), "import")], self.tr("Direction of trade"))
        self.country = _combo(box, [(self.tr("Mexico"), "MX"), (self.tr("Canada"), "CA"),
                                    (self.tr("Mexico and Canada"), None)], self.tr("Trading partner"))
        self.mode = _combo(box, [(self.tr("All modes"), None)], self.tr("Mode of transport"))
        self.commodity = _combo(box, [(self.tr("All commodities"), None)],
                                self.tr("HS 2-digit chapter; type to search"))
        self.commodity.setEditable(True)
        self.commodity.setInsertPolicy(QComboBox.NoInsert)
        self.commodity.setMaximumWidth(320)
        self.commodity.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.commodity.setMinimumContentsLength(16)
        comp = self.commodity.completer()
        comp.setFilterMode(Qt.MatchContains)
        comp.setCaseSensitivity(Qt.CaseInsensitive)
        comp.setCompletionMode(QCompleter.PopupCompletion)
        self.shade = _combo(box, [(self.tr(t), k) for k, t in STATE_METRICS.items()], self.tr("State shading"))
        self.scheme = _combo(box, [(self.tr(t), k) for k, t in CLASSIFICATIONS.items()],
                             self.tr("Classification of the state shading"))
        self.port_size = _combo(box, [(self.tr(t), k) for k, t in PORT_METRICS.items()],
                                self.tr("What sizes the ports of entry"))

        for w in (QLabel(self.tr("Period"), box), self.period, self.period_label, self.direction, self.country,
                  self.mode, self.commodity):
            row.addWidget(w)
        self.addWidget(box)
        # How the figures are drawn: a second toolbar, so each fits a laptop screen.
        self.style_bar = QToolBar(self.tr("Map style"), parent)
        self.style_bar.setObjectName("style_bar")
        sbox = QWidget(self.style_bar)
        srow = QHBoxLayout(sbox)
        srow.setContentsMargins(4, 2, 4, 2)
        srow.setSpacing(8)
        for w in (QLabel(self.tr("Shade"), sbox), self.shade, self.scheme, QLabel(self.tr("Size ports by"), sbox),
                  self.port_size):
            w.setParent(sbox)
            srow.addWidget(w)
        srow.addStretch(1)
        self.style_bar.addWidget(sbox)
        self.setEnabled(False)
        self.style_bar.setEnabled(False)

        self.period.rangeMoved.connect(self._show_period)
        self.period.hovered.connect(self._hovered)
        self.period.rangeChanged.connect(self._period_changed)
        self.direction.currentIndexChanged.connect(lambda _i: self._apply(trade_type=self.direction.currentData()))
        self.country.currentIndexChanged.connect(lambda _i: self._apply(country=self.country.currentData()))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.commodity.activated.connect(self._commodity_changed)
        self.commodity.lineEdit().editingFinished.connect(self._commodity_typed)
        self.shade.currentIndexChanged.connect(lambda _i: self._settings(state_metric=self.shade.currentData()))
        self.scheme.currentIndexChanged.connect(lambda _i: self._settings(classification=self.scheme.currentData()))
        self.port_size.currentIndexChanged.connect(lambda _i: self._settings(port_metric=self.port_size.currentData()))
        self._syncing = False

    # --- store → widgets -----------------------------------------------------------------
    def reload(self) -> None:
        """Re-read choices from the store and show the current filter."""
        store = self.trade.store
        self.setEnabled(store is not None)
        self.style_bar.setEnabled(store is not None)
        if store is None:
            return
        self._syncing = True
        self.coverage = coverage(store)
        self.months = list(self.coverage.months)  # the calendar: gaps are steps too
        self.period.set_steps(len(self.months))
        bands = [(SOURCE_COLOURS[s], [m in held for m in self.months])
                 for s, held in self.coverage.sources.items() if s in SOURCE_COLOURS]
        ticks = [(i, str(m // 100)) for i, m in enumerate(self.months) if m % 100 == 1]
        self.period.set_bands(bands, ticks)
        self._refill(self.mode, store.dimension_values("mode"), self.tr("All modes"))
        self._refill(self.commodity, store.dimension_values("commodity"), self.tr("All commodities"), codes=True)
        self._syncing = False
        self.show_filter()

    def _refill(self, combo: QComboBox, df, all_text: str, codes: bool = False) -> None:
        combo.clear()
        combo.addItem(all_text, None)
        for code, name in zip(df["code"].astype(str), df["name"].astype(str)):
            combo.addItem(f"{code} — {name}" if codes else name, code)

    def show_filter(self) -> None:
        f = self.trade.filter
        self._syncing = True
        if f.period and self.months:
            def nearest(ym: int) -> int:  # months as ordinals: 2020-12 is next to 2021-01
                k = (ym // 100) * 12 + ym % 100
                return min(range(len(self.months)),
                           key=lambda i: abs((self.months[i] // 100) * 12 + self.months[i] % 100 - k))
            lo, hi = nearest(f.period[0]), nearest(f.period[1])
            self.period.set_range(lo, hi)
        elif self.months:
            self.period.set_range(0, len(self.months) - 1)
        self._show_period(self.period.lo, self.period.hi)
        for combo, value in ((self.direction, f.trade_type), (self.country, f.country),
                             (self.mode, f.modes[0] if len(f.modes) == 1 else None),
                             (self.commodity, f.commodities[0] if len(f.commodities) == 1 else None),
                             (self.shade, self.trade.settings.state_metric),
                             (self.scheme, self.trade.settings.classification),
                             (self.port_size, self.trade.settings.port_metric)):
            i = combo.findData(value)
            combo.setCurrentIndex(max(i, 0))
        self._syncing = False

    def _show_period(self, lo: int, hi: int) -> None:
        if not self.months:
            self.period_label.setText(self.tr("no trade data"))
            return
        a, b = self.months[lo], self.months[hi]
        text = month_label(a) if a == b else f"{month_label(a)} – {month_label(b)}"
        missing = self.coverage.missing_in(a, b) if self.coverage is not None else []
        if missing:
            text += " · " + word(msg("coverage.missing_in_period", count_n=len(missing)))
        self.period_label.setText(text)
        self.period_label.setToolTip("\n".join(word(g.reason) for g in self.coverage.gaps()
                                               if g.lo <= b and g.hi >= a) if missing else "")

    def _hovered(self, step: int) -> None:
        if self.coverage is not None and 0 <= step < len(self.months):
            m = self.months[step]
            legend = ", ".join(f"{s}" for s in self.coverage.sources if s in SOURCE_COLOURS)
            self.period.setToolTip(word(self.coverage.month_note(m)) + "\n"
                                   + self.tr("Rows below the slider, top to bottom: {sources}").format(sources=legend))

    # --- widgets → state -----------------------------------------------------------------
    def _apply(self, **changes) -> None:
        if not self._syncing:
            self.trade.update_filter(**changes)

    def _settings(self, **changes) -> None:
        if not self._syncing:
            self.trade.update_settings(**changes)

    def _period_changed(self, lo: int, hi: int) -> None:
        self._show_period(lo, hi)
        if self.months:
            a, b = self.months[lo], self.months[hi]
            # whole calendar years are asked as years: the annual summaries can answer them whole
            self._apply(period=(a, b), granularity="year" if a % 100 == 1 and b % 100 == 12 else "month")

    def _mode_changed(self, _i) -> None:
        code = self.mode.currentData()
        self._apply(modes=(code,) if code else ())

    def _commodity_changed(self, _i) -> None:
        code = self.commodity.currentData()
        self._apply(commodities=(code,) if code else ())

    def _commodity_typed(self) -> None:
        text = self.commodity.currentText().strip().lower()
        if not text:
            self.commodity.setCurrentIndex(0)
            self._commodity_changed(0)
            return
        for i in range(self.commodity.count()):
            if text in self.commodity.itemText(i).lower():
                self.commodity.setCurrentIndex(i)
                self._commodity_changed(i)
                return
