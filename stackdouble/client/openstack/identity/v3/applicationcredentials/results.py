"""Keystone v3 application credential results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "AccessRule",
    "AccessRulePage",
    "ApplicationCredential",
    "ApplicationCredentialPage",
    "CreateResult",
    "DeleteAccessRuleResult",
    "DeleteResult",
    "GetAccessRuleResult",
    "GetResult",
    "Role",
    "extract_access_rules",
    "extract_application_credentials",
]


@dataclass(slots=True, kw_only=True)
class AccessRule:
    """A request an application credential's tokens may make (gophercloud's
    `AccessRule`): the service type, the method and a path pattern (`{name}` and `*`
    match one segment, `**` any number).

    As a create option, give `service`, `path` and `method` for a new rule or `id` for
    one of the user's rules; Keystone fills in the id.
    """

    id: str | None = None
    service: str | None = None
    path: str | None = None
    method: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AccessRule:
        """An AccessRule from Keystone's JSON."""
        return cls(id=raw.get("id"), service=raw.get("service"), path=raw.get("path"),
                   method=raw.get("method"))

    def to_map(self) -> dict[str, Any]:
        """The rule as a create body holds it, None fields left out."""
        return {k: v for k, v in (("id", self.id), ("service", self.service),
                                  ("path", self.path), ("method", self.method))
                if v is not None}


@dataclass(slots=True, kw_only=True)
class Role:
    """A role an application credential carries."""

    id: str
    name: str | None = None
    domain_id: str | None = None


@dataclass(slots=True, kw_only=True)
class ApplicationCredential:
    """An application credential. Its `secret` is only known from `create`'s answer (never
    afterwards), and never shown in a repr."""

    id: str
    name: str
    description: str | None = None
    project_id: str | None = None
    user_id: str | None = None
    unrestricted: bool = False
    expires_at: datetime | None = None
    roles: Sequence[Role] = ()
    #: Its access rules; () when its tokens are not restricted to some requests.
    access_rules: Sequence[AccessRule] = ()
    secret: str | None = field(default=None, repr=False)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ApplicationCredential:
        """An ApplicationCredential from Keystone's JSON."""
        return cls(
            id=raw["id"],
            name=raw["name"],
            description=raw.get("description"),
            project_id=raw.get("project_id"),
            user_id=raw.get("user_id"),
            unrestricted=bool(raw.get("unrestricted")),
            expires_at=parse_time(raw.get("expires_at")),
            roles=tuple(Role(id=r["id"], name=r.get("name"), domain_id=r.get("domain_id"))
                        for r in raw.get("roles") or ()),
            access_rules=tuple(AccessRule.from_json(r) for r in raw.get("access_rules") or ()),
            secret=raw.get("secret"),
        )


class GetResult(Result):
    """The result of `applicationcredentials.get`; `extract()` gives the credential."""

    __slots__ = ()

    def extract(self) -> ApplicationCredential:
        """The ApplicationCredential, or raise the error the call ended with."""
        return self.extract_with(ApplicationCredential.from_json, key="application_credential")


class CreateResult(GetResult):
    """The result of `create`: the only answer that carries the secret."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `applicationcredentials.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class ApplicationCredentialPage(LinkedPage):
    """A page of application credentials."""

    __slots__ = ()
    resource_key = "application_credentials"
    link_path = ("links", "next")

    def items(self) -> list[ApplicationCredential]:
        """The credentials on this page."""
        return extract_application_credentials(self)


def extract_application_credentials(page: Page) -> list[ApplicationCredential]:
    """The application credentials on one page of `applicationcredentials.list`."""
    return page.extract_list_with(ApplicationCredential.from_json,
                                  key="application_credentials")


class GetAccessRuleResult(Result):
    """The result of `applicationcredentials.get_access_rule`; `extract()` gives it."""

    __slots__ = ()

    def extract(self) -> AccessRule:
        """The AccessRule, or raise the error the call ended with."""
        return self.extract_with(AccessRule.from_json, key="access_rule")


class DeleteAccessRuleResult(ErrResult):
    """The result of `applicationcredentials.delete_access_rule`; `extract_err()` raises
    on failure (`Forbidden` while a credential uses the rule)."""

    __slots__ = ()


class AccessRulePage(LinkedPage):
    """A page of a user's access rules."""

    __slots__ = ()
    resource_key = "access_rules"
    link_path = ("links", "next")

    def items(self) -> list[AccessRule]:
        """The access rules on this page."""
        return extract_access_rules(self)


def extract_access_rules(page: Page) -> list[AccessRule]:
    """The access rules on one page of `applicationcredentials.list_access_rules`."""
    return page.extract_list_with(AccessRule.from_json, key="access_rules")
