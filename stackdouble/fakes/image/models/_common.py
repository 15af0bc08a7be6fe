"""Shared parts of the fake Glance's model: its settings, the image and member records, the
caller's roles, visibility, and `_ModelBase`, which every resource mixin inherits.

`ImageModel.__init__` (in `models/__init__.py`) sets all the state declared here. The
settings are Glance's configuration options (`glance/common/config.py`), with their
defaults: `image_size_cap` (1 TiB), `user_storage_quota` (0: none), the member, property and
tag quotas (128 each), `limit_param_default` (25) and `api_limit_max` (1000), the disk and
container formats, and the enabled import methods (`glance-direct` and `web-download`, as the
`realcloud` Glance; `copy-image` needs several stores, so the fake answers as a Glance that
does not enable it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from stackdouble.fakes.image.errors import NotFound, policy_forbidden
from stackdouble.fakes.image.models.policy import Target, allowed

if TYPE_CHECKING:
    from sortedcontainers import SortedKeyList  # type: ignore[import-untyped,unused-ignore]

    from stackdouble.fakes.caller import Caller
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.image.models.tasks import Task

__all__ = [
    "CONTAINER_FORMATS",
    "DISK_FORMATS",
    "HASH_ALGO",
    "IMAGE_STATUSES",
    "RESERVED_NAMESPACE",
    "Blob",
    "GlanceConfig",
    "Image",
    "Member",
]

#: `[image_format] container_formats`.
CONTAINER_FORMATS = ("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed")
#: `[image_format] disk_formats`.
DISK_FORMATS = ("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso",
                "ploop")
#: `hashing_algorithm`: what `os_hash_value` is.
HASH_ALGO = "sha512"
#: Properties in this namespace are Glance's own (`GLANCE_RESERVED_NS`).
RESERVED_NAMESPACE = "os_glance"
#: The image statuses (`glance.domain.Image.valid_state_targets`).
IMAGE_STATUSES = ("queued", "saving", "active", "killed", "deleted", "uploading", "importing",
                  "pending_delete", "deactivated")
#: Where each status may go (`valid_state_targets`).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "queued": ("saving", "uploading", "importing", "active", "deleted"),
    "saving": ("active", "killed", "deleted", "queued"),
    "uploading": ("importing", "queued", "deleted"),
    "importing": ("active", "deleted", "queued"),
    "active": ("pending_delete", "deleted", "deactivated"),
    "killed": ("deleted",),
    "pending_delete": ("deleted", "active"),
    "deleted": (),
    "deactivated": ("active", "deleted"),
}
_1TiB = 1024**4


@dataclass(frozen=True, slots=True, kw_only=True)
class GlanceConfig:
    """The Glance options the fake honours (`glance-api.conf`), with Glance's defaults.

    Attributes:
        image_size_cap: The largest image, in bytes (413 above it).
        user_storage_quota: Bytes of image data a project may store; 0 for no limit.
        image_member_quota: Members an image may have; negative for no limit.
        image_property_quota: Properties an image may have (`os_glance_*` not counted).
        image_tag_quota: Tags an image may have.
        limit_param_default: The page size when a listing gives no `limit`.
        api_limit_max: The largest page.
        import_methods: `enabled_import_methods`: `glance-direct` and `web-download`.
        import_time: Seconds of fake time an import stays `importing`.
        web_download_hosts: The hosts `web-download` may fetch from (`[import_filtering_opts]
            allowed_hosts`, any port), besides the cloud itself.
    """

    image_size_cap: int = _1TiB
    user_storage_quota: int = 0
    image_member_quota: int = 128
    image_property_quota: int = 128
    image_tag_quota: int = 128
    limit_param_default: int = 25
    api_limit_max: int = 1000
    import_methods: tuple[str, ...] = ("glance-direct", "web-download")
    import_time: float = 0.0
    web_download_hosts: tuple[str, ...] = ("127.0.0.1",)

    def replaced(self, **changes: Any) -> GlanceConfig:
        """A copy with `changes`.

        Raises:
            TypeError: An unknown option.
            ValueError: A value of the wrong kind or out of range.
        """
        new = dataclasses.replace(self, **changes)
        for name in ("image_size_cap", "limit_param_default", "api_limit_max"):
            value = getattr(new, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")
        for name in ("user_storage_quota", "image_member_quota", "image_property_quota",
                     "image_tag_quota"):
            if isinstance(getattr(new, name), bool) or not isinstance(getattr(new, name), int):
                raise ValueError(f"{name} must be an integer, not {getattr(new, name)!r}")
        if any(m not in ("glance-direct", "web-download") for m in new.import_methods):
            raise ValueError("the fake can only enable the 'glance-direct' and "
                             "'web-download' import methods")
        if (not isinstance(new.web_download_hosts, tuple)
                or not all(isinstance(h, str) for h in new.web_download_hosts)):
            raise ValueError("web_download_hosts must be a tuple of host names")
        if not isinstance(new.import_time, (int, float)) or not new.import_time >= 0:
            raise ValueError(f"import_time must be >= 0 seconds, not {new.import_time!r}")
        return new


class Blob(Protocol):
    """An image's data as the store holds it: its size and its bytes, read in chunks."""

    @property
    def size(self) -> int:
        """The number of bytes."""
        ...

    def read(self, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        """The bytes from `offset`, at most `length` of them, in chunks."""
        ...


@dataclass(slots=True, eq=False)
class Member:
    """An image membership (`image_members`): a project the image is shared with."""

    image_id: str
    member_id: str
    status: str
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True, eq=False)
class Image:
    """An image as Glance's database holds it.

    `properties` are the extra properties (strings, in the order they were set); `data` is
    the stored bytes once uploaded or imported, `staged` the bytes staged for a
    `glance-direct` import. `ready_at` is the fake time an import (or an `upload_at`)
    completes, `delete_at` the fake time a `delete_at` deletes the image.
    """

    id: str
    name: str | None
    status: str
    visibility: str
    owner: str | None
    created_at: datetime
    updated_at: datetime
    protected: bool = False
    os_hidden: bool = False
    min_disk: int = 0
    min_ram: int = 0
    disk_format: str | None = None
    container_format: str | None = None
    size: int | None = None
    virtual_size: int | None = None
    checksum: str | None = None
    os_hash_algo: str | None = None
    os_hash_value: str | None = None
    properties: dict[str, str] = field(default_factory=dict)
    tags: dict[str, None] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    data: Blob | None = None
    staged: Blob | None = None
    ready_at: float | None = None
    delete_at: float | None = None

    def copy(self) -> Image:
        """A copy whose properties, tags and members can change without touching this."""
        return dataclasses.replace(self, properties=dict(self.properties),
                                   tags=dict(self.tags), members=dict(self.members))


class _ModelBase:
    """The state the resource mixins share, the caller's roles and Glance's visibility.

    The methods declared under `TYPE_CHECKING` are the ones a mixin calls on another.
    """

    cloud: FakeCloud
    config: GlanceConfig
    images: dict[str, Image]
    _order: SortedKeyList
    _deleted_ids: set[str]
    _importing: set[str]
    _downloads: dict[str, str]
    _unchecked: dict[str, int | None]
    tasks: dict[str, Task]

    if TYPE_CHECKING:
        def _settle(self) -> None: ...
        def _remove(self, image: Image) -> None: ...
        def _start_import_task(self, caller: Caller, image: Image,
                               import_req: Mapping[str, Any], request_id: str | None
                               ) -> str: ...
        def _end_import_task(self, task_id: str | None, size: int | None,
                             due: float | None) -> None: ...

    def _now(self) -> datetime:
        return self.cloud.clock.now()

    # -- who is asking ---------------------------------------------------------------------

    def roles_of(self, caller: Caller) -> frozenset[str]:
        """The caller's role names: its own `roles` if it carries them, else its user's
        effective roles on its project (what its token carries), else `member` and
        `reader` for a caller the identity service does not know (a Python caller), plus
        `admin` when it is an admin."""
        given = getattr(caller, "roles", None)
        if given is not None:
            return frozenset(r.lower() for r in given)
        identity = self.cloud.identity
        names: set[str] = set()
        if caller.user_id in identity.users:
            for role_id in identity.effective_role_ids(caller.user_id, "project",
                                                       caller.project_id):
                role = identity.roles.get(role_id)
                if role is not None:
                    names.add(role.name.lower())
        else:
            names.update(("member", "reader"))
        if caller.is_admin:
            names.add("admin")
        return frozenset(names)

    def is_admin(self, caller: Caller) -> bool:
        """`context.is_admin`: the caller has the admin role."""
        return caller.is_admin or "admin" in self.roles_of(caller)

    # -- visibility and policy -------------------------------------------------------------

    def _visible(self, caller: Caller, image: Image, *, admin: bool | None = None) -> bool:
        """`db.utils.is_image_visible`: admins see all; ownerless, public and community
        images are seen by all; owners see theirs; members (in any status) a shared one."""
        if admin if admin is not None else self.is_admin(caller):
            return True
        if image.owner is None or image.visibility in ("public", "community"):
            return True
        if image.owner == caller.project_id:
            return True
        return image.visibility == "shared" and caller.project_id in image.members

    def _target(self, caller: Caller, image: Image) -> Target:
        member = (caller.project_id if image.visibility == "shared"
                  and caller.project_id != image.owner else None)
        return Target(owner=image.owner, visibility=image.visibility, member_id=member)

    def _passes(self, caller: Caller, rule: str, image: Image) -> bool:
        return allowed(rule, self.roles_of(caller), caller.project_id,
                       self._target(caller, image))

    def _enforce(self, caller: Caller, rule: str, image: Image) -> None:
        """`ImageAPIPolicy._enforce`: a refusal is a 404 when the caller may not even read
        the image, else a 403 naming the rule.

        Raises:
            NotFound: The caller fails `get_image` too.
            Forbidden: "You are not authorized to complete <rule> action."
        """
        if self._passes(caller, rule, image):
            return
        if rule == "get_image" or not self._passes(caller, "get_image", image):
            raise NotFound()
        raise policy_forbidden(rule)

    def _lookup(self, caller: Caller, image_id: str, message: str | None = None) -> Image:
        """The image, settled, if it exists and the caller may see it (`ImageRepo.get`).

        Raises:
            NotFound: `message`, by default "No image found with ID <id>".
        """
        self._settle()
        image = self.images.get(image_id)
        if image is None or not self._visible(caller, image):
            raise NotFound(message or f"No image found with ID {image_id}")
        return image

    def _touch(self, image: Image) -> None:
        image.updated_at = self._now()
