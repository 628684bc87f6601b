"""Border Crossing/Entry imports: the real 10-column file and the older 7/8-column layouts."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import datetime

import pytest

from geo.imports import sniff
from tests.conftest_store import CROSSING_CSV, empty_store, requires_shared

pytestmark = requires_shared
_fixtures = (empty_store,)


def _raw():
    with open(CROSSING_CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def raw():
    return _raw()


def test_real_file_totals_match_raw(empty_store, raw):
    s = sniff(CROSSING_CSV)
    assert s.kind == "CROSSINGS" and s.variant == "10-column"
    report = empty_store.import_files([CROSSING_CSV], write_report=False)
    # 10 exact duplicate lines (June 2019) count once; port 2606 Feb 2021 Bus Passengers has
    # two values (0 and 2175): the larger is kept (see test_import_safety.py)
    assert len(raw) == 399_406 and report.rows_loaded == 399_395
    assert sorted(i.code for i in report.issues) == ["row.conflict"] + ["row.duplicate"] * 10
    best = {}
    for r in raw:
        k = (r["Port Code"], r["Date"], r["Measure"])
        best[k] = max(best.get(k, (0, ""))[0], int(r["Value"])), r["Border"]
    by_border = defaultdict(int)
    for v, border in best.values():
        by_border[border] += v
    for border, key in (("US-Mexico Border", "mexico"), ("US-Canada Border", "canada")):
        df = empty_store.crossings(by=["port"], border=key)
        assert int(df["value"].sum()) == by_border[border]
    mx = empty_store.crossings(by=["port"], border="mexico")
    assert len(mx) == 28 and all(len(c) == 4 for c in mx["port_code"])   # zero-padded text codes
    laredo = mx.set_index("port_code").loc["2304"]
    assert laredo["port_name"] == "Laredo" and abs(laredo["longitude"] + 99.5) < 0.1
    # by port x measure x month for one port
    want = defaultdict(int)
    for r in raw:
        if r["Port Code"] == "2304" and r["Measure"] == "Trucks" and r["Date"].endswith("2024"):
            want[int(datetime.strptime(r["Date"], "%b %Y").strftime("%Y%m"))] += int(r["Value"])
    got = empty_store.crossings(port_codes=["2304"], measures=["trucks"], period=("2024-01", "2024-12"),
                                by=["month"])
    assert dict(zip(got["year_month"], got["value"])) == dict(want)
    canada_port = empty_store.crossings(port_codes=["0104"], by=["port"])
    assert canada_port["port_code"].tolist() == ["0104"]
    # re-import: the same file again does nothing, and says so
    again = empty_store.import_files([CROSSING_CSV], write_report=False)
    assert again.nothing_to_do and "already imported" in again.summary()
    assert empty_store.stats()["crossing_rows"] == len(best)


def _old_layouts(raw, tmp_path):
    """Rewrite some real rows in the older 7- and 8-column layouts (old date format)."""
    sample = [r for r in raw if r["Border"] == "US-Mexico Border"][:3000]
    p7, p8 = tmp_path / "old7.csv", tmp_path / "old8.csv"
    with open(p7, "w", newline="") as f7, open(p8, "w", newline="") as f8:
        w7, w8 = csv.writer(f7), csv.writer(f8)
        base = ["Port Name", "State", "Port Code", "Border", "Date", "Measure", "Value"]
        w7.writerow(base)
        w8.writerow(base + ["Location"])
        for r in sample:
            d = datetime.strptime(r["Date"], "%b %Y").strftime("%m/%d/%Y 12:00:00 AM")
            row = [r["Port Name"], r["State"], str(int(r["Port Code"])), r["Border"], d, r["Measure"], r["Value"]]
            w7.writerow(row)
            w8.writerow(row + [r["Point"]])
    return sample, p7, p8


def test_older_layouts(empty_store, raw, tmp_path):
    sample, p7, p8 = _old_layouts(raw, tmp_path)
    assert sniff(p7).variant == "7-column" and sniff(p8).variant == "8-column"
    assert sniff(p7).date_format == "%m/%d/%Y %I:%M:%S %p"
    want = defaultdict(int)
    for r in sample:
        ym = int(datetime.strptime(r["Date"], "%b %Y").strftime("%Y%m"))
        want[(r["Port Code"], ym)] += int(r["Value"])
    rep = empty_store.import_files([p7], write_report=False)
    assert rep.rows_loaded == len(sample) and not rep.issues
    df = empty_store.crossings(by=["port", "month"])
    assert {(a, b): v for a, b, v in zip(df["port_code"], df["year_month"], df["value"])} == dict(want)
    assert df["latitude"].isna().all()                     # 7-column layout has no coordinates
    # the 8-column file has the same counts: replaces them, and brings coordinates (Location WKT)
    empty_store.import_files([p8], write_report=False)
    df8 = empty_store.crossings(by=["port", "month"])
    assert int(df8["value"].sum()) == sum(want.values())
    assert df8["latitude"].notna().all()
