"""Analyses built on the store and the session (drill-down profiles, exposure, scenarios)."""
