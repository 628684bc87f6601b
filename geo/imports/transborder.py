"""BTS TransBorder raw monthly tables (DOT1, DOT2, DOT3) -> the ``freight`` fact table.

Handling of the quirks listed in the data README:

* the table type comes from the header (see :mod:`.sniff`), the file name is ignored;
* ``DEPE`` district codes (``23XX``) are kept as their own port code; well-formed port codes
  missing from the BTS code table (``2401``, ``2383``, ``59XX`` occur in 2020-21) are kept and
  listed as a notice (named after their district by :mod:`geo.data.codes`);
* ``MEXSTATE`` blank (Canada rows, US imports) is stored as NULL; ``XX`` (unknown) and the
  legacy ``DF`` / ``BN`` codes are stored as published (queries merge ``BN`` into ``BC``);
* Canada rows are kept.

Bad rows (an amount that is not a plain non-negative whole number - decimals, hex,
exponents, overflow -, unknown code, empty required field, wrong column count) are rejected
with their line number; good rows land. A row's key is every column but the three amounts
(:data:`KEY_COLS`): importing merges by that key (see :mod:`geo.imports.merge`).
"""

from __future__ import annotations

from geo.data.codes import SRC_ID, CodeTables
from geo.imports.csvread import Staged, enum_sql, number_sql, sql_str, stage_csv, stage_csv_many
from geo.imports.sniff import Sniffed

_NUMERIC = {"VALUE", "SHIPWT", "FREIGHT_CHARGES"}
_REQUIRED = {"TRDTYPE", "USASTATE", "DEPE", "COMMODITY2", "DISAGMOT", "COUNTRY", "VALUE",
             "MONTH", "YEAR"}
_MONTHS = [str(m) for m in range(1, 13)] + [f"{m:02d}" for m in range(1, 10)]
_YEARS = [str(y) for y in range(1990, 2100)]
TRANSBORDER_COUNTRIES = ("1220", "2010")

_LABEL = {
    "TRDTYPE": "trade type (TRDTYPE)", "USASTATE": "US state code", "DEPE": "port code (DEPE)",
    "COMMODITY2": "HS chapter code (COMMODITY2)", "DISAGMOT": "mode code (DISAGMOT)",
    "MEXSTATE": "Mexican state code", "CANPROV": "Canadian province code",
    "COUNTRY": "country code (only 1220 Canada and 2010 Mexico are TransBorder partners)",
    "DF": "DF code", "CONTCODE": "container code", "MONTH": "month", "YEAR": "year",
}


def column_types(codes: CodeTables) -> dict[str, str]:
    return {
        "TRDTYPE": enum_sql(codes.codes("trade_type")),
        "USASTATE": enum_sql(codes.codes("us_state")),
        "DEPE": "port_t",
        "COMMODITY2": enum_sql(codes.codes("commodity")),
        "DISAGMOT": enum_sql(codes.codes("mode")),
        "MEXSTATE": enum_sql(codes.codes("mx_state")),
        "CANPROV": enum_sql(codes.codes("ca_prov")),
        "COUNTRY": enum_sql(TRANSBORDER_COUNTRIES),
        "VALUE": "UBIGINT", "SHIPWT": "UBIGINT", "FREIGHT_CHARGES": "UBIGINT",
        "DF": enum_sql(["1", "2"]),
        "CONTCODE": enum_sql(["0", "1", "X"]),
        "MONTH": enum_sql(_MONTHS),
        "YEAR": enum_sql(_YEARS),
    }


def _describe(col: str, value: str) -> str:
    c = col.upper()
    if c in _NUMERIC:
        return f"{c} {value!r} is not a non-negative whole number"
    if c == "DEPE":
        return f"port code (DEPE) {value!r} is not a 4-character BTS port code"
    return f"unknown {_LABEL.get(c, c)} {value!r}"


def stage(con, s: Sniffed, codes: CodeTables, table: str) -> Staged:
    types = column_types(codes)
    columns = [(c, types.get(c.upper(), "VARCHAR")) for c in s.columns]
    not_null = [c for c in s.columns if c.upper() in _REQUIRED]
    numeric = tuple(c for c in s.columns if c.upper() in _NUMERIC)
    return stage_csv(con, s.path, s.display, columns, not_null, table, _describe, numeric=numeric)


def stage_many(con, group: list[Sniffed], codes: CodeTables, table: str) -> list[Staged]:
    """Stage files with the same header in one scan (see :func:`stage_csv_many`)."""
    s = group[0]
    types = column_types(codes)
    columns = [(c, types.get(c.upper(), "VARCHAR")) for c in s.columns]
    not_null = [c for c in s.columns if c.upper() in _REQUIRED]
    numeric = tuple(c for c in s.columns if c.upper() in _NUMERIC)
    return stage_csv_many(con, [(g.path, g.display) for g in group], columns, not_null, table, _describe,
                          numeric=numeric)


#: the key of a ``freight`` row (what a file's row stands for) and its amounts
KEY_COLS = ("src", "year_month", "trade_type", "country", "mode", "us_state", "port", "mx_state",
            "can_prov", "commodity", "df", "contcode")
VALUE_COLS = ("value", "shipwt", "freight_charges")
INCOMING = "_in_freight"


def create_incoming(con) -> None:
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {INCOMING} AS
        SELECT {', '.join(KEY_COLS + VALUE_COLS)}, CAST(0 AS SMALLINT) AS _f, CAST(0 AS BIGINT) AS _k
        FROM freight LIMIT 0""")


def normalise(con, s: Sniffed, staged: Staged, file_idx: int) -> None:
    """Append the staged rows to :data:`INCOMING` as ``freight`` rows (+ file index and
    good-record index)."""
    normalise_many(con, [(s, staged, file_idx)])


def normalise_many(con, items: list[tuple[Sniffed, Staged, int]]) -> None:
    """Append the rows of files staged together (one table, same header) to :data:`INCOMING`
    in one statement; each row gets its file index ``_f`` and good-record index ``_k``."""
    s, staged, _ = items[0]
    table = staged.table
    src = SRC_ID[s.kind]
    up = {c.upper(): c for c in s.columns}

    def col(name: str, cast: str) -> str:
        return f'CAST(CAST(t."{up[name]}" AS VARCHAR) AS {cast})' if name in up else f"CAST(NULL AS {cast})"

    def num(name: str) -> str:
        return number_sql(f't."{up[name]}"') if name in up else "CAST(NULL AS BIGINT)"

    ym = (f'CAST(CAST(t."{up["YEAR"]}" AS VARCHAR) AS INTEGER) * 100 + '
          f'CAST(CAST(t."{up["MONTH"]}" AS VARCHAR) AS INTEGER)')
    files = ", ".join(f"({sql_str(st.file)}, {int(i)}, {int(st.base)})" for _, st, i in items)
    con.execute(f"""
        INSERT INTO {INCOMING} SELECT
            CAST({src} AS UTINYINT) AS src, {ym} AS year_month,
            {col('TRDTYPE', 'UTINYINT')} AS trade_type, {col('COUNTRY', 'USMALLINT')} AS country,
            {col('DISAGMOT', 'UTINYINT')} AS mode, {col('USASTATE', 'st2_t')} AS us_state,
            {col('DEPE', 'port_t')} AS port, {col('MEXSTATE', 'st2_t')} AS mx_state,
            {col('CANPROV', 'st2_t')} AS can_prov, {col('COMMODITY2', 'hs2_t')} AS commodity,
            {col('DF', 'UTINYINT')} AS df, {col('CONTCODE', 'cont_t')} AS contcode,
            {num('VALUE')} AS value, {num('SHIPWT')} AS shipwt, {num('FREIGHT_CHARGES')} AS freight_charges,
            CAST(m.f AS SMALLINT), t.rowid - m.b
        FROM {table} t JOIN (VALUES {files}) m(file, f, b) ON t._file = m.file""")
    con.execute(f"DROP TABLE IF EXISTS {table}")


def file_facts(con, displays: dict[int, str], codes: CodeTables) -> tuple[dict[int, list[int]], list[str]]:
    """Months per file index, and notices for port codes missing from the BTS code table
    (one query each over all incoming rows)."""
    months: dict[int, list[int]] = {}
    for f, ms in con.execute(f"SELECT _f, list(DISTINCT year_month ORDER BY year_month) FROM {INCOMING} "
                             f"GROUP BY 1").fetchall():
        months[int(f)] = list(ms)
    notices = []
    for f, p, n in con.execute(f"SELECT _f, CAST(port AS VARCHAR) p, count(*) FROM {INCOMING} "
                               f"WHERE port IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2").fetchall():
        if not codes.is_known("port", p):
            notices.append(f"{displays[int(f)]}: port code {p} is not in the BTS code table "
                           f"({n:,} rows kept, shown as {codes.name('port', p)!r})")
    return months, notices
