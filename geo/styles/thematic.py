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
    "ca_prov": "Canadian provinces by trade value",
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
#: state codes that name no state: BTS's unknown Mexican states (XX, OT), the US unknown
#: (DU) and the blank "not recorded" of imports. Shown apart, never shaded.
UNASSIGNED_STATES = frozenset({"", "XX", "OT", "DU", "None", "nan"})


@dataclass(frozen=True)
class FixedScale:
    """One scale for a whole played period: class upper bounds for the state shading and
    the value drawn at full port-symbol size (None: fitted to what is shown)."""

    state_bounds: tuple[float, ...] | None = None
    port_max: float | None = None


@dataclass(frozen=True)
class ThemeSettings:
    state_metric: str = "us_state"
    classification: str = "quantiles"
    classes: int = 5
    port_metric: str = "trade"
    #: "filter": states follow the filter's period; "latest": the latest whole year the store
    #: holds for the shaded states (the annual summaries, 2025), while ports and flows keep
    #: the filter's period - the view a fresh analysis opens on, each legend entry saying its own
    state_period: str = "filter"

    def __post_init__(self):
        if self.state_period not in ("filter", "latest"):
            raise ValueError(f"state_period must be 'filter' or 'latest', not {self.state_period!r}")
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
    #: trade with no recorded state, shown apart: [(code, name, value)]
    unassigned: list[tuple[str, str, float]] = field(default_factory=list)
    #: the value at full port-symbol size when the scale is fixed (playback)
    port_max: float | None = None


def theme_figure(theme: Theme | None, kind: str, code: str) -> Message | None:
    """A place's figure under the current filter, for its tooltip and the side panel:
    value with units, share of the total shown, and the period; None when not held."""
    if theme is None:
        return None
    code = str(code)
    if kind == "port":
        if theme.settings.port_metric == "none" or code not in theme.port_values:
            return None
        v = theme.port_values[code]
        total = sum(theme.port_values.values()) or 1.0
        if theme.settings.port_metric == "trade":
            return msg("figure.port_trade", value_usd=v, share_share=v / total,
                       period_msg=period_message(theme.filter))
        return msg("figure.port_count", value_n=round(v), measure_msg=msg(f"measure.{theme.settings.port_metric}"),
                   share_share=v / total, period_msg=period_message(theme.filter))
    if kind in ("us_state", "mx_state", "ca_prov"):
        if theme.settings.state_metric != kind:
            return None
        if code not in theme.state_values:
            return msg("figure.state_none", period_msg=period_message(theme.filter))
        v = theme.state_values[code]
        total = sum(theme.state_values.values()) or 1.0
        rank = 1 + sum(1 for x in theme.state_values.values() if x > v)
        return msg("figure.state", value_usd=v, share_share=v / total, rank_n=rank,
                   count_n=len(theme.state_values), period_msg=period_message(theme.filter))
    return None


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


def _quantile_bins(values: np.ndarray, k: int) -> np.ndarray:
    """mapclassify.Quantiles' upper bounds (linear percentiles at 100/k steps, duplicates merged)."""
    w = 100.0 / k
    p = np.arange(w, 100 + w, w)
    p[-1] = min(p[-1], 100.0)
    return np.unique(np.percentile(values, p[:k]))


def _equal_interval_bins(values: np.ndarray, k: int) -> np.ndarray:
    """mapclassify.EqualInterval's upper bounds."""
    lo, hi = float(values.min()), float(values.max())
    width = (hi - lo) / k
    cuts = lo + width * np.arange(1, k + 1)
    cuts[-1] = hi
    return cuts


def classify(values: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, list[float]]:
    """Class index per value (0..k-1) and the upper bounds of the classes.

    Quantiles and equal intervals are computed here exactly as mapclassify does (a test
    compares them), so the first map does not wait 1.5–2.5 s for mapclassify's SciPy
    imports; natural breaks (Fisher–Jenks) load mapclassify when chosen."""
    values = np.asarray(values, float)
    uniq = np.unique(values)
    k = int(min(k, len(uniq)))
    if k < 2:
        return np.zeros(len(values), int), [float(values.max()) if len(values) else 0.0]
    if scheme in ("quantiles", "equal_interval"):
        bins = _quantile_bins(values, k) if scheme == "quantiles" else _equal_interval_bins(values, k)
        return np.searchsorted(bins, values, side="left").astype(int), [float(b) for b in bins]
    import mapclassify

    if scheme != "natural_breaks":
        raise ValueError(f"unknown classification {scheme!r}")
    import warnings

    with warnings.catch_warnings():  # "Numba not installed": pure Python is instant for ≤ 100 states
        warnings.simplefilter("ignore", UserWarning)
        c = mapclassify.FisherJenks(values, k=k)
    return np.asarray(c.yb, int), [float(b) for b in c.bins]


def _palette(k: int) -> list[str]:
    # Up to the second-darkest blue: labels with halos stay readable on the top class.
    top = len(SEQUENTIAL) - 2 if k <= len(SEQUENTIAL) - 1 else len(SEQUENTIAL) - 1
    idx = np.round(np.linspace(0, top, k)).astype(int)
    return [SEQUENTIAL[i] for i in idx]


def filter_parts(f: TradeFilter) -> list[str]:
    """The filters beyond direction, partner and period, named: modes, commodities, ports,
    states (BTS names), so legends and exports state every active filter."""
    from geo.data.codes import code_tables

    ct = code_tables()
    out = []
    for attr, dim in (("modes", "mode"), ("commodities", "commodity"), ("ports", "port"),
                      ("us_states", "us_state"), ("mx_states", "mx_state")):
        codes = getattr(f, attr)
        if codes:
            names = [ct.name(dim, c) for c in codes]
            if dim == "commodity":
                names = [f"HS {c} {n}" for c, n in zip(codes, names)]
            out.append(" + ".join(names))
    return out


def scope_message(f: TradeFilter, period: Message | None = None) -> Message:
    """'US exports with Mexico, Jan 2021 to Dec 2021' and, when set, '; Rail; HS 87 Vehicles'."""
    base = msg("scope.trade", direction_msg=msg(f"direction.{f.trade_type or 'both'}"),
               partner_msg=msg(f"partner.{f.country or 'both'}"), period_msg=period or period_message(f))
    parts = filter_parts(f)
    return msg("scope.filtered", base_msg=base, filters_list=parts) if parts else base


#: the annual summary answering each shading's latest whole year
LATEST_YEAR_TABLES = {"us_state": "bts_us_state_year", "mx_state": "bts_mx_state_year"}


def latest_state_filter(store, f: TradeFilter, by: str) -> TradeFilter:
    """``f`` over the latest whole year the store holds for ``by`` (the annual summaries, else
    the raw months), asked as a year; ``f`` itself when no whole year is held."""
    years: list[int] = []
    try:
        years = list((store.summary_periods() or {}).get(LATEST_YEAR_TABLES.get(by, ""), []))
    except AttributeError:
        pass
    try:
        held = set().union(*[set(v) for k, v in store.available_periods().items() if k != "crossings"])
    except AttributeError:
        held = set()
    years += [y for y in {m // 100 for m in held} if all(y * 100 + m in held for m in range(1, 13))]
    if not years:
        return f
    y = max(years)
    return f.replace(period=(y * 100 + 1, y * 100 + 12), granularity="year")


def state_query_filter(f: TradeFilter, by: str) -> TradeFilter | None:
    """The filter state shading queries: Mexican states are shaded by US exports (their
    destination state), since BTS records no Mexican state of origin for imports; None when
    the filter asks for imports only (nothing to shade)."""
    if by != "mx_state":
        return f
    if f.trade_type == "import":
        return None
    return f.replace(trade_type="export")


def classify_fixed(values: np.ndarray, bounds) -> np.ndarray:
    """Class index per value against fixed upper bounds (values above the last go in it)."""
    idx = np.searchsorted(np.asarray(bounds, float), np.asarray(values, float), side="left")
    return np.minimum(idx, len(bounds) - 1)


def _held(store, f: TradeFilter, by: str):
    """(period actually answered, source) of a layer's query, from the store's plan; None
    when the store cannot say."""
    try:
        plan = store.plan(f, by)
    except (AttributeError, TypeError, NotAnswerableError, FilterError):
        return None
    if plan.empty:
        return None
    if plan.summary:
        months = sorted(plan.months)
    else:  # the raw months that answer (a table holding other months of the period does not)
        months = sorted({int(m) for ms in plan.months_by_table.values() for m in ms})
    if not months:
        return None
    lo, hi = months[0], months[-1]
    held = msg("period.one", month_ym=lo) if lo == hi else msg("period.range", lo_ym=lo, hi_ym=hi)
    return held, plan.source, (lo, hi)


def _titled(title: Message, held) -> Message:
    return msg("theme.with_source", title_msg=title, source=held[1]) if held else title


def compute_theme(store, f: TradeFilter, settings: ThemeSettings, scale: FixedScale | None = None) -> Theme:
    theme = Theme(f, settings, period_label(f))
    theme.port_max = scale.port_max if scale is not None else None
    period = period_message(f)

    # --- states ---
    by = settings.state_metric
    if by != "none":
        theme.state_country = {"us_state": "US", "mx_state": "MX", "ca_prov": "CA"}[by]
        fs = state_query_filter(f, by)
        if fs is not None and settings.state_period == "latest" and by in LATEST_YEAR_TABLES:
            fs = latest_state_filter(store, fs, by)
        df = None
        if fs is None:
            theme.notes.append(msg("theme.mx_no_import_states", "warning"))
        else:
            try:
                df = store.breakdown(fs, by)
            except (NotAnswerableError, FilterError) as exc:
                theme.notes.append(_error_message(exc))
        if df is not None and len(df):
            df = df[df["value"] > 0]
            unassigned = df["code"].astype(str).isin(UNASSIGNED_STATES)
            if unassigned.any():
                gone = df[unassigned]
                theme.unassigned = [(str(c), str(n), float(v)) for c, n, v in
                                    zip(gone["code"], gone["name"], gone["value"])]
                total = float(df["value"].sum())
                theme.notes.append(msg("theme.unassigned", side_msg=msg(f"side.{by}"),
                                       value_usd=float(gone["value"].sum()),
                                       share_share=float(gone["value"].sum()) / total if total else 0.0,
                                       names_list=[str(n) for n in gone["name"]]))
            df = df[~unassigned]
        if df is not None and len(df):
            codes = df["code"].astype(str).tolist()
            vals = df["value"].to_numpy(float)
            if scale is not None and scale.state_bounds:
                bins = list(scale.state_bounds)
                yb = classify_fixed(vals, bins)
            else:
                yb, bins = classify(vals, settings.classification, settings.classes)
            colours = _palette(len(bins))
            theme.state_values = dict(zip(codes, vals.tolist()))
            theme.state_colours = {c: colours[i] for c, i in zip(codes, yb)}
            lower = float(vals.min()) if not (scale and scale.state_bounds) else 0.0
            for i, upper in enumerate(bins):
                theme.state_bins.append(ClassBin(lower, upper, colours[i], int((yb == i).sum())))
                lower = upper
            q = fs or f
            asked = period_message(q)
            held = _held(store, q, by)
            own = held[0] if held and q.period and held[2] != tuple(q.period) else asked
            theme.state_title = _titled(msg(f"theme.state_title.{by}", scope_msg=scope_message(q, own)), held)
            if q.period != f.period:  # the latest whole year, not the filter's period: said apart
                theme.notes.append(msg("theme.states_latest_year", side_msg=msg(f"side.{by}"), period_msg=own,
                                       filter_msg=period))
            if held:
                theme.layer_sources["states"] = (held[0], held[1])
                if own is not asked:
                    theme.notes.append(msg("theme.layer_partial", "warning", layer_msg=msg("layer.states"),
                                           held_msg=held[0], source=held[1], period_msg=asked))
        elif df is not None:
            theme.notes.append(msg("theme.no_state_figures", "warning", side_msg=msg(f"side.{by}"),
                                   period_msg=period))
        if by == "mx_state" and f.trade_type is None and theme.state_values:
            theme.notes.append(msg("theme.mx_exports_only"))

    # --- ports ---
    metric = settings.port_metric
    if metric == "trade":
        try:
            df = store.breakdown(f, "port")
            theme.port_values = {str(c): float(v) for c, v in zip(df["code"], df["value"]) if v > 0}
        except (NotAnswerableError, FilterError) as exc:
            theme.notes.append(_error_message(exc))
        held = _held(store, f, "port") if theme.port_values else None
        own = held[0] if held and f.period and held[2] != tuple(f.period) else period
        theme.port_title = _titled(msg("theme.port_title.trade", scope_msg=scope_message(f, own)), held)
        theme.port_unit = "US$"
        if held:
            theme.layer_sources["ports"] = (held[0], held[1])
            if own is not period:
                theme.notes.append(msg("theme.layer_partial", "warning", layer_msg=msg("layer.ports"),
                                       held_msg=held[0], source=held[1], period_msg=period))
        elif not theme.port_values and f.period:
            try:
                dot1 = store.available_periods().get("DOT1") or []
            except AttributeError:
                dot1 = []
            if dot1 and f.period[0] > dot1[-1]:
                theme.notes.append(msg("theme.no_port_figures", "warning", period_msg=period, last_ym=dot1[-1]))
    elif metric != "none":
        months = f.period
        df = store.crossings(measures=[metric], period=months, by=("port",), border="US-Mexico Border")
        theme.port_values = {str(c): float(v) for c, v in zip(df["port_code"], df["value"]) if v > 0}
        theme.port_title = msg("theme.port_title.crossings", measure_msg=msg(f"measure.{metric}"),
                               period_msg=months)
        theme.port_unit = PORT_METRICS[metric].lower()
        if not theme.port_values:
            theme.notes.append(msg("theme.no_crossings", period_msg=months))

    try:
        cav = store.caveats(f, settings.state_metric if settings.state_metric != "none" else None)
        theme.notes.extend(c.message for c in cav)
    except (NotAnswerableError, FilterError):
        pass
    theme.notes = list(dict.fromkeys(theme.notes))
    return theme


def compute_fixed_scale(store, f: TradeFilter, settings: ThemeSettings, months) -> FixedScale:
    """One scale for playing ``months`` of filter ``f``: state classes from every state-month
    value of the period pooled, and the largest port-month value at full symbol size, so
    Laredo in April 2020 is drawn smaller than in June 2021."""
    state_vals: list[float] = []
    port_max = 0.0
    by = settings.state_metric
    for m in months:
        fm = f.replace(period=(m, m))
        if by != "none":
            fs = state_query_filter(fm, by)
            try:
                df = store.breakdown(fs, by) if fs is not None else None
            except (NotAnswerableError, FilterError):
                df = None
            if df is not None and len(df):
                df = df[(df["value"] > 0) & ~df["code"].astype(str).isin(UNASSIGNED_STATES)]
                state_vals.extend(df["value"].astype(float).tolist())
        if settings.port_metric == "trade":
            try:
                dp = store.breakdown(fm, "port")
                if len(dp):
                    port_max = max(port_max, float(dp["value"].max()))
            except (NotAnswerableError, FilterError):
                pass
        elif settings.port_metric != "none":
            dc = store.crossings(measures=[settings.port_metric], period=(m, m), by=("port",),
                                 border="US-Mexico Border")
            if len(dc):
                port_max = max(port_max, float(dc["value"].max()))
    bounds = None
    if len(state_vals) >= 2:
        _yb, b = classify(np.asarray(state_vals), settings.classification, settings.classes)
        bounds = tuple(b)
    return FixedScale(bounds, port_max or None)


def apply_theme(layers, theme: Theme | None) -> None:
    """Write a theme into the layer model: state fills, port sizes, legends."""
    states = layers["states"]
    ports = layers["ports"]
    if theme is None or not theme.state_colours:
        fill: list[str | None] = [None] * len(states.data)
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
        ports.style = replace(ports.style, size_by=None, radius=4.5, size_max=None)
        ports.size_caption = ""
    else:
        ports.data["theme_value"] = [theme.port_values.get(str(c), 0.0) for c in ports.data["port_code"]]
        ports.style = replace(ports.style, size_by="theme_value", size_max=theme.port_max)
        ports.size_caption = theme.port_unit
        ports.legend_title = theme.port_title
    if "theme_value" not in ports.fields:
        ports.fields = ports.fields + ("theme_value",)
    if "trade_value" not in states.fields:
        states.fields = states.fields + ("trade_value",)
    layers.changed.emit("states")
    layers.changed.emit("ports")
