"""File → Import Company Lanes… (issue 15): the lanes between the company's facilities from a
CSV or Excel file. The dialog shows the file's columns with the field each holds (detected,
changeable: from and to facility, annual value and/or volume, mode, HS chapter, assigned port,
lane id), checks the rows against the project's facilities in a worker (progress, Cancel),
previews them with each row's problems (an unknown facility id, a value that is not a number,
an unknown mode), and lists what applying the file changes, lane by lane by id: added, changed
(field by field) and removed, before anything is applied. Apply hands the new network to the
project, where Edit → Revert Company Network Import undoes it.

The model does the work (:func:`geo.network.lanes.import_lanes`, :meth:`LaneImport.changes`);
this dialog shows its outcome and words its sentences.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.base import workers
from desktop.base.messages import word
from geo.core.formatting import format_usd
from geo.network.lanes import LANE_FIELDS, LANE_SYNONYMS, LaneChange, LaneImport, import_lanes
from geo.network.model import Lane, Network
from geo.network.tables import RawTable, detect_mapping

#: rows shown in the preview, and changes listed (the counts cover them all)
PREVIEW_ROWS = 500
CHANGES_SHOWN = 1000
REJECTED_BG = QColor("#f8d9d4")
WARNING_BG = QColor("#fbf0c9")
_PREVIEW_FIELDS = ("id", "from", "to", "value", "volume", "mode", "hs", "port")


class LaneImportDialog(QDialog):
    """See the module docstring. ``result_`` is the checked import (None until checked);
    :meth:`network` the project's network with the file's lanes."""

    def __init__(self, table: RawTable, network: Network, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Company Lanes"))
        self.table = table
        self.current = network
        self.result_: LaneImport | None = None
        self.changes_: list[LaneChange] = []
        self.problems_: dict[int, list] = {}
        self._gen = 0
        self._cancel = threading.Event()
        self.checking = False
        lay = QVBoxLayout(self)
        head = QLabel(self.tr("{file}: {rows:,} rows. Choose what each column holds; every row is checked "
                              "against the project's {facilities:,} facilities.").format(
            file=table.source, rows=len(table), facilities=len(network.facilities)), self)
        head.setWordWrap(True)
        lay.addWidget(head)

        self.mapping_table = QTableWidget(len(table.columns), 3, self)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Field"), self.tr("First value")])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        detected = detect_mapping(table.columns, LANE_SYNONYMS)
        self.combos: list[QComboBox] = []
        names = self._field_names()
        for i, col in enumerate(table.columns):
            item = QTableWidgetItem(col)
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
            self.mapping_table.setItem(i, 0, item)
            combo = QComboBox(self)
            for key in ("ignore", *LANE_FIELDS):
                combo.addItem(names[key], key)
            combo.setCurrentIndex(max(0, combo.findData(detected.get(col, "ignore"))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping_table.setCellWidget(i, 1, combo)
            self.combos.append(combo)
            first = table.rows[0][i] if table.rows and i < len(table.rows[0]) else ""
            item = QTableWidgetItem(first)
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
            self.mapping_table.setItem(i, 2, item)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_table.horizontalHeader().resizeSection(1, 200)
        self.mapping_table.setMaximumHeight(min(60 + 30 * len(table.columns), 240))
        lay.addWidget(self.mapping_table)

        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_check = QPushButton(self.tr("Stop"), self)
        self.cancel_check.setToolTip(self.tr("Stop checking the rows"))
        self.cancel_check.clicked.connect(self.cancel)
        self.cancel_check.setVisible(False)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_check)
        lay.addLayout(row)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)

        self.tabs = QTabWidget(self)
        rows_page = QWidget()
        rl = QVBoxLayout(rows_page)
        rl.setContentsMargins(0, 4, 0, 0)
        self.only_problems = QCheckBox(self.tr("Only rows with problems"), rows_page)
        self.only_problems.toggled.connect(lambda _on: self._show_rows())
        rl.addWidget(self.only_problems)
        self.preview = QTableWidget(0, 2 + len(_PREVIEW_FIELDS), rows_page)
        self.preview.setHorizontalHeaderLabels([self.tr("Line"), *(names[f] for f in _PREVIEW_FIELDS),
                                                self.tr("Problem")])
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.preview.setWordWrap(True)
        self.preview.horizontalHeader().setSectionResizeMode(len(_PREVIEW_FIELDS) + 1, QHeaderView.Stretch)
        rl.addWidget(self.preview)
        self.tabs.addTab(rows_page, self.tr("Rows"))
        changes_page = QWidget()
        cl = QVBoxLayout(changes_page)
        cl.setContentsMargins(0, 4, 0, 0)
        self.diff_label = QLabel("", changes_page)
        self.diff_label.setWordWrap(True)
        cl.addWidget(self.diff_label)
        self.changes_table = QTableWidget(0, 4, changes_page)
        self.changes_table.setHorizontalHeaderLabels([self.tr("Change"), self.tr("Lane"), self.tr("Before"),
                                                      self.tr("After")])
        self.changes_table.verticalHeader().setVisible(False)
        self.changes_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        hh = self.changes_table.horizontalHeader()
        hh.setSectionResizeMode(2, QHeaderView.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.Stretch)
        cl.addWidget(self.changes_table)
        self.tabs.addTab(changes_page, self.tr("Changes"))
        lay.addWidget(self.tabs, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Apply | QDialogButtonBox.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.Apply)
        self.apply_button.setText(self.tr("Apply Changes"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._recheck = QTimer(self, singleShot=True, interval=250, timeout=self.start)
        self.resize(980, 680)
        self.start()

    def _field_names(self) -> dict[str, str]:
        return {"ignore": self.tr("(ignore)"), "id": self.tr("Lane id"), "from": self.tr("From facility"),
                "to": self.tr("To facility"), "value": self.tr("Annual value (US$)"),
                "volume": self.tr("Annual volume"), "mode": self.tr("Mode"), "hs": self.tr("HS chapter"),
                "port": self.tr("Assigned port")}

    # --- checking ----------------------------------------------------------------------------
    def mapping(self) -> dict[str, str]:
        """Column -> field as the combos say (``ignore`` for a column left out)."""
        return {col: c.currentData() for col, c in zip(self.table.columns, self.combos)}

    def set_field(self, column: str, field: str) -> None:
        """Map ``column`` to ``field`` (what choosing it in the combo does)."""
        combo = self.combos[self.table.columns.index(column)]
        combo.setCurrentIndex(combo.findData(field))

    def _mapping_changed(self) -> None:
        self.apply_button.setEnabled(False)
        self.summary.setText(self.tr("Checking the rows with the new mapping…"))
        self._recheck.start()

    def start(self) -> None:
        """Check the file's rows with the mapping shown (in a worker; a check under way stops)."""
        self._recheck.stop()
        self._cancel.set()
        cancel = self._cancel = threading.Event()
        self._gen += 1
        gen = self._gen
        self.checking = True
        self.apply_button.setEnabled(False)
        self.progress.setRange(0, max(len(self.table), 1))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_check.setVisible(True)
        mapping, table, network = self.mapping(), self.table, self.current

        def work(progress):
            res = import_lanes(table, network, mapping,
                               progress=lambda d, t: (not cancel.is_set()) and progress(d, t))
            return res, res.changes(network), res.row_problems()

        workers.start(work, lambda r: self._finished(gen, r), lambda e: self._failed(gen, e),
                      lambda d, t: gen == self._gen and self.progress.setValue(d))

    def cancel(self) -> None:
        self._cancel.set()

    def _done_checking(self) -> None:
        self.checking = False
        self.progress.setVisible(False)
        self.cancel_check.setVisible(False)

    def _failed(self, gen: int, exc) -> None:
        if gen != self._gen:
            return
        self._done_checking()
        self.result_ = None
        message = getattr(exc, "message", None)
        self.summary.setText(word(message) if message is not None else self.tr("Check stopped; nothing imported."))
        self.preview.setRowCount(0)
        self.changes_table.setRowCount(0)
        self.diff_label.setText("")

    def _finished(self, gen: int, result) -> None:
        if gen != self._gen:
            return
        self._done_checking()
        res, changes, problems = result
        self.result_, self.changes_, self.problems_ = res, changes, problems
        rejected = {r[0] for r in res.rejected}
        n_warn = sum(1 for line in problems if line not in rejected)
        text = self.tr("{ok:,} lanes read, {bad:,} rows with problems (not imported), {warn:,} with a "
                       "warning.").format(ok=len(res.lanes), bad=len(res.rejected), warn=n_warn)
        notes = [word(n.message) for n in res.notices]
        if notes:
            text += " " + " ".join(notes)
        self.summary.setText(text)
        self._show_rows()
        self._show_changes()
        d = res.diff(self.current)
        self.apply_button.setEnabled(not d.empty)
        if res.rejected:
            self.tabs.setCurrentIndex(0)

    # --- showing -----------------------------------------------------------------------------
    def _show_rows(self) -> None:
        res = self.result_
        t = self.preview
        if res is None:
            t.setRowCount(0)
            return
        problems = self.problems_
        rejected = {line for line, _lid, _p in res.rejected}
        idx = [i for i, line in enumerate(self.table.lines) if not self.only_problems.isChecked() or line in problems]
        idx = idx[:PREVIEW_ROWS]
        col = {f: self.table.columns.index(c) for c, f in res.mapping.items()}
        t.setRowCount(len(idx))
        for r, i in enumerate(idx):
            raw, line = self.table.rows[i], self.table.lines[i]
            cells = [str(line)] + [raw[col[f]] if f in col and col[f] < len(raw) else "" for f in _PREVIEW_FIELDS]
            cells.append("; ".join(word(p.message) for p in problems.get(line, ())))
            bg = REJECTED_BG if line in rejected else (WARNING_BG if line in problems else None)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if bg is not None:
                    item.setBackground(bg)
                if j == len(cells) - 1 and text:
                    item.setToolTip(text)
                t.setItem(r, j, item)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(len(_PREVIEW_FIELDS) + 1, QHeaderView.Stretch)
        for r in range(t.rowCount()):       # a row with a problem grows to show the whole reason
            if t.item(r, len(_PREVIEW_FIELDS) + 1).text():
                t.resizeRowToContents(r)

    def _describe(self, ln: Lane | None) -> str:
        if ln is None:
            return ""
        bits = [f"{ln.from_id} → {ln.to_id}"]
        if ln.value is not None:
            bits.append(self.tr("{value} a year").format(value=format_usd(ln.value)))
        if ln.volume is not None:
            bits.append(self.tr("volume {volume:,.6g}").format(volume=ln.volume))
        bits.append(ln.mode)
        if ln.hs_chapter:
            bits.append(self.tr("HS {hs}").format(hs=ln.hs_chapter))
        if ln.port:
            bits.append(self.tr("port {port}").format(port=ln.port))
        return ", ".join(bits)

    def _field_change(self, name: str, old, new) -> str:
        def show(v) -> str:
            if v is None or v == "":
                return "–"
            return format_usd(v) if name == "value" else (f"{v:,.6g}" if isinstance(v, float) else str(v))
        label = {"from_id": self.tr("from"), "to_id": self.tr("to"), "value": self.tr("value"),
                 "volume": self.tr("volume"), "mode": self.tr("mode"), "hs_chapter": self.tr("HS chapter"),
                 "port": self.tr("port")}.get(name, name)
        return f"{label}: {show(old)} → {show(new)}"

    def _show_changes(self) -> None:
        res = self.result_
        t = self.changes_table
        if res is None:
            t.setRowCount(0)
            return
        d = res.diff(self.current)
        if d.empty:
            self.diff_label.setText(self.tr("Nothing changes: the file's lanes are the project's ({n:,} "
                                            "unchanged).").format(n=d.unchanged))
        else:
            self.diff_label.setText(self.tr("Applying the file: {a:,} added, {c:,} changed, {r:,} removed, {u:,} "
                                            "unchanged. Edit → Revert Company Network Import undoes it.").format(
                a=len(d.added), c=len(d.changed), r=len(d.removed), u=d.unchanged))
        kinds = {"added": self.tr("Added"), "changed": self.tr("Changed"), "removed": self.tr("Removed")}
        shown = self.changes_[:CHANGES_SHOWN]
        t.setRowCount(len(shown))
        for r, ch in enumerate(shown):
            if ch.kind == "changed":
                after = "; ".join(self._field_change(*f) for f in ch.fields)
            elif ch.kind == "removed":
                after = self.tr("(not in the file)") if not ch.rejected else self.tr(
                    "(its row in the file has a problem: {reason})").format(
                    reason="; ".join(word(p.message) for p in ch.rejected))
            else:
                after = self._describe(ch.new)
            cells = (kinds[ch.kind], ch.id, self._describe(ch.old), after)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if ch.kind == "removed" and ch.rejected:
                    item.setBackground(REJECTED_BG)
                t.setItem(r, j, item)
        t.resizeColumnToContents(0)
        t.resizeColumnToContents(1)

    # --- applying ------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.result_ is not None and not self.checking:
            self.accept()

    def network(self) -> Network:
        """The project's network with the file's lanes (the current one unchanged without a check)."""
        return self.result_.apply(self.current) if self.result_ is not None else self.current

    def reject(self) -> None:
        self._cancel.set()
        super().reject()
