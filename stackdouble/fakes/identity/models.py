"""Keystone's state and rules: domains, projects, users, roles, catalog, tokens.

No JSON here: handlers parse, this module decides, `views` renders. The rules are Keystone's:
tokens are validated on every use (expiry, revocation, the user and project still enabled),
roles are expanded through implied roles, and disabling a user or project revokes its tokens.
"""

from __future__ import annotations

import bisect
import functools
import hmac
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from stackdouble.fakes.clock import format_iso
from stackdouble.fakes.identity.errors import (
    Conflict,
    Forbidden,
    NotFound,
    TokenNotFound,
    Unauthorized,
    ValidationError,
)

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "ApplicationCredential",
    "CatalogService",
    "Domain",
    "Endpoint",
    "Group",
    "IdentityModel",
    "Project",
    "Region",
    "Role",
    "Token",
    "TokenContext",
    "User",
]

DEFAULT_DOMAIN_ID = "default"
_F = TypeVar("_F", bound=Any)
#: A role assignment: (actor kind, actor id, scope kind, target id, role id).
Assignment = tuple[str, str, str, str, str]


def _locked(method: _F) -> _F:
    """Run a public method under the cloud's lock, so tests may call it while served."""

    @functools.wraps(method)
    def wrapper(self: IdentityModel, *args: Any, **kwargs: Any) -> Any:
        with self._cloud.lock:
            return method(self, *args, **kwargs)

    return cast(_F, wrapper)
INTERFACES = ("public", "internal", "admin")


@dataclass(slots=True, kw_only=True)
class Domain:
    """A Keystone domain."""

    id: str
    name: str
    enabled: bool = True
    description: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Project:
    """A Keystone project (a v2.0 tenant)."""

    id: str
    name: str
    domain_id: str
    enabled: bool = True
    description: str = ""
    parent_id: str | None = None
    is_domain: bool = False
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class User:
    """A Keystone user; the password and API key never appear in a repr."""

    id: str
    name: str
    domain_id: str
    enabled: bool = True
    password: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    default_project_id: str | None = None
    email: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Group:
    """A Keystone group of users; role assignments to it reach its members."""

    id: str
    name: str
    domain_id: str
    description: str | None = None


@dataclass(slots=True, kw_only=True)
class Role:
    """A role; `domain_id` is set only for domain-specific roles."""

    id: str
    name: str
    domain_id: str | None = None
    description: str | None = None
    immutable: bool = False


@dataclass(slots=True, kw_only=True)
class Region:
    """A catalog region."""

    id: str
    description: str = ""
    parent_region_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class CatalogService:
    """A service in the catalog (`compute`/`nova`)."""

    id: str
    type: str
    name: str
    enabled: bool = True
    description: str | None = None


@dataclass(slots=True, kw_only=True)
class Endpoint:
    """One URL of a service, for one interface in one region; may hold `$(project_id)s`."""

    id: str
    service_id: str
    interface: str
    url: str
    region_id: str
    enabled: bool = True


@dataclass(slots=True, kw_only=True)
class ApplicationCredential:
    """An application credential; scoped to one project, with a subset of the user's roles."""

    id: str
    name: str
    user_id: str
    project_id: str
    secret: str = field(repr=False)
    role_ids: tuple[str, ...]
    expires_at: datetime | None = None
    unrestricted: bool | None = False
    description: str | None = None


@dataclass(slots=True, kw_only=True)
class Token:
    """An issued token. Its roles are computed when it is validated, as Keystone does."""

    id: str = field(repr=False)
    user_id: str
    methods: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime
    audit_ids: tuple[str, ...]
    project_id: str | None = None
    domain_id: str | None = None
    system: bool = False
    app_cred_id: str | None = None
    revoked: bool = False

    @property
    def scope(self) -> str:
        """`project`, `domain`, `system` or `unscoped`."""
        if self.project_id:
            return "project"
        if self.domain_id:
            return "domain"
        if self.system:
            return "system"
        return "unscoped"


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenContext:
    """What the token middleware knows about a valid token: the API for every fake service.

    `req.token` (or `req.require_token()`) gives one of these.

    Attributes:
        token_id: The token itself (never in a repr).
        user_id, user_name, user_domain_id, user_domain_name: Who it belongs to.
        project_id, project_name, project_domain_id, project_domain_name: Its project
            scope (None when not project-scoped).
        domain_id, domain_name: Its domain scope (None when not domain-scoped).
        system: Whether it is system-scoped.
        roles: Role names, implied roles included (`("member", "reader")`).
        role_ids: The same roles' ids, in the same order.
        methods: How it was obtained (`("password",)`).
        issued_at, expires_at: From the cloud's clock.
        audit_ids: Keystone audit ids (the token's, then its parent's).
        app_cred_id: The application credential it came from, if any.
    """

    token_id: str = field(repr=False)
    user_id: str
    user_name: str
    user_domain_id: str
    user_domain_name: str
    project_id: str | None
    project_name: str | None
    project_domain_id: str | None
    project_domain_name: str | None
    domain_id: str | None
    domain_name: str | None
    system: bool
    roles: tuple[str, ...]
    role_ids: tuple[str, ...]
    methods: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime
    audit_ids: tuple[str, ...]
    app_cred_id: str | None = None

    @property
    def is_admin(self) -> bool:
        """Whether the token carries the admin role (Keystone's `admin_required`)."""
        return "admin" in self.roles

    @property
    def scope(self) -> str:
        """`project`, `domain`, `system` or `unscoped`."""
        if self.project_id:
            return "project"
        if self.domain_id:
            return "domain"
        if self.system:
            return "system"
        return "unscoped"

    def has_role(self, name: str) -> bool:
        """Whether the token carries role `name` (directly or implied)."""
        return name in self.roles


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


_NAME_ONLY: Any = object()


def _set_given(item: Any, **values: Any) -> None:
    """Set each attribute whose new value is given (not None): a PATCH's semantics."""
    for name, value in values.items():
        if value is not None:
            setattr(item, name, value)


class _Named(Protocol):
    name: str


_N = TypeVar("_N", bound=_Named)


class IdentityModel:
    """The Keystone of one `FakeCloud`, with a Python API for tests.

    Everything that takes a user, project, domain, role or service accepts its id or its name
    (names are looked up in the Default domain unless a domain is given).

    Example:
        >>> from stackdouble.fakes import FakeCloud, FakeClock
        >>> cloud = FakeCloud(seed=1)
        >>> identity = cloud.identity
        >>> _ = identity.create_project("team")
        >>> _ = identity.create_user("alice", password="pw")
        >>> identity.grant_role("member", "alice", project="team")
        >>> token = identity.issue_token("alice", project="team")
        >>> identity.token_context(token).roles
        ('member', 'reader')
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self._cloud = cloud
        self.domains: dict[str, Domain] = {}
        self.projects: dict[str, Project] = {}
        self.users: dict[str, User] = {}
        self.roles: dict[str, Role] = {}
        self.implied_roles: dict[str, list[str]] = {}
        self.groups: dict[str, Group] = {}
        # Group membership, both ways.
        self.group_members: dict[str, set[str]] = {}
        self.user_groups: dict[str, set[str]] = {}
        #: (actor kind "user"/"group", actor id, scope "project"/"domain"/"system",
        #: target id, role id), in grant order.
        self.assignments: dict[Assignment, None] = {}
        # Indexes, kept by the methods below: assignments by actor id, and names.
        self._assignments_by_actor: dict[str, list[Assignment]] = {}
        self._project_names: dict[tuple[str, str], str] = {}
        self._user_names: dict[tuple[str, str], str] = {}
        self.regions: dict[str, Region] = {}
        self.services: dict[str, CatalogService] = {}
        self.endpoints: dict[str, Endpoint] = {}
        self.application_credentials: dict[str, ApplicationCredential] = {}
        self.tokens: dict[str, Token] = {}
        self.tokens_issued = 0
        self._project_ids = _SortedIds()
        self._user_ids = _SortedIds()
        self._group_ids = _SortedIds()
        self._domain_ids = _SortedIds()
        # Contexts by token id, valid while no role, grant, user or project changes
        # (each such change bumps the stamp).
        self._stamp = 0
        self._contexts: dict[str, tuple[int, TokenContext]] = {}

    # -- lookups ----------------------------------------------------------------------------

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

    def find_domain(self, ref: str | Domain) -> Domain:
        """A domain by id or name (or the `Domain` itself).

        Raises:
            LookupError: No such domain.
        """
        return self._find(self.domains, Domain, "domain", ref)

    def find_project(self, ref: str | Project, domain: str | Domain | None = None) -> Project:
        """A project by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such project.
        """
        return self._find(self.projects, Project, "project", ref, domain)

    def find_user(self, ref: str | User, domain: str | Domain | None = None) -> User:
        """A user by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such user.
        """
        return self._find(self.users, User, "user", ref, domain)

    def find_role(self, ref: str | Role) -> Role:
        """A role by id or name.

        Raises:
            LookupError: No such role.
        """
        return self._find(self.roles, Role, "role", ref)

    def find_service(self, ref: str | CatalogService) -> CatalogService:
        """A catalog service by id, name or type.

        Raises:
            LookupError: No such service.
        """
        if isinstance(ref, CatalogService):
            return ref
        if ref in self.services:
            return self.services[ref]
        for attr in ("name", "type"):
            for service in self.services.values():
                if getattr(service, attr) == ref:
                    return service
        raise LookupError(f"no service {ref!r}; have "
                          f"{sorted(s.name for s in self.services.values())}")

    def user_by_name(self, name: str, domain_id: str) -> User | None:
        """The user called `name` in a domain, or None."""
        user = self.users.get(self._user_names.get((domain_id, name), ""))
        return user if user is not None and user.name == name else None

    def project_by_name(self, name: str, domain_id: str) -> Project | None:
        """The project called `name` in a domain, or None."""
        project = self.projects.get(self._project_names.get((domain_id, name), ""))
        return project if project is not None and project.name == name else None

    def domain_by_name(self, name: str) -> Domain | None:
        """The domain called `name`, or None."""
        for domain in self.domains.values():
            if domain.name == name:
                return domain
        return None

    # -- creating things --------------------------------------------------------------------

    @_locked
    def create_domain(self, name: str, *, enabled: bool = True, description: str = "",
                      domain_id: str | None = None, tags: Sequence[str] = ()) -> Domain:
        """Add a domain.

        Raises:
            Conflict: A domain of that name (or id) exists (also a ValueError).
        """
        if self.domain_by_name(name) is not None or (domain_id and domain_id in self.domains):
            raise Conflict("project", "it is not permitted to have two projects acting as "
                           f"domains with the same name: {name}")
        domain = Domain(id=domain_id or self._ids.hex32(), name=name, enabled=enabled,
                        description=description, tags=list(tags))
        self.domains[domain.id] = domain
        self._domain_ids.add(domain.id)
        return domain

    @_locked
    def create_project(
        self,
        name: str,
        *,
        domain_id: str = DEFAULT_DOMAIN_ID,
        description: str = "",
        enabled: bool = True,
        parent_id: str | None = None,
        tags: Sequence[str] = (),
        extra: dict[str, Any] | None = None,
    ) -> Project:
        """Add a project (its parent defaults to its domain, as Keystone's).

        Raises:
            Conflict: A project of that name already exists in the domain (also a
                ValueError).
        """
        domain = self.find_domain(domain_id)
        new_id = self._ids.hex32()
        if self.project_by_name(name, domain.id) is not None:
            raise Conflict("project", _project_conflict(name, new_id))
        project = Project(id=new_id, name=name, domain_id=domain.id,
                          enabled=enabled, description=description,
                          parent_id=parent_id or domain.id, tags=list(dict.fromkeys(tags)),
                          extra=dict(extra or {}))
        self.projects[project.id] = project
        self._project_ids.add(project.id)
        self._project_names[(domain.id, name)] = project.id
        return project

    @_locked
    def create_user(
        self,
        name: str,
        password: str | None = None,
        api_key: str | None = None,
        domain_id: str = DEFAULT_DOMAIN_ID,
        default_project_id: str | None = None,
        enabled: bool = True,
        *,
        email: str | None = None,
        description: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> User:
        """Add a user.

        Args:
            name: Unique within its domain.
            password: For password auth (v3 and v2.0); None disables it.
            api_key: For Rackspace's `RAX-KSKEY:apiKeyCredentials` auth on v2.0.
            domain_id: The user's domain (id or name).
            default_project_id: Where an unscoped v3 request is scoped (id or name).
            enabled: Disabled users cannot authenticate.

        Raises:
            Conflict: A user of that name already exists in the domain (also a ValueError).
        """
        domain = self.find_domain(domain_id)
        if self.user_by_name(name, domain.id) is not None:
            raise Conflict("user", f"Duplicate entry found with name {name} at domain ID "
                           f"{domain.id}")
        project_id = default_project_id
        if default_project_id and default_project_id not in self.projects:
            project_id = self.find_project(default_project_id).id
        user = User(id=self._ids.hex32(), name=name, domain_id=domain.id, enabled=enabled,
                    password=password, api_key=api_key, default_project_id=project_id,
                    email=email, description=description, extra=dict(extra or {}))
        self.users[user.id] = user
        self._user_ids.add(user.id)
        self._user_names[(domain.id, name)] = user.id
        return user

    @_locked
    def create_role(self, name: str, *, domain_id: str | None = None,
                    description: str | None = None, immutable: bool = False) -> Role:
        """Add a role (global, or specific to a domain).

        Raises:
            Conflict: A role of that name exists in the same domain, or globally (also a
                ValueError).
        """
        if any(r.name == name and r.domain_id == domain_id for r in self.roles.values()):
            raise Conflict("role", f"Duplicate entry found with name {name}")
        self._stamp += 1
        role = Role(id=self._ids.hex32(), name=name, domain_id=domain_id,
                    description=description, immutable=immutable)
        self.roles[role.id] = role
        return role

    @_locked
    def add_implied_role(self, prior: str | Role, implied: str | Role) -> None:
        """Make role `prior` imply role `implied` (tokens then list both)."""
        self._stamp += 1
        prior_id, implied_id = self.find_role(prior).id, self.find_role(implied).id
        implied_list = self.implied_roles.setdefault(prior_id, [])
        if implied_id not in implied_list:
            implied_list.append(implied_id)

    @_locked
    def grant_role(
        self,
        role: str | Role,
        user: str | User | None = None,
        project: str | Project | None = None,
        domain: str | Domain | None = None,
        *,
        system: bool = False,
        group: str | Group | None = None,
    ) -> None:
        """Give `user` (or `group`) role `role` on a project, a domain, or the system.

        Granting twice is harmless, as in Keystone.

        Raises:
            ValueError: Not exactly one actor, or not exactly one target, was given.
            LookupError: An unknown role, user, group, project or domain.
        """
        entry = self._assignment(role, user, group, project, domain, system)
        self._stamp += 1
        if entry not in self.assignments:
            self.assignments[entry] = None
            self._assignments_by_actor.setdefault(entry[1], []).append(entry)

    @_locked
    def revoke_role(
        self,
        role: str | Role,
        user: str | User | None = None,
        project: str | Project | None = None,
        domain: str | Domain | None = None,
        *,
        system: bool = False,
        group: str | Group | None = None,
    ) -> bool:
        """Take a role assignment away; returns whether there was one.

        Tokens lose the role at their next validation.
        """
        entry = self._assignment(role, user, group, project, domain, system)
        return self._drop_assignment(entry)

    def _drop_assignment(self, entry: Assignment) -> bool:
        self._stamp += 1
        if entry not in self.assignments:
            return False
        del self.assignments[entry]
        mine = self._assignments_by_actor.get(entry[1], [])
        mine.remove(entry)
        if not mine:
            self._assignments_by_actor.pop(entry[1], None)
        return True

    def _assignment(self, role: str | Role, user: str | User | None,
                    group: str | Group | None, project: str | Project | None,
                    domain: str | Domain | None, system: bool) -> Assignment:
        if (user is None) == (group is None):
            raise ValueError("give exactly one of user or group")
        target = self._target(project, domain, system)
        if user is not None:
            actor = ("user", self.find_user(user).id)
        else:
            assert group is not None
            actor = ("group", self.find_group(group).id)
        return (actor[0], actor[1], target[0], target[1], self.find_role(role).id)

    def _target(self, project: str | Project | None, domain: str | Domain | None,
                system: bool) -> tuple[str, str]:
        if sum((project is not None, domain is not None, bool(system))) != 1:
            raise ValueError("give exactly one of project, domain or system=True")
        if project is not None:
            return ("project", self.find_project(project).id)
        if domain is not None:
            return ("domain", self.find_domain(domain).id)
        return ("system", "all")

    @_locked
    def create_application_credential(
        self,
        user: str | User,
        name: str,
        secret: str | None = None,
        roles: Sequence[str] | None = None,
        expires_at: datetime | None = None,
        *,
        project: str | Project | None = None,
        unrestricted: bool | None = False,
    ) -> tuple[str, str]:
        """Add an application credential and return `(id, secret)`.

        Args:
            user: Its owner.
            name: Unique per user.
            secret: None generates one.
            roles: Role names or ids; None takes the user's direct roles on the project.
            expires_at: None never expires.
            project: The project it is scoped to; None takes the user's default project, or
                the only project the user has a role on.

        Raises:
            ValueError: The name is taken, the project is ambiguous, or the user lacks a role.
        """
        owner = self.find_user(user)
        if any(c.user_id == owner.id and c.name == name
               for c in self.application_credentials.values()):
            raise Conflict("application_credential", f"Duplicate entry found with name {name}")
        if project is not None:
            project_id = self.find_project(project).id
        elif owner.default_project_id:
            project_id = owner.default_project_id
        else:
            candidates = {p.id for p in self.projects_for_user(owner.id)}
            if len(candidates) != 1:
                raise ValueError("give project=: the user has roles on "
                                 f"{len(candidates)} projects")
            project_id = candidates.pop()
        direct = self.direct_role_ids(owner.id, "project", project_id)
        if roles is None:
            role_ids = tuple(direct)
        else:
            role_ids = tuple(self.find_role(r).id for r in roles)
            effective = self.effective_role_ids(owner.id, "project", project_id)
            missing = [self.roles[r].name for r in role_ids if r not in effective]
            if missing:
                raise ValueError(f"user {owner.name!r} lacks roles {missing} on the project")
        if not role_ids:
            raise ValueError(f"user {owner.name!r} has no role on the project")
        if expires_at is not None and expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=timezone.utc)
        cred = ApplicationCredential(
            id=self._ids.hex32(), name=name, user_id=owner.id, project_id=project_id,
            secret=secret if secret is not None else self._ids.secret(),
            role_ids=role_ids, expires_at=expires_at, unrestricted=unrestricted,
        )
        self.application_credentials[cred.id] = cred
        return cred.id, cred.secret

    @_locked
    def add_region(self, region_id: str, description: str = "") -> Region:
        """Add a catalog region (or return the existing one of that id)."""
        if region_id in self.regions:
            return self.regions[region_id]
        region = Region(id=region_id, description=description)
        self.regions[region.id] = region
        return region

    @_locked
    def add_service(self, type: str, name: str, enabled: bool = True,
                    description: str | None = None) -> CatalogService:
        """Add a service to the catalog (endpoints come with `add_endpoint`)."""
        service = CatalogService(id=self._ids.hex32(), type=type, name=name, enabled=enabled,
                                 description=description)
        self.services[service.id] = service
        return service

    @_locked
    def add_endpoint(self, service: str | CatalogService, interface: str, url: str,
                     region: str = "RegionOne", *, enabled: bool = True) -> Endpoint:
        """Add an endpoint; `url` may hold `$(project_id)s`, filled in per token.

        Raises:
            ValueError: `interface` is not public, internal or admin.
        """
        if interface not in INTERFACES:
            raise ValueError(f"interface must be one of {INTERFACES}, not {interface!r}")
        if region not in self.regions:
            self.add_region(region)
        endpoint = Endpoint(id=self._ids.hex32(), service_id=self.find_service(service).id,
                            interface=interface, url=url, region_id=region, enabled=enabled)
        self.endpoints[endpoint.id] = endpoint
        return endpoint

    @_locked
    def rebase(self, old_base: str, new_base: str) -> None:
        """Point endpoints under `old_base` at `new_base` (the cloud moved, e.g. served)."""
        for endpoint in self.endpoints.values():
            if endpoint.url == old_base or endpoint.url.startswith(old_base + "/"):
                endpoint.url = new_base + endpoint.url[len(old_base):]

    # -- enabling and disabling -------------------------------------------------------------

    @_locked
    def disable_user(self, user: str | User) -> None:
        """Disable a user and revoke its tokens (Keystone keeps them revoked if re-enabled)."""
        self._stamp += 1
        found = self.find_user(user)
        found.enabled = False
        for token in self.tokens.values():
            if token.user_id == found.id:
                token.revoked = True

    @_locked
    def enable_user(self, user: str | User) -> None:
        """Enable a user again (its old tokens stay revoked)."""
        self._stamp += 1
        self.find_user(user).enabled = True

    @_locked
    def disable_project(self, project: str | Project) -> None:
        """Disable a project and revoke the tokens scoped to it."""
        self._stamp += 1
        found = self.find_project(project)
        found.enabled = False
        for token in self.tokens.values():
            if token.project_id == found.id:
                token.revoked = True

    @_locked
    def enable_project(self, project: str | Project) -> None:
        """Enable a project again."""
        self._stamp += 1
        self.find_project(project).enabled = True

    # -- roles --------------------------------------------------------------------------------

    def direct_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]:
        """The roles assigned to a user (or group) on a target, in assignment order."""
        return [r for (_, _, k, t, r) in self._assignments_by_actor.get(user_id, ())
                if k == kind and t == target_id]

    def user_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]:
        """The roles a user holds on a target directly or through its groups."""
        out = self.direct_role_ids(user_id, kind, target_id)
        for group_id in sorted(self.user_groups.get(user_id, ())):
            for role_id in self.direct_role_ids(group_id, kind, target_id):
                if role_id not in out:
                    out.append(role_id)
        return out

    def expand_implied(self, role_ids: Iterable[str]) -> list[str]:
        """Roles plus every role they imply, breadth first, without repeats."""
        out: list[str] = []
        queue = list(role_ids)
        while queue:
            role_id = queue.pop(0)
            if role_id in out or role_id not in self.roles:
                continue
            out.append(role_id)
            queue.extend(self.implied_roles.get(role_id, ()))
        return out

    def effective_role_ids(self, user_id: str, kind: str, target_id: str) -> list[str]:
        """Roles on a target (the user's and its groups') plus the roles they imply."""
        return self.expand_implied(self.user_role_ids(user_id, kind, target_id))

    def token_role_ids(self, token: Token) -> list[str]:
        """The roles a token carries now."""
        if token.app_cred_id:
            cred = self.application_credentials.get(token.app_cred_id)
            return self.expand_implied(cred.role_ids) if cred else []
        if token.project_id:
            return self.effective_role_ids(token.user_id, "project", token.project_id)
        if token.domain_id:
            return self.effective_role_ids(token.user_id, "domain", token.domain_id)
        if token.system:
            return self.effective_role_ids(token.user_id, "system", "all")
        return []

    def _targets_for_user(self, user_id: str, kind: str) -> set[str]:
        actors = [user_id, *self.user_groups.get(user_id, ())]
        return {t for actor in actors for (_, _, k, t, _) in
                self._assignments_by_actor.get(actor, ()) if k == kind}

    def projects_for_user(self, user_id: str) -> list[Project]:
        """Projects the user has a role on (directly or through a group), sorted by id."""
        ids = self._targets_for_user(user_id, "project")
        return [self.projects[p] for p in sorted(ids) if p in self.projects]

    def domains_for_user(self, user_id: str) -> list[Domain]:
        """Domains the user has a role on (directly or through a group), sorted by id."""
        ids = self._targets_for_user(user_id, "domain")
        return [self.domains[d] for d in sorted(ids) if d in self.domains]

    # -- tokens -------------------------------------------------------------------------------

    def mint(
        self,
        user_id: str,
        methods: Sequence[str],
        *,
        project_id: str | None = None,
        domain_id: str | None = None,
        system: bool = False,
        app_cred_id: str | None = None,
        expires_at: datetime | None = None,
        parent_audit_id: str | None = None,
    ) -> Token:
        """Issue a token after the caller has authenticated the user.

        Raises:
            Unauthorized: The user has no role on the requested scope.
        """
        if project_id and not app_cred_id and not self.effective_role_ids(
                user_id, "project", project_id):
            raise Unauthorized()
        if domain_id and not self.effective_role_ids(user_id, "domain", domain_id):
            raise Unauthorized()
        if system and not self.effective_role_ids(user_id, "system", "all"):
            raise Unauthorized()
        now = self._now().replace(microsecond=0)
        if expires_at is None:
            expires_at = now + timedelta(seconds=self._cloud.token_ttl)
        audit_ids = (self._ids.audit_id(),) + ((parent_audit_id,) if parent_audit_id else ())
        token = Token(
            id=self._ids.fernet_token(now.timestamp()), user_id=user_id,
            methods=tuple(dict.fromkeys(methods)), issued_at=now, expires_at=expires_at,
            audit_ids=audit_ids, project_id=project_id, domain_id=domain_id, system=system,
            app_cred_id=app_cred_id,
        )
        self.tokens[token.id] = token
        self.tokens_issued += 1
        return token

    def validate_token(self, token_id: str | None) -> Token:
        """The token behind `token_id` if it is valid now, with Keystone's failure messages.

        Raises:
            TokenNotFound: Missing, unknown, expired or revoked; or its user, project or
                application credential is gone or disabled.
        """
        if not token_id:
            raise TokenNotFound("No token in the request")
        token = self.tokens.get(token_id)
        if token is None:
            raise TokenNotFound("Could not recognize Fernet token")
        if self._now() >= token.expires_at or token.revoked:
            raise TokenNotFound("Failed to validate token")
        user = self.users.get(token.user_id)
        if user is None or not user.enabled:
            raise TokenNotFound(token_id=token_id)
        user_domain = self.domains.get(user.domain_id)
        if user_domain is None or not user_domain.enabled:
            raise TokenNotFound("Failed to validate token")
        if token.project_id:
            project = self.projects.get(token.project_id)
            if project is None or not project.enabled:
                raise TokenNotFound("Failed to validate token")
            project_domain = self.domains.get(project.domain_id)
            if project_domain is None or not project_domain.enabled:
                raise TokenNotFound("Failed to validate token")
        if token.domain_id:
            domain = self.domains.get(token.domain_id)
            if domain is None or not domain.enabled:
                raise TokenNotFound("Failed to validate token")
        if token.app_cred_id:
            cred = self.application_credentials.get(token.app_cred_id)
            if cred is None:
                # Keystone looks the credential up while validating: its NotFound shows.
                raise TokenNotFound(
                    f"Could not find Application Credential: {token.app_cred_id}.")
            if cred.expires_at is not None and self._now() >= cred.expires_at:
                raise TokenNotFound("Failed to validate token")
        return token

    def context(self, token: Token) -> TokenContext:
        """The `TokenContext` of a valid token (cached until identity state changes)."""
        cached = self._contexts.get(token.id)
        if (cached is not None and cached[0] == self._stamp
                and cached[1].expires_at == token.expires_at):
            return cached[1]
        context = self._build_context(token)
        if len(self._contexts) > 10_000:
            self._contexts.clear()
        self._contexts[token.id] = (self._stamp, context)
        return context

    def _build_context(self, token: Token) -> TokenContext:
        user = self.users[token.user_id]
        user_domain = self.domains[user.domain_id]
        project = self.projects.get(token.project_id) if token.project_id else None
        project_domain = self.domains.get(project.domain_id) if project else None
        domain = self.domains.get(token.domain_id) if token.domain_id else None
        role_ids = tuple(self.token_role_ids(token))
        if not role_ids and token.scope != "unscoped":
            # Keystone: "User <id> has no access to project <id>" (the token is refused).
            raise TokenNotFound("Failed to validate token")
        return TokenContext(
            token_id=token.id,
            user_id=user.id, user_name=user.name,
            user_domain_id=user_domain.id, user_domain_name=user_domain.name,
            project_id=project.id if project else None,
            project_name=project.name if project else None,
            project_domain_id=project_domain.id if project_domain else None,
            project_domain_name=project_domain.name if project_domain else None,
            domain_id=domain.id if domain else None,
            domain_name=domain.name if domain else None,
            system=token.system,
            roles=tuple(self.roles[r].name for r in role_ids),
            role_ids=role_ids,
            methods=token.methods,
            issued_at=token.issued_at, expires_at=token.expires_at,
            audit_ids=token.audit_ids, app_cred_id=token.app_cred_id,
        )

    def validate_auth_token(self, token_id: str | None) -> TokenContext | None:
        """The token middleware: a `TokenContext` for a valid token, else None."""
        try:
            return self.context(self.validate_token(token_id))
        except TokenNotFound:
            return None

    @_locked
    def token_context(self, token_id: str) -> TokenContext:
        """The context of a valid token (for tests).

        Raises:
            LookupError: The token is not valid now.
        """
        context = self.validate_auth_token(token_id)
        if context is None:
            raise LookupError("token is unknown, expired or revoked")
        return context

    @_locked
    def issue_token(
        self,
        user: str | User,
        project: str | Project | None = None,
        *,
        domain: str | Domain | None = None,
        system: bool = False,
        methods: Sequence[str] = ("password",),
    ) -> str:
        """Issue a token for `user` without a request (for tests); returns the token id.

        Counts in `tokens_issued` like any other token.

        Raises:
            LookupError: Unknown user, project or domain.
            ValueError: The user has no role on the scope.
        """
        found = self.find_user(user)
        try:
            token = self.mint(
                found.id, methods,
                project_id=self.find_project(project).id if project else None,
                domain_id=self.find_domain(domain).id if domain else None,
                system=system,
            )
        except Unauthorized:
            raise ValueError(f"user {found.name!r} has no role on that scope") from None
        return token.id

    @_locked
    def token_body(self, token_id: str) -> dict[str, Any]:
        """The `{"token": {...}}` body Keystone answers for a valid token, catalog included
        (for tests that install a token without authenticating over HTTP).

        Raises:
            NotFound: The token is unknown, expired or revoked.
        """
        from stackdouble.fakes.identity import views

        token = self.validate_token(token_id)
        return views.token_v3(self, token, self.context(token), include_catalog=True)

    @_locked
    def expire_token(self, token_id: str) -> None:
        """Make a token expire now (its next use gets 401 / 404 as Keystone answers).

        Raises:
            LookupError: Unknown token.
        """
        token = self.tokens.get(token_id)
        if token is None:
            raise LookupError("unknown token")
        token.expires_at = min(token.expires_at, self._now())

    @_locked
    def revoke_token(self, token_id: str) -> None:
        """Revoke a token, as `DELETE /v3/auth/tokens` does.

        Raises:
            LookupError: Unknown token.
        """
        token = self.tokens.get(token_id)
        if token is None:
            raise LookupError("unknown token")
        token.revoked = True

    @_locked
    def expire_all_tokens(self) -> int:
        """Expire every token; returns how many were still valid."""
        now = self._now()
        count = 0
        for token in self.tokens.values():
            if token.expires_at > now and not token.revoked:
                count += 1
            token.expires_at = min(token.expires_at, now)
        return count

    # -- lookups with Keystone's 404s (the REST API's) ---------------------------------------

    def find_group(self, ref: str | Group, domain: str | Domain | None = None) -> Group:
        """A group by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such group.
        """
        return self._find(self.groups, Group, "group", ref, domain)

    def _get(self, table: dict[str, Any], noun: str, item_id: str) -> Any:
        found = table.get(item_id)
        if found is None:
            raise NotFound(f"Could not find {noun}: {item_id}.")
        return found

    def get_domain(self, domain_id: str) -> Domain:
        """A domain by id. Raises: NotFound "Could not find domain: <id>."."""
        return cast(Domain, self._get(self.domains, "domain", domain_id))

    def get_group(self, group_id: str) -> Group:
        """A group by id. Raises: NotFound "Could not find group: <id>."."""
        return cast(Group, self._get(self.groups, "group", group_id))

    def get_role(self, role_id: str) -> Role:
        """A role by id. Raises: NotFound "Could not find role: <id>."."""
        return cast(Role, self._get(self.roles, "role", role_id))

    def get_region(self, region_id: str) -> Region:
        """A region by id. Raises: NotFound "Could not find region: <id>."."""
        return cast(Region, self._get(self.regions, "region", region_id))

    def get_service(self, service_id: str) -> CatalogService:
        """A service by id. Raises: NotFound "Could not find service: <id>."."""
        return cast(CatalogService, self._get(self.services, "service", service_id))

    def get_endpoint(self, endpoint_id: str) -> Endpoint:
        """An endpoint by id. Raises: NotFound "Could not find endpoint: <id>."."""
        return cast(Endpoint, self._get(self.endpoints, "endpoint", endpoint_id))

    def get_application_credential(self, cred_id: str) -> ApplicationCredential:
        """An application credential by id.

        Raises:
            NotFound: "Could not find Application Credential: <id>."
        """
        return cast(ApplicationCredential,
                    self._get(self.application_credentials, "Application Credential", cred_id))

    # -- tokens follow the state --------------------------------------------------------------

    def _revoke_tokens(self, *, user_id: str | None = None, project_id: str | None = None,
                       domain_id: str | None = None) -> None:
        """Revoke the tokens of a user, or scoped to a project or domain."""
        self._stamp += 1
        for token in self.tokens.values():
            if ((user_id is not None and token.user_id == user_id)
                    or (project_id is not None and token.project_id == project_id)
                    or (domain_id is not None and token.domain_id == domain_id)):
                token.revoked = True

    # -- domains --------------------------------------------------------------------------

    @_locked
    def update_domain(self, domain_id: str, *, name: str | None = None,
                      description: str | None = None, enabled: bool | None = None,
                      tags: Sequence[str] | None = None) -> Domain:
        """Change a domain; disabling it invalidates the tokens of its users and projects.

        Raises:
            NotFound: No such domain.
            Conflict: Another domain has that name.
        """
        domain = self.get_domain(domain_id)
        if name is not None and name != domain.name:
            other = self.domain_by_name(name)
            if other is not None and other.id != domain.id:
                raise Conflict("project", "it is not permitted to have two projects acting as "
                               f"domains with the same name: {name}")
            domain.name = name
        if description is not None:
            domain.description = description
        if tags is not None:
            domain.tags = list(tags)
        if enabled is not None:
            domain.enabled = enabled
            self._stamp += 1
        return domain

    @_locked
    def delete_domain(self, domain_id: str) -> None:
        """Delete a disabled domain with its projects, users, groups and domain roles.

        Raises:
            NotFound: No such domain.
            Forbidden: The domain is enabled (disable it first, as Keystone asks).
        """
        domain = self.get_domain(domain_id)
        if domain.enabled:
            raise Forbidden("Cannot delete a domain that is enabled, please disable it first.")
        children: dict[str, list[str]] = {}
        for project in self.projects.values():
            if project.domain_id == domain_id:
                children.setdefault(project.parent_id or "", []).append(project.id)

        def leaves_first(parent: str) -> Iterator[str]:
            for child in children.get(parent, ()):
                yield from leaves_first(child)
                yield child

        for project_id in list(leaves_first(domain_id)):
            self._remove_project(project_id)
        for user in [u for u in self.users.values() if u.domain_id == domain_id]:
            self._remove_user(user.id)
        for group in [g for g in self.groups.values() if g.domain_id == domain_id]:
            self._remove_group(group.id)
        for role in [r for r in self.roles.values() if r.domain_id == domain_id]:
            self._remove_role(role.id)
        for entry in [a for a in self.assignments if a[2] == "domain" and a[3] == domain_id]:
            self._drop_assignment(entry)
        self._revoke_tokens(domain_id=domain_id)
        del self.domains[domain_id]
        self._domain_ids.discard(domain_id)

    # -- projects -------------------------------------------------------------------------

    @_locked
    def update_project(self, project_id: str, *, name: str | None = None,
                       description: str | None = None, enabled: bool | None = None,
                       tags: Sequence[str] | None = None,
                       extra: dict[str, Any] | None = None) -> Project:
        """Change a project; disabling it revokes the tokens scoped to it.

        Raises:
            NotFound: No such project.
            Conflict: Another project of the domain has that name.
        """
        project = self.get_project(project_id)
        if name is not None and name != project.name:
            other = self.project_by_name(name, project.domain_id)
            if other is not None and other.id != project.id:
                raise Conflict("project", _project_conflict(name, project.id))
            del self._project_names[(project.domain_id, project.name)]
            project.name = name
            self._project_names[(project.domain_id, name)] = project.id
        if description is not None:
            project.description = description
        if tags is not None:
            project.tags = list(dict.fromkeys(tags))
        if extra:
            project.extra.update(extra)
        if enabled is not None and enabled != project.enabled:
            project.enabled = enabled
            if not enabled:
                self._revoke_tokens(project_id=project.id)
            self._stamp += 1
        return project

    @_locked
    def delete_project(self, project_id: str) -> None:
        """Delete a leaf project, its role assignments and application credentials, and
        revoke the tokens scoped to it.

        Raises:
            NotFound: No such project.
            Forbidden: The project has children.
        """
        project = self.get_project(project_id)
        if any(p.parent_id == project.id for p in self.projects.values()):
            raise Forbidden(f"Cannot delete the project {project.id} since it is not a leaf in "
                            "the hierarchy. Use the cascade option if you want to delete a "
                            "whole subtree.")
        self._remove_project(project.id)

    def _remove_project(self, project_id: str) -> None:
        project = self.projects.pop(project_id)
        self._project_ids.discard(project_id)
        self._project_names.pop((project.domain_id, project.name), None)
        for entry in [a for a in self.assignments if a[2] == "project" and a[3] == project_id]:
            self._drop_assignment(entry)
        for cred in [c for c in self.application_credentials.values()
                     if c.project_id == project_id]:
            del self.application_credentials[cred.id]
        for user in self.users.values():
            if user.default_project_id == project_id:
                user.default_project_id = None
        self._revoke_tokens(project_id=project_id)

    @_locked
    def add_project_tag(self, project_id: str, tag: str) -> None:
        """Add one tag (a repeat is ignored)."""
        project = self.get_project(project_id)
        if tag not in project.tags:
            project.tags.append(tag)

    @_locked
    def remove_project_tag(self, project_id: str, tag: str) -> None:
        """Remove one tag.

        Raises:
            NotFound: "Could not find project tag: <tag>."
        """
        project = self.get_project(project_id)
        if tag not in project.tags:
            raise NotFound(f"Could not find project tag: {tag}.")
        project.tags.remove(tag)

    # -- users ----------------------------------------------------------------------------

    @_locked
    def update_user(self, user_id: str, *, name: str | None = None,
                    enabled: bool | None = None, password: str | None = None,
                    default_project_id: str | object | None = ...,
                    email: str | object | None = ..., description: str | object | None = ...,
                    extra: dict[str, Any] | None = None) -> User:
        """Change a user. A new password or disabling revokes the user's tokens, as in
        Keystone.

        Raises:
            NotFound: No such user.
            Conflict: Another user of the domain has that name.
        """
        user = self.get_user(user_id)
        if name is not None and name != user.name:
            other = self.user_by_name(name, user.domain_id)
            if other is not None and other.id != user.id:
                raise Conflict("user", f"Duplicate entry found with name {name} at domain ID "
                               f"{user.domain_id}")
            del self._user_names[(user.domain_id, user.name)]
            user.name = name
            self._user_names[(user.domain_id, name)] = user.id
        if default_project_id is not ...:
            user.default_project_id = cast("str | None", default_project_id)
        if email is not ...:
            user.email = cast("str | None", email)
        if description is not ...:
            user.description = cast("str | None", description)
        if extra:
            user.extra.update(extra)
        if password is not None:
            user.password = password
            self._revoke_tokens(user_id=user.id)
        if enabled is not None and enabled != user.enabled:
            user.enabled = enabled
            if not enabled:
                self._revoke_tokens(user_id=user.id)
            self._stamp += 1
        return user

    @_locked
    def change_password(self, user_id: str, original_password: Any, password: str) -> None:
        """A user's own password change: checks the original, then revokes every token of
        the user, as Keystone does.

        Raises:
            Unauthorized: Unknown user, or the original password is wrong.
        """
        user = self.users.get(user_id)
        if user is None or not check_secret(user.password, original_password):
            raise Unauthorized()
        user.password = password
        self._revoke_tokens(user_id=user.id)

    @_locked
    def delete_user(self, user_id: str) -> None:
        """Delete a user with its assignments, memberships, application credentials and
        tokens.

        Raises:
            NotFound: No such user.
        """
        self.get_user(user_id)
        self._remove_user(user_id)

    def _remove_user(self, user_id: str) -> None:
        user = self.users.pop(user_id)
        self._user_ids.discard(user_id)
        self._user_names.pop((user.domain_id, user.name), None)
        for entry in list(self._assignments_by_actor.get(user_id, ())):
            self._drop_assignment(entry)
        for group_id in self.user_groups.pop(user_id, set()):
            self.group_members.get(group_id, set()).discard(user_id)
        for cred in [c for c in self.application_credentials.values() if c.user_id == user_id]:
            del self.application_credentials[cred.id]
        self._revoke_tokens(user_id=user_id)

    # -- groups ---------------------------------------------------------------------------

    @_locked
    def create_group(self, name: str, *, domain_id: str = DEFAULT_DOMAIN_ID,
                     description: str | None = None) -> Group:
        """Add a group.

        Raises:
            Conflict: A group of that name exists in the domain (also a ValueError).
            LookupError: Unknown domain.
        """
        domain = self.find_domain(domain_id)
        if any(g.name == name and g.domain_id == domain.id for g in self.groups.values()):
            raise Conflict("group", f"Duplicate entry found with name {name} at domain ID "
                           f"{domain.id}")
        group = Group(id=self._ids.hex32(), name=name, domain_id=domain.id,
                      description=description)
        self.groups[group.id] = group
        self._group_ids.add(group.id)
        self.group_members[group.id] = set()
        return group

    @_locked
    def update_group(self, group_id: str, *, name: str | None = None,
                     description: str | object | None = ...) -> Group:
        """Rename or describe a group.

        Raises:
            NotFound: No such group.
            Conflict: Another group of the domain has that name.
        """
        group = self.get_group(group_id)
        if name is not None and name != group.name:
            if any(g.name == name and g.domain_id == group.domain_id and g.id != group.id
                   for g in self.groups.values()):
                raise Conflict("group", f"Duplicate entry found with name {name} at domain ID "
                               f"{group.domain_id}")
            group.name = name
        if description is not ...:
            group.description = cast("str | None", description)
        return group

    @_locked
    def delete_group(self, group_id: str) -> None:
        """Delete a group and its role assignments (its members lose those roles).

        Raises:
            NotFound: No such group.
        """
        self.get_group(group_id)
        self._remove_group(group_id)

    def _remove_group(self, group_id: str) -> None:
        del self.groups[group_id]
        self._group_ids.discard(group_id)
        for entry in list(self._assignments_by_actor.get(group_id, ())):
            self._drop_assignment(entry)
        for user_id in self.group_members.pop(group_id, set()):
            self.user_groups.get(user_id, set()).discard(group_id)
        self._stamp += 1

    @_locked
    def add_user_to_group(self, user: str | User, group: str | Group) -> None:
        """Make a user a member of a group (again is harmless)."""
        user_id, group_id = self.find_user(user).id, self.find_group(group).id
        self.group_members.setdefault(group_id, set()).add(user_id)
        self.user_groups.setdefault(user_id, set()).add(group_id)
        self._stamp += 1

    @_locked
    def remove_user_from_group(self, user_id: str, group_id: str) -> None:
        """Take a user out of a group.

        Raises:
            NotFound: "User '<user>' not found in group '<group>'".
        """
        if user_id not in self.group_members.get(group_id, ()):
            raise NotFound(f"User '{user_id}' not found in group '{group_id}'")
        self.group_members[group_id].discard(user_id)
        self.user_groups.get(user_id, set()).discard(group_id)
        self._stamp += 1

    def is_member(self, user_id: str, group_id: str) -> bool:
        """Whether a user is in a group."""
        return user_id in self.group_members.get(group_id, ())

    # -- roles ----------------------------------------------------------------------------

    @_locked
    def update_role(self, role_id: str, *, name: str | None = None,
                    description: str | object | None = ...) -> Role:
        """Rename or describe a role.

        Raises:
            NotFound: No such role.
            Conflict: Another role (in the same domain, or global) has that name.
        """
        role = self.get_role(role_id)
        if role.immutable:
            raise Forbidden(f"Unable to update immutable role resource: `{role_id}. Set "
                            'resource option "immutable" to false first.')
        if name is not None and name != role.name:
            if any(r.name == name and r.domain_id == role.domain_id and r.id != role.id
                   for r in self.roles.values()):
                raise Conflict("role", f"Duplicate entry found with name {name}")
            role.name = name
        if description is not ...:
            role.description = cast("str | None", description)
        self._stamp += 1
        return role

    @_locked
    def delete_role(self, role_id: str) -> None:
        """Delete a role with its assignments, inference rules and the application
        credentials that hold it.

        Raises:
            NotFound: No such role.
            Forbidden: The role is immutable (bootstrap's roles are).
        """
        if self.get_role(role_id).immutable:
            raise Forbidden(f"Unable to delete immutable role resource: `{role_id}. Set "
                            'resource option "immutable" to false first.')
        self._remove_role(role_id)

    def _remove_role(self, role_id: str) -> None:
        del self.roles[role_id]
        for entry in [a for a in self.assignments if a[4] == role_id]:
            self._drop_assignment(entry)
        self.implied_roles.pop(role_id, None)
        for implied in self.implied_roles.values():
            if role_id in implied:
                implied.remove(role_id)
        for cred in [c for c in self.application_credentials.values() if role_id in c.role_ids]:
            del self.application_credentials[cred.id]
        self._stamp += 1

    @_locked
    def remove_implied_role(self, prior_id: str, implied_id: str) -> None:
        """Drop an inference rule.

        Raises:
            NotFound: "<prior> does not imply <implied>."
        """
        implied = self.implied_roles.get(prior_id, [])
        if implied_id not in implied:
            raise NotFound(f"{prior_id} does not imply {implied_id}.")
        implied.remove(implied_id)
        if not implied:
            del self.implied_roles[prior_id]
        self._stamp += 1

    # -- role assignments -------------------------------------------------------------------

    def role_assignments(
        self,
        *,
        user_id: str | None = None,
        group_id: str | None = None,
        role_id: str | None = None,
        project_id: str | None = None,
        domain_id: str | None = None,
        system: bool = False,
        effective: bool = False,
        subtree: bool = False,
    ) -> list[dict[str, Any]]:
        """Role assignments as Keystone's assignment manager lists them.

        Each is a dict with `user_id` or `group_id`, `project_id`/`domain_id`/`system`,
        `role_id`, and in effective mode an `indirect` dict naming the group or prior role
        it came through. Effective mode expands groups into their members and implied roles
        (and leaves system assignments out), then filters by role, as Keystone does.
        """
        project_ids: set[str] | None = None
        if project_id is not None:
            project_ids = {project_id}
            if subtree:
                project_ids |= self._subtree(project_id)

        def scope_ok(kind: str, target: str) -> bool:
            if project_ids is not None:
                return kind == "project" and target in project_ids
            if domain_id is not None:
                return kind == "domain" and target == domain_id
            if system:
                return kind == "system"
            return True

        if not effective:
            out = []
            # Keystone's SQL answers in primary-key order: (type, actor, target, role), type
            # being GroupDomain < GroupProject < UserDomain < UserProject; system last.
            for (actor_kind, actor, kind, target, role) in sorted(
                    self.assignments, key=lambda a: (a[2] == "system", a[0].capitalize()
                                                     + a[2].capitalize(), a[1], a[3], a[4])):
                if user_id is not None and (actor_kind, actor) != ("user", user_id):
                    continue
                if group_id is not None and (actor_kind, actor) != ("group", group_id):
                    continue
                if role_id is not None and role != role_id:
                    continue
                if scope_ok(kind, target):
                    out.append(_assignment_ref(actor_kind, actor, kind, target, role))
            return out
        if group_id is not None:
            return []
        refs: list[dict[str, Any]] = []
        for (actor_kind, actor, kind, target, role) in self.assignments:
            if kind == "system" or not scope_ok(kind, target):
                continue
            if actor_kind == "user":
                if user_id is None or actor == user_id:
                    refs.append(_assignment_ref("user", actor, kind, target, role))
                continue
            for member in sorted(self.group_members.get(actor, ())):
                if user_id is None or member == user_id:
                    ref = _assignment_ref("user", member, kind, target, role)
                    ref["indirect"] = {"group_id": actor}
                    refs.append(ref)
        refs = self._add_implied(refs)
        refs = [r for r in refs if self.roles.get(r["role_id"]) is not None
                and self.roles[r["role_id"]].domain_id is None]
        if role_id is not None:
            refs = [r for r in refs if r["role_id"] == role_id]
        return refs

    def _add_implied(self, refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Keystone's `add_implied_roles`: one more ref per implied role, its prior role in
        `indirect.role_id`."""
        results = list(refs)
        to_check = list(refs)
        checked: list[dict[str, Any]] = []
        while to_check:
            ref = to_check.pop()
            checked.append(ref)
            for implied in self.implied_roles.get(ref["role_id"], ()):
                copy = {**ref, "role_id": implied,
                        "indirect": {**ref.get("indirect", {}), "role_id": ref["role_id"]}}
                if copy in checked:
                    continue
                results.append(copy)
                to_check.append(copy)
        return results

    def _subtree(self, project_id: str) -> set[str]:
        out: set[str] = set()
        frontier = [project_id]
        while frontier:
            parent = frontier.pop()
            for project in self.projects.values():
                if project.parent_id == parent and project.id not in out:
                    out.add(project.id)
                    frontier.append(project.id)
        return out

    # -- application credentials ------------------------------------------------------------

    @_locked
    def delete_application_credential(self, cred_id: str) -> None:
        """Delete an application credential; the tokens it issued stop validating.

        Raises:
            NotFound: "Could not find Application Credential: <id>."
        """
        self.get_application_credential(cred_id)
        del self.application_credentials[cred_id]
        self._stamp += 1

    # -- catalog ----------------------------------------------------------------------------

    @_locked
    def create_region(self, region_id: str | None = None, *, description: str = "",
                      parent_region_id: str | None = None,
                      extra: dict[str, Any] | None = None) -> Region:
        """Add a region (a generated id when None), under a parent region if given.

        Raises:
            Conflict: The id is taken.
            NotFound: Unknown parent region.
        """
        if region_id is not None and region_id in self.regions:
            # Keystone's own text, doubled full stop included ("Duplicate ID, <id>.").
            raise Conflict("region", f"Duplicate ID, {region_id}.")
        if parent_region_id is not None:
            self.get_region(parent_region_id)
        region = Region(id=region_id or self._ids.hex32(), description=description,
                        parent_region_id=parent_region_id, extra=dict(extra or {}))
        self.regions[region.id] = region
        return region

    @_locked
    def update_region(self, region_id: str, *, description: str | None = None,
                      parent_region_id: str | object | None = ...) -> Region:
        """Change a region's description or parent.

        Raises:
            NotFound: No such region, or no such parent.
            ValidationError: The parent would make a cycle.
        """
        region = self.get_region(region_id)
        if parent_region_id is not ... and parent_region_id is not None:
            parent = cast(str, parent_region_id)
            self.get_region(parent)
            walk: str | None = parent
            while walk is not None:
                if walk == region_id:
                    raise ValidationError(message=(
                        f"The specified parent region {parent} would create a circular "
                        "region hierarchy."))
                walk = self.regions[walk].parent_region_id
        if parent_region_id is not ...:
            region.parent_region_id = cast("str | None", parent_region_id)
        if description is not None:
            region.description = description
        return region

    @_locked
    def delete_region(self, region_id: str) -> None:
        """Delete a region and its child regions.

        Raises:
            NotFound: No such region.
            Forbidden: It or a child region still has endpoints.
        """
        self.get_region(region_id)
        family = {region_id}
        changed = True
        while changed:
            changed = False
            for region in self.regions.values():
                if region.parent_region_id in family and region.id not in family:
                    family.add(region.id)
                    changed = True
        if any(e.region_id in family for e in self.endpoints.values()):
            raise Forbidden(f"Unable to delete region {region_id} because it or its child "
                            "regions have associated endpoints.")
        for member in family:
            del self.regions[member]

    @_locked
    def update_service(self, service_id: str, *, type: str | None = None,
                       name: str | None = None, enabled: bool | None = None,
                       description: str | None = None) -> CatalogService:
        """Change a catalog service (new tokens show the change)."""
        service = self.get_service(service_id)
        _set_given(service, type=type, name=name, enabled=enabled, description=description)
        return service

    @_locked
    def delete_service(self, service_id: str) -> None:
        """Delete a service and its endpoints."""
        self.get_service(service_id)
        del self.services[service_id]
        for endpoint in [e for e in self.endpoints.values() if e.service_id == service_id]:
            del self.endpoints[endpoint.id]

    @_locked
    def update_endpoint(self, endpoint_id: str, *, interface: str | None = None,
                        url: str | None = None, region_id: str | None = None,
                        service_id: str | None = None,
                        enabled: bool | None = None) -> Endpoint:
        """Change an endpoint (new tokens show the change)."""
        endpoint = self.get_endpoint(endpoint_id)
        _set_given(endpoint, interface=interface, url=url, region_id=region_id,
                   service_id=service_id, enabled=enabled)
        return endpoint

    @_locked
    def delete_endpoint(self, endpoint_id: str) -> None:
        """Delete an endpoint."""
        self.get_endpoint(endpoint_id)
        del self.endpoints[endpoint_id]

    # -- listing -----------------------------------------------------------------------------

    def list_projects(
        self,
        *,
        marker: str | None = None,
        limit: int | None = None,
        filters: dict[str, Any] | None = None,
    ) -> list[Project]:
        """Projects sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a project id (Keystone's MarkerNotFound).
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.projects:
            raise MarkerNotFound(marker)
        return _page((self.projects[i] for i in self._project_ids.after(marker)),
                     limit, filters or {})

    def list_users(
        self,
        *,
        marker: str | None = None,
        limit: int | None = None,
        filters: dict[str, Any] | None = None,
    ) -> list[User]:
        """Users sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a user id.
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.users:
            raise MarkerNotFound(marker)
        return _page((self.users[i] for i in self._user_ids.after(marker)), limit, filters or {})

    def list_groups(self, *, marker: str | None = None, limit: int | None = None,
                    filters: dict[str, Any] | None = None) -> list[Group]:
        """Groups sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a group id.
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.groups:
            raise MarkerNotFound(marker)
        return _page((self.groups[i] for i in self._group_ids.after(marker)), limit,
                     filters or {})

    def list_domains(self, *, marker: str | None = None, limit: int | None = None,
                     filters: dict[str, Any] | None = None) -> list[Domain]:
        """Domains sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a domain id.
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.domains:
            raise MarkerNotFound(marker)
        return _page((self.domains[i] for i in self._domain_ids.after(marker)), limit,
                     filters or {})

    def get_project(self, project_id: str) -> Project:
        """A project by id.

        Raises:
            NotFound: "Could not find project: <id>."
        """
        project = self.projects.get(project_id)
        if project is None:
            raise NotFound(f"Could not find project: {project_id}.")
        return project

    def get_user(self, user_id: str) -> User:
        """A user by id.

        Raises:
            NotFound: "Could not find user: <id>."
        """
        user = self.users.get(user_id)
        if user is None:
            raise NotFound(f"Could not find user: {user_id}.")
        return user

    # -- state -----------------------------------------------------------------------------

    @_locked
    def dump(self) -> dict[str, Any]:
        """JSON-able state: no passwords, keys, secrets or token ids."""
        def role_name(role_id: str) -> str:
            return self.roles[role_id].name if role_id in self.roles else role_id

        return {
            "domains": [vars_of(d) for d in self.domains.values()],
            "projects": [vars_of(p) for p in self.projects.values()],
            "users": [
                {**vars_of(u, skip=("password", "api_key")),
                 "has_password": u.password is not None, "has_api_key": u.api_key is not None}
                for u in self.users.values()
            ],
            "roles": [vars_of(r) for r in self.roles.values()],
            "implied_roles": {role_name(k): [role_name(v) for v in vs]
                              for k, vs in self.implied_roles.items()},
            "groups": [{**vars_of(g), "users": sorted(self.group_members.get(g.id, ()))}
                       for g in self.groups.values()],
            "role_assignments": [
                {f"{a}_id": actor, "scope": k, "target_id": t, "role": role_name(r)}
                for (a, actor, k, t, r) in self.assignments
            ],
            "regions": [vars_of(r) for r in self.regions.values()],
            "services": [vars_of(s) for s in self.services.values()],
            "endpoints": [vars_of(e) for e in self.endpoints.values()],
            "application_credentials": [
                {**vars_of(c, skip=("secret",)),
                 "expires_at": format_iso(c.expires_at) if c.expires_at else None}
                for c in self.application_credentials.values()
            ],
            "tokens": [
                {"id": "***", "audit_ids": list(t.audit_ids), "user_id": t.user_id,
                 "scope": t.scope, "project_id": t.project_id, "domain_id": t.domain_id,
                 "issued_at": format_iso(t.issued_at), "expires_at": format_iso(t.expires_at),
                 "revoked": t.revoked, "methods": list(t.methods)}
                for t in self.tokens.values()
            ],
            "tokens_issued": self.tokens_issued,
        }


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


def _assignment_ref(actor_kind: str, actor: str, kind: str, target: str,
                    role: str) -> dict[str, Any]:
    ref: dict[str, Any] = {f"{actor_kind}_id": actor}
    if kind == "system":
        ref["system"] = {"all": True}
    else:
        ref[f"{kind}_id"] = target
    ref["role_id"] = role
    return ref


def _project_conflict(name: str, project_id: str) -> str:
    return ("it is not permitted to have two projects with either the same name or same id "
            f"in the same domain: name is {name}, project id {project_id}")


def check_secret(expected: str | None, given: Any) -> bool:
    """Constant-time comparison; a missing or non-string secret never matches."""
    if expected is None or not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def format_expires(when: datetime) -> str:
    """Keystone's `expires_at` text."""
    return format_iso(when)


def load_defaults(model: IdentityModel, base_url: str, regions: Sequence[str]) -> None:
    """Fill an empty model with `data/default.json`: the Default domain, the admin, demo and
    service projects, the bootstrap roles (admin implies manager implies member implies
    reader), the admin and demo users and the catalog, in every region."""
    from stackdouble.fakes.data import load_json

    data = load_json("stackdouble.fakes.identity", "default.json")
    for domain in data["domains"]:
        model.create_domain(domain["name"], description=domain.get("description", ""),
                            domain_id=domain["id"])
    for name in data["roles"]:
        model.create_role(name, immutable=True)  # keystone-manage bootstrap's roles
    for prior, implied in data["implied_roles"]:
        model.add_implied_role(prior, implied)
    for project in data["projects"]:
        model.create_project(project["name"], description=project.get("description", ""))
    for user in data["users"]:
        model.create_user(user["name"], password=user.get("password"),
                          api_key=user.get("api_key"))
    for grant in data["grants"]:
        model.grant_role(grant["role"], grant["user"], project=grant.get("project"),
                         domain=grant.get("domain"), system=bool(grant.get("system")))
    for region in regions:
        model.add_region(region)
    for entry in data["services"]:
        service = model.add_service(entry["type"], entry["name"])
        for region in regions:
            for interface in INTERFACES:
                model.add_endpoint(service.id, interface, base_url + entry["endpoints"][interface],
                                   region)
