"""Issue 15 in the window: the company network imported through the dialog is saved into the
project and comes back on open, an import marks the project modified and can be reverted, and
the network is shown on the map (facilities layer, lanes as flows, ports sized by exposure)."""
from __future__ import annotations

import pytest

from geo.network.display import FACILITY_LAYER_ID, NetworkDisplay
from geo.network.model import Lane, Network

SITES = ("id;nombre;tipo;latitud;longitud;pais\n"
         "P1;Planta Querétaro (Monterrey);plant;25.6866;-100.3161;MX\n"
         "S1;Proveedor Ciudad Juárez;supplier;31.6904;-106.4245;MX\n"
         "W1;Dallas DC;warehouse;32.7767;-96.7970;US\n")


def _import(win, qtbot, path):
    dlg = win.import_company_facilities(str(path))
    dlg.start()
    qtbot.waitUntil(lambda: dlg.result_ is not None, timeout=60000)
    dlg.apply_review_and_accept()
    _computed(win, qtbot)
    return dlg


def _computed(win, qtbot):
    """The network's figures (routes, exposure, layer, lanes) arrive from a worker."""
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)


@pytest.fixture
def sites(tmp_path):
    p = tmp_path / "sites.csv"
    p.write_bytes(SITES.encode("latin-1"))
    return p


def test_an_imported_network_is_saved_in_the_project_and_comes_back(make_window, qtbot, tmp_path, sites):
    win = make_window(wait_store=True)
    assert not win.project.modified
    _import(win, qtbot, sites)
    assert set(win.company_network.facilities) == {"P1", "S1", "W1"}
    assert win.project.modified and win.isWindowModified()
    layer = win.content.layers[FACILITY_LAYER_ID]
    assert sorted(layer.data["id"]) == ["P1", "S1", "W1"]
    assert "Planta Querétaro (Monterrey)" in set(layer.data["name"])
    hit = win.content.hit_for(FACILITY_LAYER_ID, "Planta Querétaro (Monterrey)")
    win.content.selection.select(hit)                     # a click on a facility: panels follow, no error
    assert win.session.selection.layer == FACILITY_LAYER_ID
    win.content.selection.select(None)
    path = tmp_path / "company.frontera"
    win.project.ask_path = lambda save: str(path)
    assert win.project.save_as() and not win.project.modified

    other = make_window(wait_store=True)
    assert other.project.open(path, ask_to_save=False)
    _computed(other, qtbot)
    net = other.company_network
    assert net.facilities == win.company_network.facilities
    assert net.facilities["P1"].name == "Planta Querétaro (Monterrey)"
    assert not other.project.modified
    assert sorted(other.content.layers[FACILITY_LAYER_ID].data["id"]) == ["P1", "S1", "W1"]
    assert other.network_panel is not None


def test_a_reimport_can_be_reverted(make_window, qtbot, tmp_path, sites):
    win = make_window(wait_store=True)
    _import(win, qtbot, sites)
    first = win.company_network
    smaller = tmp_path / "smaller.csv"
    smaller.write_bytes(SITES.splitlines(True)[0].encode() + SITES.splitlines(True)[1].encode("latin-1"))
    dlg = _import(win, qtbot, smaller)
    assert "0 added, 0 changed, 2 removed, 1 unchanged" in dlg.summary.text()   # shown before it is applied
    assert set(win.company_network.facilities) == {"P1"}
    assert win.project.revert_network_action.isEnabled()
    win.project.revert_network_action.trigger()
    _computed(win, qtbot)
    assert win.company_network is first
    win.project.history.mark_clean()                      # as if saved: reverting to it is unmodified
    assert not win.project.modified
    assert sorted(win.content.layers[FACILITY_LAYER_ID].data["id"]) == ["P1", "S1", "W1"]
    win.project.revert_network_action.trigger()
    assert not win.company_network and FACILITY_LAYER_ID not in win.content.layers
    assert win.project.modified
    assert not win.project.revert_network_action.isEnabled()


def test_lanes_show_as_flows_and_ports_size_by_exposure(make_window, qtbot, sites):
    win = make_window(wait_store=True)
    _import(win, qtbot, sites)
    net = win.company_network
    lanes = {"L1": Lane("L1", "P1", "W1", 4e6), "L2": Lane("L2", "S1", "W1", 1e6),
             "L3": Lane("L3", "W1", "W1", 7e6)}
    win.project.set_network(Network(dict(net.facilities), lanes))
    _computed(win, qtbot)
    exp = win.network_view.exposure
    assert exp.total == 5e6
    win.network_panel.lanes_box.setChecked(True)
    fs = win.network_view.lanes.flowset                         # drawn by their own overlay
    assert fs is not None and win.session.get("network_display").lanes
    assert float(fs.value.sum()) == pytest.approx(exp.total)
    laredo = next(r for r in exp.ports if r.key == "2304")       # Monterrey -> Dallas crosses at Laredo
    assert laredo.value == 4e6
    win.network_panel.size_box.setChecked(True)
    assert win.session.get("network_display").size_ports_by_exposure
    ports = win.content.layers["ports"]
    theme_value = dict(zip(ports.data["port_code"].astype(str), ports.data["theme_value"]))
    assert theme_value["2304"] == laredo.value
    assert "exposure" in ports.legend_title.english()
    win.network_panel.size_box.setChecked(False)
    theme_value = dict(zip(ports.data["port_code"].astype(str), ports.data["theme_value"]))
    assert theme_value["2304"] == win.session.theme.port_values.get("2304", 0.0) != laredo.value
    win.network_panel.anonymise_combo.setCurrentIndex(win.network_panel.anonymise_combo.findData("type"))
    assert win.session.get("network_display") == NetworkDisplay(True, False, "type", lanes=True)
    _computed(win, qtbot)
    assert "Planta Querétaro (Monterrey)" not in set(win.content.layers[FACILITY_LAYER_ID].data["name"])
