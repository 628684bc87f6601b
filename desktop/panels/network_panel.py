"""The company network (issue 15) in the window: the exposure table with the model's flags
worded above it, the display options (shown on the map, ports sized by exposure, names
anonymised: the session's ``network_display`` part), and :class:`NetworkView`, which keeps
the map in step with the project's network: the facilities layer, the lanes as flows through
their ports (the flow layer's painter), and port symbols sized by the company's exposure."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from geo.core.formatting import format_share, format_usd
from geo.network.display import FACILITY_LAYER_ID, NetworkDisplay, exposure_theme, facilities_layer, lane_flowset
from geo.network.exposure import Exposure

PART = "network_display"


class NetworkPanel(QWidget):
    def __init__(self, parent=None, session=None):
        super().__init__(parent)
        self.session = session
        lay = QVBoxLayout(self)
        self.flags = QLabel(self.tr("No company network imported."), self)
        self.flags.setWordWrap(True)
        lay.addWidget(self.flags)
        opts = QHBoxLayout()
        self.visible_box = QCheckBox(self.tr("Show on map"), self)
        self.size_box = QCheckBox(self.tr("Size ports by exposure"), self)
        self.anonymise_combo = QComboBox(self)
        for text, key in ((self.tr("Names"), ""), (self.tr("Ids for names"), "id"),
                          (self.tr("Types for names"), "type")):
            self.anonymise_combo.addItem(text, key)
        self.lanes_button = QPushButton(self.tr("Show Lanes as Flows"), self)
        for w in (self.visible_box, self.size_box, self.anonymise_combo, self.lanes_button):
            opts.addWidget(w)
        lay.addLayout(opts)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Port"), self.tr("Value"), self.tr("Share"),
                                              self.tr("Lanes"), self.tr("Facilities")])
        lay.addWidget(self.table)
        if session is not None:
            self.show_options(session.get(PART))
            session.part_changed.connect(lambda name, v: self.show_options(v) if name == PART else None)
            self.visible_box.toggled.connect(lambda on: self._set(visible=on))
            self.size_box.toggled.connect(lambda on: self._set(size_ports_by_exposure=on))
            self.anonymise_combo.currentIndexChanged.connect(
                lambda i: self._set(anonymise=self.anonymise_combo.itemData(i)))

    def _set(self, **changes) -> None:
        self.session.update(PART, **changes)

    def show_options(self, opts: NetworkDisplay) -> None:
        for w, set_ in ((self.visible_box, lambda: self.visible_box.setChecked(opts.visible)),
                        (self.size_box, lambda: self.size_box.setChecked(opts.size_ports_by_exposure)),
                        (self.anonymise_combo, lambda: self.anonymise_combo.setCurrentIndex(
                            max(0, self.anonymise_combo.findData(opts.anonymise))))):
            w.blockSignals(True)
            set_()
            w.blockSignals(False)

    def set_exposure(self, exp: Exposure) -> None:
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
    """Binds the project's network (``window.project``) to the map, the panel and the theme."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.panel: NetworkPanel | None = None
        self.exposure: Exposure | None = None
        self._ports = None
        window.project.networkChanged.connect(self.show_network)
        window.trade.themeApplied.connect(lambda _t: self.size_ports())
        self.session.part_changed.connect(self._part_changed)

    @property
    def options(self) -> NetworkDisplay:
        return self.session.get(PART)

    def ports(self):
        from geo.network.lanes import land_ports

        if self._ports is None or self._ports[0] is not self.session.store:
            self._ports = (self.session.store, land_ports(self.session.store))
        return self._ports[1]

    def show_network(self, network) -> None:
        from geo.network.exposure import exposure

        self.exposure = exposure(network, self.ports()) if network else None
        self._show_layer()
        if network and self.panel is None:
            from PySide6.QtCore import Qt

            self.panel = NetworkPanel(self.window, self.session)
            self.panel.lanes_button.clicked.connect(self.show_lanes)
            self.window.network_panel = self.panel
            self.window._dock("network", self.tr("Company Network"), self.panel, Qt.RightDockWidgetArea)
        if self.panel is not None and self.exposure is not None:
            self.panel.set_exposure(self.exposure)
        self.size_ports()

    def _show_layer(self) -> None:
        layers = self.window.content.layers
        network = self.window.project.network
        if FACILITY_LAYER_ID in layers:
            layers.remove(FACILITY_LAYER_ID)
        if network.facilities:
            layer = facilities_layer(network, self.options.anonymise)
            layer.visible = self.options.visible
            layers.add(layer)

    def _part_changed(self, name: str, value) -> None:
        if name != PART:
            return
        self._show_layer()
        self.size_ports()

    def lane_flowset(self):
        """The network's cross-border lanes as a flow set (routed as the exposure table)."""
        net = self.window.project.network
        routes = self.exposure.routes if self.exposure is not None else None
        return lane_flowset(net, self.ports(), routes, anonymise=self.options.anonymise)

    def show_lanes(self) -> None:
        """Draw the lanes with the flow layer's painter (in place of the public flows)."""
        self.window.flows.show_od(self.lane_flowset(), self.tr("Company lanes"))

    def size_ports(self) -> None:
        """Port symbols sized by the company's exposure while that option is on; else the
        public theme as the session applied it."""
        from geo.styles.thematic import apply_theme

        theme = self.session.theme
        if theme is None or self.session.layers is None or "ports" not in self.session.layers:
            return
        on = self.options.size_ports_by_exposure and self.exposure is not None
        if on:
            t = exposure_theme(theme, self.exposure)
            if t.settings.port_metric == "none":
                t = replace(t, settings=replace(t.settings, port_metric="trade"))
            apply_theme(self.session.layers, t)
            self._sized = True
        elif getattr(self, "_sized", False):
            apply_theme(self.session.layers, theme)
            self._sized = False
