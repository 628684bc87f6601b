"""Importers for BTS files into a DuckDB connection holding the store schema.

:func:`run_import` is the single entry point used by :class:`geo.store.DuckDBStore`:
expand paths (folders, zips: each member checked before it is extracted) -> sniff every file
by header (a non-BTS file aborts before anything changes) and hash it (a file already
imported is skipped, and the report says so) -> one transaction: stage each file with
validation, combine the files of one kind, drop exact duplicates, resolve keys with several
values, merge by key into the store (see :mod:`geo.imports.merge`), record the import in the
history -> COMMIT. Any exception, a cancel, Ctrl-C or a killed process leaves the store as it
was. Nothing stored is deleted unless ``replace=True`` (the user agreed to replace the
touched slices whole); ``replace=None`` asks: :class:`ConsentNeeded` is raised, with what
would be deleted, before anything changes.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable

from geo.data.codes import CodeTables
from geo.imports import crossings as _crossings
from geo.imports import merge as _merge
from geo.imports import transborder as _transborder
from geo.imports.csvread import LineMap
from geo.imports.report import (
    CancelToken,
    ConsentNeeded,
    FileResult,
    ImportCancelled,
    ImportFailed,
    ImportReport,
    Issue,
    SliceLoss,
    issue,
    text,
)
from geo.imports.sniff import NotBTSFileError, Sniffed, clean_stale_temp_dirs, expand_inputs, sniff, temp_dir_prefix

__all__ = [
    "run_import", "sniff", "Sniffed", "NotBTSFileError", "ImportReport", "ImportCancelled",
    "ImportFailed", "CancelToken", "Issue", "FileResult", "ProgressCallback", "ConsentNeeded",
    "SliceLoss", "undo_import", "purge_replaced", "import_history", "UndoRefused",
]

ProgressCallback = Callable[[int, int], bool]
UndoRefused = _merge.UndoRefused


def _is_interrupt(exc: BaseException) -> bool:
    """Ctrl-C, as Python or DuckDB report it (DuckDB turns a signal during a statement into
    ``InterruptException`` or ``RuntimeError: Query interrupted``)."""
    return (isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "InterruptException"
            or (isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()))


def run_import(con, paths, codes: CodeTables, progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None, on_file: Callable[[Sniffed], None] | None = None,
               after_load: Callable[[object, str], None] | None = None,
               replace: bool | None = False,
               before_merge: Callable[[object], None] | None = None) -> ImportReport:
    """Import ``paths`` into ``con`` inside one transaction and return the report.

    ``progress(done_rows, total_rows)`` is called from the calling thread before the first
    file and after every file (and stage); returning ``False`` cancels. ``cancel`` is an
    alternative thread-safe token. On cancel (or Ctrl-C) the transaction is rolled back and
    :class:`ImportCancelled` is raised. ``after_load(con, keys_table)`` runs inside the
    transaction once every file is merged (the store refreshes its rollups there);
    ``before_merge(con)`` runs inside it once the files are staged, before the stored rows of
    the touched slices are compared (the store copies bundled rows it reads in place there).

    ``replace``: ``False`` merges by key (stored keys the files lack stay; the report lists
    them in ``kept``); ``True`` also deletes them (kept for undo until purged); ``None``
    raises :class:`ConsentNeeded` if anything would be deleted, changing nothing.
    """
    t0 = time.perf_counter()
    report = ImportReport(replace=bool(replace))
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    if not paths:
        raise NotBTSFileError("No files given to import.")
    clean_stale_temp_dirs()
    with tempfile.TemporaryDirectory(prefix=temp_dir_prefix()) as tmp:
        inputs = expand_inputs(paths, Path(tmp))
        sniffed = [sniff(p, display, Path(tmp) / "conv") for p, display in inputs]

        # files already imported (same content) are skipped; so is a second copy in this import
        active = _merge.active_hashes(con, [s.sha256 for s in sniffed]) if replace is not True else {}
        todo: list[Sniffed] = []
        first_of: dict[str, str] = {}
        for s in sniffed:
            if s.sha256 in first_of:
                r = FileResult(s.display, s.kind, variant=s.variant, sha256=s.sha256,
                               skipped=text("file.same_twice", file=s.display, other=first_of[s.sha256]))
                report.files.append(r)
                continue
            first_of[s.sha256] = s.display
            if s.sha256 in active:
                iid, when = active[s.sha256]
                when_txt = when.strftime("%Y-%m-%d %H:%M") if hasattr(when, "strftime") else str(when)
                r = FileResult(s.display, s.kind, variant=s.variant, sha256=s.sha256,
                               skipped=text("file.already_imported", file=s.display, import_id=iid,
                                            when=when_txt, sha=s.sha256[:12]))
                report.files.append(r)
                continue
            todo.append(s)
        if not todo:
            report.elapsed_s = time.perf_counter() - t0
            return report

        total = sum(s.data_lines for s in todo)
        done = 0

        def tick(n_done: int) -> None:
            if cancel is not None and cancel.cancelled:
                raise ImportCancelled("Import cancelled; the store is unchanged.")
            if progress is not None and progress(min(n_done, total), total) is False:
                raise ImportCancelled("Import cancelled; the store is unchanged.")

        tick(0)
        current = todo[0].display
        try:
            con.execute("BEGIN TRANSACTION")   # inside: Ctrl-C may land on this very statement
            con.execute("CREATE OR REPLACE TEMP TABLE _import_keys "
                        "(src UTINYINT, year_month INTEGER, country USMALLINT)")
            _transborder.create_incoming(con)
            _crossings.create_incoming(con)
            files: dict[int, tuple[str, LineMap]] = {}
            results: dict[int, FileResult] = {}
            kinds_seen = set()
            # TransBorder files with the same header are read in one scan (fewer statements,
            # files read in parallel); Border Crossing files one by one
            groups: dict[tuple, list[int]] = {}
            for i, s in enumerate(todo):
                gkey = (s.kind, tuple(s.columns)) if s.is_transborder else ("file", i)
                groups.setdefault(gkey, []).append(i)
            for g, idxs in enumerate(groups.values()):
                group = [todo[i] for i in idxs]
                current = group[0].display
                for s in group:
                    if on_file:
                        on_file(s)
                    report.notices.extend(s.notes)
                table = f"_stage_{g}"
                n_lines = sum(s.data_lines for s in group)
                if group[0].is_transborder:
                    staged_list = _stage_group(con, group, codes, table)
                    tick(done + n_lines // 2)
                    _transborder.normalise_many(con, list(zip(group, staged_list, idxs)))
                    kinds_seen.add("freight")
                else:
                    staged_list = [_crossings.stage(con, group[0], table)]
                    tick(done + n_lines // 2)
                    _crossings.normalise(con, group[0], staged_list[0], idxs[0])
                    kinds_seen.add("crossings")
                for i, s, staged in zip(idxs, group, staged_list):
                    result = FileResult(s.display, s.kind, variant=s.variant, sha256=s.sha256)
                    files[i] = (s.display, staged.lines)
                    result.rows_loaded = staged.good
                    result.rows_rejected = len(staged.issues)
                    report.issues.extend(staged.issues)
                    if staged.good == 0:
                        if staged.issues:
                            report.issues.append(issue("file.all_invalid", s.display, None, file=s.display,
                                                       rows_n=len(staged.issues)))
                        else:
                            report.issues.append(issue("file.no_rows", s.display, None, file=s.display))
                    results[i] = result
                done += n_lines
                tick(done)
            report.files.extend(results[i] for i in sorted(results))

            current = "the combined files"
            if "freight" in kinds_seen:
                months, notices = _transborder.file_facts(con, {i: d for i, (d, _) in files.items()}, codes)
                report.notices.extend(notices)
                for i, ms in months.items():
                    results[i].periods = ms
            if "crossings" in kinds_seen:
                for i, ms in _crossings.file_months(con).items():
                    results[i].periods = ms
            specs = [sp for sp in _merge.SPECS if sp.name in kinds_seen]
            if before_merge is not None and "freight" in kinds_seen:
                before_merge(con)
            losses: list[SliceLoss] = []
            for spec in specs:
                iss, notes = _merge.dedupe(con, spec, files, results)
                report.issues.extend(iss)
                report.notices.extend(notes)
                losses.extend(_merge.plan(con, spec, files))
            n_in = sum(con.execute(f"SELECT count(*) FROM {sp.incoming}").fetchone()[0] for sp in specs)
            if losses and replace is None:
                raise ConsentNeeded(losses)
            if n_in == 0:
                con.execute("ROLLBACK")
                for r in results.values():
                    r.rows_loaded = 0
                report.elapsed_s = time.perf_counter() - t0
                return report
            import_id = _merge.next_import_id(con)
            deleted = 0
            for spec in specs:
                deleted += _merge.apply(con, spec, import_id, bool(replace), results)
            if "crossings" in kinds_seen:
                _merge.apply_ports(con, import_id)
            if replace:
                report.deleted = losses
                for x in losses:
                    report.notices.append(text("file.deleted_rows", slice=x.slice_label, rows_n=x.rows,
                                               what="stored rows", value=x.value_text,
                                               files=", ".join(Path(f).name for f in x.files),
                                               import_id=import_id))
            else:
                report.kept = losses
                for x in losses[:20]:
                    report.notices.append(text("file.kept_rows", slice=x.slice_label, rows_n=x.rows,
                                               what="not in the files", value=x.value_text,
                                               files=", ".join(Path(f).name for f in x.files),
                                               how="--replace on the command line; the import dialog asks"))
                if len(losses) > 20:
                    report.notices.append(f"... and {len(losses) - 20} more slices with stored rows kept")
            report.import_id = import_id
            for r in report.files:
                if not r.skipped:
                    per = ",".join(str(p) for p in r.periods[:400])
                    con.execute("INSERT INTO import_log VALUES (current_timestamp, ?, ?, ?, ?, ?, ?)",
                                [r.file, r.kind, r.rows_loaded, r.rows_rejected, r.rows_replaced, per])
                    con.execute("INSERT INTO import_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                [import_id, r.file, r.sha256, r.kind, r.rows_loaded, r.rows_rejected,
                                 r.rows_duplicate, r.rows_replaced, r.rows_deleted, per])
            live = [r for r in report.files if not r.skipped]
            report.elapsed_s = time.perf_counter() - t0
            con.execute("INSERT INTO import_history VALUES (?, current_timestamp, 'active', ?, ?, ?, ?, ?, ?, ?, ?, "
                        "NULL, NULL)",
                        [import_id, bool(replace), len(live), sum(r.rows_added for r in live),
                         sum(r.rows_replaced for r in live), sum(r.rows_unchanged for r in live), deleted,
                         sum(r.rows_rejected for r in live), report.summary()])
            if after_load is not None:
                after_load(con, "_import_keys")
            for t in ("_import_keys", _transborder.INCOMING, _crossings.INCOMING, _crossings.INCOMING_PORTS):
                con.execute(f"DROP TABLE IF EXISTS {t}")
            con.execute("COMMIT")
        except BaseException as exc:
            try:
                con.execute("ROLLBACK")
            except Exception:
                pass
            if _is_interrupt(exc):
                raise ImportCancelled("Import interrupted; the store is unchanged.") from None
            if isinstance(exc, (ImportCancelled, NotBTSFileError, ConsentNeeded)):
                raise
            if isinstance(exc, OSError):
                raise ImportFailed(f"Import failed while reading {current}: {exc}; the store is unchanged.") from exc
            if exc.__class__.__module__.startswith(("duckdb", "_duckdb")):
                msg = str(exc).strip().splitlines()[0]
                raise ImportFailed(f"Import failed on {current}: {msg}; the store is unchanged.") from exc
            raise
    report.elapsed_s = time.perf_counter() - t0
    return report


def _stage_group(con, group: list[Sniffed], codes: CodeTables, table: str):
    """Stage TransBorder files of one header together; if DuckDB fails on the combined read,
    find the file it failed on (each read alone, after rolling back) so the message names it."""
    try:
        return _transborder.stage_many(con, group, codes, table)
    except Exception as exc:
        if len(group) == 1 or not exc.__class__.__module__.startswith(("duckdb", "_duckdb")):
            raise
        con.execute("ROLLBACK")
        for s in group:
            try:
                _transborder.stage(con, s, codes, table)
            except Exception as one:
                msg = str(one).strip().splitlines()[0]
                raise ImportFailed(f"Import failed on {s.display}: {msg}; the store is unchanged.") from one
        raise


def undo_import(con, import_id: int, after_load=None) -> dict:
    """Undo one import exactly (see :func:`geo.imports.merge.undo`)."""
    return _merge.undo(con, import_id, after_load=after_load)


def purge_replaced(con, import_id: int | None = None) -> int:
    """Delete for good the rows kept for undo (see :func:`geo.imports.merge.purge`)."""
    return _merge.purge(con, import_id)


def import_history(con) -> list[dict]:
    return _merge.history(con)
