"""resetstate, injectnetworkinfo, resetnetwork, servers.show_console_output,
remoteconsoles and usage through the client, against the fake Nova."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    HTTPError,
    InvalidInput,
    ServiceClient,
)
from stackdouble.client.openstack.compute.v2 import remoteconsoles, servers, usage
from stackdouble.client.openstack.compute.v2.extensions import (
    injectnetworkinfo,
    resetnetwork,
    resetstate,
)
from stackdouble.fakes import FakeClock, FakeCloud
from tests.client.compute.novaadmin import admin_compute, demo_project, member_compute
from tests.client.compute.support import BASE, new_server, sent_json

START = datetime(2026, 3, 1, tzinfo=timezone.utc)


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded cloud with a frozen clock, answering in-process."""
    with FakeCloud(seed=23, clock=FakeClock(start=START, ticking=False)) as fake:
        yield fake


def test_reset_state_to_error_and_back(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud)
    server_id = new_server(member_compute(cloud))
    resetstate.reset_state(admin, server_id, resetstate.ServerState.ERROR).extract_err()
    assert servers.get(admin, server_id).extract().status == "ERROR"
    resetstate.reset_state(admin, server_id, "active").extract_err()
    assert servers.get(admin, server_id).extract().status == "ACTIVE"
    with pytest.raises(BadRequest):
        resetstate.reset_state(admin, server_id, "stopped").extract_err()
    with pytest.raises(Forbidden):
        resetstate.reset_state(member_compute(cloud), server_id, "error").extract_err()


def test_inject_network_info_and_the_removed_reset_network(cloud: FakeCloud) -> None:
    admin = admin_compute(cloud)
    server_id = new_server(member_compute(cloud))
    injectnetworkinfo.inject_network_info(admin, server_id).extract_err()
    with pytest.raises(HTTPError) as caught:
        resetnetwork.reset_network(admin, server_id).extract_err()
    assert caught.value.status == 410


def test_console_output(cloud: FakeCloud) -> None:
    member = member_compute(cloud)
    server_id = new_server(member, name="db")
    text = servers.show_console_output(member, server_id).extract()
    assert text.endswith("db login: ")
    last = servers.show_console_output(member, server_id,
                                       servers.ShowConsoleOutputOpts(length=2)).extract()
    assert last.split("\n") == text.split("\n")[-2:]
    with pytest.raises(InvalidInput):
        servers.show_console_output(member, server_id,
                                    servers.ShowConsoleOutputOpts(length=-1)).extract()


def test_console_output_of_a_building_server_conflicts(cloud: FakeCloud) -> None:
    cloud.compute.set_build_time(60)
    member = member_compute(cloud)
    server_id = new_server(member)
    with pytest.raises(Conflict, match="is not ready"):
        servers.show_console_output(member, server_id).extract()


def test_remote_consoles(cloud: FakeCloud) -> None:
    member = member_compute(cloud, "2.8")
    server_id = new_server(member_compute(cloud))
    vnc = remoteconsoles.CreateOpts(protocol=remoteconsoles.ConsoleProtocol.VNC,
                                    type=remoteconsoles.ConsoleType.NOVNC)
    console = remoteconsoles.create(member, server_id, vnc).extract()
    assert (console.protocol, console.type) == ("vnc", "novnc")
    assert console.url.startswith(cloud.base_url + "/vnc_lite.html?path=%3Ftoken%3D")
    spice = remoteconsoles.CreateOpts(protocol="spice", type="spice-html5")
    with pytest.raises(BadRequest, match=r"Unavailable console type spice-html5\."):
        remoteconsoles.create(member, server_id, spice).extract()
    cloud.compute.set_consoles({"vnc", "spice"})
    assert "spice_auto.html?token=" in remoteconsoles.create(member, server_id, spice
                                                             ).extract().url


def test_usage_of_one_project_and_of_all(cloud: FakeCloud) -> None:
    member = member_compute(cloud, "2.40")
    first = new_server(member, name="a")
    cloud.clock.advance(1800)
    member = member_compute(cloud, "2.40")  # a fresh token: they last an hour
    new_server(member, name="b")
    cloud.clock.advance(1800)
    member = member_compute(cloud, "2.40")
    end = cloud.clock.now()
    opts = usage.SingleTenantOpts(start=START, end=end)
    [mine] = usage.single_tenant(member, demo_project(cloud), opts).items()
    assert mine.total_hours == 1.5
    assert {s.name: s.hours for s in mine.server_usages} == {"a": 1.0, "b": 0.5}
    assert mine.stop == end
    paged = usage.single_tenant(member, demo_project(cloud),
                                usage.SingleTenantOpts(start=START, end=end, limit=1))
    per_page = [[s.name for s in u.server_usages] for page in paged.pages()
                for u in page.items()]
    assert per_page == [["a"], ["b"]] or per_page == [["b"], ["a"]]
    admin = admin_compute(cloud, "2.40")
    every = usage.all_tenants(admin, usage.AllTenantsOpts(detailed=True, start=START,
                                                          end=end)).items()
    assert [(u.tenant_id, len(u.server_usages)) for u in every] == [(demo_project(cloud), 2)]
    with pytest.raises(Forbidden):
        [*usage.all_tenants(member).items()]
    assert first in {s.instance_id for s in mine.server_usages}


def test_a_project_without_usage_has_no_items(cloud: FakeCloud) -> None:
    member = member_compute(cloud)
    opts = usage.SingleTenantOpts(start=START - timedelta(days=1), end=START)
    assert [*usage.single_tenant(member, demo_project(cloud), opts).items()] == []


def test_usage_query_as_nova_parses_it(mock: responses.RequestsMock,
                                       compute: ServiceClient) -> None:
    mock.get(f"{BASE}os-simple-tenant-usage", json={"tenant_usages": []})
    opts = usage.AllTenantsOpts(detailed=True, start=datetime(2026, 3, 1, 12, 30, 0, 5000),
                                end=datetime(2026, 3, 2))
    [*usage.all_tenants(compute, opts).items()]
    assert str(mock.calls[0].request.url).endswith(
        "?detailed=1&end=2026-03-02T00%3A00%3A00&start=2026-03-01T12%3A30%3A00.005000")
    with pytest.raises(InvalidInput):
        [*usage.all_tenants(compute, usage.AllTenantsOpts(start=datetime(2026, 3, 2),
                                                          end=datetime(2026, 3, 1))).items()]


def test_remote_console_body(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.post(f"{BASE}servers/s1/remote-consoles", json={"remote_console": {
        "protocol": "serial", "type": "serial", "url": "ws://x/?token=t"}})
    opts = remoteconsoles.CreateOpts(protocol="serial", type="serial")
    assert remoteconsoles.create(compute, "s1", opts).extract().url == "ws://x/?token=t"
    assert sent_json(mock.calls[0]) == {"remote_console": {"protocol": "serial",
                                                           "type": "serial"}}


def test_extensions_list_and_get(cloud: FakeCloud) -> None:
    from stackdouble.client import NotFound
    from stackdouble.client.openstack.compute.v2 import extensions

    member = member_compute(cloud)
    aliases = [e.alias for e in extensions.list(member).items()]
    assert {"os-migrate-server", "os-evacuate", "os-simple-tenant-usage"} <= set(aliases)
    assert extensions.get(member, "OS-EXT-AZ").extract().description == (
        "Extended Availability Zone support.")
    with pytest.raises(NotFound):
        extensions.get(member, "nope").extract()
