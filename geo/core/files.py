"""Atomic file writes: a file is either the old one or the whole new one, never half written."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Write through ``write(tmp)`` to a temporary file beside ``path``, flush it to the disk,
    then rename it over ``path``; on any failure the temporary file goes and ``path`` is as it
    was. The file gets an ordinary file's mode (not ``mkstemp``'s owner-only one)."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
