"""Nova server tags (2.26 and later): list, check, add, replace all, delete, delete all.

A tag is 1 to 60 characters without `/` or `,`; a server holds at most 50. Before 2.26
Nova answers these URLs with 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.tags import urls
from stackdouble.client.openstack.compute.v2.tags.results import (
    AddResult,
    CheckResult,
    DeleteResult,
    ListResult,
    ReplaceAllResult,
)

__all__ = [
    "ReplaceAllOpts",
    "ReplaceAllOptsBuilder",
    "add",
    "check",
    "delete",
    "delete_all",
    "list",
    "replace_all",
]


def list(client: ServiceClient, server_id: str) -> ListResult:
    """A server's tags (`GET /servers/{server_id}/tags`).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import tags
        >>> tags.list(compute.with_microversion("2.26"), server_id).extract()
        []
    """
    return ListResult.request(client, "GET", urls.list_url(client, server_id), ok_codes=(200,))


def check(client: ServiceClient, server_id: str, tag: str) -> CheckResult:
    """Whether a server has a tag (`GET /servers/{server_id}/tags/{tag}`: 204 or 404).

    Nova answers a missing server with 404 too, so `extract()` is False then as well.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import tags
        >>> tags.check(compute.with_microversion("2.26"), server_id, "blue").extract()
        False
    """
    return CheckResult.request(client, "GET", urls.check_url(client, server_id, tag),
                               ok_codes=(204,))


class ReplaceAllOptsBuilder(Protocol):
    """Anything that renders the body of `tags.replace_all`."""

    def to_tags_replace_all_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplaceAllOpts:
    """The server's new tags (an empty list removes them all).

    Example:
        >>> ReplaceAllOpts(tags=["web", "prod"]).to_tags_replace_all_map()
        {'tags': ['web', 'prod']}
    """

    tags: Sequence[str]

    def to_tags_replace_all_map(self) -> dict[str, Any]:
        """The body of `PUT /servers/{server_id}/tags`.

        Raises:
            InvalidInput: `tags` given as one string rather than a list.
        """
        if isinstance(self.tags, str):
            raise InvalidInput("tags must be a list of strings, not one string", "tags")
        return {"tags": [*self.tags]}


def replace_all(client: ServiceClient, server_id: str, opts: ReplaceAllOptsBuilder
                ) -> ReplaceAllResult:
    """Replace a server's tags (`PUT /servers/{server_id}/tags`, 200 with the tags).

    A bad option becomes the Result's error and nothing is sent.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import tags
        >>> nova = compute.with_microversion("2.26")
        >>> tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags=["b", "a"])).extract()
        ['b', 'a']
    """
    try:
        body = opts.to_tags_replace_all_map()
    except StackdoubleError as exc:
        return ReplaceAllResult.from_error(exc)
    return ReplaceAllResult.request(client, "PUT", urls.replace_all_url(client, server_id),
                                    json=body, ok_codes=(200,))


def add(client: ServiceClient, server_id: str, tag: str) -> AddResult:
    """Add a tag (`PUT /servers/{server_id}/tags/{tag}`: 201, or 204 if it was there).

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import tags
        >>> nova = compute.with_microversion("2.26")
        >>> tags.add(nova, server_id, "blue").extract_err()
        >>> tags.check(nova, server_id, "blue").extract()
        True
    """
    return AddResult.request(client, "PUT", urls.add_url(client, server_id, tag),
                             ok_codes=(201, 204))


def delete(client: ServiceClient, server_id: str, tag: str) -> DeleteResult:
    """Remove a tag (`DELETE /servers/{server_id}/tags/{tag}`, 204; 404 without it)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, server_id, tag),
                                ok_codes=(204,))


def delete_all(client: ServiceClient, server_id: str) -> DeleteResult:
    """Remove every tag (`DELETE /servers/{server_id}/tags`, 204)."""
    return DeleteResult.request(client, "DELETE", urls.delete_all_url(client, server_id),
                                ok_codes=(204,))
