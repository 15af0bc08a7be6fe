"""Pieces the Glance v2 packages share: the root that Glance's relative links hang from,
its linked pages, and the checks on its sort options."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from stackdouble.client._errors import InvalidInput
from stackdouble.client._service import ServiceClient
from stackdouble.client.pagination import LinkedPage

__all__ = ["SORT_DIRS", "GlancePage", "check_sort", "service_root"]

#: The sort directions Glance takes.
SORT_DIRS = frozenset({"asc", "desc"})

_VERSION_SUFFIX = re.compile(r"/v\d+(\.\d+)?/?$")


def service_root(client: ServiceClient) -> str:
    """Glance's unversioned root for `client`, ending in `/`: its endpoint, with a trailing
    version (`/v2`, `/v2.1`) cut off when the endpoint names one.

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> service_root(ServiceClient(ProviderClient(), "https://cloud/image/v2/"))
        'https://cloud/image/'
    """
    return _VERSION_SUFFIX.sub("", client.endpoint.rstrip("/")) + "/"


class GlancePage(LinkedPage):
    """A page of a Glance listing: the body's `next` is a path (`/v2/images?marker=...`)
    relative to Glance's root, not to the host, so `/image` of devstack's
    `https://cloud/image` stays in the URL. Glance sends `next` whenever a page is full, so
    an exact multiple costs one empty page.
    """

    __slots__ = ()
    link_path = ("next",)

    def next_page_url(self) -> str | None:
        """The next page's URL under the client's Glance root; None when the body has no
        `next`."""
        body = self.body
        value: Any = body.get("next") if isinstance(body, Mapping) else None
        if not value or not isinstance(value, str):
            return None
        if "://" in value or self.client is None:
            return super().next_page_url()
        return service_root(self.client) + value.lstrip("/")

    def is_empty(self) -> bool:
        """Whether the page holds no items (without copying the list)."""
        body = self.body
        key = self.resource_key
        if self.err is None and self.status != 204 and isinstance(body, Mapping) and key:
            found = body.get(key)
            if isinstance(found, list):
                return not found
        return super().is_empty()


def check_sort(sort: str | None, sort_key: str | Sequence[str] | None,
               sort_dir: str | Sequence[str] | None) -> None:
    """Refuse what Glance answers with a 400: `sort` with `sort_key`/`sort_dir`, and a
    direction other than asc/desc (the keys are left to Glance).

    Raises:
        InvalidInput: Naming the option.
    """
    if sort is not None and (sort_key is not None or sort_dir is not None):
        raise InvalidInput("sort cannot be combined with sort_key or sort_dir (Glance: "
                           "'Old and new sorting syntax cannot be combined')", "sort")
    dirs = [sort_dir] if isinstance(sort_dir, str) else list(sort_dir or ())
    for direction in dirs:
        if direction not in SORT_DIRS:
            raise InvalidInput(f"sort_dir must be asc or desc, not {direction!r}", "sort_dir")
    for item in (sort or "").split(","):
        direction = item.partition(":")[2].strip()
        if direction and direction not in SORT_DIRS:
            raise InvalidInput(f"a sort direction must be asc or desc, not {direction!r}",
                               "sort")
