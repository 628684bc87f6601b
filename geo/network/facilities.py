"""Importing the company's facilities: a table (:mod:`geo.network.tables`) with its columns
mapped to fields, each row checked and placed by its coordinates or found by its place.

Every row ends in one of four states, and every problem is an :class:`~geo.imports.report.Issue`
with its line: ``placed`` (the file's coordinates), ``geocoded`` (its city/state/country found
in the gazetteer, with a confidence), ``review`` (its place is unknown or ambiguous: the user
picks a candidate or clicks the map, :meth:`FacilityImport.pick`, :meth:`FacilityImport.place_at`)
or ``rejected`` (the reason says why: coordinates out of range, latitude and longitude swapped,
a Mexican site with positive longitude, 0°0'0", a duplicate id...). Nothing is dropped silently,
nothing is guessed: a longitude is made negative only when its column says west
(``LONGITUD OESTE``).
"""
from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from geo.core.files import atomic_write
from geo.data.places import ACCEPT_AT, MARGIN, SAME_PLACE_KM, PlaceCandidate, Places, fold, in_north_america
from geo.imports.report import Issue, issue
from geo.network.coords import CoordinateError, parse_coordinate
from geo.network.model import Facility, no_gc
from geo.network.regions import distance_km, locate
from geo.network.tables import RawTable, TableError, detect_mapping, read_table

__all__ = ["FIELDS", "SYNONYMS", "FacilityImport", "RowResult", "import_facilities", "parse_number",
           "check_mapping", "MEXICO_LONLAT"]

FIELDS = ("id", "name", "type", "tier", "lat", "lon", "city", "state", "country")
#: folded header names of each field, most specific first (Spanish headers of RETC and SAT files)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "facility id", "site id", "supplier id", "code", "codigo", "clave", "nra", "rfc"),
    "name": ("name", "facility name", "site name", "supplier", "nombre", "razon social", "establecimiento",
             "facility", "site"),
    "type": ("type", "facility type", "role", "kind", "tipo", "category", "categoria"),
    "tier": ("tier", "nivel"),
    "lat": ("lat", "latitude", "latitud", "latitud norte", "lat dd", "y", "geometry lat"),
    "lon": ("lon", "lng", "long", "longitude", "longitud", "longitud oeste", "lon dd", "x", "geometry lon"),
    "city": ("city", "municipio", "municipality", "ciudad", "town", "localidad", "locality"),
    "state": ("state", "estado", "province", "provincia", "entidad", "entidad federativa", "state province"),
    "country": ("country", "pais", "country code"),
}
#: numeric attributes recognised by name (more by ``--map COLUMN=attr:NAME``)
ATTRIBUTES = {"spend": ("spend", "annual spend", "gasto"), "volume": ("volume", "volumen", "annual volume"),
              "headcount": ("headcount", "employees", "empleados", "personal ocupado")}
#: (west, south, east, north): Mexico's box, to tell a Mexican site written with a positive longitude
MEXICO_LONLAT = (-118.5, 14.4, -86.6, 32.8)
#: a site this close to the state its row names lies in it (the bundled state outlines are generalised)
WRITTEN_STATE_KM = 25.0
_TYPE_WORDS = {"supplier": ("supplier", "proveedor", "vendor"), "plant": ("plant", "planta", "factory", "fabrica"),
               "warehouse": ("warehouse", "almacen", "bodega", "dc", "distribution center", "cedis"),
               "customer": ("customer", "cliente")}
_COUNTRY = {"us": "US", "usa": "US", "united states": "US", "estados unidos": "US", "eua": "US", "eeuu": "US",
            "mx": "MX", "mex": "MX", "mexico": "MX", "ca": "CA", "can": "CA", "canada": "CA"}


@dataclass
class RowResult:
    """What became of one row."""

    line: int
    id: str
    status: str                                   # placed | geocoded | review | rejected
    issues: list[Issue] = field(default_factory=list)
    query: str = ""                               # the place text looked up
    candidates: tuple[PlaceCandidate, ...] = ()   # for review: the places it may be


def parse_number(text: str) -> float:
    """A number as people write it: ``1,234.5``, ``1.234,5``, ``$ 12 000``, ``3.5%``; raises ValueError."""
    try:
        v = float(text)
        if v == v and v not in (float("inf"), float("-inf")):
            return v
    except ValueError:
        pass
    t = str(text).strip().replace("$", "").replace("\u00a0", "").replace(" ", "").rstrip("%")
    if t.count(",") and t.count("."):
        t = t.replace(".", "").replace(",", ".") if t.rfind(",") > t.rfind(".") else t.replace(",", "")
    elif t.count(",") == 1 and len(t.split(",")[1]) != 3:
        t = t.replace(",", ".")
    else:
        t = t.replace(",", "")
    v = float(t)
    if v != v or v in (float("inf"), float("-inf")):
        raise ValueError(text)
    return v


@functools.lru_cache(maxsize=4096)
def _facility_type(text: str) -> str:
    f = fold(text)
    for t, words in _TYPE_WORDS.items():
        if f in words:
            return t
    return f   # the user's own type, kept


@dataclass
class FacilityImport:
    """The outcome of importing a facility file, before it is applied to the network."""

    source: str
    mapping: dict[str, str]                        # column -> field
    facilities: dict[str, Facility] = field(default_factory=dict)   # placed + geocoded (+ resolved)
    pending: dict[str, Facility] = field(default_factory=dict)      # in review: not yet placed
    rows: list[RowResult] = field(default_factory=list)
    notices: list[Issue] = field(default_factory=list)
    resolved: dict[str, Facility] = field(default_factory=dict)     # review rows the user placed or picked:
    #                                                                 # their facility as it was in review

    def counts(self) -> dict[str, int]:
        out = {"placed": 0, "geocoded": 0, "review": 0, "rejected": 0}
        for r in self.rows:
            out[r.status] += 1
        return out

    @property
    def review(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "review"]

    @property
    def rejected(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "rejected"]

    def _row(self, fid: str) -> RowResult:
        """The review row ``fid``: still in review, or one the user already resolved (a
        second click or pick moves it again)."""
        for r in self.rows:
            if r.id == fid and (r.status == "review" or fid in self.resolved):
                return r
        raise KeyError(fid)

    def pick(self, fid: str, candidate: PlaceCandidate | int) -> Facility:
        """Resolve a review row with one of its candidates (or any place)."""
        row = self._row(fid)
        c = row.candidates[candidate] if isinstance(candidate, int) else candidate
        return self._resolve(row, c.lon, c.lat, "picked", 1.0, c.country, c.state)

    def place_at(self, fid: str, lon: float, lat: float) -> Facility:
        """Set a review row's coordinates to a point the user clicked on the map (WGS84
        degrees): the row is placed (``located="map"``, a manual position), in the country
        and state the point lies in. A row already resolved is moved."""
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise ValueError(f"not a position: {lon}, {lat}")
        row = self._row(fid)
        (country,), (state,) = locate([lon], [lat])
        return self._resolve(row, lon, lat, "map", 1.0, country, state)

    def unresolve(self, fid: str) -> None:
        """Back to review: the user took back a pick or a placement."""
        if fid not in self.resolved:
            return
        row = self._row(fid)
        self.facilities.pop(fid)
        self.pending[fid] = self.resolved.pop(fid)
        row.status = "review"

    def _resolve(self, row: RowResult, lon, lat, how, conf, country, state) -> Facility:
        if row.id in self.pending:
            self.resolved[row.id] = self.pending.pop(row.id)
        f = replace(self.resolved[row.id], lon=float(lon), lat=float(lat), located=how, confidence=conf,
                    country=country, state=state)
        self.facilities[f.id] = f
        row.status = "geocoded"
        return f

    def report_rows(self) -> list[dict]:
        """One dict per row and notice, for the row report."""
        out = [{"line": n.line or "", "id": "", "status": "notice", "reason": n.reason, "candidates": ""}
               for n in self.notices]
        for r in self.rows:
            cands = "; ".join(f"{c.name} ({c.confidence:.2f})" for c in r.candidates[:5])
            reasons = " / ".join(i.reason for i in r.issues)
            out.append({"line": r.line, "id": r.id, "status": r.status, "reason": reasons, "candidates": cands})
        return out

    def write_report(self, path: str | Path) -> Path:
        """The row report as CSV (see :func:`write_row_report`)."""
        return write_row_report(path, self.report_rows())


def write_row_report(path: str | Path, rows: list[dict]) -> Path:
    """A facility import's row report (``line, id, status, reason, candidates``) as CSV,
    atomically (temp file in the same folder, fsync, rename)."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, ["line", "id", "status", "reason", "candidates"])
            w.writeheader()
            w.writerows(rows)

    return atomic_write(path, write)


def check_mapping(columns, mapping: Mapping[str, str], source: str) -> None:
    """Raise :class:`TableError` for a ``--map`` naming an absent column or an unknown field."""
    from geo.core.messages import msg

    for col, fld in mapping.items():
        if col not in columns:
            raise TableError(msg("import.network.unknown_column", "error", column=col, file=source,
                                 columns=", ".join(columns)))
        if fld not in FIELDS and not fld.startswith("attr") and fld != "ignore":
            raise TableError(msg("import.network.unknown_field", "error", column=col, field=fld))


def _header_words() -> list[str]:
    return [w for ws in SYNONYMS.values() for w in ws if len(w) > 2]


def import_facilities(source: str | Path | RawTable, mapping: Mapping[str, str] | None = None, *,
                      gazetteer: Places | None = None,
                      progress: Callable[[int, int], bool | None] | None = None) -> FacilityImport:
    """Read, check, place and geocode the facilities of ``source``. ``mapping`` (column ->
    field, ``attr:NAME`` for a numeric attribute, ``ignore``) overrides the detected one.
    ``progress(done, total)`` returning False cancels (:class:`~geo.imports.report.ImportCancelled`)."""
    with no_gc():
        return _import_facilities(source, mapping, gazetteer, progress)


def _import_facilities(source, mapping, gazetteer, progress) -> FacilityImport:
    from geo.imports.report import ImportCancelled

    table = source if isinstance(source, RawTable) else read_table(source, header_words=_header_words())
    detected = detect_mapping(table.columns, SYNONYMS)
    for name, words in ATTRIBUTES.items():
        for c in table.columns:
            if c not in detected and fold(c) in words:
                detected[c] = f"attr:{name}"
    if mapping:
        check_mapping(table.columns, mapping, table.source)
        detected = {c: f for c, f in detected.items() if f not in set(mapping.values()) and c not in mapping}
        detected.update(mapping)
    mapping_ = {c: f for c, f in detected.items() if f != "ignore"}
    out = FacilityImport(table.source, mapping_, notices=list(table.notices))
    col = {f: table.columns.index(c) for c, f in mapping_.items() if not f.startswith("attr")}
    attrs = [(table.columns.index(c), c, (f.split(":", 1)[1] if ":" in f else fold(c).replace(" ", "_")))
             for c, f in mapping_.items() if f.startswith("attr")]
    west = "lon" in col and any(w in fold(table.columns[col["lon"]]).split() for w in ("oeste", "west", "w"))
    south = "lat" in col and any(w in fold(table.columns[col["lat"]]).split() for w in ("sur", "south", "s"))
    if "id" not in col:
        out.notices.append(issue("network.generated_ids", table.source, None))
    src = table.source
    seen: dict[str, int] = {}
    to_locate: list[int] = []
    to_geocode: list[tuple[RowResult, Facility, str, str, str]] = []
    built: list[Facility | None] = []

    def cell(r: list[str], fld: str) -> str:
        i = col.get(fld)
        return r[i].strip() if i is not None and i < len(r) else ""

    total = len(table.rows)
    for k, (r, line) in enumerate(zip(table.rows, table.lines)):
        if progress is not None and k % 2000 == 0 and progress(k, total) is False:
            raise ImportCancelled()
        fid = cell(r, "id") if "id" in col else f"L{line}"
        row = RowResult(line, fid, "rejected")
        out.rows.append(row)
        built.append(None)
        if not fid:
            row.issues.append(issue("network.no_id", src, line))
            continue
        if fid in seen:
            row.issues.append(issue("network.duplicate_id", src, line, id=fid, first=seen[fid]))
            continue
        seen[fid] = line
        tier = None
        if cell(r, "tier"):
            try:
                tier = int(parse_number(cell(r, "tier")))
            except ValueError:
                row.issues.append(issue("network.not_number", src, line, column=table.columns[col["tier"]],
                                        value=cell(r, "tier")))
        values: list[tuple[str, float | None]] = []
        for i, cname, aname in attrs:
            v = r[i].strip() if i < len(r) else ""
            if not v:
                values.append((aname, None))
                continue
            try:
                values.append((aname, parse_number(v)))
            except ValueError:
                values.append((aname, None))
                row.issues.append(issue("network.not_number", src, line, column=cname, value=v))
        country_text = cell(r, "country")
        country = _country(country_text) if country_text else ""
        ftype = cell(r, "type")
        fields: dict[str, Any] = dict(id=fid, name=cell(r, "name"), type=_facility_type(ftype) if ftype else "",
                                      tier=tier, city=cell(r, "city"), state=cell(r, "state"), country=country,
                                      attrs=tuple(values))
        fac = Facility(**fields)
        lat_t, lon_t = cell(r, "lat"), cell(r, "lon")
        if lat_t or lon_t:
            if not (lat_t and lon_t):
                row.issues.append(issue("network.half_coords", src, line))
                continue
            try:
                lat = parse_coordinate(lat_t)
                lon = parse_coordinate(lon_t)
            except CoordinateError as exc:
                row.issues.append(issue("network.coord_bad", src, line, detail=str(exc)))
                continue
            if west and lon > 0:
                lon = -lon
            if south and lat > 0:
                lat = -lat
            problem = _check_point(lon, lat, fac, src, line, lat_t, lon_t)
            if problem is not None:
                row.issues.append(problem)
                continue
            built[-1] = Facility(**fields, lon=lon, lat=lat)
            row.status = "placed"
            to_locate.append(k)
        elif fac.city or fac.state:
            to_geocode.append((row, fac, fac.city, fac.state, country))
            row.status = "review"
        else:
            row.issues.append(issue("network.no_location", src, line))
    # the country and state of every placed site: the state the row names, when it lies within
    # WRITTEN_STATE_KM of it (the bundled polygons are generalised along the border), else the
    # state polygon it lies in
    if to_locate:
        from geo.data.places import STATE_KINDS, places

        pl = places()
        kinds = {v: k for k, v in STATE_KINDS.items()}
        named: dict[str, tuple[str, str] | None] = {}
        cs, ss = locate([built[k].lon for k in to_locate], [built[k].lat for k in to_locate])  # type: ignore
        for k, c, s in zip(to_locate, cs, ss):
            f = built[k]
            assert f is not None and f.lon is not None and f.lat is not None
            if f.state and f.state not in named:
                res = pl.resolve(f.state)
                named[f.state] = (kinds[res.place.kind], res.place.code) if res.place is not None and \
                    res.place.kind in kinds else None
            written = named.get(f.state) if f.state else None
            if written is not None and (not f.country or f.country == written[0]) and (written != (c, s)):
                d = distance_km(f.lon, f.lat, *written)
                if d is not None and d <= WRITTEN_STATE_KM:
                    c, s = written
                else:
                    out.rows[k].issues.append(issue("network.state_differs", src, out.rows[k].line,
                                                    written=f.state, km=int(d or 0),
                                                    found=s or "no state: open water or abroad"))
            elif f.country and c and f.country != c:
                out.rows[k].issues.append(issue("network.country_differs", src, out.rows[k].line,
                                                written=f.country, found=c))
            if not c and written is not None:      # offshore, beyond the outlines: the state it names
                c, s = written
            f = replace(f, country=c or f.country, state=s)
            out.facilities[f.id] = f
    if to_geocode:
        _geocode(out, to_geocode, gazetteer, progress)
    return out


@functools.lru_cache(maxsize=256)
def _country(text: str) -> str:
    return _COUNTRY.get(fold(text), text.upper() if len(text) == 2 else "")


def _check_point(lon: float, lat: float, fac: Facility, src: str, line: int, lat_t: str, lon_t: str) -> Issue | None:
    if lon == 0 and lat == 0:
        return issue("network.zero", src, line, lat=lat_t, lon=lon_t)
    w, s, e, n = MEXICO_LONLAT
    mexican = fac.country == "MX" or (not fac.country and w <= -lon <= e and s <= lat <= n)
    if lon > 0 and mexican and s <= lat <= n:
        return issue("network.mx_positive", src, line, lon=lon_t)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if -90 <= lon <= 90 and -180 <= lat <= 180 and in_north_america(lat, lon):
            return issue("network.swapped", src, line, lat=lat_t, lon=lon_t)
        return issue("network.out_of_range", src, line, lat=lat_t, lon=lon_t)
    if not in_north_america(lon, lat):
        if in_north_america(lat, lon):
            return issue("network.swapped", src, line, lat=lat_t, lon=lon_t)
        return issue("network.outside", src, line, lat=lat_t, lon=lon_t)
    return None


def _geocode(out: FacilityImport, todo, gazetteer: Places | None, progress) -> None:
    from geo.data.places import gazetteer as bundled_gazetteer
    from geo.imports.report import ImportCancelled

    g = gazetteer if gazetteer is not None else bundled_gazetteer()
    cache: dict[tuple[str, str, str], tuple[str, tuple[PlaceCandidate, ...]]] = {}
    for k, (row, fac, city, state, country) in enumerate(todo):
        if progress is not None and k % 500 == 0 and progress(k, len(todo)) is False:
            raise ImportCancelled()
        key = (fold(city), fold(state), country)
        if key not in cache:
            cache[key] = _find(g, city, state, country)
        status, cands = cache[key]
        text = ", ".join(x for x in (city, state, country) if x)
        row.query = text
        row.candidates = cands
        if status == "ok":
            c = cands[0]
            f = replace(fac, lon=c.lon, lat=c.lat, located="geocoded", confidence=round(c.confidence, 3),
                        country=c.country, state=c.state)
            out.facilities[f.id] = f
            row.status = "geocoded"
        else:
            out.pending[fac.id] = fac
            row.status = "review"
            if cands:
                row.issues.append(issue("network.place_ambiguous", out.source, row.line, place=text,
                                        candidates_list=[c.name for c in cands[:4]]))
            else:
                row.issues.append(issue("network.place_unknown", out.source, row.line, place=text))


def _find(g: Places, city: str, state: str, country: str) -> tuple[str, tuple[PlaceCandidate, ...]]:
    """("ok", (place, ...)) or ("review", candidates best first)."""
    kinds = {"city"} if city else {"us_state", "mx_state", "ca_prov"}
    text = f"{city}, {state}" if city and state else (city or state)

    def keep(cs):
        return tuple(c for c in cs if c.kind in kinds and (not country or c.country == country))

    res = g.resolve(text)
    if res.place is not None and res.place.kind in kinds and (not country or res.place.country == country):
        return "ok", (res.place,) + keep(res.others)
    cands = keep(res.candidates)
    if not cands:
        return "review", keep(g.fuzzy(text))
    # the resolver's rule among the places of the wanted kind (a port or a state named like the
    # city, or a country that rules out a namesake, no longer stands in the way)
    best = cands[0]
    rivals = [c for c in cands[1:] if _km(c, best) > SAME_PLACE_KM and c.confidence > best.confidence - MARGIN - 1e-9]
    if best.confidence >= ACCEPT_AT - 1e-9 and not rivals:
        return "ok", cands
    return "review", cands


def _km(a: PlaceCandidate, b: PlaceCandidate) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
