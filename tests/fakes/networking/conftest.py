"""Fixtures for the fake Neutron's tests: raw HTTP as one user."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeCloud


class Neutron:
    """Raw requests to the fake Neutron's v2.0 API as one user."""

    def __init__(self, cloud: FakeCloud, http: requests.Session, user: str = "demo") -> None:
        self.cloud = cloud
        self.http = http
        self.project_id = cloud.project_id(user)
        self.url = f"{cloud.base_url}/networking/v2.0"
        self.token = cloud.identity.issue_token(user, project=user)

    def call(self, method: str, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.http.request(method, self.url + path, json=body,
                                 headers={"X-Auth-Token": self.token}, **kwargs)

    def made(self, path: str, body: Any) -> dict[str, Any]:
        resp = self.call("POST", path, body)
        assert resp.status_code == 201, resp.text
        return dict(next(iter(resp.json().values())))

    def network_with_subnet(self, cidr: str = "192.168.10.0/29", **subnet: Any
                            ) -> tuple[dict[str, Any], dict[str, Any]]:
        net = self.made("/networks", {"network": {"name": "n"}})
        sub = self.made("/subnets", {"subnet": {"network_id": net["id"], "cidr": cidr,
                                                "ip_version": 4, **subnet}})
        return net, sub


@pytest.fixture
def neutron(cloud: FakeCloud, http: requests.Session) -> Neutron:
    """The demo user's raw Neutron."""
    return Neutron(cloud, http)


@pytest.fixture
def admin_neutron(cloud: FakeCloud, http: requests.Session) -> Neutron:
    """The admin's raw Neutron."""
    return Neutron(cloud, http, user="admin")
