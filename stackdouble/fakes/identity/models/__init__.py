"""Keystone's state and rules: domains, projects, users, roles, catalog, trusts, tokens.

No JSON here: handlers parse, these modules decide, `views` renders. The rules are Keystone's:
tokens are validated on every use (expiry, revocation, the user and project still enabled),
roles are expanded through implied roles, and disabling a user or project revokes its tokens.

One module per resource of the client (`client/openstack/identity/v3/<resource>/`), each a
mixin holding that resource's dataclasses and rules; `IdentityModel` composes them and sets up
their shared state in its one `__init__`.

Three lookups, one name each, for every resource that has them:

- `get_<resource>(id)`: what the API does with an id in a path; raises the fake's `NotFound`
  (Keystone's 404 envelope), for handlers.
- `<resource>_by_name(name[, domain_id])`: an exact name, as authentication and
  uniqueness checks look it up; None when absent.
- `find_<resource>(ref[, domain])`: the Python control API's convenience, taking an id, a
  name or the object itself; raises `LookupError`, for tests and `FakeCloud`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.models._common import (
    DEFAULT_DOMAIN_ID,
    Assignment,
    _SortedIds,
    check_secret,
    format_expires,
    vars_of,
)
from stackdouble.fakes.identity.models.applicationcredentials import (
    AccessRule,
    ApplicationCredential,
    ApplicationCredentialsMixin,
)
from stackdouble.fakes.identity.models.credentials import Credential, CredentialsMixin
from stackdouble.fakes.identity.models.domainconfig import DomainConfigMixin
from stackdouble.fakes.identity.models.domains import Domain, DomainsMixin
from stackdouble.fakes.identity.models.endpointgroups import EndpointGroup, EndpointGroupsMixin
from stackdouble.fakes.identity.models.endpoints import INTERFACES, Endpoint, EndpointsMixin
from stackdouble.fakes.identity.models.federatedauth import FederatedAuthMixin
from stackdouble.fakes.identity.models.federation import (
    FederationMixin,
    IdentityProvider,
    MappingRules,
    Protocol,
    ServiceProvider,
)
from stackdouble.fakes.identity.models.groups import Group, GroupsMixin
from stackdouble.fakes.identity.models.inherit import InheritMixin
from stackdouble.fakes.identity.models.limits import Limit, LimitsMixin, RegisteredLimit
from stackdouble.fakes.identity.models.oauth1 import (
    AccessToken,
    Consumer,
    OAuth1Mixin,
    RequestToken,
)
from stackdouble.fakes.identity.models.policies import PoliciesMixin, Policy
from stackdouble.fakes.identity.models.projects import Project, ProjectsMixin
from stackdouble.fakes.identity.models.regions import Region, RegionsMixin
from stackdouble.fakes.identity.models.roles import Role, RolesMixin
from stackdouble.fakes.identity.models.services import CatalogService, ServicesMixin
from stackdouble.fakes.identity.models.tokens import Token, TokenContext, TokensMixin
from stackdouble.fakes.identity.models.trusts import Trust, TrustsMixin
from stackdouble.fakes.identity.models.users import User, UsersMixin
from stackdouble.fakes.locking import locked
from stackdouble.fakes.timestamps import format_iso

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_DOMAIN_ID",
    "INTERFACES",
    "AccessRule",
    "AccessToken",
    "ApplicationCredential",
    "CatalogService",
    "Consumer",
    "Credential",
    "Domain",
    "Endpoint",
    "EndpointGroup",
    "Group",
    "IdentityModel",
    "IdentityProvider",
    "Limit",
    "MappingRules",
    "Policy",
    "Project",
    "Protocol",
    "Region",
    "RegisteredLimit",
    "RequestToken",
    "Role",
    "ServiceProvider",
    "Token",
    "TokenContext",
    "Trust",
    "User",
    "check_secret",
    "format_expires",
    "load_defaults",
    "vars_of",
]


class IdentityModel(
    DomainsMixin,
    DomainConfigMixin,
    ProjectsMixin,
    UsersMixin,
    GroupsMixin,
    RolesMixin,
    InheritMixin,
    ApplicationCredentialsMixin,
    RegionsMixin,
    ServicesMixin,
    EndpointsMixin,
    EndpointGroupsMixin,
    TrustsMixin,
    LimitsMixin,
    CredentialsMixin,
    PoliciesMixin,
    OAuth1Mixin,
    FederationMixin,
    FederatedAuthMixin,
    TokensMixin,
):
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
        #: Access rules by id (each a user's; the credentials hold their ids).
        self.access_rules: dict[str, AccessRule] = {}
        #: Domain configurations: domain id -> {(group, option): value}.
        self.domain_configs: dict[str, dict[tuple[str, str], Any]] = {}
        #: `/v3/policies` blobs by id.
        self.policies: dict[str, Policy] = {}
        self.trusts: dict[str, Trust] = {}
        #: OS-OAUTH1: consumers, and their request and access tokens.
        self.consumers: dict[str, Consumer] = {}
        self.request_tokens: dict[str, RequestToken] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        #: OS-FEDERATION: identity providers, their protocols by (idp id, protocol id),
        #: mappings and service providers.
        self.identity_providers: dict[str, IdentityProvider] = {}
        self.federation_protocols: dict[tuple[str, str], Protocol] = {}
        self.mappings: dict[str, MappingRules] = {}
        self.service_providers: dict[str, ServiceProvider] = {}
        #: Federated login: `[federation] assertion_prefix` and `remote_id_attribute`,
        #: shadow users by (idp, protocol, unique id), and the groups each shadow user is
        #: in through an identity provider's mapping, by (user id, idp id).
        self.federation_assertion_prefix = ""
        self.federation_remote_id_attribute: str | None = None
        self.federated_users: dict[tuple[str, str, str], str] = {}
        self.federated_memberships: dict[tuple[str, str], set[str]] = {}
        self.registered_limits: dict[str, RegisteredLimit] = {}
        self.limits: dict[str, Limit] = {}
        self.credentials: dict[str, Credential] = {}
        self.endpoint_groups: dict[str, EndpointGroup] = {}
        #: OS-EP-FILTER's associations: (endpoint id, project id) and (group id, project id).
        self.project_endpoints: dict[tuple[str, str], None] = {}
        self.project_endpoint_groups: dict[tuple[str, str], None] = {}
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

    @locked
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
            "access_rules": [vars_of(r) for r in self.access_rules.values()],
            "domain_configs": {d: self.domain_config(d) for d in self.domain_configs},
            "policies": [vars_of(p, skip=("blob",)) for p in self.policies.values()],
            "trusts": [
                {**vars_of(t, skip=("expires_at",)),
                 "expires_at": format_iso(t.expires_at) if t.expires_at else None}
                for t in self.trusts.values()
            ],
            "registered_limits": [vars_of(r) for r in self.registered_limits.values()],
            "limits": [vars_of(lim) for lim in self.limits.values()],
            "credentials": [vars_of(c, skip=("blob",)) for c in self.credentials.values()],
            "endpoint_groups": [vars_of(g) for g in self.endpoint_groups.values()],
            "identity_providers": [vars_of(i) for i in self.identity_providers.values()],
            "federation_protocols": [vars_of(p) for p in self.federation_protocols.values()],
            "mappings": [vars_of(m) for m in self.mappings.values()],
            "service_providers": [vars_of(sp) for sp in self.service_providers.values()],
            "oauth1_consumers": [vars_of(c, skip=("secret",)) for c in self.consumers.values()],
            "oauth1_access_tokens": [
                {**vars_of(t, skip=("secret", "expires_at")),
                 "expires_at": format_iso(t.expires_at) if t.expires_at else None}
                for t in self.access_tokens.values()
            ],
            "project_endpoints": [list(pair) for pair in self.project_endpoints],
            "project_endpoint_groups": [list(pair) for pair in self.project_endpoint_groups],
            "tokens": [
                {"id": "***", "audit_ids": list(t.audit_ids), "user_id": t.user_id,
                 "scope": t.scope, "project_id": t.project_id, "domain_id": t.domain_id,
                 "issued_at": format_iso(t.issued_at), "expires_at": format_iso(t.expires_at),
                 "revoked": t.revoked, "methods": list(t.methods), "trust_id": t.trust_id}
                for t in self.tokens.values()
            ],
            "tokens_issued": self.tokens_issued,
        }


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
        if region not in model.regions:
            model.create_region(region)
    for entry in data["services"]:
        service = model.add_service(entry["type"], entry["name"])
        for region in regions:
            for interface in INTERFACES:
                model.add_endpoint(service.id, interface, base_url + entry["endpoints"][interface],
                                   region)
