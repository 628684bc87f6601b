"""Slide decks (issue 14): one slide per bookmark as PowerPoint (title, key figures and source as
editable text, the map and a chart as pictures, notes as speaker notes) and as a PDF (one page
per bookmark, text as text), from the window's model and from ``frontera deck``."""
from __future__ import annotations

import re

import pytest

from geo.core.formatting import format_usd
from geo.session import Session
from geo.session.bookmarks import Bookmarks

pptx = pytest.importorskip("pptx", reason="python-pptx writes the decks")
pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF deck back")


@pytest.fixture(scope="module")
def deck_files(tmp_path_factory, shared_store, qapp):
    from desktop.export.deck import write_deck
    from geo.layers.content import load_map_content

    content = load_map_content()
    s = Session(content.layers, shared_store)
    bm = Bookmarks()
    s.set_extent((-118.0, 30.0, -108.0, 35.0))
    bm.add("The western border", s, notes="Tijuana and Mexicali\nsecond line")
    s.set("panel", s.get("panel").opened(("port", "2304")))
    s.set_extent((-101.0, 25.0, -96.0, 28.5))
    s.show_flows(True)
    bm.add("Laredo", s, notes="The busiest land port")
    s.update("filter", modes=("6",))
    s.set("panel", s.get("panel").opened(("mx-state", "NL")))
    bm.add("Nuevo León by rail", s)
    before = s.to_dict()
    out = tmp_path_factory.mktemp("deck")
    steps = []
    pptx_path = write_deck(out / "deck.pptx", content, s, bm, progress=lambda i, n: steps.append((i, n)))
    pdf_path = write_deck(out / "deck.pdf", content, s, bm)
    assert s.to_dict() == before  # the session is put back after painting the slides
    assert steps == [(1, 3), (2, 3), (3, 3)]
    return bm, pptx_path, pdf_path, shared_store


def _texts(slide) -> dict[str, str]:
    return {sh.name: sh.text_frame.text for sh in slide.shapes if sh.has_text_frame}


def test_pptx_has_one_slide_per_bookmark_with_titles_figures_and_speaker_notes(deck_files):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from desktop.export.deck import MAP_BOX, PICTURE_DPI

    bm, path, _pdf, store = deck_files
    prs = pptx.Presentation(str(path))
    assert len(prs.slides) == len(bm) == 3
    for slide, b in zip(prs.slides, bm):
        texts = _texts(slide)
        assert texts["Title"] == b.name  # editable text, not baked into the picture
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert notes == b.notes
        assert texts["Source"].startswith("Sources: ") and "BTS" in texts["Source"]
        pics = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        map_pic = pics[0]
        w, h = map_pic.image.size  # slide resolution: the picture's box at PICTURE_DPI (±1 px of rounding)
        assert abs(w - MAP_BOX[2] * PICTURE_DPI) <= 1.5 and abs(h - MAP_BOX[3] * PICTURE_DPI) <= 1.5
    # the view without a drill-down: its key figure is the store's total for the bookmark's filter
    first = _texts(prs.slides[0])
    f = Session.parse(bm[0].session)["filter"]
    assert f"Trade value of the view: {format_usd(store.totals(f).value)}" in first["Key figures"]
    # with a drill-down open: its key figures, and a chart picture beside the map
    laredo = prs.slides[1]
    assert "Laredo" in _texts(laredo)["Subtitle"] and "Trade value: $" in _texts(laredo)["Key figures"]
    assert sum(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in laredo.shapes) == 2
    assert sum(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in prs.slides[0].shapes) == 1
    assert "by rail" in _texts(prs.slides[2])["Subtitle"]


def test_pdf_has_one_page_per_bookmark_with_the_title_as_text(deck_files):
    bm, _pptx, path, _store = deck_files
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == len(bm)
    for page, b in zip(reader.pages, bm):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert text.startswith(b.name)
        for line in b.notes.splitlines():
            assert line in text
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w / h - 16 / 9) < 0.01


def test_cli_deck_writes_the_project_s_bookmarks(shared_store_path, tmp_path, capsys):
    from cli.main import main

    p = tmp_path / "r.frontera"
    store = ["--store", str(shared_store_path)]
    assert main(["deck", "--project", str(p), "--out", str(tmp_path / "x.pptx"), *store]) == 2  # no project
    assert main(["bookmarks", "add", "--project", str(p), "--name", "Laredo 2021", *store, "--from", "2021-01",
                 "--to", "2021-12", "--select", "port:2304", "--notes", "Busiest"]) == 0
    assert main(["bookmarks", "add", "--project", str(p), "--name", "All of 2021", *store, "--select",
                 "corridor:MX"]) == 0
    assert main(["deck", "--project", str(p), "--out", str(tmp_path / "x.key"), *store]) == 2
    out = tmp_path / "x.pdf"
    assert main(["deck", "--project", str(p), "--out", str(out), *store, "--quiet"]) == 0
    pages = pypdf.PdfReader(str(out)).pages
    assert len(pages) == 2
    assert re.sub(r"\s+", " ", pages[0].extract_text()).startswith("Laredo 2021")
    assert "2021" in pages[1].extract_text()
    assert not list(tmp_path.glob(".*.part"))


def test_window_exports_the_bookmarks_without_touching_its_view(make_window, tmp_path):
    win = make_window(wait_store=True)
    bm = win.project.bookmark_list
    win.session.set_extent((-101.0, 25.0, -96.0, 28.5))
    bm.add("Laredo", win.session, notes="Busiest")
    win.session.update("filter", modes=("6",))
    bm.add("Rail", win.session)
    before, steps = win.session.to_dict(), len(win.project.history.undo_steps)
    out = win.export_deck(str(tmp_path / "w.pdf"))
    assert out == tmp_path / "w.pdf"
    pages = pypdf.PdfReader(str(out)).pages
    assert [re.sub(r"\s+", " ", p.extract_text()).split(" ")[0] for p in pages] == ["Laredo", "Rail"]
    after = win.session.to_dict()
    a, b = before.pop("view")["extent"], after.pop("view")["extent"]  # the same place (a relayout may refit it)
    assert after == before and len(win.project.history.undo_steps) <= steps + 1
    assert abs((a[0] + a[2]) - (b[0] + b[2])) / 2 < 0.01 * (a[2] - a[0])
