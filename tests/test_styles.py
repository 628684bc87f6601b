"""Honest shading: states with no recorded state never shaded, Mexican states by exports,
every active filter named in the legend."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_canadian_provinces_can_be_shaded_with_the_unknown_province_apart(store, content):
    from geo.session import Session

    s = Session(content.layers, store, ThemeSettings(state_metric="ca_prov"))
    s.update("filter", country="CA", period=(202310, 202409))
    theme = s.theme
    direct = store.breakdown(TradeFilter(period=(202310, 202409), country="CA"), "ca_prov").set_index("code")["value"]
    assert theme.state_values["XO"] == pytest.approx(direct["XO"])  # Ontario, from the store
    assert max(theme.state_values, key=theme.state_values.get) == "XO"
    assert "OT" not in theme.state_values and theme.unassigned[0][0] == "OT"  # "Province Unknown", listed apart
    level = next(iter(content.layers["states"].levels.values()))  # fills are written to every level
    fills = dict(zip(zip(level["country"], level["code"]), level["theme_colour"]))
    assert isinstance(fills[("CA", "XO")], str)  # provinces shaded, US and Mexican states keep their fill
    assert not isinstance(fills[("US", "TX")], str) and not isinstance(fills[("MX", "NL")], str)
    assert "Canadian province" in theme.state_title.english()
    # Mexico as partner: provinces cannot be answered, and the map says so instead of shading
    s.update("filter", country="MX")
    assert not s.theme.state_values and s.theme.notes


def test_choosing_canada_shows_the_canada_border_ports_and_lets_go_of_laredo(store, content):
    from geo.session import Session

    s = Session(content.layers, store)
    ports = content.layers["ports"]
    s.select("ports", "2304")  # Laredo
    s.update("filter", country="CA")
    shown = ports.filter_mask()
    codes = ports.data["port_code"].astype(str)
    assert shown[codes.tolist().index("3801")] and not shown[codes.tolist().index("2304")]  # Detroit, not Laredo
    assert s.selection.feature is None
    # Detroit is sized by its trade with Canada, the largest on that border
    assert max(s.theme.port_values, key=s.theme.port_values.get) == "3801"
    s.update("filter", country="MX")
    assert ports.filter_mask()[codes.tolist().index("2304")]


def test_the_side_panel_gives_the_figure_in_words_and_follows_the_filter(trade_window):
    win = trade_window
    content, session = win.content, win.session
    content.selection.select(content.hit_for("ports", "2304"))  # Laredo
    panel = win.feature_panel
    before = panel.value_of("theme_figure")
    laredo = session.theme.port_values["2304"]
    assert before.startswith("$") and "%" in before and "Oct 2023" in before  # value, share, period
    from geo.core.formatting import format_usd

    assert format_usd(laredo) in before
    session.update("filter", modes=("6",))  # rail only
    after = panel.value_of("theme_figure")
    rail = session.theme.port_values["2304"]
    assert after != before and rail < laredo and format_usd(rail) in after
    labels = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert "theme_value" not in labels and "port_code" not in labels  # people's words, not column names


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=2, max_size=60),  # store values: whole US$
       st.integers(min_value=2, max_value=7), st.sampled_from(["quantiles", "equal_interval"]))
def test_classes_equal_mapclassifys(values, k, scheme):
    """The quantile and equal-interval classes the map draws are mapclassify's, computed without
    loading it (its SciPy imports cost 1.5–2.5 s before the first shaded map)."""
    import mapclassify
    import numpy as np

    from geo.styles.thematic import classify

    y = np.asarray(values, dtype=float)
    kk = int(min(k, len(np.unique(y))))
    if kk < 2:
        return
    ref = (mapclassify.Quantiles if scheme == "quantiles" else mapclassify.EqualInterval)(y, k=kk)
    yb, bins = classify(y, scheme, k)
    assert np.allclose(bins, ref.bins, rtol=1e-12, atol=1e-6) and (yb == ref.yb).all()


def test_choosing_canada_moves_an_untouched_view_to_the_canada_border(trade_window):
    from geo.core.projection import to_lonlat

    win = trade_window
    win.session.update("filter", country="CA")
    v = win.canvas.view
    lon0, lat0 = to_lonlat(*v.to_map(0, 0))
    lon1, lat1 = to_lonlat(*v.to_map(v.width, v.height))
    # Detroit (42.3 N, 83.0 W) and Blaine (49.0 N, 122.8 W) are on screen
    assert min(lat0, lat1) < 42.3 < max(lat0, lat1) and min(lat0, lat1) < 49.0 < max(lat0, lat1)
    assert lon0 < -122.8 and lon1 > -83.0
    win.session.update("filter", country="MX")
    v = win.canvas.view
    lat_top = to_lonlat(*v.to_map(v.width / 2, 0))[1]
    lat_bottom = to_lonlat(*v.to_map(v.width / 2, v.height))[1]
    assert lat_bottom < 20.0 < lat_top  # back to the US–Mexico view
