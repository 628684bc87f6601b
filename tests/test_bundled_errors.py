"""A missing or corrupt bundled file gives a clear message naming it, not a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from geo.data.bundled import BundledDataError, data_dir, read_point_table
from tests.conftest import REPO


@pytest.fixture
def data_copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(data_dir(), dst, ignore=shutil.ignore_patterns("store", "*.py"))
    return dst


def test_missing_port_table_is_named(data_copy):
    (data_copy / "ports_of_entry.csv").unlink()
    with pytest.raises(BundledDataError) as exc:
        read_point_table("ports_of_entry", data_copy)
    assert "ports_of_entry.csv" in str(exc.value) and "missing" in str(exc.value)


def test_table_without_needed_columns_is_named(data_copy):
    (data_copy / "seaports.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(BundledDataError) as exc:
        read_point_table("seaports", data_copy)
    assert "seaports.csv" in str(exc.value) and "lon" in str(exc.value)


def test_bad_coordinate_names_the_row(data_copy):
    path = data_copy / "ports_of_entry.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("lat")] = "north"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BundledDataError) as exc:
        read_point_table("ports_of_entry", data_copy)
    assert "row 4" in str(exc.value)


def test_wrong_encoding_is_named(data_copy):
    (data_copy / "industrial_zones.csv").write_bytes("zone_id,name\n1,Ciudad Juárez\n".encode("utf-16"))
    with pytest.raises(BundledDataError) as exc:
        read_point_table("industrial_zones", data_copy)
    assert "industrial_zones.csv" in str(exc.value)


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_app_commands_report_a_broken_basemap_without_traceback(data_copy, damage):
    gpkg = data_copy / "basemap.gpkg.zip"
    if damage == "delete":
        gpkg.unlink()
    else:
        gpkg.write_bytes(gpkg.read_bytes()[:5000])
    env = dict(os.environ, FRONTERA_DATA_DIR=str(data_copy), QT_QPA_PLATFORM="offscreen",
               FRONTERA_CACHE_DIR=str(data_copy / "cache"))
    r = subprocess.run([sys.executable, "-m", "cli", "render", "--out", str(data_copy / "x.png")],
                       capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert r.returncode == 2
    assert "basemap.gpkg" in r.stderr
    assert "Traceback" not in r.stderr
