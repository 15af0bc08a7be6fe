"""The networks package against Neutron's answers: bodies sent, fields read, pages walked,
`fields=` and tag filters, revision checks, and Neutron's errors."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import responses

from stackdouble.client import (
    BadRequest,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    ServiceClient,
)
from stackdouble.client.openstack.networking.v2 import networks
from tests.client.networking.samples import load
from tests.client.networking.support import answer, query_of, sent_json, url_of

NET1 = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
NET2 = "db193ab3-96e3-4cb3-8fc5-05f4296d0324"


def test_create_sends_the_network_in_its_envelope(mock: responses.RequestsMock,
                                                  network_client: ServiceClient) -> None:
    answer(mock, "POST", "v2.0/networks", "network-create-response", status=201)
    opts = networks.CreateOpts(name="sample_network", admin_state_up=True,
                               dns_domain="my-domain.org.", mtu=1400,
                               qos_policy_id="6a8454ade84346f59e8d40665f878b2e")
    network = networks.create(network_client, opts).extract()
    expected = load("network-create-request")
    del expected["network"]["pvlan"]  # an extension this client does not name
    assert sent_json(mock.calls[0]) == expected
    made = load("network-create-response")["network"]
    assert (network.id, network.name, network.mtu) == (made["id"], made["name"], made["mtu"])


def test_get_reads_the_attributes_users_rely_on(mock: responses.RequestsMock,
                                                network_client: ServiceClient) -> None:
    answer(mock, "GET", f"v2.0/networks/{NET1}", "network-show-response")
    net = networks.get(network_client, NET1).extract()
    assert net.id == NET1
    assert net.subnets == ("54d6f61d-db07-451c-9ab3-b9609b6b6f0b",)
    assert (net.external, net.shared, net.admin_state_up) == (False, True, True)
    assert net.project_id == "4fd44f30292945e481c7b8a0c8908869"
    assert net.created_at == datetime(2016, 3, 8, 20, 19, 41, tzinfo=timezone.utc)
    assert net.availability_zones == ("nova",)


def test_get_with_fields_asks_for_them_and_defaults_the_rest(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "GET", f"v2.0/networks/{NET1}?fields=id&fields=name",
           body={"network": {"id": NET1, "name": "net1"}}, match_query=True)
    net = networks.get(network_client, NET1, fields=["id", "name"]).extract()
    assert (net.name, net.subnets, net.mtu) == ("net1", (), None)


def test_get_of_a_missing_network_is_not_found_with_neutrons_type(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    answer(mock, "GET", f"v2.0/networks/{missing}", "neutron-error-404-network", status=404)
    with pytest.raises(NotFound) as caught:
        networks.get(network_client, missing).extract()
    assert caught.value.kind == "NetworkNotFound"
    assert caught.value.fault == f"Network {missing} could not be found."
    assert caught.value.request_id == "req-5e0b4c3a-1f2d-4b6e-9a8c-7d6e5f4a3b2c"


def test_list_follows_the_next_link_until_a_page_has_none(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/networks?limit=2", "neutron-networks-page-1", match_query=True)
    answer(mock, "GET", f"v2.0/networks?limit=2&marker={NET2}", "neutron-networks-page-2",
           match_query=True)
    names = [n.name for n in networks.list(network_client, networks.ListOpts(limit=2))]
    assert names == ["net1", "net2", "net3"]
    assert len(mock.calls) == 2


def test_all_pages_gathers_every_network(mock: responses.RequestsMock,
                                         network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/networks?limit=2", "neutron-networks-page-1", match_query=True)
    answer(mock, "GET", f"v2.0/networks?limit=2&marker={NET2}", "neutron-networks-page-2",
           match_query=True)
    page = networks.list(network_client, networks.ListOpts(limit=2)).all_pages()
    assert [n.id for n in networks.extract_networks(page)][:2] == [NET1, NET2]


def test_an_unpaged_listing_is_one_request(mock: responses.RequestsMock,
                                           network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/networks", "networks-list-response")
    assert len(list(networks.list(network_client))) == 2
    assert len(mock.calls) == 1


def test_each_page_stops_when_the_handler_returns_false(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/networks?limit=2", "neutron-networks-page-1", match_query=True)
    seen: list[int] = []

    def handler(page: networks.NetworkPage) -> bool:
        seen.append(len(page.items()))
        return False

    networks.list(network_client, networks.ListOpts(limit=2)).each_page(handler)
    assert seen == [2]


def test_list_sends_filters_tags_sorting_and_fields(mock: responses.RequestsMock,
                                                    network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/networks", body={"networks": []})
    opts = networks.ListOpts(name="net1", external=False, tags=["red", "blue"],
                             not_tags_any="old", sort_key=["name", "id"],
                             sort_dir=["asc", "desc"], fields=["id", "name"])
    assert list(networks.list(network_client, opts)) == []
    assert query_of(mock.calls[0]) == [
        ("sort_key", "name"), ("sort_key", "id"), ("sort_dir", "asc"), ("sort_dir", "desc"),
        ("fields", "id"), ("fields", "name"), ("tags", "red,blue"), ("not-tags-any", "old"),
        ("name", "net1"), ("router:external", "false")]


@pytest.mark.parametrize(("opts", "field"), [
    (networks.ListOpts(limit=-1), "limit"),
    (networks.ListOpts(sort_key="name"), "sort_dir"),
    (networks.ListOpts(sort_key="name", sort_dir="up"), "sort_dir"),
    (networks.ListOpts(tags=["a,b"]), "tags"),
])
def test_options_neutron_would_refuse_fail_without_a_request(
        mock: responses.RequestsMock, network_client: ServiceClient,
        opts: networks.ListOpts, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        list(networks.list(network_client, opts))
    assert caught.value.field == field


def test_an_unsortable_key_is_a_bad_request(mock: responses.RequestsMock,
                                            network_client: ServiceClient) -> None:
    answer(mock, "GET", "v2.0/networks", "neutron-error-400-sort-key", status=400)
    with pytest.raises(BadRequest) as caught:
        list(networks.list(network_client, networks.ListOpts(sort_key="mtu", sort_dir="asc")))
    assert caught.value.kind == "HTTPBadRequest"


def test_update_sends_the_changes_and_the_revision_header(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/networks/{NET1}", "network-update-response")
    opts = networks.UpdateOpts(name="sample_network_5_updated", revision_number=3)
    net = networks.update(network_client, NET1, opts).extract()
    assert sent_json(mock.calls[0]) == {"network": {"name": "sample_network_5_updated"}}
    assert mock.calls[0].request.headers["If-Match"] == "revision_number=3"
    assert net.name == load("network-update-response")["network"]["name"]


def test_update_without_a_revision_sends_no_if_match(mock: responses.RequestsMock,
                                                     network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/networks/{NET1}", "network-update-response")
    networks.update(network_client, NET1, networks.UpdateOpts(name="x")).extract()
    assert "If-Match" not in mock.calls[0].request.headers


def test_a_stale_revision_is_precondition_failed(mock: responses.RequestsMock,
                                                 network_client: ServiceClient) -> None:
    answer(mock, "PUT", f"v2.0/networks/{NET1}", "neutron-error-412-revision", status=412)
    result = networks.update(network_client, NET1,
                             networks.UpdateOpts(name="x", revision_number=1))
    with pytest.raises(PreconditionFailed) as caught:
        result.extract()
    assert caught.value.kind == "RevisionNumberConstraintFailed"


def test_create_over_quota_is_a_conflict_named_over_quota(
        mock: responses.RequestsMock, network_client: ServiceClient) -> None:
    from stackdouble.client import Conflict

    answer(mock, "POST", "v2.0/networks", "neutron-error-409-over-quota", status=409)
    with pytest.raises(Conflict) as caught:
        networks.create(network_client, networks.CreateOpts(name="n")).extract()
    assert caught.value.kind == "OverQuota"


def test_delete_accepts_204(mock: responses.RequestsMock,
                            network_client: ServiceClient) -> None:
    answer(mock, "DELETE", f"v2.0/networks/{NET1}", status=204)
    networks.delete(network_client, NET1).extract_err()
    assert mock.calls[0].request.url == url_of(f"v2.0/networks/{NET1}")
