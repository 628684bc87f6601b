"""Issue 15: lanes, routing through land ports, re-import diffs, exposure shares."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.network.exposure import exposure
from geo.network.lanes import Port, import_lanes, land_ports, route
from geo.network.model import Facility, Lane, Network

FACS = {
    "mty": Facility("mty", "Planta Monterrey", "plant", lon=-100.317, lat=25.684, city="Monterrey", state="NL",
                    country="MX"),
    "cj": Facility("cj", "Juárez", "supplier", lon=-106.45, lat=31.70, city="Juárez", state="CH", country="MX"),
    "tij": Facility("tij", "Tijuana", "supplier", lon=-117.02, lat=32.51, city="Tijuana", state="BC", country="MX"),
    "dal": Facility("dal", "Dallas DC", "warehouse", lon=-96.797, lat=32.777, state="TX", country="US"),
    "chi": Facility("chi", "Chicago", "customer", lon=-87.63, lat=41.88, state="IL", country="US"),
    "slp": Facility("slp", "SLP", "plant", lon=-100.98, lat=22.15, state="SL", country="MX"),
}


@pytest.fixture(scope="module")
def ports():
    return land_ports()


def test_monterrey_to_dallas_by_truck_crosses_at_laredo(ports):
    r = route(Lane("1", "mty", "dal", 1e6, mode="truck"), FACS, ports)
    assert r.cross_border and r.port == "2304" and r.how == "shortest"


def test_an_assigned_port_wins(ports):
    r = route(Lane("1", "mty", "dal", 1e6, port="2305"), FACS, ports)
    assert (r.port, r.how) == ("2305", "assigned") and r.detour_km > 0


def test_rail_only_at_ports_with_train_counts(shared_store):
    ports = land_ports(shared_store)
    rail = {p.code for p in ports if "rail" in p.modes}
    assert "2304" in rail and "2302" not in rail           # Del Rio counts no trains
    r = route(Lane("1", "mty", "dal", 1e6, mode="rail"), FACS, ports)
    assert r.port in rail
    assert route(Lane("2", "mty", "slp", 1e6), FACS, ports).cross_border is False


def test_lane_import_reports_bad_rows_and_reimport_shows_the_change(tmp_path):
    net = Network(dict(FACS))
    p = tmp_path / "lanes.csv"
    p.write_text("id,origen,destino,valor,modo,hs\nL1,mty,dal,\"1,000,000\",camion,87\nL2,cj,nowhere,5,truck,\n"
                 "L3,cj,dal,abc,truck,\nL4,tij,dal,10,teleport,\nL5,tij,chi,300,rail,8708\n", encoding="utf-8")
    imp = import_lanes(p, net)
    assert set(imp.lanes) == {"L1", "L5"}
    assert imp.lanes["L1"].value == 1e6 and imp.lanes["L1"].mode == "truck" and imp.lanes["L1"].hs_chapter == "87"
    assert imp.lanes["L5"].hs_chapter == "87"
    reasons = {lid: issues[0].reason for _, lid, issues in imp.rejected}
    assert "nowhere is not in the network" in reasons["L2"]
    assert "abc" in reasons["L3"] and "teleport" in reasons["L4"]
    net1 = imp.apply(net)
    p.write_text("id,from,to,value,mode\nL1,mty,dal,2000000,truck\nL6,mty,chi,1,truck\n", encoding="utf-8")
    imp2 = import_lanes(p, net1)
    d = imp2.diff(net1)
    assert (d.added, d.changed, d.removed) == (("L6",), ("L1",), ("L5",))
    assert net1.lanes["L1"].value == 1e6         # nothing applied before the user agrees


def test_exposure_per_port_state_and_zone_with_the_single_crossing_flag(ports):
    net = Network(dict(FACS), {"a": Lane("a", "mty", "dal", 820.0), "b": Lane("b", "cj", "dal", 180.0),
                               "c": Lane("c", "mty", "slp", 999.0)})
    e = exposure(net, ports)
    assert e.total == 1000.0 and e.lanes == 2
    top = e.ports[0]
    assert (top.key, top.value, top.share) == ("2304", 820.0, pytest.approx(0.82))
    assert top.facilities == {"mty", "dal"}
    assert [m.english() for m in e.messages] == ["82% of cross-border value relies on one port (Laredo, TX)"]
    assert {r.key: r.value for r in e.states} == {"NL": 820.0, "CH": 180.0}
    assert {r.key for r in e.zones} == {"cluster-monterrey", "cluster-ciudad-juarez"}


def test_assigning_a_port_recomputes_the_exposure(ports):
    from geo.network.exposure import ExposureIndex

    net = Network(dict(FACS), {"a": Lane("a", "mty", "dal", 820.0), "b": Lane("b", "cj", "dal", 180.0)})
    index = ExposureIndex(net, ports)
    assert index.exposure().ports[0].key == "2304"
    index.set_port("a", "2402")
    e = index.exposure()
    assert [(r.key, r.value) for r in e.ports] == [("2402", 820.0), ("2401", 180.0)]
    assert e.ports[0].facilities == {"mty", "dal"} and "El Paso" in e.messages[0].english()
    assert {r.key: r.value for r in e.states} == {"NL": 820.0, "CH": 180.0}


def test_a_shared_network_carries_no_facility_names():
    net = Network(dict(FACS), {"a": Lane("a", "mty", "dal", 1.0)})
    by_id = net.anonymised("id")
    assert {f.name for f in by_id.facilities.values()} == set(FACS)
    by_type = net.anonymised("type")
    assert by_type.facilities["mty"].name.startswith("plant ") and by_type.facilities["mty"].city == ""
    assert not any(f.name in {g.name for g in by_type.facilities.values()} for f in FACS.values())
    assert by_type.lanes == net.lanes and net.facilities["mty"].name == "Planta Monterrey"


MX = ["mty", "cj", "tij", "slp"]
US = ["dal", "chi"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MX), st.sampled_from(US), st.floats(0, 1e9),
                          st.sampled_from(["truck", "rail", "air"]), st.booleans()), min_size=1, max_size=25))
def test_shares_sum_to_all_of_the_cross_border_value(lanes):
    ports = [Port("2304", "Laredo, TX", "TX", -99.5, 27.5, "MX", frozenset({"truck", "rail"})),
             Port("2402", "El Paso, TX", "TX", -106.45, 31.76, "MX", frozenset({"truck"}))]
    net = Network(dict(FACS), {str(i): Lane(str(i), *((a, b) if flip else (b, a)), v, mode=m)
                               for i, (a, b, v, m, flip) in enumerate(lanes)})
    e = exposure(net, ports)
    assert e.total == pytest.approx(sum(v for _, _, v, _, _ in lanes))
    if e.total > 0:
        assert sum(r.share for r in e.ports) == pytest.approx(1.0)
        assert sum(r.share for r in e.states) == pytest.approx(1.0)
        assert sum(r.value for r in e.ports) == pytest.approx(e.total)
