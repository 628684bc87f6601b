"""`frontera import` and `frontera query` work through the app's own entry point."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import pandas as pd

from tests.conftest import REPO, shared_data_or_skip


def frontera(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout)


def test_import_then_query_by_port_matches_the_raw_file(tmp_path):
    raw = shared_data_or_skip("bts", "transborder", "raw", "2020", "dot1_0320.csv")
    store = tmp_path / "s.duckdb"
    r = frontera("import", str(raw), "--store", str(store))
    assert r.returncode == 0, r.stderr
    r = frontera("query", "totals", "--country", "MX", "--from", "2020-03", "--to", "2020-03", "--by", "port",
                 "--format", "csv", "--store", str(store))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    got = {row["code"]: float(row["value"]) for row in rows}
    df = pd.read_csv(raw, dtype={"DEPE": str})
    want = df[df["COUNTRY"] == 2010].groupby("DEPE")["VALUE"].sum()
    assert got["2304"] == want["2304"]  # Laredo, March 2020, to the dollar
    assert abs(sum(got.values()) - want.sum()) < 1


def test_query_errors_are_one_sentence_without_traceback(tmp_path):
    r = frontera("query", "totals", "--country", "Atlantis", "--store", str(tmp_path / "s.duckdb"))
    assert r.returncode != 0 and "Traceback" not in r.stderr and "Atlantis" in r.stderr
