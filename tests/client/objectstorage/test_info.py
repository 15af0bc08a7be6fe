"""`info.get`: Swift's `/info` as typed capabilities, against the fake Swift."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from stackdouble.client import Forbidden, InvalidInput, ServiceClient, Unauthorized, UnexpectedBody
from stackdouble.client.openstack import new_client
from stackdouble.client.openstack.objectstorage.v1 import info, swauth
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import START, sent


def test_get_reads_info_next_to_the_account_without_a_token(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    # the sections are what the cluster's pipeline registers: this test picks them
    cloud.object_storage.pipeline = "tempurl keystoneauth slo"
    caps = info.get(storage).extract()
    request = sent(cloud)
    assert request.url == cloud.base_url + "/info"
    assert "X-Auth-Token" not in request.headers
    assert caps.swift.version == "2.38.3"
    assert caps.swift.max_file_size == 5368709122
    assert caps.swift.container_listing_limit == 10000
    assert caps.swift.policies == (info.StoragePolicy(name="Policy-0", aliases=("Policy-0",),
                                                      default=True),)
    assert caps.swift.allow_account_management is True
    assert caps.swift.extra == {}
    assert set(caps) == {"swift", "slo", "tempurl"}
    assert caps["slo"]["max_manifest_segments"] == 1000
    assert caps["tempurl"]["methods"] == ["GET", "HEAD", "PUT", "POST", "DELETE"]
    assert repr(caps) == "<Capabilities swift 2.38.3: slo, swift, tempurl>"


def test_a_changed_limit_in_the_fake_reaches_the_client(cloud: FakeCloud,
                                                       storage: ServiceClient) -> None:
    model = cloud.object_storage
    model.constraints = replace(model.constraints, max_object_name_length=32)
    model.policies = ("Policy-0", "gold")
    caps = info.get(storage).extract()
    assert caps.swift.max_object_name_length == 32
    assert [p.name for p in caps.swift.policies] == ["Policy-0", "gold"]
    assert caps.swift.default_policy == caps.swift.policies[0]


def test_a_v1_auth_client_reads_info_too(cloud: FakeCloud) -> None:
    provider = new_client(cloud.base_url)
    storage = swauth.new_object_storage_v1(provider, swauth.AuthOpts(user="test:tester",
                                                                     key="testing"))
    assert "tempauth" in info.get(storage).extract()


def test_a_signed_request_gets_the_admin_section(cloud: FakeCloud,
                                                 storage: ServiceClient) -> None:
    cloud.object_storage.info_admin_key = "k3y"
    opts = info.GetOpts(admin_key="k3y", expires=START + timedelta(minutes=5))
    assert "k3y" not in repr(opts)
    caps = info.get(storage, opts).extract()
    assert caps["admin"]["disallowed_sections"] == ["swift.auto_create_account_prefix",
                                                    "swift.valid_api_versions"]


def test_a_wrong_admin_key_is_unauthorized_and_no_key_forbidden(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    opts = info.GetOpts(admin_key="wrong", expires=int(START.timestamp()) + 60)
    assert isinstance(info.get(storage, opts).err, Forbidden)
    cloud.object_storage.info_admin_key = "k3y"
    assert isinstance(info.get(storage, opts).err, Unauthorized)


@pytest.mark.parametrize("opts", [info.GetOpts(admin_key=""),
                                  info.GetOpts(admin_key="k", expires="soon")])  # type: ignore[arg-type]
def test_bad_options_are_invalid_input_and_send_nothing(
    cloud: FakeCloud, storage: ServiceClient, opts: info.GetOpts
) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput):
        info.get(storage, opts).extract()
    assert len(cloud.requests) == before


def test_capabilities_reject_what_is_not_info() -> None:
    with pytest.raises(UnexpectedBody, match=r"swift\.max_file_size"):
        info.Capabilities({"swift": {"version": "1", "max_file_size": "big"}})
    with pytest.raises(UnexpectedBody, match="policies"):
        info.Capabilities({"swift": {"policies": [{"aliases": "x"}]}})
    with pytest.raises(UnexpectedBody, match="capability sections"):
        info.GetResult(body=["not", "sections"], status=200).extract()


def test_a_policy_lists_its_aliases() -> None:
    policy = info.StoragePolicy.from_json({"name": "gold", "aliases": "gold, yellow",
                                           "deprecated": True})
    assert (policy.aliases, policy.default, policy.deprecated) == (("gold", "yellow"), False,
                                                                   True)
