"""The company's network as plain data: facilities and lanes, keyed by the company's ids, and
how it is stored inside the project file (tables ``company_facilities`` and ``company_lanes``,
see :mod:`geo.session.project`), so a mailed project carries it.
"""
from __future__ import annotations

import contextlib
import gc
import json
from dataclasses import dataclass, field
from typing import Iterator, Mapping

__all__ = ["no_gc", "Facility", "Lane", "Network", "FACILITY_TYPES", "MODES", "FACILITY_COLUMNS", "LANE_COLUMNS",
           "FACILITY_TABLE", "LANE_TABLE", "Diff", "diff_by_id", "changed_fields", "Cancelled", "Steps"]


class Cancelled(Exception):
    """The user cancelled a long computation (routing, exposure, the lanes as flows)."""


class Steps:
    """Progress over consecutive stages of known sizes: ``step(stage, done)`` calls
    ``progress(overall_done, overall_total)`` and raises :class:`Cancelled` when it answers
    False. ``progress`` may be None (nothing reported, never cancelled)."""

    def __init__(self, progress, sizes: Mapping[str, int]):
        self.progress = progress
        self.offsets: dict[str, int] = {}
        total = 0
        for name, n in sizes.items():
            self.offsets[name] = total
            total += max(int(n), 1)
        self.total = max(total, 1)

    def __call__(self, stage: str, done: int = 0) -> None:
        if self.progress is not None and self.progress(self.offsets.get(stage, 0) + int(done), self.total) is False:
            raise Cancelled()

    def stage(self, name: str):
        """``progress(done, total)`` for one stage (what :func:`route_all` and friends take)."""

        def report(done: int, _total: int) -> bool:
            self(name, done)
            return True

        return report
@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of small objects (rows,
    facilities, lanes, routes) are made: none of them form cycles, and each collection would
    walk the whole heap again (it made a 200,000-lane import several times slower)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


FACILITY_TYPES = ("supplier", "plant", "warehouse", "customer")
#: transport modes of a lane; ports handle ``truck`` and ``rail`` (from the crossing counts)
MODES = ("truck", "rail", "air", "vessel", "pipeline", "other")

FACILITY_TABLE = "company_facilities"
LANE_TABLE = "company_lanes"
#: (column, SQLite type) of the project tables; the order is the row tuples' order
FACILITY_COLUMNS = (("id", "TEXT PRIMARY KEY"), ("name", "TEXT"), ("type", "TEXT"), ("tier", "INTEGER"),
                    ("lon", "REAL"), ("lat", "REAL"), ("city", "TEXT"), ("state", "TEXT"), ("country", "TEXT"),
                    ("located", "TEXT"), ("confidence", "REAL"), ("attrs", "TEXT"))
LANE_COLUMNS = (("id", "TEXT PRIMARY KEY"), ("from_id", "TEXT"), ("to_id", "TEXT"), ("value", "REAL"),
                ("volume", "REAL"), ("mode", "TEXT"), ("hs_chapter", "TEXT"), ("port", "TEXT"))


@dataclass(frozen=True)
class Facility:
    """One site of the company. ``located`` says how its position is known: ``coordinates``
    (the file's), ``geocoded`` (its place, with ``confidence``), ``picked`` (a candidate the
    user chose), ``map`` (a point the user clicked); ``lon``/``lat`` are None until then."""

    id: str
    name: str = ""
    type: str = ""
    tier: int | None = None
    lon: float | None = None
    lat: float | None = None
    city: str = ""
    state: str = ""        # the app's state code (NL, TX, XO) when known
    country: str = ""      # US | MX | CA when known
    located: str = "coordinates"
    confidence: float = 1.0
    attrs: tuple[tuple[str, float | None], ...] = ()

    @property
    def placed(self) -> bool:
        return self.lon is not None and self.lat is not None

    def attr(self, name: str) -> float | None:
        return dict(self.attrs).get(name)

    def row(self) -> tuple:
        return (self.id, self.name, self.type, self.tier, self.lon, self.lat, self.city, self.state, self.country,
                self.located, self.confidence, json.dumps(dict(self.attrs), sort_keys=True))

    @classmethod
    def from_row(cls, r: Mapping) -> "Facility":
        attrs = json.loads(r.get("attrs") or "{}")
        tier = r.get("tier")
        return cls(str(r["id"]), str(r.get("name") or ""), str(r.get("type") or ""),
                   int(tier) if tier is not None else None,
                   None if r.get("lon") is None else float(r["lon"]), None if r.get("lat") is None else float(r["lat"]),
                   str(r.get("city") or ""), str(r.get("state") or ""), str(r.get("country") or ""),
                   str(r.get("located") or "coordinates"), float(r.get("confidence") or 0.0),
                   tuple(sorted(attrs.items())))


@dataclass(frozen=True)
class Lane:
    """A flow of goods between two facilities: annual value (US$) and/or volume, mode, HS
    chapter where known, and the land port the user assigned (``""``: the shortest detour)."""

    id: str
    from_id: str
    to_id: str
    value: float | None = None
    volume: float | None = None
    mode: str = "truck"
    hs_chapter: str = ""
    port: str = ""

    def row(self) -> tuple:
        return (self.id, self.from_id, self.to_id, self.value, self.volume, self.mode, self.hs_chapter, self.port)

    @classmethod
    def from_row(cls, r: Mapping) -> "Lane":
        return cls(str(r["id"]), str(r["from_id"]), str(r["to_id"]),
                   None if r.get("value") is None else float(r["value"]),
                   None if r.get("volume") is None else float(r["volume"]),
                   str(r.get("mode") or "truck"), str(r.get("hs_chapter") or ""), str(r.get("port") or ""))


@dataclass
class Network:
    """The company's facilities and lanes by id."""

    facilities: dict[str, Facility] = field(default_factory=dict)
    lanes: dict[str, Lane] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.facilities or self.lanes)

    def anonymised(self, names: str = "id") -> "Network":
        """The network for sharing outside the company: each facility's name replaced by its id
        (``names="id"``) or its type and a number (``"type"``: ``plant 3``), its city dropped."""
        counts: dict[str, int] = {}
        out: dict[str, Facility] = {}
        for fid, f in self.facilities.items():
            if names == "type":
                t = f.type or "facility"
                counts[t] = counts.get(t, 0) + 1
                label = f"{t} {counts[t]}"
            else:
                label = f.id
            out[fid] = Facility(f.id, label, f.type, f.tier, f.lon, f.lat, "", f.state, f.country, f.located,
                                f.confidence, f.attrs)
        return Network(out, dict(self.lanes))

    def tables(self) -> dict[str, tuple[list[str], list[tuple]]]:
        """The project tables (name -> (columns, rows))."""
        return {FACILITY_TABLE: ([c for c, _ in FACILITY_COLUMNS], [f.row() for f in self.facilities.values()]),
                LANE_TABLE: ([c for c, _ in LANE_COLUMNS], [ln.row() for ln in self.lanes.values()])}

    @classmethod
    def from_tables(cls, tables: Mapping[str, tuple[list[str], list[tuple]]]) -> "Network":
        net = cls()
        cols, rows = tables.get(FACILITY_TABLE, ([], []))
        for r in rows:
            f = Facility.from_row(dict(zip(cols, r)))
            net.facilities[f.id] = f
        cols, rows = tables.get(LANE_TABLE, ([], []))
        for r in rows:
            ln = Lane.from_row(dict(zip(cols, r)))
            net.lanes[ln.id] = ln
        return net


@dataclass(frozen=True)
class Diff:
    """What re-importing a list changes, by id: shown before it is applied."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def as_dict(self) -> dict:
        return {"added": list(self.added), "changed": list(self.changed), "removed": list(self.removed),
                "unchanged": self.unchanged}


def diff_by_id(old: Mapping[str, object], new: Mapping[str, object]) -> Diff:
    """Added, changed and removed ids of ``new`` against ``old`` (items compare by value)."""
    added = tuple(k for k in new if k not in old)
    removed = tuple(k for k in old if k not in new)
    changed = tuple(k for k in new if k in old and new[k] != old[k])
    return Diff(added, changed, removed, sum(1 for k in new if k in old and new[k] == old[k]))


def changed_fields(old, new) -> list[tuple[str, object, object]]:
    """(field, old value, new value) of the fields that differ between two facilities or two
    lanes (what a re-import changes in a row kept by id)."""
    from dataclasses import fields

    return [(f.name, getattr(old, f.name), getattr(new, f.name)) for f in fields(old)
            if getattr(old, f.name) != getattr(new, f.name)]
