"""Swift account results: the account's headers, typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from stackdouble.client.openstack.objectstorage.v1._swift import (
    HeaderReader,
    ResponseHeaders,
    SwiftResult,
)

__all__ = ["AccountHeaders", "GetResult", "PolicyUsage", "UpdateResult"]

_POLICY_PREFIX = "x-account-storage-policy-"
_POLICY_FIELDS = {
    "-container-count": "container_count",
    "-object-count": "object_count",
    "-bytes-used": "bytes_used",
}


@dataclass(slots=True, kw_only=True)
class PolicyUsage:
    """An account's usage in one storage policy (`X-Account-Storage-Policy-<name>-*`)."""

    container_count: int = 0
    object_count: int = 0
    bytes_used: int = 0


@dataclass(slots=True, kw_only=True)
class AccountHeaders(ResponseHeaders):
    """A Swift account as its HEAD describes it.

    Counts are eventually consistent in Swift: the container updater moves them a few
    seconds after writes.

    Attributes:
        container_count: `X-Account-Container-Count`.
        object_count: `X-Account-Object-Count`.
        bytes_used: `X-Account-Bytes-Used`.
        quota_bytes: `X-Account-Meta-Quota-Bytes`, the operator's quota, or None.
        temp_url_key: `X-Account-Meta-Temp-URL-Key`, or None; never shown in a repr.
        temp_url_key_2: `X-Account-Meta-Temp-URL-Key-2`, or None; never shown in a repr.
        metadata: The custom metadata (`X-Account-Meta-<name>`), names as Swift sends them
            (title case), temp-URL keys left out.
        timestamp: When the account was created (`X-Timestamp`).
        storage_policies: Usage per storage policy name.
        project_domain_id: `X-Account-Project-Domain-Id` (Keystone auth), or None.
    """

    container_count: int = 0
    object_count: int = 0
    bytes_used: int = 0
    quota_bytes: int | None = None
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
    metadata: Mapping[str, str] = field(default_factory=dict)
    timestamp: datetime | None = None
    storage_policies: Mapping[str, PolicyUsage] = field(default_factory=dict)
    project_domain_id: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> AccountHeaders:
        """Read an account HEAD's headers."""
        read = HeaderReader(headers)
        return cls(
            **read.common(),
            container_count=read.count("X-Account-Container-Count"),
            object_count=read.count("X-Account-Object-Count"),
            bytes_used=read.count("X-Account-Bytes-Used"),
            quota_bytes=read.integer("X-Account-Meta-Quota-Bytes"),
            temp_url_key=read.text("X-Account-Meta-Temp-URL-Key"),
            temp_url_key_2=read.text("X-Account-Meta-Temp-URL-Key-2"),
            metadata=read.metadata("X-Account-Meta-"),
            timestamp=read.timestamp("X-Timestamp"),
            storage_policies=_policies(headers, read),
            project_domain_id=read.text("X-Account-Project-Domain-Id"),
        )


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
