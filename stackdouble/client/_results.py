"""Results: what every request function returns, with the error deferred to `extract()`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from stackdouble.client._errors import StackdoubleError, UnexpectedBody

if TYPE_CHECKING:
    import requests

    from stackdouble.client._service import ServiceClient

__all__ = ["ErrResult", "HeaderResult", "Link", "Result", "decode_body", "parse_time"]

T = TypeVar("T")
R = TypeVar("R", bound="Result")


def decode_body(response: requests.Response) -> Any:
    """The body of a response: decoded JSON when the Content-Type says so, else text.

    An empty body is None. Text that claims to be JSON but is not stays text.
    """
    content = response.content
    if not content:
        return None
    ctype = response.headers.get("Content-Type", "")
    if ctype.startswith("application/json") or ctype.endswith("+json"):
        try:
            return json.loads(content)
        except ValueError:
            pass
    return content.decode(response.encoding or "utf-8", "replace")


class Result:
    """The outcome of one request: body, headers and status, or the error it ended with.

    Request functions never raise for HTTP errors; they return a Result, and its `extract()`
    (defined by each resource's subclass) raises the error or returns the resource.

    Attributes:
        body: The decoded JSON body (or text), None when empty or on error.
        headers: The response headers (case-insensitive), empty on a transport error.
        status: The HTTP status, or 0 when no response was received.
        err: The `StackdoubleError` the call ended with, or None.
    """

    __slots__ = ("body", "err", "headers", "status")

    def __init__(
        self,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        status: int = 0,
        err: StackdoubleError | None = None,
    ) -> None:
        self.body = body
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.status = status
        self.err = err

    @classmethod
    def from_response(cls: type[R], response: requests.Response) -> R:
        """A Result holding a successful response's decoded body, headers and status."""
        return cls(decode_body(response), response.headers, response.status_code)

    @classmethod
    def from_error(cls: type[R], err: StackdoubleError) -> R:
        """A Result holding only an error; `extract()` raises it."""
        headers = getattr(err, "headers", None)
        return cls(None, headers if headers is not None else {}, getattr(err, "status", 0), err)

    @classmethod
    def request(cls: type[R], client: ServiceClient, method: str, url: str, **kwargs: Any) -> R:
        """Send a request through a service client and capture its outcome.

        Args:
            client: The service client to send through.
            method: The HTTP method.
            url: The absolute URL.
            **kwargs: Passed to `ServiceClient.request` (`json`, `ok_codes`, `headers`...).

        Returns:
            A Result of this class; a `StackdoubleError` becomes its `err`.
        """
        try:
            response = client.request(method, url, **kwargs)
        except StackdoubleError as exc:
            return cls.from_error(exc)
        return cls.from_response(response)

    @property
    def ok(self) -> bool:
        """Whether the request succeeded."""
        return self.err is None

    def raise_for_error(self) -> None:
        """Raise the error the call ended with, if any."""
        if self.err is not None:
            raise self.err

    def extract_with(self, factory: Callable[[Any], T], *, key: str | None = None) -> T:
        """Build a resource from the body (or from `body[key]`).

        Raises:
            StackdoubleError: The error the call ended with.
            UnexpectedBody: The body is not a JSON object holding `key`.
        """
        if self.err is not None:
            raise self.err
        return factory(self.unwrap(key))

    def extract_list_with(self, factory: Callable[[Any], T], *, key: str) -> list[T]:
        """Build one resource per item of the list at `body[key]`."""
        if self.err is not None:
            raise self.err
        items = self.unwrap(key)
        if not isinstance(items, list):
            raise UnexpectedBody(f"a list under {key!r}", type(items).__name__)
        return [factory(item) for item in items]

    def unwrap(self, key: str | None) -> Any:
        """The body, or the value under `key`, raising `UnexpectedBody` when it is absent."""
        body = self.body
        if key is None:
            return body
        if not isinstance(body, Mapping):
            raise UnexpectedBody(repr(key), f"a body of type {type(body).__name__}")
        try:
            return body[key]
        except KeyError:
            raise UnexpectedBody(repr(key), f"keys {sorted(body)}") from None

    def __repr__(self) -> str:
        state = f"err={type(self.err).__name__}" if self.err else f"status={self.status}"
        return f"<{type(self).__name__} {state}>"


class ErrResult(Result):
    """The result of a call whose only outcome is success or an error (deletes, actions)."""

    __slots__ = ()

    def extract_err(self) -> None:
        """Raise the error the call ended with; return None on success."""
        if self.err is not None:
            raise self.err


class HeaderResult(Result):
    """The result of a call whose data is in the response headers (Swift, token HEAD)."""

    __slots__ = ()

    def extract_err(self) -> None:
        """Raise the error the call ended with; return None on success."""
        if self.err is not None:
            raise self.err

    def extract_header(self) -> Mapping[str, str]:
        """The response headers (case-insensitive), or raise the error the call ended with."""
        if self.err is not None:
            raise self.err
        return self.headers


class Link:
    """A `{"rel", "href"}` link as OpenStack lists them."""

    __slots__ = ("href", "rel")

    def __init__(self, href: str, rel: str) -> None:
        self.href = href
        self.rel = rel

    @staticmethod
    def next_url(links: Sequence[Mapping[str, Any]] | None) -> str | None:
        """The href of the `rel == "next"` link, or None.

        Example:
            >>> Link.next_url([{"rel": "next", "href": "https://x/servers?marker=1"}])
            'https://x/servers?marker=1'
        """
        for link in links or ():
            if isinstance(link, Mapping) and link.get("rel") == "next":
                href = link.get("href")
                return str(href) if href else None
        return None

    def __repr__(self) -> str:
        return f"Link(href={self.href!r}, rel={self.rel!r})"


def parse_time(value: str | None) -> datetime | None:
    """Parse an OpenStack timestamp to an aware UTC datetime (None stays None).

    Accepts a trailing `Z` on Python 3.10 too, and naive times (Swift, Nova, Cinder) as UTC.

    Example:
        >>> parse_time("2026-11-27T09:56:16.000000Z")
        datetime.datetime(2026, 11, 27, 9, 56, 16, tzinfo=datetime.timezone.utc)
        >>> parse_time("2026-11-27T08:50:09.465410").tzinfo
        datetime.timezone.utc
    """
    if not value:
        return None
    if len(value) == 26 and value[10] == "T":
        # The services' own naive UTC with microseconds: appending the offset costs a quarter
        # of parsing then replacing tzinfo, and listings pay it once or twice per item.
        try:
            return _fromisoformat(value + "+00:00")
        except ValueError:
            pass
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = _fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


_fromisoformat = datetime.fromisoformat
