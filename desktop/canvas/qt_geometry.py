"""Shapely geometry to Qt paths, fast: coordinates are copied straight from numpy into
QPolygonF memory (no per-vertex Python objects). Paths stay in map coordinates; the
painter's world transform maps them to pixels."""
from __future__ import annotations

import numpy as np
import shapely
import shiboken6
from PySide6.QtGui import QPainterPath, QPolygonF


def qpolygonf(coords: np.ndarray) -> QPolygonF:
    """A QPolygonF holding `coords` (n×2 float64)."""
    n = len(coords)
    poly = QPolygonF()
    if n == 0:
        return poly
    poly.resize(n)
    addr = shiboken6.getCppPointer(poly.data())[0]
    buf = shiboken6.VoidPtr(addr, n * 16, True)
    np.frombuffer(buf, np.float64).reshape(n, 2)[:] = coords
    return poly


def paths_for(geoms) -> list[QPainterPath]:
    """One QPainterPath per geometry (polygons closed, lines open). Holes fill odd-even."""
    geoms = np.asarray(geoms, dtype=object)
    out = [QPainterPath() for _ in range(len(geoms))]
    if not len(geoms):
        return out
    parts, part_idx = shapely.get_parts(geoms, return_index=True)
    kinds = shapely.get_type_id(parts)
    for part, fi, kind in zip(parts, part_idx, kinds):
        path = out[fi]
        if kind == 3:  # Polygon: exterior then interiors
            holes = shapely.get_interior_ring(part, range(shapely.get_num_interior_rings(part)))
            rings = [shapely.get_exterior_ring(part)] + list(holes)
            for ring in rings:
                path.addPolygon(qpolygonf(shapely.get_coordinates(ring)))
                path.closeSubpath()
        elif kind in (1, 2):  # LineString / LinearRing
            path.addPolygon(qpolygonf(shapely.get_coordinates(part)))
    for p in out:
        p.setFillRule(p.fillRule().OddEvenFill)
    return out


def bounds_array(geoms) -> np.ndarray:
    """(n, 4) xmin, ymin, xmax, ymax per geometry, for culling."""
    return shapely.bounds(np.asarray(geoms, dtype=object))
