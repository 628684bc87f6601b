"""Each figure from one honest source (issue 8): the bundled summaries join the store's planner.

A raw table answers a period only when it holds every month of it; otherwise the BTS-via-UNT
summaries answer whole years (annual tables) or months (the monthly partner table); every period
of a comparison or series comes from one source; a raw month short of the summary's total is
flagged and not used; unknown states are listed apart; El Paso + Ysleta read as one series;
importing more raw months never counts a figure twice."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile

import pytest

from cli import data as cli_data
from geo.data.codes import code_tables
from geo.data.summaries import read_table
from geo.query import TradeFilter
from geo.store import open_store
from tests.conftest import shared_data_or_skip

RAW = ("bts", "transborder", "raw", "dot1_dot2")


def year(y: int, **kw) -> TradeFilter:
    return TradeFilter(period=(y * 100 + 1, y * 100 + 12), granularity="year", **kw)


def summary_by(table: str, col: str, **where) -> dict:
    df = read_table(table, **where)
    s = df.groupby(col)["value"].sum()
    return {str(k): int(v) for k, v in s.items() if v}


def codes(cavs) -> set[str]:
    return {c.code for c in cavs}


# -- partial years: 2020 (raw 9 months) and 2024 (DOT1 9 months) ------------------------------------
def test_2020_us_states_come_from_the_annual_summary(shared_store):
    df = shared_store.breakdown(year(2020), "us_state")
    plan = df.attrs["plan"]
    assert plan["tables"] == ["bts_us_state_year"] and plan["source"] == "BTS via UNT"
    assert plan["months"] == list(range(202001, 202013))             # all 12 months, Oct 2020 included
    want = summary_by("bts_us_state_year", "us_state", year=2020)
    got = {c: v for c, v in zip(df["code"], df["value"]) if v}
    assert got == want and len(got) > 50
    assert {"summary_source", "summary_oct_2020"} <= codes(df.attrs["caveats"])
    # the raw tables hold 9 months of 2020: the month-granularity total of the same period comes
    # from the monthly summary's 12 months, not from 9 raw months
    month = shared_store.totals(TradeFilter(period=(202001, 202012)))
    assert month.plan.summary == "bts_partner_month" and "missing_months" not in codes(month.caveats)
    assert month.value == sum(summary_by("bts_partner_month", "country", year_month=list(range(202001, 202013)))
                              .values())
    # by US state no monthly summary exists: the raw months answer and say which are missing
    raw = shared_store.breakdown(TradeFilter(period=(202001, 202012)), "us_state")
    assert raw.attrs["plan"]["summary"] is None and "missing_months" in codes(raw.attrs["caveats"])
    assert int(raw["value"].sum()) < sum(want.values())


def test_2024_us_state_total_uses_a_table_holding_every_month(shared_store):
    """DOT1 holds 9 months of 2024, DOT2 all 12: DOT2 answers, never DOT1 (nor both), and it
    equals the annual summary state by state to the dollar."""
    df = shared_store.breakdown(year(2024), "us_state")
    assert df.attrs["plan"]["tables"] == ["DOT2"] and len(df.attrs["plan"]["months"]) == 12
    assert {c: v for c, v in zip(df["code"], df["value"]) if v} == summary_by("bts_us_state_year", "us_state",
                                                                              year=2024)
    # a port figure needs DOT1 or DOT3, neither holds 2024 in full: no summary carries ports by
    # state, so the raw months are used and the gap is said
    ports = shared_store.breakdown(year(2024), "port")
    assert ports.attrs["plan"]["tables"] == ["DOT1"] and "coverage" in codes(ports.attrs["caveats"])


def test_comparisons_and_series_use_one_source(shared_store):
    a, b = shared_store.compare(TradeFilter(country="MX"), [(202301, 202312), (202401, 202412)], by="us_state")
    assert a.attrs["plan"]["tables"] == b.attrs["plan"]["tables"] == ["DOT2"]
    # 2020 against 2021 (raw: 9 and 12 months): both from the monthly summary, not raw 2021 vs summary 2020
    t20, t21 = shared_store.compare(TradeFilter(granularity="year"), [(202001, 202012), (202101, 202112)])
    assert t20.plan.tables == t21.plan.tables == ("bts_partner_month",)
    month = read_table("bts_partner_month")
    per_year = month.groupby(month["year_month"] // 100)["value"].sum()
    assert (t20.value, t21.value) == (per_year[2020], per_year[2021])
    # month granularity too: the pair comes from one source
    m20, m21 = shared_store.compare(TradeFilter(), [(202001, 202012), (202101, 202112)])
    assert m20.plan.tables == m21.plan.tables == ("bts_partner_month",)
    # a series of years is one plan with one source; each point equals the summary
    s = shared_store.breakdown(TradeFilter(period=(201901, 202412), granularity="year"), "year")
    assert s.attrs["plan"]["tables"] == ["bts_partner_month"]
    assert dict(zip(s["code"], s["value"])) == {y: per_year[y] for y in range(2019, 2025)}
    # a monthly series across the DOT1 end (Sept 2024): DOT2 alone, not DOT1 then DOT2
    m = shared_store.breakdown(TradeFilter(period=(202407, 202412)), "month")
    assert m.attrs["plan"]["tables"] == ["DOT2"]


def test_monthly_series_no_raw_table_holds_come_from_the_monthly_summary(shared_store):
    df = shared_store.breakdown(TradeFilter(period=(202501, 202503), country="MX"), "month")
    assert df.attrs["plan"]["tables"] == ["bts_partner_month"]
    want = summary_by("bts_partner_month", "year_month", country=2010, year_month=[202501, 202502, 202503])
    assert {str(c): v for c, v in zip(df["code"], df["value"])} == want
    # the whole year by mode: the annual rule; a month-granularity figure over months no raw
    # table holds comes from the monthly summary too
    y = shared_store.breakdown(year(2025, country="MX"), "mode")
    assert y.attrs["plan"]["tables"] == ["bts_partner_month"]
    assert {c: v for c, v in zip(y["code"], y["value"])} == summary_by("bts_partner_month", "mode", country=2010,
                                                                       year_month=list(range(202501, 202513)))
    m = shared_store.breakdown(TradeFilter(period=(202501, 202503), country="MX"), "mode")
    assert m.attrs["plan"]["tables"] == ["bts_partner_month"]
    assert {c: v for c, v in zip(m["code"], m["value"])} == summary_by("bts_partner_month", "mode", country=2010,
                                                                       year_month=[202501, 202502, 202503])
    # by US state no summary holds months: the raw tables answer what they hold and say the rest
    st = shared_store.breakdown(TradeFilter(period=(202501, 202503), country="MX"), "us_state")
    assert st.empty and "no_data" in codes(st.attrs["caveats"])
    assert "BTS via UNT" in df.attrs["plan_message"].english() and "2025-01..2025-03" in \
        df.attrs["plan_message"].english()


def test_mexican_state_summary_is_exports_and_says_what_it_leaves_out(shared_store):
    df = shared_store.breakdown(year(2020, trade_type="export"), "mx_state")
    assert df.attrs["plan"]["tables"] == ["bts_mx_state_year"]
    assert {c: v for c, v in zip(df["code"], df["value"])} == summary_by("bts_mx_state_year", "mx_state", year=2020)
    assert "summary_mx_states" in codes(df.attrs["caveats"])
    # imports carry no Mexican state: an import filter is not answered by the export-only table
    imp = shared_store.breakdown(year(2020, trade_type="import"), "mx_state")
    assert imp.attrs["plan"]["summary"] is None


# -- unknown states: listed apart, never dropped -------------------------------------------------
def test_unknown_states_are_listed_apart(shared_store):
    mx = shared_store.breakdown(year(2022, trade_type="export", country="MX"), "mx_state")
    assert mx.attrs["plan"]["tables"] == ["DOT1"]
    rows = mx.set_index("code")
    assert round(rows.loc["OT", "value"] / 1e9, 1) == 19.1 and round(rows.loc["XX", "value"] / 1e9, 1) == 56.4
    assert not rows.loc["OT", "assigned"] and not rows.loc["XX", "assigned"] and rows.loc["NL", "assigned"]
    assert {c for c, _, _ in mx.attrs["unassigned"]} == {"OT", "XX"}
    cav = next(c for c in mx.attrs["caveats"] if c.code == "unassigned_states")
    assert "OT" in cav.text and "XX" in cav.text
    us = shared_store.breakdown(year(2024), "us_state").set_index("code")
    assert round(us.loc["DU", "value"] / 1e9, 1) == 61.6 and not us.loc["DU", "assigned"]
    # the map never shades them as a state
    from geo.styles.thematic import UNASSIGNED_STATES
    assert {"OT", "XX", "DU"} <= UNASSIGNED_STATES


# -- port lineage and newer port codes -----------------------------------------------------------
def test_el_paso_and_ysleta_series_are_continuous(shared_store):
    s = shared_store.crossings(port_codes=["2402"], measures=["Trucks"], by=("port", "month"),
                               period=(202001, 202006), lineage=True)
    assert set(s["port_code"]) == {"2402+2401"} and set(s["port_name"]) == {"El Paso + Ysleta"}
    v = dict(zip(s["year_month"], s["value"]))
    assert v[202002] == 62_892 and v[202003] == 13_506 + 53_842
    assert 0.9 < v[202003] / v[202002] < 1.1
    assert "Ysleta" in s.attrs["caveats"][0].text and "2020" in s.attrs["caveats"][0].text
    alone = shared_store.crossings(port_codes=["2402"], measures=["Trucks"], by=("port", "month"),
                                   period=(202002, 202003))
    assert list(alone["value"]) == [62_892, 13_506] and not alone.attrs["caveats"]
    # the trade series (raw DOT1, trucks) the same way
    f = TradeFilter(period=(202001, 202006), ports=("2402",), modes=("truck",))
    t = shared_store.breakdown(f, "month", lineage=True)
    tv = dict(zip(t["code"], t["value"]))
    assert 0.95 < tv[202003] / tv[202002] < 1.05
    assert "port_lineage" in codes(t.attrs["caveats"])
    by_port = shared_store.breakdown(TradeFilter(period=(202101, 202112)), "port", lineage=True)
    assert "2402+2401" in set(by_port["code"]) and not {"2401", "2402"} & set(by_port["code"])


def test_newer_port_codes_are_named_from_the_newer_workbook(shared_store):
    assert code_tables().name("port", "2401") == "Ysleta (El Paso), TX"
    assert code_tables().resolve("port", "Ysleta (El Paso), TX") == "2401"
    ports = shared_store.dimension_values("port").set_index("code")
    assert ports.loc["2401", "name"] == "Ysleta (El Paso), TX"


# -- imports: a partial month, more months ------------------------------------------------------
def _member(zpath, prefix: str) -> tuple[str, bytes]:
    with zipfile.ZipFile(zpath) as zf:
        name = next(n for n in zf.namelist() if n.lower().startswith(prefix))
        return name, zf.read(name)


@pytest.mark.store_writes
def test_partial_imported_month_is_flagged_and_not_used(writable_store_path, tmp_path):
    """A DOT2 month cut short is named with its file and gap; a complete table or the summary
    answers in its place; where nothing else can (commodities), it is used and said incomplete."""
    zpath = shared_data_or_skip(*RAW, "2024-06.zip")
    name, data = _member(zpath, "dot2")
    lines = data.decode("utf-8").splitlines(keepends=True)
    cut = tmp_path / "dot2_0624_truncated.csv"       # a download cut short: the first 60% of the rows
    cut.write_text("".join(lines[: int(len(lines) * 0.6)]), encoding="utf-8")
    store = open_store(writable_store_path)
    try:
        before = store.totals(TradeFilter(period=(202406, 202406)))
        cars = TradeFilter(period=(202405, 202407), commodities=("87",))
        cars_by_month = dict(zip(*[store.breakdown(cars, "month")[c] for c in ("code", "value")]))
        assert store.partial_months() == ()
        # planned once before the import: the import must not leave that plan in use
        assert not any(c.code == "partial_month" for c in store.breakdown(year(2024), "us_state").attrs["caveats"])
        store.import_files([cut], write_report=False, replace=True)
        (p,) = store.partial_months()
        assert (p.table, p.year_month, p.file) == ("DOT2", 202406, "dot2_0624_truncated.csv") and p.gap > 0
        month = read_table("bts_partner_month", year_month=202406)
        assert p.summary_value == int(month["value"].sum())
        # the 2024 US-state total now comes from the summary (DOT1 holds 9 months, DOT2 11 in full)
        df = store.breakdown(year(2024), "us_state")
        assert df.attrs["plan"]["tables"] == ["bts_us_state_year"]
        assert {c: v for c, v in zip(df["code"], df["value"]) if v} == \
            summary_by("bts_us_state_year", "us_state", year=2024)
        cav = next(c for c in df.attrs["caveats"] if c.code == "partial_month")
        assert "dot2_0624_truncated.csv" in cav.text and "Jun 2024" in cav.text and cav.severity == "warning"
        # June 2024 itself: DOT1 (complete) answers, not the partial DOT2 month
        t = store.totals(TradeFilter(period=(202406, 202406)))
        assert t.plan.tables == ("DOT1",) and t.value == before.value == int(month["value"].sum())
        # commodities: only DOT2 carries them and no summary does, so the partial month is
        # what there is - used, and said to be incomplete
        t = store.totals(cars)
        assert t.plan.months_by_table["DOT2"] == (202405, 202406, 202407)
        assert t.value - cars_by_month[202405] - cars_by_month[202407] < cars_by_month[202406]
        cav = next(c for c in t.caveats if c.code == "partial_month_used")
        assert "dot2_0624_truncated.csv" in cav.text and cav.severity == "warning"
    finally:
        store.close()


@pytest.mark.store_writes
def test_importing_more_raw_months_counts_nothing_twice(writable_store_path):
    """DOT2 2022-03 is not bundled (DOT1 is): importing the BTS zip (DOT1 + DOT2) adds the month's
    DOT2 rows; every figure stays what it was, the new commodity figures equal the DOT1 totals."""
    zpath = shared_data_or_skip(*RAW, "2022-03.zip")
    store = open_store(writable_store_path)
    try:
        filters = [(year(2022), None), (year(2022), "us_state"), (TradeFilter(period=(202203, 202203)), None),
                   (TradeFilter(period=(202203, 202203), country="MX"), "mx_state"),
                   (TradeFilter(period=(202101, 202212)), "month"), (year(2022), "port")]

        def figures():
            return [store.totals(f).value if by is None else dict(zip(*[store.breakdown(f, by)[c]
                                                                        for c in ("code", "value")]))
                    for f, by in filters]

        before = figures()
        assert store.available_periods()["DOT2"].count(202203) == 0
        store.import_files([zpath], write_report=False)
        assert 202203 in store.available_periods()["DOT2"] and store.partial_months() == ()
        assert figures() == before
        store.import_files([zpath], write_report=False)           # the same file again: skipped
        assert figures() == before
        com = store.breakdown(TradeFilter(period=(202203, 202203)), "commodity")
        assert com.attrs["plan"]["tables"] == ["DOT2"] and int(com["value"].sum()) == before[2]
    finally:
        store.close()


# -- the command line ----------------------------------------------------------------------------
def _run(argv) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = cli_data.main(argv)
    return rc, out.getvalue()


def test_cli_query_2025_by_us_state_lists_every_state(writable_store_path):
    rc, out = _run(["query", "--by", "us-state", "--from", "2025-01", "--to", "2025-12", "--format", "csv",
                    "--store", str(writable_store_path)])
    assert rc == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    want = summary_by("bts_us_state_year", "us_state", year=2025)
    assert {r["code"]: int(r["value"]) for r in rows if int(r["value"])} == want and len(want) >= 51
    rc, out = _run(["query", "--by", "us-state", "--from", "2025-01", "--to", "2025-12",
                    "--store", str(writable_store_path)])
    assert rc == 0 and "Source: BTS via UNT" in out and "2025-01..2025-12 (12 months)" in out


def test_cli_query_by_year_and_month_name_their_source(writable_store_path):
    rc, out = _run(["query", "--by", "year", "--from", "2019", "--to", "2024", "--country", "MX",
                    "--store", str(writable_store_path)])
    assert rc == 0 and "Source: BTS via UNT" in out and "2019-01..2024-12 (72 months)" in out
    assert out.count("\n 20") == 6          # six years, one row each
    rc, out = _run(["query", "--by", "month", "--from", "2021-01", "--to", "2021-12",
                    "--store", str(writable_store_path)])
    assert rc == 0 and "Source: BTS DOT3 raw" in out and "2021-01..2021-12 (12 months)" in out
    rc, out = _run(["query", "totals", "--from", "2021-01", "--to", "2021-03", "--format", "json",
                    "--store", str(writable_store_path)])
    assert rc == 0 and '"used": "Source: BTS DOT3 raw' in out


def test_many_months_held_in_part_share_one_note():
    """Up to three months of a table held only in part are each named with their file and gap;
    more share one note (count, span, total gap, the largest gap's month and file), so they do
    not bury every other note."""
    from geo.query import caveats
    from geo.query.trade import PartialMonth, QueryPlan

    def plan(parts):
        months = tuple(sorted(p.year_month for p in parts))
        return QueryPlan(None, frozenset(), ("DOT1",), ((1, months[0], months[-1]),), {"DOT1": months}, (),
                         months, partial=tuple(parts))

    f = TradeFilter(period=(202301, 202312))
    few = [PartialMonth("DOT1", 202301, "a.csv", 10, 12), PartialMonth("DOT1", 202303, "b.csv", 5, 9)]
    notes = [c for c in caveats(f, None, plan(few)) if c.code.startswith("partial")]
    assert [c.code for c in notes] == ["partial_month_used"] * 2 and "b.csv" in notes[1].text
    many = [PartialMonth("DOT1", 202300 + m, f"m{m}.csv", 100, 100 + m) for m in range(1, 8)]
    (note,) = [c for c in caveats(f, None, plan(many)) if c.code.startswith("partial")]
    assert note.code == "partial_months_used" and note.severity == "warning"
    assert note.message.params["count_n"] == 7 and note.message.params["gap_usd"] == sum(range(1, 8))
    assert "from Jan 2023 to Jul 2023" in note.text and "m7.csv" in note.text and "Jul 2023" in note.text
