"""The company's own lanes in a scenario (issue 16): a tariff's value at risk per company lane and
facility by the lane's HS chapter (the public figures' rule; lanes without HS counted only when
the tariff covers all goods, else listed as "HS unknown"), and the Mexican-side detour measured
from the lane's own facilities through the port it is rerouted to, with its extra truck-km."""
from __future__ import annotations

import json

import pytest

from cli.main import main as frontera
from geo.analysis.scenario import (
    ScenarioState,
    build_base,
    company_facilities,
    company_lane_rows,
    great_circle_km,
    results_tables,
    run_scenario,
    tariff_factor,
    tariff_lanes,
    tariff_shock,
)
from geo.network.lanes import Route
from geo.network.model import Facility, Lane, Network

LAREDO = "2304"
MONTERREY = (-100.3161, 25.6866)
DALLAS = (-96.7970, 32.7767)
SALTILLO = (-101.0053, 25.4383)
HOUSTON = (-95.3698, 29.7604)


def _lane(lane, frm, to, value, hs="", port=LAREDO, mode="truck", fc="MX", tc="US", fxy=MONTERREY, txy=DALLAS,
          ftype="supplier", ttype="customer"):
    return {"lane": lane, "from": frm, "to": to, "port": port, "value": value, "mode": mode, "hs": hs,
            "from_name": f"{frm} site", "to_name": f"{to} site", "from_type": ftype, "to_type": ttype,
            "from_country": fc, "to_country": tc, "from_lon": fxy[0], "from_lat": fxy[1], "to_lon": txy[0],
            "to_lat": txy[1]}


LANES = [
    _lane("L1", "S1", "C1", 1_000_000.0, hs="87"),
    _lane("L2", "S1", "C2", 500_000.0, hs="8471", txy=HOUSTON),
    _lane("L3", "S2", "C1", 200_000.0, hs="", fxy=SALTILLO),
    _lane("L4", "C1", "S1", 300_000.0, hs="87", fc="US", tc="MX", fxy=DALLAS, txy=MONTERREY),   # an export
    _lane("L5", "S2", "C2", None, hs="87", fxy=SALTILLO, txy=HOUSTON),
]


@pytest.fixture(scope="module")
def base(shared_store):
    return build_base(shared_store)


def test_tariff_per_lane_by_hs_chapter_as_the_public_rule():
    state = ScenarioState(tariff_pct=25, usmca_share=0.4, hs_chapters=("87",))
    f = tariff_factor(25, 0.4, 4.0)
    rows, facs, notes = tariff_lanes(state, LANES)
    by = {r["lane"]: r for r in rows}
    assert set(by) == {"L1", "L2", "L3", "L5"}            # the export is not an import from Mexico
    assert by["L1"]["status"] == "counted" and by["L1"]["value_at_risk_usd"] == pytest.approx(1e6 * f)
    assert by["L2"]["status"] == "not_covered" and by["L2"]["value_at_risk_usd"] == 0 and by["L2"]["hs"] == "84"
    assert by["L3"]["status"] == "hs_unknown" and by["L3"]["value_at_risk_usd"] is None
    assert by["L3"]["hs"] == "HS unknown"
    assert by["L5"]["status"] == "no_value" and by["L5"]["value_at_risk_usd"] is None
    assert rows[0]["lane"] == "L1"
    # per facility: the supplier side and the customer side
    fac = {(r["facility"], r["role"]): r for r in facs}
    assert fac[("S1", "from")]["value_at_risk_usd"] == pytest.approx(1e6 * f) and fac[("S1", "from")]["lanes"] == 2
    assert fac[("C1", "to")]["value_at_risk_usd"] == pytest.approx(1e6 * f)
    assert fac[("C1", "to")]["hs_unknown_value_usd"] == pytest.approx(200_000)
    assert fac[("S1", "from")]["type"] == "supplier" and fac[("C1", "to")]["name"] == "C1 site"
    codes = [m.code for m in notes]
    assert codes == ["scenario.tariff.company_rule", "scenario.tariff.company_hs_unknown"]
    assert "HS unknown" in notes[1].english() and "$200" in notes[1].english()


def test_a_tariff_on_all_goods_counts_lanes_without_hs():
    state = ScenarioState(tariff_pct=10)
    f = tariff_factor(10, 0, 4.0)
    rows, _facs, notes = tariff_lanes(state, LANES)
    by = {r["lane"]: r for r in rows}
    assert by["L3"]["status"] == "counted" and by["L3"]["value_at_risk_usd"] == pytest.approx(200_000 * f)
    assert by["L2"]["status"] == "counted"
    assert [m.code for m in notes] == ["scenario.tariff.company_rule"]
    zero = tariff_lanes(ScenarioState(tariff_pct=0), LANES)[0]
    assert all((r["value_at_risk_usd"] or 0) == 0 for r in zero)


def test_tariff_shock_carries_the_company_lanes_and_their_tables(shared_store):
    state = ScenarioState(tariff_pct=25, hs_chapters=("87",))
    tr = tariff_shock(shared_store, state, company_lanes=LANES)
    assert [r["lane"] for r in tr.company] == [r["lane"] for r in tariff_lanes(state, LANES)[0]]
    assert any(m.code == "scenario.tariff.company_hs_unknown" for m in tr.assumptions)
    tables = {t.key: t for t in results_tables(None, tr)}
    lanes = tables["tariff_company"].records()
    assert [(r["lane"], r["status"]) for r in lanes] == [(r["lane"], r["status"]) for r in tr.company]
    facs = tables["tariff_company_facilities"].records()
    assert sum(r["value_at_risk"] for r in facs if r["role"] == "from") == pytest.approx(
        sum(r["value_at_risk_usd"] or 0 for r in tr.company))
    assert tr.as_dict()["company"][0]["lane"] == "L1"


def test_mexican_side_detour_from_the_lanes_own_facilities(base):
    res = run_scenario(base, ScenarioState(closed=(LAREDO,), days=10), company_lanes=LANES)
    hit = {r["lane"]: r for r in res.company}
    assert set(hit) == {"L1", "L2", "L3", "L4", "L5"}
    l1 = hit["L1"]
    took = {k.port for k in res.links if k.origin == LAREDO and k.mode == "5" and k.direction == "import"}
    assert l1["via"] in took and l1["direction"] == "import"
    # the least detour from Monterrey to Dallas among the ports that took Laredo's northbound trucks

    def detour(q):
        lon, lat = res.coords[q]
        p0 = res.coords[LAREDO]
        return float(great_circle_km(*MONTERREY, lon, lat) + great_circle_km(lon, lat, *DALLAS)
                     - great_circle_km(*MONTERREY, *p0) - great_circle_km(*p0, *DALLAS))

    assert l1["detour_km"] == pytest.approx(min(detour(q) for q in took))
    assert l1["detour_km"] == pytest.approx(detour(l1["via"]))
    # value at risk as before; rerouted in the share the program rerouted from Laredo northbound
    assert l1["value_at_risk_usd"] == pytest.approx(1e6 / 365 * 10)
    moved = sum(k.containers for k in res.links if k.origin == LAREDO and k.mode == "5" and k.direction == "import")
    waiting = res.backlog[(LAREDO, "5", "import")][0]
    assert l1["rerouted_value_usd"] == pytest.approx(l1["value_at_risk_usd"] * moved / (moved + waiting))
    assert l1["rerouted_value_usd"] + l1["delayed_value_usd"] == pytest.approx(l1["value_at_risk_usd"])
    vpc = next(c.value_per_container for c in res.closed_ports if c.port == LAREDO and c.mode == "5")
    assert l1["extra_km"] == pytest.approx(l1["rerouted_value_usd"] / vpc * l1["detour_km"])
    # an export is measured the other way, through the ports that took Laredo's southbound trucks
    l4 = hit["L4"]
    south = {k.port for k in res.links if k.origin == LAREDO and k.mode == "5" and k.direction == "export"}
    assert l4["direction"] == "export" and l4["via"] in south
    assert any(m.code == "scenario.assume.company_detour" for m in res.assumptions)
    assert "Mexican side" in next(m.english() for m in res.assumptions if m.code == "scenario.assume.company_detour")
    # the company's facilities hit, supplier and customer sides
    facs = {(r["facility"], r["role"]): r for r in company_facilities(res.company)}
    assert facs[("C1", "to")]["value_at_risk_usd"] == pytest.approx(hit["L1"]["value_at_risk_usd"]
                                                                    + hit["L3"]["value_at_risk_usd"])
    tables = {t.key: t for t in results_tables(res)}
    assert [r["lane"] for r in tables["company"].records()] == [r["lane"] for r in res.company]
    assert {(r["facility"], r["role"]) for r in tables["company_facilities"].records()} == set(facs)


def test_lanes_without_positions_or_not_through_a_closed_port(base):
    lanes = [dict(_lane("L1", "S1", "C1", 1e6), from_lon=None), _lane("L9", "S1", "C1", 1e6, port="2506")]
    res = run_scenario(base, ScenarioState(closed=(LAREDO,), days=5), company_lanes=lanes)
    assert [r["lane"] for r in res.company] == ["L1"]
    assert res.company[0]["via"] and res.company[0]["detour_km"] is None and res.company[0]["extra_km"] is None


def test_company_lane_rows_from_a_network():
    net = Network({"S1": Facility("S1", "Planta", "plant", lon=MONTERREY[0], lat=MONTERREY[1], country="MX"),
                   "C1": Facility("C1", "Cliente", "customer", lon=DALLAS[0], lat=DALLAS[1], country="US")},
                  {"L1": Lane("L1", "S1", "C1", 365.0, None, "truck", "87", ""),
                   "L2": Lane("L2", "C1", "S1", 10.0, None, "rail", "", "")})
    rows = company_lane_rows(net, {"L1": Route("L1", True, port=LAREDO)})
    assert rows[0] == {"lane": "L1", "from": "S1", "to": "C1", "port": LAREDO, "value": 365.0, "mode": "truck",
                       "hs": "87", "from_name": "Planta", "from_type": "plant", "from_country": "MX",
                       "from_lon": MONTERREY[0], "from_lat": MONTERREY[1], "to_name": "Cliente", "to_type": "customer",
                       "to_country": "US", "to_lon": DALLAS[0], "to_lat": DALLAS[1]}
    assert rows[1]["port"] == "" and rows[1]["mode"] == "rail"


def test_cli_project_lists_lane_tariff_and_detour(shared_store_path, tmp_path, capsys):
    sup = tmp_path / "sites.csv"
    sup.write_text("id,name,type,city,state,country\nP1,Planta Monterrey,plant,Monterrey,NL,MX\n"
                   "C1,Cliente Dallas,customer,Dallas,TX,US\n", encoding="utf-8")
    lanes = tmp_path / "lanes.csv"
    lanes.write_text("id,from,to,value,mode,hs\nL1,P1,C1,365000,truck,87\nL2,P1,C1,730000,truck,\n",
                     encoding="utf-8")
    proj = tmp_path / "net.frontera"
    assert frontera(["facilities", "import", str(sup), "--project", str(proj)]) == 0
    assert frontera(["facilities", "lanes", str(lanes), "--project", str(proj)]) == 0
    capsys.readouterr()
    code = frontera(["scenario", "--store", str(shared_store_path), "--project", str(proj), "--close", "2304",
                     "--days", "10", "--tariff", "25", "--hs", "87", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    company = {r["lane"]: r for r in data["closure"]["company"]}
    assert company["L1"]["port"] == LAREDO and company["L1"]["via"]
    assert company["L1"]["extra_km"] is not None and company["L1"]["from_country"] == "MX"
    tariff = {r["lane"]: r for r in data["tariff"]["company"]}
    assert tariff["L1"]["status"] == "counted"
    assert tariff["L1"]["value_at_risk_usd"] == pytest.approx(365000 * data["tariff"]["factor"])
    assert tariff["L2"]["status"] == "hs_unknown" and tariff["L2"]["hs"] == "HS unknown"
    assert any("HS unknown" in a for a in data["tariff"]["assumptions"])
