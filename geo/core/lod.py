"""Levels of detail: precomputed simplified geometry for small scales.

The bundled basemap stores each line and polygon layer at several simplification levels
(tolerances in map metres). Painting picks the coarsest level whose tolerance is still
below a fraction of a pixel, so the painter never simplifies on the fly.
"""
from __future__ import annotations

# level -> simplification tolerance in map metres (level 0 is the source geometry)
LOD_TOLERANCES: dict[int, float] = {0: 0.0, 1: 2000.0, 2: 6000.0, 3: 18000.0}

# A level is good enough while its tolerance stays under this many screen pixels.
MAX_ERROR_PX = 0.75


def level_for_scale(metres_per_pixel: float, available=None) -> int:
    """The coarsest level whose tolerance is under MAX_ERROR_PX at this scale."""
    levels = sorted(available if available is not None else LOD_TOLERANCES)
    best = levels[0]
    for lvl in levels:
        if LOD_TOLERANCES[lvl] <= MAX_ERROR_PX * metres_per_pixel:
            best = lvl
    return best


def layer_name(base: str, level: int) -> str:
    """Name of a level's layer in the basemap GeoPackage."""
    return base if level == 0 else f"{base}_lod{level}"
