"""Issue 15: importing the company's facilities — encodings, delimiters, coordinates as people
type them, every bad row reported with its line, the RETC register as it is."""
from __future__ import annotations

import pytest

from geo.network.coords import CoordinateError, parse_coordinate
from geo.network.facilities import import_facilities
from geo.network.tables import TableError
from tests.conftest import shared_data_or_skip


@pytest.mark.parametrize("text, value", [
    ("20°43'58\"", 20 + 43 / 60 + 58 / 3600),
    ("25º56'52.6\"", 25 + 56 / 60 + 52.6 / 3600),
    ("19°35'17.05''", 19 + 35 / 60 + 17.05 / 3600),
    (" 20° 43' 58 \" ", 20 + 43 / 60 + 58 / 3600),
    ("100 18 43 W", -(100 + 18 / 60 + 43 / 3600)),
    ("-99.1", -99.1),
    ("25,5", 25.5),
])
def test_coordinates_as_people_type_them(text, value):
    assert parse_coordinate(text) == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize("text", ["abc", "25°70'", "12-3", ""])
def test_a_coordinate_that_is_not_one_is_refused(text):
    with pytest.raises(CoordinateError):
        parse_coordinate(text)


def test_latin1_supplier_csv_keeps_its_accents(tmp_path):
    path = tmp_path / "proveedores.csv"
    path.write_bytes("id;nombre;latitud;longitud;ciudad\n"
                     "S1;Aceros de Ciudad Juárez;31.69;-106.42;Ciudad Juárez\n"
                     "S2;Plásticos Querétaro;20°35'17\";100°23'19\" W;Querétaro\n".encode("latin-1"))
    res = import_facilities(path)
    assert res.counts() == {"placed": 2, "geocoded": 0, "review": 0, "rejected": 0}
    assert res.facilities["S1"].name == "Aceros de Ciudad Juárez"
    assert res.facilities["S1"].city == "Ciudad Juárez"
    assert res.facilities["S2"].name == "Plásticos Querétaro"
    assert res.facilities["S2"].lon == pytest.approx(-(100 + 23 / 60 + 19 / 3600))
    assert (res.facilities["S1"].country, res.facilities["S1"].state) == ("MX", "CH")


def test_utf8_bom_and_tabs_and_spanish_west_header(tmp_path):
    path = tmp_path / "plantas.tsv"
    path.write_bytes("\ufeffNRA\tNOMBRE\tLATITUD NORTE\tLONGITUD OESTE\n"
                     "A1\tPlanta Saltillo\t25°25'33\"\t100°58'47\"\n".encode("utf-8"))
    f = import_facilities(path).facilities["A1"]
    assert f.lat == pytest.approx(25.425833, abs=1e-5)
    assert f.lon == pytest.approx(-100.979722, abs=1e-5)   # west: negative
    assert f.state == "CO"


def _rows(tmp_path, body: str):
    path = tmp_path / "sites.csv"
    path.write_text("id,name,lat,lon,country,spend\n" + body, encoding="utf-8")
    res = import_facilities(path)
    return res, {r.id: r for r in res.rows}


def test_every_bad_row_is_reported_with_its_line_and_none_is_dropped(tmp_path):
    res, rows = _rows(tmp_path, (
        "ok,Good,25.68,-100.31,MX,100\n"
        "swap,Swapped,-100.31,25.68,MX,\n"
        "pos,Positive,25.68,100.31,MX,\n"
        "zero,Zero,0°0'0\",0,MX,\n"
        "far,Out of range,95,-100,,\n"
        "ok,Duplicate,25.7,-100.3,MX,\n"
        "num,Bad spend,25.68,-100.31,MX,lots\n"
        ",No id,25.68,-100.31,MX,\n"
        "half,Half,25.68,,MX,\n"
        "none,Nowhere,,,,\n"))
    assert len(res.rows) == 10                       # every data row has an outcome
    assert rows["swap"].status == "rejected" and "swapped" in rows["swap"].issues[0].reason
    assert rows["swap"].line == 3
    assert "positive longitude" in rows["pos"].issues[0].reason
    assert "0, 0" in rows["zero"].issues[0].reason
    assert "out of range" in rows["far"].issues[0].reason
    dup = [r for r in res.rows if r.id == "ok" and r.status == "rejected"][0]
    assert "line 2" in dup.issues[0].reason and dup.line == 7
    assert rows["num"].status == "placed" and "not a number" in rows["num"].issues[0].reason
    assert res.facilities["num"].attr("spend") is None and res.facilities["ok"].attr("spend") == 100
    assert "empty" in rows[""].issues[0].reason
    assert "only one of latitude" in rows["half"].issues[0].reason
    assert "no coordinates and no place" in rows["none"].issues[0].reason
    assert set(res.facilities) == {"ok", "num"}
    report = res.write_report(tmp_path / "report.csv").read_text(encoding="utf-8")
    assert report.count("rejected") == 8


def test_a_header_below_a_title_is_found_and_reported(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("Supplier list 2025,,\n\nid,name,latitude,longitude\nA,Plant,25.68,-100.31\n", encoding="utf-8")
    res = import_facilities(path)
    assert "A" in res.facilities
    assert res.notices and "line 3" in res.notices[0].reason


def test_xlsx_and_geojson_and_a_shapefile_without_its_dbf(tmp_path):
    import geopandas as gpd
    from openpyxl import Workbook
    from shapely.geometry import Point

    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Name", "Lat", "Lon", "Headcount"])
    ws.append(["X1", "Planta León", 21.12, -101.68, 250])
    wb.save(tmp_path / "sites.xlsx")
    res = import_facilities(tmp_path / "sites.xlsx")
    assert res.facilities["X1"].name == "Planta León" and res.facilities["X1"].attr("headcount") == 250

    g = gpd.GeoDataFrame({"id": ["G1"], "name": ["Almacén Laredo"]}, geometry=[Point(-99.5, 27.5)], crs="EPSG:4326")
    g.to_file(tmp_path / "sites.geojson", driver="GeoJSON")
    f = import_facilities(tmp_path / "sites.geojson").facilities["G1"]
    assert (f.lon, f.lat, f.name) == (pytest.approx(-99.5), pytest.approx(27.5), "Almacén Laredo")

    g.to_file(tmp_path / "sites.shp")
    (tmp_path / "sites.dbf").unlink()
    with pytest.raises(TableError) as err:
        import_facilities(tmp_path / "sites.shp")
    assert ".dbf" in str(err.value) and ".shx" not in str(err.value).split("needs")[0]


def test_retc_2022_imports_as_it_is_with_every_bad_row_listed():
    import pandas as pd

    raw = shared_data_or_skip("semarnat_retc", "es_2022_raw.tsv")
    ref = shared_data_or_skip("semarnat_retc", "retc_2022_with_decimal_coords.csv")
    res = import_facilities(raw)
    want = pd.read_csv(ref, keep_default_na=False)
    assert len(res.rows) == len(want)                # every record has an outcome
    assert res.mapping["LATITUD NORTE"] == "lat" and res.mapping["LONGITUD OESTE"] == "lon"
    bad_ref = want[want["coord_ok"].astype(str) != "True"]
    assert {r.id for r in res.rejected} == set(bad_ref["nra"])   # the bad rows, all listed, with a reason
    assert all(r.issues for r in res.rejected)
    for nra, lat, lon in zip(want["nra"], want["lat_dd"], want["lon_dd"]):
        if nra in res.facilities:
            f = res.facilities[nra]
            assert (f.lat, f.lon) == (pytest.approx(lat, abs=1e-5), pytest.approx(lon, abs=1e-5)), nra
    assert all(f.country == "MX" for f in res.facilities.values())
    assert res.facilities["AAA3110200079"].state == "YU"
    # rows whose coordinates lie far outside the state they name are placed and listed with the reason
    flagged = {r.id: r.issues[0].reason for r in res.rows if r.issues}
    assert "Michoacán" in flagged["AME2604200008"] and "outside it" in flagged["AME2604200008"]
    row = want[want["nra"] == "AME2604200008"].iloc[0]
    assert row["estado"] == "Michoacán de Ocampo" and row["lat_dd"] > 26   # Michoacán lies south of 21°N
