"""The Rackspace provider against the fake's Rackspace profile, in-process and served.

A Rackspace user logs in with an API key and no tenant, gets the account's default tenant,
and reaches Cloud Servers, Cloud Files and Cloud Block Storage through Rackspace's catalog
names. URLs are read from the catalog, never written here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackdouble.client import (
    AuthOptions,
    EndpointOpts,
    ProviderClient,
    Unauthorized,
    openstack,
    rackspace,
)
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.objectstorage.v1 import containers
from stackdouble.fakes import FakeCloud

DFW = EndpointOpts(region="DFW")


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud(profile="rackspace", seed=7) as cloud:
        yield cloud


def _login(cloud: FakeCloud, identity_endpoint: str | None = None) -> ProviderClient:
    return rackspace.authenticated_client(AuthOptions(
        identity_endpoint=identity_endpoint or cloud.auth_url, username="demo",
        api_key="demo-api-key"))


def _tenant(cloud: FakeCloud) -> str:
    tenant: str = cloud.credentials()["project_id"]
    return tenant


def test_api_key_without_tenant_is_scoped_to_the_default_tenant(cloud: FakeCloud) -> None:
    provider = _login(cloud)
    token = provider.auth_result.extract_token()
    assert token.tenant is not None
    assert token.tenant.id == token.tenant.name == _tenant(cloud)
    sent = cloud.requests.filter(method="POST", path="/identity/v2.0/tokens")[0].body
    assert sent == {"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "demo",
                                                             "apiKey": "***"}}}


def test_constructors_find_services_by_rackspace_names(cloud: FakeCloud) -> None:
    provider = _login(cloud)
    catalog = provider.auth_result.extract_service_catalog()
    names = {(e.type, e.name) for e in catalog.entries}
    assert {("compute", "cloudServersOpenStack"), ("object-store", "cloudFiles"),
            ("rax:object-cdn", "cloudFilesCDN"), ("volume", "cloudBlockStorage")} <= names
    files = rackspace.new_object_storage_v1(provider, DFW)
    assert files.endpoint.rstrip("/").endswith(_tenant(cloud))
    assert rackspace.new_object_cdn_v1(provider, DFW).endpoint == files.endpoint


def test_lists_servers_through_cloud_servers(cloud: FakeCloud) -> None:
    image_id = next(iter(cloud.image.images))
    created = cloud.compute.create_server(_tenant(cloud), name="web-1", image_id=image_id)
    compute = rackspace.new_compute_v2(_login(cloud), DFW)
    assert [(s.id, s.name) for s in servers.list(compute).items()] == [(created.uuid, "web-1")]


def test_creates_and_lists_containers_through_cloud_files(cloud: FakeCloud) -> None:
    files = rackspace.new_object_storage_v1(_login(cloud), DFW)
    containers.create(files, "backups").extract_err()
    assert list(containers.list(files).items()) == ["backups"]
    assert cloud.object_storage.names(_tenant(cloud)) == ["backups"]


def test_creates_and_lists_volumes_through_cloud_block_storage(cloud: FakeCloud) -> None:
    storage = rackspace.new_block_storage_v1(_login(cloud), DFW)
    volume = volumes.create(storage, volumes.CreateOpts(size=1, name="data")).extract()
    assert [(v.id, v.name) for v in volumes.list(storage).items()] == [(volume.id, "data")]


def test_os_environ_logs_in_with_the_api_key_on_v2(cloud: FakeCloud) -> None:
    opts = openstack.auth_options_from_env(cloud.os_environ())
    assert (opts.api_key, opts.password, opts.project_name) == ("demo-api-key", None, None)
    provider = rackspace.authenticated_client(opts)
    token = provider.auth_result.extract_token()
    assert token.tenant is not None
    assert token.tenant.id == _tenant(cloud)


def test_reauthenticates_when_the_day_long_token_expires(cloud: FakeCloud) -> None:
    files = rackspace.new_object_storage_v1(_login(cloud), DFW)
    cloud.clock.advance(24 * 3600 + 1)
    assert list(containers.list(files).items()) == []
    assert files.provider.reauth_count == 1


def test_wrong_api_key_is_unauthorized_with_rackspaces_message(cloud: FakeCloud) -> None:
    with pytest.raises(Unauthorized) as caught:
        rackspace.authenticated_client(AuthOptions(
            identity_endpoint=cloud.auth_url, username="demo", api_key="wrong"))
    assert caught.value.status == 401
    assert caught.value.body == {"unauthorized": {
        "code": 401, "message": "Error code: 'AUTH-008'; Username or api key is invalid."}}
    assert "401 unauthorized: Error code: 'AUTH-008'" in str(caught.value)


def test_served_rackspace_cloud_lists_containers() -> None:
    cloud = FakeCloud(profile="rackspace", seed=7)
    cloud.object_storage.create_container(cloud.credentials()["project_id"], "logs")
    with cloud.serve() as served:
        provider = _login(cloud, served.url + "/identity")
        files = rackspace.new_object_storage_v1(provider, EndpointOpts(region="ORD"))
        assert files.endpoint.startswith(served.url + "/")
        assert list(containers.list(files).items()) == ["logs"]


def test_readme_rackspace_example_runs_as_written() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"### The Rackspace profile.*?```python\n(.*?)```", readme, re.S)
    assert found is not None
    namespace: dict[str, object] = {}
    exec(compile(found.group(1), "README.md", "exec"), namespace)
    cloud = namespace["cloud"]
    assert isinstance(cloud, FakeCloud)
    assert cloud.object_storage.names(cloud.credentials()["project_id"]) == ["backups"]
