"""The same code authenticates from clouds.yaml or OS_* variables, in-process and served."""

from __future__ import annotations

from pathlib import Path

from stackdouble.client import config, openstack
from stackdouble.fakes import FakeCloud


def test_a_clouds_yaml_cloud_authenticates_in_process(tmp_path: Path) -> None:
    with FakeCloud(seed=2) as cloud:
        path = tmp_path / "clouds.yaml"
        path.write_text(cloud.clouds_yaml())
        loaded = config.load_cloud("stackdouble", config_files=[path], env={})
        provider = openstack.authenticated_client(loaded.auth_options)
        compute = openstack.new_compute_v2(provider, loaded.endpoint_opts)
        assert compute.endpoint == f"{cloud.base_url}/compute/v2.1/"
        assert "demo-secret" not in repr(loaded)


def test_os_environment_authenticates_against_the_served_fake() -> None:
    cloud = FakeCloud(seed=2)
    with cloud.serve() as served:
        loaded = config.from_env(cloud.os_environ(user="admin"))
        provider = openstack.authenticated_client(loaded.auth_options)
        project = provider.auth_result.extract_project()
        assert project is not None
        assert project.name == "admin"
        assert provider.identity_endpoint.startswith(served.url)


def test_a_lone_os_token_is_enough() -> None:
    with FakeCloud(seed=2) as cloud:
        first = openstack.authenticated_client(openstack.auth_options_from_env(cloud.os_environ()))
        assert first.token_id is not None
        loaded = config.from_env({"OS_AUTH_URL": cloud.auth_url, "OS_TOKEN": first.token_id})
        provider = openstack.authenticated_client(loaded.auth_options)
        assert provider.token_id == first.token_id
        assert openstack.new_object_storage_v1(provider).endpoint.endswith(
            f"/AUTH_{cloud.project_id('demo')}/")
