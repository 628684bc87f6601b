"""The trade state behind the map: which store, which filter, which thematic settings.

Widgets edit this object; it recomputes the theme and writes it into the layers, then
emits `changed(theme)`. Binding widgets to one state object (as glue does) keeps data
logic out of the widgets.
"""
from __future__ import annotations

import time

from geo.layers import LayerStack
from geo.query import FilterError, TradeFilter
from geo.core.signals import Signal
from geo.styles.thematic import Theme, ThemeSettings, apply_theme, compute_theme


def default_filter(store) -> TradeFilter:
    """US trade with Mexico over the latest 12 months that have port-level data."""
    periods = store.available_periods()
    months = sorted(set(periods.get("DOT3", [])) | set(periods.get("DOT1", [])))
    if not months:
        return TradeFilter(country="MX")
    return TradeFilter(period=(months[max(0, len(months) - 12)], months[-1]), country="MX")


class TradeView:
    changed = Signal(object)  # Theme
    failed = Signal(str)  # a message for the user (bad filter value)

    def __init__(self, layers: LayerStack, store=None, settings: ThemeSettings | None = None):
        self.layers = layers
        self.store = store
        self.filter = default_filter(store) if store is not None else TradeFilter(country="MX")
        self.settings = settings or ThemeSettings()
        self.theme: Theme | None = None
        self.last_ms = 0.0

    def set_store(self, store, reset_filter: bool = True) -> Theme | None:
        self.store = store
        if reset_filter:
            self.filter = default_filter(store)
        return self.refresh()

    def update_filter(self, **changes) -> Theme | None:
        try:
            new = self.filter.replace(**changes)
        except FilterError as exc:
            self.failed.emit(str(exc))
            return self.theme
        if new == self.filter and self.theme is not None:
            return self.theme
        self.filter = new
        return self.refresh()

    def update_settings(self, **changes) -> Theme | None:
        from dataclasses import replace

        new = replace(self.settings, **changes)
        if new == self.settings and self.theme is not None:
            return self.theme
        self.settings = new
        return self.refresh()

    def refresh(self) -> Theme | None:
        if self.store is None:
            return None
        t = time.perf_counter()
        self.theme = compute_theme(self.store, self.filter, self.settings)
        apply_theme(self.layers, self.theme)
        self.last_ms = (time.perf_counter() - t) * 1000
        self.changed.emit(self.theme)
        return self.theme

    def months(self) -> list[int]:
        """Every month the store can answer for trade (any table), ascending."""
        if self.store is None:
            return []
        periods = self.store.available_periods()
        return sorted({m for k, v in periods.items() if k != "crossings" for m in v})
