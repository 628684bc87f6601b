"""Issue 15: a facility whose place is unknown or ambiguous is placed by clicking the map. In the
import dialog's review table, "Place on Map" steps the dialog aside; the next click on the map
sets that row's coordinates (shown as placed, confidence "manual"); Esc on the map cancels.
The model holds the logic (:meth:`FacilityImport.place_at`, :meth:`FacilityImport.unresolve`)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from geo.core.projection import to_lonlat
from geo.network.facilities import import_facilities

SITES = ("id,name,city,state,country\n"
         "P1,Planta,Monterrey,NL,MX\n"
         "S3,Proveedor San Nicolás,San Nicolás,,MX\n"
         "X9,Bodega Xqzzyv,Xqzzyv,,MX\n")


@pytest.fixture
def sites(tmp_path):
    p = tmp_path / "sites.csv"
    p.write_text(SITES, encoding="utf-8")
    return p


def test_the_model_sets_a_review_rows_coordinates_and_can_take_them_back(sites):
    res = import_facilities(sites)
    assert {r.id for r in res.review} == {"S3", "X9"}
    f = res.place_at("X9", -100.0, 25.7)
    assert (f.lon, f.lat, f.located, f.country, f.state) == (-100.0, 25.7, "map", "MX", "NL")
    assert "X9" in res.facilities and "X9" not in res.pending
    g = res.place_at("X9", -106.4, 31.7)                      # a second click moves it
    assert (g.lon, g.lat, g.state) == (-106.4, 31.7, "CH")
    res.unresolve("X9")
    assert "X9" not in res.facilities and res.pending["X9"].lon is None and res.pending["X9"].city == "Xqzzyv"
    assert {r.id for r in res.review} == {"S3", "X9"}
    with pytest.raises(ValueError):
        res.place_at("X9", -300.0, 25.0)
    with pytest.raises(KeyError):
        res.place_at("P1", -100.0, 25.0)                       # a geocoded row is not in review


def _dialog(win, qtbot, path):
    dlg = win.import_company_facilities(str(path))
    dlg.start()
    qtbot.waitUntil(lambda: dlg.result_ is not None, timeout=60000)
    return dlg


def test_clicking_the_map_places_the_review_row_at_that_point(make_window, qtbot, sites):
    win = make_window(wait_store=True, show=True)
    dlg = _dialog(win, qtbot, sites)
    assert "1 geocoded, 2 need review" in dlg.summary.text()
    row = dlg.review_rows.index("X9")
    assert dlg.review_table.item(row, 4).text() == "not placed"
    button = dlg.review_table.cellWidget(row, 6)
    assert button.text() == "Place on Map" and button.isEnabled()
    button.click()
    assert not dlg.isVisible() and dlg.placing == "X9"            # the dialog steps aside for the map
    assert "Click the map where X9 is" in win.statusBar().currentMessage()
    canvas = win.canvas
    x, y = canvas.width() // 2 + 40, canvas.height() // 2 + 30
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(x, y))
    lon, lat = (float(v) for v in to_lonlat(*canvas.view.to_map(x, y)))
    assert dlg.isVisible() and dlg.placing is None
    f = dlg.result_.facilities["X9"]
    assert (f.lon, f.lat) == pytest.approx((lon, lat)) and f.located == "map"
    assert dlg.review_table.item(row, 5).text() == "manual"
    assert f"{abs(lat):.4f}° N" in dlg.review_table.item(row, 4).text()
    assert "2 geocoded, 1 need review" in dlg.summary.text()
    assert win.content.selection.current is None                # the click placed the row, selected nothing
    dlg.apply_review_and_accept()
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)
    placed = win.company_network.facilities["X9"]
    assert (placed.lon, placed.lat) == pytest.approx((lon, lat)) and placed.located == "map"


def test_escape_on_the_map_cancels_the_placement(make_window, qtbot, sites):
    win = make_window(wait_store=True, show=True)
    dlg = _dialog(win, qtbot, sites)
    dlg.place_on_map("S3")
    assert not dlg.isVisible()
    qtbot.keyClick(win.canvas, Qt.Key_Escape)
    assert dlg.isVisible() and dlg.placing is None and "S3" not in dlg.result_.facilities
    qtbot.mouseClick(win.canvas, Qt.LeftButton, pos=QPoint(200, 200))   # an ordinary click again
    assert "S3" not in dlg.result_.facilities
    # a candidate picked in the combo places the row at once; "(none chosen)" takes it back
    row = dlg.review_rows.index("S3")
    garza = next(i for i, c in enumerate(dlg.result_.review[0].candidates) if "Garza" in c.name)
    dlg.choose("S3", garza)
    assert dlg.result_.facilities["S3"].located == "picked" and "chosen" in dlg.review_table.item(row, 5).text()
    dlg.review_combos["S3"].setCurrentIndex(0)
    assert "S3" not in dlg.result_.facilities and dlg.review_table.item(row, 4).text() == "not placed"
    dlg.reject()
