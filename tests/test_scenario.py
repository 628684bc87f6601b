"""Disruption and tariff scenarios (geo.analysis.scenario, issue 16): the figures equal the
store's, freight is conserved, no port goes over capacity, order does not matter, the backlog
clears when said, and the April 2022 Texas inspections send trucks to Santa Teresa."""
from __future__ import annotations

import dataclasses
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.analysis.profile import value_per_loaded_truck
from geo.analysis.scenario import (
    BORDER,
    ScenarioError,
    ScenarioState,
    backlog_curve,
    build_base,
    observed_vs_predicted,
    run_scenario,
    tariff_factor,
    tariff_shock,
    throughput,
)
from geo.core.periods import add_months
from geo.query import TradeFilter

LAREDO, YSLETA, EL_PASO, HIDALGO, SANTA_TERESA = "2304", "2401", "2402", "2305", "2408"


@pytest.fixture(scope="module")
def base(shared_store):
    return build_base(shared_store)


@pytest.fixture(scope="module")
def laredo(base):
    return run_scenario(base, ScenarioState(closed=(LAREDO,), days=7))


def _store_value(store, period, port) -> float:
    df = store.breakdown(TradeFilter(period=period, country="MX", modes=("5", "6"), ports=(port,)), "port")
    return float(df["value"].sum())


def test_default_period_is_the_latest_full_year_of_flows_and_said_so(base, laredo):
    assert base.period == (202301, 202312) and base.period_is_default
    assert laredo.assumptions[0].code == "scenario.assume.period_default"
    assert "latest full year" in laredo.assumptions[0].english()


def test_capacity_load_and_value_per_truck_equal_the_store(shared_store, base):
    cr = shared_store.crossings(port_codes=[LAREDO], measures=["Truck Containers Loaded"],
                                period=(add_months(202312, -35), 202312), by=("month",))
    pm = base.ports[(LAREDO, "5")]
    assert pm.capacity == cr["value"].max()
    assert pm.load == pytest.approx(cr[cr["year_month"] >= 202301]["value"].sum() / 12)
    assert pm.value_per_container == value_per_loaded_truck(shared_store, LAREDO, base.period).per_container
    tp = throughput(shared_store, (202301, 202312), [LAREDO])
    assert len(tp) == 12 and tp["Trucks"].sum() == shared_store.crossings(
        port_codes=[LAREDO], measures=["Trucks"], period=(202301, 202312), by=("port",))["value"].sum()


def test_closed_port_freight_is_conserved_and_equals_the_store(shared_store, base, laredo):
    expected = _store_value(shared_store, base.period, LAREDO) / base.days * 7
    assert laredo.affected_value == pytest.approx(expected, rel=1e-9)
    assert laredo.rerouted_value + laredo.delayed_value == pytest.approx(laredo.affected_value, rel=1e-7)
    assert laredo.rerouted_value > 0 and laredo.delayed_value > 0
    assert sum(r.value for r in laredo.reroutes) == pytest.approx(laredo.rerouted_value)
    assert LAREDO not in {r.port for r in laredo.reroutes}


def test_no_receiving_port_exceeds_its_capacity(laredo):
    assert laredo.reroutes
    for r in laredo.reroutes:
        assert r.predicted_load <= r.capacity * (1 + 1e-7) + 1e-6, r


def test_a_port_without_traffic_or_a_zero_tariff_changes_nothing(shared_store, base):
    quiet = sorted(set(base.names) - set(base.flows["port"]))
    assert quiet, "every port carries freight"
    res = run_scenario(base, ScenarioState(closed=(quiet[0],), days=10))
    assert res.affected_value == res.rerouted_value == res.delayed_value == res.extra_truck_km == 0
    assert res.reroutes == []
    tr = tariff_shock(shared_store, ScenarioState(tariff_pct=0))
    assert tr.factor == 0 and tr.total_at_risk == 0 and tr.total_value > 0
    assert all((df["at_risk"] == 0).all() for df in tr.by.values())


def test_same_answer_whatever_the_order_of_the_flows(base, laredo):
    shuffled = dataclasses.replace(base, flows=base.flows.sample(frac=1.0, random_state=7))
    assert not shuffled.flows.index.equals(base.flows.index)
    again = run_scenario(shuffled, laredo.state)
    assert again.reroutes == laredo.reroutes
    assert again.delayed_value == laredo.delayed_value and again.extra_truck_km == laredo.extra_truck_km


def test_backlog_clears_in_the_computed_number_of_days(laredo):
    d = laredo.days_to_clear
    assert d is not None and d > 0
    curve = backlog_curve(laredo)
    waiting = sum(b for b, _ in laredo.backlog.values())
    assert curve[laredo.days - 1] == pytest.approx(waiting)
    cleared = laredo.days + math.ceil(d)
    assert curve[cleared - 1] == pytest.approx(0, abs=1e-6)
    assert curve[cleared - 2] > 0
    assert laredo.value_days == pytest.approx(laredo.delayed_value * (laredo.days + d) / 2)


def test_bridge_share_and_degradation_take_part_of_the_port(base, laredo):
    bridge = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7, bridge_shares=((LAREDO, 0.5),)))
    assert 0 < bridge.affected_value < laredo.affected_value
    assert any(a.code == "scenario.assume.bridge" for a in bridge.assumptions)
    more = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7,
                                            capacity_overrides=((SANTA_TERESA, "truck", 200, "pct"),)))
    st_before = next(r.value for r in laredo.reroutes if r.port == SANTA_TERESA and r.mode == "5")
    st_after = next(r.value for r in more.reroutes if r.port == SANTA_TERESA and r.mode == "5")
    assert st_after > st_before and more.delayed_value < laredo.delayed_value


def test_unknown_port_is_an_error(base):
    with pytest.raises(ScenarioError):
        run_scenario(base, ScenarioState(closed=("9999",)))


def test_company_lanes_through_a_closed_port_are_hit(base):
    lanes = [{"lane": "L1", "from": "S1", "to": "C1", "port": LAREDO, "value": 365e6, "mode": "truck"},
             {"lane": "L2", "from": "S2", "to": "C2", "port": SANTA_TERESA, "value": 1e9, "mode": "truck"}]
    res = run_scenario(base, ScenarioState(closed=(LAREDO,), days=10), company_lanes=lanes)
    assert [r["lane"] for r in res.company] == ["L1"]
    assert res.company[0]["value_at_risk_usd"] == pytest.approx(10e6)


def test_tariff_value_at_risk_equals_the_store_times_the_stated_factor(shared_store):
    state = ScenarioState(tariff_pct=25, usmca_share=0.5, hs_chapters=("87",))
    tr = tariff_shock(shared_store, state)
    assert tr.factor == pytest.approx(0.5 * (1 - 1.25 ** -4))
    df = shared_store.breakdown(TradeFilter(period=(202301, 202312), trade_type="import", country="MX",
                                            commodities=("87",)), "us_state")
    got = tr.by["us_state"].set_index("code")
    for code, value in zip(df["code"], df["value"]):
        assert got.loc[code, "at_risk"] == pytest.approx(value * tr.factor)
    assert tariff_factor(25, 0, 4) == pytest.approx(1 - 1.25 ** -4)
    text = " ".join(m.english() for m in tr.assumptions)
    assert "Simonovska" in text and "USMCA" in text


def test_the_scenario_is_a_session_part_saved_and_restored():
    from geo.session import Session

    s = Session()
    state = ScenarioState(closed=(LAREDO, "2305"), capacity_pct=40, days=12, bridge_shares=((LAREDO, 0.3),),
                          capacity_overrides=((SANTA_TERESA, "truck", 30000, "count"),), tariff_pct=10,
                          hs_chapters=("87", "85"), usmca_share=0.4, elasticity=3.5, period=(202201, 202212))
    s.set("scenario", state)
    data = json.loads(json.dumps(s.to_dict()))
    fresh = Session()
    fresh.from_dict(data)
    assert fresh.get("scenario") == state
    data["scenario"]["capacity_pct"] = 140
    from geo.session import SessionError

    with pytest.raises(SessionError):
        fresh.from_dict(data)


def test_april_2022_counts_and_the_model_send_trucks_to_santa_teresa(shared_store):
    cr = shared_store.crossings(measures=["Trucks"], period=(202203, 202204), by=("port", "month"), border=BORDER)
    v = {(str(p), int(m)): int(x) for p, m, x in zip(cr["port_code"], cr["year_month"], cr["value"])}
    change = {p: v[(p, 202204)] / v[(p, 202203)] - 1 for p in (HIDALGO, YSLETA, EL_PASO, LAREDO, SANTA_TERESA)}
    assert [round(change[p] * 100) for p in (HIDALGO, YSLETA, EL_PASO, LAREDO, SANTA_TERESA)] == [-26, -21, -18,
                                                                                                 -11, 14]
    march = build_base(shared_store, (202203, 202203))
    res = run_scenario(march, ScenarioState(closed=(HIDALGO, YSLETA, EL_PASO, LAREDO), capacity_pct=80, days=30))
    assert res.predicted_change(SANTA_TERESA) > 0
    assert res.predicted_change(LAREDO) < 0
    table = observed_vs_predicted(shared_store, res, 202204).set_index("port")
    assert table.loc[SANTA_TERESA, "observed_change"] == pytest.approx(change[SANTA_TERESA])
    assert table.loc[SANTA_TERESA, "predicted_change"] > 0 and table.loc[HIDALGO, "closed"]
    assert table.loc[SANTA_TERESA, "2022-04"] == v[(SANTA_TERESA, 202204)]


@settings(max_examples=6, deadline=None)
@given(ports=st.sets(st.sampled_from([LAREDO, YSLETA, HIDALGO, "2506", "2604", "2303"]), min_size=1, max_size=3),
       pct=st.sampled_from([0.0, 30.0, 75.0]), days=st.integers(1, 30))
def test_property_conservation_and_capacity(base, ports, pct, days):
    res = run_scenario(base, ScenarioState(closed=tuple(sorted(ports)), capacity_pct=pct, days=days))
    assert res.rerouted_value + res.delayed_value == pytest.approx(res.affected_value, rel=1e-6, abs=1e-3)
    assert all(r.predicted_load <= r.capacity * (1 + 1e-7) + 1e-6 for r in res.reroutes)
    assert not set(ports) & {r.port for r in res.reroutes}
