"""Helpers for the Compute client tests of Nova's admin APIs on the fake: typed member
and admin clients, and the demo project's id."""

from __future__ import annotations

from typing import Any

from stackdouble.client import ServiceClient


def admin_compute(cloud: Any, microversion: str = "2.79") -> ServiceClient:
    """A Compute client on the fake cloud, logged in as admin, at `microversion`."""
    from stackdouble.client.openstack import (
        auth_options_from_env,
        authenticated_client,
        new_compute_v2,
    )

    provider = authenticated_client(auth_options_from_env(cloud.os_environ(user="admin")),
                                    max_retries=0)
    return new_compute_v2(provider).with_microversion(microversion)


def demo_project(cloud: Any) -> str:
    """The id of the demo project."""
    return str(cloud.project_id("demo"))


def member_compute(cloud: Any, microversion: str = "2.79") -> ServiceClient:
    """`support.fake_compute`, typed: demo's Compute client at `microversion`."""
    from tests.client.compute.support import fake_compute

    client: ServiceClient = fake_compute(cloud, microversion)
    return client
