"""Issue 15: the company network on the map (model side): the facilities layer, the lanes as a
flow set routed through their port, ports sized by exposure, the display part, import undo."""
from __future__ import annotations

import numpy as np
import pytest

from geo.network.display import (
    FACILITY_LAYER_ID,
    NetworkDisplay,
    NetworkHistory,
    exposure_theme,
    facilities_layer,
    lane_flowset,
)
from geo.network.exposure import exposure
from geo.network.lanes import land_ports
from geo.network.model import Facility, Lane, Network

FACS = {
    "mty": Facility("mty", "Planta Monterrey", "plant", lon=-100.317, lat=25.684, state="NL", country="MX"),
    "cj": Facility("cj", "Proveedor Juárez", "supplier", lon=-106.45, lat=31.70, state="CH", country="MX"),
    "dal": Facility("dal", "Dallas DC", "warehouse", lon=-96.797, lat=32.777, state="TX", country="US"),
    "chi": Facility("chi", "Chicago", "customer", lon=-87.63, lat=41.88, state="IL", country="US"),
    "hou": Facility("hou", "Houston", "customer", lon=-95.37, lat=29.76, state="TX", country="US"),
    "nowhere": Facility("nowhere", "Not placed yet", "supplier", country="MX", located="review"),
}
LANES = {
    "L1": Lane("L1", "mty", "dal", 5e6, mode="truck"),
    "L2": Lane("L2", "cj", "chi", 2e6, mode="truck"),
    "L3": Lane("L3", "dal", "hou", 9e6, mode="truck"),            # domestic: not a cross-border flow
    "L4": Lane("L4", "mty", "hou", 1e6, mode="rail", port="2304"),  # assigned port
}


@pytest.fixture(scope="module")
def ports():
    return land_ports()


@pytest.fixture(scope="module")
def net():
    return Network(dict(FACS), dict(LANES))


def test_the_facilities_layer_holds_every_placed_facility_coloured_by_type(net):
    layer = facilities_layer(net)
    assert layer.id == FACILITY_LAYER_ID and layer.kind == "point"
    assert sorted(layer.data["id"]) == sorted(f.id for f in FACS.values() if f.placed)
    fills = dict(zip(layer.data["type"], layer.style.fills(layer.data)))
    assert len({fills["plant"], fills["supplier"], fills["warehouse"], fills["customer"]}) == 4
    assert layer.label is not None and "Planta Monterrey" in set(layer.data["name"])


def test_anonymised_names_are_ids_or_types_and_unlabelled(net):
    by_id = facilities_layer(net, "id")
    assert by_id.label is None and set(by_id.data["name"]) == set(by_id.data["id"])
    by_type = facilities_layer(net, "type")
    assert "Planta Monterrey" not in set(by_type.data["name"]) and "plant 1" in set(by_type.data["name"])


def test_small_scales_draw_only_the_largest_facilities(monkeypatch):
    import geo.network.display as d

    monkeypatch.setattr(d, "ALWAYS_SHOWN", 2)
    layer = d.facilities_layer(Network(dict(FACS), dict(LANES)))
    far = layer.shown_at(5000.0)
    assert far is not None and far.sum() == 2
    assert set(layer.data["id"][far]) == {"dal", "hou"}   # the two with the most lane value (14, 10 M)
    assert layer.shown_at(100.0).all()


def test_the_lane_flowset_totals_the_cross_border_value_through_the_port(net, ports):
    exp = exposure(net, ports)
    fs = lane_flowset(net, ports, exp.routes)
    assert fs.total_value == pytest.approx(exp.total) == 8e6
    assert float(fs.value.sum()) == pytest.approx(exp.total)
    assert set(fs.label) == {"L1", "L2", "L4"}                     # the domestic lane is not drawn
    i = int(np.nonzero(fs.label == "L1")[0][0])
    assert fs.port[i] == "2304" and fs.has_port[i] and np.isfinite(fs.px[i])
    assert fs.origin_name[i] == "Planta Monterrey"
    assert set(fs.shown_index) == set(range(len(fs)))              # all lanes drawn, not a top N
    fs.geometry(2000.0)                                            # the painter's bands can be made


def test_a_lane_to_a_facility_without_position_counts_as_not_located(ports):
    lanes = dict(LANES, L5=Lane("L5", "nowhere", "dal", 3e6))
    n = Network(dict(FACS), lanes)
    fs = lane_flowset(n, ports)
    assert "L5" not in set(fs.label) and fs.remainder.unlocated_count == 1


def test_ports_sized_by_exposure_give_laredo_its_exposure(net, ports):
    from geo.query import TradeFilter
    from geo.styles.thematic import Theme, ThemeSettings

    exp = exposure(net, ports)
    public = Theme(TradeFilter(country="MX"), ThemeSettings(), "2024", port_values={"2304": 9e9, "2402": 1e9})
    t = exposure_theme(public, exp)
    laredo = next(r for r in exp.ports if r.key == "2304")
    assert t.port_values["2304"] == laredo.value == 6e6
    assert "2402" not in t.port_values or t.port_values["2402"] != 1e9
    assert "exposure" in t.port_title.english()
    assert public.port_values["2304"] == 9e9                       # the public theme is left as it was


def test_the_display_options_are_a_session_part():
    from geo.session import Session

    s = Session()
    assert s.get("network_display") == NetworkDisplay()
    s.set("network_display", NetworkDisplay(size_ports_by_exposure=True, anonymise="type"))
    t = Session()
    t.from_dict(s.to_dict())
    assert t.get("network_display") == NetworkDisplay(True, True, "type")
    with pytest.raises(ValueError):
        NetworkDisplay(anonymise="names")


def test_a_replaced_network_can_be_undone(net):
    h = NetworkHistory()
    assert not h.modified
    h.replace(net)
    assert h.modified
    h.mark_saved()
    smaller = Network({"mty": FACS["mty"]}, {})
    h.replace(smaller)
    assert h.current is smaller and h.can_undo and h.modified
    assert h.undo() is net and not h.modified                      # back to what was saved
    assert h.undo() == Network() and not h.can_undo and h.modified
    assert h.undo() == Network()


@pytest.mark.parametrize("how", ["ids", "types"])
def test_exposure_exports_can_hide_facility_names(tmp_path, capsys, how, net):
    import csv
    import io
    import json

    from cli.main import main
    from geo.session.model import Session
    from geo.session.project import Project, write_project

    proj = tmp_path / "net.frontera"
    write_project(proj, Project(Session().to_dict(), tables=net.tables()))
    assert main(["exposure", "--project", str(proj)]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "Planta Monterrey" in {f["name"] for f in plain["facilities"]}
    assert main(["exposure", "--project", str(proj), "--anonymise", how]) == 0
    out = capsys.readouterr().out
    d = json.loads(out)
    assert d["cross_border_value"] == plain["cross_border_value"] == 8e6
    for f in FACS.values():
        assert f.name not in out
    names = {f["name"] for f in d["facilities"]}
    if how == "ids":
        assert names == set(FACS)
        assert {"mty", "dal"} <= {fid for r in d["ports"] for fid in r["facilities"]}
    else:
        assert "plant 1" in names and "mty" not in {f["id"] for f in d["facilities"]}
        assert "plant 1" in {fid for r in d["ports"] for fid in r["facilities"]}
    assert main(["exposure", "--project", str(proj), "--format", "csv", "--anonymise", how]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sum(float(r["value_usd"]) for r in table) == 8e6
    if how == "types":
        assert all("mty" not in r["facilities"].split() for r in table)
