"""A scenario's results as tables (issue 16): per receiving port, per closed port, closed → receiving
links, the tariff by US state, port and commodity and the assumptions, the figures the model
computed (what an export writes and ``frontera scenario --format csv`` prints); and the April 2022
Texas inspections, which sent trucks to Santa Teresa, in the model's links."""
from __future__ import annotations

import math

import pytest

from geo.analysis.scenario import (
    RESULT_TABLES,
    ScenarioState,
    build_base,
    results_assumptions,
    results_csv,
    results_rows,
    results_tables,
    run_scenario,
    tariff_shock,
)

LAREDO, YSLETA, EL_PASO, HIDALGO, SANTA_TERESA, NOGALES = "2304", "2401", "2402", "2305", "2408", "2604"


@pytest.fixture(scope="module")
def base(shared_store):
    return build_base(shared_store)


@pytest.fixture(scope="module")
def both(shared_store, base):
    state = ScenarioState(closed=(LAREDO, HIDALGO), capacity_pct=20, days=5, tariff_pct=25, hs_chapters=("87",))
    return run_scenario(base, state), tariff_shock(shared_store, state, base.period)


def test_tables_hold_the_models_figures(both):
    closure, tariff = both
    tables = {t.key: t for t in results_tables(closure, tariff)}
    assert list(tables) == [k for k in RESULT_TABLES if k in tables]
    summary = {r["figure"]: r["value"] for r in tables["summary"].records()}
    assert summary["affected_value"] == closure.affected_value and summary["value_days"] == closure.value_days
    assert summary["tariff_value_at_risk"] == tariff.total_at_risk
    receiving = tables["receiving"].records()
    assert [(r["port"], r["value_rerouted"]) for r in receiving] == [(r.port, r.value) for r in closure.reroutes]
    for r in receiving:
        assert r["load_share_of_capacity"] == pytest.approx(r["predicted_load"] / r["capacity"])
        assert r["load_share_of_capacity"] <= 1 + 1e-7
    closed = tables["closed"].records()
    assert {r["port"] for r in closed} == {LAREDO, HIDALGO}
    assert sum(r["value_affected"] for r in closed) == pytest.approx(closure.affected_value, rel=1e-12)
    assert sum(r["value_delayed"] for r in closed) == pytest.approx(closure.delayed_value, rel=1e-9)
    assert sum(r["value_rerouted"] for r in closed) == pytest.approx(closure.rerouted_value, rel=1e-9)
    clears = [r["days_to_clear"] for r in closed if r["value_delayed"] > 0]
    assert max(clears) == pytest.approx(closure.days_to_clear)
    for r in closed:
        if r["value_delayed"] > 0:
            assert r["value_days"] == pytest.approx(r["value_delayed"] * (5 + r["days_to_clear"]) / 2)
        assert r["kept_share"] == pytest.approx(0.2)
    links = tables["links"].records()
    assert sum(r["value_rerouted"] for r in links) == pytest.approx(closure.rerouted_value, rel=1e-9)
    assert sum(r["extra_km"] for r in links if r["mode"] == "truck") == pytest.approx(closure.extra_truck_km,
                                                                                      rel=1e-9)
    for by in ("us_state", "port", "commodity"):
        df = tariff.by[by]
        if df.empty:     # not answerable by the store for this filter (said in the assumptions)
            assert f"tariff_{by}" not in tables
            continue
        rows = tables[f"tariff_{by}"].records()
        assert [r["code"] for r in rows] == [str(c) for c in df["code"]]
        assert sum(r["value_at_risk"] for r in rows) == pytest.approx(float(df["at_risk"].sum()))
    assert "company" not in tables       # no lanes given: no empty table


def test_one_rectangular_table_for_csv_with_every_assumption(both):
    closure, tariff = both
    header, rows = results_rows(closure, tariff)
    assert header[0] == "section" and header[-1] == "text" and len(set(header)) == len(header)
    assert all(len(r) == len(header) for r in rows)
    texts = [r[-1] for r in rows if r[0] == "assumption"]
    assert texts == [m.english() for m in results_assumptions(closure, tariff)]
    assert any("Simonovska" in t for t in texts) and any("latest full year" in t for t in texts)
    at = {c: i for i, c in enumerate(header)}
    first = next(r for r in rows if r[0] == "receiving")
    assert float(first[at["value_rerouted"]]) == pytest.approx(closure.reroutes[0].value, abs=0.005)
    assert results_csv(closure, tariff).splitlines()[0] == ",".join(header)


def test_a_backlog_that_never_clears_is_written_as_inf(base):
    res = run_scenario(base, ScenarioState(closed=(LAREDO,), days=5,
                                           capacity_overrides=((LAREDO, "truck", 1000, "count"),)))
    closed = {(r["port"], r["mode"]): r for r in {t.key: t for t in results_tables(res)}["closed"].records()}
    assert closed[(LAREDO, "truck")]["days_to_clear"] is None
    assert math.isinf(closed[(LAREDO, "truck")]["value_days"])
    header, rows = results_rows(res)
    line = next(r for r in rows if r[0] == "closed" and r[header.index("mode")] == "truck")
    assert line[header.index("value_days")] == "inf" and line[header.index("days_to_clear")] == ""


def test_april_2022_the_texas_ports_send_trucks_west_to_santa_teresa(shared_store):
    """April 2022 against March 2022 (Texas inspections of trucks from Mexico): trucks at Hidalgo
    −26%, Ysleta −21%, El Paso −18%, Laredo −11%, Santa Teresa (New Mexico) +14%. Degrading the
    Texas ports sends the model's trucks the same way: Ysleta's northbound trucks to Santa
    Teresa, whose load rises, as observed, with Nogales (observed +9%)."""
    march = build_base(shared_store, (202203, 202203))
    res = run_scenario(march, ScenarioState(closed=(HIDALGO, YSLETA, EL_PASO, LAREDO), capacity_pct=80, days=30))
    to_st = [k for k in res.links if k.port == SANTA_TERESA and k.mode == "5" and k.direction == "import"]
    assert YSLETA in {k.origin for k in to_st} and sum(k.containers for k in to_st) > 0
    assert res.predicted_change(SANTA_TERESA) > 0.10 and res.predicted_change(NOGALES) > 0
    for port in (HIDALGO, YSLETA, LAREDO):
        assert res.predicted_change(port) < 0
    from geo.analysis.scenario import observed_vs_predicted

    table = observed_vs_predicted(shared_store, res, 202204).set_index("port")
    for port in (SANTA_TERESA, NOGALES, HIDALGO, YSLETA, LAREDO):
        assert (table.loc[port, "observed_change"] > 0) == (table.loc[port, "predicted_change"] > 0), port
