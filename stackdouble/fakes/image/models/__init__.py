"""The fake Glance's state and rules: images, their data, tags and members.

`ImageModel` (`cloud.image`) holds everything and enforces Glance's rules, raising
`GlanceError`s with Glance's messages; it never builds JSON (that is `views`). Every public
method is also the Python API other fakes and tests use:

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=3)
    >>> glance = cloud.image
    >>> demo = glance.caller_for(cloud.project_id("demo"))
    >>> image = glance.create_image(demo, name="tiny", disk_format="raw",
    ...                             container_format="bare")
    >>> image.status, image.visibility
    ('queued', 'shared')
    >>> image = glance.upload(demo, image.id, b"hello")
    >>> image.status, image.size, image.checksum
    ('active', 5, '5d41402abc4b2a76b9719d911017c592')
    >>> [i.name for i in glance.images_named(demo, "cirros-0.6.2-x86_64-disk")]
    ['cirros-0.6.2-x86_64-disk']

The state and rules live one resource a module, as mixins composed here (as the client's
`image/v2/<resource>` packages): `images` (images, listing, JSON-patch, tags, deactivation),
`imagedata` (upload, download, stage and import), `members` and `tasks` (the
import's tasks and the tasks API), with the shared state and
Glance's visibility and policies in `_common` and `policy`, and the data format checks in
`formats`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedKeyList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.data import load_json
from stackdouble.fakes.image.models._common import (
    CONTAINER_FORMATS,
    DISK_FORMATS,
    HASH_ALGO,
    IMAGE_STATUSES,
    Blob,
    GlanceConfig,
    Image,
    Member,
)
from stackdouble.fakes.image.models.imagedata import (
    ImageDataMixin,
    SeededData,
    StoredData,
    qcow2_header,
)
from stackdouble.fakes.image.models.images import (
    DEFAULT_SORT,
    SORT_KEYS,
    Change,
    ImageQuery,
    ImagesMixin,
    created_key,
)
from stackdouble.fakes.image.models.members import MEMBER_STATUSES, MembersMixin
from stackdouble.fakes.image.models.tasks import TASK_STATUSES, Task, TaskQuery, TasksMixin
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "CONTAINER_FORMATS",
    "DEFAULT_SORT",
    "DISK_FORMATS",
    "IMAGE_STATUSES",
    "MEMBER_STATUSES",
    "SORT_KEYS",
    "TASK_STATUSES",
    "Blob",
    "Caller",
    "Change",
    "GlanceConfig",
    "Image",
    "ImageModel",
    "ImageQuery",
    "Member",
    "SeededData",
    "StoredData",
    "Task",
    "TaskQuery",
]

#: When the seeded images were uploaded (the fake Nova's images have the same date).
SEED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)


class ImageModel(ImagesMixin, ImageDataMixin, MembersMixin, TasksMixin):
    """All of the fake Glance's state, and the Python API to steer it.

    The methods come from one mixin per resource (`models/<resource>.py`); every piece of
    state they share is set here, in `__init__`, and declared in `_common._ModelBase`.

    Attributes:
        config: The Glance options in force (`GlanceConfig`); change them with `configure`.
        images: Every image by id (deleted ones are gone).
        tasks: Every task by id (`models/tasks.py`), soft-deleted ones included.
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.config = GlanceConfig()
        self.images: dict[str, Image] = {}
        self._order = SortedKeyList(key=created_key)
        self._deleted_ids: set[str] = set()
        self._importing: set[str] = set()
        self._downloads: dict[str, str] = {}
        self._unchecked: dict[str, int | None] = {}
        self.tasks: dict[str, Task] = {}

    @locked
    def configure(self, **options: Any) -> GlanceConfig:
        """Change Glance options (`image_size_cap`, `user_storage_quota`,
        `image_member_quota`, `image_property_quota`, `image_tag_quota`,
        `limit_param_default`, `api_limit_max`, `import_methods`, `import_time`,
        `web_download_hosts`).

        Raises:
            TypeError: An unknown option.
            ValueError: A value out of range.

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> FakeCloud().image.configure(image_size_cap=1024).image_size_cap
            1024
        """
        self.config = self.config.replaced(**options)
        return self.config

    # -- seed data -------------------------------------------------------------------------

    @locked
    def load_defaults(self) -> None:
        """Load the seeded public images (`data/images.json`), owned by the admin project."""
        try:
            owner: str | None = self.cloud.project_id("admin")
        except LookupError:
            owner = None
        for raw in load_json("stackdouble.fakes.image", "images.json")["images"]:
            image = Image(
                id=raw["id"], name=raw["name"], status="active", visibility="public",
                owner=owner, created_at=SEED_TIME, updated_at=SEED_TIME,
                min_disk=raw["min_disk"], min_ram=raw["min_ram"],
                disk_format=raw["disk_format"], container_format=raw["container_format"],
                size=raw["size"], virtual_size=raw["virtual_size"],
                checksum=raw["checksum"], os_hash_algo=HASH_ALGO,
                os_hash_value=raw["os_hash_value"], properties=dict(raw["properties"]),
                data=SeededData(qcow2_header(raw["virtual_size"]), raw["size"]))
            self.images[image.id] = image
            self._order.add(image)

    @locked
    def create_images(self, project_id: str, count: int, *, name: str = "image",
                      data: bytes | None = None) -> list[Image]:
        """Create `count` images of a project at once (for benches and big tests), named
        `<name>-<n>` and created a microsecond apart (`<name>-1` first, so listed last);
        `queued`, or `active` raw images all holding the same `data` (not copied).

        Raises:
            ValueError: A negative count.
        """
        if count < 0:
            raise ValueError(f"count must be >= 0, not {count}")
        caller = self.caller_for(project_id)
        blob = StoredData((data,), len(data)) if data is not None else None
        digest = (hashlib.md5(data, usedforsecurity=False).hexdigest(),
                  hashlib.sha512(data).hexdigest()) if data is not None else (None, None)
        start = self.cloud.clock.now()
        out = []
        for index in range(count):
            image = self.create_image(caller, name=f"{name}-{index + 1}",
                                      disk_format="raw" if blob else None,
                                      container_format="bare" if blob else None)
            self._order.remove(image)
            image.created_at = image.updated_at = start + timedelta(microseconds=index)
            self._order.add(image)
            if blob is not None:
                image.data, image.size, image.virtual_size = blob, blob.size, blob.size
                image.checksum, image.os_hash_value = digest
                image.os_hash_algo, image.status = HASH_ALGO, "active"
            out.append(image)
        return out

    # -- callers ---------------------------------------------------------------------------

    def caller_for(self, project_id: str, *, is_admin: bool = False) -> Caller:
        """A caller in `project_id` (its first user with a role there), for Python use."""
        identity = self.cloud.identity
        user_id = "fake"
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                user_id = str(user.id)
                break
        return Caller(project_id=project_id, user_id=user_id, is_admin=is_admin)

    # -- dump ------------------------------------------------------------------------------

    @locked
    def dump(self) -> dict[str, Any]:
        """The image state as JSON-able data: images with sizes, never their bytes, and
        tasks."""
        from stackdouble.fakes.image import views

        self._settle_tasks()
        return views.state(self)
