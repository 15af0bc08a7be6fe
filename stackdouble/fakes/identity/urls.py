"""The fake Keystone's route table, relative to `{base}/identity`.

Every authenticated route names the policy rules (`policy.RULES`) its handler enforces, so a
route cannot be added without one: `PolicyRouter.add` refuses it when the cloud is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stackdouble.fakes.identity.handlers import (
    _entities,
    domains,
    endpointgroups,
    endpoints,
    groups,
    inherit,
    limits,
    projects,
    regions,
    roles,
    services,
    tenants,
    tokens,
    trusts,
    users,
)
from stackdouble.fakes.identity.handlers import applicationcredentials as app_creds
from stackdouble.fakes.identity.handlers import credentials as creds_h
from stackdouble.fakes.identity.handlers import ec2tokens as ec2tokens_h
from stackdouble.fakes.identity.handlers import versions as discovery
from stackdouble.fakes.identity.policy import RULES
from stackdouble.fakes.routing import Handler, Router

__all__ = ["PolicyRouter", "build_router"]


class PolicyRouter(Router):
    """A Router whose every authenticated route names the policy rules its handler enforces.

    The rules come from `policy.RULES`, the one table of Keystone's defaults: a route
    registered without a rule, or naming a rule the table lacks, fails when the router is
    built (that is, when a cloud is made), not with a 500 when the route is first called.

    Example:
        >>> router = build_router(["v3"])
        >>> router.rules_for("PUT", "/v3/system/users/{user_id}/roles/{role_id}")
        ('identity:create_system_grant_for_user',)
    """

    __slots__ = ("_rules",)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rules: dict[tuple[str, str], tuple[str, ...]] = {}

    def add(self, method: str, template: str, handler: Handler, *, auth: bool | None = None,
            name: str | None = None, rules: Sequence[str] | None = None) -> None:
        """Register a route with the rules its handler may enforce (none only when
        `auth=False`: the route is public).

        Raises:
            ValueError: An authenticated route without rules, a public one with rules, or
                a rule `policy.RULES` does not define.
        """
        needs_token = self.default_auth if auth is None else auth
        named = tuple(rules or ())
        where = f"{method} {template}"
        if needs_token and not named:
            raise ValueError(f"{where} has no policy rule")
        if not needs_token and named:
            raise ValueError(f"{where} is public but names rules {named}")
        unknown = [rule for rule in named if rule not in RULES]
        if unknown:
            raise ValueError(f"{where} names rules without a default: {unknown}")
        super().add(method, template, handler, auth=auth, name=name)
        self._rules[(method.upper(), template)] = named

    def rules_for(self, method: str, template: str) -> tuple[str, ...]:
        """The rules a route's handler may enforce; () for a public route."""
        return self._rules[(method.upper(), template)]


def build_router(versions: Sequence[str]) -> PolicyRouter:
    """Routes for the enabled API versions (`"v3"`, `"v2.0"`); the rest answers 404.

    Keystone strips trailing slashes, so `/v3/` is `/v3`.

    Raises:
        ValueError: A route without a policy rule (see `PolicyRouter`).
    """
    r = PolicyRouter(strip_trailing_slash=True)
    r.add("GET", "/", discovery.get_versions, auth=False)
    if "v3" in versions:
        r.add("GET", "/v3", discovery.get_version_v3, auth=False)
        r.add("POST", "/v3/auth/tokens", tokens.issue_token_v3, auth=False)
        r.add("GET", "/v3/auth/tokens", tokens.validate_token_v3,
              rules=("identity:validate_token", "identity:check_token"))
        r.add("DELETE", "/v3/auth/tokens", tokens.revoke_token_v3, rules=("identity:revoke_token",))
        r.add("GET", "/v3/auth/catalog", tokens.auth_catalog, rules=("identity:get_auth_catalog",))
        r.add("GET", "/v3/auth/projects", tokens.auth_projects,
              rules=("identity:get_auth_projects",))
        r.add("GET", "/v3/auth/domains", tokens.auth_domains, rules=("identity:get_auth_domains",))
        r.add("GET", "/v3/auth/system", tokens.auth_system, rules=("identity:get_auth_system",))
        _v3_admin(r)
    if "v2.0" in versions:
        r.add("GET", "/v2.0", discovery.get_version_v2, auth=False)
        r.add("POST", "/v2.0/tokens", tokens.issue_token_v2, auth=False)
        r.add("GET", "/v2.0/tokens/{token_id}", tokens.check_token_v2,
              rules=("identity:v2_validate_token",))
        r.add("GET", "/v2.0/tenants", tenants.list_tenants_v2, rules=("identity:v2_list_tenants",))
    return r


def _v3_admin(r: PolicyRouter) -> None:
    """Projects, users, groups, domains, roles, grants, application credentials, catalog."""
    p = "/v3/projects/{project_id}"
    r.add("GET", "/v3/projects", projects.list_projects, rules=("identity:list_projects",))
    r.add("POST", "/v3/projects", projects.create_project, rules=("identity:create_project",))
    r.add("GET", p, projects.get_project, rules=("identity:get_project",))
    r.add("PATCH", p, projects.update_project, rules=("identity:update_project",))
    r.add("DELETE", p, projects.delete_project, rules=("identity:delete_project",))
    r.add("GET", p + "/tags", projects.list_project_tags, rules=("identity:list_project_tags",))
    r.add("PUT", p + "/tags", projects.update_project_tags, rules=("identity:update_project_tags",))
    r.add("DELETE", p + "/tags", projects.update_project_tags, name="delete_project_tags",
          rules=("identity:delete_project_tags",))
    for method, rule in (("GET", "get"), ("PUT", "create"), ("DELETE", "delete")):
        r.add(method, p + "/tags/{value}", projects.project_tag,
              rules=(f"identity:{rule}_project_tag",))
    u = "/v3/users/{user_id}"
    r.add("GET", "/v3/users", users.list_users, rules=("identity:list_users",))
    r.add("POST", "/v3/users", users.create_user, rules=("identity:create_user",))
    r.add("GET", u, users.get_user, rules=("identity:get_user",))
    r.add("PATCH", u, users.update_user, rules=("identity:update_user",))
    r.add("DELETE", u, users.delete_user, rules=("identity:delete_user",))
    # Keystone's self-service password change checks the original password, not a token.
    r.add("POST", u + "/password", users.change_password, auth=False)
    r.add("GET", u + "/projects", users.list_projects_for_user,
          rules=("identity:list_user_projects",))
    r.add("GET", u + "/groups", users.list_groups_for_user,
          rules=("identity:list_groups_for_user",))
    creds = u + "/application_credentials"
    r.add("GET", creds, app_creds.list_application_credentials,
          rules=("identity:list_application_credentials",))
    r.add("POST", creds, app_creds.create_application_credential,
          rules=("identity:create_application_credential",))
    r.add("GET", creds + "/{application_credential_id}", app_creds.get_application_credential,
          rules=("identity:get_application_credential",))
    r.add("DELETE", creds + "/{application_credential_id}", app_creds.delete_application_credential,
          rules=("identity:delete_application_credential",))
    g = "/v3/groups/{group_id}"
    r.add("GET", "/v3/groups", groups.list_groups, rules=("identity:list_groups",))
    r.add("POST", "/v3/groups", groups.create_group, rules=("identity:create_group",))
    r.add("GET", g, groups.get_group, rules=("identity:get_group",))
    r.add("PATCH", g, groups.update_group, rules=("identity:update_group",))
    r.add("DELETE", g, groups.delete_group, rules=("identity:delete_group",))
    r.add("GET", g + "/users", groups.list_users_in_group, rules=("identity:list_users_in_group",))
    r.add("GET", g + "/users/{user_id}", groups.check_user_in_group,
          rules=("identity:check_user_in_group",))
    r.add("PUT", g + "/users/{user_id}", groups.add_user_to_group,
          rules=("identity:add_user_to_group",))
    r.add("DELETE", g + "/users/{user_id}", groups.remove_user_from_group,
          rules=("identity:remove_user_from_group",))
    # Read-only catalog-like collections share one handler; their members are `{item_id}`.
    for collection, noun in (("services", "service"), ("endpoints", "endpoint"),
                             ("regions", "region"), ("roles", "role")):
        r.add("GET", f"/v3/{collection}", _entities.list_catalog_entities,
              name=f"list_{collection}", rules=(f"identity:list_{noun}s",))
        r.add("GET", f"/v3/{collection}/{{item_id}}", _entities.get_catalog_entity,
              name=f"get_{collection}", rules=(f"identity:get_{noun}",))
    for collection, noun, create, update, delete in (
            ("services", "service", services.create_service, services.update_service,
             services.delete_service),
            ("endpoints", "endpoint", endpoints.create_endpoint, endpoints.update_endpoint,
             endpoints.delete_endpoint),
            ("regions", "region", regions.create_region, regions.update_region,
             regions.delete_region)):
        r.add("POST", f"/v3/{collection}", create, rules=(f"identity:create_{noun}",))
        r.add("PATCH", f"/v3/{collection}/{{item_id}}", update,
              rules=(f"identity:update_{noun}",))
        r.add("DELETE", f"/v3/{collection}/{{item_id}}", delete,
              rules=(f"identity:delete_{noun}",))
    r.add("PUT", "/v3/regions/{item_id}", regions.put_region, rules=("identity:create_region",))
    # A role with a domain_id is a domain role, under rules of its own.
    r.add("POST", "/v3/roles", roles.create_role,
          rules=("identity:create_role", "identity:create_domain_role"))
    r.add("PATCH", "/v3/roles/{item_id}", roles.update_role,
          rules=("identity:update_role", "identity:update_domain_role"))
    r.add("DELETE", "/v3/roles/{item_id}", roles.delete_role,
          rules=("identity:delete_role", "identity:delete_domain_role"))
    r.add("GET", "/v3/domains", domains.list_domains, rules=("identity:list_domains",))
    r.add("POST", "/v3/domains", domains.create_domain, rules=("identity:create_domain",))
    r.add("GET", "/v3/domains/{item_id}", domains.get_domain, rules=("identity:get_domain",))
    r.add("PATCH", "/v3/domains/{item_id}", domains.update_domain,
          rules=("identity:update_domain",))
    r.add("DELETE", "/v3/domains/{item_id}", domains.delete_domain,
          rules=("identity:delete_domain",))
    implies = "/v3/roles/{item_id}/implies"
    r.add("GET", implies, roles.list_implied_roles, rules=("identity:list_implied_roles",))
    r.add("GET", implies + "/{implied_role_id}", roles.get_implied_role,
          rules=("identity:get_implied_role",))
    r.add("HEAD", implies + "/{implied_role_id}", roles.check_implied_role,
          rules=("identity:check_implied_role",))
    r.add("PUT", implies + "/{implied_role_id}", roles.create_implied_role,
          rules=("identity:create_implied_role",))
    r.add("DELETE", implies + "/{implied_role_id}", roles.delete_implied_role,
          rules=("identity:delete_implied_role",))
    r.add("GET", "/v3/role_inferences", roles.list_role_inferences,
          rules=("identity:list_role_inference_rules",))
    r.add("GET", "/v3/role_assignments", roles.list_role_assignments,
          rules=("identity:list_role_assignments", "identity:list_role_assignments_for_tree"))
    _grants(r, p)
    _trusts(r)
    _limits(r)
    _credentials(r)
    _ep_filter(r)
    _os_inherit(r)


def _os_inherit(r: PolicyRouter) -> None:
    """OS-INHERIT (`keystone/api/os_inherit.py`): inherited grants on a domain or project;
    only a domain's have a listing."""
    for scope in ("/v3/OS-INHERIT/domains/{domain_id}", "/v3/OS-INHERIT/projects/{project_id}"):
        for actor in ("users/{user_id}", "groups/{group_id}"):
            roles = f"{scope}/{actor}/roles"
            one = roles + "/{role_id}/inherited_to_projects"
            for method, verb in (("GET", "check"), ("PUT", "create"), ("DELETE", "revoke")):
                r.add(method, one, inherit.inherited_grant, rules=(f"identity:{verb}_grant",))
            if "domains" in scope:
                r.add("GET", roles + "/inherited_to_projects", inherit.list_inherited_grants,
                      rules=("identity:list_grants",))


def _trusts(r: PolicyRouter) -> None:
    """OS-TRUST (`keystone/api/trusts.py`); HEAD answers as GET, as Flask does."""
    t = "/v3/OS-TRUST/trusts"
    r.add("GET", t, trusts.list_trusts, rules=(
        "identity:list_trusts", "identity:list_trusts_for_trustor",
        "identity:list_trusts_for_trustee"))
    r.add("POST", t, trusts.create_trust, rules=("identity:create_trust",))
    r.add("GET", t + "/{trust_id}", trusts.get_trust, rules=("identity:get_trust",))
    r.add("DELETE", t + "/{trust_id}", trusts.delete_trust, rules=("identity:delete_trust",))
    r.add("GET", t + "/{trust_id}/roles", trusts.list_trust_roles,
          rules=("identity:list_roles_for_trust",))
    r.add("GET", t + "/{trust_id}/roles/{role_id}", trusts.get_trust_role,
          rules=("identity:get_role_for_trust",))


def _credentials(r: PolicyRouter) -> None:
    """Credentials, OS-EC2 and ec2tokens (`keystone/api/credentials.py`, `users.py`,
    `ec2tokens.py`)."""
    c, one = "/v3/credentials", "/v3/credentials/{credential_id}"
    r.add("GET", c, creds_h.list_credentials,
          rules=("identity:list_credentials", "identity:get_credential"))
    r.add("POST", c, creds_h.create_credential, rules=("identity:create_credential",))
    r.add("GET", one, creds_h.get_credential, rules=("identity:get_credential",))
    r.add("PATCH", one, creds_h.update_credential, rules=("identity:update_credential",))
    r.add("DELETE", one, creds_h.delete_credential, rules=("identity:delete_credential",))
    ec2 = "/v3/users/{user_id}/credentials/OS-EC2"
    ec2_one = ec2 + "/{credential_id}"
    r.add("GET", ec2, creds_h.list_ec2_credentials, rules=("identity:ec2_list_credentials",))
    r.add("POST", ec2, creds_h.create_ec2_credential, rules=("identity:ec2_create_credential",))
    r.add("GET", ec2_one, creds_h.get_ec2_credential, rules=("identity:ec2_get_credential",))
    r.add("DELETE", ec2_one, creds_h.delete_ec2_credential,
          rules=("identity:ec2_delete_credential",))
    r.add("POST", "/v3/ec2tokens", ec2tokens_h.ec2tokens, rules=("identity:ec2tokens_validate",))


def _limits(r: PolicyRouter) -> None:
    """Unified limits (`keystone/api/registered_limits.py`, `keystone/api/limits.py`)."""
    reg, one_reg = "/v3/registered_limits", "/v3/registered_limits/{registered_limit_id}"
    r.add("GET", reg, limits.list_registered_limits, rules=("identity:list_registered_limits",))
    r.add("POST", reg, limits.create_registered_limits,
          rules=("identity:create_registered_limits",))
    r.add("GET", one_reg, limits.get_registered_limit, rules=("identity:get_registered_limit",))
    r.add("PATCH", one_reg, limits.update_registered_limit,
          rules=("identity:update_registered_limit",))
    r.add("DELETE", one_reg, limits.delete_registered_limit,
          rules=("identity:delete_registered_limit",))
    lim, one = "/v3/limits", "/v3/limits/{limit_id}"
    r.add("GET", lim, limits.list_limits, rules=("identity:list_limits",))
    r.add("POST", lim, limits.create_limits, rules=("identity:create_limits",))
    r.add("GET", "/v3/limits/model", limits.get_limit_model, rules=("identity:get_limit_model",))
    r.add("GET", one, limits.get_limit, rules=("identity:get_limit",))
    r.add("PATCH", one, limits.update_limit, rules=("identity:update_limit",))
    r.add("DELETE", one, limits.delete_limit, rules=("identity:delete_limit",))


def _ep_filter(r: PolicyRouter) -> None:
    """OS-EP-FILTER (`keystone/api/os_ep_filter.py`): endpoint groups and project endpoints."""
    eg = endpointgroups
    base = "/v3/OS-EP-FILTER"
    groups, group = base + "/endpoint_groups", base + "/endpoint_groups/{endpoint_group_id}"
    r.add("GET", groups, eg.list_endpoint_groups, rules=("identity:list_endpoint_groups",))
    r.add("POST", groups, eg.create_endpoint_group, rules=("identity:create_endpoint_group",))
    r.add("GET", group, eg.get_endpoint_group, rules=("identity:get_endpoint_group",))
    r.add("PATCH", group, eg.update_endpoint_group, rules=("identity:update_endpoint_group",))
    r.add("DELETE", group, eg.delete_endpoint_group, rules=("identity:delete_endpoint_group",))
    r.add("GET", group + "/endpoints", eg.list_endpoints_for_endpoint_group,
          rules=("identity:list_endpoints_associated_with_endpoint_group",))
    r.add("GET", group + "/projects", eg.list_projects_for_endpoint_group,
          rules=("identity:list_projects_associated_with_endpoint_group",))
    in_project = group + "/projects/{project_id}"
    r.add("GET", in_project, eg.get_endpoint_group_in_project,
          rules=("identity:get_endpoint_group_in_project",))
    r.add("PUT", in_project, eg.add_endpoint_group_to_project,
          rules=("identity:add_endpoint_group_to_project",))
    r.add("DELETE", in_project, eg.remove_endpoint_group_from_project,
          rules=("identity:remove_endpoint_group_from_project",))
    project = base + "/projects/{project_id}"
    r.add("GET", project + "/endpoint_groups", eg.list_endpoint_groups_for_project,
          rules=("identity:list_endpoint_groups_for_project",))
    r.add("GET", project + "/endpoints", eg.list_endpoints_for_project,
          rules=("identity:list_endpoints_for_project",))
    one = project + "/endpoints/{endpoint_id}"
    r.add("GET", one, eg.check_endpoint_in_project, rules=("identity:check_endpoint_in_project",))
    r.add("PUT", one, eg.add_endpoint_to_project, rules=("identity:add_endpoint_to_project",))
    r.add("DELETE", one, eg.remove_endpoint_from_project,
          rules=("identity:remove_endpoint_from_project",))
    r.add("GET", base + "/endpoints/{endpoint_id}/projects", eg.list_projects_for_endpoint,
          rules=("identity:list_projects_for_endpoint",))


def _grants(r: PolicyRouter, project: str) -> None:
    """Role grants on a project, a domain or the system, to a user or a group
    (`keystone/common/policies/grant.py`: the system's have rules of their own)."""
    for scope in (project, "/v3/domains/{item_id}", "/v3/system"):
        for actor, kind in (("users/{user_id}", "user"), ("groups/{group_id}", "group")):
            base = f"{scope}/{actor}/roles"
            if scope == "/v3/system":
                noun = "system_grant_for_" + kind
                listing = f"identity:list_system_grants_for_{kind}"
            else:
                noun, listing = "grant", "identity:list_grants"
            r.add("GET", base, roles.list_grants, rules=(listing,))
            for method, verb in (("GET", "check"), ("PUT", "create"), ("DELETE", "revoke")):
                r.add(method, base + "/{role_id}", roles.grant, rules=(f"identity:{verb}_{noun}",))
