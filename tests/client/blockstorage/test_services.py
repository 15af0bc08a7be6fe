"""The services package (`os-services`, `resource_filters`) against the fake Cinder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackdouble.client import BadRequest, Forbidden, InvalidInput, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import services
from stackdouble.fakes import FakeCloud
from stackdouble.fakes.blockstorage.models.services import host_matches

VOLUME_HOST = "stackdouble@lvmdriver-1"


def _by_binary(client: ServiceClient, binary: str) -> services.Service:
    (found,) = services.list(client, services.ListOpts(binary=binary)).all_pages().items()
    return found


def test_admins_see_the_three_services_up(admin_block_storage: ServiceClient) -> None:
    found = services.list(admin_block_storage).all_pages().items()
    assert [(s.binary, s.host, s.zone, s.state, s.status) for s in found] == [
        ("cinder-scheduler", "stackdouble", "nova", "up", "enabled"),
        ("cinder-volume", VOLUME_HOST, "nova", "up", "enabled"),
        ("cinder-backup", "stackdouble", "nova", "up", "enabled")]
    assert found[0].updated_at is not None


def test_members_may_not_list_services(block_storage: ServiceClient) -> None:
    with pytest.raises(Forbidden) as info:
        services.list(block_storage).all_pages()
    assert info.value.fault == ("Policy doesn't allow volume_extension:services:index to be "
                                "performed.")


def test_the_volume_service_shows_backend_fields_by_microversion(
        admin_block_storage: ServiceClient) -> None:
    old = _by_binary(admin_block_storage, "cinder-volume")
    assert (old.backend_state, old.replication_status, old.frozen) == (None, "disabled", False)
    new = _by_binary(admin_block_storage.with_microversion("3.49"), "cinder-volume")
    assert new.backend_state == "up"


def test_a_node_host_matches_its_backends(admin_block_storage: ServiceClient) -> None:
    on_node = services.list(admin_block_storage, services.ListOpts(host="stackdouble"))
    assert [s.binary for s in on_node.all_pages().items()] == [
        "cinder-scheduler", "cinder-volume", "cinder-backup"]
    on_backend = services.list(admin_block_storage, services.ListOpts(host=VOLUME_HOST))
    assert [s.binary for s in on_backend.all_pages().items()] == ["cinder-volume"]


@given(node=st.from_regex(r"[a-z]{1,8}", fullmatch=True),
       backend=st.from_regex(r"[a-z]{1,8}", fullmatch=True),
       pool=st.from_regex(r"[a-z]{1,8}", fullmatch=True))
def test_host_matching_follows_the_level_of_the_value(node: str, backend: str,
                                                      pool: str) -> None:
    stored = f"{node}@{backend}#{pool}"
    assert host_matches(stored, node)
    assert host_matches(stored, f"{node}@{backend}")
    assert host_matches(stored, stored)
    assert not host_matches(stored, f"{node}@{backend}#{pool}x")
    assert not host_matches(f"{node}x@{backend}", node)


def test_enable_and_disable_answer_but_change_nothing(cloud: FakeCloud,
                                                      admin_block_storage: ServiceClient) -> None:
    opts = services.UpdateOpts(host="stackdouble", binary="cinder-backup")
    answer = services.disable(admin_block_storage, opts).extract()
    assert (answer.host, answer.binary, answer.service, answer.status, answer.disabled) == (
        "stackdouble", "cinder-backup", "", "disabled", True)
    assert _by_binary(admin_block_storage, "cinder-backup").status == "enabled"
    cloud.block_storage.set_service_disabled("stackdouble", "cinder-backup", True, "python")
    assert services.enable(admin_block_storage, opts).extract().status == "enabled"
    still = _by_binary(admin_block_storage, "cinder-backup")
    assert (still.status, still.disabled_reason) == ("disabled", "python")


def test_disable_log_reason_disables(admin_block_storage: ServiceClient) -> None:
    services.disable_log_reason(admin_block_storage, services.DisableLogReasonOpts(
        host="stackdouble", binary="cinder-scheduler", disabled_reason="upgrade")).extract()
    shown = _by_binary(admin_block_storage, "cinder-scheduler")
    assert (shown.status, shown.disabled_reason) == ("disabled", "upgrade")


def test_an_unknown_service_is_not_found(admin_block_storage: ServiceClient) -> None:
    err = services.enable(admin_block_storage, services.UpdateOpts(
        host="nowhere", binary="cinder-volume")).err
    assert isinstance(err, NotFound)
    assert err.fault == "Service cinder-volume could not be found on host nowhere."


@pytest.mark.parametrize(("host", "binary", "field"), [("", "cinder-volume", "host"),
                                                        ("stackdouble", "", "binary")])
def test_an_update_needs_a_host_and_a_binary(admin_block_storage: ServiceClient, host: str,
                                             binary: str, field: str) -> None:
    err = services.enable(admin_block_storage, services.UpdateOpts(host=host,
                                                                   binary=binary)).err
    assert isinstance(err, InvalidInput)
    assert err.field == field


def test_freeze_and_thaw(admin_block_storage: ServiceClient) -> None:
    services.freeze(admin_block_storage, VOLUME_HOST).extract_err()
    frozen = _by_binary(admin_block_storage, "cinder-volume")
    assert (frozen.frozen, frozen.status, frozen.disabled_reason) == (True, "disabled", "frozen")
    err = services.freeze(admin_block_storage, VOLUME_HOST).err
    assert isinstance(err, BadRequest)
    assert err.fault == ("Invalid input received: No service could be changed: frozen in "
                         f"['{VOLUME_HOST}'] must be False to failover.")
    services.thaw(admin_block_storage, VOLUME_HOST).extract_err()
    thawed = _by_binary(admin_block_storage, "cinder-volume")
    assert (thawed.frozen, thawed.status, thawed.disabled_reason) == (False, "enabled", "")


def test_freezing_a_host_without_a_volume_service_is_refused(
        admin_block_storage: ServiceClient) -> None:
    err = services.freeze(admin_block_storage, "stackdouble").err
    assert isinstance(err, BadRequest)
    assert err.fault == "No service found with host=stackdouble"


def test_resource_filters(block_storage: ServiceClient) -> None:
    client = block_storage.with_microversion("3.33")
    every = services.list_resource_filters(client).all_pages().items()
    assert [f.resource for f in every][:3] == ["volume", "backup", "snapshot"]
    assert len(every) == 9
    (group,) = services.list_resource_filters(
        client, services.ResourceFiltersOpts(resource="group")).all_pages().items()
    assert (group.resource, group.filters) == ("group", ("name",))
    assert services.list_resource_filters(
        client, services.ResourceFiltersOpts(resource="server")).all_pages().items() == []


def test_resource_filters_need_microversion_3_33(block_storage: ServiceClient) -> None:
    with pytest.raises(NotFound):
        services.list_resource_filters(block_storage.with_microversion("3.32")).all_pages()
