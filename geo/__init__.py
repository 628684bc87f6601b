"""Frontera Atlas model layer: data access, the local store, queries, projection,
layers, styles and flows. Pure Python; this package never imports Qt."""
