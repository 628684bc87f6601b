"""The viewport: which part of the map a canvas of a given pixel size shows.

Pure arithmetic between map coordinates (metres, y up) and screen pixels (y down). The
canvas and the off-screen renderer share it, so what is exported is what is on screen.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

MIN_SCALE = 5.0  # metres per pixel at the deepest zoom (street level is not our job)
MAX_SCALE = 40_000.0  # the whole hemisphere


@dataclass(frozen=True)
class Viewport:
    cx: float  # map x at the centre of the canvas
    cy: float  # map y at the centre of the canvas
    scale: float  # metres per pixel
    width: int
    height: int

    @classmethod
    def fit(cls, bounds, width: int, height: int, margin: float = 0.02) -> "Viewport":
        xmin, ymin, xmax, ymax = bounds
        w, h = max(width, 1), max(height, 1)
        scale = max((xmax - xmin) / (w * (1 - 2 * margin)), (ymax - ymin) / (h * (1 - 2 * margin)))
        return cls((xmin + xmax) / 2, (ymin + ymax) / 2, _clamp(scale), width, height)

    # --- transforms -------------------------------------------------------------------
    def to_screen(self, x, y):
        sx = (np.asarray(x, float) - self.cx) / self.scale + self.width / 2
        sy = (self.cy - np.asarray(y, float)) / self.scale + self.height / 2
        return sx, sy

    def to_map(self, sx, sy):
        x = (np.asarray(sx, float) - self.width / 2) * self.scale + self.cx
        y = self.cy - (np.asarray(sy, float) - self.height / 2) * self.scale
        return x, y

    def affine(self) -> tuple[float, float, float, float, float, float]:
        """(m11, m12, m21, m22, dx, dy) mapping map coords to screen pixels."""
        s = 1.0 / self.scale
        return (s, 0.0, 0.0, -s, self.width / 2 - self.cx * s, self.height / 2 + self.cy * s)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        hw, hh = self.width * self.scale / 2, self.height * self.scale / 2
        return (self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh)

    # --- navigation ---------------------------------------------------------------------
    def panned(self, dx_px: float, dy_px: float) -> "Viewport":
        """The view after dragging the map content by (dx, dy) pixels."""
        return replace(self, cx=self.cx - dx_px * self.scale, cy=self.cy + dy_px * self.scale)

    def zoomed(self, factor: float, anchor_px: tuple[float, float] | None = None) -> "Viewport":
        """Zoom in by `factor` (>1 zooms in), keeping the map point under `anchor_px` fixed."""
        new_scale = _clamp(self.scale / factor)
        if anchor_px is None:
            return replace(self, scale=new_scale)
        ax, ay = anchor_px
        mx, my = self.to_map(ax, ay)
        cx = float(mx) - (ax - self.width / 2) * new_scale
        cy = float(my) + (ay - self.height / 2) * new_scale
        return replace(self, cx=cx, cy=cy, scale=new_scale)

    def resized(self, width: int, height: int) -> "Viewport":
        return replace(self, width=width, height=height)

    def centred_on(self, x: float, y: float, scale: float | None = None) -> "Viewport":
        return replace(self, cx=x, cy=y, scale=_clamp(scale if scale else self.scale))


def _clamp(scale: float) -> float:
    return float(min(max(scale, MIN_SCALE), MAX_SCALE))
