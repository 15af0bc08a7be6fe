"""Shared test setup: every docstring example runs against an in-process FakeCloud."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _doctest_cloud(
    request: pytest.FixtureRequest, doctest_namespace: dict[str, Any]
) -> Iterator[None]:
    """Give the client's docstring examples a fake cloud and the names they use."""
    if not isinstance(request.node, pytest.DoctestItem) or not request.node.name.startswith(
        "stackdouble.client"
    ):
        yield
        return
    from stackdouble.client import AuthOptions, EndpointOpts
    from stackdouble.client.openstack import (
        authenticated_client,
        new_client,
        new_compute_v2,
        new_identity_v2,
        new_identity_v3,
    )
    from stackdouble.client.openstack.identity.v2 import tenants
    from stackdouble.client.openstack.identity.v3 import projects, tokens
    from stackdouble.fakes import FakeCloud

    with FakeCloud(seed=1) as cloud:
        provider = authenticated_client(cloud.auth_options())
        admin_provider = authenticated_client(cloud.auth_options(user="admin"))
        doctest_namespace.update(
            cloud=cloud,
            provider=provider,
            admin_provider=admin_provider,
            identity=new_identity_v3(provider),
            compute=new_compute_v2(provider),
            AuthOptions=AuthOptions,
            EndpointOpts=EndpointOpts,
            authenticated_client=authenticated_client,
            new_client=new_client,
            new_identity_v2=new_identity_v2,
            new_identity_v3=new_identity_v3,
            tokens=tokens,
            projects=projects,
            tenants=tenants,
            replace=replace,
        )
        yield
