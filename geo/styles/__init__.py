"""Styles: what the trade figures look like on the map (thematic classes, port sizes, legends)."""
