"""The real `openstack` CLI (python-openstackclient) booting servers from volumes of the
served fake cloud: Nova reserves and attaches the volume through Cinder, and the server's
delete honours `delete_on_termination`. Each `openstack` run costs about a second of CPU,
so one test groups the commands."""

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


def test_server_boots_from_a_volume_and_its_delete_honours_delete_on_termination(
        cli: CLI, served: FakeCloud) -> None:
    volume = cli.json("volume", "create", "--size", "1", "v")
    # A blank volume is not bootable: Nova refuses it ("Block Device <id> is not bootable.").
    cli.run("volume", "set", "--bootable", "v")
    server = cli.json("server", "create", "--volume", "v", "--flavor", "m1.tiny",
                      "--nic", "none", "--wait", "s")
    shown = cli.json("volume", "show", "v")
    listed = cli.json("server", "volume", "list", "s")
    cli.run("server", "delete", "--wait", "s")
    after = cli.json("volume", "show", "v")
    kept = cli.json("server", "create", "--block-device",
                    f"uuid={volume['id']},source_type=volume,destination_type=volume,"
                    "boot_index=0,delete_on_termination=true",
                    "--flavor", "m1.tiny", "--nic", "none", "--wait", "t")
    cli.run("server", "delete", "--wait", "t")
    volumes = cli.json("volume", "list")

    assert server["status"] == "ACTIVE"
    assert server["image"] == "N/A (booted from volume)"
    assert shown["status"] == "in-use"
    assert [(a["server_id"], a["device"]) for a in shown["attachments"]] == [
        (server["id"], "/dev/vda")]
    assert [(row["Volume ID"], row["Device"]) for row in listed] == [(volume["id"],
                                                                      "/dev/vda")]
    assert after["status"] == "available"
    assert after["attachments"] == []
    assert kept["status"] == "ACTIVE"
    assert volumes == []
    assert served.block_storage.volume_status(volume["id"]) == "deleted"
