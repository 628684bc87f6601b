"""Build Frontera Atlas' bundled data from the real public files in ../shared/data.

Writes (atomically, file by file):

* ``data/codes/*.csv`` - compact BTS code tables (ports, US states, Mexican states, Canadian
  provinces, modes, HS 2-digit chapters, countries, trade types) + ``SOURCES.md``;
* ``data/store/*.parquet`` - the default store tables (zstd Parquet, sorted) + ``manifest.json``:
  TransBorder DOT3 months 2020-01..2021-12 as published, January 2015 DOT1/DOT2/DOT3, the DOT1
  months 2020-01..2020-09 and 2021-01..2024-09 and the DOT2 months from ``--dot2-from``
  (default 2023-01) through 2024-12 (see :data:`DOT2_FROM`), and the Border Crossing/Entry
  counts 1996-2025 (US-Mexico border; US-Canada too if within the budget).

Raw files are never copied: the script imports them through ``geo.imports`` into a temporary
DuckDB store and exports its tables.

Usage: ``.venv/bin/python data/build_store.py [--shared ../shared/data] [--out data]``
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:  # allow running without the editable install
    sys.path.insert(0, str(REPO))

CODES_SRC = "bts/transborder/codes"
RAW = "bts/transborder/raw"
CROSSINGS = "bts/border_crossing_entry/Border_Crossing_Entry_Data.csv"
#: the real DOT1/DOT2 monthly zips of 2020-2024 (one per month, as BTS ships them)
DOT12 = "bts/transborder/raw/dot1_dot2"

#: Keep the US-Canada crossing counts in the bundle only if data/codes + data/store stay under this.
BUDGET_BYTES = 30_000_000

#: First DOT2 (US state x commodity) month of 2020-2024 bundled. Every DOT1 month is bundled
#: (the flows need it) and so is every DOT2 month that has no DOT1 (2024-10..12). Parquet holds
#: these rows at ~7 bytes each (zstd 19; dictionary-coded codes; the dollar, kilogram and freight
#: amounts are ~5.9 of the 7 and do not compress further - measured: Parquet V2 delta / byte-
#: stream-split encodings, bigger row groups, other sort orders all within 2%), so:
#: 202301 -> freight-*.parquet ~27 MB in 3 files (data/ ~30 MB); 202201 -> ~34 MB; 202001 (all) -> ~44 MB.
DOT2_FROM = 202301


def _atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> list[dict[str, str]]:
    # keep_default_na=False semantics: csv module never turns "NA" into a missing value.
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def _csv_text(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _pretty_port(name: str) -> str:
    """'HIDALGO, PHARR, TX' -> 'Hidalgo, Pharr, TX' (keeps 2-letter state suffixes upper)."""
    words = []
    for part in name.split(", "):
        if len(part) == 2 and part.isalpha():
            words.append(part.upper())
        else:
            words.append(" ".join(w if w in {"AP", "LAX", "FTZ", "US", "NY"} else w.capitalize()
                                  for w in part.split(" ")))
    return ", ".join(words).replace("Ft.", "Ft.").replace(" Of ", " of ").replace(" The ", " the ")


MODE_SLUGS = {"1": "vessel", "3": "air", "4": "mail", "5": "truck", "6": "rail",
              "7": "pipeline", "8": "other", "9": "ftz"}


def build_codes(shared: Path, out_codes: Path) -> dict:
    src = shared / CODES_SRC
    written = {}

    ports = []
    for r in _read(src / "depe_port_codes.csv"):
        code = r["port_code"].upper()
        is_d = r["is_district_row"].lower() == "true"
        ports.append([code, _pretty_port(r["port_name"]), r["port_name"], r["district_code"].upper(),
                      "1" if is_d else "0"])
    written["ports.csv"] = _csv_text(["code", "name", "name_bts", "district", "is_district"], ports)

    us = [[r["code"].upper(), r["name"]] for r in _read(src / "usastate_codes.csv")]
    written["us_states.csv"] = _csv_text(["code", "name"], us)

    mx = []
    for r in _read(src / "mexstate_codes.csv"):
        code, nm, canon, note = r["code"].upper(), r["name"], r["code"].upper(), ""
        if code == "BN":
            canon, note = "BC", "legacy code: Baja California Norte is today's Baja California (BC)"
        elif code == "DF":
            nm, note = "Ciudad de México (Distrito Federal)", "legacy name: renamed Ciudad de México in 2016"
        elif code == "OT":
            nm = "State unknown (OT)"
        mx.append([code, nm, canon, note])
    # XX occurs in the raw files (README: "MEXSTATE can be blank or XX (unknown)").
    mx.append(["XX", "Unknown (XX)", "XX", "unknown state as published by BTS"])
    written["mx_states.csv"] = _csv_text(["code", "name", "canonical", "note"], mx)

    ca = [[r["code"].upper(), r["name"]] for r in _read(src / "canprov_codes.csv")]
    written["ca_provinces.csv"] = _csv_text(["code", "name"], ca)

    modes = [[r["code"], r["name"], MODE_SLUGS.get(r["code"], r["name"].lower())]
             for r in _read(src / "disagmot_mode_codes.csv")]
    written["modes.csv"] = _csv_text(["code", "name", "slug"], modes)

    hs = [[r["commodity2"].zfill(2), r["description"]] for r in _read(src / "commodity2_codes.csv")]
    written["commodities.csv"] = _csv_text(["code", "name"], hs)

    countries = [[r["code"], r["name"]] for r in _read(src / "country_codes.csv")]
    written["countries.csv"] = _csv_text(["code", "name"], countries)

    tt = [[r["code"], r["name"], r["name"].lower()] for r in _read(src / "trdtype_codes.csv")]
    written["trade_types.csv"] = _csv_text(["code", "name", "slug"], tt)

    written["SOURCES.md"] = SOURCES_MD
    for fname, text in written.items():
        _atomic_write_text(out_codes / fname, text)
    return {f: len(t.encode()) for f, t in written.items()}


SOURCES_MD = """# Bundled BTS code tables

Derived by `data/build_store.py` from `../shared/data/bts/transborder/codes/*.csv`, the per-sheet
CSV exports of the BTS North American TransBorder Freight code workbook `codes_all.xls`
(sources: tuanht/north-american-transborder-freight @ dd33d092 : lib/tasks/dataset/codes_all.xls;
unt-clscm/BTS-TransBorder-Dashboard @ 7d833370 : 01-Raw-Data/data_dictionary/). US federal
government work, public domain.

| file | BTS field | source CSV | changes |
|---|---|---|---|
| ports.csv | DEPE | depe_port_codes.csv | names title-cased (`name`); original in `name_bts`; district rows (`NNXX`) flagged `is_district` |
| us_states.csv | USASTATE | usastate_codes.csv | whitespace trimmed |
| mx_states.csv | MEXSTATE | mexstate_codes.csv (read keeping `NA` = Nayarit) | `XX` (unknown, per the data README) added; `canonical` maps legacy `BN` to `BC`; `DF` named Ciudad de México (Distrito Federal) |
| ca_provinces.csv | CANPROV | canprov_codes.csv | whitespace trimmed (`XM ` -> `XM`) |
| modes.csv | DISAGMOT | disagmot_mode_codes.csv | `slug` added (truck, rail, ...) |
| commodities.csv | COMMODITY2 | commodity2_codes.csv | - |
| countries.csv | COUNTRY | country_codes.csv | whitespace trimmed |
| trade_types.csv | TRDTYPE | trdtype_codes.csv | `slug` added |

Port codes that occur in real BTS files but are absent from the workbook (e.g. `2401`, `2383`,
`59XX`) are kept by the importer and named after their district by `geo/data/codes.py`.

Written by `data/build_trade.py` (sources in `data/SOURCES_trade.md`): `ports_newer.csv` (port
codes absent from ports.csv: the newer BTS workbook `codes_all_newer.xls` adds none; `2401`
Ysleta is named from the Border Crossing/Entry file), `port_lineage.csv` (ports whose figures
continue under another code, e.g. El Paso 2402 + Ysleta 2401 from March 2020),
`commodity_groups.csv` (HS sections of the summary tables) and `inegi_subsectors.csv`.
"""  # noqa: E501  (markdown table rows cannot wrap)


def _transborder_files(shared: Path) -> list[Path]:
    raw = shared / RAW
    files = sorted((raw / "2015-01").glob("*.csv"))
    files += sorted((raw / "2020").glob("*.csv")) + sorted((raw / "2021").glob("*.csv"))
    return files


def _dot12_members(shared: Path, workdir: Path, dot2_from: int) -> tuple[list[Path], dict[str, list[int]]]:
    """Extract the wanted DOT1/DOT2 members of the monthly zips into ``workdir``: every DOT1,
    and DOT2 from ``dot2_from`` or where the month has no DOT1. The table is told by the
    member's header, never its name (see ../shared/data/README.md)."""
    import zipfile

    from geo.imports.sniff import identify

    found: dict[int, dict[str, tuple[Path, str]]] = {}
    for z in sorted((shared / DOT12).glob("*.zip")):
        ym = int(z.stem[:4]) * 100 + int(z.stem[5:7])
        with zipfile.ZipFile(z) as zf:
            for m in zf.namelist():
                with zf.open(m) as fh:
                    kind = identify(fh.read(4096), f"{z.name}:{m}").kind
                found.setdefault(ym, {})[kind] = (z, m)
    files, months = [], {"DOT1": [], "DOT2": []}
    for ym, kinds in sorted(found.items()):
        for kind in ("DOT1", "DOT2"):
            if kind not in kinds or (kind == "DOT2" and ym < dot2_from and "DOT1" in kinds):
                continue
            z, m = kinds[kind]
            dest = workdir / z.stem / Path(m).name
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(z) as zf, zf.open(m) as src, open(dest, "wb") as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
            files.append(dest)
            months[kind].append(ym)
    return files, months


def _spans(months) -> list[str]:
    """[202001, 202002, 202101] -> ['2020-01..2020-02', '2021-01']"""
    out: list[list[int]] = []
    for m in sorted(months):
        if out:
            y, mo = divmod(out[-1][1], 100)
            nxt = (y + 1) * 100 + 1 if mo == 12 else y * 100 + mo + 1
            if m == nxt:
                out[-1][1] = m
                continue
        out.append([m, m])
    fmt = lambda x: f"{x // 100}-{x % 100:02d}"  # noqa: E731
    return [fmt(a) if a == b else f"{fmt(a)}..{fmt(b)}" for a, b in out]


def build(shared: Path, out: Path, dot2_from: int = DOT2_FROM) -> dict:
    """Build ``out/codes`` and ``out/store`` from ``shared``; return a summary dict.
    ``dot2_from``: first DOT2 month of 2020-2024 to bundle (YYYYMM; see :data:`DOT2_FROM`)."""
    shared, out = Path(shared).resolve(), Path(out).resolve()
    if not (shared / CODES_SRC).is_dir():
        raise SystemExit(f"shared data not found at {shared} (expected {CODES_SRC}/)")
    summary: dict = {"codes": build_codes(shared, out / "codes")}

    from geo.store.duckdb_store import DuckDBStore

    with tempfile.TemporaryDirectory(prefix="frontera-build-") as tmp:
        store = DuckDBStore(Path(tmp) / "build.duckdb", codes_dir=out / "codes", bundle_dir=None)
        try:
            dot12, _months = _dot12_members(shared, Path(tmp) / "dot1_dot2", dot2_from)
            files = _transborder_files(shared) + dot12 + [shared / CROSSINGS]
            report = store.import_files(files, write_report=False)
            if report.issues:
                print(f"note: {len(report.issues)} rows rejected while building", file=sys.stderr)
            summary["import"] = {
                "rows_loaded": report.rows_loaded, "rows_rejected": report.rows_rejected,
                "rows_per_second": round(report.rows_per_second),
            }
            # first try with both borders, fall back to US-Mexico only if over budget
            stage = Path(tmp) / "bundle"
            info = store.export_bundle(stage, crossings_borders=None)
            codes_bytes = _size(out / "codes")
            if info["bytes"] + codes_bytes > BUDGET_BYTES:
                info = store.export_bundle(stage, crossings_borders=("US-Mexico Border",))
            info["manifest"] = _describe_coverage(stage / "manifest.json", store.available_periods(), dot2_from)
            summary["store"] = info
        finally:
            store.close()
        (out / "store").mkdir(parents=True, exist_ok=True)
        for f in sorted(stage.iterdir()):
            tmpname = out / "store" / (f.name + ".tmp")
            tmpname.write_bytes(f.read_bytes())
            os.replace(tmpname, out / "store" / f.name)
        for old in (out / "store").iterdir():
            if old.is_file() and not (stage / old.name).exists():
                old.unlink()
    summary["bytes_written"] = _size(out / "codes") + _size(out / "store")
    return summary


def _describe_coverage(manifest_path: Path, periods: dict[str, list[int]], dot2_from: int) -> dict:
    """Name in the manifest exactly which months each table holds (partial years stay visible:
    2020 and 2024 have 9 DOT1 months) and the rule that chose the DOT2 months."""
    manifest = json.loads(manifest_path.read_text())
    spans = {t: _spans(periods.get(t, [])) for t in ("DOT1", "DOT2", "DOT3")}
    manifest["coverage"] = {
        t: {"months": spans[t], "months_per_year": _per_year(periods.get(t, []))} for t in spans}
    manifest["coverage"]["crossings"] = {"months": _spans(periods.get("crossings", []))}
    manifest["coverage"]["dot2_from"] = f"{dot2_from // 100}-{dot2_from % 100:02d}"
    manifest["coverage"]["rule"] = (
        "DOT3 2015-01 and 2020-01..2021-12 as published; every DOT1 month in ../shared/data; DOT2 "
        "2015-01 and from dot2_from, plus any month without DOT1. BTS never posted Oct-Dec 2020 "
        "raw files; DOT1 for 2024-10..12 is not in ../shared/data.")
    manifest["sources"]["transborder"] = (
        "BTS North American TransBorder Freight raw monthly files: "
        + "; ".join(f"{t} {', '.join(v)}" for t, v in spans.items()))
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _per_year(months) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in months:
        out[str(m // 100)] = out.get(str(m // 100), 0) + 1
    return out


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--dot2-from", default=f"{DOT2_FROM // 100}-{DOT2_FROM % 100:02d}",
                    help="first DOT2 month of 2020-2024 to bundle, YYYY-MM (2020-01: all, ~44 MB)")
    args = ap.parse_args(argv)
    summary = build(args.shared, args.out, dot2_from=int(args.dot2_from.replace("-", "")[:6]))
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
