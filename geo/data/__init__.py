"""Bundled data: the basemap and point tables shipped in data/, and the BTS code tables."""
