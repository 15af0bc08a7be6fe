"""Hypothesis strategies for valid OpenStack inputs, for property tests against the fakes.

Every strategy generates values a real service accepts (the limits are Nova's, Swift's and
Cinder's own), shrinks towards the simplest such value, and takes its bounds as keyword-only
arguments, checked when the strategy is first drawn from (`InvalidArgument`, as hypothesis's
own strategies do).

    >>> from hypothesis import given
    >>> @given(name=object_names(max_size=64))
    ... def test_names_round_trip(name):
    ...     assert 1 <= len(name.encode("utf-8")) <= 64
    >>> test_names_round_trip()
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

if TYPE_CHECKING:
    from stackdouble.fakes import FakeCloud

__all__ = [
    "CloudState",
    "ContainerState",
    "ServerState",
    "UserState",
    "cloud_states",
    "container_names",
    "flavors",
    "metadata",
    "object_names",
    "server_names",
    "volume_sizes",
]

#: Nova: names and metadata keys and values are at most 255 characters.
NOVA_MAX_NAME = 255
#: Nova's metadata keys: `^[a-zA-Z0-9-_:. ]{1,255}$`.
METADATA_KEY_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:. "
)
#: Nova's default `metadata_items` quota.
NOVA_MAX_METADATA_ITEMS = 128
#: Swift's `MAX_CONTAINER_NAME_LENGTH` and `MAX_OBJECT_NAME_LENGTH`, in UTF-8 bytes.
SWIFT_MAX_CONTAINER_NAME = 256
SWIFT_MAX_OBJECT_NAME = 1024
#: Keystone's limit on project names (users may have 255).
KEYSTONE_MAX_PROJECT_NAME = 64


def _check_int(name: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an int")
    if value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")


def _check_sizes(min_size: Any, max_size: Any, *, floor: int, ceiling: int,
                 what: str) -> None:
    _check_int("min_size", min_size, floor)
    _check_int("max_size", max_size, floor)
    if min_size > max_size:
        raise InvalidArgument(f"min_size={min_size} is greater than max_size={max_size}")
    if max_size > ceiling:
        raise InvalidArgument(f"max_size={max_size} is more than {what} allows ({ceiling})")


# Nova's `_is_printable`: no control, format, private or unassigned characters (C*), and of
# the separators only spaces (Zs).
_NOVA_CHARS = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"),
                            max_codepoint=0xFFFF)


@st.composite
def _trimmed(draw: Any, chars: Any, min_size: int, max_size: int) -> str:
    """Text with no leading or trailing whitespace (Nova's `name` format)."""
    text: str = draw(st.text(chars, min_size=min_size, max_size=max_size)
                     .filter(lambda s: s == s.strip()))
    return text


def server_names(*, min_size: int = 1, max_size: int = NOVA_MAX_NAME) -> st.SearchStrategy[str]:
    """Names Nova accepts for a server (and a flavor or key pair): 1 to 255 printable
    characters (any script, spaces inside), with no whitespace at either end.

    Shrinks towards shorter names of lower code points, ending at `"0"`.

    Args:
        min_size: Fewest characters (at least 1).
        max_size: Most characters (at most 255).

    Raises:
        InvalidArgument: On draw, for sizes out of range or min_size > max_size.
    """

    def build() -> st.SearchStrategy[str]:
        _check_sizes(min_size, max_size, floor=1, ceiling=NOVA_MAX_NAME, what="Nova")
        return _trimmed(_NOVA_CHARS, min_size, max_size)

    return st.deferred(build)


def metadata(*, min_size: int = 0, max_size: int = 16,
             max_key_size: int = NOVA_MAX_NAME, max_value_size: int = NOVA_MAX_NAME
             ) -> st.SearchStrategy[dict[str, str]]:
    """Metadata Nova accepts on a server (and Cinder on a volume): keys of 1 to 255
    characters from `a-z A-Z 0-9 - _ : .` and space, values of up to 255 characters of any
    script (the Basic Multilingual Plane, as Nova's database stores it).

    Shrinks towards fewer items, shorter keys and values: `{}` when allowed, then `{"0": ""}`.

    Args:
        min_size: Fewest items.
        max_size: Most items (at most 128, Nova's default quota).
        max_key_size: Longest key (1 to 255).
        max_value_size: Longest value (0 to 255).

    Raises:
        InvalidArgument: On draw, for bounds out of range.
    """

    def build() -> st.SearchStrategy[dict[str, str]]:
        _check_sizes(min_size, max_size, floor=0, ceiling=NOVA_MAX_METADATA_ITEMS,
                     what="Nova's metadata quota")
        _check_sizes(1, max_key_size, floor=1, ceiling=NOVA_MAX_NAME, what="Nova")
        _check_int("max_value_size", max_value_size, 0)
        if max_value_size > NOVA_MAX_NAME:
            raise InvalidArgument(f"max_value_size={max_value_size} is more than Nova allows "
                                  f"({NOVA_MAX_NAME})")
        keys = st.text(METADATA_KEY_ALPHABET, min_size=1, max_size=max_key_size)
        values = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn"),
                                       max_codepoint=0xFFFF), max_size=max_value_size)
        return st.dictionaries(keys, values, min_size=min_size, max_size=max_size)

    return st.deferred(build)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def container_names(*, min_size: int = 1, max_size: int = SWIFT_MAX_CONTAINER_NAME
                    ) -> st.SearchStrategy[str]:
    """Swift container names: printable text of any script (no `/`, no NUL), 1 to 256 bytes
    of UTF-8, and never `.` or `..` (a URL would lose them).

    Sizes are in UTF-8 bytes, as Swift counts. Shrinks towards `"0"`.

    Raises:
        InvalidArgument: On draw, for sizes out of range.
    """

    def build() -> st.SearchStrategy[str]:
        _check_sizes(min_size, max_size, floor=1, ceiling=SWIFT_MAX_CONTAINER_NAME,
                     what="Swift")
        chars = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn"),
                              exclude_characters="/\x00")
        return st.text(chars, min_size=1, max_size=max_size).filter(
            lambda s: min_size <= _utf8_len(s) <= max_size and s not in (".", ".."))

    return st.deferred(build)


@st.composite
def _object_name(draw: Any, min_size: int, max_size: int) -> str:
    segment = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn"),
                                    exclude_characters="/\x00"), min_size=1,
                      max_size=min(24, max_size)).filter(lambda s: s not in (".", ".."))
    parts = draw(st.lists(segment, min_size=1, max_size=max(1, min(8, max_size // 2))))
    name = "/".join(parts)
    if draw(st.booleans()) and _utf8_len(name) < max_size:
        name += "/"  # a pseudo-directory marker
    return name


def object_names(*, min_size: int = 1, max_size: int = SWIFT_MAX_OBJECT_NAME
                 ) -> st.SearchStrategy[str]:
    """Swift object names: printable text of any script with `/`-separated parts (`a/b/c`,
    optionally ending in `/` like a pseudo-directory), 1 to 1024 bytes of UTF-8, no NUL, no
    empty, `.` or `..` parts (HTTP clients would normalise those away).

    Sizes are in UTF-8 bytes. Shrinks towards a single short part: `"0"`.

    Raises:
        InvalidArgument: On draw, for sizes out of range.
    """

    def build() -> st.SearchStrategy[str]:
        _check_sizes(min_size, max_size, floor=1, ceiling=SWIFT_MAX_OBJECT_NAME, what="Swift")
        return _object_name(min_size, max_size).filter(
            lambda s: min_size <= _utf8_len(s) <= max_size)

    return st.deferred(build)


def flavors(*, max_vcpus: int = 64, max_ram: int = 262_144, max_disk: int = 2_000
            ) -> st.SearchStrategy[dict[str, Any]]:
    """Flavors as Nova's `POST /flavors` body takes them (the `flavor` object): `name`
    (a server name), `vcpus` (1..max_vcpus), `ram` in MiB (1..max_ram), `disk` in GiB
    (0..max_disk), `OS-FLV-EXT-DATA:ephemeral` (GiB), `swap` (MiB), `rxtx_factor` (> 0) and
    `os-flavor-access:is_public`.

    Shrinks towards the smallest public flavor: 1 vCPU, 1 MiB, no disk, no swap.

    Raises:
        InvalidArgument: On draw, when a maximum is not a positive int (max_disk may be 0).
    """

    def build() -> st.SearchStrategy[dict[str, Any]]:
        _check_int("max_vcpus", max_vcpus, 1)
        _check_int("max_ram", max_ram, 1)
        _check_int("max_disk", max_disk, 0)
        return st.fixed_dictionaries({
            "name": server_names(max_size=64),
            "vcpus": st.integers(1, max_vcpus),
            "ram": st.integers(1, max_ram),
            "disk": st.integers(0, max_disk),
            "OS-FLV-EXT-DATA:ephemeral": st.integers(0, max_disk),
            "swap": st.integers(0, max_ram),
            "rxtx_factor": st.sampled_from([1.0, 0.5, 2.0]),
            "os-flavor-access:is_public": st.booleans().map(lambda b: not b),
        })

    return st.deferred(build)


def volume_sizes(*, min_value: int = 1, max_value: int = 1_000) -> st.SearchStrategy[int]:
    """Volume sizes in GiB, as Cinder takes them: whole numbers from 1.

    Shrinks towards `min_value`.

    Raises:
        InvalidArgument: On draw, when min_value < 1 or min_value > max_value.
    """

    def build() -> st.SearchStrategy[int]:
        _check_int("min_value", min_value, 1)
        _check_int("max_value", max_value, 1)
        if min_value > max_value:
            raise InvalidArgument(f"min_value={min_value} is greater than "
                                  f"max_value={max_value}")
        return st.integers(min_value, max_value)

    return st.deferred(build)


# -- whole clouds ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UserState:
    """A user of one project with `roles` there (always `member`, so it may create
    resources), logging in with `password`."""

    name: str
    password: str = field(repr=False)
    project: str
    roles: tuple[str, ...] = ("member",)


@dataclass(frozen=True, slots=True)
class ContainerState:
    """A Swift container of `owner`'s project, with objects (name → bytes)."""

    name: str
    owner: str
    objects: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True, slots=True)
class ServerState:
    """A Nova server booted by `owner` from the fake's smallest image, on the smallest
    flavor that fits it."""

    name: str
    owner: str
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CloudState:
    """The state of a fake cloud beyond its defaults, as `cloud_states()` generates it.

    Attributes:
        seed: The `FakeCloud` seed.
        projects: Extra project names (Default domain).
        users: Extra users, each a member of one of `projects`.
        containers: Swift containers with objects.
        servers: Nova servers (in BUILD until the cloud's build time passes).
    """

    seed: int
    projects: tuple[str, ...] = ()
    users: tuple[UserState, ...] = ()
    containers: tuple[ContainerState, ...] = ()
    servers: tuple[ServerState, ...] = ()

    def build(self, **cloud_options: Any) -> FakeCloud:
        """A new `FakeCloud(seed=self.seed, **cloud_options)` holding this state."""
        from stackdouble.fakes import FakeCloud

        cloud = FakeCloud(seed=self.seed, **cloud_options)
        self.apply(cloud)
        return cloud

    def apply(self, cloud: FakeCloud) -> None:
        """Add this state to a cloud: identity through its Python API, containers, objects
        and servers through the client, as their owners (in-process).

        Raises:
            stackdouble.client.HTTPError: A service refused a resource.
        """
        identity = cloud.identity
        for name in self.projects:
            identity.create_project(name)
        for user in self.users:
            identity.create_user(user.name, password=user.password,
                                 default_project_id=user.project)
            for role in user.roles:
                identity.grant_role(role, user.name, project=user.project)
        if not self.containers and not self.servers:
            return
        with cloud:
            self._apply_resources(cloud)

    def _apply_resources(self, cloud: FakeCloud) -> None:
        from stackdouble.client.openstack import (
    auth_options_from_env,
            authenticated_client,
            new_compute_v2,
            new_object_storage_v1,
        )
        from stackdouble.client.openstack.objectstorage.v1 import containers, objects

        providers: dict[str, Any] = {}

        def provider(user: str) -> Any:
            if user not in providers:
                opts = auth_options_from_env(cloud.os_environ(user))
                providers[user] = authenticated_client(opts)
            return providers[user]

        for container in self.containers:
            storage = new_object_storage_v1(provider(container.owner))
            containers.create(storage, container.name).extract()
            for name, data in container.objects:
                objects.create(storage, container.name, name, data).extract()
        if self.servers:
            from stackdouble.client.openstack.compute.v2 import flavors, images, servers

            for server in self.servers:
                compute = new_compute_v2(provider(server.owner))
                image = min(images.extract_images(images.list(compute).all_pages()),
                            key=lambda i: (i.min_ram, i.min_disk, i.size or 0))
                min_disk = max(image.min_disk, -(-(image.size or 0) // 2**30))
                flavor = min((f for f in flavors.extract_flavors(flavors.list(compute).all_pages())
                              if f.ram >= image.min_ram and f.disk >= min_disk),
                             key=lambda f: (f.ram, f.disk, f.vcpus))
                servers.create(compute, servers.CreateOpts(
                    name=server.name, flavor_ref=flavor.id, image_ref=image.id,
                    metadata=dict(server.metadata) or None)).extract()


_RESERVED_NAMES = frozenset({"admin", "demo", "service"})
_KEYSTONE_NAME = st.text(
    st.characters(categories=("L", "N"), max_codepoint=0x2FFF) | st.sampled_from("-_."),
    min_size=1, max_size=32,
).filter(lambda s: s not in _RESERVED_NAMES and s == s.strip())
_PASSWORDS = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1,
                     max_size=40)


@st.composite
def _cloud_state(draw: Any, max_projects: int, max_users: int, max_containers: int,
                 max_objects: int, max_servers: int) -> CloudState:
    seed = draw(st.integers(0, 2**31 - 1))
    projects = draw(st.lists(_KEYSTONE_NAME, min_size=1, max_size=max(1, max_projects),
                             unique=True))
    user_names = draw(st.lists(_KEYSTONE_NAME, min_size=1 if (max_containers or max_servers)
                               else 0, max_size=max_users, unique=True))
    users = tuple(
        UserState(name=name, password=draw(_PASSWORDS), project=draw(st.sampled_from(projects)),
                  roles=draw(st.sampled_from([("member",), ("member", "reader")])))
        for name in user_names
    )
    containers: list[ContainerState] = []
    servers: list[ServerState] = []
    if users:
        owners = st.sampled_from([u.name for u in users])
        for name in draw(st.lists(container_names(max_size=64), max_size=max_containers,
                                  unique=True)):
            stored = draw(st.dictionaries(object_names(max_size=128), st.binary(max_size=64),
                                          max_size=max_objects))
            containers.append(ContainerState(name=name, owner=draw(owners),
                                             objects=tuple(sorted(stored.items()))))
        for name in draw(st.lists(server_names(max_size=64), max_size=max_servers)):
            servers.append(ServerState(name=name, owner=draw(owners),
                                       metadata=draw(metadata(max_size=3, max_key_size=32,
                                                              max_value_size=32))))
    return CloudState(seed=seed, projects=tuple(projects), users=users,
                      containers=tuple(containers), servers=tuple(servers))


def cloud_states(*, max_projects: int = 3, max_users: int = 3, max_containers: int = 2,
                 max_objects: int = 3, max_servers: int = 2
                 ) -> st.SearchStrategy[CloudState]:
    """Whole fake-cloud states: a seed, extra projects and users (members of them), Swift
    containers holding objects, and Nova servers, owned by those users. Call
    `state.build()` for a `FakeCloud`, or `state.apply(cloud)` to add it to one.

    Containers, objects and servers are created through the client, as their owners (every
    generated user is a `member` of its project); pass `max_containers=0` or
    `max_servers=0` to leave a service empty and build faster.

    Shrinks towards one project, no users and no resources, with seed 0.

    Raises:
        InvalidArgument: On draw, for a negative maximum (or max_projects < 1).
    """

    def build() -> st.SearchStrategy[CloudState]:
        _check_int("max_projects", max_projects, 1)
        for name, value in (("max_users", max_users), ("max_containers", max_containers),
                            ("max_objects", max_objects), ("max_servers", max_servers)):
            _check_int(name, value, 0)
        return _cloud_state(max_projects, max_users, max_containers, max_objects, max_servers)

    return st.deferred(build)
