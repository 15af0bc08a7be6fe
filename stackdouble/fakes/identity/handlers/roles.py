"""Roles, implied roles, grants and role assignments (the fake of `identity/v3/roles/`).

Grants on a project, a domain or the system follow `keystone/common/policies/grant.py`:
the system's have rules of their own.
"""

from __future__ import annotations

from typing import Any

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
    _collection,
    _created,
    _matching_id,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.models import (
    IdentityModel,
    TokenContext,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "check_implied_role",
    "create_implied_role",
    "create_role",
    "delete_implied_role",
    "delete_role",
    "get_implied_role",
    "grant",
    "list_grants",
    "list_implied_roles",
    "list_role_assignments",
    "list_role_inferences",
    "update_role",
]


def create_role(req: FakeRequest) -> FakeResponse:
    """`POST /v3/roles` (a domain role when `domain_id` is given)."""
    ref = _body(req, sch.ROLE_CREATE, "role")
    token = req.require_token()
    domain_id = ref.get("domain_id") or None
    enforce("identity:create_domain_role" if domain_id else "identity:create_role", token)
    model = _model(req)
    # Keystone 30 does not check that a domain role's domain exists.
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
    from stackdouble.fakes.identity.errors import Conflict

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
        # Keystone names the system target `system` (its assignments store `all`).
        raise NotFound(f"Could not find role assignment with role: {role_id}, user or group: "
                       f"{actor_id}, project, domain, or system: "
                       f"{'system' if system else target_id}.")
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
    sch.check_role_assignment_query(args)
    subtree = sch.query_true(args, "include_subtree")
    _enforce_assignment_listing(req, token, subtree)
    effective = sch.query_true(args, "effective")
    sch.check_role_assignment_filters(args, effective=effective)
    model = _model(req)
    refs = model.role_assignments(**sch.role_assignment_filters(args), effective=effective,
                                  subtree=subtree)
    if token.domain_id:
        refs = [r for r in refs if r.get("domain_id") == token.domain_id or (
            "project_id" in r and getattr(model.projects.get(r["project_id"]), "domain_id",
                                          None) == token.domain_id)]
    names = sch.query_true(args, "include_names")
    v3 = _v3_url(req)
    return _collection(req, "role_assignments",
                       [views.role_assignment(model, r, v3, include_names=names) for r in refs])


def _enforce_assignment_listing(req: FakeRequest, token: TokenContext, subtree: bool) -> None:
    """The policy of a role assignment listing: a subtree one is checked on the project's
    domain (and needs the project), as Keystone's."""
    if not subtree:
        enforce("identity:list_role_assignments", token, {"domain_id": token.domain_id})
        return
    project_id = req.args.get("scope.project.id")
    target: dict[str, Any] = {"domain_id": token.domain_id}
    if project_id:
        target = {"domain_id": _model(req).get_project(project_id).domain_id}
    enforce("identity:list_role_assignments_for_tree", token, target)
    if not project_id:
        raise ValidationError(message="scope.project.id must be specified if "
                                      "include_subtree is also specified")
