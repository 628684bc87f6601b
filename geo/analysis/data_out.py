"""Data out, for QGIS and spreadsheets: the view's layers with their figures for the filter.

- ``states``: US and Mexican states (polygons) with the trade value and share of the store's
  breakdown by US state / Mexican state for the filter (Mexican states by US exports, as the
  map shades them, since BTS records no Mexican state of origin for imports);
- ``ports``: the land ports (points) with the store's breakdown by port;
- ``flows``: the flows the session draws, as lines origin -> port -> destination with their
  attributes (value, share, mode, direction, ...), when the session shows flows.

Written as a GeoPackage (one layer each), GeoJSON (one file, a ``layer`` property) or CSV
(one table, longitude/latitude of points and flow ends instead of geometry). Coordinates are
WGS 84 longitude/latitude. Writes are atomic (a temp file beside the target, fsync, rename).
"""
from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.core.projection import GEOGRAPHIC_CRS, map_crs
from geo.query import FilterError, NotAnswerableError, TradeFilter
from geo.styles.thematic import state_query_filter

DATA_FORMATS = ("gpkg", "geojson", "csv")
FLOW_FIELDS = ("origin", "origin_name", "origin_kind", "port", "port_name", "dest", "dest_name", "dest_kind",
               "mode", "mode_name", "direction", "value", "share", "shown")


def _breakdown(store, f: TradeFilter | None, by: str) -> pd.DataFrame:
    if f is None or store is None:
        return pd.DataFrame({"code": [], "value": [], "share": []})
    try:
        df = store.breakdown(f, by)
    except (NotAnswerableError, FilterError):
        return pd.DataFrame({"code": [], "value": [], "share": []})
    out = df[["code", "value"]].copy()
    out["code"] = out["code"].astype(str)
    total = float(out["value"].sum()) or 1.0
    out["share"] = out["value"] / total
    return out


def states_frame(layers, store, f: TradeFilter) -> gpd.GeoDataFrame:
    layer = layers["states"]
    g = layer.levels[min(layer.levels)]
    keep = g["country"].astype(str).isin(["US", "MX"]).to_numpy()
    out = gpd.GeoDataFrame({"country": g["country"].astype(str).to_numpy()[keep],
                            "code": g["code"].astype(str).to_numpy()[keep],
                            "name": g["name"].astype(str).to_numpy()[keep]},
                           geometry=g.geometry.to_numpy()[keep], crs=map_crs())
    out["trade_value"] = np.nan
    out["trade_share"] = np.nan
    out["measure"] = ""
    for country, by in (("US", "us_state"), ("MX", "mx_state")):
        fq = state_query_filter(f, by)
        df = _breakdown(store, fq, by).set_index("code")
        m = (out["country"] == country).to_numpy()
        codes = out.loc[m, "code"]
        out.loc[m, "trade_value"] = codes.map(df["value"]).to_numpy(float)
        out.loc[m, "trade_share"] = codes.map(df["share"]).to_numpy(float)
        # what the figure counts: US exports (Mexican states: BTS records no origin state of
        # imports) or the filter's trade
        out.loc[m, "measure"] = "export" if fq is not None and fq.trade_type == "export" else \
            (f.trade_type or "trade")
    out["period"] = _period(f)
    return out.to_crs(GEOGRAPHIC_CRS)


def ports_frame(layers, store, f: TradeFilter) -> gpd.GeoDataFrame:
    layer = layers["ports"]
    d = layer.data
    shown = layer.filter_mask()
    keep = np.ones(len(d), bool) if shown is None else np.asarray(shown, bool)
    x, y = layer.point_xy()
    out = gpd.GeoDataFrame({"port_code": d["port_code"].astype(str).to_numpy()[keep],
                            "name": d["name"].astype(str).to_numpy()[keep],
                            "state": d["state"].astype(str).to_numpy()[keep],
                            "border": d["border"].astype(str).to_numpy()[keep]},
                           geometry=shapely.points(x[keep], y[keep]), crs=map_crs())
    df = _breakdown(store, f, "port").set_index("code")
    out["trade_value"] = out["port_code"].map(df["value"]).to_numpy(float)
    out["trade_share"] = out["port_code"].map(df["share"]).to_numpy(float)
    out["period"] = _period(f)
    return out.to_crs(GEOGRAPHIC_CRS)


def flows_frame(fs) -> gpd.GeoDataFrame | None:
    """The flows as lines origin -> port -> destination (the port skipped where there is none)."""
    if fs is None or not len(fs):
        return None
    lines = []
    for i in range(len(fs)):
        pts = [(fs.ox[i], fs.oy[i])]
        if bool(fs.has_port[i]) and np.isfinite(fs.px[i]):
            pts.append((fs.px[i], fs.py[i]))
        pts.append((fs.dx[i], fs.dy[i]))
        pts = [p for p in pts if np.isfinite(p[0]) and np.isfinite(p[1])]
        lines.append(shapely.linestrings(pts) if len(pts) >= 2 else None)
    data = {k: np.asarray(getattr(fs, k)) for k in FLOW_FIELDS}
    out = gpd.GeoDataFrame(data, geometry=lines, crs=map_crs())
    out["period"] = fs.period
    out["source"] = fs.source
    return out.to_crs(GEOGRAPHIC_CRS)


def _period(f: TradeFilter | None) -> str:
    from geo.core.periods import format_ym

    if f is None or not f.period:
        return ""
    return f"{format_ym(f.period[0])}..{format_ym(f.period[1])}"


def view_layers(session, layers=None) -> dict[str, gpd.GeoDataFrame]:
    """The layers to write for the session's view: name -> GeoDataFrame (WGS 84)."""
    layers = layers if layers is not None else session.layers
    f = session.effective_filter
    out = {"states": states_frame(layers, session.store, f), "ports": ports_frame(layers, session.store, f)}
    flows = flows_frame(session.flowset)
    if flows is not None:
        out["flows"] = flows
    return out


def write_layers(path, frames: dict[str, gpd.GeoDataFrame]) -> Path:
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in DATA_FORMATS:
        raise ValueError(f"data is written as {', '.join('.' + x for x in DATA_FORMATS)}, not {path.suffix!r}")
    tmp = path.with_name(f".{path.name}.part{path.suffix}")
    tmp.unlink(missing_ok=True)
    try:
        if fmt == "gpkg":
            for name, gdf in frames.items():
                gdf.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
        elif fmt == "geojson":
            allf = pd.concat([gdf.assign(layer=name) for name, gdf in frames.items()], ignore_index=True)
            gpd.GeoDataFrame(allf, geometry="geometry", crs=GEOGRAPHIC_CRS).to_file(tmp, driver="GeoJSON",
                                                                                     engine="pyogrio")
        else:
            tables = []
            for name, gdf in frames.items():
                t = pd.DataFrame(gdf.drop(columns="geometry"))
                geom = gdf.geometry
                if name == "flows":
                    start, end = shapely.get_point(geom.values, 0), shapely.get_point(geom.values, -1)
                    t["lon"], t["lat"] = shapely.get_x(start), shapely.get_y(start)
                    t["lon_end"], t["lat_end"] = shapely.get_x(end), shapely.get_y(end)
                else:
                    c = geom.representative_point() if name == "states" else geom
                    t["lon"], t["lat"] = c.x.to_numpy(), c.y.to_numpy()
                tables.append(t.assign(layer=name))
            table = pd.concat(tables, ignore_index=True)
            cols = ["layer"] + [c for c in table.columns if c != "layer"]
            table[cols].to_csv(tmp, index=False)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
