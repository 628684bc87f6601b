"""Fixtures and helpers for the store/import/query tests (import with ``from .conftest_store import *``
or ``from tests.conftest_store import ...``). Never touches the user's store: every store is
created under pytest's ``tmp_path`` (the bundled one once per session, shared by the tests
that only read it)."""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared" / "data").resolve()
RAW = SHARED / "bts" / "transborder" / "raw"
CROSSING_CSV = SHARED / "bts" / "border_crossing_entry" / "Border_Crossing_Entry_Data.csv"

requires_shared = pytest.mark.skipif(
    not (RAW / "2015-01" / "dot1_0115.csv").exists(),
    reason=f"real BTS data not found at {SHARED} (expected <repo>/../shared/data)")


@functools.lru_cache(maxsize=64)
def raw_rows(path: Path) -> tuple[dict, ...]:
    """The raw CSV rows as dicts of strings (plain ``csv`` module, independent of DuckDB)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def raw_sum(paths, where=lambda r: True, field="VALUE") -> int:
    if isinstance(paths, Path):
        paths = [paths]
    return sum(int(r[field]) for p in paths for r in raw_rows(p) if where(r))


def raw_group(paths, key, where=lambda r: True, field="VALUE") -> dict:
    if isinstance(paths, Path):
        paths = [paths]
    out: dict = defaultdict(int)
    for p in paths:
        for r in raw_rows(p):
            if where(r):
                out[key(r)] += int(r[field])
    return dict(out)


def files_2021() -> list[Path]:
    return sorted((RAW / "2021").glob("*.csv"))


def files_2020() -> list[Path]:
    return sorted((RAW / "2020").glob("*.csv"))


DOT1_2015 = RAW / "2015-01" / "dot1_0115.csv"
DOT2_2015 = RAW / "2015-01" / "dot2_0115.csv"
DOT3_2015 = RAW / "2015-01" / "dot3_0115.csv"


@pytest.fixture
def empty_store(tmp_path):
    from geo.store import DuckDBStore

    s = DuckDBStore(tmp_path / "store.duckdb")
    yield s
    s.close()


@pytest.fixture(scope="module")
def bundled_store(shared_store):
    """A store created the way the app creates it on first launch (from data/store): the
    session's shared one (see tests/conftest.py), so read it only."""
    return shared_store


def write_lines(path: Path, lines, encoding="utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path
