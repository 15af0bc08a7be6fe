"""The tasks package against real Glance 33 answers: pages linked by `next`, one task."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Forbidden, ServiceClient
from stackdouble.client.openstack.image.v2 import tasks
from tests.client.image.samples import load
from tests.client.image.support import register, url_of

TASK = load("task-get")["body"]


def test_list_follows_next_and_stops_on_an_empty_page(mock: responses.RequestsMock,
                                                      image_client: ServiceClient) -> None:
    first = register(mock, "tasks-list")
    mock.get(url_of(first["body"]["next"]), json={
        "tasks": [], "first": "/v2/tasks?limit=1", "schema": "/v2/schemas/tasks"})
    listed = list(tasks.list(image_client, tasks.ListOpts(limit=1)).items())
    assert [(t.id, t.type, t.status) for t in listed] == [
        (TASK["id"], "api_image_import", "success")]
    assert mock.calls[1].request.url.startswith("http://glance.test/image/v2/tasks?")


def test_get_gives_the_input_and_result(mock: responses.RequestsMock,
                                        image_client: ServiceClient) -> None:
    register(mock, "task-get")
    task = tasks.get(image_client, TASK["id"]).extract()
    assert task.input is not None
    assert task.input["import_req"] == {"method": {"name": "glance-direct"}}
    assert task.result == {"image_id": task.image_id}
    assert (task.message, task.owner) == ("Copied 0 MiB", TASK["owner"])
    assert task.expires_at is not None
    assert task.created_at is not None
    assert task.expires_at > task.created_at


def test_members_of_a_project_may_not_list_tasks(mock: responses.RequestsMock,
                                                 image_client: ServiceClient) -> None:
    register(mock, "error-403-tasks")
    with pytest.raises(Forbidden) as caught:
        list(tasks.list(image_client).items())
    assert "tasks_api_access" in str(caught.value)
