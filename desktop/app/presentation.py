"""Presentation mode: the bookmarks full screen, one after the other, offline.

Right, Down, PageDown and Space (what a presentation clicker sends) show the next bookmark;
Left, Up, PageUp and Backspace the previous one; Home and End the first and the last; C shows
or hides the side card (the drill-down's key figures and the bookmark's notes); Esc leaves.

Each step applies the bookmark to the session (filter, style, layers, flows, selection, open
panel: the main window follows) and moves the map from where it was to the bookmark's extent
over :data:`TRANSITION_MS`: centre and scale are interpolated (the scale geometrically, so a
zoom reads as steady) with an ease-in-out curve, every frame rendered by the map renderer
(labels are placed once the map arrives), while the previous picture, carried along with the
moving view, fades out over the new styles.
"""
from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QTransform
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.base.messages import word
from desktop.canvas.legend import LegendWidget
from desktop.canvas.map_canvas import MapCanvas
from desktop.export.deck import extent_view
from geo.core.viewport import Viewport
from geo.session.bookmarks import Bookmarks, bookmark_parts, slide_for

TRANSITION_MS = 400
CARD_WIDTH = 380
NEXT_KEYS = (Qt.Key_Right, Qt.Key_Down, Qt.Key_PageDown, Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter)
PREV_KEYS = (Qt.Key_Left, Qt.Key_Up, Qt.Key_PageUp, Qt.Key_Backspace)


def interpolate(a: Viewport, b: Viewport, t: float) -> Viewport:
    """The view a fraction ``t`` of the way from ``a`` to ``b`` (scale geometric)."""
    scale = a.scale * (b.scale / a.scale) ** t
    return Viewport(a.cx + (b.cx - a.cx) * t, a.cy + (b.cy - a.cy) * t, scale, b.width, b.height)


class _Fade(QWidget):
    """Over the canvas: the previous picture, kept where its map is and fading out."""

    def __init__(self, parent):
        super().__init__(parent)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.image: QImage | None = None
        self.image_view: Viewport | None = None
        self.view: Viewport | None = None
        self.opacity = 0.0

    def paintEvent(self, _e):
        if self.image is None or self.image_view is None or self.view is None or self.opacity <= 0:
            return
        f, v = self.image_view, self.view
        k = f.scale / v.scale
        x0, y0 = v.to_screen(*f.to_map(0, 0))
        p = QPainter(self)
        p.setOpacity(self.opacity)
        p.setRenderHint(QPainter.SmoothPixmapTransform, False)  # it is fading out and moving: speed wins
        p.setTransform(QTransform(k, 0, 0, k, float(x0), float(y0)))
        p.drawImage(QRectF(0, 0, f.width, f.height), self.image)
        p.end()


class Presentation(QWidget):
    """Full screen over ``window`` (a MainWindow): its session, map content, flows and bookmarks."""

    #: the bookmark shown (index), after its transition
    shown = Signal(int)
    finished = Signal()

    def __init__(self, window, bookmarks: Bookmarks | None = None, start: int = 0, card: bool = True):
        super().__init__(None, Qt.Window)
        self.window_ = window
        self.session = window.session
        self.content = window.content
        self.bookmarks = bookmarks if bookmarks is not None else window.project.bookmark_list
        self.setWindowTitle(self.tr("Presentation — Frontera Atlas"))
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setStyleSheet("Presentation { background: #fffdf8; }")
        self.index = -1
        self.transitions = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.canvas = MapCanvas(self.content, self)
        self.canvas.setFocusPolicy(Qt.NoFocus)  # the keys step through the bookmarks
        self.labels = bool(window.canvas.renderer.show_labels)
        self.canvas.renderer.show_labels = self.labels
        if getattr(window, "flows", None) is not None:
            self.canvas.set_flow_overlay(window.flows)
        row.addWidget(self.canvas, 1)
        self.fade = _Fade(self.canvas)
        # the map's legend (what the colours and sizes mean, with their period): in the side
        # card, and over the map's lower left corner when the card is hidden (C)
        self.legend = LegendWidget(self.content.layers, self.canvas)
        self.legend.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.legend.setAutoFillBackground(True)
        pal = self.legend.palette()
        pal.setColor(QPalette.Window, QColor(255, 253, 248, 240))
        self.legend.setPalette(pal)
        self.card = self._build_card()
        row.addWidget(self.card)
        self.card.setVisible(card)
        self.anim = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=TRANSITION_MS)
        self.anim.setEasingCurve(QEasingCurve.InOutCubic)
        self.anim.valueChanged.connect(lambda t: self.frame_at(float(t)))
        self.anim.finished.connect(self._arrived)
        self._from: Viewport | None = None
        self._to: Viewport | None = None
        self._start = start

    def _build_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        card.setFixedWidth(CARD_WIDTH)
        card.setStyleSheet("#card { background: #fffdf8; border-left: 1px solid #d8d2c4; } "
                           "QLabel { color: #222; }")
        col = QVBoxLayout(card)
        col.setContentsMargins(20, 24, 20, 20)
        col.setSpacing(10)
        self.title_label = self._label(card, col, 20, True)
        self.subtitle_label = self._label(card, col, 11, False, "#555")
        self.feature_label = self._label(card, col, 14, True)
        self.figures_label = self._label(card, col, 12, False)
        self.figures_label.setTextFormat(Qt.RichText)
        self.sentence_label = self._label(card, col, 11, False, "#333")
        self.notes_label = self._label(card, col, 12, False, "#1f3f5a")
        self.card_legend = LegendWidget(self.content.layers, card)
        scroll = QScrollArea(card)  # a long legend scrolls in the card's room, never over its footer
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        scroll.setWidget(self.card_legend)
        col.addWidget(scroll, 1)
        self.position_label = self._label(card, col, 9, False, "#777")
        self.source_label = self._label(card, col, 8, False, "#777")
        return card

    @staticmethod
    def _label(parent, col, size: float, bold: bool, color: str = "#222") -> QLabel:
        lab = QLabel(parent)
        lab.setWordWrap(True)
        lab.setTextInteractionFlags(Qt.NoTextInteraction)
        f = lab.font()
        f.setPointSizeF(size)
        f.setBold(bold)
        lab.setFont(f)
        lab.setStyleSheet(f"color: {color};")
        col.addWidget(lab)
        return lab

    # --- showing --------------------------------------------------------------------------------
    def start(self, full_screen: bool = True) -> None:
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.activateWindow()
        self.setFocus()
        if len(self.bookmarks):
            self.go(min(max(self._start, 0), len(self.bookmarks) - 1), animate=False)

    def resizeEvent(self, e):
        super().resizeEvent(e)
        self.fade.setGeometry(self.canvas.rect())
        self._place_legend()
        if self.index >= 0 and not self.animating:
            self.canvas.set_view(self._target(self.index))

    def _target(self, i: int) -> Viewport:
        view = bookmark_parts(self.bookmarks[i]).get("view")
        return extent_view(view.extent if view is not None else None, self.content.home_bounds,
                           max(self.canvas.width(), 1), max(self.canvas.height(), 1))

    @property
    def animating(self) -> bool:
        return self.anim.state() == QVariantAnimation.Running

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def go(self, i: int, animate: bool = True) -> bool:
        """Show bookmark ``i`` (False when there is none)."""
        if not 0 <= i < len(self.bookmarks):
            return False
        if self.animating:
            self.anim.stop()
            self._arrived()
        old_view = self.canvas.view
        old_image = self.canvas.grab().toImage() if animate and self.canvas.isVisible() else None
        self.index = i
        self.bookmarks.apply(i, self.session)
        self._from, self._to = old_view, self._target(i)
        self.transitions += 1
        if not animate or old_image is None:
            self.fade.image = None
            self.canvas.set_view(self._to)
            self._arrived()
            return True
        self.fade.image, self.fade.image_view = old_image, old_view
        self.fade.setGeometry(self.canvas.rect())
        self.fade.show()
        self.fade.raise_()
        self.canvas.renderer.show_labels = False  # labels are placed once, when the map arrives
        self.anim.start()
        return True

    def frame_at(self, t: float) -> None:
        """One frame of the transition, ``t`` in 0..1 (eased already)."""
        if self._from is None or self._to is None:
            return
        view = interpolate(self._from, self._to, t)
        self.canvas.set_view(view)
        self.fade.view = view
        self.fade.opacity = max(0.0, 1.0 - t * 1.6)
        if self.fade.opacity > 0:
            self.fade.update()
        elif self.fade.isVisible():
            self.fade.hide()

    def _show_legend(self) -> None:
        """The legend in the card when it shows, else over the map."""
        self._place_legend()
        self.legend.setVisible(not self.card.isVisible() and self.legend.sizeHint().height() > 8)
        self.legend.update()
        self.card_legend.update()

    def _place_legend(self) -> None:
        hint = self.legend.sizeHint()
        w = min(hint.width(), max(self.canvas.width() // 3, 180))
        h = min(self.legend.heightForWidth(w) if self.legend.hasHeightForWidth() else hint.height(),
                max(self.canvas.height() - 40, 60))
        self.legend.setGeometry(16, self.canvas.height() - h - 16, w, h)
        self.legend.raise_()

    def _arrived(self) -> None:
        self.canvas.renderer.show_labels = self.labels
        if self._to is not None:
            self.canvas.set_view(self._to)
        self.fade.image = None
        self.fade.hide()
        self._show_legend()
        self._fill_card()
        self.shown.emit(self.index)

    def _fill_card(self) -> None:
        if not 0 <= self.index < len(self.bookmarks):
            return
        b = self.bookmarks[self.index]
        self.title_label.setText(b.name)
        self.notes_label.setText(b.notes)
        self.position_label.setText(self.tr("{n} of {count} · Esc leaves").format(n=self.index + 1,
                                                                                  count=len(self.bookmarks)))
        if not self.card.isVisible():
            return
        slide = slide_for(self.session.store, b, chart=False)
        self.subtitle_label.setText(word(slide.subtitle))
        self.feature_label.setText(slide.feature)
        rows = "".join(f"<tr><td style='padding-right:12px'>{_esc(word(f.label))}</td>"
                       f"<td align='right'><b>{_esc(word(f.text))}</b></td></tr>" for f in slide.figures)
        self.figures_label.setText(f"<table>{rows}</table>" if rows else (word(slide.note) if slide.note else ""))
        self.sentence_label.setText(word(slide.sentence) if slide.sentence else "")
        self.source_label.setText(word(slide.source))

    # --- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, e):
        k = e.key()
        if k in NEXT_KEYS:
            self.next()
        elif k in PREV_KEYS:
            self.previous()
        elif k == Qt.Key_Home:
            self.go(0)
        elif k == Qt.Key_End:
            self.go(len(self.bookmarks) - 1)
        elif k == Qt.Key_C:
            self.card.setVisible(not self.card.isVisible())
            self._fill_card()
            self._show_legend()
        elif k == Qt.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(e)

    def closeEvent(self, e):
        self.anim.stop()
        self.finished.emit()
        super().closeEvent(e)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["Presentation", "TRANSITION_MS", "extent_view", "interpolate"]
