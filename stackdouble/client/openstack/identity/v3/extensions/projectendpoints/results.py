"""Keystone v3 project endpoint results: the listing is of `endpoints.Endpoint`."""

from __future__ import annotations

from stackdouble.client._results import ErrResult
from stackdouble.client.openstack.identity.v3.endpoints.results import (
    Endpoint,
    EndpointPage,
    extract_endpoints,
)

__all__ = ["CreateResult", "DeleteResult", "Endpoint", "EndpointPage", "GetResult",
           "extract_endpoints"]


class CreateResult(ErrResult):
    """The result of `projectendpoints.create`; `extract_err()` raises on failure
    (`Conflict`: already associated; `NotFound`: no such endpoint or project)."""

    __slots__ = ()


class GetResult(ErrResult):
    """The result of `projectendpoints.check`; `extract_err()` raises `NotFound` when the
    endpoint is not associated with the project directly."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `projectendpoints.delete`; `extract_err()` raises on failure."""

    __slots__ = ()
