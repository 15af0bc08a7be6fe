"""Containers: listing formats and options, create, get, update, delete, bulk delete."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from stackdouble.client import Conflict, InvalidInput, NotFound, ServiceClient, UnexpectedBody
from stackdouble.client.openstack.objectstorage.v1 import containers
from tests.client.objectstorage.conftest import reply, sent
from tests.client.objectstorage.samples import (
    ACCOUNT,
    ACCOUNT_JSON,
    HEAD_CONTAINER,
    JSON_HEADERS,
    PUT_CONTAINER,
    TEXT_EMPTY,
    swift_error,
)

TEXT = {"Content-Type": "text/plain; charset=utf-8"}


def test_list_defaults_to_the_seeds_text_listing(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT, 200, TEXT, b"photos\nsamples\n")
    reply(mock, "GET", ACCOUNT + "?marker=samples", 204, *TEXT_EMPTY)
    assert list(containers.list(storage).items()) == ["photos", "samples"]
    first = sent(mock, 0)
    assert first.headers["Accept"] == "text/plain"
    assert urlsplit(first.url).query == ""


def test_full_list_asks_json_and_types_the_rows(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT + "?format=json", 200, JSON_HEADERS,
          json.dumps(ACCOUNT_JSON).encode())
    reply(mock, "GET", ACCOUNT + "?format=json&marker=samples", 200, JSON_HEADERS, b"[]")
    rows = list(containers.list(storage, containers.ListOpts(full=True)).items())
    assert rows == [containers.Container(
        name="samples", count=3, bytes=32, storage_policy="Policy-0",
        last_modified=datetime(2026, 11, 27, 8, 56, 17, 88950, tzinfo=timezone.utc))]
    assert sent(mock, 0).headers["Accept"] == "application/json"


def test_list_sends_every_option(mock: responses.RequestsMock, storage: ServiceClient) -> None:
    opts = containers.ListOpts(full=True, limit=2, marker="é/x", end_marker="z", prefix="p",
                               delimiter="-", reverse=True)
    mock.add(responses.GET, ACCOUNT, json=[])
    list(containers.list(storage, opts).items())
    assert parse_qsl(urlsplit(sent(mock).url).query) == [
        ("format", "json"), ("limit", "2"), ("marker", "é/x"), ("end_marker", "z"),
        ("prefix", "p"), ("delimiter", "-"), ("reverse", "true")]


def test_a_delimited_listing_types_subdir_rows(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    body = [{"subdir": "logs-"}, {"name": "photos", "count": 0, "bytes": 0,
                                  "last_modified": "2026-11-27T08:56:17.088950"}]
    mock.add(responses.GET, ACCOUNT, json=body)
    opts = containers.ListOpts(full=True, delimiter="-")
    page = next(containers.list(storage, opts).pages())
    assert containers.extract_info(page)[0] == containers.Container(name="logs-", subdir="logs-")
    assert containers.extract_names(page) == ["logs-", "photos"]


def test_a_negative_limit_fails_the_first_page_without_a_request(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    pager = containers.list(storage, containers.ListOpts(limit=-1))
    with pytest.raises(InvalidInput) as caught:
        list(pager.items())
    assert caught.value.field == "limit"
    assert len(mock.calls) == 0


def test_extract_info_of_a_text_page_says_to_ask_for_json(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT, 200, TEXT, b"photos\n")
    page = next(containers.list(storage).pages())
    with pytest.raises(UnexpectedBody, match="full=True"):
        containers.extract_info(page)


def test_an_xml_listing_is_an_error_naming_its_content_type(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "GET", ACCOUNT, 200, {"Content-Type": "application/xml; charset=utf-8"},
          b'<?xml version="1.0" encoding="UTF-8"?><account name="AUTH_test"></account>')
    with pytest.raises(UnexpectedBody, match="application/xml"):
        list(containers.list(storage).items())


def test_create_sends_acls_policy_versions_and_metadata(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", ACCOUNT + "/photos", 201, PUT_CONTAINER)
    opts = containers.CreateOpts(
        metadata={"Team": "web"}, read_acl=".r:*,.rlistings", write_acl="demo:alice",
        storage_policy="gold", versions_location="photos+versions", versions_enabled=True,
        temp_url_key="ck", sync_key="sk")
    headers = containers.create(storage, "photos", opts).extract()
    request = sent(mock)
    assert request.method == "PUT"
    expected = {
        "X-Container-Meta-Team": "web", "X-Container-Read": ".r:*,.rlistings",
        "X-Container-Write": "demo:alice", "X-Storage-Policy": "gold",
        "X-Versions-Location": "photos%2Bversions", "X-Versions-Enabled": "true",
        "X-Container-Meta-Temp-URL-Key": "ck", "X-Container-Sync-Key": "sk"}
    assert {key: request.headers[key] for key in expected} == expected
    assert headers.trans_id == "tx90dbb46d28a246e8a7888-006b0945b0"
    assert "ck" not in repr(opts)


def test_create_accepts_202_for_an_existing_container(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "PUT", ACCOUNT + "/photos", 202, PUT_CONTAINER)
    assert containers.create(storage, "photos").err is None


def test_create_quotes_a_unicode_name(mock: responses.RequestsMock, storage: ServiceClient) -> None:
    reply(mock, "PUT", ACCOUNT + "/%C3%A9t%C3%A9%20%2B%3F", 201, PUT_CONTAINER)
    containers.create(storage, "été +?").extract()
    assert sent(mock).url == ACCOUNT + "/%C3%A9t%C3%A9%20%2B%3F"


@pytest.mark.parametrize("name", ["", "a/b"])
def test_create_refuses_an_empty_name_or_one_with_a_slash(
    mock: responses.RequestsMock, storage: ServiceClient, name: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        containers.create(storage, name).extract()
    assert caught.value.field == "container"
    assert len(mock.calls) == 0


def test_get_types_the_real_container_headers(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT + "/samples", 204, HEAD_CONTAINER)
    headers = containers.get(storage, "samples").extract()
    assert (headers.object_count, headers.bytes_used) == (3, 32)
    assert headers.storage_policy == "Policy-0"
    assert headers.timestamp == datetime.fromtimestamp(1795769777.10817, tz=timezone.utc)
    assert headers.last_modified == datetime(2026, 11, 27, 8, 56, 18, tzinfo=timezone.utc)
    assert headers.trans_id == "txf664ca5228dc49fdb0c0e-006b0945b1"
    assert (headers.read_acl, headers.write_acl, headers.versions_enabled) == (None, None, None)


def test_get_reads_acls_metadata_and_hides_keys(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT + "/samples", 204, {
        **HEAD_CONTAINER, "X-Container-Read": ".r:*", "X-Container-Write": "demo:alice",
        "X-Container-Meta-Team": "web", "X-Container-Meta-Temp-Url-Key": "ck-secret",
        "X-Container-Sync-Key": "sk-secret", "X-Versions-Enabled": "True",
        "X-Container-Meta-Quota-Count": "10"})
    result = containers.get(storage, "samples")
    headers = result.extract()
    assert (headers.read_acl, headers.write_acl) == (".r:*", "demo:alice")
    assert headers.metadata == {"Team": "web", "Quota-Count": "10"}
    assert (headers.temp_url_key, headers.sync_key) == ("ck-secret", "sk-secret")
    assert headers.versions_enabled is True
    assert headers.quota_count == 10
    assert "secret" not in repr(headers)
    assert result.extract_metadata() == headers.metadata


def test_get_of_a_missing_container_is_not_found(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "HEAD", ACCOUNT + "/nope", 404, {"X-Trans-Id": "tx404", "Content-Length": "0"})
    with pytest.raises(NotFound) as caught:
        containers.get(storage, "nope").extract()
    assert caught.value.request_id == "tx404"


def test_update_sets_and_removes_metadata_and_acls(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    reply(mock, "POST", ACCOUNT + "/photos", 204)
    opts = containers.UpdateOpts(metadata={"Team": "data"}, remove_metadata=["Old"],
                                 write_acl="demo:bob", remove_read_acl=True, remove_versions=True)
    containers.update(storage, "photos", opts).extract()
    headers = sent(mock).headers
    assert headers["X-Container-Meta-Team"] == "data"
    assert headers["X-Remove-Container-Meta-Old"] == "remove"
    assert headers["X-Container-Write"] == "demo:bob"
    assert headers["X-Remove-Container-Read"] == "remove"
    assert headers["X-Remove-Versions-Location"] == "remove"


def test_update_refuses_an_acl_both_set_and_removed(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    opts = containers.UpdateOpts(read_acl=".r:*", remove_read_acl=True)
    with pytest.raises(InvalidInput) as caught:
        containers.update(storage, "photos", opts).extract()
    assert caught.value.field == "read_acl"


def test_delete_sends_delete(mock: responses.RequestsMock, storage: ServiceClient) -> None:
    reply(mock, "DELETE", ACCOUNT + "/photos", 204)
    containers.delete(storage, "photos").extract_err()
    assert sent(mock).method == "DELETE"


def test_deleting_a_container_that_holds_objects_is_a_conflict(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    headers, body = swift_error(409, "Conflict",
                                "There was a conflict when trying to complete your request.",
                                "tx409conflict-006b0945b4")
    reply(mock, "DELETE", ACCOUNT + "/photos", 409, headers, body)
    with pytest.raises(Conflict) as caught:
        containers.delete(storage, "photos").extract_err()
    err = caught.value
    assert (err.status, err.method, err.url) == (409, "DELETE", ACCOUNT + "/photos")
    assert err.request_id == "tx409conflict-006b0945b4"
    assert err.fault == "Conflict There was a conflict when trying to complete your request."


def test_bulk_delete_posts_quoted_container_names(
    mock: responses.RequestsMock, storage: ServiceClient
) -> None:
    summary = {"Number Deleted": 1, "Number Not Found": 0, "Response Body": "",
               "Response Status": "400 Bad Request",
               "Errors": [["/full%20one", "409 Conflict"]]}
    reply(mock, "POST", ACCOUNT + "?bulk-delete", 200,
          {"Content-Type": "application/json; charset=utf-8"}, json.dumps(summary).encode())
    response = containers.bulk_delete(storage, ["empty", "full one"]).extract()
    request = sent(mock)
    assert request.body == b"/empty\n/full%20one\n"
    assert request.headers["Content-Type"] == "text/plain"
    assert response.errors == (("/full%20one", "409 Conflict"),)
    assert not response.succeeded
