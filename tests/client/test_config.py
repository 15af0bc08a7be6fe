"""clouds.yaml, secure.yaml and OS_* variables, read as openstacksdk reads them.

Every test runs in an empty temporary home and working directory, with the site directories
(`/etc/xdg`, `/etc/openstack`) redirected, so the machine's own files are never read.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import config as config_module
from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._options import Availability
from stackdouble.client.config import AUTH_TYPES, CloudConfig, ConfigError, from_env, load_cloud

PASSWORD = "pw-Sup3r-S3cret"

TOKEN_CLOUD = """
clouds:
  {name}:
    auth:
      auth_url: https://{name}.example:5000/v3
      token: tok
"""


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Empty stand-ins for every directory on the search path; cwd is `work`."""
    places = {
        "work": tmp_path / "work",
        "home": tmp_path / "home",
        "xdg_home": tmp_path / "xdg-home",
        "xdg_site": tmp_path / "xdg-site",
        "site": tmp_path / "etc-openstack",
    }
    for path in places.values():
        path.mkdir()
    monkeypatch.chdir(places["work"])
    monkeypatch.setenv("HOME", str(places["home"]))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    monkeypatch.setattr(config_module, "_XDG_SITE_DIR", str(places["xdg_site"]))
    monkeypatch.setattr(config_module, "_UNIX_SITE_DIR", str(places["site"]))
    return places


@pytest.fixture
def env(dirs: dict[str, Path]) -> dict[str, str]:
    """An environment with the temporary home and nothing else."""
    return {"HOME": str(dirs["home"])}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def load(text: str, tmp_path: Path, **kwargs: object) -> CloudConfig:
    """Load from one clouds.yaml holding `text`, with no secure.yaml and no environment."""
    path = write(tmp_path / "only" / "clouds.yaml", text)
    options: dict[str, object] = {"config_files": [path], "secure_files": [], "env": {}}
    options.update(kwargs)
    return load_cloud(**options)  # type: ignore[arg-type]


# --- the search path ---------------------------------------------------------------------


def test_search_path_order_first_hit_wins(dirs: dict[str, Path], env: dict[str, str]) -> None:
    env["XDG_CONFIG_HOME"] = str(dirs["xdg_home"])
    places = [
        ("cwd", dirs["work"]),
        ("xdghome", dirs["xdg_home"] / "openstack"),
        ("dotconfig", dirs["home"] / ".config" / "openstack"),
        ("xdgsite", dirs["xdg_site"] / "openstack"),
        ("site", dirs["site"]),
    ]
    files = [write(folder / "clouds.yaml", TOKEN_CLOUD.format(name=n)) for n, folder in places]
    for (name, _), path in zip(places, files, strict=True):
        cloud = load_cloud(env=env)
        assert (cloud.name, cloud.source) == (name, str(path))
        path.unlink()


def test_os_client_config_file_is_tried_before_the_working_directory(
    dirs: dict[str, Path], env: dict[str, str]
) -> None:
    write(dirs["work"] / "clouds.yaml", TOKEN_CLOUD.format(name="cwd"))
    elsewhere = write(dirs["home"] / "mine.yaml", TOKEN_CLOUD.format(name="mine"))
    env["OS_CLIENT_CONFIG_FILE"] = str(elsewhere)
    assert load_cloud(env=env).name == "mine"


def test_os_client_config_file_is_tried_before_explicit_config_files(
    tmp_path: Path, env: dict[str, str]
) -> None:
    given = write(tmp_path / "given.yaml", TOKEN_CLOUD.format(name="given"))
    override = write(tmp_path / "override.yaml", TOKEN_CLOUD.format(name="override"))
    env["OS_CLIENT_CONFIG_FILE"] = str(override)
    assert load_cloud(config_files=[given], env=env).name == "override"


def test_missing_os_client_config_file_falls_back_to_the_search_path(
    dirs: dict[str, Path], env: dict[str, str]
) -> None:
    write(dirs["work"] / "clouds.yaml", TOKEN_CLOUD.format(name="cwd"))
    env["OS_CLIENT_CONFIG_FILE"] = str(dirs["home"] / "absent.yaml")
    assert load_cloud(env=env).name == "cwd"


def test_yaml_beats_yml_in_the_same_directory(dirs: dict[str, Path], env: dict[str, str]) -> None:
    write(dirs["work"] / "clouds.yml", TOKEN_CLOUD.format(name="yml"))
    assert load_cloud(env=env).name == "yml"
    write(dirs["work"] / "clouds.yaml", TOKEN_CLOUD.format(name="yaml"))
    assert load_cloud(env=env).name == "yaml"


def test_json_is_read(dirs: dict[str, Path], env: dict[str, str]) -> None:
    write(
        dirs["home"] / ".config" / "openstack" / "clouds.json",
        '{"clouds": {"js": {"auth": {"auth_url": "https://js.example/v3", "token": "t"},'
        ' "compute_default_microversion": 2.10}}}',
    )
    cloud = load_cloud(env=env)
    assert cloud.name == "js"
    assert cloud.service_options["compute"]["default_microversion"] == "2.10"


def test_xdg_config_home_is_searched_before_dot_config(
    dirs: dict[str, Path], env: dict[str, str]
) -> None:
    write(dirs["home"] / ".config" / "openstack" / "clouds.yaml", TOKEN_CLOUD.format(name="dot"))
    write(dirs["xdg_home"] / "openstack" / "clouds.yaml", TOKEN_CLOUD.format(name="xdg"))
    assert load_cloud(env=env).name == "dot"
    env["XDG_CONFIG_HOME"] = str(dirs["xdg_home"])
    assert load_cloud(env=env).name == "xdg"


def test_first_entry_of_xdg_config_dirs_is_the_site_dir(
    dirs: dict[str, Path], env: dict[str, str], tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(second / "openstack" / "clouds.yaml", TOKEN_CLOUD.format(name="second"))
    write(first / "openstack" / "clouds.yaml", TOKEN_CLOUD.format(name="first"))
    env["XDG_CONFIG_DIRS"] = f"{first}:{second}"
    assert load_cloud(env=env).name == "first"


def test_environment_defaults_to_os_environ(
    dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["xdg_home"]))
    write(dirs["xdg_home"] / "openstack" / "clouds.yaml", TOKEN_CLOUD.format(name="xdg"))
    for key in [k for k in os.environ if k.startswith("OS_")]:
        monkeypatch.delenv(key)
    assert load_cloud().name == "xdg"


# --- secure.yaml -------------------------------------------------------------------------


def test_secure_yaml_is_merged_over_clouds_yaml(dirs: dict[str, Path], env: dict[str, str]) -> None:
    clouds = write(
        dirs["work"] / "clouds.yaml",
        """
        clouds:
          demo:
            auth: {auth_url: "https://k.example/v3", username: demo, user_domain_name: Default}
            region_name: RegionOne
        """,
    )
    secure = write(
        dirs["home"] / ".config" / "openstack" / "secure.yaml",
        f"clouds: {{demo: {{auth: {{password: {PASSWORD}}}, region_name: RegionTwo}}}}",
    )
    cloud = load_cloud("demo", env=env)
    assert cloud.auth_options.password == PASSWORD
    assert cloud.auth_options.username == "demo"
    assert cloud.endpoint_opts.region == "RegionTwo"
    assert cloud.source == f"{clouds}, {secure}"
    assert PASSWORD not in repr(cloud)


def test_os_client_secure_file_is_tried_first(dirs: dict[str, Path], env: dict[str, str]) -> None:
    write(dirs["work"] / "clouds.yaml", "clouds: {demo: {auth: {auth_url: 'https://k/v3'}}}")
    write(dirs["work"] / "secure.yaml", "clouds: {demo: {auth: {token: from-cwd}}}")
    mine = write(dirs["home"] / "s.json", '{"clouds": {"demo": {"auth": {"token": "mine"}}}}')
    env["OS_CLIENT_SECURE_FILE"] = str(mine)
    assert load_cloud(env=env).auth_options.token_id == "mine"


def test_a_cloud_only_in_secure_yaml_is_found(tmp_path: Path) -> None:
    secure = write(tmp_path / "secure.yaml", TOKEN_CLOUD.format(name="hidden"))
    cloud = load_cloud(config_files=[], secure_files=[secure], env={})
    assert (cloud.name, cloud.source) == ("hidden", str(secure))


# --- choosing a cloud --------------------------------------------------------------------

TWO_CLOUDS = TOKEN_CLOUD.format(name="a") + TOKEN_CLOUD.format(name="b").replace("clouds:", "")


def test_explicit_name_beats_os_cloud(tmp_path: Path) -> None:
    assert load(TWO_CLOUDS, tmp_path, name="a", env={"OS_CLOUD": "b"}).name == "a"


def test_os_cloud_chooses_the_cloud(tmp_path: Path) -> None:
    assert load(TWO_CLOUDS, tmp_path, env={"OS_CLOUD": "b"}).name == "b"


def test_the_only_cloud_is_the_default(tmp_path: Path) -> None:
    assert load(TOKEN_CLOUD.format(name="solo"), tmp_path).name == "solo"


def test_several_clouds_and_no_choice_is_an_error_listing_them(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(TWO_CLOUDS, tmp_path)
    assert caught.value.available == ("a", "b")
    assert "a, b" in str(caught.value)
    assert "OS_CLOUD" in str(caught.value)


def test_unknown_cloud_names_what_exists_and_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(TWO_CLOUDS, tmp_path, name="c")
    err = caught.value
    assert (err.cloud, err.available) == ("c", ("a", "b"))
    assert err.searched == (str(tmp_path / "only" / "clouds.yaml"),)
    assert "'c'" in str(err)
    assert "a, b" in str(err)
    assert str(tmp_path) in str(err)


def test_nothing_configured_lists_the_files_searched(
    dirs: dict[str, Path], env: dict[str, str]
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_cloud(env=env)
    assert str(dirs["work"] / "clouds.yaml") in caught.value.searched
    assert str(dirs["site"] / "clouds.json") in caught.value.searched
    assert "no clouds.yaml was found" in str(caught.value)


# --- the envvars cloud -------------------------------------------------------------------

OPENRC = {
    "OS_AUTH_URL": "https://keystone.example:5000/v3",
    "OS_USERNAME": "demo",
    "OS_PASSWORD": PASSWORD,
    "OS_PROJECT_NAME": "demo",
    "OS_USER_DOMAIN_NAME": "Default",
    "OS_PROJECT_DOMAIN_ID": "default",
    "OS_REGION_NAME": "RegionOne",
}


def test_openrc_variables_make_the_envvars_cloud() -> None:
    cloud = from_env(OPENRC)
    opts = cloud.auth_options
    assert (cloud.name, cloud.source, cloud.auth_type) == ("envvars", "envvars", "password")
    assert (opts.identity_endpoint, opts.username, opts.password) == (
        "https://keystone.example:5000/v3",
        "demo",
        PASSWORD,
    )
    assert (opts.project_name, opts.user_domain_name, opts.project_domain_id) == (
        "demo",
        "Default",
        "default",
    )
    assert cloud.endpoint_opts.region == "RegionOne"
    assert PASSWORD not in repr(cloud)


def test_envvars_cloud_is_the_default_over_a_single_file_cloud(tmp_path: Path) -> None:
    assert load(TOKEN_CLOUD.format(name="file"), tmp_path, env=OPENRC).name == "envvars"


def test_os_cloud_name_renames_the_envvars_cloud(tmp_path: Path) -> None:
    env = {**OPENRC, "OS_CLOUD_NAME": "fromenv"}
    assert from_env(env).name == "fromenv"
    assert load(TOKEN_CLOUD.format(name="file"), tmp_path, env=env).name == "fromenv"
    assert load(TOKEN_CLOUD.format(name="file"), tmp_path, name="fromenv", env=env).source == (
        "envvars"
    )


def test_a_file_cloud_named_like_the_envvars_cloud_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(TOKEN_CLOUD.format(name="envvars"), tmp_path, env=OPENRC)
    assert caught.value.cloud == "envvars"
    assert "OS_CLOUD_NAME" in str(caught.value)


@pytest.mark.parametrize(
    "env",
    [
        {"OS_CLOUD": "x"},
        {"OS_REGION_NAME": "R"},
        {"OS_CLIENT_CONFIG_FILE": "/nonexistent", "OS_CLIENT_SECURE_FILE": "/nonexistent"},
        {"OS_CLOUD_NAME": "mine"},
        {"OS_TEST_TIMEOUT": "60", "OS_STDOUT_CAPTURE": "1", "OS_LOG_CAPTURE": "1"},
    ],
)
def test_selector_and_test_runner_variables_alone_make_no_envvars_cloud(
    env: dict[str, str], tmp_path: Path
) -> None:
    with pytest.raises(ConfigError):
        from_env(env)
    assert load(TOKEN_CLOUD.format(name="file"), tmp_path, env=env, name="file").name == "file"
    if "OS_CLOUD" not in env:
        assert load(TOKEN_CLOUD.format(name="file"), tmp_path, env=env).name == "file"


def test_os_test_variables_are_not_read() -> None:
    cloud = from_env({**OPENRC, "OS_TEST_COMPUTE_API_VERSION": "9"})
    assert "test_compute" not in cloud.service_options
    assert cloud.service_options == {}


def test_non_auth_variables_alone_do_not_make_envvars_the_default(tmp_path: Path) -> None:
    env = {"OS_INTERFACE": "internal"}
    assert load(TOKEN_CLOUD.format(name="file"), tmp_path, env=env).name == "file"
    with pytest.raises(InvalidInput, match="auth_url"):
        load(TOKEN_CLOUD.format(name="file"), tmp_path, env=env, name="envvars")


def test_environment_is_not_merged_into_a_named_cloud(tmp_path: Path) -> None:
    env = {
        **OPENRC,
        "OS_CLOUD": "file",
        "OS_COMPUTE_DEFAULT_MICROVERSION": "2.79",
        "OS_INTERFACE": "admin",
    }
    cloud = load(TOKEN_CLOUD.format(name="file"), tmp_path, env=env)
    assert cloud.name == "file"
    assert cloud.auth_options.password is None
    assert cloud.auth_options.token_id == "tok"
    assert cloud.service_options == {}
    assert cloud.endpoint_opts.availability is Availability.PUBLIC


def test_os_region_name_is_not_applied_to_a_named_cloud(tmp_path: Path) -> None:
    text = TOKEN_CLOUD.format(name="file") + "    region_name: FileRegion\n"
    cloud = load(text, tmp_path, env={"OS_CLOUD": "file", "OS_REGION_NAME": "EnvRegion"})
    assert cloud.endpoint_opts.region == "FileRegion"


def test_explicit_region_name_wins(tmp_path: Path) -> None:
    text = TOKEN_CLOUD.format(name="file") + "    region_name: FileRegion\n"
    assert load(text, tmp_path, region_name="Other").endpoint_opts.region == "Other"
    env = {**OPENRC, "OS_REGION_NAME": "EnvRegion"}
    assert load_cloud(
        config_files=[], secure_files=[], env=env, region_name="Mine"
    ).endpoint_opts.region == ("Mine")


# --- credentials -------------------------------------------------------------------------


def test_legacy_tenant_variables_become_the_project() -> None:
    env = {"OS_AUTH_URL": "https://k/v2.0", "OS_USERNAME": "u", "OS_PASSWORD": PASSWORD}
    cloud = from_env({**env, "OS_TENANT_NAME": "old", "OS_TENANT_ID": "t1"})
    assert (cloud.auth_options.project_name, cloud.auth_options.project_id) == ("old", "t1")
    assert cloud.auth_options.scope == "project"


def test_project_variables_beat_tenant_variables() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t"}
    cloud = from_env({**env, "OS_TENANT_NAME": "old", "OS_PROJECT_NAME": "new"})
    assert cloud.auth_options.project_name == "new"


def test_lone_os_token_is_token_auth() -> None:
    cloud = from_env({"OS_AUTH_URL": "https://keystone.example:5000/v3", "OS_TOKEN": "gAAAA"})
    assert cloud.auth_type == "token"
    assert cloud.auth_options.token_id == "gAAAA"
    assert cloud.auth_options.auth_method == "token"
    assert "gAAAA" not in repr(cloud)


def test_legacy_os_auth_token_is_the_token() -> None:
    cloud = from_env({"OS_AUTH_URL": "https://k/v3", "OS_AUTH_TOKEN": "legacy"})
    assert (cloud.auth_type, cloud.auth_options.token_id) == ("token", "legacy")


def test_application_credential_is_inferred() -> None:
    cloud = from_env(
        {
            "OS_AUTH_URL": "https://k.example:5000",
            "OS_APPLICATION_CREDENTIAL_ID": "ac1",
            "OS_APPLICATION_CREDENTIAL_SECRET": PASSWORD,
        }
    )
    assert cloud.auth_type == "v3applicationcredential"
    assert cloud.auth_options.auth_method == "application_credential"
    assert cloud.auth_options.identity_endpoint == "https://k.example:5000/v3"
    assert PASSWORD not in repr(cloud)


def test_application_credential_by_name_needs_the_user() -> None:
    env = {
        "OS_AUTH_URL": "https://k/v3",
        "OS_APPLICATION_CREDENTIAL_NAME": "ci",
        "OS_APPLICATION_CREDENTIAL_SECRET": PASSWORD,
    }
    with pytest.raises(InvalidInput) as caught:
        from_env(env)
    assert caught.value.field == "user_id"
    cloud = from_env({**env, "OS_USER_ID": "u1"})
    assert cloud.auth_options.application_credential_name == "ci"


def test_api_key_is_inferred_as_rackspace() -> None:
    cloud = from_env(
        {
            "OS_AUTH_URL": "https://identity.api.rackspacecloud.com",
            "OS_USERNAME": "rax",
            "OS_API_KEY": PASSWORD,
        }
    )
    assert cloud.auth_type == "rackspace_apikey"
    assert cloud.auth_options.auth_method == "api_key"
    assert cloud.auth_options.identity_endpoint == "https://identity.api.rackspacecloud.com/v2.0"
    assert PASSWORD not in repr(cloud)


def test_explicit_auth_type_with_a_missing_key_names_it_and_hides_the_password() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_PASSWORD": PASSWORD, "OS_AUTH_TYPE": "password"}
    with pytest.raises(InvalidInput) as caught:
        from_env(env)
    assert caught.value.field == "username"
    assert "username or user_id" in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in repr(caught.value)


def test_explicit_token_auth_type_needs_the_token() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_USERNAME": "u", "OS_PASSWORD": PASSWORD}
    with pytest.raises(InvalidInput) as caught:
        from_env({**env, "OS_AUTH_TYPE": "v3token"})
    assert caught.value.field == "token"
    assert PASSWORD not in str(caught.value)


def test_explicit_auth_type_keeps_only_its_credentials() -> None:
    env = {
        "OS_AUTH_URL": "https://k/v3",
        "OS_USERNAME": "u",
        "OS_PASSWORD": PASSWORD,
        "OS_TOKEN": "t",
        "OS_AUTH_TYPE": "token",
    }
    opts = from_env(env).auth_options
    assert (opts.password, opts.token_id, opts.auth_method) == (None, "t", "token")


def test_missing_auth_url_is_named() -> None:
    with pytest.raises(InvalidInput) as caught:
        from_env({"OS_TOKEN": "t"})
    assert caught.value.field == "auth_url"


def test_v3password_with_a_username_needs_the_user_domain() -> None:
    env = {
        "OS_AUTH_URL": "https://k/v3",
        "OS_USERNAME": "u",
        "OS_PASSWORD": PASSWORD,
        "OS_AUTH_TYPE": "v3password",
    }
    with pytest.raises(InvalidInput) as caught:
        from_env(env)
    assert caught.value.field == "user_domain_name"
    assert from_env({**env, "OS_USER_DOMAIN_NAME": "Default"}).auth_type == "v3password"


def test_unknown_auth_type_lists_the_supported_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        from_env({"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_AUTH_TYPE": "v3oidcpassword"})
    assert caught.value.field == "auth_type"
    assert all(name in str(caught.value) for name in AUTH_TYPES)


def test_domain_name_with_a_project_is_the_default_domain(tmp_path: Path) -> None:
    cloud = load(
        """
        clouds:
          c:
            auth: {auth_url: "https://k/v3", username: u, password: p, project_name: p,
                   domain_name: D}
        """,
        tmp_path,
    )
    opts = cloud.auth_options
    assert (opts.effective_user_domain_name, opts.effective_project_domain_name) == ("D", "D")
    assert (opts.scope, opts.scope_domain_name) == ("project", None)


def test_domain_name_without_a_project_is_the_scope(tmp_path: Path) -> None:
    cloud = load(
        """
        clouds:
          c:
            auth: {auth_url: "https://k/v3", token: t, domain_name: D}
        """,
        tmp_path,
    )
    assert (cloud.auth_options.scope, cloud.auth_options.scope_domain_name) == ("domain", "D")
    assert cloud.auth_options.domain_name is None


def test_auth_keys_at_the_top_level_of_a_cloud_are_read(tmp_path: Path) -> None:
    cloud = load(
        """
        clouds:
          c:
            auth_url: https://k/v3
            username: u
            password: p
            project-name: hyphenated
            user_domain_name: Default
        """,
        tmp_path,
    )
    opts = cloud.auth_options
    assert (opts.identity_endpoint, opts.username, opts.project_name) == (
        "https://k/v3",
        "u",
        "hyphenated",
    )


def test_password_is_kept_exactly_as_given() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_USER_ID": "u1", "OS_PASSWORD": " spaced "}
    assert from_env(env).auth_options.password == " spaced "


def test_default_domain_is_the_user_and_project_domain() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_DEFAULT_DOMAIN_ID": "default"}
    opts = from_env({**env, "OS_PROJECT_NAME": "p"}).auth_options
    assert (opts.effective_user_domain_id, opts.effective_project_domain_id) == (
        "default",
        "default",
    )


def test_region_auth_values_that_are_not_a_mapping_are_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'auth:' is not a mapping"):
        load("clouds: {c: {auth: {token: t}, regions: [{name: a, values: {auth: [1]}}]}}", tmp_path)


def test_auth_section_that_is_not_a_mapping_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load("clouds: {c: {auth: [1, 2]}}", tmp_path)
    assert caught.value.cloud == "c"


# --- regions, interface, TLS, timeouts ---------------------------------------------------

REGIONS = """
clouds:
  c:
    auth: {auth_url: "https://k/v3", token: t, project_name: base}
    compute_api_version: "2"
    regions:
      - East
      - name: West
        values:
          compute_api_version: "2.1"
          interface: internal
          auth: {project_name: west-project}
"""


def test_first_region_is_the_default(tmp_path: Path) -> None:
    cloud = load(REGIONS, tmp_path)
    assert (cloud.regions, cloud.endpoint_opts.region) == (("East", "West"), "East")
    assert cloud.service_options["compute"]["api_version"] == "2"
    assert cloud.auth_options.project_name == "base"


def test_region_values_override_the_cloud(tmp_path: Path) -> None:
    cloud = load(REGIONS, tmp_path, region_name="West")
    assert cloud.endpoint_opts.region == "West"
    assert cloud.endpoint_opts.availability is Availability.INTERNAL
    assert cloud.service_options["compute"]["api_version"] == "2.1"
    assert cloud.auth_options.project_name == "west-project"
    assert cloud.auth_options.token_id == "t"


def test_region_not_in_the_list_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(REGIONS, tmp_path, region_name="west")
    assert caught.value.available == ("East", "West")


def test_malformed_region_entry_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="region entry"):
        load("clouds: {c: {regions: [{name: a, extra: 1}]}}", tmp_path)


def test_comma_separated_region_name_lists_regions(tmp_path: Path) -> None:
    cloud = load(TOKEN_CLOUD.format(name="c") + "    region_name: A,B\n", tmp_path)
    assert (cloud.regions, cloud.endpoint_opts.region) == (("A", "B"), "A")


@pytest.mark.parametrize(
    ("interface", "expected"),
    [
        (None, Availability.PUBLIC),
        ("internal", Availability.INTERNAL),
        ("admin", Availability.ADMIN),
        ("publicURL", Availability.PUBLIC),
        ("Internal", Availability.INTERNAL),
    ],
)
def test_interface_is_the_availability(interface: str | None, expected: Availability) -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t"}
    if interface is not None:
        env["OS_INTERFACE"] = interface
    assert from_env(env).endpoint_opts.availability is expected


def test_legacy_endpoint_type_is_the_interface() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_ENDPOINT_TYPE": "internalURL"}
    assert from_env(env).endpoint_opts.availability is Availability.INTERNAL


def test_bad_interface_is_invalid_input() -> None:
    with pytest.raises(InvalidInput) as caught:
        from_env({"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_INTERFACE": "private"})
    assert caught.value.field == "interface"


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        ({}, True),
        ({"OS_VERIFY": "false"}, False),
        ({"OS_INSECURE": "true"}, False),
        ({"OS_INSECURE": "false"}, True),
        ({"OS_CACERT": "/ca.pem"}, "/ca.pem"),
        ({"OS_CACERT": "/ca.pem", "OS_INSECURE": "True"}, False),
        ({"OS_CACERT": "/ca.pem", "OS_VERIFY": "False"}, False),
        ({"OS_VERIFY": "/bundle.pem"}, "/bundle.pem"),
    ],
)
def test_verify_from_verify_cacert_and_insecure(
    settings_: dict[str, str], expected: bool | str
) -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", **settings_}
    assert from_env(env).verify == expected


def test_yaml_booleans_set_verify(tmp_path: Path) -> None:
    assert load(TOKEN_CLOUD.format(name="c") + "    verify: false\n", tmp_path).verify is False
    assert load(TOKEN_CLOUD.format(name="c") + "    insecure: true\n", tmp_path).verify is False


def test_bad_insecure_value_is_invalid_input() -> None:
    with pytest.raises(InvalidInput) as caught:
        from_env({"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_INSECURE": "maybe"})
    assert caught.value.field == "insecure"


def test_cert_and_key_make_a_pair() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_CERT": "/c.pem"}
    assert from_env(env).cert == "/c.pem"
    assert from_env({**env, "OS_KEY": "/k.pem"}).cert == ("/c.pem", "/k.pem")
    assert from_env({**env, "OS_CERT": ""}).cert is None


def test_api_timeout_is_a_float(tmp_path: Path) -> None:
    assert (
        load(TOKEN_CLOUD.format(name="c") + "    api_timeout: 30\n", tmp_path).api_timeout == 30.0
    )
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t"}
    assert from_env(env).api_timeout is None
    assert from_env({**env, "OS_API_TIMEOUT": "2.5"}).api_timeout == 2.5


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf"])
def test_bad_api_timeout_is_invalid_input(value: str) -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_API_TIMEOUT": value}
    with pytest.raises(InvalidInput) as caught:
        from_env(env)
    assert caught.value.field == "api_timeout"


# --- per-service options -----------------------------------------------------------------


def test_service_options_are_grouped_by_official_service_type(tmp_path: Path) -> None:
    cloud = load(
        """
        clouds:
          c:
            auth: {auth_url: "https://k/v3", token: t}
            compute_api_version: 2
            compute_default_microversion: 2.79
            compute_endpoint_override: https://nova.example/v2.1
            compute_status_code_retries: 3
            volume_api_version: 2
            block_storage_api_version: 3
            object_store_service_name: swift
            image_endpoint_type: internalURL
            status_code_retries: 1
        """,
        tmp_path,
    )
    assert cloud.service_options == {
        "*": {"status_code_retries": "1"},
        "block-storage": {"api_version": "3"},
        "compute": {
            "api_version": "2",
            "default_microversion": "2.79",
            "endpoint_override": "https://nova.example/v2.1",
            "status_code_retries": "3",
        },
        "image": {"interface": "internalURL"},
        "object-store": {"service_name": "swift"},
    }
    assert cloud.service_option("volumev3", "api_version") == "3"
    assert cloud.service_option("image", "status_code_retries") == "1"
    assert cloud.service_option("compute", "status_code_retries") == "3"
    assert cloud.service_option("dns", "api_version", "2") == "2"


def test_alias_prefix_is_read_when_the_official_one_is_absent() -> None:
    env = {"OS_AUTH_URL": "https://k/v3", "OS_TOKEN": "t", "OS_VOLUMEV3_ENDPOINT_OVERRIDE": "x"}
    assert from_env(env).service_options == {"block-storage": {"endpoint_override": "x"}}


def test_endpoint_opts_for_applies_per_service_settings(tmp_path: Path) -> None:
    cloud = load(
        """
        clouds:
          c:
            auth: {auth_url: "https://k/v3", token: t}
            region_name: R1
            object_store_region_name: R2
            object_store_interface: internal
            object_store_service_name: swift
        """,
        tmp_path,
    )
    swift = cloud.endpoint_opts_for("object-store")
    assert (swift.type, swift.region, swift.availability, swift.name) == (
        "object-store",
        "R2",
        Availability.INTERNAL,
        "swift",
    )
    nova = cloud.endpoint_opts_for("compute")
    assert (nova.region, nova.availability, nova.name) == ("R1", Availability.PUBLIC, None)


def test_yaml_floats_are_kept_as_written(tmp_path: Path) -> None:
    text = TOKEN_CLOUD.format(name="c") + "    compute_default_microversion: 2.10\n"
    assert load(text, tmp_path).service_options["compute"]["default_microversion"] == "2.10"


# --- identity version --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("auth_url", "version", "expected"),
    [
        ("https://k.example:5000", "3", "https://k.example:5000/v3"),
        ("https://k.example:5000/", "3", "https://k.example:5000/v3"),
        ("https://k.example:5000", "2", "https://k.example:5000/v2.0"),
        ("https://k.example:5000/", "2.0", "https://k.example:5000/v2.0"),
        ("https://k.example/identity", "3", "https://k.example/identity/v3"),
        ("https://k.example:5000/v3", "3", "https://k.example:5000/v3"),
        ("https://k.example:5000/v3/", "3", "https://k.example:5000/v3/"),
        ("https://k.example:5000/v2.0", "2.0", "https://k.example:5000/v2.0"),
        ("https://k.example:5000", "3.x", "https://k.example:5000"),
        ("https://k.example:5000", None, "https://k.example:5000"),
    ],
)
def test_identity_api_version_appends_the_version_path(
    auth_url: str, version: str | None, expected: str
) -> None:
    env = {"OS_AUTH_URL": auth_url, "OS_TOKEN": "t"}
    if version is not None:
        env["OS_IDENTITY_API_VERSION"] = version
    cloud = from_env(env)
    assert cloud.auth_options.identity_endpoint == expected
    assert cloud.identity_api_version == version


def test_v2_auth_type_implies_the_v2_path() -> None:
    env = {"OS_AUTH_URL": "https://k:5000", "OS_TOKEN": "t", "OS_AUTH_TYPE": "v2token"}
    assert from_env(env).auth_options.identity_endpoint == "https://k:5000/v2.0"


def test_identity_version_that_contradicts_auth_type_is_invalid_input() -> None:
    env = {
        "OS_AUTH_URL": "https://k:5000",
        "OS_TOKEN": "t",
        "OS_AUTH_TYPE": "v2token",
        "OS_IDENTITY_API_VERSION": "3",
    }
    with pytest.raises(InvalidInput) as caught:
        from_env(env)
    assert caught.value.field == "identity_api_version"


# --- malformed files ---------------------------------------------------------------------


def test_malformed_yaml_names_the_file_and_line_and_hides_the_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "clouds.yaml",
        f"clouds:\n  c:\n    auth:\n      password: {PASSWORD}\n     bad: [\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_cloud(config_files=[path], secure_files=[], env={})
    err = caught.value
    assert err.path == str(path)
    assert str(path) in str(err)
    assert err.line == 5
    assert "line 5" in str(err)
    assert PASSWORD not in str(err)
    assert PASSWORD not in repr(err)
    assert err.__cause__ is None
    assert err.__context__ is None


def test_malformed_json_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "clouds.json", '{"clouds": {\n  "c": {,}\n}}')
    with pytest.raises(ConfigError) as caught:
        load_cloud(config_files=[path], secure_files=[], env={})
    assert (caught.value.path, caught.value.line) == (str(path), 2)


def test_malformed_secure_yaml_is_a_config_error(tmp_path: Path) -> None:
    clouds = write(tmp_path / "clouds.yaml", TOKEN_CLOUD.format(name="c"))
    secure = write(tmp_path / "secure.yaml", "clouds: {c: [")
    with pytest.raises(ConfigError) as caught:
        load_cloud(config_files=[clouds], secure_files=[secure], env={})
    assert caught.value.path == str(secure)


def test_file_without_clouds_key_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no 'clouds:' key") as caught:
        load("client: {force_ipv4: true}", tmp_path)
    assert caught.value.path == str(tmp_path / "only" / "clouds.yaml")


def test_file_that_is_not_a_mapping_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a mapping"):
        load("- a\n- b\n", tmp_path)


def test_cloud_that_is_not_a_mapping_names_the_file_and_cloud(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load("clouds: {c: just-a-string}", tmp_path)
    err = caught.value
    assert (err.cloud, err.path) == ("c", str(tmp_path / "only" / "clouds.yaml"))
    assert "'c'" in str(err)
    assert str(err.path) in str(err)


def test_empty_file_defines_no_cloud(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="defines none"):
        load("", tmp_path)


def test_config_error_pickles() -> None:
    err = ConfigError("boom", path="/x", line=3, cloud="c", available=["a"], searched=["/x"])
    copy = pickle.loads(pickle.dumps(err))
    assert (str(copy), copy.path, copy.line, copy.cloud, copy.available, copy.searched) == (
        "boom",
        "/x",
        3,
        "c",
        ("a",),
        ("/x",),
    )
    assert isinstance(copy, ValueError)


def test_importing_the_module_does_not_import_yaml() -> None:
    code = "import sys, stackdouble.client.config; assert 'yaml' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- random environments -----------------------------------------------------------------

SECRETS = {
    "OS_PASSWORD": PASSWORD,
    "OS_TOKEN": "tok-S3cret-Value",
    "OS_API_KEY": "key-S3cret-Value",
    "OS_APPLICATION_CREDENTIAL_SECRET": "acs-S3cret-Value",
}
#: Variables and the values they usually hold; each is also tried with random text.
TYPICAL: dict[str, list[str]] = {
    "OS_AUTH_URL": ["https://k.example:5000", "https://k.example/v3", "https://k/v2.0/"],
    "OS_USERNAME": ["demo"],
    "OS_USER_ID": ["u1"],
    "OS_PROJECT_NAME": ["demo"],
    "OS_PROJECT_ID": ["p1"],
    "OS_TENANT_NAME": ["old"],
    "OS_TENANT_ID": ["t1"],
    "OS_USER_DOMAIN_NAME": ["Default"],
    "OS_PROJECT_DOMAIN_ID": ["default"],
    "OS_DOMAIN_NAME": ["Default"],
    "OS_DEFAULT_DOMAIN_ID": ["default"],
    "OS_SYSTEM_SCOPE": ["all"],
    "OS_APPLICATION_CREDENTIAL_ID": ["ac1"],
    "OS_APPLICATION_CREDENTIAL_NAME": ["ci"],
    "OS_AUTH_TYPE": list(AUTH_TYPES),
    "OS_IDENTITY_API_VERSION": ["2", "2.0", "3", "v3"],
    "OS_REGION_NAME": ["R1", "R1,R2"],
    "OS_REGIONS": ["R1,R2"],
    "OS_INTERFACE": ["public", "internal", "adminURL"],
    "OS_ENDPOINT_TYPE": ["internalURL"],
    "OS_CACERT": ["/ca.pem"],
    "OS_CERT": ["~/c.pem"],
    "OS_KEY": ["/k.pem"],
    "OS_INSECURE": ["true", "false"],
    "OS_VERIFY": ["false", "/bundle.pem"],
    "OS_API_TIMEOUT": ["30", "2.5"],
    "OS_CLOUD": ["good", "envvars", "c"],
    "OS_CLOUD_NAME": ["mine", "good"],
    "OS_COMPUTE_API_VERSION": ["2.79"],
    "OS_VOLUME_INTERFACE": ["internal"],
    "OS_STATUS_CODE_RETRIES": ["3"],
    "OS_TEST_PATH": ["./tests"],
}


#: Coherent sets of credentials, to which random variables are then added.
CREDENTIALS: list[dict[str, str]] = [
    {"OS_USERNAME": "demo", "OS_PASSWORD": PASSWORD, "OS_USER_DOMAIN_NAME": "Default"},
    {"OS_TOKEN": SECRETS["OS_TOKEN"]},
    {
        "OS_APPLICATION_CREDENTIAL_ID": "ac1",
        "OS_APPLICATION_CREDENTIAL_SECRET": SECRETS["OS_APPLICATION_CREDENTIAL_SECRET"],
    },
    {"OS_USERNAME": "rax", "OS_API_KEY": SECRETS["OS_API_KEY"]},
    {},
]


def not_secret(value: str) -> bool:
    return not any(secret in value for secret in SECRETS.values())


random_text = st.text(max_size=20).filter(not_secret)


@st.composite
def environments(draw: st.DrawFn, files: Mapping[str, str]) -> dict[str, str]:
    """Mostly plausible OS_* environments, with random values and names mixed in."""
    env: dict[str, str] = {}
    if draw(st.integers(0, 3)):  # mostly with an auth URL, so that some loads succeed
        env["OS_AUTH_URL"] = draw(st.sampled_from(TYPICAL["OS_AUTH_URL"]))
    for key in draw(st.lists(st.sampled_from(sorted(TYPICAL)), max_size=6, unique=True)):
        usual = st.sampled_from(TYPICAL[key])
        env[key] = draw(st.one_of(usual, usual, usual, random_text))
    names = st.from_regex(r"OS_[A-Z_]{1,12}", fullmatch=True)
    env.update(draw(st.dictionaries(names, random_text, max_size=3)))
    for key in SECRETS:
        env.pop(key, None)
    env.update(draw(st.sampled_from(CREDENTIALS)))
    for key in draw(st.lists(st.sampled_from(sorted(SECRETS)), max_size=2, unique=True)):
        env[key] = SECRETS[key]
    for key in ("OS_CLIENT_CONFIG_FILE", "OS_CLIENT_SECURE_FILE"):
        env.pop(key, None)
        if draw(st.booleans()):
            env[key] = draw(st.sampled_from([files["good"], files["bad"], files["missing"]]))
    env["HOME"] = files["home"]
    return env


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A valid, a malformed (holding the password) and a missing config file."""
    folder = tmp_path_factory.mktemp("random-env")
    good = write(folder / "clouds.yaml", TOKEN_CLOUD.format(name="good"))
    bad = write(folder / "bad.yaml", f"clouds:\n  c: {{auth: {{password: {PASSWORD}\n  d: [\n")
    return {
        "good": str(good),
        "bad": str(bad),
        "missing": str(folder / "missing.yaml"),
        "home": str(folder),
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_environments_raise_only_stackdouble_errors_and_never_leak_secrets(
    sample_files: dict[str, str], data: st.DataObject
) -> None:
    env = data.draw(environments(sample_files))
    for call in (
        lambda: load_cloud(config_files=[], secure_files=[], env=env),
        lambda: from_env(env),
    ):
        try:
            outcome: object = call()
        except StackdoubleError as exc:
            outcome = exc
        texts = [repr(outcome), str(outcome)]
        if isinstance(outcome, StackdoubleError):
            assert outcome.__cause__ is None
        if isinstance(outcome, CloudConfig):
            texts += [repr(outcome.auth_options), repr(outcome.endpoint_opts)]
        for text in texts:
            for secret in SECRETS.values():
                assert secret not in text
