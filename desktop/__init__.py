"""Frontera Atlas Qt view: windows, widgets, the map canvas and its renderer."""
