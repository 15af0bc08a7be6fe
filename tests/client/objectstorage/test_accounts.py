"""Accounts: the typed HEAD, metadata and temp-URL keys, against the fake Swift."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Forbidden, InvalidInput, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import accounts
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import START, canned_request, reply, sent
from tests.client.objectstorage.samples import ACCOUNT, HEAD_ACCOUNT


def test_get_sends_head_to_the_account_url(cloud: FakeCloud, storage: ServiceClient) -> None:
    accounts.get(storage).extract()
    request = sent(cloud)
    assert (request.method, request.url) == ("HEAD", storage.resource_base_url().rstrip("/"))


def test_get_types_the_account_headers(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    account = accounts.get(storage).extract()
    assert (account.container_count, account.object_count, account.bytes_used) == (1, 3, 32)
    assert account.storage_policies == {
        "Policy-0": accounts.PolicyUsage(container_count=1, object_count=3, bytes_used=32)
    }
    assert account.timestamp == START
    assert account.date == START
    assert account.project_domain_id == "default"
    assert account.trans_id is not None
    assert account.trans_id == sent(cloud).request_id
    assert account.quota_bytes is None
    assert account.quota_count is None
    assert account.policy_quotas == {}
    assert account.metadata == {}


def test_the_recorded_account_headers_parse_too(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT, 204, HEAD_ACCOUNT)
    account = accounts.get(canned).extract()
    assert (account.container_count, account.object_count, account.bytes_used) == (1, 3, 32)
    assert account.trans_id == "tx86eaf1f51be648a981c7e-006b0945b4"
    assert canned_request(mock).method == "HEAD"


def test_get_reads_metadata_quota_and_keeps_temp_url_keys_apart(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    # A reseller admin sets the quota; the fake's model stands in for one.
    cloud.object_storage.account("demo").headers["X-Account-Meta-Quota-Bytes"] = "1000"
    opts = accounts.UpdateOpts(metadata={"Owner": "ops"}, temp_url_key="k1-secret",
                               temp_url_key_2="k2-secret")
    accounts.update(storage, opts).extract()
    result = accounts.get(storage)
    account = result.extract()
    assert account.quota_bytes == 1000
    assert (account.temp_url_key, account.temp_url_key_2) == ("k1-secret", "k2-secret")
    assert account.metadata == {"Quota-Bytes": "1000", "Owner": "ops"}
    assert result.extract_metadata() == account.metadata


def test_get_reads_the_quotas_swift_2_34_and_later_report(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    # Swift >= 2.34 keeps quotas in sysmeta and answers X-Account-Quota-Bytes/-Count; the
    # fake's model stands in for a reseller admin setting them.
    account_model = cloud.object_storage.account("demo")
    account_model.quota_bytes, account_model.quota_count = 2000, 5
    account = accounts.get(storage).extract()
    assert (account.quota_bytes, account.quota_count) == (2000, 5)
    assert account.metadata == {}


def test_the_sysmeta_quota_wins_over_a_stale_legacy_one(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    # A quota first set as X-Account-Meta-Quota-Bytes (1000) stays in the metadata when a
    # reseller later sets 2000; account_quotas enforces the sysmeta, X-Account-Quota-Bytes.
    reply(mock, "HEAD", ACCOUNT, 204, {**HEAD_ACCOUNT, "X-Account-Meta-Quota-Bytes": "1000",
                                       "X-Account-Quota-Bytes": "2000"})
    account = accounts.get(canned).extract()
    assert account.quota_bytes == 2000
    assert account.quota_count is None
    assert account.metadata == {"Quota-Bytes": "1000"}


def test_get_reads_quotas_per_storage_policy(
    mock: responses.RequestsMock, canned: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT, 204, {
        **HEAD_ACCOUNT,
        "X-Account-Quota-Bytes-Policy-Policy-0": "4096",
        "X-Account-Quota-Count-Policy-Policy-0": "10",
        "X-Account-Quota-Count-Policy-Gold": "3",
    })
    account = accounts.get(canned).extract()
    assert account.policy_quotas == {
        "Policy-0": accounts.PolicyQuota(quota_bytes=4096, quota_count=10),
        "Gold": accounts.PolicyQuota(quota_count=3),
    }
    # Quotas are not usage: the policies with containers are still the usage headers'.
    assert list(account.storage_policies) == ["Policy-0"]
    assert account.quota_bytes is None


def test_a_member_cannot_set_a_quota(cloud: FakeCloud, storage: ServiceClient) -> None:
    result = accounts.update(storage, accounts.UpdateOpts(metadata={"Quota-Bytes": "10"}))
    with pytest.raises(Forbidden) as caught:
        result.extract()
    assert caught.value.request_id == sent(cloud).request_id


def test_temp_url_keys_never_appear_in_a_repr(storage: ServiceClient) -> None:
    opts = accounts.UpdateOpts(temp_url_key="k1-secret", temp_url_key_2="k2-secret")
    accounts.update(storage, opts).extract()
    account = accounts.get(storage).extract()
    assert account.temp_url_key == "k1-secret"
    assert "secret" not in repr(account) + repr(opts)


def test_get_with_newest_asks_every_replica(cloud: FakeCloud, storage: ServiceClient) -> None:
    accounts.get(storage, accounts.GetOpts(newest=True)).extract()
    assert sent(cloud).headers["X-Newest"] == "true"


def test_update_sets_and_removes_metadata(storage: ServiceClient) -> None:
    accounts.update(storage, accounts.UpdateOpts(metadata={"Color": "red", "Old": "x"})).extract()
    headers = accounts.update(storage, accounts.UpdateOpts(
        metadata={"Color": "blue"}, remove_metadata=["Old"])).extract()
    assert headers.trans_id is not None
    assert accounts.get(storage).extract_metadata() == {"Color": "blue"}


def test_unicode_metadata_travels_as_utf8_and_reads_back(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    accounts.update(storage, accounts.UpdateOpts(metadata={"Motto": "été ☃"})).extract()
    stored = cloud.object_storage.account("demo").headers["X-Account-Meta-Motto"]
    assert stored.encode("latin-1") == "été ☃".encode()
    assert accounts.get(storage).extract_metadata() == {"Motto": "été ☃"}


@pytest.mark.parametrize(
    ("opts", "field"),
    [
        (accounts.UpdateOpts(metadata={"bad name": "x"}), "metadata"),
        (accounts.UpdateOpts(metadata={"Ok": "line\nbreak"}), "metadata['Ok']"),
        (accounts.UpdateOpts(metadata={"Ok": " padded"}), "metadata['Ok']"),
        (accounts.UpdateOpts(metadata={"A": "1"}, remove_metadata=["a"]), "remove_metadata"),
    ],
)
def test_update_with_a_bad_option_is_an_input_error_and_sends_nothing(
    cloud: FakeCloud, storage: ServiceClient, opts: accounts.UpdateOpts, field: str
) -> None:
    before = len(cloud.requests)
    result = accounts.update(storage, opts)
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == field
    assert len(cloud.requests) == before
