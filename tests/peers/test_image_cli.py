"""The real `openstack` CLI's image commands against `stackdouble serve`'s fake Glance, as a
user runs them: create from a file, list, show, save, set a property, share with another
project and accept there.

Each `openstack` run costs a second or two of CPU, so the commands share one test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stackdouble.fakes import FakeCloud


class CLI:
    """Runs `openstack --os-cloud <name> ...` with a clouds.yaml of its own."""

    def __init__(self, executable: str, clouds_yaml: Path, home: Path) -> None:
        self.executable = executable
        keep = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
        self.env = {**keep, "OS_CLIENT_CONFIG_FILE": str(clouds_yaml), "HOME": str(home),
                    "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}

    def run(self, cloud: str, *args: str) -> str:
        """The command's stdout; a failure shows its stderr."""
        done = subprocess.run([self.executable, "--os-cloud", cloud, *args], env=self.env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"openstack {' '.join(args)}: {done.stderr}"
        return done.stdout

    def json(self, cloud: str, *args: str) -> Any:
        """The command's `-f json` output, decoded."""
        return json.loads(self.run(cloud, *args, "-f", "json"))


@pytest.fixture
def served() -> Iterator[FakeCloud]:
    """A seeded cloud served over HTTP on loopback."""
    cloud = FakeCloud(seed=16)
    with cloud.serve():
        yield cloud


@pytest.fixture
def cli(served: FakeCloud, tmp_path: Path) -> CLI:
    executable = shutil.which("openstack")
    if executable is None:
        pytest.fail("the `openstack` CLI is missing: install the test extra "
                    "(pip install -e '.[test]'), which brings python-openstackclient")
    demo = served.clouds_yaml("demo", user="demo")
    admin = served.clouds_yaml("admin", user="admin").split("clouds:\n", 1)[1]
    clouds_yaml = tmp_path / "clouds.yaml"
    clouds_yaml.write_text(demo + admin, encoding="utf-8")
    return CLI(executable, clouds_yaml, tmp_path)


def test_image_create_list_show_save_set_and_share(cli: CLI, served: FakeCloud,
                                                   tmp_path: Path) -> None:
    disk = tmp_path / "disk.img"
    disk.write_bytes(os.urandom(64 * 1024))
    made = cli.json("admin", "image", "create", "--file", str(disk), "--disk-format", "raw",
                    "--container-format", "bare", "--shared", "shared-disk")
    listed = {i["Name"] for i in cli.json("admin", "image", "list")}
    shown = cli.json("admin", "image", "show", "shared-disk")
    saved = tmp_path / "saved.img"
    cli.run("admin", "image", "save", "--file", str(saved), "shared-disk")
    cli.run("admin", "image", "set", "--property", "color=red", "shared-disk")
    demo = served.project_id("demo")
    member = cli.json("admin", "image", "add", "project", made["id"], demo)
    hidden = {i["ID"] for i in cli.json("demo", "image", "list")}
    cli.run("demo", "image", "set", "--accept", made["id"])
    accepted = {i["ID"] for i in cli.json("demo", "image", "list")}

    assert (made["status"], made["visibility"], made["size"]) == ("active", "shared", 64 * 1024)
    assert {"shared-disk", "cirros-0.6.2-x86_64-disk"} <= listed
    assert shown["checksum"] == served.image.images[made["id"]].checksum
    assert saved.read_bytes() == disk.read_bytes()
    assert served.image.images[made["id"]].properties["color"] == "red"
    assert (member["member_id"], member["status"]) == (demo, "pending")
    assert made["id"] not in hidden
    assert made["id"] in accepted


def test_server_create_boots_an_image_by_name_and_waits(cli: CLI, served: FakeCloud) -> None:
    # the CLI resolves `--image cirros...` through Glance, then Nova boots it; `--wait` polls
    # until ACTIVE, which the fake's build time allows at once
    image = "cirros-0.6.2-x86_64-disk"
    server = cli.json("demo", "server", "create", "--image", image, "--flavor", "m1.tiny",
                      "--wait", "web-1")
    assert server["status"] == "ACTIVE"
    shown = cli.json("demo", "server", "show", "web-1")
    glance_id = cli.json("demo", "image", "show", image)["id"]
    assert f"{image} ({glance_id})" == shown["image"], shown["image"]
