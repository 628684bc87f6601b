"""The Trade flows panel: show/hide, top-N, minimum value, colour, value labels, what is
hidden, the width legend, and opening a user's own origin–destination table."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from desktop.canvas.flow_overlay import FlowOverlay


class WidthLegend(QWidget):
    """The proportional line scale of the flows, with units and period."""

    def __init__(self, overlay: FlowOverlay, parent=None):
        super().__init__(parent)
        self.overlay = overlay
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        overlay.changed.connect(self._relayout)

    def _relayout(self):
        self.setFixedHeight(int(self.sizeHint().height()))
        self.update()

    def sizeHint(self) -> QSize:
        fs = self.overlay.flowset
        h = self.overlay.painter.legend_height(fs, max(self.width(), 200)) if fs is not None and len(fs) else 0
        return QSize(240, int(h))

    def paintEvent(self, _e):
        fs = self.overlay.flowset
        if fs is None or not len(fs):
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        self.overlay.painter.paint_width_legend(p, QRectF(self.rect()), fs)
        p.end()


class FlowPanel(QWidget):
    def __init__(self, overlay: FlowOverlay, parent=None):
        super().__init__(parent)
        self.overlay = overlay
        opts = overlay.model.options
        self.show_box = QCheckBox(self.tr("Show trade flows"), self)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self.back_to_bts = QPushButton(self.tr("Back to BTS flows"), self)
        self.top_n = QSpinBox(self)
        self.top_n.setRange(5, 5000)
        self.top_n.setValue(opts.top_n)
        self.top_n.setToolTip(self.tr("Draw only the N largest flows"))
        self.min_value = QDoubleSpinBox(self)
        self.min_value.setRange(0, 1e6)
        self.min_value.setDecimals(1)
        self.min_value.setSuffix(self.tr(" US$ M"))
        self.min_value.setValue(opts.min_value / 1e6)
        self.min_value.setToolTip(self.tr("Hide flows smaller than this value"))
        self.colour_by = QComboBox(self)
        self.colour_by.addItem(self.tr("Mode of transport"), "mode")
        self.colour_by.addItem(self.tr("Direction"), "direction")
        self.colour_by.setCurrentIndex(max(0, self.colour_by.findData(opts.colour_by)))
        self.labels = QSpinBox(self)
        self.labels.setRange(0, 30)
        self.labels.setValue(opts.show_labels_top_k)
        self.labels.setToolTip(self.tr("Value labels on the largest flows"))
        form = QFormLayout()
        form.addRow(self.tr("Largest flows"), self.top_n)
        form.addRow(self.tr("Minimum value"), self.min_value)
        form.addRow(self.tr("Colour by"), self.colour_by)
        form.addRow(self.tr("Value labels"), self.labels)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #555;")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b5200;")
        self.legend = WidthLegend(overlay, self)
        self.open_od = QPushButton(self.tr("Open Your Own Flow Table (CSV)…"), self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.show_box)
        lay.addWidget(self.source)
        lay.addWidget(self.back_to_bts)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(self.note)
        lay.addWidget(self.legend)
        lay.addWidget(self.open_od)
        lay.addStretch(1)

        self.top_n.valueChanged.connect(lambda v: overlay.set_options(top_n=int(v)))
        self.min_value.valueChanged.connect(lambda v: overlay.set_options(min_value=float(v) * 1e6))
        self.colour_by.currentIndexChanged.connect(
            lambda _i: overlay.set_options(colour_by=self.colour_by.currentData()))
        self.labels.valueChanged.connect(lambda v: overlay.set_options(show_labels_top_k=int(v)))
        overlay.changed.connect(self.refresh)
        overlay.noteChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_):
        ov = self.overlay
        self.show_box.blockSignals(True)
        self.show_box.setChecked(ov.visible)
        self.show_box.blockSignals(False)
        if ov.source == "od":
            self.source.setText(self.tr("Showing your flow table: <b>{name}</b>").format(name=ov.od_name))
        else:
            self.source.setText(self.tr("BTS TransBorder flows (DOT1), following the filters above."))
        self.back_to_bts.setVisible(ov.source == "od")
        fs = ov.flowset
        if fs is not None and len(fs):
            shown = len(fs.shown_index)
            text = self.tr("{shown:,} of {total:,} flows drawn.").format(shown=shown, total=len(fs))
            rem = "; ".join(word(m) for m in fs.remainder.messages())
            self.summary.setText(text + (" " + rem + "." if rem else ""))
        else:
            self.summary.setText("")
        self.note.setText(ov.note if ov.visible else "")
        self.note.setVisible(bool(ov.note) and ov.visible)
        self.legend._relayout()
