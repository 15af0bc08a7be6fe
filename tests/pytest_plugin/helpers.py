"""The sample downstream project, and how to point it at a served fake cloud."""

from __future__ import annotations

from pathlib import Path

from stackdouble.fakes import ServedCloud

#: The downstream project the plugin is tested with: no conftest, one test file, and
#: bodies that do not know which mode they run in.
SAMPLE = '''
import pytest
from stackdouble.client.openstack.compute.v2 import flavors, servers
from stackdouble.client.openstack.identity.v3 import projects


def test_my_project_is_demo(openstack_provider, openstack_identity):
    project = openstack_provider.auth_result.extract_project()
    assert projects.get(openstack_identity, project.id).extract().name == "demo"


def test_repeated_requests_answer_in_order(openstack_provider, openstack_identity):
    project_id = openstack_provider.auth_result.extract_project().id
    names = [projects.get(openstack_identity, project_id).extract().name for _ in range(3)]
    assert names == ["demo"] * 3


def test_compute_lists_flavors_and_no_servers(openstack_compute):
    names = [f.name for f in flavors.extract_flavors(flavors.list(openstack_compute).all_pages())]
    assert "m1.tiny" in names
    assert servers.extract_servers(servers.list(openstack_compute).all_pages()) == []


def test_service_clients_come_from_the_catalog(openstack_object_storage,
                                               openstack_block_storage, openstack_image):
    assert "/v1/AUTH_" in openstack_object_storage.endpoint
    assert "/volume/v3/" in openstack_block_storage.endpoint
    assert openstack_image.endpoint.endswith("/image/")


def test_objects_round_trip(openstack_object_storage):
    from stackdouble.client.openstack.objectstorage.v1 import containers, objects

    data = bytes(range(256))  # binary: not UTF-8, so the cassette holds it as !!binary
    containers.create(openstack_object_storage, "docs").extract()
    objects.create(openstack_object_storage, "docs", "reports/2026 é.bin", data).extract()
    downloaded = objects.download(openstack_object_storage, "docs", "reports/2026 é.bin")
    assert downloaded.extract_content() == data


@pytest.mark.openstack(mode="fake")
def test_faults_need_the_fake(openstack_cloud, openstack_identity, openstack_provider):
    from stackdouble.client import ServiceUnavailable

    openstack_cloud.inject_fault("GET", "/identity/v3/projects/*", status=503, times=5)
    project_id = openstack_provider.auth_result.extract_project().id
    openstack_provider.max_retries = 0
    with pytest.raises(ServiceUnavailable):
        projects.get(openstack_identity, project_id).extract()


def test_without_openstack_fixtures():
    assert 1 + 1 == 2
'''


def write_clouds_yaml(folder: Path, served: ServedCloud, name: str = "sample") -> Path:
    """A clouds.yaml for the served cloud, in the folder the sample runs in (searched
    first)."""
    path = folder / "clouds.yaml"
    path.write_text(served.cloud.clouds_yaml(name), encoding="utf-8")
    return path
