"""The layer panel: visibility checkboxes, drag-to-reorder, and an opacity slider.

Top of the list = top of the map (drawn last), as in QGIS. The panel only edits the
geo.layers.LayerStack; the canvas listens to the stack's events.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.canvas.legend import symbol_icon_image
from geo.layers import LayerStack


class LayerPanel(QWidget):
    def __init__(self, stack: LayerStack, parent=None):
        super().__init__(parent)
        self.stack = stack
        self.list = QListWidget(self)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setAccessibleName(self.tr("Layers"))
        self.opacity = QSlider(Qt.Horizontal, self)
        self.opacity.setRange(0, 100)
        self.opacity.setAccessibleName(self.tr("Layer opacity"))
        self.opacity_label = QLabel(self.tr("Opacity"), self)
        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        self._syncing = False
        self.refresh()
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.model().rowsMoved.connect(self._rows_moved)
        self.opacity.valueChanged.connect(self._opacity_changed)
        stack.order_changed.connect(self.refresh)
        stack.changed.connect(self._layer_changed)

    def refresh(self) -> None:
        self._syncing = True
        current = self.current_layer_id()
        self.list.clear()
        for layer in reversed(list(self.stack)):
            item = QListWidgetItem(self.tr(layer.title))
            item.setData(Qt.UserRole, layer.id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable | Qt.ItemIsDragEnabled)
            item.setCheckState(Qt.Checked if layer.visible else Qt.Unchecked)
            item.setToolTip(f"{self.tr(layer.description)}\n{self.tr('Source')}: {layer.source}")
            item.setIcon(QIcon(QPixmap.fromImage(symbol_icon_image(layer, 18))))
            self.list.addItem(item)
            if layer.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._syncing = False
        self._current_changed(self.list.currentItem(), None)

    def current_layer_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def item_for(self, layer_id: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == layer_id:
                return self.list.item(i)
        return None

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._syncing:
            self.stack.set_visible(item.data(Qt.UserRole), item.checkState() == Qt.Checked)

    def _current_changed(self, item, _prev) -> None:
        enabled = item is not None
        self.opacity.setEnabled(enabled)
        if enabled:
            self._syncing = True
            self.opacity.setValue(round(self.stack[item.data(Qt.UserRole)].opacity * 100))
            self._syncing = False

    def _opacity_changed(self, value: int) -> None:
        lid = self.current_layer_id()
        if lid and not self._syncing:
            self.stack.set_opacity(lid, value / 100)

    def _rows_moved(self, *_):
        # The list shows top layer first; the stack holds bottom layer first.
        ids = [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]
        for index, lid in enumerate(reversed(ids)):
            if self.stack.ids()[index] != lid:
                self.stack.move(lid, index)

    def _layer_changed(self, layer_id: str) -> None:
        item = self.item_for(layer_id)
        if item is not None:
            self._syncing = True
            item.setCheckState(Qt.Checked if self.stack[layer_id].visible else Qt.Unchecked)
            self._syncing = False
