"""The bookmarks panel: named views of the analysis, in the order a presentation steps through
them. Add bookmarks the current view; a click shows a bookmark; double-click or Rename edits
its name; drag or Up/Down reorders; Update replaces its view with the current one; the notes
field is the bookmark's (speaker) notes. The list is ``geo.session.bookmarks.Bookmarks``."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from geo.session.bookmarks import Bookmarks

NOTES_SAVE_MS = 400


class BookmarksPanel(QWidget):
    #: a bookmark was shown (its index)
    applied = Signal(int)
    #: the user asks to present (from the current bookmark)
    presentRequested = Signal(int)

    def __init__(self, bookmarks: Bookmarks, session, parent=None):
        super().__init__(parent)
        self.bookmarks = bookmarks
        self.session = session
        self._filling = False
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setDefaultDropAction(Qt.MoveAction)
        self.list.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.list.setAccessibleName(self.tr("Bookmarks"))
        self.list.itemClicked.connect(lambda item: self.apply(self.list.row(item)))
        self.list.itemChanged.connect(self._item_renamed)
        self.list.currentRowChanged.connect(self._current_changed)
        self.list.model().rowsMoved.connect(self._rows_moved)
        col.addWidget(self.list, 1)

        row = QHBoxLayout()
        self.add_button = self._button(row, self.tr("Add"), self.tr("Bookmark the current view"), self.add)
        self.update_button = self._button(row, self.tr("Update"),
                                          self.tr("Replace the selected bookmark's view with the current one"),
                                          self.update_current)
        self.rename_button = self._button(row, self.tr("Rename"), self.tr("Rename the selected bookmark"),
                                          self.rename_current)
        self.delete_button = self._button(row, self.tr("Delete"), self.tr("Delete the selected bookmark"),
                                          self.delete_current)
        col.addLayout(row)
        row2 = QHBoxLayout()
        self.up_button = self._button(row2, self.tr("Up"), self.tr("Move the selected bookmark up"),
                                      lambda: self.move_current(-1))
        self.down_button = self._button(row2, self.tr("Down"), self.tr("Move the selected bookmark down"),
                                        lambda: self.move_current(1))
        self.present_button = self._button(row2, self.tr("Present"), self.tr("Present the bookmarks full screen (F5)"),
                                           lambda: self.presentRequested.emit(max(0, self.list.currentRow())))
        col.addLayout(row2)
        col.addWidget(QLabel(self.tr("Notes (speaker notes on the slide):"), self))
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("What to say about this view"))
        self.notes.setMaximumHeight(140)
        self.notes.textChanged.connect(self._notes_typed)
        col.addWidget(self.notes)
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_SAVE_MS, timeout=self.commit_notes)
        self._notes_row = -1
        bookmarks.changed.connect(self.refresh)
        self.refresh()

    def _button(self, row, text, tip, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        row.addWidget(b)
        return b

    # --- the list -----------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.list.currentRow()
        self._notes_row = -1  # pending notes were committed by the command that changed the list
        self._filling = True
        try:
            self.list.clear()
            for b in self.bookmarks:
                item = QListWidgetItem(b.name)
                item.setFlags(item.flags() | Qt.ItemIsEditable | Qt.ItemIsDragEnabled)
                item.setToolTip(b.notes)
                self.list.addItem(item)
            if self.list.count():
                self.list.setCurrentRow(min(max(current, 0), self.list.count() - 1))
        finally:
            self._filling = False
        self._current_changed(self.list.currentRow())

    def _current_changed(self, row: int) -> None:
        if self._filling:
            return
        self.commit_notes()
        has = 0 <= row < len(self.bookmarks)
        for b in (self.update_button, self.rename_button, self.delete_button, self.notes):
            b.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.bookmarks) - 1)
        self.present_button.setEnabled(len(self.bookmarks) > 0)
        self._notes_row = row if has else -1
        text = self.bookmarks[row].notes if has else ""
        if self.notes.toPlainText() != text:
            self.notes.blockSignals(True)
            self.notes.setPlainText(text)
            self.notes.blockSignals(False)

    def _item_renamed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        row = self.list.row(item)
        if 0 <= row < len(self.bookmarks):
            if item.text().strip():
                self.bookmarks.rename(row, item.text())
            else:
                self.refresh()  # an empty name is not a name: put the old one back

    def _rows_moved(self, _parent, start, _end, _dest, dest_row) -> None:
        if self._filling:
            return
        target = dest_row - 1 if dest_row > start else dest_row
        self.commit_notes()
        QTimer.singleShot(0, lambda: (self.bookmarks.move(start, target), self.list.setCurrentRow(target)))

    # --- commands -------------------------------------------------------------------------------
    def add(self) -> int:
        name = self.bookmarks.unique_name(self.tr("View {n}").format(n=len(self.bookmarks) + 1))
        self.bookmarks.add(name, self.session)
        row = len(self.bookmarks) - 1
        self.list.setCurrentRow(row)
        return row

    def apply(self, row: int) -> None:
        if 0 <= row < len(self.bookmarks):
            self.commit_notes()
            self.bookmarks.apply(row, self.session)
            self.applied.emit(row)

    def update_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.bookmarks):
            self.bookmarks.update(row, self.session)

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def delete_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.bookmarks):
            self._notes_timer.stop()
            self._notes_row = -1
            self.bookmarks.remove(row)

    def move_current(self, by: int) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.bookmarks) and 0 <= row + by < len(self.bookmarks):
            self.commit_notes()
            self.bookmarks.move(row, row + by)
            self.list.setCurrentRow(row + by)

    # --- notes ----------------------------------------------------------------------------------
    def _notes_typed(self) -> None:
        self._notes_timer.start()

    def commit_notes(self) -> None:
        self._notes_timer.stop()
        row = self._notes_row
        if 0 <= row < len(self.bookmarks):
            text = self.notes.toPlainText()
            if text != self.bookmarks[row].notes:
                self.bookmarks.set_notes(row, text)
