"""Keystone's OS-OAUTH1 (the fake of `identity/v3/extensions/oauth1/`).

Consumers, request tokens and access tokens as Keystone 30 keeps them
(`keystone/oauth1/backends/sql.py`, `keystone/api/os_oauth1.py`), and the checks oauthlib's
endpoints make with Keystone's `OAuthValidator` (`keystone/oauth1/validator.py`), in their
order:

- A consumer's secret is shown only by its creation. Deleting a consumer deletes its
  request and access tokens, so the tokens issued from them stop validating at once
  ("Access token not found", 404), as deleting the access token does.
- A request token lives `[oauth1] request_token_duration` (28800 s), an access token
  `access_token_duration` (86400 s); their `expires_at` has whole seconds.
- Authorizing a request token (any number of times) gives it a new 8-character verifier;
  exchanging it for an access token deletes it.
- A token from an access token is scoped to its project and carries the access token's
  roles and the roles they imply, those the user still holds there.
- Signatures are checked as oauthlib checks them (`oauth1signatures.py`); a malformed
  request is Keystone's 400 "Validation failed with errors: <error>, detail message is:
  <description>.", a wrong signature, verifier or key its bare 401 (Keystone logs the
  reason and answers "The request you have made requires authentication.").

Deliberate difference: a request without OAuth `Authorization` header (or with one that is
not `OAuth ...`) is a 500 in Keystone (`OAuthHeadersMissingError`, a `ValueError` in
oauthlib); the fake answers the bare 401 instead of failing.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import Forbidden, NotFound, Unauthorized, ValidationError
from stackdouble.fakes.identity.models._common import _ModelBase
from stackdouble.fakes.identity.models.oauth1signatures import (
    SIGNATURE_METHODS,
    SignedRequest,
    verify_signature,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.roles import Role

__all__ = [
    "ACCESS_TOKEN_DURATION",
    "REQUEST_TOKEN_DURATION",
    "TIMESTAMP_LIFETIME",
    "AccessToken",
    "Consumer",
    "OAuth1Mixin",
    "RequestToken",
]

#: Keystone's `[oauth1] request_token_duration` and `access_token_duration` defaults.
REQUEST_TOKEN_DURATION = 28800
ACCESS_TOKEN_DURATION = 86400
#: oauthlib's `RequestValidator.timestamp_lifetime`: how far a request's timestamp may be
#: from now (the cloud's clock), in seconds.
TIMESTAMP_LIFETIME = 600
#: `keystone/oauth1/backends/base.py`: letters and digits without the confusable ones.
VERIFIER_CHARS = "".join(c for c in string.ascii_letters + string.digits
                         if c not in "jiIl1oO0")
_HEX = frozenset("abcdef0123456789")


@dataclass(slots=True, kw_only=True)
class Consumer:
    """An OAuth1 consumer; `secret` is shown only when it is created."""

    id: str
    secret: str = field(repr=False)
    description: str | None = None
    #: Attributes Keystone keeps in `extra` and renders back as they came.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class RequestToken:
    """A request token, authorized once it has a user, roles and a verifier."""

    id: str
    secret: str = field(repr=False)
    consumer_id: str
    project_id: str
    expires_at: datetime | None
    verifier: str | None = field(default=None, repr=False)
    authorizing_user_id: str | None = None
    role_ids: tuple[str, ...] = ()


@dataclass(slots=True, kw_only=True)
class AccessToken:
    """An access token: the consumer may get tokens of the user on the project."""

    id: str
    secret: str = field(repr=False)
    consumer_id: str
    project_id: str
    authorizing_user_id: str
    role_ids: tuple[str, ...]
    expires_at: datetime | None


def _oauth_error(description: str, error: str = "invalid_request") -> ValidationError:
    """`validate_oauth_params` on oauthlib's error body."""
    return ValidationError(message=(
        f"Validation failed with errors: {error}, detail message is: {description}."))


def _is_key(value: str | None) -> bool:
    """`OAuthValidator._check_token`: 32 lower-case hex digits."""
    return value is not None and len(value) == 32 and set(value) <= _HEX


class OAuth1Mixin(_ModelBase):
    """`IdentityModel`'s OS-OAUTH1 consumers and tokens."""

    consumers: dict[str, Consumer]
    request_tokens: dict[str, RequestToken]
    access_tokens: dict[str, AccessToken]

    # -- consumers ------------------------------------------------------------------------------

    @locked
    def create_consumer(self, description: str | None = None,
                        extra: Mapping[str, Any] | None = None) -> Consumer:
        """A new consumer with a fresh id and secret (`POST /v3/OS-OAUTH1/consumers`)."""
        consumer = Consumer(id=self._ids.hex32(), secret=self._ids.hex32(),
                            description=description, extra=dict(extra or {}))
        self.consumers[consumer.id] = consumer
        return consumer

    def get_consumer(self, consumer_id: str) -> Consumer:
        """Raises: NotFound: "Consumer not found"."""
        consumer = self.consumers.get(consumer_id)
        if consumer is None:
            raise NotFound("Consumer not found")
        return consumer

    def update_consumer(self, consumer_id: str, changes: Mapping[str, Any]) -> Consumer:
        """Set the description and the extra attributes given (the id is never changed).

        Raises:
            NotFound: No such consumer.
        """
        consumer = self.get_consumer(consumer_id)
        for key, value in changes.items():
            if key == "description":
                consumer.description = value
            elif key not in ("id", "secret"):
                consumer.extra[key] = value
        return consumer

    @locked
    def delete_consumer(self, consumer_id: str) -> None:
        """Delete a consumer with its request and access tokens; the tokens issued from
        them stop validating at once.

        Raises:
            NotFound: No such consumer.
        """
        self.get_consumer(consumer_id)
        for table in (self.request_tokens, self.access_tokens):
            for token_id in [t.id for t in table.values() if t.consumer_id == consumer_id]:
                del table[token_id]
        del self.consumers[consumer_id]
        self._stamp += 1

    # -- request and access tokens -------------------------------------------------------------

    def get_request_token(self, request_token_id: str) -> RequestToken:
        """Raises: NotFound: "Request token not found"."""
        token = self.request_tokens.get(request_token_id)
        if token is None:
            raise NotFound("Request token not found")
        return token

    def get_access_token(self, access_token_id: str) -> AccessToken:
        """Raises: NotFound: "Access token not found"."""
        token = self.access_tokens.get(access_token_id)
        if token is None:
            raise NotFound("Access token not found")
        return token

    def _expired(self, expires_at: datetime | None) -> bool:
        return expires_at is not None and self._now() > expires_at

    def _lifetime_end(self, seconds: int) -> datetime | None:
        if seconds <= 0:
            return None
        return self._now().replace(microsecond=0) + timedelta(seconds=seconds)

    def issue_request_token(self, signed: SignedRequest, project_id: str | None
                            ) -> RequestToken:
        """`POST /v3/OS-OAUTH1/request_token`, after the `Authorization` header is parsed.

        Raises:
            ValidationError: No consumer key or project; a malformed OAuth request.
            NotFound: The project or the consumer.
            Unauthorized: A wrong signature.
        """
        consumer_id = signed.oauth.get("oauth_consumer_key")
        if not consumer_id:
            raise ValidationError("oauth_consumer_key", "request")
        if not project_id:
            raise ValidationError("Requested-Project-Id", "request")
        self.get_project(project_id)
        consumer = self.get_consumer(consumer_id)
        self._check_mandatory(signed)
        if not signed.oauth.get("oauth_callback"):
            raise _oauth_error("Missing callback URI.")
        if not verify_signature(signed, consumer.secret, None):
            raise Unauthorized()  # "Invalid signature"
        token = RequestToken(id=self._ids.hex32(), secret=self._ids.hex32(),
                             consumer_id=consumer.id, project_id=project_id,
                             expires_at=self._lifetime_end(REQUEST_TOKEN_DURATION))
        self.request_tokens[token.id] = token
        return token

    def authorize_request_token(self, request_token_id: str, user_id: str,
                                role_ids: Sequence[str]) -> str:
        """`PUT /v3/OS-OAUTH1/authorize/{id}` once the roles are resolved: the new verifier.

        Raises:
            NotFound: No such request token.
            Unauthorized: It expired, or the user lacks one of the roles on its project.
        """
        token = self.get_request_token(request_token_id)
        if self._expired(token.expires_at):
            raise Unauthorized()  # "Request token is expired"
        held = set(self.effective_role_ids(user_id, "project", token.project_id))
        if not held.issuperset(role_ids):
            raise Unauthorized()  # "authorizing user does not have role required"
        token.authorizing_user_id = user_id
        token.role_ids = tuple(dict.fromkeys(role_ids))
        bits = int(self._ids.hex32(), 16)
        chars: list[str] = []
        for _ in range(8):
            bits, index = divmod(bits, len(VERIFIER_CHARS))
            chars.append(VERIFIER_CHARS[index])
        token.verifier = "".join(chars)
        return token.verifier

    def issue_access_token(self, signed: SignedRequest) -> AccessToken:
        """`POST /v3/OS-OAUTH1/access_token`: the request token becomes an access token.

        Raises:
            ValidationError: A missing key, token or verifier; a malformed OAuth request.
            NotFound: No such request token.
            Unauthorized: Expired; an unknown or another consumer; a wrong verifier or
                signature; a request token not authorized.
        """
        oauth = signed.oauth
        for name in ("oauth_consumer_key", "oauth_token", "oauth_verifier"):
            if not oauth.get(name):
                raise ValidationError(name, "request")
        request_token = self.get_request_token(oauth["oauth_token"])
        if self._expired(request_token.expires_at):
            raise Unauthorized()  # "Request token is expired"
        self._check_mandatory(signed)
        if not _is_key(oauth["oauth_token"]):
            raise _oauth_error("Invalid resource owner key format.")
        verifier = oauth["oauth_verifier"]
        if len(verifier) != 8 or any(c not in VERIFIER_CHARS for c in verifier):
            raise _oauth_error("Invalid verifier format.")
        consumer = self.consumers.get(oauth["oauth_consumer_key"])
        if consumer is None:
            raise Unauthorized()  # "Provided consumer does not exist."
        if request_token.consumer_id != consumer.id:
            raise Unauthorized()  # "Provided consumer key does not match stored..."
        if request_token.verifier != verifier:
            raise Unauthorized()  # "Provided verifier does not match stored verifier"
        if not verify_signature(signed, consumer.secret, request_token.secret):
            raise Unauthorized()  # "Invalid signature"
        if not request_token.authorizing_user_id:
            raise Unauthorized()  # "Request Token does not have an authorizing user..."
        token = AccessToken(id=self._ids.hex32(), secret=self._ids.hex32(),
                            consumer_id=consumer.id, project_id=request_token.project_id,
                            authorizing_user_id=request_token.authorizing_user_id,
                            role_ids=request_token.role_ids,
                            expires_at=self._lifetime_end(ACCESS_TOKEN_DURATION))
        self.access_tokens[token.id] = token
        del self.request_tokens[request_token.id]
        return token

    def authenticate_oauth1(self, signed: SignedRequest) -> AccessToken:
        """The `oauth1` auth method: the access token a signed `POST /v3/auth/tokens`
        carries.

        Raises:
            ValidationError: No `oauth_token`.
            NotFound: No such access token.
            Unauthorized: Expired, or the request does not validate (any reason).
        """
        access_token_id = signed.oauth.get("oauth_token")
        if not access_token_id:
            raise ValidationError("oauth_token", "request")
        token = self.get_access_token(access_token_id)
        if self._expired(token.expires_at):
            raise Unauthorized()  # "Access token is expired"
        try:
            self._check_mandatory(signed)
        except ValidationError:
            raise Unauthorized() from None  # "Could not validate the access token"
        consumer = self.consumers.get(signed.oauth.get("oauth_consumer_key", ""))
        if consumer is None or not verify_signature(signed, consumer.secret, token.secret):
            raise Unauthorized()  # "Could not validate the access token"
        return token

    def _check_mandatory(self, signed: SignedRequest) -> None:
        """oauthlib's `_check_mandatory_parameters`, against the cloud's clock.

        Raises:
            ValidationError: Keystone's 400 on oauthlib's `invalid_request` (or
                `invalid_signature_method`).
        """
        oauth = signed.oauth
        names = ("oauth_signature", "oauth_consumer_key", "oauth_nonce", "oauth_timestamp",
                 "oauth_signature_method")
        if not all(oauth.get(name) for name in names):
            raise _oauth_error("Missing mandatory OAuth parameters.")
        method = oauth["oauth_signature_method"]
        if method not in SIGNATURE_METHODS:
            raise _oauth_error(f"Invalid signature, {method} not in {SIGNATURE_METHODS!r}.",
                               "invalid_signature_method")
        if "oauth_version" in oauth and oauth["oauth_version"] != "1.0":
            raise _oauth_error("Invalid OAuth version.")
        timestamp = oauth["oauth_timestamp"]
        if len(timestamp) != 10:
            raise _oauth_error("Invalid timestamp size")
        try:
            when = int(timestamp)
        except ValueError:
            raise _oauth_error("Timestamp must be an integer.") from None
        if abs(self._now().timestamp() - when) > TIMESTAMP_LIFETIME:
            raise _oauth_error("Timestamp given is invalid, differ from allowed by over "
                               f"{TIMESTAMP_LIFETIME} seconds.")
        if not _is_key(oauth["oauth_consumer_key"]):
            raise _oauth_error("Invalid client key format.")
        if not set(oauth["oauth_nonce"]) <= _HEX:
            raise _oauth_error("Invalid nonce format.")

    def list_access_tokens(self, user_id: str) -> list[AccessToken]:
        """The access tokens a user authorized (none for an unknown user)."""
        return [t for t in self.access_tokens.values() if t.authorizing_user_id == user_id]

    def user_access_token(self, user_id: str, access_token_id: str) -> AccessToken:
        """An access token under its user's path.

        Raises:
            NotFound: No such access token; another user's ("Could not find: %(target)s.",
                Keystone's unformatted message).
        """
        token = self.get_access_token(access_token_id)
        if token.authorizing_user_id != user_id:
            raise NotFound("Could not find: %(target)s.")
        return token

    @locked
    def delete_access_token(self, user_id: str, access_token_id: str) -> None:
        """Delete an access token; its tokens stop validating at once.

        Raises:
            NotFound: No such access token.
            Unauthorized: Another user's ("User IDs do not match").
        """
        token = self.get_access_token(access_token_id)
        if token.authorizing_user_id != user_id:
            raise Unauthorized()  # "User IDs do not match"
        del self.access_tokens[access_token_id]
        self._stamp += 1

    def access_token_roles(self, token: AccessToken) -> list[Role]:
        """The roles an access token delegates, as its `/roles` lists them (NotFound for one
        since deleted, as Keystone's `get_role`)."""
        return [self.get_role(role_id) for role_id in token.role_ids]

    def oauth_token_role_ids(self, access_token_id: str, user_id: str,
                             project_id: str) -> list[str]:
        """The roles a token of this access token carries now (`_get_oauth_roles`): its
        roles and those they imply, each still held by the user on the project.

        Raises:
            NotFound: The access token is gone.
        """
        token = self.get_access_token(access_token_id)
        held = set(self.effective_role_ids(user_id, "project", project_id))
        return [r for r in self.expand_implied(token.role_ids) if r in held]

    def forbid_delegated(self, methods: Sequence[str], trust_id: str | None) -> None:
        """`delegation.is_delegated_method`: a trust's token, or one had by a method that
        is not a primary one (`application_credential`, `oauth1`...), is refused.

        Raises:
            Forbidden: Keystone's generic 403 (its reason, "Cannot authorize a request
                token with a token issued via delegation." or "Cannot manage OAuth access
                tokens with a token issued via delegation.", is shown only in debug mode).
        """
        if trust_id or not methods or not set(methods) <= _PRIMARY_METHODS:
            raise Forbidden()

    if TYPE_CHECKING:

        def get_project(self, project_id: str) -> Any: ...

        def get_role(self, role_id: str) -> Role: ...


#: `keystone/api/_shared/delegation.py`'s built-in primary methods.
_PRIMARY_METHODS = frozenset({"external", "kerberos", "mapped", "openid", "password", "saml2",
                              "token", "totp", "x509"})
