"""`frontera`: the app, and its command-line tools.

    frontera                       open the app on the bundled data
    frontera render --out map.png  render the default view without a window
    frontera import PATH...        import BTS files into the local store
    frontera query totals ...      print figures from the store
    frontera profile KIND ID       print a feature's drill-down profile (json, csv)
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ORG = "Frontera"
APP = "Frontera Atlas"


def _qt_app(gui: bool):
    """The Qt application object; off-screen when there is no display (render, CI)."""
    if not gui and "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    return app


def _load_content():
    from geo.data.bundled import BundledDataError
    from geo.layers.content import load_map_content

    try:
        return load_map_content(), None
    except BundledDataError as exc:
        return None, str(exc)


def _import_model_first() -> None:
    """Import the model's libraries before Qt: once PySide6 is imported, it reads the source of
    every module imported after it (to look for ``__feature__`` imports), which made pandas,
    geopandas and DuckDB cost ~0.3 s more at each start."""
    import duckdb  # noqa: F401
    import geopandas  # noqa: F401

    import geo.analysis.profile  # noqa: F401
    import geo.network.display  # noqa: F401
    import geo.session  # noqa: F401
    import geo.store  # noqa: F401


def cmd_app(args) -> int:
    t0 = time.perf_counter()
    _import_model_first()
    content, error = _load_content()   # the map's layers: model only, before the window's Qt
    app = _qt_app(gui=True)
    if error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, app.translate("cli", "Frontera Atlas cannot start"), error)
        print(f"frontera: {error}", file=sys.stderr)
        return 2
    from PySide6.QtGui import QIcon

    from desktop.app.main_window import MainWindow

    icon = Path(__file__).resolve().parent.parent / "packaging" / "frontera-atlas.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    win = MainWindow(content, store_path=args.store, project_path=args.project,
                     reopen=args.project is None and not args.screenshot)
    if os.environ.get("FRONTERA_STARTUP_PROBE"):
        _probe_first_frame(app, win)
    if args.screenshot:
        _screenshot_when_painted(app, win, Path(args.screenshot), t0)
    win.show()
    return app.exec()


def _probe_first_frame(app, win) -> None:
    """Benchmarks: print the wall-clock time of the first painted map, then quit; with
    ``FRONTERA_STARTUP_PROBE=trade``, also wait for the trade figures (the first theme applied
    once the store is open) and print their time."""
    want_trade = os.environ.get("FRONTERA_STARTUP_PROBE") == "trade"

    def on_frame(_ms):
        win.canvas.frameRendered.disconnect(on_frame)
        print(f"first-frame {time.time():.6f}", flush=True)
        if not want_trade:
            app.quit()

    def on_theme(theme):
        if theme is not None and win.session.store is not None:
            win.trade.themeApplied.disconnect(on_theme)
            from PySide6.QtCore import QTimer

            def painted():
                win.canvas.repaint()
                print(f"trade-on-screen {time.time():.6f}", flush=True)
                app.quit()
            QTimer.singleShot(0, painted)

    win.canvas.frameRendered.connect(on_frame)
    if want_trade:
        win.trade.themeApplied.connect(on_theme)


def _screenshot_when_painted(app, win, path: Path, t0: float) -> None:
    """For docs and tests: once the first map frame is painted, grab the window and quit."""
    from PySide6.QtCore import QTimer

    def grab():
        win.grab().save(str(path))
        print(f"first frame after {(first[0] - t0) * 1000:.0f} ms; wrote {path}")
        app.quit()

    first = []

    def on_frame(_ms):
        if not first:
            first.append(time.perf_counter())
            QTimer.singleShot(300, grab)

    win.canvas.frameRendered.connect(on_frame)


def cmd_render(args) -> int:
    _qt_app(gui=False)
    content, error = _load_content()
    if error:
        print(f"frontera render: {error}", file=sys.stderr)
        return 2
    from desktop.export.image import compose_map_image, save_image
    from geo.core.viewport import Viewport

    if args.width < 100 or args.height < 100 or args.width > 20000 or args.height > 20000:
        print("frontera render: --width and --height must be between 100 and 20000 pixels", file=sys.stderr)
        return 2
    view = Viewport.fit(content.home_bounds, args.width, args.height)
    img = compose_map_image(content, view, title=args.title, legend=not args.no_legend, dpr=args.scale)
    try:
        save_image(img, Path(args.out))
    except OSError as exc:
        print(f"frontera render: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({img.width()}×{img.height()})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="frontera",
                                 description="Frontera Atlas: offline maps of US–Mexico supply chains.")
    ap.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    ap.add_argument("--store", metavar="PATH", type=Path, default=None,
                    help="the trade store to use (default: the one in your user data folder)")
    ap.add_argument("--project", metavar="FILE", type=Path, default=None,
                    help="open this project (default: offer recovery, else reopen the last project)")
    ap.set_defaults(func=cmd_app)
    sub = ap.add_subparsers(dest="command")
    r = sub.add_parser("render", help="render the default map view to an image, without a window")
    r.add_argument("--out", required=True, help="output file (.png or .jpg)")
    r.add_argument("--width", type=int, default=1600)
    r.add_argument("--height", type=int, default=1000)
    r.add_argument("--scale", type=float, default=1.0, help="pixel ratio (2 for print-quality output)")
    r.add_argument("--title", default=None, help="title printed on the map")
    r.add_argument("--no-legend", action="store_true", help="leave the legend out")
    r.set_defaults(func=cmd_render)
    for name, text in DATA_COMMANDS.items():
        sub.add_parser(name, help=text, add_help=False)
    sub.add_parser("profile", help="print a feature's drill-down profile (figures, sentence, charts' data)",
                   add_help=False)
    for name, (_module, text) in COMMAND_MODULES.items():
        sub.add_parser(name, help=text, add_help=False)
    return ap


# Store commands live in the model (cli.data) and need no Qt: dispatched there whole.
DATA_COMMANDS = {
    "import": "import BTS TransBorder or Border Crossing files into the local store",
    "query": "print trade figures from the local store (totals, breakdowns)",
    "imports": "list, undo or purge past imports (the import history)",
}


#: commands with a module of their own in cli/: name -> (module, help)
COMMAND_MODULES = {
    "project": ("cli.project", "inspect a project file (info)"),
    "bookmarks": ("cli.bookmarks", "add, list or remove a project's bookmarks (named views)"),
    "deck": ("cli.deck", "write a project's bookmarks as a PowerPoint or PDF deck, one slide each"),
    "export": ("cli.export", "export the map as a print-ready PNG, SVG or PDF (title, legend, scale bar)"),
    "atlas": ("cli.atlas", "a PDF atlas: one page per port or state with its key figures and a chart"),
    "export-data": ("cli.export_data", "write the view's states, ports and flows as GeoPackage, GeoJSON or CSV"),
    "facilities": ("cli.facilities", "import the company's facilities or lanes into a project file"),
    "exposure": ("cli.exposure", "the company's cross-border value and share per port, Mexican state and cluster"),
    "scenario": ("cli.scenario", "what if a crossing closes: rerouted and delayed value, tariff value at risk"),
}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "profile":  # a feature's drill-down profile (cli.profile), no window
        from cli import profile as cli_profile

        return int(cli_profile.main(argv[1:]) or 0)
    if argv and argv[0] in COMMAND_MODULES:
        import importlib

        return int(importlib.import_module(COMMAND_MODULES[argv[0]][0]).main(argv[1:]) or 0)
    if argv and argv[0] in DATA_COMMANDS:
        from cli import data as cli_data

        return int(cli_data.main(argv) or 0)
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
