"""Issue 9 in the window: the import asks before deleting stored rows; Import History undoes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from desktop.dialogs.import_dialog import ImportHistoryDialog, ImportRunner, show_import_history
from tests.conftest_store import empty_store, write_lines

_fixtures = (empty_store,)

DOT3_HEADER = "TRDTYPE,DEPE,COMMODITY2,DISAGMOT,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR"
ROWS = [f"1,2304,{hs},5,2010,{v},0,10,1,X,03,2019" for hs, v in ((84, 100), (85, 200), (86, 300))]


def _total(store) -> int:
    return int(store._cur().execute("SELECT coalesce(sum(value), 0) FROM freight_all").fetchone()[0])


@pytest.mark.parametrize("answer,total", [(False, 600), (True, 100), (None, 600)])
def test_runner_asks_before_deleting(qtbot, empty_store, tmp_path, answer, total):
    full = write_lines(tmp_path / "full.csv", [DOT3_HEADER, *ROWS])
    part = write_lines(tmp_path / "part.csv", [DOT3_HEADER, ROWS[0]])
    empty_store.import_files([full], write_report=False)
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = ImportRunner(empty_store, [str(part)], parent)
    asked = []

    def ask(exc):
        asked.append(exc)
        return answer

    runner.ask_consent = ask
    with qtbot.waitSignal(runner.done, timeout=30000) as blocker:
        runner.start()
    assert len(asked) == 1
    q = asked[0].question()
    assert "part.csv" in q and "2019-03" in q and "2 stored rows" in q and "$500" in q
    assert _total(empty_store) == total
    if answer is None:
        assert blocker.args == [None] and runner.cancelled
    else:
        assert blocker.args[0].import_id is not None and blocker.args[0].replace is answer


def test_history_dialog_undo_and_purge(qtbot, empty_store, tmp_path):
    a = write_lines(tmp_path / "a.csv", [DOT3_HEADER, *ROWS])
    b = write_lines(tmp_path / "b.csv", [DOT3_HEADER, ROWS[0].replace(",100,", ",150,")])
    empty_store.import_files([a], write_report=False)
    empty_store.import_files([b], write_report=False)
    dlg = show_import_history(empty_store)
    qtbot.addWidget(dlg)
    assert isinstance(dlg, ImportHistoryDialog) and dlg.table.rowCount() == 2
    assert dlg.table.item(0, 3).text() == "b.csv"
    dlg.table.selectRow(1)                         # the older import: refused, the reason shown
    assert not dlg.undo_selected() and "#2" in dlg.message.text()
    dlg.table.selectRow(0)
    with qtbot.waitSignal(dlg.changed, timeout=5000):
        assert dlg.undo_selected()
    assert _total(empty_store) == 600 and dlg.table.item(0, 2).text() == "undone"
    dlg.table.selectRow(1)
    assert dlg.purge_selected() == 0               # import #1 replaced nothing
    dlg.table.selectRow(1)
    assert dlg.undo_selected() and _total(empty_store) == 0
