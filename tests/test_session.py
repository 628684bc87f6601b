"""The session model: one evented object for the state of an analysis, no Qt.

The chain filter -> query -> theme -> layers -> flows runs inside ``geo``; the session
round-trips through JSON with a schema version and refuses bad data with a clear message.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.core.messages import CATALOGUE, Message
from geo.flows import FlowOptions
from geo.query import TradeFilter
from geo.session import (
    MIGRATIONS,
    SCHEMA_VERSION,
    FlowState,
    LayersState,
    Session,
    SessionError,
    ViewState,
    registered_parts,
)
from geo.session import model as session_model
from geo.styles.thematic import ThemeSettings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(shared_store):
    return shared_store  # the session's bundled store (tests/conftest.py), read only


def test_filter_change_requeries_restyles_and_rebuilds_flows_without_qt(store, content):
    s = Session(content.layers, store)
    events = []
    s.theme_changed.connect(lambda th: events.append(("theme", th.filter.period)))
    s.flowset_changed.connect(lambda fs: events.append(("flows", None if fs is None else len(fs))))
    s.show_flows(True)
    s.update("filter", period=(201501, 201501))
    # the theme and the flows follow the filter, in that order, inside the model
    assert ("theme", (201501, 201501)) in events
    assert events[-1][0] == "flows" and events[-1][1] > 1000
    # the layers carry the theme: Texas is shaded, Laredo sized by its January 2015 value
    states = content.layers["states"].data
    tx = states[(states["country"] == "US") & (states["code"] == "TX")].index[0]
    assert isinstance(content.layers["states"].levels[0].loc[tx, "theme_colour"], str)
    laredo = store.breakdown(s.filter, "port").set_index("code")["value"]["2304"]
    ports = content.layers["ports"].data.set_index("port_code")
    assert ports["theme_value"]["2304"] == pytest.approx(laredo)
    # the flow set is the store's DOT1 month: what is drawn plus what cannot be placed (ports
    # without a location) equals the store's total for the filter
    fs = s.flowset
    total = float(store.flow_triples(s.filter)["value"].sum())
    assert float(fs.value.sum()) + fs.remainder.unlocated_value == pytest.approx(total)
    assert fs.remainder.unlocated_value < 0.05 * total


def test_the_chain_runs_in_a_process_without_qt(writable_store_path):
    code = """
import sys
from geo.layers.content import load_map_content
from geo.session import Session
from geo.store import open_store
store = open_store(sys.argv[1])
s = Session(load_map_content().layers, store)
s.show_flows(True)
s.update("filter", period=(201501, 201501), modes=("truck",))
assert s.theme.port_values and len(s.flowset) > 100, (s.theme.port_values, s.flowset)
assert set(s.flowset.mode) == {"5"}
assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken"))]
print("ok", len(s.flowset))
"""
    r = subprocess.run([sys.executable, "-c", code, str(writable_store_path)], capture_output=True, text=True,
                       cwd=REPO, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok ")


def test_playback_month_is_shown_while_the_filter_keeps_the_period(store, content):
    s = Session(content.layers, store)
    s.update("filter", period=(202001, 202112))
    months = s.begin_playback([202001, 202002, 202003])
    s.show_month(202002)
    assert s.effective_filter.period == (202002, 202002) and s.theme.filter.period == (202002, 202002)
    assert s.filter.period == (202001, 202112)
    s.end_playback()
    assert s.theme.filter.period == (202001, 202112) and months == [202001, 202002, 202003]


def test_round_trip_through_json_restores_every_part(store, content):
    s = Session(content.layers, store)
    s.update("filter", period=(201501, 201501), modes=("rail",), trade_type="export")
    s.update("style", state_metric="mx_state", classification="natural_breaks", classes=4, port_metric="Trucks")
    s.set("flows", FlowState(True, "bts", FlowOptions(top_n=40, colour_by="direction")))
    s.select("ports", "2304")
    s.set_extent((-110.0, 24.0, -95.0, 33.0))
    s.set("layers", LayersState((("cities", False, 1.0), ("ports", True, 0.5))))
    s.set("panel", s.get("panel").opened(("port", "2304")).opened(("mx-state", "NL")))
    s.set("playback_scale", s.get("playback_scale").__class__("per_month"))
    data = json.loads(json.dumps(s.to_dict()))
    assert data["schema"] == SCHEMA_VERSION

    fresh = Session(content.layers, store)
    fresh.from_dict(data)
    assert fresh.to_dict() == data
    assert fresh.filter == s.filter and fresh.style == s.style and fresh.flows == s.flows
    assert fresh.selection.feature == "2304" and fresh.view.extent == (-110.0, 24.0, -95.0, 33.0)
    assert fresh.get("panel").open == ("mx-state", "NL") and fresh.get("panel").back == (("port", "2304"),)
    # what loading does to the map: the layer state is applied, the theme recomputed
    assert not content.layers["cities"].visible and content.layers["ports"].opacity == 0.5
    assert fresh.theme.settings.port_metric == "Trucks" and fresh.flowset is not None


@pytest.mark.parametrize("mutate,needle", [
    (lambda d: d["filter"].update(colour="red"), "Unknown setting colour in the filter part"),
    (lambda d: d.update(extra={}), "Unknown setting extra in the session part"),
    (lambda d: d["style"].update(classes="five"), "style.classes"),
    (lambda d: d["flows"]["options"].update(top_n="many"), "flows.options.top_n"),
    (lambda d: d["filter"].update(country="France"), "filter"),
    (lambda d: d["view"].update(extent=[10, 0, -10, 5]), "view"),
    (lambda d: d.update(schema=SCHEMA_VERSION + 1), "newer Frontera"),
    (lambda d: d.pop("schema"), "not a Frontera session"),
])
def test_bad_session_data_is_a_clear_error_and_changes_nothing(store, content, mutate, needle):
    s = Session(content.layers, store)
    before = s.to_dict()
    data = json.loads(json.dumps(before))
    mutate(data)
    with pytest.raises(SessionError) as exc:
        s.from_dict(data)
    assert needle in str(exc.value)
    assert s.to_dict() == before


def test_a_migration_runs_for_an_older_schema(store, content, monkeypatch):
    """The machinery every later schema change uses: version N data goes through MIGRATIONS[N]."""
    s = Session(content.layers, store)
    current = s.to_dict()
    old = dict(current, schema=SCHEMA_VERSION)
    old["filter"] = dict(old["filter"])
    old["filter"]["direction"] = old["filter"].pop("trade_type")  # pretend an older name
    monkeypatch.setattr(session_model, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    def up(d):
        d = dict(d, schema=d["schema"] + 1)
        d["filter"] = dict(d["filter"])
        d["filter"]["trade_type"] = d["filter"].pop("direction")
        return d

    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION, up)
    parts = Session.parse(old)
    assert parts["filter"] == TradeFilter(**{k: tuple(v) if isinstance(v, list) else v
                                             for k, v in current["filter"].items()})


def test_features_register_their_own_parts():
    parts = registered_parts()
    assert {"panel", "playback_scale"} <= set(parts)
    with pytest.raises(ValueError):
        from geo.core.parts import dataclass_part, register_part
        register_part(dataclass_part("filter", ViewState))


def test_every_change_is_announced_with_old_and_new(store, content):
    s = Session(content.layers, store)
    seen = []
    s.changed.connect(lambda name, old, new: seen.append((name, old, new)))
    s.update("style", classes=4)
    s.update("style", classes=4)  # no change, no event
    assert [(n, o.classes, v.classes) for n, o, v in seen] == [("style", 5, 4)]
    s.update("filter", country="Atlantis")  # a bad value: failed, nothing changes
    assert s.filter.country == "MX" and len(seen) == 1


def test_model_text_is_codes_with_parameters_from_one_catalogue(store, content):
    s = Session(content.layers, store, ThemeSettings(state_metric="mx_state"))
    s.show_flows(True)
    s.update("filter", period=(202410, 202412))  # DOT2 only: no port × state flows
    texts = [*s.theme.notes, s.theme.port_title, s.flow_note]
    assert all(isinstance(m, Message) and m.code in CATALOGUE for m in texts)
    assert s.flow_note.code == "flows.none_for_period"
    s.update("filter", period=(201501, 201501))
    fs = s.flowset
    assert all(m.code in CATALOGUE for m in fs.remainder.messages())


def test_playback_keeps_one_scale_so_the_2020_collapse_shows(store, content):
    """Laredo carried $9.44B in April 2020 and $21.36B in June 2021: with the fixed scale
    (the default) its circle is smaller in April 2020; refitted per month it would not be."""
    from geo.layers.hittest import point_radii
    from geo.query import ym_range

    s = Session(content.layers, store)
    s.update("filter", period=(202001, 202112))
    ports = content.layers["ports"]
    i = int(ports.data.index[ports.data["port_code"] == "2304"][0])

    def laredo_radius(month):
        s.show_month(month)
        return float(point_radii(ports)[i]), s.theme.port_values["2304"]

    s.show_flows(True)
    s.begin_playback(ym_range(202001, 202112))
    r_apr, v_apr = laredo_radius(202004)
    w_apr = s.flowset.width_scale
    r_jun, v_jun = laredo_radius(202106)
    w_jun = s.flowset.width_scale
    assert v_apr < v_jun
    assert r_apr < r_jun - 1.0
    # flow bands: one width scale for the whole period, so April 2020's widest band is narrower
    assert w_apr.px_per_unit == w_jun.px_per_unit > 0
    from geo.flows.legs import leg_totals

    s.show_month(202004)
    apr_widest = float(leg_totals(s.flowset, s.flowset.shown).max())
    s.show_month(202106)
    jun_widest = float(leg_totals(s.flowset, s.flowset.shown).max())
    assert apr_widest < jun_widest
    assert s.flowset.width_scale.px(apr_widest) < s.flowset.width_scale.px(jun_widest) - 2
    s.end_playback()
    s.set("playback_scale", s.get("playback_scale").__class__("per_month"))
    s.begin_playback(ym_range(202001, 202112))
    r_apr2, _ = laredo_radius(202004)
    r_jun2, _ = laredo_radius(202106)
    assert abs(r_apr2 - r_jun2) < 0.5  # refitted: Laredo is the largest port either month
    s.end_playback()
    assert s.theme.filter.period == (202001, 202112)
