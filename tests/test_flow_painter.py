"""The flow painter draws where the flows are, fades the others on hover, and its pan cache
paints exactly what a fresh render paints."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from geo.core.viewport import Viewport
from geo.flows import FlowOptions, build_flows
from geo.query import TradeFilter

W, H = 800, 500
BG = QColor(255, 255, 255)


@pytest.fixture(scope="module")
def flows(shared_store):
    df = shared_store.flow_triples(TradeFilter(period=("2015-01", "2015-01"), trade_type="export"))
    return build_flows(df, options=FlowOptions(top_n=60, show_labels_top_k=5))


@pytest.fixture
def view():
    return Viewport.fit((-2.4e6, -2.0e6, 2.4e6, 1.6e6), W, H)


def render(fp, view, fs, **kw):
    img = QImage(W, H, QImage.Format_ARGB32_Premultiplied)
    img.fill(BG)
    p = QPainter(img)
    fp.paint(p, view, fs, **kw)
    p.end()
    return img


def arr(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format_RGB32)
    # BGRA in memory -> RGB
    return np.frombuffer(img.constBits(), np.uint8).reshape(H, img.bytesPerLine() // 4, 4)[:, :W, 2::-1].astype(int)


def band_pixel(fs, view, i, leg=1, k=7):
    g = fs.geometry(view.scale)
    b = np.nonzero((g.band_flow == i) & (g.band_leg == leg))[0][0]
    sx, sy = view.to_screen(*g.centres[b, k])
    return int(round(float(sx))), int(round(float(sy)))


def test_painting_changes_pixels_along_the_flow_path(qapp, flows, view):
    from desktop.canvas.flow_painter import FlowPainter

    fp = FlowPainter()
    fp.show_totals = False
    flows = flows.with_options(FlowOptions(top_n=60, show_labels_top_k=0))   # labels cover bands
    img = arr(render(fp, view, flows))
    assert (np.abs(img - 255).sum(-1) > 30).sum() > 2000           # flows were drawn
    wide = flows.width_scale.px(flows.value) >= 4
    long2 = [i for i in range(60) if wide[i] and np.hypot(flows.dx[i] - flows.px[i],
                                                          flows.dy[i] - flows.py[i]) > 60 * view.scale]
    for i in [0, 1, 2] + long2[:3]:                               # the largest flows
        for leg, k in ((1, 4), (1, 9)) + (((2, 5),) if i in long2 else ()):
            x, y = band_pixel(flows, view, i, leg, k)
            c = QColor(flows.colour[i])
            rgb = np.array([c.red(), c.green(), c.blue()])
            # the flow's colour at 78% over white, or stronger where flows overlap
            err = min(np.abs(img[y, x] - (rgb * a + 255 * (1 - a))).max() for a in np.linspace(0.7, 1, 31))
            assert err <= 14, (i, leg, k, img[y, x], rgb)
    # far from any flow the background is untouched
    assert tuple(img[H - 3, 3]) == (255, 255, 255)


def test_hover_fades_the_other_flows(qapp, flows, view):
    from desktop.canvas.flow_painter import FlowPainter

    fp = FlowPainter()
    fp.show_totals = False
    fp_labels_off = flows.with_options(FlowOptions(top_n=60, show_labels_top_k=0))
    normal = arr(render(fp, view, fp_labels_off))
    hovered = arr(render(fp, view, fp_labels_off, hover=0))
    other = next(i for i in range(1, 60) if flows.port[i] != flows.port[0])
    xo, yo = band_pixel(fp_labels_off, view, other, 1, 7)
    x0, y0 = band_pixel(fp_labels_off, view, 0, 1, 7)
    ink = lambda px: 765 - int(px.sum())                           # noqa: E731
    assert ink(hovered[yo, xo]) < 0.5 * ink(normal[yo, xo])        # the other flow faded
    assert ink(hovered[y0, x0]) >= 0.9 * ink(normal[y0, x0])       # the hovered one did not
    # selecting a port keeps only its flows bright
    sel = arr(render(fp, view, fp_labels_off, selected_port=fp_labels_off.port[0]))
    assert ink(sel[yo, xo]) < 0.5 * ink(normal[yo, xo])
    assert ink(sel[y0, x0]) >= 0.9 * ink(normal[y0, x0])


def test_pan_reuses_the_cached_layer_and_matches_a_fresh_render(qapp, flows, view):
    from desktop.canvas.flow_painter import FlowPainter

    fp = FlowPainter()
    render(fp, view, flows)
    layer = fp._layer
    assert layer is not None                                       # the bands are rastered once
    render(fp, view, flows)
    assert fp._layer is layer                                      # and reused by the next frame
    panned = view.panned(37, -21)
    cached = arr(render(fp, panned, flows))
    assert fp._layer is layer                                      # no re-render on a pan
    fresh = arr(render(FlowPainter(), panned, flows))
    assert np.abs(cached - fresh).max() <= 4           # premultiplied-layer rounding
    assert np.abs(cached - fresh).mean() < 0.05
    z = view.zoomed(1.5)                                           # a zoom does not reuse the raster
    assert np.array_equal(arr(render(fp, z, flows)), arr(render(FlowPainter(), z, flows)))


def test_value_labels_do_not_overlap_and_legend_draws(qapp, flows, view):
    from desktop.canvas.flow_painter import FlowPainter

    fp = FlowPainter()
    render(fp, view, flows)
    rects = fp.last_labels
    assert 1 <= len(rects) <= 5
    for a in range(len(rects)):
        for b in range(a + 1, len(rects)):
            assert not rects[a].intersects(rects[b])
    img = QImage(300, 300, QImage.Format_ARGB32_Premultiplied)
    img.fill(BG)
    p = QPainter(img)
    h = fp.legend_height(flows, 260)
    fp.paint_width_legend(p, QRectF(10, 10, 260, h), flows)
    p.end()
    a = np.frombuffer(img.constBits(), np.uint8).reshape(300, 300, 4)[..., :3].astype(int)
    # the largest legend step is drawn at its proportional width (a grey bar of that height)
    value, px = flows.width_scale.legend_steps()[0]
    col = a[10:10 + int(h), 30]
    dark = (col.sum(-1) < 500).sum()
    assert dark >= int(px) - 1
    assert "smaller flows" in FlowPainter.remainder_text(flows)


def test_paths_built_from_numpy_match_qt_polygons(qapp):
    from PySide6.QtGui import QPainterPath

    from desktop.canvas.flow_painter import polylines_path
    from desktop.canvas.qt_geometry import qpolygonf

    rng = np.random.default_rng(1)
    pts = rng.uniform(-500, 500, (7, 5, 2))
    want = QPainterPath()
    for x in pts:
        want.addPolygon(qpolygonf(x))
    got = polylines_path(pts)
    assert got.elementCount() == want.elementCount() == 35
    for i in range(35):
        a, b = got.elementAt(i), want.elementAt(i)
        assert (a.type, a.x, a.y) == (b.type, b.x, b.y)
    closed = polylines_path(pts, close=True)
    assert closed.elementCount() == 7 * 6
    assert closed.elementAt(5).x == pts[0, 0, 0] and closed.elementAt(5).y == pts[0, 0, 1]
    assert polylines_path(np.zeros((0, 5, 2))).isEmpty()
