"""Images: create, show, list, update (JSON-patch), delete, deactivate, reactivate and tags,
as `glance/api/v2/images.py`, `image_actions.py`, `image_tags.py`, `glance/domain` and the
database layer (`glance/db/sqlalchemy/api.py`) do them.

Listing follows `image_get_all`: a regular caller sees public and community images, its
own, and shared images it is a member of with the asked `member_status` (`accepted` by
default); an admin sees every image. Without a `visibility` filter, community images are
left out unless the caller owns them; hidden images (`os_hidden`) are left out unless
asked for. The order is the sort keys, then `created_at` and `id` (in the first key's
direction when one direction was given), and a page starts after the marker's position in
that order: the marker may be any image the caller can see, listed or not. Images are kept
in a `SortedList` by `(created_at, id)`, so the default order pages in O(log n + page).

An update applies its operations to a copy of the image, in order, and keeps it only if
all of them pass: a refused operation changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.image.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    RequestEntityTooLarge,
    policy_forbidden,
)
from stackdouble.fakes.image.models._common import RESERVED_NAMESPACE, Image, _ModelBase
from stackdouble.fakes.image.models.policy import Target, allowed
from stackdouble.fakes.locking import locked
from stackdouble.fakes.sorting import after, sort_key_for

__all__ = ["DEFAULT_SORT", "SORT_KEYS", "Change", "ImageQuery", "ImagesMixin"]

#: The sort keys Glance takes (`RequestDeserializer._available_sort_keys`).
SORT_KEYS = ("name", "status", "container_format", "disk_format", "size", "id", "created_at",
             "updated_at")
#: The default order.
DEFAULT_SORT: tuple[tuple[str, str], ...] = (("created_at", "desc"), ("id", "desc"))
#: The attributes a JSON-patch sets on the image itself (others are properties).
ATTRIBUTES = frozenset({"name", "visibility", "protected", "os_hidden", "min_ram", "min_disk",
                        "owner", "disk_format", "container_format", "tags"})
_MAX_INT = 2**31 - 1
_UNSET: Any = object()
_GETTERS: Mapping[str, Callable[[Image], Any]] = {
    "name": lambda i: i.name,
    "status": lambda i: i.status,
    "container_format": lambda i: i.container_format,
    "disk_format": lambda i: i.disk_format,
    "size": lambda i: i.size,
    "id": lambda i: i.id,
    "created_at": lambda i: i.created_at,
    "updated_at": lambda i: i.updated_at,
}


@dataclass(frozen=True, slots=True)
class Change:
    """One JSON-patch operation, parsed (`RequestDeserializer.update`).

    Attributes:
        op: `add`, `remove` or `replace`.
        path: The decoded JSON pointer (`["name"]`, `["locations", "0"]`).
        value: The value (None for `remove`).
        draft: 10 for `openstack-images-v2.1-json-patch`, 4 for v2.0.
    """

    op: str
    path: tuple[str, ...]
    value: Any = None
    draft: int = 10


@dataclass(frozen=True, slots=True)
class ImageQuery:
    """A parsed image listing (`RequestDeserializer.index` and the controller).

    Attributes:
        limit: The page size asked for (None: `limit_param_default`).
        marker: The id after which the page starts.
        member_status: Which memberships bring a shared image in (`all` for any).
        visibility: Only images of this visibility (`all`: any); None for the default.
        sort: (key, direction) pairs, `created_at` and `id` appended.
        filters: Predicates every listed image passes.
    """

    limit: int | None = None
    marker: str | None = None
    member_status: str = "accepted"
    visibility: str | None = None
    sort: tuple[tuple[str, str], ...] = DEFAULT_SORT
    filters: tuple[Callable[[Image], bool], ...] = field(default_factory=tuple)


def _sort_key(sort: Sequence[tuple[str, str]]) -> Callable[[Image], tuple[Any, ...]]:
    return sort_key_for([_GETTERS[k] for k, _ in sort], [d for _, d in sort])


class ImagesMixin(_ModelBase):
    """Images and their tags, mixed into `ImageModel`."""

    # -- create -------------------------------------------------------------------------

    @locked
    def create_image(self, caller: Caller, *, name: str | None = None,
                     image_id: str | None = None, visibility: str | None = None,
                     protected: bool = False, os_hidden: bool = False, min_disk: int = 0,
                     min_ram: int = 0, disk_format: str | None = None,
                     container_format: str | None = None, owner: str | None = _UNSET,
                     properties: Mapping[str, str] | None = None,
                     tags: Iterable[str] = ()) -> Image:
        """Create a `queued` image (`POST /v2/images`), owned by the caller's project.

        Args:
            caller: Who creates it.
            name, image_id, visibility, protected, os_hidden, min_disk, min_ram,
            disk_format, container_format, owner: Glance's base attributes; `visibility`
                defaults to `shared` (Glance's default), `owner` to the caller's project.
            properties: Extra properties (strings).
            tags: Tags.

        Raises:
            Forbidden: `add_image` refused (another owner for a non-admin), publicizing by a
                non-admin, or a reserved property (`locations`...).
            BadRequest: A negative or too large `min_disk`/`min_ram`.
            RequestEntityTooLarge: More tags or properties than the quotas allow.
            Conflict: "Image ID <id> already exists!" (deleted images' ids included).
        """
        self._settle()
        project = caller.project_id
        roles = self.roles_of(caller)
        if owner is _UNSET:
            owner = project
        target = Target(owner=owner, visibility=visibility or "private")
        if not allowed("add_image", roles, project, target):
            if owner != project:
                raise Forbidden(detail=f"You are not permitted to create images owned by "
                                       f"'{owner}'")
            raise policy_forbidden("add_image")
        self._check_visibility_change(roles, project, target, target.visibility)
        props = dict(properties or {})
        for key in ("owner", "locations", "deleted", "deleted_at", "direct_url", "self",
                    "file", "schema"):
            if key in props:
                raise Forbidden(f"Attribute '{key}' is reserved.")
        tag_set = dict.fromkeys(tags)
        self._check_tag_quota(len(tag_set))
        for param, value in (("min_disk", min_disk), ("min_ram", min_ram)):
            _check_minimum(param, value)
        self._check_property_quota(props)
        for param, value in (("min_disk", min_disk), ("min_ram", min_ram)):
            _check_db_int(param, value)
        new_id = image_id or self.cloud.ids.uuid()
        if new_id in self.images or new_id in self._deleted_ids:
            raise Conflict(f"Image ID {new_id} already exists!")
        now = self._now()
        image = Image(id=new_id, name=name, status="queued", visibility=visibility or "shared",
                      owner=owner or None, created_at=now, updated_at=now,
                      protected=protected, os_hidden=os_hidden, min_disk=min_disk or 0,
                      min_ram=min_ram or 0, disk_format=disk_format,
                      container_format=container_format, properties=props, tags=tag_set)
        self._add(image)
        return image

    def _add(self, image: Image) -> None:
        self.images[image.id] = image
        self._order.add(image)

    def _check_visibility_change(self, roles: frozenset[str], project: str, target: Target,
                                 visibility: str | None) -> None:
        """`_enforce_image_visibility`: only an admin publicizes; communitizing is the
        owner's."""
        rule = {"public": "publicize_image", "community": "communitize_image"}.get(
            visibility or "")
        if rule is not None and not allowed(rule, roles, project, target):
            raise policy_forbidden(rule)

    def _check_tag_quota(self, count: int) -> None:
        quota = self.config.image_tag_quota
        if 0 <= quota < count:
            raise RequestEntityTooLarge(
                f"The limit has been exceeded on the number of allowed image tags. "
                f"Attempted: {count}, Maximum: {quota}")

    def _check_property_quota(self, properties: Mapping[str, str]) -> None:
        quota = self.config.image_property_quota
        count = sum(1 for k in properties if not k.startswith(RESERVED_NAMESPACE))
        if 0 <= quota < count:
            raise RequestEntityTooLarge(
                f"The limit has been exceeded on the number of allowed image properties. "
                f"Attempted: {count}, Maximum: {quota}")

    # -- read -----------------------------------------------------------------------------

    @locked
    def get_image(self, caller: Caller, image_id: str) -> Image | None:
        """The image if it exists and the caller may see it, else None."""
        self._settle()
        image = self.images.get(image_id)
        if image is None or not self._visible(caller, image):
            return None
        return image if self._passes(caller, "get_image", image) else None

    @locked
    def show_image(self, caller: Caller, image_id: str) -> Image:
        """The image (`GET /v2/images/{id}`).

        Raises:
            NotFound: "No image found with ID <id>", or the caller may not read it.
        """
        image = self._lookup(caller, image_id)
        self._enforce(caller, "get_image", image)
        return image

    @locked
    def images_named(self, caller: Caller, name: str) -> list[Image]:
        """The images called `name` that a listing shows the caller, newest first (what
        `GET /v2/images?name=<name>` finds)."""
        page, _ = self.list_images(caller, ImageQuery(
            limit=self.config.api_limit_max, filters=(lambda i: i.name == name,)))
        return page

    @locked
    def list_images(self, caller: Caller, query: ImageQuery | None = None
                    ) -> tuple[list[Image], str | None]:
        """One page of the images the caller may list, and the marker of the next page
        (None on the last page).

        Raises:
            Forbidden: `get_images` refused, or the marker is an image the caller cannot
                see ("Forbidding request, image <id> not visible").
            BadRequest: The marker is no image ("No image found with ID <id>").
        """
        self._settle()
        query = query or ImageQuery()
        roles = self.roles_of(caller)
        project = caller.project_id
        if not allowed("get_images", roles, project, Target(owner=project,
                                                           visibility="private")):
            raise policy_forbidden("get_images")
        admin = "admin" in roles
        limit = min(self.config.api_limit_max,
                    self.config.limit_param_default if query.limit is None else query.limit)
        mark = self._marker(caller, query.marker, admin)
        keep = self._listable(caller, admin, query)
        page: list[Image] = []
        if limit > 0:
            for image in self._ordered(query.sort, mark, keep):
                page.append(image)
                if len(page) >= limit:
                    break
        return page, (page[-1].id if page and len(page) == limit else None)

    def _marker(self, caller: Caller, marker: str | None, admin: bool) -> Image | None:
        if marker is None:
            return None
        if len(marker) > 36:
            raise BadRequest("Image with the given id %(image_id)s was not found")
        image = self.images.get(marker)
        if image is None:
            raise BadRequest(f"No image found with ID {marker}")
        if not self._visible(caller, image, admin=admin):
            raise Forbidden(f"Forbidding request, image {marker} not visible")
        return image

    def _listable(self, caller: Caller, admin: bool, query: ImageQuery
                  ) -> Callable[[Image], bool]:
        project = caller.project_id
        wanted, status = query.visibility, query.member_status
        filters = query.filters

        def keep(image: Image) -> bool:
            if image.status in ("deleted", "killed"):
                return False
            if not admin and image.owner != project and image.visibility not in (
                    "public", "community"):
                member = image.members.get(project) if image.visibility == "shared" else None
                if member is None or (status != "all" and member.status != status):
                    return False
            if wanted is not None:
                if wanted != "all" and image.visibility != wanted:
                    return False
            elif image.visibility == "community" and image.owner != project:
                return False
            return all(f(image) for f in filters)

        return keep

    def _ordered(self, sort: Sequence[tuple[str, str]], mark: Image | None,
                 keep: Callable[[Image], bool]) -> Iterator[Image]:
        keys = [k for k, _ in sort]
        dirs = {d for _, d in sort}
        if keys == ["created_at", "id"] and len(dirs) == 1:
            desc = dirs == {"desc"}
            pool = self._order
            if desc:
                stop = pool.bisect_key_left((mark.created_at, mark.id)) if mark else len(pool)
                walk = pool.islice(0, stop, reverse=True)
            else:
                start = pool.bisect_key_right((mark.created_at, mark.id)) if mark else 0
                walk = pool.islice(start, None)
            return (image for image in walk if keep(image))
        key = _sort_key(sort)
        chosen = sorted((i for i in self.images.values() if keep(i)), key=key)
        return after(chosen, key(mark) if mark is not None else None, key)

    # -- update ---------------------------------------------------------------------------

    @locked
    def update_image(self, caller: Caller, image_id: str, changes: Sequence[Change]) -> Image:
        """Apply JSON-patch operations (`PATCH /v2/images/{id}`), all or none.

        Raises:
            NotFound: No such image for the caller.
            Forbidden: `modify_image` refused, publicizing, a non-admin changing the owner,
                removing a base attribute, a format change after upload, `locations`.
            Conflict: Removing or replacing a property that does not exist; with the v2.0
                patch, adding one that does.
            BadRequest: A negative or too large `min_disk`/`min_ram`.
            RequestEntityTooLarge: More tags or properties than the quotas allow.
        """
        image = self._lookup(caller, image_id)
        work = image.copy()
        roles = self.roles_of(caller)
        for change in changes:
            self._apply(caller, roles, image, work, change)
        if not changes:
            return image
        if set(work.properties) - set(image.properties):
            self._check_property_quota(work.properties)
        for param in ("min_disk", "min_ram"):
            _check_db_int(param, getattr(work, param))
        self._touch(work)
        self.images[image_id] = work
        self._order.remove(image)
        self._order.add(work)
        return work

    def _apply(self, caller: Caller, roles: frozenset[str], image: Image, work: Image,
               change: Change) -> None:
        root, value = change.path[0], change.value
        if root == "locations":
            self._change_locations(caller, image, change)
        if change.op == "replace" and root == "owner" and "admin" not in roles:
            raise Forbidden(detail="Owner can't be updated by non admin.")
        if root == "visibility" and change.op != "remove":
            self._check_visibility_change(roles, caller.project_id,
                                          self._target(caller, image), value)
        self._enforce(caller, "modify_image", image)
        if change.op == "remove":
            if root in ATTRIBUTES:
                raise Forbidden(detail=f"Property {root} may not be removed.")
            if root not in work.properties:
                raise Conflict(detail=f"Property {root} does not exist.")
            del work.properties[root]
            return
        exists = root in ATTRIBUTES or root in work.properties
        if change.op == "add" and change.draft == 4 and exists:
            raise Conflict(detail=f"Property {root} already present.")
        if change.op == "replace" and not exists:
            raise Conflict(detail=f"Property {root} does not exist.")
        if root in ATTRIBUTES:
            self._set_attribute(work, root, value)
        else:
            work.properties[root] = value

    def _change_locations(self, caller: Caller, image: Image, change: Change) -> None:
        """Locations are hidden (`show_multiple_locations = False`): every change is
        refused, after the location policy."""
        if change.op == "replace" and not change.value:
            raise Forbidden(detail="Cannot set locations to empty list.")
        if change.op == "remove":
            self._enforce(caller, "delete_image_location", image)
            raise Forbidden("It's not allowed to remove locations if locations are "
                            "invisible.")
        self._enforce(caller, "set_image_location", image)
        verb = "update" if change.op == "replace" else "add"
        raise Forbidden(f"It's not allowed to {verb} locations if locations are invisible.")

    def _set_attribute(self, work: Image, name: str, value: Any) -> None:
        """The domain `Image`'s setters."""
        if name in ("container_format", "disk_format"):
            if work.status not in ("queued", "importing"):
                raise Forbidden(f"Attribute {name} can be only replaced for a queued image.")
        elif name in ("min_disk", "min_ram"):
            _check_minimum(name, value)
        elif name == "tags":
            tags = dict.fromkeys(value)
            self._check_tag_quota(len(tags))
            work.tags = tags
            return
        elif name == "owner":
            value = value or None
        setattr(work, name, value)

    # -- delete, deactivate, reactivate -----------------------------------------------------

    @locked
    def delete_image(self, caller: Caller, image_id: str) -> None:
        """Delete an image (`DELETE /v2/images/{id}`); its id cannot be used again.

        Raises:
            NotFound: "Failed to find image <id> to delete".
            Forbidden: `delete_image` refused, or "Image <id> is protected and cannot be
                deleted.".
        """
        image = self._lookup(caller, image_id, f"Failed to find image {image_id} to delete")
        self._enforce(caller, "delete_image", image)
        if image.protected:
            raise Forbidden(f"Image {image_id} is protected and cannot be deleted.")
        self._remove(image)

    def _remove(self, image: Image) -> None:
        del self.images[image.id]
        self._order.remove(image)
        self._importing.discard(image.id)
        self._unchecked.pop(image.id, None)
        self._downloads.pop(image.id, None)
        self._deleted_ids.add(image.id)

    @locked
    def deactivate_image(self, caller: Caller, image_id: str) -> Image:
        """Deactivate an active image (a deactivated one stays as it is).

        Raises:
            NotFound: No such image for the caller.
            Forbidden: `deactivate` refused, or "Not allowed to deactivate image in status
                '<status>'".
        """
        return self._set_active(caller, image_id, "deactivate", "active", "deactivated")

    @locked
    def reactivate_image(self, caller: Caller, image_id: str) -> Image:
        """Reactivate a deactivated image (an active one stays as it is).

        Raises:
            NotFound: No such image for the caller.
            Forbidden: `reactivate` refused, or "Not allowed to reactivate image in status
                '<status>'".
        """
        return self._set_active(caller, image_id, "reactivate", "deactivated", "active")

    def _set_active(self, caller: Caller, image_id: str, rule: str, source: str,
                    goal: str) -> Image:
        image = self._lookup(caller, image_id)
        self._enforce(caller, rule, image)
        if image.status == source:
            image.status = goal
            self._touch(image)
        elif image.status != goal:
            raise Forbidden(f"Not allowed to {rule} image in status '{image.status}'")
        return image

    # -- tags ------------------------------------------------------------------------------

    @locked
    def add_tag(self, caller: Caller, image_id: str, tag: str) -> Image:
        """Add a tag (`PUT /v2/images/{id}/tags/{tag}`).

        Raises:
            NotFound: "Image <id> not found.".
            Forbidden: `modify_image` refused.
            RequestEntityTooLarge: More tags than `image_tag_quota`.
        """
        image = self._lookup(caller, image_id, f"Image {image_id} not found.")
        self._enforce(caller, "modify_image", image)
        count = len(image.tags) + (tag not in image.tags)
        quota = self.config.image_tag_quota
        if 0 <= quota < count:
            raise RequestEntityTooLarge(
                f"Image tag limit exceeded for image {image_id}: The limit has been exceeded "
                f"on the number of allowed image tags. Attempted: {count}, Maximum: "
                f"{quota}:")
        image.tags[tag] = None
        self._touch(image)
        return image

    @locked
    def remove_tag(self, caller: Caller, image_id: str, tag: str) -> Image:
        """Remove a tag (`DELETE /v2/images/{id}/tags/{tag}`).

        Raises:
            NotFound: "Image <id> not found.", or the image has no such tag.
            Forbidden: `modify_image` refused.
        """
        image = self._lookup(caller, image_id, f"Image {image_id} not found.")
        self._enforce(caller, "modify_image", image)
        if tag not in image.tags:
            raise NotFound()
        del image.tags[tag]
        self._touch(image)
        return image


def _check_minimum(param: str, value: Any) -> None:
    """`Image.min_disk`/`min_ram` setters: no negative value."""
    if value and value < 0:
        raise BadRequest(f"Invalid value '{value}' for parameter '{param}': Cannot be a "
                         "negative value")


def _check_db_int(param: str, value: Any) -> None:
    """`_validate_db_int`: the database column is a 32-bit integer."""
    if value and value > _MAX_INT:
        raise BadRequest(f"'{param}' value out of range, must not exceed {_MAX_INT}.")


def created_key(image: Image) -> tuple[datetime, str]:
    """The key of `ImageModel`'s sorted list: `(created_at, id)`."""
    return image.created_at, image.id
