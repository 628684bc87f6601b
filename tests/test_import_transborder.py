"""Importing the real TransBorder files: totals match sums computed from the raw CSVs."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from geo.imports import sniff
from geo.query import TradeFilter
from tests.conftest_store import (
    DOT1_2015,
    DOT2_2015,
    DOT3_2015,
    RAW,
    empty_store,
    files_2020,
    files_2021,
    raw_group,
    raw_rows,
    raw_sum,
    requires_shared,
)

pytestmark = requires_shared
_fixtures = (empty_store,)

CC = {"1220": "CA", "2010": "MX"}


def test_sniff_by_header_not_name():
    assert sniff(DOT1_2015).kind == "DOT1"
    assert sniff(DOT2_2015).kind == "DOT2"
    assert sniff(DOT3_2015).kind == "DOT3"
    # every file in 2020/ and 2021/ is DOT3 whatever its name says
    assert {sniff(p).kind for p in files_2020() + files_2021()} == {"DOT3"}
    assert sniff(RAW / "2020" / "dot1_0120.csv").kind == "DOT3"


@pytest.mark.parametrize("path,kind,by,dim_key", [
    (DOT1_2015, "DOT1", "us_state", "USASTATE"),
    (DOT2_2015, "DOT2", "commodity", "COMMODITY2"),
    (DOT3_2015, "DOT3", "port", "DEPE"),
])
def test_import_each_2015_table_matches_raw(empty_store, path, kind, by, dim_key):
    report = empty_store.import_files([path], write_report=False)
    rows = raw_rows(path)
    assert report.files[0].kind == kind
    assert report.rows_loaded == len(rows) and report.rows_rejected == 0
    assert report.files[0].periods == [201501]
    assert empty_store.available_periods()[kind] == [201501]
    # totals per country x trade type (Canada rows are kept)
    for country in ("MX", "CA"):
        for tt, code in (("export", "1"), ("import", "2")):
            t = empty_store.totals(TradeFilter(period=(201501, 201501), country=country, trade_type=tt))
            want = [r for r in rows if CC[r["COUNTRY"]] == country and r["TRDTYPE"] == code]
            assert t.value == sum(int(r["VALUE"]) for r in want)
            assert t.shipwt == sum(int(r["SHIPWT"]) for r in want)
            assert t.freight_charges == sum(int(r["FREIGHT_CHARGES"]) for r in want)
            assert t.records == len(want)
            assert t.plan.tables == (kind,)
    df = empty_store.breakdown(TradeFilter(), by)
    got = dict(zip(df["code"], df["value"]))
    assert got == raw_group(path, key=lambda r: r[dim_key])


def test_dot1_special_codes_kept(empty_store):
    empty_store.import_files([DOT1_2015], write_report=False)
    rows = raw_rows(DOT1_2015)
    ports = empty_store.breakdown(TradeFilter(), "port")
    districts = ports[ports["code"].str.endswith("XX")]
    assert set(districts["code"]) == {r["DEPE"] for r in rows if r["DEPE"].endswith("XX")}
    assert "23XX" in set(districts["code"]) or len(districts) > 0
    mx = empty_store.breakdown(TradeFilter(country="MX"), "mx_state")
    got = dict(zip(mx["code"], mx["value"]))
    want = raw_group(DOT1_2015, key=lambda r: r["MEXSTATE"] or "", where=lambda r: r["COUNTRY"] == "2010")
    assert got == want                                   # blank -> "Not recorded", XX, DF kept
    assert mx.set_index("code").loc["", "name"] == "Not recorded"
    assert mx.set_index("code").loc["XX", "name"].startswith("Unknown")
    assert mx.set_index("code").loc["NA", "name"] == "Nayarit"
    # imports from Mexico never have a Mexican state
    imp = empty_store.breakdown(TradeFilter(country="MX", trade_type="import"), "mx_state")
    assert list(imp["code"]) == [""]


def test_import_2020_2021_and_reimport_is_idempotent(empty_store):
    files = files_2020() + files_2021()
    r1 = empty_store.import_files(files, write_report=False)
    n_raw = sum(len(raw_rows(p)) for p in files)
    assert r1.rows_loaded == n_raw
    assert empty_store.stats()["freight_rows"] == n_raw
    f = TradeFilter(period=("2021-01", "2021-12"), country="MX")
    before = empty_store.totals(f).value
    assert before == raw_sum(files_2021(), where=lambda r: r["COUNTRY"] == "2010")
    # unlisted but real port codes are kept and named after their district
    assert any("2401" in n for n in r1.notices)
    # same month again: the same file is recognised and skipped, never doubled
    r2 = empty_store.import_files([files_2021()[0]], write_report=False)
    assert r2.nothing_to_do and r2.import_id is None and "already imported" in r2.summary()
    assert empty_store.totals(f).value == before
    assert empty_store.stats()["freight_rows"] == n_raw
    by_month = empty_store.breakdown(f, "month")
    assert list(by_month["code"]) == list(range(202101, 202113))
    want = raw_group(files_2021(), key=lambda r: int(r["YEAR"]) * 100 + int(r["MONTH"]),
                     where=lambda r: r["COUNTRY"] == "2010")
    assert dict(zip(by_month["code"], by_month["value"])) == want


def test_zip_import_detects_tables_by_header(empty_store, tmp_path):
    z = tmp_path / "TransBorder_2015_01.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(DOT3_2015, "2015/dot1_0115.csv")       # misleading names on purpose
        zf.write(DOT1_2015, "2015/dot3_0115.csv")
        zf.writestr("2015/readme.txt", "not a csv")
    report = empty_store.import_files([z], write_report=False)
    kinds = {f.file.split(":")[-1]: f.kind for f in report.files}
    assert kinds == {"2015/dot1_0115.csv": "DOT3", "2015/dot3_0115.csv": "DOT1"}
    assert report.rows_loaded == len(raw_rows(DOT1_2015)) + len(raw_rows(DOT3_2015))
    # importing the zip twice doubles nothing
    empty_store.import_files([z], write_report=False)
    assert empty_store.stats()["freight_rows"] == report.rows_loaded


def test_folder_import(empty_store, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(DOT1_2015, d / "a.csv")
    shutil.copy(DOT2_2015, d / "b.csv")
    report = empty_store.import_files([d], write_report=False)
    assert sorted(f.kind for f in report.files) == ["DOT1", "DOT2"]
