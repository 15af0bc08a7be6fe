"""The error hierarchy of the client.

Every error the client raises is a `StackdoubleError`::

    StackdoubleError
    ├── HTTPError                      a response with a status the call did not expect
    │   ├── BadRequest (400)
    │   ├── Unauthorized (401)
    │   │   └── ReauthenticationFailed   the token was refused and a new one could not be had
    │   ├── Forbidden (403)
    │   ├── NotFound (404)
    │   ├── MethodNotAllowed (405)
    │   ├── NotAcceptable (406)
    │   ├── RequestTimeout (408)
    │   ├── Conflict (409)
    │   ├── PreconditionFailed (412)
    │   ├── OverLimit (413)
    │   ├── RangeNotSatisfiable (416)
    │   ├── TooManyRequests (429, 498)
    │   ├── InternalServerError (500)
    │   ├── BadGateway (502)
    │   ├── ServiceUnavailable (503)
    │   ├── GatewayTimeout (504)
    │   └── UnexpectedStatus         any other status, including an unexpected 2xx
    ├── TransportError                 no response at all (connection refused, DNS, TLS, timeout)
    │   ├── ConnectTimeout               no connection within the limit: nothing was sent
    │   └── ReadTimeout                  sent, but no answer within the limit
    ├── EndpointError (LookupError)    the catalog has no single endpoint for what was asked
    │   ├── ServiceNotFound
    │   ├── EndpointNotFound
    │   └── AmbiguousEndpoint
    ├── InvalidInput (ValueError)      options that cannot be sent
    ├── UnexpectedBody (ValueError)    a successful response of the wrong shape: names the URL,
    │                                  the JSON path (`$.server.created`) and what was expected
    ├── MicroversionUnsupported (ValueError)  a microversion the endpoint does not offer
    ├── StatusError                    an awaited resource reached a failure status (ERROR)
    └── WaitTimeout (TimeoutError)     a wait_for_status helper ran out of time

Errors carry what a bug report needs and never a secret: headers are redacted and bodies
truncated and scrubbed. Every error pickles (they cross pytest-xdist and multiprocessing).

Which retries are safe: the provider retries by itself only what cannot act twice (see
`RETRY_STATUSES` in `_provider.py`). A `ConnectTimeout`, a refused connection, a 429 or a 498
mean the service never acted, so any request may be sent again. A `ReadTimeout`, a 502, 503
or 504 mean it may have acted: send again only an idempotent method (GET, HEAD, PUT, DELETE,
OPTIONS, TRACE, and Swift's COPY, which is a PUT), or a POST/PATCH you know to be harmless.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from stackdouble._secrets import redact_headers, scrub_text

__all__ = [
    "AmbiguousEndpoint",
    "BadGateway",
    "BadRequest",
    "Conflict",
    "ConnectTimeout",
    "EndpointError",
    "EndpointNotFound",
    "Forbidden",
    "GatewayTimeout",
    "HTTPError",
    "InternalServerError",
    "InvalidInput",
    "MethodNotAllowed",
    "MicroversionUnsupported",
    "NotAcceptable",
    "NotFound",
    "OverLimit",
    "PreconditionFailed",
    "RangeNotSatisfiable",
    "ReadTimeout",
    "ReauthenticationFailed",
    "RequestTimeout",
    "ServiceNotFound",
    "ServiceUnavailable",
    "StackdoubleError",
    "StatusError",
    "TooManyRequests",
    "TransportError",
    "Unauthorized",
    "UnexpectedBody",
    "UnexpectedStatus",
    "WaitTimeout",
    "describe_json",
    "error_for_status",
    "parse_fault",
]

#: How much of a response body an error keeps.
BODY_LIMIT = 2048


def _rebuild(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    exc = cls.__new__(cls)
    BaseException.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


class StackdoubleError(Exception):
    """The root of every error the client raises."""

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.args, self.__dict__.copy()))


def parse_fault(body: Any) -> tuple[str | None, str | None]:
    """Find the fault kind and message in an OpenStack error body.

    Understands Nova and Cinder (`{"itemNotFound": {"code", "message"}}`), Keystone
    (`{"error": {"code", "title", "message"}}`), Neutron (`{"NeutronError": {"type",
    "message"}}`), webob's JSON error page (Glance: `{"code": "404 Not Found", "title",
    "message": "...<br /><br />..."}`) and plain text or HTML bodies (Swift).

    Args:
        body: The decoded JSON body, or the text of the response.

    Returns:
        `(kind, message)`; either may be None when the body does not say.

    Example:
        >>> parse_fault({"itemNotFound": {"code": 404, "message": "Instance x not found."}})
        ('itemNotFound', 'Instance x not found.')
        >>> parse_fault({"error": {"code": 401, "title": "Unauthorized", "message": "No."}})
        ('Unauthorized', 'No.')
        >>> parse_fault({"NeutronError": {"type": "IpAddressGenerationFailure", "detail": "",
        ...     "message": "No more IP addresses available on network n1."}})
        ('IpAddressGenerationFailure', 'No more IP addresses available on network n1.')
        >>> parse_fault({"message": "No image found with ID x<br /><br />",
        ...              "code": "404 Not Found", "title": "Not Found"})
        ('Not Found', 'No image found with ID x')
    """
    if isinstance(body, Mapping):
        if len(body) == 1:
            ((key, inner),) = body.items()
            if isinstance(inner, Mapping):
                message = inner.get("message")
                if key == "error":
                    kind = inner.get("title") or inner.get("type")
                elif key == "NeutronError":
                    kind = inner.get("type")
                    detail = inner.get("detail")  # Neutron sends "" (api_common.py)
                    if detail and isinstance(detail, str) and detail != message:
                        message = f"{message} ({detail})" if message else detail
                else:
                    kind = key
                return (str(kind) if kind else None, str(message) if message else None)
            if isinstance(inner, str):
                return (str(key), inner)
        message = body.get("message") or body.get("faultstring")
        if isinstance(message, str) and "title" in body and "<br />" in message:
            parts = (part.strip() for part in message.split("<br /><br />"))
            message = " ".join(part for part in parts if part)
            title = body.get("title")
            return (str(title) if title else None, message or None)
        return (None, str(message) if message else None)
    if isinstance(body, str):
        text = _strip_html(body).strip()
        return (None, text or None)
    return (None, None)


def _strip_html(text: str) -> str:
    if "<" not in text:
        return text
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


class HTTPError(StackdoubleError):
    """A response whose status the call did not accept.

    Attributes:
        method: The HTTP method sent.
        url: The URL requested (no secrets: OpenStack puts none in URLs it accepts).
        status: The HTTP status received.
        expected: The statuses the call would have accepted.
        body: The response body, decoded JSON or text, scrubbed and truncated.
        headers: The response headers, with secret values redacted.
        request_id: `X-Openstack-Request-Id` (or Swift's `X-Trans-Id`, or Nova's
            `X-Compute-Request-Id`), or None.
        kind: The fault's name from the body (`itemNotFound`, `Unauthorized`), or None.
        fault: The fault's message from the body, or None.
        retry_after: Seconds from a `Retry-After` header, or None.
    """

    #: The status this class stands for; 0 for `UnexpectedStatus`.
    status_code: int = 0

    def __init__(
        self,
        *,
        method: str,
        url: str,
        status: int,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        expected: Iterable[int] = (),
        note: str | None = None,
    ) -> None:
        self.method = method
        self.url = url
        self.status = status
        self.expected = tuple(expected)
        self.headers: Mapping[str, str] = MappingProxyType(redact_headers(headers or {}))
        self.body = _trim_body(body)
        self.request_id = _request_id(self.headers)
        self.kind, self.fault = parse_fault(self.body)
        self.retry_after = _retry_after(self.headers)
        self.note = note
        super().__init__(self._message())

    def __reduce__(self) -> Any:
        state = self.__dict__.copy()
        state["headers"] = dict(self.headers)
        return (_rebuild_http, (type(self), self.args, state))

    def _message(self) -> str:
        text = f"{self.method} {self.url} → {self.status}"
        if self.kind and self.fault:
            text += f" {self.kind}: {self.fault}"
        elif self.fault or self.kind:
            text += f" {self.fault or self.kind}"
        if self.request_id:
            text += f" ({self.request_id})"
        if self.note:
            text += f"; {self.note}"
        return text


def _rebuild_http(cls: type[HTTPError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    state = dict(state)
    state["headers"] = MappingProxyType(state["headers"])
    return _rebuild(cls, args, state)


def _trim_body(body: Any) -> Any:
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str):
        body = scrub_text(body)
        return body if len(body) <= BODY_LIMIT else body[:BODY_LIMIT] + "…"
    if body is None:
        return None
    from stackdouble._secrets import scrub_json

    return scrub_json(body)


def _request_id(headers: Mapping[str, str]) -> str | None:
    for name in ("x-openstack-request-id", "x-compute-request-id", "x-trans-id"):
        for key, value in headers.items():
            if key.lower() == name:
                return value
    return None


def _retry_after(headers: Mapping[str, str]) -> float | None:
    for key, value in headers.items():
        if key.lower() == "retry-after":
            return parse_retry_after(value)
    return None


def parse_retry_after(value: str) -> float | None:
    """Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP date.

    Example:
        >>> parse_retry_after("3")
        3.0
        >>> parse_retry_after("soon") is None
        True
    """
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    import datetime as _dt

    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return max(0.0, (when - _dt.datetime.now(_dt.timezone.utc)).total_seconds())


class BadRequest(HTTPError):
    """400: the service rejected the request as malformed; retrying it unchanged will fail."""

    status_code = 400


class Unauthorized(HTTPError):
    """401: the token or credentials were refused (after one reauthentication, if allowed)."""

    status_code = 401


class ReauthenticationFailed(Unauthorized):
    """401, and getting a new token failed too.

    Attributes:
        reauth_error: The error raised while authenticating again.
    """

    reauth_error: BaseException | None = None


class Forbidden(HTTPError):
    """403: authenticated, but not allowed (policy, another project's resource, a quota)."""

    status_code = 403


class NotFound(HTTPError):
    """404: no such resource, or not visible to this project."""

    status_code = 404


class MethodNotAllowed(HTTPError):
    """405: the resource exists but does not support this method."""

    status_code = 405


class NotAcceptable(HTTPError):
    """406: the service cannot answer in a format or microversion the request accepts."""

    status_code = 406


class RequestTimeout(HTTPError):
    """408: the service gave up waiting for the request; retrying is safe for idempotent calls."""

    status_code = 408


class Conflict(HTTPError):
    """409: the resource's state does not allow this now (Nova's conflictingRequest)."""

    status_code = 409


class PreconditionFailed(HTTPError):
    """412: a condition in the request failed (If-Match, Swift's limit above its maximum)."""

    status_code = 412


class OverLimit(HTTPError):
    """413: a quota or size limit was exceeded (Nova's and Cinder's overLimit)."""

    status_code = 413


class RangeNotSatisfiable(HTTPError):
    """416: the requested byte range lies outside the object."""

    status_code = 416


class TooManyRequests(HTTPError):
    """429 (or Rackspace's 498): rate limited, refused before acting; retried automatically
    within bounds for every method, honouring Retry-After."""

    status_code = 429


class InternalServerError(HTTPError):
    """500: the service failed; the request id is what its operators need."""

    status_code = 500


class BadGateway(HTTPError):
    """502: a proxy in front of the service got no valid answer; the service may have acted."""

    status_code = 502


class ServiceUnavailable(HTTPError):
    """503: the service is overloaded or down; it may have acted all the same (a gateway that
    forwarded the request and then gave up), so only idempotent methods are retried
    automatically, within bounds (POST and PATCH when `retry_non_idempotent` is set)."""

    status_code = 503


class GatewayTimeout(HTTPError):
    """504: a proxy in front of the service timed out; the service may have acted."""

    status_code = 504


class UnexpectedStatus(HTTPError):
    """Any status with no class of its own, including a 2xx the call did not expect."""


_BY_STATUS: Mapping[int, type[HTTPError]] = MappingProxyType(
    {
        cls.status_code: cls
        for cls in (
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            MethodNotAllowed,
            NotAcceptable,
            RequestTimeout,
            Conflict,
            PreconditionFailed,
            OverLimit,
            RangeNotSatisfiable,
            TooManyRequests,
            InternalServerError,
            BadGateway,
            ServiceUnavailable,
            GatewayTimeout,
        )
    }
    | {498: TooManyRequests}
)


def error_for_status(status: int) -> type[HTTPError]:
    """The `HTTPError` subclass raised for a status.

    Example:
        >>> error_for_status(404).__name__
        'NotFound'
        >>> error_for_status(418).__name__
        'UnexpectedStatus'
    """
    return _BY_STATUS.get(status, UnexpectedStatus)


class TransportError(StackdoubleError):
    """No response was received: connection refused, DNS failure, TLS error or timeout.

    A refused connection or a DNS or TLS failure reached no service, so sending again is safe
    for any method; see `ReadTimeout` for the case where it is not.

    Attributes:
        method: The HTTP method.
        url: The URL.
        reason: What went wrong, e.g. `ConnectionError: [Errno 111] Connection refused`.
        timeout: The limit that ran out, in seconds, for the timeout subclasses; else None.
    """

    def __init__(
        self, method: str, url: str, reason: str, *, timeout: float | None = None
    ) -> None:
        self.method = method
        self.url = url
        self.reason = reason
        self.timeout = timeout
        super().__init__(f"{method} {url}: {reason}")


class ConnectTimeout(TransportError):
    """No connection within the connect timeout: nothing reached the service, so sending
    again is safe for any method (the provider does not, by itself)."""


class ReadTimeout(TransportError):
    """The request was sent but no answer came within the read timeout. The service may have
    acted, so send again only idempotent requests (GET, HEAD, PUT, DELETE...), never a
    create that would make a second resource."""


class EndpointError(StackdoubleError, LookupError):
    """The catalog does not give exactly one endpoint for the options asked.

    Attributes:
        asked: What was asked, e.g. `{"type": "compute", "region": "RegionOne", ...}`.
        available: Human-readable descriptions of what the catalog does offer.
    """

    def __init__(self, message: str, asked: Mapping[str, Any], available: Iterable[str]) -> None:
        self.asked = dict(asked)
        self.available = tuple(available)
        super().__init__(message)


class ServiceNotFound(EndpointError):
    """The catalog has no service of the type (or aliases) and name asked for."""


class EndpointNotFound(EndpointError):
    """The service exists, but has no endpoint in the region and interface asked for."""


class AmbiguousEndpoint(EndpointError):
    """More than one distinct endpoint matches; narrow the search by name or region."""


class InvalidInput(StackdoubleError, ValueError):
    """Options that cannot be turned into a request (missing or contradictory fields).

    Attributes:
        field: The option at fault, or None.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class UnexpectedBody(StackdoubleError, ValueError):
    """A successful (2xx) response whose body does not have the shape the call expects.

    Raised by `extract()` (and the page extractors) where the shape is wrong, or, for a field
    that lazy resources (`Server`, `Volume`, `Object`...) convert on first read, by reading
    that attribute. The message names the request, the JSON path and what was expected::

        GET https://nova.example/v2.1/servers/x: expected an ISO 8601 time at $.server.created,
        found 'yesterday'

    It is also a `ValueError` (as requests' `JSONDecodeError` is). Retrying will rarely help:
    the service, or a proxy in front of it, answers something this client does not read.

    Attributes:
        expected: What was looked for (`"an object"`, `"a list"`, `"an ISO 8601 time"`).
        found: What the body holds there instead (`"a list"`, `"null"`, `"keys ['id']"`).
        path: Where, as a JSONPath from the body's root (`$.servers[3].created`); `$` is the
            whole body; `""` when the fault is in a header, which `expected` names.
        method: The request's method, or None when not known.
        url: The request's URL, or None when not known.
    """

    def __init__(
        self,
        expected: str,
        found: str,
        *,
        path: str = "$",
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        self.expected = expected
        self.found = found
        self.path = path
        self.method = method
        self.url = url
        # `$` alone is "the value I was given": relative until an extractor says where that
        # value sits in the body (`locate`). Any other path is from the body's root.
        self._anchored = url is not None or path != "$"
        super().__init__(self._message())

    def _message(self) -> str:
        if self.path == "$":
            text = f"expected {self.expected} in the response body, found {self.found}"
        elif self.path:
            text = f"expected {self.expected} at {self.path}, found {self.found}"
        else:
            text = f"expected {self.expected}, found {self.found}"
        if self.url:
            text = f"{self.method or 'GET'} {self.url}: {text}"
        return text

    def locate(
        self, prefix: str | None = None, *, method: str | None = None, url: str | None = None
    ) -> UnexpectedBody:
        """Say where the error happened, once: the path of the value that was being read
        (`$.servers[3]`), prepended to this error's relative path, and the request.

        An error whose path is `$` was raised by a reader given one value (`parse_time`, a
        resource built from a list): the first `prefix` says where that value sits in the
        body. Later calls only fill in what is still unknown.
        Returns this error, for `raise err.locate(...)`.
        """
        if prefix is not None and not self._anchored:
            self.path = prefix + self.path[1:]
            self._anchored = True
        if url and not self.url:
            self.url = url
            self.method = method
            self._anchored = True
        self.args = (self._message(),)
        return self


def describe_json(value: object) -> str:
    """A short description of a decoded JSON value, for error messages: its kind, never its
    content (a body may hold secrets), except an object's keys.

    Example:
        >>> describe_json([1, 2]), describe_json(None), describe_json({"b": 1, "a": 2})
        ('a list', 'null', "an object with keys ['a', 'b']")
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        keys = sorted(str(key) for key in value)
        shown = keys[:8] + (["…"] if len(keys) > 8 else [])
        return f"an object with keys {shown}" if keys else "an empty object"
    return type(value).__name__


class StatusError(StackdoubleError):
    """A resource reached a failure status (Nova's ERROR, Cinder's error) while awaited.

    Waiting longer cannot help, so the wait stops at once instead of running into its timeout.

    Attributes:
        resource: What was awaited, e.g. `"server 0e12…"`.
        status: The failure status seen.
        fault: The service's explanation (Nova's `fault.message`), or None.
    """

    def __init__(self, resource: str, status: str, fault: str | None = None) -> None:
        self.resource = resource
        self.status = status
        self.fault = fault
        message = f"{resource} went to {status}"
        if fault:
            message += f": {fault}"
        super().__init__(message)


class MicroversionUnsupported(StackdoubleError, ValueError):
    """The microversion asked for is below the endpoint's minimum, or the endpoint takes none.

    Attributes:
        wanted: The microversion asked for.
        min_version: The endpoint's minimum (`""` when it has no microversions).
        max_version: The endpoint's maximum (`""` when it has no microversions).
    """

    def __init__(self, wanted: str, min_version: str, max_version: str) -> None:
        self.wanted = wanted
        self.min_version = min_version
        self.max_version = max_version
        if max_version:
            text = f"microversion {wanted} is outside {min_version}–{max_version}"
        else:
            text = f"microversion {wanted} asked of an endpoint without microversions"
        super().__init__(text)


class WaitTimeout(StackdoubleError, TimeoutError):
    """A `wait_for_status` helper ran out of time.

    Attributes:
        last_status: The status last seen, or None.
    """

    def __init__(self, message: str, last_status: str | None = None) -> None:
        self.last_status = last_status
        super().__init__(message)
