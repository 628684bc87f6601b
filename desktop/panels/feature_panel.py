"""The side panel showing the selected feature's attributes, with Zoom to."""
from __future__ import annotations

import math
import numbers

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from geo.core.messages import msg
from geo.layers.content import MapContent
from geo.layers.hittest import Hit
from geo.styles.thematic import theme_figure

FIELD_LABELS = {
    "name": "Name", "port_code": "CBP port code", "state": "State", "state_code": "State code",
    "truck_2024": "Incoming trucks, 2024", "first_month": "First month in BTS data",
    "last_month": "Last month in BTS data", "code": "Code", "country": "Country", "area_km2": "Area (km²)",
    "admin1": "State / province", "pop_max": "Population (metro)", "unlocode": "UN/LOCODE", "coast": "Coast",
    "harbor_size_label": "Harbour size (WPI)", "principal": "Principal cargo port", "municipality": "Municipality",
    "n_facilities": "RETC facilities", "n_parks": "Industrial parks", "top_sectors": "Main sectors",
    "cluster": "Cluster", "port_name": "Port of entry",
}


def format_value(value) -> str:
    if value is None or (isinstance(value, numbers.Real) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Real):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return str(value)


class FeaturePanel(QWidget):
    zoomRequested = Signal(object)  # Hit

    def __init__(self, content: MapContent, parent=None, session=None):
        super().__init__(parent)
        self.content = content
        self.session = session
        self.hit: Hit | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.RichText)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.zoom = QPushButton(self.tr("Zoom to feature"), self)
        self.zoom.clicked.connect(lambda: self.hit and self.zoomRequested.emit(self.hit))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.zoom)
        content.selection.changed.connect(self.show_hit)
        if session is not None:  # the figures follow the filter
            session.theme_changed.connect(lambda _t: self.show_hit(self.hit))
        self.show_hit(None)

    def show_hit(self, hit: Hit | None) -> None:
        self.hit = hit
        self.zoom.setEnabled(hit is not None)
        if hit is None:
            self.title.setText(self.tr("<i>Click a port, seaport, industrial zone or state to see its details.</i>"))
            self.table.setRowCount(0)
            return
        layer = self.content.layers[hit.layer_id]
        self.title.setText(f"<b>{layer.feature_name(hit.index)}</b><br/>{self.tr(layer.title)}")
        rows = [(f, v) for f, v in layer.attributes(hit.index) if f in FIELD_LABELS]
        figure = None
        ref = self.content.place_ref(hit)
        if self.session is not None and ref is not None:
            figure = theme_figure(self.session.theme, ref[0], ref[1])
        if figure is not None:
            rows.insert(0, ("theme_figure", word(figure)))
        self.table.setRowCount(len(rows))
        for r, (field, value) in enumerate(rows):
            label = word(msg("figure.label")) if field == "theme_figure" else self.tr(FIELD_LABELS[field])
            self.table.setItem(r, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(format_value(value))
            item.setData(Qt.UserRole, field)
            item.setToolTip(item.text())
            self.table.setItem(r, 1, item)
        self.table.resizeRowsToContents()

    def value_of(self, field: str) -> str | None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 1)
            if item and item.data(Qt.UserRole) == field:
                return item.text()
        return None
