"""A profile (``geo.analysis.profile``) as chart specs and tables, worded for people: what the
panel draws, what its exports write, and what the command line can save headless
(``desktop.widgets.charts.save_chart``). No widgets here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.base.messages import word
from desktop.widgets.charts import BarSpec, CompareSpec, LineSeries, LineSpec, Spec
from desktop.widgets.table_export import Table
from geo.analysis.profile import Breakdown, Profile, Series, period_name
from geo.core.messages import msg
from geo.core.periods import format_ym

#: breakdowns drawn as bar charts, in the panel's order (the mode split is in the header: it draws first)
CHART_ORDER = ("modes", "commodities", "us_states", "mx_states", "ports", "zones_near", "sectors", "parks", "inegi")
#: crossing series drawn together: chart key -> (series keys)
CROSSING_CHARTS = {
    "crossings_trucks": ("crossings_trucks", "crossings_truck_containers_loaded"),
    "crossings_rail": ("crossings_rail_containers_loaded",),
    "crossings_trains": ("crossings_trains",),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("profile", text)


@dataclass
class ChartItem:
    key: str
    spec: Spec
    table: Table


def source_line(src) -> str:
    return tr("Source: {source}").format(source=src.label())


def owner_line(owner: str) -> str:
    return tr("Figures of {owner}, not of the zone itself").format(owner=owner) if owner else ""


def _offer(bd_or_series) -> tuple[str, Any]:
    near = getattr(bd_or_series, "nearest", None)
    if not near:
        return "", None
    return tr("Show {period}").format(period=word(period_name(near))), ("period", near)


#: bars drawn (the rest folds into "others"; the table keeps every row the model gives)
CHART_ROWS = 8


def _chart_rows(b: Breakdown) -> Breakdown:
    from dataclasses import replace

    from geo.analysis.profile import Row

    rows = [r for r in b.rows if r.detail != "other"]
    other = [r for r in b.rows if r.detail == "other"]
    if len(rows) <= CHART_ROWS or b.unit == "text":
        return b
    rest = rows[CHART_ROWS:] + other
    n = len(rows) - CHART_ROWS + sum(int(_others_count(r.name)) for r in other)
    value = sum(r.value for r in rest)
    share = sum(r.share or 0.0 for r in rest) if all(r.share is not None for r in rest) else None
    label = word(msg("profile.other", count_n=n))
    return replace(b, rows=tuple(rows[:CHART_ROWS]) + (Row("", label, value, share, "other"),))


def _others_count(name: str) -> int:
    head = name.split(" ", 1)[0].replace(",", "")
    return int(head) if head.isdigit() else 1


def bar_spec(b: Breakdown) -> BarSpec:
    b = _chart_rows(b)
    empty = ""
    if not b.held or not b.rows:
        empty = word(b.note) if b.note else tr("Not held for this period")
    offer, key = _offer(b)
    keys: list[Any] = []
    for r in b.rows:
        if r.detail == "other" or not r.code:
            keys.append(None)
        elif b.link in ("commodities", "modes"):
            keys.append((b.link, r.code))
        elif b.link and b.link.startswith("open:"):
            keys.append(("open", b.link[5:], r.code))
        else:
            keys.append(None)
    label = [f"{r.code} {r.name}" if b.key == "commodities" and r.code else r.name for r in b.rows]
    note = " · ".join(x for x in (owner_line(b.owner), word(b.note) if b.note and b.held else "") if x)
    return BarSpec(word(b.title), b.unit, label, [r.value for r in b.rows], [r.share for r in b.rows], keys,
                   [r.detail for r in b.rows], [r.detail == "other" for r in b.rows], source_line(b.source), note,
                   empty, offer, key)


def line_spec(series: list[Series], title: str | None = None, clickable_years: bool = False) -> LineSpec:
    s0 = series[0]
    held = any(s.x for s in series)
    empty = "" if held else (word(s0.note) if s0.note else tr("Not held for this period"))
    notes = [owner_line(s0.owner)] + [word(s.note) for s in series if s.note and held]
    return LineSpec(title or word(s0.title), s0.unit,
                    [LineSeries(_series_label(s) if len(series) > 1 else "", list(s.x), list(s.y),
                                list(s.partial)) for s in series],
                    s0.granularity, s0.period, source_line(s0.source), " · ".join(n for n in notes if n), empty,
                    clickable_years=clickable_years)


def _series_label(s: Series) -> str:
    from geo.core.messages import Message

    p = dict(s.title.params)
    m = p.get("measure_msg")
    return word(m) if isinstance(m, Message) else word(s.title)


def default_granularity(p: Profile) -> str:
    """Monthly when the store holds at least two months of the period, annual otherwise."""
    s = p.get_series("trade_monthly")
    if s is None or not p.filter.period:
        return "month"
    lo, hi = p.filter.period
    inside = [x for x in s.x if lo <= x <= hi]
    return "month" if len(inside) >= 2 or not p.get_series("trade_annual") else "year"


def chart_items(p: Profile, granularity: str | None = None) -> list[ChartItem]:
    """Every chart of a profile (with its table), in the panel's order."""
    out: list[ChartItem] = []
    gran = granularity or default_granularity(p)
    trade = p.get_series("trade_monthly" if gran == "month" else "trade_annual") or p.get_series("trade_monthly")
    if trade is not None:
        out.append(ChartItem("trade", line_spec([trade], clickable_years=trade.granularity == "year"),
                             series_table(p, [trade])))
    bds = {b.key: b for b in p.breakdowns}
    for key in CHART_ORDER[:5]:
        if key in bds:
            out.append(ChartItem(key, bar_spec(bds[key]), breakdown_table(p, bds[key])))
    for key, keys in CROSSING_CHARTS.items():
        ss = [s for k in keys if (s := p.get_series(k)) is not None]
        if ss:
            title = word(ss[0].title) if len(ss) == 1 else tr("Trucks and loaded truck containers entering the US, "
                                                               "by month")
            out.append(ChartItem(key, line_spec(ss, title), series_table(p, ss)))
    for key in CHART_ORDER[5:]:
        if key in bds:
            out.append(ChartItem(key, bar_spec(bds[key]), breakdown_table(p, bds[key])))
    inegi = p.get_series("inegi")
    if inegi is not None and inegi.x:
        out.append(ChartItem("inegi_series", line_spec([inegi]), series_table(p, [inegi])))
    return out


# -- tables -------------------------------------------------------------------------------------
def _filter_line(p: Profile) -> str:
    f = p.filter
    bits = [word(period_name(f.period))]
    bits.append({"export": tr("US exports"), "import": tr("US imports")}.get(f.trade_type or "", tr("US trade")))
    bits.append({"MX": tr("with Mexico"), "CA": tr("with Canada")}.get(f.country or "", tr("with Mexico and Canada")))
    if f.modes:
        bits.append(tr("modes {codes}").format(codes=", ".join(f.modes)))
    if f.commodities:
        bits.append(tr("HS {codes}").format(codes=", ".join(f.commodities)))
    return tr("Filter: {filter}").format(filter="; ".join(bits))


def _unit_line(unit: str) -> str:
    return {"usd": tr("Values in US dollars"), "count": tr("Values are counts"),
            "text": "", "km": tr("Distances in km")}.get(unit, "")


def figures_table(p: Profile) -> Table:
    rows = []
    for x in p.figures:
        rows.append([word(x.label), x.value, word(x.display), x.unit, x.source.label(),
                     word(x.note) if x.note else "", x.owner])
    header = [f"{p.name} — {word(p.kind_label)}", _filter_line(p)]
    if p.sentence:
        header.append(word(p.sentence))
    return Table(tr("Key figures"), [tr("Figure"), tr("Value"), tr("As shown"), tr("Unit"), tr("Source and period"),
                                     tr("Note"), tr("Figure of")], rows, header,
                 ["text", "number", "text", "text", "text", "text", "text"])


def breakdown_table(p: Profile, b: Breakdown) -> Table:
    header = [f"{p.name} — {word(b.title)}", _filter_line(p), source_line(b.source)]
    if _unit_line(b.unit):
        header.append(_unit_line(b.unit))
    if b.owner:
        header.append(owner_line(b.owner))
    if b.note:
        header.append(word(b.note))
    rows = [[r.code, r.name, r.value if b.unit != "text" else r.detail, r.share, r.detail if b.unit != "text" else ""]
            for r in b.rows]
    return Table(word(b.title), [tr("Code"), tr("Name"), tr("Value"), tr("Share"), tr("Detail")], rows, header,
                 ["text", "text", b.unit, "share", "text"])


def series_table(p: Profile, series: list[Series]) -> Table:
    s0 = series[0]
    header = [f"{p.name} — {word(s0.title)}", _filter_line(p), source_line(s0.source)]
    if _unit_line(s0.unit):
        header.append(_unit_line(s0.unit))
    if s0.owner:
        header.append(owner_line(s0.owner))
    xs = sorted({x for s in series for x in s.x})
    look = [dict(zip(s.x, s.y)) for s in series]
    first = tr("Month") if s0.granularity == "month" else tr("Year")
    cols = [first] + [_series_label(s) if len(series) > 1 else word(s.title) for s in series]
    rows = [[format_ym(x) if s0.granularity == "month" else x] + [d.get(x) for d in look] for x in xs]
    if s0.partial:
        cols.append(tr("Months held"))
        part = dict(zip(s0.x, s0.partial))
        for r, x in zip(rows, xs):
            r.append(tr("some") if part.get(x) else tr("all"))
    return Table(word(s0.title), cols, rows, header, ["text"] + [s0.unit] * len(series))


def all_tables(p: Profile, granularity: str | None = None) -> list[Table]:
    return [figures_table(p)] + [c.table for c in chart_items(p, granularity)]


def compare_table(profiles: list[Profile]) -> Table:
    keys: list[str] = []
    labels: dict[str, str] = {}
    for p in profiles:
        for x in p.figures:
            if x.key not in labels:
                keys.append(x.key)
                labels[x.key] = word(x.label)
    rows = []
    for k in keys:
        row: list[Any] = [labels[k]]
        for p in profiles:
            x = p.figure(k)
            row.append(word(x.display) if x is not None else "")
        rows.append(row)
    header = [_filter_line(profiles[0])] if profiles else []
    return Table(tr("Compare"), [tr("Figure")] + [p.name for p in profiles], rows, header,
                 ["text"] * (1 + len(profiles)))


def compare_spec(profiles: list[Profile], key: str = "commodities") -> CompareSpec:
    """The pinned features side by side: top rows of one breakdown, one shared value axis."""
    panels = []
    unit = "usd"
    title = ""
    for p in profiles:
        b = p.breakdown(key)
        if b is None:
            panels.append((p.name, [], []))
            continue
        unit = b.unit
        title = word(b.title)
        rows = [r for r in b.rows if r.detail != "other"][:6]
        panels.append((p.name, [r.name for r in rows], [r.value for r in rows]))
    return CompareSpec(title or tr("Compare"), unit, panels,
                       tr("Same scale in every panel"), _filter_line(profiles[0]) if profiles else "")


def compare_series_spec(profiles: list[Profile], granularity: str = "month") -> LineSpec:
    key = "trade_monthly" if granularity == "month" else "trade_annual"
    lines = []
    band = None
    for p in profiles:
        s = p.get_series(key)
        if s is not None and s.x:
            lines.append(LineSeries(p.name, list(s.x), list(s.y), list(s.partial)))
            band = s.period
    title = tr("Trade value by month, US$") if granularity == "month" else tr("Trade value by year, US$")
    return LineSpec(title, "usd", lines, granularity, band, _filter_line(profiles[0]) if profiles else "",
                    empty="" if lines else tr("Not held for this period"))
