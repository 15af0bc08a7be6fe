"""Shared pieces of the fake Nova's models: constants, the caller, small helpers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest

__all__ = [
    "DEFAULT_AZ",
    "DEFAULT_QUOTAS",
    "HOST",
    "NO_VALID_HOST",
    "Caller",
    "bool_from_string",
    "iso_time",
]

#: Nova's default `[quota]` limits; -1 means unlimited.
DEFAULT_QUOTAS: Mapping[str, int] = {
    "instances": 10, "cores": 20, "ram": 51200, "metadata_items": 128, "key_pairs": 100,
}
#: The host every server lands on (DevStack names it after the machine).
HOST = "stackdouble-compute"
#: The availability zone of every server (`[DEFAULT] default_availability_zone`).
DEFAULT_AZ = "nova"
#: The fault a failed build gets by default (`NoValidHost` through the conductor).
NO_VALID_HOST = "No valid host was found. There are not enough hosts available."
_GiB = 1024**3
_TRUE = frozenset({"1", "t", "true", "on", "y", "yes"})
_FALSE = frozenset({"0", "f", "false", "off", "n", "no"})


def bool_from_string(value: Any, *, strict: bool = True, default: bool = False) -> bool:
    """oslo's `strutils.bool_from_string`.

    Raises:
        BadRequest: With `strict`, a value that is not a boolean word, worded as Nova's
            `InvalidInput` ("Invalid input received: Unrecognized value ...").
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if strict:
        acceptable = ", ".join(f"'{s}'" for s in sorted(_TRUE | _FALSE))
        raise BadRequest(f"Invalid input received: Unrecognized value '{value}', "
                         f"acceptable values are: {acceptable}")
    return default


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking: the token's project, user and admin bit (`RequestContext`)."""

    project_id: str
    user_id: str
    is_admin: bool = False


class _Unset:
    """The type of `_UNSET`: an argument left out (as opposed to None)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Unset()


def _iso_seconds(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _regex(pattern: str | None) -> re.Pattern[str] | None:
    return None if pattern is None else re.compile(pattern)


def _at(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


def _hostname(name: str) -> str:
    text = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    return (text or "server")[:63]


def _canonical_uuid(value: str) -> str:
    import uuid as uuidlib

    return str(uuidlib.UUID(value))


def iso_time(when: datetime) -> str:
    """Nova's `utils.isotime`: seconds and a literal `Z`."""
    return _iso_seconds(when)
