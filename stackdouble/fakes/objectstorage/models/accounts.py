"""The fake Swift's accounts (client `objectstorage/v1/accounts`): one per project,
`AUTH_<project_id>`, created on first write as Swift's `account_autocreate` does
(`swift/proxy/controllers/account.py`), with its metadata, the quotas account_quotas keeps
in its sysmeta, and the totals Swift's container-updater keeps (here updated at once).

keystoneauth is configured as `reseller_prefix = AUTH_, SERVICE_`: a project also has a
`SERVICE_<project_id>` account, which services write to with a service token
(`SERVICE_service_roles = service`, see `auth.authorize`).
"""

from __future__ import annotations

from collections.abc import Mapping

from sortedcontainers import SortedDict  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.locking import locked
from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.models._common import (
    RESELLER_PREFIX,
    _apply_headers,
    _meta_of,
    _ModelBase,
)

__all__ = ["RESELLER_PREFIXES", "Account", "AccountsMixin", "QuotaKey", "reseller_prefix_of"]

#: keystoneauth's `reseller_prefix = AUTH_, SERVICE_`, in the order it matches them.
RESELLER_PREFIXES = (RESELLER_PREFIX, "SERVICE_")

#: A quota: `("bytes" | "count", None)` for the account's, `(kind, policy name)` for one
#: storage policy's (account_quotas' `quota-bytes` and `quota-bytes-policy-<idx>` sysmeta).
QuotaKey = tuple[str, str | None]


def reseller_prefix_of(account_name: str) -> str | None:
    """The reseller prefix an account name starts with (`_get_account_prefix`), or None.

    Example:
        >>> reseller_prefix_of("SERVICE_abc"), reseller_prefix_of("other")
        ('SERVICE_', None)
    """
    return next((p for p in RESELLER_PREFIXES if account_name.startswith(p)), None)


class Account:
    """One account (`AUTH_<project_id>`).

    Attributes:
        name: The account's name.
        created: When it was created (raw timestamp; `X-Timestamp`).
        headers: Metadata as Swift returns it (`X-Account-Meta-*`).
        project_domain_id: What keystoneauth recorded (`X-Account-Project-Domain-Id`).
        access_control: The account ACL tempauth stored (its `core-access-control`
            sysmeta), as sent; None when unset (see `auth.account_acls`).
        quota_bytes, quota_count: Quotas a reseller admin set (`X-Account-Quota-*`).
        policy_quotas: Per-policy quotas a reseller admin set
            (`X-Account-Quota-Bytes-Policy-<name>`, `...-Count-Policy-<name>`), by
            `(kind, policy name)`.
        containers: Containers by name, in Swift's order.
        object_count, bytes_used: Totals over the containers, kept current.
        policy_stats: `{policy: [container_count, object_count, bytes_used]}` for every
            policy that has held a container.
    """

    __slots__ = ("access_control", "bytes_used", "containers", "created", "headers", "name",
                 "object_count",
                 "policy_quotas", "policy_stats", "project_domain_id", "quota_bytes",
                 "quota_count")

    def __init__(self, name: str, timestamp: int) -> None:
        self.name = name
        self.created = timestamp
        self.headers: dict[str, str] = {}
        self.project_domain_id: str | None = None
        self.access_control: str | None = None
        self.quota_bytes: int | None = None
        self.quota_count: int | None = None
        self.policy_quotas: dict[QuotaKey, int] = {}
        self.containers: SortedDict = SortedDict()
        self.object_count = 0
        self.bytes_used = 0
        self.policy_stats: dict[str, list[int]] = {}

    @property
    def container_count(self) -> int:
        """How many containers it holds."""
        return len(self.containers)

    @property
    def metadata(self) -> dict[str, str]:
        """Custom metadata as `{Name: value}`."""
        return _meta_of(self.headers, "X-Account-Meta-")

    def _count(self, policy: str, containers: int, objects: int, size: int) -> None:
        stats = self.policy_stats.setdefault(policy, [0, 0, 0])
        stats[0] += containers
        stats[1] += objects
        stats[2] += size
        self.object_count += objects
        self.bytes_used += size

    def __repr__(self) -> str:
        return f"<Account {self.name!r} {len(self.containers)} containers>"


class AccountsMixin(_ModelBase):
    """Accounts: finding (and creating) them, listing names, metadata, deleting them."""

    def account_name(self, project: str) -> str:
        """`AUTH_<project_id>` for a project name or id (an account name, `AUTH_...` or
        `SERVICE_...`, is returned as is).

        Raises:
            LookupError: No such project.
        """
        if reseller_prefix_of(project) is not None:
            return project
        return RESELLER_PREFIX + self.cloud.identity.find_project(project).id

    @locked
    def account(self, project: str, *, create: bool = True) -> Account:
        """The account of a project, created if need be (`create=False`: 404 instead).

        Raises:
            SwiftError: 404, the account does not exist and `create` is false.
        """
        name = self.account_name(project)
        found = self.accounts.get(name)
        if found is None:
            if not create:
                raise SwiftError(404)
            found = self.accounts[name] = Account(name, self.now())
            found.project_domain_id = self._domain_of(name)
        return found

    def find_account(self, account_name: str) -> Account | None:
        """The account, or None if nothing was ever written to it."""
        return self.accounts.get(account_name)

    def _domain_of(self, account_name: str) -> str | None:
        prefix = reseller_prefix_of(account_name) or ""
        project = self.cloud.identity.projects.get(account_name[len(prefix):])
        return project.domain_id if project is not None else None

    @locked
    def set_quotas(self, project: str, quotas: Mapping[QuotaKey, str]) -> Account:
        """Set quotas as account_quotas stores a reseller admin's (an empty value removes
        one): `{("bytes", None): "1000", ("count", "gold"): ""}`.

        Raises:
            ValueError: A value that is neither empty nor digits.
        """
        if any(value and not value.isdigit() for value in quotas.values()):
            raise ValueError("quotas are whole numbers")
        account = self.account(project)
        for (kind, policy), value in quotas.items():
            number = int(value) if value else None
            if policy is not None:
                if number is None:
                    account.policy_quotas.pop((kind, policy), None)
                else:
                    account.policy_quotas[kind, policy] = number
            elif kind == "bytes":
                account.quota_bytes = number
            else:
                account.quota_count = number
        return account

    @locked
    def set_account_acl(self, project: str, value: str) -> Account:
        """Store an account ACL as tempauth does once it is valid (its `core-access-control`
        sysmeta; an empty value removes it). Enforced only for tempauth's users.

        Raises:
            ValueError: A value tempauth would refuse, with its words.
        """
        from stackdouble.fakes.objectstorage.auth import account_acl_error  # auth imports models

        error = account_acl_error(value)
        if error is not None:
            raise ValueError(error)
        account = self.account(project)
        account.access_control = value or None
        return account

    @locked
    def names(self, project: str, container: str | None = None) -> list[str]:
        """The names of a container's objects, or of the account's containers, in order."""
        if container is None:
            account = self.accounts.get(self.account_name(project))
            return list(account.containers) if account is not None else []
        return list(self.container(project, container).objects)

    @locked
    def update_account(self, project: str, headers: Mapping[str, str]) -> Account:
        """Set or remove (empty value) account metadata headers (Swift's POST)."""
        account = self.account(project)
        _apply_headers(account.headers, headers)
        return account

    @locked
    def delete_account(self, project: str) -> None:
        """Forget an account and everything in it (what a reseller's DELETE and the
        account-reaper do together)."""
        self.accounts.pop(self.account_name(project), None)
