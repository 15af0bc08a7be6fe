"""Options shared by every provider: how to authenticate and which endpoint to use."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

from stackdouble.client._errors import InvalidInput

__all__ = [
    "SECRET_FIELDS",
    "SERVICE_TYPE_ALIASES",
    "AuthOptions",
    "Availability",
    "EndpointOpts",
]


def _secret(auth_method: str) -> Any:
    """A secret field of `AuthOptions`: kept out of its repr, and sent by `auth_method`.

    This is the one declaration of which options are secret: `SECRET_FIELDS` is derived
    from it, and the cassettes (what a recording keeps, what replay fills in) read that.
    """
    return field(default=None, repr=False, metadata={"secret_of": auth_method})


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthOptions:
    """How to authenticate with a cloud's identity service.

    Which credentials are used is inferred from what is set, in this order: an application
    credential (`application_credential_id`, or `application_credential_name` with a user,
    plus `application_credential_secret`), a Rackspace API key (`api_key` with `username`),
    a password (`password` with `username` or `user_id`), then a bare `token_id`.

    The scope is a project when any project field is set (`project_*` or the older `tenant_*`
    spellings), a domain when `scope_domain_id` or `scope_domain_name` is set, a trust (an
    OS-TRUST trust-scoped token, gophercloud's `tokens.Scope.TrustID`) when `trust_id` is set,
    else the token is unscoped. A trust is a scope of its own: `trust_id` with a project,
    domain or system scope raises `InvalidInput`. `domain_id`/`domain_name` name the user's
    domain and, when the project's domain is not given, the project's too (as gophercloud
    reads them); `user_domain_*` and `project_domain_*` set each explicitly (as keystoneauth
    reads them).

    Secrets (`password`, `api_key`, `token_id`, `application_credential_secret`) are left out
    of the repr and of every log line and error.

    `identity_endpoint` is a str, the other fields a str or None, `allow_reauth` a bool:
    another type is a wrong call and raises `TypeError` naming the field and the type given
    (never the value, which may be a secret). Contradictory values raise `InvalidInput`.

    Attributes:
        identity_endpoint: The identity service URL, e.g. `https://keystone.example:5000/`.
            With no version in the path, the client discovers one (v3 preferred, then v2.0).
        allow_reauth: Get a new token once when a request answers 401, if the credentials can
            mint one (not for a bare `token_id`).

    Example:
        >>> opts = AuthOptions(identity_endpoint="https://keystone.example:5000/",
        ...                    username="demo", password="s3cret", project_name="demo",
        ...                    domain_name="Default")
        >>> "s3cret" in repr(opts)
        False
        >>> opts.auth_method, opts.scope
        ('password', 'project')
    """

    identity_endpoint: str = ""
    username: str | None = None
    user_id: str | None = None
    password: str | None = _secret("password")
    api_key: str | None = _secret("api_key")
    domain_id: str | None = None
    domain_name: str | None = None
    user_domain_id: str | None = None
    user_domain_name: str | None = None
    project_id: str | None = None
    project_name: str | None = None
    project_domain_id: str | None = None
    project_domain_name: str | None = None
    tenant_id: str | None = None
    tenant_name: str | None = None
    scope_domain_id: str | None = None
    scope_domain_name: str | None = None
    system_scope: str | None = None
    trust_id: str | None = None
    token_id: str | None = _secret("token")
    application_credential_id: str | None = None
    application_credential_name: str | None = None
    application_credential_secret: str | None = _secret("application_credential")
    allow_reauth: bool = True

    def __post_init__(self) -> None:
        _check_types(self, bools=("allow_reauth",), strs=("identity_endpoint",))
        if self.project_id and self.tenant_id and self.project_id != self.tenant_id:
            raise InvalidInput("project_id and tenant_id disagree; set one", "tenant_id")
        if self.project_name and self.tenant_name and self.project_name != self.tenant_name:
            raise InvalidInput("project_name and tenant_name disagree; set one", "tenant_name")
        if self.trust_id and self._scopes_besides_trust():
            raise InvalidInput(
                "trust_id is a scope of its own (the trust's project); do not also set "
                f"{', '.join(self._scopes_besides_trust())}", "trust_id")

    def _scopes_besides_trust(self) -> list[str]:
        return [name for name in ("project_id", "project_name", "tenant_id", "tenant_name",
                                  "scope_domain_id", "scope_domain_name", "system_scope")
                if getattr(self, name)]

    @property
    def scope_project_id(self) -> str | None:
        """The project (tenant) id to scope to, from either spelling."""
        return self.project_id or self.tenant_id

    @property
    def scope_project_name(self) -> str | None:
        """The project (tenant) name to scope to, from either spelling."""
        return self.project_name or self.tenant_name

    @property
    def effective_user_domain_id(self) -> str | None:
        """The user's domain id: `user_domain_id`, else `domain_id`."""
        return self.user_domain_id or self.domain_id

    @property
    def effective_user_domain_name(self) -> str | None:
        """The user's domain name: `user_domain_name`, else `domain_name`."""
        return self.user_domain_name or self.domain_name

    @property
    def effective_project_domain_id(self) -> str | None:
        """The project's domain id: `project_domain_id`, else `domain_id`."""
        return self.project_domain_id or self.domain_id

    @property
    def effective_project_domain_name(self) -> str | None:
        """The project's domain name: `project_domain_name`, else `domain_name`."""
        return self.project_domain_name or self.domain_name

    @property
    def auth_method(self) -> str:
        """The credentials that will be used: `application_credential`, `api_key`,
        `password`, `token`, or `none` when nothing usable is set."""
        if self.application_credential_secret and (
            self.application_credential_id or self.application_credential_name
        ):
            return "application_credential"
        if self.api_key and (self.username or self.user_id):
            return "api_key"
        if self.password is not None and (self.username or self.user_id):
            return "password"
        if self.token_id:
            return "token"
        return "none"

    @property
    def scope(self) -> str:
        """`project`, `domain`, `system`, `trust` or `unscoped`."""
        if self.trust_id:
            return "trust"
        if self.scope_project_id or self.scope_project_name:
            return "project"
        if self.scope_domain_id or self.scope_domain_name:
            return "domain"
        if self.system_scope:
            return "system"
        return "unscoped"

    @property
    def can_reauthenticate(self) -> bool:
        """Whether a new token can be had from these options alone."""
        return self.allow_reauth and self.auth_method in (
            "password",
            "api_key",
            "application_credential",
        )

    def with_token(self, token_id: str) -> AuthOptions:
        """A copy that authenticates with a token instead of other credentials."""
        return replace(
            self,
            token_id=token_id,
            password=None,
            api_key=None,
            application_credential_id=None,
            application_credential_name=None,
            application_credential_secret=None,
        )


def _check_types(
    opts: Any,
    *,
    bools: tuple[str, ...] = (),
    strs: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
) -> None:
    """Raise TypeError when a field is not a str or None (a bool for `bools`, a str for
    `strs`), naming the field and the type given, never the value."""
    for spec in fields(opts):
        name = spec.name
        if name in skip:
            continue
        value = getattr(opts, name)
        if name in strs:
            if not isinstance(value, str):
                raise TypeError(
                    f"{type(opts).__name__}.{name} must be a str, not {type(value).__name__}"
                )
        elif name in bools:
            if not isinstance(value, bool):
                raise TypeError(
                    f"{type(opts).__name__}.{name} must be a bool, not {type(value).__name__}"
                )
        elif value is not None and not isinstance(value, str):
            raise TypeError(
                f"{type(opts).__name__}.{name} must be a str or None, not {type(value).__name__}"
            )


#: The secret fields of `AuthOptions` by the auth method that sends each (`password`,
#: `api_key`, `token`, `application_credential`), derived from the fields' declarations.
SECRET_FIELDS: Mapping[str, str] = MappingProxyType(
    {f.metadata["secret_of"]: f.name for f in fields(AuthOptions) if "secret_of" in f.metadata}
)


class Availability(str, enum.Enum):
    """Which of a service's endpoints to use: Keystone's `interface`."""

    PUBLIC = "public"
    INTERNAL = "internal"
    ADMIN = "admin"

    def __str__(self) -> str:
        return self.value


#: Official service types and the older names a catalog may use for them, in order of
#: preference (from the OpenStack service-types authority, as gophercloud v2 and keystoneauth).
SERVICE_TYPE_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "block-storage": ("volumev3", "volumev2", "volume", "block-store"),
        "compute": (),
        "identity": (),
        "image": (),
        "network": (),
        "object-store": (),
        "load-balancer": (),
        "orchestration": (),
        "dns": (),
        "placement": (),
        "key-manager": (),
        "shared-file-system": ("sharev2", "share"),
        "baremetal": (),
        "container-infrastructure-management": ("container-infra",),
    }
)

_ALIAS_TO_OFFICIAL: Mapping[str, str] = MappingProxyType(
    {alias: official for official, aliases in SERVICE_TYPE_ALIASES.items() for alias in aliases}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class EndpointOpts:
    """Which endpoint of the catalog a service client should use.

    Attributes:
        type: The service type (`compute`, `object-store`, `block-storage`); an alias such as
            `volumev3` is accepted and searched with the official type's other names. Filled in
            by the `new_*` constructors.
        name: The service's name in the catalog (`nova`, `cloudServersOpenStack`), needed when
            a catalog lists two services of one type.
        region: The region, matched against an endpoint's `region` or `region_id`.
        availability: The interface: public (default), internal or admin.

    Example:
        >>> EndpointOpts(region="RegionOne").apply_defaults("compute").types()
        ('compute',)
        >>> EndpointOpts(type="volumev3").apply_defaults("block-storage").types()
        ('block-storage', 'volumev3', 'volumev2', 'volume', 'block-store')
    """

    type: str | None = None
    name: str | None = None
    region: str | None = None
    availability: Availability | str = Availability.PUBLIC

    def __post_init__(self) -> None:
        _check_types(self, skip=("availability",))
        try:
            object.__setattr__(self, "availability", Availability(str(self.availability)))
        except ValueError:
            raise InvalidInput(
                f"availability must be public, internal or admin, not {self.availability!r}",
                "availability",
            ) from None

    def apply_defaults(self, service_type: str) -> EndpointOpts:
        """A copy with `type` filled in when unset, and an alias rewritten to its official type."""
        wanted = self.type or service_type
        return replace(self, type=_ALIAS_TO_OFFICIAL.get(wanted, wanted))

    def types(self) -> tuple[str, ...]:
        """The service types to search, the official one first, then its aliases."""
        wanted = self.type or ""
        official = _ALIAS_TO_OFFICIAL.get(wanted, wanted)
        return (official, *SERVICE_TYPE_ALIASES.get(official, ()))

    @property
    def interface(self) -> str:
        """The availability as Keystone spells it (`public`, `internal`, `admin`)."""
        return Availability(self.availability).value
