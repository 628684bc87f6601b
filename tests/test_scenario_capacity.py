"""Adding capacity to a scenario (issue 16): a new crossing (a hypothetical port at given
coordinates with a mode and a monthly capacity) takes rerouted freight within its capacity, lanes
at an existing port (+20%, or loaded containers a month more) add headroom; both are part of the
saved scenario (older saved sessions still load) and of ``frontera scenario``; the fast program
gives the whole program's optimum."""
from __future__ import annotations

import json

import pytest

from cli.main import main as frontera
from geo.analysis.scenario import (
    ScenarioState,
    build_base,
    new_crossing_code,
    port_coords,
    port_names,
    run_scenario,
)

LAREDO, SANTA_TERESA = "2304", "2408"
#: a new bridge just up the river from Laredo (Nuevo Laredo side), trucks, 20,000 loaded a month
NEW = ("Puente Nuevo", -99.60, 27.62, "truck", 20000.0)


@pytest.fixture(scope="module")
def base(shared_store):
    return build_base(shared_store)


@pytest.fixture(scope="module")
def laredo(base):
    return run_scenario(base, ScenarioState(closed=(LAREDO,), days=7))


def test_a_new_crossing_takes_rerouted_freight_within_its_capacity(base, laredo):
    res = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7, new_crossings=(NEW,)))
    code = new_crossing_code(0)
    assert code == "new1" and res.added_ports == {code: ("Puente Nuevo", -99.60, 27.62)}
    new = [r for r in res.reroutes if r.port == code]
    assert len(new) == 1 and new[0].mode == "5" and new[0].name == "Puente Nuevo"
    assert new[0].load == 0 and new[0].capacity == 20000
    assert 0 < new[0].predicted_load <= 20000 * (1 + 1e-9)
    # northbound and southbound each within the 7 days' capacity
    for direction in ("import", "export"):
        moved = sum(k.containers for k in res.links if k.port == code and k.direction == direction)
        assert 0 < moved <= 20000 / base.days_per_month * 7 * (1 + 1e-9)
    # conserved, and less waits than without it (the bridge is next to the closed port)
    assert res.rerouted_value + res.delayed_value == pytest.approx(res.affected_value, rel=1e-9)
    assert res.affected_value == pytest.approx(laredo.affected_value, rel=1e-12)
    assert res.delayed_value < laredo.delayed_value
    assert res.coords[code] == (-99.60, 27.62)
    assert port_coords(base, res.state)[code] == (-99.60, 27.62)
    assert port_names(base, res.state)[code] == "Puente Nuevo"
    text = " ".join(m.english() for m in res.assumptions)
    assert "New crossing Puente Nuevo (new1, truck)" in text and "20,000 loaded containers a month" in text


def test_a_new_crossing_with_no_capacity_or_the_other_mode_changes_nothing(base, laredo):
    res = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7,
                                           new_crossings=(("Zero", -99.6, 27.62, "truck", 0.0),)))
    assert res.reroutes == laredo.reroutes and res.delayed_value == pytest.approx(laredo.delayed_value)
    rail = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7,
                                            new_crossings=(("Rail yard", -99.6, 27.62, "rail", 5000.0),)))
    assert {(r.port, r.mode) for r in rail.reroutes if r.port == "new1"} == {("new1", "6")}
    truck = {(r.port, r.mode): r.value for r in rail.reroutes if r.mode == "5"}
    assert truck == pytest.approx({(r.port, r.mode): r.value for r in laredo.reroutes if r.mode == "5"}, rel=1e-9)


def test_lanes_at_a_port_add_headroom_by_percent_or_count(base, laredo):
    st_before = next(r for r in laredo.reroutes if r.port == SANTA_TERESA and r.mode == "5")
    cap = base.ports[(SANTA_TERESA, "5")].capacity
    plus20 = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7,
                                              capacity_overrides=((SANTA_TERESA, "truck", 120, "pct"),)))
    more = run_scenario(base, ScenarioState(closed=(LAREDO,), days=7,
                                            capacity_overrides=((SANTA_TERESA, "truck", 0.2 * cap, "add"),)))
    for res in (plus20, more):
        st = next(r for r in res.reroutes if r.port == SANTA_TERESA and r.mode == "5")
        assert st.capacity == pytest.approx(1.2 * cap)
        assert st.value > st_before.value and st.predicted_load <= st.capacity * (1 + 1e-9)
        assert res.delayed_value < laredo.delayed_value
        assert res.rerouted_value + res.delayed_value == pytest.approx(res.affected_value, rel=1e-9)
    assert plus20.delayed_value == pytest.approx(more.delayed_value, rel=1e-9)
    assert any("+" in m.english() and m.code == "scenario.assume.override" for m in more.assumptions)


def test_new_crossings_are_validated():
    with pytest.raises(ValueError):
        ScenarioState(new_crossings=(("", -99.6, 27.6, "truck", 100.0),))
    with pytest.raises(ValueError):
        ScenarioState(new_crossings=(("X", -99.6, 127.6, "truck", 100.0),))
    with pytest.raises(ValueError):
        ScenarioState(new_crossings=(("X", -99.6, 27.6, "air", 100.0),))
    with pytest.raises(ValueError):
        ScenarioState(capacity_overrides=(("2408", "truck", 10, "lanes"),))
    assert ScenarioState(new_crossings=(("X", "-99.6", "27.6", "Rail", "100"),)).new_crossings == (
        ("X", -99.6, 27.6, "6", 100.0),)


def test_saved_with_new_capacity_and_sessions_saved_before_it_still_load():
    from geo.session import Session

    state = ScenarioState(closed=(LAREDO,), days=9, new_crossings=(NEW,),
                          capacity_overrides=((SANTA_TERESA, "truck", 2500, "add"),))
    s = Session()
    s.set("scenario", state)
    data = json.loads(json.dumps(s.to_dict()))
    fresh = Session()
    fresh.from_dict(data)
    assert fresh.get("scenario") == state
    # the scenario part as saved before new crossings and "add" existed (same schema version)
    old = json.loads(json.dumps(data))
    del old["scenario"]["new_crossings"]
    old["scenario"]["capacity_overrides"] = [[SANTA_TERESA, "5", 30000.0, "count"]]
    fresh.from_dict(old)
    got = fresh.get("scenario")
    assert got.new_crossings == () and got.capacity_overrides == ((SANTA_TERESA, "5", 30000.0, "count"),)
    assert got.closed == (LAREDO,) and got.days == 9


def test_the_fast_program_gives_the_whole_programs_optimum(base, monkeypatch):
    """Laredo's exports by truck (1,400 groups × 21 ports) are solved on a fraction of the pairs
    and proven optimal; solving the whole program at once gives the same cost (added km and
    waiting), so the same figures (ports on one line can share freight in several optimal ways)."""
    import geo.analysis.scenario as scenario

    states = [ScenarioState(closed=(LAREDO,), days=7), ScenarioState(closed=(LAREDO, "2506"), days=3),
              ScenarioState(closed=("2305", "2401", "2402", LAREDO), capacity_pct=80, days=30)]
    fast = [run_scenario(base, st) for st in states]
    monkeypatch.setattr(scenario, "_WHOLE", 10**9)
    whole = [run_scenario(base, st) for st in states]
    for a, b in zip(fast, whole):
        waiting_a = sum(x for x, _ in a.backlog.values())
        waiting_b = sum(x for x, _ in b.backlog.values())
        assert waiting_a == pytest.approx(waiting_b, rel=1e-9, abs=1e-6)
        assert a.extra_truck_km + a.extra_rail_km == pytest.approx(b.extra_truck_km + b.extra_rail_km, rel=1e-7)
        assert a.delayed_value == pytest.approx(b.delayed_value, rel=1e-6)
        assert a.affected_value == b.affected_value


def _run(capsys, *args) -> tuple[int, str, str]:
    code = frontera(["scenario", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_adds_a_crossing_and_lanes_as_the_model_does(shared_store, shared_store_path, capsys):
    code, out, err = _run(capsys, "--store", str(shared_store_path), "--close", "Laredo", "--days", "7",
                          "--add-crossing", "Puente Nuevo,-99.60,27.62,truck,20000",
                          "--port-capacity", f"{SANTA_TERESA},truck,+20%", "--format", "json")
    assert code == 0, err
    c = json.loads(out)["closure"]
    state = ScenarioState(closed=(LAREDO,), days=7, new_crossings=(NEW,),
                          capacity_overrides=((SANTA_TERESA, "truck", 120.0, "pct"),))
    model = run_scenario(build_base(shared_store), state)
    assert c["new_crossings"] == [{"port": "new1", "name": "Puente Nuevo", "lon": -99.6, "lat": 27.62}]
    assert [(r["port"], r["value_usd"]) for r in c["rerouted"]] == [(r.port, pytest.approx(r.value))
                                                                   for r in model.reroutes]
    assert c["delayed_value_usd"] == pytest.approx(model.delayed_value)
    code, _out, err = _run(capsys, "--store", str(shared_store_path), "--close", "2304",
                           "--add-crossing", "Puente,-99.6,north,truck,100")
    assert code == 2 and "--add-crossing" in err
    code, _out, err = _run(capsys, "--store", str(shared_store_path), "--close", "2304",
                           "--port-capacity", "2408,air,+20%")
    assert code == 2 and "capacity_overrides" in err
