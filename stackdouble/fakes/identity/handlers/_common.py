"""What the identity handlers share: the body rule, URLs, paging and rendering helpers,
and the policy targets Keystone builds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import (
    NotFound,
    Unauthorized,
    ValidationError,
)
from stackdouble.fakes.identity.models import (
    DEFAULT_DOMAIN_ID,
    Domain,
    IdentityModel,
    Project,
    TokenContext,
)


def _model(req: FakeRequest) -> IdentityModel:
    return req.cloud.identity


def _identity_url(req: FakeRequest) -> str:
    return req.base_url + "/identity"


def _v3_url(req: FakeRequest) -> str:
    return req.base_url + "/identity/v3"


def _json_body(req: FakeRequest) -> dict[str, Any]:
    """Keystone's JSON body rule: empty is `{}`; otherwise JSON content and a JSON object."""
    raw = req.body
    if not raw:
        return {}
    ctype = req.content_type
    mimetype = ctype.split(";", 1)[0].strip().lower()
    is_json = mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json"))
    if not (is_json or ctype == ""):
        raise ValidationError("application/json", "Content-Type header")
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        raise ValidationError("valid JSON", "request body") from None
    if not isinstance(doc, dict):
        raise ValidationError("valid JSON", "request body")
    return doc


def _token_response(status: int, body: Any, token_id: str) -> FakeResponse:
    return FakeResponse.json(status, body, [("X-Subject-Token", token_id)])


def _lookup_domain(model: IdentityModel, info: Any) -> Domain:
    """A domain from `{"id"}` or `{"name"}`: unknown or disabled is 401."""
    if not isinstance(info, dict):
        raise ValidationError("id or name", "domain")
    name, domain_id = info.get("name"), info.get("id")
    if not name and not domain_id:
        raise ValidationError("id or name", "domain")
    found = model.domain_by_name(name) if name else model.domains.get(str(domain_id))
    if found is None or not found.enabled:
        raise Unauthorized()
    return found


def _lookup_project(model: IdentityModel, info: dict[str, Any]) -> Project:
    """A project from `{"id"}` or `{"name", "domain"}`: unknown or disabled is 401."""
    name = info.get("name")
    if name:
        if "domain" not in info:
            raise ValidationError("domain", "project")
        domain = _lookup_domain(model, info["domain"])
        project = model.project_by_name(name, domain.id)
    else:
        project = model.projects.get(str(info.get("id")))
        if project is not None:
            _lookup_domain(model, {"id": project.domain_id})
    if project is None or not project.enabled:
        raise Unauthorized()
    return project


def _user_from_info(model: IdentityModel, info: Any, target: str | None) -> Any:
    """Keystone's BaseUserInfo: the user from `{"id"}` or `{"name", "domain"}`, enabled."""
    if not isinstance(info, dict):
        raise ValidationError("user", target)
    user_id, name = info.get("id"), info.get("name")
    if not user_id and not name:
        raise ValidationError("id or name", "user")
    if name:
        if "domain" not in info:
            raise ValidationError("domain", "user")
        domain = _lookup_domain(model, info["domain"])
        user = model.user_by_name(name, domain.id) if isinstance(name, str) else None
    else:
        user = model.users.get(str(user_id))
        if user is not None:
            _lookup_domain(model, {"id": user.domain_id})
    if user is None or not user.enabled:
        raise Unauthorized()
    return user


def _list(req: FakeRequest, key: str, items: list[Any], render: Any,
          limit: int | None, marker: str | None, *, exact: bool = False) -> FakeResponse:
    """Keystone 27+ paging: a full page gets `links.next` (absolute) and `truncated`.

    With `exact`, `items` holds one more than `limit` when more follow, and only then is
    the page marked: Keystone's identity backend (users, groups) asks its database for one
    row more, while the resource backend (projects, domains) marks every full page.
    """
    v3 = _v3_url(req)
    path_url = v3 + "/" + key
    qs = req.query_string
    if exact:
        full = limit is not None and len(items) > limit
        items = items[:limit] if limit is not None else items
    else:
        full = limit is not None and len(items) >= (limit or sch.MAX_DB_LIMIT) and bool(items)
    next_url = None
    if full and items:
        next_url = views.next_page_url(path_url, req.args.to_dict(), marker=items[-1].id,
                                       limit=limit or 0)
    body = views.collection(key, [render(i, v3) for i in items],
                            self_url=path_url + ("?" + qs if qs else ""),
                            next_url=next_url, truncated=full)
    return FakeResponse.json(200, body)


def _body(req: FakeRequest, schema: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    """The JSON body, checked against Keystone's schema; `body[key]` when a key is given."""
    body = _json_body(req)
    try:
        sch.validate_body(schema, body)
    except RecursionError:
        raise ValidationError("valid JSON", "request body") from None
    if key is None:
        return body
    inner = body.get(key)
    if not isinstance(inner, dict):
        raise ValidationError(key, "request body")
    return inner


def _self_url(req: FakeRequest) -> str:
    qs = req.query_string
    return req.base_url + req.path.rstrip("/") + ("?" + qs if qs else "")


def _collection(req: FakeRequest, key: str, members: list[dict[str, Any]]) -> FakeResponse:
    return FakeResponse.json(200, views.collection(key, members, self_url=_self_url(req)))


def _paged(req: FakeRequest, key: str, items: list[Any], render: Callable[..., Any],
           limit: int | None, *, exact: bool = False) -> FakeResponse:
    """Keystone 27+ paging: a full page gets an absolute `links.next` and `truncated`.

    With `exact` (groups, as users: Keystone's identity backend fetches one row more),
    `items` holds `limit + 1` when more follow, and only then is the page marked.
    """
    v3 = _v3_url(req)
    if exact:
        full = limit is not None and len(items) > limit
        items = items[:limit] if limit is not None else items
    else:
        full = limit is not None and bool(items) and len(items) >= limit
    next_url = None
    if full and items:  # `limit=0`: an empty, truncated page, as users get (`_list`)
        next_url = views.next_page_url(req.base_url + req.path.rstrip("/"), req.args.to_dict(),
                                       marker=items[-1].id, limit=limit or 0)
    body = views.collection(key, [render(i, v3) for i in items], self_url=_self_url(req),
                            next_url=next_url, truncated=full)
    return FakeResponse.json(200, body)


def _created(key: str, member: dict[str, Any]) -> FakeResponse:
    return FakeResponse.json(201, {key: member})


def _no_content() -> FakeResponse:
    return FakeResponse(204)


def _project_target(model: IdentityModel, project_id: str | None) -> dict[str, Any]:
    project = model.projects.get(project_id or "")
    if project is None:
        return {}
    return {"project.id": project.id, "project.domain_id": project.domain_id}


def _user_target(model: IdentityModel, user_id: str | None) -> dict[str, Any]:
    user = model.users.get(user_id or "")
    if user is None:
        return {"user_id": user_id}
    return {"user.id": user.id, "user.domain_id": user.domain_id, "user_id": user_id}


def _group_target(model: IdentityModel, group_id: str | None) -> dict[str, Any]:
    group = model.groups.get(group_id or "")
    if group is None:
        return {}
    return {"group.id": group.id, "group.domain_id": group.domain_id}


def _domain_for_create(token: TokenContext, ref: dict[str, Any]) -> str:
    """Keystone's `_normalize_domain_id`: the body's, else the token's domain, else Default."""
    return str(ref.get("domain_id") or token.domain_id or DEFAULT_DOMAIN_ID)


def _require_domain(model: IdentityModel, domain_id: str, *, missing: int = 400) -> None:
    """A missing domain on create: Keystone 30 answers a project's with 400 (its
    DomainNotFound turned ValidationError) and a user's or a group's with a plain 404."""
    if domain_id not in model.domains:
        message = f"Could not find domain: {domain_id}."
        if missing == 404:
            raise NotFound(message)
        raise ValidationError(message=message)


def _matching_id(ref: dict[str, Any], item_id: str) -> None:
    if ref.get("id") is not None and ref["id"] != item_id:
        raise ValidationError(message="Cannot change ID")


_EXTRA_SKIP = frozenset({"id", "links", "options"})


def _extra(ref: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Attributes Keystone keeps in `extra` and renders back as they came."""
    return {k: v for k, v in ref.items() if k not in known and k not in _EXTRA_SKIP}
