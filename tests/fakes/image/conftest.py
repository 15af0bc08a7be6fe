"""Fixtures for the fake Glance's tests: raw HTTP against it as one user, JSON errors."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud

#: The seeded public image every cloud has.
CIRROS = "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"
PATCH = "application/openstack-images-v2.1-json-patch"
OCTET = "application/octet-stream"


class Glance:
    """Raw requests to the fake Glance's v2 API as one user, asking for JSON errors."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, user: str = "demo") -> None:
        self.cloud = cloud
        self.http = http
        self.project_id = cloud.project_id(user)
        self.url = f"{cloud.base_url}/image/v2"
        self.token = cloud.identity.issue_token(user, project=user)

    def call(self, method: str, path: str, *, headers: dict[str, str] | None = None,
             **kwargs: Any) -> requests.Response:
        sent = {"X-Auth-Token": self.token, "Accept": "application/json", **(headers or {})}
        return self.http.request(method, self.url + path, headers=sent, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, json=body, **kwargs)

    def patch(self, image_id: str, ops: Any, content_type: str = PATCH) -> requests.Response:
        return self.call("PATCH", f"/images/{image_id}", json=ops,
                         headers={"Content-Type": content_type})

    def put_data(self, image_id: str, data: Any, where: str = "file",
                 content_type: str = OCTET) -> requests.Response:
        return self.call("PUT", f"/images/{image_id}/{where}", data=data,
                         headers={"Content-Type": content_type})

    def create(self, **image: Any) -> dict[str, Any]:
        """A new image's JSON (201)."""
        resp = self.post("/images", image)
        assert resp.status_code == 201, resp.text
        return dict(resp.json())

    def active(self, data: bytes = b"hello", **image: Any) -> dict[str, Any]:
        """A new raw/bare image with `data` uploaded."""
        made = self.create(disk_format="raw", container_format="bare", **image)
        resp = self.put_data(made["id"], data)
        assert resp.status_code == 204, resp.text
        return dict(self.get(f"/images/{made['id']}").json())


def webob(code: str, message: str) -> dict[str, str]:
    """webob's JSON error page: `message` is the explanation (Glance's text)."""
    return {"message": f"{message}<br /><br />\n\n\n", "code": code,
            "title": code.split(" ", 1)[1]}


def webob_detail(code: str, explanation: str, detail: str) -> dict[str, str]:
    """webob's JSON error page for an error with a detail line under the explanation."""
    return {"message": f"{explanation}<br /><br />\n{detail}\n\n", "code": code,
            "title": code.split(" ", 1)[1]}


@pytest.fixture
def glance(cloud: FakeCloud, http: requests.Session) -> Glance:
    """The demo user's raw Glance."""
    return Glance(cloud, http)


@pytest.fixture
def admin_glance(cloud: FakeCloud, http: requests.Session) -> Glance:
    """The admin's raw Glance."""
    return Glance(cloud, http, user="admin")
