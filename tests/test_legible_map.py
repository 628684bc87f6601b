"""A map that reads at a glance: at the default view the main land ports and the border
states are named, nothing hides a port, and the partner's border shows its own ports."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtGui import QColor

from geo.core.projection import to_map
from geo.core.viewport import Viewport
from geo.layers.content import PORT_RED
from geo.layers.hittest import HitTester, point_radii
from geo.layers.labels import boxes_overlap
from tests.conftest import REPO

MAIN_PORTS = ("Laredo", "El Paso", "Otay Mesa", "Nogales", "Hidalgo/Pharr", "Brownsville", "Eagle Pass",
              "Calexico East", "Santa Teresa", "Del Rio")
MX_BORDER_STATES = ("BAJA CALIFORNIA", "SONORA", "CHIHUAHUA", "COAHUILA", "NUEVO LEÓN", "TAMAULIPAS")
CANADA_PORTS = {"3801": "Detroit", "0901": "Buffalo Niagara Falls", "3802": "Port Huron", "3004": "Blaine",
                "0712": "Champlain Rouses Point"}
CANADA_BORDER_STATES = {"AK", "WA", "ID", "MT", "ND", "MN", "MI", "NY", "VT", "NH", "ME"}
WINDOWS = [(1600, 1000), (1366, 768)]


@pytest.fixture(scope="module")
def canvas_sizes():
    return {}


@pytest.fixture(params=WINDOWS, ids=lambda s: f"window{s[0]}x{s[1]}")
def canvas_size(request, canvas_sizes, make_window, qtbot):
    """The map canvas's size in the main window at a window size (the panels take the rest)."""
    from geo.layers.content import load_map_content

    size = request.param
    if size not in canvas_sizes:
        win = make_window(load_map_content(), show=True)
        win.resize(*size)
        qtbot.waitUntil(lambda: (win.width(), win.height()) == size)
        qtbot.wait(50)
        canvas_sizes[size] = (win.canvas.width(), win.canvas.height())
    w, h = canvas_sizes[size]
    assert 0.5 * size[0] < w < size[0] and 0.5 * size[1] < h < size[1]
    return w, h


def _text(p) -> str:
    return p.text.replace("\n", " ")


@pytest.fixture
def themed(content, shared_store):
    """The map as the app opens it: the default filter's theme applied (ports sized by trade,
    states shaded), not bare symbols."""
    from geo.session import Session

    Session(content.layers, shared_store).refresh()
    return content


def _home(renderer, content, size):
    view = Viewport.fit(content.home_bounds, *size)
    img = renderer.render_image(view)
    return view, img, list(renderer.labels.last_placed)


def test_main_ports_and_border_states_are_named_at_the_default_view(renderer, themed, canvas_size):
    content = themed
    view, _img, placed = _home(renderer, content, canvas_size)
    texts = [_text(p) for p in placed]
    missing = [n for n in MAIN_PORTS + MX_BORDER_STATES if n not in texts]
    assert not missing, f"not labelled at {canvas_size}: {missing}"
    mains = [p for p in placed if p.key[0] == "ports" and _text(p) in MAIN_PORTS]
    assert len(mains) == len(MAIN_PORTS)
    assert boxes_overlap(mains) == [] and boxes_overlap(placed) == []
    for p in placed:
        assert 0 <= p.left and p.left + p.w <= view.width and 0 <= p.top and p.top + p.h <= view.height, _text(p)


def test_each_port_label_stands_by_its_own_symbol(renderer, themed, canvas_size):
    content = themed
    """A label beside its symbol, or joined to it by a leader line that starts at its edge."""
    view, _img, placed = _home(renderer, content, canvas_size)
    ports = content.layers["ports"]
    x, y = ports.point_xy()
    sx, sy = view.to_screen(x, y)
    radii = point_radii(ports)
    for p in (p for p in placed if p.key[0] == "ports"):
        i = p.key[1]
        nx = min(max(sx[i], p.left), p.left + p.w)
        ny = min(max(sy[i], p.top), p.top + p.h)
        gap = float(np.hypot(nx - sx[i], ny - sy[i]))
        if p.leader is None:
            assert gap <= radii[i] + 5, _text(p)
        else:
            x0, y0, x1, y1 = p.leader
            assert np.hypot(x0 - sx[i], y0 - sy[i]) <= gap  # starts at the symbol (or its group's) edge
            assert (x1, y1) == pytest.approx((nx, ny), abs=0.01)  # and ends on the label
            assert gap <= radii[i] + 45, _text(p)


def test_the_el_paso_bridges_share_a_label_zoomed_out_and_split_zoomed_in(renderer, content):
    home = Viewport.fit(content.home_bounds, 1068, 850)
    renderer.render_image(home)
    texts = [_text(p) for p in renderer.labels.last_placed]
    assert "El Paso" in texts and "Ysleta" not in texts
    close = home.centred_on(*to_map(-106.4, 31.72), scale=40.0)
    renderer.render_image(close)
    texts = [_text(p) for p in renderer.labels.last_placed]
    assert "El Paso" in texts and "Ysleta" in texts


def _symbol_covers(layer, view, px, py) -> np.ndarray:
    """Which features of a point layer have a symbol covering screen point (px, py)."""
    x, y = layer.point_xy()
    sx, sy = view.to_screen(x, y)
    r = point_radii(layer) * (1.25 if layer.style.symbol == "diamond" else 1.0) + layer.style.stroke_width / 2
    if layer.style.symbol == "circle":
        cover = np.hypot(sx - px, sy - py) <= r
    else:
        cover = (np.abs(sx - px) <= r) & (np.abs(sy - py) <= r)
    shown = layer.shown_at(view.scale)
    return cover if shown is None else cover & shown


def test_no_port_symbol_is_covered_by_another_layer(renderer, themed, canvas_size):
    content = themed
    """Cluster discs, seaports and crossings are drawn under the ports; no label and no
    leader line lies on a port; each port's centre is painted in the port colour."""
    view, img, placed = _home(renderer, content, canvas_size)
    layers = content.layers.visible_layers()
    order = [ly.id for ly in layers]
    ports = content.layers["ports"]
    above = [ly for ly in layers[order.index("ports") + 1:] if ly.kind == "point"]
    x, y = ports.point_xy()
    sx, sy = view.to_screen(x, y)
    on = ports.shown_at(view.scale) & (sx >= 0) & (sx < view.width) & (sy >= 0) & (sy < view.height)
    assert on.sum() >= 20
    for i in np.nonzero(on)[0]:
        for layer in above:
            assert not _symbol_covers(layer, view, sx[i], sy[i]).any(), (ports.data["name"].iloc[i], layer.id)
        for p in placed:
            inside = p.left <= sx[i] <= p.left + p.w and p.top <= sy[i] <= p.top + p.h
            assert not inside, (ports.data["name"].iloc[i], _text(p))
        c = img.pixelColor(round(float(sx[i]) - 0.5), round(float(sy[i]) - 0.5))
        red = QColor(PORT_RED)
        # the port's fill, or the white rim of a neighbouring port drawn over it
        assert c.red() >= red.red() - 8 and c.red() - max(c.green(), c.blue()) >= 20, (ports.data["name"].iloc[i],
                                                                                       c.name())
    for layer_id in ("clusters", "seaports", "crossings", "industrial_parks", "cities"):
        assert order.index(layer_id) < order.index("ports")


def test_hovering_ports_that_share_a_symbol_names_them_all(qtbot, content):
    from desktop.canvas.map_canvas import MapCanvas
    from geo.layers.hittest import Hit, overlapping

    c = MapCanvas(content)
    qtbot.addWidget(c)
    c.resize(1068, 850)
    c.zoom_home()
    ports = content.layers["ports"]
    otay = int(np.flatnonzero(ports.data["port_code"] == "2506")[0])
    names = [ports.feature_name(i) for i in overlapping(ports, c.view, otay)]
    assert {"San Ysidro", "Cross Border Xpress"} <= set(names)
    tip = c.tooltip_for(Hit("ports", otay))
    assert "Otay Mesa" in tip and "San Ysidro" in tip and "Cross Border Xpress" in tip
    # zoomed in, they are apart
    c.set_view(c.view.centred_on(*to_map(-116.97, 32.55), scale=20.0))
    assert overlapping(ports, c.view, otay) == []


# ---------------------------------------------------------------------------- the partner's border


def test_us_canada_ports_are_bundled_on_the_canada_border():
    mx = pd.read_csv(REPO / "data" / "ports_of_entry.csv", dtype=str, keep_default_na=False)
    ca = pd.read_csv(REPO / "data" / "ports_of_entry_canada.csv", dtype=str, keep_default_na=False)
    assert list(ca.columns) == list(mx.columns)
    assert len(ca) > 80 and ca["port_code"].is_unique and ca["port_code"].str.fullmatch(r"\d{4}").all()
    assert not set(ca["port_code"]) & set(mx["port_code"])
    assert set(ca["state_code"]) <= CANADA_BORDER_STATES
    assert ca["source"].str.startswith("BTS Border Crossing/Entry Data").all()
    lon, lat = ca["lon"].astype(float), ca["lat"].astype(float)
    assert (lat > 42.0).all() and (lon < -66.9).all()
    by_code = ca.set_index("port_code")
    for code, name in CANADA_PORTS.items():
        assert by_code.loc[code, "name"] == name
    assert by_code.loc["3801", "state_code"] == "MI"
    assert abs(float(by_code.loc["3801", "lon"]) + 83.05) < 0.1 and abs(float(by_code.loc["3801", "lat"]) - 42.33) < 0.1
    trucks = by_code["truck_2024"].astype(int)
    assert trucks.idxmax() == "3801"  # Detroit, the busiest truck crossing on the Canada border


def test_the_map_shows_the_ports_of_the_partners_border(qtbot, renderer, content):
    ports = content.layers["ports"]
    data = ports.data
    assert set(data["border"]) == {"MX", "CA"}
    assert content.shown_border == "MX"  # the map opens on the US–Mexico border
    view = Viewport.fit(content.home_bounds, 1068, 850)
    hits = HitTester(content.layers)
    detroit = int(np.flatnonzero(data["port_code"] == "3801")[0])
    laredo = int(np.flatnonzero(data["port_code"] == "2304")[0])

    def at(i):
        x, y = ports.point_xy()
        sx, sy = view.to_screen(x[i], y[i])
        return hits.hit(view, float(sx), float(sy), kinds=("point",))

    events = []
    content.layers.changed.connect(events.append)
    assert at(detroit) is None or at(detroit).layer_id != "ports"
    assert at(laredo).index == laredo
    content.selection.select(at(laredo))

    content.show_border("CA")
    assert "ports" in events and content.shown_border == "CA"
    assert content.selection.current is None  # Laredo is no longer on the map
    assert at(detroit).index == detroit
    assert at(laredo) is None or at(laredo).layer_id != "ports"  # (Nuevo Laredo's cluster is there)
    hit = content.hit_for("ports", "3801")
    assert content.feature_id(hit) == "3801" and content.place_ref(hit) == ("port", "3801")
    assert content.hit_for("ports", "2304") is None
    renderer.render_image(view)
    texts = {_text(p) for p in renderer.labels.last_placed if p.key[0] == "ports"}
    assert {"Detroit", "Port Huron", "Buffalo–Niagara Falls", "Blaine", "Champlain–Rouses Point"} <= texts
    assert not texts & set(MAIN_PORTS)
    assert not content.layers["crossings"].shown_at(view.scale).any()  # NTAD's crossings are Mexico's

    content.show_border(None)
    renderer.render_image(view)
    texts = {_text(p) for p in renderer.labels.last_placed if p.key[0] == "ports"}
    assert {"Laredo", "Detroit"} <= texts
    content.show_border("MX")
    assert content.hit_for("ports", "2304").index == laredo
    with pytest.raises(ValueError):
        content.show_border("US")
