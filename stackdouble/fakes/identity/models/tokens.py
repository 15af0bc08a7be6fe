"""Keystone's tokens (the fake of `identity/v3/tokens/` and `identity/v2/tokens/`).

Tokens are validated on every use (expiry, revocation, the user and project still enabled)
and their roles computed then, as Keystone's `keystone/token/provider.py` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import (
    Forbidden,
    NotFound,
    TokenNotFound,
    Unauthorized,
)
from stackdouble.fakes.identity.models._common import (
    _ModelBase,
)
from stackdouble.fakes.identity.models.trusts import TrustNotFound
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models import IdentityModel
    from stackdouble.fakes.identity.models.domains import Domain
    from stackdouble.fakes.identity.models.oauth1 import AccessToken
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.trusts import Trust
    from stackdouble.fakes.identity.models.users import User


__all__ = ["Token", "TokenContext", "TokensMixin", "scope_of"]


def scope_of(project_id: str | None, domain_id: str | None, system: object) -> str:
    """A token's scope from what it is scoped to: `project`, `domain`, `system` or
    `unscoped` (Keystone checks them in that order)."""
    if project_id:
        return "project"
    if domain_id:
        return "domain"
    if system:
        return "system"
    return "unscoped"

@dataclass(slots=True, kw_only=True)
class Token:
    """An issued token. Its roles are computed when it is validated, as Keystone does."""

    id: str = field(repr=False)
    user_id: str
    methods: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime
    audit_ids: tuple[str, ...]
    project_id: str | None = None
    domain_id: str | None = None
    system: bool = False
    app_cred_id: str | None = None
    trust_id: str | None = None
    #: The OS-OAUTH1 access token it was had with (`oauth1` method).
    access_token_id: str | None = None
    #: A federated token's identity provider, protocol and mapped groups (`mapped`).
    identity_provider_id: str | None = None
    protocol_id: str | None = None
    federated_group_ids: tuple[str, ...] | None = None
    revoked: bool = False

    @property
    def is_federated(self) -> bool:
        """Whether it came from a federated login (Keystone renders `OS-FEDERATION`)."""
        return self.federated_group_ids is not None

    @property
    def scope(self) -> str:
        """`project`, `domain`, `system` or `unscoped`."""
        return scope_of(self.project_id, self.domain_id, self.system)


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenContext:
    """What the token middleware knows about a valid token: the API for every fake service.

    `req.token` (or `req.require_token()`) gives one of these.

    Attributes:
        token_id: The token itself (never in a repr).
        user_id, user_name, user_domain_id, user_domain_name: Who it belongs to.
        project_id, project_name, project_domain_id, project_domain_name: Its project
            scope (None when not project-scoped).
        domain_id, domain_name: Its domain scope (None when not domain-scoped).
        system: Whether it is system-scoped.
        roles: Role names, implied roles included (`("member", "reader")`).
        role_ids: The same roles' ids, in the same order.
        methods: How it was obtained (`("password",)`).
        issued_at, expires_at: From the cloud's clock.
        audit_ids: Keystone audit ids (the token's, then its parent's).
        app_cred_id: The application credential it came from, if any.
        trust_id, trustor_user_id, trustee_user_id, impersonation: For a trust-scoped
            token, its trust. With impersonation the user fields are the trustor's (as
            every service reads the token), else the trustee's.
    """

    token_id: str = field(repr=False)
    user_id: str
    user_name: str
    user_domain_id: str
    user_domain_name: str
    project_id: str | None
    project_name: str | None
    project_domain_id: str | None
    project_domain_name: str | None
    domain_id: str | None
    domain_name: str | None
    system: bool
    roles: tuple[str, ...]
    role_ids: tuple[str, ...]
    methods: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime
    audit_ids: tuple[str, ...]
    app_cred_id: str | None = None
    trust_id: str | None = None
    trustor_user_id: str | None = None
    trustee_user_id: str | None = None
    impersonation: bool = False

    @property
    def is_admin(self) -> bool:
        """Whether the token carries the admin role (Keystone's `admin_required`)."""
        return "admin" in self.roles

    @property
    def scope(self) -> str:
        """`project`, `domain`, `system` or `unscoped`."""
        return scope_of(self.project_id, self.domain_id, self.system)

    def has_role(self, name: str) -> bool:
        """Whether the token carries role `name` (directly or implied)."""
        return name in self.roles


class TokensMixin(_ModelBase):
    """`IdentityModel`'s tokens and their contexts."""

    if TYPE_CHECKING:  # from TrustsMixin and OAuth1Mixin
        trusts: dict[str, Trust]
        access_tokens: dict[str, AccessToken]
        identity_providers: dict[str, Any]

        def get_trust(self, trust_id: str) -> Trust: ...

        def trust_token_role_ids(self, trust: Trust) -> list[str]: ...

        def consume_trust_use(self, trust_id: str) -> None: ...

        def oauth_token_role_ids(self, access_token_id: str, user_id: str,
                                 project_id: str) -> list[str]: ...

        def request_allowed(self, app_cred_id: str | None, service_type: str, method: str,
                            path: str) -> bool: ...

    def token_role_ids(self, token: Token) -> list[str]:
        """The roles a token carries now.

        Raises:
            Forbidden: A trust-scoped token whose trustor lost one of the trust's roles.
        """
        if token.trust_id:
            return self.trust_token_role_ids(self.get_trust(token.trust_id))
        if token.access_token_id and token.project_id:
            return self.oauth_token_role_ids(token.access_token_id, token.user_id,
                                             token.project_id)
        if token.app_cred_id:
            cred = self.application_credentials.get(token.app_cred_id)
            return self.expand_implied(cred.role_ids) if cred else []
        if token.project_id:
            return self.effective_role_ids(token.user_id, "project", token.project_id)
        if token.domain_id:
            return self.effective_role_ids(token.user_id, "domain", token.domain_id)
        if token.system:
            return self.effective_role_ids(token.user_id, "system", "all")
        return []

    def mint(
        self,
        user_id: str,
        methods: Sequence[str],
        *,
        project_id: str | None = None,
        domain_id: str | None = None,
        system: bool = False,
        app_cred_id: str | None = None,
        expires_at: datetime | None = None,
        parent_audit_id: str | None = None,
        trust_id: str | None = None,
        access_token_id: str | None = None,
        federation: tuple[str, str, tuple[str, ...]] | None = None,
    ) -> Token:
        """Issue a token after the caller has authenticated the user.

        A trust-scoped token (`trust_id`) is scoped to the trust's project, expires no
        later than the trust, and spends one of its uses. A federated one carries
        `federation`: its identity provider, protocol and mapped group ids.

        Raises:
            Unauthorized: The user has no role on the requested scope.
            Forbidden: A trust the user is not the trustee of, whose trustor is disabled or
                lost a delegated role.
            TrustNotFound: The trust is not usable.
        """
        if trust_id:
            trust = self.get_trust(trust_id)
            self._check_trust_token(trust, user_id)
            project_id = trust.project_id
            if trust.expires_at is not None:
                cap = trust.expires_at
                ttl_end = self._now().replace(microsecond=0) + timedelta(
                    seconds=self._cloud.token_ttl)
                expires_at = min(expires_at or ttl_end, cap)
        elif project_id and not app_cred_id and not self.effective_role_ids(
                user_id, "project", project_id):
            raise Unauthorized()
        if domain_id and not self.effective_role_ids(user_id, "domain", domain_id):
            raise Unauthorized()
        if system and not self.effective_role_ids(user_id, "system", "all"):
            raise Unauthorized()
        now = self._now().replace(microsecond=0)
        if expires_at is None:
            expires_at = now + timedelta(seconds=self._cloud.token_ttl)
        audit_ids = (self._ids.audit_id(),) + ((parent_audit_id,) if parent_audit_id else ())
        token = Token(
            id=self._ids.fernet_token(now.timestamp()), user_id=user_id,
            methods=tuple(dict.fromkeys(methods)), issued_at=now, expires_at=expires_at,
            audit_ids=audit_ids, project_id=project_id, domain_id=domain_id, system=system,
            app_cred_id=app_cred_id, trust_id=trust_id, access_token_id=access_token_id,
        )
        if federation is not None:
            token.identity_provider_id, token.protocol_id = federation[0], federation[1]
            token.federated_group_ids = tuple(federation[2])
        self.tokens[token.id] = token
        self.tokens_issued += 1
        if trust_id:
            # Keystone renders the answer from the trust as it was before this use, so
            # the token that spends the last use is still answered with 201.
            self._contexts[token.id] = (self._stamp, self._build_context(token))
            self.consume_trust_use(trust_id)
        return token

    def _check_trust_token(self, trust: Trust, user_id: str) -> None:
        """The token model's checks of a trust-scoped token (`_validate_token_user`,
        `_validate_trust_scope`); Keystone hides each reason behind its bare 403."""
        if user_id != trust.trustee_user_id:
            raise Forbidden()  # "User is not a trustee."
        trustor = self.users.get(trust.trustor_user_id)
        if trustor is None or not trustor.enabled:
            raise Forbidden()  # "Trustor is disabled."
        for user in (trustor, self.users.get(trust.trustee_user_id)):
            domain = self.domains.get(user.domain_id) if user else None
            if domain is None or not domain.enabled:
                raise TokenNotFound("Failed to validate token")
        if trust.project_id is None:
            raise NotFound("Could not find project: None.")
        self.trust_token_role_ids(trust)

    def validate_token(self, token_id: str | None) -> Token:
        """The token behind `token_id` if it is valid now, with Keystone's failure messages.

        Raises:
            TokenNotFound: Missing, unknown, expired or revoked; or its user, project or
                application credential is gone or disabled.
        """
        if not token_id:
            raise TokenNotFound("No token in the request")
        token = self.tokens.get(token_id)
        if token is None:
            raise TokenNotFound("Could not recognize Fernet token")
        if self._now() >= token.expires_at or token.revoked:
            raise TokenNotFound("Failed to validate token")
        user = self.users.get(token.user_id)
        if user is None or not user.enabled:
            raise TokenNotFound(token_id=token_id)
        user_domain = self.domains.get(user.domain_id)
        if user_domain is None or not user_domain.enabled:
            raise TokenNotFound("Failed to validate token")
        if token.project_id:
            project = self.projects.get(token.project_id)
            if project is None or not project.enabled:
                raise TokenNotFound("Failed to validate token")
            project_domain = self.domains.get(project.domain_id)
            if project_domain is None or not project_domain.enabled:
                raise TokenNotFound("Failed to validate token")
        if token.domain_id:
            domain = self.domains.get(token.domain_id)
            if domain is None or not domain.enabled:
                raise TokenNotFound("Failed to validate token")
        if token.trust_id:
            try:
                trust = self.get_trust(token.trust_id)
            except TrustNotFound as exc:
                raise TokenNotFound(exc.message) from None
            self._check_trust_token(trust, token.user_id)
        if token.is_federated and token.identity_provider_id not in self.identity_providers:
            # Rendering a federated token reads its identity provider: its NotFound shows.
            raise TokenNotFound(
                f"Could not find Identity Provider: {token.identity_provider_id}.")
        if token.access_token_id and token.access_token_id not in self.access_tokens:
            # Keystone looks the access token up while validating: its NotFound shows.
            raise TokenNotFound("Access token not found")
        if token.app_cred_id:
            cred = self.application_credentials.get(token.app_cred_id)
            if cred is None:
                # Keystone looks the credential up while validating: its NotFound shows.
                raise TokenNotFound(
                    f"Could not find Application Credential: {token.app_cred_id}.")
            if cred.expires_at is not None and self._now() >= cred.expires_at:
                raise TokenNotFound("Failed to validate token")
        return token

    def context(self, token: Token) -> TokenContext:
        """The `TokenContext` of a valid token (cached until identity state changes)."""
        cached = self._contexts.get(token.id)
        if (cached is not None and cached[0] == self._stamp
                and cached[1].expires_at == token.expires_at):
            return cached[1]
        context = self._build_context(token)
        if len(self._contexts) > 10_000:
            self._contexts.clear()
        self._contexts[token.id] = (self._stamp, context)
        return context

    def _build_context(self, token: Token) -> TokenContext:
        trust = self.trusts.get(token.trust_id) if token.trust_id else None
        user = self.users[trust.trustor_user_id if trust and trust.impersonation
                          else token.user_id]
        user_domain = self.domains[user.domain_id]
        project = self.projects.get(token.project_id) if token.project_id else None
        project_domain = self.domains.get(project.domain_id) if project else None
        domain = self.domains.get(token.domain_id) if token.domain_id else None
        role_ids = tuple(self.token_role_ids(token))
        if not role_ids and token.scope != "unscoped":
            # Keystone refuses the token ("User <id> has no access to project <id>") and
            # answers a validation of it "Could not find token: <id>." (Keystone 30, after
            # a grant or an inherited grant is revoked).
            raise TokenNotFound(token_id=token.id)
        return TokenContext(
            token_id=token.id,
            user_id=user.id, user_name=user.name,
            user_domain_id=user_domain.id, user_domain_name=user_domain.name,
            project_id=project.id if project else None,
            project_name=project.name if project else None,
            project_domain_id=project_domain.id if project_domain else None,
            project_domain_name=project_domain.name if project_domain else None,
            domain_id=domain.id if domain else None,
            domain_name=domain.name if domain else None,
            system=token.system,
            roles=tuple(self.roles[r].name for r in role_ids),
            role_ids=role_ids,
            methods=token.methods,
            issued_at=token.issued_at, expires_at=token.expires_at,
            audit_ids=token.audit_ids, app_cred_id=token.app_cred_id,
            trust_id=trust.id if trust else None,
            trustor_user_id=trust.trustor_user_id if trust else None,
            trustee_user_id=trust.trustee_user_id if trust else None,
            impersonation=trust.impersonation if trust else False,
        )

    def validate_auth_token(self, token_id: str | None, *, service_type: str | None = None,
                            method: str = "GET", path: str = "",
                            service_token: bool = False) -> TokenContext | None:
        """The token middleware: a `TokenContext` for a valid token, else None.

        With `service_type` it also answers as keystonemiddleware's
        `validate_allowed_request` in that service: a token from an application
        credential with access rules is invalid (None) for a request no rule of
        `service_type` allows (`method`, and `path` as the service sees it), unless an
        `X-Service-Token` came with it (`service_token`: the middleware then skips the
        rules, the request being part of a chain).
        """
        try:
            context = self.context(self.validate_token(token_id))
        except (TokenNotFound, Forbidden):  # Forbidden: a trust-scoped token's trust fails
            return None
        if (service_type is not None and context.app_cred_id and not service_token
                and not self.request_allowed(context.app_cred_id, service_type, method, path)):
            return None
        return context

    @locked
    def token_context(self, token_id: str) -> TokenContext:
        """The context of a valid token (for tests).

        Raises:
            LookupError: The token is not valid now.
        """
        context = self.validate_auth_token(token_id)
        if context is None:
            raise LookupError("token is unknown, expired or revoked")
        return context

    @locked
    def issue_token(
        self,
        user: str | User,
        project: str | Project | None = None,
        *,
        domain: str | Domain | None = None,
        system: bool = False,
        methods: Sequence[str] = ("password",),
        trust: str | Trust | None = None,
    ) -> str:
        """Issue a token for `user` without a request (for tests); returns the token id.

        Counts in `tokens_issued` like any other token. With `trust` (a trust or its id) the
        token is trust-scoped, `user` must be its trustee, and it spends one use.

        Raises:
            LookupError: Unknown user, project or domain.
            ValueError: The user has no role on the scope, or the trust is not usable by it.
        """
        found = self.find_user(user)
        trust_id = trust if isinstance(trust, str) or trust is None else trust.id
        try:
            token = self.mint(
                found.id, methods,
                project_id=self.find_project(project).id if project else None,
                domain_id=self.find_domain(domain).id if domain else None,
                system=system, trust_id=trust_id,
            )
        except Unauthorized:
            raise ValueError(f"user {found.name!r} has no role on that scope") from None
        except (Forbidden, NotFound) as exc:
            raise ValueError(f"trust {trust_id!r} not usable by {found.name!r}: "
                             f"{exc.message}") from None
        return token.id

    @locked
    def token_body(self, token_id: str) -> dict[str, Any]:
        """The `{"token": {...}}` body Keystone answers for a valid token, catalog included
        (for tests that install a token without authenticating over HTTP).

        The body is `views.token_body`'s; this method only takes the cloud's lock.

        Raises:
            NotFound: The token is unknown, expired or revoked.
        """
        from stackdouble.fakes.identity import views

        return views.token_body(cast("IdentityModel", self), token_id)

    @locked
    def expire_token(self, token_id: str) -> None:
        """Make a token expire now (its next use gets 401 / 404 as Keystone answers).

        Raises:
            LookupError: Unknown token.
        """
        token = self.tokens.get(token_id)
        if token is None:
            raise LookupError("unknown token")
        token.expires_at = min(token.expires_at, self._now())

    @locked
    def revoke_token(self, token_id: str) -> None:
        """Revoke a token, as `DELETE /v3/auth/tokens` does.

        Raises:
            LookupError: Unknown token.
        """
        token = self.tokens.get(token_id)
        if token is None:
            raise LookupError("unknown token")
        token.revoked = True

    @locked
    def expire_all_tokens(self) -> int:
        """Expire every token; returns how many were still valid."""
        now = self._now()
        count = 0
        for token in self.tokens.values():
            if token.expires_at > now and not token.revoked:
                count += 1
            token.expires_at = min(token.expires_at, now)
        return count

    def _revoke_tokens(self, *, user_id: str | None = None, project_id: str | None = None,
                       domain_id: str | None = None) -> None:
        """Revoke the tokens of a user, or scoped to a project or domain."""
        self._stamp += 1
        for token in self.tokens.values():
            if ((user_id is not None and token.user_id == user_id)
                    or (project_id is not None and token.project_id == project_id)
                    or (domain_id is not None and token.domain_id == domain_id)):
                token.revoked = True

