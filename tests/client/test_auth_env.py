"""`openstack.auth_options_from_env`: AuthOptions from an openrc file's `OS_*` variables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackdouble.client import InvalidInput, config, openstack
from stackdouble.client.config import ConfigError
from stackdouble.fakes import FakeCloud

PASSWORD = "s3cret-pw"


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    with FakeCloud(seed=4) as cloud:
        yield cloud


@pytest.fixture
def no_os_vars(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """os.environ without any OS_* variable of the machine running the tests."""
    for key in [k for k in os.environ if k.startswith("OS_")]:
        monkeypatch.delenv(key)
    return monkeypatch


def test_the_fake_clouds_variables_log_in_as_the_user_on_its_project(cloud: FakeCloud) -> None:
    opts = openstack.auth_options_from_env(cloud.os_environ("admin"))
    provider = openstack.authenticated_client(opts)
    assert provider.auth_result.extract_user().name == "admin"
    project = provider.auth_result.extract_project()
    assert project is not None
    assert project.name == "admin"


def test_the_identity_version_variable_versions_the_auth_url(cloud: FakeCloud) -> None:
    opts = openstack.auth_options_from_env(cloud.os_environ())
    assert opts.identity_endpoint == cloud.identity_v3_url
    openstack.authenticated_client(opts)
    assert [(r.method, r.path) for r in cloud.requests] == [
        ("POST", "/identity/v3/auth/tokens")]  # no discovery request


def test_it_reads_the_same_options_as_the_fake_clouds_clouds_yaml(
    cloud: FakeCloud, tmp_path: Path
) -> None:
    path = tmp_path / "clouds.yaml"
    path.write_text(cloud.clouds_yaml(user="admin", project="demo"))
    from_yaml = config.load_cloud("stackdouble", config_files=[path], env={}).auth_options
    assert openstack.auth_options_from_env(cloud.os_environ("admin", "demo")) == from_yaml


def test_a_user_with_only_an_api_key_logs_in_with_it_on_v2(cloud: FakeCloud) -> None:
    cloud.identity.create_user("rax", api_key="rax-api-key",
                               default_project_id=cloud.project_id("demo"))
    cloud.identity.grant_role("member", "rax", project="demo")
    opts = openstack.auth_options_from_env(cloud.os_environ("rax"))
    assert (opts.auth_method, opts.identity_endpoint) == ("api_key", cloud.identity_v2_url)
    provider = openstack.authenticated_client(opts)
    body = cloud.requests.filter(method="POST", path="/identity/v2.0/tokens")[0].body
    assert body["auth"]["RAX-KSKEY:apiKeyCredentials"] == {"username": "rax", "apiKey": "***"}
    assert provider.auth_result.extract_token().tenant.name == "demo"


@pytest.mark.parametrize("versions", [("v3", "v2.0"), ("v2.0",)])
def test_clouds_yaml_and_the_variables_agree_for_key_users_and_v2_clouds(
    versions: tuple[str, ...], tmp_path: Path
) -> None:
    with FakeCloud(seed=4, identity_versions=versions) as cloud:
        cloud.identity.create_user("rax", api_key="rax-api-key",
                                   default_project_id=cloud.project_id("demo"))
        cloud.identity.grant_role("member", "rax", project="demo")
        path = tmp_path / "clouds.yaml"
        for user in ("demo", "rax"):
            path.write_text(cloud.clouds_yaml(user=user))
            from_yaml = config.load_cloud("stackdouble", config_files=[path], env={})
            assert from_yaml.auth_options == openstack.auth_options_from_env(
                cloud.os_environ(user))
            assert openstack.authenticated_client(from_yaml.auth_options).token_id


def test_a_cloud_offering_only_v2_is_reached_on_v2() -> None:
    with FakeCloud(seed=4, identity_versions=("v2.0",)) as cloud:
        opts = openstack.auth_options_from_env(cloud.os_environ())
        assert opts.identity_endpoint == cloud.identity_v2_url
        assert openstack.authenticated_client(opts).token_id is not None


def test_without_env_it_reads_os_environ(cloud: FakeCloud, no_os_vars: pytest.MonkeyPatch) -> None:
    for key, value in cloud.os_environ().items():
        no_os_vars.setenv(key, value)
    opts = openstack.auth_options_from_env()
    assert (opts.username, opts.project_name, opts.password) == ("demo", "demo", "demo-secret")


def test_a_given_env_is_read_instead_of_os_environ(
    cloud: FakeCloud, no_os_vars: pytest.MonkeyPatch
) -> None:
    for key, value in cloud.os_environ().items():
        no_os_vars.setenv(key, value)
    with pytest.raises(ConfigError):
        openstack.auth_options_from_env({})


def test_no_os_variables_at_all_is_a_config_error(no_os_vars: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError) as caught:
        openstack.auth_options_from_env()
    assert str(caught.value) == "no OS_* credentials, auth URL or scope are set"
    assert isinstance(caught.value, ValueError)


def test_a_missing_auth_url_names_the_variable_and_hides_the_password() -> None:
    with pytest.raises(InvalidInput) as caught:
        openstack.auth_options_from_env({"OS_USERNAME": "demo", "OS_PASSWORD": PASSWORD})
    assert caught.value.field == "auth_url"
    assert "(set OS_AUTH_URL)" in str(caught.value)
    assert PASSWORD not in str(caught.value) + repr(caught.value)


def test_every_missing_variable_is_named() -> None:
    env = {"OS_AUTH_URL": "https://keystone.example/v3", "OS_AUTH_TYPE": "password"}
    with pytest.raises(InvalidInput) as caught:
        openstack.auth_options_from_env(env)
    assert caught.value.field == "username"
    assert "(set OS_USERNAME or OS_USER_ID, OS_PASSWORD)" in str(caught.value)


def test_a_missing_api_key_is_named() -> None:
    env = {"OS_AUTH_URL": "https://identity.example", "OS_AUTH_TYPE": "rackspace_apikey",
           "OS_USERNAME": "rax"}
    with pytest.raises(InvalidInput) as caught:
        openstack.auth_options_from_env(env)
    assert (caught.value.field, "(set OS_API_KEY)" in str(caught.value)) == ("api_key", True)


def test_os_trust_id_logs_the_trustee_in_on_the_trust(cloud: FakeCloud) -> None:
    bob = cloud.identity.create_user("bob", password=PASSWORD)
    trust = cloud.identity.create_trust("demo", bob, "demo", ["member"])
    env = {"OS_AUTH_URL": cloud.auth_url, "OS_USER_ID": bob.id, "OS_PASSWORD": PASSWORD,
           "OS_TRUST_ID": trust.id}
    opts = openstack.auth_options_from_env(env)
    assert opts.trust_id == trust.id
    provider = openstack.authenticated_client(opts)
    project = provider.auth_result.extract_project()
    assert project is not None
    assert project.id == cloud.project_id("demo")
    assert provider.auth_result.body["token"]["OS-TRUST:trust"]["id"] == trust.id


def test_a_trust_id_with_a_project_is_refused_naming_both() -> None:
    env = {"OS_AUTH_URL": "https://k.example/v3", "OS_USERNAME": "u", "OS_PASSWORD": "p",
           "OS_TRUST_ID": "t", "OS_PROJECT_NAME": "demo"}
    with pytest.raises(InvalidInput) as caught:
        openstack.auth_options_from_env(env)
    assert "trust_id" in str(caught.value)
