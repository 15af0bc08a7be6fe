"""Injected faults: answer matching requests with an error, a delay, or both.

Faults match by method and path (a glob such as `/compute/*`, or a compiled regex searched in
the path), in the order they were added; each use counts against `times`, and a used-up fault
leaves the set. So two faults on one path queue: the first answers first.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["MAX_LATENCY", "Fault", "FaultSet"]

#: The longest latency a fault may add, in seconds.
MAX_LATENCY = 3600.0


class Fault:
    """One injected behaviour, as returned by `FakeCloud.inject_fault`.

    Attributes:
        id: The fault's id (for `DELETE /_stackdouble/faults/<id>`).
        method: The method matched (`GET`), or `*` for any.
        path: The glob or regex matched against the request path.
        status: The status to answer with; None only delays (`latency`) and then lets the
            request through.
        times: How many requests it answers before it is removed; None for ever.
        retry_after: Seconds for a `Retry-After` header, if any.
        latency: Seconds to wait (outside the cloud's lock) before answering.
        body: The body to answer with: bytes, str, or a JSON-able value; None uses the
            service's own error envelope for `status`.
        headers: Extra response headers.
        hits: How many requests it has matched so far.

    Example:
        >>> fault = Fault("f1", method="GET", path="/compute/*", status=503, times=2)
        >>> fault.matches("GET", "/compute/v2.1/servers"), fault.matches("POST", "/compute/x")
        (True, False)
    """

    __slots__ = (
        "_owner",
        "_regex",
        "body",
        "headers",
        "hits",
        "id",
        "latency",
        "method",
        "path",
        "retry_after",
        "status",
        "times",
    )

    def __init__(
        self,
        fault_id: str,
        *,
        method: str = "GET",
        path: str | re.Pattern[str] = "*",
        status: int | None = 503,
        times: int | None = 1,
        retry_after: float | None = None,
        latency: float = 0.0,
        body: Any = None,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> None:
        if not isinstance(method, str) or not method:
            raise ValueError("method must be an HTTP method or '*'")
        if status is not None and (
            isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599
        ):
            raise ValueError(f"status must be an HTTP status (100-599) or None, not {status!r}")
        if times is not None and (isinstance(times, bool) or not isinstance(times, int)
                                  or times < 1):
            raise ValueError(f"times must be a positive integer or None, not {times!r}")
        if not _seconds_ok(latency, MAX_LATENCY):
            raise ValueError(f"latency must be 0-{MAX_LATENCY} seconds, not {latency!r}")
        if retry_after is not None and not _seconds_ok(retry_after, 10**9):
            raise ValueError(f"retry_after must be a number of seconds >= 0, not {retry_after!r}")
        if status is None and not latency:
            raise ValueError("a fault needs a status, a latency, or both")
        if isinstance(path, re.Pattern):
            regex = path
        elif isinstance(path, str) and path:
            regex = re.compile(fnmatch.translate(path))
        else:
            raise ValueError("path must be a glob string or a compiled regex")
        if isinstance(headers, Mapping):
            header_list = [(str(k), str(v)) for k, v in headers.items()]
        else:
            header_list = [(str(k), str(v)) for k, v in (headers or ())]
        self.id = fault_id
        self.method = method.upper()
        self.path = path
        self._regex = regex
        self.status = status
        self.times = times
        self.retry_after = retry_after
        self.latency = float(latency)
        self.body = body
        self.headers = header_list
        self.hits = 0
        self._owner: FaultSet | None = None

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request (ignoring whether it is used up)."""
        if self.method != "*" and self.method != method:
            return False
        if isinstance(self.path, re.Pattern):
            return self._regex.search(path) is not None
        return self._regex.match(path) is not None

    @property
    def remaining(self) -> int | None:
        """Uses left; None for a fault that never runs out."""
        return None if self.times is None else max(self.times - self.hits, 0)

    @property
    def active(self) -> bool:
        """Whether it is still in its cloud's fault set."""
        return self._owner is not None

    def remove(self) -> None:
        """Take this fault out of its cloud; later requests are answered normally."""
        owner = self._owner
        if owner is not None:
            owner.discard(self)

    def render(self, req: FakeRequest) -> FakeResponse:
        """The response this fault gives `req` (status set)."""
        from stackdouble.fakes.http import FakeResponse, json_bytes

        status = self.status if self.status is not None else 503
        retry = None if self.retry_after is None else _seconds_text(self.retry_after)
        if self.body is None:
            resp = req.service.error_response(req, status, None)
            if retry is not None:
                _add_retry_after_to_body(resp, retry)
        elif isinstance(self.body, bytes):
            resp = FakeResponse(status, self.body)
        elif isinstance(self.body, str):
            resp = FakeResponse(status, self.body.encode("utf-8"),
                                [("Content-Type", "text/plain; charset=utf-8")])
        else:
            resp = FakeResponse(status, json_bytes(self.body),
                                [("Content-Type", "application/json")])
        if retry is not None:
            resp.set_header("Retry-After", retry)
        for name, value in self.headers:
            resp.set_header(name, value)
        return resp

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able description (the control plane's view)."""
        body = self.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        return {
            "id": self.id,
            "method": self.method,
            "path": self.path.pattern if isinstance(self.path, re.Pattern) else self.path,
            "regex": isinstance(self.path, re.Pattern),
            "status": self.status,
            "times": self.times,
            "remaining": self.remaining,
            "retry_after": self.retry_after,
            "latency": self.latency,
            "body": body,
            "headers": dict(self.headers),
            "hits": self.hits,
            "active": self.active,
        }

    def __repr__(self) -> str:
        path = self.path.pattern if isinstance(self.path, re.Pattern) else self.path
        return (f"<Fault {self.id} {self.method} {path} -> {self.status} "
                f"hits={self.hits} times={self.times}>")


class FaultSet:
    """The ordered faults of one cloud. Callers hold the cloud's lock."""

    __slots__ = ("_faults", "_next")

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._next = 0

    def new_id(self) -> str:
        """A fresh fault id (`fault-1`, `fault-2`, ...)."""
        self._next += 1
        return f"fault-{self._next}"

    def add(self, fault: Fault) -> Fault:
        """Append a fault; it matches after those added before it."""
        fault._owner = self
        self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault matching the request, counting one use of it."""
        for fault in self._faults:
            if fault.matches(method, path):
                fault.hits += 1
                if fault.times is not None and fault.hits >= fault.times:
                    self.discard(fault)
                return fault
        return None

    def get(self, fault_id: str) -> Fault | None:
        """An active fault by id."""
        for fault in self._faults:
            if fault.id == fault_id:
                return fault
        return None

    def discard(self, fault: Fault) -> None:
        """Remove a fault if present."""
        if fault in self._faults:
            self._faults.remove(fault)
        fault._owner = None

    def clear(self) -> None:
        """Remove every fault."""
        for fault in self._faults:
            fault._owner = None
        self._faults.clear()

    def __iter__(self) -> Iterator[Fault]:
        return iter(list(self._faults))

    def __len__(self) -> int:
        return len(self._faults)

    def __bool__(self) -> bool:
        return bool(self._faults)


def _seconds_ok(value: object, limit: float) -> bool:
    return (not isinstance(value, bool) and isinstance(value, (int, float))
            and math.isfinite(value) and 0 <= value <= limit)


def _seconds_text(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)


def _add_retry_after_to_body(resp: FakeResponse, retry: str) -> None:
    """Nova copies Retry-After into 413/429 fault bodies as `retryAfter`."""
    if resp.status not in (413, 429) or not isinstance(resp.body, bytes):
        return
    import json

    try:
        doc = json.loads(resp.body)
    except ValueError:
        return
    if isinstance(doc, dict) and len(doc) == 1:
        inner = next(iter(doc.values()))
        if isinstance(inner, dict) and "code" in inner and "title" not in inner:
            inner["retryAfter"] = retry
            resp.body = json.dumps(doc).encode("utf-8")
