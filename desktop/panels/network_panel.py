"""The company network's exposure table (issue 15): per land port the cross-border value, its
share, the lanes and the facilities behind them, with the model's flags worded above."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.base.messages import word
from geo.core.formatting import format_share, format_usd
from geo.network.exposure import Exposure


class NetworkPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.flags = QLabel(self.tr("No company network imported."), self)
        self.flags.setWordWrap(True)
        lay.addWidget(self.flags)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Port"), self.tr("Value"), self.tr("Share"),
                                              self.tr("Lanes"), self.tr("Facilities")])
        lay.addWidget(self.table)

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
