"""Building flow sets from BTS DOT1 triples: :func:`build_flows` and :class:`FlowCatalog`
(the month-independent part, reused for playback), with the stubs drawn for origins and
destinations that are not recorded.
"""
from __future__ import annotations

import math

import numpy as np

from geo.data.codes import code_tables
from geo.flows.anchors import COUNTRY_ANCHOR, Anchors, Place, load_anchors
from geo.flows.flowset import BOOL_FIELDS, INT_FIELDS, NUM_FIELDS, STR_FIELDS, FlowSet, make_flowset
from geo.flows.options import UNITS, FlowOptions, period_label_from_plan

STUB_KM = 140.0


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
        partner_name = COUNTRY_ANCHOR[partner][2]
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
        us_codes, mx_codes = [str(x) for x in US], [str(x) for x in MX]

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

        us_end = ends(f_us, place_table(us_codes, "us_state"), cxy["US"], "US?", "United States (state not recorded)",
                      "us_state", 1)
        far_end = ends(f_mx, place_table(mx_codes, partner_kind), cxy[partner], partner + "?",
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
            cols: dict[str, np.ndarray] = {k: np.zeros(0) for k in STR_FIELDS + NUM_FIELDS + BOOL_FIELDS + INT_FIELDS}
            return make_flowset(cols, options, 0.0, (0, 0.0, {}), period, UNITS, source, caveats,
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
        return make_flowset(cols, options, total, unlocated, period, UNITS, source, caveats, "trade",
                             self.partner)


def _stub(port: Place, toward: tuple[float, float]) -> tuple[float, float]:
    """A point STUB_KM from the port in the direction of ``toward`` (a country's heartland)."""
    vx, vy = toward[0] - port.x, toward[1] - port.y
    d = math.hypot(vx, vy) or 1.0
    L = min(STUB_KM * 1000.0, 0.5 * d) if d > 1000 else STUB_KM * 1000.0
    return port.x + vx / d * L, port.y + vy / d * L
