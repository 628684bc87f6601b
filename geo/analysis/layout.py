"""Page layout for publication exports (PNG, SVG, PDF, the print atlas): where the map, the
title, the legend frame, the scale bar, the north arrow, the caveats and the source line go on
a page of a given physical size, and what the default texts say.

Everything here is plain arithmetic in *layout units* of 1/96 inch (a CSS pixel), so one
layout serves every output: a 300 dpi PNG paints it scaled by 300/96, a PDF or SVG at 96
units per inch. Furniture is laid out *around* the map, never over it: the legend, scale
bar and north arrow sit in a column beside the map (landscape) or a band under it
(portrait). The scale bar is measured on the ellipsoid (pyproj.Geod) at the map's centre,
since the map is a conic projection whose scale varies with latitude; the north arrow
points to true north at the centre. No Qt here (desktop.export paints this).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from geo.core.messages import Message, msg
from geo.core.nice import nice_floor
from geo.core.projection import to_lonlat, to_map

UNITS_PER_INCH = 96.0
MM_PER_INCH = 25.4

#: name -> (width, height, unit, dpi): unit "in" (inches) or "px" (pixels at dpi)
PAGE_PRESETS: dict[str, tuple[float, float, str, int]] = {
    "slide": (1920, 1080, "px", 150),
    "letter-landscape": (11.0, 8.5, "in", 300),
    "letter-portrait": (8.5, 11.0, "in", 300),
    "a4-landscape": (297 / MM_PER_INCH, 210 / MM_PER_INCH, "in", 300),
    "a4-portrait": (210 / MM_PER_INCH, 297 / MM_PER_INCH, "in", 300),
}
PRESET_ALIASES = {"letter": "letter-landscape", "a4": "a4-landscape"}
MIN_DPI, MAX_DPI = 72, 600


class LayoutError(ValueError):
    pass


@dataclass(frozen=True)
class Page:
    """A page: physical size in inches and the raster resolution (dots per inch)."""

    width_in: float
    height_in: float
    dpi: int = 300

    def __post_init__(self):
        if not MIN_DPI <= self.dpi <= MAX_DPI:
            raise LayoutError(f"dpi must be between {MIN_DPI} and {MAX_DPI}, not {self.dpi}")
        if not (0.5 <= self.width_in <= 200 and 0.5 <= self.height_in <= 200):
            raise LayoutError(f"page {self.width_in:.2f} × {self.height_in:.2f} in is not a printable size")

    @property
    def width(self) -> float:
        """Width in layout units (1/96 in)."""
        return self.width_in * UNITS_PER_INCH

    @property
    def height(self) -> float:
        return self.height_in * UNITS_PER_INCH

    @property
    def pixels(self) -> tuple[int, int]:
        """The raster size at this page's dpi."""
        return round(self.width_in * self.dpi), round(self.height_in * self.dpi)

    @property
    def raster_scale(self) -> float:
        """Device pixels per layout unit."""
        return self.dpi / UNITS_PER_INCH

    @classmethod
    def from_pixels(cls, w: int, h: int, dpi: int) -> "Page":
        return cls(w / dpi, h / dpi, dpi)


def page_for(size: str | None, dpi: int | None = None) -> Page:
    """A page from a preset name (slide, letter, a4, letter-portrait, ...) or ``WxH`` pixels.
    ``dpi`` overrides the preset's resolution; a preset in inches keeps its physical size and
    a ``WxH`` or slide keeps its pixel count."""
    key = (size or "letter").strip().lower()
    key = PRESET_ALIASES.get(key, key)
    if key in PAGE_PRESETS:
        w, h, unit, preset_dpi = PAGE_PRESETS[key]
        d = int(dpi or preset_dpi)
        if unit == "px":
            return Page.from_pixels(int(w), int(h), d)
        return Page(w, h, d)
    try:
        w_s, h_s = key.replace("×", "x").split("x")
        w_px, h_px = int(w_s), int(h_s)
    except ValueError:
        raise LayoutError(f"size {size!r} is not WxH pixels nor one of: "
                          + ", ".join([*PAGE_PRESETS, *PRESET_ALIASES])) from None
    if not (100 <= w_px <= 30000 and 100 <= h_px <= 30000):
        raise LayoutError(f"size {w_px}x{h_px} must be between 100 and 30000 pixels a side")
    return Page.from_pixels(w_px, h_px, int(dpi or 150))


Rect = tuple[float, float, float, float]  # left, top, width, height in layout units


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@dataclass(frozen=True)
class ScaleBar:
    length: float     # layout units
    km: float         # ground distance it stands for
    label: Message


@dataclass(frozen=True)
class PageLayout:
    page: Page
    map: Rect
    title: Rect
    subtitle: Rect | None
    legend: Rect | None
    scale_bar: Rect
    north_arrow: Rect
    notes: Rect
    source: Rect

    def furniture(self) -> list[Rect]:
        return [r for r in (self.title, self.subtitle, self.legend, self.scale_bar, self.north_arrow, self.notes,
                            self.source) if r is not None]

    def overlaps_map(self) -> bool:
        return any(_overlaps(self.map, r) for r in self.furniture())


TITLE_H, SUBTITLE_H, LINE_H = 30.0, 20.0, 12.0
SCALE_H, ARROW_H = 34.0, 48.0


def layout_page(page: Page, legend_size: tuple[float, float] | None, *, subtitle: bool = False,
                note_lines: int = 0, source_lines: int = 1, gap: float = 10.0) -> PageLayout:
    """Rectangles of a page: title (and subtitle) on top, caveats and source line at the
    bottom, the legend frame (``legend_size`` = width, height in layout units, or None),
    scale bar and north arrow beside the map on a landscape page, under it on a portrait
    one; the map takes the rest. Nothing overlaps the map."""
    W, H = page.width, page.height
    m = max(12.0, min(W, H) * 0.03)
    y = m
    title = (m, y, W - 2 * m, TITLE_H)
    y += TITLE_H
    sub = None
    if subtitle:
        sub = (m, y, W - 2 * m, SUBTITLE_H)
        y += SUBTITLE_H
    y += gap * 0.6
    bottom = H - m
    source = (m, bottom - source_lines * LINE_H, W - 2 * m, source_lines * LINE_H)
    bottom = source[1] - (4 if note_lines else 0)
    notes = (m, bottom - note_lines * LINE_H, W - 2 * m, note_lines * LINE_H)
    bottom = notes[1] - gap * 0.6
    lw, lh = legend_size if legend_size else (0.0, 0.0)
    landscape = W >= H
    if landscape:
        col_w = max(lw, 150.0)
        col_x = W - m - col_w
        map_r = (m, y, col_x - gap - m, bottom - y)
        avail = bottom - y - SCALE_H - ARROW_H - 2 * gap
        legend = (col_x, y, col_w, min(lh, avail)) if legend_size else None
        arrow = (col_x, bottom - SCALE_H - gap - ARROW_H, min(col_w, ARROW_H), ARROW_H)
        scale = (col_x, bottom - SCALE_H, col_w, SCALE_H)
    else:
        band_h = max(min(lh, (bottom - y) * 0.4), SCALE_H + ARROW_H + gap) if legend_size else SCALE_H + ARROW_H
        band_y = bottom - band_h
        map_r = (m, y, W - 2 * m, band_y - gap - y)
        side_w = 180.0
        legend = (m, band_y, min(lw, W - 2 * m - side_w - gap), band_h) if legend_size else None
        sx = W - m - side_w
        arrow = (sx, band_y, ARROW_H, ARROW_H)
        scale = (sx, band_y + ARROW_H + gap, side_w, SCALE_H)
    if map_r[2] < 50 or map_r[3] < 50:
        raise LayoutError("the page is too small for the map and its legend")
    return PageLayout(page, map_r, title, sub, legend, scale, arrow, notes, source)


# -- scale bar and north arrow ---------------------------------------------------------------
def ground_km(x0: float, y0: float, x1: float, y1: float) -> float:
    """Ellipsoidal distance (km) between two map points (metres, the map CRS)."""
    from pyproj import Geod

    lon, lat = to_lonlat([x0, x1], [y0, y1])
    _a, _b, d = Geod(ellps="WGS84").inv(float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1]))
    return float(d) / 1000.0


def scale_bar(cx: float, cy: float, metres_per_unit: float, max_units: float) -> ScaleBar:
    """A scale bar of a nice number of kilometres, at most ``max_units`` long, true on the
    ellipsoid along the horizontal through the map centre (cx, cy)."""
    def km_for(units: float) -> float:
        half = units * metres_per_unit / 2
        return ground_km(cx - half, cy, cx + half, cy)

    km_max = km_for(max_units)
    km = nice_floor(km_max)
    length = max_units * km / km_max
    for _ in range(4):  # the scale factor varies along the bar: converge on the exact length
        got = km_for(length)
        length *= km / got
    if km >= 1:
        label = msg("export.scale_km", km=f"{km:,.0f}" if km >= 10 else f"{km:g}")
    else:
        label = msg("export.scale_m", m=f"{km * 1000:,.0f}")
    return ScaleBar(length, km, label)


def north_angle(cx: float, cy: float) -> float:
    """Degrees clockwise from the page's up to true north at map point (cx, cy)."""
    lon, lat = to_lonlat(cx, cy)
    lat2 = min(float(lat) + 0.05, 89.99)
    x2, y2 = to_map(float(lon), lat2)
    dx, dy = float(x2) - cx, float(y2) - cy  # map y up
    return math.degrees(math.atan2(dx, dy))


# -- default texts ---------------------------------------------------------------------------
def default_title(session=None) -> Message:
    """The title describing the view: what the map shows, for which period and filters."""
    if session is None or session.store is None:
        return msg("export.title.basemap")
    from geo.styles.thematic import scope_message

    return msg("export.title.trade", scope_msg=scope_message(session.effective_filter))


def default_subtitle(session=None) -> Message | None:
    """What the symbols say (the title has the scope): states shaded by, ports sized by,
    flows; None when the map shows no figures."""
    theme = getattr(session, "theme", None)
    if theme is None:
        return None
    bits = []
    if theme.state_values and theme.settings.state_metric in ("us_state", "mx_state"):
        bits.append(msg(f"export.sub.{theme.settings.state_metric}"))
    metric = theme.settings.port_metric
    if theme.port_values and metric == "trade":
        bits.append(msg("export.sub.ports_trade"))
    elif theme.port_values and metric != "none":
        bits.append(msg("export.sub.ports_crossings", measure_msg=msg(f"measure.{metric}")))
    fs = getattr(session, "flowset", None)
    if fs is not None and len(fs):
        bits.append(msg("export.sub.flows"))
    return msg("export.subtitle", parts_list=bits) if bits else None


TRADE_SOURCE = "BTS TransBorder Freight Data"
PROJECTION_NOTE = "Lambert conformal conic projection (standard parallels 20°N, 45°N)"


def sources_used(layers, session=None) -> list[str]:
    """Exactly the sources of what is drawn: each visible layer's source and, when the map
    shows trade figures or flows, the BTS tables they come from."""
    out: list[str] = []
    for layer in layers.visible_layers() if layers is not None else []:
        s = str(layer.source or "").strip()
        # "SEMARNAT RETC 2022, grouped" is the same source as "SEMARNAT RETC 2022"
        if s and not any(s.startswith(o) or o.startswith(s) for o in out):
            out.append(s)
        elif s:
            out = [min(o, s, key=len) if (s.startswith(o) or o.startswith(s)) else o for o in out]
    theme = getattr(session, "theme", None)
    trade = theme is not None and (theme.state_values or (theme.port_values and theme.port_unit == "US$"))
    fs = getattr(session, "flowset", None) if session is not None else None
    if fs is not None and len(fs) and getattr(session.flows, "source", "bts") == "od":
        out.append(session.od_name or "origin–destination table")
    elif trade or (fs is not None and len(fs)):
        out.append(TRADE_SOURCE)
    return out


def source_line(layers, session=None) -> Message:
    return msg("export.sources", sources_list=sources_used(layers, session), projection=PROJECTION_NOTE)


def caveats(session=None, limit: int = 4) -> list[Message]:
    """The notes that apply to what is shown (the theme's caveats, then the flows'), at most
    ``limit``, each once."""
    theme = getattr(session, "theme", None)
    notes: list[Message] = list(theme.notes) if theme is not None else []
    fs = getattr(session, "flowset", None) if session is not None else None
    if fs is not None and len(fs):
        notes += [getattr(c, "message", c) for c in fs.caveats if isinstance(getattr(c, "message", c), Message)]
    return list(dict.fromkeys(notes))[:limit]
