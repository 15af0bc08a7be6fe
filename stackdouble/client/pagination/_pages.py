"""The three kinds of page, with gophercloud's stop rules.

- `LinkedPage`: the next URL is in the body (`servers_links`, `links.next`, Glance `next`);
  iteration stops when a page is empty or has no next link.
- `MarkerPage`: Swift. The next URL is always this URL with `marker=<last name>`; iteration
  stops only on an empty page, so every listing costs one extra request.
- `SinglePage`: an unpaginated list; there is never a next page.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from stackdouble.client._errors import UnexpectedBody, describe_json
from stackdouble.client._results import Link, Result

if TYPE_CHECKING:
    from stackdouble.client._service import ServiceClient

__all__ = ["LinkedPage", "MarkerPage", "Page", "SinglePage", "with_query"]


class Page(Result, metaclass=abc.ABCMeta):
    """One page of a listing: a Result that knows its URL and how to find the next page.

    Subclasses set `resource_key` (the list's key in the body, e.g. `"servers"`) and usually
    override `items()` to build typed resources.

    Attributes:
        url: The URL this page was fetched from.
        client: The service client that fetched it.
    """

    __slots__ = ("client",)

    #: The key of the list of resources in a JSON body; None when the body is the list itself.
    resource_key: ClassVar[str | None] = None

    def __init__(
        self,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        status: int = 0,
        err: Any = None,
        *,
        url: str = "",
        client: ServiceClient | None = None,
        method: str = "GET",
    ) -> None:
        super().__init__(body, headers, status, err, method=method, url=url)
        self.client = client

    @abc.abstractmethod
    def next_page_url(self) -> str | None:
        """The URL of the next page, or None when this is the last."""

    def raw_items(self) -> list[Any]:
        """The page's items as decoded from the body (dicts, or names for text listings)."""
        if self.err is not None:
            raise self.err
        body = self.body
        if body is None:
            return []
        if self.resource_key is not None:
            items = self.unwrap(self.resource_key)
            if not isinstance(items, list):
                raise UnexpectedBody("a list", describe_json(items), path=f"$.{self.resource_key}")
            return list(items)  # a C-speed copy: the Pager reads this for every page
        if isinstance(body, list):
            return body
        if isinstance(body, str):
            # Swift ends each name with "\n"; names may hold "\r" or U+2028, so no splitlines.
            return body.split("\n")[:-1] if body.endswith("\n") else body.split("\n")
        return list(self.extract_list_with(lambda item: item, key=_only_list_key(body)))

    def items(self) -> Sequence[Any]:
        """The page's resources; subclasses return typed objects."""
        return self.raw_items()

    def is_empty(self) -> bool:
        """Whether the page holds no resources (then it is not handed to callbacks)."""
        if self.status == 204:
            return True
        return len(self.raw_items()) == 0

    @classmethod
    def concat(cls, pages: Sequence[Page]) -> Page:
        """One page holding every item of `pages`, as `Pager.all_pages` returns it."""
        if not pages:
            empty: Any = {cls.resource_key: []} if cls.resource_key is not None else []
            return cls(empty, {}, 200)
        first = pages[0]
        body: Any
        if isinstance(first.body, Mapping):
            key = cls.resource_key or _only_list_key(first.body)
            body = {key: [item for page in pages for item in page.unwrap(key)]}
        elif isinstance(first.body, list):
            body = [item for page in pages for item in page.body]
        elif isinstance(first.body, str):
            body = "".join(page.body for page in pages if page.body)
        else:
            body = first.body
        return cls(body, first.headers, first.status, None, url=first.url, client=first.client)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url} status={self.status}>"


def _only_list_key(body: Mapping[str, Any]) -> str:
    keys = [key for key, value in body.items() if isinstance(value, list) and "links" not in key]
    if len(keys) == 1:
        return keys[0]
    raise UnexpectedBody("exactly one list in the page body", f"keys {sorted(body)}")


class LinkedPage(Page):
    """A page whose body names the next page's URL.

    `link_path` is the path of keys to the link: `("links", "next")` for Keystone v3 (a string
    or null), `("servers_links",)` for Nova (a list of `{"rel", "href"}`), `("next",)` for
    Glance (a path relative to the service root).
    """

    __slots__ = ()

    link_path: ClassVar[tuple[str, ...]] = ("links", "next")

    def next_page_url(self) -> str | None:
        """The URL at `link_path` in the body, made absolute; None when absent or null."""
        value: Any = self.body
        for key in self.link_path:
            if not isinstance(value, Mapping):
                return None
            value = value.get(key)
        if isinstance(value, list):
            value = Link.next_url(value)
        if not value or not isinstance(value, str):
            return None
        return urljoin(self.url, value)


class MarkerPage(Page):
    """A Swift-style page: the next URL repeats this one with `marker=<last item>`."""

    __slots__ = ()

    def last_marker(self) -> str | None:
        """The marker for the next page: the last item's `name` (or `subdir`), or text line."""
        items = self.raw_items()
        if not items:
            return None
        last = items[-1]
        if isinstance(last, Mapping):
            value = last.get("name", last.get("subdir"))
            return None if value is None else str(value)
        return str(last)

    def next_page_url(self) -> str | None:
        """This URL with `marker` set to the last item; None only when the page is empty."""
        marker = self.last_marker()
        if marker is None:
            return None
        return with_query(self.url, marker=marker)


class SinglePage(Page):
    """An unpaginated listing: the first page is the only page."""

    __slots__ = ()

    def next_page_url(self) -> str | None:
        """Always None."""
        return None


def with_query(url: str, **params: str | None) -> str:
    """`url` with query parameters set (or removed when None), other parameters kept.

    Example:
        >>> with_query("https://x/c?format=json&marker=a", marker="b")
        'https://x/c?format=json&marker=b'
    """
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query.extend((k, v) for k, v in params.items() if v is not None)
    return urlunsplit(parts._replace(query=urlencode(query)))
