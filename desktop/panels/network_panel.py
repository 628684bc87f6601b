"""The company network (issue 15) in the window: the exposure table with the model's flags
worded above it, the display options (facilities shown on the map, ports sized by exposure,
names anonymised, lanes drawn over the trade flows: the session's ``network_display`` part),
and :class:`NetworkView`, which keeps the map in step with the project's network.

Routing, exposure, the lanes as flows, the profile panel's index and, after an import, the
facilities layer are computed together off the GUI thread (:func:`geo.network.display.compute`
in a :mod:`desktop.base.workers` task) with a progress bar and Cancel in the panel; the map, the
table, the port sizes and the profile panel's company section
(:mod:`desktop.panels.company_section`) change when the figures arrive. A project opened (or
a network reverted to the one saved) gets its facilities layer at once, so the map opens as it
was saved, with nothing to save. The lanes are
drawn by their own overlay (:class:`desktop.canvas.lane_overlay.LaneOverlay`) over the public
flows, with their own legend section.
"""
from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.base import workers
from desktop.base.messages import word
from desktop.canvas.lane_overlay import LaneLegend, LaneOverlay
from geo.core.formatting import format_share, format_usd
from geo.network.display import (
    FACILITY_LAYER_ID,
    NetworkDisplay,
    NetworkFigures,
    compute,
    exposure_theme,
    facilities_layer,
)
from geo.network.exposure import Exposure
from geo.network.model import Cancelled

PART = "network_display"


class NetworkPanel(QWidget):
    computeRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent=None, session=None):
        super().__init__(parent)
        self.session = session
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.flags = QLabel(self.tr("No company network imported."), self)
        self.flags.setWordWrap(True)
        lay.addWidget(self.flags)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #5f5a52;")
        lay.addWidget(self.status)
        busy = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.compute_button = QPushButton(self.tr("Compute"), self)
        self.compute_button.setToolTip(self.tr("Route the lanes and compute the exposure again"))
        self.compute_button.clicked.connect(self.computeRequested)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        busy.addWidget(self.compute_button)
        lay.addLayout(busy)
        opts = QGridLayout()
        opts.setContentsMargins(0, 0, 0, 0)
        self.visible_box = QCheckBox(self.tr("Show facilities"), self)
        self.size_box = QCheckBox(self.tr("Size ports by exposure"), self)
        self.anonymise_combo = QComboBox(self)
        self.anonymise_combo.setToolTip(self.tr("What names the facilities on the map and in the panels"))
        for text, key in ((self.tr("Names"), ""), (self.tr("Ids for names"), "id"),
                          (self.tr("Types for names"), "type")):
            self.anonymise_combo.addItem(text, key)
        self.lanes_box = QCheckBox(self.tr("Show lanes over the trade flows"), self)
        self.lanes_box.setToolTip(self.tr("The company's cross-border lanes through their ports, in their own "
                                          "colours, drawn over the public trade flows"))
        self.import_lanes_button = QPushButton(self.tr("Import Lanes…"), self)
        self.import_lanes_button.setToolTip(self.tr("Lanes between the facilities (CSV or Excel): from, to, "
                                                    "annual value or volume, mode, HS chapter, port"))
        opts.addWidget(self.visible_box, 0, 0)
        opts.addWidget(self.anonymise_combo, 0, 1)
        opts.addWidget(self.size_box, 1, 0, 1, 2)
        opts.addWidget(self.lanes_box, 2, 0, 1, 2)
        opts.addWidget(self.import_lanes_button, 3, 1)
        lay.addLayout(opts)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Port"), self.tr("Value a year"), self.tr("Share"),
                                              self.tr("Lanes"), self.tr("Facilities")])
        self.table.setMinimumHeight(90)
        lay.addWidget(self.table, 1)
        self.set_busy(False)
        if session is not None:
            self.show_options(session.get(PART))
            session.part_changed.connect(lambda name, v: self.show_options(v) if name == PART else None)
            self.visible_box.toggled.connect(lambda on: self._set(visible=on))
            self.size_box.toggled.connect(lambda on: self._set(size_ports_by_exposure=on))
            self.lanes_box.toggled.connect(lambda on: self._set(lanes=on))
            self.anonymise_combo.currentIndexChanged.connect(
                lambda i: self._set(anonymise=self.anonymise_combo.itemData(i)))

    def _set(self, **changes) -> None:
        self.session.update(PART, **changes)

    def show_options(self, opts: NetworkDisplay) -> None:
        for w, set_ in ((self.visible_box, lambda: self.visible_box.setChecked(opts.visible)),
                        (self.size_box, lambda: self.size_box.setChecked(opts.size_ports_by_exposure)),
                        (self.lanes_box, lambda: self.lanes_box.setChecked(opts.lanes)),
                        (self.anonymise_combo, lambda: self.anonymise_combo.setCurrentIndex(
                            max(0, self.anonymise_combo.findData(opts.anonymise))))):
            w.blockSignals(True)
            set_()
            w.blockSignals(False)

    # --- computing ------------------------------------------------------------------------------
    def set_busy(self, on: bool, lanes: int = 0) -> None:
        """The figures are being computed (progress and Cancel shown) or not."""
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.compute_button.setVisible(False)
        if on:
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Routing {n:,} lanes and computing the exposure…").format(n=lanes))
        else:
            self.status.setText("")
        self.status.setVisible(on)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def show_stopped(self, text: str) -> None:
        """The computation was cancelled or failed: say so, offer to compute again."""
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.status.setText(text)
        self.status.setVisible(True)
        self.compute_button.setVisible(True)
        self.table.setRowCount(0)
        self.flags.setText(self.tr("Exposure not computed."))

    def set_exposure(self, exp: Exposure | None) -> None:
        if exp is None:
            self.flags.setText(self.tr("No company network imported."))
            self.table.setRowCount(0)
            return
        self.flags.setText("\n".join(word(m) for m in exp.messages) or
                           self.tr("{0} cross-border lanes, {1} a year").format(exp.lanes, format_usd(exp.total)))
        self.table.setRowCount(len(exp.ports))
        for i, r in enumerate(exp.ports):
            name = r.name or self.tr("(not routed)")
            for j, text in enumerate((name, format_usd(r.value), format_share(r.share), str(r.lanes),
                                      str(len(r.facilities)))):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def rows(self) -> list[list[str]]:
        return [[self.table.item(i, j).text() for j in range(self.table.columnCount())]
                for i in range(self.table.rowCount())]


class NetworkView(QObject):
    """Binds the project's network (``window.project``) to the map, the panel, the theme and
    the profile panel's company section."""

    #: the figures of the network shown arrived (a :class:`~geo.network.display.NetworkFigures`)
    computed = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.panel: NetworkPanel | None = None
        self.figures: NetworkFigures | None = None
        self.busy = False
        self._gen = 0
        self._cancel = threading.Event()
        self._ports = None
        self._sized = False
        self._layer_of = None           # the network whose facilities the map shows
        self._anonymise = ""            # the names the last computation was asked for
        self.lanes = LaneOverlay(self)
        window.canvas.add_overlay(self.lanes)
        self.lane_legend = LaneLegend(self.lanes)
        column = getattr(window, "legend_column", None)
        if column is not None:          # the legend dock: the company lanes' own section, first (drawn on top)
            column.insertWidget(0, self.lane_legend)
        window.project.networkChanged.connect(self.show_network)
        window.trade.themeApplied.connect(lambda _t: self.size_ports())
        self.session.part_changed.connect(self._part_changed)
        self.session.store_changed.connect(self._store_changed)

    @property
    def options(self) -> NetworkDisplay:
        return self.session.get(PART)

    @property
    def network(self):
        return self.window.project.network

    @property
    def exposure(self) -> Exposure | None:
        """The exposure of the network shown (None while it is computed or without a network)."""
        f = self.figures
        return f.exposure if f is not None and f.network is self.network else None

    def ports(self):
        from geo.network.lanes import land_ports

        if self._ports is None or self._ports[0] is not self.session.store:
            self._ports = (self.session.store, land_ports(self.session.store))
        return self._ports[1]

    def _company_section(self):
        profile = getattr(self.window, "profile_panel", None)
        return getattr(profile, "company", None)

    # --- the network changed ----------------------------------------------------------------------
    def show_network(self, network) -> None:
        if network and self.panel is None:
            from PySide6.QtCore import Qt

            self.panel = NetworkPanel(self.window, self.session)
            self.panel.import_lanes_button.clicked.connect(lambda: self.window.import_company_lanes())
            self.panel.cancelRequested.connect(self.cancel)
            self.panel.computeRequested.connect(self.recompute)
            self.window.network_panel = self.panel
            dock = self.window._dock("network", self.tr("Company Network"), self.panel, Qt.RightDockWidgetArea)
            profile = getattr(self.window, "profile_dock", None)
            if profile is not None:     # a tab beside the profile: the right side keeps its height on small screens
                self.window.tabifyDockWidget(profile, dock)
            dock.raise_()
            self.window.network_dock = dock
        if not network:
            self.cancel()
            self._gen += 1
            self.busy = False
            self.figures = None
            self._show_layer(None)
            self._apply(None)
            return
        if self.window.project.network_history.modified:
            self.recompute(layer=True)          # an import: the new layer comes with the figures
        else:
            self._show_layer(facilities_layer(network, self.options.anonymise) if network.facilities else None,
                             network)
            self.recompute()

    def _show_layer(self, layer, network=None) -> None:
        """``layer`` (the facilities of ``network``, None: none) on the map, with the display options."""
        self._layer_of = network if layer is not None else None
        layers = self.window.content.layers
        if FACILITY_LAYER_ID in layers:
            layers.remove(FACILITY_LAYER_ID)
        if layer is not None:
            layer.visible = self.options.visible
            layers.add(layer)

    def recompute(self, layer: bool = False) -> None:
        """Compute the network's figures in a worker (the previous computation is cancelled);
        ``layer``: the facilities layer too."""
        network = self.network
        if not network:
            return
        layer = layer or (bool(network.facilities) and self._layer_of is not network)
        self._cancel.set()
        cancel = self._cancel = threading.Event()
        self._gen += 1
        gen = self._gen
        ports, anonymise, previous = self.ports(), self.options.anonymise, self.figures
        self._anonymise = anonymise
        self.busy = True
        if self.panel is not None:
            self.panel.set_busy(True, len(network.lanes))
        section = self._company_section()
        if section is not None and (previous is None or previous.network is not network):
            section.set_index(None, busy=True)

        def work(progress):
            return compute(network, ports, anonymise, previous=previous, layer=layer,
                           progress=lambda d, t: (not cancel.is_set()) and progress(d, t))

        workers.start(work, lambda r: self._done(gen, r), lambda e: self._failed(gen, e),
                      lambda d, t: self._progress(gen, d, t))

    def cancel(self) -> None:
        """Stop the computation under way (the map keeps what it showed)."""
        self._cancel.set()

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Process events until the figures are computed (for tests and scripts)."""
        import time

        from PySide6.QtWidgets import QApplication

        t0 = time.monotonic()
        while self.busy and (time.monotonic() - t0) * 1000 < timeout_ms:
            QApplication.processEvents()
            time.sleep(0.005)
        return not self.busy

    def _alive(self, gen: int) -> bool:
        from shiboken6 import isValid

        return gen == self._gen and isValid(self) and isValid(self.window)

    def _progress(self, gen: int, done: int, total: int) -> None:
        if self._alive(gen) and self.panel is not None:
            self.panel.show_progress(done, total)

    def _failed(self, gen: int, exc) -> None:
        if not self._alive(gen):
            return
        self.busy = False
        if self._layer_of is not self.network:     # the map must not show another network's sites
            self._show_layer(None)
        f = self.figures
        if f is None or f.network is not self.network:
            self.lanes.set_flowset(None)
        if self.panel is not None:
            text = self.tr("Cancelled: the network's exposure and lanes were not computed.") \
                if isinstance(exc, Cancelled) \
                else self.tr("The exposure could not be computed: {0}").format(exc)
            self.panel.show_stopped(text)
        section = self._company_section()
        if section is not None:
            section.set_index(None)

    def _done(self, gen: int, result: NetworkFigures) -> None:
        if not self._alive(gen):
            return
        self.busy = False
        self.figures = result
        if self.panel is not None:
            self.panel.set_busy(False)
        if result.layer is not None:
            self._show_layer(result.layer, result.network)
        self._apply(result)
        self.computed.emit(result)

    def _apply(self, figures: NetworkFigures | None) -> None:
        """Show ``figures`` (None: no network) on the map, in the panel and the profile."""
        self.lanes.set_flowset(figures.flowset if figures is not None else None)
        self.lanes.set_visible(self.options.lanes)
        if self.panel is not None:
            self.panel.set_exposure(figures.exposure if figures is not None else None)
        section = self._company_section()
        if section is not None:
            section.set_index(figures.company if figures is not None else None)  # type: ignore[arg-type]
        self.size_ports()

    # --- display options --------------------------------------------------------------------------
    def _part_changed(self, name: str, value) -> None:
        if name != PART:
            return
        if self.network and value.anonymise != self._anonymise:
            self.recompute(layer=True)  # the names on the map, in the lanes and the profile
        layers = self.window.content.layers
        if FACILITY_LAYER_ID in layers and layers[FACILITY_LAYER_ID].visible != value.visible:
            layers.set_visible(FACILITY_LAYER_ID, value.visible)
        self.lanes.set_visible(value.lanes)
        self.size_ports()

    def _store_changed(self, _store) -> None:
        """The store opened or changed: the ports' modes come from its crossing counts."""
        if self.network:
            self._ports = None
            self.recompute()

    def lane_flowset(self):
        """The network's cross-border lanes as a flow set (routed as the exposure table)."""
        f = self.figures
        return f.flowset if f is not None and f.network is self.network else None

    def show_lanes(self, on: bool = True) -> None:
        """Draw the lanes over the public trade flows (the session's ``network_display.lanes``)."""
        self.session.set(PART, replace(self.options, lanes=bool(on)))

    def size_ports(self) -> None:
        """Port symbols sized by the company's exposure while that option is on; else the
        public theme as the session applied it."""
        from geo.styles.thematic import apply_theme

        theme = self.session.theme
        if theme is None or self.session.layers is None or "ports" not in self.session.layers:
            return
        exp = self.exposure
        on = self.options.size_ports_by_exposure and exp is not None
        if on:
            t = exposure_theme(theme, exp)
            if t.settings.port_metric == "none":
                t = replace(t, settings=replace(t.settings, port_metric="trade"))
            apply_theme(self.session.layers, t)
            self._sized = True
        elif self._sized:
            apply_theme(self.session.layers, theme)
            self._sized = False
