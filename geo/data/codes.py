"""BTS code tables bundled with the app: code -> name for every TransBorder dimension.

The tables live in ``data/codes/*.csv`` (written by ``data/build_store.py`` from the BTS code
workbook exports; see ``data/codes/SOURCES.md``). Every CSV is read as text with
``keep_default_na=False`` because Nayarit's Mexican-state code is ``NA``.

Dimensions (the ``dim`` argument everywhere):

``port``        4-character DEPE codes, incl. district rows such as ``23XX``
``us_state``    USASTATE two-letter codes (``DU`` = unknown)
``mx_state``    MEXSTATE codes incl. legacy ``BN``/``DF`` and ``XX`` (unknown)
``ca_prov``     CANPROV codes
``mode``        DISAGMOT 1..9
``commodity``   HS 2-digit chapters ``01``..``99``
``country``     COUNTRY codes (1220 Canada, 2010 Mexico and the full BTS list)
``trade_type``  TRDTYPE 1 export, 2 import
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from geo.core.paths import data_dir

__all__ = [
    "DIMENSIONS",
    "CodeTables",
    "UnknownCodeError",
    "bundled_data_dir",
    "code_tables",
    "name",
    "names",
    "resolve",
    "COUNTRY_ISO",
]

DIMENSIONS = (
    "port",
    "us_state",
    "mx_state",
    "ca_prov",
    "mode",
    "commodity",
    "country",
    "trade_type",
)

_FILES = {
    "port": "ports.csv",
    "us_state": "us_states.csv",
    "mx_state": "mx_states.csv",
    "ca_prov": "ca_provinces.csv",
    "mode": "modes.csv",
    "commodity": "commodities.csv",
    "country": "countries.csv",
    "trade_type": "trade_types.csv",
}

#: ports missing from ``ports.csv`` taken from the newer BTS code workbook (data/codes/SOURCES.md)
_PORTS_NEWER = "ports_newer.csv"

#: ISO-ish shorthands accepted for the two TransBorder partner countries.
COUNTRY_ISO = {"MX": "2010", "CA": "1220"}
COUNTRY_TO_ISO = {v: k for k, v in COUNTRY_ISO.items()}

_PORT_RE = re.compile(r"^\d{2}(\d{2}|XX)$")


class UnknownCodeError(ValueError):
    """A code or name given by the user matches nothing in the code table."""


#: BTS TransBorder table -> the small id the store keeps per row (one home for it)
SRC_ID = {"DOT1": 1, "DOT2": 2, "DOT3": 3}
SRC_NAME = {v: k for k, v in SRC_ID.items()}


def bundled_data_dir() -> Path:
    """The directory holding ``codes/`` and ``store/`` (override: ``FRONTERA_DATA_DIR``)."""
    return data_dir()


def bundled_freight_files(store_dir: str | Path) -> list[str]:
    """The bundled raw freight rows in ``store_dir``: one Parquet file per BTS table
    (``freight-DOT1.parquet``, ...), each under the repository's 20 MB file limit."""
    return [str(p) for p in sorted(Path(store_dir).glob("freight-*.parquet"))]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@dataclass(frozen=True)
class CodeEntry:
    code: str
    name: str
    extra: dict


class CodeTables:
    """All code tables from one ``codes`` directory (cheap; load once via :func:`code_tables`)."""

    def __init__(self, codes_dir: Path | None = None):
        self.codes_dir = Path(codes_dir) if codes_dir else bundled_data_dir() / "codes"
        self._tables: dict[str, dict[str, CodeEntry]] = {}
        for dim, fname in _FILES.items():
            path = self.codes_dir / fname
            if not path.exists():
                raise FileNotFoundError(
                    f"Bundled code table {path} is missing; run data/build_store.py to create it."
                )
            table = {}
            for row in _read_csv(path):
                code = row.pop("code")
                nm = row.pop("name")
                table[code] = CodeEntry(code, nm, row)
            self._tables[dim] = table
        # port codes BTS added after the bundled code table (e.g. 2401 Ysleta, from March 2020),
        # from the newer BTS code workbook: known before anything is called unknown
        # (``is_known`` stays about the bundled table, so imports still note such codes)
        self._newer_ports: dict[str, CodeEntry] = {}
        newer = self.codes_dir / _PORTS_NEWER
        if newer.exists():
            for row in _read_csv(newer):
                code = row.pop("code")
                nm = row.pop("name")
                if code and code not in self._tables["port"]:
                    self._newer_ports[code] = CodeEntry(code, nm, row)

    # -- lookups ------------------------------------------------------------------------
    def codes(self, dim: str) -> list[str]:
        return list(self._table(dim))

    def names(self, dim: str) -> dict[str, str]:
        return {c: e.name for c, e in self._table(dim).items()}

    def is_known(self, dim: str, code: str) -> bool:
        return code in self._table(dim)

    def name(self, dim: str, code) -> str:
        """Human name for a code; never raises (unlisted codes get a descriptive fallback)."""
        if code is None or (isinstance(code, float) and code != code):
            return _NULL_NAMES.get(dim, "(none)")
        code = self.normalise(dim, code)
        entry = self._table(dim).get(code)
        if entry is not None:
            return entry.name
        if dim == "port" and code in self._newer_ports:
            return self._newer_ports[code].name
        if dim == "port" and _PORT_RE.match(code):
            district = self._table("port").get(code[:2] + "XX")
            if code.endswith("XX"):
                return f"District {code} (not in the BTS code table)"
            if district is not None:
                return f"Port {code} ({district.name} district; not in the BTS code table)"
            return f"Port {code} (not in the BTS code table)"
        return f"{code} (unknown code)"

    def canonical_mx_state(self, code: str) -> str:
        entry = self._table("mx_state").get(code)
        return (entry.extra.get("canonical") or code) if entry else code

    def mx_state_aliases(self, code: str) -> list[str]:
        """All stored codes that mean the same state (``BC`` -> ``BC``, ``BN``)."""
        canon = self.canonical_mx_state(code)
        return [c for c in self._table("mx_state") if self.canonical_mx_state(c) == canon]

    def port_district(self, code: str) -> str:
        return code[:2] + "XX"

    def is_district(self, code: str) -> bool:
        return code.endswith("XX")

    def mode_slug(self, code: str) -> str:
        e = self._table("mode").get(code)
        return e.extra.get("slug", code) if e else code

    def trade_type_slug(self, code: str) -> str:
        e = self._table("trade_type").get(code)
        return e.extra.get("slug", code) if e else code

    @staticmethod
    def normalise(dim: str, code) -> str:
        code = str(code).strip().upper()
        if dim == "commodity" and code.isdigit() and len(code) == 1:
            code = "0" + code
        if dim == "port" and code.isdigit() and len(code) < 4:
            code = code.zfill(4)
        if dim == "mode" and code.isdigit():
            code = str(int(code))
        return code

    def resolve(self, dim: str, text) -> str:
        """Accept a code, slug or name (case-insensitive) and return the code.

        ``resolve('mode', 'truck') == '5'``, ``resolve('country', 'MX') == '2010'``,
        ``resolve('port', 'Laredo, TX') == '2304'`` (exact name; ports prefer non-district).
        Raises :class:`UnknownCodeError` with a one-sentence message otherwise.
        """
        raw = str(text).strip()
        code = self.normalise(dim, raw)
        table = self._table(dim)
        if dim == "country" and code in COUNTRY_ISO:
            return COUNTRY_ISO[code]
        if code in table:
            return code
        if dim == "port" and _PORT_RE.match(code):
            return code  # unlisted but well-formed port codes occur in real data (e.g. 2401)
        low = raw.lower()
        hits = [
            e.code
            for e in (list(table.values()) + list(self._newer_ports.values()) if dim == "port" else table.values())
            if e.name.lower() == low or e.extra.get("slug", "").lower() == low
            or e.extra.get("name_bts", "").lower() == low
        ]
        if dim == "port" and len(hits) > 1:
            hits = [h for h in hits if not h.endswith("XX")] or hits
        if hits:
            return hits[0]
        if dim == "country":
            hint = " (use MX, CA or a BTS country code)"
        elif dim in ("mode", "trade_type"):
            hint = " (one of: " + ", ".join(
                sorted(e.extra.get("slug", e.code) for e in table.values())) + ")"
        else:
            hint = ""
        raise UnknownCodeError(f"Unknown {dim.replace('_', ' ')} {raw!r}{hint}.")

    def frame(self, dim: str):
        """The table as a pandas DataFrame (``code``, ``name`` and extra columns)."""
        import pandas as pd

        rows = [{"code": e.code, "name": e.name, **e.extra} for e in self._table(dim).values()]
        return pd.DataFrame(rows)

    def _table(self, dim: str) -> dict[str, CodeEntry]:
        try:
            return self._tables[dim]
        except KeyError:
            raise ValueError(f"Unknown code dimension {dim!r}; one of {', '.join(DIMENSIONS)}") from None


_NULL_NAMES = {
    "mx_state": "Not recorded",
    "us_state": "Not recorded",
    "ca_prov": "Not recorded",
    "port": "Not recorded",
    "commodity": "Not recorded",
}


@functools.lru_cache(maxsize=4)
def _cached(codes_dir: str) -> CodeTables:
    return CodeTables(Path(codes_dir))


def code_tables(codes_dir: Path | str | None = None) -> CodeTables:
    """Shared, cached :class:`CodeTables` for the bundled (or given) codes directory."""
    return _cached(str(Path(codes_dir) if codes_dir else bundled_data_dir() / "codes"))


def name(dim: str, code) -> str:
    return code_tables().name(dim, code)


def names(dim: str) -> dict[str, str]:
    return code_tables().names(dim)


def resolve(dim: str, text) -> str:
    return code_tables().resolve(dim, text)
