"""The quotasets package against the fake Cinder: limits, defaults and usage as Cinder 29
renders them, admin-only updates and resets, and the quota the fake enforces."""

from __future__ import annotations

import pytest

from stackdouble.client import BadRequest, Forbidden, InvalidInput, OverLimit, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import quotasets, volumes
from stackdouble.fakes import FakeCloud

PER_TYPE = {"volumes___DEFAULT__": -1, "gigabytes___DEFAULT__": -1,
            "snapshots___DEFAULT__": -1}


@pytest.fixture
def demo_id(cloud: FakeCloud) -> str:
    """The demo project's id."""
    return cloud.project_id("demo")


def test_get_gives_the_defaults_and_the_per_type_limits(block_storage: ServiceClient,
                                                        demo_id: str) -> None:
    assert quotasets.get(block_storage, demo_id).extract() == quotasets.QuotaSet(
        id=demo_id, volumes=10, snapshots=10, gigabytes=1000, per_volume_gigabytes=-1,
        backups=10, backup_gigabytes=1000, groups=10, extra=PER_TYPE)


def test_get_keeps_cinders_key_order(block_storage: ServiceClient, demo_id: str) -> None:
    body = quotasets.get(block_storage, demo_id).body
    assert list(body["quota_set"]) == [
        "volumes", "per_volume_gigabytes", "snapshots", "gigabytes", "backups",
        "backup_gigabytes", "volumes___DEFAULT__", "gigabytes___DEFAULT__",
        "snapshots___DEFAULT__", "groups", "id"]


def test_get_defaults_ignores_the_projects_own_limits(
        cloud: FakeCloud, block_storage: ServiceClient, demo_id: str) -> None:
    cloud.block_storage.set_quota(demo_id, volumes=3)
    assert quotasets.get(block_storage, demo_id).extract().volumes == 3
    defaults = quotasets.get_defaults(block_storage, demo_id).extract()
    assert (defaults.id, defaults.volumes) == (demo_id, 10)


def test_get_usage_counts_volumes_per_type(block_storage: ServiceClient, demo_id: str) -> None:
    volumes.create(block_storage, volumes.CreateOpts(size=2)).extract()
    used = quotasets.get_usage(block_storage, demo_id).extract()
    assert used.volumes == quotasets.QuotaUsage(limit=10, in_use=1, reserved=0)
    assert used.gigabytes == quotasets.QuotaUsage(limit=1000, in_use=2, reserved=0)
    assert used.extra["gigabytes___DEFAULT__"] == quotasets.QuotaUsage(limit=-1, in_use=2)
    assert used.backups.in_use == 0


def test_a_reader_may_not_read_another_projects_quota(
        cloud: FakeCloud, block_storage: ServiceClient) -> None:
    err = quotasets.get(block_storage, cloud.project_id("admin")).err
    assert isinstance(err, Forbidden)
    assert (err.kind, err.fault) == (
        "forbidden", "Policy doesn't allow volume_extension:quotas:show to be performed.")


def test_update_needs_an_admin(block_storage: ServiceClient, demo_id: str) -> None:
    err = quotasets.update(block_storage, demo_id, quotasets.UpdateOpts(volumes=1)).err
    assert isinstance(err, Forbidden)
    assert err.fault == "Policy doesn't allow volume_extension:quotas:update to be performed."
    err = quotasets.delete(block_storage, demo_id).err
    assert isinstance(err, Forbidden)
    assert err.fault == "Policy doesn't allow volume_extension:quotas:delete to be performed."


def test_update_answers_every_limit_without_the_id(
        admin_block_storage: ServiceClient, demo_id: str) -> None:
    opts = quotasets.UpdateOpts(volumes=4, extra={"snapshots___DEFAULT__": 2})
    result = quotasets.update(admin_block_storage, demo_id, opts)
    assert result.status == 200
    assert "id" not in result.body["quota_set"]
    updated = result.extract()
    assert (updated.id, updated.volumes, updated.extra["snapshots___DEFAULT__"]) == (None, 4, 2)
    assert quotasets.get(admin_block_storage, demo_id).extract().volumes == 4


def test_the_quota_set_through_the_api_is_the_one_enforced(
        admin_block_storage: ServiceClient, block_storage: ServiceClient,
        demo_id: str) -> None:
    volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    quotasets.update(admin_block_storage, demo_id, quotasets.UpdateOpts(volumes=1)).extract()
    err = volumes.create(block_storage, volumes.CreateOpts(size=1)).err
    assert isinstance(err, OverLimit)
    assert err.body == {"overLimit": {
        "code": 413, "retryAfter": "0",
        "message": "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for "
                   "quota 'volumes'."}}
    assert err.headers["Retry-After"] == "0"
    quotasets.delete(admin_block_storage, demo_id).extract_err()
    assert volumes.create(block_storage, volumes.CreateOpts(size=1)).err is None


def test_a_per_type_limit_is_enforced_under_its_own_name(
        admin_block_storage: ServiceClient, block_storage: ServiceClient,
        demo_id: str) -> None:
    quotasets.update(admin_block_storage, demo_id,
                     quotasets.UpdateOpts(extra={"volumes___DEFAULT__": 0})).extract()
    err = volumes.create(block_storage, volumes.CreateOpts(size=1)).err
    assert isinstance(err, OverLimit)
    assert err.fault == ("VolumeLimitExceeded: Maximum number of volumes allowed (0) exceeded "
                         "for quota 'volumes___DEFAULT__'.")


def test_a_limit_of_its_own_cannot_go_below_usage(
        admin_block_storage: ServiceClient, block_storage: ServiceClient,
        demo_id: str) -> None:
    volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    # the first override is not checked: Cinder compares only with the project's own rows
    first = quotasets.update(admin_block_storage, demo_id, quotasets.UpdateOpts(volumes=0))
    assert first.extract().volumes == 0
    err = quotasets.update(admin_block_storage, demo_id, quotasets.UpdateOpts(volumes=0)).err
    assert isinstance(err, BadRequest)
    assert err.fault == ("Quota volumes limit must be equal or greater than existing "
                         "resources. Current usage is 1 and the requested limit is 0.")


@pytest.mark.parametrize(("quota_set", "message"), [
    ({"volumez": 1, "foo": 2}, "Invalid input received: Bad key(s) in quota set: volumez, foo"),
    ({"volumes": -2}, "volumes must be >= -1"),
    ({"volumes": "abc"}, "volumes must be an integer"),
    ({"volumes": True}, "volumes must be an integer"),
    ({"volumes": 1.5}, "volumes must be an integer"),
    ({"volumes": 2**31}, "volumes must be <= 2147483647"),
    ({"volumes": "7"}, "The server could not comply with the request since it is either "
                       "malformed or otherwise incorrect."),
])
def test_update_validation_is_cinders(admin_block_storage: ServiceClient, demo_id: str,
                                      quota_set: dict[str, object], message: str) -> None:
    class Raw:
        def to_block_storage_quota_update_map(self) -> dict[str, object]:
            return {"quota_set": quota_set}

    err = quotasets.update(admin_block_storage, demo_id, Raw()).err
    assert isinstance(err, BadRequest)
    assert (err.kind, err.fault) == ("badRequest", message)


def test_an_empty_update_fails_before_sending(admin_block_storage: ServiceClient,
                                              demo_id: str) -> None:
    err = quotasets.update(admin_block_storage, demo_id, quotasets.UpdateOpts()).err
    assert isinstance(err, InvalidInput)
    assert err.field == "quota_set"


def test_delete_goes_back_to_the_defaults(
        cloud: FakeCloud, admin_block_storage: ServiceClient, demo_id: str) -> None:
    cloud.block_storage.set_quota(demo_id, volumes=2, gigabytes=5)
    result = quotasets.delete(admin_block_storage, demo_id)
    assert (result.status, result.body) == (200, None)
    assert quotasets.get(admin_block_storage, demo_id).extract().gigabytes == 1000


def test_any_project_id_answers_with_the_defaults(admin_block_storage: ServiceClient) -> None:
    assert quotasets.get(admin_block_storage, "nonexistent").extract().id == "nonexistent"


def test_usage_must_be_a_boolean(cloud: FakeCloud, admin_block_storage: ServiceClient,
                                 demo_id: str) -> None:
    from stackdouble.client.openstack.blockstorage.v3.quotasets import GetResult, urls

    url = urls.get_url(admin_block_storage, demo_id) + "?usage=maybe"
    err = GetResult.request(admin_block_storage, "GET", url, ok_codes=(200,)).err
    assert isinstance(err, BadRequest)
    assert err.fault == "Value 'maybe' for 'usage' is not a boolean."


def test_snapshots_count_per_type_and_deletes_release_it(
        cloud: FakeCloud, block_storage: ServiceClient, demo_id: str) -> None:
    from stackdouble.client.openstack.blockstorage.v3 import snapshots

    volume = volumes.create(block_storage, volumes.CreateOpts(size=2)).extract()
    snap = snapshots.create(block_storage, snapshots.CreateOpts(volume_id=volume.id)).extract()
    used = quotasets.get_usage(block_storage, demo_id).extract()
    assert (used.snapshots.in_use, used.extra["snapshots___DEFAULT__"].in_use,
            used.extra["gigabytes___DEFAULT__"].in_use) == (1, 1, 4)
    snapshots.delete(block_storage, snap.id).extract_err()
    volumes.delete(block_storage, volume.id).extract_err()
    used = quotasets.get_usage(block_storage, demo_id).extract()
    assert {k: u.in_use for k, u in used.extra.items()} == dict.fromkeys(PER_TYPE, 0)
