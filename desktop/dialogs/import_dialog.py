"""File → Import…: BTS files into the store, in a worker, with a progress bar and Cancel,
then a report of what landed and every bad row (file, line, reason)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLabel, QProgressDialog, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.base import workers
from geo.imports.report import CancelToken, ImportCancelled, ImportReport

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

    def start(self) -> None:
        self.progress.show()
        workers.start(
            lambda progress: self.store.import_files(self.paths, progress=progress, cancel=self.token),
            on_finished=self._finished, on_failed=self._failed, on_progress=self._progress,
        )

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setValue(min(100, int(100 * done / total)))
            self.progress.setLabelText(self.tr("Importing… {done:,} of {total:,} rows").format(done=done, total=total))

    def _finished(self, report: ImportReport) -> None:
        self.progress.close()
        self.report = report
        self.done.emit(report)

    def _failed(self, exc: BaseException) -> None:
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
            self.table.setItem(r, 2, QTableWidgetItem(issue.reason))
        self.table.setVisible(bool(report.issues))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)


class OdProblemsDialog(QDialog):
    """Rows of a user's flow table that could not be drawn, one per line with the reason."""

    def __init__(self, path: str, problems, loaded: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Flow table: rows not drawn"))
        self.resize(720, 380)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("{name}: {ok:,} flows loaded, {bad:,} rows not drawn.").format(
            name=Path(path).name, ok=loaded, bad=len(problems)), self))
        self.table = QTableWidget(len(problems), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        for r, pr in enumerate(problems):
            self.table.setItem(r, 0, QTableWidgetItem("" if pr.line is None else str(pr.line)))
            self.table.setItem(r, 1, QTableWidgetItem(pr.reason))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
