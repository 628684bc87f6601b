"""Thematic styling from trade data: states shaded by value, ports sized by value or by a
border-crossing measure, with legends that state classes, units and period.

Pure computation: `compute_theme(store, filter, settings)` asks the store and classifies;
`apply_theme(layers, theme)` writes the result into the layer model, which emits its
usual change events.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from geo.core.formatting import format_count, format_usd  # noqa: F401  (re-exported)
from geo.core.messages import Message, MessageError, msg
from geo.query import FilterError, NotAnswerableError, TradeFilter

CLASSIFICATIONS = {
    "quantiles": "Quantiles",
    "natural_breaks": "Natural breaks (Fisher–Jenks)",
    "equal_interval": "Equal interval",
}
STATE_METRICS = {
    "us_state": "US states by trade value",
    "mx_state": "Mexican states by trade value",
    "none": "No state shading",
}
# Port size: trade value, or a Border Crossing/Entry measure counted at the port.
PORT_METRICS = {
    "trade": "Trade value (US$)",
    "Trucks": "Incoming trucks",
    "Truck Containers Loaded": "Loaded truck containers",
    "Rail Containers Loaded": "Loaded rail containers",
    "Trains": "Trains",
    "none": "Fixed size",
}
# ColorBrewer YlGnBu, light to dark (colour-blind safe, prints in grey).
SEQUENTIAL = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")
NO_DATA = "#f1efea"


@dataclass(frozen=True)
class ThemeSettings:
    state_metric: str = "us_state"
    classification: str = "quantiles"
    classes: int = 5
    port_metric: str = "trade"

    def __post_init__(self):
        if self.state_metric not in STATE_METRICS:
            raise ValueError(f"unknown state metric {self.state_metric!r}")
        if self.classification not in CLASSIFICATIONS:
            raise ValueError(f"unknown classification {self.classification!r}")
        if self.port_metric not in PORT_METRICS:
            raise ValueError(f"unknown port metric {self.port_metric!r}")
        if not 2 <= self.classes <= len(SEQUENTIAL):
            raise ValueError(f"classes must be 2..{len(SEQUENTIAL)}")


@dataclass(frozen=True)
class ClassBin:
    lower: float
    upper: float
    colour: str
    count: int


@dataclass
class Theme:
    filter: TradeFilter
    settings: ThemeSettings
    period_label: str
    state_country: str | None = None  # "US" or "MX" when states are shaded
    state_values: dict[str, float] = field(default_factory=dict)  # admin1 code -> value
    state_colours: dict[str, str] = field(default_factory=dict)
    state_bins: list[ClassBin] = field(default_factory=list)
    state_title: Message | None = None
    port_values: dict[str, float] = field(default_factory=dict)  # CBP port code -> value
    port_title: Message | None = None
    port_unit: str = ""
    notes: list[Message] = field(default_factory=list)
    #: layer id -> (period message, source) of the figures the layer shows
    layer_sources: dict[str, tuple[Message, str]] = field(default_factory=dict)


def period_message(f: TradeFilter) -> Message:
    if not f.period:
        return msg("period.all")
    lo, hi = f.period
    return msg("period.one", month_ym=lo) if lo == hi else msg("period.range", lo_ym=lo, hi_ym=hi)


def period_label(f: TradeFilter) -> str:
    """English period label (``'Jan 2021 to Dec 2021'``); the view words :func:`period_message`."""
    return period_message(f).english()


def _error_message(exc: Exception) -> Message:
    return exc.message if isinstance(exc, MessageError) else msg("error.filter", detail=str(exc))


def classify(values: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, list[float]]:
    """Class index per value (0..k-1) and the upper bounds of the classes."""
    import mapclassify

    values = np.asarray(values, float)
    uniq = np.unique(values)
    k = int(min(k, len(uniq)))
    if k < 2:
        return np.zeros(len(values), int), [float(values.max()) if len(values) else 0.0]
    if scheme == "quantiles":
        c = mapclassify.Quantiles(values, k=k)
    elif scheme == "natural_breaks":
        import warnings

        with warnings.catch_warnings():  # "Numba not installed": pure Python is instant for ≤ 100 states
            warnings.simplefilter("ignore", UserWarning)
            c = mapclassify.FisherJenks(values, k=k)
    else:
        c = mapclassify.EqualInterval(values, k=k)
    return np.asarray(c.yb, int), [float(b) for b in c.bins]


def _palette(k: int) -> list[str]:
    # Up to the second-darkest blue: labels with halos stay readable on the top class.
    top = len(SEQUENTIAL) - 2 if k <= len(SEQUENTIAL) - 1 else len(SEQUENTIAL) - 1
    idx = np.round(np.linspace(0, top, k)).astype(int)
    return [SEQUENTIAL[i] for i in idx]


def compute_theme(store, f: TradeFilter, settings: ThemeSettings) -> Theme:
    theme = Theme(f, settings, period_label(f))
    period = period_message(f)
    scope = msg("scope.trade", direction_msg=msg(f"direction.{f.trade_type or 'both'}"),
                partner_msg=msg(f"partner.{f.country or 'both'}"), period_msg=period)

    # --- states ---
    by = settings.state_metric
    if by != "none":
        theme.state_country = "US" if by == "us_state" else "MX"
        try:
            df = store.breakdown(f, by)
        except (NotAnswerableError, FilterError) as exc:
            df = None
            theme.notes.append(_error_message(exc))
        if df is not None and len(df):
            df = df[df["value"] > 0]
            codes = df["code"].astype(str).tolist()
            vals = df["value"].to_numpy(float)
            yb, bins = classify(vals, settings.classification, settings.classes)
            colours = _palette(len(bins))
            theme.state_values = dict(zip(codes, vals.tolist()))
            theme.state_colours = {c: colours[i] for c, i in zip(codes, yb)}
            lower = float(vals.min())
            for i, upper in enumerate(bins):
                theme.state_bins.append(ClassBin(lower, upper, colours[i], int((yb == i).sum())))
                lower = upper
            theme.state_title = msg(f"theme.state_title.{by}", scope_msg=scope)
        elif df is not None:
            theme.notes.append(msg("theme.no_state_figures", "warning", side_msg=msg(f"side.{by}"),
                                   period_msg=period))
        if by == "mx_state" and f.trade_type != "export" and theme.state_values:
            theme.notes.append(msg("theme.mx_exports_only"))

    # --- ports ---
    metric = settings.port_metric
    if metric == "trade":
        try:
            df = store.breakdown(f, "port")
            theme.port_values = {str(c): float(v) for c, v in zip(df["code"], df["value"]) if v > 0}
        except (NotAnswerableError, FilterError) as exc:
            theme.notes.append(_error_message(exc))
        theme.port_title = msg("theme.port_title.trade", scope_msg=scope)
        theme.port_unit = "US$"
    elif metric != "none":
        period = f.period
        df = store.crossings(measures=[metric], period=period, by=("port",), border="US-Mexico Border")
        theme.port_values = {str(c): float(v) for c, v in zip(df["port_code"], df["value"]) if v > 0}
        theme.port_title = msg("theme.port_title.crossings", measure_msg=msg(f"measure.{metric}"),
                               period_msg=period)
        theme.port_unit = PORT_METRICS[metric].lower()
        if not theme.port_values:
            theme.notes.append(msg("theme.no_crossings", period_msg=period))

    try:
        cav = store.caveats(f, settings.state_metric if settings.state_metric != "none" else None)
        theme.notes.extend(c.message for c in cav)
    except (NotAnswerableError, FilterError):
        pass
    theme.notes = list(dict.fromkeys(theme.notes))
    return theme


def apply_theme(layers, theme: Theme | None) -> None:
    """Write a theme into the layer model: state fills, port sizes, legends."""
    states = layers["states"]
    ports = layers["ports"]
    if theme is None or not theme.state_colours:
        fill = [None] * len(states.data)
        states.legend_title, states.legend_entries = None, ()
    else:
        fill = [
            (theme.state_colours.get(code, NO_DATA) if country == theme.state_country else None)
            for country, code in zip(states.data["country"], states.data["code"])
        ]
        states.legend_title = theme.state_title
        states.legend_entries = tuple(
            (msg("legend.class", lower_usd=b.lower, upper_usd=b.upper, count_n=b.count), b.colour)
            for b in theme.state_bins
        ) + ((msg("legend.no_data"), NO_DATA),)
    values = [theme.state_values.get(c) if theme and country == theme.state_country else None
              for country, c in zip(states.data["country"], states.data["code"])]
    for g in states.levels.values():
        g["theme_colour"] = fill
        g["trade_value"] = values
    states.style = replace(states.style, fill_field="theme_colour")

    if theme is None or theme.settings.port_metric == "none":
        ports.data["theme_value"] = 0.0
        ports.style = replace(ports.style, size_by=None, radius=4.5)
        ports.size_caption = ""
    else:
        ports.data["theme_value"] = [theme.port_values.get(str(c), 0.0) for c in ports.data["port_code"]]
        ports.style = replace(ports.style, size_by="theme_value")
        ports.size_caption = theme.port_unit
        ports.legend_title = theme.port_title
    if "theme_value" not in ports.fields:
        ports.fields = ports.fields + ("theme_value",)
    if "trade_value" not in states.fields:
        states.fields = states.fields + ("trade_value",)
    layers.changed.emit("states")
    layers.changed.emit("ports")
