"""Build the compact trade summary tables, the port lineage table and the newer port names
from the public files in ../shared/data (no raw file is copied).

Writes (each file atomically):

* ``data/summaries/*.parquet`` + ``manifest.json``: annual and monthly TransBorder summaries
  compiled by the UNT BTS-TransBorder-Dashboard project from the BTS raw files ("BTS via UNT")
  and INEGI exports by Mexican state and subsector ("INEGI"), with the store's integer codes
  (country 1220/2010, DISAGMOT mode 1..9, trade type 1 export / 2 import, BTS state codes);
* ``data/codes/port_lineage.csv``: ports whose figures continue under another code (El Paso /
  Ysleta and the others the Border Crossing/Entry file shows), with the figures that show it;
* ``data/codes/ports_newer.csv``: port codes that occur in the data but are absent from the
  bundled ``ports.csv`` (the newer BTS code workbook, read with ``xlrd``, then the Border
  Crossing/Entry file's CBP port names);
* ``data/codes/commodity_groups.csv`` (HS sections used by the UNT commodity tables) and
  ``data/codes/inegi_subsectors.csv`` (SCIAN subsectors of the INEGI table);
* ``data/SOURCES_trade.md``: per table its source file, what it holds and its limits.

Run after ``build_store.py`` (it reads ``data/codes`` and ``data/store/freight-*.parquet`` to
name the codes the bundled raw rows use). Needs the ``build`` extra (``pip install -e .[build]``)
for ``xlrd``.

Usage: ``.venv/bin/python data/build_trade.py [--shared ../shared/data] [--out data]``
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
import tempfile
import unicodedata
from pathlib import Path

import duckdb
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

AGG = "bts/transborder/aggregates"
INEGI_ROWS = "inegi/exportations_activity_rows.csv"
CROSSINGS = "bts/border_crossing_entry/Border_Crossing_Entry_Data.csv"
CODES_SRC = "bts/transborder/codes"
NEWER_WORKBOOK = "bts/transborder/codes/codes_all_newer.xls"
UNT = "unt-clscm/BTS-TransBorder-Dashboard @ 7d833370 : 03-Processed-Data/csv/"
INEGI_REPO = "teoten108/INEGI-export @ a10efd3e"

PARQUET = "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)"
SCHEMA_VERSION = 1

# -- code maps (names as the UNT tables spell them -> the store's codes) ----------------------
MODE_BY_UNT_NAME = {"Vessel": 1, "Air": 3, "Mail (U.S. Postal Service)": 4, "Truck": 5, "Rail": 6,
                    "Pipeline": 7, "Other/Unknown": 8, "Foreign Trade Zones (FTZs)": 9}
COUNTRY_BY_NAME = {"Canada": 1220, "Mexico": 2010}
TRADE_TYPE_BY_NAME = {"Export": 1, "Import": 2}

#: HS sections (the UNT "CommodityGroup"): code, roman numeral, HS chapters, UNT's name
HS_SECTIONS = [
    (1, "I", 1, 5, "Live Animals & Animal Products"),
    (2, "II", 6, 14, "Vegetable Products"),
    (3, "III", 15, 15, "Animal or Vegetable Fats & Oils"),
    (4, "IV", 16, 24, "Foodstuffs, Beverages & Tobacco"),
    (5, "V", 25, 27, "Mineral Products"),
    (6, "VI", 28, 38, "Chemical Products"),
    (7, "VII", 39, 40, "Plastics & Rubber"),
    (8, "VIII", 41, 43, "Raw Hides, Skins & Leather"),
    (9, "IX", 44, 46, "Wood & Wood Products"),
    (10, "X", 47, 49, "Pulp, Paper & Paperboard"),
    (11, "XI", 50, 63, "Textiles & Apparel"),
    (12, "XII", 64, 67, "Footwear, Headgear & Umbrellas"),
    (13, "XIII", 68, 70, "Stone, Ceramic & Glass Products"),
    (14, "XIV", 71, 71, "Precious Metals & Stones"),
    (15, "XV", 72, 83, "Base Metals & Articles"),
    (16, "XVI", 84, 85, "Machinery & Electrical Equipment"),
    (17, "XVII", 86, 89, "Transportation Equipment"),
    (18, "XVIII", 90, 92, "Optical, Medical & Precision Instruments"),
    (19, "XIX", 93, 93, "Arms & Ammunition"),
    (20, "XX", 94, 96, "Miscellaneous Manufactured Articles"),
    (21, "XXI", 97, 97, "Works of Art & Antiques"),
    (22, "XXII", 98, 99, "Special Classification Provisions"),
]

#: Mexican state names that differ from data/codes/mx_states.csv (folded: ASCII, lower case)
MX_STATE_ALIASES = {
    "distrito federal": "DF", "ciudad de mexico": "DF", "coahuila de zaragoza": "CO",
    "mexico": "MX", "michoacan de ocampo": "MI", "veracruz de ignacio de la llave": "VE",
    "quinta roo": "QR",  # INEGI's misspelling of Quintana Roo
}

#: INEGI rows without a SCIAN code (published as "NA"): our integer codes for them
INEGI_TOTAL, INEGI_UNSPECIFIED = 0, 999
INEGI_NO_CODE = {"Exportaciones totales": INEGI_TOTAL, "Subsectores no especificados": INEGI_UNSPECIFIED}

APRIL_1993 = "UNT's DOT1 series starts in April 1993: 1993 covers April-December."

#: UNT publishes weights in short tons (raw SHIPWT kilograms / 907.185, rounded to 0.01) and
#: labels a "WeightLb" column that is those short tons x 2.20462; we keep the short tons only.
KG_PER_SHORT_TON = 907.185

COMMON_LIMITS_UNT = [
    "Compiled by the UNT BTS-TransBorder-Dashboard project from the BTS raw monthly files; a "
    "cross-check, not a primary source. Wherever raw files exist their totals agree to the dollar "
    "(see geo.data.summaries.check_monthly_totals).",
    "October 2020: no raw monthly file exists; UNT's pipeline (its 03_normalize.py) derives October "
    "2020 as the 2020 annual file minus the other months, so 2020 is complete here but October 2020 "
    "is a derived figure.",
    "Air and vessel start in November 2003 (a break in every long series); earlier years hold "
    "surface modes only.",
    "Values in US dollars; weights (where published) in short tons, as UNT publishes them; "
    "surface-mode export weights are not recorded by BTS (null).",
]


def fold(text: str) -> str:
    """ASCII, lower case, single spaces: 'Michoacán de Ocampo' -> 'michoacan de ocampo'."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(t.lower().split())


# -- small I/O helpers ------------------------------------------------------------------------
def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_write_text(path: Path, text: str) -> None:
    _atomic_write_bytes(path, text.encode("utf-8"))


def _csv_text(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _read_codes(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:  # csv never turns "NA" into a missing value
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def _read_agg(shared: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(shared / AGG / name, dtype=str, keep_default_na=False)


def _write_parquet(con, df: pd.DataFrame, select: str, order: str, path: Path) -> int:
    """Write ``SELECT {select} FROM df ORDER BY {order}`` as zstd Parquet (atomically)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    con.register("df_in", df)
    try:
        con.execute(f"COPY (SELECT {select} FROM df_in ORDER BY {order}) TO '{_q(tmp)}' {PARQUET}")
    finally:
        con.unregister("df_in")
    os.replace(tmp, path)
    return path.stat().st_size


def _q(p: Path) -> str:
    return str(p).replace("'", "''")


# -- mapping helpers (fail loudly on anything unmapped) ----------------------------------------
def _map(series: pd.Series, mapping: dict, what: str) -> pd.Series:
    out = series.map(mapping)
    bad = sorted(set(series[out.isna()]))
    if bad:
        raise SystemExit(f"unmapped {what}: {bad}")
    return out


def _dollars(series: pd.Series, what: str) -> pd.Series:
    """UNT writes sums of whole dollars as '1234.0': back to exact integers."""
    f = series.astype(float)
    if not (f == f.round()).all() or f.abs().max() >= 2**53:
        raise SystemExit(f"{what}: non-integral or too large dollar values")
    return f.round().astype("int64")


def _weights(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="raise").astype("float64")


class Codes:
    """The bundled code tables the summaries are checked against (data/codes)."""

    def __init__(self, codes_dir: Path):
        self.mx = {r["code"]: r for r in _read_codes(codes_dir / "mx_states.csv")}
        self.us = {r["code"]: r for r in _read_codes(codes_dir / "us_states.csv")}
        self.ports = {r["code"]: r for r in _read_codes(codes_dir / "ports.csv")}
        self.countries = {r["code"] for r in _read_codes(codes_dir / "countries.csv")}
        self.modes = {int(r["code"]) for r in _read_codes(codes_dir / "modes.csv")}
        self.mx_by_name = {fold(r["name"]): c for c, r in self.mx.items()}
        self.mx_by_name.update(MX_STATE_ALIASES)
        for c in COUNTRY_BY_NAME.values():
            assert str(c) in self.countries, c
        assert set(MODE_BY_UNT_NAME.values()) <= self.modes

    def mx_code(self, series: pd.Series) -> pd.Series:
        return _map(series.map(fold), self.mx_by_name, "Mexican state names")


# -- the summary tables -----------------------------------------------------------------------
def _us_state_year(shared: Path, codes: Codes) -> tuple[pd.DataFrame, str, str]:
    d = _read_agg(shared, "us_state_trade.csv")
    bad = sorted(set(d["StateCode"]) - set(codes.us))
    if bad:
        raise SystemExit(f"us_state_trade.csv: US state codes not in us_states.csv: {bad}")
    df = pd.DataFrame({
        "year": d["Year"].astype(int), "us_state": d["StateCode"],
        "country": _map(d["Country"], COUNTRY_BY_NAME, "countries"),
        "mode": _map(d["Mode"], MODE_BY_UNT_NAME, "modes"),
        "trade_type": _map(d["TradeType"], TRADE_TYPE_BY_NAME, "trade types"),
        "value": _dollars(d["TradeValue"], "us_state_trade"), "weight_short_tons": _weights(d["Weight"])})
    sel = ("CAST(year AS SMALLINT) AS year, us_state, CAST(country AS USMALLINT) AS country, "
           "CAST(mode AS UTINYINT) AS mode, CAST(trade_type AS UTINYINT) AS trade_type, value, weight_short_tons")
    return df, sel, "year, country, trade_type, mode, us_state"


def _mx_state_year(shared: Path, codes: Codes) -> tuple[pd.DataFrame, str, str]:
    d = _read_agg(shared, "mexican_state_trade.csv")
    assert set(d["TradeType"]) == {"Export"}, set(d["TradeType"])
    df = pd.DataFrame({
        "year": d["Year"].astype(int), "mx_state": codes.mx_code(d["MexState"]),
        "mode": _map(d["Mode"], MODE_BY_UNT_NAME, "modes"),
        "value": _dollars(d["TradeValue"], "mexican_state_trade")})
    sel = ("CAST(year AS SMALLINT) AS year, mx_state, CAST(2010 AS USMALLINT) AS country, "
           "CAST(mode AS UTINYINT) AS mode, CAST(1 AS UTINYINT) AS trade_type, value")
    return df, sel, "year, mode, mx_state"


def _commodity_mx_state_year(shared: Path, codes: Codes) -> tuple[pd.DataFrame, str, str]:
    d = _read_agg(shared, "commodity_mexstate_trade.csv")
    assert set(d["TradeType"]) == {"Export"}, set(d["TradeType"])
    groups = {name: code for code, _r, _a, _b, name in HS_SECTIONS}
    df = pd.DataFrame({
        "year": d["Year"].astype(int), "commodity_group": _map(d["CommodityGroup"], groups, "commodity groups"),
        "mx_state": codes.mx_code(d["MexState"]), "mode": _map(d["Mode"], MODE_BY_UNT_NAME, "modes"),
        "value": _dollars(d["TradeValue"], "commodity_mexstate_trade")})
    sel = ("CAST(year AS SMALLINT) AS year, CAST(commodity_group AS UTINYINT) AS commodity_group, mx_state, "
           "CAST(2010 AS USMALLINT) AS country, CAST(mode AS UTINYINT) AS mode, "
           "CAST(1 AS UTINYINT) AS trade_type, value")
    return df, sel, "year, commodity_group, mode, mx_state"


def _partner_month(shared: Path, codes: Codes) -> tuple[pd.DataFrame, str, str]:
    d = _read_agg(shared, "monthly_trends.csv")
    df = pd.DataFrame({
        "year_month": d["Year"].astype(int) * 100 + d["Month"].astype(int),
        "country": _map(d["Country"], COUNTRY_BY_NAME, "countries"),
        "mode": _map(d["Mode"], MODE_BY_UNT_NAME, "modes"),
        "trade_type": _map(d["TradeType"], TRADE_TYPE_BY_NAME, "trade types"),
        "value": _dollars(d["TradeValue"], "monthly_trends"), "weight_short_tons": _weights(d["Weight"])})
    sel = ("year_month::INTEGER AS year_month, CAST(country AS USMALLINT) AS country, CAST(mode AS UTINYINT) AS mode, "
           "CAST(trade_type AS UTINYINT) AS trade_type, value, weight_short_tons")
    return df, sel, "year_month, country, trade_type, mode"


def _texas_ports_year(shared: Path, codes: Codes) -> tuple[pd.DataFrame, str, str]:
    d = _read_agg(shared, "texas_mexico_ports.csv")
    fc = pd.to_numeric(d["FreightCharges"].replace("", None), errors="raise")
    if not (fc.dropna() == fc.dropna().round()).all():
        raise SystemExit("texas_mexico_ports: non-integral freight charges")
    df = pd.DataFrame({
        "year": d["Year"].astype(int), "port": d["PortCode"].str.zfill(4),
        "mode": _map(d["Mode"], MODE_BY_UNT_NAME, "modes"),
        "trade_type": _map(d["TradeType"], TRADE_TYPE_BY_NAME, "trade types"),
        "value": _dollars(d["TradeValue"], "texas_mexico_ports"), "weight_short_tons": _weights(d["Weight"]),
        "freight_charges": fc.round().astype("Int64")})
    sel = ("CAST(year AS SMALLINT) AS year, port, CAST(2010 AS USMALLINT) AS country, "
           "CAST(mode AS UTINYINT) AS mode, CAST(trade_type AS UTINYINT) AS trade_type, value, "
           "weight_short_tons, CAST(freight_charges AS BIGINT) AS freight_charges")
    return df, sel, "year, port, trade_type, mode"


def _inegi_state_year(shared: Path, codes: Codes) -> tuple[pd.DataFrame, str, str]:
    d = pd.read_csv(shared / INEGI_ROWS, dtype=str, keep_default_na=False)
    code = [INEGI_NO_CODE[desc] if c == "NA" else int(c) for c, desc in zip(d["Código"], d["Descripción"])]
    usd = d["USD"].astype("int64")
    df = pd.DataFrame({"year": d["year"].astype(int), "mx_state": codes.mx_code(d["state"]),
                       "subsector": code, "value": usd * 1000})
    sel = ("CAST(year AS SMALLINT) AS year, mx_state, CAST(subsector AS USMALLINT) AS subsector, value")
    return df, sel, "year, mx_state, subsector"


#: name -> (builder, catalogue entry). ``dims``: the columns that key a row; ``fixed``: the
#: constant code columns (filters the table applies); ``measures``: name -> unit.
TABLES: dict[str, dict] = {
    "bts_us_state_year": dict(
        build=_us_state_year, source="BTS via UNT", table="DOT1", source_file=f"{AGG}/us_state_trade.csv",
        title="US state x partner x mode x direction, by year",
        holds="US trade with Canada and Mexico by US state (BTS USASTATE, the exporter's state of origin "
              "or the importer of record's state), mode and trade type.",
        granularity="year", dims=["year", "us_state", "country", "mode", "trade_type"], fixed={},
        measures={"value": "USD", "weight_short_tons": "short ton"},
        limits=["`DU` (US state unknown) is kept as its own code: $61.6B in 2024.",
                APRIL_1993]),
    "bts_mx_state_year": dict(
        build=_mx_state_year, source="BTS via UNT", table="DOT1", source_file=f"{AGG}/mexican_state_trade.csv",
        title="Mexican state x mode, US exports to Mexico, by year",
        holds="US exports to Mexico by Mexican state of destination (BTS MEXSTATE) and mode.",
        granularity="year", dims=["year", "mx_state", "mode"], fixed={"country": 2010, "trade_type": 1},
        measures={"value": "USD"},
        limits=["Surface modes only (truck, rail, pipeline, mail, other): BTS records no Mexican state "
                "for air and vessel (code `XX`).",
                "Drops the 'state unknown' codes `OT` and `XX` ($19.1B and $56.4B of 2022 US exports to "
                "Mexico in the raw DOT1).",
                "Nayarit (BTS code `NA`) is missing after 2006: UNT's pipeline read the code as a missing "
                "value. The raw DOT1 holds it (e.g. $16.7M in 2022); with it the table equals the raw "
                "DOT1 named states to the dollar.",
                "Imports carry no Mexican state in BTS data: exports only.", APRIL_1993]),
    "bts_commodity_mx_state_year": dict(
        build=_commodity_mx_state_year, source="BTS via UNT", table="DOT2",
        source_file=f"{AGG}/commodity_mexstate_trade.csv",
        title="HS section x Mexican state x mode, US exports to Mexico, by year",
        holds="US exports to Mexico by HS section (`commodity_group`, data/codes/commodity_groups.csv), "
              "Mexican state of destination and mode.",
        granularity="year", dims=["year", "commodity_group", "mx_state", "mode"],
        fixed={"country": 2010, "trade_type": 1}, measures={"value": "USD"},
        limits=["Starts in 1994. Surface modes only; drops `OT`, `XX` and (after 2006) Nayarit `NA`, "
                "as the Mexican-state table does.",
                "Built from DOT2 (US state x commodity); the other BTS-via-UNT tables are built from DOT1. "
                "The two agree from 2003 on; before 2003 BTS's legacy DOT1 and DOT2 totals differ."]),
    "bts_partner_month": dict(
        build=_partner_month, source="BTS via UNT", table="DOT1", source_file=f"{AGG}/monthly_trends.csv",
        title="Partner x mode x direction, by month",
        holds="US trade with Canada and Mexico by month, mode and trade type.",
        granularity="month", dims=["year_month", "country", "mode", "trade_type"], fixed={},
        measures={"value": "USD", "weight_short_tons": "short ton"},
        limits=["Starts in April 1993 (1993 holds 9 months)."]),
    "bts_texas_ports_year": dict(
        build=_texas_ports_year, source="BTS via UNT", table="DOT1", source_file=f"{AGG}/texas_mexico_ports.csv",
        title="Texas-Mexico border port x mode x direction, by year",
        holds="US trade with Mexico through the 12 Texas border ports (BTS DEPE 2301-2310, 2401-2404), "
              "by mode and trade type, with freight charges.",
        granularity="year", dims=["year", "port", "mode", "trade_type"], fixed={"country": 2010},
        measures={"value": "USD", "weight_short_tons": "short ton", "freight_charges": "USD"},
        limits=["Ysleta (2401) reports from March 2020 only: before, its trade is inside El Paso (2402); "
                "add the two for a continuous series (data/codes/port_lineage.csv).", APRIL_1993]),
    "inegi_exports_state_year": dict(
        build=_inegi_state_year, source="INEGI", table="EAEF", source_file=INEGI_ROWS,
        title="Mexican exports by state x SCIAN subsector, by year",
        holds="Mexico's exports (to all destinations) by state of origin and SCIAN subsector "
              "(data/codes/inegi_subsectors.csv; 0 = all subsectors, 999 = not specified).",
        granularity="year", dims=["year", "mx_state", "subsector"], fixed={}, measures={"value": "USD"},
        limits=["INEGI publishes thousands of US dollars: `value` = published x 1000.",
                "Exports of Mexico to the world by state of ORIGIN: not comparable with BTS `mx_state`, "
                "which is the Mexican state of destination of US exports.",
                "Subsectors INEGI does not publish for a state/year (confidential or nil) are absent; the "
                "published subsectors plus 999 add up to the total (0) within rounding (at most $4,000)."]),
}


def _period(df: pd.DataFrame, granularity: str) -> dict:
    if granularity == "month":
        months = sorted(int(m) for m in df["year_month"].unique())
        lo, hi = months[0], months[-1]
        have = set(months)
        full = []
        y, m = divmod(lo, 100)
        while y * 100 + m <= hi:
            full.append(y * 100 + m)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        missing = [x for x in full if x not in have]
        per_year: dict[int, int] = {}
        for x in months:
            per_year[x // 100] = per_year.get(x // 100, 0) + 1
        partial = {str(y): n for y, n in per_year.items() if n < 12}
        return {"first": lo, "last": hi, "count": len(months), "missing": missing, "partial_years": partial}
    years = sorted(int(y) for y in df["year"].unique())
    missing = [y for y in range(years[0], years[-1] + 1) if y not in set(years)]
    return {"first": years[0], "last": years[-1], "count": len(years), "missing": missing}


def build_summaries(shared: Path, out: Path, codes: Codes) -> dict:
    con = duckdb.connect()
    catalogue, counts = {}, {}
    sdir = out / "summaries"
    for name, spec in TABLES.items():
        df, sel, order = spec["build"](shared, codes)
        size = _write_parquet(con, df, sel, order, sdir / f"{name}.parquet")
        period = _period(df, spec["granularity"])
        if APRIL_1993 in spec["limits"]:
            period["partial_years"] = {"1993": "April-December"}
        limits = list(spec["limits"]) + (COMMON_LIMITS_UNT if spec["source"] == "BTS via UNT" else [])
        entry = {"file": f"{name}.parquet", **{k: v for k, v in spec.items() if k not in ("build", "limits")},
                 "source_repo": UNT if spec["source"] == "BTS via UNT" else INEGI_REPO,
                 "period": period, "rows": len(df), "bytes": size, "limits": limits}
        catalogue[name] = entry
        counts[f"summaries/{name}.parquet"] = f"{len(df)} rows, {size} bytes"
    con.close()
    manifest = {"schema_version": SCHEMA_VERSION, "tables": catalogue}
    _atomic_write_text(sdir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for old in sdir.glob("*.parquet"):
        if old.stem not in TABLES:
            old.unlink()
    return counts


# -- code tables: HS sections, INEGI subsectors ---------------------------------------------
def build_small_codes(shared: Path, out_codes: Path) -> dict:
    rows = [[c, n, r, f"{a:02d}", f"{b:02d}"] for c, r, a, b, n in HS_SECTIONS]
    text = _csv_text(["code", "name", "section", "hs_from", "hs_to"], rows)
    _atomic_write_text(out_codes / "commodity_groups.csv", text)
    d = pd.read_csv(shared / INEGI_ROWS, dtype=str, keep_default_na=False)
    subs: dict[int, tuple[str, str]] = {}
    for c, desc in zip(d["Código"], d["Descripción"]):
        if c == "NA":
            code = INEGI_NO_CODE[desc]
            kind = "total" if code == INEGI_TOTAL else "unspecified"
        else:
            code, kind = int(c), "subsector"
        subs[code] = (desc, kind)
    text2 = _csv_text(["code", "name", "kind"], [[c, n, k] for c, (n, k) in sorted(subs.items())])
    _atomic_write_text(out_codes / "inegi_subsectors.csv", text2)
    return {"codes/commodity_groups.csv": len(rows), "codes/inegi_subsectors.csv": len(subs)}


# -- ports: the newer BTS workbook, then CBP names from the crossing file -------------------
def _workbook_ports(path: Path) -> list[tuple[str, str, str]]:
    """(code, BTS name, district) rows of a BTS code workbook's Port sheet (read with xlrd)."""
    try:
        import xlrd
    except ImportError:  # pragma: no cover - depends on the environment
        raise SystemExit("xlrd is needed to read the BTS code workbook: pip install -e .[build]") from None
    sheet = xlrd.open_workbook(str(path)).sheet_by_name("Port")
    out, district = [], ""
    for r in range(sheet.nrows):
        cells = sheet.row(r)[:3]
        vals = [str(int(c.value)).zfill(4) if c.ctype == xlrd.XL_CELL_NUMBER else str(c.value).strip()
                for c in cells]
        d, p, name = (vals + ["", "", ""])[:3]
        if d.upper().endswith("XX") and len(d) == 4:
            district = d.upper()
            out.append((district, name, district))
        elif p and len(p) == 4 and p.isdigit() and name:
            out.append((p, name, district))
    return out


def _load_crossings(con, shared: Path) -> None:
    con.execute(f"""CREATE OR REPLACE TABLE cbp AS SELECT "Port Name" AS name, State AS state,
        "Port Code" AS code, Border AS border,
        CAST(strftime(strptime(Date, '%b %Y'), '%Y%m') AS INTEGER) AS ym, Measure AS measure,
        CAST(Value AS BIGINT) AS value, CAST(Latitude AS DOUBLE) AS lat, CAST(Longitude AS DOUBLE) AS lon
        FROM read_csv('{_q(shared / CROSSINGS)}', all_varchar = true)""")


def build_ports_newer(shared: Path, out: Path, codes: Codes, con) -> dict:
    newer = _workbook_ports(shared / NEWER_WORKBOOK)
    rows, notes = [], []
    for code, name_bts, district in newer:
        known = codes.ports.get(code)
        if known is None or known["name_bts"] != name_bts:
            rows.append([code, _pretty(name_bts), name_bts, district, "1" if code.endswith("XX") else "0",
                         "codes_all_newer.xls", "added or renamed in the newer BTS workbook"])
    notes.append(f"codes_all_newer.xls: {len(newer)} port/district rows, "
                 f"{len(rows)} absent from or named differently in ports.csv")
    # port codes used by the bundled raw rows that neither workbook names
    freight = [str(p) for p in sorted((out / "store").glob("freight-*.parquet"))]  # one file per BTS table
    used = [r[0] for r in duckdb.execute("SELECT DISTINCT port FROM read_parquet(?) "
                                         "WHERE port IS NOT NULL ORDER BY 1", [freight]).fetchall()]
    named = set(codes.ports) | {r[0] for r in rows}
    unnamed = [c for c in used if c not in named]
    cbp = {r[0]: r[1:] for r in con.execute(
        "SELECT code, any_value(name), any_value(state), any_value(border), min(ym) FILTER (WHERE value > 0) "
        "FROM cbp GROUP BY code").fetchall()}
    still = []
    for code in unnamed:
        if code in cbp:
            name, state, border, first = cbp[code]
            abbr = {"Texas": "TX", "California": "CA", "Arizona": "AZ", "New Mexico": "NM"}.get(state, state)
            district = code[:2] + "XX"
            dist_name = codes.ports.get(district, {}).get("name", district)
            city = dist_name.split(",")[0]
            rows.append([code, f"{name} ({city}), {abbr}", "", district, "0",
                         "BTS Border Crossing/Entry Data (CBP port code)",
                         f"CBP port '{name}', {state}, {border}; reports from {first // 100}-{first % 100:02d}"])
        else:
            still.append(code)
    text = _csv_text(["code", "name", "name_bts", "district", "is_district", "source", "note"], rows)
    _atomic_write_text(out / "codes" / "ports_newer.csv", text)
    return {"codes/ports_newer.csv": len(rows), "_unnamed_ports": still, "_notes": notes}


def _pretty(name: str) -> str:
    return ", ".join(p.upper() if len(p) == 2 and p.isalpha() else p.title() for p in name.split(", "))


# -- port lineage --------------------------------------------------------------------------
#: ports whose figures continue under another code, found by scanning the Border Crossing/
#: Entry file (see :func:`lineage_candidates`); each note gets the figures that show it.
LINEAGE = [
    # group, port, from, to, measures, role, what happened
    ("2402+2401", "2402", "1996-01", "", "all", "parent",
     "El Paso; from March 2020 its Ysleta (Zaragoza bridge) traffic reports as port 2401"),
    ("2402+2401", "2401", "2020-03", "", "all", "split",
     "Ysleta split out of El Paso (2402) in March 2020; no rows before; TransBorder DOT1 uses DEPE 2401 "
     "from 2020-03 too"),
    ("2503+2507", "2503", "1996-01", "", "all", "parent",
     "Calexico; its truck traffic moved to Calexico East (2507) in January-May 1997"),
    ("2503+2507", "2507", "1996-08", "", "all", "split",
     "Calexico East opened: passenger vehicles from August 1996, trucks from January 1997"),
    ("3401+3402", "3402", "1996-01", "2006-07", "all", "merged",
     "Noyes: rail (trains, rail containers) moved to Pembina (3401) in July 2006; zero after 2006-07"),
    ("3401+3402", "3401", "1996-01", "", "all", "successor",
     "Pembina: reports the Noyes rail crossing from July 2006"),
    ("3015+3020", "3015", "1996-01", "", "Rail Containers Loaded; Rail Containers Empty", "parent",
     "Boundary: its rail containers were reported under Frontier (3020) from January 2015 to July 2016 "
     "(trains stayed under Boundary)"),
    ("3015+3020", "3020", "2015-01", "2016-07", "Rail Containers Loaded; Rail Containers Empty", "temporary",
     "Frontier: held Boundary's rail containers January 2015 - July 2016"),
]


def _ym(text: str) -> int:
    return int(text[:4]) * 100 + int(text[5:7])


def _add(ym: int, k: int) -> int:
    y, m = divmod(ym, 100)
    t = y * 12 + m - 1 + k
    return (t // 12) * 100 + t % 12 + 1


def _series(con, code: str, measure: str) -> dict[int, int]:
    return dict(con.execute("SELECT ym, sum(value) FROM cbp WHERE code = ? AND measure = ? GROUP BY ym",
                            [code, measure]).fetchall())


def lineage_candidates(con, max_km: float = 20.0, min_volume: float = 500.0) -> list[tuple]:
    """Measure-level starts/stops (6-month mean before vs after, one side under 2% of the other)
    at a port while a port within ``max_km`` on the same border moves the opposite way by at
    least half that volume: ``(kind, month, port, measure, neighbour)``."""
    ports = {r[0]: r[1:] for r in con.execute(
        "SELECT code, any_value(border), avg(lat), avg(lon) FROM cbp GROUP BY code").fetchall()}
    series: dict[tuple[str, str], dict[int, int]] = {}
    for code, meas, ym, v in con.execute("SELECT code, measure, ym, sum(value) FROM cbp GROUP BY ALL").fetchall():
        series.setdefault((code, meas), {})[ym] = v
    lo, hi = con.execute("SELECT min(ym), max(ym) FROM cbp").fetchone()

    def mean(s, ym, ks):
        return sum(s.get(_add(ym, k), 0) for k in ks) / len(ks)

    def km(a, b):
        (la1, lo1), (la2, lo2) = a, b
        h = (math.sin(math.radians(la2 - la1) / 2) ** 2 + math.cos(math.radians(la1)) * math.cos(math.radians(la2))
             * math.sin(math.radians(lo2 - lo1) / 2) ** 2)
        return 6371 * 2 * math.asin(math.sqrt(h))

    found = []
    for (code, meas), s in series.items():
        for ym in sorted(s):
            if ym < _add(lo, 6) or ym > _add(hi, -5):
                continue
            b, a = mean(s, ym, range(-6, 0)), mean(s, ym, range(0, 6))
            if not ((b < 0.02 * a and a >= min_volume) or (a < 0.02 * b and b >= min_volume)):
                continue
            kind, vol = ("start", a) if a > b else ("stop", b)
            for nc, (nb, nla, nlo) in ports.items():
                if nc == code or nb != ports[code][0] or km(ports[code][1:], (nla, nlo)) > max_km:
                    continue
                t = series.get((nc, meas), {})
                delta = mean(t, ym, range(0, 6)) - mean(t, ym, range(-6, 0))
                if (kind == "start" and -delta > 0.5 * vol) or (kind == "stop" and delta > 0.5 * vol):
                    found.append((kind, ym, code, meas, nc))
    return found


def build_lineage(out: Path, con) -> dict:
    names = dict(con.execute("SELECT code, any_value(name) FROM cbp GROUP BY code").fetchall())
    borders = dict(con.execute("SELECT code, any_value(border) FROM cbp GROUP BY code").fetchall())
    # every strong start/stop next to a port moving the other way must be in LINEAGE
    groups: dict[str, set[str]] = {}
    for g, p, *_ in LINEAGE:
        groups.setdefault(g, set()).add(p)
    cands = lineage_candidates(con)
    uncovered = sorted({(c[2], c[4]) for c in cands
                        if not any({c[2], c[4]} <= members for members in groups.values())})
    if uncovered:
        raise SystemExit(f"port lineage: start/stop events next to a neighbour's jump not in LINEAGE: {uncovered}")
    # the figures that show each transition
    el_paso, ysleta = _series(con, "2402", "Trucks"), _series(con, "2401", "Trucks")
    if not (el_paso.get(202002) and ysleta.get(202003) and not any(ym < 202003 for ym in ysleta)):
        raise SystemExit("port lineage: El Paso/Ysleta figures not as expected in the crossing file")
    facts = {
        "2402": (f"trucks {el_paso[202002]:,} (Feb 2020) -> {el_paso[202003]:,} (Mar 2020); with Ysleta "
                 f"{el_paso[202003] + ysleta[202003]:,} in Mar 2020"),
        "2401": f"trucks: no rows before Mar 2020, {ysleta[202003]:,} in Mar 2020",
    }
    cx, cxe = _series(con, "2503", "Trucks"), _series(con, "2507", "Trucks")
    facts["2503"] = (f"trucks {cx.get(199612, 0):,} (Dec 1996) -> {cx.get(199706, 0):,} (Jun 1997); "
                     f"with Calexico East {cx.get(199706, 0) + cxe.get(199706, 0):,} (Jun 1997)")
    facts["2507"] = (f"trucks {cxe.get(199612, 0):,} (Dec 1996), {cxe.get(199701, 0):,} (Jan 1997), "
                     f"{cxe.get(199702, 0):,} (Feb 1997)")
    nt, pt = _series(con, "3402", "Trains"), _series(con, "3401", "Trains")
    facts["3402"] = f"trains {nt.get(200606, 0):,} (Jun 2006) -> {nt.get(200607, 0):,} (Jul 2006)"
    facts["3401"] = f"trains {pt.get(200606, 0):,} (Jun 2006) -> {pt.get(200607, 0):,} (Jul 2006)"
    bl, fl = _series(con, "3015", "Rail Containers Loaded"), _series(con, "3020", "Rail Containers Loaded")
    facts["3015"] = (f"loaded rail containers {bl.get(201412, 0):,} (Dec 2014) -> {bl.get(201501, 0):,} "
                     f"(Jan 2015); {bl.get(201607, 0):,} (Jul 2016) -> {bl.get(201608, 0):,} (Aug 2016)")
    facts["3020"] = (f"loaded rail containers {fl.get(201412, 0):,} (Dec 2014) -> {fl.get(201501, 0):,} "
                     f"(Jan 2015); {fl.get(201607, 0):,} (Jul 2016) -> {fl.get(201608, 0):,} (Aug 2016)")
    rows = []
    for g, p, frm, to, measures, role, note in LINEAGE:
        rows.append([g, p, names[p], borders[p], frm, to, measures, role, f"{note}; {facts[p]}"])
    text = _csv_text(["successor_group", "port_code", "port_name", "border", "from_month", "to_month",
                      "measures", "role", "note"], rows)
    _atomic_write_text(out / "codes" / "port_lineage.csv", text)
    return {"codes/port_lineage.csv": len(rows), "_lineage_candidates": len(cands)}


# -- sources ---------------------------------------------------------------------------------
def sources_md(manifest: dict, ports_info: dict) -> str:
    lines = [
        "# Sources of the trade summary tables (data/summaries) and the port tables",
        "",
        "Built by `data/build_trade.py` from `../shared/data` (no raw file is copied); read them with",
        "`geo.data.summaries`. Every value is in US dollars; codes are the store's: `country` 1220 Canada /",
        "2010 Mexico, `mode` BTS DISAGMOT (1 vessel, 3 air, 4 mail, 5 truck, 6 rail, 7 pipeline, 8 other,",
        "9 FTZ), `trade_type` 1 export / 2 import (from the US), `us_state` / `mx_state` / `port` BTS codes",
        "(data/codes). Parquet, zstd, sorted by the dimensions; `manifest.json` lists each table's source,",
        "granularity, period and dimensions.",
        "",
        "Source labels: **BTS via UNT** = BTS North American TransBorder Freight data compiled from the BTS",
        f"raw monthly files by the UNT BTS-TransBorder-Dashboard project ({UNT}; university",
        "derivative of public-domain US federal data); **INEGI** = INEGI exports by Mexican state and",
        f"subsector (EAEF), {INEGI_REPO} (Mexico's open-data terms, attribution); **BTS DOT1/DOT2/DOT3",
        "raw** = the raw monthly files bundled in data/store/freight-*.parquet (see data/store/manifest.json).",
        "",
    ]
    for name, t in manifest["tables"].items():
        p = t["period"]
        if t["granularity"] == "month":
            per = f"{p['first'] // 100}-{p['first'] % 100:02d} .. {p['last'] // 100}-{p['last'] % 100:02d}"
        else:
            per = f"{p['first']} .. {p['last']}"
        lines += [
            f"## {name} ({t['source']}, by {t['granularity']})",
            "",
            f"- File: `data/summaries/{t['file']}` ({t['rows']:,} rows, {t['bytes']:,} bytes).",
            f"- Source: `../shared/data/{t['source_file']}` ({t['source_repo']}); built from BTS "
            f"{t['table']}." if t["source"] == "BTS via UNT" else
            f"- Source: `../shared/data/{t['source_file']}` ({t['source_repo']}).",
            f"- Holds: {t['holds']}",
            f"- Period: {per}" + (f"; missing {p['missing']}" if p.get("missing") else "")
            + (f"; partial years {p['partial_years']}" if p.get("partial_years") else "") + ".",
            f"- Dimensions: {', '.join(t['dims'])}" + (f"; fixed: {t['fixed']}" if t["fixed"] else "")
            + f"; measures: {', '.join(f'{k} ({u})' for k, u in t['measures'].items())}.",
            "- Limits:",
        ]
        lines += [f"  - {lim}" for lim in t["limits"]]
        lines.append("")
    lines += [
        "## data/codes/port_lineage.csv",
        "",
        "Ports whose figures continue under another code. Found by scanning the BTS Border Crossing/Entry",
        f"file (`../shared/data/{CROSSINGS}`) for measures that start or stop at a port while a port",
        "within 20 km on the same border moves the other way by at least half as much",
        "(`build_trade.lineage_candidates`); the build fails if such an event is not listed. Add the",
        "members of a `successor_group` for a continuous series. Columns: `successor_group`, `port_code`,",
        "`port_name` (CBP), `border`, `from_month` / `to_month` (the member's span in the group; empty =",
        "open), `measures` (all, or the measures concerned), `role`, `note` (with the figures).",
        "Not lineage: new crossings (Cross Border Xpress 2582 from 2017-10, Boquillas 2410 from 2015-04,",
        "Tornillo trucks from 2023-08), closed or seasonal ports without a neighbour taking over, ports",
        "added to the file in 2003-2004, and San Ysidro (2504), whose 1996-01..1997-02 rows are zero",
        "(a gap in the file, not a split).",
        "",
        "## data/codes/ports_newer.csv",
        "",
        f"Read with `xlrd` from `../shared/data/{NEWER_WORKBOOK}` and compared with data/codes/ports.csv",
        "(from codes_all.xls). " + " ".join(ports_info["_notes"]) + ": the newer workbook (\"This listing",
        "produced..29SEP06\") adds no port. Port codes used by the bundled raw rows that neither workbook",
        "names are named from the Border Crossing/Entry file's CBP port codes (same Schedule D codes):",
        "`2401` Ysleta. Still unnamed (kept as codes, named after their district by geo.data.codes): "
        + (", ".join(f"`{c}`" for c in ports_info["_unnamed_ports"]) or "none") + ".",
        "Same first five columns as ports.csv, plus `source` and `note`.",
        "",
        "## data/codes/commodity_groups.csv, data/codes/inegi_subsectors.csv",
        "",
        "`commodity_groups.csv`: the 22 HS sections (code 1..22, roman numeral, HS chapters) under UNT's",
        "group names (UNT's 03_normalize.py HS_GROUP_RANGES). `inegi_subsectors.csv`: the SCIAN",
        "subsectors of the INEGI table as published (Spanish), with `0` = Exportaciones totales and",
        "`999` = Subsectores no especificados (published without a code).",
        "",
    ]
    return "\n".join(lines)


def build(shared: Path, out: Path) -> dict:
    shared, out = Path(shared).resolve(), Path(out).resolve()
    if not (shared / AGG).is_dir():
        raise SystemExit(f"shared data not found at {shared} (expected {AGG}/)")
    codes = Codes(out / "codes")
    counts: dict = {}
    counts.update(build_small_codes(shared, out / "codes"))
    counts.update(build_summaries(shared, out, codes))
    con = duckdb.connect()
    try:
        _load_crossings(con, shared)
        ports_info = build_ports_newer(shared, out, codes, con)
        lineage = build_lineage(out, con)
    finally:
        con.close()
    manifest = json.loads((out / "summaries" / "manifest.json").read_text(encoding="utf-8"))
    _atomic_write_text(out / "SOURCES_trade.md", sources_md(manifest, ports_info))
    counts.update({k: v for k, v in ports_info.items() if not k.startswith("_")})
    counts.update({k: v for k, v in lineage.items() if not k.startswith("_")})
    counts["unnamed port codes"] = ", ".join(ports_info["_unnamed_ports"]) or "none"
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    for k, v in build(args.shared, args.out).items():
        print(f"  {k:40s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
