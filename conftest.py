"""Shared test setup: every docstring example runs against an in-process FakeCloud."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from stackdouble.fakes import FakeCloud

# The plugin's tests run sample projects in nested pytest sessions.
pytest_plugins = ["pytester"]


#: The docstrings whose `image_id` is demo's own queued image rather than the seeded cirros.
_IMAGE_DOCTESTS = "stackdouble.client.openstack.image."


@pytest.fixture(autouse=True)
def _doctest_cloud(
    request: pytest.FixtureRequest, doctest_namespace: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> Iterator[None]:
    """Give the client's docstring examples a fake cloud and the names they use."""
    if not isinstance(request.node, pytest.DoctestItem) or not request.node.name.startswith(
        "stackdouble.client"
    ):
        yield
        return
    from stackdouble.client import AuthOptions, EndpointOpts, openstack
    from stackdouble.client.openstack import (
        authenticated_client,
        new_block_storage_v3,
        new_client,
        new_compute_v2,
        new_identity_v2,
        new_identity_v3,
        new_image_v2,
        new_object_storage_v1,
    )
    from stackdouble.client.openstack.blockstorage.v3 import (
        quotasets,
        snapshots,
        volumes,
        volumetypes,
    )
    from stackdouble.client.openstack.compute.v2 import (
        flavors,
        images,
        keypairs,
        servers,
        versions,
    )
    from stackdouble.client.openstack.compute.v2.extensions import (
        availabilityzones,
        diskconfig,
        startstop,
        volumeattach,
    )
    from stackdouble.client.openstack.identity.v2 import tenants
    from stackdouble.client.openstack.identity.v3 import (
        applicationcredentials,
        credentials,
        domains,
        ec2credentials,
        ec2tokens,
        endpoints,
        groups,
        limits,
        osinherit,
        projects,
        regions,
        registeredlimits,
        roles,
        services,
        tokens,
        users,
    )
    from stackdouble.client.openstack.identity.v3.extensions import (
        endpointgroups,
        projectendpoints,
        trusts,
    )
    from stackdouble.client.openstack.objectstorage.v1 import (
        accounts,
        containers,
        largeobjects,
        objects,
    )
    from stackdouble.fakes import FakeCloud

    with FakeCloud(seed=1) as cloud:
        provider = authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
        admin_provider = authenticated_client(
            openstack.auth_options_from_env(cloud.os_environ(user="admin")))
        image_id = next(iter(cloud.image.images))  # the seeded cirros, in Glance
        server = cloud.compute.create_server(cloud.project_id("demo"), name="app-1",
                                             image_id=image_id, disk_config="AUTO")
        doctest_namespace.update(
            servers=servers, flavors=flavors, images=images, keypairs=keypairs,
            versions=versions, diskconfig=diskconfig, startstop=startstop,
            availabilityzones=availabilityzones, server_id=server.uuid, image_id=image_id,
            flavor_id="1", admin_compute=new_compute_v2(admin_provider),
            public_key="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn6lSGm1Xk7l5XnkDRHPKYCRplCAq"
                       "JmmhKfHZ8b2tzZ deploy@example")
        # The demo account as the real Swift samples leave it, plus an empty `photos`.
        swift = cloud.object_storage
        swift.create_container("demo", "photos")
        swift.create_container("demo", "samples")
        for fruit in ("apple", "banana", "cherry"):
            swift.put_object("demo", "samples", fruit, f"I am {fruit}".encode(),
                             content_type="text/plain")
        doctest_namespace.update(
            openstack=openstack, storage=new_object_storage_v1(provider), accounts=accounts,
            containers=containers, objects=objects, largeobjects=largeobjects)
        # Cinder: one 1 GiB volume of demo's, `available` by the first request.
        cinder = cloud.block_storage
        volume = cinder.create_volume(cinder.caller_for(cloud.project_id("demo")), size=1,
                                      name="vol-1")
        doctest_namespace.update(
            block_storage=new_block_storage_v3(provider), volumes=volumes, snapshots=snapshots,
            volumetypes=volumetypes, volumeattach=volumeattach, volume_id=volume.id,
            quotasets=quotasets, demo_project_id=cloud.project_id("demo"),
            admin_block_storage=new_block_storage_v3(admin_provider))
        doctest_namespace.update(image_client=new_image_v2(provider),
                                 admin_image_client=new_image_v2(admin_provider))
        if request.node.name.startswith(_IMAGE_DOCTESTS):
            _image_examples(cloud, doctest_namespace, monkeypatch, tmp_path)
        doctest_namespace.update(
            cloud=cloud,
            provider=provider,
            admin_provider=admin_provider,
            identity=new_identity_v3(provider),
            admin_identity=new_identity_v3(admin_provider),
            compute=new_compute_v2(provider),
            AuthOptions=AuthOptions,
            EndpointOpts=EndpointOpts,
            authenticated_client=authenticated_client,
            new_client=new_client,
            new_identity_v2=new_identity_v2,
            new_identity_v3=new_identity_v3,
            tokens=tokens,
            projects=projects,
            users=users,
            groups=groups,
            roles=roles,
            osinherit=osinherit,
            domains=domains,
            applicationcredentials=applicationcredentials,
            credentials=credentials,
            ec2credentials=ec2credentials,
            ec2tokens=ec2tokens,
            regions=regions,
            limits=limits,
            registeredlimits=registeredlimits,
            services=services,
            endpoints=endpoints,
            tenants=tenants,
            trusts=trusts,
            endpointgroups=endpointgroups,
            projectendpoints=projectendpoints,
            replace=replace,
        )
        yield


def _image_examples(cloud: FakeCloud, namespace: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
                    tmp_path: Path) -> None:
    """What Glance's examples add: DevStack's second project and user (`alt_demo`, a member
    there) with its client, an `image_id` that is demo's own `queued` raw image (`shared`,
    Glance's default, so it can get members), and a working directory holding `cirros.img`.
    """
    from stackdouble.client import openstack
    from stackdouble.client.openstack import authenticated_client, new_image_v2

    identity = cloud.identity
    alt = identity.create_project("alt_demo")
    user = identity.create_user("alt_demo", password="alt_demo-secret",
                                default_project_id=alt.id)
    identity.grant_role("member", user, project=alt)
    other_provider = authenticated_client(
        openstack.auth_options_from_env(cloud.os_environ(user="alt_demo")))
    glance = cloud.image
    image = glance.create_image(glance.caller_for(cloud.project_id("demo")), name="app-image",
                                disk_format="raw", container_format="bare")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cirros.img").write_bytes(b"cirros disk " * 1024)
    namespace.update(image_id=image.id, other_image_client=new_image_v2(other_provider),
                     other_project_id=alt.id)
