"""The project document in the window: File → New/Open/Save/Save As/Recent, Edit → Undo/Redo
(each change named), the title bar (project name and a modified mark), "unsaved changes"
prompts, autosave to a side file every few minutes and recovery after a crash, and the last
project reopened at start.

The document itself is ``geo.session.project`` (SQLite, atomic saves); undo is
``geo.session.history``; this controller only binds them to menus, dialogs and timers.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.base.messages import word
from geo.core.messages import msg
from geo.core.version import VERSION
from geo.network.display import NetworkHistory
from geo.network.model import Network
from geo.session.bookmarks import Bookmarks
from geo.session.history import History
from geo.session.project import (
    SUFFIX,
    Bookmark,
    ProjectError,
    autosave_path,
    project_of,
    read_project,
    vintage_differences,
    write_project,
)

AUTOSAVE_MS = 3 * 60 * 1000
MAX_RECENT = 8


class _DocumentHistory(History):
    """The session's undo history; "clean" also covers the bookmarks (not a session part)."""

    def __init__(self, session, controller):
        self.controller = controller
        super().__init__(session)

    def mark_clean(self) -> None:
        self.controller.bookmarks_dirty = False
        self.controller.network_history.mark_saved()
        super().mark_clean()


class ProjectController(QObject):
    #: the company network (geo.network.model.Network) was imported, undone, opened or reset
    networkChanged = Signal(object)

    def __init__(self, window, untitled_dir: Path):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.settings = window.settings
        self.untitled_dir = Path(untitled_dir)
        self.path: Path | None = None
        self.bookmark_list = Bookmarks()  # the bookmarks panel and presentation mode edit this
        self.bookmarks_dirty = False
        self.bookmark_list.changed.connect(self._bookmarks_edited)
        self.pins: list[tuple[str, str]] = []
        self.meta: dict[str, str] = {}
        self.network_history = NetworkHistory()  # the company network (issue 15), saved in the project
        self.history = _DocumentHistory(self.session, self)
        self.history.changed.connect(self._history_changed)
        self._pending_open: Path | None = None
        self.autosave_timer = QTimer(self, interval=AUTOSAVE_MS, timeout=self.autosave)
        self.autosave_timer.start()
        self._update_title()

    # --- menus ----------------------------------------------------------------------------
    def build_menus(self, file_menu, edit_menu) -> None:
        w = self.window
        first = file_menu.actions()[0] if file_menu.actions() else None

        def act(text, slot, shortcut=None):
            a = QAction(text, w)
            if shortcut is not None:
                a.setShortcut(shortcut)
            a.triggered.connect(slot)
            file_menu.insertAction(first, a)
            return a

        self.new_action = act(w.tr("&New Project"), self.new, QKeySequence.New)
        self.open_action = act(w.tr("&Open Project…"), lambda: self.open(), QKeySequence.Open)
        self.recent_menu = file_menu.addMenu(w.tr("Open &Recent"))
        file_menu.insertMenu(first, self.recent_menu)
        self.save_action = act(w.tr("&Save Project"), self.save, QKeySequence.Save)
        self.save_as_action = act(w.tr("Save Project &As…"), self.save_as, QKeySequence.SaveAs)
        file_menu.insertSeparator(first)
        self.undo_action = QAction(w.tr("&Undo"), w)
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.undo_action.triggered.connect(self.history.undo)
        self.redo_action = QAction(w.tr("&Redo"), w)
        self.redo_action.setShortcuts([QKeySequence(w.tr("Ctrl+Shift+Z")), QKeySequence.Redo])
        self.redo_action.triggered.connect(self.history.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.revert_network_action = QAction(w.tr("Revert Company &Network Import"), w)
        self.revert_network_action.triggered.connect(self.revert_network)
        self.revert_network_action.setEnabled(False)
        edit_menu.addAction(self.revert_network_action)
        self._fill_recent()
        self._history_changed()

    # --- state ------------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self.history.modified or self.bookmarks_dirty or self.network_history.modified

    # --- the company network (issue 15) ------------------------------------------------------
    @property
    def network(self) -> Network:
        return self.network_history.current

    def set_network(self, network: Network) -> None:
        """An import replaced the network: the project is modified, and the import can be undone."""
        self.network_history.replace(network)
        self._network_changed()

    def revert_network(self) -> None:
        """Edit → Revert Company Network Import: the network before the last import."""
        if self.network_history.can_undo:
            self.network_history.undo()
            self._network_changed()

    def _network_changed(self) -> None:
        if hasattr(self, "revert_network_action"):
            self.revert_network_action.setEnabled(self.network_history.can_undo)
        self._update_title()
        self.networkChanged.emit(self.network)

    def _reset_network(self, tables=None) -> None:
        self.network_history.reset(Network.from_tables(tables or {}))
        self._network_changed()

    @property
    def bookmarks(self) -> list[Bookmark]:
        return self.bookmark_list.items

    @bookmarks.setter
    def bookmarks(self, items: list[Bookmark]) -> None:  # a project opened or a new one started
        self.bookmark_list.reset(items)
        self.bookmarks_dirty = False

    def _bookmarks_edited(self) -> None:
        self.bookmarks_dirty = True
        self._update_title()

    def _history_changed(self) -> None:
        w = self.window
        if hasattr(self, "undo_action"):
            ul, rl = self.history.undo_label, self.history.redo_label
            self.undo_action.setEnabled(ul is not None)
            self.redo_action.setEnabled(rl is not None)
            self.undo_action.setText(w.tr("&Undo {what}").format(what=word(ul)) if ul else w.tr("&Undo"))
            self.redo_action.setText(w.tr("&Redo {what}").format(what=word(rl)) if rl else w.tr("&Redo"))
        self._update_title()

    def _update_title(self) -> None:
        w = self.window
        name = self.path.stem if self.path else w.tr("Untitled")
        w.setWindowTitle(w.tr("{name}[*] — Frontera Atlas").format(name=name))
        w.setWindowModified(self.modified)

    # --- prompts ----------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Before closing or replacing the project: True to go on (saved or discarded)."""
        if not self.modified:
            return True
        w = self.window
        box = QMessageBox(QMessageBox.Warning, w.tr("Unsaved changes"),
                          w.tr("Save the changes to {name}?").format(
                              name=self.path.name if self.path else w.tr("Untitled")),
                          QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, w)
        box.setDefaultButton(QMessageBox.Save)
        answer = self.ask(box)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def ask(self, box: QMessageBox) -> int:
        """Run a question (tests replace this)."""
        return box.exec()

    def ask_path(self, save: bool) -> str:
        """The file dialog (tests replace this)."""
        w = self.window
        start = str(self.path or Path(self.settings.value("project/dir", str(Path.home()))) / ("analysis" + SUFFIX))
        filt = w.tr("Frontera projects (*.frontera)")
        if save:
            return QFileDialog.getSaveFileName(w, w.tr("Save Project"), start, filt)[0]
        return QFileDialog.getOpenFileName(w, w.tr("Open Project"), str(Path(start).parent), filt)[0]

    # --- commands ---------------------------------------------------------------------------
    def new(self) -> None:
        if not self.maybe_save():
            return
        from geo.session.model import default_filter

        data = {"schema": self.session.to_dict()["schema"]}
        self.session.from_dict(data)
        if self.session.store is not None:
            self.session.set("filter", default_filter(self.session.store))
        self.path, self.bookmarks, self.pins, self.meta = None, [], [], {}
        self._reset_network()
        self.history.clear()
        self.window.canvas.zoom_home()

    def open(self, path: str | Path | None = None, ask_to_save: bool = True) -> bool:
        if ask_to_save and not self.maybe_save():
            return False
        if path is None:
            path = self.ask_path(save=False)
            if not path:
                return False
        path = Path(path)
        try:
            project = read_project(path)
        except ProjectError as exc:
            self._warn(self.window.tr("Project not opened"), word(exc.message))
            return False
        if self.session.store is None:  # the store is still opening: load when it is ready
            self._pending_open = path
            self.session.store_changed.connect(self._open_pending)
            return True
        self._load(path, project)
        return True

    def _open_pending(self, _store) -> None:
        self.session.store_changed.disconnect(self._open_pending)
        path, self._pending_open = self._pending_open, None
        if path is not None:
            self.open(path, ask_to_save=False)

    def _load(self, path: Path, project) -> None:
        self.session.from_dict(project.session)
        self.path = path
        self.bookmarks, self.pins, self.meta = project.bookmarks, project.pins, project.meta
        self._reset_network(project.tables)
        self.history.clear()
        self._remember(path)
        diffs = vintage_differences(project.vintage, self.session)
        if diffs:  # the analysis opens as saved; the box says what the store answers differently
            name, before, now = diffs[0]
            self._warn(self.window.tr("The data changed since this project was saved"),
                       word(msg("project.vintage_differs", figure=name, saved_usd=before, now_usd=now))
                       + "\n\n" + self.window.tr("Continue with today's figures, or press Show Details to see "
                                                  "every figure that changed."),
                       info=True,
                       details="\n".join(word(msg("project.vintage_differs", figure=n, saved_usd=b, now_usd=a))
                                         for n, b, a in diffs))

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        path = self.ask_path(save=True)
        if not path:
            return False
        path = Path(path)
        if path.suffix != SUFFIX:
            path = path.with_suffix(SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:

        try:
            write_project(path, project_of(self.session, self.bookmarks, self.pins, self.meta, self.network), VERSION)
        except ProjectError as exc:
            self._warn(self.window.tr("Project not saved"), word(exc.message))
            return False
        self.path = path
        self.history.mark_clean()
        self._remember(path)
        autosave_path(path, self.untitled_dir).unlink(missing_ok=True)
        self.window.statusBar().showMessage(self.window.tr("Saved {path}").format(path=path), 5000)
        return True

    # --- autosave and recovery ------------------------------------------------------------------
    def autosave(self) -> Path | None:
        if not self.modified or self.session.store is None:
            return None
        side = autosave_path(self.path, self.untitled_dir)
        try:
            side.parent.mkdir(parents=True, exist_ok=True)
            write_project(side, project_of(self.session, self.bookmarks, self.pins,
                                           dict(self.meta, original=str(self.path or "")), self.network))
        except (ProjectError, OSError):
            return None
        self.settings.setValue("project/autosave", str(side))
        return side

    def discard_autosave(self) -> None:
        side = self.settings.value("project/autosave")
        if side:
            Path(side).unlink(missing_ok=True)
            self.settings.remove("project/autosave")

    def offer_recovery(self) -> bool:
        """At start: an autosave left by a session that did not close cleanly is offered."""
        side = self.settings.value("project/autosave")
        if not side or not Path(side).is_file():
            return False
        w = self.window
        box = QMessageBox(QMessageBox.Question, w.tr("Recover unsaved work?"),
                          w.tr("Frontera did not close cleanly. Recover the analysis autosaved at {path}?")
                          .format(path=side), QMessageBox.Yes | QMessageBox.No, w)
        if self.ask(box) != QMessageBox.Yes:
            self.discard_autosave()
            return False
        try:
            project = read_project(side)
        except ProjectError as exc:
            self._warn(w.tr("Recovery failed"), word(exc.message))
            return False
        original = project.meta.get("original") or ""
        if self.session.store is None:
            self.session.store_changed.connect(lambda _s: self._recover(project, original))
        else:
            self._recover(project, original)
        return True

    def _recover(self, project, original: str) -> None:
        self.session.from_dict(project.session)
        self.path = Path(original) if original else None
        self.bookmarks, self.pins = project.bookmarks, project.pins
        self._reset_network(project.tables)
        self.history.clear()
        self.history.clean_index = -1  # recovered work is unsaved
        self._history_changed()

    # --- recent files ---------------------------------------------------------------------------
    def recent(self) -> list[str]:
        v = self.settings.value("project/recent") or []
        return [v] if isinstance(v, str) else list(v)

    def _remember(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent() if p != str(path)]
        self.settings.setValue("project/recent", items[:MAX_RECENT])
        self.settings.setValue("project/last", str(path))
        self.settings.setValue("project/dir", str(path.parent))
        self._fill_recent()
        self._update_title()

    def _fill_recent(self) -> None:
        if not hasattr(self, "recent_menu"):
            return
        self.recent_menu.clear()
        for p in self.recent():
            a = self.recent_menu.addAction(Path(p).name)
            a.setToolTip(p)
            a.triggered.connect(lambda _=False, p=p: self.open(p))
        self.recent_menu.setEnabled(bool(self.recent()))

    def reopen_last(self) -> bool:
        last = self.settings.value("project/last")
        if last and self.settings.value("project/reopen_last", True) in (True, "true") and Path(last).is_file():
            return self.open(last, ask_to_save=False)
        return False

    def _warn(self, title: str, text: str, info: bool = False, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Information if info else QMessageBox.Warning, title, text,
                          QMessageBox.Ok, self.window)
        if details:
            box.setDetailedText(details)
            box.button(QMessageBox.Ok).setText(self.window.tr("Continue"))
        box.setModal(False)
        box.show()
        self.last_message = box
