"""The local store: an interface (:class:`Store`) and its embedded DuckDB implementation."""

from geo.store.base import Store, StoreChange, StoreError, StoreLockedError
from geo.store.duckdb_store import SCHEMA_VERSION, DuckDBStore, default_store_path, open_store

__all__ = ["Store", "StoreChange", "StoreError", "StoreLockedError", "DuckDBStore",
           "default_store_path", "open_store", "SCHEMA_VERSION"]
