"""openstacksdk's cloud layer against the served fake Neutron and Nova, from the clouds.yaml
the fake writes: `create_server(..., network=..., auto_ip=True, wait=True)` boots a server on
DevStack's `private` network and gives it a floating IP from `public` (through `router1`, as
DevStack wires it); `delete_server(..., delete_ips=True)` releases that IP with the server.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stackdouble.fakes import FakeCloud

openstack = pytest.importorskip("openstack")

IMAGE = "cirros-0.6.2-x86_64-disk"


@pytest.fixture
def served() -> Iterator[FakeCloud]:
    """A seeded cloud served over HTTP on loopback."""
    cloud = FakeCloud(seed=17)
    with cloud.serve():
        yield cloud


@pytest.fixture
def conn(served: FakeCloud, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An openstacksdk connection as the demo user of the served cloud."""
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text(served.clouds_yaml("stackdouble"), encoding="utf-8")
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(clouds))
    connection = openstack.connect(cloud="stackdouble")
    try:
        yield connection
    finally:
        connection.close()


def private_subnet(served: FakeCloud) -> ipaddress.IPv4Network:
    """The IPv4 range of DevStack's `private` network in the fake."""
    net = next(n for n in served.networking.networks.values() if n.name == "private")
    cidrs = [s.cidr for s in served.networking.subnets.values()
             if s.network_id == net.id and ipaddress.ip_network(s.cidr).version == 4]
    return ipaddress.IPv4Network(cidrs[0])


def test_create_server_with_auto_ip_gets_a_floating_ip(conn: Any, served: FakeCloud) -> None:
    server = conn.create_server("sdk-vm", image=IMAGE, flavor="m1.tiny", network="private",
                                auto_ip=True, wait=True, timeout=60)
    # the server create_server returns carries no private_v4/public_v4 of its own
    # (openstacksdk fills them on a get); its addresses already show the floating IP
    shown = conn.get_server(server.id)

    fips = list(conn.network.ips())
    assert server.status == "ACTIVE"
    assert ipaddress.ip_address(shown.private_v4) in private_subnet(served)
    assert [f.floating_ip_address for f in fips] == [shown.public_v4]
    assert (fips[0].fixed_ip_address, fips[0].status) == (shown.private_v4, "ACTIVE")
    assert shown.public_v4 in [a["addr"] for a in server.addresses["private"]
                               if a["OS-EXT-IPS:type"] == "floating"]


def test_delete_server_with_delete_ips_releases_the_floating_ip(conn: Any,
                                                                served: FakeCloud) -> None:
    server = conn.create_server("sdk-gone", image=IMAGE, flavor="m1.tiny", network="private",
                                auto_ip=True, wait=True, timeout=60)
    assert conn.get_server(server.id).public_v4
    assert len(served.networking.floatingips) == 1

    assert conn.delete_server(server.id, wait=True, delete_ips=True, timeout=60)
    assert conn.get_server(server.id) is None
    assert list(conn.network.ips()) == []
    assert served.networking.floatingips == {}
