"""Shared test set-up: headless Qt, isolated settings, the bundled atlas loaded once."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
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
    QCoreApplication.setApplicationName("Frontera Atlas Tests")


@pytest.fixture
def atlas():
    """A fresh atlas per test (layer state is mutable); the files are small and cached by the OS."""
    from geo.atlas import load_atlas

    return load_atlas()


@pytest.fixture
def renderer(qapp, atlas):
    from desktop.map_renderer import MapRenderer

    return MapRenderer(atlas)
