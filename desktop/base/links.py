"""Model signals connected for as long as a widget lives.

A widget that listens to a model signal (psygnal's, or a Qt signal with a plain function as its
slot) must stop listening when the widget is deleted: otherwise the model's next change calls
into a deleted C++ object ("Internal C++ object already deleted") - for example the map and
legend of a closed presentation, while the main window's map lives on."""
from __future__ import annotations


def connect_while_alive(widget, signal, slot) -> None:
    """Connect ``slot`` to ``signal`` (a psygnal signal: Qt drops its own signals' connections to
    a deleted receiver's methods by itself) and disconnect it when ``widget`` is destroyed."""
    signal.connect(slot)

    def drop(*_a, signal=signal, slot=slot):
        try:
            signal.disconnect(slot)
        except (RuntimeError, TypeError, ValueError, SystemError):  # already gone with its emitter
            pass

    widget.destroyed.connect(drop)
