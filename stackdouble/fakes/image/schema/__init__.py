"""Request validation of the fake Glance: its `RequestDeserializer`s.

Bodies are checked as Glance checks them: the image schema (`GET /v2/schemas/image`,
jsonschema's latest draft, `best_match` error, reported as "Provided object does not match
schema 'image': <jsonschema's message>"), then Glance's own rules: read-only attributes
(403), reserved names and the `os_glance` namespace (403), property names over 255
characters (400), and JSON-patch documents as `images.RequestDeserializer.update` parses
them (pointers, operations, the v2.0 and v2.1 media types). Query parsing is in `query`.

One deliberate difference: Glance checks read-only and reserved attributes of a new image
after its `add_image` policy; the fake checks them first (both answer 403).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.fakes.image import views
from stackdouble.fakes.image.errors import BadRequest, Forbidden
from stackdouble.fakes.image.models import Change
from stackdouble.fakes.image.models._common import RESERVED_NAMESPACE

__all__ = [
    "PATCH_TYPES",
    "ImageCreate",
    "check_image",
    "parse_create",
    "parse_import",
    "parse_member",
    "parse_member_status",
    "parse_patch",
    "parse_tag",
]

#: The JSON-patch media types and their JSON Schema draft (`RequestDeserializer.update`).
PATCH_TYPES: Mapping[str, int] = {
    "application/openstack-images-v2.0-json-patch": 4,
    "application/openstack-images-v2.1-json-patch": 10,
}
_DISALLOWED = ("direct_url", "self", "file", "schema", "stores")
_READONLY_PATCH = ("created_at", "updated_at", "status", "checksum", "size", "virtual_size",
                   "direct_url", "self", "file", "schema", "id", "os_hash_algo",
                   "os_hash_value")
_READONLY_CREATE = ("created_at", "updated_at", "status", "checksum", "os_hash_algo",
                    "os_hash_value", "size", "virtual_size")
_RESERVED = ("location", "deleted", "deleted_at")
_BASE = ("checksum", "created_at", "container_format", "disk_format", "id", "min_disk",
         "min_ram", "name", "size", "virtual_size", "status", "tags", "owner", "updated_at",
         "visibility", "protected", "os_hidden")
_OPERATIONS = ("add", "remove", "replace")
_ADJACENT = re.compile(r"/\s*?/")
_BAD_TILDE = re.compile(r"~[^01]")


@functools.cache
def _validator() -> Any:
    """A validator of the image schema, as `jsonschema.validate` picks it (its latest
    draft); jsonschema is imported on first use."""
    from jsonschema import validators  # type: ignore[import-untyped,unused-ignore]

    schema = views.image_schema()
    return validators.validator_for(schema)(schema)


def check_image(value: Any) -> None:
    """Check `value` against the image schema (`glance.schema.Schema.validate`).

    Raises:
        BadRequest: "Provided object does not match schema 'image': <reason>".
    """
    from jsonschema.exceptions import best_match  # type: ignore[import-untyped,unused-ignore]

    error = best_match(_validator().iter_errors(value))
    if error is None:
        return
    try:
        reason = str(error)
    except RecursionError:  # Glance's str() of a deeply nested value fails with a 500
        path = "".join(f"[{p!r}]" for p in error.relative_schema_path)
        reason = f"Failed validating {error.validator!r} in schema{path}"
    raise BadRequest(f"Provided object does not match schema 'image': {reason}")


@dataclass(frozen=True, slots=True)
class ImageCreate:
    """A parsed `POST /v2/images` body: Glance's base attributes, the extra properties and
    the tags (`RequestDeserializer.create`)."""

    base: dict[str, Any] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


def parse_create(body: Any) -> ImageCreate:
    """The body of an image create.

    Raises:
        Forbidden: A read-only attribute, or a reserved name.
        BadRequest: Not an object, a schema violation, or a property name over 255
            characters.
    """
    if not isinstance(body, dict):
        raise BadRequest()
    for key in _DISALLOWED:
        if key in body:
            raise Forbidden(f"Attribute '{key}' is read-only.")
    check_image(body)
    props = dict(body)
    tags = list(props.pop("tags", []))
    base = {key: props.pop(key) for key in _BASE if key in props}
    for key in props:
        if len(key) > 255:
            raise BadRequest("Custom property should not be greater than 255 characters.")
        if key in _RESERVED or key.startswith(RESERVED_NAMESPACE):
            raise Forbidden(detail=f"Attribute '{key}' is reserved.")
    for key in _READONLY_CREATE:
        if key in base:
            raise Forbidden(f"Attribute '{key}' is read-only.")
    return ImageCreate(base=base, properties=props, tags=tags)


# -- JSON-patch ---------------------------------------------------------------------------


def _pointer(pointer: Any) -> tuple[str, ...]:
    """`_decode_json_pointer`, with `_validate_json_pointer`'s checks."""
    if not isinstance(pointer, str) or not pointer.startswith("/"):
        raise BadRequest(f'Pointer `{pointer}` does not start with "/".')
    if _ADJACENT.search(pointer[1:]):
        raise BadRequest(f'Pointer `{pointer}` contains adjacent "/".')
    if len(pointer) > 1 and pointer.endswith("/"):
        raise BadRequest(f'Pointer `{pointer}` end with "/".')
    if pointer[1:].strip() == "/":
        raise BadRequest(f"Pointer `{pointer}` does not contains valid token.")
    if _BAD_TILDE.search(pointer) or pointer.endswith("~"):
        raise BadRequest(f'Pointer `{pointer}` contains "~" not part of a recognized '
                         "escape sequence.")
    return tuple(part.replace("~1", "/").replace("~0", "~").strip()
                 for part in pointer.lstrip("/").split("/"))


def _operation(raw: dict[str, Any], draft: int) -> tuple[str, Any]:
    available = ", ".join(_OPERATIONS)
    if draft == 10:
        op = raw.get("op")
        if op is None:
            raise BadRequest(f"Unable to find `op` in JSON Schema change. It must be one of "
                             f"the following: {available}.")
        if not isinstance(op, str) or op not in _OPERATIONS:
            raise BadRequest(f"Invalid operation: `{op}`. It must be one of the following: "
                             f"{available}.")
        if "path" not in raw:
            raise BadRequest("Unable to find 'path' in JSON Schema change")
        return op, raw["path"]
    found = [key for key in _OPERATIONS if key in raw]
    if len(found) > 1:
        raise BadRequest('Operation objects must contain only one member named "add", '
                         '"remove", or "replace".')
    if not found:
        raise BadRequest('Operation objects must contain exactly one member named "add", '
                         '"remove", or "replace".')
    return found[0], raw[found[0]]


def _check_change(change: Change) -> None:
    """`_validate_change`: read-only and reserved attributes, then the value against the
    schema."""
    root = change.path[0]
    if root in _READONLY_PATCH:
        raise Forbidden(f"Attribute '{root}' is read-only.")
    if root in _RESERVED or root.startswith(RESERVED_NAMESPACE):
        raise Forbidden(f"Attribute '{root}' is reserved.")
    if change.op == "remove":
        return
    if len(change.path) == 1:
        check_image({root: change.value})
    elif root in ("tags", "locations"):
        check_image({root: [change.value]})


def parse_patch(body: Any, draft: int) -> list[Change]:
    """The operations of a JSON-patch body (`RequestDeserializer.update`).

    Raises:
        BadRequest: Not a list of operation objects, a bad operation or pointer, a path
            too deep, a missing value, or a value the schema refuses.
        Forbidden: A read-only or reserved attribute.
    """
    if not isinstance(body, list):
        raise BadRequest("Request body must be a JSON array of operation objects.")
    changes: list[Change] = []
    for raw in body:
        if not isinstance(raw, dict):
            raise BadRequest("Operations must be JSON objects.")
        op, pointer = _operation(raw, draft)
        path = _pointer(pointer)
        depth = {"add": 2, "remove": 2, "replace": 1}[op] if path[0] == "locations" else 1
        if len(path) != depth:
            raise BadRequest(f"Invalid JSON pointer for this resource: '/{'/'.join(path)}'")
        if op != "remove" and "value" not in raw:
            raise BadRequest(f'Operation "{op}" requires a member named "value".')
        change = Change(op=op, path=path, value=raw.get("value") if op != "remove" else None,
                        draft=draft)
        _check_change(change)
        changes.append(change)
    return changes


# -- tags, members, import ------------------------------------------------------------------


def parse_tag(tag: str) -> str:
    """A tag from the URL, checked against the schema's `tags` items (255 characters)."""
    check_image({"tags": [tag]})
    return tag


def parse_member(body: Any) -> str:
    """The member of `POST /v2/images/{id}/members` (`{"member": "<project>"}`).

    Raises:
        BadRequest: "Member to be added not specified", "Member can't be empty", or not
            `{"member": "<id>"}`.
    """
    if not isinstance(body, dict):
        raise BadRequest('Expected a member in the form: {"member": "image_id"}')
    if "member" not in body:
        raise BadRequest("Member to be added not specified")
    member = body["member"]
    if not member:
        raise BadRequest("Member can't be empty")
    if not isinstance(member, str):
        raise BadRequest('Expected a member in the form: {"member": "image_id"}')
    return member


def parse_member_status(body: Any) -> Any:
    """The status of `PUT /v2/images/{id}/members/{member}` (checked by the model).

    Raises:
        BadRequest: "Status not specified", or not `{"status": "<status>"}`.
    """
    if not isinstance(body, dict):
        raise BadRequest('Expected a status in the form: {"status": "status"}')
    if "status" not in body:
        raise BadRequest("Status not specified")
    return body["status"]


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """A parsed `POST /v2/images/{id}/import` body."""

    method: str
    uri: Any = None
    all_stores_must_succeed: bool = True


def parse_import(body: Any, enabled: tuple[str, ...]) -> ImportRequest:
    """The body of an import (`_validate_import_body`).

    Raises:
        BadRequest: No method or name, a method this Glance does not enable, or a
            non-boolean `all_stores_must_succeed`/`all_stores`.
    """
    method = body.get("method") if isinstance(body, dict) else None
    if not isinstance(body, dict) or "method" not in body:
        raise BadRequest("Import request requires a 'method' field.")
    if not isinstance(method, dict) or "name" not in method:
        raise BadRequest("Import request requires a 'name' field.")
    name = method["name"]
    if not isinstance(name, str) or name not in enabled:
        raise BadRequest(f"Unknown import method name '{name}'.")
    must = body.get("all_stores_must_succeed", True)
    if not isinstance(must, bool):
        raise BadRequest("'all_stores_must_succeed' must be boolean value only")
    if not isinstance(body.get("all_stores", False), bool):
        raise BadRequest("'all_stores' must be boolean value only")
    return ImportRequest(method=name, uri=method.get("uri"), all_stores_must_succeed=must)
