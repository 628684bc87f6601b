"""Map images for reports: the map through the screen's renderer, plus title, legend,
scale note and attribution. `frontera render` and File → Export map image use this."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from desktop.canvas.label_painter import FONT_FAMILIES
from desktop.canvas.legend import legend_size, paint_legend
from desktop.canvas.map_renderer import MapRenderer
from desktop.canvas.symbols import brush, pen
from geo.core.viewport import Viewport
from geo.data.bundled import ATTRIBUTION
from geo.layers.content import WATER, MapContent


def _tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def default_title() -> str:
    return _tr("US–Mexico border: land ports of entry, seaports and industrial zones")


def compose_map_image(content: MapContent, view: Viewport, renderer: MapRenderer | None = None,
                      title: str | None = None, legend: bool = True, dpr: float = 1.0,
                      caption: str | None = None, overlay=None) -> QImage:
    """The map as a report image. `overlay` (a FlowOverlay) draws flows over the map with
    their width legend; `caption` (a month) is printed large at the top right."""
    renderer = renderer or MapRenderer(content)
    img = QImage(int(view.width * dpr), int(view.height * dpr), QImage.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(QColor(WATER))
    p = QPainter(img)
    band = QRectF(0, 0, view.width, 34)
    strip = QRectF(0, view.height - 18, view.width, 18)
    size = legend_size(content.layers)
    legend_rect = QRectF(12, view.height - size.height() - 30, size.width(), size.height())
    reserved = [band, strip] + ([legend_rect] if legend else [])
    boxes = [(r.left(), r.top(), r.right(), r.bottom()) for r in reserved]
    renderer.render(p, view, labels=False)
    p.setRenderHint(QPainter.Antialiasing)
    flows = overlay is not None and overlay.flowset is not None and len(overlay.flowset)
    if flows:
        overlay.painter.label_obstacles = renderer.label_boxes(view, boxes) + reserved
        overlay.paint(p, view)
    renderer.render_labels(p, view, boxes)
    if flows:
        fs = overlay.flowset
        h = overlay.painter.legend_height(fs, 250)
        box = QRectF(view.width - 262, 44, 250, h + 12)
        p.setPen(pen("#b0a899", 1.0))
        p.setBrush(brush("#fffdf8f0"))
        p.drawRoundedRect(box, 4, 4)
        overlay.painter.paint_width_legend(p, box.adjusted(6, 6, -6, -6), fs)
    p.setRenderHint(QPainter.TextAntialiasing)
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    # Title band
    f.setPointSizeF(12.5)
    f.setBold(True)
    p.setFont(f)
    p.fillRect(band, QColor(255, 253, 248, 225))
    p.setPen(QColor("#1f1f1f"))
    p.drawText(band.adjusted(14, 0, -14, 0), Qt.AlignLeft | Qt.AlignVCenter, title or default_title())
    if legend:
        paint_legend(p, content.layers, legend_rect)
    if caption:
        f.setPointSizeF(22)
        f.setBold(True)
        p.setFont(f)
        p.setPen(QColor(40, 40, 40, 200))
        p.drawText(QRectF(0, 0, view.width - 16, 34), Qt.AlignRight | Qt.AlignVCenter, caption)
        f.setBold(False)
    # Attribution line
    f.setPointSizeF(7.0)
    f.setBold(False)
    p.setFont(f)
    note = _tr(ATTRIBUTION)
    p.fillRect(strip, QColor(255, 253, 248, 200))
    p.setPen(QColor("#555555"))
    p.drawText(strip.adjusted(10, 0, -10, 0), Qt.AlignRight | Qt.AlignVCenter, note)
    p.end()
    return img


def save_image(img: QImage, path: Path) -> None:
    """Write atomically: a temp file beside the target, then rename."""
    path = Path(path)
    fmt = (path.suffix.lstrip(".") or "png").upper()
    tmp = path.with_name(f".{path.name}.part")
    if not img.save(str(tmp), fmt):
        tmp.unlink(missing_ok=True)
        raise OSError(_tr("Could not write image to {path}").format(path=path))
    tmp.replace(path)
