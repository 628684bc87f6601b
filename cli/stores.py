"""The store a reading command opens (profile, scenario, export, atlas, ...)."""
from __future__ import annotations

from pathlib import Path


def open_for_reading(path: str | Path | None):
    """The user's default store, or the store at ``path`` opened read-only; a store this
    process already holds open read-write (a test, a script) is shared instead. Raises
    ``geo.store.StoreError``."""
    from geo.store import StoreError, open_store

    try:
        return open_store(path, read_only=path is not None)
    except StoreError:
        if path is None:
            raise
        return open_store(path)
