"""Swift account results: the account's headers, typed."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.client._errors import InvalidInput
from stackdouble.client.openstack.objectstorage.v1._swift import (
    HeaderReader,
    ResponseHeaders,
    SwiftResult,
)

__all__ = ["AccountACL", "AccountHeaders", "GetResult", "PolicyQuota", "PolicyUsage",
           "UpdateResult"]

#: The keys of an account ACL, by `AccountACL` field.
_ACL_KEYS = {"admin": "admin", "read_write": "read-write", "read_only": "read-only"}


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountACL:
    """An account ACL (`X-Account-Access-Control`, Swift's version-2 JSON): who else may use
    the account. Grantees are what the auth system matches: tempauth's groups
    (`account:user`, or an account name for all its users).

    Only tempauth enforces account ACLs (and `/info` says so with `tempauth.account_acls`);
    keystoneauth ignores the header and grants cross-project access through container
    ACLs (`X-Container-Read`/`-Write`, `<project_id>:<user_id>`) alone.

    Attributes:
        admin: May do anything, as the owner, setting ACLs included.
        read_write: May also create, change and delete containers and objects, but not
            change the account.
        read_only: May list the account and its containers and read objects.
    """

    admin: Sequence[str] = ()
    read_write: Sequence[str] = ()
    read_only: Sequence[str] = ()

    def to_header(self) -> str:
        """The header value as Swift writes it (`format_acl(version=2)`: ASCII JSON, keys
        sorted, no spaces), empty lists left out; `{}` for an ACL that grants no one.

        Raises:
            InvalidInput: A grantee that is not a non-empty str (a bare str given for a
                list included).

        Example:
            >>> AccountACL(read_only=["test:tester3"], admin=["test2:tester2"]).to_header()
            '{"admin":["test2:tester2"],"read-only":["test:tester3"]}'
        """
        acl: dict[str, list[str]] = {}
        for attr, key in _ACL_KEYS.items():
            grantees = getattr(self, attr)
            if isinstance(grantees, str):
                raise InvalidInput(f"access_control.{attr} is a sequence of grantees, not a str",
                                   "access_control")
            names = list(grantees)
            if any(not isinstance(name, str) or not name for name in names):
                raise InvalidInput(f"access_control.{attr} holds a grantee that is not a "
                                   "non-empty str", "access_control")
            if names:
                acl[key] = names
        return json.dumps(acl, ensure_ascii=True, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_header(cls, value: str) -> AccountACL | None:
        """Read a received `X-Account-Access-Control`; None for a value that is not a JSON
        object (Swift never sends one). Keys Swift does not know are left out.

        Example:
            >>> AccountACL.from_header('{"read-write":["bob"]}')
            AccountACL(admin=(), read_write=('bob',), read_only=())
        """
        try:
            data: Any = json.loads(value)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        found: dict[str, tuple[str, ...]] = {}
        for attr, key in _ACL_KEYS.items():
            items = data.get(key)
            if isinstance(items, list):
                found[attr] = tuple(str(item) for item in items)
        return cls(**found)

_POLICY_PREFIX = "x-account-storage-policy-"
_POLICY_FIELDS = {
    "-container-count": "container_count",
    "-object-count": "object_count",
    "-bytes-used": "bytes_used",
}
# account_quotas (Swift ≥ 2.32) answers `X-Account-Quota-<Kind>-Policy-<name>`.
_POLICY_QUOTA_PREFIXES = {
    "x-account-quota-bytes-policy-": "quota_bytes",
    "x-account-quota-count-policy-": "quota_count",
}


@dataclass(slots=True, kw_only=True)
class PolicyUsage:
    """An account's usage in one storage policy (`X-Account-Storage-Policy-<name>-*`)."""

    container_count: int = 0
    object_count: int = 0
    bytes_used: int = 0


@dataclass(slots=True, kw_only=True)
class PolicyQuota:
    """An account's quotas in one storage policy (`X-Account-Quota-*-Policy-<name>`).

    Attributes:
        quota_bytes: `X-Account-Quota-Bytes-Policy-<name>`, or None for no limit.
        quota_count: `X-Account-Quota-Count-Policy-<name>`, or None for no limit.
    """

    quota_bytes: int | None = None
    quota_count: int | None = None


@dataclass(slots=True, kw_only=True)
class AccountHeaders(ResponseHeaders):
    """A Swift account as its HEAD describes it.

    Counts are eventually consistent in Swift: the container updater moves them a few
    seconds after writes.

    Attributes:
        container_count: `X-Account-Container-Count`.
        object_count: `X-Account-Object-Count`.
        bytes_used: `X-Account-Bytes-Used`.
        quota_bytes: The byte quota a reseller admin set, or None for no limit:
            `X-Account-Quota-Bytes` (Swift ≥ 2.34 keeps quotas in sysmeta and reports them
            so), else the legacy `X-Account-Meta-Quota-Bytes`, the precedence Swift's
            account_quotas middleware enforces.
        quota_count: `X-Account-Quota-Count` (Swift ≥ 2.34), the object count quota, or
            None for no limit.
        policy_quotas: Quotas per storage policy name (Swift ≥ 2.32; byte quotas
            `X-Account-Quota-Bytes-Policy-<name>`, count quotas (≥ 2.34)
            `X-Account-Quota-Count-Policy-<name>`); only policies with a quota appear.
        temp_url_key: `X-Account-Meta-Temp-URL-Key`, or None; never shown in a repr.
        temp_url_key_2: `X-Account-Meta-Temp-URL-Key-2`, or None; never shown in a repr.
        metadata: The custom metadata (`X-Account-Meta-<name>`), names as Swift sends them
            (title case), temp-URL keys left out.
        timestamp: When the account was created (`X-Timestamp`).
        storage_policies: Usage per storage policy name.
        project_domain_id: `X-Account-Project-Domain-Id` (Keystone auth), or None.
        access_control: The account ACL (`X-Account-Access-Control`), or None: Swift shows
            it only to the account's owners, and only tempauth stores one.
    """

    container_count: int = 0
    object_count: int = 0
    bytes_used: int = 0
    quota_bytes: int | None = None
    quota_count: int | None = None
    policy_quotas: Mapping[str, PolicyQuota] = field(default_factory=dict)
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
    metadata: Mapping[str, str] = field(default_factory=dict)
    timestamp: datetime | None = None
    storage_policies: Mapping[str, PolicyUsage] = field(default_factory=dict)
    project_domain_id: str | None = None
    access_control: AccountACL | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> AccountHeaders:
        """Read an account HEAD's headers."""
        read = HeaderReader(headers)
        return cls(
            **read.common(),
            container_count=read.count("X-Account-Container-Count"),
            object_count=read.count("X-Account-Object-Count"),
            bytes_used=read.count("X-Account-Bytes-Used"),
            quota_bytes=_quota_bytes(read),
            quota_count=read.integer("X-Account-Quota-Count"),
            policy_quotas=_policy_quotas(headers, read),
            temp_url_key=read.text("X-Account-Meta-Temp-URL-Key"),
            temp_url_key_2=read.text("X-Account-Meta-Temp-URL-Key-2"),
            metadata=read.metadata("X-Account-Meta-"),
            timestamp=read.timestamp("X-Timestamp"),
            storage_policies=_policies(headers, read),
            project_domain_id=read.text("X-Account-Project-Domain-Id"),
            access_control=_access_control(read),
        )


def _access_control(read: HeaderReader) -> AccountACL | None:
    value = read.text("X-Account-Access-Control")
    return AccountACL.from_header(value) if value else None


def _quota_bytes(read: HeaderReader) -> int | None:
    # account_quotas checks `sysmeta.get("quota-bytes", meta.get("quota-bytes"))` and reports
    # the sysmeta as X-Account-Quota-Bytes; a legacy meta quota shows only as itself.
    quota = read.integer("X-Account-Quota-Bytes")
    return quota if quota is not None else read.integer("X-Account-Meta-Quota-Bytes")


def _policy_quotas(headers: Mapping[str, str], read: HeaderReader) -> dict[str, PolicyQuota]:
    quotas: dict[str, PolicyQuota] = {}
    for key in headers:
        lowered = key.lower()
        for prefix, attr in _POLICY_QUOTA_PREFIXES.items():
            if lowered.startswith(prefix) and len(lowered) > len(prefix):
                value = read.integer(key)
                if value is not None:
                    setattr(quotas.setdefault(key[len(prefix):], PolicyQuota()), attr, value)
                break
    return quotas


def _policies(headers: Mapping[str, str], read: HeaderReader) -> dict[str, PolicyUsage]:
    usage: dict[str, PolicyUsage] = {}
    for key in headers:
        lowered = key.lower()
        if not lowered.startswith(_POLICY_PREFIX):
            continue
        for suffix, attr in _POLICY_FIELDS.items():
            if lowered.endswith(suffix) and len(lowered) > len(_POLICY_PREFIX) + len(suffix):
                name = key[len(_POLICY_PREFIX) : -len(suffix)]
                setattr(usage.setdefault(name, PolicyUsage()), attr, read.count(key))
                break
    return usage


class GetResult(SwiftResult):
    """The result of `accounts.get`."""

    __slots__ = ()

    def extract(self) -> AccountHeaders:
        """The account's typed headers, or raise the error the call ended with."""
        return AccountHeaders.from_headers(self.extract_header())

    def extract_metadata(self) -> dict[str, str]:
        """The account's custom metadata (`X-Account-Meta-*`, temp-URL keys left out)."""
        return HeaderReader(self.extract_header()).metadata("X-Account-Meta-")


class UpdateResult(SwiftResult):
    """The result of `accounts.update`."""

    __slots__ = ()

    def extract(self) -> ResponseHeaders:
        """The response's headers, typed, or raise the error the call ended with."""
        return ResponseHeaders.from_headers(self.extract_header())
