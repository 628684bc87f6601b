"""The basemap is read from its GeoPackage with SQLite and shapely (no GDAL import at start):
every layer equals what GDAL (pyogrio) reads, and an unusual file still goes to GDAL."""
from __future__ import annotations

import sqlite3

import pandas as pd
import pyogrio
import pytest
import shapely

from geo.core.projection import map_crs
from geo.data.bundled import _read_gpkg_layer, basemap_path, read_basemap_level


def test_every_basemap_layer_equals_what_gdal_reads():
    path = basemap_path()
    names = [n for n, _ in pyogrio.list_layers(path)]
    assert len(names) >= 20
    for name in names:
        gdal = pyogrio.read_dataframe(path, layer=name)
        ours = _read_gpkg_layer(path, name)
        assert list(ours.columns) == list(gdal.columns)
        pd.testing.assert_frame_equal(pd.DataFrame(ours.drop(columns="geometry")),
                                      pd.DataFrame(gdal.drop(columns="geometry")))
        assert bool(shapely.equals_exact(ours.geometry.values, gdal.geometry.values, 0).all()), name
        assert ours.crs.equals(gdal.crs) and ours.crs.equals(map_crs())


def test_a_geometry_that_is_not_a_geopackage_blob_goes_to_gdal(tmp_path, monkeypatch):
    import shutil

    import geo.data.bundled as bundled

    copy = tmp_path / "basemap.gpkg"
    shutil.copy(basemap_path(), copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE borders SET geom = substr(geom, 41) WHERE fid = (SELECT min(fid) FROM borders)")  # bare WKB
    con.commit()
    con.close()
    with pytest.raises(ValueError, match="geometry header"):
        _read_gpkg_layer(copy, "borders")
    monkeypatch.setattr(bundled, "basemap_path", lambda folder=None: copy)
    called = []
    real = pyogrio.read_dataframe
    monkeypatch.setattr(pyogrio, "read_dataframe", lambda *a, **k: called.append(1) or real(*a, **k))
    try:
        read_basemap_level("borders", 0)
    except bundled.BundledDataError:
        pass                                   # GDAL may refuse it too: then it names the file
    assert called                              # GDAL was asked
