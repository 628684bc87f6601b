"""Malformed input: bad rows are reported (file, line, reason) and good rows still land;
files that are not BTS files are refused with a clear message and change nothing."""

from __future__ import annotations

import csv
import zipfile

import pytest

from geo.imports import NotBTSFileError
from geo.query import TradeFilter
from tests.conftest_store import DOT1_2015, empty_store, raw_rows, requires_shared, write_lines

_fixtures = (empty_store,)

DOT3_HEADER = "TRDTYPE,DEPE,COMMODITY2,DISAGMOT,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR"
GOOD = [
    "1,2304,84,5,2010,1000,0,10,1,X,03,2019",
    "2,2304,85,5,2010,2000,50,20,,0,03,2019",
    "1,23XX,87,6,2010,4000,0,0,2,1,03,2019",
]


def _dot3(tmp_path, extra_lines, name="bad.csv", encoding="utf-8"):
    return write_lines(tmp_path / name, [DOT3_HEADER, *GOOD, *extra_lines], encoding=encoding)


def test_bad_rows_reported_good_rows_land(empty_store, tmp_path):
    path = _dot3(tmp_path, [
        "1,2304,84,5,2010,12x4,0,10,1,X,03,2019",      # line 5: non-numeric value
        "1,2304,84,5,2010,-5,0,10,1,X,03,2019",        # line 6: negative value
        "1,2304,84,5,9999,100,0,10,1,X,03,2019",       # line 7: unknown country
        "1,2304,84,2,2010,100,0,10,1,X,03,2019",       # line 8: unknown mode code 2
        "1,2304,84,5,2010,100,0,10,1,X,03",            # line 9: wrong column count
        "1,2304,84,5,2010,100,0,10,1,X,03,2019,7",     # line 10: too many columns
        "1,ABCD,84,5,2010,100,0,10,1,X,03,2019",       # line 11: malformed port code
        "3,2304,84,5,2010,100,0,10,1,X,03,2019",       # line 12: unknown trade type
        "1,2304,84,5,2010,,0,10,1,X,03,2019",          # line 13: empty value
        "1,2304,84,5,2010,100,0,10,1,X,13,2019",       # line 14: month 13
        "2,2304,85,6,2010,3000,0,0,,0,03,2019",        # line 15: good
    ])
    report = empty_store.import_files([path])
    by_line = {i.line: i.reason for i in report.issues}
    assert sorted(by_line) == list(range(5, 15))
    assert "VALUE '12x4'" in by_line[5] and "number" in by_line[5]
    assert "number" in by_line[6]
    assert "country" in by_line[7] and "9999" in by_line[7]
    assert "mode" in by_line[8]
    assert "column count" in by_line[9] and "column count" in by_line[10]
    assert "port code" in by_line[11]
    assert "trade type" in by_line[12]
    assert "VALUE is empty" in by_line[13]
    assert "month" in by_line[14]
    assert all(i.file == str(path) for i in report.issues)
    assert report.rows_loaded == 4 and report.rows_rejected == 10
    assert empty_store.totals(TradeFilter()).value == 1000 + 2000 + 4000 + 3000
    # the report is written next to the store
    assert report.report_path is not None and report.report_path.parent.parent == empty_store.path.parent
    with open(report.report_path, newline="") as fh:
        written = list(csv.DictReader(fh))
    assert {int(r["line"]) for r in written if r["line"]} == set(range(5, 15))
    assert "bad row" in report.summary() or "rejected" in report.summary()


def test_latin1_resave_imports_with_detected_encoding(empty_store, tmp_path):
    path = tmp_path / "cross.csv"
    path.write_bytes(
        "Port Name,State,Port Code,Border,Date,Measure,Value\n"
        "Laredo,Texas,2304,US-Mexico Border,Jan 2024,Trucks,100\n"
        "Nogal\xe9s,Arizona,2604,US-Mexico Border,Jan 2024,Trucks,50\n"
        "Laredo,Texas,2304,US-Mexico Border,Feb 2024,Trucks,70\n".encode("latin-1"))
    report = empty_store.import_files([path])
    assert not report.issues
    assert any("not UTF-8" in n for n in report.notices)
    df = empty_store.crossings(by=["port"])
    assert dict(zip(df["port_code"], df["value"])) == {"2304": 170, "2604": 50}
    assert df.set_index("port_code").loc["2604", "port_name"] == "Nogal\xe9s"


def test_unknown_state_codes_are_bad_rows(empty_store, tmp_path):
    header = ("TRDTYPE,USASTATE,DEPE,DISAGMOT,MEXSTATE,CANPROV,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,"
              "MONTH,YEAR")
    path = write_lines(tmp_path / "d1.csv", [
        header,
        "1,TX,2304,5,NL,,2010,500,0,0,1,X,01,2019",
        "1,ZZ,2304,5,NL,,2010,500,0,0,1,X,01,2019",     # unknown US state
        "1,TX,2304,5,QQ,,2010,500,0,0,1,X,01,2019",     # unknown Mexican state
        "1,TX,2304,5,NA,,2010,700,0,0,1,X,01,2019",     # NA = Nayarit, not missing
        "1,TX,2304,5,BN,,2010,11,0,0,1,X,01,2019",      # legacy Baja California Norte
        "1,TX,2304,5,BC,,2010,22,0,0,1,X,01,2019",
    ])
    report = empty_store.import_files([path], write_report=False)
    assert [(i.line, "US state" in i.reason or "Mexican state" in i.reason) for i in report.issues] == [
        (3, True), (4, True)]
    mx = empty_store.breakdown(TradeFilter(country="MX"), "mx_state").set_index("code")
    assert mx.loc["NA", "value"] == 700
    assert mx.loc["BC", "value"] == 33                    # BN merged into BC
    t = empty_store.totals(TradeFilter(mx_states=("BC",)))
    assert t.value == 33


def test_not_a_bts_file_changes_nothing(empty_store, tmp_path):
    empty_store.import_files([_dot3(tmp_path, [])], write_report=False)
    before = empty_store.stats()["freight_rows"]
    other = write_lines(tmp_path / "people.csv", ["name,age", "ana,3"])
    good = _dot3(tmp_path, ["1,2304,84,5,2010,1,0,10,1,X,04,2019"], name="good.csv")
    with pytest.raises(NotBTSFileError) as ei:
        empty_store.import_files([good, other])
    msg = str(ei.value)
    assert "people.csv" in msg and "not a BTS" in msg and "\n" not in msg
    assert empty_store.stats()["freight_rows"] == before       # good.csv did not land either


@pytest.mark.parametrize("content,needle", [
    (b"\xff\xfeT\x00R\x00", "UTF-16"),
    (b"", "not a BTS"),
    (b"\x00\x01\x02\x03binary", "binary"),
])
def test_odd_files_get_clear_messages(empty_store, tmp_path, content, needle):
    p = tmp_path / "odd.csv"
    p.write_bytes(content)
    with pytest.raises(NotBTSFileError, match=needle):
        empty_store.import_files([p])


def test_zip_without_csv_and_missing_path(empty_store, tmp_path):
    z = tmp_path / "empty.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(NotBTSFileError, match="no CSV"):
        empty_store.import_files([z])
    with pytest.raises(NotBTSFileError, match="does not exist"):
        empty_store.import_files([tmp_path / "nope.csv"])


@requires_shared
def test_real_file_with_injected_bad_rows(empty_store, tmp_path):
    lines = DOT1_2015.read_text().splitlines()
    lines[10] = lines[10].replace(",01,2015", ",01,20x5")            # line 11
    lines[20] = ",".join(lines[20].split(",")[:-2])                   # line 21
    p = write_lines(tmp_path / "dot1_bad.csv", lines)
    report = empty_store.import_files([p], write_report=False)
    assert [i.line for i in report.issues] == [11, 21]
    rows = raw_rows(DOT1_2015)
    assert report.rows_loaded == len(rows) - 2
    want = sum(int(r["VALUE"]) for i, r in enumerate(rows) if i not in (9, 19))
    assert empty_store.totals(TradeFilter()).value == want


def test_issues_whose_sentence_names_file_and_line(empty_store, tmp_path):
    """The import's sentences with a ``file`` or ``line`` parameter (an empty file, a file with
    no valid row, a record over two lines) never collide with the issue's own file and line."""
    from geo.imports.report import issue

    i = issue("row.multiline", "a.csv", 3, line=3, last=4)
    assert (i.file, i.line, i.code) == ("a.csv", 3, "row.multiline") and "lines 3-4" in i.reason
    i = issue("file.no_rows", "b.csv", None, file="b.csv")
    assert (i.file, i.line) == ("b.csv", None) and i.reason.startswith("b.csv has a header")

    header_only = write_lines(tmp_path / "header_only.csv", [DOT3_HEADER])
    all_bad = write_lines(tmp_path / "all_bad.csv", [DOT3_HEADER, "1,2304,84,5,2010,x,0,10,1,X,03,2019"])
    two_lines = write_lines(tmp_path / "two_lines.csv",
                            [DOT3_HEADER, GOOD[0], '1,2304,85,5,2010,"2\n00",0,10,1,X,03,2019'])
    rep = empty_store.import_files([header_only, all_bad, two_lines], write_report=False)
    by = {(i.file.rsplit("/", 1)[-1], i.line): i for i in rep.issues}
    assert by[("header_only.csv", None)].code == "file.no_rows"
    bad = by[("all_bad.csv", None)]
    assert bad.code == "file.all_invalid" and "none of its 1 rows" in bad.reason
    assert by[("two_lines.csv", 3)].code == "row.multiline" and "3-4" in by[("two_lines.csv", 3)].reason
    assert rep.rows_loaded == 1


def test_an_over_long_field_is_a_bad_row_naming_its_column(empty_store, tmp_path):
    path = _dot3(tmp_path, [
        f"1,2304,84,5,2010,{'9' * 300_000},0,10,1,X,03,2019",   # line 5: 300,000 digits
        f"1,2304,84,5,2010,100,0,10,1,{'X' * 5_000},03,2019",    # line 6: a 5,000-letter code
    ])
    rep = empty_store.import_files([path], write_report=False)
    by = {i.line: i.reason for i in rep.issues}
    assert sorted(by) == [5, 6] and rep.rows_loaded == 3
    assert by[5].startswith("VALUE is too long (300,000 characters")
    assert by[6].startswith("CONTCODE is too long (5,000 characters")
    assert all(len(r) < 300 for r in by.values())


def test_files_read_together_keep_their_own_lines_and_rows(empty_store, tmp_path):
    """Files with the same header are read in one scan: each file's bad rows are still reported
    under its own name and line (a quoted line break shifts later lines of that file only), and
    each file's good rows are counted and stored."""
    a = write_lines(tmp_path / "a.csv", [DOT3_HEADER, *GOOD,
                                         "1,2304,84,5,2010,1.5,0,10,1,X,03,2019",       # a: line 5
                                         '1,2304,84,5,2010,"7\n7",0,10,1,X,03,2019',    # a: lines 6-7
                                         "1,2304,84,5,2010,0x10,0,10,1,X,03,2019"])     # a: line 8
    b_rows = [r.replace(",03,2019", ",04,2019") for r in GOOD]
    b = write_lines(tmp_path / "b.csv", [DOT3_HEADER, "1,2304,84,5,9999,100,0,10,1,X,04,2019",  # b: line 2
                                         *b_rows, "1,2304,84,5,2010,-5,0,10,1,X,04,2019"])      # b: line 6
    report = empty_store.import_files([a, b])
    where = sorted((i.file, i.line) for i in report.issues)
    assert where == [(str(a), 5), (str(a), 6), (str(a), 8), (str(b), 2), (str(b), 6)]
    per_file = {r.file: (r.rows_loaded, r.rows_rejected) for r in report.files}
    assert per_file == {str(a): (3, 3), str(b): (3, 2)}
    assert [r.file for r in report.files] == [str(a), str(b)]
    assert empty_store.totals(TradeFilter()).value == 2 * (1000 + 2000 + 4000)
