"""`frontera scenario` (issue 16): its output equals the model's, in JSON and CSV, with the
assumptions; a bad port is a clear error (exit 2)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from cli.main import main as frontera
from geo.analysis.scenario import ScenarioState, build_base, run_scenario, tariff_shock


def _run(capsys, *args) -> tuple[int, str, str]:
    code = frontera(["scenario", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_equals_the_model(shared_store, shared_store_path, capsys):
    code, out, err = _run(capsys, "--store", str(shared_store_path), "--close", "Ysleta,2402", "--days", "5",
                          "--capacity", "20", "--tariff", "25", "--hs", "87", "--usmca-share", "0.5",
                          "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    state = ScenarioState(closed=("2401", "2402"), days=5, capacity_pct=20, tariff_pct=25, hs_chapters=("87",),
                          usmca_share=0.5)
    model = run_scenario(build_base(shared_store), state)
    c = data["closure"]
    assert c["closed"] == ["2401", "2402"] and c["period"] == ["2023-01", "2023-12"]
    assert c["affected_value_usd"] == pytest.approx(model.affected_value)
    assert c["rerouted_value_usd"] == pytest.approx(model.rerouted_value)
    assert c["delayed_value_usd"] == pytest.approx(model.delayed_value)
    assert [(r["port"], r["mode"]) for r in c["rerouted"]] == [(r.port, {"5": "truck", "6": "rail"}[r.mode])
                                                                for r in model.reroutes]
    assert [r["value_usd"] for r in c["rerouted"]] == pytest.approx([r.value for r in model.reroutes])
    assert any("latest full year" in a for a in c["assumptions"])
    tr = tariff_shock(shared_store, state)
    assert data["tariff"]["value_at_risk_usd"] == pytest.approx(tr.total_at_risk)
    assert any("Simonovska" in a for a in data["tariff"]["assumptions"])


def test_csv_lists_rerouted_ports_and_assumptions(shared_store, shared_store_path, capsys):
    code, out, err = _run(capsys, "--store", str(shared_store_path), "--close", "2401", "--days", "3",
                          "--from", "2023-01", "--to", "2023-12", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    summary = {r["figure"]: float(r["value"]) for r in rows if r["section"] == "summary" and r["value"]}
    rerouted = sum(float(r["value_rerouted"]) for r in rows if r["section"] == "receiving")
    assert rerouted == pytest.approx(summary["rerouted_value"], rel=1e-5)
    assert summary["rerouted_value"] + summary["delayed_value"] == pytest.approx(summary["affected_value"], rel=1e-5)
    closed = [r for r in rows if r["section"] == "closed"]
    assert {r["port"] for r in closed} == {"2401"}
    assert sum(float(r["value_affected"]) for r in closed) == pytest.approx(summary["affected_value"], rel=1e-5)
    assert any(r["section"] == "assumption" and "Period: Jan 2023 to Dec 2023." in r["text"] for r in rows)
    # the same rows as the model's table
    from desktop.base.messages import word
    from geo.analysis.scenario import results_rows

    model = run_scenario(build_base(shared_store, (202301, 202312)), ScenarioState(closed=("2401",), days=3))
    header, lines = results_rows(model, None, word)
    assert list(rows[0].keys()) == header
    assert [list(r.values()) for r in rows] == lines


def test_unknown_port_exits_2(shared_store_path, capsys):
    code, _out, err = _run(capsys, "--store", str(shared_store_path), "--close", "Atlantis", "--format", "json")
    assert code == 2 and "Atlantis" in err


def test_project_lanes_through_the_closed_port_are_hit(shared_store_path, tmp_path, capsys):
    sup = tmp_path / "sites.csv"
    sup.write_text("id,name,type,city,state,country\nP1,Planta Monterrey,plant,Monterrey,NL,MX\n"
                   "C1,Cliente Dallas,customer,Dallas,TX,US\n", encoding="utf-8")
    lanes = tmp_path / "lanes.csv"
    lanes.write_text("id,from,to,value,mode\nL1,P1,C1,365000,truck\n", encoding="utf-8")
    proj = tmp_path / "net.frontera"
    assert frontera(["facilities", "import", str(sup), "--project", str(proj)]) == 0
    assert frontera(["facilities", "lanes", str(lanes), "--project", str(proj)]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, "--store", str(shared_store_path), "--project", str(proj), "--close", "2304",
                          "--days", "10", "--format", "json")
    assert code == 0, err
    company = json.loads(out)["closure"]["company"]
    assert [(r["lane"], r["port"]) for r in company] == [("L1", "2304")]
    assert company[0]["value_at_risk_usd"] == pytest.approx(10_000)
