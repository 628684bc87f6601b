"""Read a user's origin–destination table (CSV) into a single-leg :class:`geo.flows.FlowSet`.

Accepted layouts (header names are matched case/accent-insensitively, ``_``/space/``-`` alike):

- coordinates: ``origin_lon, origin_lat, dest_lon, dest_lat`` (also ``o_lon``/``from_lon``/
  ``destination_longitude``/``to_x`` ...), plus a value column;
- names or codes: ``origin, destination`` (``from``/``to``, ``o``/``d``) holding names or BTS
  codes of US/Mexican states, Canadian provinces or ports known to the app (``Texas``,
  ``TX``, ``Nuevo León``, ``Laredo``, ``2304``), plus a value column.

Optional ``mode`` and ``label`` columns. Values may use thousands separators and a leading
``$``. Good rows load; every bad row is reported with file, line and reason (unknown name,
ambiguous name, bad number, latitude/longitude swapped, out of range), and the whole file is
refused with one clear message when it is not an OD table at all.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from geo.data.codes import code_tables
from geo.flows import (Anchors, FlowOptions, FlowSet, make_flowset, BOOL_FIELDS, INT_FIELDS,
                    NUM_FIELDS, STR_FIELDS, load_anchors)
from geo.core.projection import to_map

__all__ = ["ODImportError", "RowProblem", "ODImportResult", "read_od_csv"]


class ODImportError(ValueError):
    """The file cannot be read as an origin–destination table; the message says why."""


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int          # 1-based line number in the file (the header is line 1)
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ODImportResult:
    flowset: FlowSet
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)

    def report(self) -> str:
        head = f"{self.rows_loaded} of {self.rows_read} rows loaded"
        return "\n".join([head, *self.notes, *(str(p) for p in self.problems)])


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


def _decode(raw: bytes) -> tuple[str, str, list[str]]:
    notes = []
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig", notes
    for enc in ("utf-8", "utf-16"):
        try:
            if enc == "utf-16" and not (raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff")):
                continue
            return raw.decode(enc), enc, notes
        except UnicodeDecodeError:
            pass
    notes.append("The file is not UTF-8; it was read as Windows-1252 (Latin-1). "
                 "Check accented names, or save the file as UTF-8.")
    return raw.decode("cp1252", errors="replace"), "cp1252", notes


def _number(text: str) -> float | None:
    t = str(text).strip().replace("$", "").replace(",", "").replace("\u00a0", "").replace(" ", "")
    if t in ("", "-", "NA", "nan"):
        return None
    try:
        v = float(t)
    except ValueError:
        return None
    return v if np.isfinite(v) else None


def read_od_csv(path: str | Path, anchors: Anchors | None = None, options: FlowOptions | None = None,
                units: str = "US$") -> ODImportResult:
    """Read ``path`` (see the module docstring). Raises :class:`ODImportError` when the file
    is not an OD table (no origin/destination or value columns, empty, binary)."""
    path = Path(path)
    anchors = anchors or load_anchors()
    options = options or FlowOptions(top_n=None)
    fname = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ODImportError(f"Cannot read {fname}: {exc.strerror or exc}.") from None
    if not raw.strip():
        raise ODImportError(f"{fname} is empty.")
    if b"\x00" in raw[:4096] and not (raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff")):
        raise ODImportError(f"{fname} is not a text (CSV) file.")
    text, enc, notes = _decode(raw)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    rows = [r for r in rows]
    if not rows:
        raise ODImportError(f"{fname} is empty.")
    header = [_key(h) for h in rows[0]]
    col = {}
    for role, names in _ALIASES.items():
        for i, h in enumerate(header):
            if h in names and role not in col:
                col[role] = i
    coords = all(k in col for k in ("o_lon", "o_lat", "d_lon", "d_lat"))
    named = "origin" in col and "dest" in col
    if not (coords or named) or "value" not in col:
        missing = []
        if not (coords or named):
            missing.append("origin and destination (names/codes, or lon/lat columns such as "
                           "origin_lon, origin_lat, dest_lon, dest_lat)")
        if "value" not in col:
            missing.append("value column")
        raise ODImportError(
            f"{fname} is not an origin–destination table: no {' and no '.join(missing)} found in its "
            f"header ({', '.join(rows[0][:8])}{'…' if len(rows[0]) > 8 else ''}).")

    ct = code_tables()
    problems: list[RowProblem] = []
    good: list[tuple] = []
    place_cache: dict[str, tuple] = {}

    def resolve(name: str):
        k = name.strip()
        if k in place_cache:
            return place_cache[k]
        hits = anchors.lookup_name(k)
        if not hits:
            res = (None, f"unknown place {k!r} (not a state, province or port known to the app)")
        else:
            # one place per distinct location; a state and its anchor city are the same point
            distinct = {(round(h.x), round(h.y)) for h in hits}
            kinds = {h.kind for h in hits}
            if len(distinct) > 1 and not (len(kinds) > 1 and hits[0].code.upper() == k.upper()):
                opts = ", ".join(sorted({f"{h.name} ({h.kind.replace('_', ' ')} {h.code})" for h in hits})[:4])
                res = (None, f"ambiguous place {k!r}: could be {opts}; use a code")
            else:
                res = (hits[0], None)
        place_cache[k] = res
        return res

    for lineno, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        if len(r) < len(header):
            r = r + [""] * (len(header) - len(r))
        v = _number(r[col["value"]])
        if v is None:
            problems.append(RowProblem(fname, lineno, f"value {r[col['value']]!r} is not a number"))
            continue
        if v < 0:
            problems.append(RowProblem(fname, lineno, f"negative value {v:g}"))
            continue
        ends = []
        bad = None
        if coords:
            for which, lo_k, la_k in (("origin", "o_lon", "o_lat"), ("destination", "d_lon", "d_lat")):
                lon, lat = _number(r[col[lo_k]]), _number(r[col[la_k]])
                if lon is None or lat is None:
                    bad = f"{which} coordinates {r[col[lo_k]]!r}, {r[col[la_k]]!r} are not numbers"
                    break
                if abs(lat) > 90 and abs(lon) <= 90:
                    bad = (f"{which} latitude {lat:g} is out of range; longitude and latitude look "
                           f"swapped (expected lon, lat = {lat:g}, {lon:g})")
                    break
                if abs(lon) > 180 or abs(lat) > 90:
                    bad = f"{which} coordinates {lon:g}, {lat:g} are out of range"
                    break
                ends.append(("point", f"{lon:.5f},{lat:.5f}", f"{lat:.4f}°, {lon:.4f}°", lon, lat))
        else:
            for which, k in (("origin", "origin"), ("destination", "dest")):
                name = r[col[k]].strip()
                if not name:
                    bad = f"{which} is empty"
                    break
                pl, why = resolve(name)
                if pl is None:
                    bad = f"{which}: {why}"
                    break
                ends.append((pl.kind, pl.code, pl.name, pl.lon, pl.lat))
        if bad:
            problems.append(RowProblem(fname, lineno, bad))
            continue
        mode = r[col["mode"]].strip() if "mode" in col else ""
        label = r[col["label"]].strip() if "label" in col else ""
        good.append((ends[0], ends[1], v, mode, label))

    n = len(good)
    cols: dict[str, list] = {k: [] for k in STR_FIELDS + NUM_FIELDS + BOOL_FIELDS + INT_FIELDS}
    if n:
        lon = np.array([g[0][3] for g in good] + [g[1][3] for g in good], float)
        lat = np.array([g[0][4] for g in good] + [g[1][4] for g in good], float)
        x, y = to_map(lon, lat)
        node_ids: dict[str, int] = {}
        for j, (o, d, v, mode, label) in enumerate(good):
            try:
                mcode = ct.resolve("mode", mode) if mode else ""
            except Exception:
                mcode = ""
            cols["origin"].append(o[1]); cols["origin_name"].append(o[2]); cols["origin_kind"].append(o[0])
            cols["dest"].append(d[1]); cols["dest_name"].append(d[2]); cols["dest_kind"].append(d[0])
            cols["port"].append(""); cols["port_name"].append("")
            cols["mode"].append(mcode or mode); cols["mode_name"].append(ct.name("mode", mcode) if mcode else mode)
            cols["direction"].append(""); cols["label"].append(label); cols["value"].append(v)
            cols["ox"].append(x[j]); cols["oy"].append(y[j]); cols["dx"].append(x[n + j]); cols["dy"].append(y[n + j])
            cols["px"].append(np.nan); cols["py"].append(np.nan)
            cols["origin_recorded"].append(True); cols["dest_recorded"].append(True); cols["has_port"].append(False)
            cols["o_node"].append(node_ids.setdefault(f"{o[0]}:{o[1]}", len(node_ids)))
            cols["d_node"].append(node_ids.setdefault(f"{d[0]}:{d[1]}", len(node_ids)))
            cols["p_node"].append(0)
    total = float(sum(cols["value"]))
    fs = make_flowset(cols, options, total, (0, 0.0, {}), "", units, f"OD table {fname}", [], "od")
    if not n and rows[1:]:
        notes.append("No row could be loaded; see the problems below.")
    return ODImportResult(fs, problems, rows_read=sum(1 for r in rows[1:] if any(c.strip() for c in r)),
                          rows_loaded=n, encoding=enc, notes=notes)
