"""The company's figures in a drill-down profile (issue 15), below the public ones: for a land
port, the company's cross-border value through it, its share and rank, and the facilities and
lanes behind it; for a Mexican state or an industrial zone, the company's facilities there and
its value by the exposure's rule. The model computes them (:mod:`geo.network.profile_figures`,
fed by ``desktop.panels.network_panel.NetworkView``); this section words and lays them out.
Nothing shows while the project holds no company network.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from geo.core.formatting import format_usd
from geo.network.profile_figures import CompanyFigures, CompanyIndex

ACCENT = "#1a1a1a"   # the company lanes' title colour (desktop.canvas.lane_overlay)


class CompanySection(QWidget):
    """See the module docstring. ``set_index`` gives the network's figures (None: no network),
    ``show_ref`` the profile's feature."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.index: CompanyIndex | None = None
        self.busy = False
        self.ref = None
        self.shown: CompanyFigures | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 2)
        lay.setSpacing(4)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.RichText)
        self.title.setStyleSheet(f"QLabel {{ border-top: 2px solid {ACCENT}; padding-top: 4px; }}")
        lay.addWidget(self.title)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Company figure"), self.tr("Value")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.table.setStyleSheet("QTableWidget { font-size: 9pt; }")
        lay.addWidget(self.table)
        self.facilities = QLabel(self)
        self.lanes = QLabel(self)
        self.notes = QLabel(self)
        for w in (self.facilities, self.lanes, self.notes):
            w.setWordWrap(True)
            w.setTextFormat(Qt.RichText)
            w.setTextInteractionFlags(Qt.TextSelectableByMouse)
            lay.addWidget(w)
        self.notes.setStyleSheet("color: #5f5a52; font-size: 8.5pt;")
        self.hide()

    # --- what the window says -------------------------------------------------------------------
    def set_index(self, index: CompanyIndex | None, busy: bool = False) -> None:
        """The network's figures (None: no network, or ``busy`` while they are computed)."""
        self.index, self.busy = index, busy
        self._show()

    def show_ref(self, ref) -> None:
        """The profile opened ``ref`` (None: nothing open)."""
        self.ref = tuple(ref) if ref is not None else None
        self._show()

    # --- showing ------------------------------------------------------------------------------
    def _show(self) -> None:
        ref = self.ref
        if ref is None or ref[0] not in ("port", "mx-state", "zone"):
            self.shown = None
            self.hide()
            return
        if self.index is None:
            self.shown = None
            self.setVisible(self.busy)
            if self.busy:
                self.title.setText(self._heading() + " <i style='color:#6f6a62'>" +
                                   escape(self.tr("computing…")) + "</i>")
                self.table.setRowCount(0)
                self.table.hide()
                for w in (self.facilities, self.lanes, self.notes):
                    w.hide()
            return
        figs = self.index.figures(ref)
        self.shown = figs
        if figs is None:
            self.hide()
            return
        self.title.setText(self._heading())
        self._table(figs)
        self._lists(figs)
        self.notes.setText("<br/>".join(escape(word(m)) for m in figs.notes))
        self.notes.setVisible(bool(figs.notes))
        self.show()

    def _heading(self) -> str:
        return (f"<span style='font-size:10.5pt;font-weight:600;color:{ACCENT}'>"
                f"{escape(self.tr('Your company here'))}</span>")

    def _table(self, figs: CompanyFigures) -> None:
        t = self.table
        t.setVisible(bool(figs.figures))
        t.setRowCount(len(figs.figures))
        for r, f in enumerate(figs.figures):
            a = QTableWidgetItem(word(f.label))
            v = QTableWidgetItem(word(f.display))
            v.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            v.setData(Qt.UserRole, f.key)
            font = v.font()
            font.setBold(f.key == "value")
            v.setFont(font)
            for it in (a, v):
                it.setToolTip(f"{word(f.label)}: {word(f.display)}")
            t.setItem(r, 0, a)
            t.setItem(r, 1, v)
        self._fit()
        QTimer.singleShot(0, self._fit)    # again once the columns have their widths

    def _fit(self) -> None:
        t = self.table
        t.resizeRowsToContents()
        t.setFixedHeight(t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount())) + 4)

    def resizeEvent(self, e):
        super().resizeEvent(e)
        if self.table.rowCount():
            self._fit()

    def _lists(self, figs: CompanyFigures) -> None:
        items = []
        for f in figs.facilities:
            place = ", ".join(x for x in (f.city, f.state, f.country) if x)
            kind = self._word(f.type or "facility")
            items.append(f"<li>{escape(f.name or f.id)} <span style='color:#6f6a62'>({escape(kind)}"
                         f"{', ' + escape(place) if place else ''})</span></li>")
        more = figs.facilities_total - len(figs.facilities)
        if more > 0:
            items.append(f"<li><i>{escape(self.tr('and {n:,} more').format(n=more))}</i></li>")
        self.facilities.setText(f"<b>{escape(self.tr('Facilities'))}</b>"
                                f"<ul style='margin:0 0 0 -24px'>{''.join(items)}</ul>" if items else "")
        self.facilities.setVisible(bool(items))
        rows = []
        for ln in figs.lanes:
            a, b = figs.names.get(ln.from_id, ln.from_id), figs.names.get(ln.to_id, ln.to_id)
            value = self.tr("{value} a year").format(value=format_usd(ln.value)) if ln.value is not None \
                else self.tr("no value")
            rows.append(f"<li>{escape(a)} → {escape(b)}: <b>{escape(value)}</b> "
                        f"<span style='color:#6f6a62'>({escape(self._word(ln.mode))}, {escape(ln.id)})</span></li>")
        more = figs.lanes_total - len(figs.lanes)
        if more > 0:
            rows.append(f"<li><i>{escape(self.tr('and {n:,} more').format(n=more))}</i></li>")
        self.lanes.setText(f"<b>{escape(self.tr('Largest lanes'))}</b>"
                           f"<ul style='margin:0 0 0 -24px'>{''.join(rows)}</ul>" if rows else "")
        self.lanes.setVisible(bool(rows))

    def _word(self, key: str) -> str:
        """A facility type or lane mode in the interface language (the user's own types as written)."""
        words = {"supplier": self.tr("supplier"), "plant": self.tr("plant"), "warehouse": self.tr("warehouse"),
                 "customer": self.tr("customer"), "facility": self.tr("facility"), "truck": self.tr("truck"),
                 "rail": self.tr("rail"), "air": self.tr("air"), "vessel": self.tr("vessel"),
                 "pipeline": self.tr("pipeline"), "other": self.tr("other")}
        return words.get(key, key)

    # --- for tests and exports -------------------------------------------------------------------
    def rows(self) -> list[tuple[str, str]]:
        """(figure, value) as shown."""
        t = self.table
        return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]
