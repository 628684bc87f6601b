"""The company's lanes: importing them, re-importing by id (a :class:`~geo.network.model.Diff`
shown before it is applied), and routing a cross-border lane through a land port of entry.

A lane between a Mexican and a US (or a Canadian and a US) facility crosses at the port the
user assigned, else at the port that minimises the great-circle distance origin → port →
destination, among the ports that handle the lane's mode by the crossing counts (``Trucks``
for truck lanes, ``Trains`` for rail lanes, any count over the store's months).
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from geo.core.messages import Message, msg
from geo.data.places import fold
from geo.imports.report import Issue, issue
from geo.network.facilities import parse_number
from geo.network.model import MODES, Diff, Facility, Lane, Network, changed_fields, diff_by_id, no_gc
from geo.network.tables import RawTable, TableError, detect_mapping, read_table

__all__ = ["LANE_SYNONYMS", "LANE_FIELDS", "LaneImport", "LaneChange", "import_lanes", "check_lane_mapping", "Port",
           "land_ports", "Route", "route", "route_all", "is_cross_border", "great_circle_km", "LAND_MODES",
           "MEASURE_OF_MODE", "assign_port", "MODES"]

LANE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "lane id", "lane", "codigo", "clave"),
    "from": ("from", "from id", "from facility", "origin", "origin id", "origen", "source", "desde"),
    "to": ("to", "to id", "to facility", "destination", "destination id", "destino", "hasta"),
    "value": ("value", "annual value", "value usd", "annual value usd", "valor", "valor anual", "usd"),
    "volume": ("volume", "annual volume", "volumen", "tons", "units", "toneladas"),
    "mode": ("mode", "transport mode", "modo", "modo de transporte"),
    "hs": ("hs", "hs chapter", "hs2", "chapter", "capitulo", "capitulo sa"),
    "port": ("port", "port code", "port of entry", "crossing", "aduana", "puerto"),
}
#: the fields a lane file's columns map to (``ignore``: a column left out)
LANE_FIELDS = tuple(LANE_SYNONYMS)
_MODE_WORDS = {"truck": ("truck", "trucks", "road", "camion", "autotransporte", "carretera", "ftl", "ltl"),
               "rail": ("rail", "train", "trains", "ferrocarril", "tren", "intermodal"),
               "air": ("air", "aereo", "avion"), "vessel": ("vessel", "sea", "ocean", "maritime", "maritimo", "barco"),
               "pipeline": ("pipeline", "ducto"), "other": ("other", "otro")}
#: the modes that cross at a land port, and the crossing-count measure that says a port handles it
MEASURE_OF_MODE = {"truck": "Trucks", "rail": "Trains"}
LAND_MODES = tuple(MEASURE_OF_MODE)


def great_circle_km(lon1, lat1, lon2, lat2):
    """Great-circle distance in km (haversine; arrays broadcast)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


# -- import ----------------------------------------------------------------------------------
@dataclass
class LaneImport:
    source: str
    mapping: dict[str, str]
    lanes: dict[str, Lane] = field(default_factory=dict)
    rejected: list[tuple[int, str, list[Issue]]] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    notices: list[Issue] = field(default_factory=list)

    def diff(self, network: Network) -> Diff:
        return diff_by_id(network.lanes, self.lanes)

    def apply(self, network: Network) -> Network:
        """A new network with these lanes (the old one is kept for undo)."""
        return Network(dict(network.facilities), dict(self.lanes))

    def row_problems(self) -> dict[int, list[Issue]]:
        """line -> the problems of that row: why it was rejected, or what it lacks (a lane
        without value or volume is imported with a warning)."""
        out: dict[int, list[Issue]] = {}
        for line, _lid, problems in self.rejected:
            out.setdefault(line, []).extend(problems)
        for w in self.warnings:
            if w.line is not None:
                out.setdefault(w.line, []).append(w)
        return out

    def changes(self, network: Network) -> list["LaneChange"]:
        """What applying this import does to ``network``'s lanes, lane by lane: added,
        changed (with the fields that change) and removed (noting a removed lane whose row
        is in the file but was rejected), in that order."""
        d = self.diff(network)
        rejected = {lid: problems for _line, lid, problems in self.rejected if lid}
        old, new = network.lanes, self.lanes
        out = [LaneChange("added", lid, None, new[lid]) for lid in d.added]
        out += [LaneChange("changed", lid, old[lid], new[lid], tuple(changed_fields(old[lid], new[lid])))
                for lid in d.changed]
        out += [LaneChange("removed", lid, old[lid], None, (), tuple(rejected.get(lid, ()))) for lid in d.removed]
        return out


@dataclass(frozen=True)
class LaneChange:
    """One lane a re-import adds, changes or removes. ``fields``: (field, old, new) of a
    changed lane; ``rejected``: the problems of the file's row for a removed lane whose row
    was rejected (the lane goes because its row could not be read, not because it is gone)."""

    kind: str                                   # added | changed | removed
    id: str
    old: Lane | None
    new: Lane | None
    fields: tuple[tuple[str, object, object], ...] = ()
    rejected: tuple[Issue, ...] = ()


@functools.lru_cache(maxsize=1024)
def _mode(text: str) -> str | None:
    f = fold(text)
    if not f:
        return "truck"
    for m, words in _MODE_WORDS.items():
        if f in words:
            return m
    return None


def check_lane_mapping(mapping: Mapping[str, str], source: str) -> None:
    """Raise :class:`TableError` when a field is mapped from two columns, or no column holds
    the lanes' from or to facility (every row would be rejected for it)."""
    by_field: dict[str, list[str]] = {}
    for c, f in mapping.items():
        if f != "ignore":
            by_field.setdefault(f, []).append(c)
    for f, cols in by_field.items():
        if len(cols) > 1:
            raise TableError(msg("import.network.lane_field_twice", "error", field=f, columns_list=cols, file=source))
    for f in ("from", "to"):
        if f not in by_field:
            raise TableError(msg("import.network.lane_field_missing", "error", field=f, file=source))


def import_lanes(source: str | Path | RawTable, network: Network, mapping: Mapping[str, str] | None = None, *,
                 progress: Callable[[int, int], bool | None] | None = None) -> LaneImport:
    """Read and check the lanes of ``source`` against ``network``'s facilities."""
    with no_gc():
        return _import_lanes(source, network, mapping, progress)


def _import_lanes(source, network: Network, mapping, progress) -> LaneImport:
    from geo.imports.report import ImportCancelled

    words = [w for ws in LANE_SYNONYMS.values() for w in ws if len(w) > 2]
    table = source if isinstance(source, RawTable) else read_table(source, header_words=words)
    detected = detect_mapping(table.columns, LANE_SYNONYMS)
    if mapping:
        for c, f in mapping.items():
            if c not in table.columns:
                raise TableError(msg("import.network.unknown_column", "error", column=c, file=table.source,
                                     columns=", ".join(table.columns)))
            if f not in LANE_SYNONYMS and f != "ignore":
                raise TableError(msg("import.network.unknown_lane_field", "error", column=c, field=f))
        detected = {c: f for c, f in detected.items() if f not in set(mapping.values()) and c not in mapping}
        detected.update(mapping)
    mp = {c: f for c, f in detected.items() if f != "ignore"}
    check_lane_mapping(mp, table.source)
    out = LaneImport(table.source, mp, notices=list(table.notices))
    col = {f: table.columns.index(c) for c, f in mp.items()}
    if "id" not in col:
        out.notices.append(issue("network.generated_ids", table.source, None))
    src, facs = table.source, network.facilities
    seen: dict[str, int] = {}
    total = len(table.rows)
    names = ("id", "from", "to", "value", "volume", "mode", "hs", "port")
    idx = [col.get(f, -1) for f in names]
    for k, (r, line) in enumerate(zip(table.rows, table.lines)):
        if progress is not None and k % 10000 == 0 and progress(k, total) is False:
            raise ImportCancelled()
        cells = dict(zip(names, [r[i].strip() if 0 <= i < len(r) else "" for i in idx]))
        cell = cells.__getitem__
        lid = cell("id") if "id" in col else f"L{line}"
        problems: list[Issue] = []
        if not lid:
            problems.append(issue("network.no_id", src, line))
        elif lid in seen:
            problems.append(issue("network.duplicate_id", src, line, id=lid, first=seen[lid]))
        ends = []
        for end in ("from", "to"):
            fid = cell(end)
            if not fid:
                problems.append(issue("network.lane_no_end", src, line, end=end))
            elif fid not in facs:
                problems.append(issue("network.lane_unknown_facility", src, line, end=end, id=fid))
            ends.append(fid)
        amounts: dict[str, float | None] = {}
        for fld in ("value", "volume"):
            t = cell(fld)
            amounts[fld] = None
            if t:
                try:
                    v = parse_number(t)
                    if v < 0:
                        raise ValueError(t)
                    amounts[fld] = v
                except ValueError:
                    problems.append(issue("network.lane_bad_amount", src, line, column=table.columns[col[fld]],
                                          value=t))
        mode = _mode(cell("mode"))
        if mode is None:
            problems.append(issue("network.lane_bad_mode", src, line, value=cell("mode")))
        if problems:
            out.rejected.append((line, lid, problems))
            continue
        seen[lid] = line
        if amounts["value"] is None and amounts["volume"] is None:
            out.warnings.append(issue("network.lane_no_amount", src, line))
        hs = cell("hs")
        if hs.replace(".", "").isdigit():
            hs = hs.split(".")[0].zfill(2)[:2] if len(hs.split(".")[0]) <= 2 else hs[:2]
        out.lanes[lid] = Lane(lid, ends[0], ends[1], amounts["value"], amounts["volume"], mode or "truck", hs,
                              cell("port"))
    return out


# -- ports and routing -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Port:
    code: str
    name: str
    state: str
    lon: float
    lat: float
    border: str              # MX | CA
    modes: frozenset[str]


def land_ports(store=None, folder: Path | None = None) -> list[Port]:
    """The land ports of both borders (bundled tables) with the modes they handle: from the
    store's crossing counts (Trucks, Trains), else (no store) trucks by the bundled 2024 counts."""
    from geo.data.bundled import read_point_table

    counts: dict[str, set[str]] = {}
    if store is not None:
        try:
            df = store.crossings(measures=list(MEASURE_OF_MODE.values()), by=("port", "measure"))
            for code, measure, value in zip(df["port_code"].astype(str), df["measure"], df["value"]):
                if float(value or 0) > 0:
                    counts.setdefault(code, set()).update(m for m, ms in MEASURE_OF_MODE.items() if ms == measure)
        except Exception:  # noqa: BLE001 - a store without counts: the bundled truck counts stand in
            counts = {}
    out = []
    for border, key in (("MX", "ports_of_entry"), ("CA", "ports_of_entry_canada")):
        df = read_point_table(key, folder)
        for code, name, st, lon, lat, trucks in zip(df["port_code"].astype(str), df["name"], df["state_code"],
                                                    df["lon"], df["lat"], df["truck_2024"]):
            if counts:
                modes = counts.get(code, set())
            else:
                modes = {"truck"} if float(trucks or 0) > 0 else set()
            out.append(Port(code, f"{name}, {st}", str(st), float(lon), float(lat), border, frozenset(modes)))
    return out


@dataclass(frozen=True)
class Route:
    lane_id: str
    cross_border: bool
    port: str = ""               # the port code ("" when not crossing or not routed)
    how: str = ""                # assigned | shortest | "" (see ``why``)
    detour_km: float = 0.0       # km added to the direct great-circle distance
    why: Message | None = None   # why a cross-border lane has no port
    mode: str = ""

    @property
    def reason(self) -> Message | None:
        """Why this port (or why none), for people."""
        if self.how == "assigned":
            return msg("network.route.assigned")
        if self.how == "shortest":
            return msg("network.route.shortest", mode=self.mode, detour_km=int(math.floor(self.detour_km + 0.5)))
        return self.why


def is_cross_border(a: Facility, b: Facility) -> bool:
    return bool(a.country and b.country and a.country != b.country and "US" in (a.country, b.country))


def route(lane: Lane, facilities: Mapping[str, Facility], ports: Sequence[Port]) -> Route:
    return route_all([lane], facilities, ports)[lane.id]


def route_all(lanes, facilities: Mapping[str, Facility], ports: Sequence[Port], *,
              progress: Callable[[int, int], bool | None] | None = None) -> dict[str, Route]:
    """The route of every lane; the shortest detours are computed for all lanes of one border
    and mode at once (lanes × ports distances, in chunks). ``progress(done, total)`` (lanes)
    is called as it goes; returning False raises :class:`~geo.network.model.Cancelled`."""
    with no_gc():
        return _route_all(lanes, facilities, ports, progress)


def _route_all(lanes, facilities: Mapping[str, Facility], ports: Sequence[Port], progress=None) -> dict[str, Route]:
    from geo.network.model import Cancelled

    def report(done: int) -> None:
        if progress is not None and progress(done, total) is False:
            raise Cancelled()

    lanes = lanes if isinstance(lanes, (list, tuple)) else list(lanes)
    total = 2 * len(lanes)
    by_code = {p.code: p for p in ports}
    groups: dict[tuple[str, str], list[Port]] = {}
    for p in ports:
        for m in p.modes:
            groups.setdefault((p.border, m), []).append(p)
    out: dict[str, Route] = {}
    todo: dict[tuple[str, str], list[tuple[str, float, float, float, float]]] = {}
    for k, ln in enumerate(lanes):
        if not k % 20000:
            report(k)
        a, b = facilities.get(ln.from_id), facilities.get(ln.to_id)
        if a is None or b is None or not is_cross_border(a, b):
            out[ln.id] = Route(ln.id, False)
            continue
        if a.lon is None or a.lat is None or b.lon is None or b.lat is None:
            missing = a.id if not a.placed else b.id
            out[ln.id] = Route(ln.id, True, why=msg("network.route.unplaced", id=missing))
            continue
        border = "CA" if "CA" in (a.country, b.country) else "MX"
        if ln.port and ln.port in by_code:
            p = by_code[ln.port]
            direct = float(great_circle_km(a.lon, a.lat, b.lon, b.lat))
            d = float(great_circle_km(a.lon, a.lat, p.lon, p.lat) + great_circle_km(p.lon, p.lat, b.lon, b.lat))
            out[ln.id] = Route(ln.id, True, p.code, "assigned", d - direct, mode=ln.mode)
            continue
        if ln.mode not in LAND_MODES:
            out[ln.id] = Route(ln.id, True, why=msg("network.route.not_land", mode=ln.mode))
            continue
        if (border, ln.mode) not in groups:
            out[ln.id] = Route(ln.id, True, why=msg("network.route.no_port", mode=ln.mode))
            continue
        todo.setdefault((border, ln.mode), []).append((ln.id, a.lon, a.lat, b.lon, b.lat))
    done = len(lanes)
    for (border, mode), items in todo.items():
        plist = groups[(border, mode)]
        plon = np.array([p.lon for p in plist])[None, :]
        plat = np.array([p.lat for p in plist])[None, :]
        arr = np.array([it[1:] for it in items], dtype=float)
        for lo in range(0, len(items), 20000):
            report(done + lo)
            c = arr[lo:lo + 20000]
            alon, alat, blon, blat = (c[:, i:i + 1] for i in range(4))
            d = great_circle_km(alon, alat, plon, plat) + great_circle_km(plon, plat, blon, blat)
            best = np.argmin(d, axis=1)
            direct = great_circle_km(alon[:, 0], alat[:, 0], blon[:, 0], blat[:, 0])
            detour = d[np.arange(len(c)), best] - direct
            for j, (i, det) in enumerate(zip(best.tolist(), detour.tolist())):
                lid = items[lo + j][0]
                out[lid] = Route(lid, True, plist[i].code, "shortest", det, mode=mode)
        done += len(items)
    report(total)
    return out


def assign_port(network: Network, lane_id: str, port_code: str) -> Network:
    """A new network whose lane ``lane_id`` crosses at ``port_code`` (``""``: the shortest detour)."""
    lanes = dict(network.lanes)
    lanes[lane_id] = replace(lanes[lane_id], port=port_code)
    return Network(dict(network.facilities), lanes)
