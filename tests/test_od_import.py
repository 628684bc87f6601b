"""User OD tables: names and coordinates resolve; bad rows are reported one by one."""
from __future__ import annotations

import numpy as np
import pytest

from geo.flows import load_anchors, tooltip
from geo.flows.od import ODImportError, read_od_csv


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_names_and_codes_resolve_and_unknown_names_are_reported_row_by_row(tmp_path):
    p = write(tmp_path, "od.csv",
              "origin,destination,value,mode\n"
              "Texas,Nuevo León,1000,truck\n"       # line 2
              "tx,MONTERREY,500,rail\n"             # 3: code + anchor city, any case
              "Atlantis,Texas,20,\n"                # 4: unknown origin
              "Laredo,jalisco,\"$1,200\",truck\n"   # 5: port name, thousands separator
              "California,Narnia,7,\n"              # 6: unknown destination
              "California,BC,abc,\n"                # 7: bad number
              "2304,NL,300,\n")                     # 8: port code
    r = read_od_csv(p)
    assert r.rows_read == 7 and r.rows_loaded == 4
    assert [(x.line, x.file) for x in r.problems] == [(4, "od.csv"), (6, "od.csv"), (7, "od.csv")]
    assert "Atlantis" in r.problems[0].reason and "origin" in r.problems[0].reason
    assert "Narnia" in r.problems[1].reason and "destination" in r.problems[1].reason
    assert "not a number" in r.problems[2].reason
    assert "od.csv:4:" in r.report()
    fs = r.flowset
    assert fs.kind == "od" and not fs.has_port.any()
    assert sorted(fs.value.tolist()) == [300, 500, 1000, 1200]
    a = load_anchors()
    i = int(np.nonzero(fs.value == 1000)[0][0])
    assert (fs.origin[i], fs.dest[i]) == ("TX", "NL")
    assert (fs.dx[i], fs.dy[i]) == pytest.approx((a.get("mx_state", "NL").x, a.get("mx_state", "NL").y))
    j = int(np.nonzero(fs.value == 1200)[0][0])
    assert fs.origin_kind[j] == "port" and fs.dest[j] == "JA"
    assert "Laredo" in tooltip(fs, j) and "40%" in tooltip(fs, j)
    assert fs.geometry(3000.0).centres.shape[0] == 4


def test_coordinates_with_swapped_lat_lon_are_reported(tmp_path):
    p = write(tmp_path, "xy.csv",
              "from_lon;from_lat;to_lon;to_lat;amount\n"
              "-99.5;27.5;-100.3;25.7;100\n"
              "27.5;-99.5;-100.3;25.7;50\n"
              "-99.5;27.5;-500;25.7;50\n"
              "-99.5;;-100.3;25.7;5\n")
    r = read_od_csv(p)
    assert r.rows_loaded == 1
    assert [x.line for x in r.problems] == [3, 4, 5]
    assert "swapped" in r.problems[0].reason
    assert "out of range" in r.problems[1].reason
    assert "not numbers" in r.problems[2].reason


def test_latin1_file_loads_with_a_note(tmp_path):
    p = write(tmp_path, "latin.csv", "origin,destination,value\nNuevo León,Querétaro,10\n", "cp1252")
    r = read_od_csv(p)
    assert r.rows_loaded == 1 and r.encoding == "cp1252"
    assert any("UTF-8" in str(n) for n in r.notes)
    assert r.flowset.dest[0] == "QT"


def test_a_file_that_is_not_an_od_table_is_refused_clearly(tmp_path):
    with pytest.raises(ODImportError, match="not an origin–destination table.*value column"):
        read_od_csv(write(tmp_path, "a.csv", "origin,destination,colour\nTX,NL,red\n"))
    with pytest.raises(ODImportError, match="not an origin–destination table"):
        read_od_csv(write(tmp_path, "b.csv", "a,b,c\n1,2,3\n"))
    with pytest.raises(ODImportError, match="empty"):
        read_od_csv(write(tmp_path, "c.csv", "\n"))
    p = tmp_path / "d.csv"
    p.write_bytes(b"\x89PNG\x00\x00\x00binary")
    with pytest.raises(ODImportError, match="not a text"):
        read_od_csv(p)
