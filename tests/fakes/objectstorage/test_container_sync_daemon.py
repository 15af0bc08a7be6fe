"""The container-sync daemon on the fake clock (`models/containersync.py`), after Swift
2.38's `swift/container/sync.py`: when sweeps run, what a copy keeps, deletions and
metadata changes repeated, and the targets it refuses and tries again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.clock import FakeClock
from stackdouble.fakes.objectstorage import ObjectStorageModel, SwiftConfig
from stackdouble.fakes.objectstorage.models import SyncReport
from tests.fakes.objectstorage.conftest import Swift

REALMS = "[us]\nkey = realm-key\ncluster_east = http://127.0.0.1/v1/\n"
PIPELINE = "healthcheck container_sync tempurl symlink keystoneauth"
KEY = "user-key"


def _config(**kw: object) -> SwiftConfig:
    settings: dict[str, object] = {"pipeline": PIPELINE, "container_sync_realms": REALMS,
                                   "container_sync_current": "//us/east",
                                   "container_sync_interval": 60}
    settings.update(kw)
    return SwiftConfig(**settings)  # type: ignore[arg-type]


@pytest.fixture
def cloud(clock: FakeClock) -> Iterator[FakeCloud]:
    """A cloud in realm `us`, cluster `east`, whose daemon sweeps every 60 fake seconds."""
    with FakeCloud(seed=1234, clock=clock, swift=_config()) as fake:
        yield fake


@pytest.fixture
def synced(swift: Swift) -> Swift:
    """`source` syncing to `target` in the same account, both with the key `user-key`."""
    assert swift("PUT", "/target", headers={"X-Container-Sync-Key": KEY}).status_code == 201
    assert swift("PUT", "/source", headers={
        "X-Container-Sync-To": f"//us/east/{swift.account}/target",
        "X-Container-Sync-Key": KEY}).status_code == 201
    return swift


def _names(swift: Swift, container: str = "target") -> list[str]:
    return [row["name"] for row in swift("GET", f"/{container}?format=json").json()]


def test_a_sweep_runs_when_the_clock_reaches_the_interval(synced: Swift, clock: FakeClock) -> None:
    synced("PUT", "/source/o", data=b"x")
    clock.advance(59)
    assert _names(synced) == []
    clock.advance(1)
    assert _names(synced) == ["o"]


def test_a_clock_far_ahead_makes_one_sweep(synced: Swift, clock: FakeClock,
                                           model: ObjectStorageModel) -> None:
    clock.advance(600)
    synced("PUT", "/source/o", data=b"x")  # this request sweeps first: nothing to copy yet
    assert _names(synced) == []
    clock.advance(60)
    assert _names(synced) == ["o"]
    assert model.run_container_sync() == SyncReport(syncs=1)


def test_without_an_interval_only_a_forced_sweep_copies(clock: FakeClock) -> None:
    with FakeCloud(seed=1, clock=clock, swift=_config(container_sync_interval=None)) as cloud:
        swift = cloud.object_storage
        account = swift.account_name("demo")
        swift.create_container("demo", "target", headers={"X-Container-Sync-Key": KEY})
        swift.create_container("demo", "source", headers={
            "X-Container-Sync-To": f"//us/east/{account}/target", "X-Container-Sync-Key": KEY})
        swift.put_object("demo", "source", "o", b"x")
        clock.advance(10_000)
        swift.container_sync_tick()
        assert swift.names("demo", "target") == []
        assert swift.run_container_sync() == SyncReport(syncs=1, puts=1)
        assert swift.names("demo", "target") == ["o"]


def test_an_interval_that_is_not_positive_is_refused() -> None:
    with pytest.raises(ValueError, match="container_sync_interval"):
        SwiftConfig(container_sync_interval=0)


def test_a_copy_keeps_data_metadata_and_the_source_timestamp(
        synced: Swift, clock: FakeClock, model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"hello", headers={
        "Content-Type": "text/plain", "X-Object-Meta-Color": "red",
        "Content-Disposition": "inline", "X-Delete-After": "3600"})
    clock.advance(5)  # the copy is made later, but keeps the source's time
    assert model.run_container_sync() == SyncReport(syncs=1, puts=1)
    source = synced("GET", "/source/o")
    copy = synced("GET", "/target/o")
    assert copy.content == b"hello"
    for header in ("Etag", "Content-Type", "X-Object-Meta-Color", "Content-Disposition",
                   "X-Timestamp", "Last-Modified", "X-Delete-At"):
        assert copy.headers[header] == source.headers[header], header
    listed = synced("GET", "/target?format=json").json()
    assert listed[0]["last_modified"] == synced("GET", "/source?format=json").json()[0][
        "last_modified"]


def test_an_unchanged_object_is_not_sent_again(synced: Swift,
                                               model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x")
    assert model.run_container_sync().puts == 1
    assert model.run_container_sync() == SyncReport(syncs=1)


def test_a_metadata_change_is_sent_with_its_time(synced: Swift, clock: FakeClock,
                                                 model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x", headers={"X-Object-Meta-Color": "red"})
    model.run_container_sync()
    clock.advance(1)
    synced("POST", "/source/o", headers={"X-Object-Meta-Color": "blue"})
    assert model.run_container_sync().puts == 1
    copy = synced("HEAD", "/target/o").headers
    assert copy["X-Object-Meta-Color"] == "blue"
    assert copy["X-Timestamp"] == synced("HEAD", "/source/o").headers["X-Timestamp"]


def test_a_deletion_is_repeated(synced: Swift, clock: FakeClock,
                                model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x")
    model.run_container_sync()
    clock.advance(1)
    assert synced("DELETE", "/source/o").status_code == 204
    assert model.run_container_sync() == SyncReport(syncs=1, deletes=1)
    assert _names(synced) == []
    assert model.run_container_sync() == SyncReport(syncs=1)


def test_a_deletion_leaves_a_newer_copy_alone(synced: Swift, clock: FakeClock,
                                              model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"old")
    model.run_container_sync()
    clock.advance(1)
    synced("DELETE", "/source/o")
    clock.advance(1)
    synced("PUT", "/target/o", data=b"newer")  # written in the target after the deletion
    assert model.run_container_sync().deletes == 1  # Swift's 409, taken as done
    assert synced("GET", "/target/o").content == b"newer"


def test_a_name_deleted_then_put_again_is_only_put(synced: Swift, clock: FakeClock,
                                                   model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"one")
    model.run_container_sync()
    clock.advance(1)
    synced("DELETE", "/source/o")
    clock.advance(1)
    synced("PUT", "/source/o", data=b"two")
    assert model.run_container_sync() == SyncReport(syncs=1, puts=1)
    assert synced("GET", "/target/o").content == b"two"


def test_a_newer_object_in_the_target_is_not_overwritten(synced: Swift, clock: FakeClock,
                                                         model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"older")
    clock.advance(1)
    synced("PUT", "/target/o", data=b"newer")
    assert model.run_container_sync() == SyncReport(syncs=1)
    assert synced("GET", "/target/o").content == b"newer"


def test_another_key_in_the_target_fails_until_it_matches(synced: Swift,
                                                          model: ObjectStorageModel) -> None:
    synced("POST", "/target", headers={"X-Container-Sync-Key": "other"})
    synced("PUT", "/source/o", data=b"x")
    assert model.run_container_sync() == SyncReport(syncs=1, failures=1)
    assert model.run_container_sync().failures == 1  # tried again at every sweep
    synced("POST", "/target", headers={"X-Container-Sync-Key": KEY})
    assert model.run_container_sync() == SyncReport(syncs=1, puts=1)


def test_a_missing_target_container_fails(synced: Swift, model: ObjectStorageModel) -> None:
    synced("DELETE", "/target")
    synced("PUT", "/source/o", data=b"x")
    assert model.run_container_sync() == SyncReport(syncs=1, failures=1)


def test_a_realm_target_needs_container_sync_in_the_pipeline(
        synced: Swift, model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x")
    model.pipeline = "healthcheck tempurl symlink keystoneauth"
    assert model.run_container_sync().failures == 1
    assert _names(synced) == []


def test_a_target_in_another_cluster_fails(swift: Swift, model: ObjectStorageModel,
                                           cloud: FakeCloud) -> None:
    object.__setattr__(cloud, "swift_config", _config(
        container_sync_realms=REALMS + "cluster_west = http://127.0.0.2/v1/\n"))
    swift("PUT", "/target", headers={"X-Container-Sync-Key": KEY})
    swift("PUT", "/source", headers={
        "X-Container-Sync-To": f"//us/west/{swift.account}/target",
        "X-Container-Sync-Key": KEY})
    swift("PUT", "/source/o", data=b"x")
    assert model.run_container_sync() == SyncReport(failures=1)


def test_a_container_without_a_key_is_not_synced(swift: Swift,
                                                 model: ObjectStorageModel) -> None:
    swift("PUT", "/target", headers={"X-Container-Sync-Key": KEY})
    swift("PUT", "/source", headers={
        "X-Container-Sync-To": f"//us/east/{swift.account}/target"})
    swift("PUT", "/source/o", data=b"x")
    assert model.run_container_sync() == SyncReport()


def test_a_versioned_container_is_skipped(synced: Swift, model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x")
    source = model.find_container(synced.account, "source")
    assert source is not None
    source.headers["X-Container-Sysmeta-Versions-Container"] = "%00versions%00source"
    assert model.run_container_sync() == SyncReport(skips=1)


def test_a_symlink_is_copied_as_a_symlink(synced: Swift, model: ObjectStorageModel) -> None:
    synced("PUT", "/source/data", data=b"payload")
    synced("PUT", "/source/link", data=b"", headers={"X-Symlink-Target": "source/data"})
    model.run_container_sync()
    link = synced("GET", "/target/link?symlink=get")
    assert link.headers["X-Symlink-Target"] == "source/data"
    assert synced("GET", "/target/link").content == b"payload"


def test_a_new_target_starts_over(synced: Swift, model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x")
    model.run_container_sync()
    synced("PUT", "/other", headers={"X-Container-Sync-Key": KEY})
    synced("POST", "/source", headers={
        "X-Container-Sync-To": f"//us/east/{synced.account}/other"})
    assert model.run_container_sync().puts == 1
    assert _names(synced, "other") == ["o"]


def test_a_full_url_on_the_clouds_own_host_is_synced(clock: FakeClock) -> None:
    with FakeCloud(seed=1, clock=clock, base_url="http://127.0.0.1:8080",
                   swift=_config()) as cloud:
        swift = cloud.object_storage
        account = swift.account_name("demo")
        swift.create_container("demo", "target", headers={"X-Container-Sync-Key": KEY})
        swift.create_container("demo", "source", headers={
            "X-Container-Sync-To": f"http://127.0.0.1:8080/v1/{account}/target",
            "X-Container-Sync-Key": KEY})
        swift.put_object("demo", "source", "o", b"x")
        assert swift.run_container_sync() == SyncReport(syncs=1, puts=1)


def test_an_expired_object_is_deleted_in_the_target_too(synced: Swift, clock: FakeClock,
                                                        model: ObjectStorageModel) -> None:
    synced("PUT", "/source/o", data=b"x", headers={"X-Delete-After": "10"})
    model.run_container_sync()
    clock.advance(11)
    # The copy carries the same X-Delete-At, so it expires as well; the source's
    # deletion is repeated and finds nothing to do.
    assert model.run_container_sync() == SyncReport(syncs=1, deletes=1)
    assert _names(synced) == []


_OPS = st.lists(st.tuples(st.sampled_from(["put", "post", "delete", "sweep"]),
                          st.sampled_from(["a", "b", "c/d"]), st.binary(max_size=4)),
                max_size=25)


@settings(max_examples=60, deadline=None)
@given(ops=_OPS)
def test_after_a_sweep_the_target_holds_what_the_source_holds(
        ops: list[tuple[str, str, bytes]]) -> None:
    clock = FakeClock(start=datetime(2026, 1, 1, tzinfo=timezone.utc), ticking=False)
    with FakeCloud(seed=1, clock=clock, swift=_config(container_sync_interval=None)) as cloud:
        swift = cloud.object_storage
        account = swift.account_name("demo")
        swift.create_container("demo", "target", headers={"X-Container-Sync-Key": KEY})
        swift.create_container("demo", "source", headers={
            "X-Container-Sync-To": f"//us/east/{account}/target", "X-Container-Sync-Key": KEY})
        for op, name, data in ops:
            clock.advance(1)
            source = swift.container("demo", "source")
            if op == "put":
                swift.put_object("demo", "source", name, data, metadata={"V": data.hex() or "-"})
            elif op == "post" and name in source.objects:
                swift.update_object("demo", "source", name, {"X-Object-Meta-Post": "1"})
            elif op == "delete" and name in source.objects:
                swift.delete_object("demo", "source", name)
            elif op == "sweep":
                swift.run_container_sync()
        clock.advance(1)
        swift.run_container_sync()

        def held(container: str) -> dict[str, tuple[bytes, str, int, dict[str, str]]]:
            return {name: (obj.data, obj.etag, obj.meta_timestamp, obj.headers)
                    for name, obj in swift.container("demo", container).objects.items()}

        assert held("target") == held("source")
        assert swift.run_container_sync() == SyncReport(syncs=1)
