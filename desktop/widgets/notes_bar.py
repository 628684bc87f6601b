"""A notes strip above the map that folds to one line: the first note and a count, opened
and closed by a click (or Enter/Space when focused), so caveats are always visible but never
take the map's room."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy


class NotesBar(QLabel):
    toggled = Signal(bool)  # expanded

    STYLE = ("QLabel#data_notes { background: #fff6d8; border-bottom: 1px solid #e2cf8f;"
             " padding: 3px 8px; color: #4a3b00; }")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("data_notes")
        self.setStyleSheet(self.STYLE)
        self.setTextFormat(Qt.RichText)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.TabFocus)
        self.notes: list[str] = []
        self.expanded = False
        self.hide()

    def set_notes(self, notes: list[str]) -> None:
        self.notes = [n for n in notes if n]
        self._show()

    def set_expanded(self, on: bool) -> None:
        if on != self.expanded:
            self.expanded = on
            self._show()
            self.toggled.emit(on)

    def _show(self) -> None:
        if not self.notes:
            self.hide()
            return
        n = len(self.notes)
        if self.expanded:
            self.setWordWrap(True)
            items = "".join(f"<li>{escape(t)}</li>" for t in self.notes)
            head = self.tr("Notes on these figures ({n}) — click to fold").format(n=n)
            self.setText(f"<b>▾ {escape(head)}</b><ul style='margin:2px 0 0 -20px'>{items}</ul>")
            self.setToolTip("")
        else:
            self.setWordWrap(False)
            first = self.notes[0]
            more = self.tr("{n} notes").format(n=n) if n > 1 else self.tr("1 note")
            # one line: the first note, elided by the label's width
            metrics = self.fontMetrics()
            room = max(120, self.width() - metrics.horizontalAdvance(more) - 60)
            text = metrics.elidedText(first, Qt.ElideRight, room)
            self.setText(f"<b>▸ {escape(more)}:</b> {escape(text)}")
            self.setToolTip(self.tr("Click to read every note"))
        self.show()

    def resizeEvent(self, e):
        super().resizeEvent(e)
        if not self.expanded and self.notes:
            self._show()

    def mousePressEvent(self, e):
        if e.button() == Qt.LeftButton:
            self.set_expanded(not self.expanded)
        super().mousePressEvent(e)

    def keyPressEvent(self, e):
        if e.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.set_expanded(not self.expanded)
        else:
            super().keyPressEvent(e)
