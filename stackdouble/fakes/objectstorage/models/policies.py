"""The fake Swift's storage policies (`swift/common/storage_policy.py`): the policies a
cloud offers, how a container's `X-Storage-Policy` names one, and what `/info` shows.

A policy is found by its name or any alias, case-insensitively (`get_by_name` upper-cases),
and a container records its canonical name (what `X-Storage-Policy` and the account's
`X-Account-Storage-Policy-<name>-*` headers then show). A deprecated policy keeps serving
the containers it has but is left out of `/info`, and a new container may not choose it.
Names use Swift's characters (letters, digits, `-`).
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from stackdouble.fakes.locking import locked
from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError
from stackdouble.fakes.objectstorage.models._common import DEFAULT_POLICY, _ModelBase

__all__ = ["PoliciesMixin", "StoragePolicy", "storage_policies"]

_VALID = frozenset("-" + string.ascii_letters + string.digits)


@dataclass(frozen=True, slots=True)
class StoragePolicy:
    """One storage policy, as a `[storage-policy:N]` section of swift.conf declares it.

    Attributes:
        name: Its name (`gold`); containers and account headers show it.
        aliases: Other names a client may give in `X-Storage-Policy`.
        default: Whether containers created without `X-Storage-Policy` get it.
        deprecated: Hidden from `/info` and refused for new containers (400).

    Example:
        >>> StoragePolicy("gold", aliases=("yellow",), default=True).info()
        {'name': 'gold', 'aliases': 'gold, yellow', 'default': True}
    """

    name: str
    aliases: tuple[str, ...] = ()
    default: bool = False
    deprecated: bool = False

    def __post_init__(self) -> None:
        for name in (self.name, *self.aliases):
            if not name or not _VALID.issuperset(name):
                raise ValueError(f"invalid storage policy name {name!r}: use letters, "
                                 "digits and '-'")

    @property
    def names(self) -> tuple[str, ...]:
        """Its name, then its aliases (Swift's `alias_list`)."""
        return (self.name, *self.aliases)

    def info(self) -> dict[str, Any]:
        """Its entry in `/info`'s `policies` (`get_info`): `default` only when it is."""
        out: dict[str, Any] = {"name": self.name, "aliases": ", ".join(self.names)}
        if self.default:
            out["default"] = True
        return out


def storage_policies(policies: Iterable[str | StoragePolicy]) -> tuple[StoragePolicy, ...]:
    """Policies as the model keeps them: names become `StoragePolicy`s, and exactly one
    usable policy is the default (the first usable one when none says so).

    Raises:
        ValueError: No policy, a name or alias used twice (case-insensitively), several
            defaults, or a deprecated default.

    Example:
        >>> [(p.name, p.default) for p in storage_policies(["Policy-0", "gold"])]
        [('Policy-0', True), ('gold', False)]
    """
    found = [p if isinstance(p, StoragePolicy) else StoragePolicy(p) for p in policies]
    if not found:
        raise ValueError("a Swift needs at least one storage policy")
    seen: set[str] = set()
    for policy in found:
        for name in policy.names:
            if name.upper() in seen:
                raise ValueError(f"storage policy name {name!r} is used twice")
            seen.add(name.upper())
    defaults = [p for p in found if p.default]
    if len(defaults) > 1:
        raise ValueError(f"only one default storage policy, not {[p.name for p in defaults]}")
    if defaults and defaults[0].deprecated:
        raise ValueError(f"the default storage policy {defaults[0].name!r} is deprecated")
    if not defaults:
        usable = [i for i, p in enumerate(found) if not p.deprecated]
        if not usable:
            raise ValueError("every storage policy is deprecated")
        first = found[usable[0]]
        found[usable[0]] = StoragePolicy(first.name, first.aliases, default=True)
    return tuple(found)


#: A stock Swift's one policy.
DEFAULT_POLICIES = (StoragePolicy(DEFAULT_POLICY, default=True),)


class PoliciesMixin(_ModelBase):
    """The policies of `ObjectStorageModel`: `policies` (assign names or `StoragePolicy`s),
    `default_policy`, `policy_named`, `choose_policy`."""

    _policies: tuple[StoragePolicy, ...]

    @property
    def policies(self) -> tuple[StoragePolicy, ...]:
        """The storage policies, in `/info` order; assign a sequence of names or
        `StoragePolicy`s to change them (see `storage_policies`)."""
        return self._policies

    @policies.setter
    def policies(self, value: Iterable[str | StoragePolicy]) -> None:
        self._policies = storage_policies(value)

    @property
    def default_policy(self) -> StoragePolicy:
        """The policy a container gets without `X-Storage-Policy`."""
        return next(p for p in self._policies if p.default)

    def policy_named(self, name: str) -> StoragePolicy | None:
        """The policy called `name` or aliased so, case-insensitively; None if none is."""
        wanted = name.upper()
        for policy in self._policies:
            if any(n.upper() == wanted for n in policy.names):
                return policy
        return None

    @locked
    def choose_policy(self, name: str | None) -> StoragePolicy:
        """The policy a new container asks for with `X-Storage-Policy: name` (None or
        empty: the default), as the proxy's `_convert_policy_to_index` checks it.

        Raises:
            SwiftError: 400 `Invalid X-Storage-Policy '<name>'` (text/plain) for an unknown
                name; 400 `Storage Policy '<name>' is deprecated` for a deprecated one.
        """
        if not name:
            return self.default_policy
        policy = self.policy_named(name)
        if policy is None:
            raise SwiftError(400, f"Invalid X-Storage-Policy '{name}'", content_type=TEXT)
        if policy.deprecated:
            raise SwiftError(400, f"Storage Policy {policy.name!r} is deprecated")
        return policy
