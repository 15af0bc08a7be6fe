"""Glance tasks: the records of asynchronous work (`glance/domain/__init__.py` `Task`,
`glance/db/sqlalchemy/api.py` `task_*`, `glance/api/v2/tasks.py`).

An import (`POST /v2/images/{id}/import`) creates a task of type `api_image_import` owned by
the caller's project, with the import request as its `input` (`{"image_id", "import_req",
"backend": [None]}`) and the request's id. On the fake clock it is `pending` at the instant
of the import, `processing` once the clock has moved on (Glance's executor picks it up at
once), and when the import finishes (`config.import_time` later: its `updated_at`, however
late the fake looks) `success` with `result` `{"image_id": ...}` and the message
`Copied <n> MiB`, or `failure` with the message `Task failed due to Internal Error` (what
`TaskExecutor._run` records for an exception from the flow: data that fails the checks, a
download that fails, an image deleted meanwhile).
A finished task expires `task_time_to_live` (48 hours) later; a listing then soft-deletes
the caller's project's expired tasks (`_task_soft_delete`), and they are gone from the
listings.

The tasks API (`GET`/`POST /v2/tasks`, `GET`/`DELETE /v2/tasks/{id}`) is behind the
`tasks_api_access` policy, `role:admin` by default; `GET /v2/images/{id}/tasks` needs only
`get_image` and shows the caller's project's tasks (an admin's: all). A task created through
the deprecated `POST /v2/tasks` fails as soon as it is picked up: Glance's legacy `import`
flow needs a `[task] work_dir`, which Glance leaves unset by default (the fake does not run
the other types either, a deliberate difference for a well-formed `api_image_import` or
`location_import` task).

Filters on the listing are equality on the task's columns (`status`, `type`, `owner`,
`image_id`, `user_id`, `request_id`, `id`); the fake matches nothing for a filter on a time
column (Glance hands the string to the database), and ignores keys that are no column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.image.errors import BadRequest, NotFound, policy_forbidden
from stackdouble.fakes.image.models._common import Image, _ModelBase
from stackdouble.fakes.image.models.policy import Target, allowed
from stackdouble.fakes.image.models.webdownload import allowed_uri
from stackdouble.fakes.locking import locked

__all__ = [
    "INTERNAL_ERROR",
    "TASK_COLUMNS",
    "TASK_STATUSES",
    "TASK_TIME_TO_LIVE",
    "TASK_TYPES",
    "Task",
    "TaskQuery",
    "TasksMixin",
]

#: `Task._supported_task_status`.
TASK_STATUSES = ("pending", "processing", "success", "failure")
#: `Task._supported_task_type`.
TASK_TYPES = ("import", "api_image_import", "location_import")
#: `[task] task_time_to_live`: how long a finished task is kept.
TASK_TIME_TO_LIVE = timedelta(hours=48)
#: The columns of Glance's `tasks` table: the valid sort keys, and the filterable keys.
TASK_COLUMNS = ("id", "type", "status", "owner", "expires_at", "created_at", "updated_at",
                "deleted_at", "deleted", "image_id", "request_id", "user_id")
#: The message `TaskExecutor._run` records when a flow raises.
INTERNAL_ERROR = "Task failed due to Internal Error"
_TIME_COLUMNS = frozenset({"expires_at", "created_at", "updated_at", "deleted_at"})


@dataclass(slots=True, eq=False)
class Task:
    """A task as Glance's `tasks` and `task_info` tables hold it.

    `doomed` is the failure message of a task the fake will not run (created through
    `POST /v2/tasks`), recorded when it is picked up.
    """

    id: str
    type: str
    status: str
    owner: str | None
    created_at: datetime
    updated_at: datetime
    input: Any
    image_id: str | None = None
    user_id: str | None = None
    request_id: str | None = None
    result: dict[str, Any] | None = None
    message: str = ""
    expires_at: datetime | None = None
    deleted: bool = False
    deleted_at: datetime | None = None
    doomed: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskQuery:
    """A parsed `GET /v2/tasks`: paging, sorting and the column filters (key, value)."""

    limit: int | None = None
    marker: str | None = None
    sort_key: str = "created_at"
    sort_dir: str = "desc"
    filters: tuple[tuple[str, str], ...] = field(default_factory=tuple)


class TasksMixin(_ModelBase):
    """Tasks, mixed into `ImageModel`."""

    # -- the tasks API ---------------------------------------------------------------------

    @locked
    def list_tasks(self, caller: Caller, query: TaskQuery | None = None
                   ) -> tuple[list[Task], str | None]:
        """One page of tasks (`GET /v2/tasks`), and the marker of the next page (None on
        the last page, or when the page is not full).

        Raises:
            Forbidden: `tasks_api_access` refused (not an admin).
            BadRequest: The marker is no task ("Task with the given id <id> was not
                found"), or the sort key is no column ("Sort key supplied was not valid.").
        """
        self._require_tasks_api(caller)
        query = query or TaskQuery()
        self._settle_tasks()
        admin = self.is_admin(caller)
        marker = None
        if query.marker is not None:
            marker = self.tasks.get(query.marker)
            if marker is None:
                raise BadRequest(f"Task with the given id {query.marker} was not found")
        if query.sort_key not in TASK_COLUMNS:
            raise BadRequest("Sort key supplied was not valid.")
        self._soft_delete_expired(caller)
        limit = min(self.config.api_limit_max,
                    self.config.limit_param_default if query.limit is None else query.limit)
        keys = [query.sort_key] + [k for k in ("created_at", "id") if k != query.sort_key]
        if query.sort_key == "id":
            keys = ["created_at", "id"]
        keep = _matcher(query.filters)
        found = [t for t in self.tasks.values() if not t.deleted and keep(t)
                 and (admin or t.owner == caller.project_id)]
        found.sort(key=lambda t: tuple(_null_first(getattr(t, k)) for k in keys),
                   reverse=query.sort_dir == "desc")
        if marker is not None:
            found = [t for t in found if _after(t, marker, keys, query.sort_dir)]
        page = found[:limit] if limit > 0 else []
        return page, (page[-1].id if page and len(page) == limit else None)

    @locked
    def show_task(self, caller: Caller, task_id: str) -> Task:
        """One task (`GET /v2/tasks/{task_id}`); an admin also sees a soft-deleted one.

        Raises:
            Forbidden: `tasks_api_access` refused.
            NotFound: "Task with the given id <id> was not found".
        """
        self._require_tasks_api(caller)
        self._settle_tasks()
        task = self.tasks.get(task_id)
        if task is None or (task.deleted and not self.is_admin(caller)):
            raise NotFound(f"Task with the given id {task_id} was not found")
        return task

    @locked
    def check_task_access(self, caller: Caller) -> None:
        """The caller passes `tasks_api_access`, which every call of the tasks API checks
        first (a `DELETE /v2/tasks/{task_id}` that passes it gets Glance's 405).

        Raises:
            Forbidden: "You are not authorized to complete tasks_api_access action."
        """
        self._require_tasks_api(caller)

    @locked
    def create_task(self, caller: Caller, task_type: str, task_input: Mapping[str, Any] | None,
                    *, request_id: str | None = None) -> Task:
        """Create a task through the deprecated `POST /v2/tasks`: `pending`, failing as soon
        as it is picked up (see the module's docstring). A legacy `import` needs an
        `import_from` URI that passes the import filters.

        Raises:
            Forbidden: `tasks_api_access` refused.
            BadRequest: An unknown type, or a bad `import_from`.
        """
        self._require_tasks_api(caller)
        if task_type not in TASK_TYPES:
            raise BadRequest(f"Provided type of task is unsupported: {task_type}")
        if task_type == "import":
            self._check_import_from((task_input or {}).get("import_from"))
        elif task_input is None:  # Glance: AttributeError, a 500
            raise BadRequest(f"Task input of type '{task_type}' must be an object.")
        image_id = (task_input or {}).get("image_id")
        now = self._now()
        task = Task(id=self.cloud.ids.uuid(), type=task_type, status="pending",
                    owner=caller.project_id or None, created_at=now, updated_at=now,
                    input=dict(task_input) if task_input is not None else None,
                    image_id=None if image_id is None else str(image_id),
                    user_id=caller.user_id or None, request_id=request_id,
                    doomed=INTERNAL_ERROR)
        self.tasks[task.id] = task
        return task

    @locked
    def image_tasks(self, caller: Caller, image_id: str) -> list[Task]:
        """The tasks of an image the caller may see (`GET /v2/images/{image_id}/tasks`): an
        admin's all, others their project's; expired ones left out.

        Raises:
            NotFound: No such image, or the caller may not `get_image` it (Glance's bare
                404).
        """
        try:
            image = self._lookup(caller, image_id)
            self._enforce(caller, "get_image", image)
        except NotFound:
            raise NotFound() from None
        self._settle_tasks()
        self._soft_delete_expired(caller)
        admin = self.is_admin(caller)
        now = self._now()
        return [t for t in self.tasks.values() if t.image_id == image.id
                and (t.expires_at is None or t.expires_at >= now)
                and (admin or not t.deleted)
                and (admin or t.owner is None or t.owner == caller.project_id)]

    # -- the import's task -----------------------------------------------------------------

    def _start_import_task(self, caller: Caller, image: Image, import_req: Mapping[str, Any],
                           request_id: str | None) -> str:
        """Record the `api_image_import` task of an import starting now; its id."""
        now = self._now()
        task = Task(id=self.cloud.ids.uuid(), type="api_image_import", status="pending",
                    owner=caller.project_id or None, created_at=now, updated_at=now,
                    input={"image_id": image.id, "import_req": dict(import_req),
                           "backend": [None]},
                    image_id=image.id, user_id=caller.user_id or None, request_id=request_id)
        self.tasks[task.id] = task
        return task.id

    def _end_import_task(self, task_id: str | None, size: int | None,
                         due: float | None) -> None:
        """The import of `task_id` ended at fake time `due` (now if None): it copied
        `size` bytes, or failed (None)."""
        task = self.tasks.get(task_id) if task_id is not None else None
        if task is None or task.status in ("success", "failure"):
            return
        at = self._now() if due is None else datetime.fromtimestamp(due, timezone.utc)
        at = max(at, task.created_at)
        if size is None:
            self._fail_task(task, INTERNAL_ERROR, at=at)
            return
        task.status = "success"
        task.result = {"image_id": task.image_id}
        task.message = f"Copied {size // 2**20} MiB"
        task.updated_at = at
        task.expires_at = at + TASK_TIME_TO_LIVE

    # -- helpers ---------------------------------------------------------------------------

    def _settle_tasks(self) -> None:
        """Settle the images, then pick up the tasks created before now: `processing`, or
        `failure` for a doomed one or an import whose image is gone."""
        self._settle()
        now = self._now()
        for task in self.tasks.values():
            if task.status == "pending" and now > task.created_at:
                task.status = "processing"
                if task.doomed is not None:
                    self._fail_task(task, task.doomed, at=task.created_at)
            if (task.status == "processing" and task.type == "api_image_import"
                    and task.doomed is None and task.image_id not in self.images):
                self._fail_task(task, INTERNAL_ERROR)

    def _fail_task(self, task: Task, message: str, *, at: datetime | None = None) -> None:
        task.status = "failure"
        task.message = message
        task.updated_at = at if at is not None else self._now()
        task.expires_at = task.updated_at + TASK_TIME_TO_LIVE

    def _soft_delete_expired(self, caller: Caller) -> None:
        """`_task_soft_delete`: the caller's project's expired tasks are deleted."""
        now = self._now()
        for task in self.tasks.values():
            if (task.owner == caller.project_id and not task.deleted
                    and task.expires_at is not None and task.expires_at <= now):
                task.deleted, task.deleted_at = True, now

    def _require_tasks_api(self, caller: Caller) -> None:
        project = caller.project_id
        if not allowed("tasks_api_access", self.roles_of(caller), project,
                       Target(owner=project, visibility="private")):
            raise policy_forbidden("tasks_api_access")

    def _check_import_from(self, uri: object) -> None:
        """`validate_legacy_import_from_uri`."""
        if not uri:
            raise BadRequest(f"Invalid location: {uri}")
        text = str(uri)
        if not isinstance(uri, str) or not text.startswith(("http://", "https://")):
            if text.startswith(("file:///", "filesystem:///")):
                raise BadRequest("File based imports are not allowed. Please use a non-local "
                                 "source of image data.")
            raise BadRequest("The given uri is not valid. Please specify a valid uri from "
                             "the following list of supported uri ['http']")
        if not allowed_uri(self.cloud, text, self.config.web_download_hosts):
            raise BadRequest(f"URI for legacy import task does not pass filtering: {text}")


def _null_first(value: Any) -> tuple[int, Any]:
    """A sort key putting NULL first, as SQL's ascending order does."""
    return (0, 0) if value is None else (1, value)


def _compare(value: Any, mark: Any) -> int | None:
    """SQL's comparison of a column with the marker's value (NULL given as ''); None when
    the column is NULL (neither below, equal nor above)."""
    if value is None:
        return None
    if mark is None:
        return 0 if value == "" else 1
    above: int = (value > mark) - (value < mark)
    return above


def _after(task: Task, marker: Task, keys: list[str], direction: str) -> bool:
    """`_paginate_query`'s criteria: the task comes after the marker in the order."""
    past = 1 if direction == "asc" else -1
    for key in keys:
        found = _compare(getattr(task, key), getattr(marker, key))
        if found is None:
            return False
        if found == past:
            return True
        if found != 0:
            return False
    return False


def _matcher(filters: tuple[tuple[str, str], ...]) -> Callable[[Task], bool]:
    """Every filter on a column must hold (equality); a time column matches nothing."""
    checks = [(k, v) for k, v in filters if k in TASK_COLUMNS and k != "deleted"]

    def keep(task: Task) -> bool:
        for key, value in checks:
            if key in _TIME_COLUMNS or getattr(task, key) != value:
                return False
        return True

    return keep
