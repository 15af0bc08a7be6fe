"""A seeded in-process cloud and Keystone v3 clients for the demo member and the admin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import ServiceClient, openstack
from stackdouble.fakes import FakeCloud


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud(seed=11) as fake:
        yield fake


@pytest.fixture
def admin(cloud: FakeCloud) -> ServiceClient:
    """Keystone v3 as the admin (admin of project admin)."""
    opts = openstack.auth_options_from_env(cloud.os_environ("admin"))
    return openstack.new_identity_v3(openstack.authenticated_client(opts))


@pytest.fixture
def member(cloud: FakeCloud) -> ServiceClient:
    """Keystone v3 as the demo member."""
    opts = openstack.auth_options_from_env(cloud.os_environ())
    return openstack.new_identity_v3(openstack.authenticated_client(opts))
