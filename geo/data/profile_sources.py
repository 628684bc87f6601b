"""The bundled tables the drill-down profiles read besides the trade store (built by
``data/build_profile_sources.py``): RETC 2022 facilities with their park and cluster, INEGI
exports by Mexican state and subsector (2007-2018), and World Port Index harbour facts.

Each reader returns a plain DataFrame (lon/lat in degrees), cached; a missing table gives an
empty frame with the right columns, so a profile says "not bundled" instead of failing.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.core.paths import data_dir

RETC_FILE = "retc_facilities.csv"
INEGI_FILE = "inegi_state_exports.csv"
SEAPORT_FACTS_FILE = "seaport_facts.csv"
PORTS_FILE = "ports_of_entry.csv"
ZONES_FILE = "industrial_zones.csv"
SEAPORTS_FILE = "seaports.csv"

#: what each table is, for the source line of a figure
SOURCE_RETC = "SEMARNAT RETC 2022"
SOURCE_INEGI = "INEGI exports by state (EAEF)"
SOURCE_WPI = "NGA World Port Index (Pub. 150)"

_COLUMNS = {
    RETC_FILE: ("nra", "state_code", "municipality", "sector", "zone_id", "cluster", "lon", "lat"),
    INEGI_FILE: ("state_code", "year", "subsector", "description", "usd"),
    SEAPORT_FACTS_FILE: ("unlocode",),
    PORTS_FILE: ("port_code", "name", "state", "state_code", "lon", "lat"),
    ZONES_FILE: ("zone_id", "name", "kind", "state", "state_code", "n_facilities", "lon", "lat", "cluster"),
    SEAPORTS_FILE: ("name", "unlocode", "country", "coast", "lon", "lat"),
}
_TEXT = {"nra", "state_code", "municipality", "sector", "zone_id", "cluster", "subsector", "description",
         "unlocode", "port_code", "name", "state", "kind", "country", "coast", "wpi_number"}


@lru_cache(maxsize=16)
def _read(fname: str, folder: str) -> pd.DataFrame:
    path = Path(folder) / fname
    cols = _COLUMNS[fname]
    if not path.is_file():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    head = pd.read_csv(path, nrows=0).columns
    df = pd.read_csv(path, dtype={c: str for c in head if c in _TEXT}, keep_default_na=False,
                     na_values={c: [""] for c in ("lon", "lat", "usd", "n_facilities", "year")}, encoding="utf-8")
    for c in cols:
        if c not in df.columns:
            df[c] = pd.Series(dtype=object)
    return df


def _table(fname: str, folder: Path | None) -> pd.DataFrame:
    return _read(fname, str(folder or data_dir()))


def retc_facilities(folder: Path | None = None) -> pd.DataFrame:
    """One row per RETC 2022 facility: ``nra, state_code, municipality, sector, zone_id`` (its
    industrial park, or empty), ``cluster`` (or empty), ``lon, lat`` (NaN when unreliable)."""
    return _table(RETC_FILE, folder)


def inegi_exports(folder: Path | None = None) -> pd.DataFrame:
    """INEGI exports: ``state_code, year, subsector`` (empty for the state total and the
    unspecified rest), ``description, usd`` (US dollars)."""
    return _table(INEGI_FILE, folder)


def seaport_facts(folder: Path | None = None) -> pd.DataFrame:
    """World Port Index harbour facts by ``unlocode``."""
    return _table(SEAPORT_FACTS_FILE, folder)


def ports_of_entry(folder: Path | None = None) -> pd.DataFrame:
    return _table(PORTS_FILE, folder)


def industrial_zones(folder: Path | None = None) -> pd.DataFrame:
    return _table(ZONES_FILE, folder)


def seaports(folder: Path | None = None) -> pd.DataFrame:
    df = _table(SEAPORTS_FILE, folder)
    coded = df["unlocode"].astype(str).str.len() > 0
    return df[~(coded & df["unlocode"].duplicated())].reset_index(drop=True)
