"""Shared test set-up: headless Qt, isolated settings, the bundled content loaded once."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Headless, on a 1920×1200 virtual screen (the offscreen default, 800×800, clamps windows).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={REPO / 'tests' / 'offscreen_screen.json'}"


def _purge_killed_sessions() -> None:
    """Remove the stand-in folders of earlier sessions that were killed before cleaning up."""
    if os.name != "posix":
        return
    for folder in Path(tempfile.gettempdir()).glob("frontera-tests-*-*"):
        try:
            os.kill(int(folder.name.split("-")[2]), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, OSError):
            pass


# Never the user's folders. For the whole session HOME and the XDG data, config and cache
# folders are empty temporary folders (set here, before anything imports platformdirs or Qt,
# and inherited by every subprocess a test starts); the basemap unpacks to a temporary cache;
# a FRONTERA_ATLAS_STORE from the user's shell is ignored. Windows and stores made by the
# fixtures below live under pytest's tmp; `_user_folders_stay_empty` checks at the end that
# nothing at all was written to the stand-in user folders.
_purge_killed_sessions()
SESSION_TMP = Path(tempfile.mkdtemp(prefix=f"frontera-tests-{os.getpid()}-"))
USER_DIRS = {"HOME": SESSION_TMP / "home", "XDG_DATA_HOME": SESSION_TMP / "data",
             "XDG_CONFIG_HOME": SESSION_TMP / "config", "XDG_CACHE_HOME": SESSION_TMP / "cache"}
for _var, _folder in USER_DIRS.items():
    _folder.mkdir()
    os.environ[_var] = str(_folder)
os.environ["FRONTERA_CACHE_DIR"] = str(SESSION_TMP / "basemap-cache")
os.environ["MPLCONFIGDIR"] = str(SESSION_TMP / "matplotlib")  # a third-party cache, not ours
# charts draw inline in tests: the app's one chart renderer may be made by a profile panel's
# warm-up job that runs between two tests, when PYTEST_CURRENT_TEST (which the renderer reads
# to choose) is unset, and drawing processes would then serve every later test
os.environ["FRONTERA_CHART_PROCESSES"] = "0"
os.environ.pop("FRONTERA_ATLAS_STORE", None)

import pytest  # noqa: E402

SHARED_DATA = REPO.parent / "shared" / "data"


def shared_data_or_skip(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test saying it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (the real public data lives in ../shared/data)")
    return path


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "store_writes: the test writes to the trade store (imports): `trade_window` "
                   "gives it a private copy instead of the session's shared read-only store")


@pytest.fixture(autouse=True, scope="session")
def _user_folders_stay_empty():
    """At the end of the session the stand-in user folders (HOME, XDG data/config/cache) are
    still empty: no test, window, store, settings file or cache wrote there."""
    yield
    written = sorted(str(p.relative_to(SESSION_TMP)) for folder in USER_DIRS.values()
                     for p in folder.rglob("*"))
    shutil.rmtree(SESSION_TMP, ignore_errors=True)
    assert not written, f"tests wrote to the user's folders: {written}"


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory):
    """QSettings go to a temp dir, never to the user's configuration."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path_factory.mktemp("settings")))
    QCoreApplication.setOrganizationName("FronteraTest")
    QCoreApplication.setApplicationName("Frontera Atlas Tests")


@pytest.fixture(autouse=True)
def _close_stray_windows(request):
    """After each Qt test: close popups (an open completer grabs every mouse event in the
    app) and any dialog a test left open, so tests cannot steer each other."""
    yield
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()
    app.processEvents()


@pytest.fixture
def content():
    """A fresh content per test (layer state is mutable); the files are small and cached by the OS."""
    from geo.layers.content import load_map_content

    return load_map_content()


def _store_fingerprint(store) -> dict:
    from geo.query import TradeFilter

    stats = {k: v for k, v in store.stats().items() if k not in ("path", "bytes")}
    return {**stats, "value": store.totals(TradeFilter()).value}


@pytest.fixture(scope="session")
def shared_store_path(tmp_path_factory):
    """One store built from the bundle (as on first launch) for the whole session, for the
    tests that only read it: built once (~1 s) instead of once per test. A test that writes
    takes `writable_store_path` (or `make_window(writable_store=True)`, or the `store_writes`
    marker with `trade_window`); the fingerprint check at the end catches one that did not."""
    from geo.store import open_store

    path = tmp_path_factory.mktemp("shared-store") / "store.duckdb"
    store = open_store(path)
    before = _store_fingerprint(store)
    store.close()
    yield path
    store = open_store(path)
    try:
        after = _store_fingerprint(store)
    finally:
        store.close()
    assert after == before, "a test wrote to the shared read-only store; give it writable_store_path"


@pytest.fixture(scope="session")
def shared_store(shared_store_path):
    """The shared store, open for the session (read it only)."""
    from geo.store import open_store

    store = open_store(shared_store_path)
    yield store
    store.close()


@pytest.fixture
def writable_store_path(shared_store_path, tmp_path):
    """A private copy of the shared store in tmp_path (a file copy, not a rebuild)."""
    dst = tmp_path / "writable-store.duckdb"
    shutil.copyfile(shared_store_path, dst)
    wal = Path(str(shared_store_path) + ".wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(dst) + ".wal"))
    return dst


@pytest.fixture
def make_window(qtbot, tmp_path, request):
    """A factory of main windows, in the spirit of napari's `make_napari_viewer`:
    `make_window(content=None, *, settings=None, store_path=None, writable_store=False,
    show=False, wait_store=False, **kw)` builds a `desktop.app.main_window.MainWindow` whose
    settings (a fresh ini file) and trade store (the session's shared read-only store, or a
    private copy with `writable_store=True`) live under tmp, never the user's; registers it
    with qtbot; `show` shows it and waits until exposed, `wait_store` also waits until its
    store is open; other keywords go to MainWindow. At teardown every window it made is
    closed (qtbot closes and deletes them) and any store still opening in a worker thread
    finishes there and is dropped before the next test starts."""
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    from desktop.app.main_window import MainWindow

    made = []

    def discard_changes(win):  # qtbot closes without the "unsaved changes" question: tests that want it ask
        if hasattr(win, "project"):
            win.project.history.mark_clean()

    def unexpected_question(box):
        raise AssertionError(f"the window asked a question the test did not expect: {box.text()!r}")

    def make(content=None, *, settings=None, store_path=None, writable_store=False, show=False,
             wait_store=False, **kw):
        if content is None:
            content = request.getfixturevalue("content")
        if settings is None:
            settings = QSettings(str(tmp_path / f"window-{len(made)}.ini"), QSettings.IniFormat)
        if store_path is None:
            store_path = request.getfixturevalue("writable_store_path" if writable_store
                                                 else "shared_store_path")
        kw.setdefault("autosave_dir", tmp_path / f"autosave-{len(made)}")
        win = MainWindow(content, settings, store_path=store_path, **kw)
        if hasattr(win, "project"):
            win.project.ask = unexpected_question  # a modal question would hang the run: fail instead
        qtbot.addWidget(win, before_close_func=discard_changes)
        made.append(win)
        if wait_store:
            with qtbot.waitSignal(win.trade.storeReady, timeout=30000):
                win.show()
                qtbot.waitExposed(win)
        elif show:
            win.show()
            qtbot.waitExposed(win)
        return win

    yield make
    for win in made:  # qtbot has normally closed and deleted them already
        if isValid(win):
            discard_changes(win)
            win.close()
    QThreadPool.globalInstance().waitForDone(60000)  # a store still opening finishes here,
    QApplication.processEvents()  # and its result reaches the closed window, which drops it


@pytest.fixture
def trade_window(make_window, request):
    """The main window, shown, once its store is open: the shared read-only store, or a
    private copy for a test marked `store_writes`."""
    return make_window(writable_store=request.node.get_closest_marker("store_writes") is not None,
                       wait_store=True)


@pytest.fixture
def renderer(qapp, content):
    from desktop.canvas.map_renderer import MapRenderer

    return MapRenderer(content)


def pytest_sessionfinish(session, exitstatus):
    """Close every trade store a test left open: DuckDB's bindings otherwise report the
    open connections as leaks at interpreter exit, after pytest's summary line."""
    import gc

    try:
        from geo.store.duckdb_store import DuckDBStore
    except ImportError:
        return
    gc.collect()
    for obj in gc.get_objects():
        if isinstance(obj, DuckDBStore):
            try:
                obj.close()
            except Exception:  # closing twice, or a store broken on purpose by a test
                pass
    gc.collect()
    session.config._frontera_exitstatus = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process once pytest has reported: cursors that Qt's worker threads keep in
    thread-local storage would otherwise be listed by nanobind as leaks after the summary,
    and CI reads pytest's summary as the closing line."""
    shutil.rmtree(SESSION_TMP, ignore_errors=True)  # also when no test ran (--collect-only)
    status = getattr(config, "_frontera_exitstatus", None)
    if status is None or os.environ.get("FRONTERA_TEST_NO_HARD_EXIT"):
        return
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
