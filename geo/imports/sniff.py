"""Tell BTS files apart by their header (never by their file name) and expand inputs.

* TransBorder raw monthly tables: DOT1 (US state x port), DOT2 (US state x commodity),
  DOT3 (port x commodity). Real files named ``dot1_...`` can hold DOT3 data: only the
  header decides.
* Border Crossing/Entry Data: the current 10-column layout and the older 7-column
  (no coordinates) and 8-column (``Location`` WKT) ones, with ``Mon YYYY`` or
  ``MM/DD/YYYY hh:mm:ss AM`` dates.
* ``.zip`` files (as BTS publishes the monthly tables) are opened and every CSV member is
  imported; directories are walked for ``*.csv`` / ``*.zip``.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

__all__ = [
    "NotBTSFileError",
    "Sniffed",
    "sniff",
    "expand_inputs",
    "TRANSBORDER_KINDS",
    "DATE_FORMATS",
]

TRANSBORDER_KINDS = ("DOT1", "DOT2", "DOT3")

_COMMON = {"TRDTYPE", "DISAGMOT", "COUNTRY", "VALUE", "MONTH", "YEAR"}
_OPTIONAL = {"SHIPWT", "FREIGHT_CHARGES", "DF", "CONTCODE"}
_STATE_COLS = {"MEXSTATE", "CANPROV"}

_CROSSING_REQUIRED = {"port name", "state", "port code", "border", "date", "measure", "value"}
_CROSSING_OPTIONAL = {"latitude", "longitude", "point", "location"}

#: Python strptime format -> DuckDB timestampformat (identical spelling for these).
DATE_FORMATS = (
    "%b %Y",                  # Jan 2024 (current release)
    "%m/%d/%Y %I:%M:%S %p",   # 12/01/2018 12:00:00 AM (older releases)
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%Y-%m-%dT%H:%M:%S.%f",  # Socrata API exports
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%B %Y",
)


class NotBTSFileError(ValueError):
    """The file is not a BTS TransBorder or Border Crossing/Entry CSV (message names the file)."""


@dataclass
class Sniffed:
    path: Path                 # the real file to read
    display: str               # what to call it in messages (zip members: "x.zip:member.csv")
    kind: str                  # DOT1 | DOT2 | DOT3 | CROSSINGS
    columns: list[str]         # header names as they appear (stripped of quotes/space/BOM)
    variant: str = ""          # crossings: "10-column", "8-column", "7-column"
    date_format: str | None = None
    data_lines: int = 0        # newline count minus header (an estimate for progress)
    notes: list[str] = field(default_factory=list)

    @property
    def is_transborder(self) -> bool:
        return self.kind in TRANSBORDER_KINDS


def _split_header(line: str) -> list[str]:
    return [c.strip().strip('"').strip() for c in line.strip("\r\n").split(",")]


def _count_lines(path: Path) -> int:
    n = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        n += 1
    return n


def sniff(path: Path, display: str | None = None) -> Sniffed:
    """Identify a CSV by its header; raise :class:`NotBTSFileError` with a clear message."""
    path = Path(path)
    display = display or str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except IsADirectoryError:
        raise NotBTSFileError(f"{display} is a directory, not a file.") from None
    except OSError as exc:
        raise NotBTSFileError(f"Cannot read {display}: {exc.strerror or exc}.") from None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotBTSFileError(
            f"{display} is UTF-16 encoded; save it as a UTF-8 (or plain) CSV and import it again.")
    if head.startswith(b"PK\x03\x04"):
        raise NotBTSFileError(f"{display} is a zip archive; give it a .zip name to import its CSV files.")
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if b"\x00" in head[:4096]:
        raise NotBTSFileError(f"{display} is a binary file, not a BTS CSV file.")
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    cols = _split_header(first)
    upper = {c.upper() for c in cols}
    lower = {c.lower() for c in cols}

    kind = None
    if _COMMON <= upper:
        has_state = "USASTATE" in upper
        has_port = "DEPE" in upper
        has_hs = "COMMODITY2" in upper
        if has_state and has_port and not has_hs and _STATE_COLS <= upper:
            kind = "DOT1"
        elif has_state and has_hs and not has_port and _STATE_COLS <= upper:
            kind = "DOT2"
        elif has_port and has_hs and not has_state:
            kind = "DOT3"
    if kind:
        known = _COMMON | _OPTIONAL | _STATE_COLS | {"USASTATE", "DEPE", "COMMODITY2"}
        s = Sniffed(path, display, kind, cols, data_lines=max(_count_lines(path) - 1, 0))
        extra = [c for c in cols if c.upper() not in known]
        if extra:
            s.notes.append(f"{display}: ignored unexpected column(s) {', '.join(extra)}")
        if len(set(c.upper() for c in cols)) != len(cols):
            raise NotBTSFileError(f"{display} has duplicate column names in its header.")
        return s

    if _CROSSING_REQUIRED <= lower:
        if {"latitude", "longitude", "point"} <= lower:
            variant = "10-column"
        elif "location" in lower:
            variant = "8-column"
        else:
            variant = "7-column"
        s = Sniffed(path, display, "CROSSINGS", cols, variant=variant,
                    data_lines=max(_count_lines(path) - 1, 0))
        s.date_format = _sniff_date_format(head, cols, display)
        return s

    shown = first.strip()[:120] or "(empty)"
    raise NotBTSFileError(
        f"{display} is not a BTS TransBorder (DOT1/DOT2/DOT3) or Border Crossing/Entry file: "
        f"its header {shown!r} matches none of the known layouts.")


def _sniff_date_format(head: bytes, cols: list[str], display: str) -> str:
    import csv
    import io

    idx = [c.lower() for c in cols].index("date")
    text = head.decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))[1:50]
    samples = [r[idx].strip() for r in rows if len(r) == len(cols) and r[idx].strip()]
    for fmt in DATE_FORMATS:
        ok = 0
        for s in samples[:20]:
            try:
                datetime.strptime(s, fmt)
                ok += 1
            except ValueError:
                pass
        if samples and ok >= max(1, len(samples[:20]) // 2):
            return fmt
    if not samples:
        return DATE_FORMATS[0]
    raise NotBTSFileError(
        f"{display} looks like Border Crossing/Entry data but its Date values "
        f"(e.g. {samples[0]!r}) are in no known format.")


def expand_inputs(paths, tmpdir: Path) -> list[tuple[Path, str]]:
    """Expand directories and zip files into ``(file, display_name)`` pairs of CSVs.

    Zip members are extracted into ``tmpdir``. Raises :class:`NotBTSFileError` for missing
    paths, unreadable zips and zips without CSV members.
    """
    out: list[tuple[Path, str]] = []
    tmpdir = Path(tmpdir)
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise NotBTSFileError(f"{p} does not exist.")
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in (".csv", ".zip"))
            if not found:
                raise NotBTSFileError(f"{p} is a folder without .csv or .zip files.")
            out.extend(expand_inputs(found, tmpdir))
        elif p.suffix.lower() == ".zip" or zipfile.is_zipfile(p) and p.suffix.lower() != ".csv":
            out.extend(_expand_zip(p, tmpdir))
        else:
            out.append((p, str(p)))
    return out


def _expand_zip(p: Path, tmpdir: Path) -> list[tuple[Path, str]]:
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotBTSFileError(f"{p} is not a readable zip file ({exc}).") from None
    out = []
    with zf:
        members = [m for m in zf.infolist()
                   if not m.is_dir() and m.filename.lower().endswith(".csv")
                   and not Path(m.filename).name.startswith(("._", "~$"))]
        if not members:
            raise NotBTSFileError(f"{p} contains no CSV files.")
        dest_root = tmpdir / f"zip{len(list(tmpdir.iterdir())) if tmpdir.exists() else 0}_{p.stem}"
        for i, m in enumerate(members):
            dest = dest_root / f"{i:04d}_{Path(m.filename).name}"  # flat; no path traversal
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(m) as src, open(dest, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
            out.append((dest, f"{p}:{m.filename}"))
    return out
