"""Store-side safety of an import: merge by key, consent for replacing slices, history, undo.

Inside the import transaction, the staged rows of every file of one kind sit in one
incoming table (``_in_freight`` / ``_in_cross``) with their file index ``_f`` and good-record
index ``_k`` (for line numbers). Then, all in DuckDB SQL:

1. :func:`dedupe` - exact duplicate rows count once (reported by line); a key with several
   values keeps the largest (reported by line, with the rule).
2. :func:`plan` - the stored rows of the slices the files touch (TransBorder: table x month x
   partner; Border Crossing: month), each flagged with the incoming row of the same key.
   Stored keys the files lack are the *loss* of replacing those slices whole.
3. :func:`apply` - stored rows with an incoming key (and, with consent, the whole slices)
   move to ``<table>_replaced`` tagged with the import id; the incoming rows are inserted
   tagged with it. Nothing is deleted for good until :func:`purge`.

:func:`undo` restores exactly the state before an import, as long as no later import still
in force touched the same slices (undo that one first).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.imports import crossings as _cx
from geo.imports import transborder as _tb
from geo.imports.csvread import LineMap
from geo.imports.report import FileResult, ImportFailed, Issue, SliceLoss, issue

__all__ = ["Spec", "FREIGHT", "CROSSINGS", "dedupe", "plan", "apply", "apply_ports", "undo", "purge",
           "history", "active_hashes", "next_import_id", "UndoRefused"]

_SRC_KIND = {1: "DOT1", 2: "DOT2", 3: "DOT3"}
_NOT_NULL = {"src", "year_month", "trade_type", "country", "mode", "port_code", "measure"}


class UndoRefused(ImportFailed):
    """An import cannot be undone (unknown, already undone, purged, or a later import
    touched the same data); the message says which and what to do."""


@dataclass(frozen=True)
class Spec:
    name: str
    table: str
    incoming: str
    keys: tuple[str, ...]
    values: tuple[str, ...]
    slice: tuple[str, ...]

    def cols(self) -> tuple[str, ...]:
        return self.keys + self.values

    def key_match(self, a: str, b: str) -> str:
        return " AND ".join(f"{a}.{k} = {b}.{k}" if k in _NOT_NULL else f"{a}.{k} IS NOT DISTINCT FROM {b}.{k}"
                            for k in self.keys)

    def slice_match(self, a: str, b: str) -> str:
        return " AND ".join(f"{a}.{k} = {b}.{k}" for k in self.slice)


FREIGHT = Spec("freight", "freight", _tb.INCOMING, _tb.KEY_COLS, _tb.VALUE_COLS, ("src", "year_month", "country"))
CROSSINGS = Spec("crossings", "crossings", _cx.INCOMING, ("port_code", "year_month", "measure"), ("value",),
                 ("year_month",))
SPECS = (FREIGHT, CROSSINGS)


def _fmt_ym(ym: int) -> str:
    return f"{ym // 100}-{ym % 100:02d}"


def _key_text(spec: Spec, key: dict) -> str:
    if spec is CROSSINGS:
        return f"port {key['port_code']}, {_fmt_ym(key['year_month'])}, {key['measure']}"
    parts = [_SRC_KIND.get(key["src"], "?"), _fmt_ym(key["year_month"])]
    for k, label in (("trade_type", "trade type"), ("country", "country"), ("mode", "mode"),
                     ("us_state", "US state"), ("port", "port"), ("mx_state", "MX state"),
                     ("can_prov", "province"), ("commodity", "HS"), ("df", "DF"), ("contcode", "CONTCODE")):
        if key.get(k) is not None:
            parts.append(f"{label} {key[k]}")
    return "the key " + " ".join(parts[:2]) + " (" + ", ".join(parts[2:]) + ")"


def dedupe(con, spec: Spec, files: dict[int, tuple[str, LineMap]],
           results: dict[int, FileResult]) -> tuple[list[Issue], list[str]]:
    """Drop exact duplicates and the losing rows of conflicting keys from the incoming table.

    Returns (issues, notices); counts go to ``results[_f].rows_duplicate / rows_conflict``."""
    keys = ", ".join(spec.keys)
    vals = ", ".join(spec.values)
    # candidates by a 64-bit hash of the key (one column to group), then exact groups
    con.execute(f"CREATE OR REPLACE TEMP TABLE _kh AS SELECT h FROM (SELECT hash({keys}) AS h "
                f"FROM {spec.incoming}) GROUP BY h HAVING count(*) > 1")
    groups = []
    if con.execute("SELECT count(*) FROM _kh").fetchone()[0]:
        groups = con.execute(
            f"SELECT {keys}, list(struct_pack(f := _f, k := _k, {', '.join(f'{v} := {v}' for v in spec.values)}) "
            f"ORDER BY _f, _k) FROM {spec.incoming} WHERE hash({keys}) IN (SELECT h FROM _kh) "
            f"GROUP BY {keys} HAVING count(*) > 1").fetchall()
    con.execute("DROP TABLE _kh")
    if not groups:
        return [], []
    issues: list[Issue] = []
    losers: list[tuple[int, int]] = []
    n_conflict_keys = 0

    def where(f: int, k: int, here: int) -> str:
        disp, lm = files[f]
        ln = lm.line_of(k)
        return f"line {ln}" if f == here else f"{Path(disp).name} line {ln}"

    for row in groups:
        key = dict(zip(spec.keys, row[:len(spec.keys)]))
        members = row[len(spec.keys)]
        vals_of = [tuple(m[v] for v in spec.values) for m in members]
        distinct = len(set(vals_of)) > 1
        if distinct:
            n_conflict_keys += 1
        # the rule: the largest value wins (then the first line); exact repeats count once
        order = sorted(range(len(members)), key=lambda i: (
            tuple(-(x if x is not None else -1) for x in vals_of[i]), members[i]["f"], members[i]["k"]))
        win = order[0]
        first_of: dict[tuple, int] = {}
        for i in sorted(range(len(members)), key=lambda i: (members[i]["f"], members[i]["k"])):
            first_of.setdefault(vals_of[i], i)
        for i in range(len(members)):
            if i == win:
                continue
            m = members[i]
            disp, lm = files[m["f"]]
            ln = lm.line_of(m["k"])
            losers.append((m["f"], m["k"]))
            if vals_of[i] == vals_of[win] or (not distinct):
                j = first_of[vals_of[i]] if first_of[vals_of[i]] != i else win
                issues.append(issue("row.duplicate", disp, ln,
                                    first=where(members[j]["f"], members[j]["k"], m["f"])))
                results[m["f"]].rows_duplicate += 1
            else:
                w = members[win]
                col = "Value" if spec is CROSSINGS else "VALUE"
                kt = _key_text(spec, key)
                issues.append(issue(
                    "row.conflict", disp, ln, key=kt[0].upper() + kt[1:],
                    other=where(w["f"], w["k"], m["f"]), column=col, other_value=f"{w[spec.values[0]]:,}",
                    rule=(f"rule: when lines share a key with different values the largest value is kept, "
                          f"so {w[spec.values[0]]:,} was stored and this line's {m[spec.values[0]]:,} was not")))
                results[m["f"]].rows_conflict += 1
    con.execute("CREATE OR REPLACE TEMP TABLE _losers (f SMALLINT, k BIGINT)")
    con.executemany("INSERT INTO _losers VALUES (?, ?)", losers) if len(losers) < 50 else \
        con.execute("INSERT INTO _losers SELECT unnest(?::SMALLINT[]), unnest(?::BIGINT[])",
                    [[a for a, _ in losers], [b for _, b in losers]])
    con.execute(f"DELETE FROM {spec.incoming} i USING _losers l WHERE i._f = l.f AND i._k = l.k")
    con.execute("DROP TABLE _losers")
    notices = []
    if n_conflict_keys:
        notices.append(f"{n_conflict_keys:,} key(s) appear with different values "
                       f"(listed by line); rule applied: the largest value is kept, the other lines are not loaded")
    n_dup = sum(1 for i in issues if i.code == "row.duplicate")
    if n_dup:
        notices.append(f"{n_dup:,} exact duplicate line(s) (listed by line) were counted once")
    del vals
    return issues, notices


def plan(con, spec: Spec, files: dict[int, tuple[str, LineMap]]) -> list[SliceLoss]:
    """Flag the stored rows of the touched slices (``_old_<name>``); return the losses of
    replacing those slices whole (stored keys the incoming rows lack)."""
    sl = ", ".join(spec.slice)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _sl_{spec.name} AS SELECT DISTINCT {sl} FROM {spec.incoming}")
    same = " AND ".join(f"i.{v} IS NOT DISTINCT FROM f.{v}" for v in spec.values)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _old_{spec.name} AS
        SELECT f.*, i._f AS by_f, coalesce({same}, false) AS same
        FROM (SELECT t.rowid AS rid, t.* FROM {spec.table} t SEMI JOIN _sl_{spec.name} s
              ON {spec.slice_match('t', 's')}) f
        LEFT JOIN {spec.incoming} i ON {spec.key_match('f', 'i')}""")
    lost = con.execute(f"""
        SELECT {sl}, count(*), coalesce(sum(value), 0)::BIGINT FROM _old_{spec.name}
        WHERE by_f IS NULL GROUP BY ALL ORDER BY ALL""").fetchall()
    if not lost:
        return []
    cover = {tuple(r[:-1]): r[-1] for r in con.execute(
        f"SELECT {sl}, list(DISTINCT _f ORDER BY _f) FROM {spec.incoming} GROUP BY ALL").fetchall()}
    out = []
    for r in lost:
        sk = tuple(r[:len(spec.slice)])
        fs = tuple(files[f][0] for f in cover.get(sk, []))
        if spec is FREIGHT:
            src, ym, country = sk
            out.append(SliceLoss(_SRC_KIND.get(src, "?"), ym, country, fs, int(r[-2]), int(r[-1])))
        else:
            out.append(SliceLoss("CROSSINGS", sk[0], None, fs, int(r[-2]), int(r[-1])))
    return out


def apply(con, spec: Spec, import_id: int, replace: bool, results: dict[int, FileResult]) -> int:
    """Move the replaced stored rows to ``<table>_replaced``, insert the incoming rows.
    Returns the number of stored rows deleted for lack of a key in the files (replace)."""
    old = f"_old_{spec.name}"
    cond = "TRUE" if replace else "by_f IS NOT NULL"
    cols = ", ".join(spec.cols())
    con.execute(f"INSERT INTO {spec.table}_replaced ({cols}, import_id, replaced_by) "
                f"SELECT {cols}, import_id, {int(import_id)} FROM {old} WHERE {cond}")
    con.execute(f"DELETE FROM {spec.table} WHERE rowid IN (SELECT rid FROM {old} WHERE {cond})")
    con.execute(f"INSERT INTO {spec.table} ({cols}, import_id) SELECT {cols}, {int(import_id)} FROM {spec.incoming}")
    for f, n_same, n_changed in con.execute(
            f"SELECT by_f, count(*) FILTER (WHERE same), count(*) FILTER (WHERE NOT same) FROM {old} "
            f"WHERE by_f IS NOT NULL GROUP BY 1").fetchall():
        results[f].rows_unchanged += int(n_same)
        results[f].rows_replaced += int(n_changed)
    for f, n in con.execute(f"SELECT _f, count(*) FROM {spec.incoming} GROUP BY 1").fetchall():
        r = results[f]
        r.rows_loaded = int(n)
        r.rows_added = int(n) - r.rows_unchanged - r.rows_replaced
    deleted = 0
    if replace:
        sl = ", ".join(spec.slice)
        for f, n in con.execute(f"""
                SELECT c.f, sum(o.n)::BIGINT FROM
                  (SELECT {sl}, count(*) AS n FROM {old} WHERE by_f IS NULL GROUP BY ALL) o
                JOIN (SELECT {sl}, min(_f) AS f FROM {spec.incoming} GROUP BY ALL) c
                  ON {spec.slice_match('o', 'c')} GROUP BY 1""").fetchall():
            results[f].rows_deleted += int(n)
            deleted += int(n)
    if spec is FREIGHT:
        con.execute(f"INSERT INTO import_slices SELECT {int(import_id)}, src, year_month, country FROM _sl_freight")
        con.execute("INSERT INTO _import_keys SELECT src, year_month, country FROM _sl_freight")
    else:
        con.execute(f"INSERT INTO import_slices SELECT {int(import_id)}, 0, year_month, 0 FROM _sl_crossings")
    con.execute(f"DROP TABLE {old}")
    con.execute(f"DROP TABLE _sl_{spec.name}")
    return deleted


_PORT_COLS = ("port_code", "port_name", "state", "border", "latitude", "longitude", "name_ym")


def apply_ports(con, import_id: int) -> None:
    """Upsert port attributes: a file's latest month decides; a file older than the stored
    name never overwrites it (it may only fill missing coordinates)."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _np AS
        SELECT port_code, arg_max(port_name, name_ym) AS port_name, arg_max(state, name_ym) AS state,
               arg_max(border, name_ym) AS border,
               arg_max(latitude, name_ym) FILTER (WHERE latitude IS NOT NULL) AS latitude,
               arg_max(longitude, name_ym) FILTER (WHERE longitude IS NOT NULL) AS longitude,
               max(name_ym) AS name_ym
        FROM {_cx.INCOMING_PORTS} GROUP BY 1""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _pp AS
        WITH j AS (
            SELECT n.*, o.rid, o.port_name AS o_name, o.state AS o_state, o.border AS o_border,
                   o.latitude AS o_lat, o.longitude AS o_lon, o.name_ym AS o_ym,
                   (o.rid IS NULL OR n.name_ym >= coalesce(o.name_ym, 0)) AS newer
            FROM _np n LEFT JOIN (SELECT rowid AS rid, * FROM crossing_ports) o ON o.port_code = n.port_code)
        SELECT port_code, rid,
               CASE WHEN newer THEN port_name ELSE o_name END AS port_name,
               CASE WHEN newer THEN state ELSE o_state END AS state,
               CASE WHEN newer THEN border ELSE o_border END AS border,
               CASE WHEN newer THEN coalesce(latitude, o_lat) ELSE coalesce(o_lat, latitude) END AS latitude,
               CASE WHEN newer THEN coalesce(longitude, o_lon) ELSE coalesce(o_lon, longitude) END AS longitude,
               CASE WHEN o_ym IS NULL THEN name_ym ELSE greatest(name_ym, o_ym) END AS name_ym,
               o_name, o_state, o_border, o_lat, o_lon, o_ym
        FROM j""")
    con.execute("""DELETE FROM _pp WHERE rid IS NOT NULL AND port_name IS NOT DISTINCT FROM o_name
                   AND state IS NOT DISTINCT FROM o_state AND border IS NOT DISTINCT FROM o_border
                   AND latitude IS NOT DISTINCT FROM o_lat AND longitude IS NOT DISTINCT FROM o_lon
                   AND name_ym IS NOT DISTINCT FROM o_ym""")
    cols = ", ".join(_PORT_COLS)
    con.execute(f"INSERT INTO crossing_ports_replaced ({cols}, import_id, replaced_by) "
                f"SELECT {cols}, import_id, {int(import_id)} FROM crossing_ports "
                f"WHERE rowid IN (SELECT rid FROM _pp WHERE rid IS NOT NULL)")
    con.execute("DELETE FROM crossing_ports WHERE rowid IN (SELECT rid FROM _pp WHERE rid IS NOT NULL)")
    con.execute(f"INSERT INTO crossing_ports ({cols}, import_id) SELECT {cols}, {int(import_id)} FROM _pp")
    con.execute("DROP TABLE _pp")
    con.execute("DROP TABLE _np")


# -- history ---------------------------------------------------------------------------------
def next_import_id(con) -> int:
    return int(con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM import_history").fetchone()[0])


def active_hashes(con, hashes) -> dict[str, tuple[int, object]]:
    """sha256 -> (import id, imported_at) for files of imports still in force."""
    hashes = [h for h in hashes if h]
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT f.sha256, h.import_id, h.imported_at FROM import_files f JOIN import_history h "
        "USING (import_id) WHERE h.status = 'active' AND f.sha256 IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY h.import_id", [hashes]).fetchall()
    return {h: (i, t) for h, i, t in rows}


def history(con) -> list[dict]:
    """Every import, newest first, with its files."""
    files: dict[int, list[dict]] = {}
    for r in con.execute("SELECT import_id, file, sha256, kind, rows_loaded, rows_rejected, rows_duplicate, "
                         "rows_replaced, rows_deleted, periods FROM import_files ORDER BY import_id, rowid").fetchall():
        files.setdefault(r[0], []).append(dict(zip(
            ("file", "sha256", "kind", "rows_loaded", "rows_rejected", "rows_duplicate", "rows_replaced",
             "rows_deleted", "periods"), r[1:])))
    kept = dict(con.execute(
        "SELECT replaced_by, sum(n)::BIGINT FROM (SELECT replaced_by, count(*) n FROM freight_replaced GROUP BY 1 "
        "UNION ALL SELECT replaced_by, count(*) FROM crossings_replaced GROUP BY 1) GROUP BY 1").fetchall())
    out = []
    for r in con.execute("SELECT import_id, imported_at, status, replace, files, rows_added, rows_replaced, "
                         "rows_unchanged, rows_deleted, rows_rejected, summary, undone_at, purged_at "
                         "FROM import_history ORDER BY import_id DESC").fetchall():
        d = dict(zip(("import_id", "imported_at", "status", "replace", "n_files", "rows_added", "rows_replaced",
                      "rows_unchanged", "rows_deleted", "rows_rejected", "summary", "undone_at", "purged_at"), r))
        d["files"] = files.get(d["import_id"], [])
        d["rows_kept_for_undo"] = int(kept.get(d["import_id"], 0))
        out.append(d)
    return out


def _check_undo(con, import_id: int) -> dict:
    row = con.execute("SELECT status, purged_at, imported_at FROM import_history WHERE import_id = ?",
                      [import_id]).fetchone()
    if row is None:
        raise UndoRefused(f"There is no import #{import_id}; 'frontera imports list' shows them.")
    status, purged, when = row
    if status != "active":
        raise UndoRefused(f"Import #{import_id} was already undone.")
    if purged is not None:
        raise UndoRefused(f"Import #{import_id} cannot be undone: the rows it replaced were purged.")
    later = con.execute("""
        SELECT DISTINCT b.import_id FROM import_slices a JOIN import_slices b
          ON a.src = b.src AND a.year_month = b.year_month AND a.country = b.country
        JOIN import_history h ON h.import_id = b.import_id
        WHERE a.import_id = ? AND b.import_id > ? AND h.status = 'active'
        UNION
        SELECT DISTINCT r.replaced_by FROM (
            SELECT replaced_by, import_id FROM freight_replaced UNION ALL
            SELECT replaced_by, import_id FROM crossings_replaced UNION ALL
            SELECT replaced_by, import_id FROM crossing_ports_replaced) r
        WHERE r.import_id = ? AND r.replaced_by <> ?
        ORDER BY 1""", [import_id, import_id, import_id, import_id]).fetchall()
    if later:
        ids = ", ".join(f"#{r[0]}" for r in later)
        raise UndoRefused(f"Import #{import_id} cannot be undone yet: later import(s) {ids} changed the same "
                          f"months; undo {ids} first (newest first).")
    return {"imported_at": when}


def undo(con, import_id: int, after_load=None) -> dict:
    """Undo import ``import_id`` exactly (one transaction). Returns counts."""
    import_id = int(import_id)
    con.execute("BEGIN TRANSACTION")
    try:
        _check_undo(con, import_id)
        con.execute("CREATE OR REPLACE TEMP TABLE _import_keys (src UTINYINT, year_month INTEGER, country USMALLINT)")
        con.execute("INSERT INTO _import_keys SELECT src, year_month, country FROM import_slices "
                    "WHERE import_id = ? AND src > 0", [import_id])
        counts = {}
        for spec in SPECS:
            cols = ", ".join(spec.cols())
            removed = con.execute(f"DELETE FROM {spec.table} WHERE import_id = ?", [import_id]).fetchone()[0]
            restored = con.execute(f"INSERT INTO {spec.table} ({cols}, import_id) SELECT {cols}, import_id "
                                   f"FROM {spec.table}_replaced WHERE replaced_by = ?", [import_id]).fetchone()[0]
            con.execute(f"DELETE FROM {spec.table}_replaced WHERE replaced_by = ?", [import_id])
            counts[spec.name] = {"removed": int(removed or 0), "restored": int(restored or 0)}
        cols = ", ".join(_PORT_COLS)
        con.execute("DELETE FROM crossing_ports WHERE import_id = ?", [import_id])
        con.execute(f"INSERT INTO crossing_ports ({cols}, import_id) SELECT {cols}, import_id "
                    f"FROM crossing_ports_replaced WHERE replaced_by = ?", [import_id])
        con.execute("DELETE FROM crossing_ports_replaced WHERE replaced_by = ?", [import_id])
        con.execute("UPDATE import_history SET status = 'undone', undone_at = current_timestamp "
                    "WHERE import_id = ?", [import_id])
        con.execute("INSERT INTO import_log VALUES (current_timestamp, ?, 'UNDO', 0, 0, 0, '')",
                    [f"undo of import #{import_id}"])
        if after_load is not None:
            after_load(con, "_import_keys")
        con.execute("DROP TABLE _import_keys")
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except Exception:
            pass
        raise
    return counts


def purge(con, import_id: int | None = None) -> int:
    """Delete for good the rows replaced by import ``import_id`` (all imports: None).
    Those imports can no longer be undone. Returns the number of rows purged."""
    con.execute("BEGIN TRANSACTION")
    try:
        where, params = ("WHERE replaced_by = ?", [int(import_id)]) if import_id is not None else ("", [])
        ids = [r[0] for r in con.execute(
            f"SELECT DISTINCT replaced_by FROM (SELECT replaced_by FROM freight_replaced {where} UNION ALL "
            f"SELECT replaced_by FROM crossings_replaced {where} UNION ALL "
            f"SELECT replaced_by FROM crossing_ports_replaced {where})", params * 3).fetchall()]
        n = 0
        for t in ("freight_replaced", "crossings_replaced", "crossing_ports_replaced"):
            n += int(con.execute(f"DELETE FROM {t} {where}", params).fetchone()[0] or 0)
        if ids:
            con.execute("UPDATE import_history SET purged_at = current_timestamp WHERE status = 'active' "
                        "AND purged_at IS NULL AND import_id IN (SELECT unnest(?::INTEGER[]))", [ids])
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except Exception:
            pass
        raise
    return n
