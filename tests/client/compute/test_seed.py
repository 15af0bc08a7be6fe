"""The seed's usage, against the fake Nova: get/extract, each_page with an early stop,
all_pages, diskconfig over the same Result, start/stop, resize-confirm, negotiation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from stackdouble.client import BadRequest, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers, versions
from stackdouble.client.openstack.compute.v2.extensions import diskconfig, startstop
from stackdouble.fakes import FakeClock, FakeCloud
from tests.client.compute.support import CIRROS, fake_compute, new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud with a frozen clock, answering in-process."""
    clock = FakeClock(start=datetime(2026, 3, 1, tzinfo=timezone.utc))
    with FakeCloud(seed=22, clock=clock) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """The client at 2.79 on the fake."""
    return fake_compute(cloud)


@pytest.fixture
def five(cloud: FakeCloud) -> list[str]:
    """Five servers in the demo project, named server-1..5 (server-5 newest)."""
    made = cloud.compute.create_servers(cloud.project_id("demo"), 5)
    return [s.uuid for s in made]


def test_get_extracts_a_typed_server(nova: ServiceClient) -> None:
    server_id = new_server(nova, "web")
    server = servers.get(nova, server_id).extract()
    assert (server.id, server.name, server.status) == (server_id, "web", "ACTIVE")
    assert server.image is not None
    assert server.image["id"] == CIRROS
    assert server.flavor is not None
    assert server.flavor["original_name"] == "m1.tiny"
    assert (server.power_state, server.vm_state, server.availability_zone) == (1, "active",
                                                                               "nova")
    assert [a.version for a in server.addresses["private"]] == [4, 6]


def test_each_page_stops_when_the_handler_returns_false(cloud: FakeCloud, nova: ServiceClient,
                                                        five: list[str]) -> None:
    seen: list[str] = []

    def handle(page: servers.ServerPage) -> bool:
        seen.extend(s.name for s in servers.extract_servers(page))
        return False

    servers.list(nova, servers.ListOpts(limit=2)).each_page(handle)
    assert seen == ["server-5", "server-4"]
    assert len(cloud.requests.filter(path="/compute/v2.1/servers/detail")) == 1


def test_all_pages_follows_servers_links_to_the_end(cloud: FakeCloud, nova: ServiceClient,
                                                    five: list[str]) -> None:
    every = servers.extract_servers(servers.list(nova, servers.ListOpts(limit=2)).all_pages())
    assert [s.name for s in every] == [f"server-{n}" for n in range(5, 0, -1)]
    assert len(cloud.requests.filter(path="/compute/v2.1/servers/detail")) == 3


def test_an_exact_multiple_costs_one_empty_page_as_with_nova(cloud: FakeCloud,
                                                             nova: ServiceClient) -> None:
    cloud.compute.create_servers(cloud.project_id("demo"), 4)
    cloud.compute.set_max_limit(2)
    assert len([*servers.list(nova).items()]) == 4
    assert len(cloud.requests.filter(path="/compute/v2.1/servers/detail")) == 3


def test_next_links_keep_the_filters_and_microversion(cloud: FakeCloud, nova: ServiceClient,
                                                      five: list[str]) -> None:
    names = [s.name for s in servers.list(nova, servers.ListOpts(status="ACTIVE",
                                                                  limit=2)).items()]
    assert len(names) == 5
    second = cloud.requests.filter(path="/compute/v2.1/servers/detail")[1]
    assert "status=ACTIVE" in second.url
    assert second.headers["X-Openstack-Nova-Api-Version"] == "2.79"


def test_an_empty_listing_yields_nothing_after_one_request(nova: ServiceClient) -> None:
    assert [*servers.list(nova).items()] == []
    assert servers.extract_servers(servers.list(nova).all_pages()) == []


def test_a_bad_marker_raises_from_the_iterating_call(nova: ServiceClient) -> None:
    pager = servers.list(nova, servers.ListOpts(marker="nope"))
    with pytest.raises(BadRequest) as info:
        pager.all_pages()
    assert info.value.fault == "marker [nope] not found"


def test_diskconfig_reads_the_same_result_servers_get_returns(nova: ServiceClient) -> None:
    base = servers.CreateOpts(name="web", image_ref=CIRROS, flavor_ref="1", networks="auto")
    opts = diskconfig.CreateOptsExt(create_opts=base, disk_config=diskconfig.DiskConfig.MANUAL)
    server_id = servers.create(nova, opts).extract().id
    result = servers.get(nova, server_id)
    assert diskconfig.extract_get(result) == "MANUAL"
    assert result.extract().disk_config == "MANUAL"


def test_extract_disk_config_reads_one_server_of_a_page(nova: ServiceClient) -> None:
    new_server(nova, "a")
    configs: list[str | None] = []

    def handle(page: servers.ServerPage) -> bool:
        configs.append(diskconfig.extract_disk_config(page, 0))
        return True

    servers.list(nova).each_page(handle)
    assert configs == ["MANUAL"]


def test_stop_and_start(cloud: FakeCloud, nova: ServiceClient) -> None:
    server_id = new_server(nova)
    startstop.stop(nova, server_id).extract_err()
    stopped = servers.wait_for_status(nova, server_id, "SHUTOFF", timeout=60,
                                      sleep=cloud.clock.advance, clock=cloud.clock.time)
    assert stopped.power_state == 4
    startstop.start(nova, server_id).extract_err()
    assert servers.get(nova, server_id).extract().status == "ACTIVE"


def test_resize_and_confirm(cloud: FakeCloud, nova: ServiceClient) -> None:
    cloud.compute.set_action_time(30)
    server_id = new_server(nova)
    servers.resize(nova, server_id, servers.ResizeOpts(flavor_ref="2")).extract_err()
    assert servers.get(nova, server_id).extract().status == "RESIZE"
    servers.wait_for_status(nova, server_id, "VERIFY_RESIZE", timeout=300,
                            sleep=cloud.clock.advance, clock=cloud.clock.time)
    servers.confirm_resize(nova, server_id).extract_err()
    server = servers.get(nova, server_id).extract()
    assert server.status == "ACTIVE"
    assert server.flavor is not None
    assert server.flavor["original_name"] == "m1.small"


def test_rebuild_extracts_the_server_with_its_password(nova: ServiceClient) -> None:
    server_id = new_server(nova)
    opts = servers.RebuildOpts(image_ref=CIRROS, name="rebuilt", admin_pass="seekr1t")
    server = servers.rebuild(nova, server_id, opts).extract()
    assert (server.status, server.name, server.admin_pass) == ("REBUILD", "rebuilt", "seekr1t")


def test_create_image_reads_the_id_from_the_body_or_the_location(nova: ServiceClient) -> None:
    server_id = new_server(nova)
    opts = servers.CreateImageOpts(name="snap")
    from_body = servers.create_image(nova, server_id, opts).extract_image_id()
    from_location = servers.create_image(nova.with_microversion("2.44"), server_id,
                                         opts).extract_image_id()
    assert from_body != from_location
    assert len(from_location) == 36


def test_metadata_calls_round_trip(nova: ServiceClient) -> None:
    server_id = new_server(nova)
    assert servers.reset_metadata(nova, server_id, {"b": "2"}).extract() == {"b": "2"}
    assert servers.update_metadata(nova, server_id, {"c": "3"}).extract() == {"b": "2",
                                                                              "c": "3"}
    assert servers.create_metadatum(nova, server_id, "d", "4").extract() == {"d": "4"}
    assert servers.metadatum(nova, server_id, "b").extract() == {"b": "2"}
    servers.delete_metadatum(nova, server_id, "d").extract_err()
    assert servers.metadata(nova, server_id).extract() == {"b": "2", "c": "3"}


def test_negotiate_reads_the_fake_root(nova: ServiceClient) -> None:
    plain = nova.with_microversion(None)
    assert versions.negotiate(plain, "2.100").microversion == "2.96"
    assert versions.negotiate(plain, "latest").microversion == "2.96"
    assert [(v.id, v.min_version, v.version) for v in versions.get_versions(plain).extract()] == [
        ("v2.0", "", ""), ("v2.1", "2.1", "2.96")]
