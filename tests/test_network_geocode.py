"""Issue 15: offline geocoding of facility places with the bundled gazetteer, and the review
of ambiguous places."""
from __future__ import annotations

import pytest

from geo.data.places import gazetteer
from geo.network.facilities import import_facilities


@pytest.mark.parametrize("text", ["Monterrey, NL", "Monterrey, Nuevo León", "Monterrey, N.L.", "monterrey, nuevo leon"])
def test_monterrey_spellings_resolve_to_the_same_place(text):
    r = gazetteer().resolve(text)
    base = gazetteer().resolve("Monterrey, Nuevo León").place
    assert r.place is not None and r.place.country == "MX" and r.place.state == "NL"
    assert (r.place.lon, r.place.lat) == (base.lon, base.lat)
    assert abs(r.place.lat - 25.67) < 0.1 and abs(r.place.lon + 100.31) < 0.1


def test_state_abbreviations_and_towns_of_the_gazetteer():
    g = gazetteer()
    assert g.resolve("Toluca, Edo. Méx.").place.state == "MX"
    assert g.resolve("Ramos Arizpe, Coahuila").place.state == "CO"   # a town only GeoNames knows
    assert g.resolve("Silao, Gto").place.state == "GT"
    fz = g.fuzzy("Monterey, NL")                                      # a typo, narrowed by its state
    assert fz and fz[0].state == "NL" and fz[0].confidence < 0.8


def test_facility_places_geocode_with_confidence_and_review_resolves_san_nicolas(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("id,name,city,state,country\n"
                    "A,Plant A,Monterrey,NL,MX\n"
                    "B,Plant B,Monterrey,Nuevo León,México\n"
                    "C,Supplier C,San Nicolás,,MX\n"
                    "D,Supplier D,Xqzzyv,,MX\n", encoding="utf-8")
    res = import_facilities(path)
    assert res.counts() == {"placed": 0, "geocoded": 2, "review": 2, "rejected": 0}
    a, b = res.facilities["A"], res.facilities["B"]
    assert (a.lon, a.lat) == (b.lon, b.lat) and a.located == "geocoded" and 0.6 <= a.confidence <= 1.0
    review = {r.id: r for r in res.review}
    names = [c.name for c in review["C"].candidates]
    assert any("San Nicolás de los Garza" in n for n in names) and len(names) >= 2
    assert "may be" in review["C"].issues[0].reason
    assert not review["D"].candidates and "not in the gazetteer" in review["D"].issues[0].reason
    pick = next(i for i, c in enumerate(review["C"].candidates) if "Garza" in c.name)
    f = res.pick("C", pick)
    assert (f.state, f.country, f.located) == ("NL", "MX", "picked")
    assert "C" in res.facilities and "C" not in res.pending
    g = res.place_at("D", -99.5, 27.5)
    assert (g.country, g.state, g.located) == ("US", "TX", "map")
    assert res.counts() == {"placed": 0, "geocoded": 4, "review": 0, "rejected": 0}


def test_the_review_table_resolves_san_nicolas_and_the_panel_shows_the_network(make_window, qtbot, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes("id;nombre;ciudad;estado;pais\nP1;Planta;Monterrey;NL;MX\nS3;Proveedor;San Nicolás;;MX\n"
                     .encode("latin-1"))
    win = make_window(wait_store=True)
    dlg = win.import_company_facilities(str(path))
    assert dlg.mapping()["ciudad"] == "city" and dlg.mapping()["nombre"] == "name"
    dlg.start()
    qtbot.waitUntil(lambda: dlg.result_ is not None, timeout=60000)
    assert "1 geocoded, 1 need review" in dlg.summary.text()
    assert dlg.review_table.rowCount() == 1 and dlg.review_table.item(0, 1).text() == "S3"
    cands = dlg.result_.review[0].candidates
    garza = next(i for i, c in enumerate(cands) if "Garza" in c.name)
    dlg.choose("S3", garza)
    dlg.apply_review_and_accept()
    f = win.company_network.facilities["S3"]
    assert (f.state, f.located) == ("NL", "picked")
    assert win.network_panel.flags.text()          # the panel is shown with the network's summary
