"""Undo and redo of every change to the session, each named ("Undo filter: mode = Rail").

:class:`History` listens to ``Session.changed(name, old, new)`` and keeps the steps; undo
puts the old value back through the session (so the map, the widgets and the flows follow
as for any change). Consecutive changes of the map extent merge into one step, so a drag is
one undo, not a hundred.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from geo.core.messages import Message, msg
from geo.core.signals import Signal

#: parts whose consecutive changes merge into one step (a drag, a wheel zoom)
MERGING = frozenset({"view"})
#: parts that are never undone (transient state)
UNRECORDED = frozenset({"playback"})
#: parts whose changes are undoable but do not make the document "modified" (as in QGIS, panning,
#: zooming, clicking a feature or opening its panel never asks "save changes?"; all of them are
#: still saved with the project)
NAVIGATION = frozenset({"view", "selection", "panel"})


@dataclass(frozen=True)
class Step:
    part: str
    old: Any
    new: Any
    label: Message


def _plain(v) -> str:
    if isinstance(v, (tuple, list)):
        return ", ".join(_plain(x) for x in v) if v else "—"
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def describe_change(part: str, old, new) -> Message:
    """'filter: modes = 6' — the first field that changed (and how many more)."""
    changed = []
    if dataclasses.is_dataclass(old) and dataclasses.is_dataclass(new) and type(old) is type(new):
        for f in dataclasses.fields(old):
            a, b = getattr(old, f.name), getattr(new, f.name)
            if a != b:
                if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b):
                    inner = describe_change(f.name, a, b)
                    changed.append((f"{f.name}.{inner.params.get('field', '')}", inner.params.get("value", "")))
                else:
                    changed.append((f.name, _plain(b)))
    if not changed:
        return msg("undo.part", part=part)
    field, value = changed[0]
    if len(changed) > 1:
        return msg("undo.fields", part=part, field=field, value=value, more_n=len(changed) - 1)
    return msg("undo.field", part=part, field=field, value=value)


class History:
    """Undo/redo steps over a session. ``changed()`` after every record, undo or redo."""

    changed = Signal()

    def __init__(self, session, limit: int = 500):
        self.session = session
        self.limit = limit
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        self._applying = False
        self.clean_index = 0  # len(undo_steps) when the document was last saved
        session.changed.connect(self._record)

    # --- recording ----------------------------------------------------------------------
    def _record(self, part: str, old, new) -> None:
        if self._applying or part in UNRECORDED:
            return
        if part in MERGING and self.undo_steps and self.undo_steps[-1].part == part \
                and len(self.undo_steps) > self.clean_index:
            last = self.undo_steps.pop()
            old = last.old
        if len(self.undo_steps) < self.clean_index:
            self.clean_index = -1  # the saved state was undone and a new branch starts: unreachable
        self.undo_steps.append(Step(part, old, new, describe_change(part, old, new)))
        if len(self.undo_steps) > self.limit:
            del self.undo_steps[0]
            self.clean_index = max(-1, self.clean_index - 1)
        self.redo_steps.clear()
        self.changed.emit()

    def clear(self) -> None:
        self.undo_steps.clear()
        self.redo_steps.clear()
        self.clean_index = 0
        self.changed.emit()

    # --- undo/redo ------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self.undo_steps)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_steps)

    @property
    def undo_label(self) -> Message | None:
        return self.undo_steps[-1].label if self.undo_steps else None

    @property
    def redo_label(self) -> Message | None:
        return self.redo_steps[-1].label if self.redo_steps else None

    def undo(self) -> Step | None:
        if not self.undo_steps:
            return None
        step = self.undo_steps.pop()
        self._apply(step.part, step.old)
        self.redo_steps.append(step)
        self.changed.emit()
        return step

    def redo(self) -> Step | None:
        if not self.redo_steps:
            return None
        step = self.redo_steps.pop()
        self._apply(step.part, step.new)
        self.undo_steps.append(step)
        self.changed.emit()
        return step

    def _apply(self, part: str, value) -> None:
        self._applying = True
        try:
            self.session.set(part, value)
        finally:
            self._applying = False

    # --- the saved state --------------------------------------------------------------------
    def mark_clean(self) -> None:
        self.clean_index = len(self.undo_steps)
        self.changed.emit()

    @property
    def modified(self) -> bool:
        """True when a change other than navigation separates the session from its saved state."""
        n, clean = len(self.undo_steps), self.clean_index
        if clean < 0:
            return True
        between = self.undo_steps[clean:] if n >= clean else self.redo_steps[len(self.redo_steps) - (clean - n):]
        return any(step.part not in NAVIGATION for step in between)
