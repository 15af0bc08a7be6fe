"""Cinder's faults: `{"<faultName>": {"code": ..., "message": ...}}`, named by status.

The envelope is `cinder/api/openstack/wsgi.py`'s `Fault` (the same names as Nova's: 400
`badRequest`, 404 `itemNotFound`, 413 `overLimit`...; anything else `computeFault`), and 413
faults carry `retryAfter` from the exception's `Retry-After` header. The messages are
Cinder's `exception.py` classes, formatted as the API shows them:

* `Invalid` and `NotFound` exceptions are converted by `ResourceExceptionHandler` with their
  own message (`InvalidVolume`: "Invalid volume: <reason>").
* Quota errors (`QuotaError`, `safe = True`) pass through `FaultWrapper`, which prefixes the
  class name: "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded for
  quota 'volumes'." with `Retry-After: 0`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from stackdouble.fakes.envelopes import NOVA_FAULT_NAMES
from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.wsgifaults import FaultError, fault_response

__all__ = [
    "CINDER_FAULT_NAMES",
    "BadRequest",
    "CinderError",
    "Forbidden",
    "NotAcceptable",
    "NotFound",
    "QuotaError",
    "cinder_fault",
    "invalid_input",
    "invalid_snapshot",
    "invalid_volume",
    "snapshot_metadata_not_found",
    "snapshot_not_found",
    "volume_not_found",
    "volume_type_not_found",
]

#: Cinder's fault name per status (`Fault._fault_names`): Nova's, without 429.
CINDER_FAULT_NAMES = MappingProxyType({k: v for k, v in NOVA_FAULT_NAMES.items() if k != 429})


def cinder_fault(status: int, message: str | None = None,
                 extra: Mapping[str, Any] | None = None) -> FakeResponse:
    """Cinder's fault envelope as `Fault.__call__` writes it (`wsgifaults`).

    Example:
        >>> cinder_fault(404, "Volume x could not be found.").json_body()
        {'itemNotFound': {'code': 404, 'message': 'Volume x could not be found.'}}
    """
    return fault_response(status, message, extra, names=CINDER_FAULT_NAMES)


class CinderError(FaultError):
    """A Cinder fault the handlers and the model raise; rendered as Cinder renders it."""

    def fault(self, status: int, message: str | None,
              extra: Mapping[str, Any] | None) -> FakeResponse:
        """Cinder's envelope (`cinder_fault`)."""
        return cinder_fault(status, message, extra)


class BadRequest(CinderError):
    """400 `badRequest`: `Invalid` exceptions, validation errors, malformed requests."""

    status = 400


class Forbidden(CinderError):
    """403 `forbidden`: policy refusals ("Policy doesn't allow ... to be performed.")."""

    status = 403


class NotFound(CinderError):
    """404 `itemNotFound`."""

    status = 404


class NotAcceptable(CinderError):
    """406 `computeFault`: a microversion outside 3.0–3.71."""

    status = 406


class QuotaError(CinderError):
    """413 `overLimit` with `retryAfter: "0"` and `Retry-After: 0` (`QuotaError`).

    Args:
        kind: The exception class name Cinder prefixes (`VolumeLimitExceeded`...).
        text: Its message.
    """

    status = 413

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(f"{kind}: {text}", [("Retry-After", "0")])
        self.kind = kind

    def fault_extra(self) -> dict[str, Any]:
        """`{"overLimit": {"code": 413, "message": ..., "retryAfter": "0"}}`."""
        return {"retryAfter": "0"}


def volume_not_found(volume_id: str) -> NotFound:
    """404 "Volume <id> could not be found." (`VolumeNotFound`)."""
    return NotFound(f"Volume {volume_id} could not be found.")


def snapshot_not_found(snapshot_id: str) -> NotFound:
    """404 "Snapshot <id> could not be found." (`SnapshotNotFound`)."""
    return NotFound(f"Snapshot {snapshot_id} could not be found.")


def snapshot_metadata_not_found(snapshot_id: str, key: str) -> NotFound:
    """404 "Snapshot <id> has no metadata with key <key>." (`SnapshotMetadataNotFound`)."""
    return NotFound(f"Snapshot {snapshot_id} has no metadata with key {key}.")


def volume_type_not_found(type_id: str) -> NotFound:
    """404 "Volume type <id> could not be found." (`VolumeTypeNotFound`)."""
    return NotFound(f"Volume type {type_id} could not be found.")


def invalid_volume(reason: str) -> BadRequest:
    """400 "Invalid volume: <reason>" (`InvalidVolume`)."""
    return BadRequest(f"Invalid volume: {reason}")


def invalid_snapshot(reason: str) -> BadRequest:
    """400 "Invalid snapshot: <reason>" (`InvalidSnapshot`)."""
    return BadRequest(f"Invalid snapshot: {reason}")


def invalid_input(reason: str) -> BadRequest:
    """400 "Invalid input received: <reason>" (`InvalidInput`)."""
    return BadRequest(f"Invalid input received: {reason}")


class OverLimit(CinderError):
    """413 `overLimit` that a controller raises itself as webob's
    `HTTPRequestEntityTooLarge` (the transfer accept's over-quota answer): the message
    without the exception name `QuotaError` gets from the fault wrapper."""

    status = 413

    def __init__(self, text: str) -> None:
        super().__init__(text, [("Retry-After", "0")])

    def fault_extra(self) -> dict[str, Any]:
        """`{"overLimit": {"code": 413, "message": ..., "retryAfter": "0"}}`."""
        return {"retryAfter": "0"}


class Conflict(CinderError):
    """409 `conflictingRequest` (`Duplicate`: a QoS specs name taken)."""

    status = 409
