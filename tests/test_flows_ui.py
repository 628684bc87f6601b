"""Flows in the app: toggled, hovered, selected through a port, played month by month,
exported as an animation, and drawn from the user's own OD table."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from geo.core.projection import to_map


@pytest.fixture
def window(trade_window):
    win = trade_window
    win.resize(1500, 950)
    win.trade.filter_bar.period.set_range(0, 0, emit=True)  # Jan 2015: DOT1 flows exist
    win.show_flows(True)
    win.canvas.zoom_home()
    win.canvas.repaint()
    return win


def _screen(win, x, y):
    sx, sy = win.canvas.view.to_screen(x, y)
    return QPoint(round(float(sx)), round(float(sy)))


def test_flows_follow_the_filter_and_draw(window):
    fs = window.flows.flowset
    assert fs is not None and len(fs) > 1000
    before = window.canvas.grab().toImage()
    window.show_flows(False)
    window.canvas.repaint()
    assert window.canvas.grab().toImage() != before
    window.show_flows(True)
    window.trade.filter_bar.direction.setCurrentIndex(window.trade.filter_bar.direction.findData("export"))
    assert window.flows.model.filter.trade_type == "export"
    assert "drawn" in window.flow_panel.summary.text()


def test_hovering_a_flow_shows_its_figures(qtbot, window):
    from geo.flows import hit_test

    fs = window.flows.flowset
    view = window.canvas.view
    found = None
    for sx in range(200, window.canvas.width() - 200, 6):
        for sy in range(150, window.canvas.height() - 150, 6):
            j = hit_test(fs, view, sx, sy, 3.0)
            if j is not None:
                found = (sx, sy, j)
                break
        if found:
            break
    assert found, "no flow found on screen"
    sx, sy, j = found
    qtbot.mouseMove(window.canvas, QPoint(sx, sy))
    assert window.flows.model.hover == j
    tip = window.flows.tooltip(j)
    assert "$" in tip and "%" in tip


def test_clicking_laredo_selects_its_flows(qtbot, window, content):
    ports = content.layers["ports"].data
    row = ports[ports["port_code"] == "2304"].iloc[0]
    qtbot.mouseClick(window.canvas, Qt.LeftButton, pos=_screen(window, *to_map(row["lon"], row["lat"])))
    assert window.flows.model.selected_port == "2304"
    through = window.flows.flowset.flows_through("2304")
    assert len(through) > 10


def test_time_bar_steps_months_and_restores_the_period(qtbot, window):
    bar = window.trade.filter_bar
    bar.period.set_range(bar.months.index(202001), bar.months.index(202112), emit=True)  # 2020-01 .. 2021-12
    tb = window.time_bar
    # the months held: 24 calendar months less BTS's Oct–Dec 2020 gap
    assert tb.period_months()[0] == 202001 and len(tb.period_months()) == 21
    tb.step(1)
    session = window.session
    # the map shows the month; the analyst's period stays in the filter (and the filter bar)
    assert session.effective_filter.period == (202001, 202001)
    assert session.filter.period == (202001, 202112)
    assert session.theme.filter.period == (202001, 202001)
    assert window.canvas.caption == "Jan 2020"
    laredo_jan = window.content.layers["ports"].data.set_index("port_code")["theme_value"]["2304"]
    tb.step(1)
    assert session.effective_filter.period == (202002, 202002) and session.playback.month == 202002
    assert window.content.layers["ports"].data.set_index("port_code")["theme_value"]["2304"] != laredo_jan
    tb.play()
    assert tb.playing
    qtbot.waitUntil(lambda: tb.index >= 4, timeout=10000)
    tb.stop()
    assert not tb.playing and session.playback.month is None
    assert session.effective_filter.period == session.filter.period == (202001, 202112)
    assert window.canvas.caption == ""


def test_export_animation_writes_gif_and_png_frames(qtbot, window, tmp_path):
    from PIL import Image

    from desktop.export.animation import export_gif, export_png_sequence, render_frames

    months = [202001, 202002, 202003]
    frames = list(render_frames(window, months, window.canvas.view))
    assert [m for m, _ in frames] == months
    gif = tmp_path / "play.gif"
    assert export_gif(frames, gif, fps=2) == 3
    with Image.open(gif) as im:
        assert im.n_frames == 3 and im.size == (window.canvas.view.width, window.canvas.view.height)
    pngs = export_png_sequence(frames, tmp_path / "seq.png")
    assert [p.name for p in pngs] == ["seq_001.png", "seq_002.png", "seq_003.png"]
    assert QImage(str(pngs[0])) != QImage(str(pngs[1]))  # the month changes the picture
    assert window.trade.trade.filter.period == (201501, 201501)  # the view is restored


def test_own_od_table_with_unknown_places_is_reported_row_by_row(qtbot, window, tmp_path):
    csv = tmp_path / "suppliers.csv"
    csv.write_text("origin,destination,value\nNuevo Leon,Texas,1200000\nAtlantis,Texas,50\n"
                   "Jalisco,California,300000\n", encoding="utf-8")
    window.open_od_table(str(csv))
    assert window.flows.source == "od" and len(window.flows.flowset) == 2
    dialog = window.od_report
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "3"
    assert "Atlantis" in dialog.table.item(0, 1).text()
    assert "suppliers.csv" in window.flow_panel.source.text()
    window.flow_panel.back_to_bts.click()
    assert window.flows.source == "bts" and len(window.flows.flowset) > 1000


def _map_pixels(canvas):
    """The map as drawn (RGB), without the month caption, which is drawn over the fade."""
    import numpy as np

    caption, canvas.caption = canvas.caption, ""
    img = canvas.grab().toImage().convertToFormat(QImage.Format_RGBA8888)
    canvas.caption = caption
    rows = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return rows[:, :img.width() * 4].reshape(img.height(), img.width(), 4)[..., :3].astype(int)


def test_month_steps_cross_fade_instead_of_jumping(qtbot, window, monkeypatch):
    import time

    import numpy as np

    from desktop.canvas import map_canvas

    class Clock:  # the canvas's clock, moved by hand: each frame is drawn at a chosen moment
        now = time.perf_counter()

        def perf_counter(self):
            return self.now

        def __getattr__(self, name):
            return getattr(time, name)

    clock = Clock()
    monkeypatch.setattr(map_canvas, "time", clock)
    canvas = window.canvas
    bar = window.trade.filter_bar
    bar.period.set_range(bar.months.index(202001), len(bar.months) - 1, emit=True)
    tb = window.time_bar
    tb.step(1)
    clock.now += 10.0  # long after the fade into Jan 2020
    before = _map_pixels(canvas)
    tb.step(1)  # Feb 2020: ports change size, and the picture starts to fade
    assert canvas._fade_from is not None and canvas._fade_ms > 0
    assert canvas.caption == "Feb 2020"  # the month's name changes at once
    clock.now += canvas._fade_ms / 2000  # half-way through the fade
    mid = _map_pixels(canvas)
    clock.now += canvas._fade_ms / 1000  # past its end
    after = _map_pixels(canvas)
    assert canvas._fade_from is None  # the fade is over
    changed = np.abs(before - after).max(axis=2) > 20  # the ports whose size changed
    assert changed.sum() > 50
    assert (mid != before).any() and (mid != after).any()  # a blend of the two months...
    assert np.abs(mid - (before + after) / 2).max(axis=2)[changed].max() <= 2  # ...half and half


def test_playback_uses_one_prefetch_and_gives_the_same_flows(qtbot, window, monkeypatch):
    bar = window.trade.filter_bar
    bar.period.set_range(0, len(bar.months) - 1, emit=True)  # 2015-01 .. 2021-12
    store = window.flows.model.store
    calls = []
    real = store.flow_triples
    monkeypatch.setattr(store, "flow_triples", lambda *a, **k: calls.append(k) or real(*a, **k))
    tb = window.time_bar
    tb.step(1)  # Jan 2015, through the prefetched catalogue
    assert window.session._playback_months is not None
    assert [c.get("by_month") for c in calls] == [True]  # one grouped query, no per-month query
    played = window.flows.flowset
    direct = window.flows.model.set_filter(window.session.effective_filter)  # the same month queried directly
    assert len(played) == len(direct) > 1000
    assert float(played.value.sum()) == pytest.approx(float(direct.value.sum()))
    tb.stop()
    assert window.session._playback_months is None


def test_port_and_state_tooltips_give_what_enters_and_leaves(window, content):
    from geo.layers.hittest import Hit

    fs = window.flows.flowset
    ports = content.layers["ports"].data
    i = int(ports.index[ports["port_code"] == "2304"][0])
    tip = window.canvas.tooltip_for(Hit("ports", i))
    through = fs.value[fs.flows_through("2304")].sum()
    from geo.core.formatting import format_usd

    assert "Through this port" in tip and format_usd(through) in tip
    states = content.layers["states"].data
    tx = int(states.index[(states["country"] == "US") & (states["code"] == "TX")][0])
    assert "Leaving" in window.canvas.tooltip_for(Hit("states", tx))


def test_flow_value_labels_never_cover_place_names(window):
    window.canvas.repaint()
    names = window.canvas.renderer.label_boxes(window.canvas.view)
    values = window.flows.painter.last_labels
    assert names and values
    assert not any(v.intersects(n) for v in values for n in names)


def test_pause_keeps_the_analysts_period(qtbot, window):
    """Pause holds the month on screen; the filter (and the filter bar) keep the chosen period."""
    bar = window.trade.filter_bar
    bar.period.set_range(bar.months.index(202001), bar.months.index(202006), emit=True)
    label = bar.period_label.text()
    tb = window.time_bar
    tb.play()
    qtbot.waitUntil(lambda: tb.index >= 2, timeout=10000)
    tb.pause()
    session = window.session
    assert not tb.playing and session.playback.month is not None
    assert session.filter.period == (202001, 202006)
    assert bar.period_label.text() == label == "Jan 2020 – Jun 2020"
    tb.stop()
    assert session.effective_filter.period == (202001, 202006)
