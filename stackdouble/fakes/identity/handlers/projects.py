"""Projects and their tags (the fake of `client/openstack/identity/v3/projects/`).
"""

from __future__ import annotations

from werkzeug.urls import iri_to_uri

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import (
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
    Project,
)
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


def list_projects(req: FakeRequest) -> FakeResponse:
    """`GET /v3/projects` with filters and `limit`/`marker` paging."""
    token = req.require_token()
    filters = sch.query_filters(req.args, ("name", "domain_id", "enabled", "parent_id"))
    if token.domain_id and "domain_id" not in filters and not token.is_admin:
        filters["domain_id"] = token.domain_id
    enforce("identity:list_projects", token, {"domain_id": filters.get("domain_id")})
    marker, limit = sch.page_args(req.args)
    items = _model(req).list_projects(
        marker=marker, limit=limit or sch.MAX_DB_LIMIT, filters=filters)
    return _list(req, "projects", items, views.project, limit, marker)


def get_project(req: FakeRequest) -> FakeResponse:
    """`GET /v3/projects/{project_id}`."""
    token = req.require_token()
    model = _model(req)
    found = model.projects.get(req.params["project_id"])
    # Keystone builds the policy target tolerating a missing project: 403 before 404.
    enforce("identity:get_project", token,
            {"id": found.id, "domain_id": found.domain_id} if found else {})
    project = model.get_project(req.params["project_id"])
    return FakeResponse.json(200, {"project": views.project(project, _v3_url(req))})


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
        enabled=sch.parse_bool(ref.get("enabled")), parent_id=parent_id or None,
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
        enabled=sch.parse_bool(ref["enabled"]) if "enabled" in ref else None, tags=ref.get("tags"),
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
