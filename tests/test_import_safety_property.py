"""Issue 9, property: random slices, splits, duplicates and changed copies of a real BTS file,
imported in random order (merging or replacing) with undos, always leave the store holding
exactly what the user accepted - a simple model of the rules - and never a doubled row."""

from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.imports import UndoRefused
from geo.store import DuckDBStore
from tests.conftest_store import files_2021, requires_shared

pytestmark = requires_shared
N_LINES = 60   # data lines taken from each of two real months


def _lines():
    out = []
    for f in files_2021()[:2]:
        text = f.read_text().splitlines()
        header = text[0]
        rng = random.Random(7)
        out += rng.sample(text[1:], N_LINES)
    return header, out


def _parse(line: str):
    p = line.split(",")
    key = (int(p[0]), p[1], p[2], int(p[3]), int(p[4]), int(p[8]) if p[8] else None, p[9] or None,
           int(p[11]) * 100 + int(p[10]))
    vals = tuple(int(x) if x else None for x in p[5:8])
    return key, vals


def _slice(key):
    return (key[7], key[4])


def _changed(line: str, bump: int) -> str:
    p = line.split(",")
    p[5] = str(int(p[5]) + bump)
    return ",".join(p)


def _stored(store) -> dict:
    rows = store._cur().execute(
        "SELECT trade_type, CAST(port AS VARCHAR), CAST(commodity AS VARCHAR), mode, country, df, "
        "CAST(contcode AS VARCHAR), year_month, value, shipwt, freight_charges FROM freight_all").fetchall()
    out = {}
    for r in rows:
        k = tuple(r[:8])
        assert k not in out, f"doubled key {k}"
        out[k] = tuple(r[8:])
    return out


_import = st.fixed_dictionaries({
    "op": st.just("import"),
    "pick": st.lists(st.integers(0, 2 * N_LINES - 1), min_size=1, max_size=2 * N_LINES),
    "bump": st.sampled_from([0, 0, 7]),           # 7: a corrected copy (values changed)
    "split": st.booleans(),                       # two files, overlapping by a few lines
    "second_bump": st.sampled_from([0, 3]),       # 3: the second file disagrees (a conflict)
    "dup": st.booleans(),                         # repeat some lines within the file
    "replace": st.sampled_from([False, False, True]),
})
_undo = st.fixed_dictionaries({"op": st.just("undo"), "which": st.integers(0, 20)})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ops=st.lists(st.one_of(_import, _import, _undo), min_size=1, max_size=7))
def test_store_always_equals_the_accepted_model(tmp_path_factory, ops):
    header, lines = _lines()
    tmp = tmp_path_factory.mktemp("prop")
    store = DuckDBStore(tmp / "s.duckdb")
    model: dict = {}
    log: list[dict] = []          # per import: id, slices, before (slice state), hashes, active
    try:
        for n, op in enumerate(ops):
            if op["op"] == "import":
                chosen = [_changed(lines[i], op["bump"]) if op["bump"] else lines[i] for i in op["pick"]]
                if op["dup"]:
                    chosen = chosen + chosen[: max(1, len(chosen) // 3)]
                if op["split"] and len(chosen) > 1:
                    half = len(chosen) // 2
                    a = chosen[: half + 2]
                    b = [_changed(x, op["second_bump"]) if op["second_bump"] else x for x in chosen[half:]]
                    parts = [a, b]
                else:
                    parts = [chosen]
                paths, contents = [], []
                for j, part in enumerate(parts):
                    data = ("\n".join([header, *part]) + "\n").encode()
                    p = tmp / f"f{n}_{j}.csv"
                    p.write_bytes(data)
                    paths.append(p)
                    contents.append(data)
                rep = store.import_files(paths, replace=op["replace"], write_report=False)
                # the model: skip content already imported (unless replacing), combine the files,
                # exact repeats once, the largest value of a key wins, merge (or replace slices)
                active = {h for e in log if e["active"] for h in e["hashes"]}
                seen, rows = set(), []
                for data, part in zip(contents, parts):
                    h = hashlib.sha256(data).hexdigest()
                    if h in seen or (h in active and not op["replace"]):
                        continue
                    seen.add(h)
                    rows += [_parse(x) for x in part]
                if not rows:
                    assert rep.import_id is None
                    continue
                best: dict = {}
                for k, v in rows:
                    if k not in best or tuple(-1 if x is None else x for x in v) > \
                            tuple(-1 if x is None else x for x in best[k]):
                        best[k] = v
                slices = {_slice(k) for k in best}
                before = {k: v for k, v in model.items() if _slice(k) in slices}
                if op["replace"]:
                    for k in list(before):
                        del model[k]
                model.update(best)
                assert rep.import_id is not None
                log.append({"id": rep.import_id, "slices": slices, "before": before, "hashes": seen,
                            "active": True})
            else:
                if not log:
                    continue
                e = log[op["which"] % len(log)]
                later = [x for x in log if x["active"] and x["id"] > e["id"] and x["slices"] & e["slices"]]
                if not e["active"] or later:
                    with pytest.raises(UndoRefused):
                        store.undo_import(e["id"])
                    continue
                store.undo_import(e["id"])
                for k in [k for k in model if _slice(k) in e["slices"]]:
                    del model[k]
                model.update(e["before"])
                e["active"] = False
            assert _stored(store) == model
            # the rollups agree with the fact table after every step
            agg = store._cur().execute("SELECT coalesce(sum(value), 0) FROM agg_base").fetchone()[0]
            assert agg == sum(v[0] for v in model.values())
    finally:
        store.close()
