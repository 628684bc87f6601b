"""File → Import Company Facilities… (issue 15): map the file's columns to fields, import in a
worker with progress and Cancel, then resolve the rows whose place is ambiguous or unknown by
picking a candidate or by clicking the map ("Place on Map": the dialog steps aside, the next
click on the map sets the row's coordinates, shown as placed with a manual confidence). The
model does the work (:mod:`geo.network.facilities`: :meth:`FacilityImport.pick`,
:meth:`FacilityImport.place_at`); this dialog shows its outcome and its sentences (worded from
the model's messages)."""
from __future__ import annotations

import threading
from typing import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.base import workers
from desktop.base.messages import word
from geo.network.facilities import FIELDS, FacilityImport, import_facilities
from geo.network.model import Facility, diff_by_id
from geo.network.tables import RawTable


class FacilityImportDialog(QDialog):
    """Shows a read table's columns with the detected field of each; Import runs the import."""

    def __init__(self, table: RawTable, parent=None, current: Mapping[str, Facility] | None = None,
                 canvas=None):
        super().__init__(parent)
        self.canvas = canvas           # the map (desktop.canvas.map_canvas.MapCanvas) rows are placed on
        self.placing: str | None = None
        self.setWindowTitle(self.tr("Import Company Facilities"))
        self.table = table
        self.current = dict(current or {})  # the facilities the project holds: the change is shown by id
        self.result_: FacilityImport | None = None
        self._cancel = threading.Event()
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("{0}: {1} rows. Choose what each column holds.").format(
            table.source, len(table))))
        self.mapping_table = QTableWidget(len(table.columns), 3, self)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Field"), self.tr("First value")])
        from geo.network.facilities import ATTRIBUTES, SYNONYMS
        from geo.network.tables import detect_mapping

        detected = detect_mapping(table.columns, SYNONYMS)
        choices = ["ignore", *FIELDS, *(f"attr:{a}" for a in ATTRIBUTES), "attr"]
        self.combos: list[QComboBox] = []
        for i, col in enumerate(table.columns):
            self.mapping_table.setItem(i, 0, QTableWidgetItem(col))
            combo = QComboBox(self)
            combo.addItems(choices)
            combo.setCurrentText(detected.get(col, "ignore"))
            self.mapping_table.setCellWidget(i, 1, combo)
            self.combos.append(combo)
            first = table.rows[0][i] if table.rows and i < len(table.rows[0]) else ""
            self.mapping_table.setItem(i, 2, QTableWidgetItem(first))
        lay.addWidget(self.mapping_table)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.review_table = QTableWidget(0, 7, self)
        self.review_table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Id"), self.tr("Place"),
                                                     self.tr("Candidate"), self.tr("Position"),
                                                     self.tr("Confidence"), ""])
        self.review_table.setVisible(False)
        lay.addWidget(self.review_table)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.import_button)
        row.addWidget(self.cancel_button)
        lay.addLayout(row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok, self)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.apply_review_and_accept)
        lay.addWidget(self.buttons)

    def mapping(self) -> dict[str, str]:
        return {col: c.currentText() for col, c in zip(self.table.columns, self.combos)}

    def start(self) -> None:
        self._cancel.clear()
        self.import_button.setEnabled(False)
        self.progress.setVisible(True)
        mapping = self.mapping()

        def work(progress):
            return import_facilities(self.table, mapping,
                                     progress=lambda d, t: (not self._cancel.is_set()) and progress(d, t))

        workers.start(work, self._finished, self._failed, self._progress)

    def cancel(self) -> None:
        if self.import_button.isEnabled():
            self.reject()
        else:
            self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc) -> None:
        self.progress.setVisible(False)
        self.import_button.setEnabled(True)
        msg = getattr(exc, "message", None)
        self.summary.setText(word(msg) if msg is not None else self.tr("Import cancelled."))

    def _finished(self, result: FacilityImport) -> None:
        self.result_ = result
        self.progress.setVisible(False)
        self.import_button.setEnabled(True)
        self.summary.setText(self._summary_text(result))
        self.show_review(result)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)

    def _summary_text(self, result: FacilityImport) -> str:
        c = result.counts()
        text = self.tr("{0} placed, {1} geocoded, {2} need review, {3} rejected").format(
            c["placed"], c["geocoded"], c["review"], c["rejected"])
        if self.current:
            d = diff_by_id(self.current, result.facilities)
            text += "\n" + self.tr("Against the project's facilities: {0} added, {1} changed, {2} removed, "
                                   "{3} unchanged (Edit → Revert Company Network Import undoes it)").format(
                len(d.added), len(d.changed), len(d.removed), d.unchanged)
        return text

    def show_review(self, result: FacilityImport) -> None:
        rows = result.review
        self.review_rows = [r.id for r in rows]
        self.review_table.setRowCount(len(rows))
        self.review_table.setVisible(bool(rows))
        self.review_combos: dict[str, QComboBox] = {}
        for i, r in enumerate(rows):
            self.review_table.setItem(i, 0, QTableWidgetItem(str(r.line)))
            self.review_table.setItem(i, 1, QTableWidgetItem(r.id))
            item = QTableWidgetItem(r.query)
            item.setToolTip(" ".join(word(x.message) for x in r.issues))
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
            self.review_table.setItem(i, 2, item)
            combo = QComboBox(self)
            combo.addItem(self.tr("(none chosen)"))
            for cand in r.candidates:
                combo.addItem(f"{cand.name} ({cand.confidence:.0%})")
            combo.currentIndexChanged.connect(lambda k, fid=r.id: self._picked(fid, k))
            self.review_table.setCellWidget(i, 3, combo)
            self.review_combos[r.id] = combo
            button = QPushButton(self.tr("Place on Map"), self)
            button.setToolTip(self.tr("Click the map where this site is"))
            button.setEnabled(self.canvas is not None)
            button.clicked.connect(lambda _on=False, fid=r.id: self.place_on_map(fid))
            self.review_table.setCellWidget(i, 6, button)
            self._show_position(r.id)
        self.review_table.resizeColumnsToContents()
        self.review_table.setColumnWidth(3, min(self.review_table.columnWidth(3), 240))  # long candidate names

    # --- resolving review rows ---------------------------------------------------------------
    def _picked(self, fid: str, index: int) -> None:
        res = self.result_
        if res is None:
            return
        if index > 0:
            res.pick(fid, index - 1)
        else:
            res.unresolve(fid)
        self._show_position(fid)

    def _show_position(self, fid: str) -> None:
        """The row's position and confidence as the model holds them."""
        res = self.result_
        i = self.review_rows.index(fid)
        f = res.facilities.get(fid) if res is not None else None
        if f is None or not f.placed:
            pos, conf = self.tr("not placed"), ""
        else:
            assert f.lon is not None and f.lat is not None
            where = ", ".join(x for x in (f.state, f.country) if x)
            pos = f"{abs(f.lat):.4f}° {'N' if f.lat >= 0 else 'S'}, {abs(f.lon):.4f}° {'W' if f.lon < 0 else 'E'}"
            pos += f" ({where})" if where else ""
            conf = self.tr("manual") if f.located == "map" else self.tr("{0:.0%}, chosen").format(f.confidence)
        for j, text in ((4, pos), (5, conf)):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
            self.review_table.setItem(i, j, item)
        self.review_table.resizeColumnToContents(4)
        if res is not None:
            self.summary.setText(self._summary_text(res))

    def place_on_map(self, fid: str) -> None:
        """Step aside: the next click on the map places row ``fid`` (Esc on the map cancels)."""
        if self.canvas is None or self.result_ is None:
            return
        self.placing = fid
        self._status(self.tr("Click the map where {id} is (Esc cancels).").format(id=fid))
        self.hide()
        self.canvas.pick_point(lambda lon, lat: self.place_at(fid, lon, lat), self._place_cancelled)
        self.canvas.setFocus()

    def place_at(self, fid: str, lon: float, lat: float) -> None:
        """Row ``fid`` placed at (lon, lat) (what a click on the map does)."""
        res = self.result_
        self.placing = None
        self._status("")
        if res is not None:
            res.place_at(fid, lon, lat)
            combo = self.review_combos[fid]
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
            self._show_position(fid)
        self.show()
        self.raise_()

    def _place_cancelled(self) -> None:
        self.placing = None
        self._status("")
        self.show()

    def _status(self, text: str) -> None:
        bar = getattr(self.parentWidget(), "statusBar", None)
        if not callable(bar):
            return
        if text:
            bar().showMessage(text)
        else:
            bar().clearMessage()

    def choose(self, facility_id: str, candidate_index: int) -> None:
        """Pick candidate ``candidate_index`` (0-based) for a review row (what the combo does)."""
        self.review_combos[facility_id].setCurrentIndex(candidate_index + 1)

    def apply_review_and_accept(self) -> None:
        res = self.result_
        if res is not None:
            for fid, combo in list(getattr(self, "review_combos", {}).items()):
                if combo.currentIndex() > 0 and fid in res.pending:
                    res.pick(fid, combo.currentIndex() - 1)
        self.accept()

    def facilities(self) -> dict[str, Facility]:
        """The imported facilities (placed, geocoded, picked) by id."""
        return dict(self.result_.facilities) if self.result_ is not None else {}
