"""Which country and state a point lies in: the bundled state/province polygons (``admin1``
of the basemap), a point on the coast within :data:`COAST_KM` of one counted in it."""
from __future__ import annotations

import functools

import numpy as np

__all__ = ["locate", "distance_km", "COAST_KM"]

#: a point outside every polygon but this close to one (a port, a coastal plant) lies in it
COAST_KM = 15.0


@functools.lru_cache(maxsize=1)
def _admin1():
    import shapely

    from geo.data.bundled import read_basemap_level

    g = read_basemap_level("admin1", 0)
    geoms = np.asarray(g.geometry.values)
    return shapely.STRtree(geoms), g["country"].astype(str).to_numpy(), g["code"].astype(str).to_numpy()


def locate(lons, lats) -> tuple[list[str], list[str]]:
    """(country, state code) of each point; ``""`` where it lies in none of the three countries."""
    import shapely

    from geo.core.projection import to_map

    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    n = len(lons)
    country, state = [""] * n, [""] * n
    if not n:
        return country, state
    tree, countries, codes = _admin1()
    x, y = to_map(lons, lats)
    pts = shapely.points(np.asarray(x), np.asarray(y))
    found = np.full(n, -1)
    pi, gi = tree.query(pts, predicate="within")
    found[pi] = gi
    rest = np.flatnonzero(found < 0)
    if len(rest):
        pi2, gi2 = tree.query_nearest(pts[rest], max_distance=COAST_KM * 1000.0)
        found[rest[pi2]] = gi2
    for i in np.flatnonzero(found >= 0):
        country[i], state[i] = str(countries[found[i]]), str(codes[found[i]])
    return country, state


def distance_km(lon: float, lat: float, country: str, code: str) -> float | None:
    """Distance in km (map projection) from a point to a state's polygon (0 inside); None when
    the state is not in the table."""
    import shapely

    from geo.core.projection import to_map

    tree, countries, codes = _admin1()
    idx = np.flatnonzero((countries == country) & (codes == code))
    if not len(idx):
        return None
    x, y = to_map(np.asarray([lon]), np.asarray([lat]))
    p = shapely.points(float(np.asarray(x)[0]), float(np.asarray(y)[0]))
    return float(min(shapely.distance(tree.geometries[i], p) for i in idx)) / 1000.0
