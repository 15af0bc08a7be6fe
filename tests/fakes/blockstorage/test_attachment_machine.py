"""Hypothesis: random creates, attaches, detaches, snapshots, deletes (of volumes,
snapshots and servers) and clock moves through the client, against a plain model. No
volume is ever attached twice, none is lost, and counts, listings, the volumes'
`attachments` and the servers' `volumes_attached` agree with the model after every step."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from stackdouble.client import BadRequest, NotFound
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_block_storage_v3,
    new_compute_v2,
)
from stackdouble.client.openstack.blockstorage.v3 import snapshots, volumes
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.compute.v2.extensions import volumeattach
from stackdouble.fakes import FakeClock, FakeCloud


class Attachments(RuleBasedStateMachine):
    """The fake against dicts: volume → (size, server or None), snapshot → volume."""

    @initialize()
    def start(self) -> None:
        self.cloud = FakeCloud(seed=7, clock=FakeClock(
            start=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        self.cloud.start()
        self.project = self.cloud.project_id("demo")
        self.cloud.block_storage.set_quota(self.project, volumes=-1, gigabytes=-1,
                                           snapshots=-1)
        opts = auth_options_from_env(self.cloud.os_environ())
        provider = authenticated_client(opts, max_retries=0)
        self.cinder = new_block_storage_v3(provider)
        self.nova = new_compute_v2(provider).with_microversion("2.79")
        self.servers: list[str] = [self._new_server() for _ in range(2)]
        self.volumes: dict[str, tuple[int, str | None]] = {}
        self.snapshots: dict[str, str] = {}

    def _new_server(self) -> str:
        return self.cloud.compute.create_server(self.project, name="s").uuid

    def teardown(self) -> None:
        if hasattr(self, "cloud"):
            self.cloud.stop()

    # -- rules ------------------------------------------------------------------------------

    @rule(size=st.integers(1, 3))
    def create(self, size: int) -> None:
        volume = volumes.create(self.cinder, volumes.CreateOpts(size=size)).extract()
        self.volumes[volume.id] = (size, None)

    @precondition(lambda self: bool(self.volumes))
    @rule(data=st.data())
    def attach(self, data: st.DataObject) -> None:
        volume_id = data.draw(st.sampled_from(sorted(self.volumes)))
        server_id = data.draw(st.sampled_from(self.servers))
        size, attached_to = self.volumes[volume_id]
        result = volumeattach.create(self.nova, server_id,
                                     volumeattach.CreateOpts(volume_id=volume_id))
        if attached_to is None:
            assert result.extract().server_id == server_id
            self.volumes[volume_id] = (size, server_id)
        else:
            assert isinstance(result.err, BadRequest)
            assert f"volume {volume_id} is already attached to instances: {attached_to}" in \
                str(result.err.fault)

    @precondition(lambda self: bool(self.volumes))
    @rule(data=st.data())
    def detach(self, data: st.DataObject) -> None:
        volume_id = data.draw(st.sampled_from(sorted(self.volumes)))
        server_id = data.draw(st.sampled_from(self.servers))
        size, attached_to = self.volumes[volume_id]
        result = volumeattach.delete(self.nova, server_id, volume_id)
        if attached_to == server_id:
            result.extract_err()
            self.volumes[volume_id] = (size, None)
        else:
            assert isinstance(result.err, NotFound)

    @precondition(lambda self: bool(self.volumes))
    @rule(data=st.data(), force=st.booleans())
    def snapshot(self, data: st.DataObject, force: bool) -> None:
        volume_id = data.draw(st.sampled_from(sorted(self.volumes)))
        result = snapshots.create(self.cinder, snapshots.CreateOpts(volume_id=volume_id,
                                                                    force=force or None))
        if self.volumes[volume_id][1] is None or force:
            self.snapshots[result.extract().id] = volume_id
        else:
            assert isinstance(result.err, BadRequest)

    @precondition(lambda self: bool(self.snapshots))
    @rule(data=st.data())
    def delete_snapshot(self, data: st.DataObject) -> None:
        snap_id = data.draw(st.sampled_from(sorted(self.snapshots)))
        snapshots.delete(self.cinder, snap_id).extract_err()
        del self.snapshots[snap_id]

    @precondition(lambda self: bool(self.volumes))
    @rule(data=st.data(), cascade=st.booleans())
    def delete_volume(self, data: st.DataObject, cascade: bool) -> None:
        volume_id = data.draw(st.sampled_from(sorted(self.volumes)))
        has_snapshots = volume_id in self.snapshots.values()
        result = volumes.delete(self.cinder, volume_id,
                                volumes.DeleteOpts(cascade=cascade or None))
        if self.volumes[volume_id][1] is None and (cascade or not has_snapshots):
            result.extract_err()
            del self.volumes[volume_id]
            self.snapshots = {s: v for s, v in self.snapshots.items() if v != volume_id}
        else:
            assert isinstance(result.err, BadRequest)

    @rule(data=st.data())
    def delete_server(self, data: st.DataObject) -> None:
        server_id = data.draw(st.sampled_from(self.servers))
        servers.delete(self.nova, server_id).extract_err()
        self.servers.remove(server_id)
        self.servers.append(self._new_server())
        for volume_id, (size, attached_to) in list(self.volumes.items()):
            if attached_to == server_id:
                self.volumes[volume_id] = (size, None)

    @rule(seconds=st.integers(0, 3))
    def tick(self, seconds: int) -> None:
        self.cloud.clock.advance(seconds)

    # -- invariants -------------------------------------------------------------------------

    @invariant()
    def listings_hold_every_volume_once(self) -> None:
        if not hasattr(self, "cloud"):
            return
        listed = [v.id for v in volumes.list(self.cinder, volumes.ListOpts(limit=2)).items()]
        assert sorted(listed) == sorted(self.volumes)
        usage = self.cloud.block_storage.usage(self.project)
        assert usage == {
            "volumes": len(self.volumes),
            "gigabytes": sum(size for size, _ in self.volumes.values())
            + sum(self.volumes[v][0] for v in self.snapshots.values()),
            "snapshots": len(self.snapshots)}

    @invariant()
    def volumes_and_servers_agree(self) -> None:
        if not hasattr(self, "cloud"):
            return
        seen: dict[str, str] = {}
        for server_id in self.servers:
            for attached in servers.get(self.nova, server_id).extract().attached_volumes:
                assert attached.id not in seen, "a volume is attached twice"
                seen[attached.id] = server_id
        expected = {v: s for v, (_size, s) in self.volumes.items() if s is not None}
        assert seen == expected
        for volume in volumes.list(self.cinder).items():
            attached_to = self.volumes[volume.id][1]
            assert [a.server_id for a in volume.attachments] == (
                [attached_to] if attached_to else [])
            assert volume.status == ("in-use" if attached_to else "available")


Attachments.TestCase.settings = settings(
    max_examples=20, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestAttachments = Attachments.TestCase
