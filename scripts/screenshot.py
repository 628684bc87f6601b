"""Screenshot the app window at a given size, on a temporary store and settings (never the
user's): ``python scripts/screenshot.py OUT.png [--size 1600x1000] [--flows] [--period 2015-01:2015-01]``.

Works headless (QT_QPA_PLATFORM=offscreen) or on a real/virtual display (xvfb-run)."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", default="1600x1000")
    ap.add_argument("--flows", action="store_true")
    ap.add_argument("--period", default=None, help="FROM:TO as YYYY-MM:YYYY-MM")
    ap.add_argument("--expand-notes", action="store_true")
    ap.add_argument("--shade", default=None, help="us_state | mx_state | ca_prov | none")
    ap.add_argument("--country", default=None, help="trade partner: MX | CA")
    ap.add_argument("--select", default=None, help="LAYER:ID, e.g. ports:2304")
    ap.add_argument("--panel-out", type=Path, default=None, help="also save the whole profile panel page here")
    ap.add_argument("--profile", default=None, help="open a profile KIND:ID, e.g. mx-state:NL or corridor:MX")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="frontera-shot-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ.setdefault(var, str(tmp / var.lower()))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app.main_window import MainWindow
    from geo.layers.content import load_map_content

    app = QApplication.instance() or QApplication(sys.argv[:1])
    w, h = (int(v) for v in args.size.lower().split("x"))
    win = MainWindow(load_map_content(), QSettings(str(tmp / "s.ini"), QSettings.IniFormat),
                     store_path=tmp / "store.duckdb")
    win.resize(w, h)
    win.show()
    import time

    t0 = time.time()
    while win.session.store is None and time.time() - t0 < 60:
        app.processEvents()
        time.sleep(0.02)
    if args.period:
        a, b = args.period.split(":")
        win.session.update("filter", period=(a, b))
    if args.country:
        win.session.update("filter", country=args.country)
    if args.shade:
        win.session.update("style", state_metric=args.shade)
    if args.flows:
        win.session.show_flows(True)
    if args.select:
        layer, fid = args.select.split(":", 1)
        win.session.select(layer, fid)
    if args.profile:  # open a drill-down profile, KIND:ID (e.g. mx-state:NL)
        kind, fid = args.profile.split(":", 1)
        win.profile_panel.open((kind, fid))
    if args.select or args.profile:
        win.profile_dock.raise_()
        win.profile_panel.wait_charts(60000)
    if args.expand_notes:
        win.trade.notes.set_expanded(True)
    for _ in range(30):
        app.processEvents()
        time.sleep(0.02)
    win.canvas.repaint()
    win.grab().save(str(args.out))
    if args.panel_out:
        win.profile_panel.page.grab().save(str(args.panel_out))
    print(f"wrote {args.out} ({win.width()}×{win.height()}); canvas {win.canvas.width()}×{win.canvas.height()}")
    win.session.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
