"""Server listings of the fake Nova: filters, and pages walked from sorted structures."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models.servers import Server
from stackdouble.fakes.sorting import after, complete_sort, sort_key_for, walk

__all__ = ["SORT_GETTERS", "ListingMixin", "ServerFilters"]


@dataclass(slots=True)
class ServerFilters:
    """The search options of a server listing, already validated and normalised."""

    name: re.Pattern[str] | None = None
    vm_states: frozenset[str] | None = None
    task_states: frozenset[str | None] | None = None
    image: str | None = None
    flavor_id: str | None = None
    changes_since: datetime | None = None
    changes_before: datetime | None = None
    ip: re.Pattern[str] | None = None
    ip6: re.Pattern[str] | None = None
    tags: tuple[str, ...] = ()
    tags_any: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    not_tags_any: tuple[str, ...] = ()
    locked: bool | None = None
    project_id: str | None = None
    user_id: str | None = None
    reservation_id: str | None = None
    key_name: re.Pattern[str] | None = None
    availability_zone: re.Pattern[str] | None = None
    host: str | None = None
    uuid: str | None = None
    power_state: int | None = None
    deleted: bool | None = False

    def matches(self, s: Server) -> bool:
        """Whether a (settled) server passes every filter."""
        # the DB's `deleted` filter takes SOFT_DELETED servers as deleted (without
        # `soft_deleted`, which the fake does not read: `instance_get_all_by_filters_sort`)
        if self.deleted is not None and (s.deleted or s.vm_state == "soft-delete"
                                         ) != self.deleted:
            return False
        if self.vm_states is not None and s.vm_state not in self.vm_states:
            return False
        if self.task_states is not None and s.task_state not in self.task_states:
            return False
        if self.name is not None and not self.name.search(s.name):
            return False
        if self.image is not None and s.image_ref != self.image:
            return False
        if self.flavor_id is not None and s.flavor.id != self.flavor_id:
            return False
        if self.changes_since is not None and s.updated_at < self.changes_since:
            return False
        if self.changes_before is not None and s.updated_at > self.changes_before:
            return False
        if self.project_id is not None and s.project_id != self.project_id:
            return False
        if self.user_id is not None and s.user_id != self.user_id:
            return False
        if self.locked is not None and (s.locked_by is not None) != self.locked:
            return False
        if self.reservation_id is not None and s.reservation_id != self.reservation_id:
            return False
        if self.key_name is not None and not self.key_name.search(s.key_name or ""):
            return False
        if self.availability_zone is not None and not self.availability_zone.search(
                s.availability_zone or ""):
            return False
        if self.host is not None and s.host != self.host:
            return False
        if self.uuid is not None and s.uuid != self.uuid:
            return False
        if self.power_state is not None and s.power_state != self.power_state:
            return False
        if self.tags or self.tags_any or self.not_tags or self.not_tags_any:
            have = set(s.tags)
            if self.tags and not have.issuperset(self.tags):
                return False
            if self.tags_any and not have.intersection(self.tags_any):
                return False
            if self.not_tags and have.issuperset(self.not_tags):
                return False
            if self.not_tags_any and have.intersection(self.not_tags_any):
                return False
        if self.ip is not None or self.ip6 is not None:
            return self._ip_matches(s)
        return True

    def _ip_matches(self, s: Server) -> bool:
        for vif in s.vifs:  # `_ip_filter`: the fixed addresses of the network info cache
            for ip in vif.fixed_ips:
                pattern = self.ip if ip.version == 4 else self.ip6
                if pattern is not None and pattern.search(ip.address):
                    return True
        return False


#: Attribute getters for the sort keys the fake sorts by (the slow path).
SORT_GETTERS: Mapping[str, Callable[[Server], Any]] = {
    "created_at": lambda s: s.created_s,
    "updated_at": lambda s: s.updated_at,
    "display_name": lambda s: s.name,
    "display_description": lambda s: s.description,
    "uuid": lambda s: s.uuid,
    "vm_state": lambda s: s.vm_state,
    "task_state": lambda s: s.task_state,
    "power_state": lambda s: s.power_state,
    "launched_at": lambda s: s.launched_at,
    "terminated_at": lambda s: s.terminated_at,
    "host": lambda s: s.host,
    "node": lambda s: s.host,
    "hostname": lambda s: s.hostname,
    "key_name": lambda s: s.key_name,
    "availability_zone": lambda s: s.availability_zone,
    "image_ref": lambda s: s.image_ref,
    "project_id": lambda s: s.project_id,
    "user_id": lambda s: s.user_id,
    "locked": lambda s: s.locked_by is not None,
    "locked_by": lambda s: s.locked_by,
    "progress": lambda s: s.progress,
    "access_ip_v4": lambda s: s.access_ipv4,
    "access_ip_v6": lambda s: s.access_ipv6,
    "config_drive": lambda s: s.config_drive,
    "auto_disk_config": lambda s: s.auto_disk_config,
    "launch_index": lambda s: s.launch_index,
    "instance_type_id": lambda s: s.flavor.row,
    "id": lambda s: s.row,
}


class ListingMixin(ModelBase):
    """Server listings, mixed into `ComputeModel`."""

    def list_servers(self, caller: Caller, filters: ServerFilters, *, limit: int,
                     marker: str | None = None, all_tenants: bool = False,
                     sort: Sequence[tuple[str, str]] = ()) -> list[Server]:
        """One page of servers in Nova's order.

        The default order (`created_at desc, id desc`, or both `asc`) walks a sorted list
        from the marker: O(log n + page). Other sort keys sort the candidates (O(n log n)).

        Raises:
            BadRequest: "marker [<id>] not found" (the marker may be any server, even
                another project's or a deleted one, as Nova looks it up unscoped).
        """
        if limit == 0:
            return []
        mark = None
        if marker is not None:
            mark = self.servers.get(marker)
            if mark is None:
                raise BadRequest(f"marker [{marker}] not found")
        keys = [k for k, _ in sort] or ["created_at"]
        dirs = [d for _, d in sort] or ["desc"]
        include_deleted = filters.deleted is not False
        if all_tenants:
            pool = self._all_every if include_deleted else self._all_live
        else:
            source = self._every if include_deleted else self._live
            pool = source.get(caller.project_id) or SortedList()
        if keys == ["created_at"] and len(set(dirs)) == 1:
            return self._walk(pool, filters, limit, mark, descending=dirs[0] == "desc")
        return self._sorted_page(pool, filters, limit, mark, sort)

    def _walk(self, pool: SortedList, filters: ServerFilters, limit: int,
              mark: Server | None, *, descending: bool) -> list[Server]:
        keys: Iterator[tuple[int, int]] = walk(pool, mark.key if mark is not None else None,
                                               descending)
        out: list[Server] = []
        now = self.cloud.clock.time()
        by_row = self._by_row
        for key in keys:
            server = by_row[key[1]]
            if server.pending is not None:
                self._settle(server, now)
            if filters.matches(server):
                out.append(server)
                if len(out) >= limit:
                    break
        return out

    def _sorted_page(self, pool: SortedList, filters: ServerFilters, limit: int,
                     mark: Server | None, sort: Sequence[tuple[str, str]]) -> list[Server]:
        keys, dirs = complete_sort(sort)
        sort_key = sort_key_for([SORT_GETTERS.get(k, _no_value) for k in keys], dirs)
        now = self.cloud.clock.time()
        candidates = [self._settle(self._by_row[k[1]], now) for k in pool]
        candidates = [s for s in candidates if filters.matches(s)]
        candidates.sort(key=sort_key)
        mark_key = sort_key(self._settle(mark, now)) if mark is not None else None
        return list(itertools.islice(after(candidates, mark_key, sort_key), limit))


def _no_value(server: Server) -> Any:
    return None
