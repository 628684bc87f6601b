"""Exposure: how much of the company's cross-border business depends on each land port, each
Mexican state and each manufacturing cluster, and the facilities behind it.

The value of a cross-border lane (its annual value, US$) counts at the port it is routed
through (:func:`geo.network.lanes.route_all`), at the Mexican state of its Mexican facility and
at that facility's cluster (:data:`ZONE_KM`, :func:`zone_of`). Per-port shares are of the whole
cross-border value, with the lanes that could not be routed as a row of their own, so the
shares always sum to 100%. A port carrying :data:`SINGLE_PORT_SHARE` or more of it is flagged.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np

from geo.core.messages import Message, msg
from geo.data.places import fold
from geo.network.lanes import Port, Route, great_circle_km, route_all
from geo.network.model import Facility, Network, no_gc

__all__ = ["ExposureRow", "Exposure", "ExposureIndex", "exposure", "zone_of", "zones_of", "ZONE_KM",
           "SINGLE_PORT_SHARE", "UNROUTED"]

#: a Mexican facility outside every cluster's municipalities belongs to the nearest cluster this close
ZONE_KM = 50.0
#: a port carrying at least this share of the cross-border value is a single-crossing dependence
SINGLE_PORT_SHARE = 0.5
#: the key of the row of cross-border lanes without a port
UNROUTED = ""


@dataclass
class ExposureRow:
    key: str                     # port code, state code or cluster id ("" : not routed / none)
    name: str
    value: float = 0.0
    share: float = 0.0
    lanes: int = 0
    behind: set[str] | Callable[[], set[str]] = field(default_factory=set, repr=False, compare=False)

    @property
    def facilities(self) -> set[str]:
        """The ids of the facilities behind this row's lanes (worked out when first asked)."""
        if callable(self.behind):
            self.behind = self.behind()
        return self.behind

    def as_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "value": self.value, "share": self.share, "lanes": self.lanes,
                "facilities": sorted(self.facilities)}


@dataclass
class Exposure:
    total: float                              # the cross-border value (US$ a year)
    lanes: int                                # cross-border lanes
    ports: list[ExposureRow]
    states: list[ExposureRow]
    zones: list[ExposureRow]
    routes: dict[str, Route]
    messages: list[Message]

    def as_dict(self) -> dict:
        return {"cross_border_value": self.total, "cross_border_lanes": self.lanes,
                "ports": [r.as_dict() for r in self.ports], "mx_states": [r.as_dict() for r in self.states],
                "zones": [r.as_dict() for r in self.zones],
                "messages": [m.english() for m in self.messages],
                "zone_rule": msg("network.exposure.zone_rule", km=int(ZONE_KM)).english()}


@functools.lru_cache(maxsize=1)
def _clusters():
    from geo.data.bundled import read_point_table

    z = read_point_table("industrial_zones")
    z = z[z["kind"] == "cluster"]
    munis = {}
    for zid, st, m in zip(z["zone_id"], z["state_code"], z["municipality"]):
        for name in str(m or "").split(";"):
            if name.strip():
                munis[(str(st), fold(name))] = str(zid)
    return (munis, z["zone_id"].astype(str).tolist(), z["name"].astype(str).tolist(),
            z["lon"].to_numpy(float), z["lat"].to_numpy(float))


def zone_of(f: Facility) -> str:
    """The cluster id a Mexican facility belongs to (``""``: none), by the rule of
    ``network.exposure.zone_rule``."""
    if f.country != "MX" or not f.placed:
        return ""
    munis, ids, _names, lons, lats = _clusters()
    hit = munis.get((f.state, _fold(f.city)))
    if hit:
        return hit
    if not len(ids):
        return ""
    d = great_circle_km(f.lon, f.lat, lons, lats)
    i = int(np.argmin(d))
    return ids[i] if d[i] <= ZONE_KM else ""


def zones_of(facilities) -> dict[str, str]:
    """:func:`zone_of` for many facilities at once (facility id -> cluster id, "" for none)."""
    munis, ids, _names, lons, lats = _clusters()
    out: dict[str, str] = {}
    rest: list[Facility] = []
    for f in facilities:
        if f.country != "MX" or f.lon is None or f.lat is None:
            out[f.id] = ""
            continue
        hit = munis.get((f.state, _fold(f.city)))
        if hit:
            out[f.id] = hit
        else:
            rest.append(f)
    if rest and len(ids):
        flon = np.array([f.lon for f in rest])[:, None]
        flat = np.array([f.lat for f in rest])[:, None]
        d = great_circle_km(flon, flat, lons[None, :], lats[None, :])
        best = np.argmin(d, axis=1)
        near = d[np.arange(len(rest)), best] <= ZONE_KM
        for f, b, ok in zip(rest, best.tolist(), near.tolist()):
            out[f.id] = ids[b] if ok else ""
    else:
        out.update((f.id, "") for f in rest)
    return out


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return fold(text)


def _state_names() -> dict[str, str]:
    from geo.data.places import places

    pl = places()
    out = {}
    for code in ("AG BC BS CM CS CH CO CL DF DG GT GR HG JA MX MI MO NA NL OA PU QT QR SL SI SO TB TM TL VE YU "
                 "ZA").split():
        p = pl.get("mx_state", code)
        out[code] = p.name if p else code
    return out


def exposure(network: Network, ports: Sequence[Port], routes: Mapping[str, Route] | None = None, *,
             progress: Callable[[int, int], bool | None] | None = None) -> Exposure:
    """The exposure of ``network`` (``routes`` from :func:`route_all` when already known;
    ``progress`` as :func:`route_all` takes it while routing)."""
    return ExposureIndex(network, ports, routes, progress=progress).exposure()


class ExposureIndex:
    """The cross-border lanes of a network as arrays, prepared once: :meth:`exposure`
    recomputes from them, and :meth:`set_port` / :meth:`set_value` change one lane (a port
    assigned, a value edited) without preparing again."""

    def __init__(self, network: Network, ports: Sequence[Port], routes: Mapping[str, Route] | None = None, *,
                 progress: Callable[[int, int], bool | None] | None = None):
        import pandas as pd

        with no_gc():
            facs = network.facilities
            routes = dict(routes) if routes is not None else route_all(network.lanes.values(), facs, ports,
                                                                        progress=progress)
            self.routes = routes
            self.port_names = {p.code: p.name for p in ports}
            cb = [(ln, r) for ln in network.lanes.values() if (r := routes.get(ln.id)) is not None and r.cross_border]
            country = {fid: f.country for fid, f in facs.items()}
            fr = [ln.from_id for ln, _ in cb]
            to = [ln.to_id for ln, _ in cb]
            mx = [a if country.get(a) == "MX" else (b if country.get(b) == "MX" else "") for a, b in zip(fr, to)]
            self.n = n = len(cb)
            self.lane_ids = [ln.id for ln, _ in cb]
            self.lane_pos = {lid: i for i, lid in enumerate(self.lane_ids)}
            self.values = np.fromiter((float(ln.value or 0.0) for ln, _ in cb), float, n)
            pc, pk = pd.factorize(np.array([r.port or UNROUTED for _, r in cb], dtype=object))
            self.port_codes = pc.astype(np.int64)
            self.port_keys: list[str] = [str(k) for k in pk]
            self._static: tuple[list[ExposureRow], list[ExposureRow]] | None = None
            self.why = next((r.why for _, r in cb if not r.port and r.why is not None), None)
            zone = zones_of(facs[i] for i in set(mx) if i)
            mx_arr = np.array(mx, dtype=object)
            self.has_mx = mx_arr != ""
            self.state = np.array([facs[i].state if i else "" for i in mx], dtype=object)
            self.zone = np.array([zone.get(i, "") for i in mx], dtype=object)
            codes, names = pd.factorize(np.concatenate([np.array(fr, dtype=object), np.array(to, dtype=object),
                                                        mx_arr]))
            self.fac_names = [str(x) for x in names]
            self.nf = max(len(names), 1)
            self.fcodes = {"fr": codes[:n].astype(np.int64), "to": codes[n:2 * n].astype(np.int64),
                           "mx": codes[2 * n:].astype(np.int64)}
            self.state_codes = pd.factorize(self.state[self.has_mx])
            self.zone_codes = pd.factorize(self.zone[self.has_mx])
            _, zids, znames, _, _ = _clusters()
            self.zone_names = dict(zip(zids, znames))

    def set_port(self, lane_id: str, port_code: str) -> None:
        key = port_code or UNROUTED
        if key not in self.port_keys:
            self.port_keys.append(key)
        self.port_codes[self.lane_pos[lane_id]] = self.port_keys.index(key)

    def set_value(self, lane_id: str, value: float | None) -> None:
        self.values[self.lane_pos[lane_id]] = float(value or 0.0)
        self._static = None       # the state and zone figures change too

    def _rows(self, codes, keys, keep, ends: list[str], namer: Mapping[str, str], total: float) -> list[ExposureRow]:
        if not len(keys):
            return []
        vals = self.values if keep is None else self.values[keep]
        sums = np.bincount(codes, weights=vals, minlength=len(keys))
        counts = np.bincount(codes, minlength=len(keys))
        ends_codes = [self.fcodes[e] if keep is None else self.fcodes[e][keep] for e in ends]
        names, n = self.fac_names, self.n

        snapshot = codes.copy()          # a later set_port must not change what these rows say

        def behind(j: int) -> Callable[[], set[str]]:
            def work() -> set[str]:
                m = snapshot == j
                return {names[i] for i in np.unique(np.concatenate([e[m] for e in ends_codes])).tolist()}
            return work

        out = []
        for j, k in enumerate(keys):
            v, c = float(sums[j]), int(counts[j])
            share = v / total if total > 0 else (c / n if n else 0.0)
            out.append(ExposureRow(str(k), namer.get(str(k), str(k)), v, share, c, behind(j)))
        return sorted(out, key=lambda r: (-r.value, r.key))

    def exposure(self) -> Exposure:
        total = float(self.values.sum())
        by_port = [r for r in self._rows(self.port_codes, self.port_keys, None, ["fr", "to"], self.port_names,
                                         total) if r.lanes]
        if self._static is None:       # a port assigned changes neither
            sc, sk = self.state_codes
            zc, zk = self.zone_codes
            self._static = (self._rows(sc, sk, self.has_mx, ["mx"], _state_names(), total),
                            self._rows(zc, zk, self.has_mx, ["mx"], self.zone_names, total))
        by_state, by_zone = self._static
        messages: list[Message] = []
        routed = [r for r in by_port if r.key != UNROUTED]
        if routed and total > 0 and routed[0].share >= SINGLE_PORT_SHARE:
            messages.append(msg("network.exposure.single_port", "warning", share_share=routed[0].share,
                                port=routed[0].name))
        unrouted = [r for r in by_port if r.key == UNROUTED]
        if unrouted and self.why is not None:
            messages.append(msg("network.exposure.unrouted", "warning", count_n=unrouted[0].lanes,
                                value_usd=unrouted[0].value, reason_msg=self.why))
        return Exposure(total, self.n, by_port, by_state, by_zone, self.routes, messages)
