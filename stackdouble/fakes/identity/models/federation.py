"""Keystone's OS-FEDERATION (the fake of `identity/v3/extensions/federation/`): identity
providers, their protocols, mappings and service providers, as Keystone 30 keeps them
(`keystone/federation/core.py`, `keystone/federation/backends/sql.py`).

- An identity provider created without a `domain_id` gets a domain of its own (its id and
  name a fresh hex id, "Auto generated federated domain for Identity Provider: <id>"),
  which outlives the identity provider as it does in Keystone. Remote ids are unique across
  identity providers. Deleting an identity provider deletes its protocols.
- A protocol names a mapping that must exist when it is created or updated ("Invalid
  mapping id: <id>", 400); deleting a mapping in use is allowed, as in Keystone.
- Mapping rules are validated as `validate_mapping_structure` does: jsonschema's Draft 4
  over the schema of the mapping's `schema_version` (1.0, the default, 2.0 or 3.0), every
  error's message sorted and joined by newlines.
- Enabled service providers are listed in every token (`service_providers`).

Deliberate difference: an unknown `schema_version` is a 500 in Keystone (a `KeyError`);
the fake answers 400 naming the versions it knows.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import Conflict, NotFound, ValidationError
from stackdouble.fakes.identity.models._common import _ModelBase
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.domains import Domain

__all__ = [
    "DEFAULT_SCHEMA_VERSION",
    "MAPPING_SCHEMAS",
    "RELAY_STATE_PREFIX",
    "FederationMixin",
    "IdentityProvider",
    "MappingRules",
    "Protocol",
    "ServiceProvider",
    "validate_mapping",
]

#: `[federation] attribute_mapping_default_schema_version` and `[saml] relay_state_prefix`.
DEFAULT_SCHEMA_VERSION = "1.0"
RELAY_STATE_PREFIX = "ss:mem:"

_DOMAIN = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    "additionalProperties": False,
}
_PROJECTS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["name", "roles"],
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string"},
            "roles": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {"name": {"type": "string"}},
                },
            },
        },
    },
}


def _remote(key: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["type", key],
            "properties": {"type": {"type": "string"}, key: {"type": "array"},
                           "regex": {"type": "boolean"}}}


_SCHEMA_1_0: dict[str, Any] = {
    "type": "object",
    "required": ["rules"],
    "properties": {
        "rules": {
            "minItems": 1,
            "type": "array",
            "items": {
                "type": "object",
                "required": ["local", "remote"],
                "additionalProperties": False,
                "properties": {
                    "local": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "user": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "name": {"type": "string"},
                                        "email": {"type": "string"},
                                        "domain": {"$ref": "#/definitions/domain"},
                                        "type": {"type": "string",
                                                 "enum": ["ephemeral", "local"]},
                                    },
                                    "additionalProperties": False,
                                },
                                "projects": _PROJECTS,
                                "group": {
                                    "type": "object",
                                    "oneOf": [{"$ref": "#/definitions/group_by_id"},
                                              {"$ref": "#/definitions/group_by_name"}],
                                },
                                "groups": {"type": "string"},
                                "group_ids": {"type": "string"},
                                "domain": {"$ref": "#/definitions/domain"},
                            },
                        },
                    },
                    "remote": {
                        "minItems": 1,
                        "type": "array",
                        "items": {
                            "type": "object",
                            "oneOf": [{"$ref": "#/definitions/empty"},
                                      {"$ref": "#/definitions/any_one_of"},
                                      {"$ref": "#/definitions/not_any_of"},
                                      {"$ref": "#/definitions/blacklist"},
                                      {"$ref": "#/definitions/whitelist"}],
                        },
                    },
                },
            },
        },
        "schema_version": {"type": "string"},
    },
    "definitions": {
        "empty": {"type": "object", "required": ["type"],
                  "properties": {"type": {"type": "string"}}, "additionalProperties": False},
        "any_one_of": _remote("any_one_of"),
        "not_any_of": _remote("not_any_of"),
        "blacklist": _remote("blacklist"),
        "whitelist": _remote("whitelist"),
        "domain": _DOMAIN,
        "group_by_id": {"type": "object", "properties": {"id": {"type": "string"}},
                        "additionalProperties": False, "required": ["id"]},
        "group_by_name": {"type": "object",
                          "properties": {"name": {"type": "string"},
                                         "domain": {"$ref": "#/definitions/domain"}},
                          "additionalProperties": False, "required": ["name", "domain"]},
    },
}


def _versions() -> dict[str, dict[str, Any]]:
    """1.0; 2.0 adds a project's `domain`; 3.0 adds `projects_json`."""
    two = copy.deepcopy(_SCHEMA_1_0)
    local = two["properties"]["rules"]["items"]["properties"]["local"]["items"]["properties"]
    local["projects"]["items"]["properties"]["domain"] = _DOMAIN
    three = copy.deepcopy(two)
    three["properties"]["rules"]["items"]["properties"]["local"]["items"]["properties"][
        "projects_json"] = {"type": "string"}
    return {"1.0": _SCHEMA_1_0, "2.0": two, "3.0": three}


#: `IDP_ATTRIBUTE_MAPPING_SCHEMAS`: the rules' schema of each `schema_version`.
MAPPING_SCHEMAS: Mapping[str, dict[str, Any]] = _versions()


@functools.cache
def _validator(version: str) -> Any:
    """jsonschema's Draft 4 validator of a version's schema, made on first use (importing
    jsonschema costs more than making a cloud)."""
    import jsonschema  # type: ignore[import-untyped,unused-ignore]

    return jsonschema.Draft4Validator(MAPPING_SCHEMAS[version])


def validate_mapping(ref: Mapping[str, Any]) -> None:
    """`validate_mapping_structure`: every schema error, sorted, one a line.

    Raises:
        ValidationError: Keystone's 400 with those messages.

    Example:
        >>> try:
        ...     validate_mapping({"rules": [{"local": [], "remote": []}]})
        ... except ValidationError as exc:
        ...     print(repr(exc.message))
        '[] should be non-empty\\n'
    """
    version = str(ref.get("schema_version") or DEFAULT_SCHEMA_VERSION)
    if version not in MAPPING_SCHEMAS:
        raise ValidationError(message=(
            f"Unknown schema_version {version!r}; known: {', '.join(MAPPING_SCHEMAS)}"))
    errors = sorted(_validator(version).iter_errors(dict(ref)), key=str)
    if errors:
        raise ValidationError(message="".join(e.message + "\n" for e in errors))


@dataclass(slots=True, kw_only=True)
class IdentityProvider:
    """An identity provider whose users log in to `domain_id`."""

    id: str
    domain_id: str
    enabled: bool = False
    description: str | None = None
    remote_ids: list[str] = field(default_factory=list)
    authorization_ttl: int | None = None


@dataclass(slots=True, kw_only=True)
class Protocol:
    """How an identity provider's assertions are read: a mapping by protocol."""

    id: str
    idp_id: str
    mapping_id: str
    remote_id_attribute: str | None = None


@dataclass(slots=True, kw_only=True)
class MappingRules:
    """A mapping: rules from remote attributes to local users, groups and projects."""

    id: str
    rules: list[Any]
    schema_version: str = DEFAULT_SCHEMA_VERSION


@dataclass(slots=True, kw_only=True)
class ServiceProvider:
    """A remote Keystone this one's users may be sent to (K2K)."""

    id: str
    auth_url: str
    sp_url: str
    enabled: bool = False
    description: str | None = None
    relay_state_prefix: str | None = RELAY_STATE_PREFIX


class FederationMixin(_ModelBase):
    """`IdentityModel`'s OS-FEDERATION."""

    identity_providers: dict[str, IdentityProvider]
    federation_protocols: dict[tuple[str, str], Protocol]
    mappings: dict[str, MappingRules]
    service_providers: dict[str, ServiceProvider]

    # -- identity providers ---------------------------------------------------------------------

    @locked
    def create_identity_provider(self, idp_id: str, *, domain_id: str | None = None,
                                 enabled: bool = False, description: str | None = None,
                                 remote_ids: Sequence[str] = (),
                                 authorization_ttl: int | None = None) -> IdentityProvider:
        """Add an identity provider (`PUT .../identity_providers/{idp_id}`).

        Raises:
            Conflict: The id, or one of the remote ids, is taken.
            NotFound: `domain_id` names no domain.
        """
        if idp_id in self.identity_providers:
            raise Conflict("identity_provider", "Duplicate entry: None")
        self._check_remote_ids(idp_id, remote_ids)
        if domain_id:
            if domain_id not in self.domains:
                raise NotFound(f"Could not find domain: {domain_id}.")
        else:
            domain_id = self._ids.hex32()
            self.create_domain(domain_id, domain_id=domain_id, description=(
                "Auto generated federated domain for Identity Provider: " + idp_id))
        idp = IdentityProvider(id=idp_id, domain_id=domain_id, enabled=enabled,
                               description=description, remote_ids=list(remote_ids),
                               authorization_ttl=authorization_ttl)
        self.identity_providers[idp_id] = idp
        return idp

    def _check_remote_ids(self, idp_id: str, remote_ids: Sequence[str]) -> None:
        for other in self.identity_providers.values():
            if other.id != idp_id and set(other.remote_ids) & set(remote_ids):
                raise Conflict("identity_provider", "Duplicate remote ID: None")

    def get_identity_provider(self, idp_id: str) -> IdentityProvider:
        """Raises: NotFound: "Could not find Identity Provider: <id>."."""
        idp = self.identity_providers.get(idp_id)
        if idp is None:
            raise NotFound(f"Could not find Identity Provider: {idp_id}.")
        return idp

    def update_identity_provider(self, idp_id: str, changes: Mapping[str, Any]
                                 ) -> IdentityProvider:
        """Set the given attributes (`enabled`, `description`, `remote_ids`,
        `authorization_ttl`); `remote_ids: null` clears them.

        Raises:
            NotFound: No such identity provider.
            Conflict: A remote id another identity provider has.
        """
        idp = self.get_identity_provider(idp_id)
        if "remote_ids" in changes:
            self._check_remote_ids(idp_id, changes["remote_ids"] or ())
            idp.remote_ids = list(changes["remote_ids"] or ())
        for name in ("enabled", "description", "authorization_ttl"):
            if name in changes:
                setattr(idp, name, changes[name])
        return idp

    @locked
    def delete_identity_provider(self, idp_id: str) -> None:
        """Delete an identity provider and its protocols (its domain stays); its shadow
        users left without a federated identity go too, and its tokens stop validating.

        Raises:
            NotFound: No such identity provider.
        """
        self.get_identity_provider(idp_id)
        for key in [k for k in self.federation_protocols if k[0] == idp_id]:
            del self.federation_protocols[key]
        del self.identity_providers[idp_id]
        self._forget_federated_users(idp_id)
        self._stamp += 1

    def _delete_identity_providers_of(self, domain_id: str) -> None:
        """Keystone's `DOMAIN_DELETED` callback (`_cleanup_identity_provider`): the
        identity providers whose users log in to a deleted domain are deleted."""
        for idp_id in [i.id for i in self.identity_providers.values()
                       if i.domain_id == domain_id]:
            self.delete_identity_provider(idp_id)

    # -- protocols ------------------------------------------------------------------------------

    def _require_mapping(self, mapping_id: str) -> None:
        if mapping_id not in self.mappings:
            raise ValidationError(message=f"Invalid mapping id: {mapping_id}")

    @locked
    def create_protocol(self, idp_id: str, protocol_id: str, mapping_id: str,
                        remote_id_attribute: str | None = None) -> Protocol:
        """Add a protocol to an identity provider.

        Raises:
            ValidationError: "Invalid mapping id: <id>".
            NotFound: No such identity provider.
            Conflict: The identity provider has this protocol already.
        """
        self._require_mapping(mapping_id)
        self.get_identity_provider(idp_id)
        if (idp_id, protocol_id) in self.federation_protocols:
            raise Conflict("federation_protocol", "Duplicate entry")
        protocol = Protocol(id=protocol_id, idp_id=idp_id, mapping_id=mapping_id,
                            remote_id_attribute=remote_id_attribute)
        self.federation_protocols[(idp_id, protocol_id)] = protocol
        return protocol

    def get_protocol(self, idp_id: str, protocol_id: str) -> Protocol:
        """Raises: NotFound: "Could not find federated protocol <p> for Identity Provider:
        <idp>."."""
        protocol = self.federation_protocols.get((idp_id, protocol_id))
        if protocol is None:
            raise NotFound(f"Could not find federated protocol {protocol_id} for Identity "
                           f"Provider: {idp_id}.")
        return protocol

    def list_protocols(self, idp_id: str) -> list[Protocol]:
        """An identity provider's protocols.

        Raises:
            NotFound: No such identity provider.
        """
        self.get_identity_provider(idp_id)
        return [p for (i, _), p in self.federation_protocols.items() if i == idp_id]

    def update_protocol(self, idp_id: str, protocol_id: str, changes: Mapping[str, Any]
                        ) -> Protocol:
        """Set the mapping (which must exist) and the remote id attribute.

        Raises:
            ValidationError: "Invalid mapping id: <id>".
            NotFound: No such protocol.
        """
        self._require_mapping(str(changes["mapping_id"]))
        protocol = self.get_protocol(idp_id, protocol_id)
        protocol.mapping_id = str(changes["mapping_id"])
        if "remote_id_attribute" in changes:
            protocol.remote_id_attribute = changes["remote_id_attribute"]
        return protocol

    @locked
    def delete_protocol(self, idp_id: str, protocol_id: str) -> None:
        """Delete a protocol; its shadow users lose their link to it.

        Raises:
            NotFound: No such protocol.
        """
        self.get_protocol(idp_id, protocol_id)
        del self.federation_protocols[(idp_id, protocol_id)]
        self._forget_federated_users(idp_id, protocol_id)

    # -- mappings -------------------------------------------------------------------------------

    @locked
    def create_mapping(self, mapping_id: str, rules: list[Any] | None,
                       schema_version: str | None = None) -> MappingRules:
        """Add a mapping after validating its rules.

        Raises:
            ValidationError: The rules break the schema of their version (or are missing).
            Conflict: The id is taken.
        """
        ref: dict[str, Any] = {"schema_version": schema_version or DEFAULT_SCHEMA_VERSION}
        if rules is not None:
            ref["rules"] = rules
        validate_mapping(ref)
        assert rules is not None
        if mapping_id in self.mappings:
            raise Conflict("mapping", "Duplicate entry")
        mapping = MappingRules(id=mapping_id, rules=rules,
                               schema_version=ref["schema_version"])
        self.mappings[mapping_id] = mapping
        return mapping

    def get_mapping(self, mapping_id: str) -> MappingRules:
        """Raises: NotFound: "Could not find mapping: <id>."."""
        return self._get(self.mappings, "mapping", mapping_id)  # type: ignore[no-any-return]

    def update_mapping(self, mapping_id: str, ref: Mapping[str, Any]) -> MappingRules:
        """Replace the rules (and version: the default when not given), validated.

        Raises:
            ValidationError: The rules break their schema.
            NotFound: No such mapping.
        """
        full = {**ref, "schema_version": ref.get("schema_version") or DEFAULT_SCHEMA_VERSION}
        validate_mapping(full)
        mapping = self.get_mapping(mapping_id)
        mapping.rules = list(full["rules"])
        mapping.schema_version = str(full["schema_version"])
        return mapping

    @locked
    def delete_mapping(self, mapping_id: str) -> None:
        """Delete a mapping, even one a protocol names (as Keystone does).

        Raises:
            NotFound: No such mapping.
        """
        self.get_mapping(mapping_id)
        del self.mappings[mapping_id]

    # -- service providers ----------------------------------------------------------------------

    @locked
    def create_service_provider(self, sp_id: str, *, auth_url: str, sp_url: str,
                                enabled: bool = False, description: str | None = None,
                                relay_state_prefix: str | None = RELAY_STATE_PREFIX
                                ) -> ServiceProvider:
        """Add a service provider.

        Raises:
            Conflict: The id is taken.
        """
        if sp_id in self.service_providers:
            raise Conflict("service_provider", "Duplicate entry")
        sp = ServiceProvider(id=sp_id, auth_url=auth_url, sp_url=sp_url, enabled=enabled,
                             description=description, relay_state_prefix=relay_state_prefix)
        self.service_providers[sp_id] = sp
        return sp

    def get_service_provider(self, sp_id: str) -> ServiceProvider:
        """Raises: NotFound: "Could not find Service Provider: <id>."."""
        sp = self.service_providers.get(sp_id)
        if sp is None:
            raise NotFound(f"Could not find Service Provider: {sp_id}.")
        return sp

    def update_service_provider(self, sp_id: str, changes: Mapping[str, Any]
                                ) -> ServiceProvider:
        """Set the given attributes.

        Raises:
            NotFound: No such service provider.
        """
        sp = self.get_service_provider(sp_id)
        for name in ("auth_url", "sp_url", "enabled", "description", "relay_state_prefix"):
            if name in changes:
                setattr(sp, name, changes[name])
        return sp

    @locked
    def delete_service_provider(self, sp_id: str) -> None:
        """Raises: NotFound: No such service provider."""
        self.get_service_provider(sp_id)
        del self.service_providers[sp_id]

    def enabled_service_providers(self) -> list[ServiceProvider]:
        """The service providers every token lists."""
        return [sp for sp in self.service_providers.values() if sp.enabled]

    if TYPE_CHECKING:

        def _forget_federated_users(self, idp_id: str, protocol_id: str | None = None
                                    ) -> None: ...

        def create_domain(self, name: str, *, enabled: bool = True, description: str = "",
                          domain_id: str | None = None, tags: Sequence[str] = ()) -> Domain: ...
