"""Credentials (the fake of `identity/v3/credentials/` and `identity/v3/ec2credentials/`):
`/v3/credentials` and `/v3/users/{user_id}/credentials/OS-EC2`.

In Keystone 30's order (`keystone/api/credentials.py`, `keystone/api/users.py`): the body's
schema, then the policy (the target is the credential, so a caller who does not own a
missing credential gets 403, an admin 404), then the model. A delegated token (trust-scoped,
or from an application credential or an EC2 signature) may not touch credentials at all
(403); a listing leaves out what the caller may not see. The OS-EC2 routes look the
credential up by the sha256 of the access key in the URL, before the policy.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ForbiddenAction, Unauthorized
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _collection,
    _created,
    _json_body,
    _model,
    _no_content,
    _v3_url,
)
from stackdouble.fakes.identity.models import Credential, IdentityModel, TokenContext
from stackdouble.fakes.identity.models.credentials import hash_access_key
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_credential",
    "create_ec2_credential",
    "delete_credential",
    "delete_ec2_credential",
    "get_credential",
    "get_ec2_credential",
    "is_delegated",
    "list_credentials",
    "list_ec2_credentials",
    "update_credential",
]

#: `keystone/api/_shared/delegation.py`: the methods that authenticate a user directly.
PRIMARY_AUTH_METHODS = frozenset({"external", "kerberos", "mapped", "openid", "password",
                                  "saml2", "token", "totp", "x509"})
_DELEGATED = "Delegated tokens cannot access credentials directly"


def is_delegated(token: TokenContext) -> bool:
    """A trust-scoped token, or one whose methods are not all primary (an application
    credential's, an EC2 signature's `ec2credential`)."""
    return bool(token.trust_id) or not token.methods or not PRIMARY_AUTH_METHODS.issuperset(
        token.methods)


def _require_primary_auth(token: TokenContext) -> None:
    if is_delegated(token):
        raise ForbiddenAction(_DELEGATED)


def _target(cred: Credential | None) -> dict[str, Any]:
    if cred is None:
        return {}
    return {"credential.user_id": cred.user_id, "credential.project_id": cred.project_id,
            "credential.type": cred.type}


# -- /v3/credentials ----------------------------------------------------------------------


def list_credentials(req: FakeRequest) -> FakeResponse:
    """`GET /v3/credentials` (`user_id`, `type` filters): only those the caller may see."""
    token = req.require_token()
    own = {} if token.system else {"credential.user_id": token.user_id}
    enforce("identity:list_credentials", token, own)
    model = _model(req)
    found = model.list_credentials(user_id=req.args.get("user_id"), type=req.args.get("type"))
    visible = []
    for cred in found:
        try:
            enforce("identity:get_credential", token, _target(cred))
            _require_primary_auth(token)
        except ForbiddenAction:
            continue
        visible.append(cred)
    v3 = _v3_url(req)
    return _collection(req, "credentials", [views.credential(c, v3) for c in visible])


def create_credential(req: FakeRequest) -> FakeResponse:
    """`POST /v3/credentials`: 201; an ec2 credential's id is its access key's sha256."""
    ref = _body(req, sch.CREDENTIAL_CREATE, "credential")
    if str(ref["type"]).lower() == "ec2":
        ref = _body(req, sch.EC2_CREDENTIAL_CREATE, "credential")
    token = req.require_token()
    enforce("identity:create_credential", token,
            {f"credential.{k}": v for k, v in ref.items() if isinstance(v, str)})
    model = _model(req)
    if str(ref["type"]).lower() == "ec2" and token.app_cred_id:
        app_cred = model.application_credentials.get(token.app_cred_id)
        if app_cred is None or not app_cred.unrestricted:
            raise ForbiddenAction("Using method 'application_credential' is not allowed for "
                                  "managing additional credentials.")
    _require_primary_auth(token)
    extra = {k: v for k, v in ref.items()
             if k not in ("id", "user_id", "project_id", "type", "blob", "links")}
    cred = model.create_credential(ref["user_id"], ref["type"], ref["blob"],
                                   project_id=ref.get("project_id"), extra=extra)
    return _created("credential", views.credential(cred, _v3_url(req)))


def _credential_for(req: FakeRequest, action: str) -> tuple[IdentityModel, Credential]:
    """The policy on the credential (403 before 404 when it does not exist), then it."""
    token = req.require_token()
    model = _model(req)
    credential_id = req.params["credential_id"]
    enforce(action, token, _target(model.credentials.get(credential_id)))
    cred = model.get_credential(credential_id)
    _require_primary_auth(token)
    return model, cred


def get_credential(req: FakeRequest) -> FakeResponse:
    """`GET /v3/credentials/{credential_id}`: the blob as stored."""
    _, cred = _credential_for(req, "identity:get_credential")
    return FakeResponse.json(200, {"credential": views.credential(cred, _v3_url(req))})


def update_credential(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/credentials/{credential_id}`: only the blob changes."""
    ref = _body(req, sch.CREDENTIAL_UPDATE, "credential")
    model, cred = _credential_for(req, "identity:update_credential")
    updated = model.update_credential(cred.id, ref["blob"])
    return FakeResponse.json(200, {"credential": views.credential(updated, _v3_url(req))})


def delete_credential(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/credentials/{credential_id}`: 204; its access key stops working."""
    model, cred = _credential_for(req, "identity:delete_credential")
    model.delete_credential(cred.id)
    return _no_content()


# -- /v3/users/{user_id}/credentials/OS-EC2 -----------------------------------------------


def list_ec2_credentials(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}/credentials/OS-EC2`: the user's pairs, secrets included."""
    token = req.require_token()
    user_id = req.params["user_id"]
    enforce("identity:ec2_list_credentials", token, {"user_id": user_id})
    _require_primary_auth(token)
    model = _model(req)
    model.get_user(user_id)
    v3 = _v3_url(req)
    return _collection(req, "credentials", [
        views.ec2_credential(c, v3) for c in model.list_credentials(user_id=user_id,
                                                                     type="ec2")])


def create_ec2_credential(req: FakeRequest) -> FakeResponse:
    """`POST /v3/users/{user_id}/credentials/OS-EC2` with `{"tenant_id": ...}`: 201 with a
    new access key and secret."""
    body = _json_body(req)
    token = req.require_token()
    user_id = req.params["user_id"]
    enforce("identity:ec2_create_credential", token, {"credential.user_id": user_id})
    model = _model(req)
    model.get_user(user_id)
    tenant_id = body.get("tenant_id")
    project = model.get_project(str(tenant_id))
    _require_primary_auth(token)
    cred = model.create_ec2_credential(user_id, project.id, trust_id=token.trust_id)
    return _created("credential", views.ec2_credential(cred, _v3_url(req)))


def _ec2_credential_for(req: FakeRequest, action: str) -> tuple[IdentityModel, Credential]:
    """Keystone's order: the credential by its key's hash (404), the policy, the URL's
    user (404), a non-ec2 credential (401), the delegation check."""
    token = req.require_token()
    model = _model(req)
    cred = model.get_credential(hash_access_key(req.params["credential_id"]))
    enforce(action, token, _target(cred))
    model.get_user(req.params["user_id"])
    if cred.type != "ec2":
        raise Unauthorized()  # "EC2 access key not found."
    _require_primary_auth(token)
    return model, cred


def get_ec2_credential(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}/credentials/OS-EC2/{access}`."""
    _, cred = _ec2_credential_for(req, "identity:ec2_get_credential")
    return FakeResponse.json(200, {"credential": views.ec2_credential(cred, _v3_url(req))})


def delete_ec2_credential(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{user_id}/credentials/OS-EC2/{access}`: 204."""
    model, cred = _ec2_credential_for(req, "identity:ec2_delete_credential")
    model.delete_credential(cred.id)
    return _no_content()
