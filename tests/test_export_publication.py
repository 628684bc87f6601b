"""Publication exports (issue 13): PNG at the asked pixel size with its dpi in the file; PDF
and SVG as true vector output whose title, map labels, legend and source line are text and
that embed no bitmap; a scale bar true on the ellipsoid at the map's centre; furniture
beside the map, never over a land port."""
from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import numpy as np
import pytest

pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def themed(qapp, shared_store_path):
    """Content and a session over the shared store (the app's default view)."""
    from geo.layers.content import load_map_content
    from geo.session.model import Session
    from geo.store import open_store

    store = open_store(shared_store_path)
    content = load_map_content()
    session = Session(content.layers, store)
    yield content, session
    store.close()


def _norm(text: str) -> str:
    """Whitespace collapsed and ligatures (ﬁ) undone, as a reader's search does."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def pdf_export(themed, tmp_path_factory):
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for

    content, session = themed
    out = tmp_path_factory.mktemp("pdf") / "map.pdf"
    info = export_map(out, content, session, ExportOptions(page_for("letter", 300)))
    return out, info


@pytest.fixture(scope="module")
def svg_export(themed, tmp_path_factory):
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for

    content, session = themed
    out = tmp_path_factory.mktemp("svg") / "map.svg"
    info = export_map(out, content, session, ExportOptions(page_for("a4-portrait", 300), title="Border trade 2021",
                                                           subtitle="Ports and states"))
    return out, info


def _expected_texts(info) -> list[str]:
    return [info.title, "Legend", "Land ports of entry", info.source, *info.labels]


def test_png_has_the_asked_pixel_size_and_dpi(themed, tmp_path):
    from PIL import Image

    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for

    content, _session = themed
    for size, dpi, want in (("letter", 150, (1650, 1275)), ("800x600", 72, (800, 600))):
        out = tmp_path / f"map-{dpi}.png"
        export_map(out, content, None, ExportOptions(page_for(size, dpi)))
        with Image.open(out) as im:
            assert im.size == want
            assert im.info["dpi"] == pytest.approx((dpi, dpi), abs=0.5)
            # not a blank page: the map (water, land) and the dark title are there
            colours = im.convert("RGB").resize((200, 150)).getcolors(200 * 150)
            assert len(colours) > 50
    assert not list(tmp_path.glob(".*.part"))  # atomic: no temp file left


def test_page_presets():
    from geo.analysis.layout import LayoutError, page_for

    assert page_for("slide", 96).pixels == (1920, 1080)
    assert page_for("slide", 300).pixels == (1920, 1080)
    assert page_for("a4", None).pixels == (3508, 2480)
    assert page_for("letter-portrait", 300).pixels == (2550, 3300)
    with pytest.raises(LayoutError):
        page_for("letter", 1200)
    with pytest.raises(LayoutError):
        page_for("banana")


def test_pdf_has_text_and_no_bitmaps(pdf_export):
    import pypdf

    out, info = pdf_export
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((792, 612), abs=1)
    text = _norm(page.extract_text())
    assert len(info.labels) > 20
    for want in _expected_texts(info):
        for part in want.split("\n"):
            assert _norm(part) in text, part
    assert "1,000 km" in text or "500 km" in text   # the scale bar's label
    xobjects = page["/Resources"].get("/XObject")
    images = [k for k, v in (xobjects.get_object().items() if xobjects else []) if
              v.get_object().get("/Subtype") == "/Image"]
    assert images == []
    assert b"/Subtype /Image" not in out.read_bytes()


def test_svg_has_text_elements_and_no_images(svg_export):
    out, info = svg_export
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.parse(out).getroot()
    texts = _norm(" ".join("".join(e.itertext()) for e in root.iter(f"{ns}text")))
    assert "Border trade 2021" in texts and "Ports and states" in texts
    for want in _expected_texts(info)[1:]:
        for part in want.split("\n"):
            assert _norm(part) in texts, part
    assert not list(root.iter(f"{ns}image"))
    assert len(list(root.iter(f"{ns}path"))) > 100  # the map's shapes and symbols as paths


def test_default_title_names_the_period_and_filters(themed, tmp_path):
    from desktop.base.messages import word
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for
    from geo.session.model import Session
    from geo.styles.thematic import period_message

    content, session = themed
    s2 = Session(content.layers, session.store)
    s2.update_filter(modes=("rail",))
    info = export_map(tmp_path / "rail.svg", content, s2, ExportOptions(page_for("800x600", 96)))
    assert word(period_message(s2.filter)) in info.title
    assert "Rail" in info.title
    assert "BTS TransBorder Freight Data" in info.source


def test_legend_text_copies_without_ligatures(themed, tmp_path):
    """The legend's captions name the commodity filter (HS 94: '…lighting fittings, not
    elsewhere specified…'); copied from the PDF they read 'fi', not the 'ﬁ' ligature."""
    import pypdf

    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for
    from geo.session.model import Session

    content, session = themed
    s2 = Session(content.layers, session.store)
    s2.update_filter(commodities=("94",))
    try:
        out = tmp_path / "hs94.pdf"
        export_map(out, content, s2, ExportOptions(page_for("letter", 300)))
    finally:
        Session(content.layers, session.store)  # the shared layers back to the default theme
    raw = " ".join(pypdf.PdfReader(out).pages[0].extract_text().split())
    assert "\ufb01" not in raw and raw.count("specified") >= 3  # title + the ports' and states' legend captions


def test_source_line_names_only_what_is_drawn(themed):
    from geo.analysis.layout import sources_used

    content, _session = themed
    shown = sources_used(content.layers)
    assert "NGA World Port Index" in shown and "BTS TransBorder Freight Data" not in shown
    content.layers["seaports"].visible = False
    try:
        assert "NGA World Port Index" not in sources_used(content.layers)
    finally:
        content.layers["seaports"].visible = True


def test_scale_bar_matches_the_ellipsoid_at_the_centre(pdf_export):
    from pyproj import Geod, Transformer

    from geo.core.projection import MAP_CRS_PROJ4

    _out, info = pdf_export
    v, sb = info.view, info.scale
    half = sb.length * v.scale / 2
    to_ll = Transformer.from_crs(MAP_CRS_PROJ4, "EPSG:4326", always_xy=True)
    (lon0, lon1), (lat0, lat1) = to_ll.transform([v.cx - half, v.cx + half], [v.cy, v.cy])
    km = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)[2] / 1000
    assert km == pytest.approx(sb.km, rel=0.01)
    # the naive planar length would be off: the conic's scale factor is not 1 here
    assert sb.length * v.scale / 1000 != pytest.approx(sb.km, rel=0.002)
    assert sb.length <= info.layout.scale_bar[2]


def test_north_arrow_points_to_true_north():
    from geo.analysis.layout import north_angle
    from geo.core.projection import to_map

    x, y = to_map(-102.0, 30.0)  # the central meridian: north is straight up
    assert north_angle(float(x), float(y)) == pytest.approx(0.0, abs=0.01)
    x, y = to_map(-80.0, 30.0)  # east of it the meridians lean west (to the left)
    assert north_angle(float(x), float(y)) < -5
    x, y = to_map(-118.0, 33.0)
    assert north_angle(float(x), float(y)) > 5


@pytest.mark.parametrize("size,bounds_lonlat", [
    ("letter", None),
    ("a4-portrait", None),
    ("slide", (-118.0, 29.0, -105.0, 34.0)),   # Baja California and the western border
])
def test_legend_never_covers_a_land_port(themed, tmp_path, size, bounds_lonlat):
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for
    from geo.core.projection import to_map
    from geo.layers.hittest import point_radii

    content, session = themed
    bounds = None
    if bounds_lonlat:
        w, s, e, n = bounds_lonlat
        (x0, x1), (y0, y1) = to_map([w, e], [s, n])
        bounds = (float(x0), float(y0), float(x1), float(y1))
    info = export_map(tmp_path / "m.svg", content, session, ExportOptions(page_for(size, 96), bounds=bounds))
    lay, v = info.layout, info.view
    assert not lay.overlaps_map()
    ports = content.layers["ports"]
    x, y = ports.point_xy()
    sx, sy = v.to_screen(x, y)
    r = point_radii(ports)
    mx = lay.map[0] + (lay.map[2] - v.width) / 2
    my = lay.map[1] + (lay.map[3] - v.height) / 2
    inside = (sx + r >= 0) & (sx - r <= v.width) & (sy + r >= 0) & (sy - r <= v.height)
    assert inside.sum() > 5
    lx, ly, lw, lh = lay.legend
    # symbols are clipped to the map frame: the part on the page
    left = np.clip(mx + sx - r, mx, mx + v.width)
    right = np.clip(mx + sx + r, mx, mx + v.width)
    top = np.clip(my + sy - r, my, my + v.height)
    bottom = np.clip(my + sy + r, my, my + v.height)
    hits = inside & (left < lx + lw) & (right > lx) & (top < ly + lh) & (bottom > ly)
    assert not hits.any()


def test_selection_highlight_only_when_asked(themed, tmp_path):
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for
    from geo.session.model import Session

    content, session = themed
    s2 = Session(content.layers, session.store)
    s2.select("ports", "2304")
    colour = "#00a3e0"  # the selection colour (desktop.canvas.map_renderer.SELECT)
    plain = tmp_path / "plain.svg"
    export_map(plain, content, s2, ExportOptions(page_for("800x600", 96)))
    marked = tmp_path / "marked.svg"
    export_map(marked, content, s2, ExportOptions(page_for("800x600", 96), selection=True))
    assert colour not in plain.read_text() and colour in marked.read_text()


def test_cli_export_writes_pdf_and_rejects_bad_dpi(qapp, shared_store_path, tmp_path, capsys):
    import pypdf

    from cli.main import main

    out = tmp_path / "cli.pdf"
    assert main(["export", "--store", str(shared_store_path), "--out", str(out), "--size", "a4",
                 "--title", "Scripted report"]) == 0
    assert "Scripted report" in _norm(pypdf.PdfReader(out).pages[0].extract_text())
    assert main(["export", "--out", str(tmp_path / "x.png"), "--dpi", "5000"]) == 2
    assert main(["export", "--out", str(tmp_path / "x.tiff")]) == 2
    assert "--dpi" in capsys.readouterr().err


def test_export_dialog_and_worker(themed, qtbot, tmp_path):
    from PIL import Image

    from desktop.base.messages import word
    from desktop.dialogs.export_dialog import ExportDialog
    from desktop.export.publication import export_with_progress
    from geo.analysis.layout import default_title

    content, session = themed
    dlg = ExportDialog(session, tmp_path)
    qtbot.addWidget(dlg)
    assert dlg.title.text() == word(default_title(session))
    dlg.format.setCurrentIndex(dlg.format.findData("png"))
    dlg.size.setCurrentIndex(dlg.size.findData("custom"))
    dlg.width_px.setValue(640)
    dlg.height_px.setValue(480)
    dlg.dpi.setValue(96)
    dlg.title.setText("My export")
    req = dlg.request()
    assert req.path.suffix == ".png" and req.page.pixels == (640, 480) and req.title == "My export"
    path = export_with_progress(dlg, content, session, req, content.home_bounds)
    with Image.open(path) as im:
        assert im.size == (640, 480)


def test_long_work_can_be_cancelled(qtbot):
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from desktop.export.publication import ExportCancelled, run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)

    def slow(progress):
        for i in range(200):
            time.sleep(0.02)
            if progress(i, 200) is False:
                raise ExportCancelled()
        return "done"

    # the Cancel button (or Escape) emits canceled
    QTimer.singleShot(800, lambda: parent.findChild(QProgressDialog).canceled.emit())
    with pytest.raises(ExportCancelled):
        run_with_progress(parent, "Exporting", slow)


def test_flows_export_as_vector_shapes_with_their_legend(themed, tmp_path):
    import pypdf

    from desktop.base.messages import word
    from desktop.export.publication import ExportOptions, export_map
    from geo.analysis.layout import page_for
    from geo.session.model import Session

    content, session = themed
    s2 = Session(content.layers, session.store)
    s2.show_flows(True)
    fs = s2.flowset
    assert fs is not None and fs.shown.any()
    out = tmp_path / "flows.pdf"
    export_map(out, content, s2, ExportOptions(page_for("letter", 300)))
    page = pypdf.PdfReader(out).pages[0]
    text = _norm(page.extract_text())
    assert _norm(word(fs.width_scale.caption_message)) in text   # the flow width scale in the legend
    assert b"/Subtype /Image" not in out.read_bytes()
    svg = tmp_path / "flows.svg"
    export_map(svg, content, s2, ExportOptions(page_for("letter", 300)))
    assert "<image" not in svg.read_text()


def test_cli_export_from_a_project_bookmark(themed, shared_store_path, tmp_path):
    import pypdf

    from cli.main import main
    from desktop.base.messages import word
    from geo.analysis.layout import default_title
    from geo.session.model import Session
    from geo.session.project import Bookmark, Project, write_project

    content, session = themed
    s2 = Session(content.layers, session.store)
    s2.update_filter(modes=("rail",))
    project = tmp_path / "p.frontera"
    write_project(project, Project(session.to_dict(), bookmarks=[Bookmark("Rail only", s2.to_dict())]))
    out = tmp_path / "rail.pdf"
    assert main(["export", "--store", str(shared_store_path), "--project", str(project), "--bookmark", "Rail only",
                 "--out", str(out), "--size", "800x600", "--dpi", "96"]) == 0
    text = _norm(pypdf.PdfReader(out).pages[0].extract_text())
    rail_title, plain_title = word(default_title(s2)), word(default_title(session))
    assert rail_title != plain_title
    assert _norm(rail_title) in text   # "...; Rail": the bookmark's filter, not the project's
    assert main(["export", "--store", str(shared_store_path), "--project", str(project), "--bookmark", "Nope",
                 "--out", str(out)]) == 2
