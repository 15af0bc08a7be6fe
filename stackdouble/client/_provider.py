"""The ProviderClient: one authenticated session with a cloud, shared by its service clients."""

from __future__ import annotations

import json as _json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import requests

from stackdouble import __version__
from stackdouble._secrets import redact_headers, scrub_json
from stackdouble.client._errors import (
    ConnectTimeout,
    ReadTimeout,
    ReauthenticationFailed,
    StackdoubleError,
    TransportError,
    error_for_status,
    parse_retry_after,
)
from stackdouble.client._results import decode_body

if TYPE_CHECKING:
    from stackdouble.client._options import EndpointOpts

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_OK_CODES",
    "DEFAULT_READ_TIMEOUT",
    "IDEMPOTENT_METHODS",
    "REFUSED_STATUSES",
    "RETRY_STATUSES",
    "ProviderClient",
    "Timeout",
]

log = logging.getLogger("stackdouble.client")

#: Statuses accepted by default, per method (gophercloud v2's table).
DEFAULT_OK_CODES: Mapping[str, tuple[int, ...]] = {
    "GET": (200,),
    "HEAD": (200, 204),
    "POST": (201, 202),
    "PUT": (201, 202),
    "PATCH": (200, 202, 204),
    "DELETE": (202, 204),
    "COPY": (201,),
}

#: Statuses retried (bounded, honouring Retry-After): 429 and Rackspace's 498 (rate limited)
#: for every method, 503 (unavailable) for idempotent methods only. A rate limiter refuses
#: before the service acts, so sending again is always safe. A 503 may come from a gateway
#: that forwarded the request and then gave up, so the service may have acted: sending a
#: POST again could create a second server. POST and PATCH are retried on 503 only when the
#: provider (or the call) sets `retry_non_idempotent`.
RETRY_STATUSES = frozenset({429, 498, 503})

#: The statuses of a request refused before it was acted on: retried whatever the method.
REFUSED_STATUSES = frozenset({429, 498})

#: Methods that may be sent twice with the effect of once: urllib3's
#: `Retry.DEFAULT_ALLOWED_METHODS` (RFC 9110 §9.2.2), plus Swift's COPY, which Swift's copy
#: middleware turns into a PUT of the destination with `X-Copy-From`: sending it again writes
#: the same object again, as a repeated PUT does.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE", "COPY"})

#: Seconds to wait for a connection. Long enough for three lost SYNs (Linux resends after
#: 1, 3 and 7 s), short enough that an unreachable endpoint fails fast; as botocore and
#: httpx, the connect limit is separate from the read limit.
DEFAULT_CONNECT_TIMEOUT = 10.0

#: Seconds to wait for each read of the response (not for the whole response: a long
#: download keeps going while bytes arrive). OpenStack APIs answer in seconds, and the HAProxy
#: in front of most deployments gives up after 60 s (kolla-ansible's and openstack-ansible's
#: `timeout server`), answering 504: a read limit above that lets the proxy's typed 504
#: arrive first, while a server that accepted and went silent still fails in two minutes.
#: openstacksdk, keystoneauth and gophercloud wait forever by default; a stalled server then
#: hangs a test run, which this client refuses to do.
DEFAULT_READ_TIMEOUT = 120.0

#: A timeout as requests takes it: one number for both limits, or (connect, read); a None
#: member of the pair waits forever for that phase.
Timeout: TypeAlias = "float | tuple[float | None, float | None]"

USER_AGENT = f"stackdouble/{__version__} python-requests/{requests.__version__}"


class ProviderClient:
    """One cloud session: the HTTP session, the token, and how to find and renew it.

    Service clients (`openstack.new_compute_v2(provider, ...)`) send every request through
    their provider, which adds the token, accepts the statuses the call expects, and turns any
    other status into a typed `HTTPError`. On a 401 it gets a new token once per request (if
    `reauth_func` is set) and sends the request again; concurrent 401s share one
    reauthentication. On 429 or 498 (refused before acting), and on 503 for idempotent
    methods (`IDEMPOTENT_METHODS`), it waits (`Retry-After`, else exponential backoff) and
    retries up to `max_retries` times, unless the wait would exceed `max_retry_wait`. A POST
    or PATCH answered 503 is raised at once: the service may have acted, and sending it again
    could create a second resource. Set `retry_non_idempotent` (here or per request) when
    the call is known to be harmless to repeat. No request is re-sent after a timeout.

    Every request has a connect and a read limit (`DEFAULT_CONNECT_TIMEOUT`,
    `DEFAULT_READ_TIMEOUT`) so a stalled server raises `ReadTimeout` instead of hanging.

    Build one with `openstack.authenticated_client(opts)`; construct it directly only to
    supply your own `requests.Session` or token.

    Args:
        identity_base: The identity service's unversioned root, ending in `/`.
        identity_endpoint: The versioned identity endpoint in use, ending in `/`.
        session: The `requests.Session` to send through (one is created when omitted).
        user_agent: Prefix for the User-Agent header.
        max_retries: Retries of a 429/498/503 answer before its error is raised.
        retry_backoff: First wait, in seconds, when the answer has no `Retry-After`;
            doubled at each retry.
        max_retry_wait: A longer wait than this (from `Retry-After`) is not attempted; the
            error is raised instead.
        timeout: Seconds to wait (one number for both limits, as clouds.yaml's `api_timeout`
            or `OS_API_TIMEOUT` give it), or a `(connect, read)` pair; None for the defaults
            (10 s to connect, 120 s per read). `(None, None)` waits forever.
        retry_non_idempotent: Also retry POST and PATCH on 503 (429 and 498 are retried for
            every method regardless).
        sleep: How to wait between retries (tests pass a fake clock's sleep).

    Attributes:
        endpoint_locator: Finds a service's URL for `EndpointOpts`; set by authentication.
        reauth_func: Gets a new token and installs it; set when the credentials allow it.
        auth_result: The Result of the last token request (`extract_token()` and friends).
    """

    def __init__(
        self,
        *,
        identity_base: str = "",
        identity_endpoint: str = "",
        session: requests.Session | None = None,
        user_agent: str | None = None,
        max_retries: int = 3,
        retry_backoff: float = 0.5,
        max_retry_wait: float = 60.0,
        timeout: Timeout | None = None,
        retry_non_idempotent: bool = False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.identity_base = identity_base
        self.identity_endpoint = identity_endpoint
        self.session = session if session is not None else requests.Session()
        self.user_agent = f"{user_agent} {USER_AGENT}" if user_agent else USER_AGENT
        self.max_retries = max_retries
        self.retry_backoff = retry_backoff
        self.max_retry_wait = max_retry_wait
        self.timeout: Timeout = (
            timeout if timeout is not None else (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)
        )
        self.retry_non_idempotent = retry_non_idempotent
        self.sleep = sleep
        self.endpoint_locator: Callable[[EndpointOpts], str] | None = None
        self.reauth_func: Callable[[], None] | None = None
        self.auth_result: Any = None
        self._token: str | None = None
        self._reauth_lock = threading.Lock()
        self.reauth_count = 0

    @property
    def token_id(self) -> str | None:
        """The token sent as `X-Auth-Token` (never logged or shown in repr)."""
        return self._token

    def set_token(self, token_id: str | None) -> None:
        """Install a token, e.g. one obtained elsewhere."""
        self._token = token_id

    def authenticated_headers(self) -> dict[str, str]:
        """`{"X-Auth-Token": token}`, or `{}` before authentication."""
        return {"X-Auth-Token": self._token} if self._token else {}

    def locate(self, opts: EndpointOpts) -> str:
        """The URL of the service `opts` describes, from the token's catalog.

        Raises:
            ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: See `EndpointError`.
            InvalidInput: The provider has not authenticated, so it has no catalog.
        """
        if self.endpoint_locator is None:
            from stackdouble.client._errors import InvalidInput

            raise InvalidInput("the provider has no catalog: authenticate it first")
        return self.endpoint_locator(opts)

    def reauthenticate(self, previous_token: str | None) -> None:
        """Get a new token, unless another thread already replaced `previous_token`.

        Raises:
            StackdoubleError: Whatever authentication raised.
        """
        if self.reauth_func is None:
            return
        with self._reauth_lock:
            if self._token != previous_token:
                return
            self.reauth_count += 1
            self.reauth_func()

    def request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        data: Any = None,
        headers: Mapping[str, str | None] | None = None,
        ok_codes: Iterable[int] | None = None,
        stream: bool = False,
        authenticated: bool = True,
        timeout: Timeout | None = None,
        retry_non_idempotent: bool | None = None,
    ) -> requests.Response:
        """Send one request and return the response, or raise.

        Args:
            method: The HTTP method (`GET`, `COPY`...).
            url: The absolute URL.
            json: A value sent as a JSON body (sets Content-Type).
            data: A raw body: bytes, text, a file or an iterator of bytes (streamed).
            headers: Extra headers; a None value removes a default header.
            ok_codes: Statuses that count as success; defaults to `DEFAULT_OK_CODES[method]`.
            stream: Leave the body unread, for downloads.
            authenticated: Send the token and reauthenticate on 401; False for token requests.
            timeout: Overrides the provider's timeout for this request.
            retry_non_idempotent: Overrides the provider's `retry_non_idempotent` for this
                request: whether a POST or PATCH answered 503 is sent again.

        Raises:
            HTTPError: A status outside `ok_codes` (after reauth and retries), as its subclass.
            ReauthenticationFailed: A 401, and getting a new token failed.
            ConnectTimeout: No connection within the connect limit (nothing was sent).
            ReadTimeout: No answer within the read limit (the service may have acted).
            TransportError: No response (connection refused, DNS, TLS).
        """
        method = method.upper()
        ok = tuple(ok_codes) if ok_codes is not None else DEFAULT_OK_CODES.get(method, (200,))
        hdrs: dict[str, str] = {"Accept": "application/json", "User-Agent": self.user_agent}
        body = data
        if json is not None:
            body = _json.dumps(json).encode("utf-8")
            hdrs["Content-Type"] = "application/json"
        removed: list[str] = []
        if headers:
            for key, value in headers.items():
                if value is None:
                    removed.append(key)
                else:
                    hdrs[key] = value
        for key in removed:
            for existing in [k for k in hdrs if k.lower() == key.lower()]:
                del hdrs[existing]
        token_pinned = authenticated and any(k.lower() == "x-auth-token" for k in hdrs)
        rewind = _rewinder(body)
        if retry_non_idempotent is None:
            retry_non_idempotent = self.retry_non_idempotent
        retry_unavailable = retry_non_idempotent or method in IDEMPOTENT_METHODS
        reauthed = False
        retries = 0
        while True:
            token = self._token
            if authenticated and not token_pinned:
                if token:
                    hdrs["X-Auth-Token"] = token
                else:
                    hdrs.pop("X-Auth-Token", None)
            response = self._send(method, url, body, hdrs, stream, timeout)
            status = response.status_code
            if status in ok:
                return response
            if (
                status == 401
                and authenticated
                and not token_pinned
                and not reauthed
                and self.reauth_func is not None
                and rewind is not None
            ):
                reauthed = True
                response.close()
                try:
                    self.reauthenticate(token)
                except StackdoubleError as exc:
                    raise ReauthenticationFailed(
                        method=method,
                        url=url,
                        status=401,
                        body=decode_body(response),
                        headers=response.headers,
                        expected=ok,
                        note=f"reauthentication failed: {exc}",
                    ) from exc
                rewind()
                continue
            if (
                (status in REFUSED_STATUSES or (status == 503 and retry_unavailable))
                and retries < self.max_retries
                and rewind is not None
            ):
                wait = parse_retry_after(response.headers.get("Retry-After", "") or "x")
                if wait is None:
                    wait = self.retry_backoff * (2**retries)
                if wait <= self.max_retry_wait:
                    retries += 1
                    response.close()
                    log.debug("%s %s → %s; retry %d in %.2f s", method, url, status, retries, wait)
                    self.sleep(wait)
                    rewind()
                    continue
            note = "after reauthentication" if reauthed and status == 401 else None
            if retries:
                note = f"after {retries} {'retry' if retries == 1 else 'retries'}"
            raise error_for_status(status)(
                method=method,
                url=url,
                status=status,
                body=decode_body(response),
                headers=response.headers,
                expected=ok,
                note=note,
            )

    def _send(
        self,
        method: str,
        url: str,
        body: Any,
        headers: dict[str, str],
        stream: bool,
        timeout: Timeout | None,
    ) -> requests.Response:
        started = time.perf_counter()
        limit = timeout if timeout is not None else self.timeout
        try:
            response = self.session.request(
                method, url, data=body, headers=headers, stream=stream, timeout=limit
            )
        except requests.ConnectTimeout as exc:
            seconds = limit[0] if isinstance(limit, tuple) else limit
            raise ConnectTimeout(
                method,
                url,
                f"no connection within {_seconds(seconds)} (connect timeout)",
                timeout=seconds,
            ) from exc
        except requests.Timeout as exc:
            seconds = limit[1] if isinstance(limit, tuple) else limit
            raise ReadTimeout(
                method,
                url,
                f"no response within {_seconds(seconds)} (read timeout)",
                timeout=seconds,
            ) from exc
        except requests.RequestException as exc:
            raise TransportError(method, url, _describe(exc)) from exc
        if log.isEnabledFor(logging.DEBUG):
            _log_exchange(method, url, headers, body, response, started)
        return response

    def __repr__(self) -> str:
        state = "authenticated" if self._token else "unauthenticated"
        return f"<ProviderClient {self.identity_endpoint or self.identity_base} {state}>"


def _rewinder(body: Any) -> Callable[[], None] | None:
    """A function that makes `body` sendable again, or None when it cannot be replayed."""
    if body is None or isinstance(body, (bytes, str, bytearray, dict, list, tuple)):
        return _noop
    seek = getattr(body, "seek", None)
    tell = getattr(body, "tell", None)
    if seek is not None and tell is not None:
        try:
            start = tell()
        except OSError:
            return None
        return lambda: seek(start)
    return None


def _noop() -> None:
    return None


def _seconds(value: float | None) -> str:
    return "?" if value is None else f"{value:g} s"


def _describe(exc: BaseException) -> str:
    text = str(exc)
    reason = getattr(exc, "args", None)
    if reason and isinstance(reason[0], BaseException):
        text = str(reason[0])
    return f"{type(exc).__name__}: {text}"


def _log_exchange(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: Any,
    response: requests.Response,
    started: float,
) -> None:
    elapsed = (time.perf_counter() - started) * 1000
    request_id = response.headers.get("X-Openstack-Request-Id") or response.headers.get(
        "X-Trans-Id", "-"
    )
    sent: Any = None
    if isinstance(body, bytes) and headers.get("Content-Type") == "application/json":
        try:
            sent = scrub_json(_json.loads(body))
        except ValueError:
            sent = None
    log.debug(
        "%s %s → %d in %.1f ms (%s) headers=%s%s",
        method,
        url,
        response.status_code,
        elapsed,
        request_id,
        redact_headers(headers),
        f" body={_json.dumps(sent)[:500]}" if sent is not None else "",
    )

