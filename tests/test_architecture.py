"""The model never imports Qt; the app makes no network connection."""
from __future__ import annotations

import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "qtpy", "shiboken6")


def test_no_qt_import_under_geo_source():
    offenders = []
    for path in (REPO / "geo").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno} imports {name}")
    assert not offenders, "geo/ must not import Qt:\n" + "\n".join(offenders)


def test_importing_the_whole_model_loads_no_qt():
    code = (
        "import pkgutil, importlib, sys, geo\n"
        "for m in pkgutil.walk_packages(geo.__path__, 'geo.'):\n"
        "    importlib.import_module(m.name)\n"
        "from geo.layers.content import load_map_content; load_map_content()\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stdout + r.stderr


def test_import_linter_contract_holds():
    lint = pytest.importorskip("importlinter")
    del lint
    exe = Path(sys.executable).parent / "lint-imports"  # the command installed beside this interpreter
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c",
                                           "import sys; from importlinter.cli import lint_imports_command; "
                                           "sys.exit(lint_imports_command())"]
    r = subprocess.run(cmd + ["--no-cache"], capture_output=True, text=True, cwd=REPO)
    if "No module named" in r.stderr:
        pytest.skip("import-linter command not available")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "KEPT" in r.stdout


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(self, address, *a, **k):
        attempts.append(address)
        raise OSError(f"network connection attempted to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts


def test_app_makes_no_network_connection(no_network, qtbot, make_window, tmp_path):
    from PySide6.QtCore import QPoint, Qt

    from desktop.export.image import compose_map_image, save_image
    from geo.layers.content import load_map_content

    win = make_window(load_map_content(), show=True)
    c = win.canvas
    c.repaint()
    qtbot.mouseMove(c, QPoint(c.width() // 2, c.height() // 2))
    qtbot.mouseClick(c, Qt.LeftButton, pos=QPoint(c.width() // 2, c.height() // 2))
    qtbot.keyClick(c, Qt.Key_Plus)
    qtbot.keyClick(c, Qt.Key_Left)
    qtbot.keyClick(c, Qt.Key_Home)
    c.repaint()
    save_image(compose_map_image(win.content, c.view), tmp_path / "x.png")
    win.close()
    assert no_network == []


def test_the_window_module_loads_no_chart_library_at_start():
    """matplotlib (0.7 s of imports) loads with the first chart, not before the first map."""
    import os
    import subprocess
    import sys

    code = "import sys, desktop.app.main_window; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"
