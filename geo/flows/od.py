"""Read a user's origin–destination table (CSV) into a single-leg :class:`geo.flows.FlowSet`.

Accepted layouts (header names are matched case/accent-insensitively, ``_``/space/``-`` alike):

- coordinates: ``origin_lon, origin_lat, dest_lon, dest_lat`` (also ``o_lon``/``from_lon``/
  ``destination_longitude``/``to_x`` ...), plus a value column;
- names or codes: ``origin, destination`` (``from``/``to``, ``o``/``d``) holding anything the
  app's place resolver (:mod:`geo.data.places`) knows: US/Mexican states and Canadian
  provinces by name, code or abbreviation (``Texas``, ``TX``, ``Nuevo León``, ``N.L.``), ports
  (``Laredo``, ``2304``) and cities (``Saltillo``, ``Nuevo Laredo``), plus a value column.

Optional ``mode`` and ``label`` columns. Good rows load; every bad row is reported with file,
line and reason (a :class:`geo.core.messages.Message`), and the whole file is refused with one
clear message (:class:`ODImportError`) when it is not an OD table at all. Nothing is guessed:

- numbers: ``$2,000`` is 2000; the file's number style (``1,234.56`` or ``1.234,56``) is
  read from the file itself, and a number whose meaning depends on a style the file does not
  settle, or a file that uses both, is a bad row, never truncated; values above
  :data:`MAX_VALUE` (``1e30``) are out of range;
- points: a point outside North America is a bad row, saying what looks wrong (longitude east
  of Greenwich, latitude and longitude swapped, ``0, 0``);
- a field longer than :data:`MAX_FIELD_CHARS`, or holding a control character (a NUL of a
  damaged file), is a bad row naming its column;
- a name that may mean places far apart is a bad row listing them; a name read as one place
  although it could also mean another, less likely one gets a note.
"""
from __future__ import annotations

import csv
import io
import re
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from geo.core.messages import CATALOGUE, Message, MessageError, msg
from geo.core.projection import to_map
from geo.data.codes import code_tables
from geo.data.places import PlaceCandidate, Places, in_north_america, places
from geo.flows import (
    BOOL_FIELDS,
    INT_FIELDS,
    NUM_FIELDS,
    STR_FIELDS,
    Anchors,
    FlowOptions,
    FlowSet,
    load_anchors,
    make_flowset,
)

__all__ = ["ODImportError", "RowProblem", "ODImportResult", "read_od_csv", "parse_number", "number_style",
           "MAX_VALUE", "MAX_FIELD_CHARS"]

#: a value above this is out of range (a quadrillion: far above any trade figure, far below 1e30)
MAX_VALUE = 1e15
#: a field longer than this (characters) is a bad row: no name, code, number or label is so long
MAX_FIELD_CHARS = 1000


class ODImportError(MessageError):
    """The file cannot be read as an origin–destination table; ``message`` says why."""


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int          # 1-based line number in the file (the header is line 1)
    message: Message

    @property
    def reason(self) -> str:
        return self.message.english()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ODImportResult:
    flowset: FlowSet
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    encoding: str = "utf-8"
    notes: list[Message] = field(default_factory=list)
    number_style: str = "plain"    # plain | point (1,234.56) | comma (1.234,56) | mixed | unknown

    def messages(self) -> list[Message]:
        """The report as messages: rows loaded, notes, then one per bad row."""
        head = msg("od.loaded", loaded_n=self.rows_loaded, read_n=self.rows_read)
        return [head, *self.notes, *(msg("od.problem", file=p.file, line=p.line, reason_msg=p.message)
                                     for p in self.problems)]

    def report(self) -> str:
        """The report in English (tests, logs); the view words :meth:`messages`."""
        head = msg("od.loaded", loaded_n=self.rows_loaded, read_n=self.rows_read)
        return "\n".join([head.english(), *(n.english() for n in self.notes), *(str(p) for p in self.problems)])


def _key(text: str) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")


_ALIASES = {
    "o_lon": ("origin_lon", "origin_lng", "origin_longitude", "o_lon", "o_lng", "from_lon", "from_lng",
              "from_longitude", "origin_x", "o_x", "from_x", "lon_o", "lon_origin", "start_lon"),
    "o_lat": ("origin_lat", "origin_latitude", "o_lat", "from_lat", "from_latitude", "origin_y", "o_y",
              "from_y", "lat_o", "lat_origin", "start_lat"),
    "d_lon": ("dest_lon", "dest_lng", "destination_lon", "destination_lng", "destination_longitude",
              "d_lon", "d_lng", "to_lon", "to_lng", "to_longitude", "dest_x", "d_x", "to_x", "lon_d",
              "lon_dest", "end_lon"),
    "d_lat": ("dest_lat", "destination_lat", "destination_latitude", "d_lat", "to_lat", "to_latitude",
              "dest_y", "d_y", "to_y", "lat_d", "lat_dest", "end_lat"),
    "origin": ("origin", "from", "o", "source", "origin_name", "origin_code", "from_name", "orig"),
    "dest": ("destination", "dest", "to", "d", "target", "destination_name", "dest_name",
             "destination_code", "to_name"),
    "value": ("value", "amount", "usd", "value_usd", "us", "total", "flow", "count", "weight",
              "volume", "trade_value", "val"),
    "mode": ("mode", "transport_mode", "mode_name"),
    "label": ("label", "name", "description", "commodity", "product"),
}
_ENDS = (("origin", "o_lon", "o_lat", "origin"), ("destination", "d_lon", "d_lat", "dest"))


def _decode(raw: bytes) -> tuple[str, str, list[Message]]:
    notes: list[Message] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig", notes
    for enc in ("utf-8", "utf-16"):
        try:
            if enc == "utf-16" and not (raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff")):
                continue
            return raw.decode(enc), enc, notes
        except UnicodeDecodeError:
            pass
    notes.append(msg("od.not_utf8", "warning"))
    return raw.decode("cp1252", errors="replace"), "cp1252", notes


# -- numbers ---------------------------------------------------------------------------------
_CURRENCY = re.compile(r"^(?:US\$|USD|MX\$|MXN|\$)\s*|\s*(?:USD|MXN|US\$|\$)$", re.I)
_GROUP_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009'’](?=\d)")
_EXPONENT = re.compile(r"(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_POINT_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")          # 1,234,567
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")         # 1.234.567
_POINT_FULL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")        # 1,234.56
_COMMA_FULL = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")        # 1.234,56


def _clean(text: str) -> tuple[str, str]:
    t = str(text).strip()
    sign = ""
    if t[:1] and t[0] in "+-":
        sign, t = t[0], t[1:].strip()
    t = _CURRENCY.sub("", t).strip()
    if not sign and t[:1] and t[0] in "+-":
        sign, t = t[0], t[1:].strip()
    return sign, _GROUP_SPACES.sub("", t)


def _classify(text: str) -> tuple[str, float, float]:
    """(class, value read with a decimal point, value read with a decimal comma); class is
    plain | point | comma (the text itself shows its style) | either (1,234 or 1.234: it
    depends) | bad."""
    sign, t = _clean(text)
    s = -1.0 if sign == "-" else 1.0
    if not t:
        return "bad", 0.0, 0.0
    if t.isdigit() and t.isascii():
        v = s * float(t)
        return "plain", v, v
    if _EXPONENT.fullmatch(t):
        v = s * float(t)
        return "plain", v, v
    has_c, has_p = "," in t, "." in t
    if has_c and has_p:
        if _POINT_FULL.fullmatch(t):
            v = s * float(t.replace(",", ""))
            return "point", v, v
        if _COMMA_FULL.fullmatch(t):
            v = s * float(t.replace(".", "").replace(",", "."))
            return "comma", v, v
        return "bad", 0.0, 0.0
    for sep, grouped, style, other in ((",", _POINT_GROUPED, "point", "comma"),
                                       (".", _COMMA_GROUPED, "comma", "point")):
        if sep not in t:
            continue
        if t.count(sep) > 1:
            if grouped.fullmatch(t):
                v = s * float(t.replace(sep, ""))
                return style, v, v
            return "bad", 0.0, 0.0
        head, _, tail = t.partition(sep)
        if not (head.isdigit() or head == "") or not tail.isdigit() or not (head + tail).isascii():
            return "bad", 0.0, 0.0
        as_group = float(head + tail)
        as_decimal = float(f"{head or '0'}.{tail}")
        if len(tail) == 3 and 1 <= len(head) <= 3 and head[0] != "0":     # 1,234 / 1.234
            point, comma = (as_group, as_decimal) if sep == "," else (as_decimal, as_group)
            return "either", s * point, s * comma
        return other, s * as_decimal, s * as_decimal                  # 2,5 / 0,125 / 12.5
    return "bad", 0.0, 0.0


def number_style(cells) -> str:
    """The number style of a file's cells: ``point`` (1,234.56), ``comma`` (1.234,56),
    ``mixed`` (both occur), ``plain`` (no cell shows either)."""
    seen = {_classify(c)[0] for c in cells} & {"point", "comma"}
    return "mixed" if len(seen) == 2 else (seen.pop() if seen else "plain")


def parse_number(text: str, style: str) -> tuple[float | None, str]:
    """``(value, "")`` or ``(None, why)`` with why one of empty | bad | mixed | ambiguous.
    ``style`` is the file's (see :func:`number_style`; ``unknown``: a style-dependent number
    is ambiguous; ``plain`` reads it with a decimal point, as the US and Mexico write)."""
    if not str(text).strip():
        return None, "empty"
    cls, point, comma = _classify(text)
    if cls == "bad":
        return None, "bad"
    if cls == "plain":
        return point, ""
    if style == "mixed" or (cls in ("point", "comma") and style in ("point", "comma") and cls != style):
        return None, "mixed"
    if cls == "either" and style == "unknown":
        return None, "ambiguous"
    return (comma if style == "comma" else point), ""


def _coordinate(text: str) -> float | None:
    t = str(text).strip().rstrip("°").strip()
    if not re.fullmatch(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)", t):
        return None
    return float(t.replace(",", "."))


def _coordinate_style(cells) -> set[str]:
    out = set()
    for c in cells:
        t = str(c).strip()
        if "," in t and "." not in t:
            out.add("comma")
        elif "." in t and "," not in t:
            out.add("point")
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _g(v: float) -> str:
    return f"{v:.10g}"


def _short(text: str, n: int = 60) -> str:
    t = str(text)
    return t if len(t) <= n else t[:n - 1] + "…"


# -- points and places -----------------------------------------------------------------------
def _point_problem(end: Message, lon: float, lat: float) -> Message | None:
    L, B = f"{lon:g}", f"{lat:g}"
    if in_north_america(lon, lat):
        return None
    if lon == 0 and lat == 0:
        return msg("od.row.zero_point", end_msg=end)
    if in_north_america(lat, lon) or in_north_america(-abs(lat), abs(lon)):
        return msg("od.row.swapped", end_msg=end, lon=L, lat=B)
    if abs(lon) > 180 or abs(lat) > 90:
        return msg("od.row.coords_out_of_range", end_msg=end, lon=L, lat=B)
    if in_north_america(-lon, lat):
        return msg("od.row.east_longitude", end_msg=end, lon=L, lat=B, fixed=f"{-lon:g}, {lat:g}")
    if in_north_america(lon, -lat):
        return msg("od.row.south_latitude", end_msg=end, lon=L, lat=B, fixed=f"{lon:g}, {-lat:g}")
    if in_north_america(-lon, -lat):
        return msg("od.row.east_longitude", end_msg=end, lon=L, lat=B, fixed=f"{-lon:g}, {-lat:g}")
    return msg("od.row.outside", end_msg=end, lon=L, lat=B)


def _place_msg(p: PlaceCandidate) -> Message:
    kind = f"od.kind.{p.kind}" if f"od.kind.{p.kind}" in CATALOGUE else "od.kind.city"
    return msg("od.place", name=p.name, kind_msg=msg(kind, ref=p.code))


def _example(p: PlaceCandidate) -> str:
    if p.kind in ("us_state", "mx_state"):
        return f"{p.country}-{p.code}"
    if p.kind in ("port", "ca_prov"):
        return p.code
    return p.name


@dataclass(frozen=True)
class _End:
    kind: str
    code: str
    name: str
    lon: float
    lat: float


# the csv module's field size limit is process-wide: raise it under a lock, then restore it
_CSV_LIMIT = threading.Lock()


@contextmanager
def _field_limit(n: int):
    with _CSV_LIMIT:
        old = csv.field_size_limit()
        csv.field_size_limit(max(old, n))
        try:
            yield
        finally:
            csv.field_size_limit(old)


def _records(text: str, delimiter: str, fname: str) -> list[tuple[int, list[str]]]:
    """``(first physical line, fields)`` per record (blank lines skipped)."""
    out = []
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)
    end = 0
    with _field_limit(len(text) + 1):
        try:
            for rec in reader:
                start, end = end + 1, reader.line_num
                if rec and any(c.strip() for c in rec):
                    out.append((start, rec))
        except csv.Error as exc:
            raise ODImportError(msg("od.bad_csv", "error", file=fname, line=reader.line_num,
                                    detail=str(exc))) from None
    return out


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_od_csv(path: str | Path, anchors: Anchors | None = None, options: FlowOptions | None = None,
                units: str = "US$", place_table: Places | None = None) -> ODImportResult:
    """Read ``path`` (see the module docstring). Raises :class:`ODImportError` when the file
    is not an OD table (no origin/destination or value columns, empty, binary, broken CSV).
    Names resolve through ``place_table`` (default: :func:`geo.data.places.places`); states and
    ports sit at their ``anchors`` (default: the bundled flow anchors) like the BTS flows'."""
    path = Path(path)
    anchors = anchors or load_anchors()
    options = options or FlowOptions(top_n=None)
    fname = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ODImportError(msg("od.cannot_read", "error", file=fname, detail=exc.strerror or str(exc))) from None
    if not raw.strip():
        raise ODImportError(msg("od.empty", "error", file=fname))
    if b"\x00" in raw[:4096] and not (raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff")):
        raise ODImportError(msg("od.not_text", "error", file=fname))
    text, enc, notes = _decode(raw)
    delim = _delimiter(text)
    records = _records(text, delim, fname)
    if not records:
        raise ODImportError(msg("od.empty", "error", file=fname))
    _, head = records[0]
    header = [_key(h) for h in head]
    col: dict[str, int] = {}
    for role, names in _ALIASES.items():
        for i, h in enumerate(header):
            if h in names and role not in col:
                col[role] = i
    coords = all(k in col for k in ("o_lon", "o_lat", "d_lon", "d_lat"))
    named = "origin" in col and "dest" in col
    if not (coords or named) or "value" not in col:
        missing = ("od.missing.both" if not (coords or named) and "value" not in col
                   else "od.missing.places" if not (coords or named) else "od.missing.value")
        shown = ", ".join(_short(h, 40) for h in head[:8]) + ("…" if len(head) > 8 else "")
        raise ODImportError(msg("od.not_od", "error", file=fname, missing_msg=msg(missing), header=shown))

    rows = records[1:]
    width = len(head)
    rows = [(ln, r + [""] * (width - len(r)) if len(r) < width else r) for ln, r in rows]
    # coordinates win when a table has both; these are the columns read
    used = ["value", *(("o_lon", "o_lat", "d_lon", "d_lat") if coords else ("origin", "dest")),
            *(k for k in ("mode", "label") if k in col)]
    vcol = col["value"]
    vname = head[vcol].strip() or "value"
    style = number_style(r[vcol] for _, r in rows if len(r[vcol]) <= MAX_FIELD_CHARS)
    if coords:
        cstyle = _coordinate_style(r[col[k]] for _, r in rows for k in ("o_lon", "o_lat", "d_lon", "d_lat")
                                   if len(r[col[k]]) <= 40)
        if style in ("point", "comma") and cstyle - {style}:
            style = "mixed"
        elif style == "plain" and cstyle:
            style = next(iter(cstyle)) if len(cstyle) == 1 else "mixed"
    if style == "plain" and delim == ";":
        style = "unknown"     # a semicolon CSV is what decimal-comma spreadsheets write

    ct = code_tables()
    table = place_table or places()
    problems: list[RowProblem] = []
    good: list[tuple[_End, _End, float, str, str]] = []
    cache: dict[tuple[str, str], tuple[_End | None, Message | None]] = {}
    noted: set[str] = set()

    def resolve(name: str, which: str) -> tuple[_End | None, Message | None]:
        """One place name, resolved once per file and end (a note when it could mean more)."""
        if (name, which) in cache:
            return cache[(name, which)]
        end = msg(f"od.end.{which}")
        res = table.resolve(name)
        out: tuple[_End | None, Message | None]
        if res.place is not None:
            p = res.place
            a = anchors.get(p.kind, p.code) if p.kind != "city" else None
            lon, lat = (a.lon, a.lat) if a is not None else (p.lon, p.lat)
            out = (_End(p.kind, p.code, p.name, lon, lat), None)
            if res.others and name not in noted:
                noted.add(name)
                notes.append(msg("od.read_as", name=name, place_msg=_place_msg(p),
                                 others_list=[_place_msg(o) for o in res.others[:3]]))
        elif res.rivals:
            out = (None, msg("od.row.ambiguous_place", end_msg=end, name=name,
                             options_list=[_place_msg(c) for c in res.rivals[:4]],
                             example=_example(res.rivals[0])))
        else:
            out = (None, msg("od.row.unknown_place", end_msg=end, name=name))
        cache[(name, which)] = out
        return out

    for lineno, r in rows:
        too_long = next((k for k in used if len(r[col[k]]) > MAX_FIELD_CHARS), None)
        if too_long is not None:
            c = col[too_long]
            problems.append(RowProblem(fname, lineno, msg(
                "od.row.too_long", column=_short(head[c].strip() or f"#{c + 1}", 40),
                length_n=len(r[c]), limit_n=MAX_FIELD_CHARS)))
            continue
        ctrl = next(((k, m.group()) for k in used if (m := _CONTROL.search(r[col[k]]))), None)
        if ctrl is not None:
            c = col[ctrl[0]]
            problems.append(RowProblem(fname, lineno, msg(
                "od.row.control_char", column=_short(head[c].strip() or f"#{c + 1}", 40),
                char=f"U+{ord(ctrl[1]):04X}")))
            continue
        cell = r[vcol]
        v, why = parse_number(cell, style)
        bad: Message | None = None
        if v is None:
            if why == "empty":
                bad = msg("od.row.value_empty", column=vname)
            elif why == "mixed":
                bad = msg("od.row.mixed_styles", column=vname, value=cell.strip())
            elif why == "ambiguous":
                _, point, comma = _classify(cell)
                bad = msg("od.row.ambiguous_number", column=vname, value=cell.strip(), as_point=_g(point),
                          as_comma=_g(comma))
            else:
                bad = msg("od.row.not_number", column=vname, value=_short(cell.strip()))
        elif not np.isfinite(v) or abs(v) > MAX_VALUE:
            bad = msg("od.row.out_of_range", column=vname, value=cell.strip(), limit=f"{MAX_VALUE:,.0f}")
        elif v < 0:
            bad = msg("od.row.negative", column=vname, value=cell.strip())
        ends: list[_End] = []
        if bad is None:
            for which, lo_k, la_k, name_k in _ENDS:
                end = msg(f"od.end.{which}")
                if coords:
                    lo_t, la_t = r[col[lo_k]], r[col[la_k]]
                    lon, lat = _coordinate(lo_t), _coordinate(la_t)
                    if lon is None or lat is None:
                        bad = msg("od.row.coords_not_numbers", end_msg=end, lon=_short(lo_t.strip(), 30),
                                  lat=_short(la_t.strip(), 30))
                        break
                    bad = _point_problem(end, lon, lat)
                    if bad is not None:
                        break
                    ends.append(_End("point", f"{lon:.5f},{lat:.5f}", f"{lat:.4f}°, {lon:.4f}°", lon, lat))
                else:
                    name = r[col[name_k]].strip()
                    if not name:
                        bad = msg("od.row.place_empty", end_msg=end)
                        break
                    found, bad = resolve(name, which)
                    if found is None:
                        break
                    ends.append(found)
        if bad is not None:
            problems.append(RowProblem(fname, lineno, bad))
            continue
        mode = r[col["mode"]].strip() if "mode" in col else ""
        label = r[col["label"]].strip() if "label" in col else ""
        good.append((ends[0], ends[1], float(v) if v is not None else 0.0, mode, label))

    n = len(good)
    cols: dict[str, list] = {k: [] for k in STR_FIELDS + NUM_FIELDS + BOOL_FIELDS + INT_FIELDS}
    if n:
        lons = np.array([g[0].lon for g in good] + [g[1].lon for g in good], float)
        lats = np.array([g[0].lat for g in good] + [g[1].lat for g in good], float)
        x, y = to_map(lons, lats)
        node_ids: dict[str, int] = {}
        for j, (o, d, v, mode, label) in enumerate(good):
            try:
                mcode = ct.resolve("mode", mode) if mode else ""
            except Exception:
                mcode = ""
            o_id = node_ids.setdefault(f"{o.kind}:{o.code}", len(node_ids))
            d_id = node_ids.setdefault(f"{d.kind}:{d.code}", len(node_ids))
            row = {
                "origin": o.code, "origin_name": o.name, "origin_kind": o.kind,
                "dest": d.code, "dest_name": d.name, "dest_kind": d.kind,
                "port": "", "port_name": "",
                "mode": mcode or mode, "mode_name": ct.name("mode", mcode) if mcode else mode,
                "direction": "", "label": label, "value": v,
                "ox": x[j], "oy": y[j], "dx": x[n + j], "dy": y[n + j], "px": np.nan, "py": np.nan,
                "origin_recorded": True, "dest_recorded": True, "has_port": False,
                "o_node": o_id, "d_node": d_id, "p_node": 0,
            }
            for k, cell in row.items():
                cols[k].append(cell)
    total = float(sum(cols["value"]))
    fs = make_flowset(cols, options, total, (0, 0.0, {}), "", units, f"OD table {fname}", [], "od")
    if not n and rows:
        notes.append(msg("od.none_loaded", "warning"))
    return ODImportResult(fs, problems, rows_read=len(rows), rows_loaded=n, encoding=enc, notes=notes,
                          number_style=style)
