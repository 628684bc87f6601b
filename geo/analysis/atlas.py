"""The print atlas's model: which features get a page (a chosen list, or the top N by trade
value under the filter), the map extent of each page (the feature with room around it), and
the feature on the map to mark. desktop.export.atlas paints the pages; the figures and the
chart come from the drill-down profile (geo.analysis.profile)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from geo.query import FilterError, NotAnswerableError, TradeFilter
from geo.styles.thematic import state_query_filter

#: atlas kind -> (store breakdown dimension, map layer)
ATLAS_KINDS = {"port": ("port", "ports"), "us-state": ("us_state", "states"), "mx-state": ("mx_state", "states")}
_UNKNOWN = {"", "XX", "OT", "DU", "UN"}
PORT_PAD_M = 160_000.0   # a port's page shows this much around it (metres)
STATE_PAD = 0.12         # a state's page: its bounds plus this fraction each side


class AtlasError(ValueError):
    pass


@dataclass(frozen=True)
class AtlasPage:
    kind: str
    id: str
    bounds: tuple[float, float, float, float]   # map metres
    highlight: tuple[str, str] | None          # (layer id, feature id) to mark


def atlas_ids(store, kind: str, f: TradeFilter, top: int | None = None, ids=None) -> list[str]:
    """The features of the atlas: ``ids`` as given, else the ``top`` N by trade value (the
    store's breakdown for the filter; Mexican states by US exports, as the map shades them)."""
    if kind not in ATLAS_KINDS:
        raise AtlasError(f"kind must be one of {', '.join(ATLAS_KINDS)}, not {kind!r}")
    if ids:
        return [str(i).strip().upper() for i in ids if str(i).strip()]
    by = ATLAS_KINDS[kind][0]
    fq = state_query_filter(f, by) if by != "port" else f
    if fq is None:
        raise AtlasError("Mexican states have no figures for US imports alone")
    try:
        df = store.breakdown(fq, by)
    except (NotAnswerableError, FilterError) as exc:
        raise AtlasError(str(exc)) from None
    df = df[(df["value"] > 0) & ~df["code"].astype(str).isin(_UNKNOWN)].sort_values("value", ascending=False)
    codes = [str(c) for c in df["code"]]
    return codes[: top or 10]


def atlas_page(layers, kind: str, fid: str) -> AtlasPage:
    """The page of one feature: its extent on the map and its mark. Raises AtlasError for a
    feature the map does not have."""
    _by, layer_id = ATLAS_KINDS[kind]
    layer = layers[layer_id]
    data = layer.data
    if layer_id == "ports":
        idx = np.flatnonzero(data["port_code"].astype(str).to_numpy() == fid)
        if not len(idx):
            raise AtlasError(f"no land port {fid!r} on the map")
        x, y = layer.point_xy()
        cx, cy = float(x[idx[0]]), float(y[idx[0]])
        b = (cx - PORT_PAD_M, cy - PORT_PAD_M, cx + PORT_PAD_M, cy + PORT_PAD_M)
        return AtlasPage(kind, fid, b, ("ports", fid))
    country = "US" if kind == "us-state" else "MX"
    mask = (data["country"].astype(str) == country) & (data["code"].astype(str) == fid)
    idx = np.flatnonzero(mask.to_numpy())
    if not len(idx):
        raise AtlasError(f"no {kind} {fid!r} on the map")
    x0, y0, x1, y1 = (float(v) for v in layer.levels[min(layer.levels)].geometry.iloc[idx[0]].bounds)
    px, py = (x1 - x0) * STATE_PAD + 20_000, (y1 - y0) * STATE_PAD + 20_000
    return AtlasPage(kind, fid, (x0 - px, y0 - py, x1 + px, y1 + py), ("states", f"{country}-{fid}"))
