"""Bookmarks, presentation and deck benchmark (issue 14): a 10-slide deck written as PowerPoint
and as PDF (target ≤ 10 s each), and the frames of an animated bookmark transition in
presentation mode (target ≥ 30 fps: a frame ≤ 33.3 ms), on the bundled store, offscreen.

Baselines measured in the same run: for the deck, painting the same ten maps alone with
``compose_map_image`` (what ten ``frontera render`` pictures cost); for the transition, a full
re-render of a still view of the same size (the floor of any frame that moves the map).

``python benchmarks/bench_deck.py [--quick]``; ``run(quick) -> list[dict]``.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

#: ten views: (name, extent, open drill-down or None, modes, flows shown)
VIEWS = (
    ("The corridor", None, None, (), False),
    ("Laredo", (-101.0, 25.0, -96.0, 28.5), ("port", "2304"), (), True),
    ("El Paso", (-108.0, 29.0, -104.0, 33.0), ("port", "2402"), (), False),
    ("Baja California", (-118.0, 30.0, -112.0, 34.0), ("mx-state", "BC"), (), False),
    ("Texas", (-107.0, 25.0, -93.0, 37.0), ("us-state", "TX"), (), True),
    ("Nuevo León by rail", (-102.0, 24.0, -97.0, 28.0), ("mx-state", "NL"), ("6",), True),
    ("Monterrey cluster", (-101.5, 25.0, -99.5, 26.5), ("zone", "cluster-monterrey"), (), False),
    ("Michigan", (-90.0, 40.0, -80.0, 47.0), ("us-state", "MI"), (), False),
    ("Trucks only", (-120.0, 24.0, -90.0, 36.0), None, ("5",), True),
    ("California", (-125.0, 31.0, -113.0, 40.0), ("us-state", "CA"), (), False),
)


def _stats(name, samples, target=None, baseline_name=None, baseline=None, unit="ms", **extra):
    samples = list(samples)
    med = statistics.median(samples)
    out = {"name": name, "median_ms": round(med, 2), "p95_ms": round(float(np.percentile(samples, 95)), 2),
           "runs": len(samples), "target_ms": target, "unit": unit,
           "baseline_name": baseline_name, "baseline_median_ms": round(baseline, 2) if baseline else None,
           "ratio": round(med / baseline, 2) if baseline else None}
    if target is not None:
        out["meets_target"] = bool(med <= target)
    out.update(extra)
    return out


def _setup():
    from PySide6.QtWidgets import QApplication

    from geo.layers.content import load_map_content
    from geo.session import Session
    from geo.session.bookmarks import Bookmarks
    from geo.store import open_store

    app = QApplication.instance() or QApplication([])
    tmp = tempfile.mkdtemp(prefix="frontera-bench-deck-")
    store = open_store(Path(tmp) / "store.duckdb")
    content = load_map_content()
    session = Session(content.layers, store)
    bm = Bookmarks()
    for name, extent, ref, modes, flows in VIEWS:
        session.update("filter", modes=modes)
        session.set("panel", session.get("panel").opened(ref) if ref else session.get("panel").__class__())
        session.set_extent(extent)
        session.show_flows(flows)
        bm.add(name, session, notes=f"What to say about {name}.")
    return app, tmp, store, content, session, bm


def deck_times(content, session, bm, tmp, runs: int) -> tuple[list[float], list[float], list[float]]:
    from desktop.canvas.map_renderer import MapRenderer
    from desktop.export.deck import MAP_BOX, PICTURE_DPI, extent_view, write_deck
    from desktop.export.image import compose_map_image
    from geo.session.bookmarks import bookmark_parts

    renderer = MapRenderer(content)
    write_deck(Path(tmp) / "warm.pptx", content, session, list(bm)[:2], renderer=renderer)  # imports, fonts
    pptx, pdf, base = [], [], []
    w, h = int(MAP_BOX[2] * PICTURE_DPI / 1.5), int(MAP_BOX[3] * PICTURE_DPI / 1.5)
    for _ in range(runs):
        t = time.perf_counter()
        write_deck(Path(tmp) / "deck.pptx", content, session, bm)
        pptx.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        write_deck(Path(tmp) / "deck.pdf", content, session, bm)
        pdf.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        for b in bm:
            view = bookmark_parts(b).get("view")
            v = extent_view(view.extent if view else None, content.home_bounds, w, h)
            compose_map_image(content, v, renderer, dpr=1.5)
        base.append((time.perf_counter() - t) * 1000)
    return pptx, pdf, base


def transition_frames(app, content, session, bm, transitions: int) -> tuple[list[float], list[float], list[float]]:
    """Per-frame times of transitions driven frame by frame (30 fps over 400 ms: 12 frames),
    the still-view full render, and the frames actually painted per second when the
    animation runs on its own timer."""
    from PySide6.QtCore import QEasingCurve

    from desktop.app.presentation import TRANSITION_MS, Presentation

    window = SimpleNamespace(session=session, content=content, flows=None,
                             canvas=SimpleNamespace(renderer=SimpleNamespace(show_labels=True)))
    pres = Presentation(window, bookmarks=bm, card=False)
    pres.resize(1600, 1000)
    pres.start(full_screen=False)
    app.processEvents()
    ease = QEasingCurve(QEasingCurve.InOutCubic)
    n_frames = int(TRANSITION_MS / 1000 * 30)
    frames, still, real_fps = [], [], []
    for k in range(transitions):
        i = (k + 1) % len(bm)
        pres.go(i)
        pres.anim.stop()  # drive it frame by frame instead of on the timer
        for f in range(1, n_frames + 1):
            t = time.perf_counter()
            pres.frame_at(ease.valueForProgress(f / n_frames))
            pres.canvas.repaint()
            pres.fade.repaint()
            frames.append((time.perf_counter() - t) * 1000)
        pres._arrived()
        for _ in range(2):
            t = time.perf_counter()
            pres.canvas.render_frame()
            still.append((time.perf_counter() - t) * 1000)
    rendered = []
    pres.canvas.frameRendered.connect(lambda _ms: rendered.append(1))
    for _k in range(max(2, transitions // 2)):
        rendered.clear()
        t = time.perf_counter()
        pres.go((pres.index + 1) % len(bm))
        while pres.animating:
            app.processEvents()
        real_fps.append(len(rendered) / (time.perf_counter() - t))
    pres.close()
    app.processEvents()
    return frames, still, real_fps


def run(quick: bool = False) -> list[dict]:
    import shutil

    app, tmp, store, content, session, bm = _setup()
    try:
        pptx, pdf, base = deck_times(content, session, bm, tmp, 1 if quick else 3)
        frames, still, real = transition_frames(app, content, session, bm, 3 if quick else 9)
    finally:
        store.close()
        shutil.rmtree(tmp, ignore_errors=True)
    base_name = "the same 10 maps alone (compose_map_image)"
    rows = [
        _stats("deck: 10 bookmarks → .pptx (maps, charts, key figures)", pptx, 10000.0, base_name,
               statistics.median(base)),
        _stats("deck: 10 bookmarks → .pdf (maps, charts, key figures)", pdf, 10000.0, base_name,
               statistics.median(base)),
        _stats("baseline: " + base_name, base),
        _stats("presentation: transition frame (≥ 30 fps: ≤ 33.3 ms), 1600×1000", frames, 1000 / 30,
               "full render of a still view", statistics.median(still), fps=round(1000 / statistics.median(frames), 1)),
        _stats("baseline: full render of a still view, 1600×1000", still),
        _stats("presentation: a map frame on the animation timer (informative; fps = frames rendered / s)",
               [1000.0 / max(r, 1e-6) for r in real], None, fps=round(statistics.median(real), 1)),
    ]
    return rows


if __name__ == "__main__":
    from benchmarks.run import print_table

    print_table(run(quick="--quick" in sys.argv))
