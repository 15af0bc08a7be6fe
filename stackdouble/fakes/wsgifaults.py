"""The fault envelope Nova and Cinder share, and the base of the errors that render as it.

Both services' `api/openstack/wsgi.py` have the same `Fault`: the body is
`{"<faultName>": {"code": <status>, "message": ...}}`, the name chosen by status from
`_fault_names` (anything else `computeFault`), a few faults adding members (`retryAfter` for
413s). What differs is a service's own: Cinder's names lack 429, Nova's bodies are
`application/json; charset=UTF-8`. Each service's `errors` module passes those in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from stackdouble.fakes.envelopes import NOVA_FAULT_NAMES, default_message
from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError

__all__ = ["FaultError", "fault_response"]


def fault_response(status: int, message: str | None = None,
                   extra: Mapping[str, Any] | None = None, *,
                   names: Mapping[int, str] = NOVA_FAULT_NAMES,
                   content_type: str = "application/json") -> FakeResponse:
    """`Fault.__call__`: the envelope for `status`, named by `names`.

    Args:
        status: The HTTP status.
        message: The fault's message; None uses webob's explanation of the status.
        extra: Members added after `code` and `message` (`retryAfter`...).
        names: The service's fault name per status; others are `computeFault`.
        content_type: The response's `Content-Type`.

    Example:
        >>> fault_response(409, "Instance x is locked").json_body()
        {'conflictingRequest': {'code': 409, 'message': 'Instance x is locked'}}
    """
    inner: dict[str, Any] = {"code": status, "message": message or default_message(status)}
    if extra:
        inner.update(extra)
    return FakeResponse.json(status, {names.get(status, "computeFault"): inner},
                             content_type=content_type)


class FaultError(HTTPError):
    """An error the handlers and the model raise, rendered as the service's fault envelope.

    A service subclasses it once, overriding `fault` with its envelope, and then once per
    status. `fault_extra` adds members to the envelope (`retryAfter`...).

    Args:
        message: The fault's message; None uses the status's default.
        headers: Extra response headers (`Retry-After`...).
        status: Overrides the class's status.
    """

    status = 500

    def __init__(self, message: str | None = None,
                 headers: Iterable[tuple[str, str]] | None = None,
                 *, status: int | None = None) -> None:
        super().__init__(status if status is not None else self.status, message, headers)

    def fault(self, status: int, message: str | None,
              extra: Mapping[str, Any] | None) -> FakeResponse:
        """The service's envelope (`fault_response` with its names and Content-Type)."""
        return fault_response(status, message, extra)

    def fault_extra(self) -> Mapping[str, Any] | None:
        """Members this fault adds to the envelope; None adds none."""
        return None

    def render(self, req: FakeRequest) -> FakeResponse:
        """The fault envelope, plus this error's headers."""
        resp = self.fault(self.status, self.message, self.fault_extra())
        resp.headers.extend(self.headers)
        return resp
