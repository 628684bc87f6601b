"""Presentation mode (issue 14): the keys a clicker sends step through the bookmarks, each step
shows the bookmark's view (filter exactly; the extent fitted to the window's shape), Esc leaves."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from geo.session import Session

EXTENTS = [(-118.0, 30.0, -108.0, 35.0), (-101.0, 25.0, -96.0, 28.5), (-108.0, 29.0, -104.0, 33.0)]


def _bookmarks(win):
    s, bm = win.session, win.project.bookmark_list
    s.set_extent(EXTENTS[0])
    bm.add("West", s, notes="Tijuana and Mexicali")
    s.update("filter", modes=("6",))
    s.set_extent(EXTENTS[1])
    bm.add("Laredo by rail", s, notes="rail only")
    s.update("filter", modes=(), trade_type="export")
    s.set("panel", s.get("panel").opened(("port", "2402")))
    s.set_extent(EXTENTS[2])
    bm.add("El Paso exports", s)
    return bm


def _centre_close(a, b, of):
    tol = 0.01 * (of[2] - of[0])
    return abs((a[0] + a[2]) - (b[0] + b[2])) / 2 < tol and abs((a[1] + a[3]) - (b[1] + b[3])) / 2 < tol


@pytest.fixture
def presenting(make_window, qtbot):
    win = make_window(wait_store=True)
    bm = _bookmarks(win)
    win.session.update("filter", trade_type=None)  # somewhere else than any bookmark
    pres = win.present(0)
    qtbot.waitExposed(pres)
    return win, bm, pres


def _expect(win, bm, pres, i, qtbot):
    qtbot.waitUntil(lambda: pres.index == i and not pres.animating, timeout=5000)
    parts = Session.parse(bm[i].session)
    assert win.session.filter == parts["filter"]
    assert _centre_close(win.session.view.extent, parts["view"].extent, parts["view"].extent)
    # the presentation's own map shows the whole bookmarked area, filling its width or height
    from geo.core.projection import to_map

    w, s, e, n = parts["view"].extent
    (bx0, bx1), (by0, by1) = to_map([w, e], [s, n])
    x0, y0, x1, y1 = pres.canvas.view.bounds
    eps = 1e-6 * (bx1 - bx0)
    assert x0 <= bx0 + eps and bx1 <= x1 + eps and y0 <= by0 + eps and by1 <= y1 + eps
    assert min((x1 - x0) / (bx1 - bx0), (y1 - y0) / (by1 - by0)) < 1.01
    assert pres.title_label.text() == bm[i].name and pres.notes_label.text() == bm[i].notes


def test_clicker_keys_step_forward_and_back_and_esc_leaves(presenting, qtbot):
    win, bm, pres = presenting
    assert pres.isFullScreen()
    _expect(win, bm, pres, 0, qtbot)
    # a step is a transition: the map passes through views between the two bookmarks
    a = pres.canvas.view
    seen = []
    pres.anim.valueChanged.connect(lambda _t: seen.append(pres.canvas.view))
    qtbot.keyClick(pres, Qt.Key_PageDown)
    _expect(win, bm, pres, 1, qtbot)
    b = pres.canvas.view
    assert any(v not in (a, b) and min(a.cx, b.cx) <= v.cx <= max(a.cx, b.cx)
               and min(a.scale, b.scale) <= v.scale <= max(a.scale, b.scale) for v in seen)
    qtbot.keyClick(pres, Qt.Key_Left)
    _expect(win, bm, pres, 0, qtbot)
    for key, i in ((Qt.Key_PageDown, 1), (Qt.Key_Right, 2), (Qt.Key_Right, 2), (Qt.Key_PageUp, 1),
                   (Qt.Key_Left, 0), (Qt.Key_Left, 0), (Qt.Key_Space, 1)):
        qtbot.keyClick(pres, key)
        _expect(win, bm, pres, i, qtbot)
    # the bookmark with a drill-down open shows its key figures beside the map
    qtbot.keyClick(pres, Qt.Key_End)
    _expect(win, bm, pres, 2, qtbot)
    assert "El Paso" in pres.feature_label.text() and "Trade value" in pres.figures_label.text()
    assert "US exports to Mexico" in pres.subtitle_label.text()
    with qtbot.waitSignal(pres.finished, timeout=3000):
        qtbot.keyClick(pres, Qt.Key_Escape)
    assert not any(w.isVisible() and w.windowTitle().startswith("Presentation")
                   for w in qtbot_top_levels())


def qtbot_top_levels():
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets()


def test_presentation_without_bookmarks_says_what_to_do(make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    win = make_window()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    assert win.present() is None and told and "bookmarks" in told[0].lower()
    assert win.present_action.shortcut().toString() == "F5"


def test_the_slide_shows_the_maps_legend_with_or_without_the_card(presenting, qtbot):
    """A slide explains its colours: the map's legend is in the side card, and over the map's
    lower left corner (opaque, inside the map) when the card is hidden (C)."""
    win, bm, pres = presenting
    _expect(win, bm, pres, 0, qtbot)
    assert pres.card_legend.isVisible() and not pres.legend.isVisible()
    assert pres.card_legend.height() > 100
    # in the card's room: it never overlaps the footer (position, sources)
    scroll = pres.card_legend.parentWidget().parentWidget()
    assert scroll.geometry().bottom() < pres.position_label.geometry().top()
    qtbot.keyClick(pres, Qt.Key_C)
    leg = pres.legend
    assert not pres.card.isVisible() and leg.isVisible() and leg.parent() is pres.canvas
    assert pres.canvas.rect().contains(leg.geometry()) and leg.autoFillBackground()
    img = leg.grab().toImage()
    assert len({img.pixel(x, y) for x in range(0, img.width(), 4) for y in range(0, img.height(), 4)}) > 3
    qtbot.keyClick(pres, Qt.Key_C)
    assert pres.card.isVisible() and not leg.isVisible()


def test_the_window_map_changes_after_a_presentation_closed(presenting, qtbot):
    """The presentation's map and legend are deleted with it; the layers they listened to still
    change in the window (before, the next change called into the deleted map and failed)."""
    from shiboken6 import isValid

    win, bm, pres = presenting
    _expect(win, bm, pres, 0, qtbot)
    canvas, legend = pres.canvas, pres.legend
    with qtbot.waitSignal(pres.destroyed, timeout=3000):
        pres.close()
    qtbot.wait(10)
    assert not isValid(canvas) and not isValid(legend)
    stack = win.content.layers
    lid = stack.ids()[0]
    was = stack[lid].visible
    stack.set_visible(lid, not was)            # psygnal calls every listener still connected
    stack.set_visible(lid, was)
    stack.move(lid, 1)
    assert stack.ids()[1] == lid
