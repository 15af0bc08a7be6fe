"""Fixtures for the Block Storage client tests: the client on a seeded in-process fake
cloud with a frozen clock, Nova beside it, and a server to attach volumes to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from stackdouble.client import ServiceClient
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_block_storage_v3,
    new_compute_v2,
)
from stackdouble.fakes import FakeClock, FakeCloud


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded cloud with a frozen clock, answering `requests` in-process."""
    clock = FakeClock(start=datetime(2026, 11, 27, 8, 44, 43, tzinfo=timezone.utc))
    with FakeCloud(seed=29, clock=clock) as fake:
        yield fake


@pytest.fixture
def block_storage(cloud: FakeCloud) -> ServiceClient:
    """The Block Storage v3 client as demo, without a microversion (3.0)."""
    provider = authenticated_client(auth_options_from_env(cloud.os_environ()), max_retries=0)
    return new_block_storage_v3(provider)


@pytest.fixture
def admin_block_storage(cloud: FakeCloud) -> ServiceClient:
    """The Block Storage v3 client as admin."""
    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")),
                                    max_retries=0)
    return new_block_storage_v3(provider)


@pytest.fixture
def compute(cloud: FakeCloud) -> ServiceClient:
    """The Compute client as demo at 2.79 (attachments show tag and
    delete_on_termination)."""
    provider = authenticated_client(auth_options_from_env(cloud.os_environ()), max_retries=0)
    return new_compute_v2(provider).with_microversion("2.79")


@pytest.fixture
def server_id(cloud: FakeCloud) -> str:
    """An ACTIVE server of demo's."""
    return cloud.compute.create_server(cloud.project_id("demo"), name="app").uuid
