"""The company network on the map (no Qt): its facilities as a point layer, its cross-border
lanes as a :class:`geo.flows.FlowSet` routed through their land port (drawn by the flow
painter like the public flows), ports sized by the company's exposure, and the display
options as a session part (``network_display``). Also :class:`NetworkHistory`: the network
the window holds, with the previous ones kept so an import can be undone.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

import numpy as np

from geo.core.messages import Message, msg
from geo.core.parts import dataclass_part, register_part
from geo.flows.flowset import FlowSet, make_flowset
from geo.flows.options import FlowOptions
from geo.layers.stack import LabelSpec, Layer, Style
from geo.network.exposure import Exposure, ExposureIndex
from geo.network.lanes import Port, Route, route_all
from geo.network.model import FACILITY_TYPES, Network
from geo.network.profile_figures import CompanyIndex

__all__ = ["NetworkDisplay", "NETWORK_DISPLAY", "FACILITY_LAYER_ID", "TYPE_COLOURS", "LANE_COLOURS", "facilities_layer",
           "lane_flowset", "lane_tooltip", "exposure_theme", "NetworkHistory", "ANONYMISE", "NetworkFigures", "compute"]

FACILITY_LAYER_ID = "company_facilities"
ANONYMISE = ("", "id", "type")
#: facility type -> fill colour (other types: grey)
TYPE_COLOURS: dict[str, str] = {"supplier": "#1f77b4", "plant": "#d62728", "warehouse": "#9467bd",
                                "customer": "#2ca02c"}
OTHER_TYPE_COLOUR = "#7f7f7f"
#: the facilities always drawn (largest lane value first); the next ones from 1,500 m/px
#: (a state), the rest from 400 m/px (a metropolitan area): at small scales the map shows the
#: largest sites, not 50,000 overlapping dots
ALWAYS_SHOWN = 500
REGION_SHOWN = 10000
REGION_SCALE = 1500.0
LOCAL_SCALE = 400.0
#: names of the largest facilities show at any scale, the next ones when zoomed in
ALWAYS_LABELLED = 40
LABEL_SCALE = 800.0
CLOSE_LABEL_SCALE = 150.0
#: the lanes drawn as flows: the largest ones (the rest are counted as hidden in the flow
#: set's remainder, as the public flows' top N are); None draws all
LANES_SHOWN = 500
#: lane modes -> the BTS mode codes the flow colours are keyed by
_MODE_CODES = {"truck": "5", "rail": "6", "vessel": "1", "air": "3", "pipeline": "7"}
#: the company's lanes by mode: ink and graphite with a white casing (desktop.canvas.lane_overlay),
#: apart from every hue on the map (the public flows' mode colours, the states' shading, the
#: ports' red, the zones' purple), so both overlays read at once
LANE_COLOURS: dict[str, str] = {"truck": "#1a1a1a", "rail": "#5c5c5c", "vessel": "#3b3b3b", "air": "#7a7a7a",
                                "pipeline": "#2e2e2e", "other": "#4a4a4a"}
OTHER_LANE_COLOUR = "#4a4a4a"


@dataclass(frozen=True)
class NetworkDisplay:
    """What the map shows of the company network: ``visible`` (the facilities);
    ``size_ports_by_exposure`` (port symbols sized by the company's cross-border value instead
    of public trade); ``anonymise`` (``""`` names, ``"id"`` or ``"type"`` in place of facility
    names); ``lanes`` (the cross-border lanes drawn over the public trade flows, in their own
    colours)."""

    visible: bool = True
    size_ports_by_exposure: bool = False
    anonymise: str = ""
    lanes: bool = False            # the cross-border lanes drawn over the public trade flows

    def __post_init__(self):
        if self.anonymise not in ANONYMISE:
            raise ValueError(f"anonymise must be one of {ANONYMISE}, not {self.anonymise!r}")


NETWORK_DISPLAY = register_part(dataclass_part("network_display", NetworkDisplay))


def _facility_weights(network: Network, ids: Sequence[str]) -> np.ndarray:
    """Each facility's lane value (in and out), in the order of ``ids``: what ranks it for
    drawing at small scales (one dictionary look-up per lane end, the sums by numpy)."""
    n = len(ids)
    lanes = network.lanes.values()
    if not lanes or not n:
        return np.zeros(n)
    pos = {fid: i for i, fid in enumerate(ids)}
    get = pos.get
    m = len(lanes)
    a = np.fromiter((get(ln.from_id, n) for ln in lanes), np.int64, m)
    b = np.fromiter((get(ln.to_id, n) for ln in lanes), np.int64, m)
    v = np.fromiter((ln.value or 0.0 for ln in lanes), float, m)
    return np.bincount(np.concatenate([a, b]), weights=np.concatenate([v, v]), minlength=n + 1)[:n]


def facilities_layer(network: Network, anonymise: str = "") -> Layer:
    """The placed facilities as a point layer in the map CRS, coloured by type (supplier,
    plant, warehouse, customer, other), labelled with their names unless ``anonymise`` is
    ``"id"`` or ``"type"`` (then not labelled, and named by id or type in tooltips)."""
    import geopandas as gpd
    import pandas as pd

    from geo.core.projection import to_map

    net = network.anonymised(anonymise) if anonymise else network
    placed = [f for f in net.facilities.values() if f.placed]
    lon = np.fromiter((f.lon for f in placed), float, len(placed))
    lat = np.fromiter((f.lat for f in placed), float, len(placed))
    x, y = to_map(lon, lat) if len(placed) else (np.zeros(0), np.zeros(0))
    weight = _facility_weights(network, [f.id for f in placed])
    rank = np.empty(len(placed), np.int64)
    rank[np.argsort(-weight, kind="stable")] = np.arange(len(placed))
    show = np.where(rank < ALWAYS_SHOWN, np.inf, np.where(rank < REGION_SHOWN, REGION_SCALE, LOCAL_SCALE))
    label_scale = np.where(rank < ALWAYS_LABELLED, np.inf, np.where(rank < ALWAYS_SHOWN, LABEL_SCALE,
                                                                     CLOSE_LABEL_SCALE))
    df = pd.DataFrame({"id": [f.id for f in placed], "name": [f.name or f.id for f in placed],
                       "type": [f.type or "other" for f in placed], "country": [f.country for f in placed],
                       "state": [f.state for f in placed], "lane_value": weight, "show_scale": show,
                       "label_scale": label_scale})
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(x, y), crs=None)
    style = Style(fill=OTHER_TYPE_COLOUR, stroke="#ffffff", stroke_width=0.8, radius=4.0, fill_by="type",
                  palette=tuple((t, TYPE_COLOURS[t]) for t in FACILITY_TYPES), symbol="diamond")
    label = None if anonymise else LabelSpec(field="name", priority="lane_value", size=8.0,
                                             max_scale_field="label_scale")
    return Layer(FACILITY_LAYER_ID, msg("network.layer.facilities").english(), "point", {0: gdf}, style,
                 label=label, blocks_labels=False, name_field="name",
                 fields=("id", "name", "type", "state", "country", "lane_value"), show_scale_field="show_scale",
                 legend_title=msg("network.layer.facilities"),
                 legend_entries=tuple((t, TYPE_COLOURS[t]) for t in FACILITY_TYPES) + (("other", OTHER_TYPE_COLOUR),))


def lane_flowset(network: Network, ports: Sequence[Port], routes: Mapping[str, Route] | None = None,
                 options: FlowOptions | None = None, anonymise: str = "") -> FlowSet:
    """The company's cross-border lanes as a flow set: a routed lane is two legs through its
    port, an unrouted one (no port handles its mode) one leg; a lane whose facility has no
    position is left out and counted as not located. ``total_value`` is the lanes'
    cross-border value (as :class:`~geo.network.exposure.Exposure` counts it). The largest
    :data:`LANES_SHOWN` are drawn (``options.top_n``); the rest are counted as hidden."""
    from geo.core.projection import to_map

    options = options or FlowOptions(top_n=LANES_SHOWN, show_labels_top_k=0)
    routes = routes if routes is not None else route_all(network.lanes.values(), network.facilities, ports)
    net = network.anonymised(anonymise) if anonymise else network
    facs = list(net.facilities.values())
    fac_index = {f.id: i for i, f in enumerate(facs)}
    nf = len(facs)
    placed = np.fromiter((f.placed for f in facs), bool, nf)
    flon = np.fromiter((f.lon if f.lon is not None else 0.0 for f in facs), float, nf)
    flat = np.fromiter((f.lat if f.lat is not None else 0.0 for f in facs), float, nf)
    fx, fy = to_map(flon, flat) if nf else (np.zeros(0), np.zeros(0))
    fname = np.array([f.name or f.id for f in facs] + [""], dtype=object)
    fid = np.array([f.id for f in facs] + [""], dtype=object)
    fus = np.array([f.country == "US" for f in facs] + [False], bool)
    port_list = list(ports)
    port_index = {p.code: i for i, p in enumerate(port_list)}
    np_ = len(port_list)
    px_all, py_all = to_map(np.array([p.lon for p in port_list], float), np.array([p.lat for p in port_list], float)) \
        if np_ else (np.zeros(0), np.zeros(0))
    pcode = np.array([p.code for p in port_list] + [""], dtype=object)
    pname = np.array([p.name for p in port_list] + [""], dtype=object)
    oi: list[int] = []
    di: list[int] = []
    pi: list[int] = []
    vals: list[float] = []
    modes: list[str] = []
    ids: list[str] = []
    total = 0.0
    for ln in network.lanes.values():
        r = routes.get(ln.id)
        if r is None or not r.cross_border:
            continue
        v = float(ln.value or 0.0)
        total += v
        oi.append(fac_index.get(ln.from_id, nf))
        di.append(fac_index.get(ln.to_id, nf))
        pi.append(port_index.get(r.port, np_))
        vals.append(v)
        modes.append(ln.mode)
        ids.append(ln.id)
    o, d, pp = np.array(oi, np.int64), np.array(di, np.int64), np.array(pi, np.int64)
    value = np.array(vals, float)
    placed_ext = np.append(placed, False)
    ok = placed_ext[o] & placed_ext[d] if len(o) else np.zeros(0, bool)
    unlocated, unlocated_value = int((~ok).sum()), float(value[~ok].sum())
    o, d, pp, value = o[ok], d[ok], pp[ok], value[ok]
    mode_arr = np.array(modes, dtype=object)[ok] if len(modes) else np.zeros(0, dtype=object)
    n = len(o)
    has_port = pp < np_
    pxe, pye = np.append(px_all, np.nan), np.append(py_all, np.nan)
    fxe, fye = np.append(fx, np.nan), np.append(fy, np.nan)
    mode_code = np.array([_MODE_CODES.get(m, "") for m in mode_arr], dtype=object)
    cols: dict = {
        "origin": fid[o], "origin_name": fname[o], "origin_kind": np.full(n, "facility", dtype=object),
        "dest": fid[d], "dest_name": fname[d], "dest_kind": np.full(n, "facility", dtype=object),
        "port": pcode[pp], "port_name": pname[pp], "mode": mode_code, "mode_name": mode_arr,
        "direction": np.where(fus[o], "export", "import").astype(object),
        "label": np.array(ids, dtype=object)[ok] if len(ids) else np.zeros(0, dtype=object),
        "value": value, "share": np.zeros(n), "ox": fxe[o], "oy": fye[o], "dx": fxe[d], "dy": fye[d],
        "px": pxe[pp], "py": pye[pp], "origin_recorded": np.ones(n, bool), "dest_recorded": np.ones(n, bool),
        "has_port": has_port, "o_node": o, "d_node": d, "p_node": np.where(has_port, nf + pp, 0),
    }
    reasons = {"no position": unlocated} if unlocated else {}
    fs = make_flowset(cols, options, total, (unlocated, unlocated_value, reasons), "", "US$",
                      "company network", [], "od")
    # the company's own colours (by lane mode), not the public flows' palette
    import pandas as pd

    colour = pd.Series(fs.mode_name, dtype=object).map(LANE_COLOURS).fillna(OTHER_LANE_COLOUR).to_numpy(object)
    return replace(fs, colour=colour, _geom={})

def lane_tooltip(fs: FlowSet, i: int) -> list[Message]:
    """Lane ``i`` of a :func:`lane_flowset` for its tooltip, one message per line: the lane,
    its route through the port, its mode, annual value and share of the cross-border value."""
    route = msg("network.lanes.tip.route", origin=str(fs.origin_name[i]), port=str(fs.port_name[i]),
                dest=str(fs.dest_name[i])) if fs.has_port[i] else \
        msg("network.lanes.tip.unrouted", origin=str(fs.origin_name[i]), dest=str(fs.dest_name[i]))
    return [msg("network.lanes.tip.title", id=str(fs.label[i])), route,
            msg("network.lanes.tip.value", mode=str(fs.mode_name[i]), value_usd=float(fs.value[i]),
                share_share=float(fs.share[i]))]


def exposure_theme(theme, exp: Exposure):
    """``theme`` (a :class:`geo.styles.thematic.Theme`) with the port values replaced by the
    company's cross-border value through each port and a legend title saying so."""
    values = {r.key: float(r.value) for r in exp.ports if r.key and r.value > 0}
    return replace(theme, port_values=values, port_title=msg("network.port_title.exposure"), port_unit="US$",
                   port_max=None)


class NetworkHistory:
    """The network the window holds, and the ones it replaced (newest last) so an import can
    be undone; ``modified`` while the current network is not the one last saved or opened."""

    def __init__(self, network: Network | None = None):
        self.current = network if network is not None else Network()
        self.previous: list[Network] = []
        self.saved: Network | None = self.current

    @property
    def can_undo(self) -> bool:
        return bool(self.previous)

    @property
    def modified(self) -> bool:
        return self.current is not self.saved

    def mark_saved(self) -> None:
        self.saved = self.current

    def replace(self, network: Network) -> Network:
        self.previous.append(self.current)
        self.current = network
        return network

    def undo(self) -> Network:
        """Back to the network before the last replacement (nothing to undo: unchanged)."""
        if self.previous:
            self.current = self.previous.pop()
        return self.current

    def reset(self, network: Network | None = None) -> None:
        """A project opened or started: its network, nothing to undo, saved."""
        self.current = network if network is not None else Network()
        self.previous.clear()
        self.saved = self.current


@dataclass
class NetworkFigures:
    """What the window shows of one network, computed together off the GUI thread
    (:func:`compute`): the routes, the exposure (with its prepared arrays, so a port assigned
    recomputes in milliseconds), the cross-border lanes as a flow set, the profile panel's
    index, and the facilities layer when asked for. ``ports`` and ``anonymise`` are what it was
    computed for."""

    network: Network
    ports: Sequence[Port]
    anonymise: str
    routes: Mapping[str, Route]
    index: ExposureIndex
    exposure: Exposure
    flowset: FlowSet | None
    company: CompanyIndex
    layer: Layer | None = None


def compute(network: Network, ports: Sequence[Port], anonymise: str = "", *, previous: NetworkFigures | None = None,
            layer: bool = False, progress=None) -> NetworkFigures:
    """The figures of ``network`` (see :class:`NetworkFigures`; with ``layer`` the facilities
    layer too). What ``previous`` already holds for the same network and ports (routes,
    exposure) or the same names (lanes, profile index) is reused. ``progress(done, total)`` is
    told as it goes; returning False raises :class:`~geo.network.model.Cancelled`."""
    from geo.network.model import Steps

    nl = len(network.lanes)
    steps = Steps(progress, {"layer": len(network.facilities) // 4 + (nl // 2 if layer else 0), "route": 2 * nl,
                             "exposure": nl, "flows": nl, "index": nl // 2})
    steps("layer")
    shown = facilities_layer(network, anonymise) if layer and network.facilities else None
    same = previous is not None and previous.network is network and previous.ports is ports
    steps("route")
    if same:
        assert previous is not None
        routes, index, exp = previous.routes, previous.index, previous.exposure
    else:
        routes = route_all(network.lanes.values(), network.facilities, ports, progress=steps.stage("route"))
        steps("exposure")
        index = ExposureIndex(network, ports, routes)
        exp = index.exposure()
    steps("flows")
    if same and previous is not None and previous.anonymise == anonymise:
        fs, company = previous.flowset, previous.company
    else:
        fs = lane_flowset(network, ports, routes, anonymise=anonymise) if network.lanes else None
        steps("index")
        company = CompanyIndex(network, exp, index, network.anonymised(anonymise) if anonymise else None)
    steps("index", nl // 2)
    return NetworkFigures(network, ports, anonymise, routes, index, exp, fs, company, shown)
