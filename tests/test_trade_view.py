"""Trade figures on the map: states shaded by class, ports sized by value, honest notes."""
from __future__ import annotations

import numpy as np
import pytest

from geo.query import TradeFilter
from geo.session import Session, default_filter
from geo.styles.thematic import NO_DATA, ThemeSettings, classify, compute_theme


@pytest.fixture(scope="module")
def store(shared_store):
    return shared_store  # the session's bundled store, read only


def test_default_filter_is_the_latest_twelve_months_with_mexico(store):
    f = default_filter(store)
    # the latest twelve months that port trade (DOT1) holds in full: Oct 2023 – Sep 2024
    assert f.country == "MX" and f.period == (202310, 202409)


def test_ports_are_sized_by_the_queried_trade_value(store, content):
    view = Session(content.layers, store)
    theme = view.refresh()
    ports = content.layers["ports"]
    assert ports.style.size_by == "theme_value"
    expected = store.breakdown(view.filter, "port").set_index("code")["value"]
    laredo = ports.data[ports.data["port_code"] == "2304"].iloc[0]
    assert laredo["theme_value"] == pytest.approx(expected["2304"])
    assert theme.port_values["2304"] == max(theme.port_values.values())
    title = theme.port_title.english()
    assert theme.port_title.params["title_msg"].code == "theme.port_title.trade"
    # the legend entry states its own period and source
    assert "Oct 2023 to Sep 2024" in title and "US$" in title and title.endswith("Source: BTS DOT1 raw")


def test_changing_the_mode_restyles_the_ports(store, content):
    view = Session(content.layers, store)
    view.refresh()
    all_modes = content.layers["ports"].data.set_index("port_code")["theme_value"].copy()
    events = []
    view.theme_changed.connect(events.append)
    view.update_filter(modes=("rail",))
    rail = content.layers["ports"].data.set_index("port_code")["theme_value"]
    assert events and rail["2304"] < all_modes["2304"]
    direct = store.breakdown(TradeFilter(period=view.filter.period, country="MX", modes=("6",)), "port")
    assert rail["2304"] == pytest.approx(direct.set_index("code")["value"]["2304"])


def test_states_are_shaded_by_class_when_state_data_exists(store, content):
    view = Session(content.layers, store, ThemeSettings(state_metric="us_state", classification="quantiles"))
    view.update_filter(period=(201501, 201501))
    theme = view.theme
    assert theme.state_values and theme.state_bins
    states = content.layers["states"].data
    tx = states.index[(states["country"] == "US") & (states["code"] == "TX")][0]
    colour = states.loc[tx, "theme_colour"]
    tx_value = theme.state_values["TX"]
    bin_ = next(b for b in theme.state_bins if b.lower <= tx_value <= b.upper)
    assert colour == bin_.colour == theme.state_bins[-1].colour  # Texas trades most with Mexico
    # Mexican states keep the country fill (no colour) while US states are shaded
    mx = states.index[states["country"] == "MX"]
    assert not any(isinstance(states.loc[i, "theme_colour"], str) for i in mx)
    legend = content.layers["states"].legend_entries
    assert len(legend) == len(theme.state_bins) + 1 and legend[-1][1] == NO_DATA
    legend_title = content.layers["states"].legend_title.english()
    assert "Jan 2015" in legend_title and "US$" in legend_title


def test_every_classification_scheme_puts_all_states_in_a_class(store, content):
    for scheme in ("quantiles", "natural_breaks", "equal_interval"):
        theme = compute_theme(store, TradeFilter(period=(201501, 201501), country="MX"),
                              ThemeSettings(classification=scheme, classes=5))
        assert sum(b.count for b in theme.state_bins) == len(theme.state_values)
        assert theme.state_bins[-1].upper == pytest.approx(max(theme.state_values.values()))


def test_missing_state_data_is_said_not_drawn_blank(store, content):
    view = Session(content.layers, store)
    view.update_filter(period=(201601, 201612))  # 2016: the store holds no raw month of it
    theme = view.theme
    assert not theme.state_values
    assert any(n.code == "theme.no_state_figures" and n.english().startswith("No US state figures")
               for n in theme.notes)
    assert content.layers["states"].legend_entries == ()


def test_imports_by_mexican_state_carry_the_origin_caveat(store, content):
    theme = compute_theme(store, TradeFilter(period=(201501, 201501), country="MX"),
                          ThemeSettings(state_metric="mx_state"))
    notes = {n.code: n.english() for n in theme.notes}
    assert "Mexican state of origin is not recorded" in notes["caveat.mx_state_imports"]
    assert "no Mexican state of origin" in notes["theme.mx_exports_only"]


def test_ports_sized_by_a_crossing_measure(store, content):
    view = Session(content.layers, store, ThemeSettings(port_metric="Trucks"))
    view.update_filter(period=(202101, 202112))
    c = store.crossings(measures=["Trucks"], period=(202101, 202112), by=("port",))
    laredo = int(c.set_index("port_code")["value"]["2304"])
    assert view.theme.port_values["2304"] == laredo
    assert view.theme.port_title.english().startswith("Incoming trucks entering the US")


def test_classify_quantiles_splits_evenly():
    yb, bins = classify(np.arange(100.0), "quantiles", 4)
    assert np.bincount(yb).tolist() == [25, 25, 25, 25] and bins[-1] == 99
