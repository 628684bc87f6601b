"""The trade tables the app ships besides the store's raw rows, each with its one source.

``data/summaries/*.parquet`` (written by ``data/build_trade.py``; sources in
``data/SOURCES_trade.md``) hold compact annual and monthly tables: TransBorder summaries
compiled from the BTS raw files by the UNT BTS-TransBorder-Dashboard project ("BTS via UNT",
1993-2025) and INEGI exports by Mexican state and subsector ("INEGI", 2007-2018). The raw
TransBorder months bundled in ``data/store/freight-*.parquet`` are listed beside them ("BTS DOT1
raw", ...), so every figure can name the table it comes from, its granularity and the period
the table holds.

Codes are the store's: ``country`` 1220 Canada / 2010 Mexico, ``mode`` DISAGMOT 1..9,
``trade_type`` 1 export / 2 import, BTS ``us_state`` / ``mx_state`` / ``port`` codes (the
``DU``, ``OT`` and ``XX`` unknown-state codes stay their own codes), ``commodity_group`` the HS
section (``data/codes/commodity_groups.csv``), ``subsector`` SCIAN (``inegi_subsectors.csv``).
Values are US dollars.

Also here: the port lineage table (``data/codes/port_lineage.csv``: ports whose figures continue
under another code, e.g. El Paso 2402 + Ysleta 2401 from March 2020) with the crossing series of
a lineage group, and checks that the summaries equal the raw BTS files to the dollar.

Pure Python + DuckDB + pandas: no Qt, no store; ``geo.store``/``geo.query`` join these tables
to the query planner.
"""

from __future__ import annotations

import csv
import functools
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import duckdb
import pandas as pd

from geo.core.messages import Message
from geo.core.paths import data_dir
from geo.core.periods import format_ym, ym_range
from geo.data.codes import bundled_freight_files

__all__ = [
    "SOURCE_UNT", "SOURCE_INEGI", "SOURCE_RAW", "SummaryError", "TableInfo", "MonthlyCheck",
    "catalogue", "table_info", "read_table", "port_lineage", "lineage_group", "lineage_series",
    "crossing_series", "lineage_groups", "expand_lineage", "fold_lineage", "lineage_message",
    "raw_monthly_totals", "bundled_monthly_totals", "check_monthly_totals",
]

SOURCE_UNT = "BTS via UNT"
SOURCE_INEGI = "INEGI"
SOURCE_RAW = {"DOT1": "BTS DOT1 raw", "DOT2": "BTS DOT2 raw", "DOT3": "BTS DOT3 raw"}
_SRC_ID = {"DOT1": 1, "DOT2": 2, "DOT3": 3}

#: dimensions of the raw TransBorder tables (all also have month, trade type, country, mode)
_RAW_DIMS = {
    "DOT1": ("year_month", "trade_type", "country", "mode", "us_state", "port", "mx_state", "can_prov",
             "df", "contcode"),
    "DOT2": ("year_month", "trade_type", "country", "mode", "us_state", "commodity", "mx_state", "can_prov",
             "df", "contcode"),
    "DOT3": ("year_month", "trade_type", "country", "mode", "port", "commodity", "df", "contcode"),
}
_RAW_TITLES = {"DOT1": "US state x port x Mexican state / Canadian province, by month",
               "DOT2": "US state x HS chapter x Mexican state / Canadian province, by month",
               "DOT3": "Port x HS chapter, by month"}
_RAW_MEASURES = {"value": "USD", "shipwt": "kg", "freight_charges": "USD"}
_KEYS = ["year_month", "country", "mode", "trade_type"]


class SummaryError(Exception):
    """A bundled summary file is missing or unreadable, or a table name is unknown (one sentence)."""


@dataclass(frozen=True)
class TableInfo:
    """One table: where a figure comes from and what the table can answer."""

    name: str
    title: str
    source: str                    # "BTS via UNT", "INEGI", "BTS DOT1 raw", ...
    granularity: str               # "month" | "year"
    periods: tuple[int, ...]       # the months (YYYYMM) or years held
    dims: tuple[str, ...]          # the columns that key a row
    measures: Mapping[str, str]    # column -> unit
    fixed: Mapping[str, int]       # code columns the whole table is limited to (country 2010, ...)
    limits: tuple[str, ...]
    rows: int
    path: Path
    kind: str                      # "summary" | "raw"
    bts_table: str = ""            # the BTS table it was compiled from (DOT1/DOT2/DOT3), if any
    source_file: str = ""          # under ../shared/data
    partial_years: Mapping[str, object] = field(default_factory=dict)

    @property
    def first(self) -> int:
        return self.periods[0]

    @property
    def last(self) -> int:
        return self.periods[-1]

    @property
    def missing(self) -> tuple[int, ...]:
        """Months (or years) between the first and last that the table does not hold."""
        have = set(self.periods)
        if self.granularity == "month":
            return tuple(m for m in ym_range(self.first, self.last) if m not in have)
        return tuple(y for y in range(self.first, self.last + 1) if y not in have)

    @property
    def period_label(self) -> str:
        """'1993..2025', '1993-04..2025-12' or, with gaps, '2015-01, 2020-01..2020-09, 2021-01..2024-09'."""
        return ", ".join(_spans(self.periods, self.granularity))

    def holds(self, period: int) -> bool:
        """True when the table holds this month (YYYYMM) or year (YYYY); an annual table holds
        a month when it holds its year."""
        if self.granularity == "year" and period > 9999:
            period //= 100
        return period in set(self.periods)

    def months_per_year(self) -> dict[int, int]:
        if self.granularity != "month":
            return {}
        out: dict[int, int] = {}
        for m in self.periods:
            out[m // 100] = out.get(m // 100, 0) + 1
        return out


def _spans(periods: Sequence[int], granularity: str) -> list[str]:
    out: list[list[int]] = []
    for p in periods:
        nxt = None
        if out:
            q = out[-1][1]
            nxt = q + 1 if granularity == "year" else (q + 89 if q % 100 == 12 else q + 1)
        if out and p == nxt:
            out[-1][1] = p
        else:
            out.append([p, p])
    fmt = str if granularity == "year" else format_ym
    return [fmt(a) if a == b else f"{fmt(a)}..{fmt(b)}" for a, b in out]


def _parse_spans(spans: Iterable[str]) -> list[int]:
    months: list[int] = []
    for s in spans:
        a, _, b = s.partition("..")
        lo = int(a[:4]) * 100 + int(a[5:7])
        hi = int(b[:4]) * 100 + int(b[5:7]) if b else lo
        months += ym_range(lo, hi)
    return sorted(set(months))


def _root(root: str | Path | None) -> Path:
    return Path(root) if root is not None else data_dir()


def _q(p: Path) -> str:
    return str(p).replace("'", "''")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SummaryError(f"{path} is missing; run data/build_all.py to create it.") from None
    except (OSError, ValueError) as exc:
        raise SummaryError(f"{path} cannot be read ({exc}); run data/build_all.py again.") from None


@functools.lru_cache(maxsize=8)
def _catalogue(root: Path, stamp: tuple) -> dict[str, TableInfo]:
    out: dict[str, TableInfo] = {}
    sdir = root / "summaries"
    for name, t in _read_json(sdir / "manifest.json")["tables"].items():
        path = sdir / t["file"]
        p = t["period"]
        gap = set(p.get("missing", []))
        if t["granularity"] == "month":
            periods = [m for m in ym_range(p["first"], p["last"]) if m not in gap]
        else:
            periods = [y for y in range(p["first"], p["last"] + 1) if y not in gap]
        out[name] = TableInfo(
            name=name, title=t["title"], source=t["source"], granularity=t["granularity"],
            periods=tuple(periods), dims=tuple(t["dims"]), measures=dict(t["measures"]),
            fixed={k: int(v) for k, v in t.get("fixed", {}).items()}, limits=tuple(t.get("limits", ())),
            rows=int(t["rows"]), path=path, kind="summary", bts_table=t.get("table", ""),
            source_file=t.get("source_file", ""), partial_years=dict(p.get("partial_years", {})))
    store = root / "store"
    manifest = _read_json(store / "manifest.json")
    freight_files = {Path(f).stem.split("-", 1)[1]: Path(f) for f in bundled_freight_files(store)}
    by_source = manifest["tables"]["freight"]["by_source"]
    coverage = manifest.get("coverage") or {}
    for table, src in _SRC_ID.items():
        if not by_source.get(table, {}).get("rows"):
            continue
        if table in coverage:
            months = _parse_spans(coverage[table]["months"])
        else:  # an older bundle: ask the file
            con = duckdb.connect()
            try:
                months = [r[0] for r in con.execute(
                    f"SELECT DISTINCT year_month FROM read_parquet('{_q(freight_files[table])}') WHERE src = ? "
                    "ORDER BY 1",
                    [src]).fetchall()]
            finally:
                con.close()
        name = f"raw_{table.lower()}"
        out[name] = TableInfo(
            name=name, title=_RAW_TITLES[table], source=SOURCE_RAW[table], granularity="month",
            periods=tuple(months), dims=_RAW_DIMS[table], measures=dict(_RAW_MEASURES), fixed={"src": src},
            limits=("BTS never posted raw files for October-December 2020 (October 2020 has no raw data "
                    "at all); the bundle holds the months listed, as published.",),
            rows=int(by_source[table]["rows"]), path=freight_files.get(table, store / f"freight-{table}.parquet"),
            kind="raw", bts_table=table,
            source_file="bts/transborder/raw", partial_years={
                str(y): n for y, n in _per_year(months).items() if n < 12})
    return out


def _per_year(months: Iterable[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for m in months:
        out[m // 100] = out.get(m // 100, 0) + 1
    return out


def catalogue(root: str | Path | None = None) -> dict[str, TableInfo]:
    """Every table, by name: the summaries (``bts_*``, ``inegi_*``) and the raw TransBorder
    tables of the bundled store (``raw_dot1``, ``raw_dot2``, ``raw_dot3``). ``root``: the data
    folder (default: the bundled one)."""
    r = _root(root).resolve()
    stamp = tuple(_mtime(p) for p in (r / "summaries" / "manifest.json", r / "store" / "manifest.json"))
    return dict(_catalogue(r, stamp))


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime_ns
    except OSError:
        return -1


def table_info(name: str, root: str | Path | None = None) -> TableInfo:
    cat = catalogue(root)
    if name not in cat:
        raise SummaryError(f"No bundled table named {name!r}; one of: {', '.join(cat)}.")
    return cat[name]


def read_table(name: str, root: str | Path | None = None, **where) -> pd.DataFrame:
    """A table as a DataFrame. ``where``: ``column=value`` or ``column=[values]`` filters
    (e.g. ``read_table('bts_partner_month', country=2010, mode=5)``). ``df.attrs`` carries the
    table's ``source``, ``granularity`` and ``period``."""
    info = table_info(name, root)
    if not info.path.exists():
        raise SummaryError(f"{info.path} is missing; run data/build_all.py to create it.")
    clauses, params = [], []
    for col, val in where.items():
        vals = list(val) if isinstance(val, (list, tuple, set, frozenset)) else [val]
        clauses.append(f'"{col}" IN ({", ".join("?" for _ in vals)})')
        params += vals
    cols = "*"
    if info.kind == "raw":
        clauses.insert(0, "src = ?")
        params.insert(0, info.fixed["src"])
        cols = "* EXCLUDE (src)"
    sql = f"SELECT {cols} FROM read_parquet('{_q(info.path)}')"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    con = duckdb.connect()
    try:
        df = con.execute(sql, params).df()
    except duckdb.Error as exc:
        raise SummaryError(f"Cannot read {info.path}: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    df.attrs.update({"table": name, "source": info.source, "granularity": info.granularity,
                     "period": info.period_label})
    return df


# -- port lineage -----------------------------------------------------------------------------
def port_lineage(root: str | Path | None = None) -> pd.DataFrame:
    """``data/codes/port_lineage.csv``: successor_group, port_code, port_name, border,
    from_month / to_month (YYYYMM ints, 0 = open), measures, role, note."""
    path = _root(root) / "codes" / "port_lineage.csv"
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise SummaryError(f"{path} is missing; run data/build_all.py to create it.") from None
    df = pd.DataFrame(rows)
    for col in ("from_month", "to_month"):
        df[col] = [int(v.replace("-", "")) if v else 0 for v in df[col]]
    return df


def lineage_group(port_code: str, root: str | Path | None = None) -> pd.DataFrame:
    """The lineage rows of the group ``port_code`` belongs to (empty if it has none)."""
    lin = port_lineage(root)
    groups = set(lin.loc[lin["port_code"] == str(port_code), "successor_group"])
    return lin[lin["successor_group"].isin(groups)].reset_index(drop=True)


def crossing_series(port_codes: Sequence[str], measure: str = "Trucks",
                    root: str | Path | None = None) -> pd.DataFrame:
    """Monthly Border Crossing/Entry counts of some ports from the bundled store tables, wide:
    ``year_month`` and one column per port (missing rows stay NaN: "not reported" is not 0)."""
    path = _root(root) / "store" / "crossings.parquet"
    codes = [str(p).zfill(4) for p in port_codes]
    con = duckdb.connect()
    try:
        long = con.execute(
            f"SELECT year_month, port_code, sum(value)::BIGINT AS value FROM read_parquet('{_q(path)}') "
            f"WHERE measure = ? AND port_code IN ({', '.join('?' for _ in codes)}) GROUP BY ALL",
            [measure, *codes]).df()
    finally:
        con.close()
    wide = long.pivot(index="year_month", columns="port_code", values="value").sort_index()
    return wide.reindex(columns=codes).reset_index().rename_axis(columns=None)


def lineage_series(group: str, measure: str = "Trucks", root: str | Path | None = None) -> pd.DataFrame:
    """The crossing series of a lineage group's members and their sum (``combined``), the
    continuous series across a split such as El Paso 2402 + Ysleta 2401 in March 2020."""
    lin = port_lineage(root)
    members = list(lin.loc[lin["successor_group"] == group, "port_code"])
    if not members:
        raise SummaryError(f"No port lineage group {group!r}.")
    df = crossing_series(members, measure, root)
    df["combined"] = df[members].sum(axis=1, min_count=1).astype("Int64")
    return df


@dataclass(frozen=True)
class LineageGroup:
    """Ports whose figures continue under another code (all measures): one series when summed."""

    code: str                       # the group's code, e.g. "2402+2401"
    label: str                      # "El Paso + Ysleta"
    members: tuple[str, ...]        # port codes, the parent first
    notes: tuple[str, ...]          # "Ysleta (2401) split from Mar 2020", ...


def lineage_groups(root: str | Path | None = None) -> dict[str, LineageGroup]:
    """Port code -> its lineage group, for the groups whose every measure continues under the
    other code (El Paso + Ysleta, Calexico + Calexico East, Noyes + Pembina); groups limited
    to some measures (Boundary/Frontier rail containers) are left to :func:`lineage_series`."""
    r = _root(root).resolve()
    return dict(_lineage_groups(r, _mtime(r / "codes" / "port_lineage.csv")))


@functools.lru_cache(maxsize=4)
def _lineage_groups(root: Path, stamp: float) -> dict[str, LineageGroup]:
    lin = port_lineage(root)
    out: dict[str, LineageGroup] = {}
    for g, rows in lin.groupby("successor_group", sort=False):
        if not (rows["measures"] == "all").all():
            continue
        rows = rows.sort_values("role", key=lambda s: s.map({"parent": 0}).fillna(1), kind="stable")
        notes = tuple(f"{r.port_name} ({r.port_code}) {r.role} "
                      f"{format_ym(int(str(r.from_month if r.role != 'merged' else r.to_month)))}"
                      for r in rows.itertuples() if r.role != "parent")
        grp = LineageGroup(str(g), " + ".join(rows["port_name"]), tuple(rows["port_code"]), notes)
        for code in grp.members:
            out[code] = grp
    return out


def expand_lineage(port_codes: Iterable[str], root: str | Path | None = None) -> tuple[list[str], list[LineageGroup]]:
    """The codes with every lineage-group member added, and the groups involved."""
    groups = lineage_groups(root)
    out: list[str] = []
    used: list[LineageGroup] = []
    for c in port_codes:
        g = groups.get(str(c))
        for m in (g.members if g else (str(c),)):
            if m not in out:
                out.append(m)
        if g and g not in used:
            used.append(g)
    return out, used


def fold_lineage(df: pd.DataFrame, code_col: str = "code", name_col: str = "name", keys: Sequence[str] = (),
                 sum_cols: Sequence[str] | None = None, root: str | Path | None = None
                 ) -> tuple[pd.DataFrame, list[LineageGroup]]:
    """One row per lineage group (code ``2402+2401``, name ``El Paso + Ysleta``) in place of its
    members' rows, per ``keys`` (e.g. month); the amounts summed. Returns the frame and the
    groups folded (say so: :func:`lineage_message`)."""
    groups = lineage_groups(root)
    codes = df[code_col].astype(str)
    mask = codes.isin(set(groups))
    if not mask.any():
        return df, []
    used = list(dict.fromkeys(groups[c] for c in codes[mask]))
    d = df.copy()
    d[code_col] = [groups[c].code if c in groups else c for c in codes]
    d.loc[mask, name_col] = [groups[c].label for c in codes[mask]]
    sum_cols = list(sum_cols) if sum_cols is not None else [
        c for c in ("value", "shipwt", "freight_charges", "records", "share") if c in d.columns]
    other = [c for c in d.columns if c not in sum_cols and c not in keys and c != code_col]
    agg = {**{c: "sum" for c in sum_cols}, **{c: "first" for c in other}}
    out = d.groupby([*keys, code_col], sort=False, as_index=False, dropna=False).agg(agg)[list(df.columns)]
    if not keys and "value" in out.columns:
        out = out.sort_values(["value", code_col], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True), used


def lineage_message(groups: Sequence[LineageGroup]) -> Message:
    """The caveat that a series shows lineage groups combined."""
    return Message("caveat.port_lineage", {"ports_list": [f"{g.label} ({g.code})" for g in groups],
                                           "notes_list": [n for g in groups for n in g.notes]})


# -- checks against the raw BTS files ---------------------------------------------------------
def _kind_of(header: str) -> str | None:
    cols = {c.strip().strip('"').upper() for c in header.lstrip("\ufeff").split(",")}
    if {"USASTATE", "DEPE"} <= cols and "COMMODITY2" not in cols:
        return "DOT1"
    if {"USASTATE", "COMMODITY2"} <= cols and "DEPE" not in cols:
        return "DOT2"
    if {"DEPE", "COMMODITY2"} <= cols and "USASTATE" not in cols:
        return "DOT3"
    return None


_SUM_SQL = (
    "SELECT '{kind}' AS bts_table, CAST(YEAR AS INTEGER) * 100 + CAST(MONTH AS INTEGER) AS year_month, "
    "CAST(COUNTRY AS INTEGER) AS country, CAST(DISAGMOT AS INTEGER) AS mode, "
    "CAST(TRDTYPE AS INTEGER) AS trade_type, sum(CAST(VALUE AS BIGINT))::BIGINT AS value, "
    "count(*)::BIGINT AS records FROM read_csv('{path}', all_varchar = true, header = true) GROUP BY ALL")


def raw_monthly_totals(raw_dir: str | Path, tables: Sequence[str] = ("DOT1", "DOT2")) -> pd.DataFrame:
    """Sum the raw BTS TransBorder files under ``raw_dir`` (CSV files and the monthly zips as BTS
    ships them) by table, month, partner, mode and trade type: columns ``bts_table, year_month,
    country, mode, trade_type, value, records``. Each file's table is told by its header, never
    its name (real ``dot1_*.csv`` files can hold DOT3 rows)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.exists():
        raise SummaryError(f"No raw BTS files at {raw_dir}.")
    files = sorted(p for p in raw_dir.rglob("*") if p.suffix.lower() in (".csv", ".zip"))
    parts = []
    con = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory(prefix="frontera-raw-") as tmp:
            for i, f in enumerate(files):
                if f.suffix.lower() == ".csv":
                    with open(f, encoding="utf-8", errors="replace") as fh:
                        kind = _kind_of(fh.readline())
                    if kind in tables:
                        parts.append(con.execute(_SUM_SQL.format(kind=kind, path=_q(f))).df())
                    continue
                with zipfile.ZipFile(f) as zf:
                    for j, member in enumerate(zf.namelist()):
                        if not member.lower().endswith(".csv"):
                            continue
                        with zf.open(member) as fh:
                            kind = _kind_of(fh.readline().decode("utf-8", errors="replace"))
                        if kind not in tables:
                            continue
                        dest = Path(tmp) / f"{i}_{j}.csv"
                        with zf.open(member) as src, open(dest, "wb") as out:
                            while chunk := src.read(1 << 20):
                                out.write(chunk)
                        parts.append(con.execute(_SUM_SQL.format(kind=kind, path=_q(dest))).df())
                        dest.unlink()
    finally:
        con.close()
    cols = ["bts_table", *_KEYS, "value", "records"]
    if not parts:
        return pd.DataFrame(columns=cols)
    seen: dict[tuple[str, int], int] = {}
    for k, part in enumerate(parts):   # one month of one table in two files would be counted twice
        for key in {(t, int(m)) for t, m in zip(part["bts_table"], part["year_month"])}:
            if key in seen:
                raise SummaryError(f"Two raw files under {raw_dir} hold {key[0]} {format_ym(key[1])}; "
                                   f"keep one so the month is not counted twice.")
            seen[key] = k
    df = pd.concat(parts, ignore_index=True)
    df = df.groupby(["bts_table", *_KEYS], as_index=False)[["value", "records"]].sum()
    return df[cols].sort_values(["bts_table", *_KEYS], kind="stable").reset_index(drop=True)


def bundled_monthly_totals(root: str | Path | None = None) -> pd.DataFrame:
    """The same sums from the raw rows bundled in ``data/store/freight-*.parquet``."""
    files = bundled_freight_files(_root(root) / "store")
    con = duckdb.connect()
    try:
        df = con.execute(
            "SELECT CASE src WHEN 1 THEN 'DOT1' WHEN 2 THEN 'DOT2' ELSE 'DOT3' END AS bts_table, "
            "year_month::INTEGER AS year_month, country::INTEGER AS country, mode::INTEGER AS mode, "
            "trade_type::INTEGER AS trade_type, sum(value)::BIGINT AS value, count(*)::BIGINT AS records "
            "FROM read_parquet(?) GROUP BY ALL ORDER BY ALL", [files]).df()
    finally:
        con.close()
    return df


@dataclass
class MonthlyCheck:
    """The outcome of :func:`check_monthly_totals`."""

    months_compared: dict[str, list[int]]      # raw table -> months compared with the summary
    months_not_in_summary: dict[str, list[int]]
    mismatches: pd.DataFrame                   # bts_table, keys, raw_value, summary_value

    @property
    def ok(self) -> bool:
        return self.mismatches.empty and not any(self.months_not_in_summary.values())

    def describe(self) -> str:
        parts = [f"{t}: {len(m)} months ({', '.join(_spans(m, 'month'))})"
                 for t, m in self.months_compared.items() if m]
        head = "equal to the dollar" if self.ok else f"{len(self.mismatches)} differing cells"
        return f"bts_partner_month vs raw: {head}; compared " + "; ".join(parts)


def check_monthly_totals(raw: pd.DataFrame, root: str | Path | None = None) -> MonthlyCheck:
    """Compare the monthly summary (``bts_partner_month``, BTS via UNT) with raw monthly sums
    (from :func:`raw_monthly_totals` or :func:`bundled_monthly_totals`): for every raw table and
    every month it holds, each partner x mode x trade type cell must be equal to the dollar (a
    cell present on one side only counts as a difference)."""
    summary = read_table("bts_partner_month", root)
    summary = summary.astype({"country": "int64", "mode": "int64", "trade_type": "int64"})
    held = set(summary["year_month"])
    compared: dict[str, list[int]] = {}
    missing: dict[str, list[int]] = {}
    bad = []
    for table, r in raw.groupby("bts_table"):
        months = sorted(set(r["year_month"]))
        compared[str(table)] = [m for m in months if m in held]
        missing[str(table)] = [m for m in months if m not in held]
        s = summary[summary["year_month"].isin(months)]
        m = r[[*_KEYS, "value"]].astype("int64").merge(
            s[[*_KEYS, "value"]], on=_KEYS, how="outer", suffixes=("_raw", "_summary"))
        m = m.fillna({"value_raw": 0, "value_summary": 0})
        diff = m[m["value_raw"] != m["value_summary"]]
        if len(diff):
            diff = diff.rename(columns={"value_raw": "raw_value", "value_summary": "summary_value"})
            diff.insert(0, "bts_table", table)
            bad.append(diff)
    mismatches = (pd.concat(bad, ignore_index=True) if bad else
                  pd.DataFrame(columns=["bts_table", *_KEYS, "raw_value", "summary_value"]))
    return MonthlyCheck(compared, missing, mismatches)
