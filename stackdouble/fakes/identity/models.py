"""Keystone's state and rules: domains, projects, users, roles, catalog, tokens.

No JSON here: handlers parse, this module decides, `views` renders. The rules are Keystone's:
tokens are validated on every use (expiry, revocation, the user and project still enabled),
roles are expanded through implied roles, and disabling a user or project revokes its tokens.
"""

from __future__ import annotations

import bisect
import functools
import hmac
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, TypeVar, cast

from stackdouble.fakes.clock import format_iso
from stackdouble.fakes.identity.errors import NotFound, TokenNotFound, Unauthorized

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "ApplicationCredential",
    "CatalogService",
    "Domain",
    "Endpoint",
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


@dataclass(slots=True, kw_only=True)
class Role:
    """A role; `domain_id` is set only for domain-specific roles."""

    id: str
    name: str
    domain_id: str | None = None
    description: str | None = None


@dataclass(slots=True, kw_only=True)
class Region:
    """A catalog region."""

    id: str
    description: str = ""
    parent_region_id: str | None = None


@dataclass(slots=True, kw_only=True)
class CatalogService:
    """A service in the catalog (`compute`/`nova`)."""

    id: str
    type: str
    name: str
    enabled: bool = True
    description: str = ""


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
    unrestricted: bool = False
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
        self.assignments: list[tuple[str, str, str, str]] = []
        # Indexes, kept by the methods below: assignments by user, and names.
        self._assignments_by_user: dict[str, list[tuple[str, str, str, str]]] = {}
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

    def find_domain(self, ref: str | Domain) -> Domain:
        """A domain by id or name (or the `Domain` itself).

        Raises:
            LookupError: No such domain.
        """
        if isinstance(ref, Domain):
            return ref
        if ref in self.domains:
            return self.domains[ref]
        for domain in self.domains.values():
            if domain.name == ref:
                return domain
        have = sorted(d.name for d in self.domains.values())
        raise LookupError(f"no domain {ref!r}; have {have}")

    def find_project(self, ref: str | Project, domain: str | Domain | None = None) -> Project:
        """A project by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such project.
        """
        if isinstance(ref, Project):
            return ref
        if ref in self.projects:
            return self.projects[ref]
        domain_id = self.find_domain(domain).id if domain else DEFAULT_DOMAIN_ID
        for project in self.projects.values():
            if project.name == ref and project.domain_id == domain_id:
                return project
        have = sorted(p.name for p in self.projects.values())
        raise LookupError(f"no project {ref!r}; have {have}")

    def find_user(self, ref: str | User, domain: str | Domain | None = None) -> User:
        """A user by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such user.
        """
        if isinstance(ref, User):
            return ref
        if ref in self.users:
            return self.users[ref]
        domain_id = self.find_domain(domain).id if domain else DEFAULT_DOMAIN_ID
        for user in self.users.values():
            if user.name == ref and user.domain_id == domain_id:
                return user
        raise LookupError(f"no user {ref!r}; have {sorted(u.name for u in self.users.values())}")

    def find_role(self, ref: str | Role) -> Role:
        """A role by id or name.

        Raises:
            LookupError: No such role.
        """
        if isinstance(ref, Role):
            return ref
        if ref in self.roles:
            return self.roles[ref]
        for role in self.roles.values():
            if role.name == ref:
                return role
        raise LookupError(f"no role {ref!r}; have {sorted(r.name for r in self.roles.values())}")

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
                      domain_id: str | None = None) -> Domain:
        """Add a domain."""
        domain = Domain(id=domain_id or self._ids.hex32(), name=name, enabled=enabled,
                        description=description)
        self.domains[domain.id] = domain
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
    ) -> Project:
        """Add a project (its parent defaults to its domain, as Keystone's).

        Raises:
            ValueError: A project of that name already exists in the domain.
        """
        domain = self.find_domain(domain_id)
        if self.project_by_name(name, domain.id) is not None:
            raise ValueError(f"project {name!r} already exists in domain {domain.name!r}")
        project = Project(id=self._ids.hex32(), name=name, domain_id=domain.id,
                          enabled=enabled, description=description,
                          parent_id=parent_id or domain.id, tags=list(tags))
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
            ValueError: A user of that name already exists in the domain.
        """
        domain = self.find_domain(domain_id)
        if self.user_by_name(name, domain.id) is not None:
            raise ValueError(f"user {name!r} already exists in domain {domain.name!r}")
        project_id = self.find_project(default_project_id).id if default_project_id else None
        user = User(id=self._ids.hex32(), name=name, domain_id=domain.id, enabled=enabled,
                    password=password, api_key=api_key, default_project_id=project_id,
                    email=email)
        self.users[user.id] = user
        self._user_ids.add(user.id)
        self._user_names[(domain.id, name)] = user.id
        return user

    @_locked
    def create_role(self, name: str, *, domain_id: str | None = None) -> Role:
        """Add a role."""
        self._stamp += 1
        role = Role(id=self._ids.hex32(), name=name, domain_id=domain_id)
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
        user: str | User,
        project: str | Project | None = None,
        domain: str | Domain | None = None,
        *,
        system: bool = False,
    ) -> None:
        """Give `user` role `role` on a project, a domain, or the system (exactly one).

        Raises:
            ValueError: Not exactly one target was given.
            LookupError: An unknown role, user, project or domain.
        """
        self._stamp += 1
        target = self._target(project, domain, system)
        entry = (self.find_user(user).id, target[0], target[1], self.find_role(role).id)
        mine = self._assignments_by_user.setdefault(entry[0], [])
        if entry not in mine:
            mine.append(entry)
            self.assignments.append(entry)

    @_locked
    def revoke_role(
        self,
        role: str | Role,
        user: str | User,
        project: str | Project | None = None,
        domain: str | Domain | None = None,
        *,
        system: bool = False,
    ) -> None:
        """Take a role assignment away (tokens lose the role at their next validation)."""
        self._stamp += 1
        target = self._target(project, domain, system)
        entry = (self.find_user(user).id, target[0], target[1], self.find_role(role).id)
        mine = self._assignments_by_user.get(entry[0], [])
        if entry in mine:
            mine.remove(entry)
            self.assignments.remove(entry)

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
        unrestricted: bool = False,
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
            raise ValueError(f"user {owner.name!r} already has an application credential {name!r}")
        if project is not None:
            project_id = self.find_project(project).id
        elif owner.default_project_id:
            project_id = owner.default_project_id
        else:
            candidates = {t for (_, kind, t, _) in self._assignments_by_user.get(owner.id, ())
                          if kind == "project"}
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
        """Add a catalog region."""
        region = Region(id=region_id, description=description)
        self.regions[region.id] = region
        return region

    @_locked
    def add_service(self, type: str, name: str, enabled: bool = True,
                    description: str = "") -> CatalogService:
        """Add a service to the catalog (endpoints come with `add_endpoint`)."""
        service = CatalogService(id=self._ids.hex32(), type=type, name=name, enabled=enabled,
                                 description=description)
        self.services[service.id] = service
        return service

    @_locked
    def add_endpoint(self, service: str | CatalogService, interface: str, url: str,
                     region: str = "RegionOne") -> Endpoint:
        """Add an endpoint; `url` may hold `$(project_id)s`, filled in per token.

        Raises:
            ValueError: `interface` is not public, internal or admin.
        """
        if interface not in INTERFACES:
            raise ValueError(f"interface must be one of {INTERFACES}, not {interface!r}")
        if region not in self.regions:
            self.add_region(region)
        endpoint = Endpoint(id=self._ids.hex32(), service_id=self.find_service(service).id,
                            interface=interface, url=url, region_id=region)
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
        """The roles assigned to a user on a target, in assignment order."""
        return [r for (_, k, t, r) in self._assignments_by_user.get(user_id, ())
                if k == kind and t == target_id]

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
        """Direct roles on a target plus the roles they imply."""
        return self.expand_implied(self.direct_role_ids(user_id, kind, target_id))

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

    def projects_for_user(self, user_id: str) -> list[Project]:
        """Projects the user has a role on, sorted by id."""
        ids = {t for (_, k, t, _) in self._assignments_by_user.get(user_id, ()) if k == "project"}
        return [self.projects[p] for p in sorted(ids) if p in self.projects]

    def domains_for_user(self, user_id: str) -> list[Domain]:
        """Domains the user has a role on, sorted by id."""
        ids = {t for (_, k, t, _) in self._assignments_by_user.get(user_id, ()) if k == "domain"}
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
        if token.project_id:
            project = self.projects.get(token.project_id)
            if project is None or not project.enabled:
                raise TokenNotFound("Failed to validate token")
        if token.app_cred_id:
            cred = self.application_credentials.get(token.app_cred_id)
            if cred is None or (cred.expires_at is not None and self._now() >= cred.expires_at):
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
            "role_assignments": [
                {"user_id": u, "scope": k, "target_id": t, "role": role_name(r)}
                for (u, k, t, r) in self.assignments
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
    import json
    from importlib import resources

    text = resources.files("stackdouble.fakes.identity").joinpath("data/default.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    for domain in data["domains"]:
        model.create_domain(domain["name"], description=domain.get("description", ""),
                            domain_id=domain["id"])
    for name in data["roles"]:
        model.create_role(name)
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
