"""Issue 9, files and command line: zips, line endings, encodings, exit codes, store paths."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from geo.imports import NotBTSFileError
from geo.imports.sniff import clean_stale_temp_dirs
from geo.query import TradeFilter
from tests.conftest_store import DOT1_2015, REPO, empty_store, files_2021, raw_rows, requires_shared, write_lines

_fixtures = (empty_store,)

DOT3_HEADER = "TRDTYPE,DEPE,COMMODITY2,DISAGMOT,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR"
ROWS = [f"1,2304,{hs},5,2010,{v},0,10,1,X,03,2019" for hs, v in ((84, 100), (85, 200), (86, 300), (87, 400))]


def _run(*args, **kw):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "cli.data", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=180, **kw)


# -- zips ------------------------------------------------------------------------------------
def _good_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dot3_0319.csv", "\n".join([DOT3_HEADER, *ROWS]) + "\n")
    return path


def test_zip_bad_crc_names_archive_and_member(empty_store, tmp_path):
    z = _good_zip(tmp_path / "crc.zip")
    zz = tmp_path / "crc_bad.zip"
    with zipfile.ZipFile(tmp_path / "stored.zip", "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("dot3_0319.csv", "\n".join([DOT3_HEADER, *ROWS]) + "\n")
    data = bytearray((tmp_path / "stored.zip").read_bytes())
    i = data.index(b"2304,86")
    data[i:i + 4] = b"2304"[::-1]                 # flip content bytes: CRC no longer matches
    zz.write_bytes(bytes(data))
    with pytest.raises(NotBTSFileError) as ei:
        empty_store.import_files([zz])
    msg = str(ei.value)
    assert "crc_bad.zip" in msg and "dot3_0319.csv" in msg and "CRC" in msg and "Traceback" not in msg
    assert empty_store.stats()["freight_rows"] == 0
    assert empty_store.import_files([z], write_report=False).rows_loaded == 4


def test_zip_truncated_and_corrupt(empty_store, tmp_path):
    z = _good_zip(tmp_path / "good.zip")
    data = z.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(NotBTSFileError, match="cut.zip"):
        empty_store.import_files([cut])
    # a corrupt deflate stream inside an intact archive
    with zipfile.ZipFile(tmp_path / "big.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dot3.csv", "\n".join([DOT3_HEADER] + ROWS * 3000) + "\n")
    raw = bytearray((tmp_path / "big.zip").read_bytes())
    for k in range(200, 260):
        raw[k] ^= 0x5A
    bad = tmp_path / "corrupt.zip"
    bad.write_bytes(bytes(raw))
    with pytest.raises(NotBTSFileError) as ei:
        empty_store.import_files([bad])
    assert "corrupt.zip" in str(ei.value) and "dot3.csv" in str(ei.value)


def test_huge_zero_member_refused_before_extraction(empty_store, tmp_path):
    z = tmp_path / "zeros.zip"
    block = b"\0" * (1 << 24)
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("huge.csv", "w", force_zip64=True) as fh:
            for _ in range(128):                  # 2 GiB of zeros
                fh.write(block)
    assert z.stat().st_size < 20 << 20
    t0 = time.perf_counter()
    with pytest.raises(NotBTSFileError, match="binary") as ei:
        empty_store.import_files([z])
    assert time.perf_counter() - t0 < 5
    assert "zeros.zip:huge.csv" in str(ei.value)


def test_stale_import_folders_are_cleaned(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"frontera-import-{dead.pid}-abc"
    (stale / "zip0").mkdir(parents=True)
    (stale / "zip0" / "x.csv").write_text("x")
    live = tmp_path / f"frontera-import-{os.getpid()}-def"
    live.mkdir()
    removed = clean_stale_temp_dirs(tmp_path)
    assert removed == [stale] and not stale.exists() and live.exists()


# -- CSV text --------------------------------------------------------------------------------
@pytest.mark.parametrize("eol", [b"\r\r\n", b"mixed"])
def test_odd_line_endings_import(empty_store, tmp_path, eol):
    lines = [DOT3_HEADER, *ROWS]
    p = tmp_path / "eol.csv"
    if eol == b"mixed":
        ends = [b"\r\n", b"\n", b"\r", b"\r\r\n", b"\n"]
        p.write_bytes(b"".join(ln.encode() + e for ln, e in zip(lines, ends)))
    else:
        p.write_bytes(b"".join(ln.encode() + eol for ln in lines))
    rep = empty_store.import_files([p], write_report=False)
    assert rep.rows_loaded == 4 and not rep.issues
    assert empty_store.totals(TradeFilter()).value == 1000


def test_quoted_newline_reported_and_later_lines_right(empty_store, tmp_path):
    p = tmp_path / "q.csv"
    p.write_text("\n".join([
        DOT3_HEADER,
        ROWS[0],                                            # 2
        '1,2304,85,5,2010,"2\n00",0,10,1,X,03,2019',          # 3-4: quoted line break
        ROWS[2],                                            # 5
        "1,2304,87,5,2010,1.5,0,10,1,X,03,2019",            # 6: decimal
        "1,2304,88,5,9999,100,0,10,1,X,03,2019",            # 7: unknown country
    ]) + "\n")
    rep = empty_store.import_files([p], write_report=False)
    by = {i.line: i.reason for i in rep.issues}
    assert sorted(by) == [3, 6, 7]
    assert "line break" in by[3] and "3-4" in by[3]
    assert "1.5" in by[6] and "country" in by[7]
    assert rep.rows_loaded == 2


@requires_shared
def test_real_crlf_zip_month_imports(empty_store):
    z = REPO.parent / "shared" / "data" / "bts" / "transborder" / "raw" / "dot1_dot2" / "2021-01.zip"
    if not z.exists():
        pytest.skip(f"{z} not present")
    rep = empty_store.import_files([z], write_report=False)
    assert rep.rows_loaded > 90_000 and not rep.issues


# -- command line ----------------------------------------------------------------------------
def test_cli_header_only_and_all_invalid_exit_nonzero(tmp_path):
    store = tmp_path / "s.duckdb"
    h = write_lines(tmp_path / "header_only.csv", [DOT3_HEADER])
    r = _run("import", h, "--store", store, "--no-default-data", "-q")
    assert r.returncode == 1 and "header but no data rows" in r.stderr and "Traceback" not in r.stderr
    bad = write_lines(tmp_path / "all_bad.csv", [DOT3_HEADER, "1,2304,84,5,2010,x,0,10,1,X,03,2019"])
    r = _run("import", bad, "--store", store, "-q")
    assert r.returncode == 1 and "none of its 1 rows is valid" in r.stderr


def test_cli_replace_history_and_undo(tmp_path):
    store = tmp_path / "s.duckdb"
    full = write_lines(tmp_path / "full.csv", [DOT3_HEADER, *ROWS])
    part = write_lines(tmp_path / "part.csv", [DOT3_HEADER, ROWS[0]])
    assert _run("import", full, "--store", store, "--no-default-data", "-q").returncode == 0
    r = _run("import", part, "--store", store, "-q")
    assert r.returncode == 0 and "--replace" in r.stderr and "kept" in r.stderr
    r = _run("import", part, "--store", store, "-q")
    assert r.returncode == 0 and "already imported" in r.stdout
    r = _run("import", part, "--store", store, "-q", "--replace")
    assert r.returncode == 0 and "replaced the whole of DOT3 2019-03 Mexico" in r.stdout
    r = _run("query", "totals", "--store", store, "--format", "csv")
    assert r.stdout.splitlines()[1].startswith("100,")
    r = _run("imports", "list", "--store", store)
    assert r.returncode == 0 and "part.csv" in r.stdout and "full.csv" in r.stdout
    r = _run("imports", "undo", "1", "--store", store)
    assert r.returncode == 1 and "#3" in r.stderr                  # a later import overlaps
    r = _run("imports", "undo", "3", "--store", store)
    assert r.returncode == 0 and "restored 4" in r.stdout          # 3 deleted + 1 re-imported
    r = _run("query", "totals", "--store", store, "--format", "csv")
    assert r.stdout.splitlines()[1].startswith("1000,")
    r = _run("imports", "purge", "--store", store)
    assert r.returncode == 0 and "Purged" in r.stdout


def test_cli_store_paths(tmp_path):
    missing = tmp_path / "nope" / "s.duckdb"
    r = _run("query", "periods", "--store", missing)
    assert r.returncode == 1 and "No store at" in r.stderr and not missing.exists()
    import duckdb

    other = tmp_path / "other.duckdb"
    c = duckdb.connect(str(other))
    c.execute("CREATE TABLE people (name VARCHAR)")
    c.close()
    full = write_lines(tmp_path / "full.csv", [DOT3_HEADER, *ROWS])
    r = _run("import", full, "--store", other, "-q")
    assert r.returncode == 1 and "not a Frontera Atlas store" in r.stderr
    c = duckdb.connect(str(other))
    assert c.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0] == 1
    c.close()
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        target = ro / "s.duckdb"
        if os.access(ro, os.W_OK):      # root writes anywhere: use a read-only file system
            target = Path("/sys/frontera-test-store.duckdb")
            if not Path("/sys").is_dir() or target.exists():
                pytest.skip("no read-only location available to this user")
        r = _run("import", full, "--store", target, "-q", "--no-default-data")
        assert r.returncode == 1 and "writable" in r.stderr and "Traceback" not in r.stderr, r.stderr
    finally:
        ro.chmod(0o755)


def test_lock_message_names_holder_only_when_known(tmp_path):
    from geo.store import StoreLockedError
    from geo.store.duckdb_store import _open_error

    e = _open_error(tmp_path / "s.duckdb", 'IO Error: Could not set lock on file "s.duckdb": Conflicting lock '
                    'is held in /usr/bin/python3.11 (PID 4242). See also https://duckdb.org', False)
    assert isinstance(e, StoreLockedError) and "process 4242 (python3.11)" in str(e)
    e = _open_error(tmp_path / "s.duckdb", "IO Error: Could not set lock on file", False)
    assert "another program" in str(e) and "Frontera" not in str(e).split("in use by")[1]


@requires_shared
def test_ctrl_c_one_line_exit_130_store_unchanged(tmp_path):
    store = tmp_path / "s.duckdb"
    assert _run("import", files_2021()[0], "--store", store, "--no-default-data", "-q").returncode == 0
    before = store.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    files = [str(p) for p in files_2021()[1:]] + [str(DOT1_2015)]
    proc = subprocess.Popen([sys.executable, "-m", "cli.data", "import", *files, "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        deadline = time.time() + 60
        buf = ""
        while "progress" not in buf and time.time() < deadline:   # wait until it is importing
            buf += proc.stderr.readline()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    err_lines = [ln for ln in err.splitlines() if not ln.startswith("progress")]
    assert proc.returncode == 130, err
    assert err_lines == ["Import cancelled; the store is unchanged."]
    from geo.store import DuckDBStore

    s = DuckDBStore(store, read_only=True)
    try:
        assert s.stats()["freight_rows"] == len(raw_rows(files_2021()[0]))
    finally:
        s.close()
    del before


def test_ctrl_c_on_the_first_statement_is_a_cancel(empty_store, tmp_path):
    """DuckDB reports a Ctrl-C that lands on ``BEGIN`` as ``RuntimeError: Query interrupted``:
    still a cancel (exit 130 on the command line), and the store is unchanged."""
    from geo.imports import ImportCancelled, run_import

    path = write_lines(tmp_path / "dot3_0319.csv", [DOT3_HEADER, *ROWS])

    class InterruptedAtBegin:
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            if sql.startswith("BEGIN"):
                raise RuntimeError("Query interrupted")
            return self.con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    with pytest.raises(ImportCancelled):
        run_import(InterruptedAtBegin(empty_store._cur()), [path], empty_store.codes)
    assert empty_store.stats()["freight_rows"] == 0
    assert empty_store.import_files([path], write_report=False).rows_loaded == 4
