"""Disk config results: `OS-DCF:diskConfig` read from the core server Results and pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import Result
from stackdouble.client.openstack.compute.v2.servers.results import (
    GetResult,
    RebuildResult,
    UpdateResult,
)
from stackdouble.client.pagination import Page

__all__ = ["extract_disk_config", "extract_get", "extract_rebuild", "extract_update"]

_KEY = "OS-DCF:diskConfig"


def _from_server(raw: Any) -> str | None:
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a server object", type(raw).__name__)
    value = raw.get(_KEY)
    return None if value is None else str(value)


def _common(result: Result) -> str | None:
    return result.extract_with(_from_server, key="server")


def extract_get(result: GetResult) -> str | None:
    """The disk config (`AUTO`/`MANUAL`) of the server in a `servers.get` result.

    Returns:
        The value, or None when Nova did not send it.

    Raises:
        StackdoubleError: The error the call ended with.

    Example:
        >>> diskconfig.extract_get(servers.get(compute, server_id))
        'AUTO'
    """
    return _common(result)


def extract_update(result: UpdateResult) -> str | None:
    """The disk config of the server in a `servers.update` result."""
    return _common(result)


def extract_rebuild(result: RebuildResult) -> str | None:
    """The disk config of the server in a `servers.rebuild` result."""
    return _common(result)


def extract_disk_config(page: Page, index: int) -> str | None:
    """The disk config of the `index`th server on a page of `servers.list`.

    (gophercloud's seed read `OS-CDF:diskConfig` here, a typo that always gave `""`.)

    Raises:
        IndexError: The page has fewer servers.
    """
    return _from_server(page.extract_list_with(lambda raw: raw, key="servers")[index])
