"""Hypothesis: random creates, deletes, clock moves, listings (random page sizes, filters,
directions) and rescue/shelve actions against a plain model; every listing yields each live
server exactly once, in Nova's order, and every server is in the status Nova's rules give it."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.compute import Caller, ServerFilters
from stackdouble.fakes.compute.errors import Conflict
from stackdouble.fakes.image.models import ImageQuery

NAMES = ("web", "db", "cache")
#: action → (statuses it accepts, the status it leads to; None: SHELVED or SHELVED_OFFLOADED
#: as `shelved_offload_time` says).
ACTIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "stop": (frozenset({"ACTIVE"}), "SHUTOFF"),
    "rescue": (frozenset({"ACTIVE", "SHUTOFF"}), "RESCUE"),
    "unrescue": (frozenset({"RESCUE"}), "ACTIVE"),
    "shelve": (frozenset({"ACTIVE", "SHUTOFF"}), None),
    "shelve_offload": (frozenset({"SHELVED"}), "SHELVED_OFFLOADED"),
    "unshelve": (frozenset({"SHELVED", "SHELVED_OFFLOADED"}), "ACTIVE"),
}


class Listings(RuleBasedStateMachine):
    """The fake's model against a list of (created second, row, id, name) tuples."""

    @initialize()
    def start(self) -> None:
        self.cloud = FakeCloud(seed=9, clock=FakeClock(
            start=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        self.project = self.cloud.project_id("demo")
        self.cloud.compute.set_quota(self.project, instances=-1, cores=-1, ram=-1)
        self.caller = Caller(project_id=self.project, user_id=self.cloud.user_id("demo"))
        self.admin = Caller(project_id=self.cloud.project_id("admin"),
                            user_id=self.cloud.user_id("admin"), is_admin=True)
        self.live: dict[str, tuple[int, int, str]] = {}
        self.status: dict[str, str] = {}
        self.deleted: list[str] = []

    @rule(name=st.sampled_from(NAMES), count=st.integers(1, 3))
    def create(self, name: str, count: int) -> None:
        for _ in range(count):
            s = self.cloud.compute.create_server(self.project, name=name)
            self.live[s.uuid] = (s.created_s, s.row, name)
            self.status[s.uuid] = "ACTIVE"

    @rule(seconds=st.integers(0, 3))
    def tick(self, seconds: int) -> None:
        self.cloud.clock.advance(seconds)

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        if not self.live:
            return
        server_id = data.draw(st.sampled_from(sorted(self.live)))
        self.cloud.compute.delete_server(self.caller, server_id)
        del self.live[server_id]
        del self.status[server_id]
        self.deleted.append(server_id)

    @rule(never=st.booleans())
    def offload_time(self, never: bool) -> None:
        self.cloud.compute.set_shelved_offload_time(-1 if never else 0)

    @rule(data=st.data(), action=st.sampled_from(sorted(ACTIONS)))
    def act(self, data: st.DataObject, action: str) -> None:
        if not self.live:
            return
        server_id = data.draw(st.sampled_from(sorted(self.live)))
        accepts, leads_to = ACTIONS[action]
        caller = self.admin if action == "shelve_offload" else self.caller
        try:
            getattr(self.cloud.compute, action)(caller, server_id)
        except Conflict:
            assert self.status[server_id] not in accepts
            return
        assert self.status[server_id] in accepts
        if leads_to is None:
            never = self.cloud.compute.shelved_offload_time == -1
            leads_to = "SHELVED" if never else "SHELVED_OFFLOADED"
        self.status[server_id] = leads_to

    @rule(limit=st.integers(1, 7), name=st.none() | st.sampled_from(NAMES),
          descending=st.booleans())
    def list_all_pages(self, limit: int, name: str | None, descending: bool) -> None:
        import re

        filters = ServerFilters(name=re.compile(name) if name else None)
        sort = [("created_at", "desc" if descending else "asc")]
        seen: list[str] = []
        marker = None
        while True:
            page = self.cloud.compute.list_servers(self.caller, filters, limit=limit,
                                                   marker=marker, sort=sort)
            seen += [s.uuid for s in page]
            if len(page) < limit:  # Nova links the next page iff this one is full
                break
            marker = page[-1].uuid
        expected = [sid for sid, (_c, _r, n) in sorted(
            self.live.items(), key=lambda kv: kv[1][:2], reverse=descending)
            if name is None or re.search(name, n)]
        assert seen == expected
        assert len(set(seen)) == len(seen)

    @invariant()
    def servers_are_in_the_status_nova_gives_them(self) -> None:
        if not hasattr(self, "cloud"):
            return
        compute = self.cloud.compute
        for server_id, status in self.status.items():
            assert compute.server_status(server_id) == status
            assert (compute.servers[server_id].host is None) == (status == "SHELVED_OFFLOADED")
        glance = self.cloud.image
        images, _ = glance.list_images(glance.caller_for(self.project), ImageQuery(limit=1000))
        snapshots = {i.properties["instance_uuid"] for i in images
                     if i.name is not None and i.name.endswith("-shelved")}
        assert snapshots == {sid for sid, status in self.status.items()
                             if status.startswith("SHELVED")}

    @invariant()
    def quota_usage_counts_live_servers(self) -> None:
        if hasattr(self, "cloud"):
            assert self.cloud.compute.usage(self.project)["instances"] == len(self.live)

    def teardown(self) -> None:
        if hasattr(self, "cloud") and self.deleted:
            since = ServerFilters(deleted=None,
                                  changes_since=datetime(2026, 1, 1, tzinfo=timezone.utc))
            every = self.cloud.compute.list_servers(self.caller, since, limit=10**6)
            assert {s.uuid for s in every} == set(self.live) | set(self.deleted)


Listings.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None,
                                      suppress_health_check=[HealthCheck.too_slow])
TestListings = Listings.TestCase
