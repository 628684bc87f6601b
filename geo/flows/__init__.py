"""Trade-flow overlay model: two-leg flows joined at the port of entry (pure Python + numpy).

From BTS DOT1 rows (US state x port x Mexican state x mode x trade type, see
``Store.flow_triples``) :func:`build_flows` makes one flow per row:

- export: US state -> port -> Mexican state (the Mexican state of destination is recorded);
- import: Mexico -> port -> US state. BTS records no Mexican state for imports and the US
  state is the importer of record, so the first leg is a short stub from the Mexican side of
  the port, labelled "Mexico (state of origin not recorded)", and the US end is flagged as
  the importer of record.

Unknown states (XX/OT/DU, blank) become the same kind of stub on their country's side of the
port, so every dollar through a located port is drawn. Rows whose port has no location
(``70XX`` low-valued shipments, unlocated ports) are not drawn; they are counted in the
:class:`Remainder` with the reason.

State ends sit at the state's anchor city and port ends at the port (``data/place_anchors.csv``,
built by ``data/build_anchors.py``). Geometry is in map metres (``geo.projection``).

Drawing model: the flows sharing a leg (same origin and port, or same port and destination)
are stacked side by side like a Sankey bundle, so a leg's width is the sum of its flows and
each flow keeps its own band (hover shows one flow). Bands are quadratic Béziers bent to the
right of travel; the last leg tapers to a point at the destination, so direction reads at a
glance. :meth:`FlowSet.geometry` computes the band outlines for one map scale (cached), the
painter (``desktop.flow_painter``) fills them under the world transform and
:func:`hit_test` uses the same outlines.
"""
from __future__ import annotations

import csv
import functools
import math
import unicodedata
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from ..codes import bundled_data_dir, code_tables
from ..formatting import format_usd, month_label  # noqa: F401  (format_usd is re-exported)
from ..projection import to_map
from ..signals import Signal

__all__ = [
    "FlowOptions", "FlowSet", "Remainder", "WidthScale", "FlowGeometry", "Anchors", "Place",
    "load_anchors", "build_flows", "hit_test", "tooltip", "format_usd", "MODE_COLOURS",
    "DIRECTION_COLOURS", "OTHER_COLOUR", "quad_bezier", "bezier_control_points",
    "band_outlines", "FlowModel", "period_label_from_plan",
]

# -- palettes ("#rrggbb") -------------------------------------------------------------------
#: by DISAGMOT mode code; saturated enough to read over the pale basemap, distinct from the
#: port red and the water blue
MODE_COLOURS: dict[str, str] = {
    "5": "#e0701b",   # truck: orange
    "6": "#2a9d5c",   # rail: green
    "1": "#2f5fa8",   # vessel: deep blue
    "3": "#8e44ad",   # air: purple
    "7": "#8c564b",   # pipeline: brown
    "4": "#7a7a7a",   # mail
    "8": "#5f6b73",   # other
    "9": "#c2307a",   # foreign trade zones: magenta
}
DIRECTION_COLOURS: dict[str, str] = {"export": "#d5512a", "import": "#2c6db3"}
OTHER_COLOUR = "#6b6b6b"
UNITS = "US$"

# -- anchors --------------------------------------------------------------------------------
_COUNTRY_ANCHOR = {  # direction of "the rest of the country" for stubs (lon, lat)
    "MX": (-99.13, 19.43, "Mexico"),          # Mexico City
    "CA": (-79.42, 43.70, "Canada"),          # Toronto
    "US": (-94.6, 39.1, "United States"),     # Kansas City: the middle of the US
}
STUB_KM = 140.0


def _fold(text) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


@dataclass(frozen=True)
class Place:
    kind: str          # us_state | mx_state | ca_prov | port
    code: str
    name: str
    anchor_city: str
    lon: float
    lat: float
    x: float
    y: float


class Anchors:
    """The place-anchor table: (kind, code) -> :class:`Place` in map coordinates."""

    def __init__(self, rows: Iterable[Mapping[str, str]]):
        rows = list(rows)
        lon = np.array([float(r["lon"]) for r in rows]) if rows else np.zeros(0)
        lat = np.array([float(r["lat"]) for r in rows]) if rows else np.zeros(0)
        x, y = to_map(lon, lat) if rows else (np.zeros(0), np.zeros(0))
        self._by: dict[tuple[str, str], Place] = {}
        for r, xi, yi in zip(rows, np.atleast_1d(x), np.atleast_1d(y)):
            p = Place(r["kind"], r["code"], r["name"], r.get("anchor_city", ""), float(r["lon"]),
                      float(r["lat"]), float(xi), float(yi))
            self._by[(p.kind, p.code)] = p
        cx, cy = to_map([a[0] for a in _COUNTRY_ANCHOR.values()], [a[1] for a in _COUNTRY_ANCHOR.values()])
        self.country_xy = {k: (float(a), float(b)) for k, a, b in zip(_COUNTRY_ANCHOR, cx, cy)}
        self._names: dict[str, list[Place]] | None = None

    @classmethod
    def from_csv(cls, path: str | Path) -> "Anchors":
        with open(path, newline="", encoding="utf-8") as fh:
            return cls(list(csv.DictReader(fh)))

    def get(self, kind: str, code: str | None) -> Place | None:
        if not code:
            return None
        return self._by.get((kind, str(code)))

    def places(self, kind: str | None = None) -> list[Place]:
        return [p for p in self._by.values() if kind is None or p.kind == kind]

    def __len__(self) -> int:
        return len(self._by)

    def lookup_name(self, text: str) -> list[Place]:
        """Places whose code, name or anchor city matches ``text`` (case/accent-insensitive)."""
        if self._names is None:
            idx: dict[str, list[Place]] = {}
            for p in self._by.values():
                keys = {_fold(p.name), _fold(p.anchor_city)}
                if p.kind == "port":
                    keys.add(_fold(p.name.split(",")[0]))
                for k in keys - {""}:
                    idx.setdefault(k, []).append(p)
            self._names = idx
        key = _fold(text)
        hits = list(self._names.get(key, []))
        raw = str(text).strip().upper()
        for kind in ("port", "us_state", "mx_state", "ca_prov"):
            p = self._by.get((kind, raw))
            if p is not None and p not in hits:
                hits.insert(0, p)
        return hits


@functools.lru_cache(maxsize=4)
def _load_anchors(path: str) -> Anchors:
    return Anchors.from_csv(path)


def load_anchors(path: str | Path | None = None) -> Anchors:
    """The bundled ``data/place_anchors.csv`` (cached)."""
    return _load_anchors(str(Path(path) if path else bundled_data_dir() / "place_anchors.csv"))


# -- options, scale, remainder --------------------------------------------------------------
@dataclass(frozen=True)
class FlowOptions:
    """What to draw. ``top_n``: keep the N largest flows (None: all); ``min_value``: drop
    flows below this value (US$); ``colour_by``: ``'mode'`` or ``'direction'``;
    ``show_labels_top_k``: value labels on the K largest shown flows (0: none)."""

    top_n: int | None = 120
    min_value: float = 0.0
    colour_by: str = "mode"
    show_labels_top_k: int = 6
    max_width_px: float = 26.0     # width of the widest leg bundle
    min_width_px: float = 0.5      # visibility floor for very small bands
    bend: float = 0.16             # curvature: control point offset / chord length

    def __post_init__(self):
        if self.colour_by not in ("mode", "direction"):
            raise ValueError(f"colour_by must be 'mode' or 'direction', not {self.colour_by!r}")
        if self.top_n is not None and self.top_n < 0:
            raise ValueError("top_n must be >= 0 or None")


_NICE = (1.0, 2.0, 2.5, 5.0)


def _nice_floor(v: float) -> float:
    if v <= 0:
        return 0.0
    e = math.floor(math.log10(v))
    best = 10.0 ** e
    for m in _NICE:
        if m * 10.0 ** e <= v:
            best = m * 10.0 ** e
    return best


@dataclass(frozen=True)
class WidthScale:
    """Value -> line width in screen pixels, strictly proportional (``px = value * k``)."""

    px_per_unit: float
    max_value: float
    units: str = UNITS
    period: str = ""
    min_px: float = 0.5

    @classmethod
    def fit(cls, max_value: float, max_px: float = 26.0, units: str = UNITS, period: str = "",
            min_px: float = 0.5) -> "WidthScale":
        k = max_px / max_value if max_value > 0 else 0.0
        return cls(k, float(max_value), units, period, min_px)

    def px(self, value):
        """The proportional width (no floor): what the legend promises."""
        return np.asarray(value, float) * self.px_per_unit

    def drawn_px(self, value):
        """The width actually drawn: proportional, floored at ``min_px`` so tiny flows show."""
        return np.maximum(self.px(value), self.min_px)

    def legend_steps(self, n: int = 3) -> list[tuple[float, float]]:
        """``[(value, px), ...]`` nice round values from the largest down (e.g. 1B, 500M, 100M)."""
        if self.max_value <= 0 or self.px_per_unit <= 0:
            return []
        top = _nice_floor(self.max_value)
        vals = [top]
        for div in (2.0, 5.0, 10.0, 20.0, 50.0, 100.0):
            if len(vals) >= n:
                break
            v = _nice_floor(top / div)
            if v < vals[-1] and v * self.px_per_unit >= 1.0:
                vals.append(v)
        return [(v, float(v * self.px_per_unit)) for v in vals]

    @property
    def caption(self) -> str:
        base = f"Trade value ({self.units})"
        return f"{base}, {self.period}" if self.period else base


@dataclass(frozen=True)
class Remainder:
    """What is not drawn: flows hidden by top-N/minimum value and flows that cannot be placed."""

    total_value: float
    hidden_count: int
    hidden_value: float
    unlocated_count: int
    unlocated_value: float
    #: reason -> (row count, value), e.g. "port not located: 70XX Low-valued Imports And Exports"
    unlocated_reasons: dict = field(default_factory=dict)

    @property
    def hidden_share(self) -> float:
        return self.hidden_value / self.total_value if self.total_value else 0.0

    @property
    def unlocated_share(self) -> float:
        return self.unlocated_value / self.total_value if self.total_value else 0.0

    def summary(self) -> str:
        """One or two sentences: '312 smaller flows, 4% of value, hidden. ...'."""
        bits = []
        if self.hidden_count:
            bits.append(f"{self.hidden_count:,} smaller flow{'s' if self.hidden_count != 1 else ''}, "
                        f"{_pct(self.hidden_share)} of value, hidden")
        if self.unlocated_count:
            bits.append(f"{self.unlocated_count:,} flow{'s' if self.unlocated_count != 1 else ''}, "
                        f"{_pct(self.unlocated_share)} of value, not drawn (no location for their port)")
        return "; ".join(bits) + ("." if bits else "")


def _pct(share: float) -> str:
    p = share * 100
    if p == 0:
        return "0%"
    if p < 0.1:
        return "<0.1%"
    return f"{p:.1f}%" if p < 10 else f"{p:.0f}%"


_ym_label = month_label


def period_label_from_plan(plan: Mapping | None) -> str:
    """'Jan 2015' or 'Jan 2015 – Dec 2015 (12 months)' from a query plan dict (``df.attrs['plan']``)."""
    if not plan:
        return ""
    months = sorted({int(m) for ms in (plan.get("months_by_table") or {}).values() for m in ms})
    if not months:
        return ""
    if len(months) == 1:
        return _ym_label(months[0])
    return f"{_ym_label(months[0])} – {_ym_label(months[-1])} ({len(months)} months)"


# -- curve geometry helpers -----------------------------------------------------------------
def bezier_control_points(ax, ay, bx, by, bend: float = 0.16):
    """Control points of quadratic Béziers from A to B bowed to the RIGHT of travel (map
    coordinates, y up) by ``bend`` x chord length. Arrays in, arrays out."""
    ax, ay, bx, by = (np.asarray(v, float) for v in (ax, ay, bx, by))
    dx, dy = bx - ax, by - ay
    return (ax + bx) / 2 + dy * bend, (ay + by) / 2 - dx * bend


def quad_bezier(a, c, b, t):
    """Points and unit LEFT normals of quadratic Béziers. ``a, c, b``: (B, 2); ``t``: (B, n) or
    (n,). Returns ``pts`` (B, n, 2) and ``normals`` (B, n, 2)."""
    a, c, b = (np.asarray(v, float) for v in (a, c, b))
    t = np.asarray(t, float)
    if t.ndim == 1:
        t = np.broadcast_to(t, (a.shape[0], t.shape[0]))
    u = 1.0 - t
    w0, w1, w2 = u * u, 2 * u * t, t * t
    pts = np.empty(t.shape + (2,))
    nrm = np.empty(t.shape + (2,))
    for k in (0, 1):
        pts[..., k] = w0 * a[:, k:k + 1] + w1 * c[:, k:k + 1] + w2 * b[:, k:k + 1]
    tx = u * (c[:, 0:1] - a[:, 0:1]) + t * (b[:, 0:1] - c[:, 0:1])
    ty = u * (c[:, 1:2] - a[:, 1:2]) + t * (b[:, 1:2] - c[:, 1:2])
    ln = np.hypot(tx, ty)
    ln[ln == 0] = 1.0
    nrm[..., 0] = -ty / ln
    nrm[..., 1] = tx / ln
    return pts, nrm


def band_outlines(pts, normals, offset, half_width, factor):
    """Closed outline polygons (B, 2n, 2) of bands along centre lines ``pts`` (B, n, 2):
    each band's centre is offset by ``offset`` (B,) along the left normal and is
    ``2 * half_width`` (B,) wide, both multiplied by ``factor`` (B, n) (1 = full width,
    0 = the tip). Units of offset/half_width are those of pts (metres)."""
    o = (np.asarray(offset, float)[:, None] * factor)[..., None]
    h = (np.asarray(half_width, float)[:, None] * factor)[..., None]
    left = pts + normals * (o + h)
    right = pts + normals * (o - h)
    return np.concatenate([left, right[:, ::-1]], axis=1)


# -- the flow set ---------------------------------------------------------------------------
_STR_FIELDS = ("origin", "origin_name", "origin_kind", "port", "port_name", "dest", "dest_name",
               "dest_kind", "mode", "mode_name", "direction", "label")
_NUM_FIELDS = ("value", "share", "ox", "oy", "px", "py", "dx", "dy")
_BOOL_FIELDS = ("origin_recorded", "dest_recorded", "has_port")
_INT_FIELDS = ("o_node", "p_node", "d_node")   # place ids (legs are keyed by them)


@dataclass
class FlowGeometry:
    """Flow bands of the shown flows for one map scale (metres per pixel).

    Bands (one per flow and leg) serve hit testing and highlighting; runs (adjacent bands of
    one leg with the same colour, merged) are what is painted: fewer, longer outlines."""

    scale: float
    centres: np.ndarray        # (B, n, 2) band centre lines, map metres
    half_px: np.ndarray        # (B, n) half width along the band, screen px
    band_flow: np.ndarray      # (B,) flow index of each band
    band_leg: np.ndarray       # (B,) 1 first leg, 2 second leg (0: single-leg OD flow)
    label_xy: np.ndarray       # (F, 2) where a value label for flow i goes (map metres)
    run_polys: np.ndarray      # (R, 2n, 2) outlines of the merged runs, map metres
    run_centres: np.ndarray    # (R, n, 2)
    run_width_px: np.ndarray   # (R,) full width of each run, px
    run_colour: np.ndarray     # (R,) "#rrggbb"
    run_value: np.ndarray      # (R,) value carried by each run
    _band_normals: np.ndarray = field(default=None, repr=False)   # (B, n, 2)

    @property
    def polys(self) -> np.ndarray:
        """(B, 2n, 2) outlines of every band (computed on demand)."""
        return self.band_polys(np.ones(len(self.band_flow), bool))

    def band_polys(self, mask: np.ndarray) -> np.ndarray:
        h = self.half_px[mask] * self.scale
        n = self._band_normals[mask]
        c = self.centres[mask]
        left = c + n * h[..., None]
        right = c - n * h[..., None]
        return np.concatenate([left, right[:, ::-1]], axis=1)


@dataclass
class FlowSet:
    """All flows of one query, largest first, with per-flow arrays (length ``len(fs)``).

    String arrays: ``origin, origin_name, origin_kind, port, port_name, dest, dest_name,
    dest_kind, mode, mode_name, direction, label``; numbers: ``value`` (US$), ``share`` (of the
    filtered total, including what is hidden or not located), ``ox, oy`` / ``px, py`` /
    ``dx, dy`` (map metres of origin, port and destination; the port is NaN for single-leg
    OD flows); flags: ``shown`` (kept by top-N/minimum value), ``origin_recorded``,
    ``dest_recorded`` (False for "not recorded" stubs), ``has_port``; ``colour``
    ("#rrggbb" by the option's palette).
    """

    origin: np.ndarray
    origin_name: np.ndarray
    origin_kind: np.ndarray
    port: np.ndarray
    port_name: np.ndarray
    dest: np.ndarray
    dest_name: np.ndarray
    dest_kind: np.ndarray
    mode: np.ndarray
    mode_name: np.ndarray
    direction: np.ndarray
    label: np.ndarray
    value: np.ndarray
    share: np.ndarray
    ox: np.ndarray
    oy: np.ndarray
    px: np.ndarray
    py: np.ndarray
    dx: np.ndarray
    dy: np.ndarray
    shown: np.ndarray
    origin_recorded: np.ndarray
    dest_recorded: np.ndarray
    has_port: np.ndarray
    o_node: np.ndarray
    p_node: np.ndarray
    d_node: np.ndarray
    colour: np.ndarray
    options: FlowOptions
    remainder: Remainder
    width_scale: WidthScale
    total_value: float
    period: str = ""
    units: str = UNITS
    source: str = ""
    caveats: list = field(default_factory=list)
    kind: str = "trade"              # trade | od
    partner: str = "MX"
    _geom: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.value)

    @property
    def shown_index(self) -> np.ndarray:
        return np.nonzero(self.shown)[0]

    @property
    def shown_value(self) -> float:
        return float(self.value[self.shown].sum())

    def legend_items(self) -> list[tuple[str, str]]:
        """(colour, label) pairs for the colours in use, largest value first."""
        key = self.mode_name if self.options.colour_by == "mode" else self.direction
        vals: dict[tuple[str, str], float] = {}
        for c, k, v in zip(self.colour[self.shown], key[self.shown], self.value[self.shown]):
            lab = (k.capitalize() + "s") if self.options.colour_by == "direction" and k else (k or "Flow")
            vals[(c, lab)] = vals.get((c, lab), 0.0) + v
        return [k for k, _ in sorted(vals.items(), key=lambda kv: -kv[1])]

    # -- queries ------------------------------------------------------------------------
    def flows_through(self, port_code: str, shown_only: bool = False) -> np.ndarray:
        """Indices of the flows that pass through ``port_code`` (all, or the shown ones)."""
        m = self.port == str(port_code)
        if shown_only:
            m &= self.shown
        return np.nonzero(m)[0]

    def location_totals(self, shown_only: bool = False):
        """DataFrame ``code, kind, name, x, y, inbound, outbound, through, total`` per place.

        States: ``outbound`` = value of flows starting there, ``inbound`` = ending there. Ports:
        ``through`` = value passing through (``inbound == outbound == through``). Stubs for
        unrecorded origins/destinations are left out (they are not places)."""
        import pandas as pd

        m = self.shown if shown_only else np.ones(len(self), bool)
        idx = np.nonzero(m)[0]
        K = len(idx)
        # every (flow, end) entry in the order the places are met: origin, destination, port
        kind = np.empty(3 * K, object)
        code = np.empty(3 * K, object)
        name = np.empty(3 * K, object)
        x, y = np.empty(3 * K), np.empty(3 * K)
        col = np.tile(np.array([6, 5, 7]), K)
        keep = np.empty(3 * K, bool)
        for j, (k, c, nm, xx, yy, ok) in enumerate((
                (self.origin_kind, self.origin, self.origin_name, self.ox, self.oy, self.origin_recorded),
                (self.dest_kind, self.dest, self.dest_name, self.dx, self.dy, self.dest_recorded),
                (np.full(len(self), "port", object), self.port, self.port_name, self.px, self.py, self.has_port))):
            kind[j::3], code[j::3], name[j::3] = k[idx], c[idx], nm[idx]
            x[j::3], y[j::3], keep[j::3] = xx[idx], yy[idx], ok[idx]
        node = np.empty(3 * K, np.int64)
        node[0::3], node[1::3], node[2::3] = self.o_node[idx], self.d_node[idx], self.p_node[idx]
        # ports and states are numbered together in trade sets; keep them apart anyway
        node[2::3] += int(max(self.o_node.max(initial=0), self.d_node.max(initial=0))) + 1
        val = np.repeat(self.value[idx].astype(float), 3)
        kind, code, name, x, y, col, val, node = (a[keep] for a in (kind, code, name, x, y, col, val, node))
        # place ids in first-appearance order; a recorded end's node id is its place
        pid = pd.factorize(node)[0]
        P = int(pid.max()) + 1 if len(pid) else 0
        first = np.full(P, 0, np.int64)
        if P:
            first[pid[::-1]] = np.arange(len(pid) - 1, -1, -1)
        sums = {c: np.bincount(pid[col == c], weights=val[col == c], minlength=P).astype(float)
                for c in (5, 6, 7)}
        df = pd.DataFrame(columns=["code", "kind", "name", "x", "y", "inbound", "outbound", "through"]) \
            if not P else pd.DataFrame({"code": code[first], "kind": kind[first], "name": name[first], "x": x[first],
                           "y": y[first], "inbound": sums[5], "outbound": sums[6], "through": sums[7]})
        df["total"] = np.where(df["kind"] == "port", df["through"], df["inbound"] + df["outbound"])
        return df.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)

    def location_circles(self):
        """What the map's location circles need, cached: ``(x, y, total, is_port)`` arrays for
        the places the shown flows touch, with totals over all flows (as in
        :meth:`location_totals`), largest first."""
        hit = self._geom.get("circles")
        if hit is None:
            import pandas as pd

            # the recorded ends and the ports, as place ids (a recorded end's node is its place)
            off = int(max(self.o_node.max(initial=0), self.d_node.max(initial=0))) + 1
            parts = [(self.origin_recorded, self.o_node, self.ox, self.oy),
                     (self.dest_recorded, self.d_node, self.dx, self.dy),
                     (self.has_port, self.p_node + off, self.px, self.py)]
            node = np.concatenate([n[m] for m, n, _, _ in parts])
            x = np.concatenate([a[m] for m, _, a, _ in parts])
            y = np.concatenate([b[m] for m, _, _, b in parts])
            val = np.concatenate([self.value[m] for m, _, _, _ in parts]).astype(float)
            shown = np.concatenate([self.shown[m] for m, _, _, _ in parts])
            pid, _ = pd.factorize(node)
            P = int(pid.max()) + 1 if len(pid) else 0
            total = np.bincount(pid, weights=val, minlength=P)
            first = np.zeros(P, np.int64)
            first[pid[::-1]] = np.arange(len(pid) - 1, -1, -1)
            on = np.zeros(P, bool)
            on[pid[shown]] = True
            is_port = node[first] >= off
            keep = np.nonzero(on)[0]
            keep = keep[np.argsort(-total[keep], kind="stable")]
            hit = self._geom["circles"] = (x[first][keep], y[first][keep], total[keep], is_port[keep])
        return hit

    def with_options(self, options: FlowOptions) -> "FlowSet":
        """The same flows re-filtered/re-coloured (no new query)."""
        return _finish(self, options)

    # -- geometry -----------------------------------------------------------------------
    def geometry(self, scale: float) -> FlowGeometry:
        """Band outlines at ``scale`` metres/pixel (cached per scale; pans reuse it)."""
        key = round(float(scale), 6)
        g = self._geom.get(key)
        if g is None:
            if len(self._geom) > 8:
                for k in [k for k in self._geom if not isinstance(k, str)]:
                    del self._geom[k]
            g = self._geom[key] = _geometry(self, float(scale))
        return g


def _empty_str(n=0):
    return np.array([""] * n, dtype=object)


def _make_flowset(cols: dict, options: FlowOptions, total_value: float, unlocated: tuple,
                  period: str, units: str, source: str, caveats: list, kind: str,
                  partner: str = "MX") -> FlowSet:
    n = len(cols["value"])
    order = np.lexsort((np.arange(n), -np.asarray(cols["value"], float)))
    arr = {}
    for k in _STR_FIELDS:
        arr[k] = np.asarray(cols[k], dtype=object)[order] if n else _empty_str()
    for k in _NUM_FIELDS:
        if k == "share":
            continue
        arr[k] = np.asarray(cols[k], float)[order] if n else np.zeros(0)
    for k in _BOOL_FIELDS:
        arr[k] = np.asarray(cols[k], bool)[order] if n else np.zeros(0, bool)
    for k in _INT_FIELDS:
        arr[k] = np.asarray(cols[k], np.int64)[order] if n else np.zeros(0, np.int64)
    arr["share"] = arr["value"] / total_value if total_value else np.zeros(n)
    ucount, uvalue, reasons = unlocated
    fs = FlowSet(**arr, shown=np.ones(n, bool), colour=_empty_str(n), options=options,
                 remainder=Remainder(total_value, 0, 0.0, ucount, uvalue, reasons),
                 width_scale=WidthScale(0.0, 0.0), total_value=float(total_value), period=period,
                 units=units, source=source, caveats=list(caveats), kind=kind, partner=partner)
    return _finish(fs, options)


def _finish(fs: FlowSet, options: FlowOptions) -> FlowSet:
    """Apply top-N / minimum value and colours; fit the width scale to the shown legs."""
    n = len(fs)
    shown = fs.value >= max(float(options.min_value), 0.0)
    shown &= fs.value > 0
    if options.top_n is not None:
        idx = np.nonzero(shown)[0][: options.top_n]   # arrays are sorted largest first
        shown = np.zeros(n, bool)
        shown[idx] = True
    palette, key = (MODE_COLOURS, fs.mode) if options.colour_by == "mode" else (DIRECTION_COLOURS, fs.direction)
    colour = _map_values(key, lambda k: palette.get(k, OTHER_COLOUR))
    hidden = ~shown
    rem = replace(fs.remainder, hidden_count=int(hidden.sum()), hidden_value=float(fs.value[hidden].sum()))
    legs = _leg_totals(fs, shown)
    ws = WidthScale.fit(float(legs.max()) if len(legs) else 0.0, options.max_width_px, fs.units, fs.period,
                        options.min_width_px)
    out = replace(fs, shown=shown, colour=colour if n else _empty_str(), options=options,
                  remainder=rem, width_scale=ws, _geom={})
    return out


def _map_values(arr: np.ndarray, fn) -> np.ndarray:
    """``fn`` applied per distinct value of ``arr`` (object array out)."""
    import pandas as pd

    if not len(arr):
        return _empty_str()
    codes, uniq = pd.factorize(np.asarray(arr, dtype=object))
    out = np.array([fn(u) for u in uniq] + [fn(None)], dtype=object)
    return out[codes]


def _leg_keys(fs: FlowSet) -> tuple[np.ndarray, np.ndarray]:
    """Per flow: integer key of the first leg (origin->port) and of the second (port->dest);
    single-leg flows (no port) have one leg origin->dest and -1 as second key."""
    M = int(max(fs.o_node.max(initial=0), fs.d_node.max(initial=0), fs.p_node.max(initial=0))) + 1
    k1 = np.where(fs.has_port, fs.o_node * M + fs.p_node, (M + fs.o_node) * M + fs.d_node)
    k2 = np.where(fs.has_port, (2 * M + fs.p_node) * M + fs.d_node, -1)
    return k1.astype(np.int64), k2.astype(np.int64)


def _leg_totals(fs: FlowSet, shown: np.ndarray) -> np.ndarray:
    if not shown.any():
        return np.zeros(0)
    k1, k2 = _leg_keys(fs)
    keys = np.concatenate([k1[shown], k2[shown]])
    vals = np.concatenate([fs.value[shown], fs.value[shown]])
    keep = keys >= 0
    _, inv = np.unique(keys[keep], return_inverse=True)
    return np.bincount(inv, weights=vals[keep])


# -- building from DOT1 triples -------------------------------------------------------------
_UNKNOWN_STATES = ("", "XX", "OT", "DU", "None", "nan", "<NA>")


def build_flows(triples, anchors: Anchors | None = None, options: FlowOptions | None = None, *,
                country: str | None = None, period: str | None = None) -> FlowSet:
    """Two-leg flows from a ``Store.flow_triples`` DataFrame.

    ``country``: the filter's partner country (``'MX'``, ``'CA'`` or None = Mexico, as the
    store answers flow queries for Mexico unless Canada is asked for). ``period``: caption
    text; by default taken from ``triples.attrs['plan']``.

    Vectorised: every code column is factorised once; anchors, stubs and names are looked up
    per distinct code and mapped back with integer indexing (see :class:`FlowCatalog`).
    """
    anchors = anchors or load_anchors()
    options = options or FlowOptions()
    attrs = getattr(triples, "attrs", {}) or {}
    if period is None:
        period = period_label_from_plan(attrs.get("plan"))
    cat = FlowCatalog(triples, anchors, country=country)
    return cat.flowset(None, options, period=period, source=str(attrs.get("source", "")),
                       caveats=list(attrs.get("caveats", [])))


def _factorised(triples, c) -> tuple[np.ndarray, list]:
    """(codes, uniques as str) of a column; missing values become ``""``."""
    import pandas as pd

    arr = triples[c].to_numpy()
    if arr.dtype != object:
        arr = arr.astype(str).astype(object)
    codes, uniq = pd.factorize(arr)
    uniq = [str(u) for u in uniq]
    if (codes < 0).any():
        codes = np.where(codes < 0, len(uniq), codes)
        uniq.append("")
    return codes.astype(np.int64), uniq


def _first_index(ids: np.ndarray, n: int) -> np.ndarray:
    """Index of the first occurrence of each id ``0..n-1`` in ``ids``."""
    first = np.empty(n, np.int64)
    first[ids[::-1]] = np.arange(len(ids) - 1, -1, -1)
    return first


class FlowCatalog:
    """The month-independent part of :func:`build_flows` for a triples frame: each row's flow
    (rows that differ only in unknown-state spelling share one), and per flow its ends,
    anchors, stubs, names and place ids. :meth:`flowset` turns any subset of the rows (e.g.
    one month of a played period, see :meth:`FlowModel.prefetch`) into the same FlowSet
    :func:`build_flows` makes from those rows alone."""

    def __init__(self, triples, anchors: Anchors | None = None, *, country: str | None = None):
        import pandas as pd

        anchors = anchors or load_anchors()
        partner = "CA" if str(country or "").upper() in ("CA", "1220", "CANADA") else "MX"
        self.partner = partner
        partner_kind = "ca_prov" if partner == "CA" else "mx_state"
        partner_name = _COUNTRY_ANCHOR[partner][2]
        ct = code_tables()
        n = self.n_rows = len(triples)
        self.row_value = triples["value"].to_numpy(dtype=float) if n else np.zeros(0)
        self.cols: dict[str, np.ndarray] = {}
        if n == 0:
            self.row_flow = np.zeros(0, np.int64)
            self.row_port = np.zeros(0, np.int64)
            self.port_label: list[str] = []
            return
        # -- per row: codes
        pc, P = _factorised(triples, "port")
        port_pl = [anchors.get("port", q) for q in P]
        port_ok = np.array([a is not None for a in port_pl], bool)
        self.row_port = pc
        self.port_label = [f"port not located: {q} {ct.name('port', q or None)}" for q in P]
        tc, TT = _factorised(triples, "trade_type")
        exp_u = np.array([t in ("export", "1") for t in TT], bool)
        uc, U = _factorised(triples, "us_state")
        us_norm = ["" if u in _UNKNOWN_STATES else u for u in U]
        if partner == "MX" and "mx_state" in triples:
            mc, M = _factorised(triples, "mx_state")
            mx_norm = ["" if m in _UNKNOWN_STATES else m for m in M]
        else:
            mc, mx_norm = np.zeros(n, np.int64), [""]
        dc, MD = _factorised(triples, "mode")
        # normalised codes -> ids (spellings of "unknown" collapse to "")
        us_id_u, US = pd.factorize(np.array(us_norm, object))
        mx_id_u, MX = pd.factorize(np.array(mx_norm + [""], object))
        blank_mx = int(mx_id_u[-1])
        exp = exp_u[tc]
        located = port_ok[pc]
        us_id = us_id_u[uc]
        mx_id = np.where(exp, mx_id_u[mc], blank_mx)
        key = (((us_id * len(P) + pc) * len(MX) + mx_id) * len(MD) + dc) * 2 + exp
        gi, _ = pd.factorize(key[located])
        G = int(gi.max()) + 1 if len(gi) else 0
        row_flow = np.full(n, -1, np.int64)
        row_flow[located] = gi
        self.row_flow = row_flow
        first = np.nonzero(located)[0][_first_index(gi, G)] if G else np.zeros(0, np.int64)
        f_us, f_port, f_mx, f_md, f_exp = us_id[first], pc[first], mx_id[first], dc[first], exp[first]
        US, MX = [str(x) for x in US], [str(x) for x in MX]

        # -- per distinct place: anchors and stubs
        cxy = anchors.country_xy

        def stub_xy(toward):
            xy = np.zeros((len(P), 2))
            for j, pl in enumerate(port_pl):
                if pl is not None:
                    xy[j] = _stub(pl, toward)
            return xy

        px_u = np.array([a.x if a else np.nan for a in port_pl])
        py_u = np.array([a.y if a else np.nan for a in port_pl])
        pname_u = np.array([a.name if a else "" for a in port_pl], object)

        def place_table(codes, kind):
            pls = [anchors.get(kind, c) if c else None for c in codes]
            return (np.array([a is not None for a in pls], bool),
                    np.array([a.x if a else 0.0 for a in pls]), np.array([a.y if a else 0.0 for a in pls]),
                    np.array(codes, object), np.array([a.name if a else "" for a in pls], object))

        def ends(ids, table, toward, stub_code, stub_name, kind, kind_no):
            """Per flow end: (known, x, y, code, name, place key, kind)."""
            kn_u, x_u, y_u, code_u, name_u = table
            known = kn_u[ids]
            sxy = stub_xy(toward)
            x = np.where(known, x_u[ids], sxy[f_port, 0])
            y = np.where(known, y_u[ids], sxy[f_port, 1])
            code = np.where(known, code_u[ids], stub_code)
            name = np.where(known, name_u[ids], stub_name)
            # place keys: (what, id) packed in an int; a stub is per port
            node = np.where(known, kind_no * 1_000_000 + ids, (kind_no + 1) * 1_000_000 + f_port)
            kinds = np.where(known, kind, "stub").astype(object)
            return known, x, y, code, name, node, kinds

        us_end = ends(f_us, place_table(US, "us_state"), cxy["US"], "US?", "United States (state not recorded)",
                      "us_state", 1)
        far_end = ends(f_mx, place_table(MX, partner_kind), cxy[partner], partner + "?",
                       f"{partner_name} (state not recorded)", partner_kind, 3)
        imp_name = f"{partner_name} (state of origin not recorded)"
        far_end = far_end[:4] + (np.where(f_exp, far_end[4], imp_name),) + far_end[5:]
        o = [np.where(f_exp, a, b) for a, b in zip(us_end, far_end)]
        d = [np.where(f_exp, b, a) for a, b in zip(us_end, far_end)]
        mode_u = np.array(MD, object)
        mode_name_u = np.array([ct.name("mode", c) for c in MD], object)
        self.cols = {
            "origin": o[3], "origin_name": o[4], "origin_kind": o[6], "ox": o[1], "oy": o[2],
            "origin_recorded": o[0].astype(bool),
            "dest": d[3], "dest_name": d[4], "dest_kind": d[6], "dx": d[1], "dy": d[2],
            "dest_recorded": d[0].astype(bool),
            "port": np.array(P, object)[f_port], "port_name": pname_u[f_port], "px": px_u[f_port],
            "py": py_u[f_port], "has_port": np.ones(G, bool), "mode": mode_u[f_md],
            "mode_name": mode_name_u[f_md],
            "direction": np.where(f_exp, "export", "import").astype(object),
            "label": np.where(f_exp, "", "importer of record").astype(object),
            "_o": o[5].astype(np.int64), "_d": d[5].astype(np.int64), "_p": 5_000_000 + f_port,
        }

    def __len__(self) -> int:
        return len(self.cols.get("origin", ()))

    def flowset(self, rows, options: FlowOptions | None = None, *, period: str = "", source: str = "",
                caveats: list | None = None) -> FlowSet:
        """The FlowSet of ``rows`` (indices into the triples, in their order; None: all)."""
        import pandas as pd

        options = options or FlowOptions()
        caveats = list(caveats or [])
        rows = np.arange(self.n_rows) if rows is None else np.asarray(rows, np.int64)
        if not len(rows):
            cols = {k: [] for k in _STR_FIELDS + _NUM_FIELDS + _BOOL_FIELDS + _INT_FIELDS}
            return _make_flowset(cols, options, 0.0, (0, 0.0, {}), period, UNITS, source, caveats,
                                 "trade", self.partner)
        v = self.row_value[rows]
        total = float(v.sum())
        rf = self.row_flow[rows]
        bad = rf < 0
        reasons: dict[str, tuple[int, float]] = {}
        if bad.any():
            pinv, up = pd.factorize(self.row_port[rows])      # first appearance, as build_flows did
            cnt = np.bincount(pinv[bad], minlength=len(up))
            val = np.bincount(pinv[bad], weights=v[bad], minlength=len(up))
            for j in np.argsort(-val, kind="stable"):
                if cnt[j]:
                    reasons[self.port_label[up[j]]] = (int(cnt[j]), float(val[j]))
        unlocated = (int(bad.sum()), float(v[bad].sum()), reasons)
        g_rows = rf[~bad]
        ids, local = pd.factorize(g_rows)[::-1]               # flows in first-appearance order
        value = np.bincount(local, weights=v[~bad], minlength=len(ids)) if len(ids) else np.zeros(0)
        cols = {k: a[ids] for k, a in self.cols.items() if not k.startswith("_")}
        cols["value"] = value
        G = len(ids)
        inv, _ = pd.factorize(np.concatenate([self.cols["_o"][ids], self.cols["_d"][ids], self.cols["_p"][ids]]))
        cols.update({"o_node": inv[:G], "d_node": inv[G:2 * G], "p_node": inv[2 * G:]})
        return _make_flowset(cols, options, total, unlocated, period, UNITS, source, caveats, "trade",
                             self.partner)


def _stub(port: Place, toward: tuple[float, float]) -> tuple[float, float]:
    """A point STUB_KM from the port in the direction of ``toward`` (a country's heartland)."""
    vx, vy = toward[0] - port.x, toward[1] - port.y
    d = math.hypot(vx, vy) or 1.0
    L = min(STUB_KM * 1000.0, 0.5 * d) if d > 1000 else STUB_KM * 1000.0
    return port.x + vx / d * L, port.y + vy / d * L


# -- geometry -------------------------------------------------------------------------------
N_BODY = 14
N_TIP = 4


def _geometry(fs: FlowSet, scale: float) -> FlowGeometry:
    idx = fs.shown_index
    ws = fs.width_scale
    n = N_BODY + N_TIP
    if not len(idx):
        z2 = np.zeros((0, n, 2))
        return FlowGeometry(scale, z2, np.zeros((0, n)), np.zeros(0, int), np.zeros(0, int),
                            np.full((len(fs), 2), np.nan), np.zeros((0, 2 * n, 2)), z2, np.zeros(0),
                            np.zeros(0, object), np.zeros(0), z2)
    k1, k2 = _leg_keys(fs)
    w = ws.drawn_px(fs.value[idx])                      # band widths, px
    # turn angle at the port orders the bands across both legs (left turns on the left)
    hp = fs.has_port[idx]
    ax, ay = np.where(hp, fs.px[idx] - fs.ox[idx], 0.0), np.where(hp, fs.py[idx] - fs.oy[idx], 0.0)
    bx, by = np.where(hp, fs.dx[idx] - fs.px[idx], 0.0), np.where(hp, fs.dy[idx] - fs.py[idx], 0.0)
    theta = np.arctan2(ax * by - ay * bx, ax * bx + ay * by)

    # the bands: one per (flow, leg)
    J = np.arange(len(idx))
    b_flow = np.concatenate([J, J[hp]])
    b_leg = np.concatenate([np.where(hp, 1, 0), np.full(int(hp.sum()), 2)])
    b_key = np.concatenate([k1[idx], k2[idx][hp]])
    B = len(b_flow)
    fi = idx[b_flow]
    bw = w[b_flow]
    colour_codes, colour_rank = np.unique(fs.colour[fi].astype(str), return_inverse=True)
    colour_rank = colour_rank.ravel()
    leg_keys, leg_id = np.unique(b_key, return_inverse=True)
    leg_id = leg_id.ravel()
    L = len(leg_keys)
    # stack the bands of each leg: same colours together, then by turn angle
    order = np.lexsort((-bw, theta[b_flow], colour_rank, leg_id))
    leg_width = np.bincount(leg_id, weights=bw, minlength=L)
    sorted_leg, sorted_w = leg_id[order], bw[order]
    starts = np.r_[0, np.nonzero(np.diff(sorted_leg))[0] + 1]
    cum = np.cumsum(sorted_w)
    group_start = np.repeat(cum[starts] - sorted_w[starts], np.diff(np.r_[starts, B]))
    offset = np.empty(B)
    offset[order] = -leg_width[sorted_leg] / 2 + (cum - sorted_w - group_start) + sorted_w / 2

    # one curve per leg
    first = np.zeros(L, int)
    first[leg_id[::-1]] = np.arange(B)[::-1]
    lf, ll = fi[first], b_leg[first]
    sx = np.where(ll == 2, fs.px[lf], fs.ox[lf])
    sy = np.where(ll == 2, fs.py[lf], fs.oy[lf])
    ex = np.where(ll == 1, fs.px[lf], fs.dx[lf])
    ey = np.where(ll == 1, fs.py[lf], fs.dy[lf])
    cxp, cyp = bezier_control_points(sx, sy, ex, ey, fs.options.bend)
    chord = np.hypot(ex - sx, ey - sy)
    tipped = ll != 1
    head_px = np.clip(2.2 * leg_width, 10.0, 48.0)
    t_head = np.where(tipped, 1.0 - np.minimum(0.45, head_px * scale / np.maximum(chord, 1e-9)), 1.0)
    tb = t_head[:, None] * np.linspace(0.0, 1.0, N_BODY)[None, :]
    tt = t_head[:, None] + (1.0 - t_head)[:, None] * np.linspace(0.0, 1.0, N_TIP + 1)[None, 1:]
    t = np.concatenate([tb, tt], axis=1)
    factor = np.ones_like(t)
    factor[tipped] = np.clip((1.0 - t[tipped]) / np.maximum(1.0 - t_head[tipped], 1e-9)[:, None], 0.0, 1.0)
    lpts, lnrm = quad_bezier(np.c_[sx, sy], np.c_[cxp, cyp], np.c_[ex, ey], t)

    # bands (hit testing, highlights)
    bf = factor[leg_id]
    bn = lnrm[leg_id]
    centres = lpts[leg_id] + bn * ((offset * scale)[:, None] * bf)[..., None]
    half_px = (bw / 2)[:, None] * bf
    # runs: adjacent bands of one leg with one colour, merged
    so_leg, so_col = leg_id[order], colour_rank[order]
    brk = np.r_[True, (np.diff(so_leg) != 0) | (np.diff(so_col) != 0)]
    run_of_sorted = np.cumsum(brk) - 1
    R = int(run_of_sorted[-1]) + 1
    run_w = np.bincount(run_of_sorted, weights=sorted_w, minlength=R)
    lo = np.full(R, np.inf)
    np.minimum.at(lo, run_of_sorted, offset[order] - sorted_w / 2)
    run_off = lo + run_w / 2
    run_leg = so_leg[brk]
    rf = factor[run_leg]
    run_polys = band_outlines(lpts[run_leg], lnrm[run_leg], run_off * scale, run_w / 2 * scale, rf)
    run_centres = lpts[run_leg] + lnrm[run_leg] * ((run_off * scale)[:, None] * rf)[..., None]
    run_colour = colour_codes.astype(object)[so_col[brk]]
    run_value = np.bincount(run_of_sorted, weights=fs.value[fi][order], minlength=R)
    # value label anchor: middle of the last leg's band
    label_xy = np.full((len(fs), 2), np.nan)
    last = b_leg != 1
    label_xy[fi[last]] = centres[last, N_BODY // 2]
    return FlowGeometry(scale, centres, half_px, fi, b_leg, label_xy, run_polys, run_centres, run_w,
                        run_colour, run_value, bn)


# -- interaction ----------------------------------------------------------------------------
def hit_test(flowset: FlowSet, view, sx: float, sy: float, tolerance_px: float = 3.0) -> int | None:
    """Index of the shown flow under screen point (sx, sy), or None. ``view``: a
    :class:`geo.viewport.Viewport`."""
    g = flowset.geometry(view.scale)
    if not len(g.band_flow):
        return None
    mx, my = view.to_map(sx, sy)
    c = g.centres
    pad = (tolerance_px + float(g.half_px.max())) * view.scale
    bx0, by0 = c[..., 0].min(1) - pad, c[..., 1].min(1) - pad
    bx1, by1 = c[..., 0].max(1) + pad, c[..., 1].max(1) + pad
    cand = np.nonzero((bx0 <= mx) & (mx <= bx1) & (by0 <= my) & (my <= by1))[0]
    if not len(cand):
        return None
    p = c[cand]                              # (K, n, 2)
    a, b = p[:, :-1], p[:, 1:]
    ab = b - a
    ap = np.stack([mx - a[..., 0], my - a[..., 1]], -1)
    L2 = (ab ** 2).sum(-1)
    L2[L2 == 0] = 1.0
    tt = np.clip((ap * ab).sum(-1) / L2, 0.0, 1.0)
    q = a + ab * tt[..., None]
    d = np.hypot(q[..., 0] - mx, q[..., 1] - my) / view.scale          # px, (K, n-1)
    h = g.half_px[cand]
    hseg = h[:, :-1] + (h[:, 1:] - h[:, :-1]) * tt
    inside = d - hseg                                                   # <0: within the band
    j = np.argmin(inside, axis=1)
    best = inside[np.arange(len(cand)), j]
    ok = best <= tolerance_px
    if not ok.any():
        return None
    cand, best = cand[ok], best[ok]
    # the band the point is deepest inside (bands of a leg are side by side, not on top of
    # each other); outside every band: the nearest within the tolerance
    return int(g.band_flow[cand[int(np.argmin(best))]])


def tooltip(flowset: FlowSet, i: int) -> str:
    """Plain-text tooltip for flow ``i``: route, mode, value with units, share, period."""
    fs = flowset
    o, d = fs.origin_name[i], fs.dest_name[i]
    if fs.direction[i] == "import":
        d = f"{d} (importer of record)"
    route = f"{o} → {fs.port_name[i]} → {d}" if fs.has_port[i] else f"{o} → {d}"
    what = []
    if fs.direction[i]:
        partner = "Canada" if fs.partner == "CA" else "Mexico"
        what.append(("US export to " if fs.direction[i] == "export" else "US import from ") + partner)
    if fs.mode_name[i]:
        what.append(str(fs.mode_name[i]))
    if fs.label[i] and fs.kind == "od":
        what.append(str(fs.label[i]))
    lines = [route]
    if what:
        lines.append(" · ".join(what))
    v = float(fs.value[i])
    lines.append(f"{format_usd(v) if fs.units == UNITS else f'{v:,.6g} {fs.units}'}"
                 f" ({fs.units} {v:,.0f}) · {_pct(float(fs.share[i]))} of the "
                 f"{'table' if fs.kind == 'od' else 'filtered'} total"
                 + (f", {fs.period}" if fs.period else ""))
    if fs.direction[i] == "import" and not fs.origin_recorded[i]:
        lines.append("BTS does not record the Mexican state of origin of imports; the US state "
                     "is the importer of record.")
    elif not fs.dest_recorded[i] and fs.direction[i] == "export":
        lines.append("The destination state is not recorded for this flow.")
    return "\n".join(lines)


# -- a small state object for the UI --------------------------------------------------------
class FlowModel:
    """Query + options + hover/selection state for the flow overlay. ``changed(FlowSet)`` after
    every rebuild; ``hover_changed(int | None)``, ``selected_port_changed(str | None)``.

    Playback: ``prefetch(filter)`` once (one store query grouped by month for the whole
    period), then ``set_month(ym)`` per step (no query; same FlowSet as ``set_filter`` for
    that month)."""

    changed = Signal(object)
    hover_changed = Signal(object)
    selected_port_changed = Signal(object)

    def __init__(self, store=None, options: FlowOptions | None = None, anchors: Anchors | None = None):
        self.store = store
        self.options = options or FlowOptions()
        self.anchors = anchors or load_anchors()
        self.filter = None
        self.flowset: FlowSet | None = None
        self.hover: int | None = None
        self.selected_port: str | None = None
        self._playback: dict | None = None

    def set_filter(self, f) -> FlowSet:
        """Query the store for ``f`` (a :class:`geo.query.TradeFilter`) and rebuild."""
        self.filter = f
        df = self.store.flow_triples(f)
        self.flowset = build_flows(df, self.anchors, self.options, country=getattr(f, "country", None))
        self.hover = None
        self.changed.emit(self.flowset)
        return self.flowset

    # -- playback ----------------------------------------------------------------------
    def prefetch(self, f, months: Iterable[int] | None = None) -> list[int]:
        """Get ready to play ``months`` (default: every month of ``f.period``) of filter ``f``:
        ONE store query grouped by month (``flow_triples(..., by_month=True)``) and the
        month-independent part of :func:`build_flows` (a :class:`FlowCatalog`: each row's
        flow, anchors, stubs, names) are done here, so :meth:`set_month` only slices and
        re-sums. Returns the months that hold flow rows. Nothing is emitted."""
        from ..query import ym_range

        if months is None:
            if f.period is None:
                raise ValueError("prefetch needs a period (or a list of months)")
            months = ym_range(*f.period)
        months = sorted({int(m) for m in months})
        if not months:
            self._playback = None
            return []
        df = self.store.flow_triples(f.replace(period=(months[0], months[-1])), by_month=True)
        ym = df["year_month"].to_numpy(dtype=np.int64) if len(df) else np.zeros(0, np.int64)
        # the store orders rows by month, then as a one-month query would: each month is a slice
        if len(ym) and (np.diff(ym) < 0).any():
            raise ValueError("flow_triples(by_month=True) must order rows by month")
        cat = FlowCatalog(df, self.anchors, country=getattr(f, "country", None))
        self._playback = {"filter": f, "catalog": cat, "ym": ym, "months": set(months), "rows": len(df)}
        present = np.unique(ym)
        return [int(m) for m in present if int(m) in self._playback["months"]]

    def set_month(self, ym: int) -> FlowSet:
        """Show month ``ym`` of the prefetched filter: the same FlowSet :meth:`set_filter` gives
        for that one month, without a store query. Outside what was prefetched (or without
        :meth:`prefetch`) this is ``set_filter`` on the filter's one-month version."""
        ym = int(ym)
        pb = getattr(self, "_playback", None)
        base = pb["filter"] if pb is not None else self.filter
        f = base.replace(period=(ym, ym))
        if pb is None or ym not in pb["months"]:
            return self.set_filter(f)
        lo, hi = np.searchsorted(pb["ym"], [ym, ym + 1])
        qp = self.store.plan(f, None, flows=True)
        fs = pb["catalog"].flowset(np.arange(lo, hi), self.options, period=period_label_from_plan(qp.as_dict()),
                                   source=qp.describe(), caveats=self.store.caveats(f, None, flows=True))
        self.filter = f
        self.flowset = fs
        self.hover = None
        self.changed.emit(fs)
        return fs

    def set_flowset(self, fs: FlowSet) -> None:
        """Show an already built set (e.g. an imported OD table)."""
        self.flowset = fs
        self.options = fs.options
        self.hover = None
        self.changed.emit(fs)

    def set_options(self, options: FlowOptions) -> None:
        self.options = options
        if self.flowset is not None:
            self.flowset = self.flowset.with_options(options)
            self.changed.emit(self.flowset)

    def set_hover(self, i: int | None) -> None:
        if i != self.hover:
            self.hover = i
            self.hover_changed.emit(i)

    def select_port(self, code: str | None) -> None:
        if code != self.selected_port:
            self.selected_port = code
            self.selected_port_changed.emit(code)


def place_totals_text(flowset: FlowSet, kind: str, code: str) -> str | None:
    """What enters and leaves a place in the flows shown, for its tooltip: a port's value
    through it, a state's outbound and inbound value and their shares. None if absent."""
    if flowset is None or not len(flowset):
        return None
    cache = flowset.__dict__.setdefault("_place_totals", {})
    if "df" not in cache:
        cache["df"] = flowset.location_totals()
    df = cache["df"]
    row = df[(df["kind"] == kind) & (df["code"].astype(str) == str(code))]
    if not len(row):
        return None
    r = row.iloc[0]
    total = float(flowset.value.sum()) or 1.0
    if kind == "port":
        return f"Through this port: {format_usd(r['through'])} ({_pct(r['through'] / total)} of the filtered flows)"
    return (f"Leaving: {format_usd(r['outbound'])} · arriving: {format_usd(r['inbound'])} "
            f"({_pct((r['outbound'] + r['inbound']) / total)} of the filtered flows)")
