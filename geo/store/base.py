"""The store interface the UI talks to. DuckDB today (``duckdb_store``); a shared
PostgreSQL/PostGIS backend can implement the same interface later without UI changes.

All methods speak BTS codes and :class:`geo.query.TradeFilter`; results are pandas
DataFrames with ``code`` AND ``name`` columns and ``df.attrs`` holding ``plan`` (a dict,
see :class:`geo.query.QueryPlan`) and ``caveats`` (list of :class:`geo.query.Caveat`).

Events: ``store.changed`` is a psygnal ``Signal(object)`` emitted (from the importing
thread) with a :class:`StoreChange` after every committed import.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from psygnal import Signal

from geo.imports.report import CancelToken, ImportReport
from geo.query import Caveat, QueryPlan, Totals, TradeFilter

__all__ = ["Store", "StoreChange", "StoreError", "StoreLockedError"]


class StoreError(RuntimeError):
    """A store cannot be opened or used; the message is one clear sentence."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""


@dataclass(frozen=True)
class StoreChange:
    kind: str                       # "import" | "undo" | "bundle"
    report: ImportReport | None = None


class Store(abc.ABC):
    """Abstract local/shared store of BTS trade and border-crossing data."""

    changed = Signal(object)

    # -- lifecycle ------------------------------------------------------------------------
    @property
    @abc.abstractmethod
    def location(self) -> str: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- import ---------------------------------------------------------------------------
    @abc.abstractmethod
    def import_files(self, paths: Iterable[str | Path],
                     progress: Callable[[int, int], bool] | None = None,
                     cancel: CancelToken | None = None, write_report: bool = True,
                     replace: bool | None = False) -> ImportReport:
        """Import BTS CSV/zip files atomically (all or nothing); see :mod:`geo.imports`.

        Merges by key; ``replace=True`` also deletes stored keys of the touched slices that
        the files lack (the user agreed); ``replace=None`` raises
        :class:`geo.imports.ConsentNeeded` when that would delete anything."""

    def imports(self) -> list[dict]:
        """The import history, newest first."""
        raise NotImplementedError

    def undo_import(self, import_id: int) -> dict:
        """Undo one import exactly (refused with the reason when a later import overlaps)."""
        raise NotImplementedError

    def purge_replaced(self, import_id: int | None = None) -> int:
        """Delete for good the rows kept so imports can be undone."""
        raise NotImplementedError

    # -- metadata -------------------------------------------------------------------------
    @abc.abstractmethod
    def available_periods(self) -> dict[str, list[int]]:
        """``{'DOT1': [201501, ...], 'DOT2': [...], 'DOT3': [...], 'crossings': [...]}``."""

    @abc.abstractmethod
    def dimension_values(self, dim: str) -> "object":
        """DataFrame ``code, name, records`` of the codes present in the store for ``dim``."""

    @abc.abstractmethod
    def stats(self) -> dict: ...

    # -- trade queries --------------------------------------------------------------------
    @abc.abstractmethod
    def plan(self, f: TradeFilter, by: str | None = None, flows: bool = False) -> QueryPlan: ...

    @abc.abstractmethod
    def totals(self, f: TradeFilter) -> Totals: ...

    @abc.abstractmethod
    def breakdown(self, f: TradeFilter, by: str):
        """DataFrame ``code, name, value, shipwt, freight_charges, records`` (+ ``share``)."""

    @abc.abstractmethod
    def flow_triples(self, f: TradeFilter):
        """DOT1 DataFrame: ``us_state, us_state_name, port, port_name, mx_state, mx_state_name,
        mode, mode_name, trade_type, value, shipwt, freight_charges, records``."""

    @abc.abstractmethod
    def caveats(self, f: TradeFilter, by: str | None = None, flows: bool = False) -> list[Caveat]: ...

    def compare(self, f: TradeFilter, periods: Sequence[tuple], by: str | None = None) -> list:
        """The filter over several periods, every period from ONE source (Totals or breakdowns)."""
        raise NotImplementedError

    def partial_months(self) -> tuple:
        """Raw months whose total falls short of the BTS monthly summary's (flagged, not used)."""
        return ()

    # -- border crossings -----------------------------------------------------------------
    @abc.abstractmethod
    def crossings(self, port_codes: Sequence[str] | None = None, measures: Sequence[str] | None = None,
                  period: tuple | None = None, by: Sequence[str] | str = ("port",),
                  border: str | None = None):
        """Border crossing counts summed by any of ``port``, ``measure``, ``month``, ``year``."""
