"""Keystone v3 domain configuration results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import ErrResult, Result

__all__ = [
    "CreateResult",
    "DeleteResult",
    "DomainConfig",
    "GetResult",
    "OptionResult",
    "UpdateResult",
]


@dataclass(slots=True, kw_only=True)
class DomainConfig:
    """A domain's configuration (or Keystone's defaults): options by group.

    Keystone never sends a sensitive option (`ldap.password`) back, so it is never here.

    Attributes:
        groups: `{"identity": {"driver": "ldap"}, "ldap": {"url": ...}}`, the groups the
            answer held.
    """

    groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> DomainConfig:
        """A DomainConfig from the `config` member of Keystone's answer."""
        return cls(groups={g: dict(opts) for g, opts in raw.items() if isinstance(opts, dict)})

    @property
    def identity(self) -> dict[str, Any]:
        """The `identity` group ({} when absent): `driver`, `list_limit`."""
        return self.groups.get("identity", {})

    @property
    def ldap(self) -> dict[str, Any]:
        """The `ldap` group ({} when absent)."""
        return self.groups.get("ldap", {})


class GetResult(Result):
    """The result of `domainconfig.get` (or `get_group`, `get_default`...); `extract()`
    gives the DomainConfig."""

    __slots__ = ()

    def extract(self) -> DomainConfig:
        """The DomainConfig, or raise the error the call ended with."""
        return self.extract_with(DomainConfig.from_json, key="config")


class CreateResult(GetResult):
    """The result of `domainconfig.create`; `extract()` gives what is stored now."""

    __slots__ = ()


class UpdateResult(GetResult):
    """The result of an update; `extract()` gives the domain's whole configuration."""

    __slots__ = ()


class OptionResult(Result):
    """The result of `get_option` or `get_default_option`; `extract()` gives its value."""

    __slots__ = ()

    def extract(self) -> Any:
        """The option's value (any JSON value), or raise the error the call ended with."""
        return self.extract_with(lambda raw: next(iter(raw.values()), None), key="config")


class DeleteResult(ErrResult):
    """The result of a delete; `extract_err()` raises on failure."""

    __slots__ = ()
