"""File → Import…: BTS files into the store, in a worker, with a progress bar and Cancel,
then a report of what landed and every bad row (file, line, reason).

An import merges by key. When the files cover only part of what the store holds for some
months, the store refuses to delete anything without consent (:class:`ConsentNeeded`): the
runner asks, stating file, months, rows and value that would go, and imports again with the
answer. File → Import History (:class:`ImportHistoryDialog`, :func:`show_import_history`)
lists every import with Undo and Purge."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.base import workers
from desktop.base.messages import word
from geo.imports.report import CancelToken, ConsentNeeded, ImportCancelled, ImportReport, SliceLoss

IMPORT_FILTER = "BTS files (*.csv *.CSV *.zip *.ZIP);;All files (*)"


class ImportRunner(QObject):
    """One import: progress dialog with Cancel, worker thread, report dialog."""

    done = Signal(object)  # ImportReport, or None when cancelled/failed

    def __init__(self, store, paths: list[str], parent: QWidget):
        super().__init__(parent)
        self.store = store
        self.paths = [str(p) for p in paths]
        self.parent_widget = parent
        self.token = CancelToken()
        self.progress = QProgressDialog(self.tr("Importing {n} file(s)…").format(n=len(self.paths)),
                                        self.tr("Cancel"), 0, 100, parent)
        self.progress.setWindowTitle(self.tr("Import BTS files"))
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.token.cancel)
        self.report: ImportReport | None = None
        self.error: str | None = None
        self.cancelled = False
        self.replace: bool | None = None     # None: ask before deleting anything stored
        self.consent: ConsentNeeded | None = None

    def start(self) -> None:
        self.progress.show()
        replace = self.replace
        workers.start(
            lambda progress: self.store.import_files(self.paths, progress=progress, cancel=self.token,
                                                     replace=replace),
            on_finished=self._finished, on_failed=self._failed, on_progress=self._progress,
        )

    def ask_consent(self, exc: ConsentNeeded) -> bool | None:
        """Yes: replace the months whole (delete what the files lack); No: merge by key and keep
        them; Cancel: import nothing. Tests replace this method."""
        box = QMessageBox(QMessageBox.Question, self.tr("Replace whole months?"),
                          self.tr("The files cover only part of what the store holds for some months."),
                          QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel, self.parent_widget)
        box.setInformativeText(self.tr(
            "Replacing them whole deletes {rows:,} stored rows the files lack (Undo in File → Import "
            "History restores them until purged).\n\nYes: replace and delete them.\nNo: keep them and "
            "merge the files by key.").format(rows=exc.rows))
        box.setDetailedText("\n".join(self.loss_lines(exc, limit=200)))
        box.setDefaultButton(QMessageBox.No)
        answer = box.exec()
        if answer == QMessageBox.Yes:
            return True
        if answer == QMessageBox.No:
            return False
        return None

    def slice_label(self, x: SliceLoss) -> str:
        ym = f"{x.year_month // 100}-{x.year_month % 100:02d}"
        if x.kind == "CROSSINGS":
            return self.tr("Border Crossing {month}").format(month=ym)
        partner = {2010: self.tr("Mexico"), 1220: self.tr("Canada")}.get(x.country or 0, str(x.country))
        return self.tr("{table} {month} {partner}").format(table=x.kind, month=ym, partner=partner)

    def loss_lines(self, exc: ConsentNeeded, limit: int = 12) -> list[str]:
        """What replacing would delete, per file and slice, in the interface language."""
        out = []
        for x in exc.losses[:limit]:
            value = (self.tr("{n:,} crossings").format(n=x.value) if x.kind == "CROSSINGS"
                     else f"${x.value:,}")
            out.append(self.tr("{files}: {slice}: {rows:,} stored rows ({value}) not in the file").format(
                files=", ".join(Path(f).name for f in x.files), slice=self.slice_label(x), rows=x.rows,
                value=value))
        rest = exc.losses[limit:]
        if rest:
            out.append(self.tr("… and {n} more slices ({rows:,} rows)").format(
                n=len(rest), rows=sum(x.rows for x in rest)))
        return out

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(min(100, int(100 * done / total)))
            self.progress.setLabelText(self.tr("Importing… {done:,} of {total:,} rows").format(done=done, total=total))

    def _finished(self, report: ImportReport) -> None:
        self.progress.close()
        self.report = report
        self.done.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConsentNeeded) and self.replace is None:
            self.consent = exc
            self.progress.hide()
            answer = self.ask_consent(exc)
            if answer is not None:
                self.replace = answer
                self.progress.setValue(0)
                self.start()
                return
            self.progress.close()
            self.cancelled = True
            self.error = self.tr("Import cancelled. The store is unchanged.")
            self.done.emit(None)
            return
        self.progress.close()
        if isinstance(exc, ImportCancelled):
            self.cancelled = True
            self.error = self.tr("Import cancelled. The store is unchanged.")
        else:
            self.error = str(exc) or type(exc).__name__
        self.done.emit(None)


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.resize(760, 420)
        lay = QVBoxLayout(self)
        summary = QLabel(report.summary(), self)
        summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        summary.setWordWrap(True)
        lay.addWidget(summary)
        self.table = QTableWidget(len(report.issues), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Line"), self.tr("Problem")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        for r, issue in enumerate(report.issues):
            self.table.setItem(r, 0, QTableWidgetItem(Path(issue.file).name))
            self.table.setItem(r, 1, QTableWidgetItem("" if issue.line is None else str(issue.line)))
            self.table.setItem(r, 2, QTableWidgetItem(word(issue.message)))
        self.table.setVisible(bool(report.issues))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)


class OdProblemsDialog(QDialog):
    """Rows of a user's flow table that could not be drawn, one per line with the reason
    (a model message, worded here), and the notes on how the file was read."""

    def __init__(self, path: str, problems, loaded: int, parent=None, notes=()):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Flow table: rows not drawn"))
        self.resize(720, 380)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("{name}: {ok:,} flows loaded, {bad:,} rows not drawn.").format(
            name=Path(path).name, ok=loaded, bad=len(problems)), self))
        self.notes = QLabel("\n".join(word(n) for n in notes), self)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notes.setVisible(bool(notes))
        lay.addWidget(self.notes)
        self.table = QTableWidget(len(problems), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        for r, pr in enumerate(problems):
            self.table.setItem(r, 0, QTableWidgetItem("" if pr.line is None else str(pr.line)))
            self.table.setItem(r, 1, QTableWidgetItem(word(getattr(pr, "message", None) or pr.reason)))
        self.table.setVisible(bool(problems))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


class ImportHistoryDialog(QDialog):
    """File → Import History: every import (files, rows, what it replaced) with Undo and Purge.

    ``changed`` is emitted after an undo, so the window can refresh its views."""

    changed = Signal()

    COLUMNS = ("#", "Imported", "Status", "Files", "Added", "Replaced", "Deleted", "Kept for undo")

    def headers(self) -> list[str]:
        """:data:`COLUMNS` in the interface language (spelt out, so lupdate finds them)."""
        return [self.tr("#"), self.tr("Imported"), self.tr("Status"), self.tr("Files"), self.tr("Added"),
                self.tr("Replaced"), self.tr("Deleted"), self.tr("Kept for undo")]

    def status_text(self, h: dict) -> str:
        status = {"active": self.tr("active"), "undone": self.tr("undone")}.get(h["status"], str(h["status"]))
        if h["purged_at"] is not None:
            return self.tr("{status} (purged)").format(status=status)
        return status

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Import history"))
        self.resize(900, 420)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        lay.addWidget(self.table, 1)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo import"), self)
        self.purge_button = QPushButton(self.tr("Purge replaced rows"), self)
        self.purge_button.setToolTip(self.tr("Delete for good the rows kept so the selected import can be "
                                             "undone (all imports if none is selected)."))
        row.addWidget(self.undo_button)
        row.addWidget(self.purge_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        lay.addLayout(row)
        self.undo_button.clicked.connect(self.undo_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.history = self.store.imports()
        self.table.setRowCount(len(self.history))
        for r, h in enumerate(self.history):
            status = self.status_text(h)
            files = ", ".join(Path(f["file"]).name for f in h["files"])
            vals = [str(h["import_id"]), str(h["imported_at"])[:19], status, files, f"{h['rows_added']:,}",
                    f"{h['rows_replaced']:,}", f"{h['rows_deleted']:,}", f"{h['rows_kept_for_undo']:,}"]
            for c, v in enumerate(vals):
                item = QTableWidgetItem(v)
                if c == 3:
                    item.setToolTip("\n".join(
                        self.tr("{file}  (SHA-256 {sha}…, {rows:,} rows)").format(
                            file=f["file"], sha=f["sha256"][:16], rows=f["rows_loaded"]) for f in h["files"]))
                self.table.setItem(r, c, item)
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return int(self.history[rows[0].row()]["import_id"])

    def _update_buttons(self) -> None:
        iid = self.selected_id()
        h = next((x for x in self.history if x["import_id"] == iid), None)
        self.undo_button.setEnabled(h is not None and h["status"] == "active" and h["purged_at"] is None)

    def undo_selected(self) -> bool:
        from geo.imports import UndoRefused
        from geo.store import StoreError

        iid = self.selected_id()
        if iid is None:
            return False
        try:
            counts = self.store.undo_import(iid)
        except (UndoRefused, StoreError) as exc:
            self.message.setText(str(exc))
            return False
        removed = sum(c["removed"] for c in counts.values())
        restored = sum(c["restored"] for c in counts.values())
        self.message.setText(self.tr("Undid import #{id}: removed {removed:,} rows, restored {restored:,}.").format(
            id=iid, removed=removed, restored=restored))
        self.reload()
        self.changed.emit()
        return True

    def purge_selected(self) -> int:
        iid = self.selected_id()
        n = self.store.purge_replaced(iid)
        which = self.tr("import #{id}").format(id=iid) if iid is not None else self.tr("all imports")
        self.message.setText(self.tr("Purged {n:,} replaced rows of {which}; they can no longer be restored.").format(
            n=n, which=which))
        self.reload()
        return n


def show_import_history(store, parent=None) -> ImportHistoryDialog:
    """Open File → Import History (non-modal) and return the dialog; connect ``changed`` to
    refresh views after an undo."""
    dialog = ImportHistoryDialog(store, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog
