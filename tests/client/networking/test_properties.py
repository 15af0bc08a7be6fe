"""Hypothesis: Neutron's paging walks every item once whatever the page size, and any
network Neutron may render (with `fields=`, some keys absent) parses."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.client import EndpointOpts, ProviderClient
from stackdouble.client.openstack import new_networking_v2
from stackdouble.client.openstack.networking.v2 import networks

ROOT = "http://neutron.test/networking/v2.0/networks"


def _neutron_listing(ids: list[str]) -> Any:
    """A callback paging `ids` as Neutron does: a next link whenever a page is full."""

    def callback(request: Any) -> tuple[int, dict[str, str], str]:
        query = parse_qs(urlsplit(request.url).query)
        limit = int(query["limit"][0])
        marker = query.get("marker", [None])[0]
        start = ids.index(marker) + 1 if marker else 0
        page = ids[start:start + limit]
        body: dict[str, Any] = {"networks": [{"id": i, "name": f"n-{i}"} for i in page]}
        if len(page) == limit:
            body["networks_links"] = [
                {"rel": "next", "href": f"{ROOT}?limit={limit}&marker={page[-1]}"}]
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    return callback


@settings(max_examples=40, deadline=None)
@given(count=st.integers(min_value=0, max_value=25), limit=st.integers(min_value=1, max_value=7))
def test_paging_yields_each_network_once_in_order(count: int, limit: int) -> None:
    ids = [f"{i:04d}" for i in range(count)]
    provider = ProviderClient(max_retries=0)
    provider.set_token("t")
    provider.endpoint_locator = lambda opts: "http://neutron.test/networking"
    client = new_networking_v2(provider, EndpointOpts())
    with responses.RequestsMock() as mock:
        mock.add_callback("GET", ROOT, callback=_neutron_listing(ids))
        seen = [n.id for n in networks.list(client, networks.ListOpts(limit=limit))]
        requests_sent = len(mock.calls)
    assert seen == ids
    # Neutron links on every full page: an exact multiple costs one empty page.
    assert requests_sent == count // limit + 1


text = st.text(max_size=12)
network_keys: dict[str, st.SearchStrategy[Any]] = {
    "name": text,
    "status": st.sampled_from(["ACTIVE", "DOWN", "BUILD", "ERROR"]),
    "admin_state_up": st.booleans(),
    "shared": st.booleans(),
    "router:external": st.booleans(),
    "subnets": st.lists(st.uuids().map(str), max_size=3),
    "mtu": st.one_of(st.none(), st.integers(min_value=68, max_value=9000)),
    "tags": st.lists(text, max_size=3),
    "revision_number": st.integers(min_value=0, max_value=10**6),
    "created_at": st.sampled_from(["2016-03-08T20:19:41", "2018-03-19T19:17:04Z", None]),
    "provider:segmentation_id": st.one_of(st.none(), st.integers(min_value=1, max_value=4094)),
}


@settings(max_examples=80, deadline=None)
@given(raw=st.fixed_dictionaries({"id": st.uuids().map(str)}, optional=network_keys))
def test_any_selection_of_network_fields_parses(raw: dict[str, Any]) -> None:
    net = networks.Network.from_json(raw)
    values = net.to_dict()
    assert values["id"] == raw["id"]
    assert values["external"] == raw.get("router:external", False)
    assert values["subnets"] == tuple(raw.get("subnets", ()))
    assert values["tags"] == tuple(raw.get("tags", ()))
    if raw.get("created_at"):
        assert values["created_at"] is not None
        assert values["created_at"].tzinfo is not None


@given(keys=st.lists(st.sampled_from(["name", "id", "status"]), min_size=1, max_size=3),
       dirs=st.lists(st.sampled_from(["asc", "desc"]), min_size=1, max_size=3))
def test_sort_options_render_only_when_they_pair_up(keys: list[str], dirs: list[str]) -> None:
    from stackdouble.client import InvalidInput

    opts = networks.ListOpts(sort_key=keys, sort_dir=dirs)
    if len(keys) == len(dirs):
        query = parse_qs(opts.to_network_list_query()[1:])
        assert (query["sort_key"], query["sort_dir"]) == (keys, dirs)
    else:
        with pytest.raises(InvalidInput) as caught:
            opts.to_network_list_query()
        assert caught.value.field == "sort_dir"
