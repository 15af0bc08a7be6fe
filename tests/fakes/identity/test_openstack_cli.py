"""The real `openstack` CLI (python-openstackclient) against the served fake, as a user runs it.

Each `openstack` run costs about a second of CPU, so each test groups several commands.
The CLI comes with the `test` extra; without it these tests fail and say so.
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

CLOUD = "stackdouble-admin"


class CLI:
    """Runs `openstack --os-cloud stackdouble-admin ...` with a clouds.yaml of its own."""

    def __init__(self, executable: str, clouds_yaml: Path, home: Path) -> None:
        self.executable = executable
        keep = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
        self.env = {**keep, "OS_CLIENT_CONFIG_FILE": str(clouds_yaml), "HOME": str(home),
                    "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}

    def run(self, *args: str) -> str:
        """The command's stdout; a failure shows its stderr."""
        done = subprocess.run([self.executable, "--os-cloud", CLOUD, *args], env=self.env,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, f"openstack {' '.join(args)}: {done.stderr}"
        return done.stdout

    def json(self, *args: str) -> Any:
        """The command's `-f json` output, decoded."""
        return json.loads(self.run(*args, "-f", "json"))


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
    clouds_yaml.write_text(served.clouds_yaml(CLOUD, user="admin"), encoding="utf-8")
    return CLI(executable, clouds_yaml, tmp_path)


def test_projects_users_and_role_assignments(cli: CLI, served: FakeCloud) -> None:
    project = cli.json("project", "create", "--description", "from the CLI", "--tag", "blue",
                       "team")
    user = cli.json("user", "create", "--password", "pw", "--project", "team", "alice")
    cli.run("role", "add", "--project", "team", "--user", "alice", "member")
    assignments = cli.json("role", "assignment", "list", "--effective", "--names",
                           "--user", "alice")
    shown = cli.json("project", "show", project["id"])
    names = {p["Name"] for p in cli.json("project", "list")}
    users = {u["Name"] for u in cli.json("user", "list")}
    cli.run("project", "delete", "team")

    assert (shown["name"], shown["description"], shown["tags"]) == ("team", "from the CLI",
                                                                    ["blue"])
    assert user["default_project_id"] == project["id"]
    assert {"team", "admin", "demo", "service"} <= names
    assert {"alice", "admin", "demo"} <= users
    assert sorted((a["Role"], a["User"], a["Project"]) for a in assignments) == [
        ("member", "alice@Default", "team@Default"),
        ("reader", "alice@Default", "team@Default")]
    assert project["id"] not in served.identity.projects


def test_application_credentials(cli: CLI, served: FakeCloud) -> None:
    created = cli.json("application", "credential", "create", "--role", "reader",
                       "--description", "ci", "ci-cred")
    listed = cli.json("application", "credential", "list")
    cli.run("application", "credential", "delete", "ci-cred")

    assert len(created["Secret"]) == 86
    assert "reader" in str(created["Roles"])
    assert [c["Name"] for c in listed] == ["ci-cred"]
    assert served.identity.application_credentials == {}


def test_catalog_list_shows_a_new_service_and_endpoint(cli: CLI, served: FakeCloud) -> None:
    cli.json("service", "create", "--name", "designate", "--description", "DNS", "dns")
    endpoint = cli.json("endpoint", "create", "--region", "RegionOne", "designate", "public",
                        "http://dns.example/v2/$(project_id)s")
    catalog = cli.json("catalog", "list")

    dns = next(entry for entry in catalog if entry["Type"] == "dns")
    admin_project = served.project_id("admin")
    assert endpoint["url"] == "http://dns.example/v2/$(project_id)s"
    assert dns["Name"] == "designate"
    assert f"http://dns.example/v2/{admin_project}" in json.dumps(dns["Endpoints"])


def test_trusts_credentials_and_ec2_credentials(cli: CLI, served: FakeCloud) -> None:
    trust = cli.json("trust", "create", "--project", "admin", "--role", "member",
                     "admin", "demo")
    shown = cli.json("trust", "show", trust["id"])
    credential = cli.json("credential", "create", "--type", "totp", "admin", "a-totp-seed")
    credentials = cli.json("credential", "list")
    ec2 = cli.json("ec2", "credentials", "create")
    ec2_listed = cli.json("ec2", "credentials", "list")
    cli.run("trust", "delete", trust["id"])

    assert shown["trustee_user_id"] == served.user_id("demo")
    assert shown["project_id"] == served.project_id("admin")
    assert served.identity.trusts == {}
    assert credential["type"] == "totp"
    assert [c["ID"] for c in credentials] == [credential["id"]]
    assert [c["Access"] for c in ec2_listed] == [ec2["access"]]
    assert ec2["project_id"] == served.project_id("admin")


def test_endpoint_groups_limits_and_regions(cli: CLI, served: FakeCloud,
                                           tmp_path: Path) -> None:
    filters = tmp_path / "filters.json"
    filters.write_text('{"interface": "public"}', encoding="utf-8")
    group = cli.json("endpoint", "group", "create", "public-only", str(filters))
    cli.run("endpoint", "group", "add", "project", "public-only", "demo")
    projects = cli.json("endpoint", "group", "list", "--endpointgroup", "public-only")
    registered = cli.json("registered", "limit", "create", "--service", "nova",
                          "--default-limit", "10", "cores")
    limit = cli.json("limit", "create", "--project", "demo", "--service", "nova",
                     "--resource-limit", "20", "cores")
    cli.run("region", "set", "--description", "the only one", "RegionOne")
    region = cli.json("region", "show", "RegionOne")

    assert "'interface': 'public'" in str(group["filters"]) or group["filters"] == {
        "interface": "public"}
    assert [p["ID"] for p in projects] == [served.project_id("demo")]
    assert registered["default_limit"] == 10
    assert (limit["resource_limit"], limit["project_id"]) == (20, served.project_id("demo"))
    assert region["description"] == "the only one"
