"""The fake Keystone's route table, relative to `{base}/identity`."""

from __future__ import annotations

from collections.abc import Sequence

from stackdouble.fakes.identity import handlers as h
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
        r.add("GET", "/v3/projects", h.list_projects)
        r.add("GET", "/v3/projects/{project_id}", h.get_project)
        r.add("GET", "/v3/users", h.list_users)
        r.add("GET", "/v3/users/{user_id}", h.get_user)
        for collection in ("services", "endpoints", "regions", "domains", "roles"):
            r.add("GET", f"/v3/{collection}", h.list_catalog_entities,
                  name=f"list_{collection}")
            r.add("GET", f"/v3/{collection}/{{item_id}}", h.get_catalog_entity,
                  name=f"get_{collection}")
    if "v2.0" in versions:
        r.add("GET", "/v2.0", h.get_version_v2, auth=False)
        r.add("POST", "/v2.0/tokens", h.issue_token_v2, auth=False)
        r.add("GET", "/v2.0/tokens/{token_id}", h.check_token_v2)
        r.add("GET", "/v2.0/tenants", h.list_tenants_v2)
    return r
