"""Shared pieces of the fake Nova's models: constants and small helpers.

`Caller` (`stackdouble.fakes.caller`) and the time helpers (`stackdouble.fakes.timestamps`)
are shared by every service; they are imported here for the mixins that take them from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from stackdouble.fakes import osloutils
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.timestamps import format_iso_seconds

__all__ = [
    "DEFAULT_AZ",
    "DEFAULT_QUOTAS",
    "HOST",
    "NO_VALID_HOST",
    "Caller",
    "bool_from_string",
    "iso_time",
]

#: Nova's default `[quota]` limits, in the order of `nova/quota.py`'s `QUOTAS` resources
#: (`nova/conf/quota.py`; the nova-network ones, kept for the API, have no option: -1);
#: -1 means unlimited.
DEFAULT_QUOTAS: Mapping[str, int] = {
    "cores": 20, "injected_files": 5, "injected_file_content_bytes": 10240,
    "injected_file_path_bytes": 255, "instances": 10, "key_pairs": 100,
    "metadata_items": 128, "ram": 51200, "server_groups": 10, "server_group_members": 10,
    "fixed_ips": -1, "floating_ips": -1, "security_groups": -1, "security_group_rules": -1,
}
#: The host every server lands on (DevStack names it after the machine).
HOST = "stackdouble-compute"
#: The availability zone of every server (`[DEFAULT] default_availability_zone`).
DEFAULT_AZ = "nova"
#: The fault a failed build gets by default (`NoValidHost` through the conductor).
NO_VALID_HOST = "No valid host was found. There are not enough hosts available."
_GiB = 1024**3


def bool_from_string(value: Any, *, strict: bool = True, default: bool = False) -> bool:
    """oslo's `strutils.bool_from_string` (`osloutils`).

    Raises:
        BadRequest: With `strict`, a value that is not a boolean word, worded as Nova's
            `InvalidInput` ("Invalid input received: Unrecognized value ...").
    """
    try:
        return osloutils.bool_from_string(value, strict=strict, default=default)
    except ValueError as exc:
        raise BadRequest(f"Invalid input received: {exc}") from None


class _Unset:
    """The type of `_UNSET`: an argument left out (as opposed to None)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Unset()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _regex(pattern: str | None) -> re.Pattern[str] | None:
    return None if pattern is None else re.compile(pattern)


def _hostname(name: str) -> str:
    text = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    return (text or "server")[:63]


def _canonical_uuid(value: str) -> str:
    import uuid as uuidlib

    return str(uuidlib.UUID(value))


#: Nova's `utils.isotime`: seconds and a literal `Z`.
iso_time = format_iso_seconds
