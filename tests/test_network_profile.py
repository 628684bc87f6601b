"""Issue 15: the drill-down panels show the company's figures beside the public ones: for a
port, its cross-border value through it (the exposure table's figure), its share and the
facilities and lanes behind it; for a Mexican state and an industrial zone, the company's
facilities there and its value by the exposure's rule. Nothing company-related shows without a
company network."""
from __future__ import annotations

import pytest

from geo.core.formatting import format_usd
from geo.network.display import compute
from geo.network.exposure import zones_of
from geo.network.lanes import land_ports
from tests.network_demo import demo_network


@pytest.fixture(scope="module")
def figures():
    return compute(demo_network(), land_ports())


def test_a_ports_company_figures_are_its_exposure(figures):
    exp, idx = figures.exposure, figures.company
    laredo = next(r for r in exp.ports if r.key == "2304")
    f = idx.figures(("port", "2304"))
    assert f.figure("value").value == laredo.value and f.figure("share").value == laredo.share
    assert f.figure("lanes").value == laredo.lanes and f.figure("facilities").value == len(laredo.facilities)
    assert {x.id for x in f.facilities} == laredo.facilities
    lanes = [ln.id for ln in f.lanes]
    assert "L01" in lanes and "L09" in lanes                     # Monterrey -> Dallas; the one assigned to 2304
    values = [ln.value for ln in f.lanes]
    assert values == sorted(values, reverse=True)                # the largest first
    assert f.figure("rank").display.english() == f"1 of {len([r for r in exp.ports if r.key])}"
    quiet = idx.figures(("port", "0101"))                        # a port none of the lanes uses
    assert quiet.figure("value").value == 0 and not quiet.lanes
    assert "None of the company's" in quiet.notes[0].english()


def test_a_state_and_a_zone_show_the_facilities_there_and_their_value(figures):
    net, exp, idx = figures.network, figures.exposure, figures.company
    nl = idx.figures(("mx-state", "NL"))
    assert {x.id for x in nl.facilities} == {f.id for f in net.facilities.values() if f.state == "NL"} == {"MTY-P1"}
    assert nl.figure("value").value == next(r.value for r in exp.states if r.key == "NL")
    assert "Mexican state of its Mexican facility" in nl.notes[0].english()
    zone = zones_of(net.facilities.values())
    mty = idx.figures(("zone", "cluster-monterrey"))
    assert {x.id for x in mty.facilities} == {fid for fid, z in zone.items() if z == "cluster-monterrey"}
    assert mty.figure("value").value == next(r.value for r in exp.zones if r.key == "cluster-monterrey")
    assert "nearest cluster within 50 km" in mty.notes[-1].english()
    park = idx.figures(("zone", "park-ag-sur"))                 # a park: the figures of its cluster, said so
    assert "Bajío" in park.notes[0].english()
    assert idx.figures(("us-state", "TX")) is None and idx.figures(("seaport", "MXZLO")) is None


def test_the_port_panel_shows_the_companys_figures_beside_the_public_ones(make_window, qtbot):
    win = make_window(wait_store=True)
    panel = win.profile_panel
    panel.open(("port", "2304"))
    qtbot.waitUntil(lambda: panel.header is not None, timeout=60000)
    assert not panel.company.isVisibleTo(panel)                  # no company network: nothing of it shows
    win.project.set_network(demo_network())
    assert win.network_view.busy
    qtbot.waitUntil(lambda: not win.network_view.busy, timeout=60000)
    section = panel.company
    assert section.isVisibleTo(panel) and panel.figures.rowCount()      # beside the public figures
    exp_row = next(r for r in win.network_view.exposure.ports if r.key == "2304")
    table = {r[0]: r[1] for r in win.network_panel.rows()}
    rows = dict(section.rows())
    value = rows["Company cross-border value through this port"]
    assert value == f"{format_usd(exp_row.value)} a year" and table["Laredo, TX"] == format_usd(exp_row.value)
    assert section.shown.figure("value").value == exp_row.value
    assert rows["Company cross-border lanes"] == str(exp_row.lanes)
    assert "Planta Apodaca" in section.facilities.text() and "Dallas DC" in section.facilities.text()
    assert "Planta Apodaca → Dallas DC" in section.lanes.text()
    panel.open(("mx-state", "NL"))
    qtbot.waitUntil(lambda: panel.header is not None and panel.header.ref == ("mx-state", "NL"), timeout=60000)
    assert dict(section.rows())["Company facilities in this state"] == "1"
    panel.open(("us-state", "TX"))
    qtbot.waitUntil(lambda: panel.header is not None and panel.header.ref == ("us-state", "TX"), timeout=60000)
    assert not section.isVisibleTo(panel)
    panel.open(("port", "2304"))
    qtbot.waitUntil(lambda: panel.header is not None and panel.header.ref == ("port", "2304"), timeout=60000)
    win.project.revert_network_action.trigger()                  # back to no network
    assert not section.isVisibleTo(panel)
