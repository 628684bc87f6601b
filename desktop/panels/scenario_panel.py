"""What if a crossing closes? (issue 16) The scenario's controls, bound to the session's
``scenario`` part (so it is saved in projects and bookmarks), and its results:

- the summary, the value rerouted by receiving port and every assumption, worded from the
  model's messages;
- the map (:class:`desktop.canvas.scenario_painter.ScenarioOverlay`): closed ports marked,
  rerouted freight as lines, receiving ports coloured by load against capacity; it clears
  when the scenario is cleared;
- two scenarios side by side: "Keep as A" keeps the current result, the next run is B, and a
  table shows the key figures of both, B − A and each one's settings;
- the results table out as CSV, ``.xlsx`` or to the clipboard, with units, sources and every
  assumption (:mod:`desktop.panels.scenario_table`);
- the check against what happened: for a chosen month, the observed change of the affected
  and neighbouring ports beside the model's predicted change, as a chart and a table of
  the monthly counts (:func:`geo.analysis.scenario.observed_vs_predicted`);
- added capacity (:class:`CapacityEditor`): new crossings (name, place, mode, capacity; the
  place typed or picked on the map), capacity changes per port and mode, the share of a port
  one closed bridge carries, the southbound capacity and the longest detour, all bound to the
  session's ``scenario`` part; a row that is not valid is left out and said why;
- the company (where the window holds a company network, :meth:`ScenarioPanel.set_company_source`):
  the closure and the tariff are run with the company's lanes, and the "Company" tab shows the
  lanes hit, their value rerouted and delayed, the extra km, and the value at risk per customer
  and supplier (:func:`geo.analysis.scenario_view.company_view`). Without a network nothing of
  the company shows.

Once a scenario has run, moving a control recomputes it live: the requests are debounced
and run one at a time in a worker (:mod:`desktop.base.workers`); a newer request replaces
one still waiting, so only the latest settings run next. While a slider is dragged the
session is not written (one undo step when it is let go). The figures are those of
:func:`geo.analysis.scenario.run_scenario`, the same as ``frontera scenario``.
"""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.base.i18n import month_label, period_label
from desktop.base.messages import word
from desktop.canvas.scenario_painter import CLASS_COLOURS, ScenarioOverlay
from desktop.panels.scenario_table import (
    compare_table,
    period_text,
    save_tables,
    scenario_tables,
    setting_names,
    to_clipboard_text,
)
from desktop.widgets.charts import FONT, GRID, INK, MUTED, Rendered
from geo.analysis.scenario import (
    DEFAULT_MAX_DETOUR_KM,
    MODES,
    ScenarioError,
    ScenarioState,
    build_base,
    company_lane_rows,
    observed_vs_predicted,
    port_coords,
    port_names,
    results_assumptions,
    run_scenario,
    tariff_shock,
)
from geo.analysis.scenario_view import CompanyView, company_view, compare_rows, load_class, observed_rows, scenario_map
from geo.core.formatting import format_change, format_count, format_usd
from geo.core.messages import msg
from geo.core.periods import add_months

PART = "scenario"
DEBOUNCE_MS = 120
DAYS_SLIDER_MAX = 120
OBSERVED_COLOUR = "#3f6e8c"
PREDICTED_COLOUR = "#c07a14"


def compute(store, state: ScenarioState, cache: dict | None = None, company=None) -> dict:
    """The scenario's results: the closure, the tariff shock (with a tariff) and what the map
    shows; ``cache`` keeps the base of a period (and the last tariff result) so that moving a
    control only recomputes. ``company``: ``(network, routes | None, anonymise)`` of the
    company network the window holds (None: none): the closure and the tariff are run with its
    lanes (:func:`company_lanes`), and ``"company_lanes"`` says how many (None: no network)."""
    key = (id(store), state.period)
    base = cache.get(key) if cache is not None else None
    if base is None:
        base = build_base(store, state.period)
        if cache is not None:
            kept = cache.get("company")
            cache.clear()
            cache[key] = base
            if kept is not None:
                cache["company"] = kept
    for port in [p for p, *_rest in state.capacity_overrides] + [p for p, _s in state.bridge_shares]:
        if port not in base.names:    # the model would ignore it: say so instead
            raise ScenarioError(msg("scenario.error.unknown_port", "error", port=port))
    lanes = company_lanes(store, *company, cache=cache) if company is not None else None
    closure = run_scenario(base, state, company_lanes=lanes)
    out = {"closure": closure, "map": scenario_map(closure, port_coords(base, state), port_names(base, state)),
           "tariff": None, "company_lanes": None if lanes is None else len(lanes)}
    if state.tariff_pct > 0:
        tkey = ("tariff", id(store), base.period, state.tariff_pct, state.hs_chapters, state.usmca_share,
                state.elasticity)
        got = cache.get(tkey) if cache is not None else None
        tr = got[1] if got is not None and got[0] is lanes else None    # computed with these very lanes
        if tr is None:
            tr = tariff_shock(store, state, base.period, company_lanes=lanes)
            if cache is not None:
                cache[tkey] = (lanes, tr)
        out["tariff"] = replace(tr, state=state)
    return out


def company_lanes(store, network, routes=None, anonymise: str = "", *, cache: dict | None = None) -> list[dict]:
    """The company's lanes as the model takes them (:func:`geo.analysis.scenario.company_lane_rows`):
    through the ports the network panel routed them (``routes``), else routed here through the
    store's land ports, as ``frontera scenario --project`` does; the facilities named as the
    network display shows them (``anonymise``). ``cache`` keeps the rows of the last network."""
    got = cache.get("company") if cache is not None else None
    if got is not None and got[0] is network and got[1] is routes and got[2] == anonymise:
        return got[3]
    routed = routes
    if routed is None:
        from geo.network.lanes import land_ports, route_all

        routed = route_all(network.lanes.values(), network.facilities, land_ports(store))
    rows = company_lane_rows(network.anonymised(anonymise) if anonymise else network, routed)
    if cache is not None:
        cache["company"] = (network, routes, anonymise, rows)
    return rows


def observed(store, closure, month: int, width_px: int, dpr: float, texts: dict) -> dict:
    """The check against what happened for ``month`` (trucks): the model's table, its rows
    ordered for the chart, and the chart drawn (in the worker)."""
    table = observed_vs_predicted(store, closure, month, mode="5")
    rows = observed_rows(table, month, [r for r in closure.reroutes if r.mode == "5"])
    return {"month": month, "rows": rows, "chart": change_chart(rows, texts, width_px, dpr) if rows else None}


def change_chart(rows, texts: dict, width_px: int, dpr: float = 1.0) -> Rendered:
    """Observed change beside predicted change per port, diverging from zero (matplotlib, no
    pyplot: safe in a worker; the charts module's colours and fonts). The axis spans the
    observed changes; a predicted change beyond it is drawn to the edge with its figure."""
    import textwrap

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    n = len(rows)
    w_in = max(2.6, width_px / 100.0)
    title = textwrap.wrap(texts["title"], max(30, int(w_in * 12.5)))
    note = textwrap.wrap(texts["note"], max(40, int(w_in * 17)))
    for key in ("observed", "predicted"):
        texts = dict(texts, **{key: "\n".join(textwrap.wrap(texts[key], max(30, int(w_in * 15))))})
    legend_lines = sum(texts[k].count("\n") + 1 for k in ("observed", "predicted"))
    bottom_in = 0.32 + 0.12 * len(note)
    top_in = 0.12 + 0.17 * len(title) + 0.125 * legend_lines + 0.1   # the title, then the series' names
    h_in = top_in + bottom_in + 0.27 * n
    fig = Figure(figsize=(w_in, h_in), dpi=100.0 * dpr, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(0.012, 1 - 0.08 / h_in, "\n".join(title), ha="left", va="top", fontsize=8.5, fontweight="bold",
             color=INK, family=FONT, linespacing=1.25)
    labels = [(("✕ " if r.role == "closed" else "") + r.name)[:22] for r in rows]
    left = min(0.42, (max(len(x) for x in labels) * 0.058 + 0.12) / w_in)
    ax = fig.add_axes((left, bottom_in / h_in, 0.95 - left, 0.27 * n / h_in))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#b9b2a6")
    ax.tick_params(colors=MUTED, labelsize=7, length=2)
    ys = list(range(n))[::-1]
    obs = [(r.observed_change or 0.0) * 100 for r in rows]
    pred = [(r.predicted_change or 0.0) * 100 for r in rows]
    lim = max([abs(v) for v in obs] + [20.0]) * 1.6
    clip = lambda v: max(-lim, min(lim, v))  # noqa: E731
    ax.barh([y + 0.19 for y in ys], [clip(v) for v in obs], height=0.36, color=OBSERVED_COLOUR,
            label=texts["observed"])
    ax.barh([y - 0.19 for y in ys], [clip(v) for v in pred], height=0.36, color=PREDICTED_COLOUR,
            label=texts["predicted"])
    ax.axvline(0, color="#8c857a", lw=0.8)
    ax.xaxis.grid(True, color=GRID, lw=0.6)
    ax.set_axisbelow(True)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=7.2, color=INK, family=FONT)
    for t, r in zip(ax.get_yticklabels(), rows):
        if r.role == "closed":
            t.set_color("#b00000")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-0.6, n - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6 if w_in > 3.6 else 4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:+.0f}%" if v else "0"))

    def figure_text(y, v, missing, colour):
        text = "—" if missing else f"{v:+.0f}%".replace("-", "\u2212")
        x = clip(v)
        inside = abs(v) > lim * 0.8          # at the edge: the figure goes inside the bar, in white
        ha = ("right" if v >= 0 else "left") if inside else ("left" if v >= 0 else "right")
        ax.text(x, y, f" {text} ", va="center", ha=ha, fontsize=6.3, family=FONT,
                color="white" if inside else colour, fontweight="bold" if inside else "normal")

    for y, v, r in zip(ys, obs, rows):
        figure_text(y + 0.19, v, r.observed_change is None, INK)
    for y, v, r in zip(ys, pred, rows):
        figure_text(y - 0.19, v, r.predicted_change is None, "#7a4b08")
    fig.legend(loc="upper left", bbox_to_anchor=(0.0, 1 - (0.12 + 0.17 * len(title)) / h_in), ncol=1,
               fontsize=6.8, frameon=False, borderaxespad=0.3, handlelength=1.2)
    fig.text(0.012, 0.012, "\n".join(note), ha="left", va="bottom", fontsize=6.3, color=MUTED, family=FONT,
             linespacing=1.25)
    fig.canvas.draw()
    W, H = fig.canvas.get_width_height(physical=True)
    return Rendered(bytes(fig.canvas.buffer_rgba()), W, H, dpr, [])


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScenarioPanel", text)


def observed_texts(month: int, closure) -> dict:
    """The chart's title, series names and note (worded; callable from a worker)."""
    lo, hi = closure.period
    prev = add_months(month, -1)
    span = period_label(lo, hi)
    return {"title": _tr("Trucks: observed change {m} against {p} and the model's predicted change").format(
                m=month_label(month), p=month_label(prev)),
            "observed": _tr("Observed: {m} against {p} (Border Crossing counts)").format(
                m=month_label(month), p=month_label(prev)),
            "predicted": _tr("Predicted: load while closed against the load of {span} (the scenario's "
                             "flows)").format(span=span),
            "note": _tr("✕ ports closed or degraded in the scenario; the others receive its freight or lie within "
                        "300 km. Source: BTS Border Crossing Entry Data (trucks, northbound).")}


def _ym(d: QDate) -> int:
    return d.year() * 100 + d.month()


def _qdate(ym: int) -> QDate:
    return QDate(ym // 100, ym % 100, 1)


# -- added capacity -------------------------------------------------------------------------------------
#: the US–Mexico border (lon, lat box): a new crossing outside it is flagged (kept, but said)
BORDER_BOX = (-117.3, 25.7, -97.0, 32.8)
ROW_PX = 24


def _number(text: str) -> float | None:
    """A number typed by a person: ``1200``, ``1,200``, ``1 200``, ``−106.45``, ``12,5`` (a
    decimal comma); None when it is not one."""
    import re

    t = str(text or "").strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace("_", "")
    if not t:
        return None
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif t.count(",") == 1 and "." not in t:
        t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _num_text(v: float) -> str:
    """A number as typed back into a cell (whole numbers without decimals; others exactly)."""
    v = float(v)
    return str(int(v)) if v == int(v) and abs(v) < 1e15 else repr(v)


class RowsTable(QTableWidget):
    """A small editable table: typed cells, and choices in combo boxes (``columns``: (header,
    tooltip, choices) with choices None for a typed cell, else [(text, data), …]). It is as
    tall as its rows; ``edited`` is emitted on every change a person makes."""

    edited = Signal()

    def __init__(self, columns, parent=None):
        super().__init__(0, len(columns), parent)
        self._choices = [c for _h, _t, c in columns]
        self._filling = False
        self.setHorizontalHeaderLabels([h for h, _t, _c in columns])
        for j, (_h, tip, _c) in enumerate(columns):
            self.horizontalHeaderItem(j).setToolTip(tip)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_PX)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        head = self.horizontalHeader()
        head.setMinimumSectionSize(56)
        for j in range(len(columns)):     # the first column (a name, a port) takes the room left
            head.setSectionResizeMode(j, QHeaderView.Stretch if j == 0 else QHeaderView.ResizeToContents)
        self.itemChanged.connect(lambda _i: None if self._filling else self.edited.emit())
        self._fit()

    def _fit(self) -> None:
        head = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(head + max(1, self.rowCount()) * ROW_PX + 2 * self.frameWidth() + 2)

    def add_row(self, values=()) -> int:
        """A row with ``values`` (text for a typed cell, data for a choice; missing: empty, the first choice)."""
        values = list(values) + [None] * (self.columnCount() - len(values))
        was, self._filling = self._filling, True
        try:
            i = self.rowCount()
            self.insertRow(i)
            for j, (v, choices) in enumerate(zip(values, self._choices)):
                if choices:
                    box = QComboBox(self)
                    box.setFrame(False)
                    for text, data in choices:
                        box.addItem(text, data)
                    k = box.findData(v)
                    box.setCurrentIndex(max(0, k))
                    box.currentIndexChanged.connect(lambda _k: None if self._filling else self.edited.emit())
                    self.setCellWidget(i, j, box)
                else:
                    self.setItem(i, j, QTableWidgetItem("" if v is None else str(v)))
        finally:
            self._filling = was
        self._fit()
        return i

    def set_rows(self, rows) -> None:
        was, self._filling = self._filling, True
        try:
            self.setRowCount(0)
            for r in rows:
                self.add_row(r)
        finally:
            self._filling = was
        self._fit()

    def rows(self) -> list[list]:
        out = []
        for i in range(self.rowCount()):
            row = []
            for j, choices in enumerate(self._choices):
                if choices:
                    box = self.cellWidget(i, j)
                    row.append(box.currentData() if box is not None else None)
                else:
                    it = self.item(i, j)
                    row.append(it.text() if it is not None else "")
            out.append(row)
        return out

    def set_cell(self, i: int, j: int, text: str) -> None:
        it = self.item(i, j)
        if it is None:
            self.setItem(i, j, QTableWidgetItem(text))
        else:
            it.setText(text)

    def remove_selected(self) -> bool:
        rows = sorted({ix.row() for ix in self.selectedIndexes()}, reverse=True) or \
            ([self.currentRow()] if self.currentRow() >= 0 else [])
        for i in rows:
            self.removeRow(i)
        self._fit()
        if rows:
            self.edited.emit()
        return bool(rows)

    def mark(self, bad: dict[tuple[int, int], str]) -> None:
        """Cells that are not valid: tinted, with the reason as their tooltip."""
        was, self._filling = self._filling, True
        try:
            for i in range(self.rowCount()):
                for j, choices in enumerate(self._choices):
                    it = None if choices else self.item(i, j)
                    if it is None:
                        continue
                    why = bad.get((i, j))
                    it.setBackground(QColor("#f9d6d2") if why else QColor(0, 0, 0, 0))
                    it.setToolTip(why or "")
        finally:
            self._filling = was


class CapacityEditor(QWidget):
    """The scenario's added capacity and its assumptions: new crossings, capacity changes per
    port and mode, the share of a port one closed bridge carries, the southbound capacity and
    the longest detour. :meth:`values` reads them as :class:`ScenarioState` fields (rows that are
    not valid left out, with the reasons); :meth:`show_state` writes a state's into the widgets."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.known_ports = lambda: None     # () -> {code: name} of the border's ports, when known
        self._picker = None
        self._cancel_pick = None
        self._picking = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(3)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.southbound_spin = QDoubleSpinBox(self)
        self.southbound_spin.setRange(0, 1000)
        self.southbound_spin.setDecimals(0)
        self.southbound_spin.setSuffix(self.tr(" % of northbound"))
        self.southbound_spin.setToolTip(self.tr("Southbound capacity as a share of the northbound capacity from the "
                                                "crossing counts (which are northbound only)"))
        self.detour_spin = QDoubleSpinBox(self)
        self.detour_spin.setRange(10, 10000)
        self.detour_spin.setDecimals(0)
        self.detour_spin.setSingleStep(100)
        self.detour_spin.setSuffix(self.tr(" km"))
        self.detour_spin.setToolTip(self.tr("Freight is rerouted only to ports adding at most this detour "
                                            "(great-circle); farther freight waits"))
        form.addRow(self.tr("Southbound capacity"), self.southbound_spin)
        form.addRow(self.tr("Longest detour"), self.detour_spin)
        lay.addLayout(form)

        modes = [(self.tr("truck"), "5"), (self.tr("rail"), "6")]
        self.new_table = RowsTable([
            (self.tr("Name"), self.tr("The new crossing's name"), None),
            (self.tr("Lon"), self.tr("Longitude in decimal degrees (west is negative, e.g. −106.45)"), None),
            (self.tr("Lat"), self.tr("Latitude in decimal degrees, e.g. 31.75"), None),
            (self.tr("Mode"), self.tr("Trucks or rail"), modes),
            (self.tr("Capacity"), self.tr("Loaded containers a month"), None)], self)
        self.new_add = QToolButton(self)
        self.new_add.setText(self.tr("Add"))
        self.new_add.setToolTip(self.tr("Add a new crossing"))
        self.pick_button = QToolButton(self)
        self.pick_button.setText(self.tr("Pick on Map"))
        self.pick_button.setToolTip(self.tr("Click the map to place the selected new crossing (Esc cancels)"))
        self.pick_button.setCheckable(True)
        self.pick_button.setVisible(False)
        self.new_remove = QToolButton(self)
        self.new_remove.setText(self.tr("Remove"))
        self.new_remove.setToolTip(self.tr("Remove the selected row"))
        self._section(lay, self.tr("New crossings (capacity in loaded containers a month)"), self.new_table,
                      (self.new_add, self.pick_button, self.new_remove))

        units = [(self.tr("% of default"), "pct"), (self.tr("+ a month"), "add"), (self.tr("= a month"), "count")]
        self.override_table = RowsTable([
            (self.tr("Port"), self.tr("Port code, e.g. 2304"), None),
            (self.tr("Mode"), self.tr("Trucks or rail"), modes),
            (self.tr("Change"), self.tr("A percentage of the default capacity (120 = lanes for 20% more), loaded "
                                        "containers a month added (new lanes), or the capacity set"), units),
            (self.tr("Value"), self.tr("Percent, or loaded containers a month"), None)], self)
        self.override_add = QToolButton(self)
        self.override_add.setText(self.tr("Add"))
        self.override_add.setToolTip(self.tr("Change the capacity of a port"))
        self.override_remove = QToolButton(self)
        self.override_remove.setText(self.tr("Remove"))
        self.override_remove.setToolTip(self.tr("Remove the selected row"))
        self._section(lay, self.tr("Capacity changes at a port"), self.override_table,
                      (self.override_add, self.override_remove))

        self.bridge_table = RowsTable([
            (self.tr("Port"), self.tr("Code of a closed port, e.g. 2304"), None),
            (self.tr("Share of the port (%)"), self.tr("The share of the port's capacity the closed bridge "
                                                       "carries (user-entered: bridges have no counts of their "
                                                       "own)"), None)], self)
        self.bridge_add = QToolButton(self)
        self.bridge_add.setText(self.tr("Add"))
        self.bridge_add.setToolTip(self.tr("Close only one bridge of a closed port"))
        self.bridge_remove = QToolButton(self)
        self.bridge_remove.setText(self.tr("Remove"))
        self.bridge_remove.setToolTip(self.tr("Remove the selected row"))
        self._section(lay, self.tr("One bridge of a closed port"), self.bridge_table,
                      (self.bridge_add, self.bridge_remove))

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setStyleSheet("color:#a8261b")
        self.message.hide()
        lay.addWidget(self.message)

        for t in (self.new_table, self.override_table, self.bridge_table):
            t.edited.connect(self.edited)
        for spin in (self.southbound_spin, self.detour_spin):
            spin.valueChanged.connect(lambda _v: self.edited.emit())
        self.new_add.clicked.connect(self._add_crossing)
        self.override_add.clicked.connect(lambda: self._add(self.override_table, ("", "5", "add", "")))
        self.bridge_add.clicked.connect(lambda: self._add(self.bridge_table, ("", "")))
        self.new_remove.clicked.connect(self.new_table.remove_selected)
        self.override_remove.clicked.connect(self.override_table.remove_selected)
        self.bridge_remove.clicked.connect(self.bridge_table.remove_selected)
        self.pick_button.toggled.connect(self._pick_toggled)

    def _section(self, lay, title: str, table: RowsTable, buttons) -> None:
        head = QHBoxLayout()
        label = QLabel(title, self)
        label.setWordWrap(True)
        label.setStyleSheet("font-weight:600")
        head.addWidget(label, 1)
        for b in buttons:
            head.addWidget(b)
        lay.addLayout(head)
        lay.addWidget(table)

    def _add(self, table: RowsTable, values) -> None:
        i = table.add_row(values)
        table.setCurrentCell(i, 0)
        table.setFocus()
        table.editItem(table.item(i, 0))
        table.edited.emit()

    def _add_crossing(self) -> None:
        names = {str(r[0]).strip() for r in self.new_table.rows()}
        k = 1
        while self.tr("New crossing {n}").format(n=k) in names:
            k += 1
        self._add(self.new_table, (self.tr("New crossing {n}").format(n=k), "", "", "5", ""))

    # -- picking a place on the map ----------------------------------------------------------------
    def set_point_picker(self, picker, cancel=None) -> None:
        """``picker(on_point(lon, lat), on_cancel)``: the map's next click gives a point
        (:meth:`desktop.canvas.map_canvas.MapCanvas.pick_point`), ``cancel()`` stops waiting
        for it; None: no picking."""
        self._picker, self._cancel_pick = picker, cancel
        self.pick_button.setVisible(picker is not None)

    def _pick_toggled(self, on: bool) -> None:
        if not on:                  # pressed again: no point after all
            if self._picking and self._cancel_pick is not None:
                self._cancel_pick()
            self._pick_ended()
            return
        if self._picker is None:
            return
        self._picking = True
        self.pick_button.setText(self.tr("Click the Map…"))
        self._picker(self.place_picked, self._pick_ended)

    def _pick_ended(self) -> None:
        self._picking = False
        self.pick_button.setText(self.tr("Pick on Map"))
        self.pick_button.blockSignals(True)
        self.pick_button.setChecked(False)
        self.pick_button.blockSignals(False)

    def place_picked(self, lon: float, lat: float) -> None:
        """A place picked on the map: the selected new crossing's (a new one when none is selected)."""
        self._pick_ended()
        t = self.new_table
        i = t.currentRow()
        if i < 0:
            self._add_crossing()
            i = t.rowCount() - 1
        t._filling = True
        try:
            t.set_cell(i, 1, f"{lon:.4f}")
            t.set_cell(i, 2, f"{lat:.4f}")
        finally:
            t._filling = False
        t.edited.emit()

    # -- reading and writing -------------------------------------------------------------------------
    def values(self, closed=()) -> tuple[dict, list[str]]:
        """The fields of :class:`ScenarioState` these widgets hold, and what is wrong (rows that
        are not valid are left out of the fields and said here; a row kept with a doubt is said
        too). The cells at fault are marked."""
        known = self.known_ports() or None
        problems: list[str] = []
        new, ovs, bridges = [], [], []
        bad: dict[tuple[int, int], str] = {}
        for i, (name, lon_t, lat_t, mode, cap_t) in enumerate(self.new_table.rows()):
            name = str(name).strip()
            who = name or self.tr("row {n}").format(n=i + 1)
            lon, lat, cap = _number(lon_t), _number(lat_t), _number(cap_t)
            why = None
            if not name:
                why, col = self.tr("give it a name"), 0
            elif not str(lon_t).strip() or not str(lat_t).strip():
                why, col = self.tr("enter its longitude and latitude, or pick its place on the map"), \
                    1 if not str(lon_t).strip() else 2
            elif lon is None or not -180 <= lon <= 180:
                why, col = self.tr("the longitude must be a number of degrees (west is negative, e.g. −106.45), "
                                   "not “{t}”").format(t=lon_t), 1
            elif lon > 0:
                why, col = self.tr("the longitude must be west of Greenwich, negative (the border lies between "
                                   "−117 and −97)"), 1
            elif lat is None or not -90 <= lat <= 90:
                why, col = self.tr("the latitude must be a number of degrees from −90 to 90, not “{t}”").format(
                    t=lat_t), 2
            elif cap is None or cap < 0:
                why, col = (self.tr("enter its capacity in loaded containers a month") if not str(cap_t).strip()
                            else self.tr("the capacity must be a number of loaded containers a month, 0 or more, "
                                         "not “{t}”").format(t=cap_t)), 4
            if why is not None:
                bad[(i, col)] = why
                problems.append(self.tr("New crossing {who}: {why}; left out until corrected.").format(who=who,
                                                                                                    why=why))
                continue
            lo0, la0, lo1, la1 = BORDER_BOX
            if not (lo0 - 1 <= lon <= lo1 + 1 and la0 - 1 <= lat <= la1 + 1):   # type: ignore[operator]
                problems.append(self.tr("New crossing {who} lies away from the US–Mexico border (longitude −117 to "
                                        "−97, latitude 25.7 to 32.8): check its place.").format(who=who))
            new.append((name, lon, lat, mode, cap))
        self.new_table.mark(bad)
        bad = {}
        for i, (port, mode, unit, value_t) in enumerate(self.override_table.rows()):
            port = str(port).strip()
            code = port.zfill(4) if port.isdigit() else port
            value = _number(value_t)
            who = code or self.tr("row {n}").format(n=i + 1)
            why = None
            if not port:
                why, col = self.tr("enter the port's code, e.g. 2304"), 0
            elif known is not None and code not in known:
                why, col = self.tr("{port} is not a land port on the Mexican border with crossing counts").format(
                    port=code), 0
            elif value is None or value < 0:
                why, col = (self.tr("enter the change") if not str(value_t).strip()
                            else self.tr("the value must be a number, 0 or more, not “{t}”").format(t=value_t)), 3
            if why is not None:
                bad[(i, col)] = why
                problems.append(self.tr("Capacity change {who}: {why}; left out until corrected.").format(
                    who=who, why=why))
                continue
            ovs.append((code, mode, value, unit))
        self.override_table.mark(bad)
        bad = {}
        closed = set(closed)
        for i, (port, share_t) in enumerate(self.bridge_table.rows()):
            port = str(port).strip()
            code = port.zfill(4) if port.isdigit() else port
            share = _number(str(share_t).replace("%", ""))
            who = code or self.tr("row {n}").format(n=i + 1)
            why = None
            if not port:
                why, col = self.tr("enter the code of a closed port, e.g. 2304"), 0
            elif known is not None and code not in known:
                why, col = self.tr("{port} is not a land port on the Mexican border with crossing counts").format(
                    port=code), 0
            elif any(b[0] == code for b in bridges):
                why, col = self.tr("the port has a bridge share already"), 0
            elif share is None or not 0 < share <= 100:
                why, col = (self.tr("enter the share of the port the bridge carries") if not str(share_t).strip()
                            else self.tr("the share must be a percentage above 0 and at most 100, not “{t}”").format(
                                t=share_t)), 1
            if why is not None:
                bad[(i, col)] = why
                problems.append(self.tr("Bridge {who}: {why}; left out until corrected.").format(who=who, why=why))
                continue
            if code not in closed:
                problems.append(self.tr("Bridge {who}: the share counts only while {who} is closed (add it to "
                                        "“Close ports”).").format(who=code))
            bridges.append((code, share / 100.0))   # type: ignore[operator]
        self.bridge_table.mark(bad)
        fields = {"new_crossings": tuple(new), "capacity_overrides": tuple(ovs), "bridge_shares": tuple(bridges),
                  "southbound_ratio": self.southbound_spin.value() / 100.0,
                  "max_detour_km": self.detour_spin.value()}
        self.message.setText("\n".join(problems))
        self.message.setVisible(bool(problems))
        return fields, problems

    @staticmethod
    def fields_of(st: ScenarioState) -> dict:
        return {"new_crossings": st.new_crossings, "capacity_overrides": st.capacity_overrides,
                "bridge_shares": st.bridge_shares, "southbound_ratio": st.southbound_ratio,
                "max_detour_km": st.max_detour_km}

    def show_state(self, st: ScenarioState, closed=()) -> None:
        """Write ``st``'s fields into the widgets, unless they hold them already (so a row being
        typed, not valid yet, stays while the valid ones reach the session)."""
        fields, _p = self.values(closed)
        want = self.fields_of(st)
        blocked = [w.blockSignals(True) for w in (self.southbound_spin, self.detour_spin)]
        try:
            self.southbound_spin.setValue(st.southbound_ratio * 100)
            self.detour_spin.setValue(st.max_detour_km)
        finally:
            for w, b in zip((self.southbound_spin, self.detour_spin), blocked):
                w.blockSignals(b)
        for key, table, rows in (
                ("new_crossings", self.new_table,
                 [(n, _num_text(lo), _num_text(la), m, _num_text(c)) for n, lo, la, m, c in st.new_crossings]),
                ("capacity_overrides", self.override_table,
                 [(p, m, u, _num_text(v)) for p, m, v, u in st.capacity_overrides]),
                ("bridge_shares", self.bridge_table, [(p, _num_text(round(s * 100, 6))) for p, s in st.bridge_shares])):
            if fields[key] != want[key]:
                table.set_rows(rows)
        self.values(closed)

    def count(self, st: ScenarioState) -> int:
        """How many settings of the section differ from the defaults (for its title)."""
        return (len(st.new_crossings) + len(st.capacity_overrides) + len(st.bridge_shares)
                + (st.southbound_ratio != 1.0) + (st.max_detour_km != DEFAULT_MAX_DETOUR_KM))


class ScenarioPanel(QWidget):
    computed = Signal(object)
    observedShown = Signal(object)
    #: map bounds (metres) of the closed and receiving ports, after a run asked for with the Run button
    zoomRequested = Signal(object)

    def __init__(self, parent=None, session=None):
        super().__init__(parent)
        self.session = session
        self._cache: dict = {}
        self._task = None
        self._want_run = False
        self._want_observed = False
        self._live = False             # once a scenario has run, moving a control recomputes it
        self._month_chosen = False     # the user picked the observed month (else: the period end)
        self.result: dict | None = None
        self._last_state: ScenarioState | None = None   # the settings of the last run started
        self.kept_a: dict | None = None
        self.observed_data: dict | None = None
        self.company: CompanyView | None = None      # the company section of the result shown
        self._company_source = None                  # () -> (network, routes | None) | None
        self.overlay = ScenarioOverlay(self)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._launch)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll)
        body = QWidget(self.scroll)
        self.scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)

        # -- the settings
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)   # a narrow dock puts fields under their labels
        self.ports_edit = QLineEdit(self)
        self.ports_edit.setPlaceholderText(self.tr("port codes, e.g. 2304, 2401"))
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(0, 365)
        self.days_spin.setSuffix(self.tr(" days"))
        self.days_slider = QSlider(Qt.Horizontal, self)
        self.days_slider.setRange(0, DAYS_SLIDER_MAX)
        self.capacity_spin = QDoubleSpinBox(self)
        self.capacity_spin.setRange(0, 100)
        self.capacity_spin.setDecimals(0)
        self.capacity_spin.setSuffix(" %")
        self.capacity_slider = QSlider(Qt.Horizontal, self)
        self.capacity_slider.setRange(0, 100)
        self.latest_box = QCheckBox(self.tr("Latest full year"), self)
        self.latest_box.setToolTip(self.tr("The latest full year of DOT1 flows the store holds (the default)"))
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for e in (self.from_edit, self.to_edit):
            e.setDisplayFormat("yyyy-MM")
            e.setDateRange(QDate(1993, 1, 1), QDate(2035, 12, 1))
        self.tariff_spin = QDoubleSpinBox(self)
        self.tariff_spin.setRange(0, 500)
        self.tariff_spin.setSuffix(" %")
        self.hs_edit = QLineEdit(self)
        self.hs_edit.setPlaceholderText(self.tr("all chapters"))
        self.usmca_spin = QDoubleSpinBox(self)
        self.usmca_spin.setRange(0, 100)
        self.usmca_spin.setSuffix(" %")
        self.elasticity_spin = QDoubleSpinBox(self)
        self.elasticity_spin.setRange(0, 50)
        self.elasticity_spin.setSingleStep(0.5)
        form.addRow(self.tr("Close ports"), self.ports_edit)
        form.addRow(self.tr("Days"), self._pair(self.days_slider, self.days_spin))
        form.addRow(self.tr("Capacity kept"), self._pair(self.capacity_slider, self.capacity_spin))
        period = QHBoxLayout()
        period.addWidget(self.from_edit, 1)
        period.addWidget(QLabel("–", self))
        period.addWidget(self.to_edit, 1)
        form.addRow(self.tr("Flows of"), self.latest_box)
        form.addRow("", period)
        form.addRow(self.tr("Tariff on MX imports"), self.tariff_spin)
        form.addRow(self.tr("HS chapters"), self.hs_edit)
        form.addRow(self.tr("USMCA-exempt share"), self.usmca_spin)
        form.addRow(self.tr("Trade elasticity"), self.elasticity_spin)
        lay.addLayout(form)

        # -- added capacity and the assumptions behind the reassignment (folded until used)
        self.capacity_toggle = QToolButton(self)
        self.capacity_toggle.setCheckable(True)
        self.capacity_toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.capacity_toggle.setArrowType(Qt.RightArrow)
        self.capacity_toggle.setAutoRaise(True)
        self.capacity_toggle.setToolTip(self.tr("New crossings, capacity changes per port, one bridge of a port, "
                                                "southbound capacity and the longest detour"))
        lay.addWidget(self.capacity_toggle)
        self.capacity = CapacityEditor(self)
        self.capacity.known_ports = self._known_ports
        self.capacity.hide()
        lay.addWidget(self.capacity)

        # -- the actions
        buttons = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.setToolTip(self.tr("Compute the scenario; once run, moving a control recomputes it"))
        self.run_button.setDefault(True)
        self.keep_button = QToolButton(self)
        self.keep_button.setText(self.tr("Keep as A"))
        self.keep_button.setToolTip(self.tr("Keep this result as scenario A; change the settings and run B to "
                                            "compare them side by side"))
        self.keep_button.setEnabled(False)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Reopen every port and remove the tariff (the map clears)"))
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Save Results as CSV…"), lambda: self.export_results(fmt="csv"))
        menu.addAction(self.tr("Save Results as Excel…"), lambda: self.export_results(fmt="xlsx"))
        menu.addAction(self.tr("Copy Results"), self.copy_results)
        self.export_button.setMenu(menu)
        self.export_button.setEnabled(False)
        for b in (self.run_button, self.keep_button, self.clear_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.summary = QLabel(self.tr("Close a port and run the scenario."), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.summary)

        # -- the results
        self.tabs = QTabWidget(self)
        self.table = self._table([self.tr("Receiving port"), self.tr("Mode"), self.tr("Value rerouted"),
                                  self.tr("Load → while closed"), self.tr("Capacity"), self.tr("Of capacity")])
        ports_page = QWidget(self)
        pl = QVBoxLayout(ports_page)
        pl.setContentsMargins(2, 2, 2, 2)
        pl.addWidget(self.table)
        self.table_note = QLabel(self.tr("Loads and capacities in loaded containers a month, northbound (Border "
                                         "Crossing counts); load while closed against capacity coloured as on "
                                         "the map; value in US$ over the days closed."), self)
        self.table_note.setWordWrap(True)
        self.table_note.setStyleSheet("color:#666")
        pl.addWidget(self.table_note)
        self.tabs.addTab(ports_page, self.tr("Receiving"))
        self.tabs.setTabToolTip(0, self.tr("Value rerouted by receiving port, load against capacity"))

        cmp_page = QWidget(self)
        cl = QVBoxLayout(cmp_page)
        cl.setContentsMargins(2, 2, 2, 2)
        self.compare_note = QLabel(self.tr("Press “Keep as A” to keep this result, change the settings and run "
                                           "again: A and B show here side by side."), self)
        self.compare_note.setWordWrap(True)
        cl.addWidget(self.compare_note)
        self.compare = self._table([self.tr("Figure"), "A", "B", self.tr("B − A")])
        head = self.compare.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.Interactive)   # the names wrap; the figures get the room
        for c in (1, 2, 3):
            head.setSectionResizeMode(c, QHeaderView.Stretch)
        self.compare.setColumnWidth(0, 112)
        self.compare.setWordWrap(True)
        self.compare.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        cl.addWidget(self.compare)
        self.tabs.addTab(cmp_page, self.tr("A / B"))

        obs_page = QWidget(self)
        ol = QVBoxLayout(obs_page)
        ol.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Month"), self))
        self.month_edit = QDateEdit(self)
        self.month_edit.setDisplayFormat("MMM yyyy")
        self.month_edit.setDateRange(QDate(1996, 1, 1), QDate(2035, 12, 1))
        row.addWidget(self.month_edit)
        self.month_hint = QLabel(self.tr("against the month before"), self)
        self.month_hint.setStyleSheet("color:#666")
        self.month_hint.setWordWrap(True)
        row.addWidget(self.month_hint, 1)
        ol.addLayout(row)
        self.chart = QLabel(self)
        self.chart.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.chart.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.chart.setWordWrap(True)
        self.chart.setText(self.tr("Run a scenario: the observed change of the affected and neighbouring ports "
                                   "shows here beside the model's prediction."))
        ol.addWidget(self.chart)
        self.counts = self._table([self.tr("Port")])
        ol.addWidget(self.counts)
        self.tabs.addTab(obs_page, self.tr("Observed"))
        self.tabs.setTabToolTip(2, self.tr("Observed vs predicted: the counts around a month beside the model"))

        self.company_page = QWidget(self)
        kl = QVBoxLayout(self.company_page)
        kl.setContentsMargins(2, 2, 2, 2)
        self.company_note = QLabel(self)
        self.company_note.setWordWrap(True)
        self.company_note.setTextInteractionFlags(Qt.TextSelectableByMouse)
        kl.addWidget(self.company_note)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show"), self))
        self.company_combo = QComboBox(self)
        self.company_combo.addItem(self.tr("Lanes through the closed ports"), "lanes")
        self.company_combo.addItem(self.tr("Customers and suppliers"), "facilities")
        self.company_combo.addItem(self.tr("Tariff by lane"), "tariff")
        row.addWidget(self.company_combo, 1)
        kl.addLayout(row)
        self.company_table = self._table([""])
        self.company_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.company_table.setMinimumHeight(280)
        kl.addWidget(self.company_table)
        self.company_units = QLabel(self)
        self.company_units.setWordWrap(True)
        self.company_units.setStyleSheet("color:#666")
        kl.addWidget(self.company_units)
        self.tabs.addTab(self.company_page, self.tr("Company"))
        self.tabs.setTabToolTip(self.tabs.indexOf(self.company_page),
                                self.tr("The company's lanes and facilities hit (with a company network)"))
        self.tabs.setTabVisible(self.tabs.indexOf(self.company_page), False)

        self.assumptions = QLabel(self)
        self.assumptions.setWordWrap(True)
        self.assumptions.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.assumptions.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.assumptions.setContentsMargins(4, 4, 4, 4)
        notes = QScrollArea(self)   # the assumptions scroll on their own: the other pages keep their height
        notes.setWidgetResizable(True)
        notes.setFrameShape(QFrame.NoFrame)
        notes.setWidget(self.assumptions)
        self.tabs.addTab(notes, self.tr("Assumptions"))
        lay.addWidget(self.tabs, 1)

        # -- binding
        self.show_state(session.get(PART) if session is not None else ScenarioState())
        if session is not None:
            session.part_changed.connect(self._part_changed)
        for sig in (self.ports_edit.editingFinished, self.hs_edit.editingFinished):
            sig.connect(self._to_session)
        for spin in (self.days_spin, self.capacity_spin, self.tariff_spin, self.usmca_spin, self.elasticity_spin):
            spin.valueChanged.connect(lambda _v: self._controls_changed())
        self.days_slider.valueChanged.connect(lambda v: self._slide(self.days_spin, v))
        self.capacity_slider.valueChanged.connect(lambda v: self._slide(self.capacity_spin, v))
        self.days_spin.valueChanged.connect(lambda v: self._quiet(self.days_slider, min(int(v), DAYS_SLIDER_MAX)))
        self.capacity_spin.valueChanged.connect(lambda v: self._quiet(self.capacity_slider, int(round(v))))
        for s in (self.days_slider, self.capacity_slider):
            s.sliderReleased.connect(self._to_session)
        self.latest_box.toggled.connect(self._period_toggled)
        for e in (self.from_edit, self.to_edit):
            e.dateChanged.connect(lambda _d: self._controls_changed())
        self.month_edit.dateChanged.connect(self._month_changed)
        self.tabs.currentChanged.connect(lambda _i: self._observed_wanted())
        self.run_button.clicked.connect(self.run)
        self.keep_button.clicked.connect(self.keep_as_a)
        self.clear_button.clicked.connect(self.clear)
        self.capacity_toggle.toggled.connect(self._fold_capacity)
        self.capacity.edited.connect(self._capacity_edited)
        self.company_combo.currentIndexChanged.connect(lambda _i: self._fill_company())

    @staticmethod
    def _pair(slider: QSlider, spin) -> QWidget:
        w = QWidget()
        h = QHBoxLayout(w)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(slider, 1)
        spin.setMinimumWidth(84)
        h.addWidget(spin)
        return w

    def _table(self, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers), self)
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QAbstractItemView.NoEditTriggers)
        t.verticalHeader().setVisible(False)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        t.verticalHeader().setDefaultSectionSize(22)
        t.setMinimumHeight(170)
        return t

    @staticmethod
    def _quiet(w, value) -> None:
        w.blockSignals(True)
        w.setValue(value)
        w.blockSignals(False)

    def _slide(self, spin, value: int) -> None:
        if spin.value() != value:
            spin.setValue(value)

    # --- the session part -----------------------------------------------------------------------
    def show_state(self, st: ScenarioState) -> None:
        self._showing = True
        try:
            self.ports_edit.setText(", ".join(st.closed))
            self.days_spin.setValue(st.days)
            self.capacity_spin.setValue(st.capacity_pct)
            self.tariff_spin.setValue(st.tariff_pct)
            self.hs_edit.setText(", ".join(st.hs_chapters))
            self.usmca_spin.setValue(st.usmca_share * 100)
            self.elasticity_spin.setValue(st.elasticity)
            self.latest_box.setChecked(st.period is None)
            if st.period is not None:
                self.from_edit.setDate(_qdate(st.period[0]))
                self.to_edit.setDate(_qdate(st.period[1]))
            elif self.result is None:
                self._show_default_period()
            self.from_edit.setEnabled(st.period is not None)
            self.to_edit.setEnabled(st.period is not None)
            self.capacity.show_state(st, st.closed)
            self._capacity_title(st)
            if self.capacity.count(st) and not self.capacity_toggle.isChecked():
                self.capacity_toggle.setChecked(True)   # settings a project or bookmark brings are seen
                self._fold_capacity(True)
        finally:
            self._showing = False

    # --- added capacity --------------------------------------------------------------------------
    def _capacity_title(self, st: ScenarioState) -> None:
        n = self.capacity.count(st)
        text = self.tr("Add capacity and detour settings")
        self.capacity_toggle.setText(text + (self.tr(" ({n} set)").format(n=n) if n else ""))

    def _fold_capacity(self, on: bool) -> None:
        self.capacity_toggle.setArrowType(Qt.DownArrow if on else Qt.RightArrow)
        self.capacity.setVisible(on)

    def _capacity_edited(self) -> None:
        self._controls_changed()
        try:
            self._capacity_title(self.state())
        except ValueError:
            pass

    def _known_ports(self) -> dict[str, str] | None:
        """The border's ports (code -> name) of the last base read, to check codes as they are typed."""
        for key, value in list(self._cache.items()):
            if isinstance(key, tuple) and len(key) == 2 and hasattr(value, "names"):
                return value.names
        return None

    def set_point_picker(self, picker, cancel=None) -> None:
        """``picker(on_point(lon, lat), on_cancel)``: "Pick on Map" places a new crossing where
        the map is clicked next (the window passes its canvas's ``pick_point`` and ``cancel_pick``)."""
        self.capacity.set_point_picker(picker, cancel)

    # --- the company network ---------------------------------------------------------------------
    def set_company_source(self, source) -> None:
        """``source()`` gives the company network the window holds and its lanes' routes as the
        network panel computed them: ``(network, routes)``, routes None when not computed yet
        (they are then routed in the scenario's worker), or None without a network."""
        self._company_source = source
        self.company_changed()

    def company_changed(self) -> None:
        """The company network or its routes changed: a scenario shown is computed again."""
        has = self._company() is not None
        self.tabs.setTabVisible(self.tabs.indexOf(self.company_page), has or self.company is not None)
        if self._live and self.result is not None and (has or self.result.get("company_lanes") is not None):
            self._request()

    def _company(self):
        """``(network, routes, anonymise)`` for :func:`compute`, or None without company lanes."""
        if self._company_source is None:
            return None
        got = self._company_source()
        if not got:
            return None
        network, routes = got
        if not network or not getattr(network, "lanes", None):
            return None
        anonymise = ""
        if self.session is not None:
            try:
                anonymise = str(getattr(self.session.get("network_display"), "anonymise", "") or "")
            except KeyError:
                anonymise = ""
        return network, routes, anonymise

    def _show_default_period(self) -> None:
        from geo.analysis.scenario import latest_full_year

        store = self.session.store if self.session is not None else None
        try:
            lo_hi = latest_full_year(store) if store is not None else None
        except Exception:  # a store still opening: the dates wait for the first run
            lo_hi = None
        if lo_hi:
            self.from_edit.setDate(_qdate(lo_hi[0]))
            self.to_edit.setDate(_qdate(lo_hi[1]))

    def state(self) -> ScenarioState:
        base = self.session.get(PART) if self.session is not None else ScenarioState()
        split = lambda t: tuple(x.strip() for x in t.split(",") if x.strip())  # noqa: E731
        period = None
        if not self.latest_box.isChecked():
            lo, hi = _ym(self.from_edit.date()), _ym(self.to_edit.date())
            period = (min(lo, hi), max(lo, hi))
        closed = split(self.ports_edit.text())
        capacity, _problems = self.capacity.values([c.zfill(4) if c.isdigit() else c for c in closed])
        return replace(base, closed=closed, days=self.days_spin.value(),
                       capacity_pct=self.capacity_spin.value(), tariff_pct=self.tariff_spin.value(),
                       hs_chapters=split(self.hs_edit.text()), usmca_share=self.usmca_spin.value() / 100,
                       elasticity=self.elasticity_spin.value(), period=period, **capacity)

    def _period_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(not on)
        self.to_edit.setEnabled(not on)
        self._controls_changed()

    def _controls_changed(self) -> None:
        if getattr(self, "_showing", False):
            return
        if self._live:
            self._request()
        if not (self.days_slider.isSliderDown() or self.capacity_slider.isSliderDown()):
            self._to_session()

    def _to_session(self) -> None:
        if getattr(self, "_showing", False) or self.session is None:
            return
        try:
            st = self.state()
        except ValueError:
            return
        if st != self.session.get(PART):
            self.session.set(PART, st)

    def _part_changed(self, name: str, value) -> None:
        if name != PART:
            return
        self.show_state(value)
        if not value.active:
            self._clear_results()
        elif self._live and value != self._last_state:
            self._request()

    # --- computing -----------------------------------------------------------------------------
    def run(self) -> None:
        """Compute now (the Run button)."""
        self._debounce.stop()
        self._want_run = True
        self._zoom_next = True
        self._launch()

    def _request(self) -> None:
        self._want_run = True
        self._debounce.start()

    def _observed_wanted(self) -> None:
        if self.tabs.currentIndex() == 2 and self.result is not None and (
                self.observed_data is None or self.observed_data.get("month") != self.month()
                or self.observed_data.get("closure") is not self.result["closure"]):
            self._want_observed = True
            if not self._debounce.isActive():
                self._debounce.start()

    def month(self) -> int:
        return _ym(self.month_edit.date())

    def _month_changed(self, _d) -> None:
        if not getattr(self, "_showing_month", False):
            self._month_chosen = True
        self._observed_wanted()

    def _launch(self) -> None:
        """Start the waiting work unless a run is in flight (it starts again when that ends)."""
        if self._task is not None or getattr(self, "_closing", False) or not (self._want_run or self._want_observed):
            return
        store = self.session.store if self.session is not None else None
        if store is None:
            self._want_run = self._want_observed = False
            self.summary.setText(self.tr("No trade store is open."))
            return
        from desktop.base.workers import start

        try:
            st = self.state()
        except ValueError as exc:
            self._want_run = False
            self.summary.setText(str(exc))
            return
        run = self._want_run
        if run:
            self._last_state = st
        want_obs = self._want_observed or (run and self.tabs.currentIndex() == 2)
        self._want_run = self._want_observed = False
        if run and not st.active:
            self._clear_results()
            self.summary.setText(self.tr("Close a port (or set a tariff) and run the scenario."))
            return
        if run:
            self.run_button.setEnabled(False)
            self.summary.setText(self.tr("Computing…"))
        month = self.month() if self._month_chosen or not run else None
        previous = self.result
        width = self._chart_width()
        dpr = self.devicePixelRatioF()
        cache = self._cache
        company = self._company() if run else None

        def work(_progress):
            data = compute(store, st, cache, company) if run else None
            closure = (data or previous or {}).get("closure")
            obs = None
            if want_obs and closure is not None:
                m = month if month is not None else closure.period[1]
                obs = observed(store, closure, m, width, dpr, observed_texts(m, closure))
                obs["closure"] = closure
                obs["width"] = width
            return data, obs

        self._task = start(work, self._finished, self._failed)

    def shutdown(self, timeout_ms: int = 30000) -> None:
        """Stop computing before the store closes: drop waiting work and wait for a run in flight
        (its queries must end before the window closes the store)."""
        self._debounce.stop()
        self._want_run = self._want_observed = False
        self._closing = True
        if self._task is not None:
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone(timeout_ms)

    def _finished(self, out) -> None:
        self._task = None
        if getattr(self, "_closing", False):
            return
        self.run_button.setEnabled(True)
        data, obs = out
        if data is not None:
            self._live = True
            self.show_results(data)
            if getattr(self, "_zoom_next", False) and self.overlay.bounds() is not None:
                self.zoomRequested.emit(self.overlay.bounds())
            self._zoom_next = False
            self.computed.emit(data)
        if obs is not None:
            self.show_observed(obs)
        self._launch()

    def _failed(self, exc) -> None:
        self._task = None
        if getattr(self, "_closing", False):
            return
        self.run_button.setEnabled(True)
        m = getattr(exc, "message", None)
        self.summary.setText(word(m) if m is not None else str(exc))
        self.overlay.clear()
        self._launch()

    # --- results ---------------------------------------------------------------------------------
    def scenario_title(self, data: dict) -> str:
        return self.tr("Scenario: {what}").format(what=self.describe(data))

    def describe(self, data: dict) -> str:
        """"Ysleta closed for 7 days (flows of Jan 2023–Dec 2023)", with the tariff if any."""
        res = data["closure"]
        st = res.state
        smap = data.get("map")
        names = ", ".join(c.name for c in smap.closed) if smap is not None else ""
        names = names or ", ".join(st.closed)
        tariff = self.tr("tariff of {t:g}%").format(t=st.tariff_pct) if st.tariff_pct > 0 else ""
        if not st.closed:
            return tariff
        how = (self.tr("closed") if st.capacity_pct == 0
               else self.tr("at {p:g}% of capacity").format(p=st.capacity_pct))
        text = self.tr("{ports} {how} for {d} days (flows of {lo}–{hi})").format(
            ports=names, how=how, d=res.days, lo=month_label(res.period[0]), hi=month_label(res.period[1]))
        extra = []
        port_name = {c.port: c.name for c in smap.closed} if smap is not None else {}
        for port, share in st.bridge_shares:   # a share counts only for a closed port (the model's rule)
            if port in st.closed:
                extra.append(self.tr("only one bridge of {port}, {s:g}% of the port").format(
                    port=port_name.get(port, port), s=round(share * 100, 4)))
        if st.new_crossings:
            extra.append(self.tr("new crossings: {names}").format(names=", ".join(n for n, *_r in st.new_crossings)))
        if st.capacity_overrides:
            extra.append(self.tr("capacity changed at {ports}").format(
                ports=", ".join(dict.fromkeys(p for p, *_r in st.capacity_overrides))))
        text = "; ".join([text, *extra])
        return f"{text}; {tariff}" if tariff else text

    def show_results(self, data: dict) -> None:
        self.result = data
        res = data["closure"]
        if res.days_to_clear is None:
            clear = self.tr("the backlog does not clear (a reopened port has no headroom: see the assumptions)")
        else:
            clear = self.tr("the backlog clears {d:.1f} days after reopening").format(d=res.days_to_clear)
        vd = (self.tr("unbounded") if math.isinf(res.value_days) else format_usd(res.value_days))
        text = self.tr("Affected {a} over {n} days: rerouted {r}, delayed {d} ({vd} value-days); {c}; "
                       "{km:,.0f} extra truck-km.").format(
            a=format_usd(res.affected_value), n=res.days, r=format_usd(res.rerouted_value),
            d=format_usd(res.delayed_value), vd=vd, c=clear, km=res.extra_truck_km)
        tr = data.get("tariff")
        if tr is not None:
            text += " " + self.tr("Tariff: {v} of {t} at risk.").format(v=format_usd(tr.total_at_risk),
                                                                       t=format_usd(tr.total_value))
        self.show_company(data)
        cv = self.company
        if cv is not None:
            text += " " + self.tr("Company: {h} of {n} lanes hit, {v} at risk (see Company).").format(
                h=len(cv.hit), n=f"{cv.lanes:,}", v=format_usd(cv.at_risk))
        self.summary.setText(text)
        self.table.setRowCount(len(res.reroutes))
        for i, r in enumerate(res.reroutes):
            ratio = r.predicted_load / r.capacity if r.capacity > 0 else None
            cells = [f"{r.name} ({r.port})", MODES[r.mode][0], format_usd(r.value),
                     f"{format_count(r.load)} → {format_count(r.predicted_load)}", format_count(r.capacity),
                     f"{ratio:.0%}" if ratio is not None else "—"]
            for j, c in enumerate(cells):
                item = QTableWidgetItem(c)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if j == 5:  # the map's colour of the port's load class
                    item.setBackground(QColor(CLASS_COLOURS[load_class(ratio)]).lighter(150))
                self.table.setItem(i, j, item)
        self.assumptions.setText("\n".join("• " + word(m) for m in results_assumptions(res, tr)))
        self.overlay.set_map(data.get("map"), self.scenario_title(data))
        self.keep_button.setEnabled(True)
        self.export_button.setEnabled(True)
        if not self._month_chosen:
            self._showing_month = True
            self.month_edit.setDate(_qdate(res.period[1]))
            self._showing_month = False
        self.show_compare()
        self._observed_wanted()

    def _clear_results(self) -> None:
        self._live = False
        self._want_run = False
        self._debounce.stop()
        self.result = None
        self.observed_data = None
        self.overlay.clear()
        self.table.setRowCount(0)
        self.assumptions.setText("")
        self.show_company({})
        self.summary.setText(self.tr("Close a port and run the scenario."))
        self.keep_button.setEnabled(False)
        self.export_button.setEnabled(self.kept_a is not None)
        self.show_compare()

    def clear(self) -> None:
        """Reopen every port and remove the tariff: the results and the map clear."""
        if self.session is not None:
            st = self.session.get(PART)
            if st.active:
                self.session.set(PART, replace(st, closed=(), tariff_pct=0.0))
        self._clear_results()

    # --- the company ------------------------------------------------------------------------------
    def show_company(self, data: dict) -> None:
        """The company section of ``data`` (run with the company's lanes), hidden without a network."""
        n = data.get("company_lanes")
        closure = data.get("closure")
        has = self._company() is not None
        self.company = company_view(closure, data.get("tariff"), n) if n is not None and closure else None
        self.tabs.setTabVisible(self.tabs.indexOf(self.company_page), has or self.company is not None)
        cv = self.company
        if cv is None:
            self.company_note.setText(self.tr("Run a scenario: the company's lanes through the closed ports and "
                                              "the customers and suppliers behind them show here."))
            self.company_table.setRowCount(0)
            self.company_units.setText("")
            return
        days = closure.days
        if cv.hit:
            km = []
            if cv.extra_truck_km:
                km.append(self.tr("{k} extra truck-km").format(k=format_count(cv.extra_truck_km)))
            if cv.extra_rail_km:
                km.append(self.tr("{k} extra rail container-km").format(k=format_count(cv.extra_rail_km)))
            text = self.tr("{h} of the company's {n} lanes cross at the closed ports: {v} at risk over the {d} days, "
                           "{r} rerouted and {w} delayed; {f} facilities on them.").format(
                h=len(cv.hit), n=f"{cv.lanes:,}", v=format_usd(cv.at_risk), d=days, r=format_usd(cv.rerouted),
                w=format_usd(cv.delayed), f=cv.facilities_hit)
            if km:
                text += " " + ", ".join(km) + "."
        elif closure.state.closed:
            text = self.tr("None of the company's {n} lanes crosses at the closed ports.").format(n=f"{cv.lanes:,}")
        else:
            text = ""
        if cv.tariff_at_risk is not None:
            counted = sum(1 for r in cv.tariff if r.get("status") == "counted")
            text += (" " if text else "") + self.tr("Tariff: {v} a year at risk on {c} company lanes from "
                                                    "Mexico.").format(v=format_usd(cv.tariff_at_risk), c=counted)
            if cv.hs_unknown:
                text += " " + self.tr("{u} lanes without an HS chapter are listed, not counted.").format(
                    u=cv.hs_unknown)
        self.company_note.setText(text)
        tariff_item = self.company_combo.model().item(2)
        tariff_item.setEnabled(bool(cv.tariff))
        if self.company_combo.currentData() == "tariff" and not cv.tariff:
            self.company_combo.setCurrentIndex(0)
        self._fill_company()

    def _fill_company(self) -> None:
        """The company table of the view chosen: one wrapped text column saying what the row is
        (lane, ends, port, via; facility, type, side) and the figures beside it, narrow enough
        for the dock."""
        cv, t = self.company, self.company_table
        if cv is None:
            t.setRowCount(0)
            return
        what = self.company_combo.currentData()
        smap = (self.result or {}).get("map")
        names = dict(self._known_ports() or {})
        if smap is not None:
            names.update({c.port: c.name for c in (*smap.closed, *smap.receiving)})
        ends = lambda r: f"{r.get('from_name') or r['from']} → {r.get('to_name') or r['to']}"  # noqa: E731
        money = lambda v: format_usd(v) if v is not None else "—"  # noqa: E731
        rows: list[tuple[str, list[str], str]] = []     # (what, figures, tooltip)
        if what == "facilities":
            heads = [self.tr("Facility"), self.tr("Lanes hit"), self.tr("At risk")]
            if cv.tariff_at_risk is not None:
                heads.append(self.tr("Tariff a year"))
            side = {"from": self.tr("ships (supplier side)"), "to": self.tr("receives (customer side)")}
            for f in cv.facilities:
                name = f"{f.name} ({f.facility})" if f.name and f.name != f.facility else f.facility
                text = f"{name}\n{' · '.join(x for x in (f.type, side.get(f.role, f.role)) if x)}"
                figs = [f"{f.lanes:,}" if f.lanes else "—", money(f.at_risk)]
                if cv.tariff_at_risk is not None:
                    figs.append(money(f.tariff_at_risk))
                rows.append((text, figs, text))
            units = self.tr("A facility counts on the side it is on: it ships on the lane (the supplier side) or "
                            "receives (the customer side). At risk: US$ over the {d} days closed; tariff: US$ a "
                            "year.")
        elif what == "tariff":
            heads = [self.tr("Lane"), self.tr("Value a year"), self.tr("At risk a year")]
            status = {"counted": self.tr("counted"), "not_covered": self.tr("chapter not covered"),
                      "hs_unknown": self.tr("HS unknown: not counted"), "no_value": self.tr("no value")}
            for r in cv.tariff:
                hs = r.get("hs") or ""
                detail = " · ".join(x for x in (
                    self.tr("HS {hs}").format(hs=hs) if hs and hs != "HS unknown" else "",
                    names.get(r.get("port") or "", r.get("port") or ""),
                    status.get(r.get("status"), r.get("status") or "")) if x)
                text = f"{r['lane']} · {ends(r)}\n{detail}"
                rows.append((text, [money(r.get("value_usd")), money(r.get("value_at_risk_usd"))], text))
            units = self.tr("Lanes from a Mexican to a US facility; US$ a year: the lane's annual value × the "
                            "tariff's share at risk where its HS chapter is covered.")
        else:
            heads = [self.tr("Lane"), self.tr("At risk"), self.tr("Rerouted"), self.tr("Delayed"),
                     self.tr("Extra km")]
            several = len({r["port"] for r in cv.hit}) > 1      # else the port is the one the summary names
            for r in cv.hit:
                port = names.get(r["port"], r["port"])
                via = r.get("via_name") or r.get("via") or ""
                detour = r.get("detour_km")
                how = (self.tr("via {port}, {km:+,.0f} km").format(port=via, km=detour) if via and detour is not None
                       else self.tr("via {port}").format(port=via) if via else self.tr("waits: no port took it"))
                where = f"{r.get('mode', '')}, {port}" if several else r.get("mode", "")
                text = f"{r['lane']} ({where}) · {ends(r)}\n{how}"
                extra = r.get("extra_km")
                unit = self.tr("truck-km") if r.get("extra_unit", "truck_km") == "truck_km" else \
                    self.tr("rail container-km")
                rows.append((text, [money(r["value_at_risk_usd"]), money(r.get("rerouted_value_usd") or 0.0),
                                    money(r.get("delayed_value_usd") or 0.0),
                                    format_count(extra) if extra is not None else "—"],
                             text + (f"\n{format_count(extra)} {unit}" if extra is not None else "")))
            units = self.tr("US$ over the {d} days closed. Via: the receiving port adding the least detour from the "
                            "lane's own origin to its destination; extra km: the lane's rerouted loaded containers × "
                            "that detour (truck-km, or rail container-km on rail lanes; great-circle).")
        d = self.result["closure"].days if self.result is not None else 0
        self.company_units.setText(units.format(d=d))
        t.setColumnCount(len(heads))
        t.setHorizontalHeaderLabels(heads)
        head = t.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.Stretch)
        for j in range(1, len(heads)):
            head.setSectionResizeMode(j, QHeaderView.ResizeToContents)
        t.setWordWrap(True)
        t.setRowCount(len(rows))
        for i, (text, figs, tip) in enumerate(rows):
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            t.setItem(i, 0, item)
            for j, c in enumerate(figs, start=1):
                item = QTableWidgetItem(c)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignTop)
                item.setToolTip(tip)
                t.setItem(i, j, item)
        t.resizeRowsToContents()

    # --- two scenarios side by side --------------------------------------------------------------
    def keep_as_a(self) -> None:
        if self.result is not None:
            self.kept_a = self.result
            self.show_compare()
            self.tabs.setCurrentIndex(1)

    def show_compare(self) -> None:
        a, b = self.kept_a, self.result
        if a is None:
            self.compare.setRowCount(0)
            self.compare_note.setText(self.tr("Press “Keep as A” to keep this result, change the settings and run "
                                              "again: A and B show here side by side."))
            return
        self.compare_note.setText(self.tr("A: {a}\nB: {b}").format(
            a=self.describe(a), b=self.describe(b) if b is not None else self.tr("run a scenario")))
        rows = compare_rows(a, b or {})
        figs, sets = short_figure_names(), setting_names()
        self.compare.setRowCount(len(rows))
        for i, r in enumerate(rows):
            if r.kind == "figure":
                cells = [figs.get(r.key, r.key), _fmt(r.a, r.unit), _fmt(r.b, r.unit) if b is not None else "—",
                         _fmt(r.diff, r.unit, True)]
            elif r.key == "period":
                cells = [sets.get(r.key, r.key), period_text(r.a), period_text(r.b), ""]
            else:
                cells = [sets.get(r.key, r.key), _setting(r.a), _setting(r.b), ""]
            for j, c in enumerate(cells):
                item = QTableWidgetItem(c)
                item.setToolTip(c)
                if j and r.kind == "figure":
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if r.kind == "setting":
                    item.setForeground(Qt.darkGray)
                self.compare.setItem(i, j, item)

    # --- the table out -----------------------------------------------------------------------------
    def result_tables(self) -> list:
        if self.result is None:
            return []
        tables = scenario_tables(self.result["closure"], self.result.get("tariff"),
                                 company_lanes=self.result.get("company_lanes"))
        if self.kept_a is not None:
            tables.append(compare_table(compare_rows(self.kept_a, self.result)))
        return tables

    def export_results(self, path: str | None = None, fmt: str = "csv") -> Path | None:
        tables = self.result_tables()
        if not tables:
            return None
        if path is None:
            settings = QSettings()
            start = Path(str(settings.value("export/dir", str(Path.home())))) / f"scenario.{fmt}"
            filt = self.tr("Excel workbook (*.xlsx)") if fmt == "xlsx" else self.tr("CSV table (*.csv)")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Scenario Results"), str(start), filt)
            if not path:
                return None
            settings.setValue("export/dir", str(Path(path).parent))
        try:
            return save_tables(tables, path)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Export failed"), str(exc))
            return None

    def copy_results(self) -> str:
        text = to_clipboard_text(self.result_tables())
        QGuiApplication.clipboard().setText(text)
        return text

    # --- checked against what happened -------------------------------------------------------------
    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        drawn = (self.observed_data or {}).get("width")
        if drawn and abs(drawn - self._chart_width()) > 24:   # the chart follows the dock's width
            self._want_observed = True
            self._debounce.start()

    def _chart_width(self) -> int:
        return max(260, self.scroll.viewport().width() - 30)

    def show_observed(self, obs: dict) -> None:
        self.observed_data = obs
        self.observedShown.emit(obs)
        rendered = obs.get("chart")
        if rendered is None:
            self.chart.setPixmap(QPixmap())
            self.chart.setText(self.tr("The store holds no truck counts around {m}.").format(
                m=month_label(obs["month"])))
        else:
            img = QImage(rendered.rgba, rendered.width, rendered.height, QImage.Format_RGBA8888).copy()
            img.setDevicePixelRatio(rendered.dpr)
            self.chart.setPixmap(QPixmap.fromImage(img))
            self.chart.setMinimumHeight(int(rendered.height / rendered.dpr))
        rows = obs["rows"]
        months = [m for m, _v in rows[0].counts] if rows else []
        heads = [self.tr("Port")] + [month_label(m) for m in months] + [self.tr("Observed"), self.tr("Predicted")]
        self.counts.setColumnCount(len(heads))
        self.counts.setHorizontalHeaderLabels(heads)
        self.counts.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [("✕ " if r.role == "closed" else "") + f"{r.name} ({r.port})"]
            cells += [f"{v:,}" for _m, v in r.counts]
            cells += [format_change(r.observed_change) if r.observed_change is not None else "—",
                      format_change(r.predicted_change) if r.predicted_change is not None else "—"]
            for j, c in enumerate(cells):
                item = QTableWidgetItem(c)
                if j:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.counts.setItem(i, j, item)


def short_figure_names() -> dict[str, str]:
    return {"affected_value": _tr("Value affected"), "rerouted_value": _tr("Value rerouted"),
            "delayed_value": _tr("Value delayed"), "value_days": _tr("Value-days at risk"),
            "days_to_clear": _tr("Days to clear"), "extra_truck_km": _tr("Extra truck-km"),
            "tariff_at_risk": _tr("Tariff value at risk"), "company_at_risk": _tr("Company lanes at risk"),
            "company_tariff_at_risk": _tr("Company tariff at risk (a year)")}


def _fmt(v, unit: str, signed: bool = False) -> str:
    if v is None:
        return _tr("does not clear") if unit == "days" and not signed else "—"
    if isinstance(v, float) and math.isinf(v):
        return "∞"
    sign = ("+" if v > 0 else "\u2212" if v < 0 else "") if signed else "\u2212" if v < 0 else ""
    a = abs(v)
    if unit == "usd":
        return sign + format_usd(a)
    if unit == "usd_days":
        return sign + format_usd(a) + "·d"
    if unit == "days":
        return f"{sign}{a:,.1f} d"
    if unit == "km":
        return f"{sign}{format_count(a)}"
    return f"{sign}{a:g}"


def _setting(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(_setting(x) for x in v) or "—"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)
