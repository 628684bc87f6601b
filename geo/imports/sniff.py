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
import hashlib
import os
import re
import zipfile
import zlib
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
    "identify",
    "clean_stale_temp_dirs",
    "temp_dir_prefix",
    "detect_encoding",
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
    sha256: str = ""           # of the file's bytes as given (zip members: the member's)

    @property
    def is_transborder(self) -> bool:
        return self.kind in TRANSBORDER_KINDS


def _split_header(line: str) -> list[str]:
    return [c.strip().strip('"').strip() for c in line.strip("\r\n").split(",")]


@dataclass
class _Scan:
    sha256: str = ""
    lines: int = 0
    lf: int = 0
    crlf: int = 0
    cr: int = 0
    ascii: bool = True
    utf8: bool = True
    bad_sample: bytes = b""


def _scan(path: Path) -> _Scan:
    """One pass over the file: SHA-256, line-ending counts, UTF-8 validity."""
    sc = _Scan()
    h = hashlib.sha256()
    dec = codecs.getincrementaldecoder("utf-8")()
    prev_cr = False
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
            sc.lf += chunk.count(b"\n")
            sc.cr += chunk.count(b"\r")
            sc.crlf += chunk.count(b"\r\n") + (1 if prev_cr and chunk[:1] == b"\n" else 0)
            prev_cr = chunk[-1:] == b"\r"
            last = chunk[-1:]
            if sc.utf8 and not chunk.isascii():
                sc.ascii = False
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError as exc:
                    sc.utf8 = False
                    sc.bad_sample = chunk[max(0, exc.start - 65536): exc.start + 65536]
    bare_cr = sc.cr - sc.crlf
    sc.lines = sc.lf + bare_cr + (0 if last in (b"\n", b"\r") else 1)
    sc.sha256 = h.hexdigest()
    return sc


def _count_lines(path: Path) -> int:
    return _scan(path).lines


def _detect_encoding(sample: bytes) -> str:
    """The encoding of a non-UTF-8 sample (charset-normalizer; Windows-1252 if undecided)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        if best is not None and best.encoding and best.encoding.replace("_", "").lower() not in ("utf8",):
            return best.encoding
    except Exception:  # pragma: no cover - the detector never decides the import's fate
        pass
    return "cp1252"


#: the encoding of a non-UTF-8 sample, for other readers of people's files (the company network)
detect_encoding = _detect_encoding


def _rewrite(path: Path, dest: Path, encoding: str | None) -> None:
    """Copy ``path`` to ``dest`` as UTF-8 with ``\\n`` line ends (``\\r\\r\\n``, ``\\r\\n`` and
    a lone ``\\r`` each end one line)."""
    dec = codecs.getincrementaldecoder(encoding)(errors="replace") if encoding else None
    carry = b""
    with open(path, "rb") as src, open(dest, "wb") as out:
        while True:
            chunk = src.read(1 << 22)
            data = carry + chunk
            if chunk:
                n = len(data) - len(data.rstrip(b"\r"))   # keep trailing CRs for the next chunk
                data, carry = (data[:-n], data[-n:]) if n else (data, b"")
            else:
                carry = b""
            data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if dec is not None:
                data = dec.decode(data, final=not chunk).encode("utf-8")
            out.write(data)
            if not chunk:
                break


def sniff(path: Path, display: str | None = None, workdir: Path | None = None) -> Sniffed:
    """Identify a CSV by its header; raise :class:`NotBTSFileError` with a clear message.

    Also hashes the file (``sha256``) and, given a ``workdir``, rewrites a copy that DuckDB
    reads safely when the file mixes line endings (or uses ``\\r\\r\\n``) or is not UTF-8
    (the encoding is detected with charset-normalizer); ``path`` then names the copy."""
    path = Path(path)
    display = display or str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except IsADirectoryError:
        raise NotBTSFileError(f"{display} is a directory, not a file.") from None
    except OSError as exc:
        raise NotBTSFileError(f"Cannot read {display}: {exc.strerror or exc}.") from None
    s = identify(head, display)
    s.path = path
    try:
        sc = _scan(path)
    except OSError as exc:
        raise NotBTSFileError(f"Cannot read {display}: {exc.strerror or exc}.") from None
    s.sha256 = sc.sha256
    s.data_lines = max(sc.lines - 1, 0)
    mixed = (sc.cr - sc.crlf) > 0 or (sc.crlf and sc.crlf != sc.lf)
    encoding = None if sc.utf8 else _detect_encoding(sc.bad_sample or head)
    if (mixed or encoding) and workdir is not None:
        workdir = Path(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        dest = workdir / f"conv{len(list(workdir.iterdir()))}_{path.name}"
        _rewrite(path, dest, encoding)
        s.path = dest
        if encoding:
            s.notes.append(f"{display} is not UTF-8; it was read as {encoding} (detected)")
        if mixed:
            s.notes.append(f"{display} mixes line endings; each of \\r\\n, \\r\\r\\n, \\n and \\r "
                           f"was read as one line end")
        if s.kind == "CROSSINGS":
            with open(dest, "rb") as fh:
                s.date_format = _sniff_date_format(fh.read(65536), s.columns, display)
    return s


def identify(head: bytes, display: str) -> Sniffed:
    """Identify the table from the first bytes of a file (a zip member is checked this way
    before it is extracted). ``path``/``sha256``/``data_lines`` are left for the caller."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotBTSFileError(
            f"{display} is UTF-16 encoded; save it as a UTF-8 (or plain) CSV and import it again.")
    if head.startswith(b"PK\x03\x04"):
        raise NotBTSFileError(f"{display} is a zip archive; give it a .zip name to import its CSV files.")
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if b"\x00" in head[:4096]:
        raise NotBTSFileError(f"{display} is a binary file, not a BTS CSV file.")
    first = re.split(rb"\r\n|\r|\n", head, maxsplit=1)[0].decode("utf-8", errors="replace")
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
        s = Sniffed(Path(display), display, kind, cols)
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
        s = Sniffed(Path(display), display, "CROSSINGS", cols, variant=variant)
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


def _is_zip(p: Path) -> bool:
    try:
        with open(p, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


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
        elif p.suffix.lower() == ".zip" or p.suffix.lower() != ".csv" and _is_zip(p):
            out.extend(_expand_zip(p, tmpdir))
        else:
            out.append((p, str(p)))
    return out


def _zip_damaged(p: Path, member: str | None, exc: BaseException) -> NotBTSFileError:
    what = f"member {member} of {p}" if member else str(p)
    detail = str(exc).strip() or type(exc).__name__
    if "CRC" in detail:
        why = "its data fail the CRC check (the archive is corrupt)"
    elif isinstance(exc, (EOFError, zlib.error)) or "truncated" in detail.lower() or "end" in detail.lower():
        why = f"it is truncated or corrupt ({detail})"
    else:
        why = f"it cannot be read ({detail})"
    return NotBTSFileError(f"Cannot import {what}: {why}; download the archive again.")


def _expand_zip(p: Path, tmpdir: Path) -> list[tuple[Path, str]]:
    """Extract the CSV members of ``p``; each member's first bytes are checked (is it a BTS
    table?) before it is extracted whole, so a huge non-CSV member is refused at once."""
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise NotBTSFileError(f"{p} is not a readable zip file ({exc}); it may be truncated or "
                              f"not a zip archive at all.") from None
    out = []
    with zf:
        members = [m for m in zf.infolist()
                   if not m.is_dir() and m.filename.lower().endswith(".csv")
                   and not Path(m.filename).name.startswith(("._", "~$"))]
        if not members:
            raise NotBTSFileError(f"{p} contains no CSV files.")
        dest_root = tmpdir / f"zip{len(list(tmpdir.iterdir())) if tmpdir.exists() else 0}_{p.stem}"
        for i, m in enumerate(members):
            display = f"{p}:{m.filename}"
            dest = dest_root / f"{i:04d}_{Path(m.filename).name}"  # flat; no path traversal
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(m) as src:
                    head = src.read(65536)
                    identify(head, display)          # refuses a non-BTS member before extracting it
                    with open(dest, "wb") as dst:
                        dst.write(head)
                        while chunk := src.read(1 << 22):
                            dst.write(chunk)
            except NotBTSFileError:
                dest.unlink(missing_ok=True)
                raise
            except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError,
                    RuntimeError) as exc:
                dest.unlink(missing_ok=True)
                raise _zip_damaged(p, m.filename, exc) from None
            except OSError as exc:
                dest.unlink(missing_ok=True)
                raise NotBTSFileError(f"Cannot extract member {m.filename} of {p}: "
                                      f"{exc.strerror or exc} (is the disk full?).") from None
            out.append((dest, display))
    return out


_TMP_PREFIX = "frontera-import-"


def temp_dir_prefix() -> str:
    """Prefix of an import's temporary folder: names the process, so a later import can tell
    folders left by a killed one (see :func:`clean_stale_temp_dirs`)."""
    return f"{_TMP_PREFIX}{os.getpid()}-"


def clean_stale_temp_dirs(base: Path | None = None) -> list[Path]:
    """Delete import folders whose process is gone (left by a killed import)."""
    import shutil
    import tempfile
    import time

    base = Path(base or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(base.glob(_TMP_PREFIX + "*"))
    except OSError:
        return removed
    for d in entries:
        rest = d.name[len(_TMP_PREFIX):]
        pid_txt = rest.split("-", 1)[0]
        stale = False
        if pid_txt.isdigit():
            pid = int(pid_txt)
            if pid != os.getpid():
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    stale = True
                except (PermissionError, OSError):
                    stale = False
        else:
            try:
                stale = time.time() - d.stat().st_mtime > 86400
            except OSError:
                stale = False
        if stale and d.is_dir():
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed
