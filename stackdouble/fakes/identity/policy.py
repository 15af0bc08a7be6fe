"""Keystone's default policies for the APIs the fake serves (`keystone/common/policies/`).

`admin_required` is `role:admin or is_admin:1`, so any token carrying the admin role passes,
whatever its scope; readers pass within their system or domain scope; and owners may read
their own user, their token's project and their own tokens.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.identity.errors import ForbiddenAction
from stackdouble.fakes.identity.models import TokenContext

__all__ = ["enforce"]


def _system_reader(token: TokenContext) -> bool:
    return token.system and token.has_role("reader")


def _domain_reader(token: TokenContext, domain_id: str | None) -> bool:
    return (token.domain_id is not None and token.domain_id == domain_id
            and token.has_role("reader"))


def _service_or_admin(token: TokenContext) -> bool:
    return token.is_admin or token.has_role("service")


_RULES: dict[str, Any] = {
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
    # Keystone v2.0's validate was admin-only.
    "identity:v2_validate_token": lambda t, target: _service_or_admin(t),
}


def enforce(action: str, token: TokenContext, target: dict[str, Any] | None = None) -> None:
    """Allow the call or raise Keystone's 403.

    Raises:
        ForbiddenAction: "You are not authorized to perform the requested action: <action>."
        KeyError: An action without a rule (a bug in the fake).
    """
    if not _RULES[action](token, target or {}):
        shown = "identity:validate_token" if action == "identity:v2_validate_token" else action
        raise ForbiddenAction(shown)
