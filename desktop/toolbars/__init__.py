"""Toolbars: the filter and map-style bars, the time bar."""
