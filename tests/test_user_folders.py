"""No test reads or writes the user's folders: a test run started with HOME and the XDG data,
config and cache folders pointing at fresh empty folders (and the user's own Frontera
overrides set) leaves them empty. Windows, stores, settings and the unpacked basemap go to
pytest's tmp (see tests/conftest.py, which also checks its own stand-in folders at the end
of every session)."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

#: windows with their settings, opening their store; the store's default path and a new store
TESTS = [
    "tests/test_main_window.py::test_window_geometry_is_remembered",
    "tests/test_store_atomic.py::test_open_store_creates_from_bundle_and_default_path",
]


def test_a_test_run_leaves_the_users_folders_empty(tmp_path):
    user = {var: tmp_path / "user" / name for var, name in
            (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
             ("XDG_CACHE_HOME", "cache"))}
    for folder in user.values():
        folder.mkdir(parents=True)
    env = dict(os.environ, **{var: str(folder) for var, folder in user.items()},
               # the user's own overrides, pointing at their real store and cache
               FRONTERA_ATLAS_STORE=str(user["XDG_DATA_HOME"] / "frontera-atlas" / "store.duckdb"),
               FRONTERA_CACHE_DIR=str(user["XDG_CACHE_HOME"] / "frontera-atlas"))
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "--basetemp", str(tmp_path / "pytest"), *TESTS],
                       cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
    assert f"{len(TESTS)} passed" in r.stdout, r.stdout[-4000:]
    assert sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "user").rglob("*")) == sorted(
        str(f.relative_to(tmp_path)) for f in user.values())  # the four folders, empty
