"""Image members: sharing an image with other projects, as
`glance/api/v2/image_members.py` and the database layer do it.

Only `shared` images have members. The owner adds and removes them (a new member is
`pending`); a member project accepts or rejects its own membership; an accepted shared
image shows in the member's image list (`member_status=pending` or `all` show the
others). The owner sees every membership, a member only its own (`image_member_find`
filters the rows). A member can see a shared image whatever its status, so it can show it
before accepting.

The policy checks are `MemberAPIPolicy`'s: first `get_image` (a 404 when refused), then the
member rule (a 403 naming it).
"""

from __future__ import annotations

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.image.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    RequestEntityTooLarge,
    policy_forbidden,
)
from stackdouble.fakes.image.models._common import Image, Member, _ModelBase
from stackdouble.fakes.locking import locked

__all__ = ["MEMBER_STATUSES", "MembersMixin"]

#: A membership's statuses.
MEMBER_STATUSES = ("pending", "accepted", "rejected")


class MembersMixin(_ModelBase):
    """Image members, mixed into `ImageModel`."""

    def _shared_image(self, caller: Caller, image_id: str, refusal: str | None) -> Image:
        """The image, which must be shared (`_check_visibility_and_ownership`): else a 403
        `refusal`, or a 404 when there is none (show)."""
        image = self._lookup(caller, image_id, f"Image {image_id} not found.")
        if image.visibility != "shared":
            if refusal is None:
                raise NotFound("Only shared images have members.")
            raise Forbidden(refusal)
        return image

    def _member_rule(self, caller: Caller, rule: str, image: Image) -> bool:
        """`MemberAPIPolicy._enforce`: `get_image` first (404), then whether `rule`
        passes."""
        if not self._passes(caller, "get_image", image):
            raise NotFound()
        return self._passes(caller, rule, image)

    def _rows(self, caller: Caller, image: Image) -> list[Member]:
        """The memberships the caller may see: all of them for an admin or the owner, else
        its own."""
        if self.is_admin(caller) or image.owner == caller.project_id:
            return list(image.members.values())
        own = image.members.get(caller.project_id)
        return [own] if own is not None else []

    def _member(self, caller: Caller, image: Image, member_id: str) -> Member:
        """`_lookup_member` after its policy check."""
        for member in self._rows(caller, image):
            if member.member_id == member_id:
                return member
        raise NotFound(f"{member_id} not found in the member list of the image {image.id}.")

    @locked
    def add_member(self, caller: Caller, image_id: str, member_id: str) -> Member:
        """Share an image with a project (`POST /v2/images/{id}/members`); it starts
        `pending`.

        Raises:
            NotFound: "Image <id> not found.", or the caller may not read it.
            Forbidden: Not a shared image, or `add_member` refused.
            RequestEntityTooLarge: More members than `image_member_quota`.
            Conflict: "Member <member> is duplicated for image <id>".
        """
        image = self._shared_image(caller, image_id,
                                   f"Not allowed to create members for image {image_id}.")
        if not self._member_rule(caller, "add_member", image):
            raise policy_forbidden("add_member")
        quota = self.config.image_member_quota
        if 0 <= quota < len(image.members) + 1:
            raise RequestEntityTooLarge(
                f"Image member limit exceeded for image {image_id}: The limit has been "
                f"exceeded on the number of allowed image members for this image. "
                f"Attempted: {len(image.members) + 1}, Maximum: {quota}:")
        if member_id in image.members:
            raise Conflict(f"Member {member_id} is duplicated for image {image_id}")
        now = self._now()
        member = Member(image_id=image_id, member_id=member_id, status="pending",
                        created_at=now, updated_at=now)
        image.members[member_id] = member
        return member

    @locked
    def list_members(self, caller: Caller, image_id: str) -> list[Member]:
        """The memberships the caller may see (`GET /v2/images/{id}/members`), oldest
        first.

        Raises:
            NotFound: No such image for the caller.
            Forbidden: Not a shared image, or `get_members` refused.
        """
        image = self._lookup(caller, image_id, f"Image {image_id} not found.")
        if image.visibility != "shared":
            raise Forbidden(f"Not allowed to list members for image {image_id}: Only shared "
                            "images have members.")
        if not self._member_rule(caller, "get_members", image):
            raise policy_forbidden("get_members")
        return self._rows(caller, image)

    @locked
    def show_member(self, caller: Caller, image_id: str, member_id: str) -> Member:
        """One membership (`GET /v2/images/{id}/members/{member}`); every refusal is a 404.

        Raises:
            NotFound: No such image, not shared, refused, or no such member.
        """
        image = self._shared_image(caller, image_id, None)
        if not self._member_rule(caller, "get_member", image):
            raise NotFound("You are not authorized to complete get_member action.")
        return self._member(caller, image, member_id)

    @locked
    def update_member(self, caller: Caller, image_id: str, member_id: str,
                      status: object) -> Member:
        """Accept, reject or reset a membership (`PUT /v2/images/{id}/members/{member}`):
        the member project's own decision.

        Raises:
            NotFound: No such image for the caller, or no such member.
            Forbidden: Not a shared image, or `get_member`/`modify_member` refused (the
                owner cannot accept for its members).
            BadRequest: A status other than pending, accepted and rejected.
        """
        image = self._shared_image(caller, image_id,
                                   f"Not allowed to update members for image {image_id}.")
        if not self._member_rule(caller, "get_member", image):
            raise policy_forbidden("get_member")
        member = self._member(caller, image, member_id)
        if not self._member_rule(caller, "modify_member", image):
            raise policy_forbidden("modify_member")
        if status not in MEMBER_STATUSES:
            raise BadRequest('Incorrect request: Status must be "pending", "accepted" or '
                             '"rejected".')
        member.status = str(status)
        member.updated_at = self._now()
        return member

    @locked
    def remove_member(self, caller: Caller, image_id: str, member_id: str) -> None:
        """Stop sharing an image with a project (`DELETE .../members/{member}`).

        Raises:
            NotFound: No such image for the caller, or no such member.
            Forbidden: Not a shared image, or `get_member`/`delete_member` refused.
        """
        image = self._shared_image(caller, image_id,
                                   f"Not allowed to delete members for image {image_id}.")
        if not self._member_rule(caller, "get_member", image):
            raise policy_forbidden("get_member")
        member = self._member(caller, image, member_id)
        if not self._member_rule(caller, "delete_member", image):
            raise policy_forbidden("delete_member")
        del image.members[member.member_id]
