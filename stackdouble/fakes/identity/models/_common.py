"""What the identity model's resource mixins share: constants, helpers, the base class.

`_ModelBase` declares the state `IdentityModel.__init__` sets up (one place, for every
resource) and the rules one resource's mixin borrows from another's.
"""

from __future__ import annotations

import bisect
import hmac
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from stackdouble.fakes.identity.errors import NotFound
from stackdouble.fakes.timestamps import format_iso

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.identity.models.applicationcredentials import (
        AccessRule,
        ApplicationCredential,
    )
    from stackdouble.fakes.identity.models.credentials import Credential
    from stackdouble.fakes.identity.models.domains import Domain
    from stackdouble.fakes.identity.models.endpointgroups import EndpointGroup
    from stackdouble.fakes.identity.models.endpoints import Endpoint
    from stackdouble.fakes.identity.models.groups import Group
    from stackdouble.fakes.identity.models.limits import Limit, RegisteredLimit
    from stackdouble.fakes.identity.models.policies import Policy
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.regions import Region
    from stackdouble.fakes.identity.models.roles import Role
    from stackdouble.fakes.identity.models.services import CatalogService
    from stackdouble.fakes.identity.models.tokens import Token, TokenContext
    from stackdouble.fakes.identity.models.users import User

DEFAULT_DOMAIN_ID = "default"
#: A role assignment: (actor kind, actor id, scope kind, target id, role id).
Assignment = tuple[str, str, str, str, str]
_NAME_ONLY: Any = object()


class _SortedIds:
    """Ids kept sorted, for marker seeks in O(log n)."""

    __slots__ = ("_ids",)

    def __init__(self) -> None:
        self._ids: list[str] = []

    def add(self, item_id: str) -> None:
        bisect.insort(self._ids, item_id)

    def discard(self, item_id: str) -> None:
        i = bisect.bisect_left(self._ids, item_id)
        if i < len(self._ids) and self._ids[i] == item_id:
            del self._ids[i]

    def after(self, marker: str | None) -> Iterator[str]:
        start = 0 if marker is None else bisect.bisect_right(self._ids, marker)
        for i in range(start, len(self._ids)):
            yield self._ids[i]


class _Named(Protocol):
    name: str


def _set_given(item: Any, **values: Any) -> None:
    """Set each attribute whose new value is given (not None): a PATCH's semantics."""
    for name, value in values.items():
        if value is not None:
            setattr(item, name, value)


def vars_of(obj: Any, skip: Sequence[str] = ()) -> dict[str, Any]:
    """A dataclass instance's fields as a dict (slots-friendly), minus `skip`."""
    out: dict[str, Any] = {}
    for name in obj.__dataclass_fields__:
        if name in skip:
            continue
        value = getattr(obj, name)
        out[name] = list(value) if isinstance(value, (list, tuple)) else value
    return out


def _page(items: Iterable[Any], limit: int | None, filters: dict[str, Any]) -> list[Any]:
    out: list[Any] = []
    if limit == 0:
        return out
    for item in items:
        if all(getattr(item, key) == value for key, value in filters.items()):
            out.append(item)
            if limit is not None and len(out) >= limit:
                break
    return out


def check_secret(expected: str | None, given: Any) -> bool:
    """Constant-time comparison; a missing or non-string secret never matches."""
    if expected is None or not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def format_expires(when: datetime) -> str:
    """Keystone's `expires_at` text."""
    return format_iso(when)


_N = TypeVar("_N", bound=_Named)


class _ModelBase:
    """The state every resource mixin of `IdentityModel` shares.

    `IdentityModel.__init__` sets all of it up in one place; the mixins only declare it here
    so that each type-checks on its own. The stubs under `TYPE_CHECKING` are the rules one
    resource's mixin borrows from another's (each is defined in its resource's module).
    """

    _cloud: FakeCloud
    domains: dict[str, Domain]
    projects: dict[str, Project]
    users: dict[str, User]
    roles: dict[str, Role]
    implied_roles: dict[str, list[str]]
    groups: dict[str, Group]
    group_members: dict[str, set[str]]
    user_groups: dict[str, set[str]]
    assignments: dict[Assignment, None]
    _assignments_by_actor: dict[str, list[Assignment]]
    _project_names: dict[tuple[str, str], str]
    _user_names: dict[tuple[str, str], str]
    regions: dict[str, Region]
    services: dict[str, CatalogService]
    endpoints: dict[str, Endpoint]
    application_credentials: dict[str, ApplicationCredential]
    access_rules: dict[str, AccessRule]
    domain_configs: dict[str, dict[tuple[str, str], Any]]
    policies: dict[str, Policy]
    registered_limits: dict[str, RegisteredLimit]
    limits: dict[str, Limit]
    credentials: dict[str, Credential]
    endpoint_groups: dict[str, EndpointGroup]
    project_endpoints: dict[tuple[str, str], None]
    project_endpoint_groups: dict[tuple[str, str], None]
    tokens: dict[str, Token]
    tokens_issued: int
    _project_ids: _SortedIds
    _user_ids: _SortedIds
    _group_ids: _SortedIds
    _domain_ids: _SortedIds
    _stamp: int
    _contexts: dict[str, tuple[int, TokenContext]]

    @property
    def cloud(self) -> FakeCloud:
        """The cloud the model belongs to (its lock, clock and ids)."""
        return self._cloud

    @property
    def _ids(self) -> Any:
        return self._cloud.ids

    def _now(self) -> datetime:
        return self._cloud.clock.now()

    def _find(self, table: Mapping[str, _N], cls: type[_N], noun: str, ref: str | _N,
              domain: Any = _NAME_ONLY) -> _N:
        """`ref` itself, the item with that id, or the one with that name (in `domain`,
        default Default, for the kinds Keystone names per domain)."""
        if isinstance(ref, cls):
            return ref
        key = cast(str, ref)
        found = table.get(key)
        if found is not None:
            return found
        domain_id: str | None = None
        if domain is not _NAME_ONLY:
            domain_id = self.find_domain(domain).id if domain else DEFAULT_DOMAIN_ID
        for item in table.values():
            if item.name == key and (
                domain_id is None or getattr(item, "domain_id", None) == domain_id
            ):
                return item
        raise LookupError(f"no {noun} {key!r}; have {sorted(i.name for i in table.values())}")

    def _get(self, table: dict[str, Any], noun: str, item_id: str) -> Any:
        found = table.get(item_id)
        if found is None:
            raise NotFound(f"Could not find {noun}: {item_id}.")
        return found


    if TYPE_CHECKING:

        def _drop_assignment(self, entry: Assignment) -> bool: ...

        def _delete_access_rules_of(self, user_id: str) -> None: ...

        def _delete_credentials_of(self, *, user_id: str | None = None,
                                   project_id: str | None = None) -> None: ...

        def _delete_limits_of_project(self, project_id: str) -> None: ...

        def _delete_identity_providers_of(self, domain_id: str) -> None: ...

        def _remove_group(self, group_id: str) -> None: ...

        def _remove_project(self, project_id: str) -> None: ...

        def _remove_role(self, role_id: str) -> None: ...

        def _remove_user(self, user_id: str) -> None: ...

        def _revoke_tokens(self, *, user_id: str | None = None, project_id: str | None = None,
                           domain_id: str | None = None) -> None: ...

        def _subtree(self, project_id: str) -> set[str]: ...

        def _targets_for_user(self, user_id: str, kind: str) -> set[str]: ...

        def create_region(self, region_id: str | None = None, *, description: str = "",
                          parent_region_id: str | None = None,
                          extra: dict[str, Any] | None = None) -> Region: ...

        def direct_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]: ...

        def effective_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]: ...

        def expand_implied(self, role_ids: Iterable[str]) -> list[str]: ...

        def expand_inherited(self, ref: dict[str, Any], project_id: str | None,
                             subtree: list[str] | None) -> list[dict[str, Any]]: ...

        def inherited_project_ids(self, actor_id: str) -> set[str]: ...

        def inherited_role_ids(self, actor_id: str, project_id: str) -> list[str]: ...

        def inherited_sources(self, project_id: str, subtree: list[str] | None
                              ) -> set[tuple[str, str]]: ...

        def ordered_subtree(self, project_id: str) -> list[str]: ...

        def find_domain(self, ref: str | Domain) -> Domain: ...

        def find_group(self, ref: str | Group, domain: str | Domain | None = None) -> Group: ...

        def find_project(self, ref: str | Project,
                         domain: str | Domain | None = None) -> Project: ...

        def find_role(self, ref: str | Role) -> Role: ...

        def find_service(self, ref: str | CatalogService) -> CatalogService: ...

        def find_user(self, ref: str | User, domain: str | Domain | None = None) -> User: ...

        def projects_for_user(self, user_id: str) -> list[Project]: ...
