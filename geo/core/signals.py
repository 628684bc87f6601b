"""Plain-Python events for the model. The desktop layer adapts them to Qt.

psygnal gives Qt-like signals without Qt; this module is the one place that names it, so
the model could switch helper without touching every file.
"""
from psygnal import Signal, SignalInstance  # noqa: F401

__all__ = ["Signal", "SignalInstance"]
