"""Build data/place_anchors.csv: where the trade-flow overlay puts each state and port.

One row per
- US state (BTS USASTATE code), Mexican state (BTS MEXSTATE code, legacy DF/BN -> the same
  anchor as CDMX/BC; XX/OT unknown -> no row) and Canadian province (BTS CANPROV code):
  the anchor is the state's most populous place in Natural Earth 10m populated places
  (largest POP_MAX among places whose ISO_A2 and ADM1NAME match the state), i.e. an
  economic centre, not a geometric centroid in the desert;
- BTS port code (DEPE) that flows can pass through: every US-Mexico land port from
  data/ports_of_entry.csv, seaports matched by name to data/seaports.csv, the main cargo
  airports by IATA code in Natural Earth airports, other inland ports by city + state in
  Natural Earth populated places, and district codes (``23XX``) mapped to the district's
  main port when the code table names it. Ports that cannot be located reliably are skipped.

Columns: kind (us_state | mx_state | ca_prov | port), code, name, anchor_city, lon, lat, source.

Usage: python data/build_anchors.py [--shared ../shared/data] [--out data]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "data"

NE_PLACES = "natural_earth/ne_10m_populated_places.geojson"
NE_AIRPORTS = "natural_earth/ne_10m_airports.geojson"

COLUMNS = ["kind", "code", "name", "anchor_city", "lon", "lat", "source"]

# BTS names -> Natural Earth ADM1NAME where they differ (after accent/case folding)
_ADM1_ALIASES = {
    ("MX", "DF"): "distrito federal",
    ("MX", "MX"): "mexico",
    ("MX", "MI"): "michoacan",
    ("CA", "XW"): "newfoundland and labrador",
    ("CA", "XY"): "yukon",
    ("US", "DC"): "district of columbia",
}

# Main cargo airports among BTS port codes, by IATA code (located in NE airports).
_AIRPORT_IATA = {
    "2720": "LAX", "2721": "ONT", "2801": "SFO", "2834": "SJC", "2835": "SMF", "2881": "SMF",
    "2910": "PDX", "3029": "SEA", "3205": "HNL", "3295": "HNL", "3807": "DTW", "4701": "JFK",
    "1012": "JFK", "5206": "MIA", "5210": "FLL", "5309": "IAH", "5501": "DFW", "1305": "BWI",
    "0417": "BOS", "1108": "PHL", "2481": "BIF", "4913": "SJU", "1809": "SFB", "1822": "RSW",
}

# Seaports named differently in the BTS port table and data/seaports.csv
_SEAPORT_ALIASES = {"newwark": "newark", "segundo": "el segundo", "st. petersburg": "st petersburg",
                    "st. rose": "st rose", "port san luis harbor": "port san luis"}


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation collapsed to single spaces."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def _read_codes(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def _largest_places(shared: Path) -> dict[tuple[str, str], dict]:
    """(ISO_A2, folded ADM1NAME) -> properties of the most populous place."""
    data = json.loads((shared / NE_PLACES).read_text(encoding="utf-8"))
    best: dict[tuple[str, str], dict] = {}
    for f in data["features"]:
        p = f["properties"]
        iso = p.get("ISO_A2")
        if iso not in ("US", "MX", "CA") or not p.get("ADM1NAME"):
            continue
        key = (iso, fold(p["ADM1NAME"]))
        cur = best.get(key)
        if cur is None or (p.get("POP_MAX") or 0) > (cur.get("POP_MAX") or 0):
            best[key] = p
    return best


def _places_by_city(shared: Path) -> dict[tuple[str, str], dict]:
    """(folded city name, folded US state name) -> the most populous such place."""
    data = json.loads((shared / NE_PLACES).read_text(encoding="utf-8"))
    out: dict[tuple[str, str], dict] = {}
    for f in data["features"]:
        p = f["properties"]
        if p.get("ISO_A2") != "US":
            continue
        for nm in {p.get("NAME"), p.get("NAMEASCII"), p.get("NAMEALT")} - {None, ""}:
            key = (fold(nm), fold(p.get("ADM1NAME", "")))
            cur = out.get(key)
            if cur is None or (p.get("POP_MAX") or 0) > (cur.get("POP_MAX") or 0):
                out[key] = p
    return out


def state_rows(shared: Path, codes: Path) -> list[dict]:
    best = _largest_places(shared)
    rows = []
    tables = (("us_state", "US", "us_states.csv"), ("mx_state", "MX", "mx_states.csv"),
              ("ca_prov", "CA", "ca_provinces.csv"))
    for kind, iso, fname in tables:
        entries = _read_codes(codes / fname)
        names = {e["code"]: e["name"] for e in entries}
        for e in entries:
            code = e["code"]
            canon = e.get("canonical") or code
            if code in ("XX", "OT", "DU"):
                continue                    # unknown state: no anchor
            adm = _ADM1_ALIASES.get((iso, canon), fold(names.get(canon, e["name"])))
            p = best.get((iso, adm))
            if p is None:                   # e.g. American Samoa: not in the flows' map
                continue
            rows.append({"kind": kind, "code": code, "name": e["name"],
                         "anchor_city": p["NAME"], "lon": round(float(p["LONGITUDE"]), 5),
                         "lat": round(float(p["LATITUDE"]), 5),
                         "source": "Natural Earth 10m populated places: most populous place "
                                   f"in {p['ADM1NAME']} (POP_MAX {int(p.get('POP_MAX') or 0):,})"
                                   + (f"; legacy code, same anchor as {canon}" if canon != code else "")})
    return rows


_US_ABBR = None


def _split_city_state(name: str, us_names: dict[str, str]) -> tuple[str, str | None]:
    """'Laredo, TX' -> ('laredo', 'texas'); names without a state -> (folded, None)."""
    m = re.match(r"^(.*?)[,\s]+([A-Za-z]{2})$", name.strip())
    if m and m.group(2).upper() in us_names:
        return fold(m.group(1)), fold(us_names[m.group(2).upper()])
    return fold(name), None


def port_rows(shared: Path, repo_data: Path, codes: Path) -> list[dict]:
    ports = _read_codes(codes / "ports.csv")
    us_names = {e["code"]: e["name"] for e in _read_codes(codes / "us_states.csv")}
    land = {r["port_code"]: r for r in _read_codes(repo_data / "ports_of_entry.csv")}
    seaports = {}
    for r in _read_codes(repo_data / "seaports.csv"):
        if r["country"] == "US":
            seaports.setdefault(fold(r["name"]), r)
    airports = {}
    for f in json.loads((shared / NE_AIRPORTS).read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        if p.get("iata_code"):
            airports[p["iata_code"]] = (p, lon, lat)
    cities = _places_by_city(shared)

    located: dict[str, dict] = {}
    for e in ports:
        code, name = e["code"], e["name"]
        if e.get("is_district") == "1":
            continue
        row = None
        if code in land:
            r = land[code]
            row = (r["name"], float(r["lon"]), float(r["lat"]),
                   "data/ports_of_entry.csv (BTS Border Crossing/Entry Data; NTAD 2014)")
        elif code in _AIRPORT_IATA and _AIRPORT_IATA[code] in airports:
            p, lon, lat = airports[_AIRPORT_IATA[code]]
            row = (f"{p['name']} airport ({_AIRPORT_IATA[code]})", lon, lat,
                   "Natural Earth 10m airports, by IATA code")
        else:
            city, state = _split_city_state(name, us_names)
            city = _SEAPORT_ALIASES.get(city, city)
            if state and city in seaports and state in ("texas", "louisiana", "mississippi", "alabama",
                                                          "florida", "california", "oregon", "washington"):
                r = seaports[city]
                if r["coast"] in ("Gulf", "Pacific"):
                    row = (r["name"], float(r["lon"]), float(r["lat"]),
                           "data/seaports.csv (NGA World Port Index), matched by port name")
            if row is None and state and (city, state) in cities:
                p = cities[(city, state)]
                row = (p["NAME"], float(p["LONGITUDE"]), float(p["LATITUDE"]),
                       "Natural Earth 10m populated places: city matched by name and state")
        if row is None:
            continue
        anchor, lon, lat, src = row
        located[code] = {"kind": "port", "code": code, "name": name, "anchor_city": anchor,
                         "lon": round(lon, 5), "lat": round(lat, 5), "source": src}
    # district codes: the port in the district whose name is the district's name
    for e in ports:
        if e.get("is_district") != "1":
            continue
        code, name = e["code"], e["name"]
        members = [p for p in ports if p.get("district") == code and p.get("is_district") != "1"]
        main = next((p for p in members if fold(p["name"]) == fold(name) and p["code"] in located), None)
        if main is None:   # 'Houston-galveston, TX' -> the first-named city 'Houston, TX'
            city, state = _split_city_state(name, us_names)
            main = next((p for p in members if p["code"] in located
                         and _split_city_state(p["name"], us_names)[1] == state
                         and city.startswith(_split_city_state(p["name"], us_names)[0] + " ")), None)
        if main is None:
            continue
        base = located[main["code"]]
        located[code] = {**base, "code": code, "name": name,
                         "source": f"district {code}: its main port {main['code']} ({main['name']}); "
                                   + base["source"]}
    return [located[c] for c in sorted(located)]


def build(shared: Path = DEFAULT_SHARED, out: Path = DEFAULT_OUT) -> dict[str, int]:
    shared, out = Path(shared), Path(out)
    codes = REPO / "data" / "codes"
    rows = state_rows(shared, codes) + port_rows(shared, REPO / "data", codes)
    order = {"us_state": 0, "mx_state": 1, "ca_prov": 2, "port": 3}
    rows.sort(key=lambda r: (order[r["kind"]], r["code"]))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "lon": f"{r['lon']:.5f}", "lat": f"{r['lat']:.5f}"})
    out.mkdir(parents=True, exist_ok=True)
    target = out / "place_anchors.csv"
    fd, tmp = tempfile.mkstemp(prefix=".place_anchors.", suffix=".part", dir=out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    counts = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    return {"place_anchors.csv": len(rows), **counts}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not (args.shared / NE_PLACES).exists():
        print(f"error: {args.shared / NE_PLACES} not found (use --shared)", file=sys.stderr)
        return 2
    for k, v in build(args.shared, args.out).items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
