"""Playback's own part of the session: whether the scale (port circles, shading classes,
flow widths) is fixed over the whole played period, so a month with less trade reads as
smaller, or refitted each month."""
from __future__ import annotations

from dataclasses import dataclass

from geo.core.parts import dataclass_part, register_part

SCALE_MODES = ("fixed", "per_month")


@dataclass(frozen=True)
class PlaybackScale:
    scale: str = "fixed"

    def __post_init__(self):
        if self.scale not in SCALE_MODES:
            raise ValueError(f"scale must be one of {SCALE_MODES}, not {self.scale!r}")


PLAYBACK_SCALE = register_part(dataclass_part("playback_scale", PlaybackScale))
