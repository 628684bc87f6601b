"""BTS Border Crossing/Entry Data -> ``crossings`` (+ ``crossing_ports``).

Accepts the current 10-column layout (``Mon YYYY`` dates, Latitude/Longitude/Point) and the
older 7-column (no coordinates) and 8-column (``Location`` WKT) ones with dates such as
``12/01/2018 12:00:00 AM``. ``Port Code`` is read as a number and stored zero-padded
(``0104``). Idempotency key: (port code, month) - a re-import replaces those counts.
"""

from __future__ import annotations

from geo.imports.csvread import enum_sql, stage_csv
from geo.imports.report import FileResult, Issue
from geo.imports.sniff import Sniffed

MEASURES = (
    "Bus Passengers", "Buses", "Pedestrians", "Personal Vehicle Passengers", "Personal Vehicles",
    "Rail Containers Empty", "Rail Containers Loaded", "Train Passengers", "Trains",
    "Truck Containers Empty", "Truck Containers Loaded", "Trucks",
)

_TYPES = {
    "port name": "VARCHAR", "state": "VARCHAR", "port code": "USMALLINT", "border": "VARCHAR",
    "date": "TIMESTAMP", "measure": enum_sql(MEASURES), "value": "UBIGINT",
    "latitude": "VARCHAR", "longitude": "VARCHAR", "point": "VARCHAR", "location": "VARCHAR",
}
_REQUIRED = ("port code", "date", "measure", "value")


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


def stage(con, s: Sniffed, table: str) -> tuple[int, list[Issue]]:
    columns = [(c, _TYPES.get(c.lower(), "VARCHAR")) for c in s.columns]
    not_null = [c for c in s.columns if c.lower() in _REQUIRED]
    return stage_csv(con, s.path, s.display, columns, not_null, table, _describe,
                     timestampformat=s.date_format)


def apply(con, s: Sniffed, table: str, result: FileResult) -> list[str]:
    low = {c.lower(): c for c in s.columns}

    def q(name):
        return f'"{low[name]}"' if name in low else "NULL"

    wkt = q("point") if "point" in low else q("location")
    lon = (f"coalesce(TRY_CAST(regexp_extract({wkt}, 'POINT\\s*\\(\\s*(\\S+)\\s+(\\S+?)\\s*\\)', 1) AS DOUBLE), "
           f"TRY_CAST({q('longitude')} AS DOUBLE))")
    lat = (f"coalesce(TRY_CAST(regexp_extract({wkt}, 'POINT\\s*\\(\\s*(\\S+)\\s+(\\S+?)\\s*\\)', 2) AS DOUBLE), "
           f"TRY_CAST({q('latitude')} AS DOUBLE))")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {table}_rows AS SELECT
            CAST(lpad(CAST({q('port code')} AS VARCHAR), 4, '0') AS port_t) AS port_code,
            CAST({q('measure')} AS VARCHAR) AS measure,
            CAST(year({q('date')}) * 100 + month({q('date')}) AS INTEGER) AS year_month,
            CAST({q('value')} AS BIGINT) AS value,
            trim({q('port name')}) AS port_name, trim({q('state')}) AS state, trim({q('border')}) AS border,
            {lat} AS latitude, {lon} AS longitude, {q('date')} AS ts
        FROM {table}""")
    con.execute(f"DROP TABLE IF EXISTS {table}")
    result.rows_replaced += int(con.execute(f"""
        DELETE FROM crossings c USING (SELECT DISTINCT port_code, year_month FROM {table}_rows) k
        WHERE c.port_code = k.port_code AND c.year_month = k.year_month""").fetchone()[0] or 0)
    con.execute(f"INSERT INTO crossings SELECT port_code, measure, year_month, value FROM {table}_rows")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {table}_ports AS
        SELECT n.port_code, n.port_name, n.state, n.border,
               coalesce(n.latitude, o.latitude) AS latitude, coalesce(n.longitude, o.longitude) AS longitude
        FROM (SELECT port_code, arg_max(port_name, ts) AS port_name, arg_max(state, ts) AS state,
                     arg_max(border, ts) AS border,
                     arg_max(latitude, ts) FILTER (WHERE latitude IS NOT NULL) AS latitude,
                     arg_max(longitude, ts) FILTER (WHERE longitude IS NOT NULL) AS longitude
              FROM {table}_rows GROUP BY port_code) n
        LEFT JOIN crossing_ports o ON o.port_code = n.port_code""")
    con.execute(f"DELETE FROM crossing_ports WHERE port_code IN (SELECT port_code FROM {table}_ports)")
    con.execute(f"INSERT INTO crossing_ports SELECT * FROM {table}_ports")
    result.periods = [r[0] for r in con.execute(
        f"SELECT DISTINCT year_month FROM {table}_rows ORDER BY 1").fetchall()]
    con.execute(f"DROP TABLE IF EXISTS {table}_rows")
    con.execute(f"DROP TABLE IF EXISTS {table}_ports")
    return []
