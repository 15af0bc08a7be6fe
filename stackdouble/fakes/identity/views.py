"""Keystone's JSON, exactly as Keystone 30 renders it (v3) and as Keystone's v2.0 API did.

Key order follows the real responses (`reference/real-samples/samples.txt`): a token's
`methods, user, audit_ids, expires_at, issued_at, project, is_domain, roles, catalog`, and an
endpoint's `id, interface, region_id, url, region`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from stackdouble.fakes.clock import format_iso
from stackdouble.fakes.identity.models import (
    AccessRule,
    AccessToken,
    ApplicationCredential,
    Consumer,
    Credential,
    Domain,
    Group,
    IdentityModel,
    IdentityProvider,
    Limit,
    MappingRules,
    Policy,
    Project,
    Protocol,
    RegisteredLimit,
    ServiceProvider,
    Token,
    TokenContext,
    Trust,
    User,
)

__all__ = [
    "access_rule",
    "application_credential",
    "catalog_v2",
    "catalog_v3",
    "collection",
    "credential",
    "domain",
    "domain_config",
    "domain_project",
    "ec2_credential",
    "endpoint",
    "endpoint_group",
    "federation_idp",
    "federation_mapping",
    "federation_protocol",
    "federation_sp",
    "group",
    "implied_role",
    "limit",
    "oauth1_access_token",
    "oauth1_consumer",
    "oauth1_role",
    "policy_blob",
    "project",
    "region",
    "registered_limit",
    "role",
    "role_assignment",
    "service",
    "tenant_v2",
    "token_body",
    "token_v2",
    "token_v3",
    "trust",
    "trust_roles",
    "trust_summary",
    "user",
    "version_v2",
    "version_v3",
    "versions",
]

_MEDIA_V3 = [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}]
_MEDIA_V2 = [{"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"}]
_TEMPLATE = re.compile(r"\$\((\w+)\)s")


def version_v3(identity_url: str) -> dict[str, Any]:
    """The v3 entry of the version documents (`identity_url` is `<base>/identity`)."""
    return {
        "id": "v3.14",
        "status": "stable",
        "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": identity_url + "/v3/"}],
        "media-types": list(_MEDIA_V3),
    }


def version_v2(identity_url: str) -> dict[str, Any]:
    """The v2.0 entry, as Keystone served it before v2.0 was removed (deprecated)."""
    return {
        "id": "v2.0",
        "status": "deprecated",
        "updated": "2016-08-04T00:00:00Z",
        "links": [
            {"rel": "self", "href": identity_url + "/v2.0/"},
            {"rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"},
        ],
        "media-types": list(_MEDIA_V2),
    }


def versions(identity_url: str, *, v3: bool, v2: bool) -> dict[str, Any]:
    """`GET /identity`: the 300 Multiple Choices document."""
    values = []
    if v3:
        values.append(version_v3(identity_url))
    if v2:
        values.append(version_v2(identity_url))
    return {"versions": {"values": values}}


def _fill(url: str, values: dict[str, str]) -> str | None:
    missing = False

    def sub(match: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(match.group(1))
        if value is None:
            missing = True
            return ""
        return value

    out = _TEMPLATE.sub(sub, url)
    return None if missing else out


def catalog_v3(model: IdentityModel, *, user_id: str,
               project_id: str | None) -> list[dict[str, Any]]:
    """The v3 catalog: every enabled service, with its enabled endpoints.

    As Keystone's `get_v3_catalog` (`keystone/catalog/backends/sql.py`): endpoints needing a
    project are left out without one (Keystone leaves out endpoints it cannot format), and a
    service with no endpoint left stays, with `endpoints: []`. A project with OS-EP-FILTER
    associations sees only the endpoints associated with it, and there a service left
    without one is dropped.
    """
    only = model.catalog_endpoint_ids(project_id)
    values = {"user_id": user_id}
    if project_id:
        values["project_id"] = values["tenant_id"] = project_id
    by_service: dict[str, list[dict[str, Any]]] = {}
    for endpoint in model.endpoints.values():
        if not endpoint.enabled or (only is not None and endpoint.id not in only):
            continue
        url = _fill(endpoint.url, values)
        if url is None:
            continue
        by_service.setdefault(endpoint.service_id, []).append({
            "id": endpoint.id,
            "interface": endpoint.interface,
            "region_id": endpoint.region_id,
            "url": url,
            "region": endpoint.region_id,
        })
    out = []
    for service in model.services.values():
        endpoints = by_service.get(service.id, [])
        if service.enabled and (endpoints or only is None):
            out.append({"endpoints": endpoints, "id": service.id, "type": service.type,
                        "name": service.name or ""})
    return out


def token_v3(model: IdentityModel, token: Token, context: TokenContext, *,
             include_catalog: bool) -> dict[str, Any]:
    """The `{"token": {...}}` body of `POST`/`GET /v3/auth/tokens`."""
    body: dict[str, Any] = {
        "methods": list(context.methods),
        "user": {
            "domain": {"id": context.user_domain_id, "name": context.user_domain_name},
            "id": context.user_id,
            "name": context.user_name,
            "password_expires_at": None,
        },
        "audit_ids": list(context.audit_ids),
        "expires_at": format_iso(context.expires_at),
        "issued_at": format_iso(context.issued_at),
    }
    pairs = zip(context.role_ids, context.roles, strict=True)
    roles = [{"id": rid, "name": name} for rid, name in pairs]
    if context.system:
        body["roles"] = roles
        body["system"] = {"all": True}
    elif context.domain_id:
        body["domain"] = {"id": context.domain_id, "name": context.domain_name}
        body["roles"] = roles
    elif context.trust_id:
        body["OS-TRUST:trust"] = {
            "id": context.trust_id,
            "trustor_user": {"id": context.trustor_user_id},
            "trustee_user": {"id": context.trustee_user_id},
            "impersonation": context.impersonation,
        }
        body["project"] = {
            "domain": {"id": context.project_domain_id, "name": context.project_domain_name},
            "id": context.project_id,
            "name": context.project_name,
        }
        # A trust's token lists its roles in full (no `links`), and has no `is_domain`.
        body["roles"] = [{k: v for k, v in role(model.roles[rid], "").items() if k != "links"}
                         for rid in context.role_ids if rid in model.roles]
    elif context.project_id:
        body["project"] = {
            "domain": {"id": context.project_domain_id, "name": context.project_domain_name},
            "id": context.project_id,
            "name": context.project_name,
        }
        body["is_domain"] = False
        body["roles"] = roles
    if include_catalog and context.scope != "unscoped":
        body["catalog"] = catalog_v3(model, user_id=context.trustor_user_id or context.user_id,
                                     project_id=context.project_id)
    sps = model.enabled_service_providers()
    if sps:
        body["service_providers"] = [{"auth_url": sp.auth_url, "id": sp.id, "sp_url": sp.sp_url}
                                     for sp in sps]
    if token.is_federated:
        body["user"]["OS-FEDERATION"] = {
            "groups": [{"id": g} for g in token.federated_group_ids or ()],
            "identity_provider": {"id": token.identity_provider_id},
            "protocol": {"id": token.protocol_id},
        }
        del body["user"]["password_expires_at"]
    if token.access_token_id:
        access = model.access_tokens.get(token.access_token_id)
        body["OS-OAUTH1"] = {"access_token_id": token.access_token_id,
                             "consumer_id": access.consumer_id if access else None}
    if token.app_cred_id:
        cred = model.application_credentials.get(token.app_cred_id)
        if cred is not None:
            body["application_credential"] = {"id": cred.id, "name": cred.name,
                                              "restricted": not cred.unrestricted}
            if cred.access_rule_ids:
                body["application_credential"]["access_rules"] = [
                    access_rule(r) for r in model.access_rules_of(cred)]
    return {"token": body}


def token_body(model: IdentityModel, token_id: str) -> dict[str, Any]:
    """The `{"token": {...}}` body of a valid token, catalog included (`IdentityModel.token_body`).

    Raises:
        NotFound: The token is unknown, expired or revoked.
    """
    token = model.validate_token(token_id)
    return token_v3(model, token, model.context(token), include_catalog=True)


def links_self(url: str) -> dict[str, str]:
    """A member's `links`."""
    return {"self": url}


def project(p: Project, v3_url: str) -> dict[str, Any]:
    """A project as `GET /v3/projects` lists it."""
    return {
        "is_domain": p.is_domain,
        "description": p.description,
        "links": links_self(f"{v3_url}/projects/{p.id}"),
        "tags": sorted(p.tags),
        "enabled": p.enabled,
        "id": p.id,
        "parent_id": p.parent_id,
        "domain_id": p.domain_id,
        "name": p.name,
        "options": {},
        **p.extra,
    }


def domain_project(d: Domain, v3_url: str) -> dict[str, Any]:
    """A domain as the projects API shows it: a project acting as a domain, with no domain
    and no parent (`GET /v3/projects?is_domain=true`, `GET /v3/projects/{domain_id}`)."""
    return {
        "is_domain": True,
        "description": d.description,
        "links": links_self(f"{v3_url}/projects/{d.id}"),
        "tags": list(d.tags),
        "enabled": d.enabled,
        "id": d.id,
        "parent_id": None,
        "domain_id": None,
        "name": d.name,
        "options": {},
    }


def user(u: User, v3_url: str) -> dict[str, Any]:
    """A user as `GET /v3/users` lists it (no password, ever)."""
    out: dict[str, Any] = {
        "id": u.id,
        "name": u.name,
        "domain_id": u.domain_id,
        "enabled": u.enabled,
        "password_expires_at": None,
        "options": {},
        "links": links_self(f"{v3_url}/users/{u.id}"),
    }
    if u.default_project_id:
        out["default_project_id"] = u.default_project_id
    if u.email:
        out["email"] = u.email
    if u.description is not None:
        out["description"] = u.description
    out.update(u.extra)
    return out


def domain(d: Domain, v3_url: str) -> dict[str, Any]:
    """A domain as `GET /v3/auth/domains` lists it."""
    return {
        "id": d.id,
        "name": d.name,
        "description": d.description,
        "enabled": d.enabled,
        "tags": list(d.tags),
        "options": {},
        "links": links_self(f"{v3_url}/domains/{d.id}"),
    }


def collection(key: str, members: list[dict[str, Any]], *, self_url: str,
               next_url: str | None = None, truncated: bool = False) -> dict[str, Any]:
    """Keystone's list envelope: `{key: [...], "links": {"next", "self", "previous"}}`."""
    body: dict[str, Any] = {key: members,
                            "links": {"next": next_url, "self": self_url, "previous": None}}
    if truncated:
        body["truncated"] = True
    return body


def next_page_url(path_url: str, args: dict[str, str], *, marker: str, limit: int) -> str:
    """The absolute `links.next` URL: the same query with `marker` and `limit` replaced."""
    query = dict(args)
    query["marker"] = marker
    query["limit"] = str(limit)
    return path_url + "?" + urlencode(query)


# -- v2.0 ---------------------------------------------------------------------------------


def tenant_v2(p: Project) -> dict[str, Any]:
    """A project as a v2.0 tenant (no domain fields)."""
    return {"id": p.id, "name": p.name, "description": p.description, "enabled": p.enabled}


def catalog_v2(model: IdentityModel, *, user_id: str, project_id: str) -> list[dict[str, Any]]:
    """The v2.0 `serviceCatalog`: one entry per service, one endpoint per region."""
    values = {"user_id": user_id, "project_id": project_id, "tenant_id": project_id}
    out = []
    for service in model.services.values():
        if not service.enabled:
            continue
        regions: dict[str, dict[str, Any]] = {}
        for endpoint in model.endpoints.values():
            if endpoint.service_id != service.id or not endpoint.enabled:
                continue
            url = _fill(endpoint.url, values)
            if url is None:
                continue
            entry = regions.setdefault(endpoint.region_id, {"id": endpoint.id,
                                                           "region": endpoint.region_id})
            entry[endpoint.interface + "URL"] = url
        if regions:
            endpoints = []
            for entry in regions.values():
                ordered = {"id": entry["id"], "region": entry["region"]}
                for key in ("publicURL", "internalURL", "adminURL"):
                    if key in entry:
                        ordered[key] = entry[key]
                endpoints.append(ordered)
            out.append({"endpoints": endpoints, "endpoints_links": [], "type": service.type,
                        "name": service.name})
    return out


def token_v2(model: IdentityModel, token: Token, context: TokenContext) -> dict[str, Any]:
    """The `{"access": {...}}` body of `POST /v2.0/tokens`."""
    token_body: dict[str, Any] = {
        "expires": format_iso(context.expires_at),
        "issued_at": format_iso(context.issued_at),
        "audit_ids": list(context.audit_ids),
        "id": token.id,
    }
    if context.project_id:
        token_body["tenant"] = tenant_v2(model.projects[context.project_id])
    access: dict[str, Any] = {
        "token": token_body,
        "serviceCatalog": (
            catalog_v2(model, user_id=context.user_id, project_id=context.project_id)
            if context.project_id else []
        ),
        "user": {
            "username": context.user_name,
            "roles_links": [],
            "id": context.user_id,
            "roles": [{"name": name} for name in context.roles],
            "name": context.user_name,
        },
        "metadata": {"is_admin": 0, "roles": list(context.role_ids)},
    }
    return {"access": access}


def service(s: Any, v3_url: str) -> dict[str, Any]:
    """A catalog service as `GET /v3/services` lists it."""
    out: dict[str, Any] = {}
    if s.description is not None:
        out["description"] = s.description
    out.update({"links": links_self(f"{v3_url}/services/{s.id}"), "enabled": s.enabled,
                "type": s.type, "id": s.id, "name": s.name})
    return out


def endpoint(e: Any, v3_url: str) -> dict[str, Any]:
    """An endpoint as `GET /v3/endpoints` lists it (URL templates unfilled, as Keystone)."""
    return {"id": e.id, "interface": e.interface, "region_id": e.region_id,
            "service_id": e.service_id, "url": e.url, "enabled": e.enabled,
            "region": e.region_id, "links": links_self(f"{v3_url}/endpoints/{e.id}")}


def endpoint_group(g: Any, v3_url: str) -> dict[str, Any]:
    """An OS-EP-FILTER endpoint group as Keystone renders it."""
    return {"id": g.id, "name": g.name, "description": g.description,
            "filters": dict(g.filters),
            "links": links_self(f"{v3_url}/OS-EP-FILTER/endpoint_groups/{g.id}")}


def region(r: Any, v3_url: str) -> dict[str, Any]:
    """A region as `GET /v3/regions` lists it."""
    return {"id": r.id, "description": r.description, "links": links_self(
        f"{v3_url}/regions/{r.id}"), "parent_region_id": r.parent_region_id}


def role(r: Any, v3_url: str) -> dict[str, Any]:
    """A role as `GET /v3/roles` lists it."""
    return {"id": r.id, "name": r.name, "domain_id": r.domain_id, "description": r.description,
            "options": {"immutable": True} if r.immutable else {},
            "links": links_self(f"{v3_url}/roles/{r.id}")}


def trust_summary(t: Trust, v3_url: str) -> dict[str, Any]:
    """A trust as `GET /v3/OS-TRUST/trusts` lists it: no roles."""
    return {
        **t.extra,
        "id": t.id,
        "trustor_user_id": t.trustor_user_id,
        "trustee_user_id": t.trustee_user_id,
        "project_id": t.project_id,
        "impersonation": t.impersonation,
        "expires_at": format_iso(t.expires_at) if t.expires_at else None,
        "remaining_uses": t.remaining_uses,
        "deleted_at": None,
        "redelegated_trust_id": t.redelegated_trust_id,
        "redelegation_count": t.redelegation_count,
        "links": links_self(f"{v3_url}/OS-TRUST/trusts/{t.id}"),
    }


def trust_roles(roles: list[Any], trust_id: str, v3_url: str) -> dict[str, Any]:
    """`GET /v3/OS-TRUST/trusts/{id}/roles`; Keystone 30's `self` link leaves out
    `OS-TRUST/trusts` (`{v3}/{id}/roles`), and so does this."""
    return {"roles": [role(r, v3_url) for r in roles],
            "links": {"self": f"{v3_url}/{trust_id}/roles", "next": None, "previous": None}}


def trust(t: Trust, roles: list[Any], v3_url: str) -> dict[str, Any]:
    """A trust as created or shown: its roles in full, then `roles_links`."""
    listed = trust_roles(roles, t.id, v3_url)
    summary = trust_summary(t, v3_url)
    links = summary.pop("links")
    return {"roles": listed["roles"], **summary, "roles_links": listed["links"],
            "links": links}


def group(g: Group, v3_url: str) -> dict[str, Any]:
    """A group as `GET /v3/groups` lists it."""
    return {"id": g.id, "name": g.name, "domain_id": g.domain_id, "description": g.description,
            "links": links_self(f"{v3_url}/groups/{g.id}")}


def role_ref(r: Any, v3_url: str) -> dict[str, Any]:
    """A role inside an inference rule: `{"id", "links", "name"}`."""
    return {"id": r.id, "links": links_self(f"{v3_url}/roles/{r.id}"), "name": r.name}


def implied_role(prior: Any, implied: Any, v3_url: str) -> dict[str, Any]:
    """`GET/PUT /v3/roles/{prior}/implies/{implied}`."""
    return {"role_inference": {"prior_role": role_ref(prior, v3_url),
                               "implies": role_ref(implied, v3_url)},
            "links": links_self(f"{v3_url}/roles/{prior.id}/implies/{implied.id}")}


def application_credential(c: ApplicationCredential, model: IdentityModel, v3_url: str, *,
                           with_secret: bool = False) -> dict[str, Any]:
    """An application credential; its secret only in the answer to its creation.

    Its roles come in the order asked at creation, and later in role id order (Keystone's
    table order).
    """
    role_ids = c.role_ids if with_secret else tuple(sorted(c.role_ids))
    out: dict[str, Any] = {
        "id": c.id,
        "name": c.name,
        "description": c.description,
        "user_id": c.user_id,
        "project_id": c.project_id,
        "system": None,
        # Keystone 30 renders the stored (naive UTC) time with no zone suffix.
        "expires_at": format_iso(c.expires_at).removesuffix("Z") if c.expires_at else None,
        "unrestricted": c.unrestricted,
        "roles": [{"id": r.id, "name": r.name, "domain_id": r.domain_id,
                   "description": r.description,
                   "options": {"immutable": True} if r.immutable else {}}
                  for r in (model.roles.get(i) for i in role_ids) if r is not None],
    }
    if c.access_rule_ids:
        out["access_rules"] = [access_rule(r) for r in model.access_rules_of(c)]
    if with_secret:
        out["secret"] = c.secret
    # Keystone's own self link, without the user (`/v3/application_credentials/<id>`).
    out["links"] = links_self(f"{v3_url}/application_credentials/{c.id}")
    return out


def role_assignment(model: IdentityModel, ref: dict[str, Any], v3_url: str, *,
                    include_names: bool) -> dict[str, Any]:
    """One entry of `GET /v3/role_assignments`, as `RoleAssignmentsResource._format_entity`
    renders it (including its `prior_role` link, which names the implied role first, and
    OS-INHERIT's `inherited_to` and link for an inherited grant or what it expands to)."""
    out: dict[str, Any] = {"links": {}}
    indirect = ref.get("indirect", {})
    inherited = "inherited_to_projects" in ref
    link = ""
    if "project_id" in ref:
        project = model.projects.get(ref["project_id"])
        scope: dict[str, Any] = {"id": ref["project_id"]}
        if include_names and project is not None:
            pdomain = model.domains.get(project.domain_id)
            scope = {"id": project.id, "name": project.name,
                     "domain": {"id": project.domain_id,
                                "name": pdomain.name if pdomain else ""}}
        out["scope"] = {"project": scope}
        link = f"/projects/{ref['project_id']}"
        if "domain_id" in indirect or "project_id" in indirect:
            inherited = True
            link = (f"/domains/{indirect['domain_id']}" if "domain_id" in indirect
                    else f"/projects/{indirect['project_id']}")
    elif "domain_id" in ref:
        domain = model.domains.get(ref["domain_id"])
        dscope: dict[str, Any] = {"id": ref["domain_id"]}
        if include_names and domain is not None:
            dscope["name"] = domain.name
        out["scope"] = {"domain": dscope}
        link = f"/domains/{ref['domain_id']}"
    else:
        out["scope"] = {"system": ref["system"]}
        link = "/system"
    if "user_id" in ref:
        out["user"] = _actor(model, model.users.get(ref["user_id"]), ref["user_id"],
                             include_names)
        if "group_id" in indirect:
            out["links"]["membership"] = (
                f"{v3_url}/groups/{indirect['group_id']}/users/{ref['user_id']}")
            link += f"/groups/{indirect['group_id']}"
        else:
            link += f"/users/{ref['user_id']}"
    else:
        out["group"] = _actor(model, model.groups.get(ref["group_id"]), ref["group_id"],
                              include_names)
        link += f"/groups/{ref['group_id']}"
    role_obj = model.roles.get(ref["role_id"])
    role_out: dict[str, Any] = {"id": ref["role_id"]}
    if include_names and role_obj is not None:
        role_out["name"] = role_obj.name
        if role_obj.domain_id:
            rdomain = model.domains.get(role_obj.domain_id)
            role_out["domain"] = {"id": role_obj.domain_id,
                                  "name": rdomain.name if rdomain else ""}
    out["role"] = role_out
    link += f"/roles/{indirect.get('role_id', ref['role_id'])}"
    if inherited:
        out["scope"]["OS-INHERIT:inherited_to"] = "projects"
        link = f"/OS-INHERIT{link}/inherited_to_projects"
    out["links"]["assignment"] = v3_url + link
    if "role_id" in indirect:
        out["links"]["prior_role"] = (
            f"{v3_url}/prior_role/{ref['role_id']}/implies/{indirect['role_id']}")
    return out


def _actor(model: IdentityModel, found: Any, actor_id: str, include_names: bool) -> Any:
    if not include_names:
        return {"id": actor_id}
    if found is None:
        return {"id": actor_id, "name": "", "domain": {"id": "", "name": ""}}
    domain = model.domains.get(found.domain_id)
    return {"id": actor_id, "name": found.name,
            "domain": {"id": found.domain_id, "name": domain.name if domain else ""}}


def registered_limit(r: RegisteredLimit, v3_url: str) -> dict[str, Any]:
    """A registered limit as `GET /v3/registered_limits` lists it."""
    return {"id": r.id, "service_id": r.service_id, "region_id": r.region_id,
            "resource_name": r.resource_name, "default_limit": r.default_limit,
            "description": r.description,
            "links": links_self(f"{v3_url}/registered_limits/{r.id}")}


def limit(lim: Limit, reg: RegisteredLimit, v3_url: str) -> dict[str, Any]:
    """A limit as `GET /v3/limits` lists it: its registered limit's service, region and
    resource, with its own project or domain and value."""
    return {"id": lim.id, "project_id": lim.project_id, "domain_id": lim.domain_id,
            "service_id": reg.service_id, "region_id": reg.region_id,
            "resource_name": reg.resource_name, "resource_limit": lim.resource_limit,
            "description": lim.description, "links": links_self(f"{v3_url}/limits/{lim.id}")}


def credential(c: Credential, v3_url: str) -> dict[str, Any]:
    """A credential of `/v3/credentials`: its extra attributes first, the blob as a string."""
    return {**c.extra, "id": c.id, "user_id": c.user_id, "project_id": c.project_id,
            "type": c.type, "blob": c.blob, "links": links_self(f"{v3_url}/credentials/{c.id}")}


def ec2_credential(c: Credential, v3_url: str) -> dict[str, Any]:
    """An OS-EC2 credential: the blob's access and secret, `tenant_id` for the project,
    linked by its access key."""
    blob = c.blob_json()
    return {"user_id": c.user_id, "tenant_id": c.project_id, "access": blob.get("access"),
            "secret": blob.get("secret"), "trust_id": blob.get("trust_id"),
            "links": links_self(f"{v3_url}/users/{c.user_id}/credentials/OS-EC2/"
                                f"{blob.get('access')}")}


def access_rule(r: AccessRule, v3_url: str | None = None) -> dict[str, Any]:
    """An access rule: `{"id", "service", "path", "method"}` inside a credential or a
    token, plus its `links` (`/v3/access_rules/<id>`, without the user, as Keystone
    renders it) when listed or read on its own."""
    out: dict[str, Any] = {"id": r.id, "service": r.service, "path": r.path,
                           "method": r.method}
    if v3_url is not None:
        out["links"] = links_self(f"{v3_url}/access_rules/{r.id}")
    return out


def policy_blob(p: Policy, v3_url: str) -> dict[str, Any]:
    """A `/v3/policies` member: its extra attributes, then id, blob, type and links."""
    return {**p.extra, "id": p.id, "blob": p.blob, "type": p.type,
            "links": links_self(f"{v3_url}/policies/{p.id}")}


def domain_config(config: dict[str, Any]) -> dict[str, Any]:
    """`{"config": ...}`: `{group: {option: value}}`, or `{option: value}` for one option."""
    return {"config": config}


# -- OS-OAUTH1 ----------------------------------------------------------------------------


def oauth1_consumer(c: Consumer, v3_url: str, *, secret: bool = False) -> dict[str, Any]:
    """An OAuth1 consumer; its `secret` only in the answer to its creation."""
    body: dict[str, Any] = {**c.extra, "id": c.id, "description": c.description}
    if secret:
        body["secret"] = c.secret
    body["links"] = links_self(f"{v3_url}/OS-OAUTH1/consumers/{c.id}")
    return body


def oauth1_access_token(t: AccessToken, v3_url: str) -> dict[str, Any]:
    """An access token under its user (`_format_token_entity`): no secret, no roles."""
    base = f"{v3_url}/users/{t.authorizing_user_id}/OS-OAUTH1/access_tokens/{t.id}"
    return {"id": t.id, "authorizing_user_id": t.authorizing_user_id,
            "project_id": t.project_id, "consumer_id": t.consumer_id,
            "expires_at": format_iso(t.expires_at) if t.expires_at else None,
            "links": {"roles": base + "/roles", "self": base}}


def oauth1_role(r: Any, v3_url: str) -> dict[str, Any]:
    """A role an access token delegates (`_format_role_entity`: no description)."""
    return {k: v for k, v in role(r, v3_url).items() if k != "description"}


# -- OS-FEDERATION --------------------------------------------------------------------------


def federation_idp(idp: IdentityProvider, v3_url: str, *,
                   listed: bool = False) -> dict[str, Any]:
    """An identity provider; listings add a `protocols` link (Keystone's `wrap_member`
    does not)."""
    self_url = f"{v3_url}/OS-FEDERATION/identity_providers/{idp.id}"
    links = {"self": self_url, "protocols": self_url + "/protocols"} if listed else {
        "self": self_url}
    return {"id": idp.id, "domain_id": idp.domain_id, "enabled": idp.enabled,
            "description": idp.description, "remote_ids": list(idp.remote_ids),
            "authorization_ttl": idp.authorization_ttl, "links": links}


def federation_protocol(p: Protocol, v3_url: str, *, listed: bool = False) -> dict[str, Any]:
    """A protocol; listings add `idp_id` and `remote_id_attribute`. Its links are
    Keystone 30's, which leave out `OS-FEDERATION/identity_providers/...`."""
    links = {"self": f"{v3_url}/protocols/{p.id}", "identity_provider": f"{v3_url}/{p.idp_id}"}
    if listed:
        return {"id": p.id, "idp_id": p.idp_id, "mapping_id": p.mapping_id,
                "remote_id_attribute": p.remote_id_attribute, "links": links}
    return {"id": p.id, "mapping_id": p.mapping_id, "links": links}


def federation_mapping(m: MappingRules, v3_url: str) -> dict[str, Any]:
    """A mapping with its rules."""
    return {"id": m.id, "rules": m.rules, "schema_version": m.schema_version,
            "links": links_self(f"{v3_url}/OS-FEDERATION/mappings/{m.id}")}


def federation_sp(sp: ServiceProvider, v3_url: str) -> dict[str, Any]:
    """A service provider."""
    return {"auth_url": sp.auth_url, "id": sp.id, "enabled": sp.enabled,
            "description": sp.description, "relay_state_prefix": sp.relay_state_prefix,
            "sp_url": sp.sp_url,
            "links": links_self(f"{v3_url}/OS-FEDERATION/service_providers/{sp.id}")}
