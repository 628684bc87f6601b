"""The drill-down panel's own part of the session: the feature it has open and the
back/forward history of what the user opened (apart from the map selection, which a click
on empty map space clears while the panel keeps its feature)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from geo.core.parts import dataclass_part, register_part

#: a feature the panel can open: (kind, id), e.g. ("port", "2304"), ("mx-state", "NL")
Ref = tuple[str, str]


@dataclass(frozen=True)
class PanelState:
    open: tuple[str, str] | None = None
    back: tuple[tuple[str, str], ...] = ()
    forward: tuple[tuple[str, str], ...] = ()

    def opened(self, ref: Ref) -> "PanelState":
        """Open ``ref``; what was open goes on the back stack, forward is cleared."""
        ref = (str(ref[0]), str(ref[1]))
        if ref == self.open:
            return self
        back = self.back + ((self.open,) if self.open else ())
        return PanelState(ref, back[-50:], ())

    def went_back(self) -> "PanelState":
        if not self.back:
            return self
        fwd = ((self.open,) if self.open else ()) + self.forward
        return PanelState(self.back[-1], self.back[:-1], fwd)

    def went_forward(self) -> "PanelState":
        if not self.forward:
            return self
        back = self.back + ((self.open,) if self.open else ())
        return replace(self, open=self.forward[0], back=back, forward=self.forward[1:])


PANEL = register_part(dataclass_part("panel", PanelState))
