"""Read the data the app ships with (data/), with clear errors for missing or corrupt files.

Every reader returns a GeoDataFrame in the map CRS. A file that is missing, unreadable or
lacks the columns the app needs raises BundledDataError naming the file, so the UI can say
which file is wrong instead of showing a traceback.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.core.lod import LOD_TOLERANCES, layer_name
from geo.core.paths import REPO_DATA_DIR, cache_dir, data_dir  # noqa: F401  (re-exported)
from geo.core.projection import map_crs, to_map

BASEMAP_FILE = "basemap.gpkg"
BASEMAP_ZIP = "basemap.gpkg.zip"  # shipped zipped (1.5 MB instead of 4.2), unpacked once to the cache
POINT_TABLES = {
    "ports_of_entry": ("ports_of_entry.csv", ("port_code", "name", "state", "state_code", "lon", "lat")),
    "ports_of_entry_canada": ("ports_of_entry_canada.csv", ("port_code", "name", "state", "state_code", "lon", "lat")),
    "border_crossings": ("border_crossings.csv", ("crossing_id", "name", "port_code", "lon", "lat")),
    "seaports": ("seaports.csv", ("name", "unlocode", "country", "coast", "harbor_size", "lon", "lat")),
    "industrial_zones": ("industrial_zones.csv", ("zone_id", "name", "kind", "state", "n_facilities", "lon", "lat")),
}
BASEMAP_COLUMNS = {
    "admin1": ("country", "code", "name", "label_x", "label_y"),
    "borders": ("name",),
    "context": ("name",),
    "rivers": ("name", "scalerank"),
    "railroads": ("scalerank",),
    "cities": ("name", "country", "pop_max"),
}
# Codes are text: a port code like "0104" must keep its zero.
TEXT_COLUMNS = {"port_code", "state_code", "crossing_id", "zone_id", "unlocode", "code"}


class BundledDataError(Exception):
    """A bundled data file is missing or unusable. str() names the file and the problem."""

    def __init__(self, path: Path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"Bundled data file {self.path} {problem}")




@lru_cache(maxsize=8)
def _unpacked(zip_path: str, size: int, mtime_ns: int) -> Path:
    import hashlib
    import tempfile
    import zipfile

    zpath = Path(zip_path)
    try:
        digest = hashlib.sha1(zpath.read_bytes()).hexdigest()[:16]
        target = cache_dir() / f"basemap-{digest}.gpkg"
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(zpath) as zf:
            member = zf.getinfo(BASEMAP_FILE)
            fd, tmp = tempfile.mkstemp(suffix=".part", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as out, zf.open(member) as src:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except (zipfile.BadZipFile, KeyError, EOFError, zipfile.LargeZipFile) as exc:
        raise BundledDataError(zpath, f"is corrupt: {exc}") from None
    except OSError as exc:
        raise BundledDataError(zpath, f"cannot be unpacked: {exc}") from None
    return target


def basemap_path(folder: Path | None = None) -> Path:
    """The basemap GeoPackage, unpacked from the bundled zip into the cache on first use."""
    z = (folder or data_dir()) / BASEMAP_ZIP
    if not z.is_file():
        raise BundledDataError(z, "is missing (rebuild it with: python data/build_all.py)")
    st = z.stat()
    return _unpacked(str(z), st.st_size, st.st_mtime_ns)


def _check_columns(df, needed, path: Path, what: str) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise BundledDataError(path, f"is corrupt: {what} lacks column(s) {', '.join(missing)}")


#: GeoPackage geometry header: envelope bytes by the envelope indicator (flags bits 1-3)
_GPKG_ENVELOPE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _read_gpkg_layer(path: Path, name: str) -> gpd.GeoDataFrame:
    """A GeoPackage layer read with SQLite and shapely (a GeoPackage is an SQLite file whose
    geometries are WKB behind a short header): the same table pyogrio gives - attribute
    columns in order, then ``geometry``, rows in feature-id order - without importing GDAL,
    which cost ~0.3 s of every start. Raises on anything unexpected (the caller falls back
    to pyogrio)."""
    import sqlite3

    import shapely

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (geom_col, srs_id), = con.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", [name]).fetchall()
        (definition,), = con.execute("SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
                                     [srs_id]).fetchall()
        info = con.execute(f'PRAGMA table_info("{name}")').fetchall()
        pk = [r[1] for r in info if r[5]]
        cols = [r[1] for r in info if r[1] != geom_col and not r[5]]
        types = {r[1]: str(r[2]).upper() for r in info}
        order = f' ORDER BY "{pk[0]}"' if pk else ""
        rows = con.execute(f'SELECT "{geom_col}"' + "".join(f', "{c}"' for c in cols)
                           + f' FROM "{name}"{order}').fetchall()
    finally:
        con.close()
    wkb: list[bytes | None] = []
    for (blob, *_rest) in rows:
        if blob is None:
            wkb.append(None)
            continue
        if blob[:2] != b"GP" or blob[3] & 0b10000:      # not a GeoPackage geometry, or empty
            raise ValueError(f"layer {name}: unexpected geometry header")
        wkb.append(bytes(blob[8 + _GPKG_ENVELOPE[(blob[3] >> 1) & 7]:]))
    df = pd.DataFrame.from_records([r[1:] for r in rows], columns=cols)
    for c in cols:
        if types[c] in ("REAL", "DOUBLE", "FLOAT"):
            df[c] = df[c].astype("float64")
        elif types[c] in ("INTEGER", "INT", "MEDIUMINT", "BIGINT") and not df[c].isna().any():
            df[c] = df[c].astype("int64")
    return gpd.GeoDataFrame(df, geometry=shapely.from_wkb(wkb), crs=definition)


def read_basemap_level(base: str, level: int, folder: Path | None = None) -> gpd.GeoDataFrame:
    """One layer of the basemap GeoPackage at one level of detail."""
    path = basemap_path(folder)
    name = layer_name(base, level)
    try:
        gdf = _read_gpkg_layer(path, name)
    except Exception:  # anything unusual: GDAL reads it (or says what is wrong with it)
        gdf = None
    try:
        if gdf is None:
            import pyogrio

            gdf = pyogrio.read_dataframe(path, layer=name)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        shown = (folder or data_dir()) / BASEMAP_ZIP
        raise BundledDataError(shown, f"cannot be read (layer {name}): {exc}") from None
    _check_columns(gdf, BASEMAP_COLUMNS.get(base, ()), path, f"layer {name}")
    if gdf.crs is None or not gdf.crs.equals(map_crs()):
        gdf = gdf.set_crs(map_crs(), allow_override=True) if gdf.crs is None else gdf.to_crs(map_crs())
    return gdf


def read_basemap_levels(base: str, folder: Path | None = None) -> dict[int, gpd.GeoDataFrame]:
    if base == "cities":
        return {0: read_basemap_level(base, 0, folder)}
    return {lvl: read_basemap_level(base, lvl, folder) for lvl in LOD_TOLERANCES}


class LazyLevels(Mapping):
    """A basemap layer's levels of detail, each read from the GeoPackage the first time it is
    drawn (a start draws one level of each layer: reading all of them cost ~0.15 s). The
    package is unpacked and checked at start (:func:`basemap_path`); thread-safe."""

    def __init__(self, base: str, folder: Path | None = None):
        self.base, self.folder = base, folder
        basemap_path(folder)                      # a missing or broken package fails at start
        self._levels: dict[int, gpd.GeoDataFrame] = {}
        self._lock = threading.Lock()

    def __getitem__(self, level: int) -> gpd.GeoDataFrame:
        if level not in LOD_TOLERANCES:
            raise KeyError(level)
        got = self._levels.get(level)
        if got is None:
            with self._lock:
                got = self._levels.get(level)
                if got is None:
                    got = self._levels[level] = read_basemap_level(self.base, level, self.folder)
        return got

    def __iter__(self):
        return iter(LOD_TOLERANCES)

    def __len__(self) -> int:
        return len(LOD_TOLERANCES)


def read_point_table(key: str, folder: Path | None = None) -> gpd.GeoDataFrame:
    """A bundled point CSV (lon/lat in WGS84) as a GeoDataFrame in the map CRS."""
    fname, needed = POINT_TABLES[key]
    path = (folder or data_dir()) / fname
    if not path.is_file():
        raise BundledDataError(path, "is missing (rebuild it with: python data/build_all.py)")
    try:
        df = pd.read_csv(path, dtype={c: str for c in TEXT_COLUMNS}, keep_default_na=False,
                         na_values={"lon": [""], "lat": [""]}, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise BundledDataError(path, f"is corrupt: {exc}") from None
    _check_columns(df, needed, path, "the table")
    lon = pd.to_numeric(df["lon"], errors="coerce")
    lat = pd.to_numeric(df["lat"], errors="coerce")
    bad = df.index[lon.isna() | lat.isna() | ~lon.between(-180, 180) | ~lat.between(-90, 90)]
    if len(bad):
        raise BundledDataError(path, f"is corrupt: row {bad[0] + 2} has no valid lon/lat")
    x, y = to_map(lon.values, lat.values)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(x, y), crs=map_crs())


#: the one-line credit on exported maps (the full list is :func:`bundled_sources`)
ATTRIBUTION = ("Data: BTS (TransBorder Freight, Border Crossing/Entry, NTAD), NGA World Port Index, "
               "SEMARNAT RETC 2022, Natural Earth. Lambert conformal conic projection. Made with Frontera Atlas.")


@lru_cache(maxsize=None)
def bundled_sources() -> str:
    """Attribution text for Help → About and exports."""
    return (
        "US, Mexican and Canadian states: Natural Earth 10m admin-1 (public domain), via Debian qgis-common.\n"
        "Rivers, railroads, cities, context countries: Natural Earth (public domain).\n"
        "Land ports of entry (Mexico and Canada borders): BTS Border Crossing/Entry Data (CBP); "
        "crossings: BTS NTAD 2014 border_x.\n"
        "Seaports: NGA World Port Index (Pub. 150). Industrial zones: SEMARNAT RETC 2022 (Mexico open data).\n"
        "Trade figures: BTS North American TransBorder Freight Data."
    )
