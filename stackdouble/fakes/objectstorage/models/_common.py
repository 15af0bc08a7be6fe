"""What the fake Swift's resource models share: the constants, Swift's limits
(`Constraints`), timestamps, header helpers, and `_ModelBase`, the state every resource
mixin of `ObjectStorageModel` works on.

Timestamps are Swift's `Timestamp` (`swift/common/utils/timestamp.py`) at its precision,
10 µs; the limits are `[swift-constraints]` (`swift/common/constraints.py`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from email.utils import formatdate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.objectstorage.models.accounts import Account
    from stackdouble.fakes.objectstorage.models.containers import Container
    from stackdouble.fakes.objectstorage.models.policies import StoragePolicy

__all__ = [
    "DEFAULT_POLICY",
    "RESELLER_PREFIX",
    "Constraints",
    "http_date",
    "ts_ceil",
    "ts_iso",
    "ts_normal",
]

#: The one storage policy of a stock Swift (`/info`: `Policy-0`, default).
DEFAULT_POLICY = "Policy-0"
#: keystoneauth's `reseller_prefix`: accounts are `AUTH_<project_id>`.
RESELLER_PREFIX = "AUTH_"
#: Timestamps are kept as integers of Swift's precision, 10 µs (`Timestamp.raw`).
_UNITS = 100_000
_MAX_CHAR = 0x10FFFF


class _ModelBase:
    """What every resource mixin may use: the state `ObjectStorageModel.__init__` sets up
    (the one place it is initialised), the clock, and the lookups of the other mixins
    (declared here for the type checker only; the mixins define them).

    Attributes:
        cloud: The `FakeCloud` (its lock, clock and identity).
        accounts: Accounts by name (`AUTH_<project_id>`).
        constraints: Swift's limits.
    """

    cloud: FakeCloud
    accounts: dict[str, Account]
    constraints: Constraints
    _expiring: list[tuple[int, str, str, str]]

    def now(self) -> int:
        """The fake clock as a raw Swift timestamp (10 µs units)."""
        return round(self.cloud.clock.time() * _UNITS)

    if TYPE_CHECKING:

        def account_name(self, project: str) -> str: ...

        def account(self, project: str, *, create: bool = True) -> Account: ...

        def container(self, project: str, name: str) -> Container: ...

        def find_container(self, account_name: str, name: str) -> Container | None: ...

        def create_container(
            self,
            project: str,
            name: str,
            *,
            policy: str | None = None,
            metadata: Mapping[str, str] | None = None,
            read_acl: str | None = None,
            write_acl: str | None = None,
            headers: Mapping[str, str] | None = None,
        ) -> bool: ...

        def choose_policy(self, name: str | None) -> StoragePolicy: ...

        def _sync_tombstone(self, account: str, container: Container, name: str) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Constraints:
    """Swift's `[swift-constraints]` (`swift/common/constraints.py`), as `/info` shows them,
    plus the bulk middleware's limits. Replace `model.constraints` to test other settings
    (a small `max_file_size`, say)."""

    max_file_size: int = 5368709122
    max_meta_name_length: int = 128
    max_meta_value_length: int = 256
    max_meta_count: int = 90
    max_meta_overall_size: int = 4096
    max_header_size: int = 8192
    max_request_line: int = 8192
    max_object_name_length: int = 1024
    container_listing_limit: int = 10000
    account_listing_limit: int = 10000
    max_account_name_length: int = 256
    max_container_name_length: int = 256
    extra_header_count: int = 0
    max_deletes_per_request: int = 10000
    max_failed_deletes: int = 1000
    max_containers_per_extraction: int = 10000
    max_failed_extractions: int = 1000

    def info(self) -> dict[str, int]:
        """The `swift` section of `/info` (the bulk limits are reported elsewhere)."""
        out = asdict(self)
        for name in _BULK_LIMITS:
            out.pop(name)
        return out


#: The bulk middleware's settings in `Constraints` (`/info`'s `bulk_delete`, `bulk_upload`).
_BULK_LIMITS = ("max_deletes_per_request", "max_failed_deletes",
                "max_containers_per_extraction", "max_failed_extractions")


# -- timestamps ---------------------------------------------------------------------------


def ts_normal(raw: int) -> str:
    """Swift's normal form, `%016.05f` (`X-Timestamp: 1795769777.10817`).

    Example:
        >>> ts_normal(179576977710817)
        '1795769777.10817'
    """
    return f"{raw // _UNITS:010d}.{raw % _UNITS:05d}"


def ts_iso(raw: int) -> str:
    """A listing's `last_modified`: microseconds and no timezone.

    Example:
        >>> ts_iso(179576977712758)
        '2026-11-27T08:56:17.127580'
    """
    when = datetime.fromtimestamp(raw // _UNITS, tz=timezone.utc)
    return f"{when:%Y-%m-%dT%H:%M:%S}.{(raw % _UNITS) * 10:06d}"


def ts_ceil(raw: int) -> int:
    """Whole seconds, rounded up: what `Last-Modified` shows (`Timestamp.ceil`)."""
    return -(-raw // _UNITS)


def http_date(seconds: float) -> str:
    """An HTTP date (`Fri, 27 Nov 2026 08:56:18 GMT`).

    Example:
        >>> http_date(1795769778)
        'Fri, 27 Nov 2026 08:56:18 GMT'
    """
    return formatdate(seconds, usegmt=True)


def _meta_of(headers: Mapping[str, str], prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in headers.items():
        if key.startswith(prefix):
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                value = value.encode("latin-1").decode("utf-8")
            out[key[len(prefix):]] = value
    return out


def _wsgi(value: str) -> str:
    """A header value as WSGI carries it: one character per byte of its UTF-8."""
    try:
        value.encode("latin-1")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8").decode("latin-1")


def _apply_headers(target: dict[str, str], update: Mapping[str, str]) -> None:
    for key, value in update.items():
        if value == "":
            target.pop(key, None)
        else:
            target[key] = value

