"""Keystone OS-OAUTH1: consumers, the three-legged flow (`request_token`, `authorize_token`,
`create_access_token`), logging in with an access token (`create`, `authenticate`), and a
user's access tokens.

Requests of the flow are signed as RFC 5849 says and Keystone checks (through oauthlib):
an `Authorization: OAuth ...` header whose `oauth_signature` is the HMAC-SHA1 (or
PLAINTEXT) of the method, the URL without its query, and the sorted, percent-encoded
parameters, keyed by the consumer's secret and the token's. The signer is this module's own
(no oauthlib needed); nonces are hex, as Keystone's validator requires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._provider import ProviderClient
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.extensions.oauth1 import urls
from stackdouble.client.openstack.identity.v3.extensions.oauth1.results import (
    AccessTokenPage,
    AccessTokenRolesPage,
    AuthorizeTokenResult,
    ConsumerPage,
    CreateConsumerResult,
    DeleteConsumerResult,
    GetAccessTokenResult,
    GetAccessTokenRoleResult,
    GetConsumerResult,
    RevokeAccessTokenResult,
    TokenResult,
    UpdateConsumerResult,
)
from stackdouble.client.openstack.identity.v3.tokens.results import CreateResult
from stackdouble.client.pagination import Pager

__all__ = [
    "HMACSHA1",
    "PLAINTEXT",
    "AuthOptions",
    "AuthorizeTokenOpts",
    "CreateAccessTokenOpts",
    "CreateConsumerOpts",
    "RequestTokenOpts",
    "UpdateConsumerOpts",
    "authenticate",
    "authorize_token",
    "build_authorization_header",
    "build_string_to_sign",
    "create",
    "create_access_token",
    "create_consumer",
    "delete_consumer",
    "get_access_token",
    "get_access_token_role",
    "get_consumer",
    "list_access_token_roles",
    "list_access_tokens",
    "list_consumers",
    "request_token",
    "revoke_access_token",
    "update_consumer",
]

#: The recommended signature method.
HMACSHA1 = "HMAC-SHA1"
#: The secrets themselves as the signature: not for production (gophercloud's warning).
PLAINTEXT = "PLAINTEXT"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _escape(text: str) -> str:
    return quote(text, safe="~")


def build_string_to_sign(method: str, url: str, params: Sequence[tuple[str, str]]) -> str:
    """The signature base string (RFC 5849 section 3.4.1) of a request whose `oauth_*`
    parameters are `params` (the URL's query is added).

    Example:
        >>> build_string_to_sign("post", "HTTP://K.example:80/v3/x?b=1", [("oauth_nonce", "n")])
        'POST&http%3A%2F%2Fk.example%2Fv3%2Fx&b%3D1%26oauth_nonce%3Dn'
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    uri = urlunsplit((scheme, host, parts.path or "/", "", ""))
    pairs = parse_qsl(parts.query, keep_blank_values=True) + list(params)
    normalized = "&".join(f"{k}={v}" for k, v in sorted(
        (_escape(k), _escape(v)) for k, v in pairs))
    return "&".join((method.upper(), _escape(uri), _escape(normalized)))


def build_authorization_header(
    method: str,
    url: str,
    *,
    consumer_key: str,
    consumer_secret: str,
    token: str | None = None,
    token_secret: str | None = None,
    verifier: str | None = None,
    callback: str | None = None,
    signature_method: str = HMACSHA1,
    timestamp: datetime | None = None,
    nonce: str | None = None,
) -> str:
    """The `Authorization: OAuth ...` value of a signed request.

    Args:
        timestamp: The request's time (default now); Keystone refuses one more than 600 s
            from its clock.
        nonce: Random by default (hex: Keystone refuses other characters).

    Raises:
        InvalidInput: A signature method other than HMAC-SHA1 or PLAINTEXT.

    Example (the signature oauthlib's `Client` makes of the same request):
        >>> from datetime import datetime, timezone
        >>> build_authorization_header("POST", "http://k.example/v3/OS-OAUTH1/request_token",
        ...     consumer_key="c", consumer_secret="s", callback="oob", nonce="abc",
        ...     timestamp=datetime(2026, 1, 1, tzinfo=timezone.utc)).split(", ")[3]
        'oauth_signature="CG%2FNPcbHuwFcCCic9r0fsNkHqGM%3D"'
    """
    if signature_method not in (HMACSHA1, PLAINTEXT):
        raise InvalidInput(f"signature method {signature_method!r}: use HMAC-SHA1 or PLAINTEXT",
                           "signature_method")
    when = int(timestamp.timestamp()) if timestamp is not None else int(time.time())
    params = {"oauth_consumer_key": consumer_key, "oauth_nonce": nonce or secrets.token_hex(16),
              "oauth_signature_method": signature_method, "oauth_timestamp": str(when),
              "oauth_version": "1.0"}
    for name, value in (("oauth_token", token), ("oauth_verifier", verifier),
                        ("oauth_callback", callback)):
        if value is not None:
            params[name] = value
    key = f"{_escape(consumer_secret)}&{_escape(token_secret or '')}"
    if signature_method == PLAINTEXT:
        signature = key
    else:
        base = build_string_to_sign(method, url, sorted(params.items()))
        digest = hmac.new(key.encode("utf-8"), base.encode("utf-8"), hashlib.sha1).digest()
        signature = base64.b64encode(digest).decode("ascii")
    params["oauth_signature"] = signature
    return "OAuth " + ", ".join(f'{k}="{_escape(v)}"' for k, v in sorted(params.items()))


# -- consumers --------------------------------------------------------------------------------


class CreateConsumerOptsBuilder(Protocol):
    """Anything that renders the body of `create_consumer`."""

    def to_oauth1_create_consumer_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateConsumerOpts:
    """What `create_consumer` sends: a description (None: not sent)."""

    description: str | None = None

    def to_oauth1_create_consumer_map(self) -> dict[str, Any]:
        """`{"consumer": {...}}`."""
        body = {} if self.description is None else {"description": self.description}
        return {"consumer": body}


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateConsumerOpts:
    """What `update_consumer` sends: the new description (None clears it)."""

    description: str | None

    def to_oauth1_update_consumer_map(self) -> dict[str, Any]:
        """`{"consumer": {"description": ...}}`."""
        return {"consumer": {"description": self.description}}


def create_consumer(client: ServiceClient,
                    opts: CreateConsumerOptsBuilder | None = None) -> CreateConsumerResult:
    """Create a consumer (admin): `extract()` has its `secret`, shown this once."""
    body = (opts or CreateConsumerOpts()).to_oauth1_create_consumer_map()
    return CreateConsumerResult.request(client, "POST", urls.consumers_url(client), json=body,
                                        ok_codes=(201,))


def get_consumer(client: ServiceClient, consumer_id: str) -> GetConsumerResult:
    """One consumer, without its secret; an unknown one surfaces as `NotFound`."""
    return GetConsumerResult.request(client, "GET", urls.consumer_url(client, consumer_id))


def update_consumer(client: ServiceClient, consumer_id: str,
                    opts: UpdateConsumerOpts) -> UpdateConsumerResult:
    """Change a consumer's description (admin)."""
    return UpdateConsumerResult.request(client, "PATCH", urls.consumer_url(client, consumer_id),
                                        json=opts.to_oauth1_update_consumer_map(),
                                        ok_codes=(200,))


def delete_consumer(client: ServiceClient, consumer_id: str) -> DeleteConsumerResult:
    """Delete a consumer (admin): its access tokens, and the tokens had with them, die."""
    return DeleteConsumerResult.request(client, "DELETE", urls.consumer_url(client, consumer_id),
                                        ok_codes=(204,))


def list_consumers(client: ServiceClient) -> Pager[ConsumerPage]:
    """Every consumer, without secrets (admin or system reader)."""
    return Pager(client, urls.consumers_url(client), ConsumerPage)


# -- the three legs ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestTokenOpts:
    """What `request_token` signs and sends.

    Attributes:
        consumer_key, consumer_secret: The consumer's id and secret.
        requested_project_id: The project the consumer asks access to.
        signature_method: HMAC-SHA1 (default) or PLAINTEXT.
        timestamp, nonce: Fixed values for tests; None: now and random.
    """

    consumer_key: str
    consumer_secret: str = field(repr=False)
    requested_project_id: str
    signature_method: str = HMACSHA1
    timestamp: datetime | None = None
    nonce: str | None = None

    def to_oauth1_request_token_headers(self, method: str, url: str) -> dict[str, str]:
        """The signed headers (`Authorization`, `Requested-Project-Id`)."""
        return {"Authorization": build_authorization_header(
            method, url, consumer_key=self.consumer_key, consumer_secret=self.consumer_secret,
            callback="oob", signature_method=self.signature_method, timestamp=self.timestamp,
            nonce=self.nonce), "Requested-Project-Id": self.requested_project_id}


def request_token(client: ServiceClient, opts: RequestTokenOpts) -> TokenResult:
    """Get an unauthorized request token (`POST /v3/OS-OAUTH1/request_token`, no Keystone
    token needed).

    Returns:
        A TokenResult; a wrong secret surfaces as `Unauthorized`, an unknown consumer or
        project as `NotFound`.
    """
    url = urls.request_token_url(client)
    try:
        headers = opts.to_oauth1_request_token_headers("POST", url)
    except StackdoubleError as exc:
        return TokenResult.from_error(exc)
    return TokenResult.request(client, "POST", url, headers=headers, ok_codes=(201,),
                               authenticated=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorizeTokenOpts:
    """The roles `authorize_token` delegates, by name or by id (the caller must hold each
    on the request token's project)."""

    roles: Sequence[str] = ()
    role_ids: Sequence[str] = ()

    def to_oauth1_authorize_token_map(self) -> dict[str, Any]:
        """`{"roles": [{"name": ...}, {"id": ...}]}`."""
        return {"roles": [{"name": r} for r in self.roles] + [{"id": r} for r in self.role_ids]}


def authorize_token(client: ServiceClient, request_token_id: str,
                    opts: AuthorizeTokenOpts) -> AuthorizeTokenResult:
    """Authorize a request token (`PUT /v3/OS-OAUTH1/authorize/{id}`, admin): `extract()`
    gives the verifier. A role the caller lacks surfaces as `Unauthorized`."""
    return AuthorizeTokenResult.request(
        client, "PUT", urls.authorize_token_url(client, request_token_id),
        json=opts.to_oauth1_authorize_token_map(), ok_codes=(200,))


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateAccessTokenOpts:
    """What `create_access_token` signs: the consumer, the authorized request token and
    its verifier."""

    consumer_key: str
    consumer_secret: str = field(repr=False)
    token: str
    token_secret: str = field(repr=False)
    verifier: str = field(repr=False)
    signature_method: str = HMACSHA1
    timestamp: datetime | None = None
    nonce: str | None = None

    def to_oauth1_create_access_token_headers(self, method: str, url: str) -> dict[str, str]:
        """The signed `Authorization` header."""
        return {"Authorization": build_authorization_header(
            method, url, consumer_key=self.consumer_key, consumer_secret=self.consumer_secret,
            token=self.token, token_secret=self.token_secret, verifier=self.verifier,
            signature_method=self.signature_method, timestamp=self.timestamp,
            nonce=self.nonce)}


def create_access_token(client: ServiceClient, opts: CreateAccessTokenOpts) -> TokenResult:
    """Trade an authorized request token for an access token
    (`POST /v3/OS-OAUTH1/access_token`); the request token is spent."""
    url = urls.create_access_token_url(client)
    try:
        headers = opts.to_oauth1_create_access_token_headers("POST", url)
    except StackdoubleError as exc:
        return TokenResult.from_error(exc)
    return TokenResult.request(client, "POST", url, headers=headers, ok_codes=(201,),
                               authenticated=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthOptions:
    """How to log in with an access token (gophercloud's `oauth1.AuthOptions`): the token
    is scoped to the access token's project, with its roles.

    Attributes:
        allow_reauth: Get a new token once when a request answers 401.
    """

    consumer_key: str
    consumer_secret: str = field(repr=False)
    token: str
    token_secret: str = field(repr=False)
    signature_method: str = HMACSHA1
    timestamp: datetime | None = None
    nonce: str | None = None
    allow_reauth: bool = False

    def to_token_v3_create_map(self) -> dict[str, Any]:
        """`{"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}}`."""
        return {"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}}

    def to_token_v3_headers(self, method: str, url: str) -> dict[str, str]:
        """The signed `Authorization` header (the URL's query is not signed: Keystone
        checks the path only)."""
        return {"Authorization": build_authorization_header(
            method, url.split("?", 1)[0], consumer_key=self.consumer_key,
            consumer_secret=self.consumer_secret, token=self.token,
            token_secret=self.token_secret, signature_method=self.signature_method,
            timestamp=self.timestamp, nonce=self.nonce)}


def create(client: ServiceClient, opts: AuthOptions, *, nocatalog: bool = False) -> CreateResult:
    """Get a Keystone token with an access token (`POST /v3/auth/tokens`, method `oauth1`).

    Returns:
        A tokens CreateResult (`extract_token()`, `extract_roles()`...;
        `extract_token_oauth1` gives its `OS-OAUTH1`). A revoked access token surfaces as
        `NotFound`, a wrong secret as `Unauthorized`.
    """
    url = urls.auth_url(client)
    try:
        headers = opts.to_token_v3_headers("POST", url)
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", url + ("?nocatalog" if nocatalog else ""),
                                json=opts.to_token_v3_create_map(), headers=headers,
                                ok_codes=(201,), authenticated=False)


def authenticate(provider: ProviderClient, opts: AuthOptions) -> None:
    """Log a provider in with an access token: its token and catalog are installed, and
    with `opts.allow_reauth` a new token is had the same way when one expires.

    Raises:
        StackdoubleError: The error `create` ended with.
    """
    from stackdouble.client._options import AuthOptions as PasswordOptions
    from stackdouble.client.openstack._client import install_v3_token

    identity = ServiceClient(provider, provider.identity_endpoint or provider.identity_base
                             + "v3/", type="identity")
    install_v3_token(provider, create(identity, opts), PasswordOptions())
    if opts.allow_reauth:
        provider.reauth_func = lambda: authenticate(provider, opts)


# -- a user's access tokens -------------------------------------------------------------------


def list_access_tokens(client: ServiceClient, user_id: str) -> Pager[AccessTokenPage]:
    """The access tokens a user authorized (admin)."""
    return Pager(client, urls.access_tokens_url(client, user_id), AccessTokenPage)


def get_access_token(client: ServiceClient, user_id: str,
                     access_token_id: str) -> GetAccessTokenResult:
    """One access token of a user; another user's surfaces as `NotFound`."""
    return GetAccessTokenResult.request(client, "GET",
                                        urls.access_token_url(client, user_id, access_token_id))


def revoke_access_token(client: ServiceClient, user_id: str,
                        access_token_id: str) -> RevokeAccessTokenResult:
    """Delete an access token (admin): the tokens had with it stop working at once."""
    return RevokeAccessTokenResult.request(
        client, "DELETE", urls.access_token_url(client, user_id, access_token_id),
        ok_codes=(204,))


def list_access_token_roles(client: ServiceClient, user_id: str,
                            access_token_id: str) -> Pager[AccessTokenRolesPage]:
    """The roles an access token delegates."""
    return Pager(client, urls.access_token_roles_url(client, user_id, access_token_id),
                 AccessTokenRolesPage)


def get_access_token_role(client: ServiceClient, user_id: str, access_token_id: str,
                          role_id: str) -> GetAccessTokenRoleResult:
    """One role an access token delegates; another role surfaces as `NotFound`."""
    return GetAccessTokenRoleResult.request(
        client, "GET", urls.access_token_role_url(client, user_id, access_token_id, role_id))
