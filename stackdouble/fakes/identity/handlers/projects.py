"""Projects and their tags (the fake of `client/openstack/identity/v3/projects/`).

As `keystone/api/projects.py` and `keystone/resource/core.py`: a domain is also a project
acting as one (`is_domain`), which `POST /v3/projects` can create and the other calls reach
by its id; `GET /v3/projects/{id}` expands the hierarchy on request (`parents_as_list`,
`parents_as_ids`, `subtree_as_list`, `subtree_as_ids`, `include_limits`).
"""

from __future__ import annotations

from typing import Any

from werkzeug.urls import iri_to_uri

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import (
    Forbidden,
    NotFound,
    ValidationError,
)
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _created,
    _extra,
    _list,
    _matching_id,
    _model,
    _no_content,
    _project_target,
    _require_domain,
    _v3_url,
)
from stackdouble.fakes.identity.models import (
    DEFAULT_DOMAIN_ID,
    Domain,
    IdentityModel,
    Project,
    TokenContext,
)
from stackdouble.fakes.identity.models.projects import MAX_PROJECT_TREE_DEPTH
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_project",
    "delete_project",
    "get_project",
    "list_project_tags",
    "list_projects",
    "project_tag",
    "update_project",
    "update_project_tags",
]


#: Keystone's `parameter_types.boolean`, the query schema of `is_domain` and `enabled`.
_BOOLEAN_WORDS = ("True", "TRUE", "true", "False", "FALSE", "false", "", "1", "0", "y", "Y",
                  "n", "N", "on", "ON", "off", "OFF", "yes", "no")
_BOOLEAN_SHOWN = ("[True, 'True', 'TRUE', 'true', False, 'False', 'FALSE', 'false', '', '1', "
                  "'0', 'y', 'Y', 'n', 'N', 'on', 'ON', 'off', 'OFF', 'yes', 'no']")


def _check_boolean_query(req: FakeRequest, name: str) -> None:
    """Keystone 30's `project_index_request_query`: a boolean filter must be one of its
    spellings (a 400 naming them otherwise)."""
    value = req.args.get(name)
    if value is not None and value not in _BOOLEAN_WORDS:
        raise ValidationError(message=(
            f"Invalid input for field/attribute {name}. Value: {value}. "
            f"'{value}' is not one of {_BOOLEAN_SHOWN}"))


def list_projects(req: FakeRequest) -> FakeResponse:
    """`GET /v3/projects` with filters and `limit`/`marker` paging; `is_domain=true` lists
    the domains as projects. A domain-scoped token sees only its domain's projects (its
    domain is the policy target, whatever the filters say)."""
    token = req.require_token()
    for name in ("is_domain", "enabled"):
        _check_boolean_query(req, name)
    filters = sch.query_filters(req.args, ("name", "domain_id", "enabled", "parent_id"))
    enforce("identity:list_projects", token,
            {"domain_id": token.domain_id} if token.domain_id else {})
    marker, limit = sch.page_args(req.args)
    if sch.parse_bool(req.args.get("is_domain"), default=False):
        return _list_domains_as_projects(req, token, filters, marker, limit)
    if token.domain_id and filters.setdefault("domain_id", token.domain_id) != token.domain_id:
        return _list(req, "projects", [], views.project, limit, marker)
    items = _model(req).list_projects(marker=marker, limit=limit or sch.MAX_DB_LIMIT,
                                      filters=filters)
    return _list(req, "projects", items, views.project, limit, marker)


def _list_domains_as_projects(req: FakeRequest, token: TokenContext, filters: dict[str, Any],
                              marker: str | None, limit: int | None) -> FakeResponse:
    """The domains as projects acting as domains: they have no domain and no parent, so a
    `domain_id` or `parent_id` filter, or a domain-scoped token, matches none."""
    if token.domain_id or "domain_id" in filters or "parent_id" in filters:
        return _list(req, "projects", [], views.domain_project, limit, marker)
    items = _model(req).list_domains(marker=marker, limit=limit or sch.MAX_DB_LIMIT,
                                     filters=filters)
    return _list(req, "projects", items, views.domain_project, limit, marker)


def _get_target(found: Project | Domain | None) -> dict[str, Any]:
    """`identity:get_project`'s target: the project (a domain's has no domain)."""
    if found is None:
        return {}
    return {"id": found.id, "domain_id": found.domain_id if isinstance(found, Project) else None}


def _render(found: Project | Domain, v3: str) -> dict[str, Any]:
    if isinstance(found, Domain):
        return views.domain_project(found, v3)
    return views.project(found, v3)


def _flag(req: FakeRequest, name: str) -> bool:
    """Keystone's `query_filter_is_true`: present and not `0` (`?parents_as_list` is true,
    and so is `?parents_as_list=false`)."""
    return name in req.args and req.args.get(name) != "0"


def _hierarchy(req: FakeRequest, model: IdentityModel, token: TokenContext,
               project_id: str) -> dict[str, Any]:
    """`parents` and `subtree` as `ProjectResource._expand_project_ref` adds them: the
    lists hold only projects the caller's user has a role on (each wrapped as
    `{"project": ...}`, with its `limits` on `include_limits`); the id trees hold all.

    Raises:
        ValidationError: Both forms of the parents, or of the subtree, asked for.
    """
    parents_list, parents_ids = _flag(req, "parents_as_list"), _flag(req, "parents_as_ids")
    subtree_list, subtree_ids = _flag(req, "subtree_as_list"), _flag(req, "subtree_as_ids")
    if parents_list and parents_ids:
        raise ValidationError(message="Cannot use parents_as_list and parents_as_ids query "
                                      "params at the same time.")
    if subtree_list and subtree_ids:
        raise ValidationError(message="Cannot use subtree_as_list and subtree_as_ids query "
                                      "params at the same time.")
    out: dict[str, Any] = {}
    if parents_list or subtree_list:
        mine = {p.id for p in model.projects_for_user(token.user_id)}
        limits = _flag(req, "include_limits")
        v3 = _v3_url(req)

        def members(ids: list[str]) -> list[dict[str, Any]]:
            return [{"project": _with_limits(model, model.projects[i], v3, limits)}
                    for i in ids if i in mine and i in model.projects]

        if parents_list:
            out["parents"] = members(model.project_parent_ids(project_id))
        if subtree_list:
            out["subtree"] = members(model.project_subtree_ids(project_id))
    if parents_ids:
        out["parents"] = model.parents_as_ids(project_id)
    if subtree_ids:
        out["subtree"] = model.subtree_as_ids(project_id)
    return out


def _with_limits(model: IdentityModel, project: Project, v3: str,
                 limits: bool) -> dict[str, Any]:
    body = views.project(project, v3)
    if limits:  # Keystone's `_include_limits`: the driver's refs, without links
        body["limits"] = [
            {k: v for k, v in views.limit(lim, model.limit_registration(lim), v3).items()
             if k != "links"}
            for lim in model.list_limits(project_id=project.id)]
    return body


def get_project(req: FakeRequest) -> FakeResponse:
    """`GET /v3/projects/{project_id}` (a domain's id shows it as a project acting as one),
    with the hierarchy options."""
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    # Keystone builds the policy target tolerating a missing project: 403 before 404.
    enforce("identity:get_project", token,
            _get_target(model.projects.get(project_id) or model.domains.get(project_id)))
    found = model.project_or_domain(project_id)
    body = _render(found, _v3_url(req))
    body.update(_hierarchy(req, model, token, found.id))
    return FakeResponse.json(200, {"project": body})


def create_project(req: FakeRequest) -> FakeResponse:
    """`POST /v3/projects` with domain, parent, enabled and tags; `is_domain` creates a
    domain (a root: no domain, no parent)."""
    ref = _body(req, sch.PROJECT_CREATE).get("project", {})
    token = req.require_token()
    model = _model(req)
    # Keystone enforces on the body as sent: a domain manager must name the domain.
    enforce("identity:create_project", token,
            {"project.domain_id": ref.get("domain_id"), "project.name": ref.get("name")})
    if "name" not in ref:
        raise ValidationError("name", "project")
    if sch.parse_bool(ref.get("is_domain"), default=False):
        return _create_domain_project(req, ref)
    # `_normalize_domain_id`: the body's domain, else the token's, else Default (never the
    # parent's); a top-level project's parent is its domain.
    domain_id = str(ref.get("domain_id") or token.domain_id or DEFAULT_DOMAIN_ID)
    parent_id = str(ref.get("parent_id") or domain_id)
    _require_domain(model, domain_id)
    _check_parent(model, domain_id, parent_id)
    known = frozenset(sch.PROJECT_CREATE["properties"]["project"]["properties"])
    project = model.create_project(
        ref["name"].strip(), domain_id=domain_id, description=ref.get("description") or "",
        enabled=sch.parse_bool(ref.get("enabled")), parent_id=parent_id,
        tags=ref.get("tags") or (), extra=_extra(ref, known))
    return _created("project", views.project(project, _v3_url(req)))


def _check_parent(model: IdentityModel, domain_id: str, parent_id: str) -> None:
    """Keystone's `_assert_regular_project_constraints`, the enabled branch and the depth.

    Raises:
        ValidationError: No such parent, a parent in another domain (or another domain as
            the parent), a disabled project (or domain) in the branch.
        Forbidden: The branch is already `MAX_PROJECT_TREE_DEPTH` deep.
    """
    parent = model.projects.get(parent_id) or model.domains.get(parent_id)
    if parent is None:
        raise ValidationError(message=f"Could not find project: {parent_id}.")
    if isinstance(parent, Domain) and parent.id != domain_id:
        raise ValidationError(message=(
            f"Cannot create project, the parent ({parent.id}) is acting as a domain, but "
            f"this project's domain id ({domain_id}) does not match the parent's id."))
    if isinstance(parent, Project) and parent.domain_id != domain_id:
        raise ValidationError(message=(
            f"Cannot create project, since it specifies its domain_id {domain_id}, but "
            f"specifies a parent in a different domain ({parent.domain_id})."))
    disabled = model.disabled_in_branch(parent_id)
    if disabled is not None:
        raise ValidationError(message=(
            f"cannot create a project in a branch containing a disabled project: {disabled}"))
    # `_assert_max_hierarchy_depth`: the parent's parents and the parent, plus one.
    if len(model.project_parent_ids(parent_id)) + 2 > MAX_PROJECT_TREE_DEPTH + 1:
        raise Forbidden(f"Max hierarchy depth reached for {parent_id} branch.")


def _create_domain_project(req: FakeRequest, ref: dict[str, Any]) -> FakeResponse:
    """`POST /v3/projects` with `is_domain: true`: a domain, shown as a project.

    Raises:
        ValidationError: A parent or a domain given ("only root projects...").
        Conflict: A domain of that name exists.
    """
    if ref.get("parent_id") or ref.get("domain_id"):
        raise ValidationError(message="only root projects are allowed to act as domains.")
    domain = _model(req).create_domain(
        ref["name"].strip(), enabled=sch.parse_bool(ref.get("enabled")),
        description=ref.get("description") or "", tags=ref.get("tags") or ())
    return _created("project", views.domain_project(domain, _v3_url(req)))


def update_project(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/projects/{id}` (a domain's id changes the domain); disabling revokes the
    project's tokens. Keystone's order: domain, parent, `is_domain`, enabled, name."""
    ref = _body(req, sch.PROJECT_UPDATE).get("project", {})
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    enforce("identity:update_project", token, _project_target(model, project_id))
    _matching_id(ref, project_id)
    found = model.project_or_domain(project_id)
    project = found if isinstance(found, Project) else None
    if "domain_id" in ref and ref["domain_id"] != (project and project.domain_id):
        raise ValidationError(message="Cannot change Domain ID")
    if "parent_id" in ref and ref["parent_id"] != (project and project.parent_id):
        raise Forbidden("Update of `parent_id` is not allowed.")
    if "is_domain" in ref and ref["is_domain"] != (project is None):
        raise ValidationError(message="Update of `is_domain` is not allowed.")
    name = ref["name"].strip() if isinstance(ref.get("name"), str) else None
    enabled = sch.parse_bool(ref["enabled"]) if "enabled" in ref else None
    v3 = _v3_url(req)
    if project is None:  # a domain may be disabled whatever its projects are
        domain = model.update_domain(project_id, name=name, description=ref.get("description"),
                                     enabled=enabled, tags=ref.get("tags"))
        body = views.domain_project(domain, v3)
    else:
        known = frozenset(sch.PROJECT_CREATE["properties"]["project"]["properties"])
        project = model.update_project(
            project_id, name=name, description=ref.get("description"), enabled=enabled,
            tags=ref.get("tags"), extra=_extra(ref, known))
        body = views.project(project, v3)
    # Keystone's PATCH answer also carries the raw `extra` dict (GET does not).
    body["extra"] = dict(project.extra) if project is not None else {}
    return FakeResponse.json(200, {"project": body})


def delete_project(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/projects/{id}` (a leaf only, as Keystone without cascade); a domain's id
    deletes the domain and everything in it, once it is disabled."""
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    enforce("identity:delete_project", token, _project_target(model, project_id))
    if isinstance(model.project_or_domain(project_id), Domain):
        model.delete_domain(project_id)
    else:
        model.delete_project(project_id)
    return _no_content()


def _tags_body(req: FakeRequest, tags: list[str]) -> FakeResponse:
    # Keystone's tags self link is its bare API root (`full_url()` without a path).
    qs = req.query_string
    return FakeResponse.json(200, {"tags": sorted(tags),
                                   "links": {"self": _v3_url(req) + ("?" + qs if qs else "")}})


def _set_tags(model: IdentityModel, project_id: str, tags: list[str]) -> list[str]:
    """Replace the tags of a project, or of a domain (a project acting as one)."""
    if isinstance(model.project_or_domain(project_id), Domain):
        return model.update_domain(project_id, tags=list(dict.fromkeys(tags))).tags
    return model.update_project(project_id, tags=tags).tags


def list_project_tags(req: FakeRequest) -> FakeResponse:
    """`GET /v3/projects/{id}/tags` (a domain's id: the domain's)."""
    token = req.require_token()
    model = _model(req)
    project_id = req.params["project_id"]
    enforce("identity:list_project_tags", token, _project_target(model, project_id))
    return _tags_body(req, model.project_or_domain(project_id).tags)


def update_project_tags(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/projects/{id}/tags` (replace) and `DELETE` (remove all)."""
    model = _model(req)
    project_id = req.params["project_id"]
    if req.method == "DELETE":
        token = req.require_token()
        enforce("identity:delete_project_tags", token, _project_target(model, project_id))
        _set_tags(model, project_id, [])
        return _no_content()
    tags = _body(req, sch.TAGS_UPDATE).get("tags", [])
    token = req.require_token()
    enforce("identity:update_project_tags", token, _project_target(model, project_id))
    sch.validate_lazy(sch._TAGS, tags)
    return _tags_body(req, _set_tags(model, project_id, tags))


def project_tag(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD`/`PUT`/`DELETE /v3/projects/{id}/tags/{value}`."""
    token = req.require_token()
    model = _model(req)
    project_id, value = req.params["project_id"], req.params["value"]
    target = _project_target(model, project_id)
    if req.method in ("GET", "HEAD"):
        enforce("identity:get_project_tag", token, target)
        if value not in model.project_or_domain(project_id).tags:
            raise NotFound(f"Could not find project tag: {value}.")
        return _no_content()
    if req.method == "DELETE":
        enforce("identity:delete_project_tag", token, target)
        tags = model.project_or_domain(project_id).tags
        if value not in tags:
            raise NotFound(f"Could not find project tag: {value}.")
        _set_tags(model, project_id, [t for t in tags if t != value])
        return _no_content()
    enforce("identity:create_project_tag", token, target)
    sch.validate_lazy(sch._TAG, value)
    tags = model.project_or_domain(project_id).tags
    sch.validate_lazy(sch._TAGS, [*tags, value])
    if value not in tags:
        _set_tags(model, project_id, [*tags, value])
    # Keystone sets the raw `{base}/{project_id}/tags/{value}`; werkzeug's Response turns
    # that IRI into a URI when it writes the headers (non-ASCII, CR/LF... percent-encoded).
    location = iri_to_uri(f"{_v3_url(req)}/{project_id}/tags/{value}")
    return FakeResponse(201, b"", [("Location", location)])
