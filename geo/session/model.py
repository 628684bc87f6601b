"""The session: one evented object holding the whole state of an analysis.

Parts (each an immutable value, each with its own signal):

==============  ========================================================================
``filter``      the trade filter (:class:`geo.query.TradeFilter`, period granularity in it)
``style``       map style: state shading, classification, port sizing (:class:`ThemeSettings`)
``flows``       flow overlay: shown or not, source, options (:class:`FlowState`)
``playback``    the month being played, or None (:class:`PlaybackState`)
``selection``   the selected feature by layer and stable id (:class:`SelectionState`)
``layers``      layer order, visibility and opacity (:class:`LayersState`)
``view``        the map extent in longitude/latitude (:class:`ViewState`)
==============  ========================================================================

Features register their own namespaced parts with :func:`register_part` (the drill-down
panel's open feature and history, playback's scale mode; later the company network and
scenarios), so later issues extend the session without touching this module.

The session wires itself: a filter, style or playback change re-queries the store,
restyles the layers and rebuilds the flows here, in the model; ``desktop/`` binds widgets
to the session and paints what it says. ``to_dict()`` / ``from_dict()`` round-trip it to
plain JSON data with a schema version; what comes in is validated (an unknown key or a
wrong type raises :class:`SessionError`, whose message names the part and key).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from geo.core.messages import Message, MessageError, msg
from geo.core.parts import (
    _REGISTERED,
    PartSpec,
    SessionError,
    _decode_dataclass,
    dataclass_part,
    set_core_parts,
)
from geo.core.signals import Signal
from geo.flows import FlowModel, FlowOptions, FlowSet
from geo.query import FilterError, NotAnswerableError, TradeFilter
from geo.styles.thematic import FixedScale, Theme, ThemeSettings, apply_theme, compute_fixed_scale, compute_theme

SCHEMA_VERSION = 1


# -- parts ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FlowState:
    """``visible``: the overlay is drawn; ``source``: ``"bts"`` (the store under the filter)
    or ``"od"`` (a table the user opened); ``options``: what to draw."""

    visible: bool = False
    source: str = "bts"
    options: FlowOptions = field(default_factory=FlowOptions)

    def __post_init__(self):
        if self.source not in ("bts", "od"):
            raise ValueError(f"source must be 'bts' or 'od', not {self.source!r}")


@dataclass(frozen=True)
class PlaybackState:
    """``month``: the month shown while playing or stepping (the filter keeps the whole
    period); None when not playing."""

    month: int | None = None


@dataclass(frozen=True)
class SelectionState:
    """The selected feature: its layer and its stable id (port code, state code, …)."""

    layer: str | None = None
    feature: str | None = None


@dataclass(frozen=True)
class LayersState:
    """Per layer, bottom first: ``(id, visible, opacity)``. Empty: the map's defaults."""

    layers: tuple[tuple[str, bool, float], ...] = ()

    def __post_init__(self):
        norm = []
        for item in self.layers:
            lid, vis, op = item
            if not isinstance(lid, str) or not isinstance(vis, bool) or not isinstance(op, (int, float)):
                raise ValueError(f"each layer is [id, visible, opacity], not {list(item)!r}")
            if not 0.0 <= float(op) <= 1.0:
                raise ValueError(f"opacity of {lid} must be 0..1")
            norm.append((lid, vis, float(op)))
        object.__setattr__(self, "layers", tuple(norm))

    def get(self, layer_id: str) -> tuple[bool, float] | None:
        for lid, vis, op in self.layers:
            if lid == layer_id:
                return vis, op
        return None


@dataclass(frozen=True)
class ViewState:
    """The map extent as (west, south, east, north) in degrees; None: the full extent."""

    extent: tuple[float, float, float, float] | None = None

    def __post_init__(self):
        if self.extent is not None:
            w, s, e, n = (float(v) for v in self.extent)
            if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
                raise ValueError(f"extent {list(self.extent)} is not west < east, south < north in degrees")
            object.__setattr__(self, "extent", (w, s, e, n))


_CORE_PARTS: dict[str, PartSpec] = {}


def _flow_options(d, path):
    return _decode_dataclass(FlowOptions, d, path)


for _spec in (
    dataclass_part("filter", TradeFilter, default=lambda: TradeFilter(country="MX")),
    dataclass_part("style", ThemeSettings),
    dataclass_part("flows", FlowState, nested={"options": _flow_options}),
    dataclass_part("playback", PlaybackState),
    dataclass_part("selection", SelectionState),
    dataclass_part("layers", LayersState),
    dataclass_part("view", ViewState),
):
    _CORE_PARTS[_spec.name] = _spec
set_core_parts(_CORE_PARTS)


# -- migrations ---------------------------------------------------------------------------------
#: schema version N -> function turning a version-N dict into a version-(N+1) dict. Every
#: schema change adds one here and a test that loads a session saved at the older version.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(data: Mapping) -> dict:
    if not isinstance(data, Mapping) or "schema" not in data:
        raise SessionError(msg("session.not_a_session", "error"))
    version = data["schema"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SessionError(msg("session.not_a_session", "error"))
    if version > SCHEMA_VERSION:
        raise SessionError(msg("session.newer", "error", found=version, supported=SCHEMA_VERSION))
    out = dict(data)
    while out["schema"] < SCHEMA_VERSION:
        out = MIGRATIONS[out["schema"]](out)
    return out


# -- the session --------------------------------------------------------------------------------
def default_filter(store) -> TradeFilter:
    """US trade with Mexico over the latest 12 months that have port-level data."""
    if store is None:
        return TradeFilter(country="MX")
    periods = store.available_periods()
    months = sorted(set(periods.get("DOT3", [])) | set(periods.get("DOT1", [])))
    if not months:
        return TradeFilter(country="MX")
    return TradeFilter(period=(months[max(0, len(months) - 12)], months[-1]), country="MX")


class Session:
    """The state of one analysis; see the module docstring. ``layers`` is the map's
    :class:`geo.layers.LayerStack` (themes and layer state are written into it)."""

    # one signal per part: (new value)
    filter_changed = Signal(object)
    style_changed = Signal(object)
    flows_changed = Signal(object)
    playback_changed = Signal(object)
    selection_changed = Signal(object)
    layers_changed = Signal(object)
    view_changed = Signal(object)
    #: a registered part changed: (name, new value)
    part_changed = Signal(str, object)
    #: any part changed: (name, old, new); undo/redo and "modified" listen here
    changed = Signal(str, object, object)
    # what the session derives
    store_changed = Signal(object)
    theme_changed = Signal(object)  # Theme
    flowset_changed = Signal(object)  # FlowSet | None
    flow_note_changed = Signal(object)  # Message | None
    failed = Signal(object)  # Message: a change that could not be applied

    def __init__(self, layers=None, store=None, settings: ThemeSettings | None = None, anchors=None):
        self.layers = layers
        self.store = store
        self._parts: dict[str, Any] = {name: spec.default() for name, spec in _CORE_PARTS.items()}
        for name, spec in _REGISTERED.items():
            self._parts[name] = spec.default()
        if settings is not None:
            self._parts["style"] = settings
        if store is not None:
            self._parts["filter"] = default_filter(store)
        self.theme: Theme | None = None
        self.flow_model = FlowModel(store, self._parts["flows"].options, anchors)
        self.od_flowset: FlowSet | None = None
        self.od_name = ""
        self.flow_note: Message | None = None
        self.last_ms = 0.0
        self._playback_months: frozenset[int] | None = None
        self._fixed_scale: FixedScale | None = None
        self._played_months: tuple[int, ...] = ()
        self._batch = 0
        if store is not None:
            self.refresh()

    # --- parts ---------------------------------------------------------------------------
    def get(self, name: str):
        return self._parts[name]

    @property
    def filter(self) -> TradeFilter:
        return self._parts["filter"]

    @property
    def style(self) -> ThemeSettings:
        return self._parts["style"]

    settings = style  # the name the style bar used

    @property
    def flows(self) -> FlowState:
        return self._parts["flows"]

    @property
    def playback(self) -> PlaybackState:
        return self._parts["playback"]

    @property
    def selection(self) -> SelectionState:
        return self._parts["selection"]

    @property
    def view(self) -> ViewState:
        return self._parts["view"]

    @property
    def effective_filter(self) -> TradeFilter:
        """The filter the map shows: the user's, cut to the played month while playing."""
        m = self.playback.month
        return self.filter.replace(period=(m, m)) if m is not None else self.filter

    def set(self, name: str, value) -> None:
        """Replace a part; derived state (theme, layers, flows) follows before the signals."""
        if name not in self._parts:
            raise KeyError(f"no session part {name!r}")
        old = self._parts[name]
        if value == old:
            return
        self._parts[name] = value
        self._apply(name, old, value)
        sig = getattr(self, f"{name}_changed", None)
        if sig is not None and name in _CORE_PARTS:
            sig.emit(value)
        else:
            self.part_changed.emit(name, value)
        self.changed.emit(name, old, value)

    def update(self, name: str, **changes) -> None:
        """Change some fields of a part: ``session.update("filter", modes=("rail",))``.
        A bad value (unknown code, bad period) emits :attr:`failed` and changes nothing."""
        try:
            value = replace(self._parts[name], **changes)
        except (FilterError, ValueError) as exc:
            self.failed.emit(exc.message if isinstance(exc, MessageError) else msg("error.filter", "error",
                                                                                   detail=str(exc)))
            return
        self.set(name, value)

    # the names the filter bar and the time bar have always used
    def update_filter(self, **changes):
        self.update("filter", **changes)
        return self.theme

    def update_settings(self, **changes):
        self.update("style", **changes)
        return self.theme

    # --- store -----------------------------------------------------------------------------
    def set_store(self, store, reset_filter: bool = True) -> Theme | None:
        self.store = store
        self.flow_model.store = store
        self._playback_months = None
        if reset_filter and store is not None:
            old = self._parts["filter"]
            new = default_filter(store)
            self._parts["filter"] = new
            if new != old:
                self.filter_changed.emit(new)
            # a fresh analysis opens each layer on the latest period it holds in full: the
            # states on the latest whole year, ports and flows on the latest twelve DOT1 months
            style = self._parts["style"]
            if style.state_period != "latest":
                self._parts["style"] = replace(style, state_period="latest")
                self.style_changed.emit(self._parts["style"])
        self.store_changed.emit(store)
        self.refresh()
        return self.theme

    def months(self) -> list[int]:
        """Every month the store can answer for trade (any table), ascending."""
        if self.store is None:
            return []
        periods = self.store.available_periods()
        return sorted({m for k, v in periods.items() if k != "crossings" for m in v})

    # --- derived state -----------------------------------------------------------------------
    def _apply(self, name: str, old, new) -> None:
        if name in ("filter", "style"):
            if name == "filter":
                self._playback_months = None
            if self._fixed_scale is not None:
                # the style changed mid-playback: refit the one scale for the played months
                played = list(self._played_months) if name == "style" else []
                self._fixed_scale = (compute_fixed_scale(self.store, self.filter, self.style, played)
                                     if played and self.store is not None else None)
            if name == "filter" and old.country != new.country:
                self._show_partner_border(new.country)
            if name == "filter" and old.period != new.period and self.style.state_period == "latest":
                # the analyst chose a period: the states follow it from now on
                self._parts["style"] = replace(self.style, state_period="filter")
                self.style_changed.emit(self._parts["style"])
            self._refresh_theme()
            if name == "filter":
                self._refresh_flows()
        elif name == "playback":
            self._refresh_theme()
            self._refresh_flows()
        elif name == "playback_scale":
            if self.playback.month is not None:
                self._refresh_theme()
        elif name == "flows":
            if old.options != new.options:
                self.flow_model.set_options(new.options)
            if (old.visible, old.source) != (new.visible, new.source):
                self._refresh_flows()
            else:
                self.flowset_changed.emit(self.flowset)
        elif name == "layers":
            self._apply_layers()

    def refresh(self) -> Theme | None:
        """Recompute everything derived from the parts (after the store's data changed)."""
        self._refresh_theme()
        self._refresh_flows()
        self._apply_layers()
        return self.theme

    def _refresh_theme(self) -> None:
        if self.store is None:
            return
        t = time.perf_counter()
        scale = self._fixed_scale if self.playback.month is not None and self._scale_mode() == "fixed" else None
        style = self.style if self.playback.month is None else replace(self.style, state_period="filter")
        self.theme = compute_theme(self.store, self.effective_filter, style, scale)
        if self.layers is not None:
            apply_theme(self.layers, self.theme)
        self.last_ms = (time.perf_counter() - t) * 1000
        self.theme_changed.emit(self.theme)

    @property
    def flowset(self) -> FlowSet | None:
        """The flows to draw now (None when the overlay is hidden)."""
        if not self.flows.visible:
            return None
        return self.od_flowset if self.flows.source == "od" else self.flow_model.flowset

    def _set_flow_note(self, note: Message | None) -> None:
        if note != self.flow_note:
            self.flow_note = note
            self.flow_note_changed.emit(note)

    def _refresh_flows(self) -> None:
        fs = self.flows
        if not fs.visible or fs.source != "bts" or self.store is None:
            if fs.source == "od":
                self._set_flow_note(None)
            self.flowset_changed.emit(self.flowset)
            return
        f = self.effective_filter
        try:
            month = self.playback.month
            if month is not None and self._playback_months is not None and month in self._playback_months:
                built = self.flow_model.set_month(month)
            else:
                built = self.flow_model.set_filter(f)
        except (NotAnswerableError, FilterError) as exc:
            self.flow_model.flowset = None
            reason = exc.message if isinstance(exc, MessageError) else msg("error.filter", detail=str(exc))
            self._set_flow_note(msg("flows.none_for_filter", "warning", reason_msg=reason))
            self.flowset_changed.emit(None)
            return
        if len(built) == 0:
            from geo.styles.thematic import period_message

            self._set_flow_note(msg("flows.none_for_period", "warning", period_msg=period_message(f)))
        else:
            self._set_flow_note(None)
        self.flowset_changed.emit(self.flowset)

    def _show_partner_border(self, country: str | None) -> None:
        """The land ports of the partner's border are drawn (both borders for "any partner");
        a selected port of the other border is let go."""
        if self.layers is None:
            return
        border = country if country in ("MX", "CA") else None
        for layer_id in self.layers.show_border(border):
            sel = self.selection
            if sel.layer == layer_id and sel.feature is not None:
                layer = self.layers[layer_id]
                mask = layer.filter_mask()
                from geo.layers.content import FEATURE_ID_FIELDS

                col = FEATURE_ID_FIELDS.get(layer_id)
                keys = layer.data[col].astype(str).tolist() if col in layer.data else []
                if mask is not None and sel.feature in keys and not mask[keys.index(sel.feature)]:
                    self.select(None, None)

    def _apply_layers(self) -> None:
        stack = self.layers
        st = self._parts["layers"]
        if stack is None or not st.layers:
            return
        ids = stack.ids()
        order = [lid for lid, _v, _o in st.layers if lid in ids]
        for i, lid in enumerate(order + [x for x in ids if x not in order]):
            if stack.ids().index(lid) != i:
                stack.move(lid, i)
        for lid, vis, op in st.layers:
            if lid in ids:
                stack.set_visible(lid, vis)
                stack.set_opacity(lid, op)

    def capture_layers(self) -> None:
        """Record the stack's current order, visibility and opacity as the layers part."""
        if self.layers is not None:
            self.set("layers", LayersState(tuple((ly.id, bool(ly.visible), float(ly.opacity))
                                                 for ly in self.layers)))

    # --- flows -------------------------------------------------------------------------------
    def show_flows(self, on: bool = True) -> None:
        self.update("flows", visible=bool(on))

    def show_od(self, flowset: FlowSet, name: str) -> None:
        """Draw a user's origin-destination table instead of the BTS flows."""
        self.od_flowset, self.od_name = flowset, name
        self._set_flow_note(None)
        if self.flows.visible and self.flows.source == "od":
            self.flowset_changed.emit(self.flowset)
        else:
            self.set("flows", replace(self.flows, visible=True, source="od"))

    def use_bts(self) -> None:
        self.od_flowset, self.od_name = None, ""
        self.update("flows", source="bts")

    # --- playback ------------------------------------------------------------------------------
    def _scale_mode(self) -> str:
        part = self._parts.get("playback_scale")
        return getattr(part, "scale", "fixed")

    def begin_playback(self, months) -> list[int]:
        """Get ready to play ``months`` of the filter's period: the flows of all of them are
        fetched in one query (each step then only slices), and with the (default) fixed
        scale one scale is fitted to the whole period. Returns the months to play."""
        months = sorted({int(m) for m in months})
        self._playback_months = None
        self._fixed_scale = None
        self._played_months = tuple(months)
        if months and self.store is not None:
            self._fixed_scale = compute_fixed_scale(self.store, self.filter, self.style, months)
        if months and self.store is not None and self.flows.visible and self.flows.source == "bts":
            try:
                self.flow_model.prefetch(self.filter, months, fixed_width=self._scale_mode() == "fixed")
                self._playback_months = frozenset(months)
            except (NotAnswerableError, FilterError):
                pass
        return months

    def show_month(self, ym: int | None) -> None:
        self.set("playback", PlaybackState(ym))

    def end_playback(self) -> None:
        self._playback_months = None
        self._fixed_scale = None
        self._played_months = ()
        self.set("playback", PlaybackState(None))

    # --- selection --------------------------------------------------------------------------
    def select(self, layer: str | None, feature: str | None) -> None:
        self.set("selection", SelectionState(layer, None if feature is None else str(feature)))

    # --- view -------------------------------------------------------------------------------
    def set_extent(self, extent) -> None:
        if extent is None:
            self.set("view", ViewState(None))
            return
        w, s, e, n = (float(v) for v in extent)
        self.set("view", ViewState((w, s, e, n)))

    # --- persistence ------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """Plain JSON data: ``{"schema": N, "<part>": {...}, ...}``."""
        out: dict[str, Any] = {"schema": SCHEMA_VERSION}
        for name, spec in {**_CORE_PARTS, **_REGISTERED}.items():
            out[name] = spec.encode(self._parts[name])
        return out

    @staticmethod
    def parse(data: Mapping) -> dict[str, Any]:
        """Validate (and migrate) session data; returns part name -> value. Raises
        :class:`SessionError` naming the part and key on anything wrong."""
        data = migrate(data)
        specs = {**_CORE_PARTS, **_REGISTERED}
        out = {}
        for key, value in data.items():
            if key == "schema":
                continue
            if key not in specs:
                raise SessionError(msg("session.bad_key", "error", key=key, part="session"))
            out[key] = specs[key].decode(value, key)
        return out

    def from_dict(self, data: Mapping) -> None:
        """Load session data (validated first: on error nothing changes). Parts missing from
        ``data`` go back to their defaults."""
        parts = self.parse(data)
        specs = {**_CORE_PARTS, **_REGISTERED}
        new = {name: parts.get(name, spec.default()) for name, spec in specs.items()}
        if self.flows.source == "od" and new["flows"].source == "od" and self.od_flowset is None:
            new["flows"] = replace(new["flows"], source="bts")
        self._batch += 1
        try:
            old = dict(self._parts)
            self._parts.update(new)
            self._playback_months = None
            self.flow_model.set_options(new["flows"].options)
            self.refresh()
            for name in specs:
                if old.get(name) != new[name]:
                    sig = getattr(self, f"{name}_changed", None)
                    if sig is not None and name in _CORE_PARTS:
                        sig.emit(new[name])
                    else:
                        self.part_changed.emit(name, new[name])
                    self.changed.emit(name, old.get(name), new[name])
        finally:
            self._batch -= 1

    @classmethod
    def from_data(cls, data: Mapping, layers=None, store=None) -> "Session":
        s = cls(layers, store)
        s.from_dict(data)
        return s
