"""Turning option dataclasses into query strings."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any
from urllib.parse import urlencode

__all__ = ["build_query"]


def build_query(opts: Any) -> str:
    """The query string of an options dataclass: `?key=value&...`, or `""` when empty.

    Each field with `metadata={"q": name}` is sent under that name; None is left out, booleans
    become `true`/`false`, and lists or tuples repeat the key.

    Example:
        >>> from dataclasses import dataclass, field
        >>> @dataclass
        ... class Opts:
        ...     changes_since: str | None = field(default=None, metadata={"q": "changes-since"})
        ...     all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
        ...     limit: int | None = field(default=None, metadata={"q": "limit"})
        >>> build_query(Opts(changes_since="2026-01-01T00:00:00Z", all_tenants=True))
        '?changes-since=2026-01-01T00%3A00%3A00Z&all_tenants=true'
        >>> build_query(Opts())
        ''
    """
    if not is_dataclass(opts):
        raise TypeError(f"build_query takes an options dataclass, not {type(opts).__name__}")
    pairs: list[tuple[str, str]] = []
    for f in fields(opts):
        name = f.metadata.get("q")
        if name is None:
            continue
        value = getattr(opts, f.name)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs.extend((name, _text(item)) for item in value)
        else:
            pairs.append((name, _text(value)))
    return "?" + urlencode(pairs) if pairs else ""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
