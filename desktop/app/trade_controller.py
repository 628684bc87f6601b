"""Connects the trade store to the window: opens the store off the GUI thread after the
first frame, binds the filter bar to the session (geo.session.Session), shows the data notes that
apply, and runs imports (File → Import…, drag and drop)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.base import workers
from desktop.base.messages import word
from desktop.dialogs.import_dialog import IMPORT_FILTER, ImportReportDialog, ImportRunner
from desktop.toolbars.filter_bar import FilterBar
from desktop.widgets.notes_bar import NotesBar
from geo.styles.thematic import Theme

IMPORTABLE = (".csv", ".zip")


class TradeController(QObject):
    storeReady = Signal(object)
    themeApplied = Signal(object)  # Theme

    def __init__(self, window, store_path: Path | None = None):
        super().__init__(window)
        self.window = window
        self.store_path = store_path
        self.trade = self.session = window.session
        self.filter_bar = FilterBar(self.trade, window)
        self.style_bar = self.filter_bar.style_bar
        self.notes = NotesBar(window)
        self.session.theme_changed.connect(self._theme_changed)
        self.session.failed.connect(lambda m: window.statusBar().showMessage(word(m), 8000))
        self.session.filter_changed.connect(lambda _f: self.filter_bar.show_filter())
        self.session.style_changed.connect(lambda _s: self.filter_bar.show_filter())
        self.runner: ImportRunner | None = None

    # --- store ---------------------------------------------------------------------------
    _store_closed = False  # the window closed: no store opens, none arrives, after that
    _store_opening = None  # threading.Event set to drop the open running in a worker

    def open_store_later(self) -> None:
        """Open the store once the map has painted (a first run builds it: ~0.5 s), so the
        analyst sees the map at once and the trade figures a moment later."""
        canvas = self.window.canvas

        def first_frame(_ms):
            canvas.frameRendered.disconnect(first_frame)
            QTimer.singleShot(50, self, self._open_store)  # never fires once the window is deleted

        canvas.frameRendered.connect(first_frame)

    def cancel_store_open(self) -> None:
        """The window is closing: a store still opening in the worker is closed as soon as it
        arrives (its failure is dropped), and no store opens later."""
        self._store_closed = True
        if self._store_opening is not None:
            self._store_opening.set()

    def _open_store(self) -> None:
        import threading

        from shiboken6 import isValid

        from geo.store import open_store  # the interface package: the backend is its business

        if self._store_closed:
            return
        self.window.statusBar().showMessage(self.tr("Opening the trade store…"))
        cancelled = self._store_opening = threading.Event()
        path = self.store_path

        def open_and_warm(_progress):
            if cancelled.is_set():
                return None
            return open_store(path)

        # Plain functions, not bound slots: they run on the GUI thread even when the window
        # is gone, so a store that arrives for a closed window is still closed.
        def arrived(store):
            if store is None:
                return
            if cancelled.is_set() or not isValid(self):
                store.close()
            else:
                self._store_opened(store)

        def failed(exc):
            if not cancelled.is_set() and isValid(self):
                self._store_failed(exc)

        workers.start(open_and_warm, on_finished=arrived, on_failed=failed)

    def _store_opened(self, store) -> None:
        self.trade.set_store(store)
        self.filter_bar.reload()
        self.window.statusBar().showMessage(self.tr("Trade store: {path}").format(path=store.location), 6000)
        self.storeReady.emit(store)

    def _store_failed(self, exc) -> None:
        self.window.statusBar().clearMessage()
        box = QMessageBox(QMessageBox.Warning, self.tr("Trade data unavailable"),
                          self.tr("The trade store could not be opened:\n{err}\n\nThe map still works; "
                                  "trade filters are disabled.").format(err=exc), QMessageBox.Close, self.window)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()  # not exec(): no nested event loop, and the box goes with its window
        self.store_error_box = box

    # --- theme -----------------------------------------------------------------------------
    def _theme_changed(self, theme: Theme) -> None:
        if theme.notes:
            # warnings first: the one line the folded strip shows is the one that matters most
            self.notes.set_notes([word(n) for n in sorted(theme.notes, key=lambda m: m.severity != "warning")])
        else:
            self.notes.set_notes([])
        self.window.statusBar().showMessage(
            self.tr("{what} — updated in {ms:.0f} ms").format(what=word(theme.port_title or theme.state_title),
                                                             ms=self.trade.last_ms), 4000)
        self.themeApplied.emit(theme)

    # --- import ----------------------------------------------------------------------------
    def choose_and_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Import BTS files"), str(Path.home()),
                                                self.tr(IMPORT_FILTER))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths) -> ImportRunner | None:
        store = self.trade.store
        if store is None:
            QMessageBox.information(self.window, self.tr("Import"), self.tr("The trade store is still opening."))
            return None
        if self.runner is not None:
            QMessageBox.information(self.window, self.tr("Import"), self.tr("An import is already running."))
            return None
        self.runner = ImportRunner(store, list(paths), self.window)
        self.runner.done.connect(self._import_done)
        self.runner.start()
        return self.runner

    def _import_done(self, report) -> None:
        runner, self.runner = self.runner, None
        if report is None:
            if runner.cancelled:
                self.window.statusBar().showMessage(runner.error, 8000)
            else:
                box = QMessageBox(QMessageBox.Warning, self.tr("Import failed"),
                                  runner.error or self.tr("Import failed."), QMessageBox.Close, self.window)
                box.setAttribute(Qt.WA_DeleteOnClose)
                box.open()  # not exec(): the event loop (and the map) keep running
                self.last_error_box = box
            return
        self.trade.refresh()
        self.filter_bar.reload()
        dialog = ImportReportDialog(report, self.window)
        dialog.setModal(False)
        dialog.show()
        self.last_report_dialog = dialog

    @staticmethod
    def importable(urls) -> list[str]:
        return [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile().lower().endswith(IMPORTABLE)]
