"""Keystone OS-EC2 credential results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "Credential",
    "CredentialPage",
    "DeleteResult",
    "GetResult",
    "extract_credentials",
]


@dataclass(slots=True, kw_only=True)
class Credential:
    """An EC2 access key and secret of a user for one project.

    Attributes:
        access: The access key (also how the credential is named in URLs).
        secret: The key that signs requests; left out of the repr.
        tenant_id: The project a token got with it is scoped to.
        trust_id: The trust it was made under, when made with a trust-scoped token.
    """

    user_id: str
    tenant_id: str
    access: str
    secret: str = field(repr=False)
    trust_id: str | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Credential:
        """A Credential from Keystone's JSON."""
        return cls(user_id=raw["user_id"], tenant_id=raw["tenant_id"], access=raw["access"],
                   secret=raw["secret"], trust_id=raw.get("trust_id"))


class GetResult(Result):
    """The result of `ec2credentials.get`; `extract()` gives the Credential."""

    __slots__ = ()

    def extract(self) -> Credential:
        """The Credential, or raise the error the call ended with."""
        return self.extract_with(Credential.from_json, key="credential")


class CreateResult(GetResult):
    """The result of `ec2credentials.create`; `extract()` gives the new pair."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `ec2credentials.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class CredentialPage(LinkedPage):
    """A page of a user's EC2 credentials."""

    __slots__ = ()
    resource_key = "credentials"
    link_path = ("links", "next")

    def items(self) -> list[Credential]:
        """The credentials on this page."""
        return extract_credentials(self)


def extract_credentials(page: Page) -> list[Credential]:
    """The EC2 credentials on one page of a listing."""
    return page.extract_list_with(Credential.from_json, key="credentials")
