"""What a slide of a deck (and a presentation's side card) says about one bookmark: its title,
the trade it shows (flow and period), the key figures of the drill-down the bookmark has open
(or the total of the view's filter), the plain sentence, the chart's data, the notes and the
source line. Sentences are :class:`~geo.core.messages.Message` codes, worded by the view.

Painting and writing (PowerPoint, PDF) is ``desktop.export.deck``; the bookmarks themselves are
``geo.session.bookmarks`` (which decodes a bookmark's session and calls :func:`slide_of`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from geo.analysis.profile import (
    Breakdown,
    ProfileError,
    Ref,
    Series,
    build_profile,
    flow_message,
    period_name,
    profile_header,
)
from geo.core.messages import Message, MessageError, msg
from geo.data.bundled import ATTRIBUTION
from geo.query import FilterError, NotAnswerableError, TradeFilter

#: key figures a slide shows at most (the first of the drill-down's, in its order)
MAX_FIGURES = 5
MAP_SOURCE = "BTS TransBorder Freight Data"


@dataclass(frozen=True)
class KeyFigure:
    label: Message
    text: Message
    source: str = ""          # short source and period, e.g. "DOT3 · 2021-01..2021-12"
    value: float | None = None
    unit: str = ""


@dataclass
class Slide:
    """One bookmark as a slide. ``series`` / ``breakdown``: the chart's data (a bookmark with a
    drill-down open), at most one of them set."""

    title: str
    notes: str
    subtitle: Message
    figures: list[KeyFigure] = field(default_factory=list)
    sentence: Message | None = None
    source: Message = field(default_factory=lambda: msg("deck.source", sources_list=[MAP_SOURCE]))
    extent: tuple[float, float, float, float] | None = None
    ref: Ref | None = None
    feature: str = ""
    series: Series | None = None
    breakdown: Breakdown | None = None
    note: Message | None = None

    @property
    def has_chart(self) -> bool:
        return self.series is not None or self.breakdown is not None


def _reason(exc: Exception) -> Message:
    return exc.message if isinstance(exc, MessageError) else msg("error.filter", detail=str(exc))


def slide_of(store, title: str, notes: str, f: TradeFilter, ref: Ref | None = None,
             extent: tuple[float, float, float, float] | None = None, *, chart: bool = True,
             max_figures: int = MAX_FIGURES) -> Slide:
    """The slide of one view: ``f`` its filter, ``ref`` the drill-down it has open (or None),
    ``extent`` its map extent. ``chart``: also fetch the chart's data (the drill-down's
    details; the side card of a presentation needs only the header)."""
    slide = Slide(title, notes, msg("deck.subtitle", flow_msg=flow_message(f), period_msg=period_name(f.period)),
                  extent=extent, ref=ref)
    sources: list[str] = []
    if ref is not None and store is not None:
        try:
            prof = build_profile(store, ref, f) if chart else profile_header(store, ref, f)
        except (ProfileError, FilterError, NotAnswerableError) as exc:
            slide.note = msg("deck.no_figures", reason_msg=_reason(exc))
        else:
            slide.feature = prof.name
            slide.subtitle = msg("deck.subtitle", flow_msg=flow_message(prof.filter),
                                 period_msg=period_name(prof.filter.period))
            for fig in prof.figures:
                if fig.value is None or len(slide.figures) >= max_figures:
                    continue
                slide.figures.append(KeyFigure(fig.label, fig.display, fig.source.short(), fig.value, fig.unit))
                if fig.source.source and fig.source.label() not in sources:
                    sources.append(fig.source.label())
            slide.sentence = prof.sentence
            if chart:
                s = prof.get_series("trade_monthly")
                if s is not None and s.held and len(s.x) >= 2:
                    slide.series = s
                else:
                    b = prof.breakdown("modes") or next((x for x in prof.breakdowns if x.held and x.rows), None)
                    if b is not None and b.held and b.rows:
                        slide.breakdown = b
    elif store is not None:
        try:
            t = store.totals(f)
        except (FilterError, NotAnswerableError) as exc:
            slide.note = msg("deck.no_figures", reason_msg=_reason(exc))
        else:
            slide.figures.append(KeyFigure(msg("deck.fig.total"), msg("profile.show.usd", value_usd=t.value),
                                           MAP_SOURCE, float(t.value), "usd"))
    if not any("TransBorder" in x for x in sources):
        sources.append(MAP_SOURCE)
    sources.append(ATTRIBUTION.removeprefix("Data: ").split(". ")[0])
    slide.source = msg("deck.source", sources_list=sources)
    return slide
