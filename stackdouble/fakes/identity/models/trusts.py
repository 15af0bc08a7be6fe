"""Keystone's trusts (the fake of `identity/v3/extensions/trusts/`).

A trust lets its trustee get tokens scoped to the trustor's project with some of the
trustor's roles (`keystone/trust/core.py`, `keystone/api/trusts.py`, the token model's trust
handling in `keystone/models/token_model.py`). What Keystone 30 does, and so this fake:

- A trust is usable (`get_trust`) while it exists, has not expired and has uses left; a
  trust that is not is "Could not find trust: <id>." (404), though listings still show it.
- Each trust-scoped token spends one use; once none is left, every token of the trust
  fails validation with that 404, even those issued with uses to spare.
- A trust-scoped token's roles are the trust's roles and the roles they imply, checked
  against the trustor's roles on the project at every validation: one missing is a bare
  403, which goes away if the role is granted again.
- Redelegation (a trustee's trust-scoped token creating a further trust) follows
  `Manager.create_trust`: depth at most `MAX_REDELEGATION_COUNT`, no `remaining_uses`, no
  later expiry, no more roles and no impersonation the parent does not give. As in
  Keystone, the new trust's roles are checked against the redelegating user's own roles.
- Deleting a trust deletes the trusts redelegated from it by the same trustor; a trust
  whose trustor or trustee is deleted goes with them (Keystone's user-deleted callback), and
  one whose project is deleted too.

Deliberate difference: deleted trusts are forgotten, not soft-deleted (`deleted_at` is
always null, as every answer Keystone gives for an undeleted trust shows it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import Forbidden, NotFound, ValidationError
from stackdouble.fakes.identity.models._common import _ModelBase
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.roles import Role
    from stackdouble.fakes.identity.models.users import User

__all__ = ["MAX_REDELEGATION_COUNT", "Trust", "TrustNotFound", "TrustsMixin"]

#: Keystone's `[trust] max_redelegation_count` default.
MAX_REDELEGATION_COUNT = 3


class TrustNotFound(NotFound):
    """404 "Could not find trust: <id>."."""

    def __init__(self, trust_id: str) -> None:
        super().__init__(f"Could not find trust: {trust_id}.")
        self.trust_id = trust_id


@dataclass(slots=True, kw_only=True)
class Trust:
    """A trust: the trustee may act with `role_ids` of the trustor on `project_id`."""

    id: str
    trustor_user_id: str
    trustee_user_id: str
    project_id: str | None
    impersonation: bool
    role_ids: tuple[str, ...]
    expires_at: datetime | None = None
    remaining_uses: int | None = None
    redelegation_count: int = 0
    redelegated_trust_id: str | None = None
    #: Attributes Keystone keeps in `extra` and renders back as they came.
    extra: dict[str, Any] = field(default_factory=dict)


class TrustsMixin(_ModelBase):
    """`IdentityModel`'s trusts."""

    trusts: dict[str, Trust]

    # -- the Python control API ---------------------------------------------------------------

    @locked
    def create_trust(
        self,
        trustor: str | User,
        trustee: str | User,
        project: str | Project | None,
        roles: Sequence[str | Role] = (),
        *,
        impersonation: bool = False,
        expires_at: datetime | None = None,
        remaining_uses: int | None = None,
        allow_redelegation: bool = False,
        redelegation_count: int | None = None,
    ) -> Trust:
        """Add a trust as the trustor would with `POST /v3/OS-TRUST/trusts` (for tests).

        Args:
            trustor, trustee: Users by id, name (Default domain) or object.
            project: The project delegated on; None delegates no project (Keystone accepts
                such a trust but cannot issue a token from it).
            roles: Role names or ids the trustor holds on the project (implied ones count).
            expires_at: None never expires; a naive time is UTC.
            remaining_uses: How many tokens it may issue; None: no limit.
            allow_redelegation, redelegation_count: Whether the trustee may redelegate, and
                how deep (None: `MAX_REDELEGATION_COUNT`).

        Raises:
            LookupError: Unknown user, project or role.
            KeystoneError: Keystone's answer to the same request (`NotFound` for a role the
                trustor lacks, `ValidationError`, `Forbidden`).
        """
        if expires_at is not None and expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=timezone.utc)
        return self.add_trust(
            self.find_user(trustor).id, self.find_user(trustee).id,
            self.find_project(project).id if project is not None else None,
            [self.find_role(r).id for r in roles], impersonation=impersonation,
            expires_at=expires_at, remaining_uses=remaining_uses,
            allow_redelegation=allow_redelegation, redelegation_count=redelegation_count)

    def add_trust(
        self,
        trustor_user_id: str,
        trustee_user_id: str,
        project_id: str | None,
        role_ids: Sequence[str],
        *,
        impersonation: bool,
        expires_at: datetime | None = None,
        remaining_uses: int | None = None,
        allow_redelegation: bool | None = False,
        redelegation_count: int | None = None,
        redelegated_from: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Trust:
        """Keystone's checks after the request is parsed and the policy passed, in its order.

        Args:
            redelegated_from: The trust of the caller's trust-scoped token (redelegation).

        Raises:
            NotFound: The trustee, the project, or a role (the trustor lacks it: "Could not
                find role: <id>.").
            ValidationError: An expiry not after now; `remaining_uses` with redelegation.
            Forbidden: A redelegation rule broken (Keystone hides which).
            TrustNotFound: `redelegated_from` is no longer usable.
        """
        self.get_user(trustee_user_id)
        self._require_trustor_roles(trustor_user_id, project_id, role_ids)
        if expires_at is not None and expires_at <= self._now():
            raise ValidationError(message=(
                "The 'expires_at' must not be before now. The server could not comply with "
                "the request since it is either malformed or otherwise incorrect. The client "
                "is assumed to be in error."))
        parent = self.get_trust(redelegated_from) if redelegated_from else None
        trust = Trust(
            id=self._ids.hex32(), trustor_user_id=trustor_user_id,
            trustee_user_id=trustee_user_id, project_id=project_id,
            impersonation=impersonation, role_ids=tuple(dict.fromkeys(role_ids)),
            expires_at=expires_at.replace(microsecond=0) if expires_at else None,
            remaining_uses=remaining_uses, extra=dict(extra or {}),
        )
        self._set_redelegation(trust, bool(allow_redelegation), redelegation_count, parent)
        self.trusts[trust.id] = trust
        return trust

    def _require_trustor_roles(self, trustor_user_id: str, project_id: str | None,
                               role_ids: Sequence[str]) -> None:
        """Keystone's `_require_trustor_has_role_in_project`: every role among the
        trustor's effective roles on the project (none without a project)."""
        held: list[str] = []
        if project_id:
            self.get_project(project_id)
            held = self.effective_role_ids(trustor_user_id, "project", project_id)
        for role_id in role_ids:
            if role_id not in held:
                raise NotFound(f"Could not find role: {role_id}.")

    def _set_redelegation(self, trust: Trust, allow: bool, requested: int | None,
                          parent: Trust | None) -> None:
        """`Manager.create_trust`'s depth and redelegation checks."""
        redelegatable = allow and requested != 0
        if not redelegatable:
            trust.redelegation_count = requested = 0
        else:
            if requested and requested > MAX_REDELEGATION_COUNT:
                raise Forbidden()  # "Requested redelegation depth ... greater than allowed"
            if trust.remaining_uses is not None:
                raise ValidationError(
                    message="remaining_uses must not be set if redelegation is allowed")
            trust.redelegation_count = (MAX_REDELEGATION_COUNT if requested is None
                                        else requested)
        if parent is None:
            return
        trust.redelegated_trust_id = parent.id
        remaining = parent.redelegation_count - 1
        if redelegatable and requested and requested != remaining:
            raise Forbidden()  # 'Modifying "redelegation_count" upon redelegation...'
        if redelegatable and requested is None:
            trust.redelegation_count = remaining
        for ancestor in self._pedigree(parent):
            self._check_redelegation(ancestor, trust)

    def _check_redelegation(self, parent: Trust, trust: Trust) -> None:
        """`Manager._validate_redelegation`; every failure is Keystone's bare 403."""
        if not 0 < parent.redelegation_count <= MAX_REDELEGATION_COUNT:
            raise Forbidden()
        if trust.remaining_uses is not None:
            raise Forbidden()
        if trust.expires_at is None:
            trust.expires_at = parent.expires_at
        elif parent.expires_at is not None and parent.expires_at < trust.expires_at:
            raise Forbidden()
        if any(r not in parent.role_ids for r in trust.role_ids):
            raise Forbidden()
        if trust.impersonation and not parent.impersonation:
            raise Forbidden()

    def _pedigree(self, trust: Trust) -> list[Trust]:
        """The trust and those it was redelegated from, each usable, up to the original."""
        chain = [trust]
        while chain[-1].redelegated_trust_id:
            chain.append(self._usable(chain[-1].redelegated_trust_id))
        return chain

    def _usable(self, trust_id: str) -> Trust:
        """The trust if it exists, has not expired and has uses left (the SQL driver's
        `get_trust`); a trust of a deleted user or project is forgotten here."""
        trust = self.trusts.get(trust_id)
        if trust is not None and not self._still_owned(trust):
            del self.trusts[trust_id]
            trust = None
        if trust is None:
            raise TrustNotFound(trust_id)
        if trust.expires_at is not None and self._now() > trust.expires_at:
            raise TrustNotFound(trust_id)
        if trust.remaining_uses is not None and trust.remaining_uses <= 0:
            raise TrustNotFound(trust_id)
        return trust

    def _still_owned(self, trust: Trust) -> bool:
        return (trust.trustor_user_id in self.users and trust.trustee_user_id in self.users
                and (trust.project_id is None or trust.project_id in self.projects))

    def get_trust(self, trust_id: str) -> Trust:
        """A usable trust, its redelegation chain checked (`Manager.get_trust`).

        Raises:
            TrustNotFound: Unknown, deleted, expired or used up (or a parent is).
            Forbidden: The chain no longer holds, or a parent's trustee is disabled.
        """
        trust = self._usable(trust_id)
        chain = self._pedigree(trust)
        for parent, child in zip(chain[1:], chain, strict=False):
            self._check_redelegation(parent, child)
            trustee = self.users.get(parent.trustee_user_id)
            if trustee is None or not trustee.enabled:
                raise Forbidden()  # "One of the trust agents is disabled or deleted"
        return trust

    def list_trusts(self, *, trustor_user_id: str | None = None,
                    trustee_user_id: str | None = None) -> list[Trust]:
        """Undeleted trusts, expired and used-up ones included (as Keystone lists them),
        optionally of one trustor or one trustee."""
        for trust in [t for t in self.trusts.values() if not self._still_owned(t)]:
            del self.trusts[trust.id]
        return [t for t in self.trusts.values()
                if (trustor_user_id is None or t.trustor_user_id == trustor_user_id)
                and (trustee_user_id is None or t.trustee_user_id == trustee_user_id)]

    @locked
    def delete_trust(self, trust_id: str) -> None:
        """Delete a trust and the trusts its trustor redelegated from it; their tokens
        stop validating at once.

        Raises:
            TrustNotFound: No such trust (deleted ones included).
        """
        trust = self.trusts.get(trust_id)
        if trust is None:
            raise TrustNotFound(trust_id)
        for child in [t for t in self.trusts.values() if t.redelegated_trust_id == trust_id
                      and t.trustor_user_id == trust.trustor_user_id]:
            if child.id in self.trusts:
                self.delete_trust(child.id)
        del self.trusts[trust_id]
        self._stamp += 1

    def consume_trust_use(self, trust_id: str) -> None:
        """Spend one use of a limited trust (after a token was issued from it).

        Raises:
            TrustNotFound: The trust is gone.
            Forbidden: "No remaining uses for trust: <id>." (hidden by Keystone as 403).
        """
        trust = self.trusts.get(trust_id)
        if trust is None:
            raise TrustNotFound(trust_id)
        if trust.remaining_uses is None:
            return
        if trust.remaining_uses <= 0:
            raise Forbidden()
        trust.remaining_uses -= 1  # validation reads it: no cached context to drop

    def trust_token_role_ids(self, trust: Trust) -> list[str]:
        """The roles a token of this trust carries now: the trust's roles and the roles
        they imply, global ones only, each still held by the original trustor.

        Raises:
            Forbidden: The trustor lost one of them ("Trustee has no delegated roles.").
        """
        trustor_id = self._pedigree(trust)[-1].trustor_user_id
        held = (self.effective_role_ids(trustor_id, "project", trust.project_id)
                if trust.project_id else [])
        out: list[str] = []
        for role_id in self.expand_implied(trust.role_ids):
            if role_id not in held:
                raise Forbidden()
            if self.roles[role_id].domain_id is None:
                out.append(role_id)
        return out

    def trust_roles(self, trust: Trust) -> list[Role]:
        """The trust's roles that still exist, as its answers list them."""
        return [self.roles[r] for r in trust.role_ids if r in self.roles]

    if TYPE_CHECKING:

        def get_project(self, project_id: str) -> Project: ...

        def get_user(self, user_id: str) -> User: ...
