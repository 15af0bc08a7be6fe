"""FakeCloud's Python API: defaults, reset, seed, dump, credentials, token controls."""

from __future__ import annotations

import pytest
import requests
import yaml

from stackdouble.fakes import FakeClock, FakeCloud
from tests.fakes.conftest import START
from tests.fakes.helpers import password_body, post_token


def frozen_cloud(seed: int) -> FakeCloud:
    return FakeCloud(seed=seed, clock=FakeClock(start=START))


def test_default_state_has_keystones_bootstrap() -> None:
    identity = FakeCloud().identity
    assert sorted(p.name for p in identity.projects.values()) == ["admin", "demo", "service"]
    assert sorted(r.name for r in identity.roles.values()) == [
        "admin", "manager", "member", "reader", "service"]
    assert identity.find_domain("default").name == "Default"
    assert sorted(identity.regions) == ["RegionOne"]


def test_same_seed_gives_the_same_ids_and_tokens() -> None:
    a, b = frozen_cloud(11), frozen_cloud(11)
    assert sorted(a.identity.projects) == sorted(b.identity.projects)
    assert a.identity.issue_token("demo", project="demo") == b.identity.issue_token(
        "demo", project="demo")


def test_different_seeds_give_different_ids() -> None:
    assert sorted(frozen_cloud(1).identity.projects) != sorted(frozen_cloud(2).identity.projects)


def test_same_seed_gives_the_same_token_over_http(http: requests.Session) -> None:
    tokens = []
    for _ in range(2):
        with frozen_cloud(8) as cloud:
            tokens.append(post_token(http, cloud, password_body()).headers["X-Subject-Token"])
    assert tokens[0] == tokens[1]


def test_reset_restores_defaults_and_the_seeds_ids(http: requests.Session) -> None:
    cloud = frozen_cloud(4)
    ids = sorted(cloud.identity.projects)
    cloud.identity.create_project("extra")
    cloud.inject_fault("GET", "*", status=500)
    cloud.reset()
    assert sorted(cloud.identity.projects) == ids
    assert len(cloud.faults) == 0


def test_seed_reseeds_and_resets() -> None:
    cloud = frozen_cloud(1)
    cloud.seed(2)
    assert sorted(cloud.identity.projects) == sorted(frozen_cloud(2).identity.projects)


def test_dump_has_no_secrets() -> None:
    cloud = FakeCloud()
    token = cloud.identity.issue_token("demo", project="demo")
    _, secret = cloud.identity.create_application_credential("demo", "ci")
    text = repr(cloud.dump())
    for value in ("demo-secret", "admin-secret", "demo-api-key", token, secret):
        assert value not in text


def test_tokens_issued_counts_every_token(cloud: FakeCloud, http: requests.Session) -> None:
    post_token(http, cloud, password_body())
    cloud.identity.issue_token("admin", project="admin")
    post_token(http, cloud, password_body(password="wrong"))
    assert cloud.identity.tokens_issued == 2


def test_expire_token_makes_it_invalid(cloud: FakeCloud) -> None:
    token = cloud.identity.issue_token("demo", project="demo")
    cloud.identity.expire_token(token)
    assert cloud.identity.validate_auth_token(token) is None


def test_expire_all_tokens_counts_the_valid_ones(cloud: FakeCloud) -> None:
    cloud.identity.issue_token("demo", project="demo")
    cloud.identity.issue_token("admin", project="admin")
    assert cloud.identity.expire_all_tokens() == 2


def test_token_context_gives_services_what_they_need(cloud: FakeCloud) -> None:
    context = cloud.identity.token_context(cloud.identity.issue_token("admin", project="admin"))
    assert (context.user_name, context.project_name, context.scope) == ("admin", "admin",
                                                                       "project")
    assert context.is_admin
    assert context.has_role("reader")
    assert context.token_id not in repr(context)


def test_grant_role_needs_exactly_one_target(cloud: FakeCloud) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        cloud.identity.grant_role("member", "demo")


def test_issue_token_without_a_role_is_a_value_error(cloud: FakeCloud) -> None:
    with pytest.raises(ValueError, match="no role"):
        cloud.identity.issue_token("demo", project="admin")


def test_os_environ_logs_in_as_demo_on_its_project() -> None:
    env = FakeCloud().os_environ()
    assert {key: env[key] for key in (
        "OS_AUTH_URL", "OS_AUTH_TYPE", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME",
        "OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME")} == {
        "OS_AUTH_URL": "http://cloud.stackdouble.test/identity", "OS_AUTH_TYPE": "password",
        "OS_USERNAME": "demo", "OS_PASSWORD": "demo-secret", "OS_PROJECT_NAME": "demo",
        "OS_USER_DOMAIN_NAME": "Default", "OS_PROJECT_DOMAIN_NAME": "Default"}
    assert "OS_API_KEY" not in env  # demo has a password too: the password is used


def test_os_environ_for_a_user_with_only_an_api_key_is_rackspace_on_v2() -> None:
    cloud = FakeCloud()
    cloud.identity.create_user("rax", api_key="rax-key", default_project_id="demo")
    env = cloud.os_environ("rax")
    assert (env["OS_AUTH_TYPE"], env["OS_API_KEY"], env["OS_IDENTITY_API_VERSION"],
            env["OS_PROJECT_NAME"]) == ("rackspace_apikey", "rax-key", "2.0", "demo")
    assert "OS_PASSWORD" not in env


def test_os_environ_names_v2_when_the_cloud_offers_only_v2() -> None:
    env = FakeCloud(identity_versions=("v2.0",)).os_environ()
    assert env["OS_IDENTITY_API_VERSION"] == "2.0"


@pytest.mark.parametrize(("base_url", "hosts"), [
    ("HTTPS://Cloud.Example:443/prefix", {"cloud.example"}),
    ("http://cloud.example:80", {"cloud.example"}),
    ("http://cloud.example:443", {"cloud.example:443"}),
    ("https://cloud.example:8443", {"cloud.example:8443"})])
def test_hosts_are_normalised_as_the_transport_normalises_request_urls(
    base_url: str, hosts: set[str]
) -> None:
    assert FakeCloud(base_url=base_url).hosts == hosts


def test_clouds_yaml_is_valid_yaml_for_openstacksdk() -> None:
    doc = yaml.safe_load(FakeCloud().clouds_yaml("mine"))
    assert doc["clouds"]["mine"] == {
        "auth": {"auth_url": "http://cloud.stackdouble.test/identity", "username": "demo",
                 "password": "demo-secret", "project_name": "demo",
                 "project_domain_name": "Default", "user_domain_name": "Default"},
        "region_name": "RegionOne", "interface": "public", "identity_api_version": 3}


def test_os_environ_has_the_os_variables() -> None:
    env = FakeCloud().os_environ("admin")
    assert (env["OS_USERNAME"], env["OS_PROJECT_NAME"], env["OS_IDENTITY_API_VERSION"]) == (
        "admin", "admin", "3")


def test_add_service_and_endpoint_reach_the_catalog(cloud: FakeCloud,
                                                    http: requests.Session) -> None:
    service = cloud.identity.add_service("image", "glance")
    cloud.identity.add_endpoint(service.id, "public", cloud.base_url + "/image", "RegionOne")
    catalog = post_token(http, cloud, password_body()).json()["token"]["catalog"]
    assert catalog[-1]["type"] == "image"


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"base_url": "ftp://x"}, "base_url"), ({"regions": ()}, "regions"),
    ({"identity_versions": ("v4",)}, "identity_versions"), ({"token_ttl": 0}, "token_ttl")])
def test_bad_arguments_are_refused(kwargs: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        FakeCloud(**kwargs)  # type: ignore[arg-type]


def test_token_ttl_sets_the_expiry(http: requests.Session) -> None:
    with FakeCloud(token_ttl=60, clock=FakeClock(start=START)) as cloud:
        token = post_token(http, cloud, password_body()).json()["token"]
    assert token["expires_at"] == "2026-11-27T08:57:16.000000Z"


def test_project_id_and_user_id_look_up_by_name(cloud: FakeCloud) -> None:
    assert cloud.identity.projects[cloud.project_id("demo")].name == "demo"
    assert cloud.identity.users[cloud.user_id("admin")].name == "admin"


def test_identity_api_accepts_model_objects(cloud: FakeCloud) -> None:
    service = cloud.identity.add_service("compute", "cloudServers")
    endpoint = cloud.identity.add_endpoint(service, "public", "http://legacy.test/v1.0")
    assert endpoint.service_id == service.id


def test_clouds_share_route_tables_built_for_the_same_options() -> None:
    first, second = FakeCloud(), FakeCloud()
    v3_only = FakeCloud(identity_versions=("v3",))
    for name in ("identity", "compute", "block-storage", "image", "object-store"):
        assert first.services[name].router is second.services[name].router, name
    assert first.services["identity"].router is not v3_only.services["identity"].router
    with v3_only:
        assert requests.get(v3_only.identity_v2_url).status_code == 404
    with first:
        assert requests.get(first.identity_v2_url).status_code == 200
