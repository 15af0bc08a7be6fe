"""Keystone v3 token results and the resources they hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._catalog import ServiceCatalog
from stackdouble.client._errors import UnexpectedBody, describe_json
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
        """A Domain from `{"id", "name"}`, or None.

        Raises:
            UnexpectedBody: `raw` is not an object (the path is relative to it).
        """
        if not raw:
            return None
        if not isinstance(raw, Mapping):
            raise UnexpectedBody("an object", describe_json(raw))
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
        return _object(self.extract_with(lambda body: body, key="token"), "$.token")

    def extract(self) -> Token:
        """The Token (its id from the `X-Subject-Token` header)."""
        return self.extract_token()

    def extract_token(self) -> Token:
        """The Token, or raise the error the call ended with.

        Raises:
            UnexpectedBody: The body is not a token, or a time in it is not ISO 8601.
        """
        token = self._token_body()
        token_id = self.headers.get("X-Subject-Token")
        if not token_id:
            raise UnexpectedBody("an X-Subject-Token header", "none")
        return Token(
            id=token_id,
            expires_at=_time(token, "expires_at", "$.token"),
            issued_at=_time(token, "issued_at", "$.token"),
            methods=_strings(token, "methods", "$.token"),
            audit_ids=_strings(token, "audit_ids", "$.token"),
        )

    def extract_catalog(self) -> ServiceCatalog:
        """The token's service catalog (empty for an unscoped token or `nocatalog`).

        Raises:
            UnexpectedBody: The catalog is not a list of services with lists of endpoints.
        """
        return ServiceCatalog.from_v3(self._token_body().get("catalog"), path="$.token.catalog")

    def extract_user(self) -> TokenUser:
        """The user the token belongs to."""
        user = _object(self._token_body().get("user") or {}, "$.token.user")
        if "id" not in user:
            raise UnexpectedBody("an object with 'id'", describe_json(user), path="$.token.user")
        return TokenUser(
            id=str(user["id"]),
            name=user.get("name"),
            domain=_domain(user, "$.token.user"),
            password_expires_at=_time(user, "password_expires_at", "$.token.user"),
        )

    def extract_project(self) -> TokenProject | None:
        """The project the token is scoped to, or None for another scope."""
        project = self._token_body().get("project")
        if not project:
            return None
        project = _object(project, "$.token.project")
        if "id" not in project:
            raise UnexpectedBody(
                "an object with 'id'", describe_json(project), path="$.token.project"
            )
        return TokenProject(
            id=str(project["id"]),
            name=project.get("name"),
            domain=_domain(project, "$.token.project"),
        )

    def extract_domain(self) -> Domain | None:
        """The domain the token is scoped to, or None for another scope."""
        return _domain(self._token_body(), "$.token")

    def extract_roles(self) -> list[Role]:
        """The roles the token carries."""
        roles = self._token_body().get("roles") or []
        if not isinstance(roles, list):
            raise UnexpectedBody("a list", describe_json(roles), path="$.token.roles")
        found = []
        for index, role in enumerate(roles):
            path = f"$.token.roles[{index}]"
            if not isinstance(role, Mapping) or "name" not in role:
                raise UnexpectedBody("an object with 'name'", describe_json(role), path=path)
            found.append(Role(id=role.get("id"), name=str(role["name"])))
        return found


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise UnexpectedBody("an object", describe_json(value), path=path)
    return value


def _time(raw: Mapping[str, Any], key: str, path: str) -> datetime | None:
    try:
        return parse_time(raw.get(key))
    except UnexpectedBody as exc:
        raise exc.locate(f"{path}.{key}") from None


def _strings(raw: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if not isinstance(value, (list, tuple)):
        raise UnexpectedBody("a list", describe_json(value), path=f"{path}.{key}")
    return tuple(str(item) for item in value)


def _domain(raw: Mapping[str, Any], path: str) -> Domain | None:
    try:
        return Domain.from_json(raw.get("domain"))
    except UnexpectedBody as exc:
        raise exc.locate(f"{path}.domain") from None


class GetResult(CreateResult):
    """The result of `tokens.get`: the same extractors as `CreateResult`."""

    __slots__ = ()


class RevokeResult(ErrResult):
    """The result of `tokens.revoke`; `extract_err()` raises on failure."""

    __slots__ = ()
