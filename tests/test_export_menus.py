"""File → Export Atlas (PDF)… and File → Export Map Data… write their files from the window."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


@pytest.fixture
def window(make_window, monkeypatch):
    win = make_window(wait_store=True)
    problems = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: problems.append(a[2])))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: problems.append(a[2])))
    win.problems = problems
    return win


def _save_as(monkeypatch, path, chosen=""):
    asked = []

    def answer(parent, caption, start, filters, *a, **k):
        asked.append(filters)
        return str(path), chosen
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def test_atlas_menu_writes_one_page_per_top_feature(window, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from geo.analysis.atlas import atlas_ids
    from geo.analysis.profile import build_profile

    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda parent, title, label, items, *a, **k: (items[0], True)))  # ports
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (3, True)))
    asked = _save_as(monkeypatch, tmp_path / "ports")  # no suffix: .pdf is added
    window.atlas_action.trigger()
    assert window.problems == [] and asked == ["PDF (*.pdf)"]
    out = tmp_path / "ports.pdf"
    pages = PdfReader(out).pages
    store, f = window.session.store, window.session.effective_filter
    ids = atlas_ids(store, "port", f, 3)
    assert len(pages) == len(ids) == 3
    for page, fid in zip(pages, ids):
        assert build_profile(store, ("port", fid), f).name in " ".join(page.extract_text().split())
    assert [p.name for p in tmp_path.iterdir()] == ["ports.pdf"]  # no temp file left


def test_atlas_menu_cancelled_at_the_first_question_writes_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))
    asked = _save_as(monkeypatch, tmp_path / "never.pdf")
    assert window.export_atlas() is None
    assert asked == [] and not list(tmp_path.iterdir())


def test_data_menu_writes_geopackage_with_the_store_figures(window, tmp_path, monkeypatch):
    import geopandas as gpd
    import pyogrio

    asked = _save_as(monkeypatch, tmp_path / "view.gpkg", "GeoPackage (*.gpkg)")
    window.data_action.trigger()
    assert window.problems == [] and "GeoJSON (*.geojson)" in asked[0] and "CSV" in asked[0]
    out = tmp_path / "view.gpkg"
    assert {name for name, _ in pyogrio.list_layers(out)} >= {"states", "ports"}
    ports = gpd.read_file(out, layer="ports")
    bd = window.session.store.breakdown(window.session.effective_filter, "port")
    top = bd.sort_values("value", ascending=False).iloc[0]
    got = ports.loc[ports["port_code"].astype(str) == str(top["code"]), "trade_value"]
    assert got.iloc[0] == pytest.approx(float(top["value"]))


def test_data_menu_adds_the_chosen_filter_suffix(window, tmp_path, monkeypatch):
    import pandas as pd

    _save_as(monkeypatch, tmp_path / "view", "CSV table (*.csv)")
    assert window.export_map_data() == tmp_path / "view.csv"
    table = pd.read_csv(tmp_path / "view.csv")
    assert {"states", "ports"} <= set(table["layer"]) and {"lon", "lat"} <= set(table.columns)
