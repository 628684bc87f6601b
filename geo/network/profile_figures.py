"""The company's figures beside the public ones in a drill-down profile (issue 15): for a land
port, the company's cross-border value through it, its share of the company's cross-border
value and the facilities and lanes behind it; for a Mexican state and an industrial zone, the
company's facilities there and its cross-border value by the exposure's rule (a lane counts for
the state and the cluster of its Mexican facility, :data:`geo.network.exposure.ZONE_KM`); an
industrial park shows the figures of the cluster it lies in.

:class:`CompanyIndex` is built once per network and exposure (off the GUI thread, with the
exposure) on the exposure's prepared arrays, so a click answers with array look-ups:
:meth:`CompanyIndex.figures` gives a :class:`CompanyFigures` (labels and values as messages,
the facilities and lanes as data) or None when the company has nothing to say about that kind
of place.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from geo.core.messages import Message, msg
from geo.network.exposure import UNROUTED, ZONE_KM, Exposure, ExposureIndex, ExposureRow, zones_of
from geo.network.model import Facility, Lane, Network

__all__ = ["CompanyFigure", "CompanyFigures", "CompanyIndex", "LIST_LIMIT"]

#: facilities and lanes listed in a panel (the rest are counted)
LIST_LIMIT = 12


@dataclass(frozen=True)
class CompanyFigure:
    key: str                 # value | share | lanes | facilities | rank
    label: Message
    display: Message
    value: float             # the number shown (US$, a share 0..1, a count)


@dataclass
class CompanyFigures:
    """What the company's section of a profile shows."""

    ref: tuple[str, str]
    figures: list[CompanyFigure]
    facilities: list[Facility]           # the largest first (by cross-border value), at most LIST_LIMIT
    facilities_total: int
    lanes: list[Lane]                    # the largest first, at most LIST_LIMIT
    lanes_total: int
    notes: list[Message] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)   # facility id -> the name shown (lanes' ends)

    def figure(self, key: str) -> CompanyFigure | None:
        return next((f for f in self.figures if f.key == key), None)


class CompanyIndex:
    """The company's figures by place, for the profile panel: on the arrays the exposure
    prepared (:class:`~geo.network.exposure.ExposureIndex`, one entry per cross-border lane),
    so building it costs a pass over the facilities and a click a few array comparisons.
    ``names`` (an anonymised copy of the network, optional) gives the facility names to show."""

    def __init__(self, network: Network, exp: Exposure, index: ExposureIndex, names: Network | None = None):
        self.network = network
        self.exposure = exp
        self.index = index
        self.names = names.facilities if names is not None else network.facilities
        ix = index
        # each facility's cross-border lane value (what orders the lists), by the index's codes
        self.sums = np.zeros(ix.nf)
        for end in ("fr", "to"):
            self.sums += np.bincount(ix.fcodes[end], weights=ix.values, minlength=ix.nf)[:ix.nf]
        value = dict(zip(ix.fac_names, self.sums.tolist()))
        mexican = [f for f in network.facilities.values() if f.country == "MX"]
        by_state: dict[str, list[str]] = {}
        for f in mexican:
            if f.state:
                by_state.setdefault(f.state, []).append(f.id)
        by_zone: dict[str, list[str]] = {}
        for fid, zone in zones_of(mexican).items():
            if zone:
                by_zone.setdefault(zone, []).append(fid)
        # place -> (facility ids, their cross-border value) as arrays, for a top-N at a click
        self.by_state = {k: self._group(v, value) for k, v in by_state.items()}
        self.by_zone = {k: self._group(v, value) for k, v in by_zone.items()}
        self.rows = {"port": {r.key: r for r in exp.ports}, "state": {r.key: r for r in exp.states},
                     "zone": {r.key: r for r in exp.zones}}
        self.routed_ports = [r.key for r in exp.ports if r.key != UNROUTED]

    @staticmethod
    def _group(ids: list[str], value: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        return np.array(ids, dtype=object), np.fromiter((value.get(i, 0.0) for i in ids), float, len(ids))

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def _top(values: np.ndarray) -> np.ndarray:
        """Positions of the :data:`LIST_LIMIT` largest ``values``, largest first."""
        k = min(LIST_LIMIT, len(values))
        if not k:
            return np.zeros(0, np.int64)
        part = np.argpartition(-values, k - 1)[:k] if len(values) > k else np.arange(len(values))
        return part[np.argsort(-values[part], kind="stable")]

    def _facilities(self, ids: np.ndarray, values: np.ndarray) -> list[Facility]:
        """The :data:`LIST_LIMIT` facilities of ``ids`` with the most cross-border value."""
        names = self.names
        return [names[i] for i in ids[self._top(values)].tolist() if i in names]

    def _lanes(self, mask: np.ndarray) -> tuple[list[Lane], int]:
        """The largest :data:`LIST_LIMIT` cross-border lanes of ``mask`` and how many there are."""
        ix = self.index
        pos = np.flatnonzero(mask)
        top = pos[self._top(ix.values[pos])]
        lanes = self.network.lanes
        return [lanes[ix.lane_ids[i]] for i in top.tolist()], len(pos)

    def _port_mask(self, code: str) -> np.ndarray:
        ix = self.index
        if code not in ix.port_keys:
            return np.zeros(ix.n, bool)
        return ix.port_codes == ix.port_keys.index(code)

    def _mx_mask(self, arr: np.ndarray, key: str) -> np.ndarray:
        out = np.zeros(self.index.n, bool)
        out[self.index.has_mx] = arr[self.index.has_mx] == key
        return out

    def _value_figures(self, row: ExposureRow | None, value_label: str) -> list[CompanyFigure]:
        total = self.exposure.total
        v = row.value if row is not None else 0.0
        share = row.share if row is not None else 0.0
        n = row.lanes if row is not None else 0
        return [CompanyFigure("value", msg(value_label), msg("network.profile.usd_year", value_usd=v), v),
                CompanyFigure("share", msg("network.profile.share"),
                              msg("network.profile.share_of", share_share=share, total_usd=total), share),
                CompanyFigure("lanes", msg("network.profile.lanes"), msg("network.profile.count", value_n=n), n)]

    # -- the figures of a place -------------------------------------------------------------
    def figures(self, ref) -> CompanyFigures | None:
        """The company's figures for profile ``ref`` (``("port", "2304")``, ``("mx-state",
        "NL")``, ``("zone", "cluster-monterrey")``); None for other kinds."""
        kind, fid = str(ref[0]), str(ref[1])
        out: CompanyFigures | None = None
        if kind == "port":
            out = self._port(fid)
        elif kind == "mx-state":
            out = self._state(fid.upper())
        elif kind == "zone":
            out = self._zone(fid)
        if out is not None:
            ends = {i for ln in out.lanes for i in (ln.from_id, ln.to_id)}
            out.names = {i: (self.names[i].name or i) if i in self.names else i for i in ends}
        return out

    def _port(self, code: str) -> CompanyFigures:
        row = self.rows["port"].get(code)
        figs = self._value_figures(row, "network.profile.port_value")
        mask = self._port_mask(code)
        lanes, n_lanes = self._lanes(mask)
        ix = self.index
        codes = np.unique(np.concatenate([ix.fcodes["fr"][mask], ix.fcodes["to"][mask]]))
        behind = np.array(ix.fac_names, dtype=object)[codes] if len(codes) else np.zeros(0, dtype=object)
        figs.append(CompanyFigure("facilities", msg("network.profile.port_facilities"),
                                  msg("network.profile.count", value_n=len(behind)), len(behind)))
        notes: list[Message] = []
        if row is not None and code in self.routed_ports:
            rank = self.routed_ports.index(code) + 1
            figs.append(CompanyFigure("rank", msg("network.profile.rank_label"),
                                      msg("network.profile.rank", rank_n=rank, count_n=len(self.routed_ports)), rank))
        else:
            notes.append(msg("network.profile.none_port", lanes_n=self.exposure.lanes))
        notes.append(msg("network.profile.port_rule"))
        return CompanyFigures(("port", code), figs, self._facilities(behind, self.sums[codes]), len(behind),
                              lanes, n_lanes, notes)

    def _state(self, code: str) -> CompanyFigures:
        there, values = self.by_state.get(code, self._group([], {}))
        figs = [CompanyFigure("facilities", msg("network.profile.state_facilities"),
                              msg("network.profile.count", value_n=len(there)), len(there))]
        figs += self._value_figures(self.rows["state"].get(code), "network.profile.state_value")
        lanes, n_lanes = self._lanes(self._mx_mask(self.index.state, code))
        return CompanyFigures(("mx-state", code), figs, self._facilities(there, values), len(there),
                              lanes, n_lanes, [msg("network.profile.state_rule")])

    def _zone(self, zone_id: str) -> CompanyFigures | None:
        from geo.analysis.profile import ProfileError, resolve

        try:
            feat = resolve(("zone", zone_id))
        except ProfileError:
            return None
        notes: list[Message] = []
        cluster = feat.id
        if str(feat.row.get("kind")) != "cluster":
            cluster = str(feat.row.get("cluster") or "")
            if not cluster or cluster == "nan":
                return CompanyFigures(("zone", zone_id), [], [], 0, [], 0,
                                      [msg("network.profile.no_cluster"),
                                       msg("network.exposure.zone_rule", km=int(ZONE_KM))])
            try:
                name = resolve(("zone", cluster)).name
            except ProfileError:
                name = cluster
            notes.append(msg("network.profile.park", cluster=name))
        there, values = self.by_zone.get(cluster, self._group([], {}))
        figs = [CompanyFigure("facilities", msg("network.profile.zone_facilities"),
                              msg("network.profile.count", value_n=len(there)), len(there))]
        figs += self._value_figures(self.rows["zone"].get(cluster), "network.profile.zone_value")
        notes.append(msg("network.exposure.zone_rule", km=int(ZONE_KM)))
        lanes, n_lanes = self._lanes(self._mx_mask(self.index.zone, cluster))
        return CompanyFigures(("zone", zone_id), figs, self._facilities(there, values), len(there),
                              lanes, n_lanes, notes)
