"""Keystone's default policies for the APIs the fake serves (`keystone/common/policies/`).

`admin_required` is `role:admin or is_admin:1`, so any token carrying the admin role passes
(a project admin lists every user, as in Keystone) where the action's `SCOPE_TYPES` take the
token's scope: the catalog, domains, roles and system grants take no domain-scoped token,
whatever its roles. Readers pass within their system or domain scope; domain managers
manage the projects, users and groups of their domain (and grant manager, member and
reader there); and owners may read their own user, their token's project and their own
tokens, and manage their own application credentials.

Targets are flat dicts with Keystone's dotted names: `{"project.id": ..., "project.domain_id":
...}`, `{"user.id": ..., "user.domain_id": ...}`, `{"user_id": <the URL's user>}`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from stackdouble.fakes.identity.errors import ForbiddenAction
from stackdouble.fakes.identity.models import TokenContext

__all__ = ["RULES", "SCOPE_TYPES", "Rule", "enforce", "policy_scope"]

#: A policy check: the caller's token and the target, to allow or not.
Rule = Callable[[TokenContext, dict[str, Any]], bool]


def _system_reader(token: TokenContext) -> bool:
    return token.system and token.has_role("reader")


def _domain_reader(token: TokenContext, domain_id: str | None) -> bool:
    return (token.domain_id is not None and token.domain_id == domain_id
            and token.has_role("reader"))


def _service_or_admin(token: TokenContext) -> bool:
    return token.is_admin or token.has_role("service")


def _admin_or_system_reader(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.is_admin or _system_reader(t)


def _admin(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.is_admin


def _domain_role(t: TokenContext, role: str, *domain_ids: Any) -> bool:
    """`role:<role> and domain_id:<each>`: a domain-scoped token on every given domain."""
    return (t.domain_id is not None and t.has_role(role)
            and all(d == t.domain_id for d in domain_ids))


def _project_user(t: TokenContext, target: dict[str, Any]) -> bool:
    return (t.is_admin or _system_reader(t)
            or _domain_role(t, "reader", target.get("project.domain_id"))
            or (t.project_id is not None and t.project_id == target.get("project.id")))


def _project_manager(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.is_admin or _domain_role(t, "manager", target.get("project.domain_id"))


def _user_reader_or_owner(t: TokenContext, target: dict[str, Any]) -> bool:
    return (t.is_admin or _system_reader(t)
            or _domain_role(t, "reader", target.get("user.domain_id"))
            or t.user_id == target.get("user.id"))


def _user_manager(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.is_admin or _domain_role(t, "manager", target.get("user.domain_id"))


def _group_reader(t: TokenContext, target: dict[str, Any]) -> bool:
    return (t.is_admin or _system_reader(t)
            or _domain_role(t, "reader", target.get("group.domain_id")))


def _group_manager(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.is_admin or _domain_role(t, "manager", target.get("group.domain_id"))


def _membership_reader(t: TokenContext, target: dict[str, Any]) -> bool:
    return (t.is_admin or _system_reader(t)
            or _domain_role(t, "reader", target.get("group.domain_id"),
                            target.get("user.domain_id")))


def _membership_manager(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.is_admin or _domain_role(t, "manager", target.get("group.domain_id"),
                                      target.get("user.domain_id"))


#: Roles a domain manager may hand out (`domain_managed_target_role`).
_MANAGED_ROLES = frozenset({"manager", "member", "reader"})


def _grant_domains(target: dict[str, Any]) -> list[Any]:
    actor = target.get("user.domain_id", target.get("group.domain_id"))
    scope = target.get("project.domain_id", target.get("domain.id"))
    return [actor, scope]


def _grant_reader(t: TokenContext, target: dict[str, Any]) -> bool:
    return (t.is_admin or _system_reader(t)
            or _domain_role(t, "reader", *_grant_domains(target)))


def _grant_manager(t: TokenContext, target: dict[str, Any]) -> bool:
    if t.is_admin:
        return True
    domains = _grant_domains(target)
    role_domain = target.get("role.domain_id")
    if _domain_role(t, "admin", *domains) and role_domain in (None, t.domain_id):
        return True
    return _domain_role(t, "manager", *domains) and target.get("role.name") in _MANAGED_ROLES


def _owner(t: TokenContext, target: dict[str, Any]) -> bool:
    return t.user_id == target.get("user_id")


def _cred_owner(t: TokenContext, target: dict[str, Any]) -> bool:
    """`user_id:%(target.credential.user_id)s`."""
    return t.user_id == target.get("credential.user_id")


def _trust_party(t: TokenContext, target: dict[str, Any]) -> bool:
    """Admin, a system reader, or the trust's trustor or trustee."""
    return (t.is_admin or _system_reader(t)
            or t.user_id in (target.get("trust.trustor_user_id"),
                             target.get("trust.trustee_user_id")))


_RULES: dict[str, Rule] = {
    "identity:list_projects": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_reader(t, target.get("domain_id"))),
    "identity:get_project": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_reader(t, target.get("domain_id"))
        or t.project_id == target.get("id")),
    "identity:list_users": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_reader(t, target.get("domain_id"))),
    "identity:get_user": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_reader(t, target.get("domain_id"))
        or t.user_id == target.get("id")),
    "identity:validate_token": lambda t, target: (
        _service_or_admin(t) or _system_reader(t) or t.user_id == target.get("user_id")),
    "identity:check_token": lambda t, target: (
        t.is_admin or _system_reader(t) or t.user_id == target.get("user_id")),
    "identity:revoke_token": lambda t, target: (
        t.is_admin or _system_reader(t) or t.user_id == target.get("user_id")),
    "identity:list_services": lambda t, target: t.is_admin or _system_reader(t),
    "identity:get_service": lambda t, target: t.is_admin or _system_reader(t),
    "identity:list_endpoints": lambda t, target: t.is_admin or _system_reader(t),
    "identity:get_endpoint": lambda t, target: t.is_admin or _system_reader(t),
    "identity:list_regions": lambda t, target: True,
    "identity:get_region": lambda t, target: True,
    "identity:list_domains": lambda t, target: t.is_admin or _system_reader(t),
    "identity:get_domain": lambda t, target: (
        t.is_admin or _system_reader(t) or t.domain_id == target.get("id")
        or t.project_domain_id == target.get("id")),
    "identity:list_roles": lambda t, target: (
        t.is_admin or _system_reader(t) or (t.domain_id is not None and t.has_role("reader"))),
    "identity:get_role": lambda t, target: (
        t.is_admin or _system_reader(t) or (t.domain_id is not None and t.has_role("reader"))),
    # -- the admin API (keystone/common/policies/*.py, the 2025+ defaults) -------------------
    "identity:create_project": _project_manager,
    "identity:update_project": _project_manager,
    "identity:delete_project": _project_manager,
    "identity:list_project_tags": _project_user,
    "identity:get_project_tag": _project_user,
    "identity:update_project_tags": _project_manager,
    "identity:create_project_tag": _project_manager,
    "identity:delete_project_tag": _project_manager,
    "identity:delete_project_tags": _project_manager,
    "identity:list_user_projects": _user_reader_or_owner,
    "identity:create_user": _user_manager,
    "identity:update_user": _user_manager,
    "identity:delete_user": _user_manager,
    "identity:list_groups_for_user": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_role(t, "reader", target.get("user.domain_id"))
        or t.user_id == target.get("user_id")),
    "identity:get_group": _group_reader,
    "identity:list_groups": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_role(t, "reader", target.get("domain_id"))),
    "identity:list_users_in_group": _group_reader,
    "identity:create_group": _group_manager,
    "identity:update_group": _group_manager,
    "identity:delete_group": _group_manager,
    "identity:check_user_in_group": _membership_reader,
    "identity:add_user_to_group": _membership_manager,
    "identity:remove_user_from_group": _membership_manager,
    "identity:create_domain": _admin,
    "identity:update_domain": _admin,
    "identity:delete_domain": _admin,
    "identity:create_role": _admin,
    "identity:update_role": _admin,
    "identity:delete_role": _admin,
    "identity:get_domain_role": _admin_or_system_reader,
    "identity:list_domain_roles": _admin_or_system_reader,
    "identity:create_domain_role": _admin,
    "identity:update_domain_role": _admin,
    "identity:delete_domain_role": _admin,
    # keystone/common/policies/grant.py: "role:reader and system_scope:all" to list and
    # check system grants, "role:admin and system_scope:all" to grant and revoke them
    # (any admin passes, as with every admin_required rule here).
    "identity:list_system_grants_for_user": _admin_or_system_reader,
    "identity:check_system_grant_for_user": _admin_or_system_reader,
    "identity:create_system_grant_for_user": _admin,
    "identity:revoke_system_grant_for_user": _admin,
    "identity:list_system_grants_for_group": _admin_or_system_reader,
    "identity:check_system_grant_for_group": _admin_or_system_reader,
    "identity:create_system_grant_for_group": _admin,
    "identity:revoke_system_grant_for_group": _admin,
    "identity:check_grant": _grant_reader,
    "identity:list_grants": _grant_reader,
    "identity:create_grant": _grant_manager,
    "identity:revoke_grant": _grant_manager,
    "identity:get_implied_role": _admin_or_system_reader,
    "identity:list_implied_roles": _admin_or_system_reader,
    "identity:check_implied_role": _admin_or_system_reader,
    "identity:list_role_inference_rules": _admin_or_system_reader,
    "identity:create_implied_role": _admin,
    "identity:delete_implied_role": _admin,
    "identity:list_role_assignments": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_role(t, "reader", target.get("domain_id"))),
    "identity:list_role_assignments_for_tree": lambda t, target: (
        t.is_admin or _system_reader(t) or _domain_role(t, "reader", target.get("domain_id"))),
    "identity:list_application_credentials": lambda t, target: (
        t.is_admin or _system_reader(t) or _owner(t, target)),
    "identity:get_application_credential": lambda t, target: (
        t.is_admin or _system_reader(t) or _owner(t, target)),
    "identity:create_application_credential": _owner,
    "identity:delete_application_credential": lambda t, target: t.is_admin or _owner(t, target),
    # keystone/common/policies/credential.py, ec2_credential.py and ec2tokens.py: the
    # target's `credential.user_id` is the credential's owner.
    "identity:get_credential": lambda t, target: (
        t.is_admin or _system_reader(t) or _cred_owner(t, target)),
    "identity:list_credentials": lambda t, target: (
        t.is_admin or _system_reader(t) or _cred_owner(t, target)),
    "identity:create_credential": lambda t, target: t.is_admin or _cred_owner(t, target),
    "identity:update_credential": lambda t, target: t.is_admin or _cred_owner(t, target),
    "identity:delete_credential": lambda t, target: t.is_admin or _cred_owner(t, target),
    "identity:ec2_get_credential": lambda t, target: (
        t.is_admin or _system_reader(t) or _cred_owner(t, target)),
    "identity:ec2_list_credentials": lambda t, target: (
        t.is_admin or _system_reader(t) or _owner(t, target)),
    "identity:ec2_create_credential": lambda t, target: (
        t.is_admin or (t.has_role("member") and _cred_owner(t, target))),
    "identity:ec2_delete_credential": lambda t, target: (
        t.is_admin or (t.has_role("member") and _cred_owner(t, target))),
    "identity:ec2tokens_validate": lambda t, target: _service_or_admin(t),
    # keystone/common/policies/registered_limit.py and limit.py.
    "identity:get_registered_limit": lambda t, target: True,
    "identity:list_registered_limits": lambda t, target: True,
    "identity:create_registered_limits": _admin,
    "identity:update_registered_limit": _admin,
    "identity:delete_registered_limit": _admin,
    "identity:get_limit_model": lambda t, target: True,
    "identity:list_limits": lambda t, target: True,
    "identity:get_limit": lambda t, target: (
        t.is_admin or _system_reader(t)
        or (t.domain_id is not None and t.domain_id in (target.get("limit.domain.id"),
                                                        target.get("limit.project.domain_id")))
        or (t.project_id is not None and t.project_id == target.get("limit.project_id"))),
    "identity:create_limits": _admin,
    "identity:update_limit": _admin,
    "identity:delete_limit": _admin,
    "identity:create_region": _admin,
    "identity:update_region": _admin,
    "identity:delete_region": _admin,
    "identity:create_service": _admin,
    "identity:update_service": _admin,
    "identity:delete_service": _admin,
    "identity:create_endpoint": _admin,
    # keystone/common/policies/endpoint_group.py and project_endpoint.py (OS-EP-FILTER).
    **{f"identity:{name}": _admin_or_system_reader for name in (
        "list_endpoint_groups", "get_endpoint_group", "list_endpoint_groups_for_project",
        "list_projects_associated_with_endpoint_group", "get_endpoint_group_in_project",
        "list_endpoints_associated_with_endpoint_group", "list_projects_for_endpoint",
        "check_endpoint_in_project", "list_endpoints_for_project")},
    **{f"identity:{name}": _admin for name in (
        "create_endpoint_group", "update_endpoint_group", "delete_endpoint_group",
        "add_endpoint_group_to_project", "remove_endpoint_group_from_project",
        "add_endpoint_to_project", "remove_endpoint_from_project")},
    "identity:update_endpoint": _admin,
    "identity:delete_endpoint": _admin,
    # keystone/common/policies/trust.py: the trustor creates (RULE_TRUST_OWNER on the
    # body's trust); admin or system readers list all; trustor and trustee see their own.
    "identity:create_trust": lambda t, target: t.user_id == target.get("trust.trustor_user_id"),
    "identity:list_trusts": _admin_or_system_reader,
    "identity:list_trusts_for_trustor": lambda t, target: (
        t.is_admin or _system_reader(t) or t.user_id == target.get("trust.trustor_user_id")),
    "identity:list_trusts_for_trustee": lambda t, target: (
        t.is_admin or _system_reader(t) or t.user_id == target.get("trust.trustee_user_id")),
    "identity:get_trust": _trust_party,
    "identity:list_roles_for_trust": _trust_party,
    "identity:get_role_for_trust": _trust_party,
    "identity:delete_trust": lambda t, target: (
        t.is_admin or t.user_id == target.get("trust.trustor_user_id")),
    # keystone/common/policies/domain_config.py: admin_required to write, admin or a system
    # reader to read (the defaults too); security_compliance's two options to any token.
    "identity:create_domain_config": _admin,
    "identity:update_domain_config": _admin,
    "identity:delete_domain_config": _admin,
    "identity:get_domain_config": _admin_or_system_reader,
    "identity:get_domain_config_default": _admin_or_system_reader,
    "identity:get_security_compliance_domain_config": lambda t, target: True,
    # keystone/common/policies/policy.py (the /v3/policies blobs).
    "identity:get_policy": _admin_or_system_reader,
    "identity:list_policies": _admin_or_system_reader,
    "identity:create_policy": _admin,
    "identity:update_policy": _admin,
    "identity:delete_policy": _admin,
    # keystone/common/policies/access_rule.py: the owner (`user_id:%(target.user.id)s`, the
    # URL's user when it exists) or the system; a project admin is neither.
    "identity:get_access_rule": lambda t, target: (
        _system_reader(t) or t.user_id == target.get("user.id")),
    "identity:list_access_rules": lambda t, target: (
        _system_reader(t) or t.user_id == target.get("user.id")),
    "identity:delete_access_rule": lambda t, target: (
        (t.system and t.has_role("admin")) or t.user_id == target.get("user.id")),
    # keystone/common/policies/consumer.py and access_token.py (OS-OAUTH1); deleting an
    # access token is enforced as identity:ec2_delete_credential (keystone/api/users.py).
    "identity:list_consumers": _admin_or_system_reader,
    "identity:get_consumer": _admin_or_system_reader,
    **{f"identity:{name}": _admin for name in (
        "create_consumer", "update_consumer", "delete_consumer", "authorize_request_token",
        "list_access_tokens", "get_access_token", "list_access_token_roles",
        "get_access_token_role", "delete_access_token")},
    # keystone/common/policies/identity_provider.py, protocol.py, mapping.py and
    # service_provider.py (OS-FEDERATION): admin, and system readers may read.
    **{f"identity:{name}": _admin_or_system_reader
       for noun in ("identity_provider", "protocol", "mapping", "service_provider")
       for name in (f"get_{noun}", f"list_{noun}s")},
    **{f"identity:{verb}_{noun}": _admin
       for noun in ("identity_provider", "protocol", "mapping", "service_provider")
       for verb in ("create", "update", "delete")},
    # keystone/common/policies/auth.py: "" (any valid token).
    "identity:get_auth_catalog": lambda t, target: True,
    "identity:get_auth_projects": lambda t, target: True,
    "identity:get_auth_domains": lambda t, target: True,
    "identity:get_auth_system": lambda t, target: True,
    # Keystone v2.0's tenant list took any token; its validate was admin-only.
    "identity:v2_list_tenants": lambda t, target: True,
    "identity:v2_validate_token": lambda t, target: _service_or_admin(t),
}


#: Every rule by action name: the one table the route table (`urls.py`) draws on.
RULES: Mapping[str, Rule] = MappingProxyType(_RULES)

#: Keystone 30's `scope_types` where they leave a scope out. oslo.policy 4.5+ always
#: enforces them (its `enforce_scope` is gone): a token of another scope gets the same 403 as
#: a failed check, before the check, whatever its roles (`RBACEnforcer._enforce` turns
#: `InvalidScope` into `ForbiddenAction`). An unscoped token counts as project-scoped. Every
#: other rule takes the system, domain and project scopes (or names none). Listed from
#: `keystone.common.policies.list_rules()`, whether or not the fake serves the API.
SCOPE_TYPES: Mapping[str, frozenset[str]] = MappingProxyType({
    **{f"identity:{name}": frozenset({"system", "project"}) for name in (
        "get_access_rule", "list_access_rules", "delete_access_rule",
        "get_application_credential", "list_application_credentials",
        "delete_application_credential", "get_consumer", "list_consumers", "create_consumer",
        "update_consumer", "delete_consumer", "create_domain", "update_domain",
        "delete_domain", "create_domain_config", "get_domain_config", "update_domain_config",
        "delete_domain_config", "get_domain_config_default", "ec2_get_credential",
        "ec2_list_credentials", "ec2_create_credential", "ec2_delete_credential",
        "get_endpoint", "list_endpoints", "create_endpoint", "update_endpoint",
        "delete_endpoint", "create_endpoint_group", "list_endpoint_groups",
        "get_endpoint_group", "update_endpoint_group", "delete_endpoint_group",
        "list_projects_associated_with_endpoint_group",
        "list_endpoints_associated_with_endpoint_group", "get_endpoint_group_in_project",
        "list_endpoint_groups_for_project", "add_endpoint_group_to_project",
        "remove_endpoint_group_from_project", "list_system_grants_for_user",
        "check_system_grant_for_user", "create_system_grant_for_user",
        "revoke_system_grant_for_user", "list_system_grants_for_group",
        "check_system_grant_for_group", "create_system_grant_for_group",
        "revoke_system_grant_for_group", "create_identity_provider",
        "list_identity_providers", "get_identity_provider", "update_identity_provider",
        "delete_identity_provider", "get_implied_role", "list_implied_roles",
        "create_implied_role", "delete_implied_role", "list_role_inference_rules",
        "check_implied_role", "create_limits", "update_limit", "delete_limit",
        "create_mapping", "get_mapping", "list_mappings", "delete_mapping", "update_mapping",
        "get_policy", "list_policies", "create_policy", "update_policy", "delete_policy",
        "create_policy_association_for_endpoint", "check_policy_association_for_endpoint",
        "delete_policy_association_for_endpoint", "create_policy_association_for_service",
        "check_policy_association_for_service", "delete_policy_association_for_service",
        "create_policy_association_for_region_and_service",
        "check_policy_association_for_region_and_service",
        "delete_policy_association_for_region_and_service", "get_policy_for_endpoint",
        "list_endpoints_for_policy", "list_projects_for_endpoint", "add_endpoint_to_project",
        "check_endpoint_in_project", "list_endpoints_for_project",
        "remove_endpoint_from_project", "create_protocol", "update_protocol", "get_protocol",
        "list_protocols", "delete_protocol", "create_region", "update_region",
        "delete_region", "create_registered_limits", "update_registered_limit",
        "delete_registered_limit", "list_revoke_events", "create_role", "update_role",
        "delete_role", "get_domain_role", "list_domain_roles", "create_domain_role",
        "update_domain_role", "delete_domain_role", "get_service", "list_services",
        "create_service", "update_service", "delete_service", "create_service_provider",
        "list_service_providers", "get_service_provider", "update_service_provider",
        "delete_service_provider", "revocation_list", "list_trusts",
        "list_trusts_for_trustor", "list_trusts_for_trustee", "list_roles_for_trust",
        "get_role_for_trust", "delete_trust", "get_trust")},
    **{f"identity:{name}": frozenset({"project"}) for name in (
        "authorize_request_token", "get_access_token", "get_access_token_role",
        "list_access_tokens", "list_access_token_roles", "delete_access_token",
        "create_application_credential", "create_trust")},
})


def policy_scope(token: TokenContext) -> str:
    """The scope oslo.policy reads from a token: `system`, `domain`, else `project`
    (unscoped tokens too)."""
    if token.system:
        return "system"
    return "domain" if token.domain_id else "project"


def enforce(action: str, token: TokenContext, target: dict[str, Any] | None = None) -> None:
    """Allow the call or raise Keystone's 403: the token's scope must be one of the
    action's `SCOPE_TYPES`, and its rule must pass.

    Raises:
        ForbiddenAction: "You are not authorized to perform the requested action: <action>."
        KeyError: An action without a rule (a bug in the fake; `urls.PolicyRouter` refuses
            such a route when the cloud is built).
    """
    scopes = SCOPE_TYPES.get(action)
    if (scopes is not None and policy_scope(token) not in scopes) or not _RULES[action](
            token, target or {}):
        shown = "identity:validate_token" if action == "identity:v2_validate_token" else action
        raise ForbiddenAction(shown)
