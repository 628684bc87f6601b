"""Painting the map: the canvas widget, the one renderer used by screen and export, labels, symbols, flows, legends."""
