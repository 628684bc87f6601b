"""Issue 15: the company's lanes drawn over the public trade flows (both at once, each with its
own colours and legend section), hovered before them, and the network's figures (routes,
exposure, lanes as flows) computed off the GUI thread with progress and Cancel."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint

from geo.flows.options import MODE_COLOURS
from geo.network.display import FACILITY_LAYER_ID, LANE_COLOURS
from geo.network.model import Facility, Lane, Network
from tests.network_demo import demo_network


def _computed(win, qtbot):
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)


@pytest.fixture
def window(make_window, qtbot):
    win = make_window(wait_store=True, show=True)
    win.resize(1500, 950)
    win.trade.filter_bar.period.set_range(0, 0, emit=True)   # Jan 2015: DOT1 flows exist
    win.project.set_network(demo_network())
    _computed(win, qtbot)
    win.canvas.zoom_home()
    return win


def _pixels(win) -> np.ndarray:
    win.canvas.repaint()
    img = win.canvas.grab().toImage().convertToFormat(win.canvas.grab().toImage().Format.Format_RGB888)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    return np.frombuffer(bytes(img.constBits()), np.uint8).reshape(h, bpl)[:, :w * 3].reshape(h, w, 3).astype(int)


def _orange(px: np.ndarray) -> int:
    """Pixels of the public truck flows' orange (as blended over the map), not the ports' red."""
    r, g, b = px[..., 0], px[..., 1], px[..., 2]
    return int(((r > 170) & (r - b > 100) & (g > 80) & (g < r - 40)).sum())


def _ink(px: np.ndarray) -> int:
    """Pixels of the company's truck lanes' ink."""
    return int(((px.max(axis=2) < 70) & (px.max(axis=2) - px.min(axis=2) < 14)).sum())


def test_with_company_lanes_on_the_public_flows_are_still_painted(window):
    assert LANE_COLOURS["truck"] == "#1a1a1a" and MODE_COLOURS["5"] == "#e0701b"
    nothing = _pixels(window)
    window.show_flows(True)
    flows_only = _pixels(window)
    assert window.flows.flowset is not None and _orange(flows_only) > _orange(nothing) + 1000
    window.network_panel.lanes_box.setChecked(True)          # the company's lanes over them
    both = _pixels(window)
    assert window.flows.flowset is not None and window.network_view.lanes.flowset is not None
    assert _orange(both) > _orange(nothing) + 1000            # the public flows are still painted
    assert _ink(both) > _ink(flows_only) + 600               # and the lanes over them
    window.show_flows(False)
    lanes_only = _pixels(window)
    assert _orange(lanes_only) < _orange(nothing) + 200
    assert _ink(lanes_only) > _ink(nothing) + 600
    # each overlay has its own legend section in the legend dock
    window.show_flows(True)
    legend = window.network_view.lane_legend
    assert legend.isVisible() and legend.height() > 60
    assert {label for _c, label in window.network_view.lanes.flowset.legend_items()} <= {"truck", "rail"}
    window.network_panel.lanes_box.setChecked(False)
    assert not legend.isVisible() and window.network_view.lanes.flowset is None


def test_the_lanes_are_hovered_before_the_public_flows(qtbot, window):
    from geo.flows import hit_test

    window.show_flows(True)
    window.network_view.show_lanes(True)
    window.canvas.repaint()
    lanes = window.network_view.lanes
    fs = lanes.flowset
    view = window.canvas.view
    found = None
    for sx in range(150, window.canvas.width() - 150, 5):
        for sy in range(100, window.canvas.height() - 100, 5):
            j = hit_test(fs, view, sx, sy, 3.0)
            if j is not None and window.canvas.hits.hit(view, sx, sy, kinds=("point",)) is None:
                found = (sx, sy, j)
                break
        if found:
            break
    assert found, "no company lane found on screen"
    sx, sy, j = found
    qtbot.mouseMove(window.canvas, QPoint(sx, sy))
    assert lanes.hover == j and window.flows.model.hover is None
    tip = lanes.tooltip(j)
    assert "Company lane" in tip and str(fs.label[j]) in tip and "$" in tip


def _big_network(n_lanes: int = 30000) -> Network:
    rnd = np.random.default_rng(15)
    facs = {}
    for i in range(2000):
        mx = i % 2 == 1
        lat = rnd.uniform(19.0, 27.0) if mx else rnd.uniform(31.5, 42.0)
        lon = rnd.uniform(-106.0, -99.0) if mx else rnd.uniform(-100.0, -85.0)
        facs[f"F{i}"] = Facility(f"F{i}", f"Site {i}", "plant" if mx else "customer", lon=float(lon), lat=float(lat),
                                 state="NL" if mx else "TX", country="MX" if mx else "US")
    lanes = {f"L{i}": Lane(f"L{i}", f"F{2 * int(rnd.integers(1000)) + 1}", f"F{2 * int(rnd.integers(1000))}",
                           float(rnd.integers(1, 10**7))) for i in range(n_lanes)}
    return Network(facs, lanes)


def test_the_figures_are_computed_off_the_gui_thread_with_progress_and_cancel(make_window, qtbot):
    win = make_window(wait_store=True)
    net = _big_network()
    win.project.set_network(net)
    view = win.network_view
    panel = win.network_panel
    assert view.busy and view.exposure is None                  # the window answers while it is computed
    assert panel.progress.isVisibleTo(panel) and panel.cancel_button.isVisibleTo(panel)
    assert "30,000 lanes" in panel.status.text()
    panel.cancel_button.click()
    _computed(win, qtbot)
    assert view.exposure is None and "Cancelled" in panel.status.text()
    assert FACILITY_LAYER_ID not in win.content.layers                    # nothing half-made on the map
    assert panel.compute_button.isVisibleTo(panel) and not panel.progress.isVisibleTo(panel)
    seen = []
    view.computed.connect(seen.append)
    panel.compute_button.click()                                # compute again
    assert view.busy
    _computed(win, qtbot)
    exp = view.exposure
    assert seen and exp is not None and exp.total == pytest.approx(sum(ln.value for ln in net.lanes.values()))
    assert not panel.progress.isVisibleTo(panel) and panel.rows()
    assert len(win.content.layers[FACILITY_LAYER_ID].data) == 2000         # the facilities came with them
    assert view.lane_flowset() is not None and view.lane_flowset().total_value == pytest.approx(exp.total)


def test_compute_reports_progress_and_stops_when_told():
    from geo.network.display import compute
    from geo.network.lanes import land_ports
    from geo.network.model import Cancelled

    net = _big_network(5000)
    ports = land_ports()
    calls = []
    res = compute(net, ports, progress=lambda d, t: calls.append((d, t)) or True)
    assert calls and calls[-1][0] == calls[-1][1] and all(d <= t for d, t in calls)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)
    with pytest.raises(Cancelled):
        compute(net, ports, progress=lambda d, t: d < t / 3)
    again = compute(net, ports, "type", previous=res)               # the routes and exposure are reused
    assert again.exposure is res.exposure and again.flowset is not res.flowset
    assert "Site 1" not in set(again.flowset.origin_name)


def test_the_company_lanes_shown_are_in_the_map_export(window, tmp_path, monkeypatch):
    """A map exported while the company's lanes are shown draws them (ink on the page) with
    their legend section as text; File → Export… passes them, and nothing once they are hidden."""
    pytest.importorskip("pypdf")
    import pypdf
    from PySide6.QtGui import QImage

    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import Page

    window.network_panel.lanes_box.setChecked(True)
    snap = window.network_view.lanes.snapshot()
    assert snap is not None and snap.fs is window.network_view.lanes.flowset

    def export(path, overlays):
        opts = ExportOptions(Page(8.0, 6.0, 100), title="Company lanes", bounds=window.canvas.view.bounds,
                             overlays=overlays)
        export_map(path, window.content, window.session, opts)

    def ink(path):
        img = QImage(str(path)).convertToFormat(QImage.Format_RGB888)
        w, h, bpl = img.width(), img.height(), img.bytesPerLine()
        px = np.frombuffer(bytes(img.constBits()), np.uint8).reshape(h, bpl)[:, :w * 3].reshape(h, w, 3).astype(int)
        return _ink(px)

    export(tmp_path / "with.png", (snap,))
    export(tmp_path / "without.png", ())
    assert ink(tmp_path / "with.png") > ink(tmp_path / "without.png") + 300
    export(tmp_path / "with.pdf", (snap,))
    text = " ".join(pypdf.PdfReader(tmp_path / "with.pdf").pages[0].extract_text().split())
    assert "Company lanes" in text
    import desktop.dialogs.export_dialog as export_dialog
    import desktop.export.publication as publication

    seen = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: 1)
    monkeypatch.setattr(export_dialog.ExportDialog, "request", lambda self: object())
    monkeypatch.setattr(publication, "export_with_progress",
                        lambda parent, content, session, request, bounds, overlays=(): seen.append(overlays))
    window.export_image()
    assert len(seen[0]) == 1 and seen[0][0].fs is window.network_view.lanes.flowset
    window.network_panel.lanes_box.setChecked(False)
    window.export_image()
    assert seen[1] == ()
