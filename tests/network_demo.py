"""A small demo company network for the issue-15 tests and screenshots: plants and suppliers in
northern and central Mexico, warehouses and customers in the US, and the lanes between them
(annual value in US$, mode, HS chapter, one assigned port, one domestic and one southbound lane)."""
from __future__ import annotations

from pathlib import Path

FACILITIES_CSV = """id,name,type,latitude,longitude,city,state,country
MTY-P1,Planta Apodaca,plant,25.7817,-100.1886,Apodaca,NL,MX
SAL-P2,Planta Ramos Arizpe,plant,25.5394,-100.9477,Ramos Arizpe,CO,MX
QRO-P3,Planta Querétaro,plant,20.5888,-100.3899,Querétaro,QT,MX
CJS-S1,Proveedor Ciudad Juárez,supplier,31.6904,-106.4245,Juárez,CH,MX
TIJ-S2,Proveedor Tijuana,supplier,32.5149,-117.0382,Tijuana,BC,MX
REY-S3,Proveedor Reynosa,supplier,26.0806,-98.2883,Reynosa,TM,MX
DAL-W1,Dallas DC,warehouse,32.7767,-96.7970,Dallas,TX,US
SAT-W3,San Antonio DC,warehouse,29.4241,-98.4936,San Antonio,TX,US
LAX-W2,Los Angeles DC,warehouse,34.0522,-118.2437,Los Angeles,CA,US
HOU-C1,Houston customer,customer,29.7604,-95.3698,Houston,TX,US
CHI-C2,Chicago customer,customer,41.8781,-87.6298,Chicago,IL,US
DET-C3,Detroit assembly,customer,42.3314,-83.0458,Detroit,MI,US
PHX-C4,Phoenix customer,customer,33.4484,-112.0740,Phoenix,AZ,US
"""

LANES_CSV = """lane id,origen,destino,valor anual,modo,hs,puerto
L01,MTY-P1,DAL-W1,42000000,truck,87,
L02,MTY-P1,CHI-C2,18500000,truck,87,
L03,SAL-P2,DET-C3,35000000,rail,87,
L04,SAL-P2,DET-C3,9200000,truck,87,
L05,CJS-S1,DAL-W1,12400000,truck,85,
L06,CJS-S1,PHX-C4,6800000,truck,85,
L07,TIJ-S2,LAX-W2,15600000,truck,85,
L08,QRO-P3,HOU-C1,21000000,rail,84,
L09,QRO-P3,SAT-W3,8900000,truck,84,2304
L10,REY-S3,HOU-C1,7300000,truck,39,
L11,DAL-W1,HOU-C1,3000000,truck,87,
L12,CHI-C2,MTY-P1,5500000,truck,84,
"""

#: the lanes above: id -> (from, to, value, mode)
LANES = {ln.split(",")[0]: (ln.split(",")[1], ln.split(",")[2], float(ln.split(",")[3]), ln.split(",")[4])
         for ln in LANES_CSV.strip().splitlines()[1:]}


def write_demo(folder: Path) -> tuple[Path, Path]:
    """The demo's facilities and lanes files in ``folder``."""
    folder = Path(folder)
    fac, lanes = folder / "demo_facilities.csv", folder / "demo_lanes.csv"
    fac.write_text(FACILITIES_CSV, encoding="utf-8")
    lanes.write_text(LANES_CSV, encoding="utf-8")
    return fac, lanes


def demo_network():
    """The demo as a :class:`geo.network.model.Network` (read through the importers)."""
    import tempfile

    from geo.network.facilities import import_facilities
    from geo.network.lanes import import_lanes
    from geo.network.model import Network

    with tempfile.TemporaryDirectory() as tmp:
        fac, lanes = write_demo(Path(tmp))
        net = Network(dict(import_facilities(fac).facilities))
        return import_lanes(lanes, net).apply(net)
