"""Fixtures for the fake Nova's tests: raw HTTP against it, and the client on top."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.client import ServiceClient
from stackdouble.client.openstack import auth_options_from_env, authenticated_client, new_compute_v2
from stackdouble.fakes import FakeCloud

from .netstub import StubNetworks

CIRROS = "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"


class Nova:
    """Raw requests to the fake Nova as one user, at one microversion."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, user: str = "demo",
                 version: str | None = None) -> None:
        self.cloud = cloud
        self.http = http
        self.url = cloud.base_url + "/compute/v2.1"
        self.token = cloud.identity.issue_token(user, project=user)
        self.version = version

    def headers(self, version: str | None = None) -> dict[str, str]:
        out = {"X-Auth-Token": self.token}
        wanted = version or self.version
        if wanted:
            out["OpenStack-API-Version"] = f"compute {wanted}"
        return out

    def call(self, method: str, path: str, *, version: str | None = None,
             **kwargs: Any) -> requests.Response:
        return self.http.request(method, self.url + path, headers=self.headers(version),
                                 **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, json=body, **kwargs)

    def create(self, name: str = "web", **server: Any) -> str:
        body = {"server": {"name": name, "imageRef": CIRROS, "flavorRef": "1", **server}}
        resp = self.post("/servers", body)
        assert resp.status_code == 202, resp.text
        return str(resp.json()["server"]["id"])

    def action(self, server_id: str, body: Any, **kwargs: Any) -> requests.Response:
        return self.post(f"/servers/{server_id}/action", body, **kwargs)


@pytest.fixture
def nova(cloud: FakeCloud, http: requests.Session) -> Nova:
    """The demo user's raw Nova at microversion 2.1."""
    return Nova(cloud, http)


@pytest.fixture
def admin_nova(cloud: FakeCloud, http: requests.Session) -> Nova:
    """The admin's raw Nova."""
    return Nova(cloud, http, user="admin")


@pytest.fixture
def demo_id(cloud: FakeCloud) -> str:
    """The demo project's id."""
    return cloud.project_id("demo")


@pytest.fixture
def compute(cloud: FakeCloud) -> ServiceClient:
    """The client, as demo, at microversion 2.79."""
    provider = authenticated_client(auth_options_from_env(cloud.os_environ()), max_retries=0)
    return new_compute_v2(provider).with_microversion("2.79")


@pytest.fixture
def stub(cloud: FakeCloud) -> StubNetworks:
    """A small provider of the cloud's `networks` link in place of the network service's,
    with demo's `private` network (10.0.0.0/29: 10.0.0.2 to .6 free)."""
    provider = StubNetworks(cloud)
    cloud.links.networks = provider
    provider.add_network(cloud.project_id("demo"), "private")
    return provider
