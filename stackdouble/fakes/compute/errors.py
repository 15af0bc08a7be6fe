"""Nova's faults: `{"<faultName>": {"code": ..., "message": ...}}`, named by status.

The envelope and its names come from `nova/api/openstack/wsgi.py` (`Fault`): 400
`badRequest`, 403 `forbidden`, 404 `itemNotFound`, 409 `conflictingRequest`, 413/429
`overLimit` (with `retryAfter` in the body and `Retry-After` as a header), anything else
`computeFault`. Fault bodies are `application/json; charset=UTF-8`. The messages are
Nova's own (`nova/exception.py`, the API controllers); the helpers below build them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.wsgifaults import FaultError, fault_response

__all__ = [
    "BadRequest",
    "Conflict",
    "Forbidden",
    "NotAcceptable",
    "NotFound",
    "NovaError",
    "OverLimit",
    "instance_locked",
    "instance_not_found",
    "invalid_state",
    "nova_fault",
    "policy_forbidden",
]

_CONTENT_TYPE = "application/json; charset=UTF-8"


def nova_fault(status: int, message: str | None = None,
               extra: Mapping[str, Any] | None = None) -> FakeResponse:
    """Nova's fault envelope as `Fault.__call__` writes it (`wsgifaults`).

    Example:
        >>> nova_fault(404, "Instance x could not be found.").json_body()
        {'itemNotFound': {'code': 404, 'message': 'Instance x could not be found.'}}
    """
    return fault_response(status, message, extra, content_type=_CONTENT_TYPE)


class NovaError(FaultError):
    """A Nova fault the handlers and the model raise; rendered as Nova renders it."""

    def fault(self, status: int, message: str | None,
              extra: Mapping[str, Any] | None) -> FakeResponse:
        """Nova's envelope (`nova_fault`)."""
        return nova_fault(status, message, extra)


class BadRequest(NovaError):
    """400 `badRequest`."""

    status = 400


class Forbidden(NovaError):
    """403 `forbidden`: policy refusals and quota (Nova answers quota with 403 since v2.1)."""

    status = 403


class NotFound(NovaError):
    """404 `itemNotFound`."""

    status = 404


class NotAcceptable(NovaError):
    """406 `computeFault`: a microversion outside the API's range."""

    status = 406


class Conflict(NovaError):
    """409 `conflictingRequest`: wrong state, locked, duplicate name."""

    status = 409


class OverLimit(NovaError):
    """413 (or 429) `overLimit` with `retryAfter`, as Nova's rate-limit fault renders it.

    Args:
        message: The fault message.
        retry_after: Whole seconds, for the body's `retryAfter` and `Retry-After`.
        details: The `details` member of the legacy rate-limit fault, if any.
        status: 413 (Nova's historic choice) or 429.
    """

    status = 413

    def __init__(self, message: str, retry_after: int, *, details: str | None = None,
                 status: int = 413) -> None:
        super().__init__(message, [("Retry-After", str(retry_after))], status=status)
        self.retry_after = retry_after
        self.details = details

    def fault_extra(self) -> dict[str, Any]:
        """`{"overLimit": {"code", "message", ["details",] "retryAfter"}}`."""
        extra: dict[str, Any] = {}
        if self.details is not None:
            extra["details"] = self.details
        extra["retryAfter"] = str(self.retry_after)
        return extra


def instance_not_found(server_id: str) -> NotFound:
    """404 "Instance <id> could not be found." (`InstanceNotFound`)."""
    return NotFound(f"Instance {server_id} could not be found.")


def invalid_state(action: str, server_id: str, attr: str, state: Any) -> Conflict:
    """409 "Cannot '<action>' instance <id> while it is in <attr> <state>"
    (`common.raise_http_conflict_for_instance_invalid_state`); without a state (a server
    never launched) "Instance <id> is in an invalid state for '<action>'"."""
    if state is None:
        return Conflict(f"Instance {server_id} is in an invalid state for '{action}'")
    return Conflict(f"Cannot '{action}' instance {server_id} while it is in {attr} {state}")


def instance_locked(server_id: str) -> Conflict:
    """409 "Instance <id> is locked" (`InstanceIsLocked`)."""
    return Conflict(f"Instance {server_id} is locked")


def policy_forbidden(rule: str) -> Forbidden:
    """403 "Policy doesn't allow <rule> to be performed." (`PolicyNotAuthorized`)."""
    return Forbidden(f"Policy doesn't allow {rule} to be performed.")
