"""The default map: which bundled layers, in which order, with which styles and labels.

`load_map_content()` reads the bundled data and returns a MapContent: the layer stack plus the
selection and hover state, all plain Python with events the desktop binds to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from geo.core.projection import default_view_bounds
from geo.core.signals import Signal
from geo.data import bundled
from geo.layers import LabelSpec, Layer, LayerStack, Style
from geo.layers.hittest import Hit
from geo.layers.labels import LABEL_RANK, wrap_text  # noqa: F401  (LABEL_RANK re-exported)

# Palette: quiet land so the data layers carry the colour.
WATER = "#d7e6f0"
COUNTRY_FILL = (("US", "#f3efe4"), ("MX", "#e6eedb"), ("CA", "#ecebe7"))
PORT_RED = "#b8321f"

# Principal cargo seaports of the corridor by traffic (container TEU and tonnage rankings of
# Mexico's SCT/ASIPONA and the US AAPA), by UN/LOCODE. The WPI's harbour size is physical
# size, not traffic: Altamira is "very small" there yet one of Mexico's top container ports.
PRINCIPAL_SEAPORTS = frozenset({
    "MXZLO", "MXLZC", "MXVER", "MXATM", "MXESE", "MXTAM", "MXCOA", "MXGYM", "MXMZT", "MXPGO",
    "USHOU", "USLGB", "USLAX", "USCRP", "USOAK", "USSEA", "USTIW", "USMSY", "USMOB",
    "USBPT", "USLCH", "USGLS", "USTPA", "USSAN", "USPDX",
})


# Land ports: the bundled table of each border, by the border's partner code. The map
# opens on the US–Mexico border (the trade filter's default partner).
PORT_TABLES = {"MX": "ports_of_entry", "CA": "ports_of_entry_canada"}
DEFAULT_BORDER = "MX"
# Map labels where CBP's name reads better than BTS's: Pharr's bridge is a crossing of port
# 2305, which CBP names Hidalgo/Pharr; BTS drops the hyphens of two Canada-border names.
PORT_LABELS = {"2305": "Hidalgo/Pharr", "0901": "Buffalo–Niagara Falls", "0712": "Champlain–Rouses Point"}
# Ports of one city that share a label while their symbols overlap (zoomed out): Ysleta's
# Zaragoza bridge is in El Paso and BTS counted it under El Paso (2402) until March 2020.
PORT_GROUPS = {"2402": "El Paso", "2401": "El Paso"}
# How many ports (or port groups) per border are named at the national scale, and next.
PORT_LABELS_NATIONAL, PORT_LABELS_REGIONAL = 10, 6
# The Mexican border states are named at every zoom, with the main ports and before all
# other labels, even where their name barely fits inside them; the names of the states on
# both sides of the border may take two lines.
MX_BORDER_STATES = ("BC", "SO", "CH", "CO", "NL", "TM")
US_BORDER_STATES = ("CA", "AZ", "NM", "TX")

#: the column holding each layer's stable feature id
FEATURE_ID_FIELDS = {"ports": "port_code", "seaports": "unlocode", "crossings": "name",
                     "industrial_parks": "name", "clusters": "name", "cities": "name"}


class Selection:
    """The selected and the hovered feature. Emits `changed(hit_or_None)`, `hovered(...)`."""

    changed = Signal(object)
    hovered = Signal(object)

    def __init__(self) -> None:
        self.current: Hit | None = None
        self.hover: Hit | None = None

    def select(self, hit: Hit | None) -> None:
        if hit != self.current:
            self.current = hit
            self.changed.emit(hit)

    def set_hover(self, hit: Hit | None) -> None:
        if hit != self.hover:
            self.hover = hit
            self.hovered.emit(hit)


@dataclass
class MapContent:
    layers: LayerStack
    selection: Selection = field(default_factory=Selection)
    home_bounds: tuple[float, float, float, float] = field(default_factory=default_view_bounds)

    def feature_id(self, hit: Hit | None) -> str | None:
        """A feature's stable id, for the session and saved analyses: the port code, the
        ``COUNTRY-CODE`` of a state or province (``MX-NL``), else the feature's name."""
        if hit is None:
            return None
        layer = self.layers[hit.layer_id]
        row = layer.data.iloc[hit.index]
        col = FEATURE_ID_FIELDS.get(hit.layer_id)
        if hit.layer_id == "states":
            return f"{row['country']}-{row['code']}"
        if col and col in row.index and str(row[col]):
            return str(row[col])
        return str(row.get(layer.name_field, hit.index))

    def hit_for(self, layer_id: str | None, feature_id: str | None) -> Hit | None:
        """The feature a stable id names (None when the layer or feature is not on the map)."""
        if not layer_id or feature_id is None or layer_id not in self.layers:
            return None
        layer = self.layers[layer_id]
        data = layer.data
        if layer_id == "states":
            country, _, code = str(feature_id).partition("-")
            mask = (data["country"].astype(str) == country) & (data["code"].astype(str) == code)
        else:
            col = FEATURE_ID_FIELDS.get(layer_id)
            col = col if col in data.columns and data[col].astype(str).str.len().gt(0).all() else \
                self.layers[layer_id].name_field
            mask = data[col].astype(str) == str(feature_id)
        shown = layer.filter_mask()
        idx = np.flatnonzero(mask.to_numpy() & (True if shown is None else shown))
        return Hit(layer_id, int(idx[0])) if len(idx) else None

    def home_for(self, border: str | None) -> tuple[float, float, float, float]:
        """The full extent for a partner: the US–Mexico view, or the band of the US–Canada
        border's ports (with room around them) when Canada is the partner."""
        if border != "CA":
            return default_view_bounds()
        ports = self.layers["ports"]
        x, y = ports.point_xy()
        on = ports.data["border"].to_numpy() == "CA"
        if not on.any():
            return default_view_bounds()
        x0, x1, y0, y1 = float(x[on].min()), float(x[on].max()), float(y[on].min()), float(y[on].max())
        pad_x, pad_y = 0.06 * (x1 - x0), 0.35 * (x1 - x0)
        return (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + 0.25 * pad_y)

    @property
    def shown_border(self) -> str | None:
        """The border whose land ports the map shows: "MX", "CA", or None for both."""
        values = self.layers["ports"].filter_values
        return None if values is None else next(iter(values))

    def show_border(self, border: str | None) -> None:
        """Show the land ports (and their crossings) of one border, as the trade filter's
        partner says: "MX" (US–Mexico), "CA" (US–Canada) or None (both). The layers keep
        every feature (ids and row positions do not change); a hidden one is not drawn, hit
        or labelled, and a selected or hovered one that is hidden is let go. Emits
        ``layers.changed(layer_id)`` for each layer whose features changed."""
        if border is not None and border not in PORT_TABLES:
            raise ValueError(f"border must be one of {', '.join(PORT_TABLES)} or None, not {border!r}")
        sel = self.selection
        for layer_id in self.layers.show_border(border):
            layer = self.layers[layer_id]
            shown = layer.filter_mask()
            for hit, let_go in ((sel.current, sel.select), (sel.hover, sel.set_hover)):
                if hit is not None and hit.layer_id == layer.id and shown is not None and not shown[hit.index]:
                    let_go(None)

    def place_ref(self, hit: Hit | None) -> tuple[str, str] | None:
        """What a hit is for the trade figures: ``("port", code)``, ``("us_state", code)``,
        ``("mx_state", code)``, ``("ca_prov", code)``, or None (a city, a river…)."""
        if hit is None:
            return None
        row = self.layers[hit.layer_id].data.iloc[hit.index]
        if hit.layer_id == "ports":
            return ("port", str(row["port_code"]))
        kinds = {"US": "us_state", "MX": "mx_state", "CA": "ca_prov"}
        if hit.layer_id == "states" and row["country"] in kinds:
            return (kinds[row["country"]], str(row["code"]))
        return None

    def feature_bounds(self, hit: Hit, min_size: float = 150_000.0):
        """Map bounds to zoom to for a feature (points get a box of `min_size` metres)."""
        geom = self.layers[hit.layer_id].data.geometry.values[hit.index]
        xmin, ymin, xmax, ymax = shapely.bounds(geom)
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        half = max(xmax - xmin, ymax - ymin, min_size) / 2
        return (cx - half, cy - half, cx + half, cy + half)


def _label_scales(values: np.ndarray, steps: list[tuple[float, float]], default: float) -> np.ndarray:
    """Per-feature max_scale (m/px) from value thresholds: [(min_value, max_scale), ...]."""
    out = np.full(len(values), default, float)
    for threshold, scale in sorted(steps):
        out[values >= threshold] = scale
    return out


def _admin1(folder) -> Layer:
    levels = bundled.read_basemap_levels("admin1", folder)
    base = levels[0]
    area = shapely.area(base.geometry.values)
    for g in levels.values():
        g["area_km2"] = np.round(area / 1e6, 0)
        mx = (g["country"] == "MX") & g["code"].isin(MX_BORDER_STATES)
        border = mx | ((g["country"] == "US") & g["code"].isin(US_BORDER_STATES))
        g["label_fit"] = np.where(mx, 0.5, 4.0)
        g["label_must"] = mx  # placed with the main ports, before every other label
        g["label_move"] = border
        # border states' names on two lines (NUEVO / LEÓN) fit the small and narrow ones
        g["label"] = [wrap_text(n, 8) if b else n for n, b in zip(g["name"].astype(str), border)]
    return Layer(
        "states", "States and provinces", "polygon", levels,
        Style(fill="#eeeeee", stroke="#a59d8e", stroke_width=0.6, fill_by="country", palette=COUNTRY_FILL),
        LabelSpec("label", priority="area_km2", size=7.5, colour="#6f6657", uppercase=True,
                  letter_spacing=0.6, anchor="centre", anchor_x="label_x", anchor_y="label_y",
                  area_field="area_km2", min_area_ratio_field="label_fit", must_field="label_must",
                  move_field="label_move"),
        description="US states, Mexican states and Canadian provinces",
        source="Natural Earth 10m admin-1", fields=("name", "code", "country", "area_km2"),
    )


def build_layers(folder: Path | None = None) -> LayerStack:
    stack = LayerStack()
    stack.add(Layer(
        "context", "Neighbouring countries", "polygon", bundled.LazyLevels("context", folder),
        Style(fill="#e9e7e2", stroke="#c4bfb5", stroke_width=0.5), selectable=False,
        description="Central America and the Caribbean, for context", source="Natural Earth 50m admin-0",
    ))
    stack.add(_admin1(folder))
    stack.add(Layer(
        "rivers", "Rivers", "line", bundled.LazyLevels("rivers", folder),
        Style(stroke="#86aecb", stroke_width=0.9), selectable=False,
        description="Major rivers, including the Rio Grande / Río Bravo",
        source="Natural Earth 10m rivers",
    ))
    stack.add(Layer(
        "railroads", "Railroads", "line", bundled.LazyLevels("railroads", folder),
        Style(stroke="#8c8279", stroke_width=0.6, dash=True), selectable=False,
        description="North American railroads", source="Natural Earth 10m railroads",
    ))
    stack.add(Layer(
        "borders", "International borders", "line", bundled.LazyLevels("borders", folder),
        Style(stroke="#4d453c", stroke_width=1.6), selectable=False,
        description="US–Mexico and US–Canada land borders", source="Natural Earth 10m admin-1",
    ))

    cities = bundled.read_basemap_level("cities", 0, folder)
    cities["label_max_scale"] = _label_scales(
        cities["pop_max"].to_numpy(float), [(3e6, 9000.0), (1e6, 4200.0), (4e5, 2200.0)], 1100.0)
    stack.add(Layer(
        "cities", "Cities", "point", {0: cities},
        Style(fill="#3b3b3b", stroke="#ffffff", stroke_width=0.8, radius=2.2),
        LabelSpec("name", priority="pop_max", size=8.0, colour="#2b2b2b", max_scale_field="label_max_scale"),
        description="Cities over 150,000 people (Mexico over 60,000)", source="Natural Earth 10m populated places",
        fields=("name", "admin1", "country", "pop_max"),
    ))

    zones = bundled.read_point_table("industrial_zones", folder)
    parks = zones[zones["kind"] == "park"].reset_index(drop=True)
    clusters = zones[zones["kind"] == "cluster"].reset_index(drop=True)
    stack.add(Layer(
        "industrial_parks", "Industrial parks", "point", {0: parks},
        Style(fill="#8a4fa8", stroke="#ffffff", stroke_width=0.6, radius=2.6),
        LabelSpec("name", priority="n_facilities", size=7.0, colour="#6b3a85", italic=True, max_scale=650.0),
        description="Mexican industrial parks with RETC-registered facilities",
        source="SEMARNAT RETC 2022", fields=("name", "municipality", "state", "n_facilities", "top_sectors", "cluster"),
    ))
    clusters["label_max_scale"] = np.where(clusters["n_facilities"] >= 40, 9000.0, 5000.0)
    stack.add(Layer(
        "clusters", "Manufacturing clusters", "point", {0: clusters},
        Style(fill="#8a4fa833", stroke="#8a4fa8", stroke_width=1.2, size_by="n_facilities", size_range=(7.0, 16.0)),
        LabelSpec("name", priority="n_facilities", size=8.5, colour="#5e2d78", italic=True, bold=True,
                  max_scale_field="label_max_scale"),
        description="Major Mexican manufacturing clusters (Ciudad Juárez, Tijuana, Monterrey, the Bajío…)",
        source="SEMARNAT RETC 2022, grouped", fields=("name", "state", "n_facilities", "n_parks", "top_sectors"),
        size_caption="facilities", blocks_labels=True, soft_obstacle=True,
    ))

    seaports = bundled.read_point_table("seaports", folder)
    # WPI lists some harbours twice (Progreso / Puerto Progreso): one symbol per UN/LOCODE.
    coded = seaports["unlocode"].astype(str).str.len() > 0
    seaports = seaports[~(coded & seaports["unlocode"].duplicated())].reset_index(drop=True)
    size = seaports["harbor_size"].astype(str).str.upper().map({"L": 3, "M": 2, "S": 1, "V": 0}).fillna(0)
    key = seaports["unlocode"].isin(PRINCIPAL_SEAPORTS)
    seaports["principal"] = key.astype(int)
    seaports["rank"] = size + 10 * key
    # Principal cargo ports always, with labels; other large/medium harbours from 1.6 km/px;
    # small and very small ones only when zoomed in.
    seaports["show_max_scale"] = np.select([key, size >= 2, size == 1], [1e9, 1600.0, 900.0], 450.0)
    seaports["label_max_scale"] = np.where(key, 7000.0, np.minimum(seaports["show_max_scale"], 900.0))
    stack.add(Layer(
        "seaports", "Seaports", "point", {0: seaports},
        Style(fill="#1d5c96", stroke="#ffffff", stroke_width=0.8, radius=3.6, symbol="square"),
        LabelSpec("name", priority="rank", size=7.5, colour="#17466f", italic=True, max_scale_field="label_max_scale"),
        description="US Gulf and Pacific and Mexican seaports", source="NGA World Port Index",
        show_scale_field="show_max_scale", blocks_labels=True,
        fields=("name", "unlocode", "country", "coast", "harbor_size_label", "principal"),
    ))

    crossings = bundled.read_point_table("border_crossings", folder)
    crossings["border"] = "MX"  # NTAD's crossings of the Mexico-border ports
    stack.add(Layer(
        "crossings", "Border crossings", "point", {0: crossings},
        Style(fill="#e08a2c", stroke="#ffffff", stroke_width=0.6, radius=2.4, symbol="diamond"),
        LabelSpec("name", size=7.0, colour="#8a4a0c", max_scale=600.0),
        description="Individual bridges and crossings (NTAD 2014)", source="BTS NTAD border_x",
        fields=("name", "port_name", "port_code"), filter_field="border",
        filter_values=frozenset({DEFAULT_BORDER}),
    ))

    stack.add(Layer(
        "ports", "Land ports of entry", "point", {0: _land_ports(folder)},
        Style(fill=PORT_RED, stroke="#ffffff", stroke_width=1.0, size_by="truck_2024", size_range=(3.2, 10.0)),
        LabelSpec("label", priority="truck_2024", size=8.0, bold=True, colour="#7d1f12",
                  max_scale_field="label_max_scale", leaders=True, group_field="label_group",
                  must_field="label_must", avoid_field="border"),
        description="US land ports of entry on the Mexico and Canada borders (the partner's border is shown), "
                    "sized by 2024 incoming trucks",
        source="BTS Border Crossing/Entry Data", name_field="name", size_caption="trucks (2024)", blocks_labels=True,
        fields=("name", "port_code", "state", "border", "truck_2024", "first_month", "last_month"),
        filter_field="border", filter_values=frozenset({DEFAULT_BORDER}),
        label_avoid=_neighbour_land(stack["states"]),
    ))
    return stack


def _land_ports(folder: Path | None):
    """The land ports of both borders in one table (Mexico's first, so their row positions
    are those of the Mexico table), with `border` ("MX" or "CA"), the map `label`, the
    `label_group` and a `label_max_scale` that names each border's busiest ports first."""
    tables = []
    for border, key in PORT_TABLES.items():
        t = bundled.read_point_table(key, folder)
        t["border"] = border
        tables.append(t)
    ports = pd.concat(tables, ignore_index=True)
    codes = ports["port_code"].astype(str)
    ports["label"] = [PORT_LABELS.get(c, n) for c, n in zip(codes, ports["name"].astype(str))]
    ports["label_group"] = codes.map(PORT_GROUPS).fillna("")
    trucks = pd.to_numeric(ports["truck_2024"], errors="coerce").fillna(0.0)
    # a group ranks by its members' trucks together; the rank counts ports-or-groups per border
    unit = ports["label_group"].where(ports["label_group"] != "", codes)
    unit_trucks = trucks.groupby([ports["border"], unit]).transform("sum")
    firsts = ~pd.DataFrame({"b": ports["border"], "u": unit}).duplicated()
    rank = unit_trucks.where(firsts).groupby(ports["border"]).rank(ascending=False, method="first")
    rank = rank.groupby([ports["border"], unit]).transform("min").to_numpy() - 1  # 0 = busiest
    ports["label_max_scale"] = np.select(
        [rank < PORT_LABELS_NATIONAL, rank < PORT_LABELS_NATIONAL + PORT_LABELS_REGIONAL], [12000.0, 4500.0], 1800.0)
    ports["label_must"] = rank < PORT_LABELS_NATIONAL  # the busiest are named wherever they are shown
    return ports


def _neighbour_land(states: Layer):
    """For the ports layer's `label_avoid`: whether map points lie in the country across the
    border ("MX": a Mexican state, "CA": a Canadian province). A port's name then stands on
    its own side of the border or over the sea, and leaves the neighbour's side to its
    states and clusters."""
    g = states.levels[max(states.levels)]
    lands: dict[str, object] = {}

    def inside(border: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        if border not in lands:
            land = shapely.union_all(g.geometry.values[(g["country"] == border).to_numpy()])
            shapely.prepare(land)
            lands[border] = land
        return shapely.contains_xy(lands[border], x, y)
    return inside


def load_map_content(folder: Path | None = None) -> MapContent:
    return MapContent(build_layers(folder))
