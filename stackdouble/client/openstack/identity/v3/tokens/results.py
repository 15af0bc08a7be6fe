"""Keystone v3 token results and the resources they hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._catalog import ServiceCatalog
from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import ErrResult, Result, parse_time

__all__ = [
    "CreateResult",
    "Domain",
    "GetResult",
    "RevokeResult",
    "Role",
    "Token",
    "TokenProject",
    "TokenUser",
]


@dataclass(slots=True, kw_only=True)
class Token:
    """A Keystone token; its id is left out of the repr."""

    id: str = field(repr=False)
    expires_at: datetime | None
    issued_at: datetime | None = None
    methods: Sequence[str] = ()
    audit_ids: Sequence[str] = ()


@dataclass(slots=True, kw_only=True)
class Domain:
    """A domain reference."""

    id: str | None
    name: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None) -> Domain | None:
        """A Domain from `{"id", "name"}`, or None."""
        if not raw:
            return None
        return cls(id=raw.get("id"), name=raw.get("name"))


@dataclass(slots=True, kw_only=True)
class TokenUser:
    """The user a token was issued to."""

    id: str
    name: str | None = None
    domain: Domain | None = None
    password_expires_at: datetime | None = None


@dataclass(slots=True, kw_only=True)
class TokenProject:
    """The project a token is scoped to."""

    id: str
    name: str | None = None
    domain: Domain | None = None


@dataclass(slots=True, kw_only=True)
class Role:
    """A role held through a token (implied roles included, as Keystone expands them)."""

    id: str | None
    name: str


class CreateResult(Result):
    """The result of `tokens.create` (and, by inheritance, `tokens.get`)."""

    __slots__ = ()

    def _token_body(self) -> Mapping[str, Any]:
        token = self.extract_with(lambda body: body, key="token")
        if not isinstance(token, Mapping):
            raise UnexpectedBody("a token object", type(token).__name__)
        return token

    def extract(self) -> Token:
        """The Token (its id from the `X-Subject-Token` header)."""
        return self.extract_token()

    def extract_token(self) -> Token:
        """The Token, or raise the error the call ended with."""
        token = self._token_body()
        token_id = self.headers.get("X-Subject-Token")
        if not token_id:
            raise UnexpectedBody("an X-Subject-Token header", "none")
        return Token(
            id=token_id,
            expires_at=parse_time(token.get("expires_at")),
            issued_at=parse_time(token.get("issued_at")),
            methods=tuple(token.get("methods") or ()),
            audit_ids=tuple(token.get("audit_ids") or ()),
        )

    def extract_catalog(self) -> ServiceCatalog:
        """The token's service catalog (empty for an unscoped token or `nocatalog`)."""
        return ServiceCatalog.from_v3(self._token_body().get("catalog"))

    def extract_user(self) -> TokenUser:
        """The user the token belongs to."""
        user = self._token_body().get("user") or {}
        if "id" not in user:
            raise UnexpectedBody("token.user.id", f"keys {sorted(user)}")
        return TokenUser(
            id=user["id"],
            name=user.get("name"),
            domain=Domain.from_json(user.get("domain")),
            password_expires_at=parse_time(user.get("password_expires_at")),
        )

    def extract_project(self) -> TokenProject | None:
        """The project the token is scoped to, or None for another scope."""
        project = self._token_body().get("project")
        if not project:
            return None
        return TokenProject(
            id=project["id"],
            name=project.get("name"),
            domain=Domain.from_json(project.get("domain")),
        )

    def extract_domain(self) -> Domain | None:
        """The domain the token is scoped to, or None for another scope."""
        return Domain.from_json(self._token_body().get("domain"))

    def extract_roles(self) -> list[Role]:
        """The roles the token carries."""
        return [
            Role(id=role.get("id"), name=role["name"])
            for role in self._token_body().get("roles") or ()
        ]


class GetResult(CreateResult):
    """The result of `tokens.get`: the same extractors as `CreateResult`."""

    __slots__ = ()


class RevokeResult(ErrResult):
    """The result of `tokens.revoke`; `extract_err()` raises on failure."""

    __slots__ = ()
