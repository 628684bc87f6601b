"""The renderer paints the right colours in the right places, with readable labels."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from geo.core.projection import to_map
from geo.core.viewport import Viewport
from geo.layers.content import COUNTRY_FILL, WATER
from geo.layers.labels import boxes_overlap
from tests.conftest import REPO


def pixel(img: QImage, view: Viewport, lon: float, lat: float) -> QColor:
    sx, sy = view.to_screen(*to_map(lon, lat))
    return img.pixelColor(round(float(sx)), round(float(sy)))


def close(c: QColor, hexcolour: str, tol: int = 6) -> bool:
    ref = QColor(hexcolour)
    return max(abs(c.red() - ref.red()), abs(c.green() - ref.green()), abs(c.blue() - ref.blue())) <= tol


def test_middle_of_texas_has_texas_fill(renderer, content):
    view = Viewport.fit(content.home_bounds, 1600, 1000)
    for layer in ("railroads", "rivers", "cities"):
        content.layers.set_visible(layer, False)
    renderer.show_labels = False
    img = renderer.render_image(view)
    us, mx = dict(COUNTRY_FILL)["US"], dict(COUNTRY_FILL)["MX"]
    assert close(pixel(img, view, -99.3, 31.3), us)  # central Texas
    assert close(pixel(img, view, -104.5, 24.8), mx)  # Durango
    assert close(pixel(img, view, -93.0, 24.0), WATER)  # Gulf of Mexico
    assert close(pixel(img, view, -87.0, 44.0), WATER)  # Lake Michigan is water, not land


def test_every_bundled_layer_is_drawn(renderer, content):
    view = Viewport.fit(content.home_bounds, 1600, 1000)
    renderer.show_labels = False
    base = renderer.render_image(view)
    for layer in content.layers:
        content.layers.set_visible(layer.id, False)
        without = renderer.render_image(view)
        content.layers.set_visible(layer.id, True)
        assert without != base, f"hiding {layer.id} changed nothing"


@pytest.mark.parametrize("scale_factor,centre", [(1.0, None), (3.0, (-99.5, 27.5)), (8.0, (-106.4, 31.7)),
                                                  (2.0, (-100.3, 25.7))])
def test_labels_never_overlap_and_stay_on_screen(renderer, content, scale_factor, centre):
    view = Viewport.fit(content.home_bounds, 1600, 1000)
    if centre:
        view = view.centred_on(*to_map(*centre), scale=view.scale / scale_factor)
    renderer.render_image(view)
    placed = renderer.labels.last_placed
    assert len(placed) >= 12
    assert boxes_overlap(placed) == []
    for p in placed:
        assert 0 <= p.left and p.left + p.w <= view.width and 0 <= p.top and p.top + p.h <= view.height


def test_labels_thin_out_with_scale(renderer, content):
    home = Viewport.fit(content.home_bounds, 1600, 1000)
    renderer.render_image(home)
    at_home = {k for k in (p.key for p in renderer.labels.last_placed)}
    zoomed = home.centred_on(*to_map(-99.5, 27.5), scale=home.scale / 6)
    renderer.render_image(zoomed)
    names_zoomed = {content.layers[k[0]].feature_name(k[1]) for k in (p.key for p in renderer.labels.last_placed)}
    names_home = {content.layers[k[0]].feature_name(k[1]) for k in at_home}
    assert "Laredo" in names_home
    # Zoomed in on Laredo, smaller ports and crossings nearby get names that home hides.
    assert names_zoomed - names_home


def test_simplified_levels_are_used_when_zoomed_out(content):
    states = content.layers["states"]
    home = Viewport.fit(content.home_bounds, 1600, 1000)
    assert states.level_for(home.scale) > 0
    assert states.level_for(50.0) == 0


def _render_cli(tmp_path, *args):
    out = tmp_path / "map.png"
    r = subprocess.run([sys.executable, "-m", "cli", "render", "--out", str(out), *args],
                       capture_output=True, text=True, cwd=REPO, timeout=120)
    return r, out


def test_render_command_writes_png_of_the_asked_size_with_legend(tmp_path):
    r, out = _render_cli(tmp_path, "--width", "1200", "--height", "900")
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1200, 900)
    # The legend box sits bottom-left over the Pacific: it is not water-blue.
    legend_px = img.pixelColor(60, 900 - 120)
    assert not close(legend_px, WATER, 10)
    r2, out2 = _render_cli(tmp_path, "--width", "1200", "--height", "900", "--no-legend")
    assert close(QImage(str(out2)).pixelColor(60, 900 - 120), WATER, 10)


def test_render_command_matches_the_screen_renderer(tmp_path, renderer, content):
    r, out = _render_cli(tmp_path, "--width", "800", "--height", "600", "--no-legend")
    assert r.returncode == 0
    view = Viewport.fit(content.home_bounds, 800, 600)
    screen = renderer.render_image(view).convertToFormat(QImage.Format_RGB32)
    cli = QImage(str(out)).convertToFormat(QImage.Format_RGB32)
    a = np.frombuffer(screen.constBits(), np.uint8).reshape(600, 800, 4)[40:560].astype(int)
    b = np.frombuffer(cli.constBits(), np.uint8).reshape(600, 800, 4)[40:560].astype(int)
    assert np.mean(np.abs(a - b) > 8) < 0.001  # same pixels outside title band and attribution


def test_render_rejects_absurd_sizes(tmp_path):
    r, out = _render_cli(tmp_path, "--width", "5", "--height", "900")
    assert r.returncode == 2 and "--width" in r.stderr and not out.exists()
