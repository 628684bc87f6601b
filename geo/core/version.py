"""The application's version, written into projects and shown in About."""

from __future__ import annotations

from importlib import metadata

__all__ = ["VERSION"]

try:
    VERSION: str = metadata.version("frontera-atlas")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    VERSION = "0.1.0"
