"""Fixtures for the fake Swift's tests: a demo account reached with plain `requests`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import ObjectStorageModel


class Swift:
    """The demo account's URL and token, and `requests` calls relative to it."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, project: str = "demo",
                 user: str = "demo") -> None:
        self.cloud = cloud
        self.http = http
        self.project_id = cloud.project_id(project)
        self.account = "AUTH_" + self.project_id
        self.url = f"{cloud.base_url}/v1/{self.account}"
        self.token = cloud.identity.issue_token(user, project=project)

    def __call__(self, method: str, path: str = "", *, token: bool = True,
                 headers: dict[str, str] | None = None, **kwargs: Any) -> requests.Response:
        """`method` on the account URL + `path`, with the token unless `token=False`."""
        sent = dict(headers or {})
        if token:
            sent.setdefault("X-Auth-Token", self.token)
        return self.http.request(method, self.url + path, headers=sent, **kwargs)


@pytest.fixture
def swift(cloud: FakeCloud, http: requests.Session) -> Swift:
    """The demo user on the demo project's account."""
    return Swift(cloud, http)


@pytest.fixture
def admin(cloud: FakeCloud, http: requests.Session) -> Swift:
    """The admin user on the admin project's account (another project than demo's)."""
    return Swift(cloud, http, project="admin", user="admin")


@pytest.fixture
def model(cloud: FakeCloud) -> ObjectStorageModel:
    """The fake Swift's state."""
    return cloud.object_storage


@pytest.fixture
def fill(model: ObjectStorageModel) -> Callable[..., None]:
    """Put objects (bytes b"x" unless given) into a demo container, creating it."""

    def put(container: str, *names: str, data: bytes = b"x") -> None:
        model.create_container("demo", container)
        for name in names:
            model.put_object("demo", container, name, data, content_type="text/plain")

    return put
