"""Identity through the client: discovery, every auth kind, tokens, projects, tenants, Rackspace.

The seed's own provider → service → resource flow runs in-process and against the served fake.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from stackdouble.client import (
    AuthOptions,
    EndpointNotFound,
    EndpointOpts,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceNotFound,
    Unauthorized,
    openstack,
    rackspace,
)
from stackdouble.client.openstack.identity.v2 import tenants
from stackdouble.client.openstack.identity.v2 import tokens as tokens_v2
from stackdouble.client.openstack.identity.v3 import projects, tokens
from stackdouble.fakes import FakeCloud

TOKEN_PATH = "/identity/v3/auth/tokens"


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud(seed=3) as cloud:
        yield cloud


def test_discovery_prefers_v3_and_asks_the_root_once(cloud: FakeCloud) -> None:
    opts = replace(openstack.auth_options_from_env(cloud.os_environ()),
                   identity_endpoint=cloud.auth_url)
    provider = openstack.authenticated_client(opts)
    assert provider.identity_endpoint == cloud.identity_v3_url + "/"
    assert len(cloud.requests.filter(method="GET", path="/identity")) + len(
        cloud.requests.filter(method="GET", path="/identity/")) == 1


def test_a_versioned_endpoint_skips_discovery(cloud: FakeCloud) -> None:
    opts = openstack.auth_options_from_env(cloud.os_environ())
    assert opts.identity_endpoint == cloud.identity_v3_url
    openstack.authenticated_client(opts)
    assert [r.method for r in cloud.requests] == ["POST"]


def test_discovery_falls_back_to_v2_when_v3_is_not_offered() -> None:
    with FakeCloud(seed=1, identity_versions=("v2.0",)) as cloud:
        opts = replace(openstack.auth_options_from_env(cloud.os_environ()),
                       identity_endpoint=cloud.auth_url)
        provider = openstack.authenticated_client(opts)
        assert provider.identity_endpoint.rstrip("/").endswith("/v2.0")
        assert isinstance(provider.auth_result, tokens_v2.CreateResult)


def test_seed_example_in_process(cloud: FakeCloud) -> None:
    provider = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    compute = openstack.new_compute_v2(provider, EndpointOpts(region="RegionOne"))
    assert compute.endpoint == f"{cloud.base_url}/compute/v2.1/"
    storage = openstack.new_object_storage_v1(provider, EndpointOpts(region="RegionOne"))
    assert storage.endpoint == f"{cloud.base_url}/v1/AUTH_{cloud.project_id('demo')}/"
    volumes = openstack.new_block_storage_v3(provider, EndpointOpts(region="RegionOne"))
    assert volumes.endpoint == f"{cloud.base_url}/volume/v3/{cloud.project_id('demo')}/"


def test_seed_example_against_the_served_fake() -> None:
    cloud = FakeCloud(seed=3)
    with cloud.serve() as served:
        opts = openstack.auth_options_from_env(cloud.os_environ())
        assert opts.identity_endpoint.startswith(served.url)
        provider = openstack.authenticated_client(opts)
        compute = openstack.new_compute_v2(provider, EndpointOpts(region="RegionOne"))
        assert compute.endpoint == f"{served.url}/compute/v2.1/"
        identity = openstack.new_identity_v3(provider)
        assert [p.name for p in projects.list_available(identity).items()] == ["demo"]


def test_v3_token_holds_user_project_expanded_roles_and_catalog(cloud: FakeCloud) -> None:
    identity = openstack.new_identity_v3(openstack.new_client(cloud.auth_url))
    result = tokens.create(identity, openstack.auth_options_from_env(cloud.os_environ()))
    token = result.extract_token()
    assert token.methods == ("password",)
    assert token.expires_at is not None
    assert token.issued_at is not None
    assert (token.expires_at - token.issued_at).total_seconds() == cloud.token_ttl
    assert result.extract_user().name == "demo"
    project = result.extract_project()
    assert project is not None
    assert project.name == "demo"
    assert sorted(r.name for r in result.extract_roles()) == ["member", "reader"]
    catalog = result.extract_catalog()
    assert {"identity", "compute", "object-store", "block-storage"} <= set(catalog.types())


def test_v3_validate_get_and_revoke(cloud: FakeCloud) -> None:
    admin_opts = openstack.auth_options_from_env(cloud.os_environ(user="admin"))
    identity = openstack.new_identity_v3(openstack.authenticated_client(admin_opts))
    demo_opts = openstack.auth_options_from_env(cloud.os_environ())
    other = tokens.create(identity, demo_opts).extract_token()

    assert tokens.validate(identity, other.id) is True
    assert tokens.get(identity, other.id).extract_user().name == "demo"
    tokens.revoke(identity, other.id).extract_err()
    assert tokens.validate(identity, other.id) is False
    with pytest.raises(NotFound) as info:
        tokens.get(identity, other.id).extract()
    assert info.value.fault is not None
    assert other.id not in info.value.fault


def test_user_id_and_project_id_authenticate(cloud: FakeCloud) -> None:
    demo = openstack.auth_options_from_env(cloud.os_environ())
    opts = AuthOptions(identity_endpoint=demo.identity_endpoint, user_id=cloud.user_id("demo"),
                       password=demo.password, project_id=cloud.project_id("demo"))
    result = openstack.authenticated_client(opts).auth_result
    assert result.extract_user().name == "demo"


def test_application_credential_authenticates_with_its_own_scope(cloud: FakeCloud) -> None:
    cred_id, secret = cloud.identity.create_application_credential(
        cloud.user_id("demo"), "ci")
    opts = AuthOptions(identity_endpoint=cloud.auth_url, application_credential_id=cred_id,
                       application_credential_secret=secret)
    provider = openstack.authenticated_client(opts)
    assert provider.auth_result.extract_token().methods == ("application_credential",)
    project = provider.auth_result.extract_project()
    assert project is not None
    assert project.name == "demo"
    assert secret not in repr(opts)


def test_application_credential_with_a_scope_is_rejected_before_sending(
    cloud: FakeCloud,
) -> None:
    opts = AuthOptions(identity_endpoint=cloud.auth_url, application_credential_id="x",
                       application_credential_secret="y", project_name="demo",
                       domain_name="Default")
    with pytest.raises(InvalidInput, match="carries its own scope"):
        openstack.authenticated_client(opts)


def test_a_lone_token_is_used_as_it_is(cloud: FakeCloud) -> None:
    first = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    assert first.token_id is not None
    posts_before = len(cloud.requests.filter(method="POST", path=TOKEN_PATH))
    provider = openstack.authenticated_client(
        AuthOptions(identity_endpoint=cloud.auth_url, token_id=first.token_id))
    assert provider.token_id == first.token_id
    assert len(cloud.requests.filter(method="POST", path=TOKEN_PATH)) == posts_before
    assert openstack.new_compute_v2(provider).endpoint.endswith("/compute/v2.1/")


def test_a_token_with_a_scope_is_exchanged_for_a_new_one(cloud: FakeCloud) -> None:
    first = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    assert first.token_id is not None
    opts = AuthOptions(identity_endpoint=cloud.auth_url, token_id=first.token_id,
                       project_name="demo", domain_name="Default")
    provider = openstack.authenticated_client(opts)
    assert provider.token_id != first.token_id
    # Keystone keeps the original token's methods next to "token".
    assert "token" in provider.auth_result.extract_token().methods


def test_domain_scoped_token_has_no_project(cloud: FakeCloud) -> None:
    opts = replace(openstack.auth_options_from_env(cloud.os_environ(user="admin")),
                   project_name=None, scope_domain_name="Default")
    result = openstack.authenticated_client(opts).auth_result
    assert result.extract_project() is None
    domain = result.extract_domain()
    assert domain is not None
    assert domain.id == "default"


def test_projects_list_pages_with_limit_for_an_admin(cloud: FakeCloud) -> None:
    for i in range(5):
        cloud.identity.create_project(f"extra-{i}")
    admin_opts = openstack.auth_options_from_env(cloud.os_environ(user="admin"))
    identity = openstack.new_identity_v3(openstack.authenticated_client(admin_opts))
    pages: list[list[str]] = []
    projects.list(identity, projects.ListOpts(limit=3)).each_page(
        lambda page: pages.append([p.name for p in projects.extract_projects(page)]))
    names = [n for page in pages for n in page]
    assert sorted(names) == sorted(["admin", "demo", "service"] + [f"extra-{i}" for i in range(5)])
    assert [len(page) for page in pages] == [3, 3, 2]


def test_projects_list_is_forbidden_to_a_member_as_keystone_answers(cloud: FakeCloud) -> None:
    opts = openstack.auth_options_from_env(cloud.os_environ())
    identity = openstack.new_identity_v3(openstack.authenticated_client(opts))
    with pytest.raises(Forbidden) as info:
        list(projects.list(identity).items())
    assert info.value.fault == (
        "You are not authorized to perform the requested action: identity:list_projects.")


def test_a_missing_service_names_what_was_asked_and_what_exists(cloud: FakeCloud) -> None:
    cloud.identity.delete_service(cloud.identity.find_service("image").id)  # a cloud without
    provider = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    with pytest.raises(ServiceNotFound) as info:
        openstack.new_image_v2(provider, EndpointOpts(region="RegionOne"))
    message = str(info.value)
    assert "type 'image'" in message
    assert "region 'RegionOne'" in message
    assert "interface 'public'" in message
    assert "compute 'nova' in RegionOne" in message


def test_a_missing_region_names_the_regions_offered(cloud: FakeCloud) -> None:
    provider = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    with pytest.raises(EndpointNotFound) as info:
        openstack.new_compute_v2(provider, EndpointOpts(region="RegionTwo"))
    assert "in RegionOne" in str(info.value)


def test_a_second_compute_service_makes_the_catalog_ambiguous_until_named(
    cloud: FakeCloud,
) -> None:
    service = cloud.identity.add_service("compute", "cloudServers")
    cloud.identity.add_endpoint(service, "public", "http://legacy.stackdouble.test/v1.0",
                                "RegionOne")
    provider = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
    from stackdouble.client import AmbiguousEndpoint

    with pytest.raises(AmbiguousEndpoint):
        openstack.new_compute_v2(provider)
    named = openstack.new_compute_v2(provider, EndpointOpts(name="nova"))
    assert named.endpoint.endswith("/compute/v2.1/")


def test_v2_password_token_and_tenants(cloud: FakeCloud) -> None:
    opts = replace(openstack.auth_options_from_env(cloud.os_environ()),
                   identity_endpoint=cloud.identity_v2_url)
    provider = openstack.authenticated_client(opts)
    result = provider.auth_result
    token = result.extract_token()
    assert token.tenant is not None
    assert token.tenant.name == "demo"
    assert result.extract_user().name == "demo"
    assert token.expires_at is not None
    identity = openstack.new_identity_v2(provider)
    assert [t.name for t in tenants.list(identity).items()] == ["demo"]
    compute = openstack.new_compute_v2(provider)
    assert compute.endpoint.endswith("/compute/v2.1/")


def test_v2_wrong_password_is_unauthorized(cloud: FakeCloud) -> None:
    opts = replace(openstack.auth_options_from_env(cloud.os_environ()),
                   identity_endpoint=cloud.identity_v2_url, password="wrong")
    with pytest.raises(Unauthorized) as info:
        openstack.authenticated_client(opts)
    assert info.value.fault == "The request you have made requires authentication."


def test_rackspace_api_key_authenticates_and_reauthenticates(cloud: FakeCloud) -> None:
    opts = AuthOptions(identity_endpoint=cloud.base_url + "/identity", username="demo",
                       api_key="demo-api-key", tenant_name="demo")
    provider = rackspace.authenticated_client(opts)
    body = cloud.requests.filter(method="POST", path="/identity/v2.0/tokens")[0].body
    assert body["auth"]["RAX-KSKEY:apiKeyCredentials"] == {"username": "demo", "apiKey": "***"}
    cloud.clock.advance(cloud.token_ttl + 1)
    tenants_seen = [t.name for t in tenants.list(openstack.new_identity_v2(provider)).items()]
    assert tenants_seen == ["demo"]
    assert provider.reauth_count == 1


def test_rackspace_wrong_api_key_is_unauthorized(cloud: FakeCloud) -> None:
    opts = AuthOptions(identity_endpoint=cloud.identity_v2_url, username="demo",
                       api_key="nope", tenant_name="demo")
    with pytest.raises(Unauthorized):
        rackspace.authenticated_client(opts)
