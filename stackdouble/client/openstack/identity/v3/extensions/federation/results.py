"""Keystone OS-FEDERATION results: mappings, identity providers, protocols and service
providers, and the service providers a token lists."""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._errors import UnexpectedBody, describe_json
from stackdouble.client._results import ErrResult, Result
from stackdouble.client.openstack.identity.v3.tokens.results import CreateResult
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AuthenticateResult",
    "DeleteResult",
    "IdentityProvider",
    "IdentityProviderPage",
    "IdentityProviderResult",
    "Mapping",
    "MappingPage",
    "MappingResult",
    "Protocol",
    "ProtocolPage",
    "ProtocolResult",
    "ServiceProvider",
    "ServiceProviderPage",
    "ServiceProviderResult",
    "TokenFederation",
    "TokenServiceProvider",
    "extract_identity_providers",
    "extract_mappings",
    "extract_protocols",
    "extract_service_providers",
    "extract_token_federation",
    "extract_token_service_providers",
]


@dataclass(slots=True, kw_only=True)
class Mapping:
    """A mapping: rules from an identity provider's attributes to local users, groups and
    projects (each rule as Keystone stores it: `{"local": [...], "remote": [...]}`)."""

    id: str
    rules: Sequence[MappingABC[str, Any]]
    schema_version: str | None = None

    @classmethod
    def from_json(cls, raw: MappingABC[str, Any]) -> Mapping:
        """A Mapping from Keystone's JSON."""
        return cls(id=raw["id"], rules=list(raw["rules"]),
                   schema_version=raw.get("schema_version"))


@dataclass(slots=True, kw_only=True)
class IdentityProvider:
    """An identity provider; its federated users live in `domain_id`."""

    id: str
    domain_id: str
    enabled: bool
    description: str | None = None
    remote_ids: Sequence[str] = ()
    authorization_ttl: int | None = None

    @classmethod
    def from_json(cls, raw: MappingABC[str, Any]) -> IdentityProvider:
        """An IdentityProvider from Keystone's JSON."""
        return cls(id=raw["id"], domain_id=raw["domain_id"], enabled=bool(raw["enabled"]),
                   description=raw.get("description"),
                   remote_ids=tuple(raw.get("remote_ids") or ()),
                   authorization_ttl=raw.get("authorization_ttl"))


@dataclass(slots=True, kw_only=True)
class Protocol:
    """A protocol of an identity provider and the mapping it reads assertions with.
    `idp_id` and `remote_id_attribute` are set in listings only (Keystone leaves them out
    of the other answers)."""

    id: str
    mapping_id: str
    idp_id: str | None = None
    remote_id_attribute: str | None = None

    @classmethod
    def from_json(cls, raw: MappingABC[str, Any]) -> Protocol:
        """A Protocol from Keystone's JSON."""
        return cls(id=raw["id"], mapping_id=raw["mapping_id"], idp_id=raw.get("idp_id"),
                   remote_id_attribute=raw.get("remote_id_attribute"))


@dataclass(slots=True, kw_only=True)
class ServiceProvider:
    """A remote Keystone (K2K) this cloud's users may be sent to."""

    id: str
    auth_url: str
    sp_url: str
    enabled: bool
    description: str | None = None
    relay_state_prefix: str | None = None

    @classmethod
    def from_json(cls, raw: MappingABC[str, Any]) -> ServiceProvider:
        """A ServiceProvider from Keystone's JSON."""
        return cls(id=raw["id"], auth_url=raw["auth_url"], sp_url=raw["sp_url"],
                   enabled=bool(raw["enabled"]), description=raw.get("description"),
                   relay_state_prefix=raw.get("relay_state_prefix"))


class MappingResult(Result):
    """The result of `get_mapping`, `create_mapping` or `update_mapping`."""

    __slots__ = ()

    def extract(self) -> Mapping:
        """The Mapping, or raise the error the call ended with."""
        return self.extract_with(Mapping.from_json, key="mapping")


class IdentityProviderResult(Result):
    """The result of `get_identity_provider`, `create_identity_provider` or
    `update_identity_provider`."""

    __slots__ = ()

    def extract(self) -> IdentityProvider:
        """The IdentityProvider, or raise the error the call ended with."""
        return self.extract_with(IdentityProvider.from_json, key="identity_provider")


class ProtocolResult(Result):
    """The result of `get_protocol`, `create_protocol` or `update_protocol`."""

    __slots__ = ()

    def extract(self) -> Protocol:
        """The Protocol, or raise the error the call ended with."""
        return self.extract_with(Protocol.from_json, key="protocol")


class ServiceProviderResult(Result):
    """The result of `get_service_provider`, `create_service_provider` or
    `update_service_provider`."""

    __slots__ = ()

    def extract(self) -> ServiceProvider:
        """The ServiceProvider, or raise the error the call ended with."""
        return self.extract_with(ServiceProvider.from_json, key="service_provider")


class DeleteResult(ErrResult):
    """The result of a delete; `extract_err()` raises on failure."""

    __slots__ = ()


def extract_mappings(page: Page) -> list[Mapping]:
    """The mappings on one page of `list_mappings`."""
    return page.extract_list_with(Mapping.from_json, key="mappings")


def extract_identity_providers(page: Page) -> list[IdentityProvider]:
    """The identity providers on one page of `list_identity_providers`."""
    return page.extract_list_with(IdentityProvider.from_json, key="identity_providers")


def extract_protocols(page: Page) -> list[Protocol]:
    """The protocols on one page of `list_protocols`."""
    return page.extract_list_with(Protocol.from_json, key="protocols")


def extract_service_providers(page: Page) -> list[ServiceProvider]:
    """The service providers on one page of `list_service_providers`."""
    return page.extract_list_with(ServiceProvider.from_json, key="service_providers")


class MappingPage(LinkedPage):
    """A page of mappings."""

    __slots__ = ()
    resource_key = "mappings"
    link_path = ("links", "next")

    def items(self) -> list[Mapping]:
        """The mappings on this page."""
        return extract_mappings(self)


class IdentityProviderPage(LinkedPage):
    """A page of identity providers."""

    __slots__ = ()
    resource_key = "identity_providers"
    link_path = ("links", "next")

    def items(self) -> list[IdentityProvider]:
        """The identity providers on this page."""
        return extract_identity_providers(self)


class ProtocolPage(LinkedPage):
    """A page of an identity provider's protocols."""

    __slots__ = ()
    resource_key = "protocols"
    link_path = ("links", "next")

    def items(self) -> list[Protocol]:
        """The protocols on this page."""
        return extract_protocols(self)


class ServiceProviderPage(LinkedPage):
    """A page of service providers."""

    __slots__ = ()
    resource_key = "service_providers"
    link_path = ("links", "next")

    def items(self) -> list[ServiceProvider]:
        """The service providers on this page."""
        return extract_service_providers(self)


@dataclass(slots=True, kw_only=True)
class TokenServiceProvider:
    """A service provider as a token lists it."""

    id: str
    auth_url: str
    sp_url: str = field(default="")


def extract_token_service_providers(result: Result) -> list[TokenServiceProvider]:
    """The enabled service providers a `tokens.create`/`tokens.get` result lists (none when
    the cloud has none).

    Raises:
        StackdoubleError: The error the token call ended with.
        UnexpectedBody: `service_providers` is not the list Keystone sends.
    """
    result.raise_for_error()
    token = result.body.get("token") if isinstance(result.body, MappingABC) else None
    raw = token.get("service_providers", []) if isinstance(token, MappingABC) else []
    if not isinstance(raw, list) or not all(isinstance(sp, MappingABC) for sp in raw):
        raise UnexpectedBody("a list of objects", describe_json(raw),
                             path="$.token.service_providers")
    return [TokenServiceProvider(id=sp["id"], auth_url=sp["auth_url"],
                                 sp_url=sp.get("sp_url", "")) for sp in raw]


class AuthenticateResult(CreateResult):
    """The result of `authenticate`: a token result (`extract_token()` gives the unscoped
    federated token and its id, `extract_user()` the shadow user), plus
    `extract_token_federation`."""

    __slots__ = ()


@dataclass(slots=True, kw_only=True)
class TokenFederation:
    """A federated token's `user.OS-FEDERATION`: where the user logged in from, and the
    groups the mapping put it in."""

    identity_provider: str
    protocol: str
    group_ids: Sequence[str] = ()


def extract_token_federation(result: Result) -> TokenFederation | None:
    """The `OS-FEDERATION` of a token result's user (`authenticate`, `tokens.create`,
    `tokens.get`); None for a token that did not come from a federated login.

    Raises:
        StackdoubleError: The error the token call ended with.
        UnexpectedBody: `OS-FEDERATION` is not the object Keystone sends.
    """
    result.raise_for_error()
    token = result.body.get("token") if isinstance(result.body, MappingABC) else None
    user = token.get("user") if isinstance(token, MappingABC) else None
    raw = user.get("OS-FEDERATION") if isinstance(user, MappingABC) else None
    if raw is None:
        return None
    try:
        return TokenFederation(identity_provider=str(raw["identity_provider"]["id"]),
                               protocol=str(raw["protocol"]["id"]),
                               group_ids=[str(g["id"]) for g in raw.get("groups") or ()])
    except (KeyError, TypeError, AttributeError):
        raise UnexpectedBody("an object with identity_provider, protocol and groups",
                             describe_json(raw), path="$.token.user.OS-FEDERATION") from None

