"""The fake Glance's tasks: the `api_image_import` task of an import on the fake clock, the
admin-only tasks API (`/v2/tasks`) with Glance's filters, sorting and paging, an image's
tasks, and the deprecated task create, compared with real Glance 33 samples."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from stackdouble.fakes import FakeCloud
from tests.client.image.samples import load
from tests.fakes.image.conftest import Glance, webob

IMPORT = {"method": {"name": "glance-direct"}}
FORBIDDEN = load("error-403-tasks")


def _import(glance: Glance, data: bytes = b"staged data", disk_format: str = "raw") -> str:
    made = glance.create(disk_format=disk_format, container_format="bare")
    assert glance.put_data(made["id"], data, where="stage").status_code == 204
    assert glance.post(f"/images/{made['id']}/import", IMPORT).status_code == 202
    return str(made["id"])


def _only_task(glance: Glance, image_id: str) -> dict[str, object]:
    tasks = glance.get(f"/images/{image_id}/tasks").json()["tasks"]
    assert len(tasks) == 1
    return dict(tasks[0])


def _time(text: object) -> datetime:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00")).replace(tzinfo=timezone.utc)


def test_an_import_task_goes_pending_processing_success_on_the_fake_clock(
        glance: Glance, cloud: FakeCloud) -> None:
    cloud.image.configure(import_time=30)
    image_id = _import(glance)
    task = _only_task(glance, image_id)
    image = glance.get(f"/images/{image_id}").json()
    assert image["os_glance_import_task"] == task["id"]
    assert (task["type"], task["status"], task["message"], task["result"]) == (
        "api_image_import", "pending", "", None)
    assert task["input"] == {"image_id": image_id, "import_req": IMPORT, "backend": [None]}
    assert (task["owner"], task["image_id"], task["expires_at"]) == (glance.project_id,
                                                                     image_id, None)
    cloud.clock.advance(1)
    assert _only_task(glance, image_id)["status"] == "processing"
    cloud.clock.advance(90)
    done = _only_task(glance, image_id)
    assert (done["status"], done["result"], done["message"]) == (
        "success", {"image_id": image_id}, "Copied 0 MiB")
    assert _time(done["updated_at"]) - _time(done["created_at"]) == timedelta(seconds=30)
    assert _time(done["expires_at"]) - _time(done["updated_at"]) == timedelta(hours=48)
    assert glance.get(f"/images/{image_id}").json()["status"] == "active"


def test_an_import_whose_data_fails_the_checks_fails_its_task(glance: Glance) -> None:
    image_id = _import(glance, b"not a qcow2", disk_format="qcow2")
    task = _only_task(glance, image_id)
    assert (task["status"], task["message"], task["result"]) == (
        "failure", "Task failed due to Internal Error", None)
    assert task["expires_at"] is not None


def test_an_import_whose_image_is_deleted_fails_its_task(glance: Glance, admin_glance: Glance,
                                                         cloud: FakeCloud) -> None:
    cloud.image.configure(import_time=30)
    image_id = _import(glance)
    task_id = _only_task(glance, image_id)["id"]
    assert glance.call("DELETE", f"/images/{image_id}").status_code == 204
    cloud.clock.advance(1)
    task = admin_glance.get(f"/tasks/{task_id}").json()
    assert (task["status"], task["message"]) == ("failure", "Task failed due to Internal Error")


def test_an_images_tasks_are_database_records_with_microsecond_times(
        glance: Glance, cloud: FakeCloud) -> None:
    cloud.clock.advance(0.123456)
    image_id = _import(glance)
    resp = glance.get(f"/images/{image_id}/tasks")
    task = resp.json()["tasks"][0]
    assert list(task) == ["id", "type", "status", "owner", "expires_at", "created_at",
                          "updated_at", "deleted_at", "deleted", "image_id", "request_id",
                          "user_id", "input", "result", "message"]
    assert task["created_at"] == "2026-11-27T08:56:16.123456"
    assert (task["deleted"], task["deleted_at"]) == (False, None)
    assert str(task["request_id"]).startswith("req-")


def test_an_images_tasks_are_its_own_projects_and_an_admins(glance: Glance,
                                                            admin_glance: Glance) -> None:
    image_id = _import(glance)
    assert admin_glance.get(f"/images/{image_id}/tasks").json()["tasks"][0]["owner"] == (
        glance.project_id)
    assert glance.post(f"/images/{image_id}/members", {"member": "p2"}).status_code == 200
    model = glance.cloud.image
    member = model.caller_for("p2")
    assert model.show_image(member, image_id).id == image_id
    assert model.image_tasks(member, image_id) == []


def test_an_unknown_images_tasks_are_a_bare_404_and_other_methods_404(glance: Glance) -> None:
    assert glance.get("/images/nope/tasks").json() == webob(
        "404 Not Found", "The resource could not be found.")
    image_id = glance.create()["id"]
    assert glance.post(f"/images/{image_id}/tasks", {}).status_code == 404
    assert glance.call("HEAD", f"/images/{image_id}/tasks").status_code == 404
    assert glance.get(f"/images/{image_id}/tasks").json() == {"tasks": []}


@pytest.mark.parametrize(("method", "path"), [("GET", "/tasks"), ("GET", "/tasks/x"),
                                              ("POST", "/tasks"), ("DELETE", "/tasks/x")])
def test_members_get_glances_403_from_the_tasks_api(glance: Glance, method: str,
                                                    path: str) -> None:
    resp = glance.call(method, path, json={"type": "import", "input": {}}
                       if method == "POST" else None)
    assert (resp.status_code, resp.json()) == (FORBIDDEN["status"], FORBIDDEN["body"])
    assert resp.headers["Content-Type"] == FORBIDDEN["headers"]["Content-Type"]


def test_admins_list_tasks_as_real_glance_does(glance: Glance, admin_glance: Glance) -> None:
    first, second = _import(glance), _import(glance)
    glance.cloud.clock.advance(1)
    third = _import(glance)
    sample = load("tasks-list")
    resp = admin_glance.get("/tasks?limit=1")
    body = resp.json()
    assert resp.status_code == sample["status"]
    assert list(body) == list(sample["body"])
    assert list(body["tasks"][0]) == list(sample["body"]["tasks"][0])
    newest = body["tasks"][0]
    assert (newest["type"], newest["status"], newest["schema"]) == (
        "api_image_import", "success", "/v2/schemas/task")
    assert newest["self"] == f"/v2/tasks/{newest['id']}"
    assert body["first"] == "/v2/tasks?limit=1"
    assert body["next"] == f"/v2/tasks?limit=1&marker={newest['id']}"
    listed = admin_glance.get("/tasks").json()
    assert listed["tasks"][0]["id"] == newest["id"]
    assert (listed["first"], "next" in listed) == ("/v2/tasks", False)
    images = [admin_glance.get(f"/tasks/{t['id']}").json()["image_id"]
              for t in listed["tasks"]]
    assert images[0] == third
    assert set(images) == {first, second, third}


def test_a_task_shows_as_real_glance_shows_it(glance: Glance, admin_glance: Glance) -> None:
    image_id = _import(glance, b"12 bytes ...")
    task_id = _only_task(glance, image_id)["id"]
    sample = load("task-get")
    resp = admin_glance.get(f"/tasks/{task_id}")
    body = resp.json()
    assert resp.status_code == sample["status"]
    assert list(body) == list(sample["body"])
    assert body["input"] == {**sample["body"]["input"], "image_id": image_id}
    assert (body["message"], body["result"]) == ("Copied 0 MiB", {"image_id": image_id})
    assert body["created_at"].endswith("Z")
    assert body["user_id"] == glance.cloud.user_id("demo")
    assert admin_glance.get("/tasks/nope").json() == webob(
        "404 Not Found", "Task with the given id nope was not found")


def test_listing_pages_follow_next_to_an_empty_page(glance: Glance, admin_glance: Glance) -> None:
    for _ in range(3):
        _import(glance)
        glance.cloud.clock.advance(1)
    seen: list[str] = []
    path = "/tasks?limit=2&sort_dir=asc"
    while True:
        body = admin_glance.get(path).json()
        seen += [t["id"] for t in body["tasks"]]
        if "next" not in body:
            break
        path = body["next"].removeprefix("/v2")
    assert len(seen) == 3 == len(set(seen))
    created = [admin_glance.get(f"/tasks/{t}").json()["created_at"] for t in seen]
    assert created == sorted(created)


def test_listing_filters_by_status_and_sorts_by_any_column(glance: Glance,
                                                           admin_glance: Glance) -> None:
    ok = _only_task(glance, _import(glance))["id"]
    bad = _only_task(glance, _import(glance, b"nope", disk_format="qcow2"))["id"]
    failed = admin_glance.get("/tasks?status=failure").json()["tasks"]
    assert [t["id"] for t in failed] == [bad]
    assert admin_glance.get("/tasks?status=success").json()["tasks"][0]["id"] == ok
    by_status = admin_glance.get("/tasks?sort_key=status&sort_dir=asc").json()["tasks"]
    assert [t["status"] for t in by_status] == ["failure", "success"]
    assert admin_glance.get(f"/tasks?owner={glance.project_id}x").json()["tasks"] == []


@pytest.mark.parametrize(("query", "message"), [
    ("type=api_image_import", "Invalid type value: api_image_import"),
    ("status=bogus", "Invalid status value: bogus"),
    ("sort_dir=up", "Invalid sort direction: up"),
    ("sort_key=bogus", "Sort key supplied was not valid."),
    ("marker=nope", "Invalid marker format"),
    ("marker=6d2e0c4c-3a51-4d4f-9a6c-2c1d2c1d2c1d",
     "Task with the given id 6d2e0c4c-3a51-4d4f-9a6c-2c1d2c1d2c1d was not found"),
    ("limit=x", "limit param must be an integer"),
    ("limit=-1", "limit param must be positive"),
])
def test_a_bad_listing_query_is_glances_400(admin_glance: Glance, query: str,
                                            message: str) -> None:
    resp = admin_glance.get(f"/tasks?{query}")
    assert (resp.status_code, resp.json()) == (400, webob("400 Bad Request", message))


def test_deleting_a_task_is_405_allow_get(glance: Glance, admin_glance: Glance) -> None:
    task_id = _only_task(glance, _import(glance))["id"]
    resp = admin_glance.call("DELETE", f"/tasks/{task_id}")
    assert (resp.status_code, resp.headers["Allow"]) == (405, "GET")
    assert resp.json() == {
        "message": "This operation is currently not permitted on Glance Tasks. They are auto "
                   "deleted after reaching the time based on their expires_at property.",
        "code": "405 Method Not Allowed", "title": "Method Not Allowed"}
    assert admin_glance.get(f"/tasks/{task_id}").status_code == 200
    head = admin_glance.call("HEAD", f"/tasks/{task_id}")
    assert (head.status_code, head.headers["Allow"]) == (405, "GET, DELETE")


def test_a_finished_task_expires_after_48_hours(glance: Glance, admin_glance: Glance) -> None:
    own = _only_task(admin_glance, _import(admin_glance))["id"]
    image_id = _import(glance)
    glance.cloud.clock.advance(48 * 3600 + 1)
    glance, admin_glance = Glance(glance.cloud, glance.http), Glance(
        glance.cloud, glance.http, user="admin")  # the old tokens have expired
    assert glance.get(f"/images/{image_id}/tasks").json() == {"tasks": []}
    listed = [t["id"] for t in admin_glance.get("/tasks").json()["tasks"]]
    assert own not in listed
    assert admin_glance.get(f"/tasks/{own}").status_code == 200  # admins see deleted ones


def test_the_deprecated_create_makes_a_task_that_fails(admin_glance: Glance) -> None:
    body = {"type": "import", "input": {"import_from": "http://127.0.0.1/x.raw",
                                        "image_properties": {}}}
    resp = admin_glance.post("/tasks", body)
    task = resp.json()
    assert (resp.status_code, resp.headers["Location"]) == (201, f"/v2/tasks/{task['id']}")
    assert (task["status"], task["type"], task["input"]) == ("pending", "import",
                                                             body["input"])
    assert "expires_at" not in task
    admin_glance.cloud.clock.advance(1)
    done = admin_glance.get(f"/tasks/{task['id']}").json()
    assert (done["status"], done["message"]) == ("failure", "Task failed due to Internal Error")


@pytest.mark.parametrize(("body", "message"), [
    ({"input": {}}, "Task 'type' is required"),
    ({"type": "import"}, "Task 'input' is required"),
    ({"type": "import", "input": {}}, "Invalid location: None"),
    ({"type": "import", "input": {"import_from": "file:///etc/passwd"}},
     "File based imports are not allowed. Please use a non-local source of image data."),
    ({"type": "import", "input": {"import_from": "ftp://x/y"}},
     "The given uri is not valid. Please specify a valid uri from the following list of "
     "supported uri ['http']"),
    ({"type": "import", "input": {"import_from": "http://10.0.0.1/x"}},
     "URI for legacy import task does not pass filtering: http://10.0.0.1/x"),
])
def test_a_bad_task_create_is_glances_400(admin_glance: Glance, body: object,
                                          message: str) -> None:
    before = dict(admin_glance.cloud.image.tasks)
    resp = admin_glance.post("/tasks", body)
    assert (resp.status_code, resp.json()) == (400, webob("400 Bad Request", message))
    assert admin_glance.cloud.image.tasks == before


def test_a_task_body_must_match_the_task_schema(admin_glance: Glance) -> None:
    resp = admin_glance.post("/tasks", {"type": "bogus", "input": {}})
    assert resp.status_code == 400
    assert resp.json()["message"].startswith(
        "Provided object does not match schema 'task': 'bogus' is not one of ['import', "
        "'api_image_import', 'location_import']")
    extra = admin_glance.post("/tasks", {"type": "import", "input": {}, "x": 1})
    assert "Additional properties are not allowed ('x' was unexpected)" in (
        extra.json()["message"])


def test_the_task_schemas(glance: Glance) -> None:
    task = glance.get("/schemas/task").json()
    assert (task["name"], list(task)) == ("task", ["name", "properties"])
    assert {"input", "result", "message"} <= set(task["properties"])
    tasks = glance.get("/schemas/tasks").json()
    items = tasks["properties"]["tasks"]["items"]["properties"]
    assert "input" not in items
    assert "expires_at" in items
    assert tasks["links"] == [{"rel": "describedby", "href": "{schema}"}]


def test_the_dump_holds_the_tasks(glance: Glance, cloud: FakeCloud) -> None:
    image_id = _import(glance)
    dumped = cloud.image.dump()["tasks"]
    assert [(t["image_id"], t["status"]) for t in dumped] == [(image_id, "success")]


def test_python_callers_get_the_same_tasks(cloud: FakeCloud) -> None:
    glance = cloud.image
    demo = glance.caller_for(cloud.project_id("demo"))
    image = glance.create_image(demo, disk_format="raw", container_format="bare")
    glance.stage(demo, image.id, b"data")
    glance.import_image(demo, image.id)
    (task,) = glance.image_tasks(demo, image.id)
    assert task.input["import_req"] == {"method": {"name": "glance-direct"}}
    assert task.request_id is None
    admin = glance.caller_for(cloud.project_id("admin"), is_admin=True)
    assert glance.show_task(admin, task.id).status == "success"
