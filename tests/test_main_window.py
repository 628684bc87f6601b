"""The window around the map: panels, status bar, menus, remembered geometry."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from geo.core.projection import to_map


@pytest.fixture
def window(make_window, content):
    win = make_window(content, show=True)
    win.canvas.zoom_home()
    win.canvas.repaint()
    return win


def _at(win, lon, lat):
    sx, sy = win.canvas.view.to_screen(*to_map(lon, lat))
    return QPoint(round(float(sx)), round(float(sy)))


def test_clicked_port_shows_its_attributes(qtbot, window, content):
    ports = content.layers["ports"].data
    laredo = ports[ports["port_code"] == "2304"].iloc[0]
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=_at(window, laredo["lon"], laredo["lat"]))
    panel = window.feature_panel
    assert "Laredo" in panel.title.text()
    assert panel.value_of("port_code") == "2304"
    assert panel.value_of("truck_2024") == f"{int(laredo['truck_2024']):,}"
    assert panel.zoom.isEnabled()
    panel.zoom.click()
    x, y = to_map(laredo["lon"], laredo["lat"])
    assert window.canvas.view.cx == pytest.approx(x, abs=1) and window.canvas.view.scale < 1000


def test_status_bar_shows_lon_lat_under_cursor(qtbot, window):
    import re

    pos = _at(window, -103.25, 25.5)
    qtbot.mouseMove(window.canvas, pos)
    text = window.coords.text()
    lat, lon = (float(v) for v in re.findall(r"([0-9.]+)°", text))
    one_px_deg = window.canvas.view.scale / 111_000 * 1.5
    assert abs(lat - 25.5) < one_px_deg and abs(lon - 103.25) < one_px_deg
    assert "N" in text and "W" in text


def test_layer_panel_toggles_and_reorders(qtbot, window, content):
    panel = window.layer_panel
    item = panel.item_for("railroads")
    item.setCheckState(Qt.Unchecked)
    assert not content.layers["railroads"].visible
    content.layers.set_visible("railroads", True)
    assert panel.item_for("railroads").checkState() == Qt.Checked
    # Opacity slider edits the current layer
    panel.list.setCurrentItem(panel.item_for("seaports"))
    panel.opacity.setValue(40)
    assert content.layers["seaports"].opacity == pytest.approx(0.4)
    # Moving a layer in the stack re-lists it: top of the list is the top of the map
    content.layers.move("states", len(content.layers) - 1)
    assert panel.list.item(0).data(Qt.UserRole) == "states"


def test_layer_panel_drag_reorder_updates_the_stack(window, content):
    panel = window.layer_panel
    model = panel.list.model()
    # Simulate the view's internal move of the bottom row to the top.
    last = panel.list.count() - 1
    bottom_id = panel.list.item(last).data(Qt.UserRole)
    model.moveRow(model.index(last, 0).parent(), last, model.index(0, 0).parent(), 0)
    assert content.layers.ids()[-1] == bottom_id


def test_window_geometry_is_remembered(make_window, content, tmp_path):
    ini = str(tmp_path / "geom.ini")
    win = make_window(content, settings=QSettings(ini, QSettings.IniFormat))
    win.show()
    win.resize(1311, 777)
    win.close()
    again = make_window(content, settings=QSettings(ini, QSettings.IniFormat))
    assert (again.width(), again.height()) == (1311, 777)


def test_every_menu_action_has_text_and_the_standard_shortcuts_exist(window):
    from PySide6.QtGui import QKeySequence

    def keys(action):  # what the menu shows next to the action, in order
        return [k.toString(QKeySequence.PortableText) for k in action.shortcuts() if not k.isEmpty()]

    def platform(standard):  # the platform's key for a standard action (the first binding)
        return [k for k in [QKeySequence(standard).toString(QKeySequence.PortableText)] if k]

    actions = window.findChildren(type(window.export_action))
    menu_actions = [a for m in window.menuBar().actions() for a in m.menu().actions() if not a.isSeparator()]
    assert all(a.text() for a in menu_actions)
    shown = {a.text().replace("&", ""): keys(a) for a in menu_actions}
    expected = {
        "Import BTS Files…": ["Ctrl+I"],
        "Export Map Image…": ["Ctrl+E"],
        "Open Flow Table (CSV)…": [],
        "Quit": platform(QKeySequence.Quit),  # none on a bare X11/offscreen desktop
        "Zoom In": platform(QKeySequence.ZoomIn) + ["Ctrl+="],
        "Zoom Out": platform(QKeySequence.ZoomOut),
        "Full Extent": ["Ctrl+Home"],
        "Zoom to Selection": ["Ctrl+J"],
        "Show Labels": [],
        "Show Trade Flows": ["Ctrl+F"],
    }
    assert {t: shown.get(t) for t in expected} == expected
    assert platform(QKeySequence.ZoomIn)[0] == "Ctrl++" and platform(QKeySequence.ZoomOut) == ["Ctrl+-"]
    everywhere = [k for a in actions for k in keys(a)]
    assert len(everywhere) == len(set(everywhere)), everywhere  # no key does two things
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
