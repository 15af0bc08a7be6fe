"""Fixtures for the fake Cinder's tests: raw HTTP against it as one user, at one
microversion, and the fake Nova beside it."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud


class Cinder:
    """Raw requests to the fake Cinder (and Nova's attachments) as one user."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, user: str = "demo",
                 version: str | None = None) -> None:
        self.cloud = cloud
        self.http = http
        self.project_id = cloud.project_id(user)
        self.url = f"{cloud.base_url}/volume/v3/{self.project_id}"
        self.nova_url = f"{cloud.base_url}/compute/v2.1"
        self.token = cloud.identity.issue_token(user, project=user)
        self.version = version

    def headers(self, version: str | None = None) -> dict[str, str]:
        out = {"X-Auth-Token": self.token}
        wanted = version or self.version
        if wanted:
            out["OpenStack-API-Version"] = f"volume {wanted}"
        return out

    def call(self, method: str, path: str, *, version: str | None = None,
             **kwargs: Any) -> requests.Response:
        return self.http.request(method, self.url + path, headers=self.headers(version),
                                 **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, json=body, **kwargs)

    def create(self, size: int = 1, **volume: Any) -> str:
        """A new volume's id (it is `available` on the next request)."""
        resp = self.post("/volumes", {"volume": {"size": size, **volume}})
        assert resp.status_code == 202, resp.text
        return str(resp.json()["volume"]["id"])

    def action(self, volume_id: str, body: Any, **kwargs: Any) -> requests.Response:
        return self.post(f"/volumes/{volume_id}/action", body, **kwargs)

    def nova(self, method: str, path: str, body: Any = None,
             version: str = "2.79") -> requests.Response:
        headers = {"X-Auth-Token": self.token, "OpenStack-API-Version": f"compute {version}"}
        return self.http.request(method, self.nova_url + path, headers=headers, json=body)

    def attach(self, server_id: str, volume_id: str, **extra: Any) -> requests.Response:
        return self.nova("POST", f"/servers/{server_id}/os-volume_attachments",
                         {"volumeAttachment": {"volumeId": volume_id, **extra}})

    def detach(self, server_id: str, volume_id: str) -> requests.Response:
        return self.nova("DELETE", f"/servers/{server_id}/os-volume_attachments/{volume_id}")


def fault(kind: str, code: int, message: str) -> dict[str, Any]:
    """Cinder's (and Nova's) fault envelope."""
    return {kind: {"code": code, "message": message}}


@pytest.fixture
def cinder(cloud: FakeCloud, http: requests.Session) -> Cinder:
    """The demo user's raw Cinder at 3.0."""
    return Cinder(cloud, http)


@pytest.fixture
def admin_cinder(cloud: FakeCloud, http: requests.Session) -> Cinder:
    """The admin's raw Cinder at 3.0."""
    return Cinder(cloud, http, user="admin")


@pytest.fixture
def server_id(cloud: FakeCloud) -> str:
    """An ACTIVE server of demo's."""
    return cloud.compute.create_server(cloud.project_id("demo"), name="app").uuid
