"""A chart's title and source line never run past the chart's right edge: a long one ends in
an ellipsis inside the chart, at every width the panel and the exports use."""
from __future__ import annotations

import pytest

from desktop.widgets.charts import BarSpec, figure_for

LONG_TITLE = "Trade value entering the United States through Laredo, by mode of transport and month, 2015-2025"
LONG_SOURCE = ("Source: BTS TransBorder Freight Data DOT1 raw months 2020-01..2024-09 and BTS via UNT summaries "
               "1993-2025, Border Crossing/Entry Data, INEGI exports by state")


@pytest.mark.parametrize("width", [2.6, 3.0, 4.0, 6.4, 9.0])
def test_long_titles_and_sources_end_inside_the_chart(width):
    spec = BarSpec(LONG_TITLE.upper() if width == 3.0 else LONG_TITLE, "usd", ["Truck", "Rail"], [2e9, 1e9],
                   source=LONG_SOURCE)
    fig, _ = figure_for(spec, width=width, dpi=100)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    texts = [t for t in fig.texts if t.get_text()]
    title = next(t for t in texts if t.get_text().startswith(("Trade", "TRADE")))
    source = next(t for t in texts if t.get_text().startswith("Source"))
    for t in (title, source):
        assert t.get_window_extent(r).x1 <= width * 100, (width, t.get_text())
        if width < 9:
            assert t.get_text().endswith("…") and len(t.get_text()) > 15
