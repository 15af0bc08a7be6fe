"""Request parsing of the fake Glance's tasks API (`tasks.RequestDeserializer`).

The listing's query is read as webob's `MultiDict` is: `limit`, `marker`, `sort_dir` and
`sort_key` are popped (the first value of each; a repeated one stays behind as a filter,
which the database ignores), `status` and `type` are checked with their last value, and
every other pair is a filter. `type` only knows the legacy `import` (so
`type=api_image_import` is refused, although imports create tasks of that type). A body for
`POST /v2/tasks` needs `type` and `input` and must match the task schema
(`additionalProperties: false`).

One deliberate difference: a body that is a list holding both "type" and "input" gets a 400
where Glance fails with a 500.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from stackdouble.fakes.image import views
from stackdouble.fakes.image.errors import BadRequest
from stackdouble.fakes.image.models import TASK_STATUSES, TaskQuery
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = ["TaskCreate", "check_task", "parse_task_create", "parse_task_list"]

_REQUIRED = ("type", "input")


@dataclass(frozen=True, slots=True)
class TaskCreate:
    """A parsed `POST /v2/tasks` body."""

    type: str
    input: dict[str, Any] | None


def _pop_first(pairs: list[tuple[str, str]], key: str) -> str | None:
    """`MultiDict.pop`: remove and return the first value of `key`."""
    for index, (name, value) in enumerate(pairs):
        if name == key:
            del pairs[index]
            return value
    return None


def _last(pairs: list[tuple[str, str]], key: str) -> str | None:
    """`MultiDict.get`: the last value of `key`."""
    found = None
    for name, value in pairs:
        if name == key:
            found = value
    return found


def parse_task_list(given: list[tuple[str, str]]) -> TaskQuery:
    """The listing a query asks for (`RequestDeserializer.index`).

    Raises:
        BadRequest: A bad sort direction, status, type, marker or limit.

    Example:
        >>> parse_task_list([("limit", "1"), ("status", "success")]).filters
        (('status', 'success'),)
    """
    pairs = list(given)
    limit_text = _pop_first(pairs, "limit")
    marker = _pop_first(pairs, "marker")
    sort_dir = _pop_first(pairs, "sort_dir")
    sort_dir = "desc" if sort_dir is None else sort_dir
    sort_key = _pop_first(pairs, "sort_key")
    if sort_dir not in ("asc", "desc"):
        raise BadRequest(f"Invalid sort direction: {sort_dir}")
    status = _last(pairs, "status")
    if status and status not in TASK_STATUSES:
        raise BadRequest(f"Invalid status value: {status}")
    task_type = _last(pairs, "type")
    if task_type and task_type != "import":
        raise BadRequest(f"Invalid type value: {task_type}")
    if marker and not is_uuid_like(marker):
        raise BadRequest("Invalid marker format")
    limit: int | None = None
    if limit_text is not None:
        try:
            limit = int(limit_text)
        except ValueError:
            raise BadRequest("limit param must be an integer") from None
        if limit < 0:
            raise BadRequest("limit param must be positive")
    return TaskQuery(limit=limit, marker=marker, sort_dir=sort_dir,
                     sort_key="created_at" if sort_key is None else sort_key,
                     filters=tuple(pairs))


@functools.cache
def _validator() -> Any:
    """A validator of the task schema as `Schema.raw()` gives it (no extra keys)."""
    from jsonschema import validators  # type: ignore[import-untyped,unused-ignore]

    schema = {"name": "task", "properties": views.task_properties(),
              "additionalProperties": False}
    return validators.validator_for(schema)(schema)


def check_task(value: Any) -> None:
    """Check `value` against the task schema (`glance.schema.Schema.validate`).

    Raises:
        BadRequest: "Provided object does not match schema 'task': <reason>".
    """
    from jsonschema.exceptions import best_match  # type: ignore[import-untyped,unused-ignore]

    error = best_match(_validator().iter_errors(value))
    if error is None:
        return
    try:
        reason = str(error)
    except RecursionError:
        path = "".join(f"[{p!r}]" for p in error.relative_schema_path)
        reason = f"Failed validating {error.validator!r} in schema{path}"
    raise BadRequest(f"Provided object does not match schema 'task': {reason}")


def parse_task_create(body: Any) -> TaskCreate:
    """The body of `POST /v2/tasks` (`RequestDeserializer.create`).

    Raises:
        BadRequest: "Task 'type' is required", "Task 'input' is required", or a schema
            violation.
    """
    for key in _REQUIRED:
        if key not in body:
            raise BadRequest(f"Task '{key}' is required")
    if not isinstance(body, dict):
        raise BadRequest()
    check_task(body)
    return TaskCreate(type=body["type"], input=body["input"])
