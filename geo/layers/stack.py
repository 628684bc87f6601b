"""The layer model: what the map shows, in which order, with which style.

Layers hold geopandas GeoDataFrames in the map CRS (geo.core.projection). Line and polygon
layers carry precomputed levels of detail (geo.core.lod); point layers carry one table. The
stack emits plain-Python events (geo.core.signals); the desktop adapts them to Qt.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Callable, Literal

import geopandas as gpd
import numpy as np
import shapely

from geo.core.lod import level_for_scale
from geo.core.signals import Signal

Kind = Literal["polygon", "line", "point"]


@dataclass(frozen=True)
class Style:
    fill: str | None = None  # "#rrggbb" or "#rrggbbaa"
    stroke: str | None = "#333333"
    stroke_width: float = 1.0  # screen pixels
    dash: bool = False
    radius: float = 4.0  # screen pixels, for points
    fill_by: str | None = None  # column whose value picks a fill from `palette`
    fill_field: str | None = None  # column holding a colour per feature (thematic maps); None/"" falls back
    palette: tuple[tuple[str, str], ...] = ()
    size_by: str | None = None  # column scaling the point radius (square root)
    size_range: tuple[float, float] = (3.0, 11.0)
    # the value drawn at the top of size_range (None: the layer's largest value); playback
    # fixes it over the played period so a month with less trade reads smaller
    size_max: float | None = None
    symbol: Literal["circle", "square", "diamond", "triangle"] = "circle"

    def fill_for(self, value) -> str | None:
        for key, colour in self.palette:
            if key == value:
                return colour
        return self.fill

    def fills(self, table) -> list[str | None]:
        """The fill colour of every feature of `table`, in row order."""
        if self.fill_by and self.fill_by in table.columns:
            base = [self.fill_for(v) for v in table[self.fill_by].tolist()]
        else:
            base = [self.fill] * len(table)
        if self.fill_field and self.fill_field in table.columns:
            return [c if isinstance(c, str) and c else b for c, b in zip(table[self.fill_field].tolist(), base)]
        return base


@dataclass(frozen=True)
class LabelSpec:
    field: str
    priority: str | None = None  # larger value = more important
    size: float = 9.0  # points
    bold: bool = False
    italic: bool = False
    colour: str = "#222222"
    halo: str = "#ffffff"
    uppercase: bool = False
    letter_spacing: float = 0.0
    # A feature's label shows while metres-per-pixel <= its max_scale, read from this
    # column if given, else `max_scale` for all.
    max_scale_field: str | None = None
    max_scale: float = float("inf")
    anchor: Literal["point", "centre"] = "point"
    anchor_x: str | None = None  # columns holding a label anchor in map coordinates
    anchor_y: str | None = None
    # polygons: a column with each feature's area in km²; a polygon too small on screen for
    # its name is not labelled: its area must hold `min_area_ratio` times the label box, or
    # the ratio in `min_area_ratio_field` (per feature: names that must show ask for less)
    area_field: str | None = None
    min_area_ratio: float = 4.0
    min_area_ratio_field: str | None = None
    # a column of booleans: the labels that must show (the main ports, the border states)
    # are placed before all others, and placed again first when some find no room
    must_field: str | None = None
    # polygons: a column of booleans: names that may move inside their polygon when their
    # anchor is taken (those that must show always may)
    move_field: str | None = None
    # names longer than this many characters are set on two lines (0: never)
    wrap: int = 0
    # points: a label that finds no room beside its symbol may stand further off, joined to
    # it by a leader line
    leaders: bool = False
    # points: a column whose value, per feature, names ground its label keeps off when it can
    # (`Layer.label_avoid` says where that is): a port's name set off the neighbour's land
    avoid_field: str | None = None
    # points: a column naming groups of features (the El Paso bridges). While the symbols of
    # a group overlap on screen they take one label, the group's name, beside the busiest
    # member; apart, each has its own. Empty values: no group.
    group_field: str | None = None


@dataclass
class Layer:
    id: str
    title: str
    kind: Kind
    levels: Mapping[int, gpd.GeoDataFrame]  # a dict, or levels read when first drawn
    style: Style
    label: LabelSpec | None = None
    visible: bool = True
    opacity: float = 1.0
    selectable: bool = True
    # point symbols that labels must not cover (ports, seaports, clusters)
    blocks_labels: bool = False
    # ... except when a label has no other place: translucent discs (clusters) a haloed
    # label may overlap
    soft_obstacle: bool = False
    description: str = ""
    source: str = ""
    # The column that names a feature in tooltips and the attribute panel.
    name_field: str = "name"
    # Columns shown in the attribute panel, in order (all when empty).
    fields: tuple[str, ...] = ()
    # A column holding, per feature, the largest metres-per-pixel at which the feature is
    # drawn (small seaports appear only when zoomed in). None: always drawn.
    show_scale_field: str | None = None
    # Thematic legend: a title and (label, colour) entries replacing the palette entries;
    # `size_caption` names the unit of size_by in the legend ("US$", "incoming trucks").
    # Titles and entry labels are str or geo.core.messages.Message (the view words them).
    legend_title: object | None = None
    legend_entries: tuple[tuple[object, str], ...] = ()
    size_caption: str = ""
    # Only the features whose `filter_field` value is in `filter_values` are drawn, hit and
    # labelled (None: all). The ports layer holds the ports of both borders this way and
    # shows the partner's (geo.layers.content.MapContent.show_border).
    filter_field: str | None = None
    filter_values: frozenset[str] | None = None
    # (key, x, y) -> boolean mask of the map points (x, y) a label with that key (the value
    # of `LabelSpec.avoid_field`) should keep off; see geo.layers.content
    label_avoid: Callable[[str, np.ndarray, np.ndarray], np.ndarray] | None = field(default=None, repr=False)
    _xy: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    _mask: tuple[tuple, np.ndarray] | None = field(default=None, repr=False)

    @property
    def data(self) -> gpd.GeoDataFrame:
        """The full-detail table (level 0)."""
        return self.levels[min(self.levels)]

    def level_for(self, metres_per_pixel: float) -> int:
        return level_for_scale(metres_per_pixel, self.levels.keys())

    def geometry_at(self, metres_per_pixel: float) -> gpd.GeoDataFrame:
        return self.levels[self.level_for(metres_per_pixel)]

    def point_xy(self) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates of a point layer's features (cached)."""
        if self._xy is None:
            g = self.data.geometry.values
            self._xy = (shapely.get_x(g), shapely.get_y(g))
        return self._xy

    def shown_at(self, metres_per_pixel: float) -> np.ndarray | None:
        """Boolean mask of the features drawn at this scale, or None when all are."""
        mask = self.filter_mask()
        if not self.show_scale_field:
            return mask
        by_scale = self.data[self.show_scale_field].to_numpy(float) >= metres_per_pixel
        return by_scale if mask is None else by_scale & mask

    def filter_mask(self) -> np.ndarray | None:
        """Boolean mask of the features the filter lets through, or None when it lets all."""
        if self.filter_field is None or self.filter_values is None or self.filter_field not in self.data:
            return None
        key = (self.filter_field, self.filter_values, id(self.data), len(self.data))
        if self._mask is None or self._mask[0] != key:
            self._mask = (key, self.data[self.filter_field].astype(str).isin(self.filter_values).to_numpy())
        return self._mask[1]

    def feature_name(self, index: int) -> str:
        row = self.data.iloc[index]
        return str(row.get(self.name_field, index))

    def attributes(self, index: int) -> list[tuple[str, object]]:
        row = self.data.iloc[index]
        cols = self.fields or tuple(c for c in self.data.columns if c != "geometry")
        return [(c, row[c]) for c in cols if c in row.index]


class LayerStack:
    """Ordered layers, bottom first. Emits `changed(layer_id)` on any visible change and
    `order_changed()` when layers are added, removed or moved."""

    changed = Signal(str)
    order_changed = Signal()

    def __init__(self, layers: list[Layer] | None = None):
        self._layers: list[Layer] = list(layers or [])

    def __iter__(self):
        return iter(self._layers)

    def __len__(self):
        return len(self._layers)

    def __getitem__(self, layer_id: str) -> Layer:
        for layer in self._layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def __contains__(self, layer_id: str) -> bool:
        return any(layer.id == layer_id for layer in self._layers)

    def show_border(self, border: str | None) -> list[str]:
        """Draw only the features of layers filtered by ``border`` (the land ports and
        crossings of one border: "MX", "CA"; None: both). Returns the ids of the layers that
        changed (each emits ``changed``)."""
        values = None if border is None else frozenset({border})
        out = []
        for layer in [ly for ly in self if ly.filter_field == "border"]:
            if values != layer.filter_values:
                layer.filter_values = values
                out.append(layer.id)
                self.changed.emit(layer.id)
        return out

    def ids(self) -> list[str]:
        return [layer.id for layer in self._layers]

    def add(self, layer: Layer, index: int | None = None) -> None:
        if layer.id in self:
            raise ValueError(f"layer {layer.id!r} already in the stack")
        self._layers.insert(len(self._layers) if index is None else index, layer)
        self.order_changed.emit()

    def remove(self, layer_id: str) -> None:
        self._layers.remove(self[layer_id])
        self.order_changed.emit()

    def move(self, layer_id: str, index: int) -> None:
        layer = self[layer_id]
        self._layers.remove(layer)
        self._layers.insert(max(0, min(index, len(self._layers))), layer)
        self.order_changed.emit()

    def set_visible(self, layer_id: str, visible: bool) -> None:
        layer = self[layer_id]
        if layer.visible != visible:
            layer.visible = visible
            self.changed.emit(layer_id)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        layer = self[layer_id]
        opacity = float(min(max(opacity, 0.0), 1.0))
        if layer.opacity != opacity:
            layer.opacity = opacity
            self.changed.emit(layer_id)

    def set_style(self, layer_id: str, **changes) -> None:
        layer = self[layer_id]
        layer.style = replace(layer.style, **changes)
        self.changed.emit(layer_id)

    def visible_layers(self) -> list[Layer]:
        return [layer for layer in self._layers if layer.visible and layer.opacity > 0]
