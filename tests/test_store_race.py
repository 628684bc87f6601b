"""Two threads or two processes creating the same new store at once: one store is built and
published, both open it, the bundled data is in it exactly once, and no raw DuckDB exception
escapes (a loser that finds the winner still holding the store gets the store's own
StoreLockedError, a clear sentence)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest

from geo.query import TradeFilter
from geo.store import StoreError, StoreLockedError, open_store
from tests.conftest_store import REPO


def _figures(store) -> dict:
    st = store.stats()
    return {"freight_rows": st["freight_rows"], "crossing_rows": st["crossing_rows"],
            "imports": st["imports"], "value": int(store.totals(TradeFilter()).value)}


def _one_store(path, inodes) -> None:
    """Both opened the one published file: a late builder never replaced it under the other."""
    assert inodes == [path.stat().st_ino] * 2
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no build left over


@pytest.fixture(scope="module")
def bundled_figures(shared_store):
    """What one store built from the bundle holds (built once for the session)."""
    return _figures(shared_store)


def test_two_threads_creating_one_new_store_both_open_it(tmp_path, bundled_figures):
    path = tmp_path / "new" / "store.duckdb"
    start = threading.Barrier(2)
    results: list = [None, None]
    inodes = [None, None]

    def create(i):
        start.wait()
        try:
            s = open_store(path)
        except BaseException as exc:  # noqa: BLE001 - reported below, whatever it is
            results[i] = exc
            return
        try:
            inodes[i] = path.stat().st_ino
            results[i] = _figures(s)
        finally:
            s.close()

    threads = [threading.Thread(target=create, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert results == [bundled_figures, bundled_figures]  # both work; the bundle is in it once
    _one_store(path, inodes)


PROCESS_SCRIPT = r"""
import json, sys, time, pathlib
from geo.query import TradeFilter
from geo.store import StoreLockedError, open_store
path, ready, go = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
ready.write_text("ready")
while not go.exists():
    time.sleep(0.005)
locked = 0
deadline = time.time() + 90
while True:
    try:
        s = open_store(path)
        inode = pathlib.Path(path).stat().st_ino
        break
    except StoreLockedError:  # the other process holds the store for a moment: try again
        locked += 1
        if time.time() > deadline:
            raise
        time.sleep(0.05)
    except BaseException as exc:
        print(json.dumps({"error": f"{type(exc).__module__}.{type(exc).__name__}: {exc}"}))
        sys.exit(0)
st = s.stats()
out = {"freight_rows": st["freight_rows"], "crossing_rows": st["crossing_rows"],
       "imports": st["imports"], "value": int(s.totals(TradeFilter()).value)}
s.close()
print(json.dumps({"figures": out, "inode": inode, "locked": locked}))
"""


def test_two_processes_creating_one_new_store_both_open_it(tmp_path, bundled_figures):
    path = tmp_path / "new" / "store.duckdb"
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    procs, ready = [], []
    for i in range(2):
        ready.append(tmp_path / f"ready{i}")
        procs.append(subprocess.Popen([sys.executable, "-c", PROCESS_SCRIPT, str(path), str(ready[i]),
                                       str(go)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True))
    try:
        deadline = time.time() + 120
        while not all(r.exists() for r in ready):  # both imported the store code: start together
            if any(p.poll() is not None for p in procs) or time.time() > deadline:
                break
            time.sleep(0.01)
        go.write_text("go")
        outs = [p.communicate(timeout=180) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    reports = []
    for (out, err), p in zip(outs, procs):
        assert p.returncode == 0 and "Traceback" not in err, err[-3000:]
        reports.append(json.loads(out.splitlines()[-1]))
        assert reports[-1].get("figures") == bundled_figures, out + err[-3000:]
    _one_store(path, [r["inode"] for r in reports])


def test_a_store_that_cannot_be_created_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="Cannot create"):
        open_store(blocker / "store.duckdb")


def test_a_damaged_store_file_is_a_store_error(tmp_path):
    path = tmp_path / "store.duckdb"
    path.write_bytes(b"this is not a DuckDB database" * 100)
    with pytest.raises(StoreError) as exc:
        open_store(path)
    assert not isinstance(exc.value, StoreLockedError)
    assert str(exc.value).startswith(f"Cannot open the store {path}")
