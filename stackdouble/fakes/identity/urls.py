"""The fake Keystone's route table, relative to `{base}/identity`.

Every authenticated route names the policy rules (`policy.RULES`) its handler enforces, so a
route cannot be added without one: `PolicyRouter.add` refuses it when the cloud is built.
Every authenticated route also answers as Keystone's own auth middleware (keystonemiddleware
with `service_type = identity`): a token from an application credential with access rules
gets 401 for a request no rule of service `identity` allows (`access_rules_checked`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity.errors import Unauthorized
from stackdouble.fakes.identity.handlers import (
    _entities,
    domainconfig,
    domains,
    endpointgroups,
    endpoints,
    federation,
    groups,
    inherit,
    limits,
    oauth1,
    policies,
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

__all__ = ["PolicyRouter", "access_rules_checked", "build_router"]


def access_rules_checked(handler: Handler) -> Handler:
    """`handler` behind keystonemiddleware's `validate_allowed_request` for Keystone's own
    API: a token whose application credential has access rules may only make the requests
    a rule of service `identity` allows (the path is the request's, `/identity/v3/...`, as
    webob's `request.path` reads it under that mount); any other gets the middleware's 401.
    Validating a token (`GET /v3/auth/tokens`) is always allowed.
    """
    @functools.wraps(handler)
    def checked(req: FakeRequest) -> FakeResponse:
        token = req.token
        if token is not None and token.app_cred_id and not req.cloud.identity.request_allowed(
                token.app_cred_id, "identity", req.method, req.path):
            raise Unauthorized(versioned=False)
        return handler(req)

    return checked


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
        if needs_token:
            handler = access_rules_checked(handler)
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
    rules, rule = u + "/access_rules", u + "/access_rules/{access_rule_id}"
    r.add("GET", rules, app_creds.list_access_rules, rules=("identity:list_access_rules",))
    r.add("GET", rule, app_creds.get_access_rule, rules=("identity:get_access_rule",))
    r.add("DELETE", rule, app_creds.delete_access_rule, rules=("identity:delete_access_rule",))
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
    _domain_config(r)
    _policies(r)
    _trusts(r)
    _oauth1(r)
    _federation(r)
    _limits(r)
    _credentials(r)
    _ep_filter(r)
    _os_inherit(r)


def _domain_config(r: PolicyRouter) -> None:
    """Domain configuration (`keystone/api/domains.py`): a domain's, by group and option,
    and the defaults (HEAD answers as GET). `{group}` `security_compliance` is read under
    its own rule."""
    dc = domainconfig
    base = "/v3/domains/{item_id}/config"
    for template in (base, base + "/{group}", base + "/{group}/{option}"):
        r.add("GET", template, dc.get_domain_config, rules=(
            "identity:get_domain_config", "identity:get_security_compliance_domain_config"))
        r.add("PATCH", template, dc.update_domain_config,
              rules=("identity:update_domain_config",))
        r.add("DELETE", template, dc.delete_domain_config,
              rules=("identity:delete_domain_config",))
    r.add("PUT", base, dc.create_domain_config, rules=("identity:create_domain_config",))
    for template in ("/v3/domains/config/default", "/v3/domains/config/{group}/default",
                     "/v3/domains/config/{group}/{option}/default"):
        r.add("GET", template, dc.get_domain_config_default,
              rules=("identity:get_domain_config_default",))


def _policies(r: PolicyRouter) -> None:
    """The policy blobs (`keystone/api/policy.py`)."""
    one = "/v3/policies/{policy_id}"
    r.add("GET", "/v3/policies", policies.list_policies, rules=("identity:list_policies",))
    r.add("POST", "/v3/policies", policies.create_policy, rules=("identity:create_policy",))
    r.add("GET", one, policies.get_policy, rules=("identity:get_policy",))
    r.add("PATCH", one, policies.update_policy, rules=("identity:update_policy",))
    r.add("DELETE", one, policies.delete_policy, rules=("identity:delete_policy",))


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


def _federation(r: PolicyRouter) -> None:
    """OS-FEDERATION (`keystone/api/os_federation.py`): identity providers and their
    protocols, mappings, service providers; each created with `PUT` on its id."""
    f = federation
    base = "/v3/OS-FEDERATION"
    for plural, one, param, handlers in (
            ("identity_providers", "identity_provider", "idp_id",
             (f.list_identity_providers, f.create_identity_provider, f.get_identity_provider,
              f.update_identity_provider, f.delete_identity_provider)),
            ("mappings", "mapping", "mapping_id",
             (f.list_mappings, f.create_mapping, f.get_mapping, f.update_mapping,
              f.delete_mapping)),
            ("service_providers", "service_provider", "sp_id",
             (f.list_service_providers, f.create_service_provider, f.get_service_provider,
              f.update_service_provider, f.delete_service_provider))):
        listing, create, get, update, delete = handlers
        member = f"{base}/{plural}/{{{param}}}"
        r.add("GET", f"{base}/{plural}", listing, rules=(f"identity:list_{plural}",))
        r.add("PUT", member, create, rules=(f"identity:create_{one}",))
        r.add("GET", member, get, rules=(f"identity:get_{one}",))
        r.add("PATCH", member, update, rules=(f"identity:update_{one}",))
        r.add("DELETE", member, delete, rules=(f"identity:delete_{one}",))
    protocols = base + "/identity_providers/{idp_id}/protocols"
    protocol = protocols + "/{protocol_id}"
    r.add("GET", protocols, f.list_protocols, rules=("identity:list_protocols",))
    r.add("PUT", protocol, f.create_protocol, rules=("identity:create_protocol",))
    r.add("GET", protocol, f.get_protocol, rules=("identity:get_protocol",))
    r.add("PATCH", protocol, f.update_protocol, rules=("identity:update_protocol",))
    r.add("DELETE", protocol, f.delete_protocol, rules=("identity:delete_protocol",))
    # Federated login: public, as Keystone's `unenforced_api`.
    for method in ("GET", "POST"):
        r.add(method, protocol + "/auth", f.authenticate, auth=False)
    # The deprecated OS-FEDERATION aliases of /v3/auth/projects and /v3/auth/domains.
    r.add("GET", base + "/projects", f.list_federated_projects,
          rules=("identity:get_auth_projects",))
    r.add("GET", base + "/domains", f.list_federated_domains,
          rules=("identity:get_auth_domains",))


def _oauth1(r: PolicyRouter) -> None:
    """OS-OAUTH1 (`keystone/api/os_oauth1.py`, a user's access tokens in `users.py`)."""
    c, one = "/v3/OS-OAUTH1/consumers", "/v3/OS-OAUTH1/consumers/{consumer_id}"
    r.add("GET", c, oauth1.list_consumers, rules=("identity:list_consumers",))
    r.add("POST", c, oauth1.create_consumer, rules=("identity:create_consumer",))
    r.add("GET", one, oauth1.get_consumer, rules=("identity:get_consumer",))
    r.add("PATCH", one, oauth1.update_consumer, rules=("identity:update_consumer",))
    r.add("DELETE", one, oauth1.delete_consumer, rules=("identity:delete_consumer",))
    r.add("POST", "/v3/OS-OAUTH1/request_token", oauth1.create_request_token, auth=False)
    r.add("POST", "/v3/OS-OAUTH1/access_token", oauth1.create_access_token, auth=False)
    r.add("PUT", "/v3/OS-OAUTH1/authorize/{request_token_id}", oauth1.authorize_request_token,
          rules=("identity:authorize_request_token",))
    tokens_ = "/v3/users/{user_id}/OS-OAUTH1/access_tokens"
    token = tokens_ + "/{access_token_id}"
    r.add("GET", tokens_, oauth1.list_access_tokens, rules=("identity:list_access_tokens",))
    r.add("GET", token, oauth1.get_access_token, rules=("identity:get_access_token",))
    r.add("DELETE", token, oauth1.delete_access_token,
          rules=("identity:ec2_delete_credential",))
    r.add("GET", token + "/roles", oauth1.list_access_token_roles,
          rules=("identity:list_access_token_roles",))
    r.add("GET", token + "/roles/{role_id}", oauth1.get_access_token_role,
          rules=("identity:get_access_token_role",))


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
