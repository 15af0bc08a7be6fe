"""Accounts: the typed HEAD, metadata and temp-URL keys, as a real Swift sends them."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import responses

from stackdouble.client import InvalidInput, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import accounts
from tests.client.objectstorage.conftest import reply, sent
from tests.client.objectstorage.samples import ACCOUNT, HEAD_ACCOUNT


def test_get_sends_head_to_the_account_url(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT, 204, HEAD_ACCOUNT)
    accounts.get(storage).extract()
    request = sent(mock)
    assert (request.method, request.url) == ("HEAD", ACCOUNT)


def test_get_types_the_real_account_headers(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT, 204, HEAD_ACCOUNT)
    account = accounts.get(storage).extract()
    assert (account.container_count, account.object_count, account.bytes_used) == (1, 3, 32)
    assert account.storage_policies == {
        "Policy-0": accounts.PolicyUsage(container_count=1, object_count=3, bytes_used=32)
    }
    assert account.timestamp == datetime.fromtimestamp(1795769777.09853, tz=timezone.utc)
    assert account.date == datetime(2026, 11, 27, 8, 56, 20, tzinfo=timezone.utc)
    assert account.project_domain_id == "default"
    assert account.trans_id == "tx86eaf1f51be648a981c7e-006b0945b4"
    assert account.quota_bytes is None
    assert account.metadata == {}


def test_get_reads_metadata_quota_and_keeps_temp_url_keys_apart(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    headers = {
        **HEAD_ACCOUNT,
        "X-Account-Meta-Quota-Bytes": "1000",
        "X-Account-Meta-Owner": "ops",
        "X-Account-Meta-Temp-Url-Key": "k1-secret",
        "X-Account-Meta-Temp-Url-Key-2": "k2-secret",
    }
    reply(mock, "HEAD", ACCOUNT, 204, headers)
    result = accounts.get(storage)
    account = result.extract()
    assert account.quota_bytes == 1000
    assert (account.temp_url_key, account.temp_url_key_2) == ("k1-secret", "k2-secret")
    assert account.metadata == {"Quota-Bytes": "1000", "Owner": "ops"}
    assert result.extract_metadata() == account.metadata


def test_temp_url_keys_never_appear_in_a_repr(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT, 204, {**HEAD_ACCOUNT, "X-Account-Meta-Temp-Url-Key": "k1-secret"})
    account = accounts.get(storage).extract()
    opts = accounts.UpdateOpts(temp_url_key="k1-secret", temp_url_key_2="k2-secret")
    assert "secret" not in repr(account) + repr(opts)


def test_get_with_newest_asks_every_replica(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT, 204, HEAD_ACCOUNT)
    accounts.get(storage, accounts.GetOpts(newest=True)).extract()
    assert sent(mock).headers["X-Newest"] == "true"


def test_update_sends_metadata_removals_and_temp_url_keys(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "POST", ACCOUNT, 204, {"X-Trans-Id": "tx1", "Content-Length": "0"})
    opts = accounts.UpdateOpts(metadata={"Color": "blue"}, remove_metadata=["Old"],
                               temp_url_key="k1", temp_url_key_2="k2")
    headers = accounts.update(storage, opts).extract()
    request = sent(mock)
    assert request.method == "POST"
    assert request.headers["X-Account-Meta-Color"] == "blue"
    assert request.headers["X-Remove-Account-Meta-Old"] == "remove"
    assert request.headers["X-Account-Meta-Temp-URL-Key"] == "k1"
    assert request.headers["X-Account-Meta-Temp-URL-Key-2"] == "k2"
    assert headers.trans_id == "tx1"


def test_unicode_metadata_travels_as_utf8_and_reads_back(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "POST", ACCOUNT, 204)
    accounts.update(storage, accounts.UpdateOpts(metadata={"Motto": "été ☃"})).extract()
    on_the_wire = sent(mock).headers["X-Account-Meta-Motto"].encode("latin-1")
    assert on_the_wire == "été ☃".encode()
    # Swift answers the same bytes; requests reads them as latin-1.
    reply(mock, "HEAD", ACCOUNT, 204, {**HEAD_ACCOUNT,
                                       "X-Account-Meta-Motto": on_the_wire.decode("latin-1")})
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
    mock: responses.RequestsMock, storage: ServiceClient, opts: accounts.UpdateOpts, field: str
) -> None:
    result = accounts.update(storage, opts)
    with pytest.raises(InvalidInput) as caught:
        result.extract()
    assert caught.value.field == field
    assert len(mock.calls) == 0
