"""BTS Border Crossing/Entry Data -> ``crossings`` (+ ``crossing_ports``).

Accepts the current 10-column layout (``Mon YYYY`` dates, Latitude/Longitude/Point) and the
older 7-column (no coordinates) and 8-column (``Location`` WKT) ones with dates such as
``12/01/2018 12:00:00 AM``. ``Port Code`` is read as a number and stored zero-padded
(``0104``). Older releases name two measures differently ("Truck Containers Full", "Rail
Containers Full"): they are stored under today's names (:data:`OLD_MEASURES`).

A row's key is (port code, month, measure): importing merges by that key (see
:mod:`geo.imports.merge`). Port names, states and coordinates come from the file's latest
month; a file older than what the store holds never overwrites a port's current name.
"""

from __future__ import annotations

from geo.imports.csvread import Staged, enum_sql, number_sql, stage_csv
from geo.imports.sniff import Sniffed

MEASURES = (
    "Bus Passengers", "Buses", "Pedestrians", "Personal Vehicle Passengers", "Personal Vehicles",
    "Rail Containers Empty", "Rail Containers Loaded", "Train Passengers", "Trains",
    "Truck Containers Empty", "Truck Containers Loaded", "Trucks",
)
#: measure names of older Border Crossing releases -> today's name
OLD_MEASURES = {
    "Truck Containers Full": "Truck Containers Loaded",
    "Rail Containers Full": "Rail Containers Loaded",
}

_TYPES = {
    "port name": "VARCHAR", "state": "VARCHAR", "port code": "USMALLINT", "border": "VARCHAR",
    "date": "TIMESTAMP", "measure": enum_sql(MEASURES + tuple(OLD_MEASURES)), "value": "VARCHAR",
    "latitude": "VARCHAR", "longitude": "VARCHAR", "point": "VARCHAR", "location": "VARCHAR",
}
_REQUIRED = ("port code", "date", "measure", "value")

KEY_COLS = ("port_code", "year_month", "measure")
VALUE_COLS = ("value",)
INCOMING = "_in_cross"
INCOMING_PORTS = "_in_ports"


def _describe(col: str, value: str) -> str:
    c = col.lower()
    if c == "value":
        return f"Value {value!r} is not a non-negative whole number"
    if c == "port code":
        return f"Port Code {value!r} is not a numeric port code"
    if c == "date":
        return f"Date {value!r} is not a valid date in this file's date format"
    if c == "measure":
        return f"unknown Measure {value!r}"
    return f"{col} {value!r} is invalid"


def stage(con, s: Sniffed, table: str) -> Staged:
    columns = [(c, _TYPES.get(c.lower(), "VARCHAR")) for c in s.columns]
    not_null = [c for c in s.columns if c.lower() in _REQUIRED]
    numeric = tuple(c for c in s.columns if c.lower() == "value")
    return stage_csv(con, s.path, s.display, columns, not_null, table, _describe,
                     timestampformat=s.date_format, numeric=numeric)


def create_incoming(con) -> None:
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {INCOMING} AS
        SELECT port_code, measure, year_month, value, CAST(0 AS SMALLINT) AS _f, CAST(0 AS BIGINT) AS _k
        FROM crossings LIMIT 0""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {INCOMING_PORTS} AS
        SELECT port_code, port_name, state, border, latitude, longitude, name_ym, CAST(0 AS SMALLINT) AS _f
        FROM crossing_ports LIMIT 0""")


def normalise(con, s: Sniffed, staged: Staged, file_idx: int) -> None:
    """Append the staged rows to :data:`INCOMING` and the file's port attributes (from its
    latest month) to :data:`INCOMING_PORTS`."""
    table = staged.table
    low = {c.lower(): c for c in s.columns}

    def q(name):
        return f'"{low[name]}"' if name in low else "NULL"

    measure = "CASE m " + " ".join(f"WHEN '{a}' THEN '{b}'" for a, b in OLD_MEASURES.items()) + " ELSE m END"
    con.execute(f"""
        INSERT INTO {INCOMING}
        SELECT port_code, {measure}, year_month, value, CAST({file_idx} AS SMALLINT), k FROM (
            SELECT CAST(lpad(CAST({q('port code')} AS VARCHAR), 4, '0') AS port_t) AS port_code,
                   CAST({q('measure')} AS VARCHAR) AS m,
                   CAST(year({q('date')}) * 100 + month({q('date')}) AS INTEGER) AS year_month,
                   {number_sql(q('value'))} AS value, rowid - {staged.base} AS k
            FROM {table})""")
    wkt = q("point") if "point" in low else q("location")
    rx = "'POINT\\s*\\(\\s*(\\S+)\\s+(\\S+?)\\s*\\)'"
    # per port: attributes of its latest row (regexes run once per port, not per row)
    con.execute(f"""
        INSERT INTO {INCOMING_PORTS}
        SELECT port_code, port_name, state, border,
               coalesce(TRY_CAST(regexp_extract(wkt, {rx}, 2) AS DOUBLE), TRY_CAST(lat AS DOUBLE)),
               coalesce(TRY_CAST(regexp_extract(wkt, {rx}, 1) AS DOUBLE), TRY_CAST(lon AS DOUBLE)),
               name_ym, CAST({file_idx} AS SMALLINT)
        FROM (SELECT CAST(lpad(CAST({q('port code')} AS VARCHAR), 4, '0') AS port_t) AS port_code,
                     trim(arg_max({q('port name')}, {q('date')})) AS port_name,
                     trim(arg_max({q('state')}, {q('date')})) AS state,
                     trim(arg_max({q('border')}, {q('date')})) AS border,
                     arg_max({wkt}, {q('date')}) FILTER (WHERE {wkt} IS NOT NULL) AS wkt,
                     arg_max({q('latitude')}, {q('date')}) FILTER (WHERE {q('latitude')} IS NOT NULL) AS lat,
                     arg_max({q('longitude')}, {q('date')}) FILTER (WHERE {q('longitude')} IS NOT NULL) AS lon,
                     CAST(max(year({q('date')}) * 100 + month({q('date')})) AS INTEGER) AS name_ym
              FROM {table} GROUP BY 1)""")
    con.execute(f"DROP TABLE IF EXISTS {table}")


def file_months(con) -> dict[int, list[int]]:
    return {int(f): list(ms) for f, ms in con.execute(
        f"SELECT _f, list(DISTINCT year_month ORDER BY year_month) FROM {INCOMING} GROUP BY 1").fetchall()}
