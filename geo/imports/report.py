"""Import report: per-file results, bad rows (file, line, reason) and notices."""

from __future__ import annotations

import csv
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Issue", "FileResult", "ImportReport", "ImportCancelled", "CancelToken", "ImportFailed"]


class ImportCancelled(Exception):
    """Raised when the progress callback returned False or the cancel token was set.

    The store is unchanged (the transaction was rolled back)."""


class ImportFailed(Exception):
    """An import could not run (store locked, unreadable file...); the store is unchanged."""


class CancelToken:
    """Thread-safe cancel flag: the GUI calls :meth:`cancel`, the import checks it."""

    def __init__(self):
        self._ev = threading.Event()

    def cancel(self) -> None:
        self._ev.set()

    @property
    def cancelled(self) -> bool:
        return self._ev.is_set()


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None   # physical line number in the file (header is line 1); None: whole file
    reason: str


@dataclass
class FileResult:
    file: str
    kind: str                 # DOT1 | DOT2 | DOT3 | CROSSINGS
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_replaced: int = 0    # rows of the same months already in the store, now replaced
    periods: list[int] = field(default_factory=list)   # year_month ints, e.g. [202101]
    variant: str = ""


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    report_path: Path | None = None

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    @property
    def rows_per_second(self) -> float:
        rows = self.rows_loaded + self.rows_rejected
        return rows / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.issues

    def summary(self) -> str:
        """A few human lines for a dialog or the CLI."""
        lines = []
        for f in self.files:
            per = ""
            if f.periods:
                lo, hi = min(f.periods), max(f.periods)
                per = f" {lo // 100}-{lo % 100:02d}" + (f"..{hi // 100}-{hi % 100:02d}" if hi != lo else "")
            extra = f", {f.rows_rejected:,} bad rows" if f.rows_rejected else ""
            repl = f", replaced {f.rows_replaced:,}" if f.rows_replaced else ""
            lines.append(f"{f.file}: {f.kind}{per}, {f.rows_loaded:,} rows loaded{repl}{extra}")
        lines.append(
            f"Total: {self.rows_loaded:,} rows loaded, {self.rows_rejected:,} rejected in "
            f"{self.elapsed_s:.2f} s ({self.rows_per_second:,.0f} rows/s)")
        lines.extend(self.notices)
        if self.report_path:
            lines.append(f"Import report: {self.report_path}")
        return "\n".join(lines)

    def write_csv(self, path: Path) -> Path:
        """Write ``file,line,reason`` rows (atomically) and remember the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(["file", "line", "reason"])
                for i in self.issues:
                    w.writerow([i.file, "" if i.line is None else i.line, i.reason])
                for n in self.notices:
                    w.writerow(["", "", f"note: {n}"])
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.report_path = path
        return path
