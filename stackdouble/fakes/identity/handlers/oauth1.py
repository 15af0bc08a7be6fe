"""OS-OAUTH1 (the fake of `identity/v3/extensions/oauth1/`): consumers, the three-legged
flow (`request_token`, `authorize`, `access_token`) and a user's access tokens.

In Keystone's order (`keystone/api/os_oauth1.py`, `keystone/api/users.py`): the request and
access token routes are public and signed; consumers are admin-only (readers may list and
get); authorizing a request token and managing access tokens are admin-only and refuse
delegated tokens (trusts, application credentials, OAuth1). Deleting an access token is
enforced under `identity:ec2_delete_credential`, as Keystone 30 enforces it.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import NotFound, Unauthorized
from stackdouble.fakes.identity.handlers._common import (
    _created,
    _json_body,
    _matching_id,
    _model,
    _no_content,
    _self_url,
    _v3_url,
)
from stackdouble.fakes.identity.models import IdentityModel, TokenContext
from stackdouble.fakes.identity.models.oauth1signatures import SignedRequest, parse_authorization
from stackdouble.fakes.identity.policy import enforce
from stackdouble.fakes.timestamps import format_iso

__all__ = [
    "authorize_request_token",
    "create_access_token",
    "create_consumer",
    "create_request_token",
    "delete_access_token",
    "delete_consumer",
    "get_access_token",
    "get_access_token_role",
    "get_consumer",
    "list_access_token_roles",
    "list_access_tokens",
    "list_consumers",
    "signed_request",
    "update_consumer",
]

_FORM = "application/x-www-form-urlencoded"


def signed_request(req: FakeRequest, *, with_query: bool = True) -> SignedRequest:
    """The request as its OAuth signature covers it.

    Args:
        with_query: Whether the URL keeps its query (`request_token` and `access_token`
            sign the request's URL; the `oauth1` auth method signs the path only).

    Raises:
        Unauthorized: No `Authorization: OAuth ...` header (Keystone: a 500).
    """
    oauth = parse_authorization(req.header("Authorization"))
    if oauth is None:
        raise Unauthorized()
    url = req.url if with_query else req.url.split("?", 1)[0]
    return SignedRequest(req.method, url, oauth)


# -- consumers --------------------------------------------------------------------------------


def list_consumers(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-OAUTH1/consumers`: without their secrets."""
    enforce("identity:list_consumers", req.require_token())
    v3 = _v3_url(req)
    members = [views.oauth1_consumer(c, v3) for c in _model(req).consumers.values()]
    return FakeResponse.json(200, views.collection("consumers", members,
                                                   self_url=_self_url(req)))


def create_consumer(req: FakeRequest) -> FakeResponse:
    """`POST /v3/OS-OAUTH1/consumers`: 201 with the secret, shown this once."""
    enforce("identity:create_consumer", req.require_token())
    ref = _json_body(req).get("consumer") or {}
    if not isinstance(ref, dict):
        ref = {}
    sch.validate_lazy(sch.OAUTH1_CONSUMER_CREATE, ref)
    extra = {k: v for k, v in ref.items() if k not in ("id", "description", "secret", "links")}
    consumer = _model(req).create_consumer(ref.get("description"), extra)
    return _created("consumer", views.oauth1_consumer(consumer, _v3_url(req), secret=True))


def get_consumer(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-OAUTH1/consumers/{consumer_id}`."""
    enforce("identity:get_consumer", req.require_token())
    consumer = _model(req).get_consumer(req.params["consumer_id"])
    return FakeResponse.json(200, {"consumer": views.oauth1_consumer(consumer, _v3_url(req))})


def update_consumer(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/OS-OAUTH1/consumers/{consumer_id}`: the description and extra attributes;
    a `secret` is refused."""
    enforce("identity:update_consumer", req.require_token())
    ref = _json_body(req).get("consumer") or {}
    if not isinstance(ref, dict):
        ref = {}
    sch.validate_oauth1_consumer_update(ref)
    _matching_id(ref, req.params["consumer_id"])
    consumer = _model(req).update_consumer(req.params["consumer_id"], ref)
    return FakeResponse.json(200, {"consumer": views.oauth1_consumer(consumer, _v3_url(req))})


def delete_consumer(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/OS-OAUTH1/consumers/{consumer_id}`: its tokens die with it."""
    enforce("identity:delete_consumer", req.require_token())
    _model(req).delete_consumer(req.params["consumer_id"])
    return _no_content()


# -- the three legs ---------------------------------------------------------------------------


def _form(status: int, token_id: str, secret: str, expires_at: Any) -> FakeResponse:
    text = f"oauth_token={token_id}&oauth_token_secret={secret}"
    if expires_at is not None:
        text += f"&oauth_expires_at={format_iso(expires_at)}"
    return FakeResponse(status, text.encode("ascii"), [("Content-Type", _FORM)])


def create_request_token(req: FakeRequest) -> FakeResponse:
    """`POST /v3/OS-OAUTH1/request_token` (public, signed with the consumer's secret): 201,
    form-encoded."""
    token = _model(req).issue_request_token(signed_request(req),
                                            req.header("Requested-Project-Id"))
    return _form(201, token.id, token.secret, token.expires_at)


def authorize_request_token(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/OS-OAUTH1/authorize/{request_token_id}`: the caller (an admin holding the
    roles on the token's project) delegates roles; 200 with the verifier."""
    token = req.require_token()
    enforce("identity:authorize_request_token", token)
    roles = _json_body(req).get("roles", [])
    sch.validate_lazy(sch.OAUTH1_AUTHORIZE_ROLES, roles)
    model = _model(req)
    model.forbid_delegated(token.methods, token.trust_id)
    request_token_id = req.params["request_token_id"]
    request_token = model.get_request_token(request_token_id)
    if model._expired(request_token.expires_at):
        raise Unauthorized()  # "Request token is expired"
    role_ids = [_role_id(model, ref) for ref in roles]
    verifier = model.authorize_request_token(request_token_id, token.user_id, role_ids)
    return FakeResponse.json(200, {"token": {"oauth_verifier": verifier}})


def _role_id(model: IdentityModel, ref: dict[str, Any]) -> str:
    """`_normalize_role_list`: an id as given; a name, the one global role so named."""
    if ref.get("id"):
        return str(ref["id"])
    name = ref.get("name")
    matches = [r for r in model.roles.values() if r.name == name and r.domain_id is None]
    if len(matches) != 1:
        raise NotFound(f"Role {name} is not defined")
    return matches[0].id


def create_access_token(req: FakeRequest) -> FakeResponse:
    """`POST /v3/OS-OAUTH1/access_token` (public, signed with the verifier): 201,
    form-encoded; the request token is spent."""
    token = _model(req).issue_access_token(signed_request(req))
    return _form(201, token.id, token.secret, token.expires_at)


# -- a user's access tokens -------------------------------------------------------------------


def _managing(req: FakeRequest, action: str, *, refuse_delegated: bool = True
              ) -> tuple[IdentityModel, TokenContext]:
    token = req.require_token()
    enforce(action, token)
    model = _model(req)
    if refuse_delegated:
        model.forbid_delegated(token.methods, token.trust_id)
    return model, token


def list_access_tokens(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}/OS-OAUTH1/access_tokens`: without secrets or roles."""
    model, _ = _managing(req, "identity:list_access_tokens")
    v3 = _v3_url(req)
    members = [views.oauth1_access_token(t, v3)
               for t in model.list_access_tokens(req.params["user_id"])]
    return FakeResponse.json(200, views.collection("access_tokens", members,
                                                   self_url=_self_url(req)))


def get_access_token(req: FakeRequest) -> FakeResponse:
    """`GET /v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}`."""
    model, _ = _managing(req, "identity:get_access_token")
    token = model.user_access_token(req.params["user_id"], req.params["access_token_id"])
    return FakeResponse.json(200, {"access_token": views.oauth1_access_token(token,
                                                                             _v3_url(req))})


def delete_access_token(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}`: 204, and
    the tokens it gave stop validating."""
    model, _ = _managing(req, "identity:ec2_delete_credential")
    model.delete_access_token(req.params["user_id"], req.params["access_token_id"])
    return _no_content()


def list_access_token_roles(req: FakeRequest) -> FakeResponse:
    """`GET .../access_tokens/{access_token_id}/roles`: the roles it delegates."""
    model, _ = _managing(req, "identity:list_access_token_roles", refuse_delegated=False)
    token = model.user_access_token(req.params["user_id"], req.params["access_token_id"])
    v3 = _v3_url(req)
    members = [views.oauth1_role(r, v3) for r in model.access_token_roles(token)]
    return FakeResponse.json(200, views.collection("roles", members, self_url=_self_url(req)))


def get_access_token_role(req: FakeRequest) -> FakeResponse:
    """`GET .../access_tokens/{access_token_id}/roles/{role_id}`: another user's is 401, a
    role it does not delegate 404."""
    model, _ = _managing(req, "identity:get_access_token_role", refuse_delegated=False)
    token = model.get_access_token(req.params["access_token_id"])
    if token.authorizing_user_id != req.params["user_id"]:
        raise Unauthorized()  # "User IDs do not match"
    role_id = req.params["role_id"]
    if role_id not in token.role_ids:
        raise NotFound(f"Could not find role: {role_id}.")
    return FakeResponse.json(200, {"role": views.oauth1_role(model.get_role(role_id),
                                                             _v3_url(req))})
