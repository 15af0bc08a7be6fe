"""Cloud profiles: which identity a `FakeCloud` answers as, and the defaults that go with it.

`FakeCloud(profile=...)` picks one by name, as clouds.yaml's `profile:` names a vendor:

- `openstack` (the default): Keystone v3 and v2.0 in front of a DevStack-like catalog, in
  `RegionOne`, with hour-long tokens.
- `rackspace`: Rackspace Cloud Identity v2.0 (`identity.rackspace`): API-key logins scoped
  to the account's default tenant, Rackspace's catalog names, regions DFW, ORD and IAD,
  day-long tokens. The other services are the fake's own, behind Rackspace's names.

Example:
    >>> profile_named("rackspace").regions
    ('DFW', 'ORD', 'IAD')
    >>> profile_named("aws")
    Traceback (most recent call last):
    ...
    ValueError: unknown profile 'aws'; use one of: openstack, rackspace
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from stackdouble.fakes.identity import IdentityService
from stackdouble.fakes.identity.rackspace import RackspaceIdentityService

__all__ = ["OPENSTACK", "PROFILES", "RACKSPACE", "Profile", "profile_named"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """What a profile changes in a cloud.

    Attributes:
        name: As `FakeCloud(profile=...)` names it.
        identity_service: The `identity` service mounted in Keystone's place.
        identity_versions: The identity APIs the profile offers (and offers by default).
        regions: The default regions; the first is every seeded user's region.
        token_ttl: The default token lifetime, in seconds.
        api_key_logins: Whether `os_environ` and `clouds_yaml` log in with the user's API key
            and no project (the account's default tenant), as Rackspace's tools do, rather
            than with the password on a project.
    """

    name: str
    identity_service: type[IdentityService]
    identity_versions: tuple[str, ...]
    regions: tuple[str, ...]
    token_ttl: int
    api_key_logins: bool = False


#: Keystone and a DevStack-like catalog.
OPENSTACK = Profile(name="openstack", identity_service=IdentityService,
                    identity_versions=("v3", "v2.0"), regions=("RegionOne",), token_ttl=3600)

#: Rackspace Cloud Identity v2.0 (its tokens last 24 hours).
RACKSPACE = Profile(name="rackspace", identity_service=RackspaceIdentityService,
                    identity_versions=("v2.0",), regions=("DFW", "ORD", "IAD"),
                    token_ttl=86400, api_key_logins=True)

#: Every profile by name.
PROFILES: Mapping[str, Profile] = MappingProxyType({p.name: p for p in (OPENSTACK, RACKSPACE)})


def profile_named(name: str) -> Profile:
    """The profile called `name`.

    Raises:
        ValueError: No such profile; the message lists the known ones.
    """
    try:
        return PROFILES[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown profile {name!r}; use one of: {', '.join(PROFILES)}") from None
