"""Dialogs: imports and their reports, flow-table problems."""
