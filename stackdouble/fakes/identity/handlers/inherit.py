"""OS-INHERIT's grants (`keystone/api/os_inherit.py`; the fake of `identity/v3/osinherit/`).

`/v3/OS-INHERIT/{domains|projects}/{id}/{users|groups}/{id}/roles/{role_id}/inherited_to_projects`
(PUT, GET/HEAD to check, DELETE) and, for domains only, the `.../roles/inherited_to_projects`
listing. Unlike the plain grant APIs, OS-INHERIT builds its policy target leniently: a
missing role, actor, domain or project leaves its part of the target empty, so a caller
the policy refuses gets 403 whatever is missing, and the admin gets the assignment
manager's 404 (for the role, then the domain or project; never for the actor, which
Keystone does not look up).
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.handlers._common import (
    _collection,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.models import IdentityModel
from stackdouble.fakes.identity.models.inherit import inherited_kind
from stackdouble.fakes.identity.policy import enforce

__all__ = ["inherited_grant", "list_inherited_grants"]


def _parts(req: FakeRequest) -> tuple[str, str, str, str]:
    """(scope kind, target id, actor kind, actor id) from an OS-INHERIT URL."""
    parts = req.subpath.strip("/").split("/")
    scope = "domain" if parts[2] == "domains" else "project"
    actor_kind = "user" if parts[4] == "users" else "group"
    return scope, parts[3], actor_kind, parts[5]


def _target(model: IdentityModel, scope: str, target_id: str, actor_kind: str,
            actor_id: str, role_id: str | None) -> dict[str, Any]:
    """`_build_enforcement_target_attr`: what exists of the grant, for the policy."""
    target: dict[str, Any] = {}
    role = model.roles.get(role_id) if role_id else None
    if role is not None:
        target.update({"role.id": role.id, "role.name": role.name,
                       "role.domain_id": role.domain_id})
    actor = (model.users if actor_kind == "user" else model.groups).get(actor_id)
    if actor is not None:
        target[f"{actor_kind}.domain_id"] = actor.domain_id
    if scope == "domain" and target_id in model.domains:
        target["domain.id"] = target_id
    elif scope == "project" and target_id in model.projects:
        target["project.domain_id"] = model.projects[target_id].domain_id
    return target


def inherited_grant(req: FakeRequest) -> FakeResponse:
    """`PUT`/`GET`/`HEAD`/`DELETE .../roles/{role_id}/inherited_to_projects`: grant, check,
    revoke; 204 each."""
    token = req.require_token()
    model = _model(req)
    scope, target_id, actor_kind, actor_id = _parts(req)
    role_id = req.params["role_id"]
    verb = {"PUT": "create", "DELETE": "revoke"}.get(req.method, "check")
    enforce(f"identity:{verb}_grant", token,
            _target(model, scope, target_id, actor_kind, actor_id, role_id))
    if req.method == "DELETE":
        # `delete_grant` looks up the role, then the assignment (the target after).
        model.get_role(role_id)
        entry = (actor_kind, actor_id, inherited_kind(scope), target_id, role_id)
        model.require_assignment(entry)
        model.revoke_assignment(entry)
        return _no_content()
    entry = model.grant_entry(actor_kind, actor_id, scope, target_id, role_id)
    if req.method == "PUT":
        model.add_assignment(entry)
    else:
        model.require_assignment(entry)
    return _no_content()


def list_inherited_grants(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-INHERIT/domains/{d}/{users|groups}/{id}/roles/inherited_to_projects`."""
    token = req.require_token()
    model = _model(req)
    scope, target_id, actor_kind, actor_id = _parts(req)
    enforce("identity:list_grants", token,
            _target(model, scope, target_id, actor_kind, actor_id, None))
    model.get_domain(target_id)
    v3 = _v3_url(req)
    return _collection(req, "roles", [views.role(r, v3)
                                      for r in model.inherited_roles(actor_id, scope, target_id)])
