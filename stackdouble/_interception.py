"""Answer `requests` calls in-process: the one interception the fakes and replay share.

`Interception(route)` patches `requests` (every `Session`) through a `responses.RequestsMock`
while started. For each request, `route` names the `CatchAll` that answers it, or None to let
it reach the real network. Routing is one call, not a scan: `responses` would try every
registered URL in turn (about 19 µs each), so the mock's registry, a
`responses.registries.FirstMatchRegistry` subclass, asks `route` instead of matching.

Only `responses`' public API is used: the `registry=` extension point, `CallbackResponse`,
`add_passthru`, `calls` and `CallList.reset`. Neither the mock nor a catch-all keeps the calls
it answered (at most the last one, until the next request or `stop`), so a long test session
does not hold every response.

This module depends on `requests` and `responses` only: the fake cloud's in-process transport
(`stackdouble.fakes.transport`) and cassette replay (`stackdouble.cassettes.Replayer`) both
use it, and neither has to import the other (the cassettes importing `stackdouble.fakes` would
load the whole fake cloud in replay mode).

Example:
    >>> import requests
    >>> hello = CatchAll(lambda request: (200, [("Content-Type", "text/plain")], b"hi"))
    >>> with Interception(lambda request: hello):
    ...     requests.get("https://anywhere.test/x").text
    'hi'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import responses
from responses.registries import FirstMatchRegistry

if TYPE_CHECKING:
    from requests import PreparedRequest

__all__ = ["DEFAULT_PORTS", "Answer", "CatchAll", "Interception", "host_of",
           "strip_default_port"]

#: The port each scheme implies when a URL names none.
DEFAULT_PORTS: Mapping[str, str] = {"http": "80", "https": "443"}

#: What a catch-all's answer function returns: status, headers and body (bytes, or a
#: readable stream for a streamed body).
Answer = tuple[int, Sequence[tuple[str, str]], Any]

_ANY_URL = re.compile(".*")


def strip_default_port(scheme: str, netloc: str) -> str:
    """`netloc` without the port its scheme implies (`host:443` for https becomes `host`).

    Example:
        >>> strip_default_port("https", "k.example:443"), strip_default_port("http", "k:443")
        ('k.example', 'k:443')
    """
    default = DEFAULT_PORTS.get(scheme.lower())
    if default and netloc.endswith(":" + default):
        return netloc[: -len(default) - 1]
    return netloc


def host_of(url: str) -> str:
    """The lower-case `host[:port]` of a URL, without user info or the scheme's default port.

    Example:
        >>> host_of("HTTPS://user@Cloud.Test:443/identity?x=1")
        'cloud.test'
    """
    scheme, _, rest = url.partition("://")
    netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower()
    return strip_default_port(scheme, netloc.rpartition("@")[2])


class _KeepNothing(responses.CallList):
    """A call list that keeps nothing."""

    def add(self, request: Any, response: Any) -> None:
        """Forget the call."""

    def add_call(self, call: Any) -> None:
        """Forget the call."""


class CatchAll(responses.CallbackResponse):
    """Answers every request routed to it (any method, Swift's `COPY` too) with `answer`.

    Args:
        answer: Called with the `requests.PreparedRequest`; returns `(status, headers, body)`
            or raises (the exception reaches the caller of `requests`).
    """

    def __init__(self, answer: Callable[[PreparedRequest], Answer]) -> None:
        super().__init__(method="GET", url=_ANY_URL, callback=answer, content_type=None)
        self._forget = _KeepNothing()

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        """Every request (routing already chose this catch-all)."""
        return True, ""

    @property
    def calls(self) -> responses.CallList:
        """An empty list: a catch-all does not keep the calls it answered."""
        return self._forget


class _RoutingRegistry(FirstMatchRegistry):
    """A registry that asks a router instead of scanning registered responses."""

    def __init__(self) -> None:
        super().__init__()
        self.route: Callable[[PreparedRequest], CatchAll | None] = _no_route
        self.mock_calls: responses.CallList | None = None

    def find(self, request: PreparedRequest) -> tuple[CatchAll | None, list[str]]:
        """The catch-all `route` names (None: let the request through)."""
        if self.mock_calls is not None:
            self.mock_calls.reset()  # the mock records every call; keep at most the last
        return self.route(request), []


def _no_route(request: PreparedRequest) -> CatchAll | None:
    return None


class Interception:
    """Send every `requests` call to the catch-all `route` names, while started.

    Start and stop nest with other `responses` mocks; `start` on a started interception does
    nothing.

    Args:
        route: For a prepared request, the `CatchAll` that answers it, or None to send it to
            the real network. Called on the requesting thread, under the mock's lock.
    """

    def __init__(self, route: Callable[[PreparedRequest], CatchAll | None]) -> None:
        mock = responses.RequestsMock(assert_all_requests_are_fired=False,
                                      registry=_RoutingRegistry)
        mock.add_passthru(_ANY_URL)  # what `route` does not answer
        registry = mock.get_registry()
        assert isinstance(registry, _RoutingRegistry)
        registry.route = route
        registry.mock_calls = mock.calls
        self._mock = mock

    def start(self) -> None:
        """Patch `requests` (a no-op while started)."""
        self._mock.start()

    def stop(self) -> None:
        """Unpatch `requests` (a no-op unless started) and drop the last call kept."""
        self._mock.stop(allow_assert=False)
        self._mock.calls.reset()

    def __enter__(self) -> Interception:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
