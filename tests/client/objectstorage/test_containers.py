"""Containers: listing formats and options, create, get, update, delete, bulk delete,
against the fake Swift."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import parse_qsl

import pytest
import responses

from stackdouble.client import Conflict, InvalidInput, NotFound, ServiceClient, UnexpectedBody
from stackdouble.client.openstack.objectstorage.v1 import containers
from stackdouble.fakes import FakeCloud
from tests.client.objectstorage.conftest import START, reply, sent
from tests.client.objectstorage.samples import ACCOUNT, HEAD_CONTAINER


@pytest.fixture
def several(cloud: FakeCloud) -> list[str]:
    names = ["logs-2025", "logs-2026", "photos", "samples"]
    for name in names:
        cloud.object_storage.create_container("demo", name)
    return names


def test_list_defaults_to_the_seeds_text_listing(
    cloud: FakeCloud, storage: ServiceClient, several: list[str]
) -> None:
    assert list(containers.list(storage).items()) == several
    first, last = sent(cloud, -2), sent(cloud, -1)
    assert (first.headers["Accept"], first.query) == ("text/plain", "")
    assert (last.query, last.status) == ("marker=samples", 204)


def test_full_list_asks_json_and_types_the_rows(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    rows = list(containers.list(storage, containers.ListOpts(full=True)).items())
    assert rows == [containers.Container.build(
        name="samples", count=3, bytes=32, storage_policy="Policy-0", last_modified=START)]
    assert sent(cloud, -2).headers["Accept"] == "application/json"


def test_list_sends_every_option(
    cloud: FakeCloud, storage: ServiceClient, several: list[str]
) -> None:
    opts = containers.ListOpts(full=True, limit=2, marker="é/x", end_marker="logs-2025",
                               prefix="l", delimiter="-", reverse=True)
    assert [c.name for c in containers.list(storage, opts).items()] == ["logs-"]
    assert parse_qsl(sent(cloud, -2).query) == [
        ("format", "json"), ("limit", "2"), ("marker", "é/x"), ("end_marker", "logs-2025"),
        ("prefix", "l"), ("delimiter", "-"), ("reverse", "true")]


def test_a_delimited_listing_types_subdir_rows(
    storage: ServiceClient, several: list[str]
) -> None:
    opts = containers.ListOpts(full=True, delimiter="-")
    page = next(containers.list(storage, opts).pages())
    subdir = containers.Container.build(name="logs-", subdir="logs-")
    assert containers.extract_info(page)[0] == subdir
    assert containers.extract_names(page) == ["logs-", "photos", "samples"]


@pytest.mark.parametrize(
    ("opts", "expected"),
    [
        (containers.ListOpts(prefix="logs"), ["logs-2025", "logs-2026"]),
        (containers.ListOpts(marker="logs-2025", limit=1), ["logs-2026", "photos", "samples"]),
        (containers.ListOpts(end_marker="photos"), ["logs-2025", "logs-2026"]),
        (containers.ListOpts(reverse=True, limit=3), ["samples", "photos", "logs-2026",
                                                      "logs-2025"]),
        (containers.ListOpts(delimiter="-", reverse=True), ["samples", "photos", "logs-"]),
    ],
)
def test_listing_options_select_as_swift_does(
    storage: ServiceClient, several: list[str], opts: containers.ListOpts, expected: list[str]
) -> None:
    assert list(containers.list(storage, opts).items()) == expected


def test_a_negative_limit_fails_the_first_page_without_a_request(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    before = len(cloud.requests)
    pager = containers.list(storage, containers.ListOpts(limit=-1))
    with pytest.raises(InvalidInput) as caught:
        list(pager.items())
    assert caught.value.field == "limit"
    assert len(cloud.requests) == before


def test_extract_info_of_a_text_page_says_to_ask_for_json(
    storage: ServiceClient, several: list[str]
) -> None:
    page = next(containers.list(storage).pages())
    with pytest.raises(UnexpectedBody, match="full=True"):
        containers.extract_info(page)


class _XMLOpts:
    def to_container_list_query(self) -> str:
        return "?format=xml"


def test_an_xml_listing_is_an_error_naming_its_content_type(
    storage: ServiceClient, several: list[str]
) -> None:
    with pytest.raises(UnexpectedBody, match="application/xml"):
        list(containers.list(storage, _XMLOpts()).items())


def test_create_sets_acls_policy_versions_keys_and_metadata(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    cloud.object_storage.policies = ("Policy-0", "gold")
    opts = containers.CreateOpts(
        metadata={"Team": "web"}, read_acl=".r:*,.rlistings", write_acl="demo:alice",
        storage_policy="gold", versions_location="photos+versions",
        temp_url_key="ck-secret", sync_key="sk-secret")
    assert containers.create(storage, "photos", opts).extract().trans_id is not None
    headers = containers.get(storage, "photos").extract()
    assert (headers.read_acl, headers.write_acl) == (".r:*,.rlistings", "demo:alice")
    assert (headers.storage_policy, headers.versions_location) == ("gold", "photos+versions")
    assert (headers.temp_url_key, headers.sync_key) == ("ck-secret", "sk-secret")
    assert headers.metadata == {"Team": "web"}
    assert "secret" not in repr(opts) + repr(headers)


@pytest.mark.parametrize("mode", ["versions_location", "history_location"])
def test_the_archive_container_reads_back_unquoted_and_usable(
    cloud: FakeCloud, storage: ServiceClient, mode: str
) -> None:
    # Swift stores and answers the location as sent, URL-quoted: the name is unquoted here,
    # and the header as received stays in extract_header().
    opts = containers.CreateOpts(**{mode: "été+versions #1"})
    containers.create(storage, "photos", opts).extract()
    result = containers.get(storage, "photos")
    assert getattr(result.extract(), mode) == "été+versions #1"
    header = "X-Versions-Location" if mode == "versions_location" else "X-History-Location"
    assert result.extract_header()[header] == "%C3%A9t%C3%A9%2Bversions%20%231"
    containers.create(storage, getattr(result.extract(), mode)).extract()
    assert cloud.object_storage.names("demo") == ["photos", "été+versions #1"]


@pytest.mark.parametrize(
    ("sent_value", "archive"),
    [("photos%2Bversions", "photos+versions"),
     ("photos-versions", "photos-versions"),
     ("caf\xc3\xa9 versions", "café versions"),  # UTF-8 bytes, as requests reads them
     ("photos%2Farchive", "photos")],
    ids=["quoted", "plain", "utf8-unquoted", "quoted-slash"],
)
def test_a_location_set_by_any_client_reads_as_the_container_swift_archives_to(
    mock: responses.RequestsMock, canned: ServiceClient, sent_value: str, archive: str
) -> None:
    # versioned_writes archives to `wsgi_unquote(location).split("/")[0]`.
    reply(mock, "HEAD", f"{ACCOUNT}/photos", 204,
          {**HEAD_CONTAINER, "X-Versions-Location": sent_value})
    headers = containers.get(canned, "photos").extract()
    assert (headers.versions_location, headers.history_location) == (archive, None)


def test_create_accepts_202_for_an_existing_container(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    containers.create(storage, "photos").extract()
    assert containers.create(storage, "photos").err is None
    assert sent(cloud).status == 202


def test_an_unknown_storage_policy_is_bad_request(storage: ServiceClient) -> None:
    err = containers.create(storage, "photos", containers.CreateOpts(storage_policy="gold")).err
    assert err is not None
    assert "Invalid X-Storage-Policy 'gold'" in str(err)


def test_create_quotes_a_unicode_name(cloud: FakeCloud, storage: ServiceClient) -> None:
    containers.create(storage, "été +?").extract()
    assert sent(cloud).path.endswith("/été +?")
    assert cloud.object_storage.names("demo") == ["été +?"]


@pytest.mark.parametrize("name", ["", "a/b"])
def test_create_refuses_an_empty_name_or_one_with_a_slash(
    cloud: FakeCloud, storage: ServiceClient, name: str
) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput) as caught:
        containers.create(storage, name).extract()
    assert caught.value.field == "container"
    assert len(cloud.requests) == before


def test_get_types_the_container_headers(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    headers = containers.get(storage, "samples").extract()
    assert (headers.object_count, headers.bytes_used) == (3, 32)
    assert headers.storage_policy == "Policy-0"
    assert headers.timestamp == START
    assert headers.last_modified == START
    assert headers.trans_id == sent(cloud).request_id
    assert (headers.read_acl, headers.write_acl, headers.versions_enabled) == (None, None, None)


def test_get_reads_quotas_and_metadata(storage: ServiceClient) -> None:
    opts = containers.CreateOpts(metadata={"Team": "web", "Quota-Count": "10"})
    containers.create(storage, "photos", opts).extract()
    result = containers.get(storage, "photos")
    headers = result.extract()
    assert headers.metadata == {"Team": "web", "Quota-Count": "10"}
    assert headers.quota_count == 10
    assert result.extract_metadata() == headers.metadata


def test_get_of_a_missing_container_is_not_found(cloud: FakeCloud, storage: ServiceClient) -> None:
    with pytest.raises(NotFound) as caught:
        containers.get(storage, "nope").extract()
    assert caught.value.request_id == sent(cloud).request_id


def test_update_sets_and_removes_metadata_and_acls(storage: ServiceClient) -> None:
    containers.create(storage, "photos", containers.CreateOpts(
        metadata={"Old": "x"}, read_acl=".r:*")).extract()
    opts = containers.UpdateOpts(metadata={"Team": "data"}, remove_metadata=["Old"],
                                 write_acl="demo:bob", remove_read_acl=True)
    containers.update(storage, "photos", opts).extract()
    headers = containers.get(storage, "photos").extract()
    assert headers.metadata == {"Team": "data"}
    assert (headers.read_acl, headers.write_acl) == (None, "demo:bob")


def test_update_refuses_an_acl_both_set_and_removed(storage: ServiceClient) -> None:
    opts = containers.UpdateOpts(read_acl=".r:*", remove_read_acl=True)
    with pytest.raises(InvalidInput) as caught:
        containers.update(storage, "photos", opts).extract()
    assert caught.value.field == "read_acl"


def test_update_of_a_missing_container_is_not_found(storage: ServiceClient) -> None:
    with pytest.raises(NotFound):
        containers.update(storage, "nope", containers.UpdateOpts(metadata={"A": "b"})).extract()


def test_delete_removes_an_empty_container(cloud: FakeCloud, storage: ServiceClient) -> None:
    containers.create(storage, "photos").extract()
    containers.delete(storage, "photos").extract_err()
    assert (sent(cloud).method, sent(cloud).status) == ("DELETE", 204)
    with pytest.raises(NotFound):
        containers.delete(storage, "photos").extract_err()


def test_deleting_a_container_that_holds_objects_is_a_conflict(
    cloud: FakeCloud, storage: ServiceClient, samples: str
) -> None:
    with pytest.raises(Conflict) as caught:
        containers.delete(storage, "samples").extract_err()
    err = caught.value
    assert (err.status, err.method) == (409, "DELETE")
    assert err.url == storage.resource_base_url() + "samples"
    assert err.request_id == sent(cloud).request_id
    assert err.fault == "Conflict There was a conflict when trying to complete your request."


def test_bulk_delete_deletes_empty_containers_and_reports_full_ones(
    cloud: FakeCloud, storage: ServiceClient
) -> None:
    swift = cloud.object_storage
    swift.create_container("demo", "empty")
    swift.fill("demo", "full one", ["o"])
    response = containers.bulk_delete(storage, ["empty", "full one", "missing"]).extract()
    assert (response.number_deleted, response.number_not_found) == (1, 1)
    assert response.errors == (("/full%20one", "409 Conflict"),)
    assert response.response_status == "400 Bad Request"
    assert not response.succeeded
    assert swift.names("demo") == ["full one"]


def test_container_rows_carry_the_put_time(cloud: FakeCloud, storage: ServiceClient) -> None:
    cloud.clock.advance(1.25)
    containers.create(storage, "later").extract()
    row = next(iter(containers.list(storage, containers.ListOpts(full=True)).items()))
    assert row.last_modified == datetime(2026, 11, 27, 8, 56, 18, 250000, tzinfo=timezone.utc)
