"""Rebuild data/basemap.gpkg, the bundled basemap, from public sources.

Sources (none is copied; every layer is derived, projected and simplified):
- US states, Mexican states, Canadian provinces: Natural Earth 10m admin-1 as shipped
  (generalised) by Debian's `qgis-common` package, /usr/share/qgis/resources/data/world_map.gpkg,
  layer `states_provinces`. Get it with
  `apt-get download qgis-common && dpkg -x qgis-common_*.deb DIR`.
- Context countries (Central America, the Caribbean): Natural Earth 50m admin-0 countries
  (../shared/data/natural_earth/ne_50m_admin_0_countries_lakes.geojson).
- State label anchors: Natural Earth 10m admin-1 label points.
- Rivers: Natural Earth 10m rivers and lake centerlines (Rio Grande / Río Bravo and other
  major rivers).
- Railroads: Natural Earth 10m North American railroads.
- Cities: Natural Earth 10m populated places.

Every layer is written in the app's map CRS (geo.core.projection) at the levels of detail of
geo.core.lod, using coverage simplification so neighbouring states keep one shared border.

Usage: python data/build_basemap.py [--shared ../shared/data] [--qgis-gpkg PATH] [--out data]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.core.lod import LOD_TOLERANCES, layer_name  # noqa: E402
from geo.core.projection import map_crs  # noqa: E402

QGIS_GPKG = Path("/usr/share/qgis/resources/data/world_map.gpkg")
# North America plus the Caribbean, as a lon/lat clip box
NA_BOX = (-170.0, 5.0, -50.0, 84.0)
CONTEXT_BOX = (-125.0, 5.0, -55.0, 30.0)
COUNTRY_CODES = {"USA": "US", "MEX": "MX", "CAN": "CA"}
SOURCE_ADMIN1 = "Natural Earth 10m admin-1 (Debian qgis-common world_map.gpkg, states_provinces)"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").split())


def _code_table(shared: Path, name: str) -> dict[str, str]:
    df = pd.read_csv(shared / "bts/transborder/codes" / name, dtype=str, keep_default_na=False)
    return {_fold(n): c.strip() for c, n in zip(df["code"], df["name"])}


def admin1(shared: Path, qgis_gpkg: Path) -> gpd.GeoDataFrame:
    """US states, Mexican states and Canadian provinces with BTS codes and label anchors."""
    src = pyogrio.read_dataframe(qgis_gpkg, layer="states_provinces")
    src = src[src["adm0_a3"].isin(COUNTRY_CODES)].copy()
    src["country"] = src["adm0_a3"].map(COUNTRY_CODES)
    # A nameless Mexican fragment (offshore islands) joins its nearest named state below.
    named = src[src["name"].notna()].copy()
    orphans = src[src["name"].isna()]
    for geom in orphans.geometry:
        idx = named.to_crs(map_crs()).distance(gpd.GeoSeries([geom], crs=4326).to_crs(map_crs()).iloc[0]).idxmin()
        named.loc[idx, "geometry"] = shapely.union(named.loc[idx, "geometry"], geom)
    src = named

    us = _code_table(shared, "usastate_codes.csv")
    mx = _code_table(shared, "mexstate_codes.csv")
    ca = _code_table(shared, "canprov_codes.csv")
    mx_aliases = {"mexico": "MX", "distrito federal": "DF", "michoacan": "MI", "queretaro": "QT"}
    ca_aliases = {"yukon": "XY", "newfoundland and labrador": "XW"}
    codes = []
    for country, name in zip(src["country"], src["name"]):
        key = _fold(name)
        if country == "US":
            code = us.get(key)
        elif country == "MX":
            code = mx_aliases.get(key) or mx.get(key)
        else:
            code = ca_aliases.get(key) or ca.get(key)
        if not code:
            raise SystemExit(f"admin1: no BTS code for {country} {name!r}")
        codes.append(code)
    src["code"] = codes
    gdf = gpd.GeoDataFrame(
        {"country": src["country"].values, "code": src["code"].values, "name": src["name"].values},
        geometry=shapely.make_valid(src.geometry.values), crs="EPSG:4326",
    )
    gdf = gdf.explode(index_parts=False)
    gdf = gdf[gdf.geom_type == "Polygon"].dissolve(by=["country", "code", "name"], as_index=False)

    # Label anchors: Natural Earth's hand-placed admin-1 label points where they match.
    lp = pyogrio.read_dataframe(shared / "natural_earth/ne_10m_admin_1_label_points.geojson")
    lp = lp[lp["iso_a2"].isin(["US", "MX", "CA"])]
    anchors = {(c, _fold(n)): g for c, n, g in zip(lp["iso_a2"], lp["name"], lp.geometry)}
    lx, ly = [], []
    for country, name, geom in zip(gdf["country"], gdf["name"], gdf.geometry):
        pt = anchors.get((country, _fold(name)))
        if pt is None or not geom.contains(pt):
            pt = geom.point_on_surface()
        lx.append(pt.x)
        ly.append(pt.y)
    gdf["label_lon"], gdf["label_lat"] = np.round(lx, 5), np.round(ly, 5)
    gdf["source"] = SOURCE_ADMIN1
    return gdf.sort_values(["country", "code"]).reset_index(drop=True)


def cut_lakes(states: gpd.GeoDataFrame, shared: Path) -> gpd.GeoDataFrame:
    """Remove the Great Lakes and other large lakes, which the admin-1 polygons include as
    land. The lakes are what the 50m countries-with-lakes layer leaves out of the states:
    that difference, opened by 8 km to drop coastline slivers, pieces over 1,500 km²."""
    countries = pyogrio.read_dataframe(shared / "natural_earth/ne_50m_admin_0_countries_lakes.geojson")
    countries = countries[countries["ADM0_A3"].isin(COUNTRY_CODES)].to_crs(map_crs())
    proj = states.to_crs(map_crs())
    land = shapely.union_all(proj.geometry.values)
    holes = shapely.difference(land, shapely.union_all(countries.geometry.values))
    holes = shapely.buffer(shapely.buffer(holes, -8000), 8000)
    parts = shapely.get_parts(holes)
    lakes = shapely.union_all(parts[shapely.area(parts) > 1.5e9])
    cut = shapely.make_valid(shapely.difference(proj.geometry.values, shapely.buffer(lakes, 0)))
    out = proj.copy()
    out["geometry"] = cut
    return out.to_crs(states.crs)


def context_countries(shared: Path) -> gpd.GeoDataFrame:
    src = pyogrio.read_dataframe(shared / "natural_earth/ne_50m_admin_0_countries_lakes.geojson")
    src = src[~src["ADM0_A3"].isin(COUNTRY_CODES)]
    box = shapely.box(*CONTEXT_BOX)
    src = src[src.intersects(box)]
    gdf = gpd.GeoDataFrame({"name": src["NAME"].values}, geometry=src.geometry.values, crs="EPSG:4326")
    gdf["source"] = "Natural Earth 50m admin-0 countries (lakes)"
    return gdf.sort_values("name").reset_index(drop=True)


def rivers(shared: Path) -> gpd.GeoDataFrame:
    src = pyogrio.read_dataframe(shared / "natural_earth/ne_10m_rivers_lake_centerlines.geojson")
    src = src[src.intersects(shapely.box(*NA_BOX))]
    src = src[(src["scalerank"] <= 6) & (src["featurecla"] != "Lake Centerline")]
    name = src["name_en"].fillna(src["name"]).fillna("")
    gdf = gpd.GeoDataFrame(
        {"name": name.values, "scalerank": src["scalerank"].astype(int).values},
        geometry=src.geometry.values, crs="EPSG:4326",
    )
    gdf = gdf.dissolve(by=["name", "scalerank"], as_index=False) if len(gdf) else gdf
    gdf["source"] = "Natural Earth 10m rivers and lake centerlines"
    return gdf.sort_values(["scalerank", "name"]).reset_index(drop=True)


def railroads(shared: Path) -> gpd.GeoDataFrame:
    src = pyogrio.read_dataframe(shared / "natural_earth/ne_10m_railroads_north_america.geojson")
    src = src[src["scalerank"] <= 8]
    gdf = gpd.GeoDataFrame(
        {"scalerank": src["scalerank"].astype(int).values,
         "country": src["sov_a3"].map(COUNTRY_CODES).fillna("").values},
        geometry=src.geometry.values, crs="EPSG:4326",
    )
    gdf = gdf.dissolve(by=["scalerank", "country"], as_index=False)
    gdf["geometry"] = shapely.line_merge(gdf.geometry.values)
    gdf["source"] = "Natural Earth 10m railroads (North America)"
    return gdf.reset_index(drop=True)


def cities(shared: Path) -> gpd.GeoDataFrame:
    src = pyogrio.read_dataframe(shared / "natural_earth/ne_10m_populated_places.geojson")
    src = src[src["ISO_A2"].isin(["US", "MX", "CA"])]
    pop = src["POP_MAX"].astype(float)
    keep = (pop >= 150_000) | ((src["ISO_A2"] == "MX") & (pop >= 60_000)) | (src["ADM0CAP"] == 1)
    src = src[keep]
    gdf = gpd.GeoDataFrame(
        {
            "name": src["NAME"].values,
            "country": src["ISO_A2"].values,
            "admin1": src["ADM1NAME"].values,
            "pop_max": pop[keep].astype(int).values,
            "capital": (src["ADM0CAP"] == 1).astype(int).values,
            "admin1_capital": (src["FEATURECLA"].str.contains("Admin-1 capital", na=False)).astype(int).values,
            "scalerank": src["SCALERANK"].astype(int).values,
        },
        geometry=gpd.points_from_xy(src["LONGITUDE"].astype(float), src["LATITUDE"].astype(float)),
        crs="EPSG:4326",
    )
    gdf["source"] = "Natural Earth 10m populated places"
    return gdf.sort_values("pop_max", ascending=False).reset_index(drop=True)


def _levels_polygons(gdf: gpd.GeoDataFrame) -> dict[int, gpd.GeoDataFrame]:
    """Coverage-simplify a polygon layer: shared borders stay shared at every level."""
    out = {0: gdf}
    for lvl, tol in LOD_TOLERANCES.items():
        if lvl == 0:
            continue
        geoms = shapely.coverage_simplify(gdf.geometry.values, tol)
        geoms = shapely.make_valid(geoms)
        sub = gdf.copy()
        sub["geometry"] = geoms
        out[lvl] = sub
    return out


def _levels_lines(gdf: gpd.GeoDataFrame, base_tolerance: float = 0.0) -> dict[int, gpd.GeoDataFrame]:
    """Simplified copies of a line layer. Level 0 may itself be thinned to `base_tolerance`
    metres where the source is denser than its own accuracy (1:10M data is good to ~1 km)."""
    if base_tolerance:
        gdf = gdf.copy()
        gdf["geometry"] = shapely.simplify(gdf.geometry.values, base_tolerance, preserve_topology=False)
    out = {0: gdf}
    for lvl, tol in LOD_TOLERANCES.items():
        if lvl:
            sub = gdf.copy()
            sub["geometry"] = shapely.simplify(gdf.geometry.values, tol, preserve_topology=False)
            out[lvl] = sub[~sub.geometry.is_empty]
    return out


def _borders(levels: dict[int, gpd.GeoDataFrame]) -> dict[int, gpd.GeoDataFrame]:
    """International land borders (US–Mexico, US–Canada) as lines, taken from the states'
    own edges so they sit exactly on the state borders at every level."""
    out = {}
    for lvl, states in levels.items():
        countries = states[["country", "geometry"]].dissolve(by="country")
        rows = []
        for a, b, name in (("US", "MX", "US–Mexico border"), ("US", "CA", "US–Canada border")):
            line = shapely.intersection(countries.geometry[a].boundary, countries.geometry[b].boundary)
            line = shapely.line_merge(shapely.union_all(shapely.get_parts(line)[
                np.isin(shapely.get_type_id(shapely.get_parts(line)), [1, 5])]))
            rows.append({"name": name, "geometry": line})
        d = gpd.GeoDataFrame(rows, geometry="geometry", crs=states.crs)
        d["source"] = SOURCE_ADMIN1 + ": shared edges of the dissolved countries"
        out[lvl] = d
    return out


def build(shared: Path, out: Path, qgis_gpkg: Path = QGIS_GPKG) -> dict[str, int]:
    if not qgis_gpkg.exists():
        raise SystemExit(
            f"{qgis_gpkg} not found: install Debian's qgis-common, or pass --qgis-gpkg "
            "(apt-get download qgis-common && dpkg -x qgis-common_*.deb DIR)"
        )
    crs = map_crs()
    layers: dict[str, gpd.GeoDataFrame] = {}
    states = cut_lakes(admin1(shared, qgis_gpkg), shared)
    lon, lat = states["label_lon"].values, states["label_lat"].values
    from geo.core.projection import to_map

    states["label_x"], states["label_y"] = (np.round(v, 1) for v in to_map(lon, lat))
    states = states.to_crs(crs)
    st_levels = _levels_polygons(states)
    for lvl, g in st_levels.items():
        layers[layer_name("admin1", lvl)] = g
    for lvl, g in _borders(st_levels).items():
        layers[layer_name("borders", lvl)] = g
    for lvl, g in _levels_polygons(context_countries(shared).to_crs(crs)).items():
        layers[layer_name("context", lvl)] = g
    for lvl, g in _levels_lines(rivers(shared).to_crs(crs), 150.0).items():
        layers[layer_name("rivers", lvl)] = g
    for lvl, g in _levels_lines(railroads(shared).to_crs(crs), 250.0).items():
        layers[layer_name("railroads", lvl)] = g
    layers["cities"] = cities(shared).to_crs(crs)

    out.mkdir(parents=True, exist_ok=True)
    target = out / "basemap.gpkg.zip"
    fd, tmp = tempfile.mkstemp(suffix=".gpkg", dir=out)
    os.close(fd)
    os.unlink(tmp)
    counts = {}
    try:
        for name, g in layers.items():
            g = g.copy()
            g["geometry"] = shapely.set_precision(g.geometry.values, 1.0)  # 1 m grid
            pyogrio.write_dataframe(g, tmp, layer=name, driver="GPKG", layer_options={"SPATIAL_INDEX": "NO"})
            counts[name] = len(g)
        # Zipped with a fixed timestamp: the same data gives the same bytes.
        ztmp = tmp + ".zip"
        info = zipfile.ZipInfo("basemap.gpkg", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(ztmp, "w") as zf, open(tmp, "rb") as src:
            zf.writestr(info, src.read(), compresslevel=9)
        os.replace(ztmp, target)
    finally:
        for leftover in (tmp, tmp + ".zip"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--qgis-gpkg", type=Path, default=QGIS_GPKG)
    ap.add_argument("--out", type=Path, default=REPO / "data")
    args = ap.parse_args(argv)
    counts = build(args.shared, args.out, args.qgis_gpkg)
    for name, n in counts.items():
        print(f"{name:24s} {n:6d}")
    print(f"wrote {args.out / 'basemap.gpkg.zip'} ({(args.out / 'basemap.gpkg.zip').stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
