"""Trade-flow overlay model: two-leg flows joined at the port of entry (pure Python + numpy).

From BTS DOT1 rows (US state x port x Mexican state x mode x trade type, see
``Store.flow_triples``) :func:`build_flows` makes one flow per row:

- export: US state -> port -> Mexican state (the Mexican state of destination is recorded);
- import: Mexico -> port -> US state. BTS records no Mexican state for imports and the US
  state is the importer of record, so the first leg is a short stub from the Mexican side of
  the port, labelled "Mexico (state of origin not recorded)", and the US end is flagged as
  the importer of record.

Unknown states (XX/OT/DU, blank) become the same kind of stub on their country's side of the
port, so every dollar through a located port is drawn. Rows whose port has no location
(``70XX`` low-valued shipments, unlocated ports) are not drawn; they are counted in the
:class:`Remainder` with the reason.

State ends sit at the state's anchor city and port ends at the port (``data/place_anchors.csv``,
built by ``data/build_anchors.py``). Geometry is in map metres (``geo.core.projection``).

Drawing model: the flows sharing a leg (same origin and port, or same port and destination)
are stacked side by side like a Sankey bundle, so a leg's width is the sum of its flows and
each flow keeps its own band (hover shows one flow). Bands are quadratic Béziers bent to the
right of travel; the last leg tapers to a point at the destination, so direction reads at a
glance. :meth:`FlowSet.geometry` computes the band outlines for one map scale (cached), the
painter (``desktop.canvas.flow_painter``) fills them under the world transform and
:func:`hit_test` uses the same outlines.

The package, one module per concern (everything is re-exported here, so
``from geo.flows import ...`` is the way in):

- :mod:`.anchors`: :class:`Place`, :class:`Anchors`, :func:`load_anchors`;
- :mod:`.options`: :class:`FlowOptions`, colour palettes, :class:`WidthScale`,
  :class:`Remainder`, :func:`period_label_from_plan`;
- :mod:`.legs`: leg keys and leg totals (shared by the width scale and the geometry);
- :mod:`.geometry`: Bézier and band helpers, :class:`FlowGeometry`, :func:`hit_test`;
- :mod:`.flowset`: :class:`FlowSet` and the helpers that make and re-filter it;
- :mod:`.build`: :func:`build_flows`, :class:`FlowCatalog` and the "not recorded" stubs;
- :mod:`.model`: :func:`tooltip`, :class:`FlowModel`, :func:`place_totals_text`.
"""

from __future__ import annotations

from geo.core.formatting import format_usd
from geo.flows.anchors import Anchors, Place, load_anchors
from geo.flows.build import STUB_KM, FlowCatalog, build_flows
from geo.flows.flowset import BOOL_FIELDS, INT_FIELDS, NUM_FIELDS, STR_FIELDS, FlowSet, make_flowset
from geo.flows.geometry import N_BODY, N_TIP, FlowGeometry, band_outlines, bezier_control_points, hit_test, quad_bezier
from geo.flows.model import FlowModel, place_totals_message, place_totals_text, tooltip, tooltip_messages
from geo.flows.options import (
    DIRECTION_COLOURS,
    MODE_COLOURS,
    OTHER_COLOUR,
    UNITS,
    FlowOptions,
    Remainder,
    WidthScale,
    period_label_from_plan,
)

__all__ = [
    "FlowOptions", "FlowSet", "Remainder", "WidthScale", "FlowGeometry", "Anchors", "Place",
    "load_anchors", "build_flows", "hit_test", "tooltip", "format_usd", "MODE_COLOURS",
    "DIRECTION_COLOURS", "OTHER_COLOUR", "quad_bezier", "bezier_control_points",
    "band_outlines", "FlowModel", "period_label_from_plan",
    # also re-exported (used by the view, od.py and the tests)
    "STUB_KM", "FlowCatalog", "BOOL_FIELDS", "INT_FIELDS", "NUM_FIELDS", "STR_FIELDS",
    "make_flowset", "N_BODY", "N_TIP", "place_totals_message", "place_totals_text", "tooltip_messages", "UNITS",
]
