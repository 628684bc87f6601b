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
    # ... through December 2025, the last year the annual summaries hold
    assert months[0] == 201501 and months[-1] == 202512 and len(months) == 132
    assert 201506 in months and 202011 in months
    cov = bar.coverage
    gap = next(g for g in cov.gaps() if g.lo <= 202011 <= g.hi)
    assert gap.reason.code == "coverage.bts_2020_gap"
    # the rows under the slider: one per source, marking exactly the months it holds
    bands = bar.period._bands
    assert len(bands) == len([s for s in cov.sources if s in ("DOT1", "DOT2", "DOT3", "crossings", "summaries")])
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


def test_choosing_2025_shades_states_from_the_annual_summaries_and_says_so(window):
    """Whole years are asked as years: 2025, which no raw month holds, is answered by the BTS via
    UNT annual summary; each legend entry states its own period and source, and the port layer,
    which no summary holds, says why it is empty."""
    bar, session = window.trade.filter_bar, window.session
    summary_row = [held for colour, held in bar.period._bands if colour.name() == "#6b8e23"]
    assert summary_row and summary_row[0][bar.months.index(202506)]
    bar.period.set_range(bar.months.index(202501), bar.months.index(202512), emit=True)
    assert session.filter.period == (202501, 202512) and session.filter.granularity == "year"
    theme = session.theme
    direct = session.store.breakdown(session.filter, "us_state").set_index("code")["value"]
    assert theme.state_values["TX"] == direct["TX"] and len(theme.state_values) >= 50
    title = theme.state_title.english()
    assert "Jan 2025 to Dec 2025" in title and title.endswith("Source: BTS via UNT")
    assert not theme.port_values
    assert any(n.code == "theme.no_port_figures" and "Sep 2024" in n.english() for n in theme.notes)
    assert "missing" not in bar.period_label.text()  # the summaries answer 2025 whole


def test_each_legend_entry_states_its_own_period(window):
    """2024 chosen: states from the raw DOT2 months (all twelve), ports from DOT1 (through
    September) — two periods, each said in its own legend entry, and a note for the shorter."""
    bar, session = window.trade.filter_bar, window.session
    bar.period.set_range(bar.months.index(202401), bar.months.index(202412), emit=True)
    theme = session.theme
    states, ports = theme.state_title.english(), theme.port_title.english()
    assert "Jan 2024 to Dec 2024" in states and "Jan 2024 to Sep 2024" in ports
    legend = window.content.layers["ports"].legend_title
    assert "Jan 2024 to Sep 2024" in legend.english()
    assert any(n.code == "theme.layer_partial" for n in theme.notes)


def test_a_fresh_analysis_opens_each_layer_on_the_latest_period_it_holds_in_full(window):
    """States on the latest whole year (2025, the annual summaries), ports on the latest twelve
    DOT1 months; each legend entry names its own period and source, a note says the two differ,
    and choosing a period makes the states follow it."""
    session, content = window.session, window.content
    theme = session.theme
    states = content.layers["states"].legend_title.english()
    ports = content.layers["ports"].legend_title.english()
    assert "Jan 2025 to Dec 2025" in states and states.endswith("Source: BTS via UNT")
    assert "Oct 2023 to Sep 2024" in ports and ports.endswith("Source: BTS DOT1 raw")
    assert theme.state_values and theme.port_values  # never an empty layer
    assert any(n.code == "theme.states_latest_year" for n in theme.notes)
    bar = window.trade.filter_bar
    bar.period.set_range(bar.months.index(202101), bar.months.index(202112), emit=True)
    assert "Jan 2021 to Dec 2021" in content.layers["states"].legend_title.english()
    assert not any(n.code == "theme.states_latest_year" for n in session.theme.notes)
