"""Session parts: how a piece of analysis state is made, encoded to JSON data and decoded
(validated) from it. The session (``geo.session``) holds the core parts; any feature adds its
own namespaced part with :func:`register_part` (from any room: this module sits in ``core``).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any, Callable, Mapping

from geo.core.messages import MessageError, msg


class SessionError(MessageError):
    """Session data that cannot be read: wrong type, unknown key, newer schema."""


# -- encoding parts as JSON data ---------------------------------------------------------------
def _plain(v):
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _plain(getattr(v, f.name)) for f in fields(v) if not f.name.startswith("_")}
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    return v


def _tuplify(v):
    if isinstance(v, list):
        return tuple(_tuplify(x) for x in v)
    return v


_JSON_TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,)}


def _check_type(part: str, key: str, value, annotation: str) -> None:
    """A light check of JSON values against a dataclass field's annotation text."""
    if value is None:
        if "None" in annotation:
            return
        raise SessionError(msg("session.bad_value", "error", part=part, key=key, value="null",
                               reason="a value is required"))
    base = annotation.split("|")[0].strip()
    if base in _JSON_TYPES:
        ok = isinstance(value, _JSON_TYPES[base]) and not (base != "bool" and isinstance(value, bool))
    elif base.startswith("tuple"):
        ok = isinstance(value, list)
    elif base in ("FlowOptions",):
        ok = isinstance(value, dict)
    else:
        ok = True
    if not ok:
        raise SessionError(msg("session.bad_value", "error", part=part, key=key, value=repr(value),
                               reason=f"expected {annotation}"))


def _decode_dataclass(cls, data, part: str, nested: Mapping[str, Callable] | None = None):
    if not isinstance(data, Mapping):
        raise SessionError(msg("session.bad_value", "error", part=part, key="*", value=repr(data),
                               reason="expected an object"))
    known = {f.name: f for f in fields(cls) if not f.name.startswith("_")}
    for key in data:
        if key not in known:
            raise SessionError(msg("session.bad_key", "error", key=key, part=part))
    kwargs = {}
    for key, value in data.items():
        _check_type(part, key, value, str(known[key].type))
        if nested and key in nested:
            value = nested[key](value, f"{part}.{key}")
        kwargs[key] = _tuplify(value)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:  # FilterError is a ValueError
        raise SessionError(msg("session.bad_value", "error", part=part, key=",".join(kwargs) or "*",
                               value=repr(dict(data)), reason=str(exc))) from None


@dataclass(frozen=True)
class PartSpec:
    """How one part is made, encoded and decoded."""

    name: str
    default: Callable[[], Any]
    encode: Callable[[Any], Any]
    decode: Callable[[Any, str], Any]


def dataclass_part(name: str, cls, nested: Mapping[str, Callable] | None = None,
                   default: Callable[[], Any] | None = None) -> PartSpec:
    """A part whose value is a frozen dataclass of JSON-able fields."""
    return PartSpec(name, default or cls, _plain, lambda d, path: _decode_dataclass(cls, d, path, nested))



_REGISTERED: dict[str, PartSpec] = {}
_CORE_NAMES: set[str] = set()


def set_core_parts(parts: Mapping[str, PartSpec]) -> None:
    _CORE_NAMES.update(parts)


def register_part(spec: PartSpec) -> PartSpec:
    """Add a feature's own part (``"panel"``, ``"playback_scale"``, …) to every session.
    Registering the same name again replaces the spec (module reloads)."""
    if spec.name in _CORE_NAMES:
        raise ValueError(f"{spec.name!r} is a core part of the session")
    _REGISTERED[spec.name] = spec
    return spec


def registered_parts() -> dict[str, PartSpec]:
    return dict(_REGISTERED)


