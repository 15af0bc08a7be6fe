"""Names survive the trip: what Swift unquotes from the URL is the name the caller gave, and
the fake Swift stores, lists and serves it under that name."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import InvalidInput, ProviderClient, ServiceClient
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.client.openstack.objectstorage.v1._swift import quote_path
from stackdouble.client.openstack.objectstorage.v1.objects import urls
from stackdouble.fakes import FakeCloud

STORAGE = ServiceClient(ProviderClient(), "http://swift.test/v1/AUTH_test")
ACCOUNT_PATH = "/v1/AUTH_test"

object_names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    min_size=1, max_size=30,
) | st.sampled_from([".", "..", "a/../b", "./x", "//", "a//b/", "%2F", "?#&=+ ;", "~"])
container_names = object_names.filter(lambda n: "/" not in n)


def swift_path_info(url: str) -> str:
    """The PATH_INFO Swift sees for a URL, after `requests` prepares it."""
    prepared = requests.Request("GET", url).prepare()
    assert prepared.url is not None
    return unquote(urlsplit(prepared.url).path)


@given(container_names, object_names)
def test_an_object_url_round_trips_through_requests(container: str, name: str) -> None:
    path = swift_path_info(urls.object_url(STORAGE, container, name))
    # Swift's split_path(path, 4, 4, True): the object is everything after the container.
    _, version, account, got_container, got_name = path.split("/", 4)
    assert (version, account) == ("v1", "AUTH_test")
    assert (got_container, got_name) == (container, name)


@given(container_names, object_names)
def test_copy_headers_and_bulk_lines_round_trip(container: str, name: str) -> None:
    # Swift unquotes Destination / X-Copy-From / bulk-delete lines, then splits at the first /.
    unquoted = unquote(quote_path(container, name))
    assert unquoted.lstrip("/").split("/", 1) == [container, name]


@given(container_names)
def test_a_container_url_is_one_path_segment(container: str) -> None:
    from stackdouble.client.openstack.objectstorage.v1.containers.urls import container_url

    path = swift_path_info(container_url(STORAGE, container))
    assert path == f"{ACCOUNT_PATH}/{container}"


@pytest.mark.parametrize("name", ["\udc80", "a\ud800b"])
def test_a_name_that_is_not_utf8_is_an_input_error(name: str) -> None:
    with pytest.raises(InvalidInput):
        objects.get(STORAGE, "c", name).extract()
    with pytest.raises(InvalidInput):
        list(containers.list(STORAGE, containers.ListOpts(prefix=name)).items())


# -- round trips through the fake Swift ---------------------------------------------------

_CLOUD = FakeCloud(seed=13, base_url="http://swift-names.stackdouble.test")


@pytest.fixture(scope="module")
def shared_storage() -> Iterator[ServiceClient]:
    with _CLOUD:
        opts = auth_options_from_env(_CLOUD.os_environ())
        storage = new_object_storage_v1(authenticated_client(opts))
        yield storage


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(container=container_names, name=object_names)
def test_any_name_swift_accepts_is_stored_listed_and_read_back(
    shared_storage: ServiceClient, container: str, name: str
) -> None:
    _CLOUD.object_storage.accounts.clear()
    containers.create(shared_storage, container).extract()
    objects.create(shared_storage, container, name, b"content").extract()
    assert _CLOUD.object_storage.names("demo", container) == [name]
    listed = list(objects.list(shared_storage, container, objects.ListOpts(full=True)).items())
    assert [o.name for o in listed] == [name]
    # JSON: a text listing cannot carry a name holding a newline.
    listed_containers = containers.list(shared_storage, containers.ListOpts(full=True))
    assert [c.name for c in listed_containers.items()] == [container]
    assert objects.download(shared_storage, container, name).extract_content() == b"content"
    objects.delete(shared_storage, container, name).extract_err()
