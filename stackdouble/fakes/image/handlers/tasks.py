"""Task handlers of the fake Glance (`glance/api/v2/tasks.py`, `images.py`'s
`get_task_info`, `schemas.py`; the client's `image/v2/tasks`).

The tasks API checks `tasks_api_access` before it reads the query or the body, as the
deserializer does; `DELETE /v2/tasks/{id}` then answers 405 (tasks are deleted when they
expire).
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import views
from stackdouble.fakes.image.errors import MethodNotAllowed
from stackdouble.fakes.image.handlers._common import _caller, _model, _required_body
from stackdouble.fakes.image.schema import query
from stackdouble.fakes.image.schema.tasks import parse_task_create, parse_task_list

__all__ = ["create_task", "delete_task", "image_tasks", "list_tasks", "show_task",
           "task_schema", "tasks_schema"]

_NO_DELETE = ("This operation is currently not permitted on Glance Tasks. They are auto "
              "deleted after reaching the time based on their expires_at property.")


def list_tasks(req: FakeRequest) -> FakeResponse:
    """`GET /v2/tasks`: one page, with `first` and (when full) `next` links."""
    caller = _caller(req)
    model = _model(req)
    model.check_task_access(caller)
    pairs = query.query_pairs(req.query_string)
    page, next_marker = model.list_tasks(caller, parse_task_list(pairs))
    return views.json_response(200, views.task_list(page, query.last_values(pairs),
                                                    next_marker))


def show_task(req: FakeRequest) -> FakeResponse:
    """`GET /v2/tasks/{task_id}`: the task with its input, result and message."""
    task = _model(req).show_task(_caller(req), req.params["task_id"])
    return views.json_response(200, views.task(task))


def create_task(req: FakeRequest) -> FakeResponse:
    """`POST /v2/tasks` (deprecated): 201 with the task and a relative `Location`."""
    caller = _caller(req)
    model = _model(req)
    model.check_task_access(caller)
    wanted = parse_task_create(_required_body(req))
    task = model.create_task(caller, wanted.type, wanted.input, request_id=req.request_id)
    return views.json_response(201, views.task(task),
                               headers=[("Location", f"/v2/tasks/{task.id}")])


def delete_task(req: FakeRequest) -> FakeResponse:
    """`DELETE /v2/tasks/{task_id}`: 405, `Allow: GET`, for whoever passes the policy."""
    _model(req).check_task_access(_caller(req))
    raise MethodNotAllowed(_NO_DELETE, headers=[("Allow", "GET")],
                           body_template="${explanation}")


def image_tasks(req: FakeRequest) -> FakeResponse:
    """`GET /v2/images/{image_id}/tasks`: the image's tasks as the database holds them."""
    found = _model(req).image_tasks(_caller(req), req.params["image_id"])
    return views.json_response(200, {"tasks": [views.task_record(t) for t in found]},
                               ascii_only=True)


def task_schema(req: FakeRequest) -> FakeResponse:
    """`GET /v2/schemas/task`."""
    _caller(req)
    return views.json_response(200, views.task_schema(), ascii_only=True)


def tasks_schema(req: FakeRequest) -> FakeResponse:
    """`GET /v2/schemas/tasks`."""
    _caller(req)
    return views.json_response(200, views.tasks_schema(), ascii_only=True)
