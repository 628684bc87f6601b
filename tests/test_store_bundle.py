"""The bundled code tables and default store (data/codes, data/store) and their build script."""

from __future__ import annotations

import json

from geo.data.codes import CodeTables, bundled_data_dir, code_tables
from tests.conftest_store import (
    DOT1_2015,
    DOT2_2015,
    RAW,
    REPO,
    SHARED,
    files_2020,
    files_2021,
    raw_sum,
    requires_shared,
)

#: data/codes + data/store stay within the ~30 MB the whole data/ folder may take (the DOT1
#: months 2020-2024 and the DOT2 months from 2023-01 are ~27 MB; see DOT2_FROM in build_store.py)
BUNDLE_BUDGET = 30_000_000


def test_code_tables_names():
    ct = code_tables()
    assert ct.name("mx_state", "NA") == "Nayarit"          # not a missing value
    assert ct.name("mx_state", "XX").startswith("Unknown")
    assert ct.canonical_mx_state("BN") == "BC" and set(ct.mx_state_aliases("BC")) == {"BC", "BN"}
    assert ct.name("port", "2304") == "Laredo, TX"
    assert ct.name("port", "23XX") == "Laredo, TX" and ct.is_district("23XX")
    assert "El Paso" in ct.name("port", "2401")               # real but unlisted code
    assert ct.name("us_state", "TX") == "Texas" and ct.name("us_state", "DU") == "Unknown"
    assert ct.name("mode", "5") == "Truck" and ct.resolve("mode", "truck") == "5"
    assert ct.name("commodity", "87").startswith("Vehicles")
    assert ct.name("country", "2010") == "Mexico" and ct.resolve("country", "CA") == "1220"
    assert ct.name("trade_type", "1") == "Export"
    assert ct.name("ca_prov", "XM") == "Manitoba"
    assert ct.name("mx_state", None) == "Not recorded"
    assert ct.resolve("port", "Laredo, TX") == "2304"


def test_bundle_is_small_and_consistent():
    store_dir = bundled_data_dir() / "store"
    manifest = json.loads((store_dir / "manifest.json").read_text())
    size = sum(p.stat().st_size for d in ("store", "codes") for p in (bundled_data_dir() / d).iterdir())
    assert size < BUNDLE_BUDGET
    by = manifest["tables"]["freight"]["by_source"]
    assert (by["DOT1"]["first"], by["DOT1"]["last"], by["DOT1"]["months"]) == (201501, 202409, 55)
    assert (by["DOT2"]["first"], by["DOT2"]["last"], by["DOT2"]["months"]) == (201501, 202412, 25)
    assert (by["DOT3"]["first"], by["DOT3"]["last"], by["DOT3"]["months"]) == (201501, 202112, 22)
    cov = manifest["coverage"]
    assert cov["DOT1"]["months"] == ["2015-01", "2020-01..2020-09", "2021-01..2024-09"]
    assert cov["DOT1"]["months_per_year"]["2020"] == cov["DOT1"]["months_per_year"]["2024"] == 9
    assert cov["DOT2"]["months"] == ["2015-01", "2023-01..2024-12"]
    assert manifest["tables"]["crossings"]["first"] == 199601
    assert (bundled_data_dir() / "codes" / "SOURCES.md").exists()


@requires_shared
def test_bundle_matches_raw_sums():
    by = json.loads((bundled_data_dir() / "store" / "manifest.json").read_text())["tables"]["freight"]["by_source"]
    from geo.data.summaries import raw_monthly_totals

    zips = raw_monthly_totals(RAW / "dot1_dot2", tables=("DOT1", "DOT2"))
    dot1 = zips[zips["bts_table"] == "DOT1"]
    dot2 = zips[(zips["bts_table"] == "DOT2") & (zips["year_month"] >= 202301)]
    assert by["DOT1"]["value_sum"] == raw_sum(DOT1_2015) + int(dot1["value"].sum())
    assert by["DOT1"]["rows"] == 26_171 + int(dot1["records"].sum())
    assert by["DOT2"]["value_sum"] == raw_sum(DOT2_2015) + int(dot2["value"].sum())
    assert by["DOT2"]["rows"] == 70_973 + int(dot2["records"].sum())
    assert by["DOT3"]["value_sum"] == raw_sum(files_2020() + files_2021()) + raw_sum(
        DOT1_2015.parent / "dot3_0115.csv")


@requires_shared
def test_build_script_writes_codes_and_store(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_store", REPO / "data" / "build_store.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "data"
    summary = mod.build(SHARED, out)
    assert summary["import"]["rows_rejected"] == 0
    assert summary["bytes_written"] < BUNDLE_BUDGET
    ct = CodeTables(out / "codes")
    assert ct.name("mx_state", "NA") == "Nayarit"
    assert len(list((out / "store").glob("freight-*.parquet"))) == 3 and not list((out / "store").glob("*.tmp"))
    new = json.loads((out / "store" / "manifest.json").read_text())["tables"]
    old = json.loads((bundled_data_dir() / "store" / "manifest.json").read_text())["tables"]
    assert new["freight"]["by_source"] == old["freight"]["by_source"]   # reproducible
