"""Compute server tags against the fake Nova (2.26 and later): add, check, list, replace,
delete, delete all, the limits Nova sets, and tags in the server listing filter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.compute.v2 import servers, tags
from stackdouble.fakes import FakeCloud
from tests.client.compute.novaadmin import member_compute
from tests.client.compute.support import new_server


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A seeded fake cloud, answering in-process."""
    with FakeCloud(seed=46) as fake:
        yield fake


@pytest.fixture
def nova(cloud: FakeCloud) -> ServiceClient:
    """demo at 2.79."""
    return member_compute(cloud)


@pytest.fixture
def server_id(nova: ServiceClient) -> str:
    """A new server of demo's."""
    return new_server(nova)


def test_add_then_check_and_list(cloud: FakeCloud, nova: ServiceClient, server_id: str
                                 ) -> None:
    tags.add(nova, server_id, "web").extract_err()
    assert cloud.requests[-1].status == 201
    tags.add(nova, server_id, "web").extract_err()
    assert cloud.requests[-1].status == 204
    assert tags.check(nova, server_id, "web").extract() is True
    assert tags.check(nova, server_id, "db").extract() is False
    assert tags.list(nova, server_id).extract() == ["web"]


def test_a_tag_with_a_space_round_trips(nova: ServiceClient, server_id: str) -> None:
    tags.add(nova, server_id, "blue team").extract_err()
    assert tags.check(nova, server_id, "blue team").extract() is True
    tags.delete(nova, server_id, "blue team").extract_err()
    assert tags.list(nova, server_id).extract() == []


def test_replace_all_answers_the_new_tags(nova: ServiceClient, server_id: str) -> None:
    tags.add(nova, server_id, "old").extract_err()
    answer = tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags=["a", "b"])).extract()
    assert sorted(answer) == ["a", "b"]
    assert sorted(tags.list(nova, server_id).extract()) == ["a", "b"]


def test_tags_filter_the_server_listing(nova: ServiceClient, server_id: str) -> None:
    other = new_server(nova, name="other")
    tags.add(nova, server_id, "prod").extract_err()
    found = [s.id for s in servers.list(nova, servers.ListOpts(tags=["prod"])).items()]
    assert found == [server_id]
    assert other not in found


def test_delete_all_clears_them(nova: ServiceClient, server_id: str) -> None:
    tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags=["a", "b"])).extract()
    tags.delete_all(nova, server_id).extract_err()
    assert tags.list(nova, server_id).extract() == []


def test_deleting_a_missing_tag_is_not_found(nova: ServiceClient, server_id: str) -> None:
    with pytest.raises(NotFound):
        tags.delete(nova, server_id, "nope").extract_err()


def test_a_tag_with_a_comma_is_refused(nova: ServiceClient, server_id: str) -> None:
    with pytest.raises(BadRequest):
        tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags=["a,b"])).extract()
    assert tags.list(nova, server_id).extract() == []


def test_more_than_50_tags_are_refused(nova: ServiceClient, server_id: str) -> None:
    many = [f"t{n}" for n in range(51)]
    with pytest.raises(BadRequest):
        tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags=many)).extract()


def test_one_string_for_tags_is_refused_before_sending(cloud: FakeCloud, nova: ServiceClient,
                                                      server_id: str) -> None:
    before = len(cloud.requests)
    with pytest.raises(InvalidInput):
        tags.replace_all(nova, server_id, tags.ReplaceAllOpts(tags="web")).extract()
    assert len(cloud.requests) == before


def test_before_2_26_the_urls_are_not_found(nova: ServiceClient, server_id: str) -> None:
    with pytest.raises(NotFound):
        tags.list(nova.with_microversion("2.25"), server_id).extract()


def test_a_missing_server_is_not_found(nova: ServiceClient) -> None:
    with pytest.raises(NotFound):
        tags.list(nova, "8a4c5b2e-0000-4000-8000-000000000000").extract()
