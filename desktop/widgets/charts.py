"""Charts drawn with matplotlib, the same way on screen and headless to PNG, SVG and PDF.

Model-free and Qt-free: a chart is a plain spec (:class:`BarSpec`, :class:`LineSpec`,
:class:`CompareSpec`, worded titles and numbers already) and :func:`figure_for` draws it on a
fresh :class:`matplotlib.figure.Figure` (no pyplot, no global state, so worker threads can
draw at once). The panel shows :func:`render` output (an RGBA image plus the pixel boxes of
the clickable elements); exports and the command line call :func:`save_chart`.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from geo.core.formatting import format_count, format_usd

if TYPE_CHECKING:  # matplotlib loads on the first chart (0.7 s), not at the app's start
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")
INK = "#2b2b2b"
MUTED = "#6f6a62"
GRID = "#e4e0d8"
BAR = "#3f6e8c"
BAR_OTHER = "#b7c4cc"
BAND = "#f1e3c4"
PALETTE = ("#3f6e8c", "#b8321f", "#6b8f3a", "#8a4fa8", "#c07a14", "#2f8f8a", "#7d6b5a", "#c04f7a")
FONT = "DejaVu Sans"


@dataclass
class BarSpec:
    """Horizontal bars, largest first. ``keys``: what a click on each bar means (None: not
    clickable). ``empty``: the sentence shown instead of bars when the data is not held;
    ``offer`` and ``offer_key``: the nearest period held, clickable."""

    title: str
    unit: str                      # usd | count | km | text
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    shares: list[float | None] = field(default_factory=list)
    keys: list[Any] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    muted: list[bool] = field(default_factory=list)
    source: str = ""
    note: str = ""
    empty: str = ""
    offer: str = ""
    offer_key: Any = None


@dataclass
class LineSeries:
    label: str
    x: list[int]                   # YYYYMM months or years
    y: list[float]
    hollow: list[bool] = field(default_factory=list)


@dataclass
class LineSpec:
    """Lines over time; months are drawn with gaps where a month is missing; ``band`` shades
    the filter's period; ``keys``: years clickable (annual charts)."""

    title: str
    unit: str
    series: list[LineSeries] = field(default_factory=list)
    granularity: str = "month"     # month | year
    band: tuple[int, int] | None = None
    source: str = ""
    note: str = ""
    empty: str = ""
    offer: str = ""
    offer_key: Any = None
    clickable_years: bool = False


@dataclass
class CompareSpec:
    """Small multiples side by side with one shared value axis (the same units)."""

    title: str
    unit: str
    panels: list[tuple[str, list[str], list[float]]] = field(default_factory=list)
    source: str = ""
    note: str = ""


Spec = BarSpec | LineSpec | CompareSpec


@dataclass
class Rendered:
    """An RGBA image (``width`` x ``height`` device pixels) and the clickable boxes in logical
    pixels from the top left: ``(x0, y0, x1, y1, key)``."""

    rgba: bytes
    width: int
    height: int
    dpr: float
    hits: list[tuple[float, float, float, float, Any]]

    def hit(self, x: float, y: float) -> Any:
        for x0, y0, x1, y1, key in self.hits:
            if x0 <= x <= x1 and y0 <= y <= y1:
                return key
        return None


def fmt_value(v: float | None, unit: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if unit == "usd":
        return format_usd(v)
    if unit == "count":
        return format_count(v)
    if unit == "km":
        return f"{v:,.0f} km"
    return f"{v:,.0f}"


def _tick_formatter(unit: str):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: fmt_value(v, unit) if v else "0")


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip(" ,;") + "…"


def _decimal(x: int, granularity: str) -> float:
    if granularity == "month":
        return x // 100 + (x % 100 - 0.5) / 12
    return x + 0.5


def _style_axes(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#b9b2a6")
    ax.tick_params(colors=MUTED, labelsize=7.5, length=2.5)


def _fit(fig: Figure, text: str, size: float, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis to fit the figure's width (measured, so capitals and
    wide glyphs never run past the edge)."""
    from matplotlib.font_manager import FontProperties

    text = " ".join(str(text).split())
    room = fig.get_figwidth() * fig.dpi * 0.975
    renderer = fig.canvas.get_renderer()
    prop = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")

    def width(t: str) -> float:
        return renderer.get_text_width_height_descent(t, prop, ismath=False)[0]

    if width(text) <= room:
        return text
    lo, hi = 1, len(text)                 # the longest prefix (+ ellipsis) that fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if width(_short(text, mid)) <= room:
            lo = mid
        else:
            hi = mid - 1
    return _short(text, lo)


def _header(fig: Figure, spec, top: float) -> None:
    title = _fit(fig, spec.title, 9.5, bold=True)
    fig.text(0.012, top, title, ha="left", va="top", fontsize=9.5, fontweight="bold", color=INK, family=FONT)


def _footer(fig: Figure, spec) -> None:
    lines = [t for t in (getattr(spec, "note", ""), getattr(spec, "source", "")) if t]
    if lines:
        fig.text(0.012, 0.012, "\n".join(_fit(fig, t, 6.8) for t in lines), ha="left", va="bottom", fontsize=6.8,
                 color=MUTED, family=FONT, linespacing=1.3)


def _empty(fig: Figure, spec, hits_out: list) -> None:
    fig.text(0.5, 0.55, spec.empty, ha="center", va="center", fontsize=8.5, color=MUTED, family=FONT, wrap=True)
    if spec.offer:
        t = fig.text(0.5, 0.36, spec.offer, ha="center", va="center", fontsize=8.5, color="#1d5c96", family=FONT,
                     bbox=dict(boxstyle="round,pad=0.4", fc="#e8f0f7", ec="#9bb8d3", lw=0.8))
        hits_out.append((t, spec.offer_key))


def figure_for(spec: Spec, width: float = 6.4, height: float | None = None, dpi: float = 100.0, *,
               reuse: bool = False) -> tuple[Figure, list]:
    """A new Figure drawing ``spec`` (inches, dpi) and its clickable artists ``[(artist, key)]``.
    ``reuse``: a time series may draw on this thread's last time-series Figure of the same
    size, emptied (:func:`render`: an Axes and its ticks cost as much as the drawing)."""
    if height is None:
        height = default_height(spec, width)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    key = (width, height, dpi)
    kept = getattr(_KEPT, "line", None) if reuse and isinstance(spec, LineSpec) and _has_lines(spec) else None
    if kept is not None and kept[0] == key:
        fig = kept[1]
        for t in list(fig.texts):
            t.remove()
    else:
        fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        if reuse and isinstance(spec, LineSpec) and _has_lines(spec):
            _KEPT.line = (key, fig)
    clickable: list = []
    h_in = height
    _header(fig, spec, 1 - 0.1 / h_in)
    foot_lines = sum(1 for t in (getattr(spec, "note", ""), getattr(spec, "source", "")) if t)
    bottom_in = 0.12 + 0.13 * foot_lines
    if isinstance(spec, BarSpec):
        _bars(fig, spec, width, h_in, bottom_in, clickable)
    elif isinstance(spec, LineSpec):
        _lines(fig, spec, width, h_in, bottom_in, clickable)
    else:
        _compare(fig, spec, width, h_in, bottom_in)
    _footer(fig, spec)
    return fig, clickable


def default_height(spec: Spec, width: float = 6.4) -> float:
    if isinstance(spec, BarSpec):
        n = len(spec.values) if spec.values and not spec.empty else 3
        return max(1.7, 0.62 + 0.2 * n + 0.13 * sum(1 for t in (spec.note, spec.source) if t))
    if isinstance(spec, CompareSpec):
        n = max((len(p[1]) for p in spec.panels), default=3)
        return max(2.0, 0.9 + 0.22 * n)
    return max(1.9, width * 0.36)


def height_px(spec: Spec, width_px: int) -> int:
    """The height (logical pixels) :func:`render` gives ``spec`` at ``width_px`` by default:
    known before drawing, so a panel can keep the chart's place while it draws."""
    return int(round(default_height(spec, max(2.0, width_px / 100.0)) * 100.0))


@lru_cache(maxsize=4096)
def text_width_in(text: str, size: float) -> float:
    """The width of ``text`` in inches at ``size`` points (font metrics, no drawing)."""
    from matplotlib.font_manager import FontProperties

    w, _h, _d = _text_to_path().get_text_width_height_descent(text, FontProperties(family=FONT, size=size), False)
    return w / 72.0


@lru_cache(maxsize=1)
def _text_to_path():
    from matplotlib.textpath import TextToPath

    return TextToPath()


def _bars(fig: Figure, spec: BarSpec, w_in: float, h_in: float, bottom_in: float, clickable: list) -> None:
    """Bars with their labels and values as text, drawn on the figure itself: no Axes (its
    ticks and spines, all hidden here, were half the drawing time) but the same geometry, the
    transform an Axes over ``(0, -0.6)-(top, n - 0.4)`` in that box would have."""
    if spec.empty or not spec.values:
        _empty(fig, spec if spec.empty else _with_empty(spec), clickable)
        return
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import (
        Bbox,
        BboxTransformFrom,
        BboxTransformTo,
        TransformedBbox,
        blended_transform_factory,
    )

    max_chars = max(18, min(32, int(w_in * 6)))
    labels = [_short(x, max_chars) for x in spec.labels]
    label_w = min(w_in * 0.5, max(text_width_in(x, 7.5) for x in labels) + 0.12)
    texts = [_bar_text(spec, i) for i in range(len(spec.values))]
    value_w = max(text_width_in(t, 7.0) for t in texts) + 0.1
    left = label_w / w_in
    right = 1 - min(w_in * 0.35, value_w) / w_in - 0.01
    n = len(spec.values)
    ys = list(range(n))[::-1]
    colours = [BAR_OTHER if spec.muted and i < len(spec.muted) and spec.muted[i] else BAR for i in range(n)]
    vals = [max(0.0, float(v)) for v in spec.values]
    top = max(vals) if vals else 1.0
    box = TransformedBbox(Bbox.from_bounds(left, (bottom_in + 0.04) / h_in, max(0.05, right - left),
                                           1 - (0.36 + bottom_in) / h_in), fig.transFigure)
    to_box = BboxTransformTo(box)                                                    # "axes" fraction
    data = BboxTransformFrom(Bbox([[0, -0.6], [top if top > 0 else 1, n - 0.4]])) + to_box
    bars = []
    for y, v, colour in zip(ys, vals, colours):
        bar = Rectangle((0, y - 0.34), v, 0.68, facecolor=colour, transform=data)
        bar.set_clip_box(box)
        fig.add_artist(bar)
        bars.append(bar)
    axis = Line2D([0, 0], [0, 1], color="#b9b2a6", lw=0.8, transform=blended_transform_factory(data, to_box))
    axis.set_clip_box(box)
    fig.add_artist(axis)
    left_of_axis = blended_transform_factory(to_box, data)
    for i, (v, y) in enumerate(zip(vals, ys)):
        fig.text(-0.012, y, labels[i], transform=left_of_axis, ha="right", va="center", fontsize=7.5, color=INK,
                 family=FONT)
        fig.text(v, y, " " + texts[i], transform=data, va="center", ha="left", fontsize=7, color=INK, family=FONT)
        if spec.keys and i < len(spec.keys) and spec.keys[i] is not None:
            clickable.append((bars[i], spec.keys[i], box, i))


def _bar_text(spec: BarSpec, i: int) -> str:
    v = spec.values[i]
    share = spec.shares[i] if spec.shares and i < len(spec.shares) else None
    detail = spec.details[i] if spec.details and i < len(spec.details) else ""
    if spec.unit == "text":
        return detail
    text = fmt_value(v, spec.unit)
    if share is not None:
        text += f" · {_pct(share)}"
    elif detail and detail != "other":
        text += f" · {detail}"
    return text


def _with_empty(spec: BarSpec) -> BarSpec:
    spec.empty = spec.empty or "—"
    return spec


def _pct(share: float) -> str:
    p = share * 100
    if p == 0:
        return "0%"
    if p < 0.1:
        return "<0.1%"
    return f"{p:.1f}%" if p < 10 else f"{p:.0f}%"


#: per thread, the last time-series Figure drawn on screen, kept to draw the next on (``figure_for``)
_KEPT = threading.local()


def _has_lines(spec: LineSpec) -> bool:
    return not spec.empty and any(s.x for s in spec.series)


def _line_axes(fig: Figure, rect: tuple[float, float, float, float]):
    """The figure's Axes emptied, as new (a kept figure), or a new one."""
    if not fig.axes:
        return fig.add_axes(rect)
    ax = fig.axes[0]
    for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts]:
        artist.remove()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    ax.set_position(rect)
    ax.relim()
    ax.set_autoscale_on(True)
    return ax


def _lines(fig: Figure, spec: LineSpec, w_in: float, h_in: float, bottom_in: float, clickable: list) -> None:
    if not _has_lines(spec):
        if not spec.empty:
            spec.empty = "—"
        _empty(fig, spec, clickable)
        return
    left = 0.62 / w_in
    ax = _line_axes(fig, (left, (bottom_in + 0.2) / h_in, 1 - left - 0.2 / w_in, 1 - (0.5 + bottom_in) / h_in))
    _style_axes(ax)
    ax.yaxis.set_major_formatter(_tick_formatter(spec.unit))
    ax.yaxis.grid(True, color=GRID, lw=0.6)
    ax.set_axisbelow(True)
    xs_all: list[float] = []
    for i, s in enumerate(spec.series):
        colour = PALETTE[i % len(PALETTE)]
        xs = [_decimal(x, spec.granularity) for x in s.x]
        xs_all += xs
        if spec.granularity == "month":
            px: list[float] = []
            py: list[float] = []
            prev = None
            for x, xd, y in zip(s.x, xs, s.y):
                if prev is not None and (x // 100 * 12 + x % 100) - (prev // 100 * 12 + prev % 100) > 1:
                    px.append(float("nan"))
                    py.append(float("nan"))
                px.append(xd)
                py.append(y)
                prev = x
            ax.plot(px, py, color=colour, lw=1.3, label=s.label)
            single = [j for j in range(len(s.x)) if (j == 0 or _gap(s.x[j - 1], s.x[j])) and
                      (j == len(s.x) - 1 or _gap(s.x[j], s.x[j + 1]))]
            if single:
                ax.plot([xs[j] for j in single], [s.y[j] for j in single], "o", ms=3, color=colour)
        else:
            ax.plot(xs, s.y, color=colour, lw=1.3, label=s.label)
            hollow = s.hollow or [False] * len(xs)
            for x, y, h, year in zip(xs, s.y, hollow, s.x):
                dot = ax.plot([x], [y], "o", ms=5, mfc="white" if h else colour, mec=colour, mew=1.2)[0]
                if spec.clickable_years:
                    clickable.append((dot, ("year", int(year)), ax, None))
    if spec.band:
        lo, hi = spec.band
        x0 = lo // 100 + (lo % 100 - 1) / 12 if spec.granularity == "month" else lo // 100
        x1 = hi // 100 + (hi % 100) / 12 if spec.granularity == "month" else hi // 100 + 1
        ax.axvspan(x0, x1, color=BAND, lw=0, zorder=0)
        xs_all += [x0, x1]
    lo_x, hi_x = min(xs_all), max(xs_all)
    pad = max(0.3, (hi_x - lo_x) * 0.02)
    ax.set_xlim(lo_x - pad, hi_x + pad)
    ax.set_ylim(bottom=0)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    if len(spec.series) > 1:
        ax.legend(fontsize=7, frameon=False, loc="upper left", ncol=min(4, len(spec.series)))


def _gap(a: int, b: int) -> bool:
    return (b // 100 * 12 + b % 100) - (a // 100 * 12 + a % 100) > 1


def _compare(fig: Figure, spec: CompareSpec, w_in: float, h_in: float, bottom_in: float) -> None:
    n = max(1, len(spec.panels))
    axes = fig.subplots(1, n, sharex=True, gridspec_kw=dict(left=0.02, right=0.98, top=1 - 0.45 / h_in,
                                                             bottom=bottom_in / h_in + 0.02, wspace=0.08))
    axes = list(axes) if n > 1 else [axes]
    top = max((max(v) for _, _, v in spec.panels if v), default=1.0)
    for ax, (name, labels, values) in zip(axes, spec.panels):
        _style_axes(ax)
        ys = list(range(len(values)))[::-1]
        ax.barh(ys, values, height=0.66, color=BAR)
        ax.set_yticks([])
        ax.set_xlim(0, top * 1.35 if top > 0 else 1)
        ax.set_title(_short(name, 28), fontsize=8, color=INK, family=FONT, loc="left")
        ax.xaxis.set_major_formatter(_tick_formatter(spec.unit))
        ax.xaxis.set_major_locator(_few_ticks())
        for y, lab, v in zip(ys, labels, values):
            ax.text(0, y + 0.36, " " + _short(lab, 24), fontsize=6.3, color=MUTED, va="bottom", family=FONT)
            ax.text(v, y, " " + fmt_value(v, spec.unit), fontsize=6.8, color=INK, va="center", family=FONT)
        ax.set_ylim(-0.6, max(len(values), 1) - 0.1)


def _few_ticks():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=3)


@lru_cache(maxsize=1)
def _screen_canvas():
    """A FigureCanvasAgg whose renderer draws each line of plain text as one FreeType bitmap
    (``set_text`` + ``draw_glyphs_to_bitmap``, matplotlib's own way up to 3.10), where 3.11
    lays out and renders glyph by glyph in Python, and makes that bitmap when the layout asks
    for the text's size, so each string is laid out once: three times faster, the text snapped
    to whole pixels. Maths, turned text, or a matplotlib without these calls take the stock path."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag

    class ScreenRenderer(RendererAgg):
        def __init__(self, width, height, dpi):
            super().__init__(width, height, dpi)
            self._bitmaps: dict = {}   # (text, font) -> (bitmap, x offset, y offset), made with the size

        def _bitmap(self, s, prop):
            font = self._prepare_font(prop)
            font.set_text(s, 0, flags=get_hinting_flag())
            font.draw_glyphs_to_bitmap(antialiased=True)
            xo, yo = font.get_bitmap_offset()
            w, h = font.get_width_height()
            d = font.get_descent()
            self._bitmaps[(s, prop)] = (np.array(font.get_image()), xo / 64.0, yo / 64.0 + d / 64.0)
            return w / 64.0, h / 64.0, d / 64.0

        def get_text_width_height_descent(self, s, prop, ismath):
            if not ismath:
                try:
                    return self._bitmap(s, prop)
                except (AttributeError, TypeError, ValueError):
                    pass
            return super().get_text_width_height_descent(s, prop, ismath)

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath or angle or not gc.get_antialiased():
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            try:
                if (s, prop) not in self._bitmaps:
                    self._bitmap(s, prop)
                image, xo, yo = self._bitmaps[(s, prop)]
                self._renderer.draw_text_image(image, round(x + xo), round(y + yo) + 1, 0, gc)
            except (AttributeError, TypeError, ValueError):
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return None

    class ScreenCanvas(FigureCanvasAgg):
        def get_renderer(self):
            w, h = self.get_width_height(physical=True)
            key = (w, h, self.figure.dpi)
            if getattr(self, "_screen_key", None) != key:
                self.renderer = ScreenRenderer(w, h, self.figure.dpi)
                self._screen_key = key
            return self.renderer

    return ScreenCanvas


def render(spec: Spec, width_px: int, height_px: int | None = None, dpr: float = 1.0) -> Rendered:
    """Draw ``spec`` at ``width_px`` x ``height_px`` logical pixels (the default height when
    None) for a screen of pixel ratio ``dpr``; thread-safe (one Figure per call)."""
    dpi = 100.0 * dpr
    w_in = max(2.0, width_px / 100.0)
    h_in = (height_px / 100.0) if height_px else default_height(spec, w_in)
    fig, clickable = figure_for(spec, w_in, h_in, dpi, reuse=True)
    canvas = _screen_canvas()(fig)
    canvas.draw()
    W, H = canvas.get_width_height(physical=True)
    rgba = bytes(canvas.buffer_rgba())
    hits = []
    for item in clickable:
        artist, key = item[0], item[1]
        if len(item) > 2 and item[2] is not None and item[3] is not None:
            # a bar: the whole row is the target (label and bar), easier to hit than a thin bar
            box = item[2]   # the bars' box, in pixels
            bb = artist.get_window_extent()
            x0, x1 = 0.0, max(bb.x1, box.x1)
            y0, y1 = bb.y0 - 2 * dpr, bb.y1 + 2 * dpr
        else:
            bb = artist.get_window_extent()
            x0, x1, y0, y1 = bb.x0 - 3 * dpr, bb.x1 + 3 * dpr, bb.y0 - 3 * dpr, bb.y1 + 3 * dpr
        hits.append((x0 / dpr, (H - y1) / dpr, x1 / dpr, (H - y0) / dpr, key))
    return Rendered(rgba, W, H, dpr, hits)


def save_chart(spec: Spec, path: str | Path, fmt: str | None = None, width: float = 6.4,
               height: float | None = None, dpi: float = 200.0) -> Path:
    """Write ``spec`` as PNG, SVG or PDF (from the file suffix unless ``fmt`` says)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "png").lower()
    if fmt not in FORMATS:
        raise ValueError(f"charts are saved as {', '.join(FORMATS)}, not {fmt!r}")
    fig, _ = figure_for(spec, width, height, dpi if fmt == "png" else 100.0)
    fig.savefig(str(path), format=fmt, dpi=dpi if fmt == "png" else None, facecolor="white",
                metadata={"Creator": "Frontera Atlas"} if fmt in ("pdf", "svg") else None)
    return path


def series_from(xs: Sequence[int], ys: Sequence[float], label: str = "", hollow: Sequence[bool] = ()) -> LineSeries:
    return LineSeries(label, [int(x) for x in xs], [float(y) for y in ys], [bool(h) for h in hollow])


# -- drawing off the GUI process ----------------------------------------------------------------------
class ChartRenderer:
    """Draws charts in worker processes (matplotlib's text layout holds the interpreter lock,
    ~100 ms a chart: in processes, two charts draw at once and the window never waits).
    ``submit`` returns a :class:`concurrent.futures.Future` of :class:`Rendered`. Without
    processes (``FRONTERA_CHART_PROCESSES=0``, or when they cannot start) it draws inline."""

    def __init__(self, processes: int | None = None):
        import os

        if processes is None:
            # under pytest the suite's process ends with os._exit (see tests/conftest.py): no
            # drawing processes there unless asked for, so none outlives it
            default = "0" if "PYTEST_CURRENT_TEST" in os.environ else "2"
            processes = int(os.environ.get("FRONTERA_CHART_PROCESSES", default))
        self.processes = max(0, processes)
        self._pool = None
        self._lock = threading.Lock()

    def _executor(self):
        if self.processes == 0:
            return None
        with self._lock:
            if self._pool is None:
                import atexit
                import multiprocessing
                import os
                from concurrent.futures import ProcessPoolExecutor

                try:
                    self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=_orphan_watch, initargs=(os.getpid(),))
                except (OSError, ValueError):
                    self.processes = 0
                    return None
                atexit.register(self.shutdown)
            return self._pool

    def warm_up(self) -> None:
        """Start the processes and load matplotlib in them (before the first click)."""
        pool = self._executor()
        if pool is not None:
            for _ in range(self.processes):
                pool.submit(render, BarSpec("", "usd", ["a"], [1.0]), 200)

    def submit(self, spec: Spec, width_px: int, height_px: int | None = None, dpr: float = 1.0):
        from concurrent.futures import Future

        pool = self._executor()
        if pool is not None:
            try:
                return pool.submit(render, spec, width_px, height_px, dpr)
            except RuntimeError:  # shut down, or a worker died: draw inline from now on
                self.processes = 0
        fut: Future = Future()
        try:
            fut.set_result(render(spec, width_px, height_px, dpr))
        except Exception as exc:  # handed to the caller like a worker's failure
            fut.set_exception(exc)
        return fut

    def shutdown(self, wait: bool = True) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=wait, cancel_futures=True)
                self._pool = None


def _orphan_watch(parent: int) -> None:
    """In a drawing process: end when the app has gone (it may end without shutting us down);
    draw at a lower priority than the window (see :func:`desktop.base.workers.background_priority`)."""
    import os
    import time

    from desktop.base.workers import background_priority

    background_priority(whole_process=True)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


_RENDERER: ChartRenderer | None = None


def chart_renderer() -> ChartRenderer:
    """The application's one :class:`ChartRenderer`."""
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = ChartRenderer()
    return _RENDERER
