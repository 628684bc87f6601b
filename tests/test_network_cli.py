"""Issue 15: the command line (frontera facilities import / lanes, frontera exposure) and the
network inside the project file."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3

from cli.main import main
from geo.network.model import FACILITY_TABLE, LANE_TABLE, Network
from geo.session.project import SCHEMA_VERSION, read_project


def _files(tmp_path):
    sup = tmp_path / "proveedores.csv"
    sup.write_bytes("clave;nombre;tipo;ciudad;estado;pais;gasto\n"
                    "P1;Planta Monterrey;planta;Monterrey;NL;MX;1.234,5\n"
                    "S2;Plásticos Juárez;proveedor;Ciudad Juárez;Chih.;MX;abc\n"
                    "S3;Proveedor San Nicolás;proveedor;San Nicolás;;MX;\n"
                    "C1;Cliente Dallas;cliente;Dallas;TX;US;\n"
                    "C1;Otra vez;cliente;Dallas;TX;US;\n".encode("latin-1"))
    lanes = tmp_path / "lanes.csv"
    lanes.write_text("id,from,to,value,mode\nL1,P1,C1,820000,truck\nL2,S2,C1,180000,truck\n", encoding="utf-8")
    return sup, lanes


def test_facilities_import_prints_counts_and_writes_a_row_report(tmp_path, capsys):
    sup, lanes = _files(tmp_path)
    proj = tmp_path / "net.frontera"
    assert main(["facilities", "import", str(sup), "--project", str(proj), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["placed"], info["geocoded"], info["review"], info["rejected"]) == (0, 3, 1, 1)
    assert info["review_rows"][0]["id"] == "S3"
    assert "already appears on line 5" in info["rejected_rows"][0]["reasons"][0]
    with open(info["report"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows] == ["geocoded", "geocoded", "review", "geocoded", "rejected"]
    net = Network.from_tables(read_project(proj).tables)
    assert net.facilities["S2"].name == "Plásticos Juárez"          # accents intact through Latin-1
    assert net.facilities["P1"].attr("spend") == 1234.5                # "gasto" is spend; 1.234,5 read right
    assert net.facilities["S3"].located == "review" and net.facilities["S3"].lon is None

    assert main(["facilities", "lanes", str(lanes), "--project", str(proj)]) == 0
    out = capsys.readouterr().out
    assert "2 lanes imported" in out and "2 added" in out

    assert main(["exposure", "--project", str(proj), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    table = list(csv.DictReader(io.StringIO(captured.out)))
    assert table[0]["port"] == "2304" and float(table[0]["share"]) == 0.82
    assert sum(float(r["value_usd"]) for r in table) == 1_000_000
    assert "82% of cross-border value relies on one port" in captured.err


def test_text_output_and_a_bad_mapping(tmp_path, capsys):
    sup, _ = _files(tmp_path)
    proj = tmp_path / "p.frontera"
    assert main(["facilities", "import", str(sup), "--project", str(proj), "--map", "ciudad=city",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "0 placed, 3 geocoded, 1 need review, 1 rejected" in out and not proj.exists()
    assert main(["facilities", "import", str(sup), "--project", str(proj), "--map", "nope=city"]) == 2
    assert "has no column nope" in capsys.readouterr().err


def test_a_project_with_a_network_copied_elsewhere_reopens_with_it(tmp_path, capsys):
    sup, lanes = _files(tmp_path)
    proj = tmp_path / "a" / "net.frontera"
    proj.parent.mkdir()
    main(["facilities", "import", str(sup), "--project", str(proj)])
    main(["facilities", "lanes", str(lanes), "--project", str(proj)])
    capsys.readouterr()
    other = tmp_path / "mailed" / "copy.frontera"
    other.parent.mkdir()
    shutil.copyfile(proj, other)
    shutil.rmtree(proj.parent)
    p = read_project(other)
    net = Network.from_tables(p.tables)
    assert set(net.facilities) == {"P1", "S2", "S3", "C1"} and set(net.lanes) == {"L1", "L2"}
    assert net.lanes["L1"].value == 820000.0
    assert main(["exposure", "--project", str(other)]) == 0
    assert json.loads(capsys.readouterr().out)["cross_border_value"] == 1_000_000


def test_a_schema_1_project_opens_with_an_empty_network(tmp_path):
    from geo.session.model import Session
    from geo.session.project import Project, write_project

    path = tmp_path / "old.frontera"
    write_project(path, Project(Session().to_dict()))
    con = sqlite3.connect(path)               # make it the previous version: no company tables
    con.execute(f"DROP TABLE {FACILITY_TABLE}")
    con.execute(f"DROP TABLE {LANE_TABLE}")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    con.commit()
    con.close()
    assert SCHEMA_VERSION == 2
    p = read_project(path)
    assert p.tables[FACILITY_TABLE][1] == [] and p.tables[LANE_TABLE][1] == []
    assert not Network.from_tables(p.tables)
    write_project(path, p)                    # saved again at the current schema
    assert read_project(path).meta["schema"] == "2"
