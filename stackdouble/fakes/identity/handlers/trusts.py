"""Trusts (the fake of `identity/v3/extensions/trusts/`): `/v3/OS-TRUST/trusts`.

In Keystone's order (`keystone/api/trusts.py`): a trust in the path is looked up before the
policy is checked (so a missing, expired or used-up trust is 404 to anyone), then the policy,
then the refusal of delegated tokens (an application credential's token may not touch
trusts; a trust-scoped one may).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ForbiddenAction, NotFound, ValidationError
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _created,
    _model,
    _no_content,
    _self_url,
    _v3_url,
)
from stackdouble.fakes.identity.models import IdentityModel, TokenContext, Trust
from stackdouble.fakes.identity.policy import enforce
from stackdouble.fakes.timestamps import parse_isotime

__all__ = [
    "create_trust",
    "delete_trust",
    "get_trust",
    "get_trust_role",
    "list_trust_roles",
    "list_trusts",
]

#: The body attributes Keystone reads; the others are kept in `extra`.
_KNOWN = frozenset({"trustor_user_id", "trustee_user_id", "impersonation", "project_id",
                    "remaining_uses", "expires_at", "allow_redelegation", "redelegation_count",
                    "redelegated_trust_id", "roles", "id", "links", "roles_links",
                    "deleted_at"})


def _refuse_delegated(token: TokenContext) -> None:
    """`_check_delegated_token`: Keystone's message ends in two periods."""
    if token.app_cred_id:
        raise ForbiddenAction("Delegated tokens cannot manage trusts.")


def _target(trust: Trust) -> dict[str, Any]:
    return {"trust.trustor_user_id": trust.trustor_user_id,
            "trust.trustee_user_id": trust.trustee_user_id}


def _trust_of(req: FakeRequest, action: str) -> tuple[IdentityModel, Trust]:
    """The path's trust (404 first), then the policy, then the delegated-token check."""
    token = req.require_token()
    model = _model(req)
    trust = model.get_trust(req.params["trust_id"])
    enforce(action, token, _target(trust))
    _refuse_delegated(token)
    return model, trust


def list_trusts(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-TRUST/trusts`: all (admin), or one trustor's or trustee's; a query
    with neither filter lists nothing."""
    token = req.require_token()
    trustor, trustee = req.args.get("trustor_user_id"), req.args.get("trustee_user_id")
    if trustor:
        enforce("identity:list_trusts_for_trustor", token, {"trust.trustor_user_id": trustor})
    elif trustee:
        enforce("identity:list_trusts_for_trustee", token, {"trust.trustee_user_id": trustee})
    else:
        enforce("identity:list_trusts", token)
    _refuse_delegated(token)
    model = _model(req)
    if trustor:
        found = model.list_trusts(trustor_user_id=trustor)
    elif trustee:
        found = model.list_trusts(trustee_user_id=trustee)
    else:
        found = [] if req.args else model.list_trusts()
    v3 = _v3_url(req)
    return FakeResponse.json(200, views.collection(
        "trusts", [views.trust_summary(t, v3) for t in found], self_url=_self_url(req)))


def create_trust(req: FakeRequest) -> FakeResponse:
    """`POST /v3/OS-TRUST/trusts`: the caller is the trustor; 201 with the trust."""
    ref = _body(req, sch.TRUST_CREATE, "trust")
    token = req.require_token()
    enforce("identity:create_trust", token, {"trust.trustor_user_id": ref["trustor_user_id"]})
    _refuse_delegated(token)
    if ref.get("project_id") and not ref.get("roles"):
        raise ForbiddenAction("At least one role should be specified")
    model = _model(req)
    model.get_user(ref["trustee_user_id"])
    trust = model.add_trust(
        ref["trustor_user_id"], ref["trustee_user_id"], ref.get("project_id"),
        _role_ids(model, ref.get("roles") or []), impersonation=ref["impersonation"],
        expires_at=_expiry(ref.get("expires_at")), remaining_uses=ref.get("remaining_uses"),
        allow_redelegation=ref.get("allow_redelegation"),
        redelegation_count=ref.get("redelegation_count"), redelegated_from=token.trust_id,
        extra={k: v for k, v in ref.items() if k not in _KNOWN})
    return _created("trust", views.trust(trust, model.trust_roles(trust), _v3_url(req)))


def _role_ids(model: IdentityModel, refs: list[dict[str, Any]]) -> list[str]:
    """Roles by id as given; by name, the one global role of that name."""
    out: list[str] = []
    for ref in refs:
        if ref.get("id"):
            out.append(str(ref["id"]))
            continue
        name = ref.get("name")
        matches = [r for r in model.roles.values() if r.name == name and r.domain_id is None]
        if len(matches) != 1:
            raise NotFound(f"Role {name} is not defined")
        out.append(matches[0].id)
    return out


def _expiry(value: Any) -> datetime | None:
    """`utils.parse_expiration_date`: a `Z` is appended unless there is one, so an offset
    is not a timestamp Keystone reads."""
    if value is None:
        return None
    text = str(value)
    when = parse_isotime(text if text.endswith("Z") else text + "Z")
    if when is None:
        raise ValidationError(message=(
            "Timestamp not in expected format. The server could not comply with the request "
            "since it is either malformed or otherwise incorrect. The client is assumed to be "
            "in error."))
    return when


def get_trust(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v3/OS-TRUST/trusts/{trust_id}`: trustor, trustee, admin or system
    reader."""
    model, trust = _trust_of(req, "identity:get_trust")
    return FakeResponse.json(200, {"trust": views.trust(trust, model.trust_roles(trust),
                                                        _v3_url(req))})


def delete_trust(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/OS-TRUST/trusts/{trust_id}`: trustor or admin; 204, and its tokens die."""
    model, trust = _trust_of(req, "identity:delete_trust")
    model.delete_trust(trust.id)
    return _no_content()


def list_trust_roles(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v3/OS-TRUST/trusts/{trust_id}/roles`."""
    model, trust = _trust_of(req, "identity:list_roles_for_trust")
    return FakeResponse.json(200, views.trust_roles(model.trust_roles(trust), trust.id,
                                                    _v3_url(req)))


def get_trust_role(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}`: 404 for a role the
    trust does not delegate."""
    model, trust = _trust_of(req, "identity:get_role_for_trust")
    role_id = req.params["role_id"]
    if role_id not in trust.role_ids:
        raise NotFound(f"Could not find role: {role_id}.")
    return FakeResponse.json(200, {"role": views.role(model.get_role(role_id), _v3_url(req))})
