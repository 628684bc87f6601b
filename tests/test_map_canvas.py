"""What an analyst does with the map: click, hover, zoom, pan, toggle layers."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from geo.core.projection import to_map


@pytest.fixture
def canvas(qtbot, content):
    from desktop.canvas.map_canvas import MapCanvas

    c = MapCanvas(content)
    qtbot.addWidget(c)
    c.resize(1200, 800)
    c.show()
    qtbot.waitExposed(c)
    c.zoom_home()
    c.repaint()
    return c


def screen_of(canvas, lon, lat):
    sx, sy = canvas.view.to_screen(*to_map(lon, lat))
    return QPoint(round(float(sx)), round(float(sy)))


def port_lonlat(content, name):
    ports = content.layers["ports"].data
    row = ports[ports["name"] == name].iloc[0]
    return float(row["lon"]), float(row["lat"]), row


def test_clicking_laredo_selects_laredo(qtbot, canvas, content):
    lon, lat, row = port_lonlat(content, "Laredo")
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=screen_of(canvas, lon, lat))
    hit = content.selection.current
    assert hit is not None and hit.layer_id == "ports"
    assert content.layers["ports"].data.iloc[hit.index]["port_code"] == "2304"


def test_clicking_each_port_at_a_closer_zoom_selects_that_port(qtbot, canvas, content):
    """Neighbouring ports (Calexico / Calexico East, Hidalgo / Pharr) must stay distinguishable."""
    content.show_border(None)  # the ports of both borders
    ports = content.layers["ports"].data
    for _, row in ports.iterrows():
        canvas.set_view(canvas.view.centred_on(*to_map(row["lon"], row["lat"]), scale=60.0))
        canvas.repaint()
        qtbot.mouseClick(canvas, Qt.LeftButton, pos=screen_of(canvas, row["lon"], row["lat"]))
        hit = content.selection.current
        assert hit is not None and hit.layer_id == "ports", row["name"]
        assert ports.iloc[hit.index]["port_code"] == row["port_code"], row["name"]


def test_clicking_inside_texas_selects_texas(qtbot, canvas, content):
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=screen_of(canvas, -100.0, 31.5))
    hit = content.selection.current
    assert hit is not None and hit.layer_id == "states"
    assert content.layers["states"].data.iloc[hit.index]["code"] == "TX"


def test_click_on_open_sea_clears_the_selection(qtbot, canvas, content):
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=screen_of(canvas, -99.5, 27.5))
    assert content.selection.current is not None
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=screen_of(canvas, -120.0, 20.0))  # Pacific
    assert content.selection.current is None


def _wheel(canvas, pos: QPointF, notches: float):
    ev = QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(0, 0), QPoint(0, int(120 * notches)),
                     Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(canvas, ev)


@pytest.mark.parametrize("notches", [1, 3, -2])
def test_wheel_zoom_keeps_the_point_under_the_cursor(canvas, notches):
    pos = QPointF(873.0, 211.0)
    before = canvas.view.to_map(pos.x(), pos.y())
    scale = canvas.view.scale
    _wheel(canvas, pos, notches)
    after = canvas.view.to_map(pos.x(), pos.y())
    assert canvas.view.scale == pytest.approx(scale / 1.25 ** notches)
    assert np.hypot(after[0] - before[0], after[1] - before[1]) < 1e-6 * scale


def test_drag_moves_the_map_with_the_mouse(qtbot, canvas):
    lon, lat = -99.5, 27.5
    start = screen_of(canvas, lon, lat)
    qtbot.mousePress(canvas, Qt.LeftButton, pos=start)
    for step in range(1, 11):
        qtbot.mouseMove(canvas, start + QPoint(15 * step, -8 * step))
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=start + QPoint(150, -80))
    now = screen_of(canvas, lon, lat)
    assert abs(now.x() - (start.x() + 150)) <= 1 and abs(now.y() - (start.y() - 80)) <= 1


def test_keys_pan_zoom_and_home(qtbot, canvas):
    home = canvas.view
    qtbot.keyClick(canvas, Qt.Key_Plus)
    assert canvas.view.scale == pytest.approx(home.scale / 1.5)
    qtbot.keyClick(canvas, Qt.Key_Right)
    assert canvas.view.cx > home.cx
    qtbot.keyClick(canvas, Qt.Key_Home)
    assert canvas.view == home


def test_hover_highlights_and_names_the_port(qtbot, canvas, content):
    lon, lat, _ = port_lonlat(content, "Nogales")
    qtbot.mouseMove(canvas, screen_of(canvas, lon, lat))
    hover = content.selection.hover
    assert hover is not None and hover.layer_id == "ports"
    assert content.layers["ports"].feature_name(hover.index) == "Nogales"
    assert "Nogales" in canvas.tooltip_for(hover)
    # the highlight ring is painted: the frame differs from one without hover
    with_hover = canvas.grab().toImage()
    content.selection.set_hover(None)
    canvas.repaint()
    assert with_hover != canvas.grab().toImage()


def test_toggling_a_layer_removes_its_pixels(qtbot, canvas, content):
    from geo.layers.content import PORT_RED

    def red_pixels():
        canvas.repaint()
        img = canvas.grab().toImage()
        c = tuple(int(PORT_RED[i:i + 2], 16) for i in (1, 3, 5))
        n = 0
        for lon, lat in content.layers["ports"].data[["lon", "lat"]].itertuples(index=False):
            p = screen_of(canvas, lon, lat)
            px = img.pixelColor(p)
            n += abs(px.red() - c[0]) + abs(px.green() - c[1]) + abs(px.blue() - c[2]) < 40
        return n

    assert red_pixels() >= 20
    content.layers.set_visible("ports", False)
    assert red_pixels() == 0
