"""Publication export benchmark (issue 13), on the bundled store's default view (ports sized
by trade, furniture, caveats):

- a 300 dpi US Letter landscape PNG (3300×2550 px) including encoding at zlib level 1
  (``desktop.export.publication.PNG_QUALITY``) and the fsync'd atomic write: target ≤ 1.0 s;
- the same page as a vector PDF: target ≤ 0.3 s;
- a 28-page atlas (the 28 largest land ports, one page each with key figures and a chart):
  target ≤ 20 s.

Baselines measured in the same run: the old map image (``desktop.export.image.compose_map_image``
at the same pixel count, saved by ``save_image`` at Qt's default PNG level); the screen frame
of the map alone at the page's 96-dpi size (``MapRenderer.render_image``) against the PDF;
and the 28 drill-down profiles alone (``geo.analysis.profile.build_profile``) against the atlas.

``python benchmarks/bench_export.py [--quick]``; ``run(quick) -> list[dict]``.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

ATLAS_PAGES = 28


def _timed(fn, runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _row(name, samples, target, base_name, base_samples, **extra) -> dict:
    med = statistics.median(samples)
    base = statistics.median(base_samples) if base_samples else None
    row = {"name": name, "median_ms": round(med, 1), "p95_ms": round(float(np.percentile(samples, 95)), 1),
           "runs": len(samples), "target_ms": target, "target_on": "median",
           "meets_target": None if target is None else bool(med <= target),
           "baseline_name": base_name, "baseline_median_ms": round(base, 1) if base else None,
           "ratio": round(med / base, 2) if base else None}
    row.update(extra)
    return row


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 (fonts need it)
    from desktop.canvas.map_renderer import MapRenderer
    from desktop.export.atlas import export_atlas
    from desktop.export.image import compose_map_image, save_image
    from desktop.export.publication import PNG_ZLIB_LEVEL, ExportOptions, export_map
    from geo.analysis.atlas import atlas_ids
    from geo.analysis.layout import page_for
    from geo.analysis.profile import build_profile
    from geo.core.viewport import Viewport
    from geo.layers.content import load_map_content
    from geo.session.model import Session
    from geo.store import open_store

    runs = 3 if quick else 7
    atlas_runs = 1 if quick else 3
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="frontera-bench-export-") as tmp:
        tmp_path = Path(tmp)
        store = open_store(tmp_path / "bundled.duckdb")
        try:
            content = load_map_content()
            session = Session(content.layers, store)
            page = page_for("letter", 300)
            renderer = MapRenderer(content)
            opts = ExportOptions(page)
            png = _timed(lambda: export_map(tmp_path / "m.png", content, session, opts, renderer=renderer), runs)
            w, h = page.pixels
            old_view = Viewport.fit(content.home_bounds, w // 2, h // 2)
            old = _timed(lambda: save_image(compose_map_image(content, old_view, renderer, dpr=2.0),
                                            tmp_path / "old.png"), runs)
            out.append(_row(f"PNG 300 dpi Letter {w}x{h}, furniture, zlib level {PNG_ZLIB_LEVEL}, incl. encoding+write",
                            png, 1000.0, "old map image, same pixels, default PNG level", old,
                            bytes=(tmp_path / "m.png").stat().st_size))
            pdf = _timed(lambda: export_map(tmp_path / "m.pdf", content, session, opts, renderer=renderer), runs)
            screen_view = Viewport.fit(content.home_bounds, int(page.width), int(page.height))
            screen = _timed(lambda: renderer.render_image(screen_view), runs)
            out.append(_row("PDF Letter, vector (labels as text), furniture, incl. write", pdf, 300.0,
                            "screen frame of the map alone at the page's 96-dpi size", screen,
                            bytes=(tmp_path / "m.pdf").stat().st_size))
            svg = _timed(lambda: export_map(tmp_path / "m.svg", content, session, opts, renderer=renderer), runs)
            out.append(_row("SVG Letter, vector, furniture, incl. write", svg, None,
                            "screen frame of the map alone at the page's 96-dpi size", screen))
            f = session.effective_filter
            ids = atlas_ids(store, "port", f, top=ATLAS_PAGES)
            atlas = _timed(lambda: export_atlas(tmp_path / "a.pdf", content, session, "port", ids, page),
                           atlas_runs, warmup=0)
            profiles = _timed(lambda: [build_profile(store, ("port", i), f) for i in ids], atlas_runs, warmup=0)
            out.append(_row(f"atlas, {len(ids)} port pages (map, key figures, chart), PDF", atlas, 20000.0,
                            f"{len(ids)} drill-down profiles alone (the model)", profiles, pages=len(ids)))
        finally:
            store.close()
    return out


if __name__ == "__main__":
    from benchmarks.run import print_table

    print_table(run(quick="--quick" in sys.argv))
