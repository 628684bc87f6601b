"""The filter bar drives the map; imports from the GUI land, report, and can be cancelled."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.conftest import shared_data_or_skip


@pytest.fixture
def window(trade_window):
    return trade_window


def test_store_opens_after_the_first_frame_and_fills_the_bar(window):
    bar = window.trade.filter_bar
    assert bar.isEnabled()
    # the calendar runs from the first to the last month held; the default is the latest full
    # twelve months of port trade (DOT1, through Sep 2024)
    assert bar.months[0] == 201501 and bar.months[-1] == 202512  # 2025: the annual summaries
    assert bar.period_label.text() == "Oct 2023 – Sep 2024"
    assert bar.mode.count() > 3 and bar.commodity.count() > 50
    assert window.content.layers["ports"].style.size_by == "theme_value"


def test_direction_and_period_controls_edit_the_filter(qtbot, window):
    bar, trade = window.trade.filter_bar, window.trade.trade
    bar.direction.setCurrentIndex(bar.direction.findData("export"))
    assert trade.filter.trade_type == "export"
    bar.period.set_range(0, 0, emit=True)
    assert trade.filter.period == (201501, 201501)
    assert bar.period_label.text() == "Jan 2015"
    assert trade.theme.state_values  # Jan 2015 has DOT1: states are shaded
    assert not window.trade.notes.isHidden() or not trade.theme.notes


def test_commodity_search_by_typing(qtbot, window):
    bar, trade = window.trade.filter_bar, window.trade.trade
    bar.period.set_range(bar.months.index(202101), bar.months.index(202112), emit=True)  # port × commodity: DOT3
    bar.commodity.lineEdit().setText("vehicles, other than railway")
    bar.commodity.lineEdit().editingFinished.emit()
    assert trade.filter.commodities == ("87",)
    value_87 = trade.theme.port_values["2304"]
    bar.commodity.lineEdit().setText("")
    bar.commodity.lineEdit().editingFinished.emit()
    assert trade.filter.commodities == ()
    assert trade.theme.port_values["2304"] > value_87


def test_state_shading_shows_in_the_map_and_the_legend(qtbot, window):
    from desktop.canvas.legend import legend_rows

    bar = window.trade.filter_bar
    bar.period.set_range(0, 0, emit=True)
    rows = legend_rows(window.content.layers)
    captions = [extra for kind, _l, extra in rows if kind == "caption"]
    assert any("Trade value by US state" in c and "Jan 2015" in c for c in captions)
    classes = [extra for kind, layer, extra in rows if kind == "class" and layer.id == "states"]
    assert len(classes) >= 3 and classes[-1][0] == "No data"


def _dot3_copy(tmp_path):
    src = shared_data_or_skip("bts", "transborder", "raw", "2020", "dot1_0120.csv")
    dst = tmp_path / "jan2020.csv"
    shutil.copy(src, dst)
    return dst


@pytest.mark.store_writes
def test_import_from_the_gui_lands_and_reports(qtbot, window, tmp_path):
    path = _dot3_copy(tmp_path)
    lines = path.read_text().splitlines()
    lines.insert(5, lines[5].replace(lines[5].split(",")[5], "lots", 1))  # a bad VALUE
    path.write_text("\n".join(lines) + "\n")
    runner = window.trade.import_paths([str(path)])
    with qtbot.waitSignal(runner.done, timeout=60000) as sig:
        pass
    report = sig.args[0]
    assert report is not None and report.rows_loaded > 10000
    assert any(i.line == 6 for i in report.issues)
    dialog = window.trade.last_report_dialog
    assert dialog.table.rowCount() == len(report.issues)
    assert dialog.table.item(0, 1).text() == "6"


@pytest.mark.store_writes
def test_cancelled_import_leaves_the_store_unchanged(qtbot, window, tmp_path):
    store = window.trade.trade.store
    before = store.stats()
    runner = window.trade.import_paths([str(_dot3_copy(tmp_path))])
    runner.token.cancel()
    with qtbot.waitSignal(runner.done, timeout=60000) as sig:
        pass
    assert sig.args[0] is None and "cancel" in runner.error.lower()
    assert store.stats() == before


@pytest.mark.store_writes
def test_dropping_a_file_on_the_window_imports_it(qtbot, window, tmp_path):
    path = _dot3_copy(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(enter)  # Qt only routes drag events during a real drag
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    runner = window.trade.runner
    assert runner is not None and runner.paths == [str(path)]
    with qtbot.waitSignal(runner.done, timeout=60000) as sig:
        pass
    assert sig.args[0].rows_loaded > 10000
