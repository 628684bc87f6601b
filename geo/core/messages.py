"""Text for people leaves the model as a :class:`Message`: a code and its parameters.

The one message catalogue, :data:`CATALOGUE`, maps each code to its English source text.
The view words a message through Qt's translation (``desktop.base.messages.word``, which
the window and the command line both use), so a translation catalogue can catch every
sentence; ``scripts/update_translations.py`` writes the catalogue into the ``.ts`` file.
:meth:`Message.english` words it without Qt, for logs, exceptions and tests.

Parameters are plain values; how they read depends on their name's suffix:

- ``*_usd``: US dollars, ``$1.43B``;  ``*_share``: a share of a total (0.31 -> ``31%``);
- ``*_ym``: a month (202103 -> ``Mar 2021``);  ``*_n``: a count with thousands separators;
- ``*_msg``: a nested :class:`Message` (or its dict), worded in turn;
- ``*_list``: a list of strings or messages, joined with commas (``parts_list``: with
  `` · ``); anything else as ``str()``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from geo.core.formatting import format_share, format_usd, month_label

#: code -> English source text (``str.format`` fields are parameter names)
CATALOGUE: dict[str, str] = {
    # --- data caveats (geo.query) ---------------------------------------------------------
    "caveat.mx_state_imports": "For US imports from Mexico the Mexican state of origin is not recorded: "
                               "imports appear as 'Not recorded' and a Mexican-state filter keeps exports only.",
    "caveat.us_state_importer": "The US state of an import is the state of the importer of record, not "
                                "necessarily where the goods are used; the Mexican state -> port -> US state "
                                "chain exists for exports only.",
    "caveat.mx_only": "The Mexican-state breakdown covers trade with Mexico only.",
    "caveat.mx_legacy": "Legacy code BN (Baja California Norte) is counted as BC; DF is Ciudad de Mexico; "
                        "XX and OT are unknown states.",
    "caveat.district_codes": "Port codes ending in XX (e.g. 23XX) are district-level records whose port is "
                             "not identified.",
    "caveat.dot3_start": "Surface-mode port x commodity data (DOT3) start in 2007; air and vessel start in "
                         "November 2003.",
    "caveat.weights": "Shipping weight is not reported for US exports by land modes (zero); freight charges "
                      "are not reported for exports to Mexico.",
    "caveat.no_data": "The store holds no {tables_list} data for this period.",
    "caveat.coverage": "{count_n} month(s) in the period ({span}) have data only in tables without the "
                       "requested dimensions and are left out; this answer needs {tables_list}.",
    "caveat.mixed_tables": "Figures come from {description}.",
    "caveat.missing_months": "The store holds data for {have_n} of the {expected_n} months in the period.",
    # --- query errors ---------------------------------------------------------------------
    "error.not_answerable": "BTS does not publish {dims} together: DOT1 has US state x port x Mexican state, "
                            "DOT2 US state x commodity x Mexican state, DOT3 port x commodity; remove one of "
                            "these filters or choose another breakdown.",
    "error.mx_states_canada": "Mexican states do not apply to trade with Canada; set the country to Mexico "
                              "or remove the Mexican-state filter.",
    "error.ca_provinces_mexico": "Canadian provinces do not apply to trade with Mexico.",
    "error.filter": "{detail}",
    # --- thematic styling (geo.styles) ----------------------------------------------------
    "scope.trade": "{direction_msg} {partner_msg}, {period_msg}",
    "direction.export": "US exports",
    "direction.import": "US imports",
    "direction.both": "US trade",
    "partner.MX": "with Mexico",
    "partner.CA": "with Canada",
    "partner.both": "with Mexico and Canada",
    "period.all": "all months",
    "period.one": "{month_ym}",
    "period.range": "{lo_ym} to {hi_ym}",
    "theme.state_title.us_state": "Trade value by US state, US$ — {scope_msg}",
    "theme.state_title.mx_state": "Trade value by Mexican state, US$ — {scope_msg}",
    "theme.port_title.trade": "Trade value by port, US$ — {scope_msg}",
    "theme.port_title.crossings": "{measure_msg} entering the US, {period_msg}",
    "measure.Trucks": "Incoming trucks",
    "measure.Truck Containers Loaded": "Loaded truck containers",
    "measure.Rail Containers Loaded": "Loaded rail containers",
    "measure.Trains": "Trains",
    "theme.no_state_figures": "No {side_msg} figures for {period_msg}: state-level trade comes from the BTS "
                              "DOT1/DOT2 tables, which the store holds only for some months. Pick a period "
                              "with DOT1/DOT2 data, or import those files.",
    "side.us_state": "US state",
    "side.mx_state": "Mexican state",
    "theme.mx_exports_only": "BTS records no Mexican state of origin for US imports: Mexican state figures "
                             "cover US exports (destination state) only.",
    "theme.no_crossings": "No border-crossing counts for {period_msg}.",
    "legend.no_data": "No data",
    "legend.class": "{lower_usd} – {upper_usd}  ({count_n})",
    # --- flows (geo.flows) ----------------------------------------------------------------
    "flows.hidden": "{count_n} smaller flows, {share_share} of value, hidden",
    "flows.hidden_one": "1 smaller flow, {share_share} of value, hidden",
    "flows.unlocated": "{count_n} flows, {share_share} of value, not drawn (no location for their port)",
    "flows.unlocated_one": "1 flow, {share_share} of value, not drawn (no location for its port)",
    "flows.remainder": "{parts_list}.",
    "flows.width_caption": "Trade value ({units})",
    "flows.width_caption_period": "Trade value ({units}), {period}",
    "flows.none_for_filter": "No flows for this filter: {reason_msg}",
    "flows.none_for_period": "No flows for this period: flows need BTS DOT1 data (US state × port × Mexican "
                             "state), which the store does not hold for {period_msg}.",
    "flows.through_port": "Through this port: {value_usd} ({share_share} of the filtered flows)",
    "flows.place_totals": "Leaving: {out_usd} · arriving: {in_usd} ({share_share} of the filtered flows)",
    "flows.tip.route2": "{origin} → {port} → {dest}",
    "flows.tip.route1": "{origin} → {dest}",
    "flows.tip.route2_import": "{origin} → {port} → {dest} (importer of record)",
    "flows.tip.route1_import": "{origin} → {dest} (importer of record)",
    "flows.tip.parts": "{parts_list}",
    "flows.tip.export": "US export to {partner_msg}",
    "flows.tip.import": "US import from {partner_msg}",
    "country.MX": "Mexico",
    "country.CA": "Canada",
    "flows.tip.value": "{value_usd} ({units} {raw}) · {share_share} of the filtered total",
    "flows.tip.value_table": "{value_usd} ({units} {raw}) · {share_share} of the table total",
    "flows.tip.value_units": "{raw} {units} · {share_share} of the table total",
    "flows.tip.period": "{text_msg}, {period}",
    "flows.tip.no_origin": "BTS does not record the Mexican state of origin of imports; the US state is the "
                           "importer of record.",
    "flows.tip.no_dest": "The destination state is not recorded for this flow.",
    # --- session --------------------------------------------------------------------------
    "session.bad_key": "Unknown setting {key} in the {part} part of the session.",
    "session.bad_value": "The session's {part}.{key} has an invalid value {value}: {reason}",
    "session.newer": "This analysis was saved by a newer Frontera (session schema {found}); this version "
                     "reads schema {supported} and older.",
    "session.not_a_session": "This is not a Frontera session (no schema version).",
}


@dataclass(frozen=True, eq=False)
class Message:
    """A sentence for people, as a catalogue code and parameters (plain JSON-able values or
    nested messages)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "info"  # info | warning | error

    def __post_init__(self):
        if self.code not in CATALOGUE:
            raise KeyError(f"message code {self.code!r} is not in the catalogue")

    def word(self, translate: Callable[[str], str] | None = None,
             formatters: Mapping[str, Callable[[Any], str]] | None = None) -> str:
        """The sentence: the template (through ``translate``) filled with formatted parameters."""
        template = CATALOGUE[self.code]
        if translate is not None:
            template = translate(template)
        fmt = dict(FORMATTERS)
        if formatters:
            fmt.update(formatters)
        values = {k: format_param(k, v, translate, fmt) for k, v in self.params.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a wrong field
            return CATALOGUE[self.code].format(**values)

    def english(self) -> str:
        return self.word()

    def __hash__(self) -> int:
        return hash((self.code, self.english()))

    def __eq__(self, other) -> bool:
        return (isinstance(other, Message) and self.code == other.code
                and self.as_dict()["params"] == other.as_dict()["params"])

    def __str__(self) -> str:
        return self.english()

    def as_dict(self) -> dict:
        return {"code": self.code, "params": {k: (v.as_dict() if isinstance(v, Message) else v)
                                              for k, v in self.params.items()},
                "severity": self.severity}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Message":
        params = {k: (cls.from_dict(v) if k.endswith("_msg") and isinstance(v, Mapping) else v)
                  for k, v in dict(d.get("params") or {}).items()}
        return cls(str(d["code"]), params, str(d.get("severity", "info")))


def _count(v) -> str:
    return f"{int(v):,}"


FORMATTERS: dict[str, Callable[[Any], str]] = {
    "_usd": format_usd,
    "_share": format_share,
    "_ym": lambda v: month_label(int(v)),
    "_n": _count,
}


def format_param(name: str, value, translate=None, formatters=None) -> str:
    if isinstance(value, Message) or (name.endswith("_msg") and isinstance(value, Mapping)):
        msg = value if isinstance(value, Message) else Message.from_dict(value)
        return msg.word(translate, formatters)
    if name.endswith("_list"):
        sep = " · " if name == "parts_list" else ", "
        return sep.join(format_param("item_msg" if isinstance(x, Message) else "item", x, translate, formatters)
                        for x in value)
    for suffix, f in (formatters or FORMATTERS).items():
        if name.endswith(suffix) and not name.endswith("_msg"):
            return f(value)
    return str(value)


def msg(code: str, severity: str = "info", **params) -> Message:
    """Shorthand: ``msg("flows.hidden", count_n=3, share_share=0.04)``."""
    return Message(code, params, severity)


class MessageError(ValueError):
    """An error whose sentence is a :class:`Message`; ``str()`` is its English wording."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.english())
