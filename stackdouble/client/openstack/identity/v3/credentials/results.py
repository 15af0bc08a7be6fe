"""Keystone v3 credential results."""

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
    "UpdateResult",
    "extract_credentials",
]

_KNOWN = frozenset({"id", "user_id", "project_id", "type", "blob", "links"})


@dataclass(slots=True, kw_only=True)
class Credential:
    """A user's credential of some type (`ec2`, `totp`, `cert`...), its secret in `blob`.

    Attributes:
        blob: The credential itself as a string (an ec2 credential's is the JSON of its
            `access` and `secret`). Left out of the repr: it is the secret.
        project_id: The project it is for (required for `ec2`, else often None).
        extra: Attributes Keystone stored beyond its own, as given on create.
    """

    id: str
    user_id: str
    type: str
    blob: str = field(repr=False)
    project_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Credential:
        """A Credential from Keystone's JSON."""
        return cls(id=raw["id"], user_id=raw["user_id"], type=raw["type"], blob=raw["blob"],
                   project_id=raw.get("project_id"),
                   extra={k: v for k, v in raw.items() if k not in _KNOWN})


class GetResult(Result):
    """The result of `credentials.get`; `extract()` gives the Credential."""

    __slots__ = ()

    def extract(self) -> Credential:
        """The Credential, or raise the error the call ended with."""
        return self.extract_with(Credential.from_json, key="credential")


class CreateResult(GetResult):
    """The result of `credentials.create`; `extract()` gives the Credential made."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of `credentials.update`; `extract()` gives it updated."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `credentials.delete`; `extract_err()` raises on failure."""

    __slots__ = ()


class CredentialPage(LinkedPage):
    """A page of credentials; the next page is at `links.next`."""

    __slots__ = ()
    resource_key = "credentials"
    link_path = ("links", "next")

    def items(self) -> list[Credential]:
        """The credentials on this page."""
        return extract_credentials(self)


def extract_credentials(page: Page) -> list[Credential]:
    """The credentials on one page of a listing."""
    return page.extract_list_with(Credential.from_json, key="credentials")
