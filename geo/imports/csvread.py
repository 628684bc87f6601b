"""Shared DuckDB CSV staging: typed read with rejects -> (good rows table, bad-row issues).

Validation happens inside DuckDB's CSV reader: every column is read with the narrowest type
(ENUMs of the valid codes, UBIGINT for amounts, a timestamp format for dates), required
columns are ``force_not_null`` so an empty field is a cast error, and ``store_rejects``
collects every bad line with its physical line number. Rejected rows never reach the
staging table; good rows do.
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.imports.report import Issue

_CONVERT_RE = re.compile(r'Could not convert string "(.*?)" to', re.S)
_FOUND_RE = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def sql_str(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def enum_sql(values) -> str:
    return "ENUM(" + ", ".join(sql_str(v) for v in values) + ")"


def stage_csv(con, path: Path, display: str, columns: list[tuple[str, str]], not_null: list[str],
              table: str, describe, timestampformat: str | None = None) -> tuple[int, list[Issue]]:
    """Read ``path`` into TEMP TABLE ``table``; return (good rows, issues).

    ``columns``: (header name as in file, DuckDB type) in file order.
    ``describe(column, value) -> str``: reason text for a cast failure.
    """
    cols = "{" + ", ".join(f"{sql_str(n)}: {sql_str(t)}" for n, t in columns) + "}"
    opts = [
        "header=true", "auto_detect=false", "delim=','", "quote='\"'", "escape='\"'",
        f"columns={cols}", "store_rejects=true",
        f"rejects_table={sql_str(table + '_rej')}", f"rejects_scan={sql_str(table + '_scan')}",
        "strict_mode=true", "null_padding=false", "parallel=true",
    ]
    if not_null:
        opts.append("force_not_null=[" + ", ".join(sql_str(c) for c in not_null) + "]")
    if timestampformat:
        opts.append(f"timestampformat={sql_str(timestampformat)}")
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(
        f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv({sql_str(str(path))}, {', '.join(opts)})")
    good = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    rej = con.execute(
        f"SELECT line, column_name, CAST(error_type AS VARCHAR), error_message "
        f"FROM {table}_rej ORDER BY line, column_idx").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {table}_rej")
    con.execute(f"DROP TABLE IF EXISTS {table}_scan")
    issues: dict[int, list[str]] = {}
    for line, col, etype, msg in rej:
        reason = _reason(col, etype, msg or "", describe)
        issues.setdefault(int(line), [])
        if reason not in issues[int(line)]:
            issues[int(line)].append(reason)
    return good, [Issue(display, ln, "; ".join(rs)) for ln, rs in sorted(issues.items())]


def _reason(col, etype: str, msg: str, describe) -> str:
    if etype == "CAST":
        m = _CONVERT_RE.search(msg)
        value = m.group(1) if m else None
        if value is None or value.strip() == "":
            return f"{col} is empty"
        return describe(col, value)
    if etype in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        m = _FOUND_RE.search(msg)
        if m:
            return f"wrong column count: expected {m.group(1)}, found {m.group(2)}"
        return "wrong column count"
    if etype == "INVALID ENCODING":
        return "not valid UTF-8 text (wrong encoding, e.g. Latin-1); save the file as UTF-8"
    if etype == "UNQUOTED VALUE":
        return "malformed CSV quoting"
    if etype == "LINE SIZE OVER MAXIMUM":
        return "line too long to be a BTS record"
    return f"malformed CSV line ({etype.lower()})"
