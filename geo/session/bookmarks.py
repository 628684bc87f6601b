"""Bookmarks: named views of an analysis, each the whole session (extent, filter, layers,
selection, flows, open panel) with notes, in the user's order.

:class:`Bookmarks` is an evented list over :class:`geo.session.project.Bookmark` (the dataclass
the project file saves): the bookmarks panel, presentation mode and the ``frontera bookmarks``
command all edit it through these methods, and ``changed`` tells them (and the project's
"modified" mark) after every edit. :func:`slide_for` turns a bookmark into the contents of a
slide (``geo.analysis.deck``).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from geo.analysis.deck import Slide, slide_of
from geo.core.signals import Signal
from geo.query import TradeFilter
from geo.session.model import Session
from geo.session.project import Bookmark

__all__ = ["Bookmark", "Bookmarks", "bookmark_parts", "slide_for"]


class Bookmarks:
    """The bookmarks of a project, in order. ``changed()`` after every edit and reset."""

    changed = Signal()

    def __init__(self, items: Iterable[Bookmark] = ()):
        self._items: list[Bookmark] = [self._checked(b) for b in items]

    @staticmethod
    def _checked(b: Bookmark) -> Bookmark:
        Session.parse(b.session)  # a bookmark always holds a session this version reads
        return b

    # --- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Bookmark]:
        return iter(list(self._items))

    def __getitem__(self, i: int) -> Bookmark:
        return self._items[i]

    @property
    def items(self) -> list[Bookmark]:
        """A copy of the list (what a project saves)."""
        return list(self._items)

    def names(self) -> list[str]:
        return [b.name for b in self._items]

    def index_of(self, name: str) -> int:
        """The position of the first bookmark called ``name``; -1 when none is."""
        return next((i for i, b in enumerate(self._items) if b.name == name), -1)

    def unique_name(self, base: str) -> str:
        """``base``, or ``base (2)``, ``base (3)``… whichever is not taken yet."""
        names = set(self.names())
        if base not in names:
            return base
        n = 2
        while f"{base} ({n})" in names:
            n += 1
        return f"{base} ({n})"

    # --- editing ----------------------------------------------------------------------------
    def reset(self, items: Iterable[Bookmark]) -> None:
        """Replace every bookmark (a project was opened or a new one started)."""
        self._items = [self._checked(b) for b in items]
        self.changed.emit()

    def add(self, name: str, session: Session | dict, notes: str = "", index: int | None = None) -> Bookmark:
        """Bookmark the session as it is now (or session data), at ``index`` (default: last)."""
        data = session.to_dict() if isinstance(session, Session) else dict(session)
        b = self._checked(Bookmark(str(name), data, str(notes)))
        self._items.insert(len(self._items) if index is None else max(0, min(index, len(self._items))), b)
        self.changed.emit()
        return b

    def rename(self, i: int, name: str) -> None:
        name = str(name).strip()
        if not name or self._items[i].name == name:
            return
        self._items[i].name = name
        self.changed.emit()

    def set_notes(self, i: int, notes: str) -> None:
        if self._items[i].notes == notes:
            return
        self._items[i].notes = str(notes)
        self.changed.emit()

    def move(self, i: int, j: int) -> None:
        """Move bookmark ``i`` to position ``j`` (clamped to the list)."""
        j = max(0, min(j, len(self._items) - 1))
        if i == j:
            return
        self._items.insert(j, self._items.pop(i))
        self.changed.emit()

    def update(self, i: int, session: Session | dict) -> None:
        """Replace bookmark ``i``'s view with the session as it is now (name and notes stay)."""
        data = session.to_dict() if isinstance(session, Session) else dict(session)
        Session.parse(data)
        if data == self._items[i].session:
            return
        self._items[i].session = data
        self.changed.emit()

    def remove(self, i: int) -> Bookmark:
        b = self._items.pop(i)
        self.changed.emit()
        return b

    # --- using --------------------------------------------------------------------------------
    def apply(self, i: int, session: Session) -> Bookmark:
        """Show bookmark ``i``: the session takes the bookmark's view (one undoable step per part)."""
        b = self._items[i]
        session.from_dict(b.session)
        return b


def bookmark_parts(b: Bookmark) -> dict:
    """The bookmark's session, decoded: part name -> value (only the parts it holds)."""
    return Session.parse(b.session)


def slide_for(store, b: Bookmark, *, chart: bool = True) -> Slide:
    """The contents of the slide (or presentation card) of bookmark ``b``."""
    parts = bookmark_parts(b)
    f = parts.get("filter") or TradeFilter(country="MX")
    panel = parts.get("panel")
    ref = panel.open if panel is not None else None
    view = parts.get("view")
    return slide_of(store, b.name, b.notes, f, ref, view.extent if view is not None else None, chart=chart)
