"""The bundled trade summaries (data/summaries, geo.data.summaries): every table names its one
source, granularity, period and dimensions; the monthly summary equals the raw BTS files to the
dollar wherever both exist; partial raw years stay visible; unknown-state codes stay their own
codes; and the port lineage table keeps El Paso + Ysleta continuous across March 2020."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.data.codes import bundled_data_dir, code_tables
from geo.data.summaries import (
    SummaryError,
    bundled_monthly_totals,
    catalogue,
    check_monthly_totals,
    lineage_group,
    lineage_series,
    port_lineage,
    raw_monthly_totals,
    read_table,
    table_info,
)

RAW = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bts" / "transborder" / "raw").resolve()


def raw_or_skip(*parts: str) -> Path:
    """A folder of the real BTS raw files, or skip saying where they were expected."""
    path = RAW.joinpath(*parts)
    if not path.is_dir() or not any(path.iterdir()):
        pytest.skip(f"the real BTS TransBorder raw files are not at {path} "
                    f"(they live in ../shared/data, next to the repository; see its README.md)")
    return path


@pytest.fixture(scope="module")
def raw_totals():
    """Monthly sums of every raw TransBorder file in ../shared/data (the DOT1/DOT2 zips of
    2020-2024, the 2020 and 2021 DOT3 folders whose files are named dot1_/dot2_, January 2015)."""
    raw_or_skip("dot1_dot2")
    return raw_monthly_totals(RAW, tables=("DOT1", "DOT2", "DOT3"))


def _codes(name: str) -> set[str]:
    with open(bundled_data_dir() / "codes" / name, newline="", encoding="utf-8") as fh:
        return {r["code"] for r in csv.DictReader(fh)}


def test_catalogue_names_source_granularity_period_and_dimensions():
    cat = catalogue()
    want = {
        "bts_us_state_year": ("BTS via UNT", "year", 1993, 2025, {"us_state", "country", "mode", "trade_type"}),
        "bts_mx_state_year": ("BTS via UNT", "year", 1993, 2025, {"mx_state", "mode"}),
        "bts_commodity_mx_state_year": ("BTS via UNT", "year", 1994, 2025, {"commodity_group", "mx_state", "mode"}),
        "bts_partner_month": ("BTS via UNT", "month", 199304, 202512, {"country", "mode", "trade_type"}),
        "bts_texas_ports_year": ("BTS via UNT", "year", 1993, 2025, {"port", "mode", "trade_type"}),
        "inegi_exports_state_year": ("INEGI", "year", 2007, 2018, {"mx_state", "subsector"}),
        "raw_dot1": ("BTS DOT1 raw", "month", 201501, 202409, {"us_state", "port", "mx_state", "can_prov"}),
        "raw_dot2": ("BTS DOT2 raw", "month", 201501, 202412, {"us_state", "commodity", "mx_state"}),
        "raw_dot3": ("BTS DOT3 raw", "month", 201501, 202112, {"port", "commodity"}),
    }
    assert set(want) <= set(cat)
    for name, (source, gran, first, last, dims) in want.items():
        info = cat[name]
        assert (info.source, info.granularity, info.first, info.last) == (source, gran, first, last), name
        assert dims <= set(info.dims) and info.measures["value"] == "USD" and info.rows > 0, name
        assert info.period_label and info.limits, name
    assert cat["bts_partner_month"].missing == () and cat["bts_partner_month"].period_label == "1993-04..2025-12"
    assert cat["raw_dot1"].period_label == "2015-01, 2020-01..2020-09, 2021-01..2024-09"
    assert cat["bts_mx_state_year"].fixed == {"country": 2010, "trade_type": 1}
    assert cat["bts_us_state_year"].holds(202406) and not cat["raw_dot1"].holds(202410)
    # the sidecar names every table's source
    text = (bundled_data_dir() / "SOURCES_trade.md").read_text(encoding="utf-8")
    for name, info in cat.items():
        if info.kind == "summary":
            assert f"## {name} ({info.source}" in text and info.source_file in text


def test_read_table_uses_the_store_codes():
    ct = code_tables()
    month = read_table("bts_partner_month")
    assert month.attrs["source"] == "BTS via UNT" and month.attrs["granularity"] == "month"
    assert set(month["country"]) == {1220, 2010} and set(month["trade_type"]) == {1, 2}
    assert {str(m) for m in month["mode"]} <= set(ct.codes("mode"))
    assert month["value"].dtype == "int64" and (month["value"] > 0).all()
    us = read_table("bts_us_state_year")
    assert set(us["us_state"]) <= set(ct.codes("us_state"))
    mx = read_table("bts_mx_state_year")
    assert set(mx["mx_state"]) <= set(ct.codes("mx_state"))
    assert {str(m) for m in mx["mode"]} <= {"4", "5", "6", "7", "8"}   # surface modes only
    groups = read_table("bts_commodity_mx_state_year")
    assert {str(g) for g in groups["commodity_group"]} <= _codes("commodity_groups.csv")
    inegi = read_table("inegi_exports_state_year", year=2018)
    assert set(inegi["year"]) == {2018} and {str(s) for s in inegi["subsector"]} <= _codes("inegi_subsectors.csv")
    assert set(inegi["mx_state"]) <= set(ct.codes("mx_state")) and "QR" in set(inegi["mx_state"])
    trucks = read_table("bts_partner_month", country=2010, mode=[5])
    assert set(trucks["mode"]) == {5} and set(trucks["country"]) == {2010} and len(trucks) == 2 * 393
    ports = read_table("bts_texas_ports_year", year=2024)
    assert {"2401", "2402", "2304"} <= set(ports["port"])
    with pytest.raises(SummaryError, match="No bundled table"):
        read_table("no_such_table")
    with pytest.raises(SummaryError, match="No bundled table"):
        table_info("us_state_trade")


def test_monthly_summary_equals_the_bundled_raw_rows():
    """Always runs: the raw months bundled in data/store against the BTS-via-UNT summary."""
    check = check_monthly_totals(bundled_monthly_totals())
    assert check.ok, check.mismatches.head(10).to_string()
    cat = catalogue()
    for t in ("DOT1", "DOT2", "DOT3"):
        assert tuple(check.months_compared[t]) == cat[f"raw_{t.lower()}"].periods


def test_monthly_summary_equals_the_raw_files_to_the_dollar(raw_totals):
    check = check_monthly_totals(raw_totals)
    assert check.ok, check.mismatches.head(10).to_string()
    assert len(check.months_compared["DOT1"]) == 1 + 9 + 45       # 2015-01, 2020-01..09, 2021-01..2024-09
    assert len(check.months_compared["DOT2"]) == 1 + 9 + 48       # ... and DOT2 through 2024-12
    assert len(check.months_compared["DOT3"]) == 1 + 9 + 12
    # DOT3 vs DOT1: the files of the 2020/2021 folders are DOT3 whatever their names say
    # (dot1_0120.csv is port x commodity); told by header they are DOT3, and a month's DOT1
    # and DOT3 totals agree cell by cell (the README's "agree to the dollar")
    d1 = raw_totals[raw_totals["bts_table"] == "DOT1"].set_index(["year_month", "country", "mode", "trade_type"])
    d3 = raw_totals[raw_totals["bts_table"] == "DOT3"].set_index(["year_month", "country", "mode", "trade_type"])
    both = d1.index.intersection(d3.index)
    assert len(both) > 500 and (d1.loc[both, "value"] == d3.loc[both, "value"]).all()
    assert (d1.loc[both, "records"] != d3.loc[both, "records"]).any()   # different tables, same totals


def test_2020_and_2024_are_partial_in_raw_and_complete_in_the_summaries(raw_totals):
    dot1 = sorted(set(raw_totals.loc[raw_totals["bts_table"] == "DOT1", "year_month"]))
    per_year = {y: sum(1 for m in dot1 if m // 100 == y) for y in (2020, 2021, 2022, 2023, 2024)}
    assert per_year == {2020: 9, 2021: 12, 2022: 12, 2023: 12, 2024: 9}
    assert not {202010, 202011, 202012, 202410, 202411, 202412} & set(dot1)
    dot2 = set(raw_totals.loc[raw_totals["bts_table"] == "DOT2", "year_month"])
    assert {202410, 202411, 202412} <= dot2 and not {202010, 202011, 202012} & dot2   # Oct 2020: no raw at all
    cat = catalogue()
    months = cat["bts_partner_month"].months_per_year()
    assert months[2020] == 12 and months[2024] == 12
    assert cat["raw_dot1"].partial_years == {"2015": 1, "2020": 9, "2024": 9}
    assert 2020 in cat["bts_us_state_year"].periods and 2024 in cat["bts_mx_state_year"].periods
    assert any("October 2020" in lim for lim in cat["bts_partner_month"].limits)


def test_unknown_state_codes_stay_their_own_codes():
    us = read_table("bts_us_state_year")
    du = us[(us["us_state"] == "DU") & (us["year"] == 2024)]["value"].sum()
    assert round(du / 1e9, 1) == 61.6                            # 'DU' kept, not spread or dropped
    # OT / XX: own codes in the bundled raw DOT1 (2022 US exports to Mexico) ...
    raw = read_table("raw_dot1", country=2010, trade_type=1, mx_state=["OT", "XX", "NA"])
    raw = raw[raw["year_month"] // 100 == 2022]
    by = raw.groupby("mx_state")["value"].sum()
    assert round(by["OT"] / 1e9, 1) == 19.1 and round(by["XX"] / 1e9, 1) == 56.4
    assert set(raw.loc[raw["mx_state"] == "XX", "mode"]) == {1, 3}   # air and vessel carry no state
    # ... and dropped by the Mexican-state summary, which with Nayarit ('NA', lost by UNT after
    # 2006) equals the raw DOT1 named states to the dollar for every complete raw year
    mx = read_table("bts_mx_state_year")
    assert not {"OT", "XX"} & set(mx["mx_state"]) and mx.loc[mx["mx_state"] == "NA", "year"].max() == 2006
    exports = read_table("raw_dot1", country=2010, trade_type=1)
    exports = exports[exports["mx_state"].notna() & ~exports["mx_state"].isin(["OT", "XX"])]
    for year in (2021, 2022, 2023):
        named = exports[exports["year_month"] // 100 == year]
        nayarit = named.loc[named["mx_state"] == "NA", "value"].sum()
        assert mx.loc[mx["year"] == year, "value"].sum() + nayarit == named["value"].sum(), year


def test_el_paso_and_ysleta_are_continuous_across_march_2020():
    group = lineage_group("2401")
    assert set(group["port_code"]) == {"2402", "2401"}
    ysleta = group.set_index("port_code").loc["2401"]
    assert ysleta["from_month"] == 202003 and ysleta["role"] == "split"
    s = lineage_series(group["successor_group"].iloc[0], "Trucks").set_index("year_month")
    assert s.loc[202002, "2402"] == 62_892 and s.loc[202003, "2402"] == 13_506
    assert s.loc[202003, "2401"] == 53_842 and s.loc[:202002, "2401"].isna().all()   # no rows before
    assert s.loc[202003, "2402"] / s.loc[202002, "2402"] < 0.25                        # El Paso alone falls
    assert 0.9 < s.loc[202003, "combined"] / s.loc[202002, "combined"] < 1.1           # the group does not
    # the trade figures split the same way (bundled raw DOT1, trucks)
    dot1 = read_table("raw_dot1", mode=5, port=["2401", "2402"], year_month=[202002, 202003])
    v = dot1.groupby("year_month")["value"].sum()
    assert 0.95 < v[202003] / v[202002] < 1.05
    assert dot1[(dot1["port"] == "2401")]["year_month"].min() == 202003


def test_port_lineage_table_is_well_formed():
    lin = port_lineage()
    assert list(lin.columns) == ["successor_group", "port_code", "port_name", "border", "from_month",
                                 "to_month", "measures", "role", "note"]
    assert lin.groupby("successor_group")["port_code"].count().min() >= 2
    assert ((lin["to_month"] == 0) | (lin["to_month"] >= lin["from_month"])).all()
    assert "62,892" in lin.set_index("port_code").loc["2402", "note"]
    newer = {r["code"]: r for r in csv.DictReader(open(bundled_data_dir() / "codes" / "ports_newer.csv",
                                                       newline="", encoding="utf-8"))}
    assert "Ysleta" in newer["2401"]["name"] and newer["2401"]["district"] == "24XX"
