"""Tables out of the app: CSV, ``.xlsx`` (openpyxl) and tab-separated text for the clipboard,
each with header lines naming units and sources above the column names. Model-free: a
:class:`Table` is worded text and plain numbers."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    #: lines above the column names: what the table is, units, source and period, filter
    header: list[str] = field(default_factory=list)
    #: per column: "usd" | "count" | "share" | "change" | "text" (number formats in .xlsx)
    kinds: list[str] = field(default_factory=list)


def _lines(t: Table) -> list[list[Any]]:
    return [[t.title]] + [[h] for h in t.header] + [list(t.columns)] + [list(r) for r in t.rows]


def to_csv_text(t: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for line in _lines(t):
        w.writerow(["" if v is None else v for v in line])
    return buf.getvalue()


def to_tsv(t: Table) -> str:
    """Tab-separated text (what spreadsheets paste as cells)."""
    out = []
    for line in _lines(t):
        out.append("\t".join("" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in line))
    return "\n".join(out) + "\n"


def write_csv(t: Table, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(to_csv_text(t), encoding="utf-8-sig")   # the BOM lets Excel read the accents
    return path


_NUMBER_FORMATS = {"usd": '"$"#,##0', "count": "#,##0", "share": "0.0%", "change": "+0.0%;-0.0%;0.0%",
                   "usd_per": '"$"#,##0'}


def write_xlsx(tables: Sequence[Table] | Table, path: str | Path) -> Path:
    """One sheet per table: title, header lines (units, source), column names, rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if isinstance(tables, Table):
        tables = [tables]
    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for t in tables:
        name = _sheet_name(t.title, used)
        ws = wb.create_sheet(name)
        ws.append([t.title])
        ws.cell(row=1, column=1).font = Font(bold=True, size=12)
        for h in t.header:
            ws.append([h])
            ws.cell(row=ws.max_row, column=1).font = Font(italic=True, color="666666")
        ws.append(list(t.columns))
        head_row = ws.max_row
        for c in range(1, len(t.columns) + 1):
            ws.cell(row=head_row, column=c).font = Font(bold=True)
        for r in t.rows:
            ws.append([_cell(v) for v in r])
            for c, kind in enumerate(t.kinds, start=1):
                fmt = _NUMBER_FORMATS.get(kind)
                if fmt and isinstance(r[c - 1] if c - 1 < len(r) else None, (int, float)):
                    ws.cell(row=ws.max_row, column=c).number_format = fmt
        for c, col in enumerate(t.columns, start=1):
            width = max([len(str(col))] + [len(str(r[c - 1])) for r in t.rows[:200] if c - 1 < len(r)])
            ws.column_dimensions[ws.cell(row=head_row, column=c).column_letter].width = min(60, max(9, width + 2))
        ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    wb.save(str(path))
    return path


def _cell(v):
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in '[]:*?/\\').strip()[:28] or "Sheet"
    name, i = base, 2
    while name.lower() in used:
        name = f"{base[:25]} {i}"
        i += 1
    used.add(name.lower())
    return name


def save_table(tables: Sequence[Table] | Table, path: str | Path) -> Path:
    """``.xlsx`` (every table, one sheet each) or ``.csv`` (the first table) by suffix."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(tables, path)
    t = tables if isinstance(tables, Table) else tables[0]
    return write_csv(t, path)
