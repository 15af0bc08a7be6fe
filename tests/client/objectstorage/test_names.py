"""Names survive the trip: what Swift unquotes from the URL is the name the caller gave."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.client import InvalidInput, ProviderClient, ServiceClient
from stackdouble.client.openstack.objectstorage.v1 import containers, objects
from stackdouble.client.openstack.objectstorage.v1._swift import quote_path
from stackdouble.client.openstack.objectstorage.v1.objects import urls

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
