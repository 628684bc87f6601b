"""Pre-aggregated rollups of ``freight_all`` (the store's rows and the bundled rows read in
place; DuckDB backend detail).

Each rollup sums ``value, shipwt, freight_charges`` and the record count over
(src, year_month, trade_type, country, mode) plus at most one dimension, dropping DF,
CONTCODE and the other dimensions. A query whose filter + breakdown need only that
dimension reads the rollup (10-20x fewer rows) instead of the fact table; answers are
identical. Rollups are refreshed for the imported (table, month, country) keys inside the
import transaction, so they can never disagree with ``freight``.

The fact rows of a new store are the bundled Parquet files read in place (slower to scan than a
native table), so the DOT1 flows are also a native rollup: :data:`FLOW_MONTH` holds them (US
state x port x Mexican state x mode x trade type, ~half the DOT1 rows) per month; it answers
every flow query and every DOT1 query whose filter + breakdown need only those three
dimensions (a port filter by US state, say). :data:`FLOW_YEAR` holds the same summed over each
calendar year, dated January (``year_month = YYYY01``): a flow query over whole years reads
~9x fewer rows. It is used only when every month range of the plan spans whole years, so the
January-dated rows select exactly the years asked for.

:data:`DOT2_MONTH` does the same for the DOT2 table (US state x commodity x Mexican state x
Canadian province x mode x trade type per month, DF and CONTCODE dropped: ~80% of its rows, but
native): a DOT2 query whose filter + breakdown need two or more of those dimensions (a
commodity filter by Mexican state, say) reads it, ~5 ms where the Parquet rows took ~40 ms
over every month held.
"""

from __future__ import annotations

from typing import Iterable

#: rollup table -> (dimension columns, DOT tables (src ids) that carry them)
ROLLUPS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "agg_base": ((), (1, 2, 3)),
    "agg_port": (("port",), (1, 3)),
    "agg_commodity": (("commodity",), (2, 3)),
    "agg_us_state": (("us_state",), (1, 2)),
    "agg_mx_state": (("mx_state",), (1, 2)),
}
_TYPES = {"port": "port_t", "commodity": "hs2_t", "us_state": "st2_t", "mx_state": "st2_t", "can_prov": "st2_t"}


#: DOT1 flows per month and per calendar year (see the module docstring)
FLOW_MONTH = "agg_flow_month"
FLOW_YEAR = "agg_flow_year"
FLOW_DIMS = frozenset(("us_state", "port", "mx_state"))
#: DOT2 rows per month without DF and CONTCODE (see the module docstring)
DOT2_MONTH = "agg_dot2_month"
DOT2_DIMS = frozenset(("us_state", "commodity", "mx_state", "ca_prov"))


#: the monthly fact rollups: table -> (the DOT table it sums, its code columns)
_MONTHLY: dict[str, tuple[int, tuple[str, ...]]] = {
    FLOW_MONTH: (1, ("us_state", "port", "mx_state")),
    DOT2_MONTH: (2, ("us_state", "commodity", "mx_state", "can_prov")),
}


def create_sql() -> list[str]:
    out = [create_flow_month_sql(), create_flow_year_sql(), create_dot2_month_sql()]
    for name, (dims, _) in ROLLUPS.items():
        out.append(_create_sql(name, dims))
    return out


def _create_sql(name: str, dims: tuple[str, ...]) -> str:
    cols = "".join(f", {d} {_TYPES[d]}" for d in dims)
    return (f"CREATE TABLE {name} (src UTINYINT, year_month INTEGER, trade_type UTINYINT, "
            f"country USMALLINT, mode UTINYINT{cols}, value BIGINT, shipwt BIGINT, "
            f"freight_charges BIGINT, records BIGINT)")


def create_flow_year_sql() -> str:
    return _create_sql(FLOW_YEAR, _MONTHLY[FLOW_MONTH][1])


def create_flow_month_sql() -> str:
    return _create_sql(FLOW_MONTH, _MONTHLY[FLOW_MONTH][1])


def create_dot2_month_sql() -> str:
    return _create_sql(DOT2_MONTH, _MONTHLY[DOT2_MONTH][1])


def only_src(ranges, src: int) -> bool:
    """Whether every ``(src, lo, hi)`` range of a plan reads table ``src`` (1: what
    :data:`FLOW_MONTH` holds, 2: :data:`DOT2_MONTH`)."""
    return bool(ranges) and all(int(s) == src for s, _, _ in ranges)


def _insert_monthly(con, name: str, where: str) -> None:
    # grouped on the codes as text (``*_v``: the bundled Parquet dictionaries, no cast per row);
    # the grouped rows are typed back to the enums as they are inserted
    src, dims = _MONTHLY[name]
    con.execute(f"""
        INSERT INTO {name}
        SELECT src, year_month, trade_type, country, mode, {", ".join(f"{d}_v" for d in dims)},
               sum(value)::BIGINT, coalesce(sum(shipwt), 0)::BIGINT,
               coalesce(sum(freight_charges), 0)::BIGINT, count(*)
        FROM freight_all WHERE src = {src} AND {where}
        GROUP BY ALL ORDER BY year_month, country""")


def fill_dot2(con) -> None:
    """(Re)compute :data:`DOT2_MONTH` from ``freight_all``."""
    con.execute(f"DELETE FROM {DOT2_MONTH}")
    _insert_monthly(con, DOT2_MONTH, "TRUE")


def whole_years(ranges) -> bool:
    """Whether every ``(src, lo, hi)`` range of a plan is DOT1 and spans whole calendar years."""
    return bool(ranges) and all(int(src) == 1 and lo % 100 == 1 and hi % 100 == 12 for src, lo, hi in ranges)


def _insert_flow_year(con, where: str) -> None:
    """The yearly flows summed from :data:`FLOW_MONTH` (the same sums as from the fact rows)."""
    con.execute(f"""
        INSERT INTO {FLOW_YEAR}
        SELECT src, (year_month // 100) * 100 + 1 AS ym, trade_type, country, mode, us_state, port, mx_state,
               sum(value)::BIGINT, sum(shipwt)::BIGINT, sum(freight_charges)::BIGINT, sum(records)::BIGINT
        FROM {FLOW_MONTH} WHERE src = 1 AND {where}
        GROUP BY ALL ORDER BY ym, country""")


def fill_flows(con) -> None:
    """(Re)compute :data:`FLOW_MONTH` and :data:`FLOW_YEAR` from ``freight_all``."""
    con.execute(f"DELETE FROM {FLOW_MONTH}")
    _insert_monthly(con, FLOW_MONTH, "TRUE")
    con.execute(f"DELETE FROM {FLOW_YEAR}")
    _insert_flow_year(con, "TRUE")


def choose(needed: Iterable[str]) -> str | None:
    """The smallest rollup holding every needed dimension, or None (use ``freight_all``, or
    :data:`FLOW_MONTH` / :data:`DOT2_MONTH` when the plan reads DOT1 / DOT2 alone and needs only
    its dimensions)."""
    needed = set(needed)
    if not needed:
        return "agg_base"
    if len(needed) == 1:
        d = next(iter(needed))
        name = f"agg_{d}"
        return name if name in ROLLUPS else None
    return None


def _insert(con, name: str, where: str, params: list) -> None:
    dims, srcs = ROLLUPS[name]
    dcols = "".join(f", {d}_v" for d in dims)   # as text, typed back on insert (see _insert_monthly)
    src_in = ", ".join(str(s) for s in srcs)
    con.execute(f"""
        INSERT INTO {name}
        SELECT src, year_month, trade_type, country, mode{dcols},
               sum(value)::BIGINT, coalesce(sum(shipwt), 0)::BIGINT,
               coalesce(sum(freight_charges), 0)::BIGINT, count(*)
        FROM freight_all WHERE src IN ({src_in}) AND {where}
        GROUP BY ALL ORDER BY src, year_month""", params)


def refresh_keys(con, keys_table: str) -> None:
    """Recompute the rollups for the (src, year_month, country) keys in ``keys_table``."""
    keys = f"(SELECT DISTINCT src, year_month, country FROM {keys_table})"
    for name, (_, srcs) in ROLLUPS.items():
        src_in = ", ".join(str(s) for s in srcs)
        con.execute(f"""DELETE FROM {name} r USING {keys} k
                        WHERE r.src = k.src AND r.year_month = k.year_month AND r.country = k.country""")
        _insert(con, name, f"src IN ({src_in}) AND (src, year_month, country) IN {keys}", [])
    for name in _MONTHLY:
        con.execute(f"""DELETE FROM {name} r USING {keys} k
                        WHERE r.src = k.src AND r.year_month = k.year_month AND r.country = k.country""")
        _insert_monthly(con, name, f"(src, year_month, country) IN {keys}")
    # the yearly flows: every year touched is summed again from all of its months
    years = f"(SELECT DISTINCT src, year_month // 100 AS y, country FROM {keys_table} WHERE src = 1)"
    con.execute(f"""DELETE FROM {FLOW_YEAR} r USING {years} k
                    WHERE r.src = k.src AND r.year_month = k.y * 100 + 1 AND r.country = k.country""")
    _insert_flow_year(con, f"(src, year_month // 100, country) IN {years}")


def rebuild(con) -> None:
    """Recompute every rollup from ``freight_all`` (after a bulk load)."""
    for name in ROLLUPS:
        con.execute(f"DELETE FROM {name}")
        _insert(con, name, "TRUE", [])
    fill_flows(con)
    fill_dot2(con)
