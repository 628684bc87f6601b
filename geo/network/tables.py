"""Reading a table of the company's own (facilities, lanes) from CSV, Excel or a GIS file into
rows of text with their line numbers, and mapping its columns to fields.

- CSV: any delimiter (``,`` ``;`` tab ``|``), UTF-8, UTF-8 with BOM or another encoding told by
  charset-normalizer (Latin-1 / Windows-1252 for most Mexican exports), quoted fields with
  line breaks (the RETC register's headers); a header that is not on the first line is found
  and reported.
- Excel ``.xlsx`` (the first sheet, openpyxl): its rows are the lines.
- GeoPackage, GeoJSON, Shapefile (pyogrio): the features' attributes, and their points (or a
  point inside a polygon) in WGS84 as ``lon``/``lat``; a shapefile without its ``.shx`` or
  ``.dbf`` is refused naming the missing part.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from geo.core.messages import MessageError, msg
from geo.data.places import fold
from geo.imports.report import Issue, issue

__all__ = ["RawTable", "TableError", "read_table", "detect_mapping", "GIS_SUFFIXES", "GEOMETRY_LON",
           "GEOMETRY_LAT"]

GIS_SUFFIXES = {".gpkg", ".geojson", ".json", ".shp", ".zip"}
#: the column names a GIS file's points are given under
GEOMETRY_LON, GEOMETRY_LAT = "(geometry lon)", "(geometry lat)"
_DELIMITERS = ",;\t|"


class TableError(MessageError):
    """A file that cannot be read as a table; the message names the file and the problem."""


@dataclass
class RawTable:
    source: str                        # the file's name, for reports
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]                   # the physical line (CSV), sheet row (Excel) or feature number (GIS)
    header_line: int = 1
    notices: list[Issue] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)


def _error(code: str, **params) -> TableError:
    return TableError(msg("import." + code, "error", **params))


def read_table(path: str | Path, *, header_words: Sequence[str] = ()) -> RawTable:
    """The table in ``path``; ``header_words`` are folded words a header row holds (to find a
    header below a title); raises :class:`TableError`."""
    path = Path(path)
    if not path.exists():
        raise _error("network.file_unreadable", file=path.name, detail="no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path, header_words)
        if suffix in GIS_SUFFIXES:
            return _read_gis(path)
        return _read_csv(path, header_words)
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader failure is the file's problem, said plainly
        raise _error("network.file_unreadable", file=path.name, detail=str(exc) or type(exc).__name__) from None


def decode(data: bytes) -> str:
    """Text of a file: UTF-8 (with or without BOM), else what charset-normalizer tells."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from geo.imports.sniff import detect_encoding

    return data.decode(detect_encoding(data[: 1 << 20]), errors="replace")


def _find_header(rows: list[list[str]], header_words: Sequence[str]) -> int:
    """Index of the header row among the first rows: the first that names a known field, else
    the first as wide as the widest of the first rows."""
    head = rows[:30]
    words = set(header_words)
    for i, r in enumerate(head):
        if words and sum(1 for c in r if fold(c) in words) >= 2:
            return i
    width = max((sum(1 for c in r if c.strip()) for r in head), default=0)
    for i, r in enumerate(head):
        if sum(1 for c in r if c.strip()) >= max(2, width):
            return i
    return 0


def _finish(source: str, rows: list[list[str]], lines: list[int], header_words: Sequence[str]) -> RawTable:
    if not rows:
        raise _error("network.no_header", file=source)
    h = _find_header(rows, header_words)
    columns = [" ".join(str(c).split()) for c in rows[h]]
    notices = []
    if h > 0:
        skipped = " | ".join(" ".join(c for c in r if c.strip()) for r in rows[:h])[:120]
        notices.append(issue("network.header_row", source, lines[h], line_n=lines[h], skipped=skipped))
    body, body_lines = [], []
    width = len(columns)
    for r, ln in zip(rows[h + 1:], lines[h + 1:]):
        if not "".join(r).strip():
            continue
        if len(r) < width:
            r = list(r) + [""] * (width - len(r))
        body.append(r)
        body_lines.append(ln)
    return RawTable(source, columns, body, body_lines, lines[h], notices)


def _read_csv(path: Path, header_words: Sequence[str]) -> RawTable:
    text = decode(path.read_bytes())
    sample = text[:65536]
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        delim = max(_DELIMITERS, key=first.count) if any(d in first for d in _DELIMITERS) else ","
    # the sniffer can be fooled by commas inside names; the header line's count decides ties
    first = sample.split("\n", 1)[0]
    if first.count("\t") > first.count(delim):
        delim = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows, lines = [], []
    start = 1
    for r in reader:
        rows.append(r)
        lines.append(start)
        start = reader.line_num + 1
    return _finish(path.name, rows, lines, header_words)


def _read_xlsx(path: Path, header_words: Sequence[str]) -> RawTable:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        rows, lines = [], []
        for i, r in enumerate(ws.iter_rows(values_only=True), start=1):
            rows.append(["" if v is None else (repr(v) if isinstance(v, float) else str(v)) for v in r])
            lines.append(i)
    finally:
        wb.close()
    return _finish(path.name, rows, lines, header_words)


def _read_gis(path: Path) -> RawTable:
    import geopandas as gpd

    if path.suffix.lower() == ".shp":
        missing = [ext for ext in (".shx", ".dbf")
                   if not (path.with_suffix(ext).exists() or path.with_suffix(ext.upper()).exists())]
        if missing:
            raise _error("network.shp_missing", file=path.name, parts_list=missing)
    g = gpd.read_file(path)
    if g.crs is not None and not g.crs.equals("EPSG:4326"):
        g = g.to_crs("EPSG:4326")
    cols = [c for c in g.columns if c != g.geometry.name]
    rows = []
    for rec, geom in zip(g[cols].itertuples(index=False), g.geometry):
        vals = ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in rec]
        if geom is None or geom.is_empty:
            vals += ["", ""]
        else:
            p = geom if geom.geom_type == "Point" else geom.representative_point()
            vals += [repr(float(p.x)), repr(float(p.y))]
        rows.append(vals)
    return RawTable(path.name, [str(c) for c in cols] + [GEOMETRY_LON, GEOMETRY_LAT], rows,
                    list(range(1, len(rows) + 1)), 0)


def detect_mapping(columns: Sequence[str], synonyms: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """column -> field for the columns whose folded name is one of a field's synonyms (each
    field once, the first synonym that matches winning)."""
    folded = {c: fold(c) for c in columns}
    out: dict[str, str] = {}
    taken: set[str] = set()
    for fld, words in synonyms.items():
        for w in words:
            hit = next((c for c in columns if folded[c] == w and c not in out), None)
            if hit is not None and fld not in taken:
                out[hit] = fld
                taken.add(fld)
                break
    return out
