"""The map projection: one conformal projection for North America.

Lambert conformal conic with standard parallels at 20°N and 45°N, centred on 102°W, so
shapes stay true from the Yucatán to the Great Lakes and the US–Mexico border runs near
the centre of the map. Every layer the app paints lives in this CRS (metres).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

MAP_CRS_PROJ4 = (
    "+proj=lcc +lat_0=32 +lon_0=-102 +lat_1=20 +lat_2=45 "
    "+x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)
GEOGRAPHIC_CRS = "EPSG:4326"

# The default view: the conterminous US and Mexico (lon/lat box), Canada at its edge.
DEFAULT_VIEW_LONLAT = (-121.0, 14.0, -73.0, 46.5)


@lru_cache(maxsize=1)
def map_crs():
    from pyproj import CRS

    return CRS.from_proj4(MAP_CRS_PROJ4)


@lru_cache(maxsize=2)
def _transformer(inverse: bool):
    from pyproj import Transformer

    src, dst = (map_crs(), GEOGRAPHIC_CRS) if inverse else (GEOGRAPHIC_CRS, map_crs())
    return Transformer.from_crs(src, dst, always_xy=True)


def to_map(lon, lat):
    """Longitude/latitude (degrees) to map coordinates (metres). Scalars or arrays."""
    x, y = _transformer(False).transform(np.asarray(lon, float), np.asarray(lat, float))
    return x, y


def to_lonlat(x, y):
    """Map coordinates (metres) back to longitude/latitude (degrees)."""
    lon, lat = _transformer(True).transform(np.asarray(x, float), np.asarray(y, float))
    return lon, lat


def default_view_bounds() -> tuple[float, float, float, float]:
    """Map-coordinate bounds (xmin, ymin, xmax, ymax) of the default view."""
    w, s, e, n = DEFAULT_VIEW_LONLAT
    lons = np.concatenate([np.linspace(w, e, 50), np.full(50, e), np.linspace(e, w, 50), np.full(50, w)])
    lats = np.concatenate([np.full(50, s), np.linspace(s, n, 50), np.full(50, n), np.linspace(n, s, 50)])
    x, y = to_map(lons, lats)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())
