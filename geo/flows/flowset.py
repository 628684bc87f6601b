"""The flow set: :class:`FlowSet` (all flows of one query as per-flow arrays, largest first)
and its helpers: the field lists, ``make_flowset`` (arrays -> sorted FlowSet) and
``_finish`` (top-N / minimum value, colours, width scale).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from geo.flows.geometry import FlowGeometry, flow_geometry
from geo.flows.legs import leg_totals
from geo.flows.options import DIRECTION_COLOURS, MODE_COLOURS, OTHER_COLOUR, UNITS, FlowOptions, Remainder, WidthScale

# -- the flow set ---------------------------------------------------------------------------
STR_FIELDS = ("origin", "origin_name", "origin_kind", "port", "port_name", "dest", "dest_name",
               "dest_kind", "mode", "mode_name", "direction", "label")
NUM_FIELDS = ("value", "share", "ox", "oy", "px", "py", "dx", "dy")
BOOL_FIELDS = ("origin_recorded", "dest_recorded", "has_port")
INT_FIELDS = ("o_node", "p_node", "d_node")   # place ids (legs are keyed by them)


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
        x: np.ndarray = np.empty(3 * K)
        y: np.ndarray = np.empty(3 * K)
        col: np.ndarray = np.tile(np.array([6, 5, 7]), K)
        keep = np.empty(3 * K, bool)
        for j, (k, c, nm, xx, yy, ok) in enumerate((
                (self.origin_kind, self.origin, self.origin_name, self.ox, self.oy, self.origin_recorded),
                (self.dest_kind, self.dest, self.dest_name, self.dx, self.dy, self.dest_recorded),
                (np.full(len(self), "port", object), self.port, self.port_name, self.px, self.py, self.has_port))):
            kind[j::3], code[j::3], name[j::3] = k[idx], c[idx], nm[idx]
            x[j::3], y[j::3], keep[j::3] = xx[idx], yy[idx], ok[idx]
        node: np.ndarray = np.empty(3 * K, np.int64)
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
    def with_width_max(self, value_max: float) -> "FlowSet":
        """The same flows with the width scale fitted to ``value_max`` (a played period's
        widest leg) instead of this set's own widest leg."""
        ws = self.width_scale
        o = self.options
        fitted = WidthScale.fit(float(value_max), o.max_width_px if o else 26.0, ws.units, ws.period,
                                o.min_width_px if o else ws.min_px)
        return replace(self, width_scale=fitted, _geom={})

    def geometry(self, scale: float) -> FlowGeometry:
        """Band outlines at ``scale`` metres/pixel (cached per scale; pans reuse it)."""
        key = round(float(scale), 6)
        g = self._geom.get(key)
        if g is None:
            if len(self._geom) > 8:
                for k in [k for k in self._geom if not isinstance(k, str)]:
                    del self._geom[k]
            g = self._geom[key] = flow_geometry(self, float(scale))
        return g


def _empty_str(n=0):
    return np.array([""] * n, dtype=object)


def make_flowset(cols: dict, options: FlowOptions, total_value: float, unlocated: tuple,
                  period: str, units: str, source: str, caveats: list, kind: str,
                  partner: str = "MX") -> FlowSet:
    n = len(cols["value"])
    order = np.lexsort((np.arange(n), -np.asarray(cols["value"], float)))
    arr: dict[str, np.ndarray] = {}
    for k in STR_FIELDS:
        arr[k] = np.asarray(cols[k], dtype=object)[order] if n else _empty_str()
    for k in NUM_FIELDS:
        if k == "share":
            continue
        arr[k] = np.asarray(cols[k], float)[order] if n else np.zeros(0)
    for k in BOOL_FIELDS:
        arr[k] = np.asarray(cols[k], bool)[order] if n else np.zeros(0, bool)
    for k in INT_FIELDS:
        arr[k] = np.asarray(cols[k], np.int64)[order] if n else np.zeros(0, np.int64)
    arr["share"] = arr["value"] / total_value if total_value else np.zeros(n)
    ucount, uvalue, reasons = unlocated
    fs = FlowSet(**arr, shown=np.ones(n, bool), colour=_empty_str(n), options=options,
                 remainder=Remainder(total_value, 0, 0.0, ucount, uvalue, reasons),
                 width_scale=WidthScale(0.0, 0.0), total_value=float(total_value), period=period,
                 units=units, source=source, caveats=list(caveats), kind=kind, partner=partner, _geom={})
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
    legs = leg_totals(fs, shown)
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
