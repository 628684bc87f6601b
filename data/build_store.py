"""Build Frontera MapContent' bundled data from the real public files in ../shared/data.

Writes (atomically, file by file):

* ``data/codes/*.csv`` - compact BTS code tables (ports, US states, Mexican states, Canadian
  provinces, modes, HS 2-digit chapters, countries, trade types) + ``SOURCES.md``;
* ``data/store/*.parquet`` - the default store tables (zstd Parquet, sorted) + ``manifest.json``:
  TransBorder DOT3 months 2020-01..2021-12 as published, January 2015 DOT1/DOT2/DOT3, and the
  Border Crossing/Entry counts 1996-2025 (US-Mexico border; US-Canada too if small).

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

#: Keep the US-Canada crossing counts in the bundle only if the whole data/ stays under this.
BUDGET_BYTES = 5_000_000


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
`59XX`) are kept by the importer and named after their district by `geo/codes.py`.
"""


def _transborder_files(shared: Path) -> list[Path]:
    raw = shared / RAW
    files = sorted((raw / "2015-01").glob("*.csv"))
    files += sorted((raw / "2020").glob("*.csv")) + sorted((raw / "2021").glob("*.csv"))
    return files


def build(shared: Path, out: Path) -> dict:
    """Build ``out/codes`` and ``out/store`` from ``shared``; return a summary dict."""
    shared, out = Path(shared).resolve(), Path(out).resolve()
    if not (shared / CODES_SRC).is_dir():
        raise SystemExit(f"shared data not found at {shared} (expected {CODES_SRC}/)")
    summary: dict = {"codes": build_codes(shared, out / "codes")}

    from geo.store.duckdb_store import DuckDBStore

    with tempfile.TemporaryDirectory(prefix="frontera-build-") as tmp:
        store = DuckDBStore(Path(tmp) / "build.duckdb", codes_dir=out / "codes", bundle_dir=None)
        try:
            files = _transborder_files(shared) + [shared / CROSSINGS]
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


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    summary = build(args.shared, args.out)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
