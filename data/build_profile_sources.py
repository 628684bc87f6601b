"""Rebuild the bundled tables the drill-down profiles read besides the trade store, from the
public data in ../shared/data (no raw file is copied):

- retc_facilities.csv     one row per SEMARNAT RETC 2022 establishment: state, municipality,
                          sector, the industrial park (``zone_id`` of industrial_zones.csv) and
                          cluster it belongs to, cleaned lon/lat (the same derivation as
                          build_points.py's industrial zones, so the counts agree)
- inegi_state_exports.csv INEGI exports by Mexican state, year and SCIAN subsector, 2007-2018,
                          in US dollars (INEGI publishes thousands of dollars)
- seaport_facts.csv       harbour facts of the seaports in seaports.csv from the NGA World
                          Port Index (depths, vessel limits, cargo facilities, shelter)

Usage: python data/build_profile_sources.py [--shared ../shared/data] [--out data]
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared" / "data"

INEGI_CSV = "inegi/exportations_activity_rows.csv"
WPI_CSV = "nga/WPI.csv"
MEXSTATE_CSV = "bts/transborder/codes/mexstate_codes.csv"
#: INEGI state spellings -> BTS Mexican state codes where fold() of the name does not match
INEGI_ALIASES = {"quinta roo": "QR", "mexico": "MX", "ciudad de mexico": "DF"}
#: WPI column -> our column
WPI_FACTS = {
    "World Port Index Number": "wpi_number", "Harbor Size": "harbor_size", "Harbor Type": "harbor_type",
    "Harbor Use": "harbor_use", "Shelter Afforded": "shelter", "Channel Depth (m)": "channel_depth_m",
    "Cargo Pier Depth (m)": "cargo_pier_depth_m", "Anchorage Depth (m)": "anchorage_depth_m",
    "Maximum Vessel Length (m)": "max_vessel_length_m", "Maximum Vessel Draft (m)": "max_vessel_draft_m",
    "Facilities - Container": "container", "Facilities - Ro-Ro": "ro_ro", "Facilities - Solid Bulk": "solid_bulk",
    "Facilities - Liquid Bulk": "liquid_bulk", "Facilities - Breakbulk": "breakbulk",
    "Facilities - Oil Terminal": "oil_terminal", "Cranes Container": "container_cranes",
    "Communications - Rail": "rail", "Repairs": "repairs", "Dry Dock": "dry_dock",
}


def _points():
    spec = importlib.util.spec_from_file_location("build_points", HERE / "build_points.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_points", mod)
    spec.loader.exec_module(mod)
    return mod


def retc_facilities(shared: Path, points) -> pd.DataFrame:
    """Each facility with the zone_id of its park (matched on state, facility count and median
    location, which identify every park of industrial_zones.csv uniquely)."""
    f = points.retc_facilities(shared)
    zones = points.industrial_zones(shared, facilities=f)
    parks = zones[zones["kind"] == "park"]
    key = {(r.state_code, int(r.n_facilities), round(float(r.lon), 5), round(float(r.lat), 5)): r.zone_id
           for r in parks.itertuples()}
    if len(key) != len(parks):
        raise ValueError("two parks share state, size and location: the park match is ambiguous")
    park_of: dict = {}
    for (st, pk), g in f[f["park_key"].notna()].groupby(["state_code", "park_key"], sort=True):
        gv = g[g["lon"].notna()]
        if gv.empty:
            continue
        k = (st, len(g), round(float(gv["lon"].median()), 5), round(float(gv["lat"].median()), 5))
        if k not in key:
            raise ValueError(f"park {st}/{pk} not found in industrial_zones")
        park_of[(st, pk)] = key[k]
    out = pd.DataFrame({
        "nra": f["nra"], "state_code": f["state_code"], "municipality": f["municipality"],
        "sector": f["sector"].where(f["sector"].str.len() > 0, "No especificado"),
        "zone_id": [park_of.get((s, p), "") if isinstance(p, str) else ""
                    for s, p in zip(f["state_code"], f["park_key"])],
        "cluster": f["cluster"], "lon": f["lon"].round(5), "lat": f["lat"].round(5),
    })
    assigned = out[out["zone_id"] != ""].groupby("zone_id").size()
    want = parks.set_index("zone_id")["n_facilities"]
    if not assigned.reindex(want.index).fillna(0).astype(int).equals(want.astype(int)):
        raise ValueError("facility counts per park differ from industrial_zones.csv")
    return out.sort_values(["state_code", "zone_id", "nra"], kind="stable").reset_index(drop=True)


def inegi_exports(shared: Path, points) -> pd.DataFrame:
    raw = pd.read_csv(shared / INEGI_CSV, dtype=str, keep_default_na=False)
    names = pd.read_csv(shared / MEXSTATE_CSV, dtype=str, keep_default_na=False)
    codes = {points.fold(n): c.strip() for c, n in zip(names["code"], names["name"])}
    aliases = points.MX_STATE_ALIASES

    def state_code(name: str) -> str:
        k = points.fold(name)
        if k in INEGI_ALIASES:
            return INEGI_ALIASES[k]
        return codes.get(aliases.get(k, k), "")

    out = pd.DataFrame({
        "state_code": raw["state"].map(state_code), "year": raw["year"].astype(int),
        "subsector": raw["Código"].replace({"NA": ""}),
        "description": raw["Descripción"].str.replace("\n", " ").str.strip(),
        "usd": (pd.to_numeric(raw["USD"], errors="coerce").fillna(0) * 1000).round().astype("int64"),
    })
    if (out["state_code"] == "").any():
        raise ValueError(f"unmapped INEGI states: {sorted(set(raw['state'][out['state_code'] == '']))}")
    return out.sort_values(["state_code", "year", "subsector", "description"], kind="stable").reset_index(drop=True)


def seaport_facts(shared: Path, out_dir: Path) -> pd.DataFrame:
    wpi = pd.read_csv(shared / WPI_CSV, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    ours = pd.read_csv(out_dir / "seaports.csv", dtype=str, keep_default_na=False)
    num = lambda n: str(int(float(n))) if n else ""  # noqa: E731  ("15770.0" -> "15770")
    numbers = {num(n) for n in ours["wpi_number"] if n}
    wpi = wpi.assign(**{"World Port Index Number": wpi["World Port Index Number"].map(num)})
    wpi = wpi[wpi["World Port Index Number"].isin(numbers)]
    out = wpi[list(WPI_FACTS)].rename(columns=WPI_FACTS)
    by_number = dict(zip(ours["wpi_number"].map(num), ours["unlocode"]))
    out.insert(0, "unlocode", out["wpi_number"].map(by_number))
    out = out[out["unlocode"].str.len() > 0].drop_duplicates("unlocode")
    return out.sort_values("unlocode").reset_index(drop=True)


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    """Atomic write: a temporary file in the same folder, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".csv.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            df.to_csv(fh, index=False, lineterminator="\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def build(shared: Path, out: Path) -> dict[str, int]:
    shared, out = Path(shared), Path(out)
    points = _points()
    tables = {
        "retc_facilities.csv": retc_facilities(shared, points),
        "inegi_state_exports.csv": inegi_exports(shared, points),
        "seaport_facts.csv": seaport_facts(shared, out),
    }
    for name, df in tables.items():
        _write_csv(df, out / name)
    return {name: len(df) for name, df in tables.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args(argv)
    for name, n in build(args.shared, args.out).items():
        print(f"{args.out / name}: {n} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
