"""Importers for BTS files into a DuckDB connection holding the store schema.

:func:`run_import` is the single entry point used by :class:`geo.store.DuckDBStore`:
expand paths (folders, zips) -> sniff every file by header (a non-BTS file aborts before
anything changes) -> one transaction: stage each file with validation, replace its months,
insert -> COMMIT. Any exception, a cancel, or a killed process leaves the store as it was.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable

from geo.data.codes import CodeTables
from geo.imports import crossings as _crossings
from geo.imports import transborder as _transborder
from geo.imports.report import CancelToken, FileResult, ImportCancelled, ImportFailed, ImportReport, Issue
from geo.imports.sniff import NotBTSFileError, Sniffed, expand_inputs, sniff

__all__ = [
    "run_import", "sniff", "Sniffed", "NotBTSFileError", "ImportReport", "ImportCancelled",
    "ImportFailed", "CancelToken", "Issue", "FileResult", "ProgressCallback",
]

ProgressCallback = Callable[[int, int], bool]


def run_import(con, paths, codes: CodeTables, progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None, on_file: Callable[[Sniffed], None] | None = None,
               after_load: Callable[[object, str], None] | None = None) -> ImportReport:
    """Import ``paths`` into ``con`` inside one transaction and return the report.

    ``progress(done_rows, total_rows)`` is called from the calling thread before the first
    file and after every file (and stage); returning ``False`` cancels. ``cancel`` is an
    alternative thread-safe token. On cancel the transaction is rolled back and
    :class:`ImportCancelled` is raised. ``after_load(con, keys_table)`` runs inside the
    transaction once every file is staged (the store refreshes its rollups there), so the
    importers need not know the store.
    """
    t0 = time.perf_counter()
    report = ImportReport()
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise NotBTSFileError("No files given to import.")
    with tempfile.TemporaryDirectory(prefix="frontera-import-") as tmp:
        inputs = expand_inputs(paths, Path(tmp))
        sniffed = [sniff(p, display) for p, display in inputs]
        total = sum(s.data_lines for s in sniffed)
        done = 0

        def tick(n_done: int) -> None:
            if cancel is not None and cancel.cancelled:
                raise ImportCancelled("Import cancelled; the store is unchanged.")
            if progress is not None and progress(min(n_done, total), total) is False:
                raise ImportCancelled("Import cancelled; the store is unchanged.")

        tick(0)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE _import_keys "
                        "(src UTINYINT, year_month INTEGER, country USMALLINT)")
            for i, s in enumerate(sniffed):
                if on_file:
                    on_file(s)
                result = FileResult(s.display, s.kind, variant=s.variant)
                report.notices.extend(s.notes)
                table = f"_stage_{i}"
                if s.is_transborder:
                    good, issues = _transborder.stage(con, s, codes, table)
                    tick(done + s.data_lines // 2)
                    report.notices.extend(_transborder.apply(con, s, table, result, codes))
                else:
                    good, issues = _crossings.stage(con, s, table)
                    tick(done + s.data_lines // 2)
                    report.notices.extend(_crossings.apply(con, s, table, result))
                result.rows_loaded = good
                result.rows_rejected = len(issues)
                report.issues.extend(issues)
                report.files.append(result)
                if good == 0 and issues:
                    report.notices.append(f"{s.display}: no valid rows; nothing loaded from it")
                con.execute(
                    "INSERT INTO import_log VALUES (current_timestamp, ?, ?, ?, ?, ?, ?)",
                    [s.display, s.kind, good, len(issues), result.rows_replaced,
                     ",".join(str(p) for p in result.periods[:400])])
                done += s.data_lines
                tick(done)
            if after_load is not None:
                after_load(con, "_import_keys")
            con.execute("DROP TABLE _import_keys")
            con.execute("COMMIT")
        except BaseException as exc:
            try:
                con.execute("ROLLBACK")
            except Exception:
                pass
            if isinstance(exc, (ImportCancelled, NotBTSFileError, KeyboardInterrupt)):
                raise
            if isinstance(exc, OSError):
                raise ImportFailed(f"Import failed while reading {s.display}: {exc}; the store is unchanged.") from exc
            if exc.__class__.__module__.startswith(("duckdb", "_duckdb")):
                msg = str(exc).strip().splitlines()[0]
                raise ImportFailed(f"Import failed on {s.display}: {msg}; the store is unchanged.") from exc
            raise
    report.elapsed_s = time.perf_counter() - t0
    return report
