"""Keystone v2.0 token results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._catalog import ServiceCatalog
from stackdouble.client._errors import UnexpectedBody, describe_json
from stackdouble.client._results import Result, parse_time

__all__ = ["CreateResult", "Tenant", "Token", "User"]


@dataclass(slots=True, kw_only=True)
class Tenant:
    """A tenant (project) as Keystone v2.0 names it."""

    id: str
    name: str
    description: str | None = None
    enabled: bool = True

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Tenant:
        """A Tenant from Keystone's JSON."""
        return cls(
            id=raw["id"],
            name=raw["name"],
            description=raw.get("description"),
            enabled=bool(raw.get("enabled", True)),
        )


@dataclass(slots=True, kw_only=True)
class Token:
    """A v2.0 token; its id is left out of the repr."""

    id: str = field(repr=False)
    expires_at: datetime | None
    issued_at: datetime | None = None
    tenant: Tenant | None = None


@dataclass(slots=True, kw_only=True)
class User:
    """The user a v2.0 token belongs to, with its role names."""

    id: str
    name: str
    username: str | None = None
    roles: Sequence[str] = ()


class CreateResult(Result):
    """The result of `tokens.create` (v2.0)."""

    __slots__ = ()

    def _access(self) -> Mapping[str, Any]:
        return _object(self.extract_with(lambda body: body, key="access"), "$.access")

    def extract(self) -> Token:
        """The Token."""
        return self.extract_token()

    def extract_token(self) -> Token:
        """The Token, or raise the error the call ended with.

        Raises:
            UnexpectedBody: The body holds no token id, or a time is not ISO 8601.
        """
        token = _object(self._access().get("token"), "$.access.token")
        if "id" not in token:
            raise UnexpectedBody("an object with 'id'", describe_json(token),
                                 path="$.access.token")
        tenant = token.get("tenant")
        try:
            tenant_obj = Tenant.from_json(_object(tenant, "$")) if tenant else None
        except UnexpectedBody as exc:
            raise exc.locate("$.access.token.tenant") from None
        except KeyError as exc:
            raise UnexpectedBody(f"an object with {exc.args[0]!r}", describe_json(tenant),
                                 path="$.access.token.tenant") from None
        return Token(
            id=str(token["id"]),
            expires_at=_time(token, "expires"),
            issued_at=_time(token, "issued_at"),
            tenant=tenant_obj,
        )

    def extract_service_catalog(self) -> ServiceCatalog:
        """The token's service catalog (empty for a token without a tenant).

        Raises:
            UnexpectedBody: The catalog is not a list of services with lists of endpoints.
        """
        return ServiceCatalog.from_v2(
            self._access().get("serviceCatalog"), path="$.access.serviceCatalog"
        )

    def extract_catalog(self) -> ServiceCatalog:
        """The same as `extract_service_catalog`, named as in identity v3."""
        return self.extract_service_catalog()

    def extract_user(self) -> User:
        """The user the token belongs to."""
        user = _object(self._access().get("user") or {}, "$.access.user")
        if "id" not in user:
            raise UnexpectedBody("an object with 'id'", describe_json(user),
                                 path="$.access.user")
        roles = user.get("roles") or []
        if not isinstance(roles, list):
            raise UnexpectedBody("a list", describe_json(roles), path="$.access.user.roles")
        return User(
            id=str(user["id"]),
            name=user.get("name", ""),
            username=user.get("username"),
            roles=tuple(
                str(role["name"]) for role in roles if isinstance(role, Mapping) and "name" in role
            ),
        )


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise UnexpectedBody("an object", describe_json(value), path=path)
    return value


def _time(token: Mapping[str, Any], key: str) -> datetime | None:
    try:
        return parse_time(token.get(key))
    except UnexpectedBody as exc:
        raise exc.locate(f"$.access.token.{key}") from None
