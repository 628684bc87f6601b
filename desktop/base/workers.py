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
        finally:
            _keep_proj_context()


#: pool thread (native id) -> pyproj's context manager of that thread, kept alive: pyproj 3.7
#: keeps a thread's PROJ context in a C thread key but frees it with the Python thread state,
#: which Qt drops after each run, so the thread's next run would use a freed context (a crash
#: on the second import that transforms coordinates)
_PROJ_CONTEXTS: dict[int, object] = {}


def _keep_proj_context() -> None:
    import sys
    import threading

    ctx = sys.modules.get("pyproj._context")
    manager = getattr(getattr(ctx, "_CONTEXT_MANAGER_LOCAL", None), "context_manager", None)
    if manager is not None:
        _PROJ_CONTEXTS[threading.get_native_id()] = manager


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


def background_priority(steps: int = 8, whole_process: bool = False) -> None:
    """Let the GUI thread win the cores over this work: lower the CPU priority of the calling
    thread (Linux schedules threads one by one) or, with ``whole_process``, of this process
    (a drawing process). On a two-core laptop, charts drawn at normal priority took the CPU
    the map's frames needed. Where the system cannot, nothing changes."""
    import os
    import sys
    import threading

    try:
        if whole_process and hasattr(os, "nice"):
            os.nice(steps)
        elif sys.platform.startswith("linux"):
            # ``steps`` below the window's thread (the main thread: its id is the process id), set
            # once: a pool thread runs many jobs and must not sink further with each
            target = min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + steps)
            tid = threading.get_native_id()
            if os.getpriority(os.PRIO_PROCESS, tid) < target:
                os.setpriority(os.PRIO_PROCESS, tid, target)
    except OSError:
        pass


def settle_heap() -> None:
    """Once the app has started (map, store and first figures loaded): its objects move out of
    the cyclic garbage collector's reach (``gc.freeze``), so a full collection, which runs on
    whichever thread allocates and stops the GUI thread, looks at what was made since (about
    30 ms less for each, measured as a pause in the map's frames)."""
    import gc

    global _HEAP_SETTLED
    if not _HEAP_SETTLED:   # once a process: later windows' objects are the session's, not start-up's
        _HEAP_SETTLED = True
        gc.freeze()


_HEAP_SETTLED = False

