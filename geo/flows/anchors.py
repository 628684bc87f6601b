"""Place anchors: where a state, province or port sits on the map.

:class:`Place` (one anchored place), :class:`Anchors` (the ``(kind, code) -> Place`` table)
and :func:`load_anchors` (the bundled ``data/place_anchors.csv``, built by
``data/build_anchors.py``, cached). Coordinates are in map metres (``geo.core.projection``).
Names people write (``"N.L."``, ``"Saltillo"``) resolve through :mod:`geo.data.places`, which
reads the same file.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from geo.core.projection import to_map
from geo.data.codes import bundled_data_dir

COUNTRY_ANCHOR = {  # direction of "the rest of the country" for stubs (lon, lat)
    "MX": (-99.13, 19.43, "Mexico"),          # Mexico City
    "CA": (-79.42, 43.70, "Canada"),          # Toronto
    "US": (-94.6, 39.1, "United States"),     # Kansas City: the middle of the US
}


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
        cx, cy = to_map([a[0] for a in COUNTRY_ANCHOR.values()], [a[1] for a in COUNTRY_ANCHOR.values()])
        self.country_xy = {k: (float(a), float(b)) for k, a, b in zip(COUNTRY_ANCHOR, cx, cy)}

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


@functools.lru_cache(maxsize=4)
def _load_anchors(path: str) -> Anchors:
    return Anchors.from_csv(path)


def load_anchors(path: str | Path | None = None) -> Anchors:
    """The bundled ``data/place_anchors.csv`` (cached)."""
    return _load_anchors(str(Path(path) if path else bundled_data_dir() / "place_anchors.csv"))
