"""The bundled code tables and default store (data/codes, data/store) and their build script."""

from __future__ import annotations

import json


from geo.data.codes import CodeTables, bundled_data_dir, code_tables

from tests.conftest_store import DOT1_2015, REPO, SHARED, files_2020, files_2021, raw_sum, requires_shared


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
    assert size < 5_000_000
    by = manifest["tables"]["freight"]["by_source"]
    assert by["DOT1"]["first"] == by["DOT1"]["last"] == 201501
    assert by["DOT3"]["first"] == 201501 and by["DOT3"]["last"] == 202112
    assert manifest["tables"]["crossings"]["first"] == 199601
    assert (bundled_data_dir() / "codes" / "SOURCES.md").exists()


@requires_shared
def test_bundle_matches_raw_sums():
    by = json.loads((bundled_data_dir() / "store" / "manifest.json").read_text())["tables"]["freight"]["by_source"]
    assert by["DOT1"]["value_sum"] == raw_sum(DOT1_2015)
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
    assert summary["bytes_written"] < 5_000_000
    ct = CodeTables(out / "codes")
    assert ct.name("mx_state", "NA") == "Nayarit"
    assert (out / "store" / "freight.parquet").exists() and not list((out / "store").glob("*.tmp"))
    new = json.loads((out / "store" / "manifest.json").read_text())["tables"]
    old = json.loads((bundled_data_dir() / "store" / "manifest.json").read_text())["tables"]
    assert new["freight"]["by_source"] == old["freight"]["by_source"]   # reproducible
