"""One home for where things live: the bundled data folder, the user's data and cache
folders, and the application's folder name.

Environment overrides (tests and packagers use them): ``FRONTERA_DATA_DIR`` (bundled data),
``FRONTERA_CACHE_DIR`` (unpacked basemap), ``FRONTERA_ATLAS_STORE`` (the trade store file).
"""
from __future__ import annotations

import os
from pathlib import Path

#: the folder name under the user's data, config and cache folders
APP_DIR_NAME = "frontera-atlas"
#: the repository's own data folder (next to the ``geo`` package)
REPO_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """The bundled data folder; ``FRONTERA_DATA_DIR`` overrides it."""
    env = os.environ.get("FRONTERA_DATA_DIR")
    return Path(env) if env else REPO_DATA_DIR


def cache_dir() -> Path:
    """Where unpacked bundled files live; ``FRONTERA_CACHE_DIR`` overrides it."""
    env = os.environ.get("FRONTERA_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def user_data_dir() -> Path:
    """The user's data folder for Frontera (the default store lives here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
