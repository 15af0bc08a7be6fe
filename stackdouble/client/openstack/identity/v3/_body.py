"""Request bodies from option dataclasses, shared by the identity v3 resources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

__all__ = ["to_body"]


def to_body(opts: Any, key: str, *, renames: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`{key: {...}}` from an options dataclass: None fields are left out, sequences become
    lists, a field may be sent under another name, and an `extra` mapping is merged in.

    Example:
        >>> from dataclasses import dataclass, field
        >>> @dataclass
        ... class Opts:
        ...     name: str
        ...     description: str | None = None
        ...     extra: dict[str, str] = field(default_factory=dict)
        >>> to_body(Opts(name="ops", extra={"team": "blue"}), "group")
        {'group': {'name': 'ops', 'team': 'blue'}}
    """
    out: dict[str, Any] = {}
    renames = renames or {}
    for f in fields(opts):
        if f.name == "extra":
            continue
        value = getattr(opts, f.name)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = list(value)
        out[renames.get(f.name, f.name)] = value
    extra = getattr(opts, "extra", None)
    if extra:
        out.update(extra)
    return {key: out}
