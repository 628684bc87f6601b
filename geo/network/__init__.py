"""The company's own supply chain over the public trade data: facilities, lanes, the land
ports its cross-border lanes use, and its exposure to each.

- :mod:`geo.network.model` — :class:`Facility`, :class:`Lane`, :class:`Network` and its tables
  inside the project file (``company_facilities``, ``company_lanes``); re-imports as a :class:`Diff`.
- :mod:`geo.network.tables` — CSV (any delimiter and encoding), ``.xlsx``, GeoPackage, GeoJSON,
  Shapefile into rows with line numbers; column mapping.
- :mod:`geo.network.coords` — decimal and degrees-minutes-seconds coordinates.
- :mod:`geo.network.facilities` — the facility import: every row placed, geocoded, in review or
  rejected with its reason (geocoding by :func:`geo.data.places.gazetteer`).
- :mod:`geo.network.lanes` — the lane import and routing through land ports.
- :mod:`geo.network.exposure` — value and share per port, Mexican state and cluster.
- :mod:`geo.network.display` — the network on the map (facilities layer, lanes as a flow set in
  their own colours, ports sized by exposure, the ``network_display`` part, import undo) and
  :func:`~geo.network.display.compute`, everything the window shows, computed in one worker.
- :mod:`geo.network.profile_figures` — the company's figures for a port, Mexican state or zone
  in the drill-down profile.

The room sits between ``analysis`` and ``session``: the session (and the project file) hold a
network; the network reads the store (crossing counts) and the bundled tables.
"""
from geo.network.model import FACILITY_TYPES, MODES, Diff, Facility, Lane, Network, diff_by_id

__all__ = ["Facility", "Lane", "Network", "Diff", "diff_by_id", "FACILITY_TYPES", "MODES"]
