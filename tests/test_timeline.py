"""The period slider is a calendar: gap months are steps too, each source's months are drawn
under it, and a period that spans a gap says so."""
from __future__ import annotations

import pytest

from geo.query.coverage import coverage


@pytest.fixture
def window(trade_window):
    return trade_window


def test_the_calendar_holds_the_gap_months_and_explains_them(window):
    bar = window.trade.filter_bar
    months = bar.months
    # every calendar month from the first to the last held: no jump from Jan 2015 to Jan 2020
    assert months[0] == 201501 and months[-1] == 202412 and len(months) == 120
    assert 201506 in months and 202011 in months
    cov = bar.coverage
    gap = next(g for g in cov.gaps() if g.lo <= 202011 <= g.hi)
    assert gap.reason.code == "coverage.bts_2020_gap"
    # the rows under the slider: one per source, marking exactly the months it holds
    bands = bar.period._bands
    assert len(bands) == len([s for s in cov.sources if s in ("DOT1", "DOT2", "DOT3", "crossings")])
    dot1_row = next(held for (colour, held) in bands if colour.name() == "#c0504d")
    assert dot1_row[months.index(201501)] and not dot1_row[months.index(202011)]


def test_a_period_across_the_gap_says_how_many_months_are_missing(window):
    bar = window.trade.filter_bar
    lo, hi = bar.months.index(202007), bar.months.index(202103)
    bar.period.set_range(lo, hi, emit=True)
    assert window.session.filter.period == (202007, 202103)
    text = bar.period_label.text()
    assert text.startswith("Jul 2020 – Mar 2021") and "3 month(s) of the period have no trade data" in text
    assert "October–December 2020" in bar.period_label.toolTip()


def test_coverage_from_the_store_names_each_source(shared_store):
    cov = coverage(shared_store)
    assert {"DOT1", "DOT3", "crossings"} <= set(cov.sources)
    assert cov.month_note(201501).english().startswith("Jan 2015: DOT1")
