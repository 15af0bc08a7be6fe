"""Rackspace Cloud Identity's JSON: the `access` of `POST /v2.0/tokens`.

Shapes and key order follow Rackspace's documented response (rackerlabs/docs-cloud-identity,
"Authenticate as user with password or API key"): the token's `id`, `expires` (milliseconds,
literal `Z`), `tenant` and `RAX-AUTH:authenticatedBy`; catalog entries of `name`,
`endpoints` and `type`, each endpoint `region`, `tenantId`, `publicURL` and, where the
service has one, `internalURL` (no `id`, no `adminURL`, no `endpoints_links`); the user's
`id`, `roles` (tenant roles with their `tenantId`, then global ones), `name` and
`RAX-AUTH:defaultRegion`.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from stackdouble.fakes.identity.models import IdentityModel, Role, Token, TokenContext
from stackdouble.fakes.identity.rackspace.seed import DEFAULT_REGION_KEY

__all__ = ["access", "authenticated_by", "format_expires", "service_catalog", "user"]

_TEMPLATE = re.compile(r"\$\((\w+)\)s")

#: A token's method → how `RAX-AUTH:authenticatedBy` names it.
_AUTHENTICATED_BY = {"password": "PASSWORD", "apikey": "APIKEY"}


def format_expires(when: datetime) -> str:
    """Rackspace's timestamps: milliseconds and a literal `Z`.

    Example:
        >>> format_expires(datetime(2015, 6, 5, 16, 24, 57, 637000, tzinfo=timezone.utc))
        '2015-06-05T16:24:57.637Z'
    """
    utc = when.astimezone(timezone.utc) if when.tzinfo else when
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def authenticated_by(methods: tuple[str, ...]) -> list[str]:
    """`RAX-AUTH:authenticatedBy` for a token's methods (`("apikey",)` → `["APIKEY"]`)."""
    return [_AUTHENTICATED_BY.get(m, m.upper()) for m in methods]


def service_catalog(model: IdentityModel, tenant_id: str) -> list[dict[str, Any]]:
    """The `serviceCatalog` of a token scoped to `tenant_id`: one entry per service, one
    endpoint per region."""
    values = {"project_id": tenant_id, "tenant_id": tenant_id}
    out = []
    for service in model.services.values():
        if not service.enabled:
            continue
        regions: dict[str, dict[str, Any]] = {}
        for endpoint in model.endpoints.values():
            if endpoint.service_id != service.id or not endpoint.enabled:
                continue
            entry = regions.setdefault(endpoint.region_id, {})
            entry[endpoint.interface] = _TEMPLATE.sub(
                lambda m: values.get(m.group(1), m.group(0)), endpoint.url)
        endpoints = []
        for region, urls in regions.items():
            rendered = {"region": region, "tenantId": tenant_id}
            for interface in ("public", "internal"):
                if interface in urls:
                    rendered[interface + "URL"] = urls[interface]
            if len(rendered) > 2:
                endpoints.append(rendered)
        if endpoints:
            out.append({"name": service.name, "endpoints": endpoints, "type": service.type})
    return out


def _role(role: Role, tenant_id: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"tenantId": tenant_id} if tenant_id else {}
    out["id"] = role.id
    if role.description:
        out["description"] = role.description
    out["name"] = role.name
    return out


def user(model: IdentityModel, context: TokenContext) -> dict[str, Any]:
    """The `user` of an access: its roles on the token's tenant, then its global roles
    (those held on its domain), as assigned (implied roles are the fake's, not shown)."""
    found = model.users[context.user_id]
    roles = []
    if context.project_id:
        roles += [_role(model.roles[r], context.project_id)
                  for r in model.direct_role_ids(found.id, "project", context.project_id)
                  if r in model.roles]
    roles += [_role(model.roles[r], None)
              for r in model.direct_role_ids(found.id, "domain", found.domain_id)
              if r in model.roles]
    out: dict[str, Any] = {"id": found.id, "roles": roles, "name": found.name}
    region = found.extra.get(DEFAULT_REGION_KEY)
    if region:
        out[DEFAULT_REGION_KEY] = region
    return out


def access(model: IdentityModel, token: Token, context: TokenContext) -> dict[str, Any]:
    """`{"access": {"token", "serviceCatalog", "user"}}`; a token without a tenant has no
    `tenant` and an empty catalog."""
    token_body: dict[str, Any] = {"id": token.id, "expires": format_expires(context.expires_at)}
    if context.project_id:
        project = model.projects[context.project_id]
        token_body["tenant"] = {"id": project.id, "name": project.name}
    token_body["RAX-AUTH:authenticatedBy"] = authenticated_by(context.methods)
    catalog = service_catalog(model, context.project_id) if context.project_id else []
    return {"access": {"token": token_body, "serviceCatalog": catalog,
                       "user": user(model, context)}}
