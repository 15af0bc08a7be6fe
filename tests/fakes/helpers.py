"""Request bodies and small helpers shared by the fake cloud's tests."""

from __future__ import annotations

from typing import Any

import requests

from stackdouble.fakes import FakeCloud

UNAUTHORIZED = {
    "error": {
        "code": 401,
        "message": "The request you have made requires authentication.",
        "title": "Unauthorized",
    }
}


def password_body(user: str = "demo", password: str = "demo-secret", *,
                  project: str | None = "demo", domain: str = "Default",
                  scope: Any = None) -> dict[str, Any]:
    """A v3 password auth body (user by name in a domain, project scope by name)."""
    auth: dict[str, Any] = {
        "identity": {
            "methods": ["password"],
            "password": {"user": {"name": user, "domain": {"name": domain},
                                  "password": password}},
        }
    }
    if scope is not None:
        auth["scope"] = scope
    elif project is not None:
        auth["scope"] = {"project": {"name": project, "domain": {"name": domain}}}
    return {"auth": auth}


def token_body(token_id: str, scope: Any = None) -> dict[str, Any]:
    """A v3 token-method auth body."""
    auth: dict[str, Any] = {"identity": {"methods": ["token"], "token": {"id": token_id}}}
    if scope is not None:
        auth["scope"] = scope
    return {"auth": auth}


def post_token(http: requests.Session, cloud: FakeCloud, body: Any,
               query: str = "") -> requests.Response:
    """POST /v3/auth/tokens."""
    return http.post(cloud.identity_v3_url + "/auth/tokens" + query, json=body)


def login(http: requests.Session, cloud: FakeCloud, user: str = "demo",
          project: str | None = None) -> str:
    """A project-scoped token for a default user, via the API."""
    password = {"demo": "demo-secret", "admin": "admin-secret"}[user]
    resp = post_token(http, cloud, password_body(user, password, project=project or user))
    assert resp.status_code == 201, resp.text
    return resp.headers["X-Subject-Token"]


def v2_password_body(user: str = "demo", password: str = "demo-secret",
                     tenant: str | None = "demo") -> dict[str, Any]:
    """A v2.0 passwordCredentials body."""
    auth: dict[str, Any] = {"passwordCredentials": {"username": user, "password": password}}
    if tenant is not None:
        auth["tenantName"] = tenant
    return {"auth": auth}
