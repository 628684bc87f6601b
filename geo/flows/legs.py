"""Legs: a two-leg flow's origin->port and port->destination legs (one origin->destination
leg for single-leg OD flows) as integer keys, and the value each shown leg carries. Used by
the width scale (:mod:`.flowset`) and by band stacking (:mod:`.geometry`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .flowset import FlowSet


def _leg_keys(fs: FlowSet) -> tuple[np.ndarray, np.ndarray]:
    """Per flow: integer key of the first leg (origin->port) and of the second (port->dest);
    single-leg flows (no port) have one leg origin->dest and -1 as second key."""
    M = int(max(fs.o_node.max(initial=0), fs.d_node.max(initial=0), fs.p_node.max(initial=0))) + 1
    k1 = np.where(fs.has_port, fs.o_node * M + fs.p_node, (M + fs.o_node) * M + fs.d_node)
    k2 = np.where(fs.has_port, (2 * M + fs.p_node) * M + fs.d_node, -1)
    return k1.astype(np.int64), k2.astype(np.int64)


def _leg_totals(fs: FlowSet, shown: np.ndarray) -> np.ndarray:
    if not shown.any():
        return np.zeros(0)
    k1, k2 = _leg_keys(fs)
    keys = np.concatenate([k1[shown], k2[shown]])
    vals = np.concatenate([fs.value[shown], fs.value[shown]])
    keep = keys >= 0
    _, inv = np.unique(keys[keep], return_inverse=True)
    return np.bincount(inv, weights=vals[keep])
