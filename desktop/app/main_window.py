"""The main window: map canvas, layer panel, legend, feature panel, status bar, menus."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.app.project_controller import ProjectController
from desktop.app.trade_controller import TradeController
from desktop.base.workers import settle_heap
from desktop.canvas.flow_overlay import FlowOverlay
from desktop.canvas.legend import LegendWidget
from desktop.canvas.map_canvas import KEY_ZOOM, MapCanvas
from desktop.dialogs.import_dialog import OdProblemsDialog
from desktop.panels.bookmarks_panel import BookmarksPanel
from desktop.panels.feature_panel import FeaturePanel
from desktop.panels.flow_panel import FlowPanel, WidthLegend
from desktop.panels.layer_panel import LayerPanel
from desktop.panels.profile_panel import ProfilePanel
from desktop.toolbars.time_bar import TimeBar
from geo.core.version import VERSION
from geo.data.bundled import bundled_sources
from geo.layers.content import MapContent
from geo.session import Session

APP_NAME = "Frontera Atlas"


class MainWindow(QMainWindow):
    def __init__(self, content: MapContent, settings: QSettings | None = None, store_path: Path | None = None,
                 open_store: bool = True, *, project_path: Path | str | None = None, reopen: bool = False,
                 autosave_dir: Path | None = None):
        super().__init__()
        self.content = content
        self.settings = settings or QSettings()
        self.setWindowTitle(self.tr("Frontera Atlas — US–Mexico supply chains"))
        self.setAcceptDrops(True)
        self.session = Session(content.layers)
        self.canvas = MapCanvas(content, self)
        self.flows = FlowOverlay(self.session, self)
        self.canvas.set_flow_overlay(self.flows)
        self.trade = TradeController(self, store_path)
        central = QWidget(self)
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.trade.notes)
        col.addWidget(self.canvas, 1)
        self.setCentralWidget(central)
        self.addToolBar(Qt.TopToolBarArea, self.trade.filter_bar)
        self.addToolBarBreak(Qt.TopToolBarArea)
        self.addToolBar(Qt.TopToolBarArea, self.trade.style_bar)
        self.trade.themeApplied.connect(lambda _t: self.legend._relayout())
        self.time_bar = TimeBar(self.session, self)
        self.addToolBar(Qt.BottomToolBarArea, self.time_bar)
        self.time_bar.monthShown.connect(self._month_shown)
        self.time_bar.aboutToStep.connect(self.canvas.crossfade)
        self.time_bar.exportRequested.connect(self.export_animation)
        self.trade.filter_bar.period.rangeChanged.connect(lambda *_: self.time_bar.stop())

        self.layer_panel = LayerPanel(content.layers, self)
        self.legend = LegendWidget(content.layers, self)
        self.feature_panel = FeaturePanel(content, self, session=self.session)
        self.layer_dock = self._dock("layers", self.tr("Layers"), self.layer_panel, Qt.LeftDockWidgetArea)
        scroll = QScrollArea(self)
        legend_page = QWidget(self)  # the overlays' sections (flows, company lanes) over the layers' legend
        self.legend_column = QVBoxLayout(legend_page)
        self.legend_column.setContentsMargins(0, 0, 0, 0)
        self.legend_column.addWidget(WidthLegend(self.flows, legend_page))
        self.legend_column.addWidget(self.legend)
        self.legend_column.addStretch(1)
        scroll.setWidget(legend_page)
        scroll.setWidgetResizable(True)
        self.legend_dock = self._dock("legend", self.tr("Legend"), scroll, Qt.LeftDockWidgetArea)
        self.feature_dock = self._dock("feature", self.tr("Selected feature"), self.feature_panel,
                                       Qt.RightDockWidgetArea)
        self.feature_panel.zoomRequested.connect(self.zoom_to_hit)
        self.flow_panel = FlowPanel(self.flows, self)
        self.flow_dock = self._dock("flows", self.tr("Trade flows"), self.flow_panel, Qt.RightDockWidgetArea)
        self.splitDockWidget(self.feature_dock, self.flow_dock, Qt.Vertical)
        # the drill-down profile beside the attribute table: a click on the map opens it
        self.profile_panel = ProfilePanel(self.session, content, self)
        # the chart processes start once the map's trade figures are on screen, not with the window
        self.trade.themeApplied.connect(lambda t: t is not None and self.session.store is not None
                                        and QTimer.singleShot(500, self.profile_panel, self.profile_panel.warm_up))
        self.trade.themeApplied.connect(self._started)
        self._heap_settled = False
        self.profile_dock = self._dock("profile", self.tr("Profile"), self.profile_panel, Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self.feature_dock, self.profile_dock)
        # the profile needs the height: the flow options share its tabs (raised when flows show)
        self.tabifyDockWidget(self.profile_dock, self.flow_dock)
        self.profile_dock.raise_()
        self.flow_panel.show_box.toggled.connect(self.show_flows)
        self.flow_panel.back_to_bts.clicked.connect(self.flows.use_bts)
        self.flow_panel.open_od.clicked.connect(self.open_od_table)
        self.session.flows_changed.connect(self._flows_state_changed)
        # the map's selection and extent are parts of the session
        content.selection.changed.connect(
            lambda hit: self.session.select(hit.layer_id if hit else None, content.feature_id(hit)))
        self.session.selection_changed.connect(self._selection_from_session)
        self._partner = self.session.filter.country
        self.session.filter_changed.connect(self._partner_view)
        self.canvas.viewChanged.connect(self._view_to_session)
        self.session.view_changed.connect(self._view_from_session)
        content.layers.changed.connect(lambda _id: self._layers_to_session())
        content.layers.order_changed.connect(self._layers_to_session)

        self.coords = QLabel(self)
        self.coords.setMinimumWidth(190)
        self.scale_label = QLabel(self)
        self.render_label = QLabel(self)
        sb = self.statusBar()
        sb.addPermanentWidget(self.render_label)
        sb.addPermanentWidget(self.scale_label)
        sb.addPermanentWidget(self.coords)
        self.canvas.cursorMoved.connect(self._show_coords)
        self.canvas.cursorLeft.connect(lambda: self.coords.setText(""))
        self.canvas.viewChanged.connect(self._show_scale)
        self.canvas.frameRendered.connect(
            lambda ms: self.render_label.setText(self.tr("render {ms:.0f} ms").format(ms=ms)))
        from geo.core.paths import user_data_dir

        self._layers_to_session()  # the session starts with the layers shown: not an undoable step
        self.project = ProjectController(self, autosave_dir or user_data_dir() / "autosave")
        from desktop.panels.network_panel import NetworkView

        self.network_panel = None  # the company network's dock (issue 15), made on first import or open
        self.network_view = NetworkView(self)
        self.bookmarks_panel = BookmarksPanel(self.project.bookmark_list, self.session, self)
        self.bookmarks_dock = self._dock("bookmarks", self.tr("Bookmarks"), self.bookmarks_panel,
                                         Qt.LeftDockWidgetArea)
        self.tabifyDockWidget(self.legend_dock, self.bookmarks_dock)
        self.legend_dock.raise_()
        self.bookmarks_panel.presentRequested.connect(self.present)
        self._build_menus()
        self.resize(1400, 900)
        self.resizeDocks([self.layer_dock, self.feature_dock], [250, 420], Qt.Horizontal)
        self.resizeDocks([self.layer_dock, self.legend_dock], [300, 520], Qt.Vertical)
        self._restore()
        self.canvas.setFocus()
        if open_store:
            self.trade.open_store_later()
        if project_path is not None:
            self.project.open(project_path, ask_to_save=False)
        elif reopen:
            if not self.project.offer_recovery():
                self.project.reopen_last()

    def show_scenario_panel(self) -> None:
        """The scenario dock (issue 16), made on first use."""
        if getattr(self, "scenario_dock", None) is None:
            from desktop.panels.scenario_panel import ScenarioPanel

            self.scenario_panel = ScenarioPanel(self, self.session)
            self.scenario_dock = self._dock("scenario", self.tr("Scenario"), self.scenario_panel,
                                            Qt.RightDockWidgetArea)
            self.tabifyDockWidget(self.profile_dock, self.scenario_dock)  # the full height of the right side
            self.canvas.set_scenario_overlay(self.scenario_panel.overlay)  # closed ports, reroutes, load classes
            self.scenario_panel.zoomRequested.connect(lambda b: self.canvas.zoom_to_bounds(b, margin=0.08))
            self.scenario_panel.set_point_picker(self.canvas.pick_point, self.canvas.cancel_pick)  # a new crossing
            self.scenario_panel.set_company_source(self._scenario_company)  # the company's lanes, where held
            self.project.networkChanged.connect(lambda _n: self.scenario_panel.company_changed())
            self.network_view.computed.connect(lambda _f: self.scenario_panel.company_changed())
            self.resizeDocks([self.scenario_dock], [int(min(max(0.3 * self.width(), 380), 520))], Qt.Horizontal)
        self.scenario_dock.show()
        self.scenario_dock.raise_()

    def _scenario_company(self):
        """The company network a scenario counts (issue 16): the project's, with the routes the
        network view computed for it (None while it computes: the scenario routes them)."""
        net = self.project.network
        if not net:
            return None
        f = self.network_view.figures
        return net, (f.routes if f is not None and f.network is net else None)

    def _started(self, theme) -> None:
        """The map's first trade figures are on screen: what start-up made stays (see
        :func:`desktop.base.workers.settle_heap`)."""
        if theme is not None and not self._heap_settled:
            self._heap_settled = True
            QTimer.singleShot(700, self, settle_heap)

    def _dock(self, name, title, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu, text, slot, shortcut=None, tip=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(self.tr("&File"))
        self.import_action = self._action(file_menu, self.tr("&Import BTS Files…"), self.trade.choose_and_import,
                                          QKeySequence(self.tr("Ctrl+I")),
                                          self.tr("Import TransBorder or Border Crossing files (CSV or zip)"))
        self.export_action = self._action(file_menu, self.tr("&Export Map Image…"), self.export_image,
                                          QKeySequence(self.tr("Ctrl+E")), self.tr("Save the current view as PNG"))
        self.deck_action = self._action(file_menu, self.tr("Export Slide &Deck…"), lambda: self.export_deck(), None,
                                        self.tr("The bookmarks as a PowerPoint or PDF deck, one slide each"))
        self.atlas_action = self._action(file_menu, self.tr("Export A&tlas (PDF)…"), lambda: self.export_atlas(), None,
                                         self.tr("One PDF page per port or state: the map zoomed to it, "
                                                 "its key figures and a chart"))
        self.data_action = self._action(file_menu, self.tr("Export &Map Data…"), lambda: self.export_map_data(), None,
                                        self.tr("States, ports and flows with their figures as GeoPackage, "
                                                "GeoJSON or CSV"))
        self.history_action = self._action(file_menu, self.tr("Import &History…"), self.show_import_history, None,
                                           self.tr("Every import, with Undo and Purge"))
        self._action(file_menu, self.tr("Open &Flow Table (CSV)…"), self.open_od_table, None,
                     self.tr("Draw your own origin–destination flows"))
        self._action(file_menu, self.tr("Import Company &Facilities…"), lambda: self.import_company_facilities(),
                     None, self.tr("Your suppliers, plants, warehouses and customers (CSV, Excel, GIS files)"))
        self._action(file_menu, self.tr("Import Company &Lanes…"), lambda: self.import_company_lanes(), None,
                     self.tr("The lanes between your facilities: value, volume, mode, HS chapter, port"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.Quit)

        edit = mb.addMenu(self.tr("&Edit"))
        self.project.build_menus(file_menu, edit)

        view = mb.addMenu(self.tr("&View"))
        self._action(view, self.tr("Zoom &In"), lambda: self.canvas.zoom_by(KEY_ZOOM),
                     [QKeySequence.ZoomIn, QKeySequence(self.tr("Ctrl+="))])
        self._action(view, self.tr("Zoom &Out"), lambda: self.canvas.zoom_by(1 / KEY_ZOOM), QKeySequence.ZoomOut)
        self._action(view, self.tr("&Full Extent"), self.canvas.zoom_home, QKeySequence(self.tr("Ctrl+Home")))
        self._action(view, self.tr("Zoom to &Selection"), self.zoom_to_selection, QKeySequence(self.tr("Ctrl+J")))
        view.addSeparator()
        self.labels_action = QAction(self.tr("Show &Labels"), self, checkable=True, checked=True)
        self.labels_action.toggled.connect(self._toggle_labels)
        view.addAction(self.labels_action)
        self.flows_action = QAction(self.tr("Show Trade &Flows"), self, checkable=True, checked=False)
        self.flows_action.setShortcut(QKeySequence(self.tr("Ctrl+F")))
        self.flows_action.toggled.connect(self.show_flows)
        view.addAction(self.flows_action)
        view.addSeparator()
        for dock in (self.layer_dock, self.legend_dock, self.feature_dock, self.profile_dock, self.flow_dock,
                     self.bookmarks_dock):
            view.addAction(dock.toggleViewAction())
        self._action(view, self.tr("What If a &Crossing Closes…"), self.show_scenario_panel, None,
                     self.tr("Close or degrade ports, apply a tariff: value rerouted, delayed and at risk"))
        view.addSeparator()
        self.present_action = self._action(view, self.tr("&Presentation"), lambda: self.present(0),
                                           QKeySequence(Qt.Key_F5),
                                           self.tr("Step through the bookmarks full screen (Esc leaves)"))

        help_menu = mb.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Frontera Atlas"), self.about)

    def present(self, start: int = 0, full_screen: bool = True):
        """Presentation mode over the bookmarks (desktop.app.presentation); None without any."""
        from desktop.app.presentation import Presentation

        if not len(self.project.bookmark_list):
            QMessageBox.information(self, self.tr("Presentation"),
                                    self.tr("Add bookmarks first (View → Bookmarks): the presentation steps "
                                            "through them."))
            return None
        self.presentation = Presentation(self, start=start)
        self.presentation.start(full_screen)
        return self.presentation

    # --- time ---------------------------------------------------------------------------------
    def _month_shown(self, ym) -> None:
        from desktop.base.i18n import month_label

        self.canvas.set_caption(month_label(ym) if ym else "")
        self.trade.filter_bar.show_filter()

    def export_deck(self, path: str | None = None) -> Path | None:
        """The bookmarks as a deck (desktop.export.deck), painted from a private copy of the map
        and session: the window's view and undo history stay as they are."""
        from desktop.export.deck import DeckCancelled, write_deck
        from geo.layers.content import load_map_content

        bookmarks = self.project.bookmarks
        if not bookmarks or self.session.store is None:
            QMessageBox.information(self, self.tr("Export Slide Deck"),
                                    self.tr("Add bookmarks first (View → Bookmarks): each becomes a slide."))
            return None
        if not path:
            start = str(Path(self.settings.value("export/dir", str(Path.home()))) / "frontera-deck.pptx")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Slide Deck"), start,
                                                  self.tr("PowerPoint (*.pptx);;PDF (*.pdf)"))
            if not path:
                return None
        progress = QProgressDialog(self.tr("Painting slides…"), self.tr("Cancel"), 0, len(bookmarks), self)
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(0)

        def step(i, _n):
            progress.setValue(i)
            QApplication.processEvents()

        try:
            content = load_map_content()
            session = Session(content.layers, self.session.store)
            written = write_deck(path, content, session, bookmarks, progress=step, cancelled=progress.wasCanceled)
        except DeckCancelled:
            self.statusBar().showMessage(self.tr("Deck export cancelled; nothing written."), 6000)
            return None
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return None
        finally:
            progress.close()
        self.settings.setValue("export/dir", str(Path(path).parent))
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=written), 5000)
        return written

    def export_animation(self) -> None:
        from desktop.export.animation import (
            FfmpegMissing,
            export_gif,
            export_mp4,
            export_png_sequence,
            ffmpeg_exe,
            no_ffmpeg_message,
            render_frames,
        )

        months = self.time_bar.period_months()
        if not months:
            QMessageBox.information(self, self.tr("Export Animation"), self.tr("No months to play in this period."))
            return
        start = str(Path(self.settings.value("export/dir", str(Path.home()))) / "frontera-playback.gif")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export Animation"), start,
            self.tr("Animated GIF (*.gif);;MP4 video (*.mp4);;PNG sequence (*.png)"))
        if not path:
            return
        if "*.mp4" in chosen and not Path(path).suffix:
            path += ".mp4"
        if path.lower().endswith(".mp4") and ffmpeg_exe() is None:  # say so before rendering anything
            QMessageBox.information(self, self.tr("Export Animation"), no_ffmpeg_message())
            return
        self.time_bar.stop()
        progress = QProgressDialog(self.tr("Rendering frames…"), self.tr("Cancel"), 0, len(months), self)
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(0)

        def step(i, n):
            progress.setValue(i)
            QApplication.processEvents()
            return not progress.wasCanceled()

        frames = list(render_frames(self, months, self.canvas.view, step))
        progress.close()
        if len(frames) < len(months):
            self.statusBar().showMessage(self.tr("Animation export cancelled; nothing written."), 6000)
            return
        try:
            if path.lower().endswith(".gif"):
                n = export_gif(frames, Path(path), fps=self.time_bar.speed.currentData())
            elif path.lower().endswith(".mp4"):
                n = export_mp4(frames, Path(path), fps=self.time_bar.speed.currentData())
            else:
                n = len(export_png_sequence(frames, Path(path)))
        except FfmpegMissing as exc:
            QMessageBox.information(self, self.tr("Export Animation"), str(exc))
            return
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Wrote {n} frames to {path}").format(n=n, path=path), 8000)

    # --- flows ------------------------------------------------------------------------------
    def show_flows(self, on: bool) -> None:
        if on != self.flows.visible:
            self.flows.set_visible(on)  # the session says so; _flows_state_changed follows

    def _flows_state_changed(self, state) -> None:
        self.flows_action.blockSignals(True)
        self.flows_action.setChecked(state.visible)
        self.flows_action.blockSignals(False)
        if state.visible:
            self.flow_dock.show()
            self.flow_dock.raise_()

    # --- session <-> map ---------------------------------------------------------------------
    def _selection_from_session(self, sel) -> None:
        hit = self.content.hit_for(sel.layer, sel.feature)
        if hit != self.content.selection.current:
            self.content.selection.select(hit)

    def _view_to_session(self, view) -> None:
        from geo.core.projection import to_lonlat

        xmin, ymin, xmax, ymax = view.bounds
        (w, e), (s, n) = to_lonlat([xmin, xmax], [ymin, ymax])
        self._view_from_me = (float(w), float(s), float(e), float(n))
        self.session.set_extent(self._view_from_me)

    def _view_from_session(self, state) -> None:
        from geo.core.projection import to_map

        if state.extent is None or state.extent == getattr(self, "_view_from_me", None):
            return
        w, s, e, n = state.extent
        (x0, x1), (y0, y1) = to_map([w, e], [s, n])
        self.canvas.zoom_to_bounds((float(x0), float(y0), float(x1), float(y1)), margin=0.0)

    def _layers_to_session(self) -> None:
        self.session.capture_layers()

    def open_od_table(self, path: str | None = None) -> None:
        from geo.flows.od import ODImportError, read_od_csv

        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Open Flow Table"), str(Path.home()),
                                                  self.tr("CSV tables (*.csv *.txt);;All files (*)"))
        if not path:
            return
        from desktop.base.messages import word

        try:
            result = read_od_csv(path)
        except ODImportError as exc:
            QMessageBox.warning(self, self.tr("Flow table not loaded"), word(exc.message))
            return
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Flow table not loaded"), str(exc))
            return
        if result.problems or result.notes:
            self.od_report = OdProblemsDialog(path, result.problems, len(result.flowset), self,
                                              notes=result.notes)
            self.od_report.show()
        if len(result.flowset):
            self.flows.show_od(result.flowset, Path(path).name)

    # --- actions -----------------------------------------------------------------------
    def _toggle_labels(self, on: bool) -> None:
        self.canvas.renderer.show_labels = on
        self.canvas.set_view(self.canvas.view)

    def zoom_to_hit(self, hit) -> None:
        if hit is not None:
            self.canvas.zoom_to_bounds(self.content.feature_bounds(hit))

    def zoom_to_selection(self) -> None:
        self.zoom_to_hit(self.content.selection.current)

    def export_image(self) -> None:
        """File → Export…: PDF, SVG or print-size PNG with title, legend, scale bar (issue 13)."""
        from desktop.dialogs.export_dialog import ExportDialog
        from desktop.export.publication import export_with_progress

        dlg = ExportDialog(self.session, self.settings.value("export/dir", str(Path.home())), self)
        if not dlg.exec():
            return
        scenario = getattr(self.canvas, "scenario", None)    # a scenario on the map goes into the export
        overlays = (scenario.snapshot(),) if scenario is not None and scenario.visible else ()
        lanes = self.network_view.lanes.snapshot()           # and so do the company's lanes shown
        if lanes is not None:
            overlays = (lanes,) + overlays
        path = export_with_progress(self, self.content, self.session, dlg.request(), self.canvas.view.bounds,
                                    overlays)
        if path is None:
            return
        self.settings.setValue("export/dir", str(Path(path).parent))
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)

    def export_atlas(self) -> Path | None:
        """File → Export Atlas (PDF)… (issue 13): one page per port or state, the top N by trade
        value for the filter, written in a worker with progress and Cancel."""
        from PySide6.QtWidgets import QInputDialog

        from desktop.export.atlas import export_atlas
        from desktop.export.publication import ExportCancelled, run_with_progress
        from geo.analysis.atlas import atlas_ids

        title = self.tr("Export Atlas")
        if self.session.store is None:
            QMessageBox.information(self, title, self.tr("The trade store is still opening."))
            return None
        kinds = {self.tr("Land ports of entry"): "port", self.tr("US states"): "us-state",
                 self.tr("Mexican states"): "mx-state"}
        label, ok = QInputDialog.getItem(self, title, self.tr("One page per:"), list(kinds), 0, False)
        if not ok:
            return None
        kind = kinds[label]
        top, ok = QInputDialog.getInt(self, title, self.tr("How many, largest by trade value first:"), 10, 1, 100)
        if not ok:
            return None
        start = str(Path(self.settings.value("export/dir", str(Path.home()))) / f"frontera-atlas-{kind}.pdf")
        name, _ = QFileDialog.getSaveFileName(self, title, start, self.tr("PDF (*.pdf)"))
        if not name:
            return None
        path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        try:
            ids = atlas_ids(self.session.store, kind, self.session.effective_filter, top)
            result = run_with_progress(self, self.tr("Exporting {name}…").format(name=path.name),
                                       lambda progress: export_atlas(path, self.content, self.session, kind, ids,
                                                                     progress=progress))
        except ExportCancelled:
            self.statusBar().showMessage(self.tr("Atlas export cancelled; nothing written."), 6000)
            return None
        except (OSError, ValueError) as exc:  # AtlasError is a ValueError
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return None
        self.settings.setValue("export/dir", str(path.parent))
        self.statusBar().showMessage(self.tr("Saved {path} ({n} pages)").format(path=path, n=len(result.pages)), 5000)
        return path

    def export_map_data(self) -> Path | None:
        """File → Export Map Data… (issue 13): the view's states, ports and flows with their
        figures as GeoPackage, GeoJSON or CSV (geo.analysis.data_out), in a worker."""
        import re

        from desktop.export.publication import ExportCancelled, run_with_progress
        from geo.analysis.data_out import DATA_FORMATS, view_layers, write_layers

        title = self.tr("Export Map Data")
        if self.session.store is None:
            QMessageBox.information(self, title, self.tr("The trade store is still opening."))
            return None
        start = str(Path(self.settings.value("export/dir", str(Path.home()))) / "frontera-map-data.gpkg")
        name, chosen = QFileDialog.getSaveFileName(
            self, title, start, self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV table (*.csv)"))
        if not name:
            return None
        if Path(name).suffix.lower().lstrip(".") not in DATA_FORMATS:
            m = re.search(r"\*\.(\w+)", chosen or "")
            name += "." + (m.group(1) if m else "gpkg")
        path = Path(name)

        def work(progress):
            frames = view_layers(self.session, self.content.layers)
            if not progress(1, 2):
                raise ExportCancelled()
            return write_layers(path, frames)

        try:
            run_with_progress(self, self.tr("Exporting {name}…").format(name=path.name), work)
        except ExportCancelled:
            self.statusBar().showMessage(self.tr("Data export cancelled; nothing written."), 6000)
            return None
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return None
        self.settings.setValue("export/dir", str(path.parent))
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        return path

    def import_company_facilities(self, path: str | None = None):
        """File → Import Company Facilities… (issue 15): the mapping and review dialog, then the
        exposure table in a dock. Returns the dialog (tests drive it)."""
        from desktop.base.messages import word
        from desktop.dialogs.facility_import_dialog import FacilityImportDialog
        from geo.core.messages import MessageError
        from geo.network.tables import read_table

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Company Facilities"), str(Path.home()),
                                                  self.tr("Tables (*.csv *.tsv *.txt *.xlsx *.gpkg *.geojson *.shp)"))
            if not path:
                return None
        try:
            table = read_table(path)
        except MessageError as exc:
            QMessageBox.warning(self, self.tr("Import Company Facilities"), word(exc.message))
            return None
        dlg = FacilityImportDialog(table, self, current=self.project.network.facilities, canvas=self.canvas)

        def done() -> None:  # the project keeps it (saved, undoable); self.network_view shows it
            from geo.network.model import Network

            self.project.set_network(Network(dlg.facilities(), dict(self.project.network.lanes)))

        dlg.accepted.connect(done)
        dlg.open()
        return dlg

    def import_company_lanes(self, path: str | None = None):
        """File → Import Company Lanes… (issue 15): the lane dialog (mapping, preview with each
        row's problems, the change by id), then the network with these lanes (undoable).
        Returns the dialog (tests drive it)."""
        from desktop.base.messages import word
        from desktop.dialogs.lane_import_dialog import LaneImportDialog
        from geo.core.messages import MessageError
        from geo.network.lanes import LANE_SYNONYMS
        from geo.network.tables import read_table

        title = self.tr("Import Company Lanes")
        if not self.project.network.facilities:
            QMessageBox.information(self, title, self.tr("Import the company's facilities first: lanes join them "
                                                         "by their ids."))
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()),
                                                  self.tr("Tables (*.csv *.tsv *.txt *.xlsx)"))
            if not path:
                return None
        try:
            table = read_table(path, header_words=[w for ws in LANE_SYNONYMS.values() for w in ws if len(w) > 2])
        except MessageError as exc:
            QMessageBox.warning(self, title, word(exc.message))
            return None
        dlg = LaneImportDialog(table, self.project.network, self)
        dlg.accepted.connect(lambda: self.project.set_network(dlg.network()))
        dlg.open()
        return dlg

    @property
    def company_network(self):
        """The company network the project holds (issue 15)."""
        return self.project.network

    def show_import_history(self) -> None:
        from desktop.dialogs.import_dialog import show_import_history

        store = self.session.store
        if store is None:
            QMessageBox.information(self, self.tr("Import History"), self.tr("The trade store is still opening."))
            return
        self.import_history = show_import_history(store, self)
        self.import_history.changed.connect(lambda *_: (self.session.refresh(), self.trade.filter_bar.reload()))

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Frontera Atlas"),
            self.tr("<h3>Frontera Atlas {version}</h3><p>Offline maps of US–Mexico supply chains: "
                    "land ports of entry, seaports, industrial zones and trade flows.</p>"
                    "<p><b>Data sources and attributions</b></p>").format(version=VERSION)
            + "<p>" + bundled_sources().replace("\n", "<br/>") + "</p>"
            + self.tr("<p>Frontera Atlas makes no network connection.</p>"),
        )

    # --- drag and drop of BTS files -------------------------------------------------------
    def dragEnterEvent(self, e):
        if e.mimeData().hasUrls() and self.trade.importable(e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e):
        paths = self.trade.importable(e.mimeData().urls())
        if paths:
            e.acceptProposedAction()
            self.trade.import_paths(paths)

    # --- status bar -------------------------------------------------------------------
    def _show_coords(self, lon: float, lat: float) -> None:
        ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
        self.coords.setText(f"{abs(lat):.4f}° {ns}  {abs(lon):.4f}° {ew}")

    def _show_scale(self, view) -> None:
        km = view.scale * 100 / 1000
        self.scale_label.setText(self.tr("100 px = {km:,.0f} km").format(km=km))

    # --- settings ------------------------------------------------------------------------
    def _restore(self) -> None:
        geom = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geom is not None:
            self.restoreGeometry(geom)
        if state is not None:
            self.restoreState(state)
        self._fit_docks_at_show = state is None  # a layout the user arranged is kept as it is

    def showEvent(self, event):
        super().showEvent(event)
        if getattr(self, "_fit_docks_at_show", False):
            self._fit_docks_at_show = False
            self.fit_docks()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if getattr(self, "_fit_docks_at_show", None) is False and not self.settings.value("window/state") \
                and self.isVisible():
            self.fit_docks()  # until the user saves a layout, the panels keep the map the larger share

    def _partner_view(self, f) -> None:
        """Choosing the other partner moves an untouched view to that border (a view the
        analyst panned or zoomed stays where it is)."""
        if f.country == self._partner:
            return
        self._partner = f.country
        self.content.home_bounds = self.content.home_for(f.country if f.country in ("MX", "CA") else None)
        if not self.canvas.navigated:
            self.canvas.zoom_home()

    def fit_docks(self) -> None:
        """Side panels sized to the window so the map keeps about 55% of the width: on a
        1366-pixel laptop screen the panels give up width, on a wide screen they take more."""
        w = self.width()
        left = int(min(max(0.15 * w, 190), 280))
        right = int(min(max(0.22 * w, 290), 440))
        self.resizeDocks([self.layer_dock, self.feature_dock], [left, right], Qt.Horizontal)

    def closeEvent(self, event):
        if not self.project.maybe_save():
            event.ignore()
            return
        self.project.discard_autosave()  # a clean close: nothing to recover next time
        self.trade.cancel_store_open()  # a store still opening is dropped, never shown here
        self.profile_panel.shutdown()  # its worker's queries end before the store closes
        if getattr(self, "scenario_panel", None) is not None:
            self.scenario_panel.shutdown()  # so do a scenario's
        store = self.trade.trade.store
        if store is not None and self.trade.runner is None:
            store.close()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
