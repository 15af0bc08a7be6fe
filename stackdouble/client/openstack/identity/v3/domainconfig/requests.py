"""Keystone v3 domain configuration: a domain's identity driver options
(`/v3/domains/{domain_id}/config`), whole, by group or by option, and Keystone's defaults.

Only what Keystone lets a domain set is accepted (`identity.driver`,
`identity.list_limit`, the `ldap` driver's options and its `password`); anything else
surfaces as `Forbidden` ("Invalid domain specific configuration: ...").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.domainconfig import urls
from stackdouble.client.openstack.identity.v3.domainconfig.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    OptionResult,
    UpdateResult,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "delete_group",
    "delete_option",
    "get",
    "get_default",
    "get_default_group",
    "get_default_option",
    "get_group",
    "get_option",
    "update",
    "update_group",
    "update_option",
]

_OK_CREATE = (200, 201)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `domainconfig.create`."""

    def to_domain_config_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A whole configuration, replacing the domain's.

    Attributes:
        config: Options by group, `{"identity": {"driver": "ldap"}, "ldap": {...}}`. Left
            out of the repr: it may hold the LDAP password.
    """

    config: Mapping[str, Mapping[str, Any]] = field(repr=False)

    def to_domain_config_create_map(self) -> dict[str, Any]:
        """The request body: `{"config": {...}}`."""
        return {"config": {g: dict(opts) for g, opts in self.config.items()}}


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `domainconfig.update` or `update_group`."""

    def to_domain_config_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Options to merge into the domain's (others are kept).

    Attributes:
        config: Options by group; for `update_group`, that group only. Left out of the
            repr: it may hold the LDAP password.
    """

    config: Mapping[str, Mapping[str, Any]] = field(repr=False)

    def to_domain_config_update_map(self) -> dict[str, Any]:
        """The request body: `{"config": {...}}`."""
        return {"config": {g: dict(opts) for g, opts in self.config.items()}}


def create(client: ServiceClient, domain_id: str, opts: CreateOptsBuilder) -> CreateResult:
    """Replace a domain's configuration (`PUT /v3/domains/{id}/config`; admin).

    Returns:
        A CreateResult whose `extract()` gives what is stored, sensitive options left out
        (Keystone answers 201 the first time, 200 after). An unsupported group or option
        surfaces as `Forbidden`, a missing domain as `NotFound`.
    """
    try:
        body = opts.to_domain_config_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "PUT", urls.config_url(client, domain_id), json=body,
                                ok_codes=_OK_CREATE)


def get(client: ServiceClient, domain_id: str) -> GetResult:
    """A domain's configuration (admin or system reader); a domain with none (or with only
    sensitive options) surfaces as `NotFound`."""
    return GetResult.request(client, "GET", urls.config_url(client, domain_id))


def get_group(client: ServiceClient, domain_id: str, group: str) -> GetResult:
    """One group of a domain's configuration; `extract().groups` holds just that group.

    `security_compliance` of the Default domain may be read with any token.
    """
    return GetResult.request(client, "GET", urls.config_url(client, domain_id, group))


def get_option(client: ServiceClient, domain_id: str, group: str, option: str
               ) -> OptionResult:
    """One option's value; one never set (or sensitive) surfaces as `NotFound`."""
    return OptionResult.request(client, "GET", urls.config_url(client, domain_id, group,
                                                               option))


def update(client: ServiceClient, domain_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Merge options into a domain's configuration (`PATCH /v3/domains/{id}/config`);
    `extract()` gives the whole configuration."""
    try:
        body = opts.to_domain_config_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.config_url(client, domain_id),
                                json=body, ok_codes=(200,))


def update_group(client: ServiceClient, domain_id: str, group: str, opts: UpdateOptsBuilder
                 ) -> UpdateResult:
    """Merge options into one group, which must be set already (else `NotFound`); the
    body must name that group only (else `Forbidden`)."""
    try:
        body = opts.to_domain_config_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PATCH", urls.config_url(client, domain_id, group),
                                json=body, ok_codes=(200,))


def update_option(client: ServiceClient, domain_id: str, group: str, option: str,
                  value: Any) -> UpdateResult:
    """Change one option, which must be set already (else `NotFound`); `extract()` gives
    the whole configuration."""
    return UpdateResult.request(client, "PATCH",
                                urls.config_url(client, domain_id, group, option),
                                json={"config": {option: value}}, ok_codes=(200,))


def delete(client: ServiceClient, domain_id: str) -> DeleteResult:
    """Delete a domain's whole configuration (none to delete is not an error)."""
    return DeleteResult.request(client, "DELETE", urls.config_url(client, domain_id),
                                ok_codes=(204,))


def delete_group(client: ServiceClient, domain_id: str, group: str) -> DeleteResult:
    """Delete one group; one not set surfaces as `NotFound`."""
    return DeleteResult.request(client, "DELETE", urls.config_url(client, domain_id, group),
                                ok_codes=(204,))


def delete_option(client: ServiceClient, domain_id: str, group: str, option: str
                  ) -> DeleteResult:
    """Delete one option; one not set surfaces as `NotFound`."""
    return DeleteResult.request(client, "DELETE",
                                urls.config_url(client, domain_id, group, option),
                                ok_codes=(204,))


def get_default(client: ServiceClient) -> GetResult:
    """Keystone's defaults for every option a domain may set (its `keystone.conf`)."""
    return GetResult.request(client, "GET", urls.default_url(client))


def get_default_group(client: ServiceClient, group: str) -> GetResult:
    """Keystone's defaults for one group."""
    return GetResult.request(client, "GET", urls.default_url(client, group))


def get_default_option(client: ServiceClient, group: str, option: str) -> OptionResult:
    """Keystone's default for one option; a sensitive one surfaces as `Forbidden`."""
    return OptionResult.request(client, "GET", urls.default_url(client, group, option))
