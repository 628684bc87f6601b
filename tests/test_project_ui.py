"""Projects in the window: save, reopen, title and modified mark, undo/redo named in the
menu, the unsaved-changes question, autosave and recovery."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from geo.session.project import read_project


def test_save_reopen_title_and_undo_in_the_window(make_window, tmp_path):
    win = make_window(wait_store=True)
    pc = win.project
    assert win.windowTitle().startswith("Untitled") and not win.isWindowModified()
    win.session.update("filter", modes=("rail",))
    assert win.isWindowModified()
    assert pc.undo_action.isEnabled() and pc.undo_action.text() == "&Undo filter: modes = 6"
    path = tmp_path / "rail.frontera"
    pc.ask_path = lambda save: str(path)
    assert pc.save_as()
    assert path.is_file() and not win.isWindowModified() and win.windowTitle().startswith("rail")
    assert read_project(path).session["filter"]["modes"] == ["6"]
    pc.undo_action.trigger()
    assert win.session.filter.modes == () and win.isWindowModified()
    assert pc.redo_action.text() == "&Redo filter: modes = 6"
    pc.redo_action.trigger()
    assert win.session.filter.modes == ("6",) and not win.isWindowModified()
    # a second window opens the project with every setting back
    other = make_window(wait_store=True, project_path=path)
    mine, theirs = win.session.to_dict(), other.session.to_dict()
    view_a, view_b = mine.pop("view")["extent"], theirs.pop("view")["extent"]
    assert theirs == mine
    # the same place, fitted to this window's shape: centres agree within 1% of the width shown
    tol = 0.01 * (view_a[2] - view_a[0])
    assert abs((view_a[0] + view_a[2]) - (view_b[0] + view_b[2])) / 2 < tol
    assert abs((view_a[1] + view_a[3]) - (view_b[1] + view_b[3])) / 2 < tol
    assert other.windowTitle().startswith("rail") and str(path) in other.project.recent()


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(make_window, tmp_path):
    win = make_window(wait_store=True)
    win.session.update("style", classes=4)
    asked = []
    win.project.ask = lambda box: asked.append(box.text()) or QMessageBox.Cancel
    win.close()
    assert asked and "Save the changes to Untitled?" in asked[0]
    assert win.isVisible()
    win.project.ask = lambda box: QMessageBox.Discard
    win.close()
    assert not win.isVisible()


def test_autosave_is_offered_back_after_a_crash(make_window, tmp_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    win = make_window(settings=settings, wait_store=True)
    win.session.update("filter", country="CA")
    side = win.project.autosave()
    assert side is not None and side.is_file()
    settings.sync()
    # the app "crashed": the autosave is still recorded. A new window offers it back.
    settings2 = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    again = make_window(settings=settings2, show=True)  # the store opens after the first frame
    again.project.ask = lambda box: QMessageBox.Yes
    assert again.project.offer_recovery()
    with_store = again.session.store is not None or again.trade.storeReady
    assert with_store
    from pytestqt.qtbot import QtBot  # noqa: F401

    def recovered():
        return again.session.store is not None and again.session.filter.country == "CA"

    import time

    from PySide6.QtWidgets import QApplication

    t0 = time.time()
    while not recovered() and time.time() - t0 < 30:
        QApplication.processEvents()
        time.sleep(0.02)
    assert recovered() and again.isWindowModified()


def test_opening_a_project_saved_with_other_figures_says_what_changed(make_window, tmp_path):
    from geo.session.project import project_of, write_project

    win = make_window(wait_store=True)
    project = project_of(win.session)
    project.vintage["figures"]["value"] += 2_000_000  # saved when the store answered $2M more
    path = tmp_path / "older.frontera"
    write_project(path, project)
    other = make_window(wait_store=True, project_path=path)
    box = other.project.last_message
    assert box.isVisible() and "changed since this project was saved" in box.windowTitle()
    assert "value" in box.detailedText() and box.button(QMessageBox.Ok).text() == "Continue"
    assert other.session.to_dict()["filter"] == win.session.to_dict()["filter"]  # the analysis opened as saved
