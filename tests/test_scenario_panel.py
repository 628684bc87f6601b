"""The scenario panel (issue 16): its controls are the session's ``scenario`` part and its
table shows the model's figures (the same as ``frontera scenario``)."""
from __future__ import annotations

from desktop.panels.scenario_panel import ScenarioPanel
from geo.analysis.scenario import ScenarioState, build_base, run_scenario
from geo.core.formatting import format_usd


def test_panel_binds_the_session_and_shows_the_models_figures(qtbot, shared_store):
    from geo.session import Session

    session = Session(None, shared_store)
    panel = ScenarioPanel(None, session)
    qtbot.addWidget(panel)
    panel.ports_edit.setText("2401")
    panel.days_spin.setValue(5)
    panel.ports_edit.editingFinished.emit()
    assert session.get("scenario").closed == ("2401",) and session.get("scenario").days == 5
    session.set("scenario", ScenarioState(closed=("2401",), days=6, capacity_pct=10))
    assert panel.days_spin.value() == 6 and panel.capacity_spin.value() == 10
    with qtbot.waitSignal(panel.computed, timeout=120_000):
        panel.run()
    model = run_scenario(build_base(shared_store), session.get("scenario"))
    assert panel.table.rowCount() == len(model.reroutes) > 0
    assert panel.table.item(0, 2).text() == format_usd(model.reroutes[0].value)
    assert format_usd(model.rerouted_value) in panel.summary.text()
    assert "latest full year" in panel.assumptions.text()


def test_view_menu_opens_the_scenario_dock(make_window):
    win = make_window(wait_store=True)
    act = next(a for a in win.findChildren(type(win.menuBar().actions()[0]))
               if a.text().replace("&", "").startswith("What If a Crossing Closes"))
    act.trigger()
    assert win.scenario_dock.isVisibleTo(win) and win.scenario_panel.session is win.session
