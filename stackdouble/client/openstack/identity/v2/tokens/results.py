"""Keystone v2.0 token results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._catalog import ServiceCatalog
from stackdouble.client._errors import UnexpectedBody
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
        access = self.extract_with(lambda body: body, key="access")
        if not isinstance(access, Mapping):
            raise UnexpectedBody("an access object", type(access).__name__)
        return access

    def extract(self) -> Token:
        """The Token."""
        return self.extract_token()

    def extract_token(self) -> Token:
        """The Token, or raise the error the call ended with."""
        token = self._access().get("token")
        if not isinstance(token, Mapping) or "id" not in token:
            raise UnexpectedBody("access.token.id", repr(type(token).__name__))
        tenant = token.get("tenant")
        return Token(
            id=token["id"],
            expires_at=parse_time(token.get("expires")),
            issued_at=parse_time(token.get("issued_at")),
            tenant=Tenant.from_json(tenant) if tenant else None,
        )

    def extract_service_catalog(self) -> ServiceCatalog:
        """The token's service catalog (empty for a token without a tenant)."""
        return ServiceCatalog.from_v2(self._access().get("serviceCatalog"))

    def extract_catalog(self) -> ServiceCatalog:
        """The same as `extract_service_catalog`, named as in identity v3."""
        return self.extract_service_catalog()

    def extract_user(self) -> User:
        """The user the token belongs to."""
        user = self._access().get("user") or {}
        if "id" not in user:
            raise UnexpectedBody("access.user.id", f"keys {sorted(user)}")
        return User(
            id=user["id"],
            name=user.get("name", ""),
            username=user.get("username"),
            roles=tuple(role["name"] for role in user.get("roles") or () if "name" in role),
        )
