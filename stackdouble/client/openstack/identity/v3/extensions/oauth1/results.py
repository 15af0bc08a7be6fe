"""Keystone OS-OAUTH1 results: consumers, OAuth tokens (form-encoded answers), verifiers,
access tokens and their roles, and the `OS-OAUTH1` of a token had with one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from stackdouble.client._errors import UnexpectedBody, describe_json
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AccessToken",
    "AccessTokenPage",
    "AccessTokenRole",
    "AccessTokenRolesPage",
    "AuthorizeTokenResult",
    "AuthorizedToken",
    "Consumer",
    "ConsumerPage",
    "CreateConsumerResult",
    "DeleteConsumerResult",
    "GetAccessTokenResult",
    "GetAccessTokenRoleResult",
    "GetConsumerResult",
    "RevokeAccessTokenResult",
    "Token",
    "TokenOAuth1",
    "TokenResult",
    "UpdateConsumerResult",
    "extract_access_token_roles",
    "extract_access_tokens",
    "extract_consumers",
    "extract_token_oauth1",
]

_CONSUMER_KEYS = frozenset({"id", "secret", "description", "links"})


@dataclass(slots=True, kw_only=True)
class Consumer:
    """An OAuth1 consumer. `secret` is set only in the answer to `create_consumer`;
    attributes Keystone does not define are in `extra`."""

    id: str
    secret: str | None = field(default=None, repr=False)
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Consumer:
        """A Consumer from Keystone's JSON."""
        return cls(id=raw["id"], secret=raw.get("secret"), description=raw.get("description"),
                   extra={k: v for k, v in raw.items() if k not in _CONSUMER_KEYS})


class GetConsumerResult(Result):
    """The result of `get_consumer`; `extract()` gives the Consumer."""

    __slots__ = ()

    def extract(self) -> Consumer:
        """The Consumer, or raise the error the call ended with."""
        return self.extract_with(Consumer.from_json, key="consumer")


class CreateConsumerResult(GetConsumerResult):
    """The result of `create_consumer`: the Consumer with its secret."""

    __slots__ = ()


class UpdateConsumerResult(GetConsumerResult):
    """The result of `update_consumer`."""

    __slots__ = ()


class DeleteConsumerResult(ErrResult):
    """The result of `delete_consumer`; `extract_err()` raises on failure."""

    __slots__ = ()


class ConsumerPage(LinkedPage):
    """A page of consumers."""

    __slots__ = ()
    resource_key = "consumers"
    link_path = ("links", "next")

    def items(self) -> list[Consumer]:
        """The consumers on this page."""
        return extract_consumers(self)


def extract_consumers(page: Page) -> list[Consumer]:
    """The consumers on one page of `list_consumers`."""
    return page.extract_list_with(Consumer.from_json, key="consumers")


@dataclass(slots=True, kw_only=True)
class Token:
    """An OAuth1 request or access token (gophercloud's `oauth1.Token`)."""

    oauth_token: str
    oauth_token_secret: str = field(repr=False)
    oauth_expires_at: datetime | None = None


class TokenResult(Result):
    """The result of `request_token` and `create_access_token`: Keystone answers
    `application/x-www-form-urlencoded`, `oauth_token=...&oauth_token_secret=...`."""

    __slots__ = ()

    def extract(self) -> Token:
        """The Token, or raise the error the call ended with.

        Raises:
            UnexpectedBody: The body is not the form Keystone sends.
        """
        self.raise_for_error()
        text = self.body if isinstance(self.body, str) else ""
        values = {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}
        if not values.get("oauth_token") or "oauth_token_secret" not in values:
            raise UnexpectedBody("oauth_token and oauth_token_secret in a form",
                                 describe_json(self.body))
        return Token(oauth_token=values["oauth_token"],
                     oauth_token_secret=values["oauth_token_secret"],
                     oauth_expires_at=parse_time(values.get("oauth_expires_at")))


@dataclass(slots=True, kw_only=True)
class AuthorizedToken:
    """What `authorize_token` gives: the verifier for `create_access_token`."""

    oauth_verifier: str = field(repr=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AuthorizedToken:
        """An AuthorizedToken from Keystone's JSON."""
        return cls(oauth_verifier=raw["oauth_verifier"])


class AuthorizeTokenResult(Result):
    """The result of `authorize_token`; `extract()` gives the AuthorizedToken."""

    __slots__ = ()

    def extract(self) -> AuthorizedToken:
        """The AuthorizedToken, or raise the error the call ended with."""
        return self.extract_with(AuthorizedToken.from_json, key="token")


@dataclass(slots=True, kw_only=True)
class AccessToken:
    """An access token as its user's listing shows it (no secret)."""

    id: str
    consumer_id: str
    project_id: str
    authorizing_user_id: str
    expires_at: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AccessToken:
        """An AccessToken from Keystone's JSON."""
        return cls(id=raw["id"], consumer_id=raw["consumer_id"], project_id=raw["project_id"],
                   authorizing_user_id=raw["authorizing_user_id"],
                   expires_at=parse_time(raw.get("expires_at")))


class GetAccessTokenResult(Result):
    """The result of `get_access_token`; `extract()` gives the AccessToken."""

    __slots__ = ()

    def extract(self) -> AccessToken:
        """The AccessToken, or raise the error the call ended with."""
        return self.extract_with(AccessToken.from_json, key="access_token")


class RevokeAccessTokenResult(ErrResult):
    """The result of `revoke_access_token`; `extract_err()` raises on failure."""

    __slots__ = ()


class AccessTokenPage(LinkedPage):
    """A page of a user's access tokens."""

    __slots__ = ()
    resource_key = "access_tokens"
    link_path = ("links", "next")

    def items(self) -> list[AccessToken]:
        """The access tokens on this page."""
        return extract_access_tokens(self)


def extract_access_tokens(page: Page) -> list[AccessToken]:
    """The access tokens on one page of `list_access_tokens`."""
    return page.extract_list_with(AccessToken.from_json, key="access_tokens")


@dataclass(slots=True, kw_only=True)
class AccessTokenRole:
    """A role an access token delegates."""

    id: str
    name: str
    domain_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AccessTokenRole:
        """An AccessTokenRole from Keystone's JSON."""
        return cls(id=raw["id"], name=raw["name"], domain_id=raw.get("domain_id"))


class GetAccessTokenRoleResult(Result):
    """The result of `get_access_token_role`; `extract()` gives the AccessTokenRole."""

    __slots__ = ()

    def extract(self) -> AccessTokenRole:
        """The AccessTokenRole, or raise the error the call ended with."""
        return self.extract_with(AccessTokenRole.from_json, key="role")


class AccessTokenRolesPage(LinkedPage):
    """A page of an access token's roles."""

    __slots__ = ()
    resource_key = "roles"
    link_path = ("links", "next")

    def items(self) -> list[AccessTokenRole]:
        """The roles on this page."""
        return extract_access_token_roles(self)


def extract_access_token_roles(page: Page) -> list[AccessTokenRole]:
    """The roles on one page of `list_access_token_roles`."""
    return page.extract_list_with(AccessTokenRole.from_json, key="roles")


@dataclass(slots=True, kw_only=True)
class TokenOAuth1:
    """The `OS-OAUTH1` of a token had with an access token (gophercloud's `TokenExt`)."""

    access_token_id: str
    consumer_id: str


def extract_token_oauth1(result: Result) -> TokenOAuth1 | None:
    """The `OS-OAUTH1` of a `tokens.create`/`tokens.get` (or `oauth1.create`) result; None
    for a token not had with an access token.

    Raises:
        StackdoubleError: The error the token call ended with.
        UnexpectedBody: The body's `OS-OAUTH1` is not the object Keystone sends.
    """
    result.raise_for_error()
    token = result.body.get("token") if isinstance(result.body, Mapping) else None
    raw = token.get("OS-OAUTH1") if isinstance(token, Mapping) else None
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("access_token_id"), str):
        raise UnexpectedBody("an object", describe_json(raw), path="$.token.OS-OAUTH1")
    return TokenOAuth1(access_token_id=raw["access_token_id"],
                       consumer_id=str(raw.get("consumer_id")))
