"""Tests of the bundled point tables in data/ and of data/build_points.py (no Qt).

Tests of the committed CSVs always run. Tests that re-read the public source files skip when
<repo>/../shared/data is not present.
"""
from __future__ import annotations

import csv
import importlib.util
import math
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SHARED = REPO.parent / "shared" / "data"
TABLES = ("ports_of_entry.csv", "ports_of_entry_canada.csv", "border_crossings.csv", "seaports.csv",
          "industrial_zones.csv")

MEXICO_BBOX = (-118.45, 14.50, -86.70, 32.75)  # lon_min, lat_min, lon_max, lat_max
CLUSTER_NAMES = (
    "Ciudad Juárez", "Tijuana", "Mexicali", "Reynosa", "Matamoros", "Nuevo Laredo",
    "Monterrey metro", "Saltillo–Ramos Arizpe", "Piedras Negras", "Nogales", "Hermosillo",
    "Chihuahua", "Bajío",
)
# name -> (country, approx lon, lat) of the real port
SEAPORTS = {
    "Manzanillo": ("MX", -104.31, 19.06),
    "Lázaro Cárdenas": ("MX", -102.18, 17.94),
    "Veracruz": ("MX", -96.13, 19.20),
    "Altamira": ("MX", -97.86, 22.49),
    "Ensenada": ("MX", -116.62, 31.85),
    "Houston": ("US", -95.27, 29.73),
    "Long Beach": ("US", -118.20, 33.75),
    "Los Angeles": ("US", -118.26, 33.73),
    "Corpus Christi": ("US", -97.40, 27.81),
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


def km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def read(name: str) -> pd.DataFrame:
    # every column as text, exactly as another reader would see it; NA = Nayarit stays "NA"
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def need_shared() -> Path:
    if not (SHARED / "bts" / "border_crossing_entry" / "Border_Crossing_Entry_Data.csv").exists():
        pytest.skip(f"{SHARED} (../shared/data) not present: source data needed for this test")
    return SHARED


def load_builder():
    spec = importlib.util.spec_from_file_location("build_points", DATA / "build_points.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def ports() -> pd.DataFrame:
    return read("ports_of_entry.csv")


@pytest.fixture(scope="module")
def crossings() -> pd.DataFrame:
    return read("border_crossings.csv")


@pytest.fixture(scope="module")
def seaports() -> pd.DataFrame:
    return read("seaports.csv")


@pytest.fixture(scope="module")
def zones() -> pd.DataFrame:
    return read("industrial_zones.csv")


# ------------------------------------------------------------------ committed files only


@pytest.mark.parametrize("name", TABLES)
def test_tables_small_utf8_and_rounded(name):
    path = DATA / name
    raw = path.read_bytes()
    assert 0 < len(raw) < 100_000, f"{name} should be a compact table"
    text = raw.decode("utf-8")
    assert "\r" not in text
    df = read(name)
    assert len(df) > 0
    for col in ("lon", "lat"):
        vals = df[col]
        assert (vals != "").all(), f"{name}: empty {col}"
        decimals = vals.str.partition(".")[2].str.len()
        assert decimals.max() <= 5, f"{name}: {col} not rounded to 5 decimals"


def test_ports_schema_and_codes(ports):
    assert list(ports.columns) == [
        "port_code", "name", "state", "state_code", "lon", "lat",
        "first_month", "last_month", "truck_2024", "source",
    ]
    assert ports["port_code"].str.fullmatch(r"\d{4}").all()
    assert ports["port_code"].is_unique
    assert set(ports["state_code"]) <= {"CA", "AZ", "NM", "TX"}
    assert ports["first_month"].str.fullmatch(r"\d{4}-\d{2}").all()
    assert (ports["first_month"] <= ports["last_month"]).all()
    assert ports["truck_2024"].str.fullmatch(r"\d+").all()


def test_laredo_in_texas_and_busiest_truck_port(ports):
    lar = ports.set_index("port_code").loc["2304"]
    assert lar["name"] == "Laredo"
    assert (lar["state"], lar["state_code"]) == ("Texas", "TX")
    assert km(float(lar["lon"]), float(lar["lat"]), -99.5, 27.5) < 5
    trucks = ports.set_index("port_code")["truck_2024"].astype(int)
    assert trucks.idxmax() == "2304"


def test_no_two_ports_share_coordinates(ports):
    coords = list(zip(ports["lon"].astype(float), ports["lat"].astype(float)))
    dup = [c for c, n in Counter(coords).items() if n > 1]
    assert not dup, f"ports sharing coordinates: {dup}"


def test_calexico_ports_are_apart(ports):
    p = ports.set_index("port_code")
    west, east = p.loc["2503"], p.loc["2507"]
    d = km(float(west["lon"]), float(west["lat"]), float(east["lon"]), float(east["lat"]))
    assert 8 < d < 14  # downtown Calexico vs Calexico East are ~10 km apart
    assert km(float(east["lon"]), float(east["lat"]), -115.3881, 32.6736) < 1


def test_every_port_is_on_the_border(ports):
    # all US-Mexico land ports lie within ~15 km north of the border latitude band
    for _, r in ports.iterrows():
        lon, lat = float(r["lon"]), float(r["lat"])
        assert -117.2 < lon < -97.1 and 25.8 < lat < 32.8, r["name"]


def test_crossings_link_to_existing_ports(crossings, ports):
    assert crossings["crossing_id"].is_unique
    known = set(ports["port_code"])
    missing = crossings.loc[~crossings["port_code"].isin(known), ["crossing_id", "port_code"]]
    assert missing.empty, f"crossings linked to unknown ports: {missing.values.tolist()}"
    names = dict(zip(ports["port_code"], ports["name"]))
    assert (crossings["port_name"] == crossings["port_code"].map(names)).all()
    assert set(crossings["class"]) == {"1", "2"}


def test_named_crossings(crossings):
    c = crossings.set_index("name")
    for name, port in [
        ("Laredo - World Trade Bridge", "2304"),
        ("Pharr - Pharr-Reynosa International Bridge", "2305"),
        ("El Paso - Ysleta (Zaragoza) Bridge", "2401"),
        ("Otay Mesa", "2506"),
    ]:
        assert name in c.index, name
        assert c.loc[name, "port_code"] == port
    wtb = c.loc["Laredo - World Trade Bridge"]
    assert km(float(wtb["lon"]), float(wtb["lat"]), -99.536, 27.598) < 2
    assert wtb["class"] == "2" and wtb["trucks_2013"] == ""  # NTAD counts only on CLASS 1
    assert int(c.loc["Otay Mesa", "trucks_2013"]) > 500_000


def test_each_class1_crossing_is_its_ports_summary(crossings):
    c1 = crossings[crossings["class"] == "1"]
    assert c1["ntad_port_code"].is_unique
    assert (c1["trucks_2013"] != "").all()


def test_named_seaports_present(seaports):
    assert set(seaports["country"]) == {"US", "MX"}
    assert set(seaports["coast"]) <= {"Pacific", "Gulf", "Caribbean"}
    by_name = {(fold(n), c): r for (n, c), r in
               zip(zip(seaports["name"], seaports["country"]), seaports.to_dict("records"))}
    for name, (country, lon, lat) in SEAPORTS.items():
        key = (fold(name), country)
        assert key in by_name, f"missing seaport {name} ({country})"
        r = by_name[key]
        assert km(float(r["lon"]), float(r["lat"]), lon, lat) < 25, name
    assert by_name[("houston", "US")]["coast"] == "Gulf"
    assert by_name[("manzanillo", "MX")]["coast"] == "Pacific"
    assert by_name[("veracruz", "MX")]["coast"] == "Gulf"
    assert int(by_name[("houston", "US")]["tonnage"]) > 100_000_000


def test_seaport_coasts_and_codes(seaports):
    labels = {"L": "Large", "M": "Medium", "S": "Small", "V": "Very small", "": ""}
    assert (seaports["harbor_size"].map(labels) == seaports["harbor_size_label"]).all()
    loc = seaports["unlocode"]
    assert (loc == "").sum() < len(loc) / 4
    filled = seaports[loc != ""]
    assert (filled["unlocode"].str[:2] == filled["country"]).all()
    assert filled["unlocode"].str.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}").all()
    us = seaports[seaports["country"] == "US"]
    lon, lat = us["lon"].astype(float), us["lat"].astype(float)
    assert (lat < 49.5).all() and (lon > -125.5).all(), "Alaska/Hawaii must be left out"
    assert not ((us["coast"] == "Gulf") & (lon > -81.5)).any(), "Atlantic Florida is not Gulf"
    mx = seaports[seaports["country"] == "MX"]
    carib = mx[mx["coast"] == "Caribbean"]
    assert len(carib) > 0 and (carib["lon"].astype(float) > -88.5).all()


def test_zones_inside_mexico(zones):
    lon, lat = zones["lon"].astype(float), zones["lat"].astype(float)
    x0, y0, x1, y1 = MEXICO_BBOX
    outside = zones[~(lon.between(x0, x1) & lat.between(y0, y1))]
    assert outside.empty, outside[["zone_id", "lon", "lat"]].values.tolist()


def test_zone_schema(zones):
    assert list(zones.columns) == [
        "zone_id", "name", "kind", "state", "state_code", "municipality", "n_facilities",
        "n_parks", "top_sectors", "lon", "lat", "cluster", "source",
    ]
    assert zones["zone_id"].is_unique
    assert set(zones["kind"]) == {"park", "cluster"}
    parks = zones[zones["kind"] == "park"]
    assert (parks["n_parks"] == "").all()
    assert (parks["n_facilities"].astype(int) >= 1).all()
    assert parks["state_code"].str.fullmatch(r"[A-Z]{2}").all()
    assert (parks["top_sectors"].str.count("; ") <= 2).all()
    cluster_ids = set(zones.loc[zones["kind"] == "cluster", "zone_id"])
    assert set(parks["cluster"]) - {""} <= cluster_ids


def test_named_clusters_exist(zones):
    cl = zones[zones["kind"] == "cluster"].set_index("name")
    parks = zones[zones["kind"] == "park"]
    for name in CLUSTER_NAMES:
        assert name in cl.index, f"missing cluster {name}"
        row = cl.loc[name]
        assert int(row["n_facilities"]) > 0, name
        # a cluster counts every facility in it, in parks or not
        member_parks = parks[parks["cluster"] == row["zone_id"]]
        assert int(row["n_parks"]) == len(member_parks)
        assert int(row["n_facilities"]) >= member_parks["n_facilities"].astype(int).sum()
    assert int(cl.loc["Monterrey metro", "n_facilities"]) > 100
    assert int(cl.loc["Bajío", "n_facilities"]) > 100
    juarez = cl.loc["Ciudad Juárez"]
    assert km(float(juarez["lon"]), float(juarez["lat"]), -106.44, 31.69) < 30
    # Juárez, Nuevo León must not leak into Ciudad Juárez
    assert juarez["state_code"] == "CH"


# ------------------------------------------------------------------ against the sources


def test_every_bts_mexico_port_is_bundled(ports):
    shared = need_shared()
    codes, trucks_laredo = set(), 0
    path = shared / "bts/border_crossing_entry/Border_Crossing_Entry_Data.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Border"] == "US-Mexico Border":
                codes.add(row["Port Code"])
                if (row["Port Code"] == "2304" and row["Measure"] == "Trucks"
                        and row["Date"].endswith("2024")):
                    trucks_laredo += int(row["Value"])
    assert codes == set(ports["port_code"])
    assert int(ports.set_index("port_code").loc["2304", "truck_2024"]) == trucks_laredo


def test_every_ntad_mexico_crossing_is_bundled(crossings):
    shared = need_shared()
    import geopandas as gpd

    g = gpd.read_file(shared / "bts/ntad/border_x.shp")
    mx = g[g["State"].isin(["CA", "AZ", "NM", "TX"])]
    assert sorted("NTAD-" + mx["UNIQUEID"].astype(str)) == sorted(crossings["crossing_id"])


def test_cluster_counts_match_retc(zones):
    shared = need_shared()
    retc = pd.read_csv(shared / "semarnat_retc/retc_2022_with_decimal_coords.csv",
                       dtype=str, keep_default_na=False)
    cl = zones[zones["kind"] == "cluster"].set_index("name")["n_facilities"].astype(int)
    juarez = ((retc["estado"] == "Chihuahua") & (retc["municipio"] == "Juárez")).sum()
    assert cl["Ciudad Juárez"] == juarez
    mexicali = ((retc["estado"] == "Baja California") & (retc["municipio"] == "Mexicali")).sum()
    assert cl["Mexicali"] == mexicali
    parks = zones[zones["kind"] == "park"]
    in_parks = parks["n_facilities"].astype(int).sum()
    named = (retc["parqueindustrial"].str.strip() != "").sum()
    assert 0.9 * named <= in_parks <= named  # a few placeholders (ND, NO APLICA) dropped


def test_build_is_deterministic_and_matches_committed(tmp_path):
    shared = need_shared()
    builder = load_builder()
    counts = builder.build(shared, tmp_path)
    assert set(counts) == set(TABLES)
    for name in TABLES:
        assert counts[name] == len(read(name))
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), (
            f"{name} differs from a fresh build: re-run data/build_points.py and commit"
        )
    assert not list(tmp_path.glob("*.tmp")), "temporary files left behind"
