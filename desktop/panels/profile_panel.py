"""The drill-down panel: click a state, port, seaport or industrial zone (or press Enter on
the selection) and read its story.

Bound to the session: the open feature and the back/forward history are the session's
``panel`` part (``geo.analysis.panel.PanelState``); a click on the map opens the clicked
feature's profile, a click on empty map space keeps it. The figures follow the session's
filter. The header and key figures are computed at once on the GUI thread (a few small
queries); the details and the charts (matplotlib, drawn to images in two drawing processes)
follow from a worker thread started once the header is painted, so the map never waits: the
first screenful (time series, mode split, top commodities) draws first, each chart shown as
soon as it is drawn, then the rest is computed and drawn.

Linked filters, like Tableau's filter actions: a click on a commodity bar, a mode or a year
(annual chart) filters the map; a chip shows each such filter and clears it. A click on a
port or state bar opens its profile. Pin features to compare them side by side (one scale).
Every table exports as CSV or ``.xlsx`` and copies to the clipboard; every chart saves as
PNG, SVG or PDF.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import wait
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QSettings, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from desktop.base.workers import background_priority
from desktop.panels.company_section import CompanySection
from desktop.panels.profile_views import (
    ChartItem,
    all_tables,
    chart_items,
    compare_series_spec,
    compare_spec,
    compare_table,
    default_granularity,
    figures_table,
)
from desktop.widgets.charts import Rendered, chart_renderer, height_px, render, save_chart
from desktop.widgets.table_export import Table, save_table, to_tsv
from geo.analysis.panel import PanelState
from geo.analysis.profile import (
    Profile,
    ProfileError,
    add_details,
    first_breakdowns,
    layer_for_ref,
    linked_filter,
    period_name,
    profile_header,
    ref_for_hit,
    trade_series,
)
from geo.query import FilterError, NotAnswerableError


@dataclass
class Chip:
    """A filter a click in a chart set: which field, the value it set, the value before."""

    field: str
    value: Any
    previous: Any
    label: str


# -- the worker: details and chart images ----------------------------------------------------------
class _Signals(QObject):
    details = Signal(int, object)            # generation, Profile with details
    reserve = Signal(int, object)            # generation, [(index, ChartItem, height)]: the charts' places
    chart = Signal(int, int, object, object)  # generation, index, ChartItem, Rendered
    done = Signal(int, float)                # generation, seconds
    failed = Signal(int, object)
    finished = Signal(object)                # the job (always last: the panel lets it go)


class _Job(QRunnable):
    def __init__(self, gen: int, header: Profile | None, profile: Profile | None, width: int, dpr: float,
                 granularity: str | None, cancel: threading.Event):
        super().__init__()
        self.gen, self.header, self.profile = gen, header, profile
        self.width, self.dpr, self.granularity, self.cancel = width, dpr, granularity, cancel
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self):
        t0 = time.perf_counter()
        background_priority()   # the map's frames come first
        draw = chart_renderer()
        pending: list = []   # (index, item, future), in order
        lock = threading.RLock()

        def flush(block: bool) -> None:
            """Hand over the charts drawn, in order: from the drawing processes' callbacks as
            each is done (so a chart shows while the details are still computed), and from
            here at the end (``block``: waiting for each; a drawing's error is raised here)."""
            while True:
                with lock:
                    while pending and pending[0][2].done():
                        i, item, fut = pending[0]
                        if not block and not fut.cancelled() and fut.exception() is not None:
                            break   # raised by the job's own flush below
                        pending.pop(0)
                        if fut.cancelled():   # the drawing processes shut down (the app ends)
                            continue
                        rendered = fut.result()
                        if not self.cancel.is_set():
                            self.signals.chart.emit(self.gen, i, item, rendered)
                    if not block or not pending or self.cancel.is_set():
                        return
                    head = pending[0][2]
                wait([head], timeout=0.05)   # outside the lock (its callback takes it)

        def submit(charts: list, details: Profile | None = None) -> None:
            """Draw ``charts`` [(index, item)]: their places first (one signal, so the panel
            is laid out once for all of them and for the ``details`` that come with them)."""
            places = [(i, item, height_px(item.spec, self.width)) for i, item in charts]
            if self.cancel.is_set():
                return
            if details is not None:
                self.signals.details.emit(self.gen, details)
            if places:
                self.signals.reserve.emit(self.gen, places)
            for i, item, h in places:
                fut = draw.submit(item.spec, self.width, h, self.dpr)
                with lock:
                    pending.append((i, item, fut))
                fut.add_done_callback(lambda _f: flush(False))

        try:
            prof = self.profile
            first = 0
            early_items: list = []
            if prof is None:
                # the first screenful draws while the rest is computed: the time series (from the
                # header's figures) and the mode split (in the header) at once, the top
                # commodities after their one query
                early = replace(self.header, series=trade_series(self.header), details=False)
                early_items = chart_items(early, self.granularity)
                first = min(2, len(early_items))
                if first == 2 and not self.cancel.is_set():
                    early = replace(early, breakdowns=list(early.breakdowns) + first_breakdowns(self.header))
                    more = chart_items(early, self.granularity)
                    if [x.key for x in more[:2]] == [x.key for x in early_items[:2]] and len(more) > 2:
                        early_items = more
                        first = 3
                submit(list(enumerate(early_items[:first])))
                if self.cancel.is_set():
                    return
                flush(True)   # the first screenful draws with the cores to itself, then the rest
                details = prof = add_details(self.header)
                if self.cancel.is_set():
                    return
            else:
                details = None
            items = chart_items(prof, self.granularity)
            if first and [x.key for x in items[:first]] != [x.key for x in early_items[:first]]:
                first = 0   # the details changed the order: draw them all again
            submit([(i, item) for i, item in enumerate(items) if i >= first], details)
            flush(True)
            if not self.cancel.is_set():
                self.signals.done.emit(self.gen, time.perf_counter() - t0)
        except Exception as exc:  # reported on the panel, never lost in the thread
            import traceback

            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(self.gen, exc)
        finally:
            with lock:
                left, pending[:] = list(pending), []
            for _i, _item, fut in left:
                fut.cancel()
            self.signals.finished.emit(self)


class _Warmup(QRunnable):
    def run(self):
        chart_renderer().warm_up()


# -- a chart on screen -------------------------------------------------------------------------------
class ChartView(QWidget):
    """One rendered chart: the image, a pointing hand over clickable bars and years, and a
    context menu to save it (PNG, SVG, PDF) or its table (CSV, xlsx, clipboard)."""

    clicked = Signal(object)   # the key of the clicked element

    def __init__(self, item: ChartItem, rendered: Rendered | None, parent=None, height: int = 0):
        super().__init__(parent)
        self.item = item
        self.rendered: Rendered | None = None
        self.pixmap: QPixmap | None = None
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        if rendered is not None:
            self.set_rendered(rendered)
        else:
            self.reserve(item, height)

    def reserve(self, item: ChartItem, height: int) -> None:
        """Keep the chart's place (its height is known before it is drawn): when the image
        arrives only this widget repaints, nothing below it moves and the panel is not laid
        out again. A chart already shown stays until its new image replaces it."""
        self.item = item
        self.setFixedHeight(height)
        self.update()

    def set_rendered(self, rendered: Rendered) -> None:
        self.rendered = rendered
        img = QImage(rendered.rgba, rendered.width, rendered.height, QImage.Format_RGBA8888).copy()
        img.setDevicePixelRatio(rendered.dpr)
        self.pixmap = QPixmap.fromImage(img)
        h = rendered.height / rendered.dpr
        if abs(h - self.maximumHeight()) >= 1:   # within a pixel of its place (a fractional ratio): kept
            self.setFixedHeight(int(round(h)))
        self.update()

    @property
    def drawn(self) -> bool:
        return self.rendered is not None

    def sizeHint(self) -> QSize:
        if self.rendered is None:
            return QSize(320, self.maximumHeight())
        return QSize(int(self.rendered.width / self.rendered.dpr), int(self.rendered.height / self.rendered.dpr))

    def paintEvent(self, _e):
        p = QPainter(self)
        if self.pixmap is not None:
            p.drawPixmap(0, 0, self.pixmap)
        else:   # its place, while it draws
            p.fillRect(self.rect().adjusted(0, 0, -1, -1), QColor("#f6f4f0"))
            p.setPen(QColor("#8a847a"))
            drawing = self.tr("Drawing chart…")
            p.drawText(self.rect().adjusted(10, 8, -10, -8), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap,
                       f"{self.item.spec.title}\n{drawing}")
        p.end()

    def mouseMoveEvent(self, e):
        if self.rendered is None:
            return
        key = self.rendered.hit(e.position().x(), e.position().y())
        self.setCursor(Qt.PointingHandCursor if key is not None else Qt.ArrowCursor)
        self.setToolTip(_key_tip(key) if key is not None else "")

    def mousePressEvent(self, e):
        e.accept()  # the release comes here only if the press was taken

    def mouseReleaseEvent(self, e):
        if e.button() == Qt.LeftButton and self.rendered is not None:
            key = self.rendered.hit(e.position().x(), e.position().y())
            if key is not None:
                self.clicked.emit(key)

    def _menu(self, pos):
        m = QMenu(self)
        m.addAction(self.tr("Save Chart as PNG…"), lambda: self.save_chart("png"))
        m.addAction(self.tr("Save Chart as SVG…"), lambda: self.save_chart("svg"))
        m.addAction(self.tr("Save Chart as PDF…"), lambda: self.save_chart("pdf"))
        m.addSeparator()
        m.addAction(self.tr("Save Table as CSV…"), lambda: _save_tables(self, [self.item.table], "csv"))
        m.addAction(self.tr("Save Table as Excel…"), lambda: _save_tables(self, [self.item.table], "xlsx"))
        m.addAction(self.tr("Copy Table"), lambda: copy_table(self.item.table))
        m.exec(self.mapToGlobal(pos))

    def save_chart(self, fmt: str, path: str | None = None) -> Path | None:
        if path is None:
            path = _ask_path(self, self.tr("Save Chart"), f"{_slug(self.item.spec.title)}.{fmt}",
                             {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG drawing (*.svg)"),
                              "pdf": self.tr("PDF document (*.pdf)")}[fmt])
        if not path:
            return None
        try:
            return save_chart(self.item.spec, path, fmt)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return None


def _key_tip(key) -> str:
    from PySide6.QtCore import QCoreApplication

    t = lambda s: QCoreApplication.translate("ProfilePanel", s)  # noqa: E731
    if key[0] in ("commodities", "modes"):
        return t("Click to filter the map to this")
    if key[0] == "year":
        return t("Click to filter the map to {year}").format(year=key[1])
    if key[0] == "period":
        return t("Click to show this period")
    if key[0] == "open":
        return t("Click to open its profile")
    return ""


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "chart"


def _ask_path(parent, title: str, name: str, filt: str) -> str:
    settings = QSettings()
    start = Path(str(settings.value("export/dir", str(Path.home())))) / name
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), filt)
    if path:
        settings.setValue("export/dir", str(Path(path).parent))
    return path


def _save_tables(parent, tables: list[Table], fmt: str, path: str | None = None) -> Path | None:
    if path is None:
        filt = "Excel workbook (*.xlsx)" if fmt == "xlsx" else "CSV table (*.csv)"
        path = _ask_path(parent, parent.tr("Save Table"), f"{_slug(tables[0].title)}.{fmt}", filt)
    if not path:
        return None
    try:
        return save_table(tables, path)
    except OSError as exc:
        QMessageBox.critical(parent, parent.tr("Export failed"), str(exc))
        return None


def copy_table(table: Table) -> str:
    text = to_tsv(table)
    QGuiApplication.clipboard().setText(text)
    return text


# -- the panel ----------------------------------------------------------------------------------------
class ProfilePanel(QWidget):
    """See the module docstring. ``openRequested``/``zoomRequested`` go to the main window."""

    zoomRequested = Signal(object)
    #: header painted: (ref, milliseconds from the request)
    headerShown = Signal(object, float)
    #: every chart drawn: (ref, milliseconds from the request)
    chartsShown = Signal(object, float)
    #: one chart on screen: (ref, its index, milliseconds from the request)
    chartShown = Signal(object, int, float)

    def __init__(self, session, content=None, parent=None):
        super().__init__(parent)
        self.session = session
        self.content = content
        self.profile: Profile | None = None
        self.header: Profile | None = None
        self.chips: list[Chip] = []
        self.pinned: list[Profile] = []
        self._pin_filter = None
        self._done_gen = -1
        self._received = 0
        self.granularity: str | None = None
        self._gen = 0
        self._cancel = threading.Event()
        self._t0 = 0.0
        self._charts: list[ChartView] = []
        self._jobs: set[_Job] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._build()
        self._refresh_timer = QTimer(self, singleShot=True, interval=30)
        self._refresh_timer.timeout.connect(self.refresh)
        self._resize_timer = QTimer(self, singleShot=True, interval=250)
        self._resize_timer.timeout.connect(self._rerender)
        session.part_changed.connect(self._part_changed)
        session.filter_changed.connect(self._filter_changed)
        session.playback_changed.connect(lambda _v: self._refresh_timer.start())
        session.store_changed.connect(lambda _s: self._refresh_timer.start())
        if content is not None:
            content.selection.changed.connect(self.open_hit)
        self.refresh()
        self._warmed = False

    def warm_up(self) -> None:
        """Start the chart processes (matplotlib's imports and font cache) before the first
        click. The window calls it once the map and its trade figures are on screen: started
        with the window, they took the CPU the first frame needs on a two-core laptop."""
        if not self._warmed:
            self._warmed = True
            self._pool.start(_Warmup())

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

        page = QWidget()
        col = QVBoxLayout(page)
        col.setContentsMargins(8, 6, 8, 6)
        col.setSpacing(5)
        nav = QHBoxLayout()
        nav.setSpacing(3)
        self.back_button = self._tool("◀", self.tr("Back (Alt+Left)"), self.go_back)
        self.forward_button = self._tool("▶", self.tr("Forward (Alt+Right)"), self.go_forward)
        self.back_button.setShortcut("Alt+Left")
        self.forward_button.setShortcut("Alt+Right")
        self.crumbs = QLabel()
        self.crumbs.setTextFormat(Qt.RichText)
        self.crumbs.setWordWrap(True)
        self.crumbs.linkActivated.connect(self._crumb_clicked)
        self.crumbs.setStyleSheet("color: #6f6a62;")
        self.pin_button = self._tool(self.tr("Pin"), self.tr("Pin to compare side by side"), self.pin)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        em = QMenu(self.export_button)
        em.addAction(self.tr("All Tables as Excel (.xlsx)…"), lambda: self.export_tables("xlsx"))
        em.addAction(self.tr("Key Figures as CSV…"), lambda: self.export_tables("csv"))
        em.addAction(self.tr("Copy Key Figures"), self.copy_figures)
        self.export_button.setMenu(em)
        nav.addWidget(self.back_button)
        nav.addWidget(self.forward_button)
        nav.addWidget(self.crumbs, 1)
        nav.addWidget(self.pin_button)
        nav.addWidget(self.export_button)
        col.addLayout(nav)

        self.title = QLabel()
        self.title.setTextFormat(Qt.RichText)
        self.title.setWordWrap(True)
        col.addWidget(self.title)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.sentence.setStyleSheet("QLabel { background: #f4f1ea; border-left: 3px solid #3f6e8c; padding: 5px 7px;"
                                    " color: #2b2b2b; }")
        col.addWidget(self.sentence)
        self.chip_row = QHBoxLayout()
        self.chip_row.setSpacing(4)
        self.chip_box = QWidget()
        self.chip_box.setLayout(self.chip_row)
        self.chip_row.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.chip_box)
        self.chip_box.hide()

        self.figures = QTableWidget(0, 3)
        self.figures.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value"), self.tr("Source · period")])
        self.figures.verticalHeader().setVisible(False)
        self.figures.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.figures.setWordWrap(True)
        hh = self.figures.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.Interactive)   # widths set by _fit_figures
        hh.setSectionResizeMode(2, QHeaderView.Interactive)
        hh.resizeSection(2, 130)
        self.figures.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # a font, not a style sheet (a style-sheet table measures and paints its cells through
        # the style-sheet engine: the details' figures took ~10 ms more to lay out); its height
        # is set by _fit_figures
        small = self.figures.font()
        small.setPointSizeF(9.0)
        self.figures.setFont(small)
        col.addWidget(self.figures)
        self.membership = QLabel()
        self.membership.setWordWrap(True)
        self.membership.setStyleSheet("color: #5e2d78;")
        col.addWidget(self.membership)
        self.company = CompanySection()  # the company's figures beside the public ones (issue 15)
        col.addWidget(self.company)

        gran = QHBoxLayout()
        self.gran_label = QLabel(self.tr("Time series:"))
        self.monthly_button = QRadioButton(self.tr("Monthly"))
        self.annual_button = QRadioButton(self.tr("Annual"))
        self.gran_group = QButtonGroup(self)
        self.gran_group.addButton(self.monthly_button)
        self.gran_group.addButton(self.annual_button)
        self.monthly_button.toggled.connect(lambda on: on and self.set_granularity("month"))
        self.annual_button.toggled.connect(lambda on: on and self.set_granularity("year"))
        # what the charts wait for (the store opening) or why they failed; while they draw, their
        # places say so (a label whose text changed as they drew had the page laid out again)
        self.chart_status = QLabel()
        self.chart_status.setStyleSheet("color: #6f6a62;")
        self.chart_status.setWordWrap(True)
        gran.addWidget(self.gran_label)
        gran.addWidget(self.monthly_button)
        gran.addWidget(self.annual_button)
        gran.addStretch(1)
        gran.addWidget(self.chart_status)
        col.addLayout(gran)
        self.chart_col = QVBoxLayout()
        self.chart_col.setSpacing(6)
        col.addLayout(self.chart_col)
        self.caveats = QLabel()
        self.caveats.setWordWrap(True)
        self.caveats.setTextFormat(Qt.RichText)
        self.caveats.setStyleSheet("QLabel { background: #fff6d8; border: 1px solid #e2cf8f; padding: 4px 6px;"
                                   " color: #4a3b00; }")
        col.addWidget(self.caveats)
        col.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # always there: shown only when the charts outgrow the panel, it narrowed the page as
        # they arrived (a second layout, and every chart drawn again at the new width)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.scroll.setWidget(page)
        self.page = page
        self.tabs.addTab(self.scroll, self.tr("Profile"))

        cmp_page = QWidget()
        self.compare_col = QVBoxLayout(cmp_page)
        self.compare_col.setContentsMargins(8, 6, 8, 6)
        self.compare_pins = QHBoxLayout()
        self.compare_col.addLayout(self.compare_pins)
        self.compare_table = QTableWidget(0, 1)
        self.compare_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.compare_table.verticalHeader().setVisible(False)
        self.compare_table.setWordWrap(True)
        self.compare_col.addWidget(self.compare_table)
        self.compare_charts = QVBoxLayout()
        self.compare_col.addLayout(self.compare_charts)
        self.compare_col.addStretch(1)
        cmp_scroll = QScrollArea()
        cmp_scroll.setWidgetResizable(True)
        cmp_scroll.setFrameShape(QFrame.NoFrame)
        cmp_scroll.setWidget(cmp_page)
        self.tabs.addTab(cmp_scroll, self.tr("Compare"))
        self.tabs.currentChanged.connect(lambda i: i == 1 and self._update_compare())

    def _tool(self, text, tip, slot) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # --- the session -------------------------------------------------------------------------
    @property
    def state(self) -> PanelState:
        return self.session.get("panel")

    def open(self, ref) -> None:
        """Open a feature's profile (the previous one goes on the back stack)."""
        self.session.set("panel", self.state.opened((str(ref[0]), str(ref[1]))))

    def open_hit(self, hit) -> None:
        """A map click: a feature opens its profile; empty space (None) keeps the panel."""
        if hit is None or self.content is None:
            return
        ref = ref_for_hit(self.content, hit)
        if ref is not None:
            self.open(ref)

    def go_back(self) -> None:
        self.session.set("panel", self.state.went_back())

    def go_forward(self) -> None:
        self.session.set("panel", self.state.went_forward())

    def _part_changed(self, name: str, _value) -> None:
        if name == "panel":
            self.refresh()

    def _filter_changed(self, f) -> None:
        self._sync_chips(f)
        self._refresh_timer.start()

    def _crumb_clicked(self, link: str) -> None:
        kind, _, fid = link.partition(":")
        if kind and fid:
            self.open((kind, fid))

    # --- computing and showing -------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the open profile for the session's filter: header now, charts after."""
        self._refresh_timer.stop()
        self._t0 = time.perf_counter()
        self._gen += 1
        self._cancel.set()
        self._cancel = threading.Event()
        st = self.state
        self.back_button.setEnabled(bool(st.back))
        self.forward_button.setEnabled(bool(st.forward))
        ref = st.open
        store = self.session.store
        if ref is None or store is None:
            self.profile = self.header = None
            self._show_empty(ref is not None)
            return
        try:
            header = profile_header(store, ref, self.session.effective_filter)
        except ProfileError as exc:
            self.profile = self.header = None
            self._show_empty(False, word(exc.message))
            return
        except (FilterError, NotAnswerableError) as exc:
            self.profile = self.header = None
            self._show_empty(False, word(exc.message) if hasattr(exc, "message") else str(exc))
            return
        same = self.header is not None and self.header.ref == header.ref
        self.header = header
        self.profile = None
        self._show_header(header, keep_charts=same)
        self._select_on_map(ref)
        self.headerShown.emit(ref, (time.perf_counter() - self._t0) * 1000)
        # the charts' worker starts once the header is painted: started at once, it took the
        # interpreter lock from the GUI thread while the header was laid out and painted
        gen = self._gen
        QTimer.singleShot(0, self, lambda: gen == self._gen and self._start_job(header, None))

    def _start_job(self, header: Profile | None, profile: Profile | None) -> None:
        self.chart_status.setText("")
        job = _Job(self._gen, header, profile, self._chart_width(), self.devicePixelRatioF(), self.granularity,
                   self._cancel)
        job.signals.details.connect(self._details_ready)
        job.signals.reserve.connect(self._reserve_charts)
        job.signals.chart.connect(self._chart_ready)
        job.signals.done.connect(self._charts_done)
        job.signals.failed.connect(self._job_failed)
        job.signals.finished.connect(self._jobs.discard)
        self._jobs.add(job)  # its signals must outlive the thread's last emit
        self._pool.start(job)

    def _chart_width(self) -> int:
        return max(260, self.scroll.viewport().width() - 18)

    def _select_on_map(self, ref) -> None:
        where = layer_for_ref(ref)
        sel = self.session.selection
        if where is not None and (sel.layer, sel.feature) != where:
            self.session.select(*where)

    def _show_empty(self, loading: bool, text: str | None = None) -> None:
        self._clear_charts()
        self.crumbs.setText("")
        self.pin_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.title.setText(f"<i>{escape(text)}</i>" if text else self.tr(
            "<i>Click a port, seaport, industrial zone or state on the map to read its story.</i>"))
        self.sentence.hide()
        self.figures.setRowCount(0)
        self.figures.hide()
        self.membership.hide()
        self.company.show_ref(None)
        self.caveats.hide()
        self.chart_status.setText(self.tr("Opening the trade store…") if loading else "")
        for w in (self.gran_label, self.monthly_button, self.annual_button):
            w.hide()

    def _show_header(self, p: Profile, keep_charts: bool = False) -> None:
        self.pin_button.setEnabled(True)
        self.export_button.setEnabled(True)
        crumbs = []
        for c in p.breadcrumb:
            text = escape(word(c.label))
            if c.ref is not None and tuple(c.ref) != p.ref:
                crumbs.append(f"<a href='{c.ref[0]}:{c.ref[1]}' style='color:#3f6e8c;text-decoration:none'>"
                              f"{text}</a>")
            else:
                crumbs.append(text)
        self.crumbs.setText(" › ".join(crumbs))
        self.title.setText(f"<span style='font-size:14pt;font-weight:600'>{escape(p.name)}</span>"
                           f"&nbsp;&nbsp;<span style='color:#6f6a62'>{escape(word(p.kind_label))}</span>")
        self.sentence.setVisible(p.sentence is not None)
        self.sentence.setText(word(p.sentence) if p.sentence else "")
        self._show_figures(p)
        self.membership.setVisible(p.membership is not None)
        self.membership.setText(word(p.membership) if p.membership else "")
        self.company.show_ref(p.ref)
        self._show_caveats(p)
        if not keep_charts:  # the same feature under a new filter: charts are replaced in place
            self._clear_charts()
        self._received = 0
        has_series = p.kind != "seaport"
        for w in (self.gran_label, self.monthly_button, self.annual_button):
            w.setVisible(has_series)

    def _show_figures(self, p: Profile) -> None:
        t = self.figures
        t.show()
        t.setRowCount(len(p.figures))
        for r, x in enumerate(p.figures):
            label = word(x.label)
            if x.owner:
                label += " " + self.tr("(figure of {owner})").format(owner=x.owner)
            a = QTableWidgetItem(label)
            value = QTableWidgetItem(word(x.display))
            value.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            f = value.font()
            f.setBold(x.key == "value")
            value.setFont(f)
            value.setData(Qt.UserRole, x.key)
            note = word(x.note) if x.note else ""
            if note:
                a.setText(f"{a.text()}\n({note})")
            c = QTableWidgetItem(x.source.short())
            c.setForeground(Qt.darkGray)
            tip = f"{label}: {word(x.display)}\n{x.source.label()}" + (f"\n{note}" if note else "")
            for it in (a, value, c):
                it.setToolTip(tip)
            t.setItem(r, 0, a)
            t.setItem(r, 1, value)
            t.setItem(r, 2, c)
        self._fit_figures()
        QTimer.singleShot(0, self._fit_figures)   # again once the columns have their widths

    def _fit_figures(self) -> None:
        t = self.figures
        # in a narrow dock the figure's name keeps at least ~40% of the width: the value and the
        # source wrap in their cells rather than squeeze the names to "T…"
        w = t.viewport().width()
        t.horizontalHeader().resizeSection(1, max(60, min(t.sizeHintForColumn(1) + 8, int(w * 0.32))))
        t.horizontalHeader().resizeSection(2, max(60, min(130, int(w * 0.28))))
        t.resizeRowsToContents()
        h = t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount())) + 4
        t.setFixedHeight(h)

    def _show_caveats(self, p: Profile) -> None:
        self.caveats.setVisible(bool(p.caveats))
        items = "".join(f"<li>{escape(word(c))}</li>" for c in p.caveats)
        self.caveats.setText(f"<b>{escape(self.tr('Notes on these figures'))}</b>"
                             f"<ul style='margin:2px 0 0 -24px'>{items}</ul>")

    def _clear_charts(self) -> None:
        for v in self._charts:
            v.setParent(None)
            v.deleteLater()
        self._charts = []

    def _details_ready(self, gen: int, prof: Profile) -> None:
        if gen != self._gen:
            return
        self.profile = prof
        self._show_figures(prof)
        self._show_caveats(prof)
        gran = self.granularity or default_granularity(prof)
        for b, g in ((self.monthly_button, "month"), (self.annual_button, "year")):
            b.blockSignals(True)
            b.setChecked(gran == g)
            b.blockSignals(False)
        self.annual_button.setEnabled(prof.get_series("trade_annual") is not None)
        self._show_chips()

    def _reserve_charts(self, gen: int, places: list) -> None:
        """The charts' places, before they are drawn (see :meth:`ChartView.reserve`)."""
        if gen != self._gen:
            return
        for index, item, height in places:
            if index < len(self._charts):
                self._charts[index].reserve(item, height)
            else:
                view = ChartView(item, None, self.page, height)
                view.clicked.connect(self.chart_clicked)
                self._charts.append(view)
                self.chart_col.addWidget(view)

    def _chart_ready(self, gen: int, index: int, item: ChartItem, rendered: Rendered) -> None:
        if gen != self._gen:
            return
        self._received = index + 1
        if index < len(self._charts):
            self._charts[index].item = item
            self._charts[index].set_rendered(rendered)
        else:
            view = ChartView(item, rendered, self.page)
            view.clicked.connect(self.chart_clicked)
            self._charts.append(view)
            self.chart_col.addWidget(view)
        if self.header is not None:
            self.chartShown.emit(self.header.ref, index, (time.perf_counter() - self._t0) * 1000)

    def _charts_done(self, gen: int, _seconds: float) -> None:
        if gen != self._gen:
            return
        self._done_gen = gen
        for view in self._charts[self._received:]:   # charts the new profile no longer has
            view.setParent(None)
            view.deleteLater()
        del self._charts[self._received:]
        self.chart_status.setText("")
        if self.profile is not None:
            self.chartsShown.emit(self.profile.ref, (time.perf_counter() - self._t0) * 1000)
            if self.pinned and self.tabs.currentIndex() == 1:
                self._update_compare()

    def _job_failed(self, gen: int, exc) -> None:
        if gen == self._gen:
            import sys

            print(getattr(exc, "__traceback_text__", exc), file=sys.stderr)
            self.chart_status.setText(self.tr("Charts failed: {error}").format(error=str(exc)[:200]))
            for view in [v for v in self._charts if not v.drawn]:   # no place left saying "Drawing…"
                self._charts.remove(view)
                view.setParent(None)
                view.deleteLater()

    def set_granularity(self, g: str) -> None:
        if g == self.granularity:
            return
        self.granularity = g
        if self.profile is not None:
            self._gen += 1
            self._cancel.set()
            self._cancel = threading.Event()
            self._t0 = time.perf_counter()
            self._clear_charts()
            self._start_job(None, self.profile)

    def _rerender(self) -> None:
        if self.profile is None:
            return
        width = self._chart_width()
        first = self._charts[0].rendered if self._charts else None
        if first is not None and abs(first.width / first.dpr - width) < 8:
            return
        self._gen += 1
        self._cancel.set()
        self._cancel = threading.Event()
        self._t0 = time.perf_counter()
        self._start_job(None, self.profile)

    def resizeEvent(self, e):
        super().resizeEvent(e)
        self._resize_timer.start()
        if self.figures.rowCount():
            QTimer.singleShot(0, self._fit_figures)

    # --- linked filters ------------------------------------------------------------------------
    def chart_clicked(self, key) -> None:
        kind = key[0]
        if kind == "open":
            self.open((key[1], key[2]))
            return
        f = self.session.filter
        if kind in ("commodities", "modes"):
            field, value = kind, str(key[1])
            label = self._chip_label(kind, key[1])
        elif kind == "year":
            field, value = "period", (int(key[1]) * 100 + 1, int(key[1]) * 100 + 12)
            label = str(key[1])
        elif kind == "period":
            field, value = "period", tuple(key[1])
            label = word(period_name(tuple(key[1])))
        else:
            return
        self.apply_link(field, value, label, f)

    def apply_link(self, field: str, value, label: str, f=None) -> None:
        f = f or self.session.filter
        previous = getattr(f, field)
        if previous == (value if field == "period" else (value,)):
            return
        existing = next((c for c in self.chips if c.field == field), None)
        if existing is not None:
            previous = existing.previous      # one chip per field: clearing goes back to before
            self.chips.remove(existing)
        try:
            new = linked_filter(f, field, value)
        except (FilterError, ValueError):
            return
        self.chips.append(Chip(field, getattr(new, field), previous, label))
        self.session.set("filter", new)
        self._show_chips()

    def _chip_label(self, kind: str, code: str) -> str:
        if kind == "commodities":
            return self.tr("HS {code}").format(code=code)
        if self.profile is not None:
            b = self.profile.breakdown("modes")
            if b is not None:
                name = next((r.name for r in b.rows if r.code == code), code)
                return name
        return code

    def clear_chip(self, chip: Chip) -> None:
        if chip in self.chips:
            self.chips.remove(chip)
        if getattr(self.session.filter, chip.field) == chip.value:
            self.session.update("filter", **{chip.field: chip.previous})
        self._show_chips()

    def _sync_chips(self, f) -> None:
        """A chip stays while the filter still holds its value (the filter bar may change it)."""
        keep = [c for c in self.chips if getattr(f, c.field) == c.value]
        if len(keep) != len(self.chips):
            self.chips = keep
            self._show_chips()

    def _show_chips(self) -> None:
        while self.chip_row.count():
            it = self.chip_row.takeAt(0)
            if it.widget():
                it.widget().deleteLater()
        if not self.chips:
            self.chip_box.hide()
            return
        self.chip_row.addWidget(QLabel(self.tr("Filtered from charts:")))
        for chip in self.chips:
            b = QToolButton()
            b.setText(f"{chip.label}  ✕")
            b.setToolTip(self.tr("Clear this filter"))
            b.setStyleSheet("QToolButton { background: #e8f0f7; border: 1px solid #9bb8d3; border-radius: 9px;"
                            " padding: 1px 8px; }")
            b.clicked.connect(lambda _=False, c=chip: self.clear_chip(c))
            self.chip_row.addWidget(b)
        self.chip_row.addStretch(1)
        self.chip_box.show()

    # --- compare -------------------------------------------------------------------------------------
    def pin(self) -> None:
        p = self.profile or self.header
        if p is None:
            return
        if not p.details:
            p = add_details(p)
        if self.pinned and self._pin_filter != self.session.effective_filter:
            self._update_compare()
        self._pin_filter = self.session.effective_filter
        self.pinned = [x for x in self.pinned if x.ref != p.ref] + [p]
        self._update_compare()
        self.tabs.setTabText(1, self.tr("Compare ({n})").format(n=len(self.pinned)))

    def unpin(self, ref) -> None:
        self.pinned = [x for x in self.pinned if x.ref != tuple(ref)]
        self.tabs.setTabText(1, self.tr("Compare ({n})").format(n=len(self.pinned)) if self.pinned
                             else self.tr("Compare"))
        self._update_compare()

    def _update_compare(self) -> None:
        """Pinned profiles follow the filter too: recomputed when the filter changed."""
        store = self.session.store
        if store is None:
            return
        f = self.session.effective_filter
        if f != self._pin_filter:
            fresh = []
            for p in self.pinned:
                try:
                    fresh.append(add_details(profile_header(store, p.ref, f)))
                except (ProfileError, FilterError, NotAnswerableError):
                    continue
            self.pinned = fresh
            self._pin_filter = f
        while self.compare_pins.count():
            it = self.compare_pins.takeAt(0)
            if it.widget():
                it.widget().deleteLater()
        for p in self.pinned:
            b = QToolButton()
            b.setText(f"{p.name}  ✕")
            b.setToolTip(self.tr("Unpin"))
            b.clicked.connect(lambda _=False, r=p.ref: self.unpin(r))
            self.compare_pins.addWidget(b)
        self.compare_pins.addStretch(1)
        table = compare_table(self.pinned) if self.pinned else None
        t = self.compare_table
        t.clear()
        if table is None:
            t.setRowCount(0)
            t.setColumnCount(1)
            t.setHorizontalHeaderLabels([self.tr("Pin two or more features to compare them")])
        else:
            t.setColumnCount(len(table.columns))
            t.setHorizontalHeaderLabels(table.columns)
            t.setRowCount(len(table.rows))
            for r, row in enumerate(table.rows):
                for c, v in enumerate(row):
                    t.setItem(r, c, QTableWidgetItem("" if v is None else str(v)))
            t.resizeColumnsToContents()
            t.resizeRowsToContents()
        while self.compare_charts.count():
            it = self.compare_charts.takeAt(0)
            if it.widget():
                it.widget().deleteLater()
        if len(self.pinned) >= 2:
            width = max(260, self.width() - 30)
            gran = self.granularity or "month"
            for spec in (compare_series_spec(self.pinned, gran), compare_spec(self.pinned, "commodities"),
                         compare_spec(self.pinned, "modes")):
                item = ChartItem("compare", spec, compare_table(self.pinned))
                view = ChartView(item, render(spec, width, None, self.devicePixelRatioF()))
                self.compare_charts.addWidget(view)

    # --- export ----------------------------------------------------------------------------------------
    def tables(self) -> list[Table]:
        p = self.profile or self.header
        if p is None:
            return []
        return all_tables(p, self.granularity) if p.details else [figures_table(p)]

    def export_tables(self, fmt: str, path: str | None = None) -> Path | None:
        tables = self.tables()
        if not tables:
            return None
        return _save_tables(self, tables if fmt == "xlsx" else tables[:1], fmt, path)

    def copy_figures(self) -> str:
        tables = self.tables()
        return copy_table(tables[0]) if tables else ""

    def shutdown(self, timeout_ms: int = 30000) -> None:
        """Stop drawing: cancel the worker and wait for it (before the store closes)."""
        self._gen += 1
        self._cancel.set()
        self._refresh_timer.stop()
        self._resize_timer.stop()
        self._pool.waitForDone(timeout_ms)

    def chart_views(self) -> list[ChartView]:
        return list(self._charts)

    def wait_charts(self, timeout_ms: int = 20000) -> bool:
        """Tests and benchmarks: process events until every chart of the open profile is drawn."""
        from PySide6.QtWidgets import QApplication

        deadline = time.perf_counter() + timeout_ms / 1000
        while self._done_gen != self._gen and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.002)
        return self._done_gen == self._gen

    def sizeHint(self) -> QSize:
        return QSize(420, 600)
