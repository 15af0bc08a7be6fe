"""The transfers package against the fake Cinder."""

from __future__ import annotations

import logging

import pytest

from stackdouble.client import BadRequest, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import quotasets, transfers, volumes
from stackdouble.fakes import FakeCloud


@pytest.fixture
def volume_id(block_storage: ServiceClient) -> str:
    """An available 1 GiB volume of demo's."""
    return volumes.create(block_storage, volumes.CreateOpts(size=1, name="data")).extract().id


def test_create_gives_the_key_and_holds_the_volume(block_storage: ServiceClient,
                                                   volume_id: str) -> None:
    made = transfers.create(block_storage, transfers.CreateOpts(
        volume_id=volume_id, name="to-ops")).extract()
    assert (made.name, made.volume_id) == ("to-ops", volume_id)
    assert made.auth_key is not None
    assert len(made.auth_key) == 16
    assert made.created_at is not None
    assert volumes.get(block_storage, volume_id).extract().status == "awaiting-transfer"
    shown = transfers.get(block_storage, made.id).extract()
    assert (shown.auth_key, shown.created_at) == (None, made.created_at)


def test_the_key_reaches_no_repr_and_no_log(block_storage: ServiceClient,
                                            admin_block_storage: ServiceClient,
                                            volume_id: str,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="stackdouble")
    result = transfers.create(block_storage, transfers.CreateOpts(volume_id=volume_id))
    made = result.extract()
    key = made.auth_key
    assert key is not None
    opts = transfers.AcceptOpts(auth_key=key)
    accepted = transfers.accept(admin_block_storage, made.id, opts)
    text = "\n".join(r.getMessage() for r in caplog.records)
    for seen in (text, repr(made), repr(opts), repr(result), repr(accepted)):
        assert key not in seen


def test_accept_moves_the_volume_and_its_quota_usage(
        block_storage: ServiceClient, admin_block_storage: ServiceClient, cloud: FakeCloud,
        volume_id: str) -> None:
    demo_id, admin_id = cloud.project_id("demo"), cloud.project_id("admin")
    made = transfers.create(block_storage, transfers.CreateOpts(volume_id=volume_id)).extract()
    assert made.auth_key is not None
    taken = transfers.accept(admin_block_storage, made.id,
                             transfers.AcceptOpts(auth_key=made.auth_key)).extract()
    assert (taken.id, taken.volume_id) == (made.id, volume_id)
    assert isinstance(volumes.get(block_storage, volume_id).err, NotFound)
    assert volumes.get(admin_block_storage, volume_id).extract().status == "available"
    demo_usage = quotasets.get_usage(admin_block_storage, demo_id).extract()
    admin_usage = quotasets.get_usage(admin_block_storage, admin_id).extract()
    assert (demo_usage.volumes.in_use, admin_usage.volumes.in_use) == (0, 1)
    assert isinstance(transfers.get(block_storage, made.id).err, NotFound)


def test_a_wrong_key_is_a_bad_request(block_storage: ServiceClient,
                                      admin_block_storage: ServiceClient,
                                      volume_id: str) -> None:
    made = transfers.create(block_storage, transfers.CreateOpts(volume_id=volume_id)).extract()
    err = transfers.accept(admin_block_storage, made.id,
                           transfers.AcceptOpts(auth_key="f" * 16)).err
    assert isinstance(err, BadRequest)
    assert err.status == 400
    assert volumes.get(block_storage, volume_id).extract().status == "awaiting-transfer"


def test_delete_gives_the_volume_back(block_storage: ServiceClient, volume_id: str) -> None:
    made = transfers.create(block_storage, transfers.CreateOpts(volume_id=volume_id)).extract()
    transfers.delete(block_storage, made.id).extract_err()
    assert volumes.get(block_storage, volume_id).extract().status == "available"
    assert isinstance(transfers.delete(block_storage, made.id).err, NotFound)


def test_3_57_shows_the_history_and_3_55_no_snapshots(block_storage: ServiceClient,
                                                      volume_id: str) -> None:
    client = block_storage.with_microversion("3.57")
    made = transfers.create(client, transfers.CreateOpts(volume_id=volume_id,
                                                         no_snapshots=True)).extract()
    assert (made.no_snapshots, made.accepted, made.destination_project_id) == (True, False,
                                                                               None)
    assert made.source_project_id is not None
    assert transfers.get(block_storage, made.id).extract().no_snapshots is None


def test_list_pages_from_3_59(block_storage: ServiceClient, cloud: FakeCloud) -> None:
    client = block_storage.with_microversion("3.59")
    made = []
    for n in range(3):
        vol = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
        made.append(transfers.create(block_storage, transfers.CreateOpts(
            volume_id=vol.id, name=f"t{n}")).extract().id)
        cloud.clock.advance(1)
    listed = [t.id for t in transfers.list(client, transfers.ListOpts(limit=1)).items()]
    assert listed == made[::-1]
    simple = transfers.list_simple(block_storage).all_pages()
    assert [t.name for t in transfers.extract_transfers(simple)] == ["t0", "t1", "t2"]


def test_bad_options_surface_as_errors_without_a_request() -> None:
    with pytest.raises(InvalidInput):
        transfers.CreateOpts(volume_id="").to_transfer_create_map()
    with pytest.raises(InvalidInput):
        transfers.AcceptOpts(auth_key="").to_transfer_accept_map()
    with pytest.raises(InvalidInput):
        transfers.ListOpts(limit=-1).to_transfer_list_query()


def test_bad_options_become_the_results_error(block_storage: ServiceClient) -> None:
    assert isinstance(transfers.create(block_storage, transfers.CreateOpts(volume_id="")).err,
                      InvalidInput)
    assert isinstance(transfers.accept(block_storage, "x", transfers.AcceptOpts(
        auth_key="")).err, InvalidInput)
    pager = transfers.list(block_storage, transfers.ListOpts(offset=-1))
    with pytest.raises(InvalidInput):
        list(pager.items())


def test_cassettes_and_logs_scrub_the_key_wherever_it_is() -> None:
    from stackdouble._secrets import scrub_json, scrub_text

    assert scrub_json({"accept": {"auth_key": "0123456789abcdef"}}) == {
        "accept": {"auth_key": "***"}}
    assert scrub_text('{"transfer": {"auth_key": "0123456789abcdef"}}') == (
        '{"transfer": {"auth_key": "***"}}')
