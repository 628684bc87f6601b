"""The drill-down panel's speed work (issue 11) keeps every figure and every pixel: the annual
series summed from the monthly answer equals the store's annual answer, the commodities
computed ahead are the details', a chart drawn on a kept figure equals one drawn on a new
figure, the first screenful of charts shows before the rest is computed and in order, a chart
that fails to draw is said, and the store's cached crossing months follow an import."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from geo.analysis.profile import add_details, build_profile, first_breakdowns, profile_header, trade_series
from geo.query import TradeFilter

REFS = [("port", "2304"), ("us-state", "TX"), ("mx-state", "NL"), ("corridor", "MX"), ("zone", "cluster-bajio"),
        ("corridor", "CA"), ("seaport", "MXZLO")]
FILTERS = [TradeFilter(period=(202101, 202112), country="MX"), TradeFilter(),
           TradeFilter(period=(202201, 202312), granularity="year", trade_type="export"),
           TradeFilter(period=(201901, 201912), commodities=("87",))]


@pytest.mark.parametrize("ref", REFS)
def test_the_annual_series_is_the_stores_annual_answer(shared_store, ref):
    """Summed by year from the monthly answer (one query fewer): the store's own figures, years,
    partial years and source."""
    for f in FILTERS:
        prof = profile_header(shared_store, ref, f)
        annual = next((s for s in trade_series(prof) if s.key == "trade_annual"), None)
        ctx = prof.ctx
        if ctx.ff is None:
            assert annual is None
            continue
        df = shared_store.breakdown(ctx.ff.replace(period=None), "year")
        if not len(df):
            assert annual is None
            continue
        assert annual is not None
        assert annual.x == tuple(int(y) for y in df["code"])
        assert annual.y == tuple(float(v) for v in df["value"])
        held = df.attrs["plan"]["months_by_table"]
        months = sorted({m for v in held.values() for m in v})
        assert annual.source.months == tuple(months)
        per_year = {y: sum(1 for m in months if m // 100 == y) for y in annual.x}
        assert annual.partial == tuple(per_year[y] < 12 for y in annual.x)


@pytest.mark.parametrize("ref", REFS[:5])
def test_the_commodities_computed_ahead_are_the_details(shared_store, ref):
    f = FILTERS[0]
    whole = build_profile(shared_store, ref, f)
    h = profile_header(shared_store, ref, f)
    trade_series(h)
    early = first_breakdowns(h)
    staged = add_details(h)
    assert staged.as_dict() == whole.as_dict()
    assert staged.table_rows() == whole.table_rows()
    assert [b.key for b in early] == ["commodities"] and staged.breakdown("commodities") is early[0]


def test_a_plans_partial_months_are_fresh_dicts():
    from geo.query.trade import PartialMonth, QueryPlan

    parts = (PartialMonth("DOT1", 202301, "a.csv", 10, 12), PartialMonth("DOT3", 202302, "", 5, 9))
    qp = QueryPlan(None, frozenset(), ("DOT1",), ((1, 202301, 202302),), {"DOT1": (202301, 202302)}, (),
                   (202301, 202302), partial=parts)
    first = qp.as_dict()["partial"]
    assert first == [dataclasses.asdict(p) for p in parts]
    first[0]["raw_value"] = -1
    assert qp.as_dict()["partial"][0]["raw_value"] == 10


def _line_and_bar_specs(shared_store):
    from desktop.panels.profile_views import chart_items

    specs = []
    for ref in (("port", "2304"), ("mx-state", "NL"), ("corridor", "MX")):
        specs += [c.spec for c in chart_items(build_profile(shared_store, ref, FILTERS[0]))]
    return specs


def test_a_chart_on_a_kept_figure_is_the_chart_on_a_new_one(shared_store):
    """The screen keeps its last time-series figure to draw the next on: pixel for pixel and
    target for target what a new figure draws, in any order."""
    from desktop.widgets import charts

    specs = _line_and_bar_specs(shared_store)
    assert sum(isinstance(s, charts.LineSpec) and charts._has_lines(s) for s in specs) >= 4

    def fresh(spec):
        charts._KEPT.line = None
        return charts.render(copy.deepcopy(spec), 420)

    want = [fresh(s) for s in specs]
    for order in (list(range(len(specs)))[::-1], sorted(range(len(specs)), key=lambda i: (i * 7) % len(specs))):
        charts._KEPT.line = None
        for i in order:
            got = charts.render(copy.deepcopy(specs[i]), 420)
            assert (got.width, got.height) == (want[i].width, want[i].height)
            assert got.rgba == want[i].rgba and got.hits == want[i].hits


def test_the_screens_text_is_where_matplotlib_puts_it(shared_store):
    """Text drawn as one bitmap a line (three times faster than matplotlib 3.11's glyph by glyph)
    sits where the stock renderer puts it, within a pixel, and the clickable targets are the same."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from desktop.widgets import charts

    def ink(rgba, w, h):   # how dark each grey pixel is (text; bars are blue, the band sand)
        img = np.frombuffer(rgba, np.uint8).reshape(h, w, 4)[:, :, :3].astype(int)
        return np.where(img.max(axis=2) - img.min(axis=2) < 16, 255 - img.mean(axis=2), 0)

    def grow(a):   # the darkest within a pixel
        p = np.pad(a, 1)
        return np.max([p[1 + dy:p.shape[0] - 1 + dy, 1 + dx:p.shape[1] - 1 + dx]
                       for dy in (-1, 0, 1) for dx in (-1, 0, 1)], axis=0)

    for spec in _line_and_bar_specs(shared_store)[:6]:
        charts._KEPT.line = None
        shown = charts.render(copy.deepcopy(spec), 420)
        fig, _ = charts.figure_for(copy.deepcopy(spec), 4.2, None, 100.0)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        w, h = canvas.get_width_height(physical=True)
        assert (w, h) == (shown.width, shown.height)
        a, b = ink(shown.rgba, w, h), ink(bytes(canvas.buffer_rgba()), w, h)
        assert (a > 120).sum() > 200 and abs(a.sum() - b.sum()) <= 0.2 * b.sum()
        assert not ((a > 120) & (grow(b) < 40)).any() and not ((b > 120) & (grow(a) < 40)).any()


@pytest.fixture
def panel(shared_store, qtbot):
    from desktop.panels.profile_panel import ProfilePanel
    from geo.session import Session

    session = Session(None, shared_store)
    session.set("filter", FILTERS[0])
    p = ProfilePanel(session)
    qtbot.addWidget(p)
    p.resize(440, 900)
    p.show()
    qtbot.wait(400)   # the panel redraws its charts 250 ms after a resize: not during the test
    yield p
    p.shutdown()


def test_the_first_screenful_shows_first_and_in_order(panel, qtbot):
    shown: list[tuple[int, bool]] = []
    panel.chartShown.connect(lambda ref, i, ms: shown.append((i, panel.profile is not None)))
    panel.open(("port", "2304"))
    assert panel.header is not None and not shown      # the header is on screen, the charts follow
    assert panel.wait_charts(60000)
    indices = [i for i, _ in shown]
    assert indices == list(range(len(indices))) == list(range(len(panel.chart_views())))
    assert len(indices) >= 5
    assert [details for _i, details in shown[:3]] == [False, False, False]   # before the details
    keys = [v.item.key for v in panel.chart_views()]
    assert keys[:3] == ["trade", "modes", "commodities"]
    from desktop.panels.profile_views import chart_items

    assert keys == [c.key for c in chart_items(panel.profile)]


def test_a_chart_that_fails_to_draw_is_said(panel, qtbot, monkeypatch):
    from desktop.widgets import charts

    real = charts.render

    def render(spec, *a, **k):
        if "commodit" in getattr(spec, "title", "").lower():
            raise ValueError("no ink")
        return real(spec, *a, **k)

    monkeypatch.setattr(charts, "render", render)
    panel.open(("port", "2304"))
    qtbot.waitUntil(lambda: "no ink" in panel.chart_status.text(), timeout=60000)
    assert [v.item.key for v in panel.chart_views()][:2] == ["trade", "modes"]
    assert all(v.drawn for v in panel.chart_views())   # the failed chart's place is gone, not "Drawing…"


def test_the_crossing_months_follow_an_import(tmp_path):
    """The store keeps the months its crossing counts hold with the trade months; an import
    and its undo change both."""
    from geo.store import DuckDBStore

    store = DuckDBStore(tmp_path / "store.duckdb")
    try:
        assert store.available_periods()["crossings"] == []
        path = tmp_path / "crossings.csv"
        rows = ["Port Name,State,Port Code,Border,Date,Measure,Value"]
        for month in (1, 2):
            rows.append(f"Laredo,Texas,2304,US-Mexico Border,{month:02d}/01/2024 12:00:00 AM,Trucks,{100 + month}")
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        report = store.import_files([path], write_report=False)
        assert report.rows_loaded == 2
        assert store.available_periods()["crossings"] == [202401, 202402]
        store.undo_import(report.import_id)
        assert store.available_periods()["crossings"] == []
    finally:
        store.close()


def test_charts_arrive_in_places_kept_for_them(panel, qtbot):
    """Charts draw without moving the panel (the map keeps its frames): each chart's place is
    kept, at its final height, before it is drawn, so its arrival repaints that chart alone;
    the page is laid out for the first screenful's places and once more with the details and
    the other places, not once a chart."""
    from PySide6.QtCore import QEvent, QObject

    from desktop.widgets.charts import height_px

    class Count(QObject):
        n = 0

        def eventFilter(self, obj, e):
            if e.type() == QEvent.LayoutRequest:
                Count.n += 1
            return False

    counter = Count()
    panel.page.installEventFilter(counter)
    arrivals: list[tuple[bool, int, int, int]] = []

    def on_chart(_ref, i, _ms):
        v = panel.chart_views()[i]
        arrivals.append((v.drawn, v.height(), height_px(v.item.spec, panel._chart_width()), Count.n))

    panel.chartShown.connect(on_chart)
    for ref in (("port", "2304"), ("mx-state", "NL")):
        arrivals.clear()
        panel.open(ref)
        qtbot.wait(1)
        Count.n = 0
        assert panel.wait_charts(60000)
        assert len(arrivals) >= 5
        assert all(drawn and h == want for drawn, h, want, _n in arrivals)   # its own place, its own height
        # laid out for the first screenful's places and for the details with the others (each
        # twice: the page, then the page resized by its scroll area), not once a chart
        assert Count.n <= 6 < len(arrivals), (Count.n, arrivals)
    # a place is shown while its chart draws, with the chart's title
    from desktop.panels.profile_panel import ChartView
    from desktop.panels.profile_views import chart_items

    item = chart_items(panel.profile)[0]
    place = ChartView(item, None, None, 180)
    assert not place.drawn and place.height() == 180 and place.grab().height() == 180


def test_the_window_settles_its_heap_once_its_figures_show(make_window, qtbot, monkeypatch):
    """Once the map's first trade figures are on screen, start-up's objects leave the garbage
    collector's reach (a full collection stops the GUI thread, the map's frames with it)."""
    import gc

    from desktop.app import main_window
    from desktop.base import workers

    calls: list[int] = []
    monkeypatch.setattr(main_window, "settle_heap", lambda: calls.append(1))
    win = make_window(show=True, wait_store=True)
    qtbot.waitUntil(lambda: win.session.theme is not None, timeout=60000)
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    win.trade.themeApplied.emit(win.session.theme)     # a later restyle: not again
    qtbot.wait(900)
    assert calls == [1]
    monkeypatch.setattr(workers, "_HEAP_SETTLED", False)
    frozen = gc.get_freeze_count()
    workers.settle_heap()
    try:
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()


def test_background_work_yields_to_the_window_once():
    """The charts' worker thread runs below the window's priority, by the same amount however
    many jobs the pool thread has run (Linux schedules threads one by one)."""
    import os
    import sys
    import threading

    from desktop.base.workers import background_priority

    if not sys.platform.startswith("linux"):
        pytest.skip("thread priorities are set on Linux only")
    base = os.getpriority(os.PRIO_PROCESS, os.getpid())
    seen: list[int] = []

    def job():
        for _ in range(3):   # three jobs on one pool thread
            background_priority()
            seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    t = threading.Thread(target=job)
    t.start()
    t.join()
    assert seen == [min(19, base + 8)] * 3
    assert os.getpriority(os.PRIO_PROCESS, os.getpid()) == base   # the window's thread is untouched
