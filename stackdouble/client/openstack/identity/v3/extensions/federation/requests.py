"""Keystone OS-FEDERATION: mappings, identity providers and their protocols, service
providers. Each is created with `PUT` on an id the caller chooses; all of it is admin-only
(system readers may read)."""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.extensions.federation import urls
from stackdouble.client.openstack.identity.v3.extensions.federation.results import (
    AuthenticateResult,
    DeleteResult,
    IdentityProviderPage,
    IdentityProviderResult,
    MappingPage,
    MappingResult,
    ProtocolPage,
    ProtocolResult,
    ServiceProviderPage,
    ServiceProviderResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateIdentityProviderOpts",
    "CreateMappingOpts",
    "CreateProtocolOpts",
    "CreateServiceProviderOpts",
    "ListOpts",
    "UpdateIdentityProviderOpts",
    "UpdateMappingOpts",
    "UpdateProtocolOpts",
    "UpdateServiceProviderOpts",
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
    "list_identity_providers",
    "list_mappings",
    "list_protocols",
    "list_service_providers",
    "update_identity_provider",
    "update_mapping",
    "update_protocol",
    "update_service_provider",
]


def _given(key: str, opts: Any, names: Sequence[str]) -> dict[str, Any]:
    """`{key: {name: value}}` for each field that is not None."""
    return {key: {n: getattr(opts, n) for n in names if getattr(opts, n) is not None}}


# -- mappings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateMappingOpts:
    """A mapping's rules (`{"local": [...], "remote": [...]}` each) and, optionally, the
    schema version they follow (Keystone's default: 1.0)."""

    rules: Sequence[MappingABC[str, Any]]
    schema_version: str | None = None

    def to_mapping_create_map(self) -> dict[str, Any]:
        """`{"mapping": {...}}`."""
        body: dict[str, Any] = {"rules": [dict(r) for r in self.rules]}
        if self.schema_version is not None:
            body["schema_version"] = self.schema_version
        return {"mapping": body}


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateMappingOpts(CreateMappingOpts):
    """The new rules (they replace the old; the version is 1.0 again unless given)."""

    def to_mapping_update_map(self) -> dict[str, Any]:
        """`{"mapping": {...}}`."""
        return self.to_mapping_create_map()


def list_mappings(client: ServiceClient) -> Pager[MappingPage]:
    """Every mapping."""
    return Pager(client, urls.mappings_url(client), MappingPage)


def create_mapping(client: ServiceClient, mapping_id: str,
                   opts: CreateMappingOpts) -> MappingResult:
    """Create a mapping; rules Keystone's schema refuses surface as `BadRequest` listing
    every error."""
    return MappingResult.request(client, "PUT", urls.mapping_url(client, mapping_id),
                                 json=opts.to_mapping_create_map(), ok_codes=(201,))


def get_mapping(client: ServiceClient, mapping_id: str) -> MappingResult:
    """One mapping."""
    return MappingResult.request(client, "GET", urls.mapping_url(client, mapping_id))


def update_mapping(client: ServiceClient, mapping_id: str,
                   opts: UpdateMappingOpts) -> MappingResult:
    """Replace a mapping's rules."""
    return MappingResult.request(client, "PATCH", urls.mapping_url(client, mapping_id),
                                 json=opts.to_mapping_update_map(), ok_codes=(200,))


def delete_mapping(client: ServiceClient, mapping_id: str) -> DeleteResult:
    """Delete a mapping (Keystone allows it while a protocol names it)."""
    return DeleteResult.request(client, "DELETE", urls.mapping_url(client, mapping_id),
                                ok_codes=(204,))


# -- identity providers -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters of `list_identity_providers` and `list_service_providers`."""

    id: str | None = field(default=None, metadata={"q": "id"})
    enabled: bool | None = field(default=None, metadata={"q": "enabled"})

    def to_federation_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        return build_query(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateIdentityProviderOpts:
    """An identity provider: without `domain_id` Keystone makes it a domain of its own;
    disabled unless `enabled`."""

    domain_id: str | None = None
    enabled: bool | None = None
    description: str | None = None
    remote_ids: Sequence[str] | None = None
    authorization_ttl: int | None = None

    def to_identity_provider_create_map(self) -> dict[str, Any]:
        """`{"identity_provider": {...}}`, None fields left out."""
        body = _given("identity_provider", self, ("domain_id", "enabled", "description",
                                                  "authorization_ttl"))
        if self.remote_ids is not None:
            body["identity_provider"]["remote_ids"] = list(self.remote_ids)
        return body


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateIdentityProviderOpts:
    """What to change (the domain cannot be); None fields are not sent."""

    enabled: bool | None = None
    description: str | None = None
    remote_ids: Sequence[str] | None = None
    authorization_ttl: int | None = None

    def to_identity_provider_update_map(self) -> dict[str, Any]:
        """`{"identity_provider": {...}}`."""
        body = _given("identity_provider", self, ("enabled", "description",
                                                  "authorization_ttl"))
        if self.remote_ids is not None:
            body["identity_provider"]["remote_ids"] = list(self.remote_ids)
        return body


def list_identity_providers(client: ServiceClient,
                            opts: ListOpts | None = None) -> Pager[IdentityProviderPage]:
    """Identity providers, optionally by id or enabled state."""
    query = opts.to_federation_list_query() if opts is not None else ""
    return Pager(client, urls.identity_providers_url(client) + query, IdentityProviderPage)


def create_identity_provider(client: ServiceClient, idp_id: str,
                             opts: CreateIdentityProviderOpts) -> IdentityProviderResult:
    """Create an identity provider; a taken id or remote id surfaces as `Conflict`."""
    return IdentityProviderResult.request(
        client, "PUT", urls.identity_provider_url(client, idp_id),
        json=opts.to_identity_provider_create_map(), ok_codes=(201,))


def get_identity_provider(client: ServiceClient, idp_id: str) -> IdentityProviderResult:
    """One identity provider."""
    return IdentityProviderResult.request(client, "GET",
                                          urls.identity_provider_url(client, idp_id))


def update_identity_provider(client: ServiceClient, idp_id: str,
                             opts: UpdateIdentityProviderOpts) -> IdentityProviderResult:
    """Change an identity provider."""
    return IdentityProviderResult.request(
        client, "PATCH", urls.identity_provider_url(client, idp_id),
        json=opts.to_identity_provider_update_map(), ok_codes=(200,))


def delete_identity_provider(client: ServiceClient, idp_id: str) -> DeleteResult:
    """Delete an identity provider and its protocols (a domain made for it stays)."""
    return DeleteResult.request(client, "DELETE", urls.identity_provider_url(client, idp_id),
                                ok_codes=(204,))


# -- protocols --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProtocolOpts:
    """A protocol's mapping (which must exist) and the attribute naming the remote id."""

    mapping_id: str
    remote_id_attribute: str | None = None

    def to_protocol_create_map(self) -> dict[str, Any]:
        """`{"protocol": {...}}`."""
        return _given("protocol", self, ("mapping_id", "remote_id_attribute"))


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateProtocolOpts(CreateProtocolOpts):
    """The protocol's mapping (Keystone requires it again) and remote id attribute."""

    def to_protocol_update_map(self) -> dict[str, Any]:
        """`{"protocol": {...}}`."""
        return self.to_protocol_create_map()


def list_protocols(client: ServiceClient, idp_id: str) -> Pager[ProtocolPage]:
    """An identity provider's protocols."""
    return Pager(client, urls.protocols_url(client, idp_id), ProtocolPage)


def create_protocol(client: ServiceClient, idp_id: str, protocol_id: str,
                    opts: CreateProtocolOpts) -> ProtocolResult:
    """Add a protocol; an unknown mapping surfaces as `BadRequest`."""
    return ProtocolResult.request(client, "PUT", urls.protocol_url(client, idp_id, protocol_id),
                                  json=opts.to_protocol_create_map(), ok_codes=(201,))


def get_protocol(client: ServiceClient, idp_id: str, protocol_id: str) -> ProtocolResult:
    """One protocol of an identity provider."""
    return ProtocolResult.request(client, "GET", urls.protocol_url(client, idp_id, protocol_id))


def update_protocol(client: ServiceClient, idp_id: str, protocol_id: str,
                    opts: UpdateProtocolOpts) -> ProtocolResult:
    """Change a protocol's mapping or remote id attribute."""
    return ProtocolResult.request(client, "PATCH",
                                  urls.protocol_url(client, idp_id, protocol_id),
                                  json=opts.to_protocol_update_map(), ok_codes=(200,))


def delete_protocol(client: ServiceClient, idp_id: str, protocol_id: str) -> DeleteResult:
    """Remove a protocol from an identity provider."""
    return DeleteResult.request(client, "DELETE", urls.protocol_url(client, idp_id, protocol_id),
                                ok_codes=(204,))


# -- service providers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateServiceProviderOpts:
    """A service provider: where to authenticate (`auth_url`) and where its SAML assertions
    go (`sp_url`); disabled unless `enabled`, relay state prefix `ss:mem:` unless given."""

    auth_url: str
    sp_url: str
    enabled: bool | None = None
    description: str | None = None
    relay_state_prefix: str | None = None

    def to_service_provider_create_map(self) -> dict[str, Any]:
        """`{"service_provider": {...}}`, None fields left out."""
        return _given("service_provider", self, ("auth_url", "sp_url", "enabled",
                                                 "description", "relay_state_prefix"))


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateServiceProviderOpts:
    """What to change; None fields are not sent."""

    auth_url: str | None = None
    sp_url: str | None = None
    enabled: bool | None = None
    description: str | None = None
    relay_state_prefix: str | None = None

    def to_service_provider_update_map(self) -> dict[str, Any]:
        """`{"service_provider": {...}}`."""
        return _given("service_provider", self, ("auth_url", "sp_url", "enabled",
                                                 "description", "relay_state_prefix"))


def list_service_providers(client: ServiceClient,
                           opts: ListOpts | None = None) -> Pager[ServiceProviderPage]:
    """Service providers, optionally by id or enabled state."""
    query = opts.to_federation_list_query() if opts is not None else ""
    return Pager(client, urls.service_providers_url(client) + query, ServiceProviderPage)


def create_service_provider(client: ServiceClient, sp_id: str,
                            opts: CreateServiceProviderOpts) -> ServiceProviderResult:
    """Create a service provider; once enabled, every token lists it."""
    return ServiceProviderResult.request(
        client, "PUT", urls.service_provider_url(client, sp_id),
        json=opts.to_service_provider_create_map(), ok_codes=(201,))


def get_service_provider(client: ServiceClient, sp_id: str) -> ServiceProviderResult:
    """One service provider."""
    return ServiceProviderResult.request(client, "GET", urls.service_provider_url(client, sp_id))


def update_service_provider(client: ServiceClient, sp_id: str,
                            opts: UpdateServiceProviderOpts) -> ServiceProviderResult:
    """Change a service provider."""
    return ServiceProviderResult.request(
        client, "PATCH", urls.service_provider_url(client, sp_id),
        json=opts.to_service_provider_update_map(), ok_codes=(200,))


def delete_service_provider(client: ServiceClient, sp_id: str) -> DeleteResult:
    """Delete a service provider."""
    return DeleteResult.request(client, "DELETE", urls.service_provider_url(client, sp_id),
                                ok_codes=(204,))


# -- federated login --------------------------------------------------------------------------


def authenticate(client: ServiceClient, idp_id: str, protocol_id: str, *,
                 claims: MappingABC[str, str] | None = None) -> AuthenticateResult:
    """Log in through an identity provider's protocol (`POST .../identity_providers/{idp_id}/
    protocols/{protocol_id}/auth`), as a web server in front of Keystone does once it has
    authenticated the user with the IdP.

    Keystone reads the IdP's assertion from its request environment. Behind a web server that
    passes the IdP's claims as request headers (mod_auth_openidc's `OIDCPassClaimsAs
    headers`, or the fake cloud), `claims` are those headers: `{"OIDC-Email": "a@b"}` is the
    mapping's remote type `HTTP_OIDC_EMAIL`. The protocol's id is the auth method Keystone
    runs, so it must be one of its `[auth] methods` (`mapped` by default).

    Args:
        client: A Keystone v3 client; the request carries no `X-Auth-Token`.
        idp_id: The identity provider.
        protocol_id: Its protocol, whose mapping reads the assertion.
        claims: Request headers carrying the assertion.

    Returns:
        An AuthenticateResult: `extract_token()` is the unscoped federated token (use it
        with `tokens.create` and a project scope, `AuthOptions(token_id=..., scope=...)`),
        `extract_token_federation` its groups. A mapping that matches nothing surfaces as
        `Unauthorized`, a disabled identity provider as `Forbidden`, an unknown one or
        protocol as `NotFound`.
    """
    return AuthenticateResult.request(
        client, "POST", urls.auth_url(client, idp_id, protocol_id),
        headers=dict(claims or {}), ok_codes=(201,), authenticated=False)

