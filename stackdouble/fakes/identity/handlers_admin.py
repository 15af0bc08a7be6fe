"""Keystone's admin API: domains, projects, users, groups, roles, grants, role assignments,
application credentials, regions, services and endpoints.

Each handler runs in Keystone's order (`keystone/api/*.py`): the body is validated first
(`request_body_schema`), then the policy is enforced (`ENFORCER.enforce_call`), then the
manager acts. Where Keystone builds the policy target tolerating a missing entity (projects,
users, groups), a member gets 403 before any 404; where it looks the target up first (roles
of a grant, implied roles, domains), a missing entity is 404 for everyone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from werkzeug.urls import iri_to_uri

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import (
    ForbiddenAction,
    NotFound,
    ValidationError,
)
from stackdouble.fakes.identity.handlers import (
    MAX_DB_LIMIT,
    _filters,
    _json_body,
    _model,
    _page_args,
    _v3_url,
)
from stackdouble.fakes.identity.models import (
    DEFAULT_DOMAIN_ID,
    IdentityModel,
    Project,
    TokenContext,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "add_user_to_group",
    "change_password",
    "check_implied_role",
    "check_user_in_group",
    "create_application_credential",
    "create_domain",
    "create_endpoint",
    "create_group",
    "create_implied_role",
    "create_project",
    "create_region",
    "create_role",
    "create_service",
    "create_user",
    "delete_application_credential",
    "delete_domain",
    "delete_endpoint",
    "delete_group",
    "delete_implied_role",
    "delete_project",
    "delete_region",
    "delete_role",
    "delete_service",
    "delete_user",
    "get_application_credential",
    "get_domain",
    "get_group",
    "get_implied_role",
    "grant",
    "list_application_credentials",
    "list_domains",
    "list_grants",
    "list_groups",
    "list_groups_for_user",
    "list_implied_roles",
    "list_project_tags",
    "list_projects_for_user",
    "list_role_assignments",
    "list_role_inferences",
    "list_users_in_group",
    "project_tag",
    "remove_user_from_group",
    "update_domain",
    "update_endpoint",
    "update_group",
    "update_project",
    "update_project_tags",
    "update_region",
    "update_role",
    "update_service",
    "update_user",
]

_TRUE = frozenset({"true", "1", "y", "yes", "on"})


# -- helpers ----------------------------------------------------------------------------------


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


def _bool(value: Any, default: bool = True) -> bool:
    """Keystone's boolean spellings (`parameter_types.boolean`) to a bool."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in _TRUE


def _query_true(req: FakeRequest, name: str) -> bool:
    """Keystone's `query_filter_is_true`: present and not `0`/`false`... (a bare flag is true)."""
    if name not in req.args:
        return False
    value = (req.args.get(name) or "").lower()
    return value not in ("0", "false", "f", "n", "no", "off")


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


def _require_domain(model: IdentityModel, domain_id: str) -> None:
    """A missing domain on create is Keystone's 400 (DomainNotFound turned ValidationError)."""
    if domain_id not in model.domains:
        raise ValidationError(message=f"Could not find domain: {domain_id}.")


def _matching_id(ref: dict[str, Any], item_id: str) -> None:
    if ref.get("id") is not None and ref["id"] != item_id:
        raise ValidationError(message="Cannot change ID")


_EXTRA_SKIP = frozenset({"id", "links", "options"})


def _extra(ref: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Attributes Keystone keeps in `extra` and renders back as they came."""
    return {k: v for k, v in ref.items() if k not in known and k not in _EXTRA_SKIP}


# -- domains ----------------------------------------------------------------------------------


def list_domains(req: FakeRequest) -> FakeResponse:
    """`GET /v3/domains` with `name`/`enabled` filters and Keystone 27+ paging."""
    token = req.require_token()
    enforce("identity:list_domains", token)
    marker, limit = _page_args(req)
    items = _model(req).list_domains(marker=marker, limit=limit or MAX_DB_LIMIT,
                                     filters=_filters(req, ("name", "enabled")))
    return _paged(req, "domains", items, views.domain, limit)


def create_domain(req: FakeRequest) -> FakeResponse:
    """`POST /v3/domains` (admin)."""
    ref = _body(req, sch.DOMAIN_CREATE, "domain")
    token = req.require_token()
    enforce("identity:create_domain", token)
    domain = _model(req).create_domain(
        ref["name"], enabled=_bool(ref.get("enabled")), description=ref.get("description") or "",
        domain_id=ref.get("explicit_domain_id"), tags=ref.get("tags") or ())
    return _created("domain", views.domain(domain, _v3_url(req)))


def get_domain(req: FakeRequest) -> FakeResponse:
    """`GET /v3/domains/{id}`."""
    token = req.require_token()
    domain = _model(req).get_domain(req.params["item_id"])
    enforce("identity:get_domain", token, {"id": domain.id})
    return FakeResponse.json(200, {"domain": views.domain(domain, _v3_url(req))})


def update_domain(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/domains/{id}` (admin); disabling invalidates the domain's tokens."""
    ref = _body(req, sch.DOMAIN_UPDATE, "domain")
    token = req.require_token()
    model = _model(req)
    model.get_domain(req.params["item_id"])
    enforce("identity:update_domain", token)
    domain = model.update_domain(
        req.params["item_id"], name=ref.get("name"), description=ref.get("description"),
        enabled=_bool(ref["enabled"]) if "enabled" in ref else None, tags=ref.get("tags"))
    return FakeResponse.json(200, {"domain": views.domain(domain, _v3_url(req))})


def delete_domain(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/domains/{id}` (admin); an enabled domain is 403 as in Keystone."""
    token = req.require_token()
    model = _model(req)
    model.get_domain(req.params["item_id"])
    enforce("identity:delete_domain", token)
    model.delete_domain(req.params["item_id"])
    return _no_content()


# -- projects ---------------------------------------------------------------------------------


def create_project(req: FakeRequest) -> FakeResponse:
    """`POST /v3/projects` with domain, parent, enabled and tags."""
    ref = _body(req, sch.PROJECT_CREATE).get("project", {})
    token = req.require_token()
    model = _model(req)
    # Keystone enforces on the body as sent: a domain manager must name the domain.
    enforce("identity:create_project", token,
            {"project.domain_id": ref.get("domain_id"), "project.name": ref.get("name")})
    domain_id = ref.get("domain_id") or token.domain_id
    parent_id = ref.get("parent_id")
    parent = model.projects.get(parent_id) if parent_id else None
    if domain_id is None:
        domain_id = parent.domain_id if parent is not None else DEFAULT_DOMAIN_ID
    if "name" not in ref:
        raise ValidationError("name", "project")
    _require_domain(model, str(domain_id))
    if parent_id and parent_id != domain_id:
        if parent is None:
            raise ValidationError(message=f"Could not find project: {parent_id}.")
        if parent.domain_id != domain_id:
            raise ValidationError(message=(
                "Cannot create project, the parent "
                f"({parent.id}) is in a different domain ({parent.domain_id})."))
        if not parent.enabled:
            raise ValidationError(message=(
                "cannot create a project in a branch containing a disabled project: "
                f"{parent.id}"))
    known = frozenset(sch.PROJECT_CREATE["properties"]["project"]["properties"])
    project = model.create_project(
        ref["name"], domain_id=str(domain_id), description=ref.get("description") or "",
        enabled=_bool(ref.get("enabled")), parent_id=parent_id or None,
        tags=ref.get("tags") or (), extra=_extra(ref, known))
    return _created("project", views.project(project, _v3_url(req)))


def update_project(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/projects/{id}`; disabling revokes the project's tokens."""
    ref = _body(req, sch.PROJECT_UPDATE).get("project", {})
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    enforce("identity:update_project", token, _project_target(model, project_id))
    _matching_id(ref, project_id)
    model.get_project(project_id)
    if "domain_id" in ref and ref["domain_id"] != model.projects[project_id].domain_id:
        raise ValidationError(message="Update of `domain_id` is not allowed.")
    if "parent_id" in ref and ref["parent_id"] != model.projects[project_id].parent_id:
        from stackdouble.fakes.identity.errors import Forbidden

        raise Forbidden("Update of `parent_id` is not allowed.")
    known = frozenset(sch.PROJECT_CREATE["properties"]["project"]["properties"])
    project = model.update_project(
        project_id, name=ref.get("name"), description=ref.get("description"),
        enabled=_bool(ref["enabled"]) if "enabled" in ref else None, tags=ref.get("tags"),
        extra=_extra(ref, known))
    # Keystone's PATCH answer also carries the raw `extra` dict (GET does not).
    body = views.project(project, _v3_url(req))
    body["extra"] = dict(project.extra)
    return FakeResponse.json(200, {"project": body})


def delete_project(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/projects/{id}` (a leaf only, as Keystone without cascade)."""
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    enforce("identity:delete_project", token, _project_target(model, project_id))
    model.delete_project(project_id)
    return _no_content()


def _tags_body(req: FakeRequest, project: Project) -> FakeResponse:
    # Keystone's tags self link is its bare API root (`full_url()` without a path).
    qs = req.query_string
    return FakeResponse.json(200, {"tags": sorted(project.tags),
                                   "links": {"self": _v3_url(req) + ("?" + qs if qs else "")}})


def list_project_tags(req: FakeRequest) -> FakeResponse:
    """`GET /v3/projects/{id}/tags`."""
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    enforce("identity:list_project_tags", token, _project_target(model, project_id))
    return _tags_body(req, model.get_project(project_id))


def update_project_tags(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/projects/{id}/tags` (replace) and `DELETE` (remove all)."""
    model = _model(req)
    project_id = req.params["project_id"]
    if req.method == "DELETE":
        token = req.require_token()
        enforce("identity:delete_project_tags", token, _project_target(model, project_id))
        model.update_project(project_id, tags=[])
        return _no_content()
    tags = _body(req, sch.TAGS_UPDATE).get("tags", [])
    token = req.require_token()
    enforce("identity:update_project_tags", token, _project_target(model, project_id))
    sch.validate_lazy(sch._TAGS, tags)
    project = model.update_project(project_id, tags=tags)
    return _tags_body(req, project)


def project_tag(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD`/`PUT`/`DELETE /v3/projects/{id}/tags/{value}`."""
    token = req.require_token()
    model = _model(req)
    project_id, value = req.params["project_id"], req.params["value"]
    target = _project_target(model, project_id)
    if req.method in ("GET", "HEAD"):
        enforce("identity:get_project_tag", token, target)
        if value not in model.get_project(project_id).tags:
            raise NotFound(f"Could not find project tag: {value}.")
        return _no_content()
    if req.method == "DELETE":
        enforce("identity:delete_project_tag", token, target)
        model.remove_project_tag(project_id, value)
        return _no_content()
    enforce("identity:create_project_tag", token, target)
    project = model.get_project(project_id)
    sch.validate_lazy(sch._TAG, value)
    sch.validate_lazy(sch._TAGS, [*project.tags, value])
    model.add_project_tag(project_id, value)
    # Keystone sets the raw `{base}/{project_id}/tags/{value}`; werkzeug's Response turns
    # that IRI into a URI when it writes the headers (non-ASCII, CR/LF... percent-encoded).
    location = iri_to_uri(f"{_v3_url(req)}/{project_id}/tags/{value}")
    return FakeResponse(201, b"", [("Location", location)])


# -- users ------------------------------------------------------------------------------------

_USER_KNOWN = frozenset({"name", "domain_id", "enabled", "password", "default_project_id",
                         "email", "description"})


def create_user(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users`."""
    ref = _body(req, sch.USER_CREATE, "user")
    token = req.require_token()
    model = _model(req)
    enforce("identity:create_user", token, {"user.domain_id": ref.get("domain_id")})
    domain_id = _domain_for_create(token, ref)
    _require_domain(model, domain_id)
    user = model.create_user(
        ref["name"], password=ref.get("password"), domain_id=domain_id,
        default_project_id=ref.get("default_project_id"), enabled=_bool(ref.get("enabled")),
        email=ref.get("email"), description=ref.get("description"),
        extra=_extra(ref, _USER_KNOWN))
    return _created("user", views.user(user, _v3_url(req)))


def update_user(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/users/{id}`: a new password or disabling revokes the user's tokens."""
    ref = _body(req, sch.USER_UPDATE, "user")
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:update_user", token, _user_target(model, user_id))
    user = model.get_user(user_id)
    _matching_id(ref, user_id)
    if "domain_id" in ref and ref["domain_id"] != user.domain_id:
        raise ValidationError(message="Cannot change Domain ID")
    kwargs: dict[str, Any] = {}
    for key in ("default_project_id", "email", "description"):
        if key in ref:
            kwargs[key] = ref[key]
    user = model.update_user(
        user_id, name=ref.get("name"), password=ref.get("password"),
        enabled=_bool(ref["enabled"]) if "enabled" in ref else None,
        extra=_extra(ref, _USER_KNOWN), **kwargs)
    # Keystone's PATCH answer also carries the raw `extra` dict (GET does not).
    body = views.user(user, _v3_url(req))
    body["extra"] = dict(user.extra)
    return FakeResponse.json(200, {"user": body})


def delete_user(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{id}`."""
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:delete_user", token, _user_target(model, user_id))
    model.delete_user(user_id)
    return _no_content()


def change_password(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users/{id}/password`: no token needed; the original password proves who
    asks, and every token of the user is revoked, as in Keystone."""
    body = _json_body(req)
    user = body.get("user", {})
    sch.validate_lazy(sch.PASSWORD_CHANGE, user)
    _model(req).change_password(req.params["user_id"], user["original_password"],
                                user["password"])
    return _no_content()


def list_projects_for_user(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/projects`: the projects the user has a role on."""
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:list_user_projects", token, _user_target(model, user_id))
    model.get_user(user_id)
    filters = _filters(req, ("domain_id", "enabled", "name"))
    items = [p for p in model.projects_for_user(user_id)
             if all(getattr(p, k) == v for k, v in filters.items())]
    return _collection(req, "projects", [views.project(p, _v3_url(req)) for p in items])


def list_groups_for_user(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/groups`."""
    token = req.require_token()
    model = _model(req)
    user_id = req.params["user_id"]
    enforce("identity:list_groups_for_user", token, _user_target(model, user_id))
    model.get_user(user_id)
    groups = [model.groups[g] for g in sorted(model.user_groups.get(user_id, ()))]
    name = req.args.get("name")
    if name is not None:
        groups = [g for g in groups if g.name == name]
    return _collection(req, "groups", [views.group(g, _v3_url(req)) for g in groups])


# -- groups -----------------------------------------------------------------------------------


def list_groups(req: FakeRequest) -> FakeResponse:
    """`GET /v3/groups` with `name`/`domain_id` filters and Keystone 27+ paging."""
    token = req.require_token()
    filters = _filters(req, ("name", "domain_id"))
    if token.domain_id and "domain_id" not in filters:
        filters["domain_id"] = token.domain_id
    enforce("identity:list_groups", token, {"domain_id": token.domain_id})
    marker, limit = _page_args(req)
    items = _model(req).list_groups(
        marker=marker, limit=MAX_DB_LIMIT if limit is None else limit + 1, filters=filters)
    return _paged(req, "groups", items, views.group, limit, exact=True)


def create_group(req: FakeRequest) -> FakeResponse:
    """`POST /v3/groups`."""
    ref = _body(req, sch.GROUP_CREATE, "group")
    token = req.require_token()
    model = _model(req)
    enforce("identity:create_group", token, {"group.domain_id": ref.get("domain_id")})
    domain_id = _domain_for_create(token, ref)
    _require_domain(model, domain_id)
    group = model.create_group(ref["name"], domain_id=domain_id,
                               description=ref.get("description", ""))
    return _created("group", views.group(group, _v3_url(req)))


def get_group(req: FakeRequest) -> FakeResponse:
    """`GET /v3/groups/{id}`."""
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    enforce("identity:get_group", token, _group_target(model, group_id))
    return FakeResponse.json(200, {"group": views.group(model.get_group(group_id),
                                                        _v3_url(req))})


def update_group(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/groups/{id}`."""
    ref = _body(req, sch.GROUP_UPDATE, "group")
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    enforce("identity:update_group", token, _group_target(model, group_id))
    _matching_id(ref, group_id)
    kwargs: dict[str, Any] = {"description": ref["description"]} if "description" in ref else {}
    group = model.update_group(group_id, name=ref.get("name"), **kwargs)
    return FakeResponse.json(200, {"group": views.group(group, _v3_url(req))})


def delete_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/groups/{id}`."""
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    model.get_group(group_id)
    enforce("identity:delete_group", token, _group_target(model, group_id))
    model.delete_group(group_id)
    return _no_content()


def list_users_in_group(req: FakeRequest) -> FakeResponse:
    """`GET /v3/groups/{id}/users`."""
    token = req.require_token()
    model = _model(req)
    group_id = req.params["group_id"]
    group = model.get_group(group_id)
    enforce("identity:list_users_in_group", token, _group_target(model, group.id))
    users = [model.users[u] for u in sorted(model.group_members.get(group_id, ()))
             if u in model.users]
    filters = _filters(req, ("name", "domain_id", "enabled"))
    users = [u for u in users if all(getattr(u, k) == v for k, v in filters.items())]
    return _collection(req, "users", [views.user(u, _v3_url(req)) for u in users])


def _membership(req: FakeRequest, action: str) -> tuple[IdentityModel, str, str]:
    token = req.require_token()
    model = _model(req)
    group_id, user_id = req.params["group_id"], req.params["user_id"]
    target = {**_group_target(model, group_id), **_user_target(model, user_id)}
    model.get_user(user_id)
    model.get_group(group_id)
    enforce(action, token, target)
    return model, user_id, group_id


def check_user_in_group(req: FakeRequest) -> FakeResponse:
    """`HEAD`/`GET /v3/groups/{g}/users/{u}`: 204, or 404 when not a member."""
    model, user_id, group_id = _membership(req, "identity:check_user_in_group")
    if not model.is_member(user_id, group_id):
        raise NotFound(f"User '{user_id}' not found in group '{group_id}'")
    return _no_content()


def add_user_to_group(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/groups/{g}/users/{u}`."""
    model, user_id, group_id = _membership(req, "identity:add_user_to_group")
    model.add_user_to_group(user_id, group_id)
    return _no_content()


def remove_user_from_group(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/groups/{g}/users/{u}`."""
    model, user_id, group_id = _membership(req, "identity:remove_user_from_group")
    model.remove_user_from_group(user_id, group_id)
    return _no_content()


# -- roles and implied roles ------------------------------------------------------------------


def create_role(req: FakeRequest) -> FakeResponse:
    """`POST /v3/roles` (a domain role when `domain_id` is given)."""
    ref = _body(req, sch.ROLE_CREATE, "role")
    token = req.require_token()
    domain_id = ref.get("domain_id") or None
    enforce("identity:create_domain_role" if domain_id else "identity:create_role", token)
    model = _model(req)
    if domain_id:
        _require_domain(model, domain_id)
    role = model.create_role(ref["name"], domain_id=domain_id,
                             description=ref.get("description"))
    return _created("role", views.role(role, _v3_url(req)))


def _role_action(req: FakeRequest, verb: str) -> tuple[IdentityModel, str]:
    """Keystone's role handlers: the role is looked up as the policy target is built (a
    missing one is 404 for everyone), then the policy of a global or domain role."""
    token = req.require_token()
    model = _model(req)
    role = model.get_role(req.params["item_id"])
    enforce(f"identity:{verb}_domain_role" if role.domain_id else f"identity:{verb}_role",
            token, {"role.domain_id": role.domain_id})
    return model, role.id


def update_role(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/roles/{id}`."""
    ref = _body(req, sch.ROLE_UPDATE, "role")
    model, role_id = _role_action(req, "update")
    _matching_id(ref, role_id)
    kwargs: dict[str, Any] = {"description": ref["description"]} if "description" in ref else {}
    role = model.update_role(role_id, name=ref.get("name"), **kwargs)
    return FakeResponse.json(200, {"role": views.role(role, _v3_url(req))})


def delete_role(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/roles/{id}`: its assignments, rules and application credentials go too."""
    model, role_id = _role_action(req, "delete")
    model.delete_role(role_id)
    return _no_content()


def _inference(req: FakeRequest, action: str) -> tuple[IdentityModel, Any, Any]:
    token = req.require_token()
    model = _model(req)
    prior = model.get_role(req.params["item_id"])
    implied_id = req.params.get("implied_role_id")
    implied = model.get_role(implied_id) if implied_id else None
    enforce(action, token)
    return model, prior, implied


def list_implied_roles(req: FakeRequest) -> FakeResponse:
    """`GET /v3/roles/{prior}/implies`."""
    model, prior, _ = _inference(req, "identity:list_implied_roles")
    v3 = _v3_url(req)
    implies = [views.role_ref(model.roles[i], v3) for i in model.implied_roles.get(prior.id, ())]
    return FakeResponse.json(200, {
        "role_inference": {"prior_role": views.role_ref(prior, v3), "implies": implies},
        "links": {"self": f"{v3}/roles/{prior.id}/implies"}})


def _require_inference(model: IdentityModel, prior: Any, implied: Any) -> None:
    if implied.id not in model.implied_roles.get(prior.id, ()):
        raise NotFound(f"{prior.id} does not imply {implied.id}.")


def get_implied_role(req: FakeRequest) -> FakeResponse:
    """`GET /v3/roles/{prior}/implies/{implied}`."""
    model, prior, implied = _inference(req, "identity:get_implied_role")
    _require_inference(model, prior, implied)
    return FakeResponse.json(200, views.implied_role(prior, implied, _v3_url(req)))


def check_implied_role(req: FakeRequest) -> FakeResponse:
    """`HEAD /v3/roles/{prior}/implies/{implied}`: 204 or 404."""
    model, prior, implied = _inference(req, "identity:check_implied_role")
    _require_inference(model, prior, implied)
    return _no_content()


def create_implied_role(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/roles/{prior}/implies/{implied}`: 201; `admin` can never be implied."""
    model, prior, implied = _inference(req, "identity:create_implied_role")
    from stackdouble.fakes.identity.errors import Conflict, Forbidden

    if implied.name == "admin":
        raise Forbidden(f"{implied.id} cannot be an implied roles.")
    if prior.domain_id is None and implied.domain_id:
        raise Forbidden("Global role cannot imply a domain-specific role")
    if implied.id in model.implied_roles.get(prior.id, ()):
        raise Conflict("implied_role", "Duplicate entry")
    model.add_implied_role(prior.id, implied.id)
    return FakeResponse.json(201, views.implied_role(prior, implied, _v3_url(req)))


def delete_implied_role(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/roles/{prior}/implies/{implied}`."""
    model, prior, implied = _inference(req, "identity:delete_implied_role")
    model.remove_implied_role(prior.id, implied.id)
    return _no_content()


def list_role_inferences(req: FakeRequest) -> FakeResponse:
    """`GET /v3/role_inferences`: every rule, grouped by prior role."""
    token = req.require_token()
    enforce("identity:list_role_inference_rules", token)
    model = _model(req)
    v3 = _v3_url(req)
    rules = [{"prior_role": views.role_ref(model.roles[p], v3),
              "implies": [views.role_ref(model.roles[i], v3) for i in implied]}
             for p, implied in model.implied_roles.items() if implied and p in model.roles]
    return FakeResponse.json(200, {"role_inferences": rules})


# -- grants -----------------------------------------------------------------------------------


def _grant_parts(req: FakeRequest) -> tuple[str, str, str, str]:
    """(scope kind, target id, actor kind, actor id) from a grant URL."""
    parts = req.subpath.strip("/").split("/")
    scope = {"projects": "project", "domains": "domain", "system": "system"}[parts[1]]
    if scope == "system":
        target, actor_kind = "all", parts[2]
    else:
        target, actor_kind = parts[2], parts[3]
    actor_id = req.params.get("user_id") or req.params.get("group_id") or ""
    return scope, target, "user" if actor_kind == "users" else "group", actor_id


def _grant_target(req: FakeRequest, *, tolerate_missing_actor: bool
                  ) -> tuple[IdentityModel, str, str, str, str, dict[str, Any]]:
    model = _model(req)
    scope, target_id, actor_kind, actor_id = _grant_parts(req)
    target: dict[str, Any] = {}
    role_id = req.params.get("role_id")
    if role_id is not None:
        role = model.get_role(role_id)
        target.update({"role.id": role.id, "role.name": role.name,
                       "role.domain_id": role.domain_id})
    actor = (model.users if actor_kind == "user" else model.groups).get(actor_id)
    if actor is None and not tolerate_missing_actor:
        raise NotFound(f"Could not find {actor_kind}: {actor_id}.")
    if actor is not None:
        target[f"{actor_kind}.domain_id"] = actor.domain_id
    if scope == "project":
        target["project.domain_id"] = model.get_project(target_id).domain_id
    elif scope == "domain":
        target["domain.id"] = model.get_domain(target_id).id
    return model, scope, target_id, actor_kind, actor_id, target


def grant(req: FakeRequest) -> FakeResponse:
    """`PUT`/`HEAD`/`GET`/`DELETE /v3/{projects|domains}/{id}/{users|groups}/{id}/roles/{id}`
    and `/v3/system/{users|groups}/{id}/roles/{id}`: grant, check, revoke."""
    token = req.require_token()
    method = req.method
    model, scope, target_id, actor_kind, actor_id, target = _grant_target(
        req, tolerate_missing_actor=method == "DELETE")
    role_id = req.params["role_id"]
    system = scope == "system"
    kind = "system_grant_for_" + actor_kind if system else "grant"
    if method in ("GET", "HEAD"):
        enforce(f"identity:check_{kind}", token, target)
    elif method == "PUT":
        enforce(f"identity:create_{kind}", token, target)
    else:
        enforce(f"identity:revoke_{kind}", token, target)
    entry = (actor_kind, actor_id, scope, target_id, role_id)
    if method == "PUT":
        model.grant_role(role_id, user=actor_id if actor_kind == "user" else None,
                         group=actor_id if actor_kind == "group" else None,
                         project=target_id if scope == "project" else None,
                         domain=target_id if scope == "domain" else None, system=system)
        return _no_content()
    if entry not in model.assignments:
        raise NotFound(f"Could not find role assignment with role: {role_id}, user or group: "
                       f"{actor_id}, project, domain, or system: {target_id}.")
    if method == "DELETE":
        model._drop_assignment(entry)
    return _no_content()


def list_grants(req: FakeRequest) -> FakeResponse:
    """`GET /v3/{projects|domains}/{id}/{users|groups}/{id}/roles` (and system's)."""
    token = req.require_token()
    model, scope, target_id, actor_kind, actor_id, target = _grant_target(
        req, tolerate_missing_actor=False)
    if scope == "system":
        enforce(f"identity:list_system_grants_for_{actor_kind}", token, target)
    else:
        enforce("identity:list_grants", token, target)
    v3 = _v3_url(req)
    roles = [views.role(model.roles[r], v3)
             for r in model.direct_role_ids(actor_id, scope, target_id) if r in model.roles]
    return _collection(req, "roles", roles)


def list_role_assignments(req: FakeRequest) -> FakeResponse:
    """`GET /v3/role_assignments` with Keystone's filters, `effective`, `include_names` and
    `include_subtree`."""
    token = req.require_token()
    args = req.args
    _check_assignment_query(req)
    subtree = _query_true(req, "include_subtree")
    if subtree:
        project_id = args.get("scope.project.id")
        target: dict[str, Any] = {"domain_id": token.domain_id}
        if project_id:
            target = {"domain_id": _model(req).get_project(project_id).domain_id}
        enforce("identity:list_role_assignments_for_tree", token, target)
        if not project_id:
            raise ValidationError(message="scope.project.id must be specified if "
                                          "include_subtree is also specified")
    else:
        enforce("identity:list_role_assignments", token, {"domain_id": token.domain_id})
    for a, b, text in (("scope.domain.id", "scope.project.id",
                        "Specify a domain or project, not both"),
                       ("scope.domain.id", "scope.system", "Specify system or domain, not both"),
                       ("scope.project.id", "scope.system",
                        "Specify system or project, not both"),
                       ("user.id", "group.id", "Specify a user or group, not both")):
        if args.get(a) and args.get(b):
            raise ValidationError(message=text)
    effective = _query_true(req, "effective")
    if effective and args.get("group.id"):
        raise ValidationError(message="Combining effective and group filter will always "
                                      "result in an empty list.")
    model = _model(req)
    refs = model.role_assignments(
        user_id=args.get("user.id") or None, group_id=args.get("group.id") or None,
        role_id=args.get("role.id") or None, project_id=args.get("scope.project.id") or None,
        domain_id=args.get("scope.domain.id") or None, system=bool(args.get("scope.system")),
        effective=effective, subtree=subtree)
    if token.domain_id:
        refs = [r for r in refs if r.get("domain_id") == token.domain_id or (
            "project_id" in r and getattr(model.projects.get(r["project_id"]), "domain_id",
                                          None) == token.domain_id)]
    names = _query_true(req, "include_names")
    v3 = _v3_url(req)
    return _collection(req, "role_assignments",
                       [views.role_assignment(model, r, v3, include_names=names) for r in refs])


def _check_assignment_query(req: FakeRequest) -> None:
    """Keystone's `role_assignments_index_request_query`, whose effective checks are its
    `oneOf` on user/group and `dependentRequired` of include_subtree (the others are
    overwritten by duplicate keys in Keystone's dict)."""
    args = req.args
    for name in ("group.id", "role.id"):
        value = args.get(name)
        error = sch.first_error(sch._ID, value) if value is not None else None
        if error is not None:
            raise ValidationError(message=(
                f"Invalid input for query parameters {name}. Value: {value}. "
                f"{error.message}"))
    if "user.id" in args and "group.id" in args:
        raise ValidationError(message=(
            f"ImmutableMultiDict({args.items()!r}) is valid under each of "
            "{'required': ['group.id']}, {'required': ['user.id']}"))
    if "include_subtree" in args and "scope.project.id" not in args:
        raise ValidationError(message="'scope.project.id' is a dependency of 'include_subtree'")


# -- application credentials ------------------------------------------------------------------


def list_application_credentials(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/application_credentials` (`name` filter)."""
    token = req.require_token()
    user_id = req.params["user_id"]
    enforce("identity:list_application_credentials", token, {"user_id": user_id})
    model = _model(req)
    name = req.args.get("name")
    creds = [c for c in model.application_credentials.values()
             if c.user_id == user_id and (name is None or c.name == name)]
    v3 = _v3_url(req)
    return _collection(req, "application_credentials",
                       [views.application_credential(c, model, v3) for c in creds])


def create_application_credential(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users/{id}/application_credentials`: the secret is shown once; the roles
    are the token's (or a subset of them, implied roles added), on the token's project."""
    ref = _body(req, sch.APP_CRED_CREATE, "application_credential")
    token = req.require_token()
    user_id = req.params["user_id"]
    enforce("identity:create_application_credential", token, {"user_id": user_id})
    model = _model(req)
    _check_unrestricted(model, token)
    if token.user_id != user_id:
        raise ForbiddenAction("Cannot create an application credential for another user.")
    role_ids = _app_cred_roles(model, token, ref.get("roles"))
    project_id = token.project_id
    if project_id is None or any(
            r not in model.effective_role_ids(user_id, "project", project_id) for r in role_ids):
        missing = role_ids[0] if role_ids else ""
        raise ValidationError(message=(
            "Invalid application credential: Could not find role assignment with role: "
            f"{missing}, user or group: {user_id}, project, domain, or system: {project_id}."))
    expires_at = _expiry(ref.get("expires_at"))
    if expires_at is not None and expires_at <= model._cloud.clock.now():
        raise ValidationError(message=(
            "The 'expires_at' must not be before now. The server could not comply with the "
            "request since it is either malformed or otherwise incorrect. The client is "
            "assumed to be in error."))
    cred_id, _ = model.create_application_credential(
        user_id, ref["name"], secret=ref.get("secret") or model._ids.secret(64),
        roles=role_ids, expires_at=expires_at, project=project_id,
        unrestricted=ref.get("unrestricted"))
    cred = model.application_credentials[cred_id]
    cred.description = ref.get("description")
    return _created("application_credential", views.application_credential(
        cred, model, _v3_url(req), with_secret=True))


def _check_unrestricted(model: IdentityModel, token: TokenContext) -> None:
    if token.app_cred_id:
        cred = model.application_credentials.get(token.app_cred_id)
        if cred is None or not cred.unrestricted:
            raise ForbiddenAction("Using method 'application_credential' is not allowed for "
                                  "managing additional application credentials.")


def _app_cred_roles(model: IdentityModel, token: TokenContext, requested: Any) -> list[str]:
    if not requested:
        return list(token.role_ids)
    ids: list[str] = []
    for item in requested:
        if item.get("id"):
            ids.append(model.get_role(str(item["id"])).id)
        else:
            matches = [r for r in model.roles.values() if r.name == item.get("name")
                       and r.domain_id is None]
            if not matches:
                raise NotFound(f"Could not find role: {item.get('name')}.")
            ids.append(matches[0].id)
    for role_id in model.expand_implied(ids):
        if role_id not in ids:
            ids.append(role_id)
    for role_id in ids:
        if role_id not in token.role_ids:
            raise ValidationError(message="Invalid application credential: Cannot create an "
                                          "application credential with unassigned role")
    return ids


def _expiry(value: Any) -> datetime | None:
    if not value:
        return None
    text = str(value).strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(message=(
            "Timestamp not in expected format. The server could not comply with the request "
            "since it is either malformed or otherwise incorrect. The client is assumed to be "
            "in error.")) from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _cred_of(req: FakeRequest, action: str) -> tuple[IdentityModel, Any, TokenContext]:
    token = req.require_token()
    model = _model(req)
    cred_id = req.params["application_credential_id"]
    found = model.application_credentials.get(cred_id)
    owner = found.user_id if found is not None else req.params["user_id"]
    enforce(action, token, {"user_id": owner})
    cred = model.get_application_credential(cred_id)
    return model, cred, token


def get_application_credential(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{id}/application_credentials/{id}` (no secret)."""
    model, cred, _ = _cred_of(req, "identity:get_application_credential")
    return FakeResponse.json(200, {"application_credential": views.application_credential(
        cred, model, _v3_url(req))})


def delete_application_credential(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{id}/application_credentials/{id}`: its tokens stop working."""
    model, cred, token = _cred_of(req, "identity:delete_application_credential")
    _check_unrestricted(model, token)
    model.delete_application_credential(cred.id)
    return _no_content()


# -- regions, services, endpoints --------------------------------------------------------------


def create_region(req: FakeRequest) -> FakeResponse:
    """`POST /v3/regions` (an id is generated when none is given)."""
    ref = _body(req, sch.REGION_CREATE, "region")
    token = req.require_token()
    enforce("identity:create_region", token)
    region = _model(req).create_region(
        ref.get("id"), description=ref.get("description") or "",
        parent_region_id=ref.get("parent_region_id"),
        extra=_extra(ref, frozenset({"description", "parent_region_id"})))
    return _created("region", views.region(region, _v3_url(req)))


def update_region(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/regions/{id}`."""
    ref = _body(req, sch.REGION_UPDATE, "region")
    token = req.require_token()
    model = _model(req)
    model.get_region(req.params["item_id"])
    enforce("identity:update_region", token)
    kwargs: dict[str, Any] = ({"parent_region_id": ref["parent_region_id"]}
                              if "parent_region_id" in ref else {})
    region = model.update_region(req.params["item_id"], description=ref.get("description"),
                                 **kwargs)
    return FakeResponse.json(200, {"region": views.region(region, _v3_url(req))})


def delete_region(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/regions/{id}` (403 while it has endpoints)."""
    token = req.require_token()
    model = _model(req)
    model.get_region(req.params["item_id"])
    enforce("identity:delete_region", token)
    model.delete_region(req.params["item_id"])
    return _no_content()


def create_service(req: FakeRequest) -> FakeResponse:
    """`POST /v3/services`."""
    ref = _body(req, sch.SERVICE_CREATE, "service")
    token = req.require_token()
    enforce("identity:create_service", token)
    service = _model(req).add_service(ref["type"], ref.get("name") or "",
                                      enabled=_bool(ref.get("enabled")),
                                      description=ref.get("description"))
    return _created("service", views.service(service, _v3_url(req)))


def update_service(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/services/{id}`."""
    ref = _body(req, sch.SERVICE_UPDATE, "service")
    token = req.require_token()
    model = _model(req)
    model.get_service(req.params["item_id"])
    enforce("identity:update_service", token)
    service = model.update_service(
        req.params["item_id"], type=ref.get("type"), name=ref.get("name"),
        enabled=_bool(ref["enabled"]) if "enabled" in ref else None,
        description=ref.get("description"))
    return FakeResponse.json(200, {"service": views.service(service, _v3_url(req))})


def delete_service(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/services/{id}` (its endpoints go too)."""
    token = req.require_token()
    model = _model(req)
    model.get_service(req.params["item_id"])
    enforce("identity:delete_service", token)
    model.delete_service(req.params["item_id"])
    return _no_content()


def _endpoint_region(model: IdentityModel, ref: dict[str, Any]) -> str | None:
    region_id = ref.get("region_id") or ref.get("region")
    if region_id and region_id not in model.regions:
        raise ValidationError("endpoint region_id", "region table")
    return str(region_id) if region_id else None


def create_endpoint(req: FakeRequest) -> FakeResponse:
    """`POST /v3/endpoints`: shows in the catalog of tokens issued from now on."""
    ref = _body(req, sch.ENDPOINT_CREATE, "endpoint")
    token = req.require_token()
    enforce("identity:create_endpoint", token)
    model = _model(req)
    if ref["service_id"] not in model.services:
        raise ValidationError("endpoint service_id", "service table")
    region = _endpoint_region(model, ref)
    endpoint = model.add_endpoint(ref["service_id"], ref["interface"], ref["url"],
                                  region or "RegionOne", enabled=_bool(ref.get("enabled")))
    if region is None:
        endpoint.region_id = None  # type: ignore[assignment]
    return _created("endpoint", views.endpoint(endpoint, _v3_url(req)))


def update_endpoint(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/endpoints/{id}`."""
    ref = _body(req, sch.ENDPOINT_UPDATE, "endpoint")
    token = req.require_token()
    model = _model(req)
    model.get_endpoint(req.params["item_id"])
    enforce("identity:update_endpoint", token)
    if "service_id" in ref and ref["service_id"] not in model.services:
        raise ValidationError("endpoint service_id", "service table")
    endpoint = model.update_endpoint(
        req.params["item_id"], interface=ref.get("interface"), url=ref.get("url"),
        region_id=_endpoint_region(model, ref), service_id=ref.get("service_id"),
        enabled=_bool(ref["enabled"]) if "enabled" in ref else None)
    return FakeResponse.json(200, {"endpoint": views.endpoint(endpoint, _v3_url(req))})


def delete_endpoint(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/endpoints/{id}`."""
    token = req.require_token()
    model = _model(req)
    model.get_endpoint(req.params["item_id"])
    enforce("identity:delete_endpoint", token)
    model.delete_endpoint(req.params["item_id"])
    return _no_content()
