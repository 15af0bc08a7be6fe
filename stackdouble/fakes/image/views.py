"""The JSON the fake Glance answers with, as Glance's serializers write it.

* An image is `ResponseSerializer._format_image` (`glance/api/v2/images.py`): its extra
  properties first (`os_glance_stage_host` and `os_glance_hash_op_host` hidden), then
  `name`, `disk_format`, `container_format`, `visibility`, `size`, `virtual_size`,
  `status`, `checksum`, `protected`, `min_ram`, `min_disk`, `owner`, `os_hidden`,
  `os_hash_algo`, `os_hash_value`, `id`, `created_at`, `updated_at`, `tags`, then the
  relative links `self`, `file` and `schema`. Times are whole seconds with a `Z`.
* A listing is `{"images": [...], "first": "/v2/images?<query>", "schema":
  "/v2/schemas/images"}` with `"next": "/v2/images?<query>&marker=<id>"` when the page
  was full; both links repeat the request's query (`marker` left out, one value a key).
* Images and members are written with `ensure_ascii=False` (UTF-8 on the wire); the
  schemas and the version list with Python's defaults.
* A task is `tasks.ResponseSerializer._format_task` (`get`, `create`: with `input`,
  `result`, `message`, and `image_id`, `request_id`, `user_id`, `expires_at` when set) or
  `_format_task_stub` (a listing); times as images'. An image's tasks
  (`GET /v2/images/{id}/tasks`) are the database's records (`_task_format`) as the default
  JSON serializer writes them: with `deleted` and `deleted_at`, and times in oslo's
  `PERFECT_TIME_FORMAT`, microseconds and no zone (`2026-12-07T02:13:23.101437`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from stackdouble.fakes.data import load_json
from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.image.models import Image, Member, Task

if TYPE_CHECKING:
    from stackdouble.fakes.image.models import ImageModel

__all__ = [
    "VERSIONS",
    "image",
    "image_list",
    "image_schema",
    "images_schema",
    "import_info",
    "isotime",
    "json_response",
    "member",
    "member_list",
    "member_schema",
    "members_schema",
    "state",
    "task",
    "task_list",
    "task_properties",
    "task_record",
    "task_schema",
    "task_stub",
    "tasks_schema",
    "versions",
]

#: The API versions a single-store Glance with an image cache directory lists
#: (`glance/api/versions.py`), in its order: (id, status).
VERSIONS: tuple[tuple[str, str], ...] = (
    ("v2.18", "CURRENT"), ("v2.17", "SUPPORTED"), ("v2.16", "SUPPORTED"),
    ("v2.15", "SUPPORTED"), ("v2.14", "SUPPORTED"), ("v2.9", "SUPPORTED"),
    ("v2.7", "SUPPORTED"), ("v2.6", "SUPPORTED"), ("v2.5", "SUPPORTED"),
    ("v2.4", "SUPPORTED"), ("v2.3", "SUPPORTED"), ("v2.2", "SUPPORTED"),
    ("v2.1", "SUPPORTED"), ("v2.0", "SUPPORTED"),
)
_HIDDEN = frozenset({"os_glance_stage_host", "os_glance_hash_op_host"})
_ATTRIBUTES = ("name", "disk_format", "container_format", "visibility", "size", "virtual_size",
               "status", "checksum", "protected", "min_ram", "min_disk", "owner", "os_hidden",
               "os_hash_algo", "os_hash_value")


def isotime(when: datetime) -> str:
    """`glance.common.timeutils.isotime`: whole seconds, UTC, with a `Z`.

    Example:
        >>> isotime(datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=timezone.utc))
        '2026-01-02T03:04:05Z'
    """
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_response(status: int, value: Any, *, ascii_only: bool = False,
                  headers: Sequence[tuple[str, str]] = ()) -> FakeResponse:
    """A JSON answer, `application/json`; UTF-8 unless `ascii_only`."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    return FakeResponse(status, text.encode("utf-8"),
                        [("Content-Type", "application/json"), *headers])


def image(img: Image) -> dict[str, Any]:
    """One image."""
    view: dict[str, Any] = {k: v for k, v in img.properties.items() if k not in _HIDDEN}
    for key in _ATTRIBUTES:
        view[key] = getattr(img, key)
    view["id"] = img.id
    view["created_at"] = isotime(img.created_at)
    view["updated_at"] = isotime(img.updated_at)
    view["tags"] = list(img.tags)
    view["self"] = f"/v2/images/{img.id}"
    view["file"] = f"/v2/images/{img.id}/file"
    view["schema"] = "/v2/schemas/image"
    return view


def image_list(images: Sequence[Image], params: Mapping[str, str],
               next_marker: str | None) -> dict[str, Any]:
    """A page of images with its `first` (and `next`) links; `params` is the request's
    query, one (the last) value a key, in order."""
    query = {k: v for k, v in params.items() if k != "marker"}
    body: dict[str, Any] = {"images": [image(i) for i in images], "first": "/v2/images",
                            "schema": "/v2/schemas/images"}
    if query:
        body["first"] = f"/v2/images?{urlencode(query)}"
    if next_marker is not None:
        body["next"] = f"/v2/images?{urlencode({**query, 'marker': next_marker})}"
    return body


def member(m: Member) -> dict[str, Any]:
    """One membership (`image_members.ResponseSerializer._format_image_member`)."""
    return {"member_id": m.member_id, "image_id": m.image_id, "status": m.status,
            "created_at": isotime(m.created_at), "updated_at": isotime(m.updated_at),
            "schema": "/v2/schemas/member"}


def member_list(members: Sequence[Member]) -> dict[str, Any]:
    """Memberships, with the collection's schema link."""
    return {"members": [member(m) for m in members], "schema": "/v2/schemas/members"}


def task(t: Task) -> dict[str, Any]:
    """One task, in full (`_format_task`)."""
    view: dict[str, Any] = {
        "id": t.id, "input": t.input, "type": t.type, "status": t.status, "owner": t.owner,
        "message": t.message, "result": t.result, "created_at": isotime(t.created_at),
        "updated_at": isotime(t.updated_at), "self": f"/v2/tasks/{t.id}",
        "schema": "/v2/schemas/task"}
    for key in ("image_id", "request_id", "user_id"):
        if getattr(t, key):
            view[key] = getattr(t, key)
    if t.expires_at is not None:
        view["expires_at"] = isotime(t.expires_at)
    return view


def task_stub(t: Task) -> dict[str, Any]:
    """One task in a listing (`_format_task_stub`)."""
    view: dict[str, Any] = {
        "id": t.id, "type": t.type, "status": t.status, "owner": t.owner,
        "created_at": isotime(t.created_at), "updated_at": isotime(t.updated_at),
        "self": f"/v2/tasks/{t.id}", "schema": "/v2/schemas/task"}
    if t.expires_at is not None:
        view["expires_at"] = isotime(t.expires_at)
    return view


def task_list(tasks: Sequence[Task], params: Mapping[str, str],
              next_marker: str | None) -> dict[str, Any]:
    """A page of tasks with its `first` (and `next`) links, as `image_list`."""
    query = {k: v for k, v in params.items() if k != "marker"}
    body: dict[str, Any] = {"tasks": [task_stub(t) for t in tasks], "first": "/v2/tasks",
                            "schema": "/v2/schemas/tasks"}
    if query:
        body["first"] = f"/v2/tasks?{urlencode(query)}"
    if next_marker is not None:
        body["next"] = f"/v2/tasks?{urlencode({**query, 'marker': next_marker})}"
    return body


def _db_time(when: datetime | None) -> str | None:
    """oslo's `PERFECT_TIME_FORMAT`, naive UTC (`jsonutils.to_primitive`)."""
    if when is None:
        return None
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def task_record(t: Task) -> dict[str, Any]:
    """One task as the database formats it (`_task_format`), for `GET
    /v2/images/{id}/tasks` (wrapped in `{"tasks": [...]}`)."""
    return {"id": t.id, "type": t.type, "status": t.status, "owner": t.owner,
            "expires_at": _db_time(t.expires_at), "created_at": _db_time(t.created_at),
            "updated_at": _db_time(t.updated_at), "deleted_at": _db_time(t.deleted_at),
            "deleted": t.deleted, "image_id": t.image_id, "request_id": t.request_id,
            "user_id": t.user_id, "input": t.input, "result": t.result,
            "message": t.message}


def versions(root: str) -> dict[str, Any]:
    """The version list at `root` (`{base}/image`), each linking to `{root}/v2/`."""
    href = root.rstrip("/") + "/v2/"
    return {"versions": [{"id": vid, "status": status,
                          "links": [{"rel": "self", "href": href}]}
                         for vid, status in VERSIONS]}


def import_info(methods: Sequence[str]) -> dict[str, Any]:
    """`GET /v2/info/import`."""
    return {"import-methods": {"description": "Import methods available.", "type": "array",
                               "value": list(methods)}}


# -- schemas ----------------------------------------------------------------------------------


def _properties(kind: str) -> dict[str, Any]:
    props: dict[str, Any] = load_json("stackdouble.fakes.image", "schemas.json")[kind]
    return props


def image_schema() -> dict[str, Any]:
    """`GET /v2/schemas/image` (`PermissiveSchema.raw()`): also what bodies are checked
    against."""
    return {"name": "image", "properties": _properties("image_properties"),
            "additionalProperties": {"type": "string"},
            "links": [{"rel": "self", "href": "{self}"}, {"rel": "enclosure", "href": "{file}"},
                      {"rel": "describedby", "href": "{schema}"}]}


def images_schema() -> dict[str, Any]:
    """`GET /v2/schemas/images` (`CollectionSchema.raw()`)."""
    return {"name": "images",
            "properties": {"images": {"type": "array", "items": image_schema()},
                           "first": {"type": "string"}, "next": {"type": "string"},
                           "schema": {"type": "string"}},
            "links": [{"rel": "first", "href": "{first}"}, {"rel": "next", "href": "{next}"},
                      {"rel": "describedby", "href": "{schema}"}]}


def member_schema() -> dict[str, Any]:
    """`GET /v2/schemas/member` (`Schema.minimal()`)."""
    return {"name": "member", "properties": _properties("member_properties")}


def members_schema() -> dict[str, Any]:
    """`GET /v2/schemas/members` (`CollectionSchema.minimal()`)."""
    return {"name": "members",
            "properties": {"members": {"type": "array", "items": member_schema()},
                           "schema": {"type": "string"}},
            "links": [{"rel": "describedby", "href": "{schema}"}]}


def task_properties() -> dict[str, Any]:
    """The task schema's properties (`tasks._TASK_SCHEMA`)."""
    return _properties("task_properties")


def task_schema() -> dict[str, Any]:
    """`GET /v2/schemas/task` (`Schema.minimal()`)."""
    return {"name": "task", "properties": task_properties()}


def tasks_schema() -> dict[str, Any]:
    """`GET /v2/schemas/tasks` (`CollectionSchema.minimal()` of the task without `input`,
    `result` and `message`)."""
    partial = {k: v for k, v in task_properties().items()
               if k not in ("input", "result", "message")}
    return {"name": "tasks",
            "properties": {"tasks": {"type": "array",
                                     "items": {"name": "task", "properties": partial}},
                           "schema": {"type": "string"}},
            "links": [{"rel": "describedby", "href": "{schema}"}]}


# -- state ------------------------------------------------------------------------------------


def state(model: ImageModel) -> dict[str, Any]:
    """`ImageModel.dump()`: the options, every image without its bytes, and every task."""
    config = model.config
    return {
        "config": {"image_size_cap": config.image_size_cap,
                   "user_storage_quota": config.user_storage_quota,
                   "image_member_quota": config.image_member_quota,
                   "image_property_quota": config.image_property_quota,
                   "image_tag_quota": config.image_tag_quota,
                   "limit_param_default": config.limit_param_default,
                   "api_limit_max": config.api_limit_max,
                   "import_methods": list(config.import_methods),
                   "import_time": config.import_time,
                   "web_download_hosts": list(config.web_download_hosts)},
        "images": [
            {**image(i), "staged_size": i.staged.size if i.staged is not None else None,
             "members": [{"member_id": m.member_id, "status": m.status,
                          "updated_at": isotime(m.updated_at)}
                         for m in i.members.values()]}
            for i in model.images.values()],
        "deleted_ids": sorted(model._deleted_ids),
        "tasks": [task_record(t) for t in model.tasks.values()],
    }
