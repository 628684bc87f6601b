"""File → Export…: the publication export's options (format, page size, resolution, title,
subtitle, selection highlight, file). The dialog only asks; desktop.export.publication
paints and writes (in a worker, with progress and Cancel)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from geo.analysis.layout import MAX_DPI, MIN_DPI, PAGE_PRESETS, Page, default_subtitle, default_title, page_for

FORMATS = ("pdf", "svg", "png")


@dataclass
class ExportRequest:
    path: Path
    page: Page
    title: str | None
    subtitle: str | None
    selection: bool


class ExportDialog(QDialog):
    def __init__(self, session=None, start_dir: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Map"))
        self.session = session
        form = QFormLayout()
        self.format = QComboBox(self)
        for key in FORMATS:
            self.format.addItem({"pdf": self.tr("PDF (vector)"), "svg": self.tr("SVG (vector)"),
                                 "png": self.tr("PNG image")}[key], key)
        form.addRow(self.tr("Format:"), self.format)
        self.size = QComboBox(self)
        names = {"slide": self.tr("Slide 16:9 (1920 × 1080 px)"), "letter-landscape": self.tr("Letter, landscape"),
                 "letter-portrait": self.tr("Letter, portrait"), "a4-landscape": self.tr("A4, landscape"),
                 "a4-portrait": self.tr("A4, portrait")}
        for key in PAGE_PRESETS:
            self.size.addItem(names.get(key, key), key)
        self.size.addItem(self.tr("Custom (pixels)"), "custom")
        self.size.setCurrentIndex(self.size.findData("letter-landscape"))
        form.addRow(self.tr("Size:"), self.size)
        custom = QWidget(self)
        row = QHBoxLayout(custom)
        row.setContentsMargins(0, 0, 0, 0)
        self.width_px, self.height_px = QSpinBox(self), QSpinBox(self)
        for box, v in ((self.width_px, 2400), (self.height_px, 1600)):
            box.setRange(100, 30000)
            box.setValue(v)
            box.setSuffix(self.tr(" px"))
        row.addWidget(self.width_px)
        row.addWidget(QLabel("×", self))
        row.addWidget(self.height_px)
        form.addRow(self.tr("Custom size:"), custom)
        self.dpi = QSpinBox(self)
        self.dpi.setRange(MIN_DPI, MAX_DPI)
        self.dpi.setValue(300)
        self.dpi.setSuffix(self.tr(" dpi"))
        form.addRow(self.tr("Resolution:"), self.dpi)
        self.title = QLineEdit(self)
        self.title.setText(word(default_title(session)))
        form.addRow(self.tr("Title:"), self.title)
        sub = default_subtitle(session)
        self.subtitle = QLineEdit(self)
        self.subtitle.setText(word(sub) if sub else "")
        form.addRow(self.tr("Subtitle:"), self.subtitle)
        self.selection = QCheckBox(self.tr("Highlight the selected feature"), self)
        sel = getattr(session, "selection", None)
        self.selection.setEnabled(bool(sel is not None and sel.feature))
        form.addRow("", self.selection)
        file_row = QWidget(self)
        fr = QHBoxLayout(file_row)
        fr.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit(str(Path(start_dir or Path.home()) / "frontera-map.pdf"), self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        fr.addWidget(self.path, 1)
        fr.addWidget(browse)
        form.addRow(self.tr("File:"), file_row)
        self.pixels = QLabel(self)
        form.addRow(self.tr("Output:"), self.pixels)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(buttons)
        for sig in (self.format.currentIndexChanged, self.size.currentIndexChanged, self.dpi.valueChanged,
                    self.width_px.valueChanged, self.height_px.valueChanged):
            sig.connect(self._update)
        self._update()

    def _update(self, *_args) -> None:
        fmt = self.format.currentData()
        custom = self.size.currentData() == "custom"
        self.width_px.setEnabled(custom)
        self.height_px.setEnabled(custom)
        self.dpi.setEnabled(True)
        p = Path(self.path.text())
        if p.suffix.lower() != f".{fmt}":
            self.path.setText(str(p.with_suffix(f".{fmt}")))
        page = self.page()
        if fmt == "png":
            w, h = page.pixels
            self.pixels.setText(self.tr("{w} × {h} pixels at {dpi} dpi").format(w=w, h=h, dpi=page.dpi))
        else:
            self.pixels.setText(self.tr("{w:.2f} × {h:.2f} in, vector").format(w=page.width_in, h=page.height_in))

    def page(self) -> Page:
        key = self.size.currentData()
        if key == "custom":
            return page_for(f"{self.width_px.value()}x{self.height_px.value()}", self.dpi.value())
        return page_for(key, self.dpi.value())

    def _browse(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Map"), self.path.text(),
                                              self.tr("{fmt} files (*.{ext})").format(fmt=fmt.upper(), ext=fmt))
        if path:
            self.path.setText(path)
            self._update()

    def request(self) -> ExportRequest:
        return ExportRequest(Path(self.path.text()).expanduser(), self.page(), self.title.text().strip() or None,
                             self.subtitle.text(), self.selection.isChecked() and self.selection.isEnabled())
