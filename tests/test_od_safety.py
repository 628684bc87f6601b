"""Issue 9 for flow tables (File → Open Flow Table): a user's OD table never loses or
misreads a row silently. Points outside North America, numbers whose meaning the file does
not settle, over-long fields and names that may mean several places are reported row by
row; the city names the app knows load, through the one place resolver (geo.data.places)."""
from __future__ import annotations

import csv
import os
import subprocess
import sys

import numpy as np

from geo.data.places import in_north_america, places
from geo.flows import Anchors, load_anchors
from geo.flows.od import MAX_FIELD_CHARS, MAX_VALUE, read_od_csv
from tests.conftest_store import REPO, write_lines


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def by_line(result):
    return {p.line: p.reason for p in result.problems}


# -- points outside North America ------------------------------------------------------------
def test_points_outside_north_america_are_reported_per_row(tmp_path):
    p = write(tmp_path, "points.csv",
              "origin_lon,origin_lat,dest_lon,dest_lat,value\n"
              "-100.99,25.42,-99.51,27.48,100\n"      # 2: Saltillo -> Nuevo Laredo
              "100.99,25.42,-99.51,27.48,200\n"       # 3: a Mexican place with a positive longitude
              "-100.99,25.42,27.48,-99.51,300\n"      # 4: destination lat/lon swapped (|lat| > 90)
              "43.65,-79.38,-99.51,27.48,400\n"       # 5: Toronto swapped (both in range)
              "0,0,-99.51,27.48,500\n"                # 6: (0, 0)
              "-100.99,25.42,2.35,48.86,600\n"        # 7: Paris
              "-100.99,-25.42,-99.51,27.48,700\n"     # 8: south of the equator
              "-100.99,25.42,-99.51,27.48,800\n")     # 9: fine
    r = read_od_csv(p)
    bad = by_line(r)
    assert sorted(bad) == [3, 4, 5, 6, 7, 8] and r.rows_loaded == 2
    assert "origin" in bad[3] and "east of Greenwich" in bad[3] and "-100.99, 25.42" in bad[3]
    assert "destination" in bad[4] and "swapped" in bad[4]
    assert "origin" in bad[5] and "swapped" in bad[5]
    assert "0, 0" in bad[6] and "not in North America" in bad[6]
    assert "destination" in bad[7] and "outside North America" in bad[7]
    assert "south of the equator" in bad[8]
    assert sorted(r.flowset.value.tolist()) == [100, 800]
    assert all(in_north_america(*xy) for xy in [(-100.99, 25.42), (-155.5, 19.6), (-66.1, 18.4)])
    assert "points.csv:3:" in r.report()


# -- numbers ---------------------------------------------------------------------------------
def test_currency_thousands_and_exponents_are_read_or_rejected_never_truncated(tmp_path):
    p = write(tmp_path, "money.csv",
              "origin,destination,value\n"
              'Texas,Nuevo León,"$2,000"\n'          # 2: 2000
              'Texas,Jalisco,"1,234.56"\n'           # 3: 1234.56 (the file writes 1,234.56)
              "Texas,Sonora,1e30\n"                  # 4: out of range
              'Texas,Sonora,"US$ 1,250,000"\n'       # 5: 1250000
              "Texas,Sonora,12.5\n"                  # 6: 12.5
              "Texas,Sonora,-5\n"                    # 7: negative
              "Texas,Sonora,abc\n"                   # 8: not a number
              "Texas,Sonora,\n")                     # 9: empty
    r = read_od_csv(p)
    bad = by_line(r)
    assert sorted(bad) == [4, 7, 8, 9]
    assert "1e30" in bad[4] and "out of range" in bad[4] and f"{MAX_VALUE:,.0f}" in bad[4]
    assert "negative" in bad[7] and "not a number" in bad[8] and "empty" in bad[9]
    assert sorted(r.flowset.value.tolist()) == [12.5, 1234.56, 2000, 1_250_000]
    assert r.number_style == "point"


def test_decimal_comma_reads_only_when_the_file_settles_it(tmp_path):
    # a file written with decimal commas throughout: 1.234,56 is 1234.56
    eu = write(tmp_path, "eu.csv", "origin;destination;value\nTexas;Jalisco;1.234,56\nTexas;Sonora;2,5\n"
                                   "Texas;Sonora;1.000\n")
    r = read_od_csv(eu)
    assert not r.problems and r.number_style == "comma"
    assert sorted(r.flowset.value.tolist()) == [2.5, 1000, 1234.56]

    # both styles in one file: which separator means thousands is unclear: rejected, by row
    mixed = write(tmp_path, "mixed.csv", 'origin,destination,value\nTexas,Jalisco,"1.234,56"\n'
                                         'Texas,Sonora,"1,234.56"\nTexas,Sonora,7\n')
    r = read_od_csv(mixed)
    bad = by_line(r)
    assert sorted(bad) == [2, 3] and "1.234,56" in bad[2] and "1,234.56" in bad[3]
    assert "unclear" in bad[2] and r.flowset.value.tolist() == [7]

    # a semicolon file (as decimal-comma spreadsheets write) with nothing else to go by
    amb = write(tmp_path, "amb.csv", "origin;destination;value\nTexas;Jalisco;1.234\nTexas;Sonora;3\n")
    r = read_od_csv(amb)
    bad = by_line(r)
    assert list(bad) == [2] and "ambiguous" in bad[2] and "1.234 with a decimal point" in bad[2]
    assert "1234 with a decimal comma" in bad[2]
    assert r.flowset.value.tolist() == [3]        # never 1.234, never 1234


# -- over-long fields ------------------------------------------------------------------------
def test_an_over_long_field_names_file_row_and_column(tmp_path):
    limit = csv.field_size_limit()
    huge = "x" * 200_000                    # over the csv module's own limit (131,072)
    p = write(tmp_path, "long.csv",
              "origin,destination,value,label\n"
              "Texas,Jalisco,10,steel\n"
              f"Texas,Jalisco,20,{huge}\n"
              f"{'Saltillo' * 200},Texas,30,\n"
              "Texas,Sonora,40,\n")
    r = read_od_csv(p)
    bad = by_line(r)
    assert sorted(bad) == [3, 4] and r.rows_loaded == 2
    assert "column label is too long (200,000 characters" in bad[3] and f"{MAX_FIELD_CHARS:,}" in bad[3]
    assert "column origin is too long (1,600 characters" in bad[4]
    assert str(r.problems[0]).startswith("long.csv:3: ")
    assert csv.field_size_limit() == limit      # the process-wide limit is restored


def test_an_over_long_field_in_the_window(make_window, tmp_path):
    win = make_window()
    p = write(tmp_path, "long.csv", "origin,destination,value,label\nTexas,Jalisco,10,steel\n"
                                    f"Texas,Jalisco,20,{'x' * 200_000}\n")
    win.open_od_table(str(p))
    dialog = win.od_report
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "3"
    assert "column label is too long (200,000 characters" in dialog.table.item(0, 1).text()
    assert len(win.flows.flowset) == 1
    win.project.history.mark_clean()     # closed at teardown without the "unsaved changes" question


def test_a_broken_file_is_one_clear_message_in_the_window(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    win = make_window()
    win.open_od_table(str(write(tmp_path, "a.csv", "origin,destination,colour\nTX,NL,red\n")))
    assert len(shown) == 1 and "a.csv is not an origin–destination table" in shown[0]
    assert "value column" in shown[0]


def test_an_over_long_field_on_the_command_line(tmp_path):
    header = "TRDTYPE,DEPE,COMMODITY2,DISAGMOT,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR"
    path = write_lines(tmp_path / "dot3_0319.csv", [
        header,
        "1,2304,84,5,2010,100,0,10,1,X,03,2019",
        f"1,2304,85,5,2010,{'9' * 300_000},0,10,1,X,03,2019",     # 3: an amount of 300,000 digits
        f"1,{'A' * 300_000},86,5,2010,100,0,10,1,X,03,2019",      # 4: a port code of 300,000 letters
        "1,2304,87,5,2010,100,0,10,1,X,03,2019",
    ])
    env = dict(os.environ, PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-m", "cli.data", "import", str(path), "--store",
                        str(tmp_path / "s.duckdb"), "--no-default-data", "-q"],
                       capture_output=True, text=True, env=env, timeout=180)
    out = r.stdout + r.stderr
    assert "Traceback" not in out, out[-2000:]
    assert "dot3_0319.csv, line 3: VALUE is too long (300,000 characters" in out
    assert "dot3_0319.csv, line 4: DEPE is too long (300,000 characters" in out
    assert "2 rows loaded" in out and len(out) < 20_000          # the field is not echoed


# -- place names -----------------------------------------------------------------------------
def test_city_names_the_app_knows_are_accepted(tmp_path):
    p = write(tmp_path, "cities.csv",
              "origin,destination,value\n"
              "Saltillo,Nuevo Laredo,100\n"            # 2: two cities
              "Cd. Juárez,El Paso,200\n"               # 3: abbreviation and accents; a port
              "Monterrey,Texas,300\n"                  # 4: an anchor city
              "Portland,Texas,5\n"                     # 5: Portland, ME (port) or Portland, Oregon?
              "\"Portland, OR\",Texas,6\n"             # 6: narrowed by its state
              "CO,Texas,7\n"                           # 7: Colorado or Coahuila?
              "MX-CO,Texas,8\n")                       # 8: Coahuila
    r = read_od_csv(p)
    bad = by_line(r)
    assert sorted(bad) == [5, 7]
    assert "ambiguous place 'Portland'" in bad[5] and "Portland, Oregon" in bad[5] and "port 0101" in bad[5]
    assert "Colorado" in bad[7] and "Coahuila" in bad[7] and ("MX-CO" in bad[7] or "US-CO" in bad[7])
    fs = r.flowset
    names = {(str(o), str(d)) for o, d in zip(fs.origin_name, fs.dest_name)}
    assert ("Saltillo, Coahuila", "Nuevo Laredo, Tamaulipas") in names
    assert ("Ciudad Juárez, Chihuahua", "El Paso, TX") in names
    assert ("Portland, Oregon", "Texas") in names and ("Coahuila", "Texas") in names
    i = int(np.nonzero(fs.value == 100)[0][0])
    assert fs.origin_kind[i] == "city" and fs.dest_kind[i] == "city"
    # drawn where the cities are: Saltillo is south-west of Nuevo Laredo
    assert fs.ox[i] < fs.dx[i] and fs.oy[i] < fs.dy[i]


def test_state_spellings_are_one_place_and_clashing_codes_get_a_note(tmp_path):
    p = write(tmp_path, "nl.csv", "origin,destination,value\nTexas,NL,1\nTexas,N.L.,2\nTexas,Nuevo Leon,3\n"
                                  "Texas,Nuevo León,4\nTexas,nuevo-leon,5\nTexas,NLE,6\n")
    r = read_od_csv(p)
    assert not r.problems and set(r.flowset.dest) == {"NL"} and set(r.flowset.dest_kind) == {"mx_state"}
    nl = load_anchors().get("mx_state", "NL")
    assert set(r.flowset.dx.round(3)) == {round(nl.x, 3)}
    notes = [str(n) for n in r.notes]
    assert any("NL was read as Nuevo Leon" in n and "Newfoundland" in n for n in notes)


def test_one_resolver_with_confidences():
    pl = places()
    for text in ("NL", "N.L.", "Nuevo Leon", "Nuevo León", "MX-NL", "nuevo leon, mexico"):
        assert (pl.resolve(text).place.kind, pl.resolve(text).place.code) == ("mx_state", "NL"), text
    for text, kind, code in (("Laredo", "port", "2304"), ("2304", "port", "2304"), ("Laredo, TX", "port", "2304"),
                             ("tx", "us_state", "TX"), ("Quebec", "ca_prov", "XQ"), ("Calif.", "us_state", "CA"),
                             ("Tamps.", "mx_state", "TM"), ("CDMX", "mx_state", "DF")):
        got = pl.resolve(text).place
        assert got is not None and (got.kind, got.code) == (kind, code), text
    c = pl.candidates("NL")
    assert [(x.kind, x.code) for x in c[:2]] == [("mx_state", "NL"), ("ca_prov", "XW")]
    assert c[0].confidence > c[1].confidence
    assert pl.resolve("Atlantis").status == "unknown"
    assert pl.resolve("Hidalgo").status == "ambiguous"        # the state or the port of Hidalgo, TX
    assert pl.resolve("Mexico").status == "ambiguous"         # the State of Mexico is only a guess
    assert {x.kind for x in pl.candidates("Saltillo")} == {"city"}
    mine = pl.copy()                     # a later importer extends a copy, never the shared table
    mine.add("site", "ACME-1", "ACME Saltillo plant", "MX", -100.9, 25.45, state="CO",
             keys=[("ACME Saltillo", 0.95, "site name")])
    assert mine.resolve("ACME Saltillo").place.code == "ACME-1" and not pl.candidates("ACME Saltillo")


def test_od_reads_names_only_through_the_resolver(tmp_path):
    from geo.data.places import Places

    assert not hasattr(Anchors, "lookup_name")
    mine = Places()
    mine.add("city", "MX-CO-Ramos", "Ramos Arizpe, Coahuila", "MX", -100.95, 25.54, state="CO",
             keys=[("Ramos Arizpe", 0.8, "city"), ("Ramos", 0.75, "city")])
    mine.add("us_state", "TX", "Texas", "US", -96.8, 32.78, state="TX", keys=[("Texas", 0.95, "name")])
    p = write(tmp_path, "own.csv", "origin,destination,value\nRamos,Texas,10\nSaltillo,Texas,5\n")
    r = read_od_csv(p, place_table=mine)
    assert r.rows_loaded == 1 and r.flowset.origin_name[0] == "Ramos Arizpe, Coahuila"
    assert list(by_line(r)) == [3] and "unknown place 'Saltillo'" in r.problems[0].reason


def test_a_stray_nul_byte_late_in_the_file_is_a_bad_row(tmp_path):
    p = tmp_path / "nul.csv"
    p.write_bytes(b"origin,destination,value\n" + b"Texas,Jalisco,1\n" * 400 + b"Tex\x00as,Jalisco,1\n")
    r = read_od_csv(p)
    assert r.rows_loaded == 400 and list(by_line(r)) == [402]
    assert "column origin holds a control character (U+0000)" in r.problems[0].reason
