"""Nova keypair results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.pagination import LinkedPage, Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "KeyPair",
    "KeyPairPage",
    "KeyPairResult",
    "extract_keypairs",
]


@dataclass(slots=True, kw_only=True)
class KeyPair:
    """A keypair as Compute returns it.

    Attributes:
        private_key: The generated private key, in the answer to a create without a public
            key only (Nova keeps no copy; microversions up to 2.91). Never shown in the repr.
        type: `ssh` or `x509` (2.2 and later).
        user_id: The owner.
    """

    name: str
    public_key: str = ""
    fingerprint: str = ""
    private_key: str | None = field(default=None, repr=False)
    user_id: str | None = None
    type: str | None = None
    created_at: datetime | None = None

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> KeyPair:
        """A KeyPair from Nova's JSON."""
        return cls(
            name=raw["name"],
            public_key=raw.get("public_key") or "",
            fingerprint=raw.get("fingerprint") or "",
            private_key=raw.get("private_key"),
            user_id=raw.get("user_id"),
            type=raw.get("type"),
            created_at=parse_time(raw.get("created_at")),
        )


def _from_listing(raw: Any) -> KeyPair:
    """A KeyPair from one item of a listing: `{"keypair": {...}}`."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("keypair"), Mapping):
        raise UnexpectedBody("'keypair' in each listed item", repr(raw)[:80])
    return KeyPair.from_json(raw["keypair"])


class KeyPairResult(Result):
    """A Result whose body is `{"keypair": {...}}`; `extract()` gives the KeyPair."""

    __slots__ = ()

    def extract(self) -> KeyPair:
        """The KeyPair, or raise the error the call ended with."""
        return self.extract_with(KeyPair.from_json, key="keypair")


class CreateResult(KeyPairResult):
    """The result of `keypairs.create`: holds the private key when Nova generated one."""

    __slots__ = ()


class GetResult(KeyPairResult):
    """The result of `keypairs.get`."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `keypairs.delete`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class KeyPairPage(LinkedPage):
    """A page of keypairs: `{"keypairs": [{"keypair": {...}}, ...]}`.

    Before 2.35 Nova answers in one page; from 2.35 it names the next in `keypairs_links`
    when a page is full, which this page follows (gophercloud's single page would stop).
    """

    __slots__ = ()
    resource_key = "keypairs"
    link_path = ("keypairs_links",)

    def items(self) -> list[KeyPair]:
        """The keypairs on this page."""
        return extract_keypairs(self)


def extract_keypairs(page: Page) -> list[KeyPair]:
    """The keypairs on one page of `keypairs.list`."""
    if page.err is None and page.body is None:
        return []  # `all_pages()` of an empty listing
    return page.extract_list_with(_from_listing, key="keypairs")
