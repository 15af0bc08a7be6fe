"""A 2xx body of the wrong shape raises `UnexpectedBody` naming the URL, the JSON path and
what was expected: at `extract()`, or on reading a lazily converted attribute. Never a bare
KeyError, TypeError, AttributeError or ValueError."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import pickle
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import (
    AuthOptions,
    EndpointOpts,
    ProviderClient,
    ServiceClient,
    StackdoubleError,
    UnexpectedBody,
)
from stackdouble.client._resource import Resource
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.client.openstack.compute.v2 import flavors, servers
from stackdouble.client.openstack.identity.v2 import tokens as tokens_v2
from stackdouble.client.openstack.identity.v3 import projects, tokens, users
from stackdouble.client.openstack.objectstorage.v1 import containers, objects

BASE = "http://cloud.test/"


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def _client() -> ServiceClient:
    return ServiceClient(ProviderClient(max_retries=0), BASE)


def _serve(mock: responses.RequestsMock, path: str, body: Any, *, method: str = "GET",
           status: int = 200, headers: dict[str, str] | None = None) -> None:
    mock.add(method, BASE + path, body=json.dumps(body), status=status,
             content_type="application/json", headers=headers)


def _raises(call: Callable[[], Any]) -> UnexpectedBody:
    with pytest.raises(UnexpectedBody) as caught:
        call()
    return caught.value


# --- single resources ----------------------------------------------------------------------


@pytest.mark.parametrize(("body", "path", "expected", "found"), [
    ({"server": []}, "$.server", "an object", "a list"),
    ({"server": "x"}, "$.server", "an object", "a string"),
    (None, "$", "an object with 'server'", "null"),
    ("a string", "$", "an object with 'server'", "a string"),
    ({"servers": []}, "$", "an object with 'server'", "an object with keys ['servers']"),
])
def test_a_server_body_of_the_wrong_shape_names_url_path_and_expectation(
    mock: responses.RequestsMock, body: Any, path: str, expected: str, found: str
) -> None:
    _serve(mock, "servers/s1", body)
    err = _raises(servers.get(_client(), "s1").extract)
    assert (err.method, err.url, err.path) == ("GET", BASE + "servers/s1", path)
    assert (err.expected, err.found) == (expected, found)
    assert str(err).startswith(f"GET {BASE}servers/s1: expected {expected}")
    assert isinstance(err, ValueError)


def test_a_bad_timestamp_raises_on_reading_the_attribute_naming_its_path(
    mock: responses.RequestsMock,
) -> None:
    _serve(mock, "servers/s1", {"server": {"id": "s1", "created": "yesterday"}})
    server = servers.get(_client(), "s1").extract()  # lazy: converted on first read
    assert server.id == "s1"
    err = _raises(lambda: server.created)
    assert (err.url, err.path) == (BASE + "servers/s1", "$.server.created")
    assert (err.expected, err.found) == ("an ISO 8601 time", "'yesterday'")


def test_a_timestamp_that_is_not_a_string_is_unexpected_body(
    mock: responses.RequestsMock,
) -> None:
    _serve(mock, "servers/s1", {"server": {"id": "s1", "OS-SRV-USG:launched_at": 5}})
    err = _raises(lambda: servers.get(_client(), "s1").extract().launched_at)
    assert err.path == "$.server['OS-SRV-USG:launched_at']"
    assert err.found == "a number"


def test_a_bad_field_in_a_listing_names_the_items_index(mock: responses.RequestsMock) -> None:
    _serve(mock, "volumes/detail", {"volumes": [
        {"id": "v1", "created_at": "2026-11-27T08:50:09.465410"},
        {"id": "v2", "created_at": "nope"}]})
    listed = list(volumes.list(_client()).items())
    assert listed[0].created_at is not None
    err = _raises(lambda: listed[1].created_at)
    assert (err.url, err.path) == (BASE + "volumes/detail", "$.volumes[1].created_at")


def test_a_repr_never_raises_for_an_unreadable_attribute() -> None:
    server = servers.Server.from_json({"id": "s1", "created": "nope"})
    assert repr(server) == "Server(id='s1', created=<unreadable>)"


def test_a_project_without_a_name_names_the_missing_key(mock: responses.RequestsMock) -> None:
    _serve(mock, "projects/p1", {"project": {"id": "p1"}})
    err = _raises(projects.get(_client(), "p1").extract)
    assert (err.path, err.expected, err.found) == (
        "$.project", "an object with 'name'", "an object with keys ['id']")
    assert err.url == BASE + "projects/p1"


def test_a_user_with_a_bad_password_expiry_is_unexpected_body(
    mock: responses.RequestsMock,
) -> None:
    _serve(mock, "users/u1", {"user": {"id": "u1", "name": "u",
                                       "password_expires_at": "soon"}})
    err = _raises(users.get(_client(), "u1").extract)
    assert (err.path, err.expected) == ("$.user", "an ISO 8601 time")


def test_a_snapshot_that_is_a_list_is_unexpected_body(mock: responses.RequestsMock) -> None:
    _serve(mock, "snapshots/s1", {"snapshot": [1, 2]})
    err = _raises(snapshots.get(_client(), "s1").extract)
    assert (err.path, err.expected, err.found) == ("$.snapshot", "an object", "a list")


def test_a_flavor_with_a_non_numeric_ram_is_unexpected_body(
    mock: responses.RequestsMock,
) -> None:
    _serve(mock, "flavors/f1", {"flavor": {"id": "f1", "ram": "lots"}})
    err = _raises(flavors.get(_client(), "f1").extract)
    assert (err.url, err.path) == (BASE + "flavors/f1", "$.flavor")


# --- list pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "path", "expected", "found"), [
    ({"servers": "x"}, "$.servers", "a list", "a string"),
    ({"servers": [1]}, "$.servers[0]", "an object", "a number"),
    ({"servers": [{"id": "a"}, None]}, "$.servers[1]", "an object", "null"),
    ({"servers_links": []}, "$", "an object with 'servers'",
     "an object with keys ['servers_links']"),
])
def test_a_server_page_of_the_wrong_shape_names_the_path(
    mock: responses.RequestsMock, body: Any, path: str, expected: str, found: str
) -> None:
    _serve(mock, "servers/detail", body)
    err = _raises(lambda: list(servers.list(_client()).items()))
    assert (err.method, err.url, err.path) == ("GET", BASE + "servers/detail", path)
    assert (err.expected, err.found) == (expected, found)


def test_a_project_page_with_an_item_missing_its_name_names_the_item(
    mock: responses.RequestsMock,
) -> None:
    _serve(mock, "projects", {"projects": [{"id": "a", "name": "a"}, {"id": "b"}]})
    err = _raises(lambda: list(projects.list(_client()).items()))
    assert (err.path, err.expected) == ("$.projects[1]", "an object with 'name'")


# --- tokens and catalogs -------------------------------------------------------------------


def _v3(body: Any) -> tokens.CreateResult:
    return tokens.CreateResult(body, {"X-Subject-Token": "t"}, 201, method="POST",
                               url=BASE + "v3/auth/tokens")


def _v2(body: Any) -> tokens_v2.CreateResult:
    return tokens_v2.CreateResult(body, {}, 200, method="POST", url=BASE + "v2.0/tokens")


@pytest.mark.parametrize(("catalog", "path", "expected"), [
    ("garbage", "$.token.catalog", "a list"),
    (["x"], "$.token.catalog[0]", "an object"),
    ([{"type": "compute", "endpoints": "x"}], "$.token.catalog[0].endpoints", "a list"),
    ([{"type": "compute", "endpoints": [7]}], "$.token.catalog[0].endpoints[0]", "an object"),
])
def test_a_v3_catalog_of_the_wrong_shape_names_the_path(
    catalog: Any, path: str, expected: str
) -> None:
    err = _raises(_v3({"token": {"catalog": catalog}}).extract_catalog)
    assert (err.method, err.url) == ("POST", BASE + "v3/auth/tokens")
    assert (err.path, err.expected) == (path, expected)


@pytest.mark.parametrize(("body", "call", "path"), [
    ({"token": []}, "extract_token", "$.token"),
    ({"token": {"expires_at": "never"}}, "extract_token", "$.token.expires_at"),
    ({"token": {"methods": "password"}}, "extract_token", "$.token.methods"),
    ({"token": {"user": "me"}}, "extract_user", "$.token.user"),
    ({"token": {"user": {"id": "u", "domain": [1]}}}, "extract_user", "$.token.user.domain"),
    ({"token": {"project": {"name": "p"}}}, "extract_project", "$.token.project"),
    ({"token": {"roles": [{"id": "r"}]}}, "extract_roles", "$.token.roles[0]"),
    ({"token": {"roles": "admin"}}, "extract_roles", "$.token.roles"),
    ({"token": {"domain": 5}}, "extract_domain", "$.token.domain"),
])
def test_a_v3_token_of_the_wrong_shape_names_the_path(body: Any, call: str, path: str) -> None:
    err = _raises(getattr(_v3(body), call))
    assert err.path == path
    assert err.url == BASE + "v3/auth/tokens"


@pytest.mark.parametrize(("body", "call", "path"), [
    ({"access": "x"}, "extract_token", "$.access"),
    ({"access": {"token": {"expires": "x"}}}, "extract_token", "$.access.token"),
    ({"access": {"token": {"id": "t", "expires": "x"}}}, "extract_token",
     "$.access.token.expires"),
    ({"access": {"token": {"id": "t", "tenant": {"id": "p"}}}}, "extract_token",
     "$.access.token.tenant"),
    ({"access": {"serviceCatalog": {"a": 1}}}, "extract_catalog", "$.access.serviceCatalog"),
    ({"access": {"user": {"id": "u", "roles": "admin"}}}, "extract_user",
     "$.access.user.roles"),
])
def test_a_v2_token_of_the_wrong_shape_names_the_path(body: Any, call: str, path: str) -> None:
    err = _raises(getattr(_v2(body), call))
    assert err.path == path
    assert (err.method, err.url) == ("POST", BASE + "v2.0/tokens")


# --- Swift ---------------------------------------------------------------------------------


def test_a_json_container_listing_that_is_not_a_list_is_unexpected_body(
    mock: responses.RequestsMock,
) -> None:
    _serve(mock, "c?format=json", {"name": "a"})
    pager = objects.list(_client(), "c", objects.ListOpts(full=True))
    err = _raises(lambda: list(pager.items()))
    assert str(err.url).startswith(BASE + "c?")
    assert err.expected == "a JSON list of listing rows"


def test_a_bad_byte_count_in_a_listing_row_names_the_row(mock: responses.RequestsMock) -> None:
    mock.add("GET", re.compile(re.escape(BASE) + r"c\?.*"), body=json.dumps(
        [{"name": "a", "bytes": 1}, {"name": "b", "bytes": "many"}]),
        content_type="application/json")
    page = next(objects.list(_client(), "c", objects.ListOpts(full=True)).pages())
    rows = page.items()
    err = _raises(lambda: rows[1].bytes)
    assert (err.path, err.expected, err.found) == ("$[1].bytes", "an integer", "a string")
    assert str(err.url).startswith(BASE + "c?")


def test_a_bad_content_length_header_names_the_header_and_the_url(
    mock: responses.RequestsMock,
) -> None:
    mock.add("HEAD", BASE + "c", status=204,
             headers={"X-Container-Object-Count": "many", "X-Trans-Id": "tx1"})
    err = _raises(containers.get(_client(), "c").extract)
    assert err.expected == "an integer in the X-Container-Object-Count header"
    assert (err.method, err.url, err.path) == ("HEAD", BASE + "c", "")
    assert str(err) == (f"HEAD {BASE}c: expected an integer in the X-Container-Object-Count "
                        "header, found 'many'")


# --- pagination loop guard -----------------------------------------------------------------


def test_a_pager_stops_when_a_new_next_link_repeats_the_previous_items(
    mock: responses.RequestsMock,
) -> None:
    turn = {"n": 0}

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        turn["n"] += 1
        return 200, {"Content-Type": "application/json"}, json.dumps({
            "servers": [{"id": "a"}, {"id": "b"}],
            "servers_links": [{"rel": "next",
                               "href": f"{BASE}servers/detail?token={turn['n']}"}]})

    mock.add_callback("GET", re.compile(re.escape(BASE) + r"servers/detail.*"),
                      callback=answer)
    err = _raises(lambda: list(servers.list(_client()).items()))
    assert turn["n"] == 2
    assert (err.url, err.path, err.expected) == (
        f"{BASE}servers/detail?token=1", "$.servers", "a page of new items")
    assert "the 2 items of the previous page" in err.found


def test_a_pager_walks_pages_whose_items_differ(mock: responses.RequestsMock) -> None:
    _serve(mock, "servers/detail", {"servers": [{"id": "a"}], "servers_links": [
        {"rel": "next", "href": BASE + "servers/detail?marker=a"}]})
    _serve(mock, "servers/detail?marker=a", {"servers": [{"id": "b"}]})
    assert [s.id for s in servers.list(_client()).items()] == ["a", "b"]


# --- options -------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "message"), [
    ("identity_endpoint", 5000, "AuthOptions.identity_endpoint must be a str, not int"),
    ("identity_endpoint", None, "AuthOptions.identity_endpoint must be a str, not NoneType"),
    ("password", 12345, "AuthOptions.password must be a str or None, not int"),
    ("allow_reauth", "yes", "AuthOptions.allow_reauth must be a bool, not str"),
])
def test_auth_options_of_the_wrong_type_raise_type_error_naming_the_field(
    field: str, value: Any, message: str
) -> None:
    with pytest.raises(TypeError) as caught:
        AuthOptions(**{field: value})
    assert str(caught.value) == message
    assert "12345" not in str(caught.value)


def test_endpoint_opts_of_the_wrong_type_raise_type_error() -> None:
    with pytest.raises(TypeError, match=r"EndpointOpts\.region must be a str or None, not int"):
        EndpointOpts(region=1)  # type: ignore[arg-type]


def test_an_unexpected_body_pickles_with_its_location() -> None:
    err = UnexpectedBody("a list", "a string", path="$.servers", method="GET", url=BASE)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.path, copy.url, str(copy)) == ("$.servers", BASE, str(err))


# --- property: any JSON in place of a valid body -------------------------------------------

_KEYS = ["id", "name", "created", "updated", "addresses", "links", "metadata", "image",
         "flavor", "fault", "tags", "security_groups", "os-extended-volumes:volumes_attached",
         "OS-SRV-USG:launched_at", "ram", "vcpus", "swap", "rxtx_factor", "extra_specs",
         "domain_id", "enabled", "options", "password_expires_at", "size", "status",
         "created_at", "updated_at", "attachments", "bootable", "bytes", "last_modified",
         "subdir", "hash", "count", "expires_at", "issued_at", "expires", "catalog",
         "serviceCatalog", "user", "project", "tenant", "domain", "roles", "methods",
         "audit_ids", "endpoints", "type", "interface", "url", "region", "publicURL"]

_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
            | st.text(max_size=8) | st.sampled_from(["2026-11-27T08:50:09Z", "", "x"]))
_json = st.recursive(
    _scalars,
    lambda inner: (st.lists(inner, max_size=3)
                   | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=4), inner,
                                     max_size=5)),
    max_leaves=12,
)


def _bodies(*keys: str) -> st.SearchStrategy[Any]:
    """Any JSON; or an object holding it under one of `keys` (so the readers go deeper)."""
    rows = st.dictionaries(st.sampled_from(_KEYS), _json, max_size=6)
    return st.one_of(
        _json,
        st.lists(rows, max_size=3),  # Swift's JSON listings
        st.builds(lambda key, value: {key: value}, st.sampled_from(keys), _json | rows),
        st.builds(lambda key, value: {key: value}, st.sampled_from(keys), st.lists(rows,
                                                                                  max_size=3)),
    )


def _read_all(value: Any) -> None:
    """Read every attribute, as a user printing the result would."""
    if isinstance(value, Resource):
        value.to_dict()
        repr(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            getattr(value, spec.name)
        repr(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _read_all(item)


def _each(*calls: Callable[[], Any]) -> list[Any]:
    """Every call's value; a StackdoubleError is allowed and skipped, so each extractor of
    a token is tried on the same body."""
    values = []
    for call in calls:
        try:
            value = call()
            _read_all(value)
            values.append(value)
        except StackdoubleError:
            pass
    return values


def _token_v3_calls(result: tokens.CreateResult) -> list[Any]:
    return _each(result.extract_token, lambda: result.extract_catalog().entries,
                 result.extract_user, result.extract_project, result.extract_domain,
                 result.extract_roles)


def _token_v2_calls(result: tokens_v2.CreateResult) -> list[Any]:
    return _each(result.extract_token, lambda: result.extract_catalog().entries,
                 result.extract_user)


_CASES: dict[str, tuple[tuple[str, ...], str, Callable[[ServiceClient], Any]]] = {
    "servers.get": (("server",), "servers/x", lambda c: servers.get(c, "x").extract()),
    "servers.list": (("servers", "servers_links"), "servers/detail",
                     lambda c: list(servers.list(c).items())),
    "flavors.get": (("flavor",), "flavors/x", lambda c: flavors.get(c, "x").extract()),
    "flavors.list": (("flavors",), "flavors/detail", lambda c: list(flavors.list(c).items())),
    "projects.get": (("project",), "projects/x", lambda c: projects.get(c, "x").extract()),
    "projects.list": (("projects", "links"), "projects",
                      lambda c: list(projects.list(c).items())),
    "users.get": (("user",), "users/x", lambda c: users.get(c, "x").extract()),
    "users.list": (("users",), "users", lambda c: list(users.list(c).items())),
    "volumes.get": (("volume",), "volumes/x", lambda c: volumes.get(c, "x").extract()),
    "volumes.list": (("volumes", "volumes_links"), "volumes/detail",
                     lambda c: list(volumes.list(c).items())),
    "snapshots.get": (("snapshot",), "snapshots/x", lambda c: snapshots.get(c, "x").extract()),
    "snapshots.list": (("snapshots",), "snapshots/detail",
                       lambda c: list(snapshots.list(c).items())),
    "objects.list": (("name",), "c",
                     lambda c: list(objects.list(c, "c", objects.ListOpts(full=True)).items())),
    "containers.list": (("name",), "",
                        lambda c: list(containers.list(c, containers.ListOpts(full=True))
                                       .items())),
    "tokens.v3": (("token",), "v3/auth/tokens", lambda c: _token_v3_calls(_v3(
        c.provider.request("GET", BASE + "v3/auth/tokens").json()))),
    "tokens.v2": (("access",), "v2.0/tokens", lambda c: _token_v2_calls(_v2(
        c.provider.request("GET", BASE + "v2.0/tokens").json()))),
}


@pytest.mark.parametrize("case", sorted(_CASES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_json_body_extracts_or_raises_a_stackdouble_error(case: str, data: Any) -> None:
    keys, path, call = _CASES[case]
    body = data.draw(_bodies(*keys), label="body")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add("GET", re.compile(re.escape(BASE + path) + r"($|[?/].*)"),
                 body=json.dumps(body), content_type="application/json")
        with contextlib.suppress(StackdoubleError):  # any other exception fails the test
            _read_all(call(_client()))
