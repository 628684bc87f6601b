"""Long work off the GUI thread: a function runs in the thread pool and reports back
through Qt signals (progress, finished, failed), which arrive on the GUI thread."""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)  # the exception


class Task(QRunnable):
    """Runs fn(progress) in a worker thread; `progress(done, total)` may be called from fn."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self.setAutoDelete(False)  # we keep a reference until finished

    def run(self):
        try:
            result = self.fn(lambda done, total: self.signals.progress.emit(int(done), int(total)) or True)
        except BaseException as exc:  # reported to the GUI, never lost in the thread
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[Task] = set()


def start(fn, on_finished=None, on_failed=None, on_progress=None) -> Task:
    task = Task(fn)
    _running.add(task)
    if on_progress:
        task.signals.progress.connect(on_progress)
    if on_finished:
        task.signals.finished.connect(on_finished)
    if on_failed:
        task.signals.failed.connect(on_failed)
    task.signals.finished.connect(lambda _r: _running.discard(task))
    task.signals.failed.connect(lambda _e: _running.discard(task))
    QThreadPool.globalInstance().start(task)
    return task
