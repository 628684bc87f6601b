"""The print atlas (issue 13): one PDF page per feature, each with the feature's name, its key
figures (equal to the store's) and a chart, as text and vector shapes."""
from __future__ import annotations

import unicodedata

import pytest

pypdf = pytest.importorskip("pypdf")


def _norm(text: str) -> str:
    """Whitespace collapsed and ligatures (ﬁ) undone, as a reader's search does."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def themed(qapp, shared_store_path):
    from geo.layers.content import load_map_content
    from geo.session.model import Session
    from geo.store import open_store

    store = open_store(shared_store_path)
    content = load_map_content()
    yield content, Session(content.layers, store)
    store.close()


def test_top_ports_one_page_each_with_name_and_figure(themed, tmp_path):
    from desktop.export.atlas import export_atlas
    from geo.analysis.atlas import atlas_ids
    from geo.analysis.layout import Page
    from geo.core.formatting import format_usd

    content, session = themed
    f = session.effective_filter
    ids = atlas_ids(session.store, "port", f, top=3)
    df = session.store.breakdown(f, "port").sort_values("value", ascending=False)
    assert ids == [str(c) for c in df["code"][:3]]
    out = tmp_path / "ports.pdf"
    result = export_atlas(out, content, session, "port", ids, Page(11.0, 8.5, 300))
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 3 == len(result.names)
    values = dict(zip(df["code"].astype(str), df["value"]))
    for page, fid, name in zip(reader.pages, ids, result.names):
        text = _norm(page.extract_text())
        assert _norm(name) in text
        assert format_usd(values[fid]) in text        # the key figure is the store's
        assert "Key figures" in text and "Sources:" in text
        xo = page["/Resources"].get("/XObject")
        assert not [k for k, v in (xo.get_object().items() if xo else []) if v.get_object().get("/Subtype") == "/Image"]


def test_states_by_id_and_unknown_ids_skipped(themed, tmp_path):
    from desktop.export.atlas import export_atlas

    content, session = themed
    out = tmp_path / "states.pdf"
    result = export_atlas(out, content, session, "mx-state", ["NL", "ZZ", "BC"])
    assert result.names == ["Nuevo Leon", "Baja California"]
    assert [fid for fid, _why in result.skipped] == ["ZZ"]
    pages = pypdf.PdfReader(out).pages
    assert len(pages) == 2
    assert "Nuevo Leon" in _norm(pages[0].extract_text()) and "Baja California" in _norm(pages[1].extract_text())


def test_cancel_writes_nothing(themed, tmp_path):
    from desktop.export.atlas import export_atlas
    from desktop.export.publication import ExportCancelled

    content, session = themed
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(ExportCancelled):
        export_atlas(out, content, session, "port", ["2304", "2402"], progress=lambda done, total: done < 1)
    assert list(tmp_path.iterdir()) == []


def test_cli_atlas(qapp, shared_store_path, tmp_path):
    from cli.main import main

    out = tmp_path / "us.pdf"
    assert main(["atlas", "--store", str(shared_store_path), "--kind", "us-state", "--ids", "TX", "CA",
                 "--out", str(out)]) == 0
    pages = pypdf.PdfReader(out).pages
    assert len(pages) == 2 and "Texas" in _norm(pages[0].extract_text())
    assert main(["atlas", "--kind", "port", "--out", str(tmp_path / "x.png")]) == 2
