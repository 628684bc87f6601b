"""Data out (issue 13): the view's states, ports and flows as GeoPackage, GeoJSON and CSV,
whose figures equal the store's breakdown for the filter."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def session(shared_store_path):
    from geo.layers.content import load_map_content
    from geo.session.model import Session
    from geo.store import open_store

    store = open_store(shared_store_path)
    content = load_map_content()
    s = Session(content.layers, store)
    s.show_flows(True)
    yield s
    store.close()


@pytest.fixture(scope="module")
def gpkg(session, tmp_path_factory):
    from geo.analysis.data_out import view_layers, write_layers

    out = tmp_path_factory.mktemp("gpkg") / "view.gpkg"
    write_layers(out, view_layers(session))
    return out


def _store_values(session, by: str) -> dict[str, float]:
    from geo.styles.thematic import state_query_filter

    f = session.effective_filter
    df = session.store.breakdown(state_query_filter(f, by) if by != "port" else f, by)
    return {str(c): float(v) for c, v in zip(df["code"], df["value"])}


def test_geopackage_figures_equal_the_store(session, gpkg):
    import pyogrio

    assert {name for name, _kind in pyogrio.list_layers(gpkg)} == {"states", "ports", "flows"}
    ports = gpd.read_file(gpkg, layer="ports")
    assert ports.crs.to_epsg() == 4326
    want = _store_values(session, "port")
    got = {c: v for c, v in zip(ports["port_code"], ports["trade_value"]) if pd.notna(v)}
    assert got and got == pytest.approx({c: want[c] for c in got})
    assert got["2304"] == pytest.approx(want["2304"])   # Laredo
    states = gpd.read_file(gpkg, layer="states")
    for country, by in (("US", "us_state"), ("MX", "mx_state")):
        want = _store_values(session, by)
        rows = states[states["country"] == country]
        got = {c: v for c, v in zip(rows["code"], rows["trade_value"]) if pd.notna(v)}
        assert len(got) > 10
        assert got == pytest.approx({c: want[c] for c in got})
    tx = states[(states["country"] == "US") & (states["code"] == "TX")]
    assert tx.geometry.iloc[0].contains(gpd.points_from_xy([-99.0], [31.0])[0])   # lon/lat, in Texas


def test_flows_are_lines_with_their_attributes(session, gpkg):
    flows = gpd.read_file(gpkg, layer="flows")
    fs = session.flowset
    assert len(flows) == len(fs) > 0
    assert set(flows.geom_type) == {"LineString"}
    assert flows["value"].sum() == pytest.approx(float(fs.value.sum()))
    assert {"origin", "port", "dest", "mode", "direction", "share"} <= set(flows.columns)


def test_geojson_and_csv(session, tmp_path):
    from geo.analysis.data_out import view_layers, write_layers

    frames = view_layers(session)
    gj = write_layers(tmp_path / "view.geojson", frames)
    back = gpd.read_file(gj)
    assert set(back["layer"]) == {"states", "ports", "flows"}
    ports = back[back["layer"] == "ports"]
    assert ports["trade_value"].sum() == pytest.approx(frames["ports"]["trade_value"].sum())
    csv = write_layers(tmp_path / "view.csv", frames)
    table = pd.read_csv(csv, dtype={"port_code": str, "code": str})
    laredo = table[(table["layer"] == "ports") & (table["port_code"] == "2304")]
    assert laredo["trade_value"].iloc[0] == pytest.approx(_store_values(session, "port")["2304"])
    assert laredo["lon"].iloc[0] == pytest.approx(-99.5, abs=0.3)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    with pytest.raises(ValueError):
        write_layers(tmp_path / "view.xlsx", frames)


def test_cli_export_data(shared_store_path, tmp_path):
    from cli.main import main

    out = tmp_path / "cli.gpkg"
    assert main(["export-data", "--store", str(shared_store_path), "--out", str(out)]) == 0
    assert len(gpd.read_file(out, layer="ports")) > 20
    assert main(["export-data", "--out", str(tmp_path / "x.shp")]) == 2
