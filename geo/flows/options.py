"""What to draw and how it is scaled and summarised: :class:`FlowOptions`, the colour
palettes, :class:`WidthScale` (value -> pixels, legend steps), :class:`Remainder` (what is
hidden or cannot be placed) and :func:`period_label_from_plan`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from geo.core.formatting import month_label
from geo.core.messages import Message, msg
from geo.core.nice import nice_floor

# -- palettes ("#rrggbb") -------------------------------------------------------------------
#: by DISAGMOT mode code; saturated enough to read over the pale basemap, distinct from the
#: port red and the water blue
MODE_COLOURS: dict[str, str] = {
    "5": "#e0701b",   # truck: orange
    "6": "#2a9d5c",   # rail: green
    "1": "#2f5fa8",   # vessel: deep blue
    "3": "#8e44ad",   # air: purple
    "7": "#8c564b",   # pipeline: brown
    "4": "#7a7a7a",   # mail
    "8": "#5f6b73",   # other
    "9": "#c2307a",   # foreign trade zones: magenta
}
DIRECTION_COLOURS: dict[str, str] = {"export": "#d5512a", "import": "#2c6db3"}
OTHER_COLOUR = "#6b6b6b"
UNITS = "US$"


@dataclass(frozen=True)
class FlowOptions:
    """What to draw. ``top_n``: keep the N largest flows (None: all); ``min_value``: drop
    flows below this value (US$); ``colour_by``: ``'mode'`` or ``'direction'``;
    ``show_labels_top_k``: value labels on the K largest shown flows (0: none)."""

    top_n: int | None = 120
    min_value: float = 0.0
    colour_by: str = "mode"
    show_labels_top_k: int = 6
    max_width_px: float = 26.0     # width of the widest leg bundle
    min_width_px: float = 0.5      # visibility floor for very small bands
    bend: float = 0.16             # curvature: control point offset / chord length

    def __post_init__(self):
        if self.colour_by not in ("mode", "direction"):
            raise ValueError(f"colour_by must be 'mode' or 'direction', not {self.colour_by!r}")
        if self.top_n is not None and self.top_n < 0:
            raise ValueError("top_n must be >= 0 or None")




@dataclass(frozen=True)
class WidthScale:
    """Value -> line width in screen pixels, strictly proportional (``px = value * k``)."""

    px_per_unit: float
    max_value: float
    units: str = UNITS
    period: str = ""
    min_px: float = 0.5

    @classmethod
    def fit(cls, max_value: float, max_px: float = 26.0, units: str = UNITS, period: str = "",
            min_px: float = 0.5) -> "WidthScale":
        k = max_px / max_value if max_value > 0 else 0.0
        return cls(k, float(max_value), units, period, min_px)

    def px(self, value):
        """The proportional width (no floor): what the legend promises."""
        return np.asarray(value, float) * self.px_per_unit

    def drawn_px(self, value):
        """The width actually drawn: proportional, floored at ``min_px`` so tiny flows show."""
        return np.maximum(self.px(value), self.min_px)

    def legend_steps(self, n: int = 3) -> list[tuple[float, float]]:
        """``[(value, px), ...]`` nice round values from the largest down (e.g. 1B, 500M, 100M)."""
        if self.max_value <= 0 or self.px_per_unit <= 0:
            return []
        top = nice_floor(self.max_value)
        vals = [top]
        for div in (2.0, 5.0, 10.0, 20.0, 50.0, 100.0):
            if len(vals) >= n:
                break
            v = nice_floor(top / div)
            if v < vals[-1] and v * self.px_per_unit >= 1.0:
                vals.append(v)
        return [(v, float(v * self.px_per_unit)) for v in vals]

    @property
    def caption_message(self) -> Message:
        if self.period:
            return msg("flows.width_caption_period", units=self.units, period=self.period)
        return msg("flows.width_caption", units=self.units)

    @property
    def caption(self) -> str:
        return self.caption_message.english()


@dataclass(frozen=True)
class Remainder:
    """What is not drawn: flows hidden by top-N/minimum value and flows that cannot be placed."""

    total_value: float
    hidden_count: int
    hidden_value: float
    unlocated_count: int
    unlocated_value: float
    #: reason -> (row count, value), e.g. "port not located: 70XX Low-valued Imports And Exports"
    unlocated_reasons: dict = field(default_factory=dict)

    @property
    def hidden_share(self) -> float:
        return self.hidden_value / self.total_value if self.total_value else 0.0

    @property
    def unlocated_share(self) -> float:
        return self.unlocated_value / self.total_value if self.total_value else 0.0

    def messages(self) -> list[Message]:
        """What is not drawn, as messages (the panel and the legend word the same ones)."""
        out = []
        if self.hidden_count:
            one = "_one" if self.hidden_count == 1 else ""
            out.append(msg("flows.hidden" + one, count_n=self.hidden_count, share_share=self.hidden_share))
        if self.unlocated_count:
            one = "_one" if self.unlocated_count == 1 else ""
            out.append(msg("flows.unlocated" + one, count_n=self.unlocated_count,
                           share_share=self.unlocated_share))
        return out

    def summary(self) -> str:
        """English: '312 smaller flow(s), 4% of value, hidden; ...'."""
        bits = [m.english() for m in self.messages()]
        return "; ".join(bits) + ("." if bits else "")





def period_label_from_plan(plan: Mapping | None) -> str:
    """'Jan 2015' or 'Jan 2015 – Dec 2015 (12 months)' from a query plan dict (``df.attrs['plan']``)."""
    if not plan:
        return ""
    months = sorted({int(m) for ms in (plan.get("months_by_table") or {}).values() for m in ms})
    if not months:
        return ""
    if len(months) == 1:
        return month_label(months[0])
    return f"{month_label(months[0])} – {month_label(months[-1])} ({len(months)} months)"
