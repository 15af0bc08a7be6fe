"""The Pager: walks pages lazily, one request per page, with gophercloud's stop rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from stackdouble.client._errors import StackdoubleError, UnexpectedBody
from stackdouble.client._results import decode_body
from stackdouble.client.pagination._pages import Page

if TYPE_CHECKING:
    from stackdouble.client._service import ServiceClient

__all__ = ["PAGE_OK_CODES", "Pager"]

P = TypeVar("P", bound=Page)

#: Statuses a page request accepts (gophercloud v2: 200, 204, 300).
PAGE_OK_CODES = (200, 204, 300)


class Pager(Generic[P]):
    """A listing that fetches its pages on demand.

    Nothing is sent until the pager is iterated. Each page is fetched with GET; a page that
    is empty ends the walk without being handed on (also the first), as does a page without a
    next URL. Errors raise from the iterating call (`each_page`, `all_pages`, `items`).

    Example:
        >>> from stackdouble.client.openstack.identity.v3 import projects
        >>> admin_identity = new_identity_v3(admin_provider)
        >>> names = [p.name for p in projects.list(admin_identity).items()]
        >>> "demo" in names
        True
    """

    __slots__ = ("_err", "client", "headers", "initial_url", "page_cls")

    def __init__(
        self,
        client: ServiceClient | None,
        url: str,
        page_cls: type[P],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.client = client
        self.initial_url = url
        self.page_cls = page_cls
        self.headers = dict(headers) if headers else None
        self._err: StackdoubleError | None = None

    @classmethod
    def failed(cls, err: StackdoubleError, page_cls: type[P]) -> Pager[P]:
        """A pager that raises `err` as soon as it is iterated (a bad option, caught early)."""
        pager = cls(None, "", page_cls)
        pager._err = err
        return pager

    def fetch(self, url: str) -> P:
        """Fetch one page; raises the error the request ended with."""
        if self._err is not None:
            raise self._err
        assert self.client is not None
        response = self.client.request("GET", url, ok_codes=PAGE_OK_CODES, headers=self.headers)
        return self.page_cls(
            decode_body(response),
            response.headers,
            response.status_code,
            url=url,
            client=self.client,
        )

    def pages(self) -> Iterator[P]:
        """Yield each non-empty page in order, fetching the next only when asked.

        Two loop guards stop a server that would keep the walk going forever, each with an
        `UnexpectedBody` naming the page: a next URL already fetched, and a page holding
        exactly the previous page's items under a new next URL (a marker or token the server
        ignores). The second compares the pages' first and last items, then all of them only
        when those match: O(1) per page in a normal walk.
        """
        url: str | None = self.initial_url
        seen: set[str] = set()
        previous: list[Any] | None = None
        previous_url = ""
        while url is not None:
            if url in seen:
                raise UnexpectedBody(
                    "a next page URL not seen before",
                    f"a link back to {url}",
                    method="GET",
                    url=previous_url or url,
                )
            seen.add(url)
            page = self.fetch(url)
            if page.is_empty():
                return
            items = page.raw_items()
            if previous is not None and _same_items(items, previous):
                key = page.resource_key
                raise UnexpectedBody(
                    "a page of new items",
                    f"the {len(items)} items of the previous page ({previous_url}) again",
                    path="$" if key is None else f"$.{key}",
                    method="GET",
                    url=url,
                )
            previous, previous_url = items, url
            yield page
            url = page.next_page_url()

    def each_page(self, handler: Callable[[P], bool | None]) -> None:
        """Call `handler` with each page until it returns False or the pages end.

        Args:
            handler: Called once per non-empty page. Returning `False` stops the walk
                (returning None continues, so a plain function that only acts works).

        Raises:
            StackdoubleError: The error of the first page request that failed, or anything
                the handler raises.
        """
        for page in self.pages():
            if handler(page) is False:
                return

    def all_pages(self) -> P:
        """Fetch every page and return one page holding all their items.

        The result extracts like a single page: `servers.extract_servers(pager.all_pages())`.
        """
        pages = list(self.pages())
        if len(pages) == 1:
            return pages[0]
        return self.page_cls.concat(pages)  # type: ignore[return-value]

    def items(self) -> Iterator[Any]:
        """Yield every resource of every page, fetching pages lazily."""
        for page in self.pages():
            yield from page.items()

    def __iter__(self) -> Iterator[Any]:
        return self.items()

    def __repr__(self) -> str:
        return f"<Pager {self.page_cls.__name__} {self.initial_url}>"


def _same_items(items: list[Any], previous: list[Any]) -> bool:
    """Whether two pages hold the same items; cheap unless they share both ends."""
    return (
        len(items) == len(previous)
        and items[0] == previous[0]
        and items[-1] == previous[-1]
        and items == previous
    )
