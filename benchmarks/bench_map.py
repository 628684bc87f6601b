"""Map benchmarks at 1600×1000: full re-render, interaction frames, cold start.

Each figure is a median over several runs; the geopandas/matplotlib redraw of the same
layers is measured in the same run as the baseline, and the ratio printed.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
W, H = 1600, 1000


def _stats(name, samples, target=None, baseline_name=None, baseline=None, unit="ms", p95_target=False):
    samples = list(samples)
    med = statistics.median(samples)
    p95 = float(np.percentile(samples, 95))
    measured = p95 if p95_target else med
    return {
        "name": name, "median_ms": round(med, 2), "p95_ms": round(p95, 2), "runs": len(samples),
        "target_ms": target, "target_on": "p95" if p95_target else "median",
        "meets_target": None if target is None else bool(measured <= target),
        "baseline_name": baseline_name, "baseline_median_ms": None if baseline is None else round(baseline, 2),
        "ratio": None if baseline is None else round(baseline / med, 1),
    }


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def full_render(runs: int) -> list[float]:
    """Full re-render of the default view, all bundled layers and labels, into an image.
    Each run uses a fresh renderer state for labels (layout is recomputed every frame)."""
    _app()
    from PySide6.QtGui import QImage, QPainter

    from desktop.canvas.map_renderer import MapRenderer
    from geo.core.viewport import Viewport
    from geo.layers.content import load_map_content

    content = load_map_content()
    r = MapRenderer(content)
    view = Viewport.fit(content.home_bounds, W, H)
    r.render_image(view)  # warm: path caches and label sprites, as after the first frame
    out = []
    for i in range(runs):
        v = view.panned((i % 3) - 1, 0)  # a new view each time: nothing cached per view
        img = QImage(W, H, QImage.Format_ARGB32_Premultiplied)
        p = QPainter(img)
        t = time.perf_counter()
        r.render(p, v)
        p.end()
        out.append((time.perf_counter() - t) * 1000)
    return out


def matplotlib_redraw(runs: int) -> list[float]:
    """The same layers drawn by geopandas/matplotlib (Agg) at 1600×1000; a redraw is
    fig.canvas.draw() after the artists exist, the fair analogue of our re-render."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from geo.core.viewport import Viewport
    from geo.layers.content import WATER, load_map_content

    content = load_map_content()
    view = Viewport.fit(content.home_bounds, W, H)
    fig = plt.figure(figsize=(W / 100, H / 100), dpi=100)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_facecolor(WATER)
    for layer in content.layers.visible_layers():
        g = layer.geometry_at(view.scale)
        st = layer.style
        if layer.kind == "polygon":
            colours = [st.fill_for(v) for v in g[st.fill_by]] if st.fill_by else st.fill
            g.plot(ax=ax, color=colours, edgecolor=st.stroke, linewidth=st.stroke_width * 0.75)
        elif layer.kind == "line":
            g.plot(ax=ax, color=st.stroke, linewidth=st.stroke_width * 0.75, linestyle="--" if st.dash else "-")
        else:
            g.plot(ax=ax, color=st.fill[:7], markersize=(2 * st.radius) ** 2 / 2, edgecolor=st.stroke)
    xmin, ymin, xmax, ymax = view.bounds
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_axis_off()
    fig.canvas.draw()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fig.canvas.draw()
        out.append((time.perf_counter() - t) * 1000)
    plt.close(fig)
    return out


def interaction_frames(gestures: int) -> tuple[list[float], list[float], list[float]]:
    """Frames of a real MapCanvas while dragging and wheel-zooming, as the user would.
    Returns (frames during drags, frames during wheel zooms, the settle frames: the full
    render that follows when a gesture ends)."""
    app = _app()
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent, QWheelEvent

    from desktop.canvas.map_canvas import MapCanvas
    from geo.layers.content import load_map_content

    c = MapCanvas(load_map_content())
    c.resize(W, H)
    c.show()
    app.processEvents()
    c.zoom_home()
    c.repaint()
    pan, zoom, settle = [], [], []

    def send_mouse(kind, pos, buttons):
        ev = QMouseEvent(kind, QPointF(pos), c.mapToGlobal(QPointF(pos)), Qt.LeftButton, buttons, Qt.NoModifier)
        app.sendEvent(c, ev)

    rng = np.random.default_rng(7)
    for g in range(gestures):
        start = QPoint(int(rng.integers(300, 1300)), int(rng.integers(200, 800)))
        send_mouse(QMouseEvent.MouseButtonPress, start, Qt.LeftButton)
        for step in range(1, 41):
            n0 = len(c.frame_ms)
            send_mouse(QMouseEvent.MouseMove, start + QPoint(6 * step, 3 * step), Qt.LeftButton)
            c.repaint()
            pan.extend(list(c.frame_ms)[n0:])
        n0 = len(c.frame_ms)
        send_mouse(QMouseEvent.MouseButtonRelease, start + QPoint(240, 120), Qt.NoButton)
        c.repaint()  # the settle frame: a full render
        settle.extend(list(c.frame_ms)[n0:])
        pos = QPointF(float(rng.integers(300, 1300)), float(rng.integers(200, 800)))
        for notch in range(12):
            n0 = len(c.frame_ms)
            d = 120 if (notch < 6) == (g % 2 == 0) else -120
            ev = QWheelEvent(pos, c.mapToGlobal(pos), QPoint(), QPoint(0, d), Qt.NoButton, Qt.NoModifier,
                             Qt.NoScrollPhase, False)
            app.sendEvent(c, ev)
            c.repaint()
            zoom.extend(list(c.frame_ms)[n0:])
        c._settle.stop()
        n0 = len(c.frame_ms)
        c._rerender()
        c.repaint()  # the settle frame after the wheel stops
        settle.extend(list(c.frame_ms)[n0:])
        c.zoom_home()
        c.repaint()
    c.close()
    return pan, zoom, settle


def restyle(rounds: int) -> list[float]:
    """A filter change end to end: query the store, classify, restyle the layers and render
    the full frame (the canvas repaints synchronously after the session emits)."""
    import tempfile

    _app()
    from PySide6.QtGui import QImage, QPainter

    from desktop.canvas.map_renderer import MapRenderer
    from geo.core.viewport import Viewport
    from geo.layers.content import load_map_content
    from geo.session import Session
    from geo.store import open_store
    from geo.styles.thematic import ThemeSettings

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.duckdb")
        content = load_map_content()
        r = MapRenderer(content)
        view = Viewport.fit(content.home_bounds, W, H)
        trade = Session(content.layers, store, ThemeSettings(state_metric="us_state"))
        trade.refresh()
        r.render_image(view)
        changes = [dict(modes=("5",)), dict(modes=()), dict(trade_type="export"), dict(trade_type=None),
                   dict(commodities=("87",)), dict(commodities=()), dict(period=(201501, 201501)),
                   dict(period=(202101, 202112)), dict(country=None), dict(country="MX")]
        out = []
        for _ in range(rounds):
            for ch in changes:
                img = QImage(W, H, QImage.Format_ARGB32_Premultiplied)
                t = time.perf_counter()
                trade.update_filter(**ch)
                p = QPainter(img)
                r.render(p, view)
                p.end()
                out.append((time.perf_counter() - t) * 1000)
        store.close()
    return out


def _start_env(**extra) -> dict:
    """The environment of a measured start: as after installation, Python's bytecode cache is
    used (an environment with ``PYTHONDONTWRITEBYTECODE`` set would compile every module of the
    app again at each start: ~0.5 s that no installed copy pays)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


_WARMED: list[bool] = []


def _warm_bytecode() -> None:
    """One unmeasured start, so the app's modules have their bytecode cached (as installed)."""
    if _WARMED:
        return
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="frontera-bench-"))
    env = _start_env(FRONTERA_STARTUP_PROBE="1", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                     XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    subprocess.run([sys.executable, "-m", "cli"], env=env, capture_output=True, text=True, cwd=REPO, timeout=300)
    subprocess.run([sys.executable, "-c", _BARE_WINDOW], env=env, capture_output=True, cwd=REPO, timeout=120)
    _WARMED.append(True)


def cold_start(runs: int) -> list[float]:
    """Process start to first painted map frame in the main window (offscreen platform)."""
    import tempfile

    _warm_bytecode()
    out = []
    home = Path(tempfile.mkdtemp(prefix="frontera-bench-"))  # never the user's folders
    env = _start_env(FRONTERA_STARTUP_PROBE="1", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                     XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    for _ in range(runs):
        t0 = time.time()
        r = subprocess.run([sys.executable, "-m", "cli"], env=env, capture_output=True, text=True,
                           cwd=REPO, timeout=120)
        stamp = [line for line in r.stdout.splitlines() if line.startswith("first-frame ")]
        if not stamp:
            raise RuntimeError(f"app did not report its first frame: {r.stderr[-2000:]}")
        out.append((float(stamp[0].split()[1]) - t0) * 1000)
    return out


_BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("x")); w.resize(1600, 1000); w.show()
app.processEvents(); w.repaint()
print(f"shown {time.time():.6f}", flush=True)
"""


def bare_window(runs: int) -> list[float]:
    """Baseline: process start to a bare PySide6 window shown (same interpreter, same run)."""
    _warm_bytecode()
    out = []
    env = _start_env()
    for _ in range(runs):
        t0 = time.time()
        r = subprocess.run([sys.executable, "-c", _BARE_WINDOW], env=env, capture_output=True, text=True,
                           cwd=REPO, timeout=120)
        stamp = [line for line in r.stdout.splitlines() if line.startswith("shown ")]
        out.append((float(stamp[0].split()[1]) - t0) * 1000)
    return out


def trade_on_screen(runs: int) -> tuple[list[float], list[float], list[float]]:
    """First launch (a fresh data folder: the store is built from the bundle) and second
    launch (the store exists): first painted map, then the trade figures on screen, measured
    from the first painted map. Each run uses its own temporary user folders."""
    import tempfile

    _warm_bytecode()
    first_launch, second_launch, basemap = [], [], []
    for _ in range(runs):
        home = Path(tempfile.mkdtemp(prefix="frontera-bench-"))
        env = _start_env(FRONTERA_STARTUP_PROBE="trade", XDG_DATA_HOME=str(home / "data"),
                         XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"), HOME=str(home))
        env.pop("FRONTERA_ATLAS_STORE", None)
        for launch in (first_launch, second_launch):
            t0 = time.time()
            r = subprocess.run([sys.executable, "-m", "cli"], env=env, capture_output=True, text=True,
                               cwd=REPO, timeout=300)
            stamps = dict(line.split()[:2] for line in r.stdout.splitlines()
                          if line.startswith(("first-frame ", "trade-on-screen ")))
            if "trade-on-screen" not in stamps:
                raise RuntimeError(f"the app did not report its trade figures: {r.stderr[-2000:]}")
            frame, trade = float(stamps["first-frame"]), float(stamps["trade-on-screen"])
            launch.append((trade - frame) * 1000)
            if launch is second_launch:
                basemap.append((frame - t0) * 1000)
    return first_launch, second_launch, basemap


def run(quick: bool = False) -> list[dict]:
    n = 8 if quick else 40
    ours = full_render(n)
    mpl = matplotlib_redraw(3 if quick else 7)
    results = [
        _stats("map: full re-render, default view, all layers + labels (1600×1000)", ours, 20.0,
               "geopandas/matplotlib redraw, same layers", statistics.median(mpl)),
        _stats("baseline: geopandas/matplotlib redraw, same layers (1600×1000)", mpl),
    ]
    pan, zoom, settle = interaction_frames(3 if quick else 8)
    results.append(_stats("map: interaction frame while panning (drag)", pan, 8.0, p95_target=True))
    results.append(_stats("map: interaction frame while wheel-zooming", zoom, 8.0, p95_target=True))
    results.append(_stats("map: settle frame after a gesture (full render + blit)", settle, 20.0))
    results.append(_stats("map: filter change → query + classify + restyle + full render", restyle(2 if quick else 6),
                          50.0))
    bare = statistics.median(bare_window(2 if quick else 5))
    results.append(_stats("map: cold start to first painted map", cold_start(2 if quick else 5), 1500.0,
                          "bare PySide6 window shown", bare))
    first, second, basemap = trade_on_screen(1 if quick else 3)
    results.append(_stats("map: trade figures on screen after the first painted map, first launch (store built)",
                          first, 3000.0, "bare PySide6 window shown", bare))
    results.append(_stats("map: trade figures on screen after the first painted map, second launch",
                          second, 1000.0, "bare PySide6 window shown", bare))
    results.append(_stats("map: cold start to first painted map, second launch (own user folders)", basemap,
                          1500.0, "bare PySide6 window shown", bare))
    return results
