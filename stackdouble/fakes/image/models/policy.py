"""Glance's default policies (`glance/policies/*.py`, with oslo.policy's new defaults
enforced), as plain checks on a caller's roles and an image's owner.

The rules name the caller's project (`project_id`), the image's owner and `member_id`: the
caller's project when the image is `shared` and the caller is not its owner (how
`ImageRepo` marks an image found through a membership). `admin` (`context_is_admin`) passes
every rule. Besides an admin, who passes the rules a fake request meets:

* `get_images`, `get_image`: a reader (the image was already found visible);
* `download_image`: a member;
* `add_image`: a member, creating an image its project owns;
* `modify_image`, `delete_image`, `upload_image`, `deactivate`, `reactivate`, `add_member`,
  `delete_member`, `communitize_image`, `set_image_location`: a member of the owning
  project;
* `publicize_image`, `copy_image`, `delete_image_location`, `tasks_api_access`: nobody;
* `get_member`, `get_members`: a reader of the owning project, or of the member project;
* `modify_member`: a member of the member project.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["OWNER_RULES", "Target", "allowed"]

#: `ADMIN_OR_PROJECT_MEMBER`: the rules only the owning project's members (and admins) pass.
OWNER_RULES = frozenset({
    "modify_image", "delete_image", "upload_image", "deactivate", "reactivate",
    "add_member", "delete_member", "communitize_image", "set_image_location",
})
_VISIBLE_TO_ALL = frozenset({"community", "public", "shared"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a rule looks at: the image's owner, visibility and `member_id`."""

    owner: str | None
    visibility: str
    member_id: str | None = None


def allowed(rule: str, roles: Collection[str], project_id: str, target: Target) -> bool:
    """Whether a caller with `roles` in `project_id` passes `rule` on `target`.

    Example:
        >>> image = Target(owner="p1", visibility="shared")
        >>> allowed("modify_image", {"member", "reader"}, "p1", image)
        True
        >>> allowed("modify_image", {"reader"}, "p1", image)
        False
        >>> allowed("publicize_image", {"member", "reader"}, "p1", image)
        False
    """
    if "admin" in roles:
        return True
    owner = target.owner is not None and target.owner == project_id
    member_of = target.member_id is not None and target.member_id == project_id
    reader, member = "reader" in roles, "member" in roles
    if rule == "get_images":
        return reader
    if rule in ("get_image", "download_image"):
        role = reader if rule == "get_image" else member
        return role and (owner or member_of or target.visibility in _VISIBLE_TO_ALL)
    if rule == "add_image" or rule in OWNER_RULES:
        return member and owner
    if rule in ("get_member", "get_members"):
        return reader and (owner or member_of)
    if rule == "modify_member":
        return member and member_of
    return False
