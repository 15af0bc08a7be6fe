"""`openstack.connect`: every service of a named cloud in one call, as openstacksdk's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from stackdouble.client import ServiceNotFound, Unauthorized, openstack
from stackdouble.client.config import ConfigError
from stackdouble.fakes import FakeCloud


def _clouds_yaml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "clouds.yaml"
    path.write_text(text)
    return path


def test_a_clouds_yaml_cloud_gives_every_service(tmp_path: Path) -> None:
    with FakeCloud(seed=3) as cloud:
        path = _clouds_yaml(tmp_path, cloud.clouds_yaml("mycloud"))
        conn = openstack.connect("mycloud", config_files=[path], secure_files=[], env={})
        base = cloud.base_url
        assert conn.config.name == "mycloud"
        assert conn.identity.endpoint == f"{base}/identity/v3/"
        assert conn.compute.endpoint == f"{base}/compute/v2.1/"
        assert conn.object_storage.endpoint == (
            f"{base}/v1/AUTH_{cloud.project_id('demo')}/")
        assert conn.block_storage.endpoint.startswith(f"{base}/volume/v3/")
        assert conn.image.endpoint == f"{base}/image/"


def test_the_os_environment_cloud_is_chosen_without_a_name() -> None:
    with FakeCloud(seed=3) as cloud:
        conn = openstack.connect(env=cloud.os_environ(user="admin"), config_files=[],
                                 secure_files=[])
        project = conn.provider.auth_result.extract_project()
        assert conn.config.name == "envvars"
        assert project is not None
        assert project.name == "admin"


def test_os_cloud_names_the_cloud(tmp_path: Path) -> None:
    with FakeCloud(seed=3) as cloud:
        path = _clouds_yaml(tmp_path, cloud.clouds_yaml("one") + cloud.clouds_yaml("two")
                            .replace("clouds:\n", "").replace("# clouds.yaml", "# second"))
        conn = openstack.connect(config_files=[path], secure_files=[],
                                 env={"OS_CLOUD": "two"})
        assert conn.config.name == "two"


def test_service_clients_are_built_once(tmp_path: Path) -> None:
    with FakeCloud(seed=3) as cloud:
        conn = openstack.connect(env=cloud.os_environ(), config_files=[], secure_files=[])
        assert conn.compute is conn.compute
        assert conn.identity is conn.identity


def test_a_service_missing_from_the_catalog_fails_only_when_read() -> None:
    with FakeCloud(seed=3) as cloud:
        cloud.identity.delete_service(cloud.identity.find_service("image").id)
        conn = openstack.connect(env=cloud.os_environ(), config_files=[], secure_files=[])
        assert conn.compute.type == "compute"
        with pytest.raises(ServiceNotFound, match="image"):
            conn.image  # noqa: B018


def test_wrong_credentials_fail_at_connect(tmp_path: Path) -> None:
    with FakeCloud(seed=3) as cloud:
        text = cloud.clouds_yaml("mycloud").replace(
            f'password: "{cloud.credentials()["password"]}"', 'password: "wrong"')
        path = _clouds_yaml(tmp_path, text)
        with pytest.raises(Unauthorized) as caught:
            openstack.connect("mycloud", config_files=[path], secure_files=[], env={})
        assert caught.value.status == 401
        assert "wrong" not in str(caught.value)


def test_an_unknown_cloud_names_the_clouds_that_exist(tmp_path: Path) -> None:
    with FakeCloud(seed=3) as cloud:
        path = _clouds_yaml(tmp_path, cloud.clouds_yaml("mycloud"))
        with pytest.raises(ConfigError) as caught:
            openstack.connect("typo", config_files=[path], secure_files=[], env={})
        assert caught.value.cloud == "typo"
        assert caught.value.available == ("mycloud",)


def test_the_cloud_settings_reach_the_clients(tmp_path: Path) -> None:
    with FakeCloud(seed=3) as cloud:
        text = cloud.clouds_yaml("mycloud") + (
            "    compute_default_microversion: 2.79\n"
            "    block_storage_default_microversion: 3.50\n"
            "    api_timeout: 7\n"
            "    insecure: true\n")
        path = _clouds_yaml(tmp_path, text)
        conn = openstack.connect("mycloud", config_files=[path], secure_files=[], env={})
        assert conn.compute.microversion == "2.79"
        assert conn.block_storage.microversion == "3.50"
        assert conn.image.microversion is None
        assert conn.provider.timeout == 7.0
        assert conn.provider.session.verify is False


def test_a_v2_only_cloud_gives_a_v2_identity_client() -> None:
    with FakeCloud(seed=3, identity_versions=("v2.0",)) as cloud:
        conn = openstack.connect(env=cloud.os_environ(), config_files=[], secure_files=[])
        assert conn.identity.endpoint == f"{cloud.base_url}/identity/v2.0/"


def test_a_session_passed_in_is_used_as_it_is() -> None:
    session = requests.Session()
    with FakeCloud(seed=3) as cloud:
        conn = openstack.connect(env=cloud.os_environ(), config_files=[], secure_files=[],
                                 session=session)
        assert conn.provider.session is session


def test_the_readme_example_runs_as_written(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"openstack\.connect\(cloud=\.\.\.\)`:\s*```python\n(.*?)```", readme,
                      re.S)
    assert found, "no connect example in README.md"
    with FakeCloud(seed=3) as cloud:
        path = _clouds_yaml(tmp_path, cloud.clouds_yaml("mycloud"))
        monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(path))
        namespace: dict[str, object] = {}
        exec(found.group(1), namespace)
        compute = namespace["compute"]
        assert getattr(compute, "endpoint", None) == f"{cloud.base_url}/compute/v2.1/"


def test_the_networking_client_is_neutrons_root_with_v2_0_resources() -> None:
    with FakeCloud(seed=3) as cloud:
        try:
            cloud.identity.find_service("network")
        except LookupError:  # a catalog without Neutron: register devstack's endpoint
            cloud.identity.add_service("network", "neutron")
            cloud.identity.add_endpoint("network", "public", f"{cloud.base_url}/networking")
        conn = openstack.connect(env=cloud.os_environ(), config_files=[], secure_files=[])
        assert conn.networking.endpoint == f"{cloud.base_url}/networking/"
        assert conn.networking.service_url("ports") == (
            f"{cloud.base_url}/networking/v2.0/ports")
        assert conn.networking is conn.networking
