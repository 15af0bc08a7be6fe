"""The real `openstack` CLI's networking flow against `stackdouble serve`'s fake Neutron and
Nova, as a user runs it on DevStack: a network with a subnet, a router to `public` with the
subnet plugged in, a security group allowing SSH, a server on the network, and a floating
IP from `public` added to it, which `server show` lists beside the fixed address.

Each `openstack` run costs a second or two of CPU, so the commands share one test.
"""

from __future__ import annotations

import ipaddress
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from stackdouble.fakes import FakeCloud
from tests.peers.test_image_cli import CLI


@pytest.fixture
def served() -> Iterator[FakeCloud]:
    """A seeded cloud served over HTTP on loopback."""
    cloud = FakeCloud(seed=17)
    with cloud.serve():
        yield cloud


@pytest.fixture
def cli(served: FakeCloud, tmp_path: Path) -> CLI:
    """The `openstack` CLI logged in as the demo user of the served cloud."""
    executable = shutil.which("openstack")
    if executable is None:
        pytest.fail("the `openstack` CLI is missing: install the test extra "
                    "(pip install -e '.[test]'), which brings python-openstackclient")
    clouds_yaml = tmp_path / "clouds.yaml"
    clouds_yaml.write_text(served.clouds_yaml("demo", user="demo"), encoding="utf-8")
    return CLI(executable, clouds_yaml, tmp_path)


def test_network_router_security_group_server_and_floating_ip(cli: CLI,
                                                              served: FakeCloud) -> None:
    net = cli.json("demo", "network", "create", "app-net")
    subnet = cli.json("demo", "subnet", "create", "--network", "app-net",
                      "--subnet-range", "192.168.50.0/24", "app-subnet")
    router = cli.json("demo", "router", "create", "app-router")
    cli.run("demo", "router", "set", "--external-gateway", "public", "app-router")
    cli.run("demo", "router", "add", "subnet", "app-router", "app-subnet")
    group = cli.json("demo", "security", "group", "create", "ssh")
    rule = cli.json("demo", "security", "group", "rule", "create", "--protocol", "tcp",
                    "--dst-port", "22", "ssh")
    server = cli.json("demo", "server", "create", "--network", "app-net", "--image",
                      "cirros-0.6.2-x86_64-disk", "--flavor", "m1.tiny", "--security-group",
                      "ssh", "--wait", "app-1")
    fip = cli.json("demo", "floating", "ip", "create", "public")
    cli.run("demo", "server", "add", "floating", "ip", "app-1", fip["floating_ip_address"])
    shown = cli.json("demo", "server", "show", "app-1")
    gateway = cli.json("demo", "router", "show", "app-router")
    ports = cli.json("demo", "port", "list", "--router", "app-router")

    assert (net["status"], subnet["cidr"], subnet["network_id"]) == (
        "ACTIVE", "192.168.50.0/24", net["id"])
    public = next(n.id for n in served.networking.networks.values() if n.name == "public")
    assert gateway["external_gateway_info"]["network_id"] == public
    assert [p["Fixed IP Addresses"][0]["subnet_id"] for p in ports] == [subnet["id"]]
    assert (rule["protocol"], rule["port_range_min"], rule["port_range_max"],
            rule["security_group_id"]) == ("tcp", 22, 22, group["id"])
    assert server["status"] == "ACTIVE"
    addresses = shown["addresses"]["app-net"]
    fixed, floating = addresses
    assert ipaddress.ip_address(fixed) in ipaddress.ip_network("192.168.50.0/24")
    assert floating == fip["floating_ip_address"]
    assert [g["name"] for g in shown["security_groups"]] == ["ssh"]
    assert served.networking.floatingips[fip["id"]].fixed_ip_address == fixed
    assert router["name"] == "app-router"
