"""The fake Keystone's route table, relative to `{base}/identity`."""

from __future__ import annotations

from collections.abc import Sequence

from stackdouble.fakes.identity import handlers as h
from stackdouble.fakes.identity import handlers_admin as a
from stackdouble.fakes.routing import Router

__all__ = ["build_router"]


def build_router(versions: Sequence[str]) -> Router:
    """Routes for the enabled API versions (`"v3"`, `"v2.0"`); the rest answers 404.

    Keystone strips trailing slashes, so `/v3/` is `/v3`.
    """
    r = Router(strip_trailing_slash=True)
    r.add("GET", "/", h.get_versions, auth=False)
    if "v3" in versions:
        r.add("GET", "/v3", h.get_version_v3, auth=False)
        r.add("POST", "/v3/auth/tokens", h.issue_token_v3, auth=False)
        r.add("GET", "/v3/auth/tokens", h.validate_token_v3)
        r.add("DELETE", "/v3/auth/tokens", h.revoke_token_v3)
        r.add("GET", "/v3/auth/catalog", h.auth_catalog)
        r.add("GET", "/v3/auth/projects", h.auth_projects)
        r.add("GET", "/v3/auth/domains", h.auth_domains)
        r.add("GET", "/v3/auth/system", h.auth_system)
        _v3_admin(r)
    if "v2.0" in versions:
        r.add("GET", "/v2.0", h.get_version_v2, auth=False)
        r.add("POST", "/v2.0/tokens", h.issue_token_v2, auth=False)
        r.add("GET", "/v2.0/tokens/{token_id}", h.check_token_v2)
        r.add("GET", "/v2.0/tenants", h.list_tenants_v2)
    return r


def _v3_admin(r: Router) -> None:
    """Projects, users, groups, domains, roles, grants, application credentials, catalog."""
    p = "/v3/projects/{project_id}"
    r.add("GET", "/v3/projects", h.list_projects)
    r.add("POST", "/v3/projects", a.create_project)
    r.add("GET", p, h.get_project)
    r.add("PATCH", p, a.update_project)
    r.add("DELETE", p, a.delete_project)
    r.add("GET", p + "/tags", a.list_project_tags)
    r.add("PUT", p + "/tags", a.update_project_tags)
    r.add("DELETE", p + "/tags", a.update_project_tags, name="delete_project_tags")
    for method in ("GET", "PUT", "DELETE"):
        r.add(method, p + "/tags/{value}", a.project_tag)
    u = "/v3/users/{user_id}"
    r.add("GET", "/v3/users", h.list_users)
    r.add("POST", "/v3/users", a.create_user)
    r.add("GET", u, h.get_user)
    r.add("PATCH", u, a.update_user)
    r.add("DELETE", u, a.delete_user)
    r.add("POST", u + "/password", a.change_password, auth=False)
    r.add("GET", u + "/projects", a.list_projects_for_user)
    r.add("GET", u + "/groups", a.list_groups_for_user)
    r.add("GET", u + "/application_credentials", a.list_application_credentials)
    r.add("POST", u + "/application_credentials", a.create_application_credential)
    r.add("GET", u + "/application_credentials/{application_credential_id}",
          a.get_application_credential)
    r.add("DELETE", u + "/application_credentials/{application_credential_id}",
          a.delete_application_credential)
    g = "/v3/groups/{group_id}"
    r.add("GET", "/v3/groups", a.list_groups)
    r.add("POST", "/v3/groups", a.create_group)
    r.add("GET", g, a.get_group)
    r.add("PATCH", g, a.update_group)
    r.add("DELETE", g, a.delete_group)
    r.add("GET", g + "/users", a.list_users_in_group)
    r.add("GET", g + "/users/{user_id}", a.check_user_in_group)
    r.add("PUT", g + "/users/{user_id}", a.add_user_to_group)
    r.add("DELETE", g + "/users/{user_id}", a.remove_user_from_group)
    # Read-only catalog-like collections share one handler; their members are `{item_id}`.
    for collection in ("services", "endpoints", "regions", "roles"):
        r.add("GET", f"/v3/{collection}", h.list_catalog_entities, name=f"list_{collection}")
        r.add("GET", f"/v3/{collection}/{{item_id}}", h.get_catalog_entity,
              name=f"get_{collection}")
    for collection, create, update, delete in (
            ("services", a.create_service, a.update_service, a.delete_service),
            ("endpoints", a.create_endpoint, a.update_endpoint, a.delete_endpoint),
            ("regions", a.create_region, a.update_region, a.delete_region),
            ("roles", a.create_role, a.update_role, a.delete_role)):
        r.add("POST", f"/v3/{collection}", create)
        r.add("PATCH", f"/v3/{collection}/{{item_id}}", update)
        r.add("DELETE", f"/v3/{collection}/{{item_id}}", delete)
    r.add("GET", "/v3/domains", a.list_domains)
    r.add("POST", "/v3/domains", a.create_domain)
    r.add("GET", "/v3/domains/{item_id}", a.get_domain)
    r.add("PATCH", "/v3/domains/{item_id}", a.update_domain)
    r.add("DELETE", "/v3/domains/{item_id}", a.delete_domain)
    implies = "/v3/roles/{item_id}/implies"
    r.add("GET", implies, a.list_implied_roles)
    r.add("GET", implies + "/{implied_role_id}", a.get_implied_role)
    r.add("HEAD", implies + "/{implied_role_id}", a.check_implied_role)
    r.add("PUT", implies + "/{implied_role_id}", a.create_implied_role)
    r.add("DELETE", implies + "/{implied_role_id}", a.delete_implied_role)
    r.add("GET", "/v3/role_inferences", a.list_role_inferences)
    r.add("GET", "/v3/role_assignments", a.list_role_assignments)
    for scope in (p, "/v3/domains/{item_id}", "/v3/system"):
        for actor in ("users/{user_id}", "groups/{group_id}"):
            base = f"{scope}/{actor}/roles"
            r.add("GET", base, a.list_grants)
            for method in ("GET", "PUT", "DELETE"):
                r.add(method, base + "/{role_id}", a.grant)
