"""Rebuild the bundled POINT reference tables in data/ from the public data in ../shared/data.

Writes five small CSVs (UTF-8, comma, header, no index, deterministic order, lon/lat rounded
to 5 decimals), each atomically (temp file in the output dir, then os.replace):

- ports_of_entry.csv   US land ports of entry on the Mexico border (BTS Border Crossing/Entry Data)
- ports_of_entry_canada.csv  the same for the Canada border (same file, same derivation)
- border_crossings.csv individual crossings of those ports (BTS NTAD 2014 border_x layer)
- seaports.csv         Mexican Pacific/Gulf/Caribbean and US Gulf/Pacific seaports (NGA WPI,
                       USACE tonnage from NTAD ports_major)
- industrial_zones.csv Mexican industrial parks and manufacturing clusters (SEMARNAT RETC 2022)

See data/SOURCES_points.md for provenance and derivation rules. No raw file is copied.

Usage: python data/build_points.py [--shared ../shared/data] [--out data]
"""
from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "data"

BCE_CSV = "bts/border_crossing_entry/Border_Crossing_Entry_Data.csv"
NTAD_BORDER = "bts/ntad/border_x.shp"
NTAD_PORTS = "bts/ntad/ports_major.shp"
WPI_CSV = "nga/WPI.csv"
NE_PORTS = "natural_earth/ne_10m_ports.geojson"
RETC_CSV = "semarnat_retc/retc_2022_with_decimal_coords.csv"
MEXSTATE_CSV = "bts/transborder/codes/mexstate_codes.csv"
USASTATE_CSV = "bts/transborder/codes/usastate_codes.csv"

SRC_BCE = "BTS Border Crossing/Entry Data (CBP)"
SRC_NTAD_BX = "BTS NTAD 2014 border_x (CBP/BTS)"
SRC_WPI = "NGA World Port Index (Pub. 150)"
SRC_USACE = "USACE principal ports tonnage (BTS NTAD 2014 ports_major)"
SRC_NE_PORTS = "Natural Earth 10m ports"
SRC_RETC = "SEMARNAT RETC 2022 establishments"
SRC_RETC_SHORT = "SEMARNAT RETC 2022"

MEXICO_BORDER_STATES = ("CA", "AZ", "NM", "TX")  # every border_x feature in these is on the MX border
# every other border_x feature is on the Canada border (NH: Pittsburg; AK: Alcan, Skagway...)
CANADA_BORDER_STATES = ("AK", "WA", "ID", "MT", "ND", "MN", "MI", "NY", "VT", "NH", "ME")
# BTS `Border` value -> the NTAD border_x states on that border
BORDERS = {"US-Mexico Border": MEXICO_BORDER_STATES, "US-Canada Border": CANADA_BORDER_STATES}
# Mexico's extent (Natural Earth admin-0), lon/lat, used to reject absurd facility coordinates
MEXICO_BBOX = (-118.45, 14.50, -86.70, 32.75)
ROUND = 5

# --------------------------------------------------------------------------------------------
# Small helpers


def fold(text: object) -> str:
    """Case-fold, strip accents, collapse whitespace (for matching, never for display)."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


def _haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _parse_point(wkt: str) -> tuple[float, float]:
    m = re.fullmatch(r"\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*", str(wkt))
    if not m:
        raise ValueError(f"unparseable Point WKT: {wkt!r}")
    return float(m.group(1)), float(m.group(2))


def _top(values, n: int) -> list[str]:
    """n most frequent non-empty values; ties broken alphabetically (deterministic)."""
    c = Counter(v for v in values if v)
    return [k for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def _mode(values) -> str:
    top = _top(values, 1)
    return top[0] if top else ""


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    """Atomic write: temp file in the same directory, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".csv.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False, lineterminator="\n")
        os.chmod(tmp, 0o644)  # mkstemp creates 0600 files
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _round_coords(df: pd.DataFrame) -> pd.DataFrame:
    for c in ("lon", "lat"):
        df[c] = df[c].astype(float).round(ROUND)
    return df


def _us_state_codes(shared: Path) -> dict[str, str]:
    df = pd.read_csv(shared / USASTATE_CSV, dtype=str, keep_default_na=False)
    return {fold(n): c.strip() for c, n in zip(df["code"], df["name"])}


# --------------------------------------------------------------------------------------------
# 1. Ports of entry

# When several ports share one identical BTS Point, every port but the one whose NTAD
# CLASS 1 location is nearest to that Point gets NTAD's location instead. If NTAD lacks a
# port, these fallbacks (lon, lat) are used.
MAX_POINT_NTAD_KM = 5.0
PORT_COORD_FALLBACK = {
    "2507": (-115.3881, 32.6736),  # Calexico East
    "2503": (-115.4993, 32.6670),  # Calexico (West, downtown)
}


def _ntad_border(shared: Path, states: tuple[str, ...] = MEXICO_BORDER_STATES) -> gpd.GeoDataFrame:
    g = gpd.read_file(shared / NTAD_BORDER)
    if g.crs is None or g.crs.to_epsg() != 4326:
        g = g.to_crs(4326)
    g = g[g["State"].isin(states)].copy()
    g["lon"] = g.geometry.x
    g["lat"] = g.geometry.y
    return g


def ports_of_entry(shared: Path, border: str = "US-Mexico Border", raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per US land port of entry on `border` (a BTS `Border` value)."""
    if raw is None:
        raw = pd.read_csv(shared / BCE_CSV, dtype=str, keep_default_na=False)
    df = raw[raw["Border"].str.strip() == border].copy()
    df["port_code"] = df["Port Code"].str.strip().str.zfill(4)
    df["month"] = pd.to_datetime(df["Date"].str.strip(), format="%b %Y").dt.strftime("%Y-%m")
    df["value"] = pd.to_numeric(df["Value"], errors="coerce").fillna(0)
    us_codes = _us_state_codes(shared)

    rows = []
    for code, g in df.groupby("port_code", sort=True):
        names = _top(g["Port Name"].str.strip(), 1)
        state = _mode(g["State"].str.strip())
        # most frequent distinct Point; ties -> lexicographically smallest WKT
        pt = _mode(g["Point"].str.strip())
        lon, lat = _parse_point(pt)
        trucks = g[(g["Measure"] == "Trucks") & g["month"].str.startswith("2024-")]["value"].sum()
        rows.append(
            dict(
                port_code=code,
                name=names[0],
                state=state,
                state_code=us_codes[fold(state)],
                lon=lon,
                lat=lat,
                first_month=g["month"].min(),
                last_month=g["month"].max(),
                truck_2024=int(trucks),
                source=f"{SRC_BCE}; coordinates from its Point WKT",
            )
        )
    ports = pd.DataFrame(rows)
    ntad = _ntad_border(shared, BORDERS[border])
    ports = _dedupe_port_coords(ports, ntad)
    if border == "US-Mexico Border":
        # On the Canada border the two ports over 5 km from NTAD's location (Buffalo Niagara
        # Falls 25 km, Richford 6 km) span several crossings and their BTS Point lies at one
        # of them (Niagara Falls' bridges, East Richford): their Points are kept.
        ports = _fix_far_points(ports, ntad)
    return _round_coords(ports)


def _fix_far_points(ports: pd.DataFrame, ntad: gpd.GeoDataFrame) -> pd.DataFrame:
    """Use NTAD's CLASS 1 location when the BTS Point is > MAX_POINT_NTAD_KM away from it.

    Brownsville (2301): the BTS Point lies at the Port of Brownsville ship channel, 12 km from
    the land crossings on the Rio Grande that the counts are about.
    """
    ntad1 = ntad[ntad["CLASS"] == 1].set_index("PortCode")
    ports = ports.copy()
    for idx, code in zip(ports.index, ports["port_code"]):
        if code not in ntad1.index:
            continue
        r = ntad1.loc[code]
        d = _haversine_km(ports.at[idx, "lon"], ports.at[idx, "lat"], float(r["lon"]), float(r["lat"]))
        if d > MAX_POINT_NTAD_KM:
            ports.at[idx, "lon"], ports.at[idx, "lat"] = float(r["lon"]), float(r["lat"])
            ports.at[idx, "source"] = (
                f"{SRC_BCE}; coordinates: NTAD 2014 border_x CLASS 1 location "
                f"(the BTS Point is {d:.0f} km away from the crossings)"
            )
    return ports


def _dedupe_port_coords(ports: pd.DataFrame, ntad: gpd.GeoDataFrame) -> pd.DataFrame:
    ntad1 = ntad[ntad["CLASS"] == 1].set_index("PortCode")
    ports = ports.copy()
    for (lon, lat), grp in ports.groupby(["lon", "lat"], sort=True):
        if len(grp) < 2:
            continue

        def dist(code: str, lon: float = lon, lat: float = lat) -> float:
            if code in ntad1.index:
                r = ntad1.loc[code]
                return _haversine_km(lon, lat, float(r["lon"]), float(r["lat"]))
            return math.inf

        keeper = min(grp["port_code"], key=lambda c: (dist(c), c))
        shared_with = ", ".join(f"{n} ({c})" for c, n in zip(grp["port_code"], grp["name"]))
        for idx, code in zip(grp.index, grp["port_code"]):
            if code == keeper:
                continue  # its Point matches NTAD: keep it
            if code in ntad1.index:
                r = ntad1.loc[code]
                new, how = (float(r["lon"]), float(r["lat"])), "NTAD 2014 border_x CLASS 1 location"
            elif code in PORT_COORD_FALLBACK:
                new, how = PORT_COORD_FALLBACK[code], "manual location (see SOURCES_points.md)"
            else:
                raise ValueError(f"ports {shared_with} share a Point and {code} has no fallback")
            ports.at[idx, "lon"], ports.at[idx, "lat"] = new
            ports.at[idx, "source"] = (
                f"{SRC_BCE}; coordinates: {how} (the BTS file gives {shared_with} one Point)"
            )
    dup = ports.duplicated(["lon", "lat"], keep=False)
    if dup.any():
        raise ValueError(f"ports still share coordinates: {ports[dup]}")
    return ports


# --------------------------------------------------------------------------------------------
# 2. Border crossings (NTAD border_x)

# NTAD links each crossing to a CBP port with its PortCode field. Overrides for crossings
# whose CBP port changed since 2014: Ysleta (Zaragoza bridge) was reported under El Paso
# (2402) in NTAD 2014 but is its own port, 2401 "Ysleta", in the BTS file since 2020-03.
CROSSING_PORT_OVERRIDE = {"El Paso-Ysleta": "2401"}

# Readable names for NTAD's abbreviated PortName values (others: "A-B" -> "A - B")
CROSSING_NAMES = {
    "Laredo": "Laredo - Gateway to the Americas Bridge",
    "Laredo-World Trade": "Laredo - World Trade Bridge",
    "Laredo-Juarez/Lincoln": "Laredo - Juárez-Lincoln Bridge",
    "Laredo-Columbia": "Laredo - Colombia Solidarity Bridge",
    "Brownsville": "Brownsville - B&M Bridge",
    "Brownsville-Veterans": "Brownsville - Veterans International Bridge",
    "Brownsville-Gateway": "Brownsville - Gateway International Bridge",
    "El Paso": "El Paso - Bridge of the Americas",
    "El Paso-PDN": "El Paso - Paso del Norte Bridge",
    "El Paso-Ysleta": "El Paso - Ysleta (Zaragoza) Bridge",
    "El Paso-Stanton": "El Paso - Stanton Street Bridge",
    "Pharr": "Pharr - Pharr-Reynosa International Bridge",
    "Anzalduas": "Anzalduas International Bridge",
    "Los Ebanos (Ferry)": "Los Ebanos Ferry",
    "Doona": "Donna International Bridge",
    "Eagle Pass II": "Eagle Pass - Camino Real Bridge (Bridge II)",
    "Nogales-Mariposa": "Nogales - Mariposa",
    "Fabens": "Fabens / Tornillo-Guadalupe",
}

NTAD_COUNTS = {  # NTAD field -> output column (CLASS 1 only; 2013 CBP counts)
    "Trucks": "trucks_2013",
    "Loaded_Tru": "truck_containers_loaded_2013",
    "Trains": "trains_2013",
    "Buses": "buses_2013",
    "Personal_V": "personal_vehicles_2013",
    "Pedestrian": "pedestrians_2013",
}


def border_crossings(shared: Path, ports: pd.DataFrame) -> pd.DataFrame:
    g = _ntad_border(shared)
    port_names = dict(zip(ports["port_code"], ports["name"]))
    rows, unlinked = [], []
    for _, r in g.iterrows():
        ntad_name = str(r["PortName"]).strip()
        ntad_code = str(r["PortCode"]).strip().zfill(4)
        code = CROSSING_PORT_OVERRIDE.get(ntad_name, ntad_code)
        if code not in port_names:
            unlinked.append(f"{ntad_name} ({ntad_code})")
            continue
        cls = int(r["CLASS"])
        row = dict(
            crossing_id=f"NTAD-{str(r['UNIQUEID']).strip()}",
            name=CROSSING_NAMES.get(ntad_name, re.sub(r"\s*-\s*", " - ", ntad_name)),
            ntad_name=ntad_name,
            port_code=code,
            port_name=port_names[code],
            ntad_port_code=ntad_code,
            state_code=str(r["State"]).strip(),
            **{"class": cls},
            lon=float(r["lon"]),
            lat=float(r["lat"]),
        )
        has_counts = cls == 1 and int(r["Year"] or 0) == 2013
        for field, col in NTAD_COUNTS.items():
            row[col] = int(r[field]) if has_counts else None
        row["source"] = SRC_NTAD_BX + (
            f"; port re-linked {ntad_code} -> {code} (CBP port split since 2014)"
            if code != ntad_code
            else ""
        )
        rows.append(row)
    if unlinked:
        raise ValueError(f"border crossings without a BTS port: {unlinked}")
    df = pd.DataFrame(rows)
    for col in NTAD_COUNTS.values():
        df[col] = df[col].astype("Int64")
    df = df.sort_values(["port_code", "class", "crossing_id"], kind="stable").reset_index(drop=True)
    if df["crossing_id"].duplicated().any():
        raise ValueError("duplicate crossing ids")
    return _round_coords(df)


# --------------------------------------------------------------------------------------------
# 3. Seaports (NGA World Port Index)

HARBOR_SIZE_CODES = {"Large": "L", "Medium": "M", "Small": "S", "Very Small": "V"}
HARBOR_SIZE_LABELS = {"L": "Large", "M": "Medium", "S": "Small", "V": "Very small"}

# Coast rules (lon/lat boxes, lon_min, lat_min, lon_max, lat_max), checked against WPI's own
# "Region Name" (a disagreement aborts the build).
US_PACIFIC_BOX = (-125.0, 32.4, -116.9, 49.1)  # CA/OR/WA mainland; excludes Alaska and Hawaii
US_GULF_BOX = (-97.9, 24.0, -81.7, 31.0)  # TX..FL Gulf coast incl. Key West; excludes
#                                            Jacksonville/Atlantic FL and inland river ports
MX_CARIBBEAN_MIN_LON = -88.0  # MX east-coast ports east of -88 (Quintana Roo) are Caribbean


def _in_box(lon: float, lat: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def _coast(country: str, lon: float, lat: float) -> str | None:
    if country == "US":
        if _in_box(lon, lat, US_PACIFIC_BOX):
            return "Pacific"
        if _in_box(lon, lat, US_GULF_BOX):
            return "Gulf"
        return None
    # Mexico: Pacific = west of -100 (Baja, Sonora .. Michoacán) or south of 17.5 N
    # (Guerrero, Oaxaca, Chiapas); every Gulf port lies east of -98.5 and north of 17.8 N.
    if lon < -100.0 or lat < 17.5:
        return "Pacific"
    return "Caribbean" if lon > MX_CARIBBEAN_MIN_LON else "Gulf"


REQUIRED_SEAPORTS = {  # folded name -> country; each must come out of the build
    "manzanillo": "MX",
    "lazaro cardenas": "MX",
    "veracruz": "MX",
    "altamira": "MX",
    "ensenada": "MX",
    "houston": "US",
    "long beach": "US",
    "los angeles": "US",
    "corpus christi": "US",
}


def _usace_tonnage(shared: Path) -> pd.DataFrame:
    g = gpd.read_file(shared / NTAD_PORTS)
    if g.crs is None or g.crs.to_epsg() != 4326:
        g = g.to_crs(4326)
    base = g["PORT_NAME"].str.split(",").str[0].str.replace(r"(?i)\s*port of\s*", "", regex=True)
    return pd.DataFrame(
        {
            "key": base.map(fold),
            "lon": g.geometry.x,
            "lat": g.geometry.y,
            "tonnage": g["TOTAL"].astype("int64"),
        }
    )


def _match_tonnage(name: str, lon: float, lat: float, usace: pd.DataFrame) -> int | None:
    cand = usace[usace["key"] == fold(name)]
    for _, c in cand.iterrows():
        if _haversine_km(lon, lat, c["lon"], c["lat"]) <= 25.0:
            return int(c["tonnage"])
    return None


def seaports(shared: Path) -> pd.DataFrame:
    wpi = pd.read_csv(shared / WPI_CSV, dtype=str, keep_default_na=False)
    wpi = wpi[wpi["Country Code"].str.strip().isin(["Mexico", "United States"])].copy()
    usace = _usace_tonnage(shared)
    rows = []
    for _, r in wpi.iterrows():
        country = "MX" if r["Country Code"].strip() == "Mexico" else "US"
        lon, lat = float(r["Longitude"]), float(r["Latitude"])
        coast = _coast(country, lon, lat)
        if coast is None:
            continue
        region = r["Region Name"]
        expected = {
            ("US", "Pacific"): "W Coast",
            ("US", "Gulf"): "Gulf Coast",
            ("MX", "Pacific"): "West Coast",
            ("MX", "Gulf"): "East Coast",
            ("MX", "Caribbean"): "East Coast",
        }[(country, coast)]
        if expected not in region:
            raise ValueError(f"coast rule disagrees with WPI region for {r['Main Port Name']}: {region}")
        locode = r["UN/LOCODE"].replace(" ", "").strip().upper()
        if locode and not locode.startswith(country):
            locode = ""  # e.g. St Petersburg FL carries RULED (St Petersburg, Russia)
        size = HARBOR_SIZE_CODES.get(r["Harbor Size"].strip(), "")
        name = r["Main Port Name"].strip()
        tonnage = _match_tonnage(name, lon, lat, usace) if country == "US" else None
        rows.append(
            dict(
                name=name,
                unlocode=locode,
                country=country,
                coast=coast,
                harbor_size=size,
                harbor_size_label=HARBOR_SIZE_LABELS.get(size, ""),
                harbor_type=r["Harbor Type"].strip(),
                lon=lon,
                lat=lat,
                tonnage=tonnage,
                wpi_number=r["World Port Index Number"].strip().removesuffix(".0"),
                source=SRC_WPI + (f"; tonnage: {SRC_USACE}" if tonnage is not None else ""),
            )
        )
    df = pd.DataFrame(rows)
    df = _add_missing_required_ports(shared, df)
    df["tonnage"] = df["tonnage"].astype("Int64")
    order = {"MX": 0, "US": 1}
    df = df.assign(_c=df["country"].map(order), _n=df["name"].map(fold))
    df = df.sort_values(["_c", "coast", "_n", "wpi_number"], kind="stable").drop(columns=["_c", "_n"])
    return _round_coords(df.reset_index(drop=True))


def _add_missing_required_ports(shared: Path, df: pd.DataFrame) -> pd.DataFrame:
    """Any required port missing from WPI is taken from Natural Earth ports (none in 2025)."""
    have = {(fold(n), c) for n, c in zip(df["name"], df["country"])}
    missing = [(k, c) for k, c in REQUIRED_SEAPORTS.items() if (k, c) not in have]
    if not missing:
        return df
    ne = gpd.read_file(shared / NE_PORTS)
    extra = []
    for key, country in missing:
        box = (-118.5, 14.5, -86.7, 32.8) if country == "MX" else (-125.0, 24.0, -80.0, 49.1)
        hit = [
            (p, g)
            for p, g in zip(ne["name"], ne.geometry)
            if fold(p) == key and _in_box(g.x, g.y, box)
        ]
        if not hit:
            raise ValueError(f"required seaport {key} ({country}) in neither WPI nor Natural Earth")
        p, g = hit[0]
        extra.append(
            dict(name=p, unlocode="", country=country, coast=_coast(country, g.x, g.y),
                 harbor_size="", harbor_size_label="", harbor_type="", lon=g.x, lat=g.y,
                 tonnage=None, wpi_number="", source=f"{SRC_NE_PORTS} (missing from WPI)")
        )
    return pd.concat([df, pd.DataFrame(extra)], ignore_index=True)


# --------------------------------------------------------------------------------------------
# 4. Industrial zones (SEMARNAT RETC 2022)

# RETC state names -> BTS mexstate names where they differ (after fold())
MX_STATE_ALIASES = {
    "coahuila de zaragoza": "coahuila",
    "veracruz de ignacio de la llave": "veracruz",
    "michoacan de ocampo": "michoacan",
    "mexico": "estado de mexico",
    "ciudad de mexico": "distrito federal",
}

# Per-state lon/lat bounds (lon_min, lat_min, lon_max, lat_max) of Natural Earth 10m admin-1
# (Debian qgis-common world_map.gpkg, states_provinces), keyed by BTS state code. A facility
# outside its declared state's box (padded by STATE_BOX_PAD) has unreliable coordinates: it
# still counts for its park/cluster but is left out of coordinate medians.
MX_STATE_BOXES = {
    "AG": (-102.85, 21.67, -101.85, 22.46), "BC": (-118.37, 28.00, -112.55, 32.71),
    "BS": (-115.22, 22.87, -109.41, 28.00), "CM": (-92.49, 17.80, -89.01, 20.82),
    "CS": (-94.13, 14.55, -90.38, 17.99), "CH": (-109.15, 25.62, -103.31, 31.78),
    "CO": (-103.96, 24.56, -99.81, 29.89), "CL": (-114.80, 18.33, -103.48, 19.54),
    "DF": (-99.33, 19.06, -98.94, 19.57), "DG": (-107.13, 22.32, -102.49, 26.84),
    "GT": (-102.10, 19.91, -99.71, 21.87), "GR": (-102.18, 16.32, -98.00, 18.87),
    "HG": (-99.84, 19.59, -98.00, 21.40), "JA": (-105.70, 18.95, -101.52, 22.77),
    "MI": (-103.74, 17.92, -100.12, 20.40), "MO": (-99.51, 18.35, -98.65, 19.14),
    "MX": (-100.62, 18.39, -98.60, 20.31), "NA": (-106.69, 20.69, -103.94, 23.03),
    "NL": (-101.22, 23.19, -98.45, 27.79), "OA": (-98.55, 15.66, -93.87, 18.67),
    "PU": (-99.05, 17.89, -96.73, 20.82), "QT": (-100.57, 19.94, -99.04, 21.65),
    "QR": (-89.42, 17.89, -86.70, 21.62), "SL": (-102.30, 21.17, -98.35, 24.56),
    "SI": (-109.44, 22.45, -105.39, 27.08), "SO": (-115.04, 26.24, -108.47, 32.50),
    "TB": (-94.14, 17.25, -90.99, 18.65), "TL": (-98.71, 19.11, -97.62, 19.73),
    "TM": (-100.13, 22.22, -97.14, 27.67), "VE": (-98.64, 17.15, -93.59, 22.48),
    "YU": (-90.44, 19.65, -87.53, 21.62), "ZA": (-104.33, 21.04, -100.83, 25.16),
}
STATE_BOX_PAD = 0.2  # degrees

# Manufacturing clusters: id -> (display name, {BTS state code: municipalities or "*" = whole
# state}). Municipality names are matched with fold(); keys always include the state because
# names repeat across states (Juárez NL vs Juárez Chih., Matamoros Coah. vs Tamps.).
CLUSTERS = {
    "cluster-ciudad-juarez": ("Ciudad Juárez", {"CH": ["Juárez"]}),
    "cluster-tijuana": ("Tijuana", {"BC": ["Tijuana", "Tecate", "Playas de Rosarito"]}),
    "cluster-mexicali": ("Mexicali", {"BC": ["Mexicali"]}),
    "cluster-reynosa": ("Reynosa", {"TM": ["Reynosa", "Río Bravo"]}),
    "cluster-matamoros": ("Matamoros", {"TM": ["Matamoros", "Valle Hermoso"]}),
    "cluster-nuevo-laredo": ("Nuevo Laredo", {"TM": ["Nuevo Laredo"]}),
    "cluster-monterrey": (
        "Monterrey metro",
        {"NL": [  # Zona Metropolitana de Monterrey (CONAPO/INEGI, 18 municipalities)
            "Monterrey", "Apodaca", "Cadereyta Jiménez", "El Carmen", "Ciénega de Flores",
            "García", "General Escobedo", "General Zuazua", "Guadalupe", "Juárez",
            "Pesquería", "Salinas Victoria", "San Nicolás de los Garza",
            "San Pedro Garza García", "Santa Catarina", "Santiago", "Abasolo", "Hidalgo",
        ]},
    ),
    "cluster-saltillo-ramos-arizpe": (
        "Saltillo–Ramos Arizpe", {"CO": ["Saltillo", "Ramos Arizpe", "Arteaga"]}
    ),
    "cluster-piedras-negras": ("Piedras Negras", {"CO": ["Piedras Negras", "Nava"]}),
    "cluster-nogales": ("Nogales", {"SO": ["Nogales"]}),
    "cluster-hermosillo": ("Hermosillo", {"SO": ["Hermosillo"]}),
    "cluster-chihuahua": ("Chihuahua", {"CH": ["Chihuahua", "Aquiles Serdán", "Aldama"]}),
    "cluster-bajio": (
        "Bajío",
        {
            "QT": "*",
            "GT": "*",
            "AG": "*",
            "SL": [  # San Luis Potosí metro and the Villa de Reyes industrial corridor
                "San Luis Potosí", "Soledad de Graciano Sánchez", "Villa de Reyes",
                "Cerro de San Pedro", "Mexquitic de Carmona", "Zaragoza",
            ],
        },
    ),
}

PARK_PLACEHOLDERS = {"", "nd", "n d", "na", "n a", "no aplica", "ninguno", "sin parque", "0", "-"}
# Park names that say nothing by themselves: grouped per state + municipality
GENERIC_PARK_NAMES = {
    "parque industrial", "ciudad industrial", "corredor industrial", "centro", "ii",
    "zona industrial", "industrial",
}
# Stopwords dropped from the grouping key (word order and "Parque Industrial" prefixes vary)
PARK_KEY_STOPWORDS = {
    "parque", "industrial", "tecnoindustrial", "de", "del", "la", "las", "el", "los", "y",
}
PARK_ABBREVIATIONS = [  # (regex on folded text, replacement)
    (r"\bp\s*\.\s*i\s*\.", "parque industrial "),
    (r"\bparque ind\b\.?", "parque industrial "),
    (r"\bfracc\s*\.\s*indust\s*\.", "fraccionamiento industrial "),
    (r"\bcd\s*\.", "ciudad "),
    (r"\bsta\s*\.", "santa "),
    (r"\btecno industrial\b", "tecnoindustrial"),
    (r"\bcuidad\b", "ciudad"),
]
SMALL_WORDS = {"de", "del", "la", "las", "el", "los", "y", "e", "en"}
ROMAN = re.compile(r"^(?=[ivxl]+$)x{0,3}(ix|iv|v?i{0,3})$|^xxi$", re.I)


def _fix_mojibake(text: str) -> str:
    # The RETC export turned Ñ/Á into "¿"; it is Ñ except in JUÁREZ
    return text.replace("JU¿REZ", "JUÁREZ").replace("¿", "Ñ")


def _park_text(raw: str) -> str:
    t = fold(_fix_mojibake(raw))
    for pat, rep in PARK_ABBREVIATIONS:
        t = re.sub(pat, rep, t)
    t = re.sub(r"\[[^\]]*\]", " ", t)  # "[62715]"
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


def _park_key(raw: str) -> str | None:
    t = _park_text(raw)
    if t in PARK_PLACEHOLDERS:
        return None
    if t in GENERIC_PARK_NAMES:
        return "generic:" + t
    tokens = sorted(set(t.split()) - PARK_KEY_STOPWORDS)
    return " ".join(tokens) if tokens else "generic:" + t


def _display_case(raw: str) -> str:
    text = " ".join(_fix_mojibake(raw).split()).strip(" .,")
    if text != text.upper():
        return text  # already mixed case: keep as written
    out = []
    for i, w in enumerate(text.split(" ")):
        lw = w.lower()
        if ROMAN.match(w):
            out.append(w.upper())
        elif i > 0 and lw in SMALL_WORDS:
            out.append(lw)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def _display_name(variants: list[str]) -> str:
    """Most frequent spelling; ties -> more accents, then mixed case, then longer, then A-Z."""
    c = Counter(" ".join(_fix_mojibake(v).split()) for v in variants)
    best = sorted(
        c.items(),
        key=lambda kv: (
            -kv[1],
            -sum(ord(ch) > 127 for ch in kv[0]),
            kv[0] == kv[0].upper(),
            -len(kv[0]),
            kv[0],
        ),
    )[0][0]
    return _display_case(best)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _park_slug(name: str) -> str:
    slug = _slug(name)
    for prefix in ("parque-industrial-", "parque-"):
        if slug.startswith(prefix) and len(slug) > len(prefix):
            return slug[len(prefix):]
    return slug


def _mx_state_codes(shared: Path) -> dict[str, str]:
    df = pd.read_csv(shared / MEXSTATE_CSV, dtype=str, keep_default_na=False)
    return {fold(n): c.strip() for c, n in zip(df["code"], df["name"])}


def _clean_coords(lon: float, lat: float, state_code: str) -> tuple[float, float, str]:
    """Return (lon, lat, status) with status ok / fixed-swap / fixed-sign / bad-*."""
    if pd.isna(lon) or pd.isna(lat):
        return math.nan, math.nan, "bad-missing"
    status = "ok"
    if not _in_box(lon, lat, MEXICO_BBOX):
        if _in_box(lat, lon, MEXICO_BBOX):
            lon, lat, status = lat, lon, "fixed-swap"
        elif _in_box(-abs(lon), lat, MEXICO_BBOX):
            lon, status = -abs(lon), "fixed-sign"  # "longitud oeste" written positive
        elif _in_box(-abs(lat), lon, MEXICO_BBOX):
            lon, lat, status = -abs(lat), lon, "fixed-swap"
        else:
            return math.nan, math.nan, "bad-outside-mexico"
    x0, y0, x1, y1 = MX_STATE_BOXES[state_code]
    p = STATE_BOX_PAD
    if not _in_box(lon, lat, (x0 - p, y0 - p, x1 + p, y1 + p)):
        return math.nan, math.nan, "bad-outside-state"
    return lon, lat, status


def retc_facilities(shared: Path) -> pd.DataFrame:
    """RETC facilities with state code, cleaned coordinates, park key and cluster id."""
    raw = pd.read_csv(shared / RETC_CSV, dtype=str, keep_default_na=False)
    codes = _mx_state_codes(shared)
    f = pd.DataFrame(
        {
            "nra": raw["nra"].str.strip(),
            "state": raw["estado"].str.strip(),
            "municipality": raw["municipio"].str.strip(),
            "sector": raw["sector"].str.strip(),
            "park_raw": raw["parqueindustrial"].str.strip(),
        }
    )
    folded = f["state"].map(fold)
    f["state_code"] = folded.map(lambda s: codes.get(MX_STATE_ALIASES.get(s, s)))
    if f["state_code"].isna().any():
        raise ValueError(f"unmapped RETC states: {sorted(set(f.loc[f['state_code'].isna(), 'state']))}")
    lon = pd.to_numeric(raw["lon_dd"], errors="coerce")
    lat = pd.to_numeric(raw["lat_dd"], errors="coerce")
    cleaned = [_clean_coords(x, y, s) for x, y, s in zip(lon, lat, f["state_code"])]
    f["lon"] = [c[0] for c in cleaned]
    f["lat"] = [c[1] for c in cleaned]
    f["coord_status"] = [c[2] for c in cleaned]
    f["park_key"] = f["park_raw"].map(_park_key)
    generic = f["park_key"].fillna("").str.startswith("generic:")
    f.loc[generic, "park_key"] = f.loc[generic, "park_key"] + "|" + f.loc[generic, "municipality"].map(fold)
    f["cluster"] = [_cluster_of(s, m) for s, m in zip(f["state_code"], f["municipality"])]
    return f


def _cluster_lookup() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    by_muni, by_state = {}, {}
    for cid, (_, spec) in CLUSTERS.items():
        for st, munis in spec.items():
            if munis == "*":
                by_state[st] = cid
            else:
                for m in munis:
                    by_muni[(st, fold(m))] = cid
    return by_muni, by_state


_BY_MUNI, _BY_STATE = _cluster_lookup()


def _cluster_of(state_code: str, municipality: str) -> str:
    return _BY_MUNI.get((state_code, fold(municipality)), _BY_STATE.get(state_code, ""))


def industrial_zones(shared: Path, facilities: pd.DataFrame | None = None) -> pd.DataFrame:
    f = retc_facilities(shared) if facilities is None else facilities
    ok = f["lon"].notna()

    parks = []
    for (st, key), g in f[f["park_key"].notna()].groupby(["state_code", "park_key"], sort=True):
        gv = g[g["lon"].notna()]
        if gv.empty:
            continue  # no usable coordinate for this park
        municipality = _mode(g["municipality"])
        if key.startswith("generic:"):
            name = f"{_display_name(list(g['park_raw']))} ({municipality})"
        else:
            name = _display_name(list(g["park_raw"]))
        parks.append(
            dict(
                _key=(st, key),
                name=name,
                kind="park",
                state=_mode(g["state"]),
                state_code=st,
                municipality=municipality,
                n_facilities=len(g),
                n_parks=None,
                top_sectors="; ".join(_top(g["sector"], 3)),
                lon=float(gv["lon"].median()),
                lat=float(gv["lat"].median()),
                cluster=_mode(g["cluster"]),
                source=SRC_RETC_SHORT,
            )
        )
    park_df = pd.DataFrame(parks)
    # stable ids from state + display slug; disambiguate the rare slug collisions
    ids = [f"park-{p['state_code'].lower()}-{_park_slug(p['name'])}" for p in parks]
    seen: Counter = Counter()
    for i, zid in enumerate(ids):
        seen[zid] += 1
        if seen[zid] > 1:
            ids[i] = f"{zid}-{seen[zid]}"
    park_df.insert(0, "zone_id", ids)
    park_df = park_df.drop(columns="_key")

    clusters = []
    for cid, (name, spec) in CLUSTERS.items():
        g = f[f["cluster"] == cid]
        gv = g[ok.loc[g.index]]
        states = [s for s in spec]
        state_names = [_mode(f.loc[f["state_code"] == s, "state"]) for s in states]
        munis = sorted({m for m in g["municipality"]}, key=fold) if len(spec) == 1 else []
        clusters.append(
            dict(
                zone_id=cid,
                name=name,
                kind="cluster",
                state="; ".join(state_names),
                state_code="; ".join(states),
                municipality="; ".join(munis),
                n_facilities=len(g),
                n_parks=int((park_df["cluster"] == cid).sum()),
                top_sectors="; ".join(_top(g["sector"], 3)),
                lon=float(gv["lon"].median()) if len(gv) else math.nan,
                lat=float(gv["lat"].median()) if len(gv) else math.nan,
                cluster=cid,
                source=f"{SRC_RETC}: all facilities in the cluster (median location)",
            )
        )
    cl_df = pd.DataFrame(clusters)
    if (cl_df["n_facilities"] == 0).any() or cl_df["lon"].isna().any():
        raise ValueError(f"empty clusters: {list(cl_df.loc[cl_df['n_facilities'] == 0, 'name'])}")

    park_df = park_df.sort_values(["state_code", "name", "zone_id"], kind="stable")
    out = pd.concat([cl_df, park_df], ignore_index=True)
    out["n_parks"] = out["n_parks"].astype("Int64")
    out["n_facilities"] = out["n_facilities"].astype("int64")
    out = out[
        ["zone_id", "name", "kind", "state", "state_code", "municipality", "n_facilities",
         "n_parks", "top_sectors", "lon", "lat", "cluster", "source"]
    ]
    if out["zone_id"].duplicated().any():
        raise ValueError("duplicate zone ids")
    return _round_coords(out)


# --------------------------------------------------------------------------------------------


def build(shared: Path, out: Path) -> dict[str, int]:
    """Build the five point tables from `shared` into `out`; returns file name -> row count."""
    shared, out = Path(shared), Path(out)
    if not (shared / BCE_CSV).exists():
        raise FileNotFoundError(f"shared data not found under {shared}")
    raw = pd.read_csv(shared / BCE_CSV, dtype=str, keep_default_na=False)
    ports = ports_of_entry(shared, "US-Mexico Border", raw)
    tables = {
        "ports_of_entry.csv": ports,
        "ports_of_entry_canada.csv": ports_of_entry(shared, "US-Canada Border", raw),
        "border_crossings.csv": border_crossings(shared, ports),
        "seaports.csv": seaports(shared),
        "industrial_zones.csv": industrial_zones(shared),
    }
    for fname, df in tables.items():
        _write_csv(df, out / fname)
    return {fname: len(df) for fname, df in tables.items()}


def report(shared: Path) -> str:
    """Human-readable diagnostics (coordinate fixes, cluster counts) for the build log."""
    f = retc_facilities(shared)
    lines = ["RETC coordinate status: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(f["coord_status"]).items()))]
    for _, r in f[f["coord_status"].str.startswith("bad")].iterrows():
        lines.append(f"  dropped coords: {r['nra']} {r['state']} / {r['municipality']} ({r['coord_status']})")
    counts = Counter(f["cluster"])
    for cid, (name, _) in CLUSTERS.items():
        lines.append(f"cluster {name}: {counts.get(cid, 0)} facilities")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="../shared/data directory")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (data/)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print diagnostics")
    args = ap.parse_args(argv)
    counts = build(args.shared, args.out)
    for fname, n in counts.items():
        print(f"{args.out / fname}: {n} rows")
    if args.verbose:
        print(report(args.shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
