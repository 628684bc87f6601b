"""Atomic imports (SIGKILL mid-import, cancel), change events and store creation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.imports import CancelToken, ImportCancelled
from geo.query import TradeFilter
from geo.store import DuckDBStore, StoreChange, default_store_path, open_store
from tests.conftest_store import REPO, empty_store, files_2021, raw_rows, requires_shared

_fixtures = (empty_store,)

KILL_SCRIPT = r"""
import sys, time, pathlib
from geo.store import DuckDBStore
store_path, marker, threshold = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
s = DuckDBStore(store_path)
def progress(done, total):
    if done >= threshold:            # the first file is deleted+inserted, not yet committed
        marker.write_text(f"{done}/{total}")
        time.sleep(120)
    return True
s.import_files(sys.argv[4:], progress=progress)
marker.write_text("finished")
"""


def _fingerprint(path: Path) -> tuple:
    s = DuckDBStore(path, read_only=True)
    try:
        c = s._cur()
        return (
            c.execute("SELECT count(*), sum(value), sum(hash(src, year_month, port, commodity, mode, "
                      "trade_type, country, value)) FROM freight_all").fetchone(),
            c.execute("SELECT count(*), sum(value) FROM crossings").fetchone(),
            c.execute("SELECT count(*) FROM import_log").fetchone(),
        )
    finally:
        s.close()


@requires_shared
def test_sigkill_mid_import_leaves_store_unchanged(tmp_path):
    store_path = tmp_path / "store.duckdb"
    jan, feb, mar = files_2021()[:3]
    # existing state: Jan-Mar 2021 with January modified (values +1), so a re-import changes it
    lines = jan.read_text().splitlines()
    mod = [lines[0]] + [",".join(p[:5] + [str(int(p[5]) + 1)] + p[6:])
                        for p in (ln.split(",") for ln in lines[1:])]
    jan_mod = tmp_path / "jan_mod.csv"
    jan_mod.write_text("\n".join(mod) + "\n")
    s = DuckDBStore(store_path)
    s.import_files([jan_mod, feb, mar], write_report=False)
    s.close()
    before = _fingerprint(store_path)

    marker = tmp_path / "marker"
    threshold = len(raw_rows(jan))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(store_path), str(marker),
                             str(threshold), str(jan), str(feb), str(mar)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while not marker.exists():
            if proc.poll() is not None:
                pytest.fail("import subprocess ended early: " + proc.stderr.read().decode()[-2000:])
            if time.time() > deadline:
                pytest.fail("import subprocess never reached the kill point")
            time.sleep(0.05)
        assert marker.read_text() != "finished"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert _fingerprint(store_path) == before
    # and the store is still usable: the same import now completes and changes January
    s = DuckDBStore(store_path)
    try:
        s.import_files([jan], write_report=False)
        assert s.totals(TradeFilter(period=(202101, 202101))).value == sum(
            int(r["VALUE"]) for r in raw_rows(jan))
    finally:
        s.close()


@requires_shared
def test_cancel_from_progress_and_token(empty_store):
    jan, feb = files_2021()[:2]
    empty_store.import_files([jan], write_report=False)
    before = empty_store.stats()["freight_rows"]
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < 3

    with pytest.raises(ImportCancelled):
        empty_store.import_files([jan, feb], progress=progress)
    assert empty_store.stats()["freight_rows"] == before
    assert calls[0] == (0, calls[0][1]) and calls[0][1] > 0
    token = CancelToken()
    token.cancel()
    with pytest.raises(ImportCancelled):
        empty_store.import_files([feb], cancel=token)
    assert empty_store.stats()["freight_rows"] == before


@requires_shared
def test_changed_signal_and_progress_reaches_total(empty_store):
    events, seen = [], []
    empty_store.changed.connect(events.append)
    rep = empty_store.import_files(files_2021()[:2], progress=lambda d, t: seen.append((d, t)) or True,
                                   write_report=False)
    assert len(events) == 1 and isinstance(events[0], StoreChange) and events[0].report is rep
    assert seen[-1][0] == seen[-1][1] == sum(len(raw_rows(p)) for p in files_2021()[:2])
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_open_store_creates_from_bundle_and_default_path(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTERA_ATLAS_STORE", str(tmp_path / "env" / "s.duckdb"))
    assert default_store_path() == tmp_path / "env" / "s.duckdb"
    monkeypatch.delenv("FRONTERA_ATLAS_STORE")
    assert default_store_path().name == "store.duckdb"
    assert "frontera-atlas" in str(default_store_path())
    p = tmp_path / "new" / "store.duckdb"
    s = open_store(p)
    try:
        av = s.available_periods()
        # the bundled raw months: Jan 2015, and DOT1 2020-01..2024-09 without BTS's Oct–Dec 2020 gap
        assert av["DOT1"][0] == 201501 and av["DOT1"][-1] == 202409 and 202010 not in av["DOT1"]
        assert len(av["DOT1"]) == 1 + 9 + 45 and av["DOT2"][-1] == 202412
        assert 202112 in av["DOT3"] and 202001 in av["DOT3"] and 201501 in av["DOT3"]
        assert av["crossings"][0] == 199601
        assert s.totals(TradeFilter(period=(202101, 202112), country="MX")).value > 6e11
    finally:
        s.close()
    assert not list(p.parent.glob(".*building*"))
    ro = open_store(p, read_only=True)
    ro.close()
    e = open_store(tmp_path / "empty.duckdb", with_default_data=False)
    try:
        assert e.stats()["freight_rows"] == 0
        assert e.totals(TradeFilter()).value == 0
        assert any(c.code == "no_data" for c in e.totals(TradeFilter()).caveats)
    finally:
        e.close()
