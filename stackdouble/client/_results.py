"""Results: what every request function returns, with the error deferred to `extract()`."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from types import FunctionType
from typing import TYPE_CHECKING, Any, TypeVar

from stackdouble.client._errors import StackdoubleError, UnexpectedBody, describe_json
from stackdouble.client._resource import Resource, join_path

if TYPE_CHECKING:
    import requests

    from stackdouble.client._service import ServiceClient

__all__ = [
    "ErrResult",
    "HeaderResult",
    "Link",
    "Result",
    "decode_body",
    "guard_extractor",
    "parse_time",
]

T = TypeVar("T")
R = TypeVar("R", bound="Result")

#: What a reader of a wrong-shaped body raises before the guards below turn it into an
#: `UnexpectedBody`: a missing key, a wrong type, a value that does not convert.
BUILTIN_READ_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError)

#: Methods of Result and Page subclasses that read the body, guarded so that a body of the
#: wrong shape raises `UnexpectedBody` naming the request, never a bare built-in exception.
_GUARDED = frozenset(
    {"items", "raw_items", "is_empty", "next_page_url", "last_marker", "names", "rows"}
)


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def guarded(self: Result, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(self, *args, **kwargs)
        except UnexpectedBody as exc:
            raise exc.locate(method=self.method, url=self.url) from exc.__cause__
        except StackdoubleError:
            raise
        except BUILTIN_READ_ERRORS as exc:
            if exc.__traceback__ is not None and exc.__traceback__.tb_next is None:
                raise  # the call itself was wrong (arguments): a TypeError, as STYLE says
            raise UnexpectedBody(
                f"a body {type(self).__name__}.{func.__name__} can read",
                f"{type(exc).__name__} while reading it",
                method=self.method or None,
                url=self.url or None,
            ) from exc

    return guarded


def guard_extractor(func: Callable[..., T]) -> Callable[..., T]:
    """Guard a module-level extractor whose first argument is a Result or Page, as the
    `extract*` methods of Result subclasses are guarded: a body of the wrong shape raises
    `UnexpectedBody` naming the request instead of a built-in exception."""
    return _guard(func)


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
        method: The request's method (`""` when not known).
        url: The request's URL (`""` when not known).

    A body of the wrong shape raises `UnexpectedBody` from `extract()` (or any `extract_*`
    method, and a page's `items()`), naming the URL, the JSON path and what was expected:
    subclasses get this by inheritance, as every `extract*` method they define is guarded.
    """

    __slots__ = ("body", "err", "headers", "method", "status", "url")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if isinstance(value, FunctionType) and (
                name.startswith("extract") or name in _GUARDED
            ):
                setattr(cls, name, _guard(value))

    def __init__(
        self,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        status: int = 0,
        err: StackdoubleError | None = None,
        *,
        method: str = "",
        url: str = "",
    ) -> None:
        self.body = body
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.status = status
        self.err = err
        self.method = method
        self.url = url

    @classmethod
    def from_response(cls: type[R], response: requests.Response) -> R:
        """A Result holding a successful response's decoded body, headers and status."""
        sent = response.request
        return cls(
            decode_body(response),
            response.headers,
            response.status_code,
            method=(sent.method or "") if sent is not None else "",
            url=response.url or "",
        )

    @classmethod
    def from_error(cls: type[R], err: StackdoubleError) -> R:
        """A Result holding only an error; `extract()` raises it."""
        headers = getattr(err, "headers", None)
        return cls(
            None,
            headers if headers is not None else {},
            getattr(err, "status", 0),
            err,
            method=getattr(err, "method", None) or "",
            url=getattr(err, "url", None) or "",
        )

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
            UnexpectedBody: The body is not a JSON object holding `key`, or `factory` cannot
                read what it holds (a missing key, a wrong type); the error names the path.
        """
        if self.err is not None:
            raise self.err
        value = self.unwrap(key)
        path = "$" if key is None else join_path("$", key)
        try:
            made = factory(value)
        except UnexpectedBody as exc:
            raise exc.locate(path, method=self.method, url=self.url) from exc.__cause__
        except StackdoubleError:
            raise
        except BUILTIN_READ_ERRORS as exc:
            raise self._unreadable(exc, value, path) from exc
        if isinstance(made, Resource):
            made._origin = (self.method, self.url, path, None)
        return made

    def extract_list_with(self, factory: Callable[[Any], T], *, key: str) -> list[T]:
        """Build one resource per item of the list at `body[key]`.

        Raises:
            StackdoubleError: The error the call ended with.
            UnexpectedBody: `body[key]` is not a list, or `factory` cannot read an item; the
                error names the item's path (`$.servers[3]`).
        """
        if self.err is not None:
            raise self.err
        items = self.unwrap(key)
        if not isinstance(items, list):
            raise UnexpectedBody(
                "a list", describe_json(items), path=join_path("$", key),
                method=self.method or None, url=self.url or None,
            )
        try:
            made = [factory(item) for item in items]
        except StackdoubleError as exc:
            if not isinstance(exc, UnexpectedBody):
                raise
            raise self._item_error(factory, items, key, exc) from exc
        except BUILTIN_READ_ERRORS as exc:
            raise self._item_error(factory, items, key, exc) from exc
        if made and isinstance(made[0], Resource):
            # Lazy resources convert fields on first read: tell them where they came from, so
            # a bad field names the URL and its path. One shared tuple, one store per item.
            shared = (self.method, self.url, join_path("$", key), items)
            for obj in made:
                obj._origin = shared  # type: ignore[attr-defined]
        return made

    def _item_error(
        self, factory: Callable[[Any], Any], items: list[Any], key: str, exc: Exception
    ) -> UnexpectedBody:
        for index, item in enumerate(items):  # find the first item that fails: errors only
            path = join_path(join_path("$", key), index)
            try:
                factory(item)
            except UnexpectedBody as again:
                return again.locate(path, method=self.method, url=self.url)
            except StackdoubleError:
                continue
            except BUILTIN_READ_ERRORS as again:
                return self._unreadable(again, item, path)
        return self._unreadable(exc, items, join_path("$", key))

    def _unreadable(self, exc: BaseException, value: Any, path: str) -> UnexpectedBody:
        if not isinstance(value, Mapping):
            expected, found = "an object", describe_json(value)
        elif isinstance(exc, KeyError) and exc.args:
            expected, found = f"an object with {exc.args[0]!r}", describe_json(value)
        else:
            expected, found = "values of the types documented", f"{type(exc).__name__} reading it"
        return UnexpectedBody(
            expected, found, path=path, method=self.method or None, url=self.url or None
        )

    def unwrap(self, key: str | None) -> Any:
        """The body, or the value under `key`, raising `UnexpectedBody` when it is absent."""
        body = self.body
        if key is None:
            return body
        if not isinstance(body, Mapping):
            raise UnexpectedBody(
                f"an object with {key!r}", describe_json(body),
                method=self.method or None, url=self.url or None,
            )
        try:
            return body[key]
        except KeyError:
            raise UnexpectedBody(
                f"an object with {key!r}", describe_json(body),
                method=self.method or None, url=self.url or None,
            ) from None

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

    Raises:
        UnexpectedBody: `value` is not an ISO 8601 time (its path is filled in by the
            extractor or resource attribute that read it).

    Example:
        >>> parse_time("2026-11-27T09:56:16.000000Z")
        datetime.datetime(2026, 11, 27, 9, 56, 16, tzinfo=datetime.timezone.utc)
        >>> parse_time("2026-11-27T08:50:09.465410").tzinfo
        datetime.timezone.utc
    """
    if not value:
        return None
    if type(value) is not str:
        raise UnexpectedBody("an ISO 8601 time", describe_json(value))
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
    try:
        parsed = _fromisoformat(text)
    except ValueError:
        shown = repr(value) if len(value) <= 40 else repr(value[:37] + "...")
        raise UnexpectedBody("an ISO 8601 time", shown) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


_fromisoformat = datetime.fromisoformat
