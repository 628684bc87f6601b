"""The notes strip folds to one line and opens on a click."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_notes_fold_to_one_line_and_open_on_click(qtbot):
    from desktop.widgets.notes_bar import NotesBar

    bar = NotesBar()
    qtbot.addWidget(bar)
    bar.resize(900, 40)
    bar.set_notes(["First: imports have no Mexican state of origin.", "Second note.", "Third note."])
    bar.show()
    folded_h = bar.sizeHint().height()
    assert "3 notes" in bar.text() and "First" in bar.text() and "Second" not in bar.text()
    assert folded_h <= 2 * bar.fontMetrics().height() + 10  # one line
    qtbot.mouseClick(bar, Qt.LeftButton)
    assert bar.expanded and "Second note." in bar.text() and "Third note." in bar.text()
    assert bar.sizeHint().height() > folded_h
    qtbot.mouseClick(bar, Qt.LeftButton)
    assert not bar.expanded and "Second" not in bar.text()
    bar.set_notes([])
    assert bar.isHidden()
