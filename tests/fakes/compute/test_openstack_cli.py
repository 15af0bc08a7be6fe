"""The real `openstack` CLI (python-openstackclient) against the served fake Nova: quotas,
limits, hypervisors, server groups with the scheduler, server events and the deprecated
`host` commands. Each `openstack` run costs about a second of CPU, so one test groups the
commands."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.identity.test_openstack_cli import CLI


@pytest.fixture
def served() -> Iterator[FakeCloud]:
    """A seeded one-host cloud served over HTTP on loopback."""
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


def test_quotas_limits_hypervisors_groups_and_events(cli: CLI, served: FakeCloud) -> None:
    cli.run("quota", "set", "--instances", "7", "admin")
    quota = cli.json("quota", "show", "admin")
    limits = cli.json("limits", "show", "--absolute")
    hypervisors = cli.json("hypervisor", "list")
    group = cli.json("server", "group", "create", "--policy", "anti-affinity", "spread")
    first = cli.json("server", "create", "--image", "cirros-0.6.2-x86_64-disk",
                     "--flavor", "m1.tiny", "--nic", "none", "--hint",
                     f"group={group['id']}", "one")
    second = cli.json("server", "create", "--image", "cirros-0.6.2-x86_64-disk",
                      "--flavor", "m1.tiny", "--nic", "none", "--hint",
                      f"group={group['id']}", "two")
    shown = cli.json("server", "show", second["id"])
    events = cli.json("server", "event", "list", first["id"])

    instances = quota["instances"] if "instances" in quota else {
        row["Resource"]: row["Limit"] for row in quota}["instances"]
    assert instances == 7
    assert {row["Name"]: row["Value"] for row in limits}["max_total_instances"] == 7
    assert [h["Hypervisor Hostname"] for h in hypervisors] == ["stackdouble-compute"]
    assert served.compute.server(first["id"]).status == "ACTIVE"
    assert shown["status"] == "ERROR"
    assert "No valid host was found" in str(shown["fault"])
    assert [e["Action"] for e in events] == ["create"]


def test_aggregate_zone_listed_and_booted_into(cli: CLI, served: FakeCloud) -> None:
    served.compute.set_hosts(2)
    made = cli.json("aggregate", "create", "--zone", "az1", "agg1")
    added = cli.json("aggregate", "add", "host", "agg1", "stackdouble-compute-2")
    zones = cli.json("availability", "zone", "list", "--compute")
    server = cli.json("server", "create", "--image", "cirros-0.6.2-x86_64-disk",
                      "--flavor", "m1.tiny", "--nic", "none", "--availability-zone", "az1",
                      "zoned")
    shown = cli.json("server", "show", server["id"])

    assert (made["name"], made["availability_zone"]) == ("agg1", "az1")
    assert added["hosts"] == ["stackdouble-compute-2"]
    assert {z["Zone Name"] for z in zones} == {"az1", "internal", "nova"}  # admin: detail
    assert served.compute.server(server["id"]).host == "stackdouble-compute-2"
    assert shown["OS-EXT-AZ:availability_zone"] == "az1"


def test_deprecated_host_list_show_and_set(cli: CLI, served: FakeCloud) -> None:
    served.compute.create_server(served.project_id("admin"), name="placed", networks="none")
    listed = cli.json("host", "list")
    zoned = cli.json("host", "list", "--zone", "internal")
    shown = cli.json("host", "show", "stackdouble-compute")
    cli.run("host", "set", "--disable", "stackdouble-compute")  # answers, prints nothing
    failed = subprocess.run([cli.executable, "--os-cloud", "stackdouble-admin", "host", "set",
                             "--enable-maintenance", "stackdouble-compute"], env=cli.env,
                            capture_output=True, text=True, timeout=60, check=False)

    assert {(h["Host Name"], h["Service"], h["Zone"]) for h in listed} == {
        ("stackdouble-compute", "scheduler", "internal"),
        ("stackdouble-compute", "conductor", "internal"),
        ("stackdouble-compute", "compute", "nova")}
    assert {h["Service"] for h in zoned} == {"scheduler", "conductor"}
    assert [(r["Project"], r["CPU"], r["Memory MB"]) for r in shown] == [
        ("(total)", 64, 262144), ("(used_now)", 1, 1024), ("(used_max)", 1, 512),
        (served.project_id("admin"), 1, 512)]
    assert failed.returncode == 1
    assert "The requested functionality is not supported." in failed.stderr
    assert not served.compute.hosts["stackdouble-compute"].service.disabled  # a trait only
