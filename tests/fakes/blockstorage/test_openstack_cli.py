"""The real `openstack` CLI (python-openstackclient) against the served fake Cinder: volumes,
the backup lifecycle (create, list, show, restore, delete) and private volume types with
extra specs and project access. Each `openstack` run costs about a second of CPU, so the
tests group the commands."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.identity.test_openstack_cli import CLI


@pytest.fixture
def served() -> Iterator[FakeCloud]:
    """A seeded cloud served over HTTP on loopback."""
    cloud = FakeCloud(seed=8)
    with cloud.serve():
        yield cloud


@pytest.fixture
def cli(served: FakeCloud, tmp_path: Path) -> CLI:
    executable = shutil.which("openstack")
    if executable is None:
        pytest.fail("the `openstack` CLI is missing: install the test extra "
                    "(pip install -e '.[test]'), which brings python-openstackclient")
    clouds_yaml = tmp_path / "clouds.yaml"
    clouds_yaml.write_text(served.clouds_yaml("stackdouble-admin", user="admin"),
                           encoding="utf-8")
    return CLI(executable, clouds_yaml, tmp_path)


def test_volume_and_backup_lifecycle(cli: CLI, served: FakeCloud) -> None:
    volume = cli.json("volume", "create", "--size", "1", "--property", "tier=gold", "data")
    assert volume["name"] == "data"
    assert volume["size"] == 1
    assert cli.json("volume", "show", "data")["status"] == "available"

    backup = cli.json("volume", "backup", "create", "--name", "nightly",
                      "--description", "every night", "data")
    listed = cli.json("volume", "backup", "list")
    shown = cli.json("volume", "backup", "show", "nightly")
    restored = cli.json("volume", "backup", "restore", "nightly", "copy")
    volumes = cli.json("volume", "list")
    cli.run("volume", "backup", "delete", "nightly")
    after = cli.json("volume", "backup", "list")

    assert [(b["ID"], b["Name"], b["Status"]) for b in listed] == [
        (backup["id"], "nightly", "available")]
    assert shown["id"] == backup["id"]
    assert shown["volume_id"] == volume["id"]
    assert shown["description"] == "every night"
    assert shown["status"] == "available"
    assert restored["id"] == backup["id"]  # openstacksdk names the backup_id `id`
    assert restored["volume_name"] == "copy"
    assert {v["Name"]: v["Status"] for v in volumes} == {"data": "available",
                                                         "copy": "available"}
    copy = next(v for v in volumes if v["Name"] == "copy")
    assert restored["volume_id"] == copy["ID"]
    assert after == []


def test_private_volume_type_with_properties_and_access(cli: CLI, served: FakeCloud) -> None:
    project = cli.json("project", "create", "tenant")
    created = cli.json("volume", "type", "create", "--property", "replication=true",
                       "--private", "fast")
    cli.run("volume", "type", "set", "--project", "tenant", "fast")
    cli.run("volume", "type", "set", "--property", "tier=1", "fast")
    shown = cli.json("volume", "type", "show", "fast")

    assert created["name"] == "fast"
    assert created["is_public"] is False
    assert shown["id"] == created["id"]
    assert shown["properties"] == {"replication": "true", "tier": "1"}
    assert project["id"] in str(shown["access_project_ids"])
    listed = cli.json("volume", "type", "list", "--private")
    assert [t["Name"] for t in listed] == ["fast"]
