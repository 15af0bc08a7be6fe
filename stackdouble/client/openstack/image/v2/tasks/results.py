"""Glance task results: the Task resource, its Result and the pages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import Result, parse_time
from stackdouble.client.openstack.image.v2._glance import GlancePage
from stackdouble.client.pagination import Page

__all__ = ["GetResult", "Task", "TaskPage", "extract_tasks"]


class Task(Resource):
    """An asynchronous Glance operation, such as the `api_image_import` behind an import.

    A listing shows the summary (id, type, status, owner, times); `tasks.get` adds `input`,
    `result` and `message`.

    Attributes:
        type: `api_image_import` (an import), `import`...
        status: `pending`, `processing`, `success` or `failure`.
        message: Why it failed, or a note (`Copied 0 MiB`).
        expires_at: When Glance forgets it.
    """

    __slots__ = ()

    id: str = json_field("id")
    type: str | None = json_field("type")
    status: str = json_field("status", default="")
    owner: str | None = json_field("owner")
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)
    expires_at: datetime | None = json_field("expires_at", parse_time)
    input: Mapping[str, Any] | None = json_field("input")
    result: Mapping[str, Any] | None = json_field("result")
    message: str | None = json_field("message")
    image_id: str | None = json_field("image_id")
    request_id: str | None = json_field("request_id")
    user_id: str | None = json_field("user_id")
    self_link: str | None = json_field("self")
    schema: str | None = json_field("schema")


class GetResult(Result):
    """The result of `tasks.get`; `extract()` gives the Task (no envelope)."""

    __slots__ = ()

    def extract(self) -> Task:
        """The Task, or raise the error the call ended with."""
        return self.extract_with(Task.from_json)


class TaskPage(GlancePage):
    """A page of `tasks.list`: `{"tasks": [...], "first", "schema", "next"}`."""

    __slots__ = ()
    resource_key = "tasks"

    def items(self) -> list[Task]:
        """The tasks on this page."""
        return extract_tasks(self)


def extract_tasks(page: Page) -> list[Task]:
    """The tasks on one page of `tasks.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Task.from_json, key="tasks")
