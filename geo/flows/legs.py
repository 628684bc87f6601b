"""Legs: a two-leg flow's origin->port and port->destination legs (one origin->destination
leg for single-leg OD flows) as integer keys, and the value each shown leg carries. Used by
the width scale (:mod:`.flowset`) and by band stacking (:mod:`.geometry`)."""
from __future__ import annotations

from typing import Protocol

import numpy as np

from geo.flows.options import FlowOptions, WidthScale


class FlowArrays(Protocol):
    """The per-flow arrays legs and geometry read (a :class:`geo.flows.flowset.FlowSet` has
    them); a protocol, so these modules need not import the flow set (no import cycle)."""

    o_node: np.ndarray
    p_node: np.ndarray
    d_node: np.ndarray
    has_port: np.ndarray
    value: np.ndarray
    ox: np.ndarray
    oy: np.ndarray
    px: np.ndarray
    py: np.ndarray
    dx: np.ndarray
    dy: np.ndarray
    colour: np.ndarray
    options: FlowOptions
    width_scale: WidthScale

    def __len__(self) -> int: ...

    @property
    def shown_index(self) -> np.ndarray: ...


FlowSet = FlowArrays  # the name the annotations below read


def leg_keys(fs: FlowSet) -> tuple[np.ndarray, np.ndarray]:
    """Per flow: integer key of the first leg (origin->port) and of the second (port->dest);
    single-leg flows (no port) have one leg origin->dest and -1 as second key."""
    M = int(max(fs.o_node.max(initial=0), fs.d_node.max(initial=0), fs.p_node.max(initial=0))) + 1
    k1 = np.where(fs.has_port, fs.o_node * M + fs.p_node, (M + fs.o_node) * M + fs.d_node)
    k2 = np.where(fs.has_port, (2 * M + fs.p_node) * M + fs.d_node, -1)
    return k1.astype(np.int64), k2.astype(np.int64)


def leg_totals(fs: FlowSet, shown: np.ndarray) -> np.ndarray:
    if not shown.any():
        return np.zeros(0)
    k1, k2 = leg_keys(fs)
    keys = np.concatenate([k1[shown], k2[shown]])
    vals = np.concatenate([fs.value[shown], fs.value[shown]])
    keep = keys >= 0
    _, inv = np.unique(keys[keep], return_inverse=True)
    return np.bincount(inv, weights=vals[keep])
