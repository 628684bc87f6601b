"""Dock panels: layers, selected feature, trade flows."""
