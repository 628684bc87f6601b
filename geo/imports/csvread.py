"""Shared DuckDB CSV staging: typed read with rejects -> (good rows table, bad-row issues).

Validation happens inside DuckDB: code columns are read with the narrowest type (ENUMs of
the valid codes, a timestamp format for dates) so the CSV reader rejects bad codes with
their line; required columns are ``force_not_null`` so an empty field is a cast error.
Amount columns are read as text and checked in SQL (digits only, within BIGINT): DuckDB's
own cast would round ``1.5`` to 2 and read ``0x10`` as 16. Rejected rows never reach the
staging table; good rows do, in file order (``rowid`` = index among good records).

Line numbers are physical lines of the file (header = line 1): DuckDB numbers records, so a
:class:`LineMap` adds the extra lines of records that hold a quoted line break.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from geo.imports.report import Issue, issue, text

_CONVERT_RE = re.compile(r'Could not convert string "(.*?)" to', re.S)
_FOUND_RE = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
_BIGINT_MAX = 9_223_372_036_854_775_807
#: a field longer than this is reported as too long (no BTS field comes near it), without
#: quoting it whole; BTS codes and amounts are at most 20 characters
MAX_FIELD_CHARS = 256
_LINE_TOO_LONG = "line too long to be a BTS record (over 1 MiB)"


def sql_str(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def enum_sql(values) -> str:
    return "ENUM(" + ", ".join(sql_str(v) for v in values) + ")"


def ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


@dataclass
class LineMap:
    """Maps DuckDB record numbers / good-record indexes to physical line numbers."""

    rejected: list[int] = field(default_factory=list)              # record numbers, sorted
    extra: dict[int, int] = field(default_factory=dict)            # record -> extra lines
    _gaps: list[int] = field(default_factory=list, repr=False)
    _ext_keys: list[int] = field(default_factory=list, repr=False)
    _ext_cum: list[int] = field(default_factory=list, repr=False)

    def freeze(self) -> "LineMap":
        self.rejected.sort()
        # good records before the j-th rejected record
        self._gaps = [r - 2 - j for j, r in enumerate(self.rejected)]
        self._ext_keys = sorted(self.extra)
        acc, cum = 0, []
        for k in self._ext_keys:
            acc += self.extra[k]
            cum.append(acc)
        self._ext_cum = cum
        return self

    def record_of(self, k: int) -> int:
        """DuckDB record number (header = 1) of the ``k``-th good record (0-based)."""
        return int(k) + 2 + bisect.bisect_right(self._gaps, int(k))

    def physical(self, record: int) -> int:
        i = bisect.bisect_left(self._ext_keys, record)
        return record + (self._ext_cum[i - 1] if i else 0)

    def line_of(self, k: int) -> int:
        return self.physical(self.record_of(k))


@dataclass
class Staged:
    table: str
    good: int
    issues: list[Issue]
    lines: LineMap
    base: int = 0       # rowid of the first good record: ``rowid - base`` is its index
    file: str = ""      # the path read (the table's ``_file``): a table may hold several files


def number_ok_sql(expr: str, required: bool) -> str:
    """SQL: ``expr`` (text) is a plain non-negative integer within BIGINT (or empty if optional)."""
    ok = (f"(regexp_full_match({expr}, ' *[0-9]{{1,19}} *') "
          f"AND (length({expr}) < 19 OR TRY_CAST({expr} AS BIGINT) IS NOT NULL))")
    if required:
        return f"coalesce({ok}, false)"
    return f"({expr} IS NULL OR {ok})"


def number_sql(expr: str) -> str:
    """SQL: the checked text amount as BIGINT (surrounding spaces are allowed by the cast)."""
    return f"CAST({expr} AS BIGINT)"


def _number_issue(display: str, line: int, col: str, value: str | None) -> Issue:
    v = "" if value is None else value
    t = v.strip()
    if t == "":
        return issue("row.empty", display, line, column=col)
    if len(t) > MAX_FIELD_CHARS:
        return issue("row.too_long", display, line, column=col, length_n=len(v), limit=MAX_FIELD_CHARS)
    if t.isdigit() and t.isascii():
        if int(t) > _BIGINT_MAX:
            return issue("row.number_too_large", display, line, column=col, value=v)
    if re.fullmatch(r"[-+]?\d*\.\d*", t):
        why = "a decimal; BTS publishes whole numbers"
    elif re.fullmatch(r"[-+]?0[xX][0-9a-fA-F]+", t):
        why = "hexadecimal"
    elif re.fullmatch(r"[-+]?\d*\.?\d+[eE][-+]?\d+", t):
        why = "exponent notation"
    elif t.startswith("-"):
        why = "negative"
    else:
        why = "not a number"
    return issue("row.bad_number", display, line, column=col, value=v, why=why)


def stage_csv(con, path: Path, display: str, columns: list[tuple[str, str]], not_null: list[str],
              table: str, describe, timestampformat: str | None = None,
              numeric: tuple[str, ...] = ()) -> Staged:
    """Read ``path`` into TEMP TABLE ``table``; return a :class:`Staged` (see :func:`stage_csv_many`)."""
    return stage_csv_many(con, [(path, display)], columns, not_null, table, describe,
                          timestampformat=timestampformat, numeric=numeric)[0]


def stage_csv_many(con, files: list[tuple[Path, str]], columns: list[tuple[str, str]], not_null: list[str],
                   table: str, describe, timestampformat: str | None = None,
                   numeric: tuple[str, ...] = ()) -> list[Staged]:
    """Read ``files`` (``(path, display)``, all with the same ``columns``) into one TEMP TABLE
    ``table`` with one scan (DuckDB reads them in parallel; one set of checks for all of them);
    return one :class:`Staged` per file, in order. The table has a column ``_file`` (the path
    read); a file's good records are contiguous and in file order (``rowid - base`` is the index
    among its good records), and line numbers are per file.

    ``columns``: (header name as in file, DuckDB type) in file order; ``numeric`` names the
    amount columns (read as text, checked in SQL). ``describe(column, value) -> str``: reason
    text for a cast failure.
    """
    num_up = {n.upper() for n in numeric}
    cols = "{" + ", ".join(
        f"{sql_str(n)}: {sql_str('VARCHAR' if n.upper() in num_up else t)}" for n, t in columns) + "}"
    opts = [
        "header=true", "auto_detect=false", "delim=','", "quote='\"'", "escape='\"'",
        f"columns={cols}", "store_rejects=true",
        f"rejects_table={sql_str(table + '_rej')}", f"rejects_scan={sql_str(table + '_scan')}",
        "strict_mode=true", "null_padding=false", "parallel=true", "max_line_size=1048576",
        "filename='_file'",
    ]
    if not_null:
        opts.append("force_not_null=[" + ", ".join(sql_str(c) for c in not_null) + "]")
    if timestampformat:
        opts.append(f"timestampformat={sql_str(timestampformat)}")
    paths = [str(p) for p, _ in files]
    display_of = dict(zip(paths, (d for _, d in files)))
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(
        f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv([{', '.join(sql_str(p) for p in paths)}], "
        f"{', '.join(opts)})")
    # record order: DuckDB keeps insertion order, so each file's rowids run in file order from a
    # base (transaction-local rows do not start at 0); ``_k`` is the index among good records
    spans = {f: (lo, hi, n) for f, lo, hi, n in con.execute(
        f"SELECT _file, min(rowid), max(rowid), count(*) FROM {table} GROUP BY 1").fetchall()}
    if any(n and hi - lo + 1 != n for lo, hi, n in spans.values()):  # pragma: no cover - defensive
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table} ORDER BY _file, rowid")
        spans = {f: (lo, hi, n) for f, lo, hi, n in con.execute(
            f"SELECT _file, min(rowid), max(rowid), count(*) FROM {table} GROUP BY 1").fetchall()}
    rej = con.execute(
        f"SELECT s.file_path, r.line, r.column_name, CAST(r.error_type AS VARCHAR), r.error_message, r.csv_line "
        f"FROM {table}_rej r JOIN {table}_scan s USING (scan_id, file_id) "
        f"ORDER BY s.file_path, r.line, r.column_idx").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {table}_rej")
    con.execute(f"DROP TABLE IF EXISTS {table}_scan")
    rejects: dict[str, list[tuple]] = {}
    for row in rej:
        rejects.setdefault(row[0], []).append(row[1:])

    # amounts and quoted line breaks: checked in SQL, only the few bad rows come back
    text_cols = [n for n, t in columns if n.upper() in num_up or t.upper() == "VARCHAR"]
    checks = [number_ok_sql(ident(n), n in not_null) for n, _ in columns if n.upper() in num_up]
    nl = " OR ".join(f"coalesce(strpos({ident(n)}, chr(10)) > 0, false)" for n in text_cols)
    bad_sql = " OR ".join([f"NOT {c}" for c in checks] + ([f"({nl})"] if nl else []))
    bad_by_file: dict[str, list[tuple]] = {}
    if bad_sql:
        sel = ", ".join(ident(n) for n in text_cols)
        for row in con.execute(
                f"SELECT _file, rowid, {sel} FROM {table} WHERE {bad_sql} ORDER BY _file, rowid").fetchall():
            bad_by_file.setdefault(row[0], []).append(row[1:])
    out: list[Staged] = []
    dropped_rowids: list[int] = []
    for path in paths:
        lo, _hi, n = spans.get(path, (0, -1, 0))
        base = int(lo or 0)
        bad_rows = [(int(r[0]) - base, *r[1:]) for r in bad_by_file.get(path, [])]
        lm, issues = _file_issues(display_of[path], columns, num_up, not_null, text_cols,
                                  rejects.get(path, []), bad_rows, describe)
        dropped_rowids.extend(int(r[0]) + base for r in bad_rows)
        out.append(Staged(table, int(n) - len(bad_rows), issues, lm, base, path))
    if dropped_rowids:
        con.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT unnest(?::BIGINT[]))", [dropped_rowids])
    return out


def _file_issues(display: str, columns, num_up: set[str], not_null: list[str], text_cols: list[str],
                 rej: list[tuple], bad_rows: list[tuple], describe) -> tuple[LineMap, list[Issue]]:
    """One file's line map and issues from the reader's rejects (``line, column, type, message,
    csv_line``) and the rows that failed the SQL checks (``k, text columns...``)."""
    lm = LineMap()
    reasons: dict[int, list[str]] = {}
    for line, col, etype, msg, csv_line in rej:
        line = int(line)
        if line not in reasons:
            lm.rejected.append(line)
            n_extra = (csv_line or "").count("\n")
            if n_extra:
                lm.extra[line] = n_extra
        reason = _reason(col, etype, msg or "", describe)
        reasons.setdefault(line, [])
        if reason not in reasons[line]:
            reasons[line].append(reason)
    for rs in reasons.values():  # a field named as too long says more than "line too long"
        if len(rs) > 1 and _LINE_TOO_LONG in rs:
            rs.remove(_LINE_TOO_LONG)
    multiline = []
    for row in bad_rows:
        n_extra = sum((v or "").count("\n") for v in row[1:])
        if n_extra:
            multiline.append((int(row[0]), n_extra))
    lm.freeze()
    for k, n_extra in multiline:
        lm.extra[lm.record_of(k)] = n_extra
    lm.freeze()
    issues: dict[int, list[Issue]] = {}
    for rec, rs in reasons.items():
        ln = lm.physical(rec)
        issues[ln] = [Issue(display, ln, "; ".join(rs), "row.invalid")]
    for row in bad_rows:
        k = int(row[0])
        rec = lm.record_of(k)
        ln = lm.physical(rec)
        vals = dict(zip(text_cols, row[1:]))
        if rec in lm.extra:
            issues[ln] = [issue("row.multiline", display, ln, line=ln, last=ln + lm.extra[rec])]
            continue
        out = []
        for n, _ in columns:
            if n.upper() not in num_up:
                continue
            v = vals.get(n)
            if v is None and n not in not_null:
                continue
            t = (v or "").strip()
            ok = (t != "" and len(t) <= 19 and t.isascii() and t.isdigit()
                  and int(t) <= _BIGINT_MAX)
            if not ok:
                out.append(_number_issue(display, ln, n, v))
        if out:
            joined = Issue(display, ln, "; ".join(i.reason for i in out), out[0].code)
            issues[ln] = [out[0] if len(out) == 1 else joined]
    return lm, [v[0] for _, v in sorted(issues.items())]


def _reason(col, etype: str, msg: str, describe) -> str:
    if etype == "CAST":
        m = _CONVERT_RE.search(msg)
        value = m.group(1) if m else None
        if value is None or value.strip() == "":
            return f"{col} is empty"
        if "\n" in value:
            return "a quoted field holds a line break; BTS files have none, so the record was skipped"
        if len(value) > MAX_FIELD_CHARS:
            return text("row.too_long", column=col, length_n=len(value), limit=MAX_FIELD_CHARS)
        return describe(col, value)
    if etype in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        m = _FOUND_RE.search(msg)
        if m:
            return f"wrong column count: expected {m.group(1)}, found {m.group(2)}"
        return "wrong column count"
    if etype == "INVALID ENCODING":
        return "not valid text in the file's encoding; save the file as UTF-8"
    if etype == "UNQUOTED VALUE":
        return "malformed CSV quoting"
    if etype == "LINE SIZE OVER MAXIMUM":
        return _LINE_TOO_LONG
    return f"malformed CSV line ({etype.lower()})"
