"""What servers results extract from Nova's bodies, and how error envelopes arrive (paging
runs against the fake Nova in `test_seed.py`)."""

from __future__ import annotations

import pickle
from datetime import datetime, timezone
from typing import Any

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    OverLimit,
    ServiceClient,
    UnexpectedBody,
)
from stackdouble.client.openstack.compute.v2 import servers
from tests.client.compute.support import BASE, REQUEST_ID, nova_error, sample

SERVER_ID = "0e12087a-7c87-476a-8f84-7398e991cecc"
DETAIL = f"{BASE}servers/detail"


def _server_json(index: int) -> dict[str, Any]:
    raw: dict[str, Any] = sample("server-get-2.73")["server"]
    raw["id"] = f"00000000-0000-0000-0000-{index:012d}"
    raw["name"] = f"server-{index}"
    return raw


# --- extraction ----------------------------------------------------------------------------


def test_get_extracts_every_attribute_of_the_2_73_sample(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", json=sample("server-get-2.73"))
    server = servers.get(compute, SERVER_ID).extract()
    assert (server.id, server.name, server.status) == (SERVER_ID, "new-server-test", "ACTIVE")
    assert server.tenant_id == "6f70656e737461636b20342065766572"
    assert server.user_id == "fake"
    assert server.host_id == "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6"
    assert server.created == datetime(2019, 4, 23, 15, 19, 9, tzinfo=timezone.utc)
    assert server.updated == datetime(2019, 4, 23, 15, 19, 11, tzinfo=timezone.utc)
    assert server.launched_at == datetime(2019, 4, 23, 15, 19, 10, 855016, tzinfo=timezone.utc)
    assert server.image is not None
    assert server.image["id"] == "70a599e0-31e7-49b7-b260-868f441e862b"
    assert server.flavor is not None
    assert server.flavor["original_name"] == "m1.tiny"
    private = server.addresses["private"][0]
    assert (private.address, private.version, private.mac_addr, private.type) == (
        "192.168.1.30", 4, "00:0c:29:0d:11:74", "fixed")
    assert server.metadata == {"My Server Name": "Apache1"}
    assert (server.access_ipv4, server.access_ipv6) == ("1.2.3.4", "80fe::")
    assert (server.availability_zone, server.disk_config) == ("nova", "AUTO")
    assert (server.power_state, server.task_state, server.vm_state) == (1, None, "active")
    assert (server.host, server.hypervisor_hostname) == ("compute", "fake-mini")
    assert (server.locked, server.locked_reason) == (True, "I don't want to work")
    assert server.security_groups == ("default",)
    assert (server.tags, server.attached_volumes, server.config_drive) == ((), (), "")
    assert server.progress == 0
    assert server.key_name is None
    assert server.fault is None
    assert server.admin_pass is None


def test_get_extracts_the_2_1_sample_without_extended_attributes(
    mock: responses.RequestsMock, plain: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/0e44cc9c-e052-415d-afbf-469b0d384170", json=sample("server-get-2.1"))
    server = servers.get(plain, "0e44cc9c-e052-415d-afbf-469b0d384170").extract()
    assert server.flavor == {"id": "1", "links": [{
        "href": "http://openstack.example.com/6f70656e737461636b20342065766572/flavors/1",
        "rel": "bookmark"}]}
    assert server.availability_zone is None
    assert server.locked is None
    assert server.disk_config is None


def test_a_server_booted_from_a_volume_has_no_image() -> None:
    raw = sample("server-get-2.73")["server"]
    raw["image"] = ""
    raw["os-extended-volumes:volumes_attached"] = [{"id": "vol-1", "delete_on_termination": True}]
    server = servers.Server.from_json(raw)
    assert server.image is None
    assert [(v.id, v.delete_on_termination) for v in server.attached_volumes] == [("vol-1", True)]


def test_an_errored_server_carries_its_fault() -> None:
    raw = sample("server-get-2.73")["server"]
    raw["status"] = "ERROR"
    raw["fault"] = {"code": 500, "created": "2019-04-23T15:19:10Z",
                    "message": "No valid host was found. "}
    server = servers.Server.from_json(raw)
    assert server.fault is not None
    assert (server.fault.code, server.fault.message) == (500, "No valid host was found. ")
    assert server.fault.created == datetime(2019, 4, 23, 15, 19, 10, tzinfo=timezone.utc)


def test_a_body_without_server_is_an_unexpected_body(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", json={"reservation_id": "r-1"})
    with pytest.raises(UnexpectedBody):
        servers.get(compute, SERVER_ID).extract()


# --- errors --------------------------------------------------------------------------------


def test_item_not_found_arrives_as_not_found_with_message_and_request_id(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = f"Instance {SERVER_ID} could not be found."
    mock.get(f"{BASE}servers/{SERVER_ID}", status=404,
             json=nova_error("itemNotFound", 404, message),
             headers={"x-openstack-request-id": REQUEST_ID, "x-compute-request-id": REQUEST_ID})
    result = servers.get(compute, SERVER_ID)
    with pytest.raises(NotFound) as info:
        result.extract()
    err = info.value
    assert (err.status, err.kind, err.fault, err.request_id) == (
        404, "itemNotFound", message, REQUEST_ID)
    assert err.method == "GET"
    assert err.url == f"{BASE}servers/{SERVER_ID}"
    assert message in str(err)
    assert REQUEST_ID in str(err)


def test_the_legacy_compute_request_id_header_is_enough(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.delete(f"{BASE}servers/{SERVER_ID}", status=404,
                json=nova_error("itemNotFound", 404, "Instance could not be found."),
                headers={"x-compute-request-id": REQUEST_ID})
    with pytest.raises(NotFound) as info:
        servers.delete(compute, SERVER_ID).extract_err()
    assert info.value.request_id == REQUEST_ID


def test_conflicting_request_arrives_as_conflict(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = (f"Cannot 'resize' instance {SERVER_ID} while it is in vm_state stopped")
    mock.post(f"{BASE}servers/{SERVER_ID}/action", status=409,
              json=nova_error("conflictingRequest", 409, message),
              headers={"x-openstack-request-id": REQUEST_ID})
    result = servers.resize(compute, SERVER_ID, servers.ResizeOpts(flavor_ref="2"))
    with pytest.raises(Conflict) as info:
        result.extract_err()
    assert (info.value.kind, info.value.fault) == ("conflictingRequest", message)


def test_bad_request_arrives_as_bad_request(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = "Flavor's disk is too small for requested image."
    mock.post(f"{BASE}servers", status=400, json=nova_error("badRequest", 400, message),
              headers={"x-openstack-request-id": REQUEST_ID})
    opts = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1")
    with pytest.raises(BadRequest) as info:
        servers.create(compute, opts).extract()
    assert (info.value.kind, info.value.fault, info.value.request_id) == (
        "badRequest", message, REQUEST_ID)


def test_over_limit_carries_retry_after(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"
    mock.post(f"{BASE}servers", status=413, json=nova_error("overLimit", 413, message),
              headers={"Retry-After": "30", "x-openstack-request-id": REQUEST_ID})
    opts = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1")
    with pytest.raises(OverLimit) as info:
        servers.create(compute, opts).extract()
    assert (info.value.kind, info.value.fault, info.value.retry_after) == (
        "overLimit", message, 30.0)


def test_quota_exceeded_as_403_arrives_as_forbidden(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = "Quota exceeded for cores: Requested 2, but already used 20 of 20 cores"
    mock.post(f"{BASE}servers", status=403, json=nova_error("forbidden", 403, message))
    opts = servers.CreateOpts(name="web", image_ref="img-1", flavor_ref="1")
    with pytest.raises(Forbidden) as info:
        servers.create(compute, opts).extract()
    assert info.value.fault == message


def test_a_listing_error_raises_from_the_iterating_call(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(DETAIL, status=400,
             json=nova_error("badRequest", 400, "marker [nope] not found"))
    pager = servers.list(compute, servers.ListOpts(marker="nope"))
    with pytest.raises(BadRequest) as info:
        pager.all_pages()
    assert info.value.fault == "marker [nope] not found"


def test_errors_pickle_with_their_fields(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.get(f"{BASE}servers/{SERVER_ID}", status=404,
             json=nova_error("itemNotFound", 404, "gone"),
             headers={"x-openstack-request-id": REQUEST_ID})
    err = servers.get(compute, SERVER_ID).err
    copy = pickle.loads(pickle.dumps(err))
    assert (type(copy), copy.fault, copy.request_id) == (NotFound, "gone", REQUEST_ID)
