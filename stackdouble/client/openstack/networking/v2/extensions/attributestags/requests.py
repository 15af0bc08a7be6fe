"""Neutron tags on any taggable resource (`networks`, `subnets`, `ports`, `routers`,
`floatingips`, `security-groups`, `subnetpools`, `trunks`, `policies`...)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2.extensions.attributestags import urls
from stackdouble.client.openstack.networking.v2.extensions.attributestags.results import (
    AddResult,
    ConfirmResult,
    DeleteResult,
    ListResult,
    ReplaceAllResult,
)

__all__ = [
    "MAX_TAGS",
    "MAX_TAG_LEN",
    "ReplaceAllOpts",
    "ReplaceAllOptsBuilder",
    "add",
    "confirm",
    "delete",
    "delete_all",
    "list",
    "replace_all",
]

#: Neutron's limits (`neutron/extensions/tagging.py`): a longer tag or more tags is a 400.
MAX_TAG_LEN = 255
MAX_TAGS = 50


class ReplaceAllOptsBuilder(Protocol):
    """Anything that renders the body of `attributestags.replace_all`."""

    def to_attribute_tags_replace_all_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplaceAllOpts:
    """The tags a resource should have, all others removed (`[]` removes all).

    Example:
        >>> ReplaceAllOpts(tags=["red", "blue"]).to_attribute_tags_replace_all_map()
        {'tags': ['red', 'blue']}
    """

    tags: Sequence[str]

    def to_attribute_tags_replace_all_map(self) -> dict[str, Any]:
        """`{"tags": [...]}`.

        Raises:
            InvalidInput: What Neutron refuses with a 400: a repeated, empty or too long
                tag, or more than 50.
        """
        tags = [self.tags] if isinstance(self.tags, str) else [*self.tags]
        if len(tags) > MAX_TAGS:
            raise InvalidInput(f"at most {MAX_TAGS} tags, not {len(tags)}", "tags")
        if len(set(tags)) != len(tags):
            raise InvalidInput("tags must be unique", "tags")
        for tag in tags:
            _check_tag(tag)
        return {"tags": tags}


def _check_tag(tag: str) -> None:
    if not tag or len(tag) > MAX_TAG_LEN:
        raise InvalidInput(f"a tag has 1 to {MAX_TAG_LEN} characters, not {len(tag)}", "tag")


def replace_all(client: ServiceClient, resource_type: str, resource_id: str,
                opts: ReplaceAllOptsBuilder) -> ReplaceAllResult:
    """Set a resource's tags (`PUT /v2.0/{resource_type}/{resource_id}/tags`, 200).

    Returns:
        A ReplaceAllResult; `extract()` gives the tags now set. A missing resource is a
        404 NotFound.
    """
    try:
        body = opts.to_attribute_tags_replace_all_map()
    except StackdoubleError as exc:
        return ReplaceAllResult.from_error(exc)
    return ReplaceAllResult.request(client, "PUT",
                                    urls.tags_url(client, resource_type, resource_id),
                                    json=body, ok_codes=(200,))


def list(client: ServiceClient, resource_type: str, resource_id: str) -> ListResult:
    """A resource's tags (`GET /v2.0/{resource_type}/{resource_id}/tags`, 200)."""
    return ListResult.request(client, "GET", urls.tags_url(client, resource_type, resource_id),
                              ok_codes=(200,))


def delete_all(client: ServiceClient, resource_type: str, resource_id: str) -> DeleteResult:
    """Remove every tag (`DELETE /v2.0/{resource_type}/{resource_id}/tags`, 204)."""
    return DeleteResult.request(client, "DELETE",
                                urls.tags_url(client, resource_type, resource_id),
                                ok_codes=(204,))


def add(client: ServiceClient, resource_type: str, resource_id: str, tag: str) -> AddResult:
    """Tag a resource (`PUT .../tags/{tag}`, 201); a tag it has already is no error.

    An empty or too long tag fails without a request (`InvalidInput` from `extract_err`).
    """
    try:
        _check_tag(tag)
    except StackdoubleError as exc:
        return AddResult.from_error(exc)
    return AddResult.request(client, "PUT", urls.tag_url(client, resource_type, resource_id,
                                                         tag), ok_codes=(201,))


def delete(client: ServiceClient, resource_type: str, resource_id: str,
           tag: str) -> DeleteResult:
    """Remove a tag (`DELETE .../tags/{tag}`, 204); a tag the resource lacks is a 404
    NotFound (`TagNotFound`)."""
    return DeleteResult.request(client, "DELETE", urls.tag_url(client, resource_type,
                                                               resource_id, tag),
                                ok_codes=(204,))


def confirm(client: ServiceClient, resource_type: str, resource_id: str,
            tag: str) -> ConfirmResult:
    """Whether a resource has a tag (`GET .../tags/{tag}`: 204 yes, 404 no); `extract()`
    gives a bool."""
    return ConfirmResult.request(client, "GET", urls.tag_url(client, resource_type,
                                                             resource_id, tag),
                                 ok_codes=(204,))
