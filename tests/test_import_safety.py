"""Issue 9: imports never lose or double what is already stored.

One test per reproduction of the issue (each failed on the main branch before the fix), plus
consent, content-hash skipping, history with exact undo, and value checks.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from geo.imports import ConsentNeeded, UndoRefused
from geo.query import TradeFilter
from tests.conftest_store import CROSSING_CSV, empty_store, files_2021, raw_rows, requires_shared, write_lines

_fixtures = (empty_store,)

CROSS_HEADER = ["Port Name", "State", "Port Code", "Border", "Date", "Measure", "Value", "Latitude",
                "Longitude", "Point"]
DOT3_HEADER = "TRDTYPE,DEPE,COMMODITY2,DISAGMOT,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR"


@pytest.fixture(scope="module")
def cross_raw():
    if not CROSSING_CSV.exists():
        pytest.skip(f"{CROSSING_CSV} not present (the real public data lives in ../shared/data)")
    with open(CROSSING_CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _ym(date: str) -> int:
    return int(datetime.strptime(date, "%b %Y").strftime("%Y%m"))


def _write_cross(path: Path, rows, header=CROSS_HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] for h in header])
    return path


def _cross_state(store) -> dict:
    """(port, month, measure) -> value as stored."""
    rows = store._cur().execute(
        "SELECT CAST(port_code AS VARCHAR), year_month, measure, value FROM crossings").fetchall()
    return {(p, ym, m): v for p, ym, m, v in rows}


def _freight_fp(store) -> tuple:
    return store._cur().execute(
        "SELECT count(*), coalesce(sum(value), 0), coalesce(sum(hash(src, year_month, trade_type, country, mode, "
        "us_state, port, mx_state, can_prov, commodity, df, contcode, value, shipwt, freight_charges)), 0) "
        "FROM freight_all").fetchone()


def _mexico_2024(cross_raw):
    return [r for r in cross_raw if r["Border"] == "US-Mexico Border" and r["Date"].endswith("2024")]


# -- reproductions ---------------------------------------------------------------------------
def test_trucks_only_file_keeps_every_other_measure(empty_store, tmp_path, cross_raw):
    """Repro 1: a file with only the Trucks rows of some ports and months deleted every other
    measure of those ports and months ("1,160 loaded, replaced 9,098")."""
    full = _mexico_2024(cross_raw)
    empty_store.import_files([_write_cross(tmp_path / "full.csv", full)], write_report=False)
    before = _cross_state(empty_store)
    trucks = [r for r in full if r["Measure"] == "Trucks" and r["Port Code"] in ("2304", "2506", "2402")]
    rep = empty_store.import_files([_write_cross(tmp_path / "trucks.csv", trucks)], write_report=False)
    assert rep.rows_loaded == len(trucks) and rep.files[0].rows_unchanged == len(trucks)
    assert rep.files[0].rows_deleted == 0
    assert _cross_state(empty_store) == before                   # nothing lost, nothing doubled
    assert rep.kept and sum(x.rows for x in rep.kept) == len(full) - len(trucks)
    assert any("kept" in n and "--replace" in n for n in rep.notices)


def test_older_release_measure_names_and_port_names(empty_store, tmp_path, cross_raw):
    """Repro 2: an older 7-column release names its measures "Truck Containers Full" /
    "Rail Containers Full"; they were rejected and the replace step deleted the stored Loaded
    rows of that year; it also overwrote current port names with older ones."""
    cur = [r for r in cross_raw if r["Border"] == "US-Mexico Border" and r["Date"][-4:] in ("2018", "2024")]
    empty_store.import_files([_write_cross(tmp_path / "current.csv", cur)], write_report=False)
    before = _cross_state(empty_store)
    names = empty_store.dimension_values("crossing_port").set_index("code")["name"].to_dict()
    old = tmp_path / "old_release.csv"
    with open(old, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Port Name", "State", "Port Code", "Border", "Date", "Measure", "Value"])
        for r in cur:
            if not r["Date"].endswith("2018"):
                continue
            measure = {"Truck Containers Loaded": "Truck Containers Full",
                       "Rail Containers Loaded": "Rail Containers Full"}.get(r["Measure"], r["Measure"])
            d = datetime.strptime(r["Date"], "%b %Y").strftime("%m/%d/%Y 12:00:00 AM")
            w.writerow([r["Port Name"].upper() + " (OLD)", r["State"], str(int(r["Port Code"])), r["Border"],
                        d, measure, r["Value"]])
    rep = empty_store.import_files([old], write_report=False)
    assert not rep.issues and rep.files[0].variant == "7-column"
    n2018 = sum(1 for r in cur if r["Date"].endswith("2018"))
    assert rep.rows_loaded == n2018 and rep.files[0].rows_unchanged == n2018
    assert _cross_state(empty_store) == before                   # Loaded rows of 2018 still there
    loaded = empty_store.crossings(measures=["Truck Containers Loaded"], period=("2018-01", "2018-12"),
                                   by=["measure"])
    assert int(loaded["value"].sum()) == sum(int(r["Value"]) for r in cur if r["Date"].endswith("2018")
                                             and r["Measure"] == "Truck Containers Loaded")
    after = empty_store.dimension_values("crossing_port").set_index("code")["name"].to_dict()
    assert after == names                                         # current names kept


@requires_shared
def test_truncated_transborder_file_keeps_the_complete_month(empty_store, tmp_path):
    """Repro 3: a TransBorder file cut short (an interrupted download) replaced the complete
    month it covers."""
    jan = files_2021()[0]
    empty_store.import_files([jan], write_report=False)
    before = _freight_fp(empty_store)
    data = jan.read_bytes()
    cut = tmp_path / "dot_0121_partial.csv"
    cut.write_bytes(data[: len(data) // 2])                       # ends mid-line
    # asked first (the GUI path), replacing the month needs consent, naming what would go
    with pytest.raises(ConsentNeeded) as ei:
        empty_store.import_files([cut], replace=None, write_report=False)
    assert "dot_0121_partial.csv" in str(ei.value) and "2021-01" in str(ei.value)
    assert _freight_fp(empty_store) == before
    rep = empty_store.import_files([cut], write_report=False)     # default: merge by key
    assert rep.files[0].rows_deleted == 0 and rep.files[0].rows_replaced == 0
    assert [i.line for i in rep.issues] == [len(cut.read_text().splitlines())]   # the cut line
    assert _freight_fp(empty_store) == before
    assert rep.kept and {x.year_month for x in rep.kept} == {202101}
    assert sum(x.rows for x in rep.kept) == len(raw_rows(jan)) - rep.rows_loaded > 8000
    assert sum(x.rows for x in ei.value.losses) == sum(x.rows for x in rep.kept)


@requires_shared
def test_month_split_over_two_files_is_combined(empty_store, tmp_path):
    """Repro 4a: one month split over two files in one import: the second replaced the first."""
    jan = files_2021()[0]
    lines = jan.read_text().splitlines()
    half = len(lines) // 2
    a = write_lines(tmp_path / "a.csv", [lines[0]] + lines[1:half])
    b = write_lines(tmp_path / "b.csv", [lines[0]] + lines[half:])
    rep = empty_store.import_files([a, b], write_report=False)
    assert rep.rows_loaded == len(raw_rows(jan)) and not rep.issues
    f = TradeFilter(period=(202101, 202101))
    assert empty_store.totals(f).value == sum(int(r["VALUE"]) for r in raw_rows(jan))


@requires_shared
def test_stray_rows_of_another_month_do_not_replace_it(empty_store, tmp_path):
    """Repro 4b: a file with a few stray rows of another month replaced that whole month."""
    jan, feb = files_2021()[:2]
    empty_store.import_files([jan], write_report=False)
    jan_total = empty_store.totals(TradeFilter(period=(202101, 202101))).value
    feb_lines = feb.read_text().splitlines()
    jan_lines = jan.read_text().splitlines()
    mixed = write_lines(tmp_path / "feb_with_strays.csv", feb_lines + jan_lines[1:4])
    rep = empty_store.import_files([mixed], write_report=False)
    assert sorted(rep.files[0].periods) == [202101, 202102]
    assert empty_store.totals(TradeFilter(period=(202101, 202101))).value == jan_total
    assert empty_store.totals(TradeFilter(period=(202102, 202102))).value == sum(
        int(r["VALUE"]) for r in raw_rows(feb))


def test_duplicates_decimals_hex_overflow(empty_store, tmp_path):
    """Repro 5: exact duplicate rows were added twice; 1.5 was stored as 2 and 0x10 as 16; a
    value of 2^64-1 aborted the whole file with a raw DuckDB message and no line number."""
    p = write_lines(tmp_path / "values.csv", [
        DOT3_HEADER,
        "1,2304,84,5,2010,1000,0,10,1,X,03,2019",      # 2
        "1,2304,84,5,2010,1000,0,10,1,X,03,2019",      # 3 exact duplicate of 2
        "1,2304,85,5,2010,1.5,0,10,1,X,03,2019",       # 4 decimal
        "1,2304,86,5,2010,0x10,0,10,1,X,03,2019",      # 5 hex
        "1,2304,87,5,2010,18446744073709551615,0,10,1,X,03,2019",   # 6 overflow
        "1,2304,88,5,2010,1e3,0,10,1,X,03,2019",       # 7 exponent
        "1,2304,89,5,2010,500,2.5,10,1,X,03,2019",     # 8 decimal weight
        "1,2304,90,5,2010,700,0,10,1,X,03,2019",       # 9 good
    ])
    rep = empty_store.import_files([p], write_report=False)
    by_line = {i.line: i for i in rep.issues}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8]
    assert by_line[3].code == "row.duplicate" and "line 2" in by_line[3].reason
    assert "'1.5'" in by_line[4].reason and "decimal" in by_line[4].reason
    assert "'0x10'" in by_line[5].reason and "hexadecimal" in by_line[5].reason
    assert "too large" in by_line[6].reason
    assert "exponent" in by_line[7].reason
    assert "SHIPWT '2.5'" in by_line[8].reason
    assert all(i.file == str(p) for i in rep.issues)
    assert rep.rows_loaded == 2 and rep.files[0].rows_duplicate == 1
    assert empty_store.totals(TradeFilter()).value == 1000 + 700


def test_real_crossing_duplicates_and_conflict(empty_store, tmp_path, cross_raw):
    """The real file's 10 exact duplicate lines (June 2019) count once and are reported by
    line; port 2606, Feb 2021, Bus Passengers (0 and 2175) is reported with the rule applied."""
    keep = [r for r in cross_raw if r["Date"] in ("Jun 2019", "Feb 2021")]
    p = _write_cross(tmp_path / "fixture.csv", keep)
    rep = empty_store.import_files([p], write_report=False)
    dups = [i for i in rep.issues if i.code == "row.duplicate"]
    conf = [i for i in rep.issues if i.code == "row.conflict"]
    assert len(dups) == 10 and len(conf) == 1
    lines = p.read_text().splitlines()
    for i in dups:                                   # the named lines really are the same text
        first = int(i.reason.split("line ")[1].split(";")[0])
        assert lines[i.line - 1] == lines[first - 1] and "Jun 2019" in lines[i.line - 1]
    c = conf[0]
    assert "2606" in c.reason and "Bus Passengers" in c.reason and "largest value is kept" in c.reason
    assert "Sasabe" in lines[c.line - 1] and ",0," in lines[c.line - 1]
    assert _cross_state(empty_store)[("2606", 202102, "Bus Passengers")] == 2175
    assert rep.rows_loaded == len(keep) - 11
    assert any("rule applied" in n for n in rep.notices)


# -- consent, hashes, history ----------------------------------------------------------------
def test_replace_needs_consent_and_undo_restores(empty_store, tmp_path, cross_raw):
    full = _mexico_2024(cross_raw)
    empty_store.import_files([_write_cross(tmp_path / "full.csv", full)], write_report=False)
    before = _cross_state(empty_store)
    trucks = [r for r in full if r["Measure"] == "Trucks" and r["Date"] == "Mar 2024"]
    tp = _write_cross(tmp_path / "trucks_mar.csv", trucks)
    with pytest.raises(ConsentNeeded) as ei:
        empty_store.import_files([tp], replace=None, write_report=False)
    loss = ei.value.losses
    assert len(loss) == 1 and loss[0].year_month == 202403 and loss[0].files == (str(tp),)
    lost = [r for r in full if r["Date"] == "Mar 2024" and r["Measure"] != "Trucks"]
    assert loss[0].rows == len(lost) and loss[0].value == sum(int(r["Value"]) for r in lost)
    q = ei.value.question()
    assert "trucks_mar.csv" in q and "2024-03" in q and f"{len(lost):,}" in q
    assert _cross_state(empty_store) == before                   # nothing changed while asking
    rep = empty_store.import_files([tp], replace=True, write_report=False)
    assert rep.files[0].rows_deleted == len(lost) and rep.deleted
    assert len(_cross_state(empty_store)) == len(before) - len(lost)
    hist = empty_store.imports()
    assert hist[0]["import_id"] == rep.import_id and hist[0]["replace"] and hist[0]["rows_deleted"] == len(lost)
    assert hist[0]["rows_kept_for_undo"] >= len(lost)
    empty_store.undo_import(rep.import_id)
    assert _cross_state(empty_store) == before


@requires_shared
def test_same_content_is_skipped_and_undo_is_exact(empty_store, tmp_path):
    jan, feb = files_2021()[:2]
    fp0 = _freight_fp(empty_store)
    r1 = empty_store.import_files([jan], write_report=False)
    fp1 = _freight_fp(empty_store)
    copy = tmp_path / "renamed_copy.csv"
    copy.write_bytes(jan.read_bytes())
    r2 = empty_store.import_files([copy], write_report=False)
    assert r2.nothing_to_do and r2.import_id is None and f"import #{r1.import_id}" in r2.summary()
    assert _freight_fp(empty_store) == fp1
    # a changed January (values + 1) replaces by key; a later import blocks undoing the earlier
    lines = jan.read_text().splitlines()
    mod = write_lines(tmp_path / "jan_mod.csv", [lines[0]] + [
        ",".join(p[:5] + [str(int(p[5]) + 1)] + p[6:]) for p in (ln.split(",") for ln in lines[1:])])
    r3 = empty_store.import_files([mod, feb], write_report=False)
    assert r3.files[0].rows_replaced == len(lines) - 1 and r3.files[0].rows_added == 0
    with pytest.raises(UndoRefused, match=f"#{r3.import_id}"):
        empty_store.undo_import(r1.import_id)
    empty_store.undo_import(r3.import_id)
    assert _freight_fp(empty_store) == fp1
    with pytest.raises(UndoRefused, match="already undone"):
        empty_store.undo_import(r3.import_id)
    empty_store.undo_import(r1.import_id)
    assert _freight_fp(empty_store) == fp0
    # rollups follow the fact table through undo (by port only the raw tables answer: nothing left)
    assert int(empty_store.breakdown(TradeFilter(period=(202101, 202112)), "port")["value"].sum()) == 0
    # after undo the same file imports again
    r4 = empty_store.import_files([jan], write_report=False)
    assert r4.import_id is not None and _freight_fp(empty_store) == fp1
    statuses = {h["import_id"]: h["status"] for h in empty_store.imports()}
    assert statuses == {r1.import_id: "undone", r3.import_id: "undone", r4.import_id: "active"}


@requires_shared
def test_purge_keeps_data_but_ends_undo(empty_store, tmp_path):
    jan = files_2021()[0]
    r1 = empty_store.import_files([jan], write_report=False)
    lines = jan.read_text().splitlines()
    mod = write_lines(tmp_path / "jan_mod.csv", [lines[0]] + [
        ",".join(p[:5] + [str(int(p[5]) * 2)] + p[6:]) for p in (ln.split(",") for ln in lines[1:])])
    r2 = empty_store.import_files([mod], write_report=False)
    fp = _freight_fp(empty_store)
    assert empty_store.purge_replaced() == len(lines) - 1
    assert _freight_fp(empty_store) == fp
    with pytest.raises(UndoRefused, match="purged"):
        empty_store.undo_import(r2.import_id)
    assert r1.import_id != r2.import_id


# -- line numbers ----------------------------------------------------------------------------
@requires_shared
def test_line_numbers_exact_deep_in_a_real_file(empty_store, tmp_path):
    src = files_2021()[2]
    lines = src.read_text().splitlines()
    lines[99] = lines[99].replace(",03,2021", ",03,20x1")               # reader reject, line 100
    p = lines[12344].split(",")
    p[5] = "12.5"
    lines[12344] = ",".join(p)                                          # SQL check, line 12345
    lines.insert(15000, lines[14000])                                   # duplicate at line 15001
    path = write_lines(tmp_path / "deep.csv", lines)
    rep = empty_store.import_files([path], write_report=False)
    got = {i.line: i.code for i in rep.issues}
    assert got == {100: "row.invalid", 12345: "row.bad_number", 15001: "row.duplicate"}
    dup = next(i for i in rep.issues if i.code == "row.duplicate")
    assert "line 14001" in dup.reason
