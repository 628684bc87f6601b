"""Reusable widgets with no knowledge of the model."""
