"""Queries on the bundled default store answer correctly for every filter dimension and
breakdown (checked against sums computed from the raw CSVs), never double-count across
DOT1/DOT2/DOT3, and expose caveats."""

from __future__ import annotations

import pytest

from geo.query import FilterError, NotAnswerableError, TradeFilter, caveats, parse_period, plan
from tests.conftest_store import (
    DOT1_2015,
    DOT2_2015,
    DOT3_2015,
    bundled_store,
    empty_store,
    files_2020,
    files_2021,
    raw_group,
    raw_rows,
    raw_sum,
    requires_shared,
)

_fixtures = (bundled_store, empty_store)

MX = lambda r: r["COUNTRY"] == "2010"  # noqa: E731
Y2021 = TradeFilter(period=("2021-01", "2021-12"))


def test_filter_normalises_names_and_rejects_unknowns():
    f = TradeFilter(period=("2021-01", "2021-03"), trade_type="Exports", country="mexico",
                    modes=("truck", "6"), commodities=("8", "85"), ports=("2304",), us_states="tx,ca",
                    mx_states=("nl",))
    assert f.period == (202101, 202103) and f.trade_type == "export" and f.country == "MX"
    assert f.modes == ("5", "6") and f.commodities == ("08", "85") and f.us_states == ("TX", "CA")
    assert f.mx_states == ("NL",)
    for bad in (dict(modes=("boat",)), dict(country="FR"), dict(period=("2021-05", "2021-01")),
                dict(trade_type="barter"), dict(us_states=("ZZ",)), dict(period=("2021-13", None))):
        with pytest.raises(FilterError):
            TradeFilter(**bad)
    assert parse_period("2021/7") == 202107


def test_plan_never_double_counts():
    av = {1: [201501], 2: [201501], 3: [201501, 202001, 202002]}
    p = plan(TradeFilter(), None, av)
    assert p.ranges == ((3, 201501, 202002),)                 # one table per month
    p = plan(TradeFilter(), "us_state", av)
    assert p.months_by_table == {"DOT1": (201501,), "DOT2": ()} and p.uncovered_months == (202001, 202002)
    p = plan(TradeFilter(commodities=("84",)), "us_state", av)
    assert p.tables == ("DOT2",)
    p = plan(TradeFilter(), "mx_state", av)
    assert p.tables == ("DOT1",) and p.implicit_country == "MX"
    with pytest.raises(NotAnswerableError, match="together"):
        plan(TradeFilter(us_states=("TX",), commodities=("84",)), "port", av)
    with pytest.raises(NotAnswerableError):
        plan(TradeFilter(country="CA"), "mx_state", av)


@requires_shared
def test_totals_each_table_month(bundled_store):
    # 2015-01 is in all three tables: the total is the DOT1 (= DOT2 = DOT3) figure, not 3x
    t = bundled_store.totals(TradeFilter(period=(201501, 201501)))
    assert t.value == raw_sum(DOT1_2015) == raw_sum(DOT2_2015) == raw_sum(DOT3_2015)
    assert len(t.plan.tables) == 1
    t = bundled_store.totals(TradeFilter(period=("2021-01", "2021-12"), country="MX"))
    assert t.value == raw_sum(files_2021(), MX) and len(t.plan.tables) == 1
    # no raw table holds every month of 2020-01..2021-12 (BTS never published Oct–Dec 2020 raw):
    # the monthly summary answers the whole period, never raw months plus a gap
    from geo.data.summaries import read_table

    def summary_total(lo, hi, **where):
        df = read_table("bts_partner_month", **where)
        return int(df[(df["year_month"] >= lo) & (df["year_month"] <= hi)]["value"].sum())

    t = bundled_store.totals(TradeFilter(period=("2020-01", "2021-12"), country="MX"))
    assert t.plan.tables == ("bts_partner_month",)
    assert t.value == summary_total(202001, 202112, country=2010) > raw_sum(files_2020() + files_2021(), MX)
    both = bundled_store.totals(TradeFilter(period=(201501, 202112)))
    assert both.plan.tables == ("bts_partner_month",) and both.value == summary_total(201501, 202112)


@requires_shared
@pytest.mark.parametrize("kw,where", [
    (dict(trade_type="import"), lambda r: r["TRDTYPE"] == "2"),
    (dict(trade_type="export", country="CA"), lambda r: r["TRDTYPE"] == "1" and r["COUNTRY"] == "1220"),
    (dict(modes=("truck", "rail")), lambda r: r["DISAGMOT"] in ("5", "6")),
    (dict(commodities=("84", "85", "87")), lambda r: r["COMMODITY2"] in ("84", "85", "87")),
    (dict(ports=("2304", "2506", "23XX")), lambda r: r["DEPE"] in ("2304", "2506", "23XX")),
    (dict(country="MX", modes=("truck",), ports=("2304",), commodities=("87",)),
     lambda r: r["COUNTRY"] == "2010" and r["DISAGMOT"] == "5" and r["DEPE"] == "2304"
     and r["COMMODITY2"] == "87"),
])
def test_totals_by_filter_dimension_2021(bundled_store, kw, where):
    t = bundled_store.totals(Y2021.replace(**kw))
    assert t.value == raw_sum(files_2021(), where)
    assert t.records == sum(1 for p in files_2021() for r in raw_rows(p) if where(r))


@requires_shared
@pytest.mark.parametrize("kw,where,path", [
    (dict(us_states=("TX", "MI")), lambda r: r["USASTATE"] in ("TX", "MI"), DOT1_2015),
    (dict(mx_states=("NL", "CH")), lambda r: r["MEXSTATE"] in ("NL", "CH"), DOT1_2015),
    (dict(us_states=("TX",), commodities=("87",)), lambda r: r["USASTATE"] == "TX" and r["COMMODITY2"] == "87",
     DOT2_2015),
    (dict(mx_states=("CO",), commodities=("87",)), lambda r: r["MEXSTATE"] == "CO" and r["COMMODITY2"] == "87",
     DOT2_2015),
    (dict(us_states=("CA",), ports=("2506",)), lambda r: r["USASTATE"] == "CA" and r["DEPE"] == "2506",
     DOT1_2015),
])
def test_state_filters_2015(bundled_store, kw, where, path):
    t = bundled_store.totals(TradeFilter(period=(201501, 201501), **kw))
    assert t.value == raw_sum(path, where)
    assert t.plan.tables == ("DOT1" if path == DOT1_2015 else "DOT2",)


@requires_shared
@pytest.mark.parametrize("by,key,path", [
    ("port", lambda r: r["DEPE"], "2021"),
    ("commodity", lambda r: r["COMMODITY2"], "2021"),
    ("mode", lambda r: r["DISAGMOT"], "2021"),
    ("trade_type", lambda r: r["TRDTYPE"], "2021"),
    ("country", lambda r: r["COUNTRY"], "2021"),
    ("month", lambda r: int(r["YEAR"]) * 100 + int(r["MONTH"]), "2021"),
    ("year", lambda r: int(r["YEAR"]), "2021"),
    ("us_state", lambda r: r["USASTATE"], DOT1_2015),
    ("mx_state", lambda r: {"BN": "BC"}.get(r["MEXSTATE"], r["MEXSTATE"]), DOT1_2015),
    ("ca_prov", lambda r: r["CANPROV"], DOT1_2015),
])
def test_breakdowns_match_raw(bundled_store, by, key, path):
    if path == "2021":
        f, paths, where = Y2021, files_2021(), lambda r: True
    else:
        f, paths, where = TradeFilter(period=(201501, 201501)), [path], lambda r: True
    if by == "mx_state":
        where = MX
    if by == "ca_prov":
        f, where = f.replace(country="CA"), lambda r: r["COUNTRY"] == "1220"
    df = bundled_store.breakdown(f, by)
    assert {"code", "name", "value", "shipwt", "freight_charges", "records", "share"} <= set(df.columns)
    assert df["name"].map(lambda s: isinstance(s, str) and s != "").all()
    got = dict(zip(df["code"], df["value"]))
    want = raw_group(paths, key, where)
    assert got == {(str(k) if by not in ("month", "year") else k): v for k, v in want.items()}
    assert abs(df["share"].sum() - 1) < 1e-9
    assert df.attrs["plan"]["tables"] and df.attrs["source"]


@requires_shared
def test_names_for_every_code(bundled_store):
    for dim in ("port", "us_state", "mx_state", "mode", "commodity", "country", "trade_type"):
        vals = bundled_store.dimension_values(dim)
        assert len(vals) and not vals["name"].str.contains("unknown code").any(), dim
    ports = bundled_store.dimension_values("port").set_index("code")
    assert ports.loc["2304", "name"] == "Laredo, TX" and "District" not in ports.loc["23XX", "name"]
    assert "El Paso" in ports.loc["2401", "name"]


@requires_shared
def test_flow_triples_dot1(bundled_store):
    f = TradeFilter(period=(201501, 201501), country="MX", trade_type="export")
    df = bundled_store.flow_triples(f)
    assert list(df.columns[:6]) == ["us_state", "us_state_name", "port", "port_name", "mx_state", "mx_state_name"]
    assert int(df["value"].sum()) == raw_sum(DOT1_2015, lambda r: MX(r) and r["TRDTYPE"] == "1")
    want = raw_group(DOT1_2015, lambda r: (r["USASTATE"], r["DEPE"], {"BN": "BC"}.get(r["MEXSTATE"], r["MEXSTATE"])),
                     lambda r: MX(r) and r["TRDTYPE"] == "1")
    got = df.groupby(["us_state", "port", "mx_state"])["value"].sum().to_dict()
    assert got == want
    assert df.attrs["plan"]["tables"] == ["DOT1"]
    # Oct–Dec 2024 have DOT2 but no DOT1 in the default store: empty, with a caveat saying so
    empty = bundled_store.flow_triples(TradeFilter(period=(202410, 202412), country="MX"))
    assert empty.empty and any(c.code == "no_data" for c in empty.attrs["caveats"])


@requires_shared
def test_caveats(bundled_store):
    codes = lambda cs: {c.code for c in cs}  # noqa: E731
    c = bundled_store.caveats(TradeFilter(period=(201501, 201501)), "mx_state")
    assert {"mx_state_imports", "mx_only", "mx_legacy"} <= codes(c)
    assert "us_state_importer" in codes(bundled_store.caveats(TradeFilter(), "us_state"))
    assert "us_state_importer" not in codes(bundled_store.caveats(TradeFilter(trade_type="export"), "us_state"))
    c = bundled_store.caveats(TradeFilter(period=("2005-01", "2021-12")), "commodity")
    assert "dot3_start" in codes(c) and "missing_months" in codes(c)
    c = bundled_store.caveats(TradeFilter(period=("2016-01", "2016-12")), "us_state")
    assert "no_data" in codes(c)  # no raw month of 2016 is bundled
    # ports in 2024: DOT1 ends in September, so Oct–Dec are said to be uncovered
    c = bundled_store.caveats(TradeFilter(period=("2024-01", "2024-12")), "port")
    assert "coverage" in codes(c)
    assert "weights" not in codes(caveats(TradeFilter(trade_type="import"), None))
    assert all(c.text.endswith(".") for c in bundled_store.caveats(TradeFilter(), "port"))


@requires_shared
def test_not_answerable_error_is_clear(bundled_store):
    with pytest.raises(NotAnswerableError) as ei:
        bundled_store.breakdown(TradeFilter(ports=("2304",), commodities=("87",)), "us_state")
    assert "DOT1" in str(ei.value) and "\n" not in str(ei.value)


def _flow_year_vs_freight(store) -> tuple[list, list]:
    """The yearly flow rollup, and the same sums computed from the fact table."""
    c = store._cur()
    cols = "src, year_month, trade_type, country, mode, CAST(us_state AS VARCHAR), CAST(port AS VARCHAR), " \
           "CAST(mx_state AS VARCHAR)"
    got = c.execute(f"SELECT {cols}, value, shipwt, freight_charges, records FROM agg_flow_year "
                    "ORDER BY ALL").fetchall()
    want = c.execute(f"SELECT {cols.replace('year_month', '(year_month // 100) * 100 + 1')}, sum(value)::BIGINT, "
                     "coalesce(sum(shipwt), 0)::BIGINT, coalesce(sum(freight_charges), 0)::BIGINT, count(*) "
                     "FROM freight_all WHERE src = 1 GROUP BY ALL ORDER BY ALL").fetchall()
    return got, want


@requires_shared
def test_flow_triples_over_whole_years_equal_the_months_summed(bundled_store):
    """A flow query over whole years reads the yearly rollup; its figures equal the same query
    month by month (read from the fact table) summed, for a filter on every flow dimension."""
    for f in (TradeFilter(period=(202301, 202312), granularity="year", country="MX", trade_type="export"),
              TradeFilter(period=(202101, 202212), country="MX", modes=("truck",), us_states=("TX", "CA"))):
        from geo.store import rollups

        assert rollups.whole_years(bundled_store.plan(f, None, flows=True).ranges)  # the rollup is read
        year = bundled_store.flow_triples(f)
        months = bundled_store.flow_triples(f, by_month=True)
        keys = ["us_state", "port", "mx_state", "mode", "trade_type"]
        want = months.groupby(keys)[["value", "shipwt", "freight_charges", "records"]].sum()
        got = year.set_index(keys)[["value", "shipwt", "freight_charges", "records"]]
        assert len(got) == len(want) > 100
        assert got.sort_index().equals(want.sort_index())
        assert list(year["value"]) == sorted(year["value"], reverse=True)


def test_yearly_flow_rollup_follows_imports_and_undo(empty_store, tmp_path):
    from tests.conftest_store import write_lines

    header = ("TRDTYPE,USASTATE,DEPE,DISAGMOT,MEXSTATE,CANPROV,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,"
              "MONTH,YEAR")
    jan = write_lines(tmp_path / "jan.csv", [header, "1,TX,2304,5,NL,,2010,100,5,1,1,X,1,2019",
                                             "1,TX,2304,5,NL,,2010,50,0,0,2,X,1,2019"])
    feb = write_lines(tmp_path / "feb.csv", [header, "1,TX,2304,5,NL,,2010,30,1,0,1,X,2,2019",
                                             "2,CA,2506,6,,,2010,7,0,0,,X,2,2019"])
    empty_store.import_files([jan])
    rep = empty_store.import_files([feb])
    got, want = _flow_year_vs_freight(empty_store)
    assert got == want and [r[8] for r in got if r[2] == 1] == [180]
    empty_store.undo_import(rep.import_id)
    got, want = _flow_year_vs_freight(empty_store)
    assert got == want and [r[8] for r in got] == [150]
