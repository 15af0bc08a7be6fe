"""Application credential access rules enforced by every fake service, as keystonemiddleware
does in each (`validate_allowed_request`): a token from a credential with rules may make only
the requests a rule of that service's catalog type allows, on the path the service sees
(under the fake's mounts, as under DevStack's: `/compute/v2.1/...`); any other is the
service's 401."""

from __future__ import annotations

import pytest

from stackdouble.client import AuthOptions, ProviderClient, ServiceClient, Unauthorized, openstack
from stackdouble.client.openstack.blockstorage.v3 import volumes
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.identity.v3 import applicationcredentials as ac
from stackdouble.client.openstack.objectstorage.v1 import containers
from stackdouble.fakes import FakeCloud


def restricted_provider(cloud: FakeCloud, member: ServiceClient,
                        rules: list[ac.AccessRule]) -> ProviderClient:
    me = cloud.user_id("demo")
    name = f"ci-{len(cloud.identity.application_credentials)}"
    cred = ac.create(member, me, ac.CreateOpts(name=name, access_rules=rules)).extract()
    return openstack.authenticated_client(AuthOptions(
        identity_endpoint=cloud.auth_url, application_credential_id=cred.id,
        application_credential_secret=cred.secret))


LIST_SERVERS = [ac.AccessRule(service="compute", method="GET", path="/compute/v2.1/servers"),
                ac.AccessRule(service="compute", method="GET",
                              path="/compute/v2.1/servers/detail")]


def test_a_credential_allowed_to_list_servers_lists_them(
        cloud: FakeCloud, member: ServiceClient) -> None:
    compute = openstack.new_compute_v2(restricted_provider(cloud, member, LIST_SERVERS))
    assert list(servers.list(compute).items()) == []


def test_it_may_not_create_a_server(cloud: FakeCloud, member: ServiceClient) -> None:
    compute = openstack.new_compute_v2(restricted_provider(cloud, member, LIST_SERVERS))
    with pytest.raises(Unauthorized) as caught:
        servers.create(compute, servers.CreateOpts(
            name="web", image_ref="x", flavor_ref="1")).extract()
    assert caught.value.status == 401
    assert caught.value.method == "POST"


def test_it_may_not_list_volumes(cloud: FakeCloud, member: ServiceClient) -> None:
    provider = restricted_provider(cloud, member, LIST_SERVERS)
    block = openstack.new_block_storage_v3(provider)
    with pytest.raises(Unauthorized):
        list(volumes.list(block).items())


def test_a_rule_is_for_one_service_type(cloud: FakeCloud, member: ServiceClient) -> None:
    """A compute rule on the block storage path does not let the request through, and a
    block-storage one does."""
    project = cloud.project_id("demo")
    path = f"/volume/v3/{project}/volumes/detail"
    wrong = restricted_provider(cloud, member, [
        ac.AccessRule(service="compute", method="GET", path=path)])
    with pytest.raises(Unauthorized):
        list(volumes.list(openstack.new_block_storage_v3(wrong)).items())
    right = restricted_provider(cloud, member, [
        ac.AccessRule(service="block-storage", method="GET", path=path)])
    assert list(volumes.list(openstack.new_block_storage_v3(right)).items()) == []


def test_the_rules_path_is_the_one_the_service_sees(
        cloud: FakeCloud, member: ServiceClient) -> None:
    """Nova is mounted at `/compute`, so a rule for `/v2.1/servers` (a Nova at the root)
    allows nothing here."""
    compute = openstack.new_compute_v2(restricted_provider(cloud, member, [
        ac.AccessRule(service="compute", method="GET", path="/v2.1/servers/detail")]))
    with pytest.raises(Unauthorized):
        list(servers.list(compute).items())


def test_swift_treats_a_disallowed_token_as_anonymous(
        cloud: FakeCloud, member: ServiceClient) -> None:
    """Swift's keystonemiddleware delays the auth decision: the token is invalid there,
    the caller anonymous, and keystoneauth answers 401."""
    provider = restricted_provider(cloud, member, LIST_SERVERS)
    swift = openstack.new_object_storage_v1(provider)
    with pytest.raises(Unauthorized):
        list(containers.list(swift).items())


def test_an_unrestricted_credential_reaches_every_service(
        cloud: FakeCloud, member: ServiceClient) -> None:
    provider = restricted_provider(cloud, member, [])
    assert list(servers.list(openstack.new_compute_v2(provider)).items()) == []
    assert list(volumes.list(openstack.new_block_storage_v3(provider)).items()) == []
