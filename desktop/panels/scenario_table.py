"""A scenario's results out of the app (issue 16): CSV, ``.xlsx`` (openpyxl) and the clipboard
(beside the panel, as ``profile_views`` beside the profile: panels may not import ``desktop.export``).

The tables and their figures are the model's (:func:`geo.analysis.scenario.results_tables`, the
same as ``frontera scenario --format csv``); this module words the titles, the column names and
the header lines: the scenario's settings, units, sources and period
(:func:`geo.analysis.scenario_view.export_header`), and EVERY assumption of the closure and of
the tariff (:func:`geo.analysis.scenario.results_assumptions`). A CSV holds the
tables one after the other (a blank line between); a workbook one sheet each. Files are
written atomically (a temp file beside the target, fsync, rename), so a failed export never
leaves half a file where a good one was.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QCoreApplication

from desktop.base.i18n import period_label
from desktop.base.messages import word
from desktop.widgets.table_export import Table, to_csv_text, to_tsv, write_xlsx
from geo.analysis.scenario import ScenarioResult, TariffResult, results_assumptions, results_tables
from geo.analysis.scenario_view import CompareRow, export_header
from geo.core.files import atomic_write

FORMATS = ("csv", "xlsx")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScenarioTable", text)


def _columns() -> dict[str, str]:
    return {
        "figure": _tr("Figure"), "value": _tr("Value"), "unit": _tr("Unit"),
        "port": _tr("Port code"), "name": _tr("Name"), "mode": _tr("Mode"),
        "value_rerouted": _tr("Value rerouted (US$)"),
        "containers_rerouted": _tr("Loaded containers rerouted"),
        "load": _tr("Load (loaded containers a month)"),
        "predicted_load": _tr("Load while closed (loaded containers a month)"),
        "capacity": _tr("Capacity (loaded containers a month)"),
        "load_share_of_capacity": _tr("Load while closed ÷ capacity"),
        "value_affected": _tr("Value affected (US$)"), "value_delayed": _tr("Value delayed (US$)"),
        "value_days": _tr("Value-days at risk (US$ × days)"), "days_to_clear": _tr("Days to clear"),
        "kept_share": _tr("Share of capacity kept"),
        "from_port": _tr("From port (closed)"), "direction": _tr("Direction"),
        "extra_km": _tr("Extra km (container-km)"), "detour_km": _tr("Added detour (km)"),
        "via_port": _tr("Rerouted via port"),
        "code": _tr("Code"), "value_at_risk": _tr("Value at risk (US$)"),
        "lane": _tr("Lane"), "from": _tr("From"), "to": _tr("To"), "hs": _tr("HS chapter"),
        "status": _tr("Status"), "facility": _tr("Facility"), "type": _tr("Type"), "country": _tr("Country"),
        "role": _tr("Side"), "lanes": _tr("Lanes"), "hs_unknown_value": _tr("Value with no HS chapter (US$)"),
    }


def figure_names() -> dict[str, str]:
    return {
        "affected_value": _tr("Value affected (no longer fits at the closed ports)"),
        "rerouted_value": _tr("Value rerouted"),
        "delayed_value": _tr("Value delayed"),
        "value_days": _tr("Value-days at risk"),
        "days_to_clear": _tr("Days to clear the backlog after reopening"),
        "extra_truck_km": _tr("Extra truck-km"),
        "extra_rail_container_km": _tr("Extra rail container-km"),
        "tariff_at_risk": _tr("Tariff: value at risk"),
        "company_at_risk": _tr("Company lanes: value at risk over the closure"),
        "company_tariff_at_risk": _tr("Company lanes: tariff value at risk a year"),
        "tariff_value_at_risk": _tr("Tariff: value at risk"),
        "tariff_value": _tr("Tariff: import value in scope"),
        "tariff_factor": _tr("Tariff: share of the value at risk"),
    }


def setting_names() -> dict[str, str]:
    return {
        "closed": _tr("Ports closed"), "capacity_pct": _tr("Capacity kept (%)"), "days": _tr("Days"),
        "bridge_shares": _tr("Bridge shares"), "capacity_overrides": _tr("Capacity overrides"),
        "tariff_pct": _tr("Tariff (%)"), "hs_chapters": _tr("HS chapters"),
        "usmca_share": _tr("USMCA-exempt share"), "elasticity": _tr("Trade elasticity"),
        "new_crossings": _tr("New crossings"), "period": _tr("Period of the flows"),
        "southbound_ratio": _tr("Southbound capacity (share of northbound)"),
        "max_detour_km": _tr("Longest detour (km)"),
    }


def unit_names() -> dict[str, str]:
    return {"usd": _tr("US$"), "usd_days": _tr("US$ × days"), "days": _tr("days"), "km": _tr("km"),
            "share": _tr("share (0–1)"), "count": _tr("loaded containers"), "text": "", "number": ""}


def _titles() -> dict[str, str]:
    """Table titles (a workbook's sheet names: at most 28 characters)."""
    return {"summary": _tr("Scenario key figures"),
            "receiving": _tr("Value rerouted by port"),
            "closed": _tr("Closed ports"),
            "links": _tr("Closed port to receiving"),
            "tariff_us_state": _tr("Tariff at risk by US state"),
            "tariff_port": _tr("Tariff at risk by port"),
            "tariff_commodity": _tr("Tariff at risk by HS chapter"),
            "company": _tr("Company lanes hit"),
            "company_facilities": _tr("Company facilities hit"),
            "tariff_company": _tr("Tariff at risk by lane"),
            "tariff_company_facilities": _tr("Tariff at risk by facility"),
            "compare": _tr("Scenarios A and B")}


_KINDS = {"usd": "usd", "usd_days": "usd", "count": "count", "per_month": "count", "share": "share", "km": "count"}


def _values() -> dict[str, dict[str, str]]:
    """Column -> code -> words, for the codes the company tables carry."""
    return {"role": {"from": _tr("ships (supplier side)"), "to": _tr("receives (customer side)")},
            "status": {"counted": _tr("counted"), "not_covered": _tr("chapter not covered"),
                       "hs_unknown": _tr("HS unknown: not counted"), "no_value": _tr("no value")}}


def scenario_tables(closure: ScenarioResult, tariff: TariffResult | None = None, *,
                    company_lanes: int | None = None) -> list[Table]:
    """The results as worded tables: the first carries the settings, units, sources and every
    assumption in its header lines; the others their units and sources. With the company's
    lanes (``company_lanes``: how many were counted) the company tables come with them (the
    model's ``company``, ``company_facilities``, ``tariff_company``, ``tariff_company_facilities``)."""
    cols, figs, units, titles, words = _columns(), figure_names(), unit_names(), _titles(), _values()
    head = [word(m) for m in export_header(closure, tariff, company_lanes)]
    assumptions = results_assumptions(closure, tariff)
    out = []
    for rt in results_tables(closure, tariff):
        rows: list[list[Any]] = []
        for r in rt.rows:
            if rt.key == "summary":
                key, value, unit = r
                rows.append([figs.get(key, key), _plain(value, unit), units.get(unit, unit)])
            else:
                rows.append([words[k].get(v, v) if k in words and isinstance(v, str) else _plain(v, u)
                             for v, (k, u) in zip(r, rt.columns)])
        header = list(head) if rt.key == "summary" else head[-2:]
        if rt.key == "summary":
            header.append(_tr("Assumptions ({n}):").format(n=len(assumptions)))
            header += [f"{i}. {word(m)}" for i, m in enumerate(assumptions, start=1)]
        out.append(Table(titles.get(rt.key, rt.key), [cols.get(k, k) for k, _u in rt.columns], rows, header,
                         [_KINDS.get(u, "text") for _k, u in rt.columns] if rt.key != "summary" else
                         ["text", "text", "text"]))
    return out


def _plain(v, unit: str):
    """Numbers stay numbers (spreadsheets compute with them); a backlog that never clears is said."""
    if v is None:
        return _tr("does not clear") if unit == "days" else ""
    if isinstance(v, float) and v == float("inf"):
        return _tr("unbounded")
    if hasattr(v, "item"):
        v = v.item()
    return v


def compare_table(rows: Sequence[CompareRow]) -> Table:
    """The A/B comparison: the key figures of A and B and B − A, then each one's settings."""
    figs, sets, units = figure_names(), setting_names(), unit_names()
    out = []
    for r in rows:
        if r.kind == "figure":
            out.append([figs.get(r.key, r.key), units.get(r.unit, r.unit), _plain(r.a, r.unit), _plain(r.b, r.unit),
                        "" if r.diff is None else r.diff])
        elif r.key == "period":
            out.append([sets[r.key], "", period_text(r.a), period_text(r.b), ""])
        else:
            out.append([sets.get(r.key, r.key), "", _setting_text(r.a), _setting_text(r.b), ""])
    return Table(_titles()["compare"], [_tr("Figure"), _tr("Unit"), "A", "B", _tr("B − A")], out,
                 [_tr("B − A: the current scenario's figure less the kept scenario's (A).")],
                 ["text", "text", "number", "number", "number"])


def period_text(v) -> str:
    """``[202301, 202312]`` -> ``Jan 2023 – Dec 2023``."""
    return period_label(int(v[0]), int(v[1])) if v else ""


def _setting_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(_setting_text(x) if isinstance(x, (list, tuple)) else f"{x:g}" if isinstance(x, float)
                         else str(x) for x in v) or "—"
    return f"{v:g}" if isinstance(v, float) else str(v)


# -- writing ------------------------------------------------------------------------------------------------
def to_csv(tables: Sequence[Table]) -> str:
    return "\n".join(to_csv_text(t) for t in tables)


def to_clipboard_text(tables: Sequence[Table]) -> str:
    """Tab-separated (what spreadsheets paste as cells), the tables one after the other."""
    return "\n".join(to_tsv(t) for t in tables)


def save_tables(tables: Sequence[Table], path: str | Path) -> Path:
    """``.xlsx`` (a sheet per table) or ``.csv`` (the tables one after the other), by suffix."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return atomic_write(path, lambda tmp: write_xlsx(list(tables), tmp))
    return atomic_write(path, lambda tmp: tmp.write_text(to_csv(tables), encoding="utf-8-sig"))
