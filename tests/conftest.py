"""Shared test set-up: headless Qt, isolated settings, the bundled content loaded once."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Headless, on a 1920×1200 virtual screen (the offscreen default, 800×800, clamps windows).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={REPO / 'tests' / 'offscreen_screen.json'}"

# Unpacked bundled files go to a per-run cache, never the user's.
os.environ.setdefault("FRONTERA_CACHE_DIR", os.path.join(
    os.environ.get("TMPDIR", "/tmp"), "frontera-test-cache"))

import pytest  # noqa: E402

SHARED_DATA = REPO.parent / "shared" / "data"


def shared_data_or_skip(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test saying it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (the real public data lives in ../shared/data)")
    return path


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory):
    """QSettings go to a temp dir, never to the user's configuration."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path_factory.mktemp("settings")))
    QCoreApplication.setOrganizationName("FronteraTest")
    QCoreApplication.setApplicationName("Frontera MapContent Tests")


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


@pytest.fixture
def trade_window(qtbot, content, tmp_path):
    """The main window with its own temp store, shown, once the store is open."""
    from PySide6.QtCore import QSettings

    from desktop.app.main_window import MainWindow

    win = MainWindow(content, QSettings(str(tmp_path / "w.ini"), QSettings.IniFormat),
                     store_path=tmp_path / "store.duckdb")
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.trade.storeReady, timeout=30000):
        win.show()
        qtbot.waitExposed(win)
    return win


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
    status = getattr(config, "_frontera_exitstatus", None)
    if status is None or os.environ.get("FRONTERA_TEST_NO_HARD_EXIT"):
        return
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
