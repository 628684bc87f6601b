"""Slide decks from bookmarks: one slide per bookmark, as PowerPoint (python-pptx) or a
multi-page PDF (QPdfWriter), offline.

A slide holds the map as a picture at slide resolution (painted by the one map renderer, with
flows, labels and legend; the title is not baked into it), the title, the trade shown and the
key figures as editable text boxes, a chart picture where the bookmark has a drill-down open,
the bookmark's notes as speaker notes (in the PDF: under the figures) and the source line.
What a slide says is the model's (``geo.analysis.deck`` via ``geo.session.bookmarks.slide_for``);
this module only paints and writes. Files are written atomically (temp file beside the target,
fsync, rename).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.base.messages import word
from desktop.canvas.flow_overlay import FlowOverlay
from desktop.canvas.label_painter import FONT_FAMILIES
from desktop.canvas.legend import legend_size, paint_legend
from desktop.canvas.map_renderer import MapRenderer
from desktop.widgets.charts import BarSpec, LineSeries, LineSpec, figure_for
from geo.analysis.deck import Slide
from geo.core.files import atomic_write
from geo.core.projection import to_map
from geo.core.viewport import Viewport
from geo.layers.content import WATER, MapContent
from geo.session.bookmarks import Bookmark, slide_for

FORMATS = ("pptx", "pdf")
#: a 16:9 slide, inches
SLIDE_W, SLIDE_H = 13.333, 7.5
#: where things sit on the slide, inches: (left, top, width, height)
TITLE_BOX = (0.45, 0.3, 12.4, 0.75)
SUBTITLE_BOX = (0.45, 1.0, 12.4, 0.4)
MAP_BOX = (0.45, 1.5, 8.3, 5.45)
FIGURES_BOX = (9.0, 1.5, 3.9, 2.6)
CHART_BOX = (9.0, 4.2, 3.9, 2.75)
SOURCE_BOX = (0.45, 7.0, 12.4, 0.35)
#: pixels per inch of the pictures (slide resolution: sharp on a 1920-pixel-wide projector)
PICTURE_DPI = 150


def _tr(text: str) -> str:
    return QCoreApplication.translate("Deck", text)


class DeckCancelled(Exception):
    """The user cancelled the export (nothing was written)."""


@dataclass
class RenderedSlide:
    slide: Slide
    map_png: bytes
    chart_png: bytes | None


# -- views and pictures ------------------------------------------------------------------------------
def extent_view(extent, home_bounds, width: int, height: int) -> Viewport:
    """The view showing a bookmark's extent (lon/lat; None: the whole map) at this size."""
    if extent is None:
        return Viewport.fit(home_bounds, width, height)
    w, s, e, n = extent
    (x0, x1), (y0, y1) = to_map([w, e], [s, n])
    return Viewport.fit((float(x0), float(y0), float(x1), float(y1)), width, height, margin=0.0)


def map_picture(content: MapContent, view: Viewport, renderer: MapRenderer, overlay=None, dpr: float = 1.0,
                legend: bool = True) -> QImage:
    """The map as the slide shows it: map, flows, labels, legend (no title band: the slide's
    title is a text box)."""
    img = QImage(int(view.width * dpr), int(view.height * dpr), QImage.Format_ARGB32_Premultiplied)
    img.setDevicePixelRatio(dpr)
    img.fill(QColor(WATER))
    p = QPainter(img)
    size = legend_size(content.layers)
    k = min(1.0, 0.6 * view.height / max(size.height(), 1))  # a long legend is drawn smaller, never cut
    legend_rect = QRectF(10, view.height - k * size.height() - 10, k * size.width(), k * size.height())
    reserved = [legend_rect] if legend else []
    boxes = [(r.left(), r.top(), r.right(), r.bottom()) for r in reserved]
    renderer.render(p, view, labels=False)
    p.setRenderHint(QPainter.Antialiasing)
    if overlay is not None and overlay.flowset is not None and len(overlay.flowset):
        overlay.painter.label_obstacles = renderer.label_boxes(view, boxes) + reserved
        overlay.paint(p, view)
    renderer.render_labels(p, view, boxes)
    if legend:
        p.save()
        p.translate(legend_rect.topLeft())
        p.scale(k, k)
        paint_legend(p, content.layers, QRectF(0, 0, size.width(), size.height()))
        p.restore()
    p.end()
    return img


def _png(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "PNG", 80)  # lighter zlib compression: ~1.5× faster, files ~15% larger
    buf.close()
    return bytes(data.data())


def chart_spec(slide: Slide):
    """The slide's chart (None without a drill-down open), worded."""
    source = _tr("Source: {source}")
    if slide.series is not None:
        s = slide.series
        return LineSpec(word(s.title), s.unit, [LineSeries("", list(s.x), list(s.y), list(s.partial))],
                        s.granularity, s.period, source.format(source=s.source.label()))
    if slide.breakdown is not None:
        b = slide.breakdown
        rows = b.rows[:8]
        return BarSpec(word(b.title), b.unit, [r.name for r in rows], [r.value for r in rows],
                       [r.share for r in rows], source=source.format(source=b.source.label()))
    return None


def chart_picture(slide: Slide, box=CHART_BOX, dpi: int = PICTURE_DPI) -> bytes | None:
    spec = chart_spec(slide)
    if spec is None:
        return None
    fig, _ = figure_for(spec, box[2], box[3], dpi)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()


def render_slides(content: MapContent, session, bookmarks: Iterable[Bookmark], *,
                  renderer: MapRenderer | None = None, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> list[RenderedSlide]:
    """Each bookmark applied in turn to ``session`` (whose layers are ``content``'s) and
    painted; the session is put back as it was afterwards."""
    bookmarks = list(bookmarks)
    renderer = renderer or MapRenderer(content)
    before = session.to_dict()
    overlay = FlowOverlay(session)
    w_px, h_px = int(MAP_BOX[2] * PICTURE_DPI), int(MAP_BOX[3] * PICTURE_DPI)
    out: list[RenderedSlide] = []
    try:
        for i, b in enumerate(bookmarks):
            if cancelled is not None and cancelled():
                raise DeckCancelled()
            session.from_dict(b.session)
            slide = slide_for(session.store, b)
            # the map at slide size: drawn at 2/3 of the pixels and a pixel ratio of 1.5, so labels
            # and symbols read at the size they have on screen
            view = extent_view(slide.extent, content.home_bounds, int(w_px / 1.5), int(h_px / 1.5))
            img = map_picture(content, view, renderer, overlay if session.flows.visible else None, dpr=1.5)
            out.append(RenderedSlide(slide, _png(img), chart_picture(slide)))
            if progress is not None:
                progress(i + 1, len(bookmarks))
    finally:
        session.from_dict(before)
        overlay.deleteLater()
    return out


# -- writing ------------------------------------------------------------------------------------------
def _figure_lines(slide: Slide) -> list[tuple[str, str, str]]:
    return [(word(f.label), word(f.text), f.source) for f in slide.figures]


def write_pptx(path: str | Path, slides: list[RenderedSlide]) -> Path:
    """One slide per bookmark; text in text boxes (editable), pictures for map and chart."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    blank = prs.slide_layouts[6]

    def box(sl, rect, text, size, bold=False, color=(0x22, 0x22, 0x22), name=""):
        tb = sl.shapes.add_textbox(*(Inches(v) for v in rect))
        if name:
            tb.name = name
        tf = tb.text_frame
        tf.word_wrap = True
        lines = text if isinstance(text, list) else [text]
        for i, line in enumerate(lines):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            run = para.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = RGBColor(*color)
        return tb

    for r in slides:
        s = r.slide
        sl = prs.slides.add_slide(blank)
        box(sl, TITLE_BOX, s.title, 28, True, name="Title")
        box(sl, SUBTITLE_BOX, word(s.subtitle) + (f" · {s.feature}" if s.feature else ""), 14,
            color=(0x55, 0x55, 0x55), name="Subtitle")
        sl.shapes.add_picture(io.BytesIO(r.map_png), *(Inches(v) for v in MAP_BOX))
        figs = _figure_lines(s)
        tb = sl.shapes.add_textbox(*(Inches(v) for v in FIGURES_BOX))
        tb.name = "Key figures"
        tf = tb.text_frame
        tf.word_wrap = True
        first = True
        for label, text, src in figs:
            para = tf.paragraphs[0] if first else tf.add_paragraph()
            first = False
            a = para.add_run()
            a.text = f"{label}: "
            a.font.size = Pt(12)
            v = para.add_run()
            v.text = text
            v.font.size, v.font.bold = Pt(14), True
            if src:
                sp = tf.add_paragraph().add_run()
                sp.text = src
                sp.font.size = Pt(8)
                sp.font.color.rgb = RGBColor(0x77, 0x77, 0x77)
        if s.note is not None:
            para = tf.paragraphs[0] if first else tf.add_paragraph()
            para.add_run().text = word(s.note)
        if s.sentence is not None and r.chart_png is None:
            box(sl, CHART_BOX, word(s.sentence), 12, color=(0x33, 0x33, 0x33), name="Sentence")
        if r.chart_png is not None:
            sl.shapes.add_picture(io.BytesIO(r.chart_png), *(Inches(v) for v in CHART_BOX))
        box(sl, SOURCE_BOX, word(s.source), 8, color=(0x66, 0x66, 0x66), name="Source")
        if s.notes:
            sl.notes_slide.notes_text_frame.text = s.notes
    return atomic_write(Path(path), lambda tmp: prs.save(str(tmp)))


def write_pdf(path: str | Path, slides: list[RenderedSlide], resolution: int = 300) -> Path:
    """One 16:9 page per bookmark; text as text (searchable, copyable), pictures embedded."""
    def write(tmp: Path) -> None:
        pdf = QPdfWriter(str(tmp))
        pdf.setResolution(resolution)
        pdf.setCreator("Frontera Atlas")
        pdf.setTitle(slides[0].slide.title if slides else "Frontera Atlas")
        pdf.setPageLayout(QPageLayout(QPageSize(QSizeF(SLIDE_W, SLIDE_H), QPageSize.Inch),
                                      QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))  # the size is landscape already
        p = QPainter(pdf)
        try:
            for i, r in enumerate(slides):
                if i:
                    pdf.newPage()
                _paint_pdf_page(p, r, resolution)
        finally:
            p.end()

    return atomic_write(Path(path), write)


def _paint_pdf_page(p: QPainter, r: RenderedSlide, dpi: int) -> None:
    s = r.slide

    def rect(b) -> QRectF:
        return QRectF(b[0] * dpi, b[1] * dpi, b[2] * dpi, b[3] * dpi)

    def font(pt: float, bold: bool = False) -> QFont:
        f = QFont()
        f.setFamilies(FONT_FAMILIES)
        f.setPointSizeF(pt)
        f.setBold(bold)
        return f

    def text(b, t: str, pt: float, bold=False, color="#222222", flags=Qt.AlignLeft | Qt.AlignTop) -> QRectF:
        p.setFont(font(pt, bold))
        p.setPen(QColor(color))
        out = p.boundingRect(rect(b), flags | Qt.TextWordWrap, t)
        p.drawText(rect(b), flags | Qt.TextWordWrap, t)
        return out

    p.fillRect(QRectF(0, 0, SLIDE_W * dpi, SLIDE_H * dpi), QColor("#ffffff"))
    text(TITLE_BOX, s.title, 28, True)
    text(SUBTITLE_BOX, word(s.subtitle) + (f" · {s.feature}" if s.feature else ""), 14, color="#555555")
    p.drawImage(rect(MAP_BOX), QImage.fromData(r.map_png))
    y = FIGURES_BOX[1]
    for label, value, src in _figure_lines(s):
        done = text((FIGURES_BOX[0], y, FIGURES_BOX[2], 0.5), label, 10.5, color="#444444")
        y = done.bottom() / dpi + 0.02
        done = text((FIGURES_BOX[0], y, FIGURES_BOX[2], 0.4), value + (f"   {src}" if src else ""), 13, True)
        y = done.bottom() / dpi + 0.1
    if s.note is not None:
        done = text((FIGURES_BOX[0], y, FIGURES_BOX[2], 1.0), word(s.note), 10, color="#555555")
        y = done.bottom() / dpi + 0.1
    y = max(y, CHART_BOX[1] if r.chart_png is not None else y)
    if r.chart_png is not None:
        chart = (CHART_BOX[0], y, CHART_BOX[2], min(CHART_BOX[3], 6.9 - y - 0.6))
        img = QImage.fromData(r.chart_png)
        if chart[3] > 1.0:
            h = min(chart[3], chart[2] * img.height() / max(img.width(), 1))
            p.drawImage(rect((chart[0], chart[1], chart[2], h)), img)
            y = chart[1] + h + 0.1
    elif s.sentence is not None:
        done = text((FIGURES_BOX[0], y, FIGURES_BOX[2], 6.9 - y), word(s.sentence), 10.5, color="#333333")
        y = done.bottom() / dpi + 0.1
    if s.notes and y < 6.6:
        text((FIGURES_BOX[0], y, FIGURES_BOX[2], 6.9 - y), s.notes, 10, color="#1f3f5a")
    text(SOURCE_BOX, word(s.source), 7.5, color="#666666")


def write_deck(path: str | Path, content: MapContent, session, bookmarks: Iterable[Bookmark], *,
               renderer: MapRenderer | None = None, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> Path:
    """Write the deck as ``.pptx`` or ``.pdf`` (from the suffix)."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(_tr("A deck is saved as .pptx or .pdf, not {suffix}").format(suffix=path.suffix or "?"))
    if not path.parent.is_dir():
        raise OSError(_tr("The folder {folder} does not exist").format(folder=path.parent))
    rendered = render_slides(content, session, bookmarks, renderer=renderer, progress=progress,
                             cancelled=cancelled)
    return write_pptx(path, rendered) if fmt == "pptx" else write_pdf(path, rendered)
