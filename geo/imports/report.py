"""Import report: per-file results, bad rows (file, line, reason) and notices."""

from __future__ import annotations

import csv
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from geo.core.files import atomic_write
from geo.core.messages import Message

__all__ = ["Issue", "FileResult", "ImportReport", "ImportCancelled", "CancelToken", "ImportFailed",
           "SliceLoss", "ConsentNeeded", "issue", "text", "message"]


def message_code(code: str) -> str:
    """The catalogue code (``geo.core.messages``) of an import sentence: ``row.empty`` ->
    ``import.row.empty``. Every sentence an import shows a person is an ``import.*`` message;
    the short code (``row.empty``) is what issues and the report CSV carry."""
    return code if code.startswith("import.") else "import." + code


def message(code: str, **params) -> Message:
    """The sentence for ``code`` as a catalogue message (the view words it)."""
    return Message(message_code(code), params)


def text(code: str, **params) -> str:
    """The sentence for ``code`` in English (the report's summary, the command line, logs)."""
    return message(code, **params).english()


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
    reason: str        # in English (the report CSV, the command line)
    code: str = "row.invalid"
    params: Mapping | None = field(default=None, compare=False, hash=False)

    @property
    def message(self) -> Message:
        """The reason as a catalogue message, for the view to word."""
        if self.params is None:
            return message("row.invalid", detail=self.reason)
        return message(self.code, **self.params)


def issue(code: str, file: str, line: int | None, /, **params) -> Issue:
    """An :class:`Issue` whose reason is the sentence of ``code`` (an ``import.*`` message).
    ``file`` and ``line`` are positional-only, so a sentence may have parameters of those names."""
    return Issue(file, line, text(code, **params), code, params)


@dataclass(frozen=True)
class SliceLoss:
    """Stored rows of one slice (table, month, partner) that the imported files lack."""
    kind: str                 # DOT1 | DOT2 | DOT3 | CROSSINGS
    year_month: int
    country: int | None       # 2010 Mexico, 1220 Canada; None for crossings
    files: tuple[str, ...]
    rows: int
    value: int                # sum of the rows' value (US dollars, or crossings counted)

    @property
    def slice_label(self) -> str:
        ym = f"{self.year_month // 100}-{self.year_month % 100:02d}"
        if self.kind == "CROSSINGS":
            return f"Border Crossing {ym}"
        partner = {2010: "Mexico", 1220: "Canada"}.get(self.country or 0, str(self.country))
        return f"{self.kind} {ym} {partner}"

    @property
    def what(self) -> str:
        return "crossings counted" if self.kind == "CROSSINGS" else "US dollars"

    @property
    def value_text(self) -> str:
        return f"{self.value:,} crossings" if self.kind == "CROSSINGS" else f"${self.value:,}"


class ConsentNeeded(Exception):
    """Replacing whole slices would delete stored rows the files lack; nothing was changed.

    ``losses`` lists, per slice, the files, month, rows and value that would go. Ask the
    user, then import again with ``replace=True`` (delete them) or ``replace=False`` (keep
    them: merge by key)."""

    def __init__(self, losses: list[SliceLoss]):
        self.losses = list(losses)
        super().__init__(self.question())

    @property
    def rows(self) -> int:
        return sum(x.rows for x in self.losses)

    def lines(self, limit: int = 12) -> list[str]:
        out = []
        for x in self.losses[:limit]:
            names = ", ".join(Path(f).name for f in x.files)
            out.append(f"{names}: {x.slice_label}: {x.rows:,} stored rows ({x.value_text}) not in the file")
        if len(self.losses) > limit:
            rest = self.losses[limit:]
            out.append(f"... and {len(rest)} more slices ({sum(x.rows for x in rest):,} rows)")
        return out

    def question(self) -> str:
        return ("The imported files cover only part of what the store holds for some months. "
                "Replacing those months whole would delete stored rows the files lack:\n"
                + "\n".join(self.lines())
                + "\nReplace them (the deleted rows can be restored with Undo until purged), "
                  "or keep them and merge the files by key?")


@dataclass
class FileResult:
    file: str
    kind: str                 # DOT1 | DOT2 | DOT3 | CROSSINGS
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_replaced: int = 0    # stored rows with a key of this file whose values changed
    periods: list[int] = field(default_factory=list)   # year_month ints, e.g. [202101]
    variant: str = ""
    sha256: str = ""
    rows_added: int = 0       # keys the store did not hold
    rows_unchanged: int = 0   # keys the store held with the same values
    rows_duplicate: int = 0   # exact duplicate lines, counted once
    rows_conflict: int = 0    # lines whose key another line holds with other values (not loaded)
    rows_deleted: int = 0     # stored keys the file lacks, deleted (replace only)
    rows_kept: int = 0        # stored keys of the file's slices the file lacks, kept (merge)
    skipped: str = ""         # why the file was not imported (already imported...)


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    report_path: Path | None = None
    import_id: int | None = None     # the history entry (None: nothing imported)
    replace: bool = False            # whole slices were replaced (consent given)
    kept: list[SliceLoss] = field(default_factory=list)     # merge: stored rows the files lack, kept
    deleted: list[SliceLoss] = field(default_factory=list)  # replace: stored rows deleted

    @property
    def nothing_to_do(self) -> bool:
        return bool(self.files) and all(f.skipped for f in self.files)

    @property
    def empty_files(self) -> list["FileResult"]:
        """Files that were read but gave no valid row (header only, or every row invalid)."""
        return [f for f in self.files if not f.skipped and f.rows_loaded == 0]

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
            if f.skipped:
                lines.append(f.skipped)
                continue
            extra = f", {f.rows_rejected:,} bad rows" if f.rows_rejected else ""
            parts = []
            if f.rows_added:
                parts.append(f"{f.rows_added:,} new")
            if f.rows_replaced:
                parts.append(f"{f.rows_replaced:,} changed values replaced")
            if f.rows_unchanged:
                parts.append(f"{f.rows_unchanged:,} already stored")
            if f.rows_duplicate:
                parts.append(f"{f.rows_duplicate:,} duplicate lines counted once")
            if f.rows_conflict:
                parts.append(f"{f.rows_conflict:,} conflicting lines")
            if f.rows_deleted:
                parts.append(f"{f.rows_deleted:,} stored rows it lacks deleted")
            detail = f" ({', '.join(parts)})" if parts else ""
            lines.append(f"{f.file}: {f.kind}{per}, {f.rows_loaded:,} rows loaded{detail}{extra}")
        if self.nothing_to_do:
            lines.append(text("import.nothing_to_do"))
        if self.import_id is not None:
            lines.append(f"Recorded as import #{self.import_id}"
                         f"{' (whole months replaced)' if self.replace else ''}; it can be undone.")
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

        def write(tmp: Path) -> None:
            with open(tmp, "w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(["file", "line", "reason", "code"])
                for i in self.issues:
                    w.writerow([i.file, "" if i.line is None else i.line, i.reason, i.code])
                for n in self.notices:
                    w.writerow(["", "", f"note: {n}"])

        atomic_write(path, write)
        self.report_path = path
        return path
