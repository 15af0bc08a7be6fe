"""OS-FEDERATION (the fake of `identity/v3/extensions/federation/`): identity providers and
their protocols, mappings and service providers (`keystone/api/os_federation.py`).

Every route is admin-only, but reads, which system readers may also make. Identity
providers, protocols, mappings and service providers are created with `PUT` on their id.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _created,
    _json_body,
    _model,
    _no_content,
    _self_url,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce
from stackdouble.fakes.osloutils import bool_from_string

__all__ = [
    "authenticate",
    "create_identity_provider",
    "create_mapping",
    "create_protocol",
    "create_service_provider",
    "delete_identity_provider",
    "delete_mapping",
    "delete_protocol",
    "delete_service_provider",
    "get_identity_provider",
    "get_mapping",
    "get_protocol",
    "get_service_provider",
    "list_federated_domains",
    "list_federated_projects",
    "list_identity_providers",
    "list_mappings",
    "list_protocols",
    "list_service_providers",
    "update_identity_provider",
    "update_mapping",
    "update_protocol",
    "update_service_provider",
]


def _allowed(req: FakeRequest, action: str) -> None:
    enforce(action, req.require_token())


def _booleans(ref: dict[str, Any]) -> dict[str, Any]:
    """`enabled` as Keystone stores it (it accepts `parameter_types.boolean` spellings)."""
    if "enabled" in ref:
        ref["enabled"] = bool_from_string(ref["enabled"], strict=False)
    return ref


def _enabled_filter(req: FakeRequest) -> bool | None:
    raw = req.args.get("enabled")
    return None if raw is None else bool_from_string(raw, strict=False)


def _collection(req: FakeRequest, key: str, members: list[dict[str, Any]]) -> FakeResponse:
    return FakeResponse.json(200, views.collection(key, members, self_url=_self_url(req)))


# -- identity providers -----------------------------------------------------------------------


def list_identity_providers(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-FEDERATION/identity_providers`, filtered by `id` and `enabled`."""
    _allowed(req, "identity:list_identity_providers")
    wanted_id, enabled = req.args.get("id"), _enabled_filter(req)
    v3 = _v3_url(req)
    members = [views.federation_idp(i, v3, listed=True)
               for i in _model(req).identity_providers.values()
               if (wanted_id is None or i.id == wanted_id)
               and (enabled is None or i.enabled == enabled)]
    return _collection(req, "identity_providers", members)


def create_identity_provider(req: FakeRequest) -> FakeResponse:
    """`PUT .../identity_providers/{idp_id}`: 201; disabled unless said otherwise."""
    _allowed(req, "identity:create_identity_provider")
    ref = _booleans(dict(_body(req, sch.FEDERATION_IDP_CREATE).get("identity_provider") or {}))
    idp = _model(req).create_identity_provider(
        req.params["idp_id"], domain_id=ref.get("domain_id"),
        enabled=bool(ref.get("enabled", False)), description=ref.get("description"),
        remote_ids=ref.get("remote_ids") or (), authorization_ttl=ref.get("authorization_ttl"))
    return _created("identity_provider", views.federation_idp(idp, _v3_url(req)))


def get_identity_provider(req: FakeRequest) -> FakeResponse:
    """`GET .../identity_providers/{idp_id}`."""
    _allowed(req, "identity:get_identity_provider")
    idp = _model(req).get_identity_provider(req.params["idp_id"])
    return FakeResponse.json(200, {"identity_provider": views.federation_idp(idp,
                                                                             _v3_url(req))})


def update_identity_provider(req: FakeRequest) -> FakeResponse:
    """`PATCH .../identity_providers/{idp_id}`: not its domain."""
    _allowed(req, "identity:update_identity_provider")
    ref = _booleans(dict(_body(req, sch.FEDERATION_IDP_UPDATE, "identity_provider")))
    idp = _model(req).update_identity_provider(req.params["idp_id"], ref)
    return FakeResponse.json(200, {"identity_provider": views.federation_idp(idp,
                                                                             _v3_url(req))})


def delete_identity_provider(req: FakeRequest) -> FakeResponse:
    """`DELETE .../identity_providers/{idp_id}`: its protocols go too."""
    _allowed(req, "identity:delete_identity_provider")
    _model(req).delete_identity_provider(req.params["idp_id"])
    return _no_content()


# -- protocols --------------------------------------------------------------------------------


def list_protocols(req: FakeRequest) -> FakeResponse:
    """`GET .../identity_providers/{idp_id}/protocols`."""
    _allowed(req, "identity:list_protocols")
    v3 = _v3_url(req)
    members = [views.federation_protocol(p, v3, listed=True)
               for p in _model(req).list_protocols(req.params["idp_id"])]
    return _collection(req, "protocols", members)


def create_protocol(req: FakeRequest) -> FakeResponse:
    """`PUT .../protocols/{protocol_id}`: 201; the mapping must exist."""
    _allowed(req, "identity:create_protocol")
    ref = _body(req, sch.FEDERATION_PROTOCOL_CREATE, "protocol")
    protocol = _model(req).create_protocol(req.params["idp_id"], req.params["protocol_id"],
                                           ref["mapping_id"], ref.get("remote_id_attribute"))
    return _created("protocol", views.federation_protocol(protocol, _v3_url(req)))


def get_protocol(req: FakeRequest) -> FakeResponse:
    """`GET .../protocols/{protocol_id}`."""
    _allowed(req, "identity:get_protocol")
    protocol = _model(req).get_protocol(req.params["idp_id"], req.params["protocol_id"])
    return FakeResponse.json(200, {"protocol": views.federation_protocol(protocol,
                                                                         _v3_url(req))})


def update_protocol(req: FakeRequest) -> FakeResponse:
    """`PATCH .../protocols/{protocol_id}`: the mapping (required) and remote id
    attribute."""
    _allowed(req, "identity:update_protocol")
    ref = _body(req, sch.FEDERATION_PROTOCOL_UPDATE, "protocol")
    protocol = _model(req).update_protocol(req.params["idp_id"], req.params["protocol_id"],
                                           ref)
    return FakeResponse.json(200, {"protocol": views.federation_protocol(protocol,
                                                                         _v3_url(req))})


def delete_protocol(req: FakeRequest) -> FakeResponse:
    """`DELETE .../protocols/{protocol_id}`."""
    _allowed(req, "identity:delete_protocol")
    _model(req).delete_protocol(req.params["idp_id"], req.params["protocol_id"])
    return _no_content()


# -- mappings ---------------------------------------------------------------------------------


def _mapping_ref(req: FakeRequest) -> dict[str, Any]:
    """`request_body_json.get('mapping', {})`, validated by the model."""
    ref = _json_body(req).get("mapping", {})
    if not isinstance(ref, dict):
        raise ValidationError(message=f"{ref!r} is not of type 'object'\n")
    return ref


def list_mappings(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-FEDERATION/mappings`."""
    _allowed(req, "identity:list_mappings")
    v3 = _v3_url(req)
    return _collection(req, "mappings", [views.federation_mapping(m, v3)
                                         for m in _model(req).mappings.values()])


def create_mapping(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/OS-FEDERATION/mappings/{mapping_id}`: 201; rules validated, version 1.0
    unless given."""
    _allowed(req, "identity:create_mapping")
    ref = _mapping_ref(req)
    mapping = _model(req).create_mapping(req.params["mapping_id"], ref.get("rules"),
                                         ref.get("schema_version"))
    return _created("mapping", views.federation_mapping(mapping, _v3_url(req)))


def get_mapping(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-FEDERATION/mappings/{mapping_id}`."""
    _allowed(req, "identity:get_mapping")
    mapping = _model(req).get_mapping(req.params["mapping_id"])
    return FakeResponse.json(200, {"mapping": views.federation_mapping(mapping, _v3_url(req))})


def update_mapping(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/OS-FEDERATION/mappings/{mapping_id}`: the rules replaced, validated."""
    _allowed(req, "identity:update_mapping")
    mapping = _model(req).update_mapping(req.params["mapping_id"], _mapping_ref(req))
    return FakeResponse.json(200, {"mapping": views.federation_mapping(mapping, _v3_url(req))})


def delete_mapping(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/OS-FEDERATION/mappings/{mapping_id}` (even one a protocol uses)."""
    _allowed(req, "identity:delete_mapping")
    _model(req).delete_mapping(req.params["mapping_id"])
    return _no_content()


# -- service providers ------------------------------------------------------------------------


def list_service_providers(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-FEDERATION/service_providers`, filtered by `id` and `enabled`."""
    _allowed(req, "identity:list_service_providers")
    wanted_id, enabled = req.args.get("id"), _enabled_filter(req)
    v3 = _v3_url(req)
    members = [views.federation_sp(sp, v3) for sp in _model(req).service_providers.values()
               if (wanted_id is None or sp.id == wanted_id)
               and (enabled is None or sp.enabled == enabled)]
    return _collection(req, "service_providers", members)


def create_service_provider(req: FakeRequest) -> FakeResponse:
    """`PUT .../service_providers/{sp_id}`: 201; disabled, relay state prefix `ss:mem:`
    unless said otherwise."""
    _allowed(req, "identity:create_service_provider")
    ref = _booleans(dict(_body(req, sch.FEDERATION_SP_CREATE, "service_provider")))
    options: dict[str, Any] = {k: ref[k] for k in ("description", "relay_state_prefix")
                               if k in ref}
    sp = _model(req).create_service_provider(
        req.params["sp_id"], auth_url=ref["auth_url"], sp_url=ref["sp_url"],
        enabled=bool(ref.get("enabled", False)), **options)
    return _created("service_provider", views.federation_sp(sp, _v3_url(req)))


def get_service_provider(req: FakeRequest) -> FakeResponse:
    """`GET .../service_providers/{sp_id}`."""
    _allowed(req, "identity:get_service_provider")
    sp = _model(req).get_service_provider(req.params["sp_id"])
    return FakeResponse.json(200, {"service_provider": views.federation_sp(sp, _v3_url(req))})


def update_service_provider(req: FakeRequest) -> FakeResponse:
    """`PATCH .../service_providers/{sp_id}`."""
    _allowed(req, "identity:update_service_provider")
    ref = _booleans(dict(_body(req, sch.FEDERATION_SP_UPDATE, "service_provider")))
    sp = _model(req).update_service_provider(req.params["sp_id"], ref)
    return FakeResponse.json(200, {"service_provider": views.federation_sp(sp, _v3_url(req))})


def delete_service_provider(req: FakeRequest) -> FakeResponse:
    """`DELETE .../service_providers/{sp_id}`."""
    _allowed(req, "identity:delete_service_provider")
    _model(req).delete_service_provider(req.params["sp_id"])
    return _no_content()


# -- the deprecated aliases of /v3/auth/projects and /v3/auth/domains ------------------------


def list_federated_projects(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-FEDERATION/projects`: the projects the token's user can scope to."""
    token = req.require_token()
    enforce("identity:get_auth_projects", token)
    v3 = _v3_url(req)
    return _collection(req, "projects", [views.project(p, v3) for p in
                                         _model(req).projects_for_user(token.user_id)])


def list_federated_domains(req: FakeRequest) -> FakeResponse:
    """`GET /v3/OS-FEDERATION/domains`: the domains the token's user can scope to."""
    token = req.require_token()
    enforce("identity:get_auth_domains", token)
    v3 = _v3_url(req)
    return _collection(req, "domains", [views.domain(d, v3) for d in
                                        _model(req).domains_for_user(token.user_id)])


# -- federated login --------------------------------------------------------------------------


def authenticate(req: FakeRequest) -> FakeResponse:
    """`GET`/`POST /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}/auth`:
    Keystone builds `{"identity": {"methods": [<protocol>], <protocol>: {"identity_provider",
    "protocol"}}}` and authenticates it (the protocol's id is the auth method, `mapped` among
    Keystone's defaults); the assertion is the request's environ. 201 with the unscoped
    federated token in `X-Subject-Token`."""
    from stackdouble.fakes.identity.handlers import tokens

    idp_id, protocol_id = req.params["idp_id"], req.params["protocol_id"]
    auth = {"identity": {"methods": [protocol_id],
                         protocol_id: {"identity_provider": idp_id, "protocol": protocol_id}}}
    model = _model(req)
    token = tokens.authenticate_v3(model, auth, req)
    context = model.context(token)
    body = views.token_v3(model, token, context, include_catalog=True)
    return FakeResponse.json(201, body, [("X-Subject-Token", token.id)])

