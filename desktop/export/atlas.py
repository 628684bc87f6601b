"""The print atlas, as QGIS's: one PDF page per port or state (a chosen list or the top N),
each the map zoomed to the feature (marked), its drill-down key figures and sentence
(geo.analysis.profile) and one chart, with the page furniture of a map export (title, scale
bar, north arrow, caveats, source line). Everything is vector: the map through the one
renderer with ``vector=True``, the chart as matplotlib SVG drawn by QtSvg, so names and
figures are text in the PDF. Written atomically (temp file, fsync, rename)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtSvg import QSvgRenderer

from desktop.base.messages import word
from desktop.canvas.map_renderer import MapRenderer
from desktop.export.publication import (
    ExportCancelled,
    ExportOptions,
    PageInfo,
    fsync_replace,
    new_pdf_writer,
    page_font,
    paint_page,
)
from desktop.widgets.charts import BarSpec, LineSeries, LineSpec, figure_for
from geo.analysis.atlas import AtlasError, atlas_page
from geo.analysis.layout import Page
from geo.analysis.profile import Profile, build_profile
from geo.styles.thematic import scope_message

PANEL_W = 330.0   # layout units: the figures-and-chart column beside the map


def _tr(text: str) -> str:
    return QCoreApplication.translate("Atlas", text)


@dataclass
class AtlasResult:
    pages: list[PageInfo]
    names: list[str]
    skipped: list[tuple[str, str]]   # (id, why)


def chart_spec(prof: Profile):
    """The page's one chart: the monthly (else annual) trade series, else the first held
    breakdown; None when the profile has neither."""
    src = _tr("Source: {source}")
    for key in ("trade_monthly", "trade_annual"):
        s = prof.get_series(key)
        if s is not None and s.held and len(s.x) > 1:
            return LineSpec(word(s.title), s.unit, [LineSeries("", list(s.x), list(s.y), list(s.partial))],
                            s.granularity, s.period, src.format(source=s.source.label()))
    for b in prof.breakdowns:
        if b.held and b.rows:
            rows = b.rows[:8]
            return BarSpec(word(b.title), b.unit, [r.name for r in rows], [r.value for r in rows],
                           [r.share for r in rows], source=src.format(source=b.source.label()))
    return None


def chart_svg(spec, width_in: float, height_in: float) -> bytes:
    """The chart as SVG with its text kept as text."""
    import matplotlib

    fig, _ = figure_for(spec, width_in, height_in, 100.0)
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(out, format="svg", facecolor="white")
    return out.getvalue()


def paint_panel(p: QPainter, rect, prof: Profile) -> None:
    """Key figures, the sentence and the chart in ``rect`` (layout units)."""
    x, y, w, h = rect
    p.save()
    p.setPen(QColor("#b0a899"))
    p.setBrush(QColor("#fffdf8"))
    p.drawRoundedRect(QRectF(x, y, w, h), 4, 4)
    x, w = x + 10, w - 20
    y += 8
    bold, body, small = page_font(9.0, True), page_font(8.5), page_font(7.5)
    fm = QFontMetricsF(body)
    p.setFont(bold)
    p.setPen(QColor("#222222"))
    p.drawText(QRectF(x, y, w, 16), Qt.AlignLeft | Qt.AlignVCenter, _tr("Key figures"))
    y += 20
    for fig in prof.figures[:8]:
        if fig.value is None and fig.unit != "text":
            continue
        label = word(fig.label) + (f" ({fig.owner})" if fig.owner else "")
        p.setFont(body)
        p.setPen(QColor("#444444"))
        p.drawText(QRectF(x, y, w * 0.62, fm.height()), Qt.AlignLeft | Qt.AlignVCenter, label)
        p.setFont(page_font(8.5, True))
        p.setPen(QColor("#1f1f1f"))
        p.drawText(QRectF(x + w * 0.62, y, w * 0.38, fm.height()), Qt.AlignRight | Qt.AlignVCenter,
                   word(fig.display))
        y += fm.height() + 2
    if prof.sentence is not None:
        y += 6
        p.setFont(body)
        p.setPen(QColor("#222222"))
        text = word(prof.sentence)
        br = QFontMetricsF(body).boundingRect(QRectF(x, y, w, 400), Qt.TextWordWrap, text)
        p.drawText(QRectF(x, y, w, br.height() + 2), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap, text)
        y += br.height() + 8
    spec = chart_spec(prof)
    bottom = rect[1] + rect[3] - 8
    if spec is not None and bottom - y > 80:
        ch = min(bottom - y, 260.0)
        svg = QSvgRenderer(QByteArray(chart_svg(spec, w / 96.0, ch / 96.0)))
        if svg.isValid():
            svg.render(p, QRectF(x, y, w, ch))
    elif spec is None:
        p.setFont(small)
        p.setPen(QColor("#666666"))
        p.drawText(QRectF(x, y, w, 30), Qt.AlignLeft | Qt.TextWordWrap, _tr("No trade series held for this period."))
    p.restore()


def export_atlas(path, content, session, kind: str, ids: list[str], page: Page | None = None,
                 progress: Callable[[int, int], bool] | None = None) -> AtlasResult:
    """One page per feature id of ``kind`` (port, us-state, mx-state) in one PDF at ``path``.
    The session gives the filter, the style and the store. ``progress(done, total)``
    returning False cancels (ExportCancelled; nothing is written)."""
    path = Path(path)
    page = page or Page(11.0, 8.5, 300)
    store = session.store
    f = session.effective_filter
    renderer = MapRenderer(content)
    tmp = path.with_name(f".{path.name}.part")
    result = AtlasResult([], [], [])
    writer = new_pdf_writer(str(tmp), page, _tr("Frontera Atlas"))
    p = QPainter()
    try:
        if not p.begin(writer):
            raise OSError(_tr("Could not write {path}").format(path=path))
        first = True
        subtitle = word(scope_message(f))
        for n, fid in enumerate(ids):
            if progress is not None and progress(n, len(ids)) is False:
                raise ExportCancelled()
            try:
                ap = atlas_page(content.layers, kind, fid)
            except AtlasError as exc:
                result.skipped.append((fid, str(exc)))
                continue
            prof = build_profile(store, (kind, fid), f)
            if not first:
                writer.newPage()
            first = False
            kind_label = word(prof.kind_label)
            opts = ExportOptions(page, title=f"{prof.name} — {kind_label}", subtitle=subtitle, legend=False,
                                 bounds=ap.bounds, highlight=ap.highlight, panel=(PANEL_W, 10_000.0))
            info = paint_page(p, content, session, opts, vector=True, renderer=renderer,
                              extra=lambda painter, lay, prof=prof: paint_panel(painter, lay.legend, prof))
            result.pages.append(info)
            result.names.append(prof.name)
        if not result.pages:
            raise AtlasError(_tr("None of the features is on the map: {ids}").format(ids=", ".join(ids)))
        p.end()
        fsync_replace(tmp, path)
    except BaseException:
        if p.isActive():
            p.end()
        tmp.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(len(ids), len(ids))
    return result
