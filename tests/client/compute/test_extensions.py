"""The seed's extensions: diskconfig decorating builders and reading results, startstop,
availability zones; rescueunrescue and shelveunshelve."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Conflict, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import (
    availabilityzones,
    diskconfig,
    rescueunrescue,
    shelveunshelve,
    startstop,
)
from tests.client.compute.support import BASE, nova_error, sample, sent_json

SERVER_ID = "0e12087a-7c87-476a-8f84-7398e991cecc"
ACTION = f"{BASE}servers/{SERVER_ID}/action"


def test_create_opts_ext_decorates_the_server_body(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(f"{BASE}servers", json=sample("server-create"), status=202)
    base = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1", networks="none")
    opts = diskconfig.CreateOptsExt(create_opts=base, disk_config=diskconfig.DiskConfig.MANUAL)
    servers.create(compute, opts).extract()
    assert sent_json(mock.calls[0]) == {"server": {
        "name": "web", "imageRef": "img-1", "flavorRef": "1", "networks": "none",
        "OS-DCF:diskConfig": "MANUAL"}}


def test_create_opts_ext_without_disk_config_is_the_base_body() -> None:
    base = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1")
    ext = diskconfig.CreateOptsExt(create_opts=base)
    assert ext.to_server_create_map() == base.to_server_create_map()


def test_an_invalid_disk_config_defers_invalid_input(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    base = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1")
    result = servers.create(compute, diskconfig.CreateOptsExt(create_opts=base,
                                                              disk_config="SOMETIMES"))
    with pytest.raises(InvalidInput):
        result.extract()
    assert len(mock.calls) == 0


def test_rebuild_and_resize_exts_decorate_their_bodies(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(ACTION, json=sample("server-get-2.73"), status=202)
    mock.post(ACTION, status=202)
    rebuild = diskconfig.RebuildOptsExt(rebuild_opts=servers.RebuildOpts(image_ref="img-2"),
                                        disk_config="AUTO")
    result = servers.rebuild(compute, SERVER_ID, rebuild)
    assert diskconfig.extract_rebuild(result) == "AUTO"
    resize = diskconfig.ResizeOptsExt(resize_opts=servers.ResizeOpts(flavor_ref="2"),
                                      disk_config=diskconfig.DiskConfig.MANUAL)
    servers.resize(compute, SERVER_ID, resize).extract_err()
    assert sent_json(mock.calls[0]) == {"rebuild": {"imageRef": "img-2",
                                                    "OS-DCF:diskConfig": "AUTO"}}
    assert sent_json(mock.calls[1]) == {"resize": {"flavorRef": "2",
                                                   "OS-DCF:diskConfig": "MANUAL"}}


def test_extract_get_reads_the_same_result_servers_get_returns(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", json=sample("server-get-2.73"))
    result = servers.get(compute, SERVER_ID)
    assert diskconfig.extract_get(result) == "AUTO"
    assert result.extract().disk_config == "AUTO"


def test_extract_update_and_missing_key(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    mock.put(f"{BASE}servers/0e44", json=sample("server-get-2.1"))
    result = servers.update(plain, "0e44", servers.UpdateOpts(name="x"))
    assert diskconfig.extract_update(result) is None


def test_extract_disk_config_reads_one_server_of_a_page(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    one = sample("server-get-2.73")["server"]
    two = {**one, "id": "s-2", "OS-DCF:diskConfig": "MANUAL"}
    mock.get(f"{BASE}servers/detail", json={"servers": [one, two]})
    configs: list[str | None] = []

    def handle(page: servers.ServerPage) -> bool:
        configs.extend(diskconfig.extract_disk_config(page, i) for i in range(2))
        return True

    servers.list(compute).each_page(handle)
    assert configs == ["AUTO", "MANUAL"]


def test_extract_get_raises_the_calls_error(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", status=404,
             json=nova_error("itemNotFound", 404, "gone"))
    from stackdouble.client import NotFound

    with pytest.raises(NotFound):
        diskconfig.extract_get(servers.get(compute, SERVER_ID))


def test_start_and_stop_post_os_actions(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(ACTION, status=202)
    mock.post(ACTION, status=202)
    startstop.stop(compute, SERVER_ID).extract_err()
    startstop.start(compute, SERVER_ID).extract_err()
    assert [sent_json(c) for c in mock.calls] == [{"os-stop": None}, {"os-start": None}]


def test_starting_an_active_server_arrives_as_conflict(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = (f"Cannot 'start' instance {SERVER_ID} while it is in vm_state active")
    mock.post(ACTION, status=409, json=nova_error("conflictingRequest", 409, message))
    with pytest.raises(Conflict) as info:
        startstop.start(compute, SERVER_ID).extract_err()
    assert info.value.fault == message


def test_availability_zones_plain_and_detail(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}os-availability-zone", json={"availabilityZoneInfo": [
        {"zoneName": "nova", "zoneState": {"available": True}, "hosts": None}]})
    mock.get(f"{BASE}os-availability-zone/detail", json=sample("availability-zones-detail"))
    [zone] = availabilityzones.list(compute).items()
    assert (zone.name, zone.available, zone.hosts) == ("nova", True, {})
    detail = {z.name: z for z in availabilityzones.list_detail(compute).items()}
    assert detail["nova"].hosts["compute"]["nova-compute"].active is True
    assert sorted(detail) == ["internal", "nova"]


def test_extract_availability_zone_from_a_server_result(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", json=sample("server-get-2.73"))
    result = servers.get(compute, SERVER_ID)
    assert availabilityzones.extract_availability_zone(result) == "nova"


def test_rescue_sends_its_opts_and_extracts_the_password(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(ACTION, json={"adminPass": "s3cret"}, status=200)
    opts = rescueunrescue.RescueOpts(admin_pass="s3cret", rescue_image_ref="img-1")
    result = rescueunrescue.rescue(compute, SERVER_ID, opts)
    assert result.extract() == "s3cret"
    assert sent_json(mock.calls[0]) == {"rescue": {"adminPass": "s3cret",
                                                   "rescue_image_ref": "img-1"}}
    assert "s3cret" not in repr(opts) + repr(result)


def test_rescue_without_opts_sends_an_empty_object_and_may_get_no_password(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(ACTION, json={}, status=200)  # [api] enable_instance_password = False
    assert rescueunrescue.rescue(compute, SERVER_ID).extract() is None
    assert sent_json(mock.calls[0]) == {"rescue": {}}


def test_rescuing_a_rescued_server_arrives_as_conflict(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = f"Cannot 'rescue' instance {SERVER_ID} while it is in vm_state rescued"
    mock.post(ACTION, status=409, json=nova_error("conflictingRequest", 409, message))
    with pytest.raises(Conflict) as info:
        rescueunrescue.rescue(compute, SERVER_ID).extract()
    assert info.value.fault == message


def test_unrescue_shelve_and_shelve_offload_post_null_actions(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    for _ in range(3):
        mock.post(ACTION, status=202)
    rescueunrescue.unrescue(compute, SERVER_ID).extract_err()
    shelveunshelve.shelve(compute, SERVER_ID).extract_err()
    shelveunshelve.shelve_offload(compute, SERVER_ID).extract_err()
    assert [sent_json(c) for c in mock.calls] == [
        {"unrescue": None}, {"shelve": None}, {"shelveOffload": None}]


def test_unshelve_sends_null_without_a_zone_and_the_zone_with_one(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    for _ in range(3):
        mock.post(ACTION, status=202)
    shelveunshelve.unshelve(compute, SERVER_ID).extract_err()
    shelveunshelve.unshelve(compute, SERVER_ID, shelveunshelve.UnshelveOpts()).extract_err()
    zone = shelveunshelve.UnshelveOpts(availability_zone="az-2")
    shelveunshelve.unshelve(compute, SERVER_ID, zone).extract_err()
    assert [sent_json(c) for c in mock.calls] == [
        {"unshelve": None}, {"unshelve": None}, {"unshelve": {"availability_zone": "az-2"}}]
