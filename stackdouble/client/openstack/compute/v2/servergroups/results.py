"""Nova server group results: `ServerGroup` and the Results of each call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import Page, SinglePage

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ServerGroup",
    "ServerGroupPage",
    "extract_server_groups",
]


@dataclass(slots=True, kw_only=True)
class ServerGroup:
    """A server group: servers the scheduler places together or apart.

    Attributes:
        policy: `affinity`, `anti-affinity`, `soft-affinity` or `soft-anti-affinity`. Nova
            sends it from 2.64; before, it sends `policies`, and `policy` is their first.
        policies: The list Nova sends before 2.64 (None from 2.64).
        rules: `{"max_server_per_host": n}` for an anti-affinity group (2.64 and later).
        members: The ids of the servers in it.
        metadata: Always empty (before 2.64; None from 2.64).
        project_id, user_id: The owner (2.13 and later).
    """

    id: str
    name: str
    policy: str | None = None
    policies: Sequence[str] | None = None
    rules: Mapping[str, Any] = field(default_factory=dict)
    members: Sequence[str] = field(default_factory=list)
    metadata: Mapping[str, Any] | None = None
    project_id: str | None = None
    user_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ServerGroup:
        """A ServerGroup from Nova's JSON (any microversion)."""
        policies = raw.get("policies")
        policy = raw.get("policy") or (policies[0] if policies else None)
        return cls(id=raw["id"], name=raw["name"], policy=policy,
                   policies=None if policies is None else list(policies),
                   rules=dict(raw.get("rules") or {}), members=list(raw.get("members") or []),
                   metadata=raw.get("metadata"), project_id=raw.get("project_id"),
                   user_id=raw.get("user_id"))


class ServerGroupResult(Result):
    """A Result whose body is `{"server_group": {...}}`."""

    __slots__ = ()

    def extract(self) -> ServerGroup:
        """The ServerGroup, or raise the error the call ended with."""
        return self.extract_with(ServerGroup.from_json, key="server_group")


class CreateResult(ServerGroupResult):
    """The result of `servergroups.create`."""

    __slots__ = ()


class GetResult(ServerGroupResult):
    """The result of `servergroups.get`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `servergroups.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ServerGroupPage(SinglePage):
    """A page of server groups. Nova pages them by `limit` and `offset` without links,
    so a listing is the one page asked for (at most Nova's `max_limit`, 1000)."""

    __slots__ = ()
    resource_key = "server_groups"

    def items(self) -> list[ServerGroup]:
        """The server groups on this page."""
        return extract_server_groups(self)


def extract_server_groups(page: Page) -> list[ServerGroup]:
    """The server groups on one page of `servergroups.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(ServerGroup.from_json, key="server_groups")
