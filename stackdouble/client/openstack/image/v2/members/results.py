"""Glance image member results: the Member resource, the Results, and the page."""

from __future__ import annotations

from datetime import datetime

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "Member",
    "MemberPage",
    "MemberResult",
    "UpdateResult",
    "extract_members",
]


class Member(Resource):
    """A project an image is shared with.

    Attributes:
        member_id: The project's id.
        image_id: The shared image.
        status: `pending` until the member accepts or rejects, then `accepted` or
            `rejected`: only accepted images appear in the member's default listing.
    """

    __slots__ = ()

    member_id: str = json_field("member_id")
    image_id: str = json_field("image_id")
    status: str = json_field("status", default="")
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)
    schema: str | None = json_field("schema")


class MemberResult(Result):
    """A Result whose body is a member (no envelope); `extract()` gives the Member."""

    __slots__ = ()

    def extract(self) -> Member:
        """The Member, or raise the error the call ended with."""
        return self.extract_with(Member.from_json)


class CreateResult(MemberResult):
    """The result of `members.create` (Glance answers 200): the member, `pending`."""

    __slots__ = ()


class GetResult(MemberResult):
    """The result of `members.get`."""

    __slots__ = ()


class UpdateResult(MemberResult):
    """The result of `members.update`: the member with its new status."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `members.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class MemberPage(SinglePage):
    """The members of an image, `{"members": [...], "schema"}` (Glance does not page
    them)."""

    __slots__ = ()
    resource_key = "members"

    def items(self) -> list[Member]:
        """The members on this page."""
        return extract_members(self)


def extract_members(page: Page) -> list[Member]:
    """The members on the page of `members.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Member.from_json, key="members")
