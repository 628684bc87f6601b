"""Drill-down profiles (issue 11): the model's figures equal independent sums from the raw BTS
files; year-on-year and share are right at year boundaries and with missing months; tables
are never added twice; the panel follows the session (linked filters, chips, back/forward);
every kind opens; exports write; ``frontera profile`` prints what the panel shows."""
from __future__ import annotations

import json
import zipfile
from functools import lru_cache

import pandas as pd
import pytest

from geo.analysis.profile import (
    KINDS,
    ProfileError,
    add_details,
    build_profile,
    change_between,
    linked_filter,
    nearest_held,
    profile_header,
    resolve,
    value_per_loaded_truck,
)
from geo.query import TradeFilter
from tests.conftest import SHARED_DATA

RAW = SHARED_DATA / "bts" / "transborder" / "raw"
CROSSINGS = SHARED_DATA / "bts" / "border_crossing_entry" / "Border_Crossing_Entry_Data.csv"
needs_raw = pytest.mark.skipif(not (RAW / "2021").is_dir() or not CROSSINGS.is_file(),
                               reason="the raw BTS files live in ../shared/data")

REFS = [("port", "2304"), ("us-state", "TX"), ("mx-state", "NL"), ("seaport", "MXZLO"),
        ("zone", "cluster-monterrey"), ("corridor", "MX")]


# -- independent sums, straight from the raw files (pandas, no store) --------------------------------
@lru_cache(maxsize=None)
def dot3(year: int) -> pd.DataFrame:
    """Every DOT3 (port x commodity) row of ``year`` (2020 and 2021 are DOT3 whatever the name)."""
    frames = [pd.read_csv(p, dtype={"DEPE": str, "COMMODITY2": str}, usecols=["TRDTYPE", "DEPE", "COMMODITY2",
                                                                                "DISAGMOT", "COUNTRY", "VALUE",
                                                                                "MONTH", "YEAR"])
              for p in sorted((RAW / str(year)).glob("*.csv"))]
    return pd.concat(frames, ignore_index=True)


@lru_cache(maxsize=None)
def dot1_2015() -> pd.DataFrame:
    return pd.read_csv(RAW / "2015-01" / "dot1_0115.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def dot1_zip(ym: str) -> pd.DataFrame:
    with zipfile.ZipFile(RAW / "dot1_dot2" / f"{ym}.zip") as z:
        name = next(n for n in z.namelist() if n.lower().startswith("dot1"))
        with z.open(name) as fh:
            return pd.read_csv(fh, dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def crossings() -> pd.DataFrame:
    df = pd.read_csv(CROSSINGS, dtype={"Port Code": str}, usecols=["Port Code", "Date", "Measure", "Value"])
    df["ym"] = pd.to_datetime(df["Date"], format="%b %Y").dt.strftime("%Y%m").astype(int)
    return df


def raw_port_value(year: int, port: str, months=range(1, 13), **where) -> int:
    d = dot3(year)
    d = d[(d["DEPE"] == port) & (d["COUNTRY"] == 2010) & d["MONTH"].isin(list(months))]
    for col, val in where.items():
        d = d[d[col] == val]
    return int(d["VALUE"].sum())


# -- the model --------------------------------------------------------------------------------------
@needs_raw
def test_port_value_share_and_rank_equal_raw_dot3(shared_store):
    f = TradeFilter(period=("2021-01", "2021-12"), country="MX")
    p = profile_header(shared_store, ("port", "2304"), f)
    value = raw_port_value(2021, "2304")
    assert p.figure("value").value == value
    d = dot3(2021)
    d = d[d["COUNTRY"] == 2010]
    by_port = d.groupby("DEPE")["VALUE"].sum()
    assert p.figure("share").value == pytest.approx(value / by_port.sum())
    ranked = by_port[~by_port.index.str.endswith("XX") & (by_port > 0)].sort_values(ascending=False)
    assert p.figure("rank").value == list(ranked.index).index("2304") + 1
    assert p.figure("rank").of == len(ranked)
    # the source names the table and the months it used
    assert "DOT3" in p.figure("value").source.source
    assert p.figure("value").source.period == (202101, 202112)


@needs_raw
def test_year_on_year_across_the_2020_gap_compares_only_months_held_in_both(shared_store):
    """Nov 2020 - Feb 2021 against Nov 2019 - Feb 2020: BTS published nothing for Oct-Dec 2020
    and the store holds nothing for 2019, so only Jan-Feb 2021 vs Jan-Feb 2020 compare."""
    f = TradeFilter(period=("2020-11", "2021-02"), country="MX")
    p = profile_header(shared_store, ("port", "2304"), f)
    yoy = p.figure("yoy")
    cur = raw_port_value(2021, "2304", (1, 2))
    prev = raw_port_value(2020, "2304", (1, 2))
    assert yoy.value == pytest.approx(cur / prev - 1)
    assert yoy.note is not None and "2 months" in yoy.note.english()
    assert set(yoy.source.months) == {202001, 202002, 202101, 202102}
    # the figure itself is the months held: Jan + Feb 2021 (nothing is held for Nov-Dec 2020)
    assert p.figure("value").value == cur


@needs_raw
def test_year_on_year_at_a_year_boundary(shared_store):
    """Dec 2020 is not held: Jan 2021 compares with Jan 2020 across the year boundary."""
    f = TradeFilter(period=("2021-01", "2021-01"), country="MX")
    p = profile_header(shared_store, ("corridor", "MX"), f)
    d20, d21 = dot3(2020), dot3(2021)
    cur = int(d21[(d21["COUNTRY"] == 2010) & (d21["MONTH"] == 1)]["VALUE"].sum())
    prev = int(d20[(d20["COUNTRY"] == 2010) & (d20["MONTH"] == 1)]["VALUE"].sum())
    assert p.figure("value").value == cur
    assert p.figure("yoy").value == pytest.approx(cur / prev - 1)
    assert p.figure("yoy").note is None          # every month of the period compares
    assert p.figure("growth_5y").value is None   # Jan 2016 is not held
    assert "2016" in p.figure("growth_5y").note.english()


def test_change_between_counts_a_held_month_without_trade_as_zero():
    values = {202101: 10.0, 202001: 5.0}
    held = {202001, 202002, 202101, 202102}
    change, matched, n = change_between(values, held, (202101, 202102), 12)
    assert matched == [202101, 202102] and n == 2 and change == pytest.approx(1.0)
    assert change_between(values, held, (202103, 202103), 12)[0] is None


@needs_raw
def test_tables_are_never_added_twice(shared_store):
    """Jan 2015 is in DOT1, DOT2 and DOT3 (each holds all trade): the corridor's value is one of
    them, not their sum."""
    f = TradeFilter(period=("2015-01", "2015-01"), country="MX")
    p = profile_header(shared_store, ("corridor", "MX"), f)
    d1 = dot1_2015()
    one_table = int(d1[d1["COUNTRY"] == "2010"]["VALUE"].astype("int64").sum())
    assert p.figure("value").value == one_table
    assert len(p.figure("value").source.source.split("+")) == 1


@needs_raw
def test_mexican_state_is_us_exports_to_it_equal_to_raw_dot1(shared_store):
    f = TradeFilter(period=("2015-01", "2015-01"), country="MX")
    p = build_profile(shared_store, ("mx-state", "NL"), f)
    d1 = dot1_2015()
    exports = d1[(d1["TRDTYPE"] == "1") & (d1["COUNTRY"] == "2010")]
    by_state = exports.groupby("MEXSTATE")["VALUE"].apply(lambda s: s.astype("int64").sum())
    assert p.figure("value").value == by_state["NL"]
    assert p.filter.trade_type is None and p.sentence is not None
    assert "exports" in p.sentence.english()
    assert any(c.code == "profile.caveat.exports_only" for c in p.caveats)
    ports = p.breakdown("ports")
    raw_ports = exports[exports["MEXSTATE"] == "NL"].groupby("DEPE")["VALUE"].apply(lambda s: s.astype("int64").sum())
    top = raw_ports.sort_values(ascending=False)
    assert ports.rows[0].code == top.index[0] and ports.rows[0].value == top.iloc[0]


@needs_raw
def test_us_state_value_from_dot1_month_in_a_zip(shared_store):
    f = TradeFilter(period=("2022-03", "2022-03"), country="MX", trade_type="export")
    p = profile_header(shared_store, ("us-state", "TX"), f)
    d = dot1_zip("2022-03")
    raw = d[(d["TRDTYPE"] == "1") & (d["COUNTRY"] == "2010") & (d["USASTATE"] == "TX")]["VALUE"].astype("int64").sum()
    assert p.figure("value").value == raw
    assert "Texas" in p.sentence.english() and "shipped" in p.sentence.english()


@needs_raw
def test_value_per_loaded_truck_is_import_truck_value_over_loaded_truck_containers(shared_store):
    vpt = value_per_loaded_truck(shared_store, "2304", (202101, 202112))
    value = sum(raw_port_value(2021, "2304", range(1, 13), TRDTYPE=2, DISAGMOT=5) for _ in [0])
    # DOT3 rows for all partners (the port's trucks carry Mexican and Canadian trade alike)
    d = dot3(2021)
    value = int(d[(d["DEPE"] == "2304") & (d["TRDTYPE"] == 2) & (d["DISAGMOT"] == 5)]["VALUE"].sum())
    c = crossings()
    loaded = int(c[(c["Port Code"] == "2304") & (c["Measure"] == "Truck Containers Loaded")
                   & c["ym"].between(202101, 202112)]["Value"].sum())
    assert vpt.value_usd == value and vpt.containers == loaded and len(vpt.months) == 12
    assert vpt.per_container == pytest.approx(value / loaded)


@needs_raw
def test_port_crossing_figures_equal_the_crossing_file(shared_store):
    f = TradeFilter(period=("2021-01", "2021-12"), country="MX")
    p = build_profile(shared_store, ("port", "2304"), f)
    c = crossings()
    c = c[(c["Port Code"] == "2304") & c["ym"].between(202101, 202112)]
    for measure in ("Trucks", "Truck Containers Loaded", "Rail Containers Loaded", "Trains"):
        key = "crossings_" + measure.lower().replace(" ", "_")
        assert p.figure(key).value == c[c["Measure"] == measure]["Value"].sum()
    assert p.figure("value_per_truck").value is not None


def test_a_chart_not_held_names_the_nearest_period_held(shared_store):
    """Port x commodity (DOT3) ends in 2021: for 2023 the commodity chart is not held and offers 2021."""
    f = TradeFilter(period=("2023-01", "2023-12"), country="MX")
    p = build_profile(shared_store, ("port", "2304"), f)
    b = p.breakdown("commodities")
    assert not b.held and b.rows == ()
    assert b.nearest == (202101, 202112)
    assert "Not held for 2023" in b.note.english()
    assert nearest_held(shared_store, {"port", "commodity"}, (202301, 202312)) == (202101, 202112)
    assert p.figure("value").value > 0        # port totals are held (DOT1) for 2023


@pytest.mark.parametrize("ref", REFS)
def test_each_kind_opens(shared_store, ref):
    p = build_profile(shared_store, ref, TradeFilter(period=("2021-01", "2021-12"), country="MX"))
    assert p.kind == ref[0] and p.name and p.breadcrumb and p.details
    assert p.figures, "every kind has key figures"
    assert p.sentence is not None
    json.dumps(p.as_dict())   # plain data


def test_zone_figures_are_labelled_as_the_state_s(shared_store):
    p = build_profile(shared_store, ("zone", "cluster-monterrey"), TradeFilter(period=("2022-01", "2022-12"),
                                                                              country="MX"))
    value = p.figure("value")
    assert value.owner == "Nuevo Leon" and "Nuevo Leon" in value.label.english()
    assert p.membership is not None and "RETC" in p.membership.english()
    assert p.figure("facilities").owner == ""          # the zone's own figure
    assert all(b.owner == "Nuevo Leon" for b in p.breakdowns if b.key in ("ports", "us_states", "modes"))
    assert p.sentence.english().startswith("Monterrey metro lies in Nuevo Leon")
    breadcrumb = [c.label.english() for c in p.breadcrumb]
    assert breadcrumb == ["North America", "Mexico", "Nuevo Leon", "Monterrey metro"]


def test_seaport_says_bts_holds_no_mexican_seaport_trade(shared_store):
    p = build_profile(shared_store, ("seaport", "MXZLO"), TradeFilter(country="MX"))
    assert "no trade for Mexican seaports" in p.sentence.english()
    assert p.breakdown("harbour").rows and p.breakdown("zones_near") is not None
    assert p.figure("value") is None


def test_unknown_kind_and_id_are_refused():
    with pytest.raises(ProfileError):
        resolve(("planet", "X"))
    with pytest.raises(ProfileError):
        resolve(("port", "9999"))
    assert set(KINDS) == {"us-state", "mx-state", "port", "seaport", "zone", "corridor"}


def test_linked_filter_sets_one_field():
    f = TradeFilter(period=("2021-01", "2021-12"), country="MX")
    assert linked_filter(f, "commodities", "87").commodities == ("87",)
    assert linked_filter(f, "modes", "5").modes == ("5",)
    assert linked_filter(f, "period", 2020).period == (202001, 202012)
    assert linked_filter(f, "commodities", "87").country == "MX"


# -- the command line ---------------------------------------------------------------------------------
def _cli(args, capsys):
    from cli.main import main

    code = main(["profile", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_prints_json_and_csv(shared_store_path, capsys):
    code, out, _err = _cli(["port", "2304", "--store", str(shared_store_path), "--from", "2021-01", "--to", "2021-12",
                            "--format", "json"], capsys)
    assert code == 0
    d = json.loads(out)
    assert d["name"] == "Laredo" and d["sentence"].startswith("Laredo handled")
    assert {x["key"] for x in d["figures"]} >= {"value", "yoy", "growth_5y", "share", "rank", "value_per_truck"}
    assert all(x["source"]["source"] for x in d["figures"])
    code, out, _err = _cli(["mx-state", "NL", "--store", str(shared_store_path), "--from", "2015-01", "--to",
                            "2015-01", "--format", "csv"], capsys)
    assert code == 0
    rows = out.splitlines()
    assert rows[0].startswith("section,key,label,code,name,period,value,unit,share,owner,source,note")
    assert any(r.startswith("figure,value,") for r in rows)
    code, _out, err = _cli(["planet", "X", "--store", str(shared_store_path)], capsys)
    assert code == 2 and "Unknown profile kind" in err


# -- the panel ----------------------------------------------------------------------------------------
@pytest.fixture
def panel_window(trade_window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    win = trade_window
    if hasattr(win, "project"):  # closing a changed analysis asks to save it: not in tests
        win.project.ask = lambda box: QMessageBox.Discard
    win.session.update("filter", period=(202101, 202112), country="MX")
    return win


def _open(win, ref, qtbot):
    win.profile_panel.open(ref)
    assert win.profile_panel.wait_charts(30000)
    return win.profile_panel


def test_clicking_a_port_on_the_map_opens_its_profile_and_empty_space_keeps_it(panel_window, qtbot):
    win = panel_window
    hit = win.content.hit_for("ports", "2304")
    win.content.selection.select(hit)
    panel = win.profile_panel
    assert panel.wait_charts(30000)
    assert win.session.get("panel").open == ("port", "2304")
    assert "Laredo" in panel.title.text()
    assert panel.sentence.text().startswith("Laredo handled")
    # the figures shown are the model's
    expected = profile_header(win.session.store, ("port", "2304"), win.session.effective_filter)
    shown = {panel.figures.item(r, 1).data(0x0100): panel.figures.item(r, 1).text()
             for r in range(panel.figures.rowCount())}
    assert shown["value"] == expected.figure("value").display.english()
    assert len(panel.chart_views()) >= 5
    win.content.selection.select(None)      # empty map space
    qtbot.wait(50)
    assert win.session.get("panel").open == ("port", "2304")
    assert "Laredo" in panel.title.text()


def test_back_and_forward_restore_the_previous_panel(panel_window, qtbot):
    win = panel_window
    panel = _open(win, ("port", "2304"), qtbot)
    _open(win, ("mx-state", "NL"), qtbot)
    assert "Nuevo Leon" in panel.title.text()
    panel.go_back()
    assert panel.wait_charts(30000)
    assert win.session.get("panel").open == ("port", "2304") and "Laredo" in panel.title.text()
    panel.go_forward()
    assert panel.wait_charts(30000)
    assert win.session.get("panel").open == ("mx-state", "NL") and "Nuevo Leon" in panel.title.text()
    assert panel.back_button.isEnabled() and not panel.forward_button.isEnabled()


def test_linked_filters_change_the_session_and_clear_cleanly(panel_window, qtbot):
    win = panel_window
    panel = _open(win, ("port", "2304"), qtbot)
    before = win.session.filter
    commodities = next(v for v in panel.chart_views() if v.item.key == "commodities")
    x0, y0, x1, y1, key = commodities.rendered.hits[0]
    assert key == ("commodities", "87")
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(commodities, Qt.LeftButton, pos=QPoint(int((x0 + x1) / 2), int((y0 + y1) / 2)))
    assert win.session.filter.commodities == ("87",)
    assert win.session.theme is not None and "HS 87" in [c.label for c in panel.chips]
    panel.chart_clicked(("modes", "5"))
    assert win.session.filter.modes == ("5",) and len(panel.chips) == 2
    panel.chart_clicked(("year", 2020))
    assert win.session.filter.period == (202001, 202012)
    assert panel.wait_charts(30000)
    for chip in list(panel.chips):
        panel.clear_chip(chip)
    assert win.session.filter == before and panel.chips == []
    assert not panel.chip_box.isVisibleTo(panel)


def test_opening_a_counterpart_from_a_chart(panel_window, qtbot):
    win = panel_window
    win.session.update("filter", period=(202201, 202212))
    panel = _open(win, ("mx-state", "NL"), qtbot)
    ports = next(v for v in panel.chart_views() if v.item.key == "ports")
    key = ports.rendered.hits[0][4]
    assert key[0] == "open" and key[1] == "port"
    panel.chart_clicked(key)
    assert win.session.get("panel").open == ("port", key[2])
    assert win.session.get("panel").back[-1] == ("mx-state", "NL")


@pytest.mark.parametrize("ref", REFS)
def test_each_kind_opens_in_the_panel(panel_window, qtbot, ref):
    panel = _open(panel_window, ref, qtbot)
    assert panel.profile is not None and panel.profile.ref == ref
    assert panel.figures.rowCount() == len(panel.profile.figures)
    assert panel.chart_views() or ref[0] == "seaport"


def test_the_cli_prints_what_the_panel_shows(panel_window, qtbot, shared_store_path, capsys):
    win = panel_window
    win.session.update("filter", modes=("5",))
    panel = _open(win, ("port", "2304"), qtbot)
    code, out, _ = _cli(["port", "2304", "--store", str(shared_store_path), "--from", "2021-01", "--to", "2021-12",
                         "--country", "MX", "--mode", "truck", "--format", "json"], capsys)
    assert code == 0
    from desktop.base.messages import word

    cli = json.loads(out)
    mine = json.loads(json.dumps(panel.profile.as_dict(word)))
    assert cli["sentence"] == mine["sentence"] == panel.sentence.text()
    assert [(x["key"], x["value"], x["text"]) for x in cli["figures"]] == \
        [(x["key"], x["value"], x["text"]) for x in mine["figures"]]
    assert cli["breakdowns"] == mine["breakdowns"]


def test_compare_pins_features_on_one_scale(panel_window, qtbot):
    panel = _open(panel_window, ("port", "2304"), qtbot)
    panel.pin()
    _open(panel_window, ("port", "2506"), qtbot)
    panel.pin()
    assert [p.ref for p in panel.pinned] == [("port", "2304"), ("port", "2506")]
    panel.tabs.setCurrentIndex(1)
    assert panel.compare_table.columnCount() == 3
    assert panel.compare_charts.count() == 3
    panel.unpin(("port", "2506"))
    assert [p.ref for p in panel.pinned] == [("port", "2304")]


def test_tables_and_charts_export(panel_window, qtbot, tmp_path):
    panel = _open(panel_window, ("port", "2304"), qtbot)
    xlsx = panel.export_tables("xlsx", str(tmp_path / "laredo.xlsx"))
    csv_path = panel.export_tables("csv", str(tmp_path / "laredo.csv"))
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    assert len(wb.sheetnames) == len(panel.tables())
    ws = wb[wb.sheetnames[0]]
    header = [ws.cell(row=r, column=1).value for r in range(1, 6)]
    assert any("Filter:" in str(h) for h in header)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "Key figures" in text and "Trade value" in text and "DOT3" in text
    copied = panel.copy_figures()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == copied and "\t" in copied
    view = panel.chart_views()[0]
    for fmt in ("png", "svg", "pdf"):
        out = view.save_chart(fmt, str(tmp_path / f"chart.{fmt}"))
        assert out.stat().st_size > 1000
    bars = next(v for v in panel.chart_views() if v.item.key == "modes")
    t = bars.item.table
    assert any("Source:" in h for h in t.header) and any("US dollars" in h for h in t.header)


def test_details_can_be_added_later(shared_store):
    f = TradeFilter(period=("2021-01", "2021-12"), country="MX")
    h = profile_header(shared_store, ("port", "2304"), f)
    assert not h.details and h.series == []
    full = add_details(h)
    assert full.details and full.get_series("trade_monthly") is not None
    assert [x.key for x in full.figures][:5] == [x.key for x in h.figures][:5]


def test_charts_draw_the_same_in_a_drawing_process(shared_store):
    from desktop.panels.profile_views import chart_items
    from desktop.widgets.charts import ChartRenderer, render

    p = build_profile(shared_store, ("port", "2304"), TradeFilter(period=("2021-01", "2021-12"), country="MX"))
    spec = chart_items(p)[1].spec
    r = ChartRenderer(processes=1)
    try:
        far = r.submit(spec, 400).result(timeout=120)
    finally:
        r.shutdown()
    here = render(spec, 400)
    assert (far.width, far.height) == (here.width, here.height)
    assert [h[4] for h in far.hits] == [h[4] for h in here.hits]
    assert ChartRenderer(processes=0).submit(spec, 400).result().rgba == here.rgba
