"""The real `openstack` CLI (python-openstackclient) against the served fake Nova: cold
migration, the console log, tenant usage and flavor properties. Each `openstack` run
costs about a second of CPU, so one test groups the commands."""

from __future__ import annotations

from stackdouble.fakes import FakeCloud
from tests.fakes.compute.test_openstack_cli import cli, served
from tests.fakes.identity.test_openstack_cli import CLI

__all__ = ["cli", "served"]  # the fixtures, shared with the other CLI tests


def test_migrate_console_log_usage_and_flavor_properties(cli: CLI, served: FakeCloud) -> None:
    served.compute.set_hosts(2)
    cli.run("flavor", "set", "--property", "hw:cpu_policy=dedicated",
            "--property", "note=cli", "m1.tiny")
    flavor = cli.json("flavor", "show", "m1.tiny")
    server = cli.json("server", "create", "--image", "cirros-0.6.2-x86_64-disk",
                      "--flavor", "m1.tiny", "--nic", "none", "web")
    cli.run("server", "migrate", server["id"])
    migrated = cli.json("server", "show", server["id"])
    cli.run("server", "migrate", "confirm", server["id"])
    confirmed = cli.json("server", "show", server["id"])
    log = cli.run("console", "log", "show", "--lines", "1", server["id"])
    usage = cli.json("usage", "list")

    properties = flavor["properties"]
    assert properties["hw:cpu_policy"] == "dedicated"
    assert properties["note"] == "cli"
    assert migrated["status"] == "VERIFY_RESIZE"
    assert migrated["OS-EXT-SRV-ATTR:host"] == "stackdouble-compute-2"
    assert confirmed["status"] == "ACTIVE"
    assert log.strip() == "web login:"
    [row] = usage
    assert row["Project"] == served.project_id("admin")
    assert row["CPU Hours"] >= 0
    # openstacksdk sends `detailed=True`, and Nova details only `detailed=1`: the CLI's
    # Servers column stays empty against a real Nova too.
    [sent] = [r for r in served.requests if "os-simple-tenant-usage" in r.path]
    assert "detailed=True" in sent.query
    assert row["Servers"] is None
