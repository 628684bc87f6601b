"""Foundations every room uses: events (psygnal), figure and month formatting, the map projection,
the viewport, levels of detail, paths and messages."""
