"""The window opens its store in a worker after the first frame. A store that cannot open is
said in a box that does not block the event loop; a window that closes while its store is
still opening never hears of it again: the store is closed when it arrives, a failure is
dropped, no box appears over a window that is gone. (A window deleted meanwhile is the same:
every test's teardown deletes its windows before their stores arrive.)"""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

import geo.store
from geo.store import StoreError


def _boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_store_that_cannot_open_is_said_in_a_box_that_does_not_block(make_window, qtbot, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    win = make_window(store_path=blocker / "store.duckdb", show=True)
    # (with a blocking exec() the box would run its own event loop and this wait never return)
    qtbot.waitUntil(lambda: getattr(win.trade, "store_error_box", None) is not None, timeout=30000)
    box = win.trade.store_error_box
    assert box.isVisible() and box.parent() is win and box.windowModality() == Qt.WindowModal
    assert box.text().startswith("The trade store could not be opened:\nCannot create the folder")
    assert str(blocker) in box.text() and box.text().endswith("trade filters are disabled.")


class FakeStore:
    location = "fake"

    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True


@pytest.mark.parametrize("outcome", ["opens", "fails"])
def test_a_window_closed_before_its_store_arrives_never_hears_of_it(make_window, qtbot, monkeypatch,
                                                                    shared_store_path, outcome):
    started, release, stores = threading.Event(), threading.Event(), []

    def slow_open(path=None, **kw):
        started.set()
        release.wait(30)
        if outcome == "fails":
            raise StoreError(f"Cannot open the store {path}: it is broken.")
        stores.append(FakeStore())
        return stores[-1]

    monkeypatch.setattr(geo.store, "open_store", slow_open)  # (the shared store is built already)
    win = make_window(show=True)
    ready = []
    win.trade.storeReady.connect(ready.append)
    qtbot.waitUntil(started.is_set, timeout=10000)  # the worker is opening the store
    win.close()
    release.set()
    assert QThreadPool.globalInstance().waitForDone(30000)
    qtbot.wait(100)  # the worker's result is delivered on the GUI thread
    assert ready == [] and _boxes() == []
    assert [s.closed for s in stores] == ([True] if outcome == "opens" else [])


def test_a_window_closed_before_its_first_frame_opens_no_store(make_window, qtbot, monkeypatch,
                                                              shared_store_path):
    calls = []
    monkeypatch.setattr(geo.store, "open_store", lambda *a, **k: calls.append(a))
    win = make_window()
    win.close()
    win.show()  # shown again: the first frame comes, but the window has been closed
    qtbot.waitExposed(win)
    win.canvas.repaint()
    qtbot.wait(200)
    assert QThreadPool.globalInstance().waitForDone(30000)
    assert calls == []
