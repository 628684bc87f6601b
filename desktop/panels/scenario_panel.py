"""What if a crossing closes? (issue 16) The scenario's controls, bound to the session's
``scenario`` part (so it is saved in projects and bookmarks), and its results: the summary,
the value rerouted by receiving port and every assumption, worded from the model's messages.
The computation runs in a worker (:mod:`desktop.base.workers`); the figures are those of
:func:`geo.analysis.scenario.run_scenario`, the same as ``frontera scenario``."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.base.messages import word
from geo.analysis.scenario import MODES, ScenarioState, build_base, run_scenario, tariff_shock
from geo.core.formatting import format_usd

PART = "scenario"


def compute(store, state: ScenarioState, cache: dict | None = None) -> dict:
    """The scenario's results (closure and, with a tariff, the tariff shock); ``cache`` keeps
    the base of a period so that moving a control only recomputes."""
    key = (id(store), state.period)
    base = cache.get(key) if cache is not None else None
    if base is None:
        base = build_base(store, state.period)
        if cache is not None:
            cache.clear()
            cache[key] = base
    out = {"closure": run_scenario(base, state)}
    if state.tariff_pct > 0:
        out["tariff"] = tariff_shock(store, state, base.period)
    return out


class ScenarioPanel(QWidget):
    computed = Signal(object)

    def __init__(self, parent=None, session=None):
        super().__init__(parent)
        self.session = session
        self._cache: dict = {}
        self._task = None
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.ports_edit = QLineEdit(self)
        self.ports_edit.setPlaceholderText(self.tr("port codes, e.g. 2304, 2401"))
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(0, 365)
        self.capacity_spin = QDoubleSpinBox(self)
        self.capacity_spin.setRange(0, 100)
        self.capacity_spin.setSuffix(" %")
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
        form.addRow(self.tr("Days"), self.days_spin)
        form.addRow(self.tr("Capacity kept"), self.capacity_spin)
        form.addRow(self.tr("Tariff on imports from Mexico"), self.tariff_spin)
        form.addRow(self.tr("HS chapters"), self.hs_edit)
        form.addRow(self.tr("USMCA-exempt share"), self.usmca_spin)
        form.addRow(self.tr("Trade elasticity"), self.elasticity_spin)
        lay.addLayout(form)
        buttons = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run Scenario"), self)
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.summary = QLabel(self.tr("Close a port and run the scenario."), self)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Receiving port"), self.tr("Mode"), self.tr("Value rerouted"),
                                              self.tr("Load / month"), self.tr("Capacity / month")])
        lay.addWidget(self.table)
        self.assumptions = QLabel(self)
        self.assumptions.setWordWrap(True)
        lay.addWidget(self.assumptions)
        self.show_state(session.get(PART) if session is not None else ScenarioState())
        if session is not None:
            session.part_changed.connect(lambda name, v: self.show_state(v) if name == PART else None)
        for sig in (self.ports_edit.editingFinished, self.hs_edit.editingFinished):
            sig.connect(self._to_session)
        for spin in (self.days_spin, self.capacity_spin, self.tariff_spin, self.usmca_spin, self.elasticity_spin):
            spin.valueChanged.connect(lambda _v: self._to_session())
        self.run_button.clicked.connect(self.run)

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
        finally:
            self._showing = False

    def state(self) -> ScenarioState:
        base = self.session.get(PART) if self.session is not None else ScenarioState()
        split = lambda t: tuple(x.strip() for x in t.split(",") if x.strip())  # noqa: E731
        return replace(base, closed=split(self.ports_edit.text()), days=self.days_spin.value(),
                       capacity_pct=self.capacity_spin.value(), tariff_pct=self.tariff_spin.value(),
                       hs_chapters=split(self.hs_edit.text()), usmca_share=self.usmca_spin.value() / 100,
                       elasticity=self.elasticity_spin.value())

    def _to_session(self) -> None:
        if getattr(self, "_showing", False) or self.session is None:
            return
        st = self.state()
        if st != self.session.get(PART):
            self.session.set(PART, st)

    # --- computing -----------------------------------------------------------------------------
    def run(self) -> None:
        store = self.session.store if self.session is not None else None
        if store is None:
            self.summary.setText(self.tr("No trade store is open."))
            return
        from desktop.base.workers import start

        st = self.state()
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Computing…"))
        self._task = start(lambda *_a: compute(store, st, self._cache), self._finished, self._failed)

    def _finished(self, data) -> None:
        self.run_button.setEnabled(True)
        self.show_results(data)
        self.computed.emit(data)

    def _failed(self, exc) -> None:
        self.run_button.setEnabled(True)
        m = getattr(exc, "message", None)
        self.summary.setText(word(m) if m is not None else str(exc))

    def show_results(self, data: dict) -> None:
        res = data["closure"]
        clear = (self.tr("does not clear") if res.days_to_clear is None
                 else self.tr("{d:.1f} days").format(d=res.days_to_clear))
        text = self.tr("Affected {a}: rerouted {r}, delayed {d} ({vd} value-days); backlog clears in {c}; "
                       "{km:,.0f} extra truck-km.").format(
            a=format_usd(res.affected_value), r=format_usd(res.rerouted_value), d=format_usd(res.delayed_value),
            vd=format_usd(res.value_days), c=clear, km=res.extra_truck_km)
        tr = data.get("tariff")
        if tr is not None:
            text += " " + self.tr("Tariff: {v} of {t} at risk.").format(v=format_usd(tr.total_at_risk),
                                                                       t=format_usd(tr.total_value))
        self.summary.setText(text)
        self.table.setRowCount(len(res.reroutes))
        for i, r in enumerate(res.reroutes):
            cells = [f"{r.name} ({r.port})", MODES[r.mode][0], format_usd(r.value),
                     f"{r.load:,.0f} → {r.predicted_load:,.0f}", f"{r.capacity:,.0f}"]
            for j, c in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(c))
        notes = list(res.assumptions) + (list(tr.assumptions) if tr is not None else [])
        self.assumptions.setText("\n".join("• " + word(m) for m in notes))
