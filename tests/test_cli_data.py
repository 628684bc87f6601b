"""``frontera import`` / ``frontera query`` through ``python -m cli.data`` and ``main()``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from cli import data as cli_data
from geo.query import TradeFilter
from geo.store import DuckDBStore
from tests.conftest_store import DOT1_2015, REPO, files_2021, raw_sum, requires_shared, write_lines


def _run(*args):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "cli.data", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    """A store filled through the CLI (DOT1 2015-01 + three 2021 months)."""
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    if not DOT1_2015.exists():
        pytest.skip("real BTS data not available")
    r = _run("import", DOT1_2015, *files_2021()[:3], "--store", path, "--no-default-data")
    assert r.returncode == 0, r.stderr
    assert "rows loaded" in r.stdout and "progress" in r.stderr     # progress display (non-tty)
    assert "Traceback" not in r.stderr
    return path


@requires_shared
def test_import_via_cli_and_totals_json_match_store(cli_store, capsys):
    assert cli_data.main(["query", "totals", "--country", "MX", "--from", "2021-01", "--to", "2021-03",
                          "--format", "json", "--store", str(cli_store)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["value"] == raw_sum(files_2021()[:3], lambda r: r["COUNTRY"] == "2010")
    s = DuckDBStore(cli_store, read_only=True)
    try:
        assert out["value"] == s.totals(TradeFilter(period=(202101, 202103), country="MX")).value
        f = TradeFilter(period=(202101, 202103), country="MX", trade_type="export", modes=("truck",))
        want = s.breakdown(f, "port")
    finally:
        s.close()
    assert cli_data.main(["query", "totals", "--country", "MX", "--from", "2021-01", "--to", "2021-03",
                          "--by", "port", "--trade-type", "export", "--mode", "truck", "--format", "csv",
                          "--store", str(cli_store)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["code"], int(r["value"])) for r in rows] == list(zip(want["code"], want["value"]))


@requires_shared
@pytest.mark.parametrize("by", ["month", "port", "mode", "us-state", "mx-state", "commodity"])
def test_every_by_option(cli_store, capsys, by):
    rc = cli_data.main(["query", "totals", "--from", "2015-01", "--to", "2015-01", "--by", by,
                        "--format", "json", "--store", str(cli_store)])
    out = capsys.readouterr()
    if by == "commodity":           # only DOT1 is loaded for 2015-01 in this store
        assert rc == 0 and json.loads(out.out)["rows"] == []
        return
    assert rc == 0, out.err
    payload = json.loads(out.out)
    total = sum(r["value"] for r in payload["rows"])
    where = (lambda r: r["COUNTRY"] == "2010") if by == "mx-state" else (lambda r: True)
    assert total == raw_sum(DOT1_2015, where)
    assert all(r["name"] for r in payload["rows"]) and payload["caveats"] is not None


@requires_shared
def test_table_output_and_notes(cli_store, capsys):
    assert cli_data.main(["query", "totals", "--from", "2015-01", "--to", "2015-01", "--by", "us-state",
                          "--store", str(cli_store)]) == 0
    out = capsys.readouterr()
    assert "Texas" in out.out and "note:" in out.err
    assert cli_data.main(["query", "triples", "--from", "2015-01", "--to", "2015-01", "--country", "MX",
                          "--trade-type", "export", "--limit", "5", "--format", "json",
                          "--store", str(cli_store)]) == 0
    trip = json.loads(capsys.readouterr().out)
    assert len(trip["rows"]) == 5 and trip["plan"]["tables"] == ["DOT1"]
    assert cli_data.main(["query", "periods", "--format", "json", "--store", str(cli_store)]) == 0
    per = json.loads(capsys.readouterr().out)
    assert per["DOT1"] == [201501] and per["DOT3"] == [202101, 202102, 202103]


def test_user_errors_are_one_sentence(tmp_path):
    store = tmp_path / "s.duckdb"
    bad = write_lines(tmp_path / "notes.csv", ["a,b", "1,2"])
    r = _run("import", bad, "--store", store, "--no-default-data")
    assert r.returncode == 2 and "notes.csv" in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1
    for args, needle in ((["query", "totals", "--mode", "boat"], "mode"),
                         (["query", "totals", "--by", "planet"], "breakdown"),
                         (["query", "totals", "--from", "2021-13"], "month"),
                         (["query", "totals", "--by", "us-state", "--port", "2304", "--commodity", "87"],
                          "together")):
        r = _run(*args, "--store", store)
        assert r.returncode == 2, (args, r.stderr)
        assert needle in r.stderr and "Traceback" not in r.stderr


@requires_shared
def test_cli_import_reports_bad_rows(tmp_path):
    lines = DOT1_2015.read_text().splitlines()[:50]
    lines[4] = lines[4].replace(",01,2015", ",01,2O15")
    p = write_lines(tmp_path / "d.csv", lines)
    r = _run("import", p, "--store", tmp_path / "s.duckdb", "--no-default-data", "--quiet")
    assert r.returncode == 0
    assert "line 5" in r.stderr and "year" in r.stderr
    assert "Import report:" in r.stdout
    report = next((tmp_path / "import-reports").glob("*.csv"))
    assert "unknown year" in report.read_text()
    assert "48 rows loaded" in r.stdout.replace(",", "")
