"""Glance image members: share an image with a project, and the project's answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.image.v2.members import urls
from stackdouble.client.openstack.image.v2.members.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    MemberPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "MEMBER_STATUSES",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "get",
    "list",
    "update",
]

#: The statuses a member may give itself.
MEMBER_STATUSES = frozenset({"pending", "accepted", "rejected"})


def create(client: ServiceClient, image_id: str, member_id: str) -> CreateResult:
    """Share an image with a project (`POST /v2/images/{image_id}/members`; Glance answers
    200, not 201).

    Only the owner shares, and only a `shared` image (a private or public one is a 403
    Forbidden); a project already a member is a 409 Conflict. The member starts `pending`.

    Example:
        >>> from stackdouble.client.openstack.image.v2 import members
        >>> members.create(image_client, image_id,
        ...                other_project_id).extract().status
        'pending'
    """
    return CreateResult.request(client, "POST", urls.create_url(client, image_id),
                                json={"member": member_id}, ok_codes=(200,))


def list(client: ServiceClient, image_id: str) -> Pager[MemberPage]:
    """The image's members (`GET /v2/images/{image_id}/members`), in one page."""
    return Pager(client, urls.list_url(client, image_id), MemberPage)


def get(client: ServiceClient, image_id: str, member_id: str) -> GetResult:
    """One member (`GET .../members/{member_id}`); one that is not is a 404 NotFound."""
    return GetResult.request(client, "GET", urls.get_url(client, image_id, member_id),
                             ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `members.update`."""

    def to_image_member_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """The member's answer: `accepted`, `rejected`, or back to `pending`.

    Example:
        >>> UpdateOpts(status="accepted").to_image_member_update_map()
        {'status': 'accepted'}
    """

    status: str

    def to_image_member_update_map(self) -> dict[str, Any]:
        """The body of `PUT .../members/{member_id}`.

        Raises:
            InvalidInput: A status other than pending, accepted and rejected.
        """
        if self.status not in MEMBER_STATUSES:
            raise InvalidInput(f"a member status is pending, accepted or rejected, not "
                               f"{self.status!r}", "status")
        return {"status": self.status}


def update(client: ServiceClient, image_id: str, member_id: str,
           opts: UpdateOptsBuilder) -> UpdateResult:
    """Accept or reject a shared image (`PUT .../members/{member_id}`, 200).

    Only the member project answers: the image's owner gets a 403 Forbidden.
    """
    try:
        body = opts.to_image_member_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, image_id, member_id),
                                json=body, ok_codes=(200,))


def delete(client: ServiceClient, image_id: str, member_id: str) -> DeleteResult:
    """Stop sharing an image with a project (`DELETE .../members/{member_id}`, 204)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, image_id, member_id),
                                ok_codes=(204,))
