"""Keystone OS-TRUST results: trusts, their roles, and the trust in a trust-scoped token."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._errors import NotFound, UnexpectedBody, describe_json
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CheckRoleResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "GetRoleResult",
    "Role",
    "RolesPage",
    "TokenTrust",
    "Trust",
    "TrustPage",
    "extract_roles",
    "extract_token_trust",
    "extract_trusts",
]

_KNOWN = frozenset({"id", "trustor_user_id", "trustee_user_id", "project_id", "impersonation",
                    "expires_at", "remaining_uses", "deleted_at", "redelegated_trust_id",
                    "redelegation_count", "roles", "roles_links", "links"})


@dataclass(slots=True, kw_only=True)
class Role:
    """A role a trust delegates."""

    id: str
    name: str | None = None
    domain_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Role:
        """A Role from Keystone's JSON."""
        return cls(id=raw["id"], name=raw.get("name"), domain_id=raw.get("domain_id"))


@dataclass(slots=True, kw_only=True)
class Trust:
    """A trust: the trustee may get tokens with `roles` of the trustor on `project_id`.

    `roles` is empty in listings (Keystone lists trusts without their roles). Attributes
    Keystone does not define (given at creation) are in `extra`.
    """

    id: str
    trustor_user_id: str
    trustee_user_id: str
    impersonation: bool
    project_id: str | None = None
    expires_at: datetime | None = None
    remaining_uses: int | None = None
    redelegated_trust_id: str | None = None
    redelegation_count: int = 0
    deleted_at: datetime | None = None
    roles: Sequence[Role] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Trust:
        """A Trust from Keystone's JSON."""
        return cls(
            id=raw["id"],
            trustor_user_id=raw["trustor_user_id"],
            trustee_user_id=raw["trustee_user_id"],
            impersonation=bool(raw["impersonation"]),
            project_id=raw.get("project_id"),
            expires_at=parse_time(raw.get("expires_at")),
            remaining_uses=raw.get("remaining_uses"),
            redelegated_trust_id=raw.get("redelegated_trust_id"),
            redelegation_count=raw.get("redelegation_count") or 0,
            deleted_at=parse_time(raw.get("deleted_at")),
            roles=tuple(Role.from_json(r) for r in raw.get("roles") or ()),
            extra={k: v for k, v in raw.items() if k not in _KNOWN},
        )


@dataclass(slots=True, kw_only=True)
class TokenTrust:
    """The `OS-TRUST:trust` of a trust-scoped token (gophercloud's `TokenExt.Trust`)."""

    id: str
    trustor_user_id: str
    trustee_user_id: str
    impersonation: bool


class GetResult(Result):
    """The result of `trusts.get`; `extract()` gives the Trust."""

    __slots__ = ()

    def extract(self) -> Trust:
        """The Trust, or raise the error the call ended with."""
        return self.extract_with(Trust.from_json, key="trust")


class CreateResult(GetResult):
    """The result of `trusts.create`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `trusts.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class GetRoleResult(Result):
    """The result of `trusts.get_role`; `extract()` gives the Role."""

    __slots__ = ()

    def extract(self) -> Role:
        """The Role, or raise the error the call ended with."""
        return self.extract_with(Role.from_json, key="role")


class CheckRoleResult(ErrResult):
    """The result of `trusts.check_role`: `extract()` tells whether the trust delegates the
    role (a 404 means not, or that the trust is gone); `extract_err()` raises on any error."""

    __slots__ = ()

    def extract(self) -> bool:
        """True on success, False when Keystone answered 404; other errors raise."""
        if isinstance(self.err, NotFound):
            return False
        self.raise_for_error()
        return True


class TrustPage(LinkedPage):
    """A page of trusts."""

    __slots__ = ()
    resource_key = "trusts"
    link_path = ("links", "next")

    def items(self) -> list[Trust]:
        """The trusts on this page."""
        return extract_trusts(self)


class RolesPage(LinkedPage):
    """A page of a trust's roles."""

    __slots__ = ()
    resource_key = "roles"
    link_path = ("links", "next")

    def items(self) -> list[Role]:
        """The roles on this page."""
        return extract_roles(self)


def extract_trusts(page: Page) -> list[Trust]:
    """The trusts on one page of `trusts.list`."""
    return page.extract_list_with(Trust.from_json, key="trusts")


def extract_roles(page: Page) -> list[Role]:
    """The roles on one page of `trusts.list_roles`."""
    return page.extract_list_with(Role.from_json, key="roles")


def _token_trust(raw: Any) -> TokenTrust | None:
    trust = raw.get("OS-TRUST:trust") if isinstance(raw, Mapping) else None
    if trust is None:
        return None
    if not isinstance(trust, Mapping):
        raise UnexpectedBody("an object", describe_json(trust), path="$.token.OS-TRUST:trust")
    return TokenTrust(id=trust["id"], impersonation=bool(trust.get("impersonation")),
                      trustor_user_id=trust["trustor_user"]["id"],
                      trustee_user_id=trust["trustee_user"]["id"])


def extract_token_trust(result: Result) -> TokenTrust | None:
    """The trust of a `tokens.create` or `tokens.get` result; None for a token that is not
    trust-scoped.

    Raises:
        StackdoubleError: The error the token call ended with.
        UnexpectedBody: The body's `OS-TRUST:trust` is not the object Keystone sends.
    """
    return result.extract_with(_token_trust, key="token")
