"""Publication exports: the map on a page of a physical size, as PNG (chosen dpi, written in
the file), SVG or PDF (true vector: every label and text is text, every symbol and flow a
shape), with its furniture laid out around the map by geo.analysis.layout: title,
subtitle, legend frame, scale bar, north arrow, caveats and source line.

One page painter serves all formats; everything is painted in layout units of 1/96 inch
(a QImage with a device pixel ratio of dpi/96, a QPdfWriter or QSvgGenerator at 96 units
per inch), through the screen's renderer (desktop.canvas.map_renderer) with ``vector=True``
for PDF and SVG. Writes are atomic (a temp file beside the target, fsync, rename).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPolygonF

from desktop.base.messages import word
from desktop.canvas.flow_painter import FlowPainter
from desktop.canvas.label_painter import FONT_FAMILIES
from desktop.canvas.legend import legend_size, paint_legend
from desktop.canvas.map_renderer import MapRenderer
from desktop.canvas.symbols import brush, pen
from desktop.canvas.vector_text import label_text
from geo.analysis.layout import (
    UNITS_PER_INCH,
    Page,
    PageLayout,
    ScaleBar,
    caveats,
    default_subtitle,
    default_title,
    layout_page,
    north_angle,
    scale_bar,
    source_line,
)
from geo.core.viewport import Viewport
from geo.layers.content import MapContent

FORMATS = ("png", "svg", "pdf")
#: PNG encoder setting: Qt's quality 85 is zlib compression level 1 ((100 - q) * 9 / 91),
#: the fastest level; maps compress well at it (flat colours)
PNG_QUALITY = 85
PNG_ZLIB_LEVEL = (100 - PNG_QUALITY) * 9 // 91
PAPER = "#ffffff"
INK = "#1f1f1f"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


class ExportCancelled(Exception):
    pass


@dataclass
class ExportOptions:
    page: Page
    title: str | None = None        # None: the default describing the view
    subtitle: str | None = None     # None: the default (what is shaded and sized); "": none
    legend: bool = True
    selection: bool = False         # draw the selected feature's highlight
    bounds: tuple[float, float, float, float] | None = None  # map extent (map metres); None: the view's
    caveats: bool = True
    highlight: tuple[str, str] | None = None  # (layer id, feature id) to mark whatever the selection
    panel: tuple[float, float] | None = None  # reserve the legend's frame for `extra` (the atlas's figures)
    #: painted over the map's labels, each with ``paint(painter, view, label_boxes, vector=)`` and its legend
    #: in the map's corner, ``paint_legend(painter, width, height)`` (the scenario's, when the map shows one)
    overlays: tuple = ()


@dataclass
class PageInfo:
    """What was painted where (layout units), for tests and the atlas."""

    layout: PageLayout
    view: Viewport
    scale: ScaleBar
    north: float
    title: str
    source: str
    notes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    map_ms: float = 0.0


def page_font(pt: float, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(pt)
    f.setBold(bold)
    f.setItalic(italic)
    return no_ligatures(f)


def no_ligatures(f: QFont) -> QFont:
    """Without ligatures, so 'figures' is copied and searched as typed (not with 'ﬁ')."""
    f.setFeature(QFont.Tag("liga"), 0)
    return f


TITLE_FONT, SUB_FONT, NOTE_FONT = (16.0, True), (10.0, False), (7.0, False)


def fitted_font(text: str, spec: tuple[float, bool], width: float, smallest: float = 9.0) -> QFont:
    """The font of ``spec`` (points, bold), smaller if need be for ``text`` to fit ``width``."""
    f = page_font(*spec)
    w = QFontMetricsF(f).horizontalAdvance(text)
    if w > width > 0:
        f.setPointSizeF(max(smallest, spec[0] * width / w * 0.98))
    return f


def session_bounds(content: MapContent, session=None) -> tuple[float, float, float, float]:
    """The map extent the session holds (map metres), else the content's home extent."""
    extent = getattr(getattr(session, "view", None), "extent", None)
    if extent is None:
        return tuple(content.home_bounds)  # type: ignore[return-value]
    from geo.core.projection import to_map

    w, s, e, n = extent
    (x0, x1), (y0, y1) = to_map([w, e], [s, n])
    return float(x0), float(y0), float(x1), float(y1)


def _wrapped_lines(text: str, font: QFont, width: float) -> int:
    if not text:
        return 0
    fm = QFontMetricsF(font)
    h = fm.boundingRect(QRectF(0, 0, width, 10000), Qt.TextWordWrap, text).height()
    return max(1, round(h / fm.lineSpacing()))


def paint_page(painter: QPainter, content: MapContent, session, opts: ExportOptions, *, vector: bool,
               renderer: MapRenderer | None = None, flow_painter: FlowPainter | None = None,
               extra: Callable[[QPainter, PageLayout], None] | None = None,
               legend_box: tuple[float, float] | None = None, check: Callable[[], None] | None = None) -> PageInfo:
    """Paint one page in layout units. ``check()`` is called between steps (raises to cancel)."""
    check = check or (lambda: None)
    renderer = renderer or MapRenderer(content)
    page = opts.page
    title = opts.title if opts.title else word(default_title(session))
    sub_msg = default_subtitle(session) if opts.subtitle is None else None
    subtitle = opts.subtitle if opts.subtitle is not None else (word(sub_msg) if sub_msg else "")
    notes = [word(m) for m in caveats(session)] if opts.caveats else []
    source = word(source_line(content.layers, session))
    fs = getattr(session, "flowset", None) if session is not None else None
    fs = fs if fs is not None and len(fs) and fs.shown.any() else None
    fp = flow_painter or FlowPainter()
    width_guess = page.width - 2 * max(12.0, min(page.width, page.height) * 0.03)
    nf = page_font(*NOTE_FONT)
    note_lines = sum(_wrapped_lines(n, nf, width_guess) for n in notes)
    src_lines = _wrapped_lines(source, nf, width_guess)
    lsize = opts.panel
    if opts.legend and opts.panel is None:
        ls = legend_size(content.layers)
        lw, lh = float(ls.width()), float(ls.height())
        if fs is not None:
            lh += 8 + fp.legend_height(fs, lw)
        lsize = legend_box or (lw, lh)
    lay = layout_page(page, lsize, subtitle=bool(subtitle), note_lines=note_lines, source_lines=src_lines)
    mx, my, mw, mh = lay.map
    view = Viewport.fit(opts.bounds or session_bounds(content, session), int(mw), int(mh), margin=0.0)
    # the frame is the viewport's whole pixels, centred in the map rectangle
    mx, my = mx + (mw - view.width) / 2, my + (mh - view.height) / 2
    map_rect = QRectF(mx, my, view.width, view.height)

    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, page.width, page.height), QColor(PAPER))
    check()
    # --- the map, clipped to its frame ---
    t0 = time.perf_counter()
    painter.save()
    painter.setClipRect(map_rect)
    painter.translate(mx, my)
    renderer.render(painter, view, labels=False, vector=vector)
    check()
    if fs is not None:
        fp.label_obstacles = renderer.label_boxes(view)
        fp.paint(painter, view, fs, opacity=0.8, vector=vector)
    mark = opts.highlight or ((session.selection.layer, session.selection.feature)
                              if opts.selection and session is not None else None)
    hit = content.hit_for(*mark) if mark else None
    if hit is not None:
        renderer.render_overlay(painter, view, None, hit)
    renderer.render_labels(painter, view, vector=vector)
    placed = renderer.labels.last_placed
    for overlay in opts.overlays:
        overlay.paint(painter, view, renderer.label_boxes(view), vector=vector)
        overlay.paint_legend(painter, view.width, view.height)
    painter.restore()
    map_ms = (time.perf_counter() - t0) * 1000
    check()
    painter.setPen(pen("#6b6b6b", 0.75, cosmetic=False))
    painter.setBrush(Qt.NoBrush)
    painter.drawRect(map_rect)
    # --- furniture ---
    painter.setPen(QColor(INK))
    painter.setFont(fitted_font(title, TITLE_FONT, lay.title[2]))
    painter.drawText(QRectF(*lay.title), Qt.AlignLeft | Qt.AlignVCenter, title)
    if subtitle and lay.subtitle:
        painter.setFont(page_font(*SUB_FONT))
        painter.setPen(QColor("#444444"))
        painter.drawText(QRectF(*lay.subtitle), Qt.AlignLeft | Qt.AlignVCenter, subtitle)
    if lay.legend is not None and opts.panel is None:
        lx, ly, lw, lh = lay.legend
        need = lsize[1] if lsize else lh
        k = min(1.0, lh / need) if need > 0 else 1.0  # a legend taller than its frame is drawn smaller
        painter.save()
        painter.setClipRect(QRectF(lx - 1, ly - 1, lw + 2, lh + 2))
        painter.translate(lx, ly)
        painter.scale(k, k)
        lw, lh = lw / k, lh / k
        base_h = float(legend_size(content.layers, lw).height())
        paint_legend(painter, content.layers, QRectF(0, 0, lw, min(base_h, lh)))
        if fs is not None and lh > base_h + 20:
            fp.paint_width_legend(painter, QRectF(0, base_h + 8, lw, lh - base_h - 8), fs)
        painter.restore()
    sb = scale_bar(view.cx, view.cy, view.scale, max_units=max(40.0, min(lay.scale_bar[2] - 50, mw * 0.3)))
    _paint_scale_bar(painter, lay.scale_bar, sb)
    angle = north_angle(view.cx, view.cy)
    _paint_north_arrow(painter, lay.north_arrow, angle)
    painter.setFont(nf)
    painter.setPen(QColor("#444444"))
    if notes:
        painter.drawText(QRectF(*lay.notes), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, "\n".join(notes))
    painter.setPen(QColor("#555555"))
    painter.drawText(QRectF(*lay.source), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, source)
    if extra is not None:
        extra(painter, lay)
    by_id = {lyr.id: lyr for lyr in content.layers.visible_layers()}
    labels = [label_text(p, by_id[p.key[0]]) for p in placed if p.key[0] in by_id]
    return PageInfo(lay, view, sb, angle, title, source, notes, labels, map_ms)


def _paint_scale_bar(p: QPainter, rect, sb: ScaleBar) -> None:
    x, y, w, h = rect
    bar_y, bar_h = y + 6, 5.0
    p.save()
    p.setPen(pen(INK, 0.75, cosmetic=False))
    seg = sb.length / 4
    for k in range(4):
        p.setBrush(brush(INK if k % 2 == 0 else "#ffffff"))
        p.drawRect(QRectF(x + k * seg, bar_y, seg, bar_h))
    p.setFont(page_font(7.5))
    p.setPen(QColor(INK))
    p.drawText(QRectF(x - 20, bar_y + bar_h + 2, 40, 14), Qt.AlignHCenter | Qt.AlignTop, "0")
    p.drawText(QRectF(x + sb.length - 60, bar_y + bar_h + 2, 120, 14), Qt.AlignHCenter | Qt.AlignTop,
               word(sb.label))
    p.restore()


def _paint_north_arrow(p: QPainter, rect, angle: float) -> None:
    x, y, w, h = rect
    c = QPointF(x + w / 2, y + h / 2 + 4)
    r = min(w, h) / 2 - 8
    p.save()
    p.translate(c)
    p.rotate(angle)
    p.setPen(pen(INK, 0.75, cosmetic=False))
    p.setBrush(brush(INK))
    p.drawPolygon(QPolygonF([QPointF(0, -r), QPointF(r * 0.45, r * 0.7), QPointF(0, r * 0.35)]))
    p.setBrush(brush("#ffffff"))
    p.drawPolygon(QPolygonF([QPointF(0, -r), QPointF(-r * 0.45, r * 0.7), QPointF(0, r * 0.35)]))
    p.setFont(page_font(8.0, True))
    p.setPen(QColor(INK))
    p.drawText(QRectF(-10, -r - 14, 20, 13), Qt.AlignCenter, _tr("N"))
    p.restore()


# -- writing -------------------------------------------------------------------------------------
def fsync_replace(tmp: Path, path: Path) -> None:
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    tmp.replace(path)


def format_of(path: Path) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(_tr("Unknown export format {ext}: use .png, .svg or .pdf").format(ext=ext or "?"))
    return ext


def new_pdf_writer(target: str, page: Page, title: str = "") -> QPdfWriter:
    w = QPdfWriter(target)
    w.setResolution(int(UNITS_PER_INCH))
    w.setPageSize(QPageSize(QSizeF(page.width_in, page.height_in), QPageSize.Inch))
    w.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Inch)
    w.setTitle(title)
    w.setCreator("Frontera Atlas")
    return w


def _paint_on(device, content, session, opts, vector, renderer, check) -> PageInfo:
    p = QPainter(device)
    try:
        return paint_page(p, content, session, opts, vector=vector, renderer=renderer, check=check)
    finally:
        p.end()


def export_map(path, content: MapContent, session=None, options: ExportOptions | None = None,
               progress: Callable[[int, int], bool] | None = None, renderer: MapRenderer | None = None) -> PageInfo:
    """Write the page as PNG, SVG or PDF (by the suffix). ``progress(done, total)`` returning
    False cancels (ExportCancelled; nothing is written)."""
    path = Path(path)
    fmt = format_of(path)
    opts = options or ExportOptions(Page(11.0, 8.5, 300))
    steps = [0]

    def check() -> None:
        steps[0] += 1
        if progress is not None and progress(min(steps[0], 5), 6) is False:
            raise ExportCancelled()

    tmp = path.with_name(f".{path.name}.part")
    try:
        if fmt == "png":
            w, h = opts.page.pixels
            img = QImage(w, h, QImage.Format_ARGB32_Premultiplied)
            img.setDevicePixelRatio(w / opts.page.width)
            info = _paint_on(img, content, session, opts, False, renderer, check)
            img = img.convertToFormat(QImage.Format_RGB32)
            dpm = round(opts.page.dpi / 0.0254)
            img.setDotsPerMeterX(dpm)
            img.setDotsPerMeterY(dpm)
            img.setText("Title", info.title)
            img.setText("Software", "Frontera Atlas")
            check()
            if not img.save(str(tmp), "PNG", PNG_QUALITY):
                raise OSError(_tr("Could not write image to {path}").format(path=path))
        elif fmt == "pdf":
            writer = new_pdf_writer(str(tmp), opts.page, opts.title or "")
            info = _paint_on(writer, content, session, opts, True, renderer, check)
        else:
            from PySide6.QtSvg import QSvgGenerator

            gen = QSvgGenerator()
            gen.setFileName(str(tmp))
            gen.setResolution(int(UNITS_PER_INCH))
            gen.setSize(QSize(round(opts.page.width), round(opts.page.height)))
            gen.setViewBox(QRectF(0, 0, opts.page.width, opts.page.height))
            gen.setTitle(opts.title or "Frontera Atlas map")
            gen.setDescription("Made with Frontera Atlas")
            info = _paint_on(gen, content, session, opts, True, renderer, check)
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise OSError(_tr("Could not write {path}").format(path=path))
        fsync_replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(6, 6)
    return info



# -- from the window: a worker with progress and Cancel ----------------------------------------------
def run_with_progress(parent, label: str, fn):
    """Run ``fn(progress)`` in a worker while a progress dialog (shown after 0.5 s) offers
    Cancel; ``progress(done, total)`` returns False once cancelled. Returns fn's result;
    re-raises its exception (ExportCancelled when cancelled)."""
    import threading

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    from desktop.base import workers

    cancelled = threading.Event()
    dlg = QProgressDialog(label, _tr("Cancel"), 0, 100, parent)
    dlg.setWindowModality(Qt.WindowModal)
    dlg.setMinimumDuration(500)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.canceled.connect(cancelled.set)
    loop = QEventLoop()
    out: dict = {}

    def work(report):
        def progress(done: int, total: int) -> bool:
            report(done, total)
            return not cancelled.is_set()
        return fn(progress)

    def on_progress(done: int, total: int) -> None:
        dlg.setMaximum(max(total, 1))
        dlg.setValue(min(done, max(total, 1)))

    def finished(result) -> None:
        out["result"] = result
        loop.quit()

    def failed(exc) -> None:
        out["error"] = exc
        loop.quit()

    workers.start(work, on_finished=finished, on_failed=failed, on_progress=on_progress)
    loop.exec()
    dlg.close()
    dlg.deleteLater()
    if "error" in out:
        raise out["error"]
    return out.get("result")


def export_with_progress(parent, content: MapContent, session, request, bounds, overlays=()) -> Path | None:
    """File → Export…: write the dialog's request (desktop.dialogs.export_dialog.ExportRequest)
    for the map extent ``bounds`` in a worker, with the map's ``overlays`` (ExportOptions.overlays);
    None when cancelled or failed (said in a box)."""
    from PySide6.QtWidgets import QMessageBox

    opts = ExportOptions(request.page, title=request.title, subtitle=request.subtitle,
                         selection=request.selection, bounds=tuple(bounds), overlays=tuple(overlays))
    try:
        run_with_progress(parent, _tr("Exporting {name}…").format(name=request.path.name),
                          lambda progress: export_map(request.path, content, session, opts, progress))
    except ExportCancelled:
        return None
    except (OSError, ValueError) as exc:
        QMessageBox.critical(parent, _tr("Export failed"), str(exc))
        return None
    return request.path
