"""The UI-facing side of the flows: :func:`tooltip` for one flow, :class:`FlowModel` (query,
options, hover/selection state and month playback, with signals) and
:func:`place_totals_text` for a place's tooltip.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import numpy as np

from geo.core.messages import Message, msg
from geo.core.signals import Signal
from geo.flows.anchors import Anchors, load_anchors
from geo.flows.build import FlowCatalog, build_flows
from geo.flows.flowset import FlowSet
from geo.flows.options import UNITS, FlowOptions, period_label_from_plan

if TYPE_CHECKING:
    from geo.query import TradeFilter


def tooltip_messages(flowset: FlowSet, i: int) -> list[Message]:
    """Flow ``i``'s tooltip, one message per line: route, direction and mode, value with
    units and share (and period), and the caveat that applies."""
    fs = flowset
    o, d = str(fs.origin_name[i]), str(fs.dest_name[i])
    imp = "_import" if fs.direction[i] == "import" else ""
    if fs.has_port[i]:
        route = msg("flows.tip.route2" + imp, origin=o, port=str(fs.port_name[i]), dest=d)
    else:
        route = msg("flows.tip.route1" + imp, origin=o, dest=d)
    lines: list[Message] = [route]
    partner = msg(f"country.{'CA' if fs.partner == 'CA' else 'MX'}")
    what: list[Message | str] = []
    if fs.direction[i]:
        what.append(msg(f"flows.tip.{fs.direction[i]}", partner_msg=partner))
    if fs.mode_name[i]:
        what.append(str(fs.mode_name[i]))
    if fs.label[i] and fs.kind == "od":
        what.append(str(fs.label[i]))
    if what:
        lines.append(msg("flows.tip.parts", parts_list=what))
    v = float(fs.value[i])
    share = float(fs.share[i])
    if fs.units == UNITS:
        code = "flows.tip.value_table" if fs.kind == "od" else "flows.tip.value"
        value = msg(code, value_usd=v, units=fs.units, raw=f"{v:,.0f}", share_share=share)
    else:
        value = msg("flows.tip.value_units", raw=f"{v:,.6g}", units=fs.units, share_share=share)
    lines.append(Message("flows.tip.period", {"text_msg": value, "period": fs.period}) if fs.period else value)
    if fs.direction[i] == "import" and not fs.origin_recorded[i]:
        lines.append(msg("flows.tip.no_origin"))
    elif not fs.dest_recorded[i] and fs.direction[i] == "export":
        lines.append(msg("flows.tip.no_dest"))
    return lines


def tooltip(flowset: FlowSet, i: int) -> str:
    """English plain-text tooltip for flow ``i`` (the view words :func:`tooltip_messages`)."""
    return "\n".join(m.english() for m in tooltip_messages(flowset, i))


# -- a small state object for the UI --------------------------------------------------------
class FlowModel:
    """Query + options + hover/selection state for the flow overlay. ``changed(FlowSet)`` after
    every rebuild; ``hover_changed(int | None)``, ``selected_port_changed(str | None)``.

    Playback: ``prefetch(filter)`` once (one store query grouped by month for the whole
    period), then ``set_month(ym)`` per step (no query; same FlowSet as ``set_filter`` for
    that month)."""

    changed = Signal(object)
    hover_changed = Signal(object)
    selected_port_changed = Signal(object)

    def __init__(self, store=None, options: FlowOptions | None = None, anchors: Anchors | None = None):
        self.store = store
        self.options = options or FlowOptions()
        self.anchors = anchors or load_anchors()
        self.filter: TradeFilter | None = None
        self.flowset: FlowSet | None = None
        self.hover: int | None = None
        self.selected_port: str | None = None
        self._playback: dict | None = None

    def set_filter(self, f) -> FlowSet:
        """Query the store for ``f`` (a :class:`geo.query.TradeFilter`) and rebuild."""
        self.filter = f
        df = self.store.flow_triples(f)
        self.flowset = build_flows(df, self.anchors, self.options, country=getattr(f, "country", None))
        self.hover = None
        self.changed.emit(self.flowset)
        return self.flowset

    # -- playback ----------------------------------------------------------------------
    def prefetch(self, f, months: Iterable[int] | None = None, *, fixed_width: bool = False) -> list[int]:
        """Get ready to play ``months`` (default: every month of ``f.period``) of filter ``f``:
        ONE store query grouped by month (``flow_triples(..., by_month=True)``) and the
        month-independent part of :func:`build_flows` (a :class:`FlowCatalog`: each row's
        flow, anchors, stubs, names) are done here, so :meth:`set_month` only slices and
        re-sums. With ``fixed_width`` one width scale is fitted to the widest leg of all the
        months (a band is as wide in every month for the same value, so a collapse shows).
        Returns the months that hold flow rows. Nothing is emitted."""
        from geo.query import ym_range

        if months is None:
            if f.period is None:
                raise ValueError("prefetch needs a period (or a list of months)")
            months = ym_range(*f.period)
        months = sorted({int(m) for m in months})
        if not months:
            self._playback = None
            return []
        df = self.store.flow_triples(f.replace(period=(months[0], months[-1])), by_month=True)
        ym = df["year_month"].to_numpy(dtype=np.int64) if len(df) else np.zeros(0, np.int64)
        # the store orders rows by month, then as a one-month query would: each month is a slice
        if len(ym) and (np.diff(ym) < 0).any():
            raise ValueError("flow_triples(by_month=True) must order rows by month")
        cat = FlowCatalog(df, self.anchors, country=getattr(f, "country", None))
        self._playback = {"filter": f, "catalog": cat, "ym": ym, "months": set(months), "rows": len(df),
                          "width_max": None}
        present = [int(m) for m in np.unique(ym) if int(m) in self._playback["months"]]
        if fixed_width and present:
            widest = 0.0
            for m in present:
                lo, hi = np.searchsorted(ym, [m, m + 1])
                widest = max(widest, cat.flowset(np.arange(lo, hi), self.options).width_scale.max_value)
            self._playback["width_max"] = widest or None
        return present

    def set_month(self, ym: int) -> FlowSet:
        """Show month ``ym`` of the prefetched filter: the same FlowSet :meth:`set_filter` gives
        for that one month, without a store query. Outside what was prefetched (or without
        :meth:`prefetch`) this is ``set_filter`` on the filter's one-month version."""
        ym = int(ym)
        pb = getattr(self, "_playback", None)
        base = pb["filter"] if pb is not None else self.filter
        if base is None:
            raise ValueError("set_month needs a filter: call set_filter or prefetch first")
        f = base.replace(period=(ym, ym))
        if pb is None or ym not in pb["months"]:
            return self.set_filter(f)
        lo, hi = np.searchsorted(pb["ym"], [ym, ym + 1])
        qp = self.store.plan(f, None, flows=True)
        fs = pb["catalog"].flowset(np.arange(lo, hi), self.options, period=period_label_from_plan(qp.as_dict()),
                                   source=qp.describe(), caveats=self.store.caveats(f, None, flows=True))
        if pb.get("width_max"):
            fs = fs.with_width_max(pb["width_max"])
        self.filter = f
        self.flowset = fs
        self.hover = None
        self.changed.emit(fs)
        return fs

    def set_flowset(self, fs: FlowSet) -> None:
        """Show an already built set (e.g. an imported OD table)."""
        self.flowset = fs
        self.options = fs.options
        self.hover = None
        self.changed.emit(fs)

    def set_options(self, options: FlowOptions) -> None:
        self.options = options
        if self.flowset is not None:
            self.flowset = self.flowset.with_options(options)
            self.changed.emit(self.flowset)

    def set_hover(self, i: int | None) -> None:
        if i != self.hover:
            self.hover = i
            self.hover_changed.emit(i)

    def select_port(self, code: str | None) -> None:
        if code != self.selected_port:
            self.selected_port = code
            self.selected_port_changed.emit(code)


def place_totals_message(flowset: FlowSet, kind: str, code: str) -> Message | None:
    """What enters and leaves a place in the flows shown, for its tooltip: a port's value
    through it, a state's outbound and inbound value and their shares. None if absent."""
    if flowset is None or not len(flowset):
        return None
    cache = flowset.__dict__.setdefault("_place_totals", {})
    if "df" not in cache:
        cache["df"] = flowset.location_totals()
    df = cache["df"]
    row = df[(df["kind"] == kind) & (df["code"].astype(str) == str(code))]
    if not len(row):
        return None
    r = row.iloc[0]
    total = float(flowset.value.sum()) or 1.0
    if kind == "port":
        return msg("flows.through_port", value_usd=float(r["through"]), share_share=float(r["through"]) / total)
    return msg("flows.place_totals", out_usd=float(r["outbound"]), in_usd=float(r["inbound"]),
               share_share=float(r["outbound"] + r["inbound"]) / total)


def place_totals_text(flowset: FlowSet, kind: str, code: str) -> str | None:
    """English wording of :func:`place_totals_message`."""
    m = place_totals_message(flowset, kind, code)
    return m.english() if m is not None else None
