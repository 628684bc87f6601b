"""Honest shading: states with no recorded state never shaded, Mexican states by exports,
every active filter named in the legend."""
from __future__ import annotations

import pytest

from geo.query import TradeFilter
from geo.styles.thematic import ThemeSettings, compute_theme


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from geo.store import open_store

    s = open_store(tmp_path_factory.mktemp("store") / "trade.duckdb")
    yield s
    s.close()


def test_mexican_states_are_shaded_by_exports_without_unrecorded_imports(store):
    f = TradeFilter(period=(201501, 201501), country="MX")
    theme = compute_theme(store, f, ThemeSettings(state_metric="mx_state"))
    exports = store.breakdown(f.replace(trade_type="export"), "mx_state").set_index("code")["value"]
    # the $22.1B of imports with no recorded Mexican state is in no class
    assert "" not in theme.state_values and "XX" not in theme.state_values
    assert max(theme.state_values.values()) < 5e9
    assert theme.state_values["CH"] == pytest.approx(exports["CH"])
    # unknown states are listed apart with their value, and said so
    apart = {c: v for c, _n, v in theme.unassigned}
    assert set(apart) == {"XX", "OT"}
    assert apart["XX"] == pytest.approx(exports["XX"]) and apart["OT"] == pytest.approx(exports["OT"])
    codes = [n.code for n in theme.notes]
    assert "theme.unassigned" in codes and "theme.mx_exports_only" in codes
    assert "US exports with Mexico" in theme.state_title.english()


def test_imports_only_shade_no_mexican_state_and_say_why(store):
    f = TradeFilter(period=(201501, 201501), country="MX", trade_type="import")
    theme = compute_theme(store, f, ThemeSettings(state_metric="mx_state"))
    assert not theme.state_values
    assert any(n.code == "theme.mx_no_import_states" for n in theme.notes)


def test_the_legend_names_every_active_filter(store):
    f = TradeFilter(period=(202101, 202112), country="MX", modes=("rail",), commodities=("87",))
    theme = compute_theme(store, f, ThemeSettings())
    title = theme.port_title.english()
    assert "Rail" in title and "HS 87" in title and "Jan 2021 to Dec 2021" in title
