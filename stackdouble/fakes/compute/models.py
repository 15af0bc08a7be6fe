"""The fake Nova's state and rules: servers, flavors, images, keypairs, quotas.

`ComputeModel` (`cloud.compute`) holds everything and enforces Nova's rules; it raises
`NovaError`s with Nova's messages and never builds JSON (that is `views`). Every public
method is also the Python control API a test uses:

    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=3)
    >>> demo = cloud.project_id("demo")
    >>> server = cloud.compute.create_server(demo, name="web")
    >>> cloud.compute.server_status(server.uuid)
    'ACTIVE'
    >>> cloud.compute.set_build_time(30)
    >>> slow = cloud.compute.create_server(demo, name="slow")
    >>> cloud.compute.server_status(slow.uuid)
    'BUILD'
    >>> cloud.clock.advance(30)
    >>> cloud.compute.server_status(slow.uuid)
    'ACTIVE'
    >>> cloud.compute.force_error(server.uuid, "Disk full")
    >>> cloud.compute.server_status(server.uuid)
    'ERROR'

Time is the cloud's clock. A server's build, and every action that Nova runs in the
background (reboot, resize, stop...), completes once `build_time` / `action_time` seconds
of fake time have passed; the change shows on the next read, as it would when polling a
real Nova. Both default to 0, so a change shows on the very next read.

Listings are kept sorted by `(created_at, id)` (Nova's default order, `id` being the row
number) in `sortedcontainers.SortedList`s, per project and overall, so a marker is found in
O(log n) and a page costs O(page) however many servers exist.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.clock import checked_seconds
from stackdouble.fakes.compute import states as st
from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    OverLimit,
    instance_locked,
    instance_not_found,
    invalid_state,
    policy_forbidden,
)
from stackdouble.fakes.data import load_json

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_QUOTAS",
    "AttachedVolume",
    "Caller",
    "ComputeModel",
    "CreateBehavior",
    "Flavor",
    "Image",
    "KeyPair",
    "Server",
    "ServerFault",
    "ServerFilters",
]

#: Nova's default `[quota]` limits; -1 means unlimited.
DEFAULT_QUOTAS: Mapping[str, int] = {
    "instances": 10, "cores": 20, "ram": 51200, "metadata_items": 128, "key_pairs": 100,
}
#: The host every server lands on (DevStack names it after the machine).
HOST = "stackdouble-compute"
#: The availability zone of every server (`[DEFAULT] default_availability_zone`).
DEFAULT_AZ = "nova"
#: The fault a failed build gets by default (`NoValidHost` through the conductor).
NO_VALID_HOST = "No valid host was found. There are not enough hosts available."
_GiB = 1024**3
_TRUE = frozenset({"1", "t", "true", "on", "y", "yes"})
_FALSE = frozenset({"0", "f", "false", "off", "n", "no"})


def bool_from_string(value: Any, *, strict: bool = True, default: bool = False) -> bool:
    """oslo's `strutils.bool_from_string`.

    Raises:
        BadRequest: With `strict`, a value that is not a boolean word, worded as Nova's
            `InvalidInput` ("Invalid input received: Unrecognized value ...").
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if strict:
        acceptable = ", ".join(f"'{s}'" for s in sorted(_TRUE | _FALSE))
        raise BadRequest(f"Invalid input received: Unrecognized value '{value}', "
                         f"acceptable values are: {acceptable}")
    return default


# -- records ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Flavor:
    """A flavor (Nova's `Flavor` object; `id` is the API's `flavorid`)."""

    id: str
    name: str
    ram: int
    vcpus: int
    disk: int
    ephemeral: int = 0
    swap: int = 0
    rxtx_factor: float = 1.0
    is_public: bool = True
    disabled: bool = False
    description: str | None = None
    extra_specs: dict[str, str] = field(default_factory=dict)
    row: int = 0


@dataclass(slots=True)
class Image:
    """An image as Glance holds it (Nova's image proxy renders it)."""

    id: str
    name: str
    status: str  # Glance's: active, queued, saving, deleted
    size: int | None
    min_disk: int
    min_ram: int
    created_at: datetime
    updated_at: datetime
    properties: dict[str, Any] = field(default_factory=dict)
    owner: str | None = None  # None: public
    ready_at: float | None = None  # a snapshot becomes active then


@dataclass(slots=True)
class KeyPair:
    """A keypair of one user."""

    name: str
    user_id: str
    public_key: str
    fingerprint: str
    type: str
    created_at: datetime
    row: int


@dataclass(slots=True)
class ServerFault:
    """Why a server is in ERROR (`instance_faults`)."""

    code: int
    message: str
    created_at: datetime
    details: str | None = None


@dataclass(slots=True)
class AttachedVolume:
    """A volume attached to a server, as `os-extended-volumes:volumes_attached` shows it."""

    id: str
    delete_on_termination: bool = False


@dataclass(slots=True)
class Server:
    """One instance. `row` is Nova's integer `id`: it breaks ties in the default order."""

    uuid: str
    row: int
    project_id: str
    user_id: str
    name: str
    flavor: Flavor
    image_ref: str
    created_at: datetime
    updated_at: datetime
    created_s: int
    vm_state: str = st.BUILDING
    task_state: str | None = "scheduling"
    power_state: int = st.POWER_NOSTATE
    description: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    key_name: str | None = None
    access_ipv4: str = ""
    access_ipv6: str = ""
    auto_disk_config: bool = False
    config_drive: str = ""
    availability_zone: str | None = None
    host: str | None = None
    launched_at: datetime | None = None
    terminated_at: datetime | None = None
    deleted: bool = False
    reservation_id: str = ""
    launch_index: int = 0
    user_data: str | None = None
    hostname: str = ""
    locked_by: str | None = None
    locked_reason: str | None = None
    tags: list[str] = field(default_factory=list)
    security_groups: list[str] = field(default_factory=list)
    networks: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    fault: ServerFault | None = None
    progress: int = 0
    old_flavor: Flavor | None = None
    old_vm_state: str | None = None
    pinned_az: str | None = None  # the AZ asked for (the RequestSpec's), shown from 2.96
    shelved_image_id: str | None = None  # the snapshot `shelve` took of an image-backed server
    pending: str | None = None  # what completes at `due`
    due: float = 0.0
    pending_args: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int]:
        """The sort key of Nova's default order: `(created_at, id)`."""
        return (self.created_s, self.row)

    @property
    def status(self) -> str:
        """The API status (`ACTIVE`, `BUILD`, `VERIFY_RESIZE`...)."""
        return st.status_of(self.vm_state, self.task_state, self.deleted)


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking: the token's project, user and admin bit (`RequestContext`)."""

    project_id: str
    user_id: str
    is_admin: bool = False


@dataclass(slots=True)
class CreateBehavior:
    """A create-time behaviour (Mimic's): `fail` answers the create with an error and makes
    nothing; `error` lets the server build and then puts it in ERROR with a fault; `build`
    gives matching servers their own build time.

    Attributes:
        kind: `fail`, `error` or `build`.
        name: A regex searched in the new server's name; None matches any.
        metadata: Items the new server's metadata must contain; None matches any.
        times: How many creates it applies to; None for ever.
        status: `fail`: the HTTP status; `error`: the fault code.
        message: The error or fault message.
        seconds: `build`: the build time.
    """

    kind: str
    name: re.Pattern[str] | None = None
    metadata: Mapping[str, str] | None = None
    times: int | None = None
    status: int = 500
    message: str = NO_VALID_HOST
    seconds: float = 0.0
    hits: int = 0

    def matches(self, name: str, metadata: Mapping[str, str]) -> bool:
        """Whether this behaviour applies to a new server."""
        if self.name is not None and not self.name.search(name):
            return False
        wanted = self.metadata or {}
        return all(metadata.get(k) == v for k, v in wanted.items())


@dataclass(slots=True)
class RateLimit:
    """A legacy Nova rate limit: `value` requests of `verb` to paths matching `regex` per
    `unit` seconds; beyond it, `overLimit` with `Retry-After`."""

    verb: str
    uri: str
    regex: re.Pattern[str]
    value: int
    unit: str
    seconds: int
    status: int = 413
    hits: list[float] = field(default_factory=list)


@dataclass(slots=True)
class ServerFilters:
    """The search options of a server listing, already validated and normalised."""

    name: re.Pattern[str] | None = None
    vm_states: frozenset[str] | None = None
    task_states: frozenset[str | None] | None = None
    image: str | None = None
    flavor_id: str | None = None
    changes_since: datetime | None = None
    changes_before: datetime | None = None
    ip: re.Pattern[str] | None = None
    ip6: re.Pattern[str] | None = None
    tags: tuple[str, ...] = ()
    tags_any: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    not_tags_any: tuple[str, ...] = ()
    locked: bool | None = None
    project_id: str | None = None
    user_id: str | None = None
    reservation_id: str | None = None
    key_name: re.Pattern[str] | None = None
    availability_zone: re.Pattern[str] | None = None
    host: str | None = None
    uuid: str | None = None
    power_state: int | None = None
    deleted: bool | None = False

    def matches(self, s: Server) -> bool:
        """Whether a (settled) server passes every filter."""
        if self.deleted is not None and s.deleted != self.deleted:
            return False
        if self.vm_states is not None and s.vm_state not in self.vm_states:
            return False
        if self.task_states is not None and s.task_state not in self.task_states:
            return False
        if self.name is not None and not self.name.search(s.name):
            return False
        if self.image is not None and s.image_ref != self.image:
            return False
        if self.flavor_id is not None and s.flavor.id != self.flavor_id:
            return False
        if self.changes_since is not None and s.updated_at < self.changes_since:
            return False
        if self.changes_before is not None and s.updated_at > self.changes_before:
            return False
        if self.project_id is not None and s.project_id != self.project_id:
            return False
        if self.user_id is not None and s.user_id != self.user_id:
            return False
        if self.locked is not None and (s.locked_by is not None) != self.locked:
            return False
        if self.reservation_id is not None and s.reservation_id != self.reservation_id:
            return False
        if self.key_name is not None and not self.key_name.search(s.key_name or ""):
            return False
        if self.availability_zone is not None and not self.availability_zone.search(
                s.availability_zone or ""):
            return False
        if self.host is not None and s.host != self.host:
            return False
        if self.uuid is not None and s.uuid != self.uuid:
            return False
        if self.power_state is not None and s.power_state != self.power_state:
            return False
        if self.tags or self.tags_any or self.not_tags or self.not_tags_any:
            have = set(s.tags)
            if self.tags and not have.issuperset(self.tags):
                return False
            if self.tags_any and not have.intersection(self.tags_any):
                return False
            if self.not_tags and have.issuperset(self.not_tags):
                return False
            if self.not_tags_any and have.intersection(self.not_tags_any):
                return False
        if self.ip is not None or self.ip6 is not None:
            return self._ip_matches(s)
        return True

    def _ip_matches(self, s: Server) -> bool:
        for _label, ips in s.networks:
            for ip in ips:
                pattern = self.ip if ip["version"] == 4 else self.ip6
                if pattern is not None and pattern.search(ip["address"]):
                    return True
        return False


#: Attribute getters for the sort keys the fake sorts by (the slow path).
SORT_GETTERS: Mapping[str, Callable[[Server], Any]] = {
    "created_at": lambda s: s.created_s,
    "updated_at": lambda s: s.updated_at,
    "display_name": lambda s: s.name,
    "display_description": lambda s: s.description,
    "uuid": lambda s: s.uuid,
    "vm_state": lambda s: s.vm_state,
    "task_state": lambda s: s.task_state,
    "power_state": lambda s: s.power_state,
    "launched_at": lambda s: s.launched_at,
    "terminated_at": lambda s: s.terminated_at,
    "host": lambda s: s.host,
    "node": lambda s: s.host,
    "hostname": lambda s: s.hostname,
    "key_name": lambda s: s.key_name,
    "availability_zone": lambda s: s.availability_zone,
    "image_ref": lambda s: s.image_ref,
    "project_id": lambda s: s.project_id,
    "user_id": lambda s: s.user_id,
    "locked": lambda s: s.locked_by is not None,
    "locked_by": lambda s: s.locked_by,
    "progress": lambda s: s.progress,
    "access_ip_v4": lambda s: s.access_ipv4,
    "access_ip_v6": lambda s: s.access_ipv6,
    "config_drive": lambda s: s.config_drive,
    "auto_disk_config": lambda s: s.auto_disk_config,
    "launch_index": lambda s: s.launch_index,
    "instance_type_id": lambda s: s.flavor.row,
    "id": lambda s: s.row,
}


class _Unset:
    """The type of `_UNSET`: an argument left out (as opposed to None)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unset>"


_UNSET = _Unset()


def _iso_seconds(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class ComputeModel:
    """All of the fake Nova's state, and the Python API to steer it.

    Attributes:
        max_limit: `[api] max_limit`, the largest page (default 1000).
        build_time: Seconds of fake time a new server stays in BUILD (default 0).
        action_time: Seconds of fake time a background action takes (default 0).
        shelved_offload_time: `[DEFAULT] shelved_offload_time`: 0 (Nova's default) offloads a
            shelved server at once, a positive number that many fake seconds after it is
            SHELVED, -1 never (only `shelveOffload` does).
        enable_instance_password: `[api] enable_instance_password`: whether create, rebuild
            and rescue answer with `adminPass` (default True).
        flavors: Flavors by id.
        images: Images by id.
        servers: Every server by uuid, deleted ones included (until `reset`).
        behaviors: Create-time behaviours, matched in order (`fail_create`...).
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.max_limit = 1000
        self.build_time = 0.0
        self.action_time = 0.0
        self.shelved_offload_time = 0.0
        self.enable_instance_password = True
        self.default_quotas: dict[str, int] = dict(DEFAULT_QUOTAS)
        self._quotas: dict[str, dict[str, int]] = {}
        self.flavors: dict[str, Flavor] = {}
        self.images: dict[str, Image] = {}
        self.networks: list[dict[str, str]] = []
        self._keypairs: dict[str, dict[str, KeyPair]] = {}
        self.servers: dict[str, Server] = {}
        self._by_row: dict[int, Server] = {}
        self._live: dict[str, SortedList] = {}
        self._every: dict[str, SortedList] = {}
        self._all_live = SortedList()
        self._all_every = SortedList()
        self._usage: dict[str, list[int]] = {}
        self._row = 0
        self._flavor_row = 0
        self._keypair_row = 0
        self._ip_count = 0
        self.behaviors: list[CreateBehavior] = []
        self.rate_limits: list[RateLimit] = []
        #: Hook for the block storage fake: server → its attached volumes.
        self.volumes_attached: Callable[[Server], list[AttachedVolume]] = lambda s: []
        #: Hook for the block storage fake: a server was deleted (detach its volumes).
        self.on_server_delete: Callable[[Server], None] = lambda s: None

    # -- seed data -------------------------------------------------------------------------

    def load_defaults(self) -> None:
        """Load the seeded flavors, images and network (`data/*.json`)."""
        for raw in load_json("stackdouble.fakes.compute", "flavors.json")["flavors"]:
            self.add_flavor(raw["id"], raw["name"], ram=raw["ram"], vcpus=raw["vcpus"],
                            disk=raw["disk"])
        epoch = datetime(2026, 1, 1, tzinfo=timezone.utc)
        for raw in load_json("stackdouble.fakes.compute", "images.json")["images"]:
            self.images[raw["id"]] = Image(
                id=raw["id"], name=raw["name"], status="active", size=raw["size"],
                min_disk=raw["min_disk"], min_ram=raw["min_ram"], created_at=epoch,
                updated_at=epoch, properties=dict(raw["properties"]))
        self.networks = list(load_json("stackdouble.fakes.compute", "networks.json")["networks"])

    # -- clock -------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.cloud.clock.now()

    def set_build_time(self, seconds: float) -> None:
        """How long new servers stay in BUILD, in seconds of fake time.

        Raises:
            ValueError: A negative or non-finite number.
        """
        self.build_time = checked_seconds(seconds)

    def set_action_time(self, seconds: float) -> None:
        """How long background actions (reboot, resize, stop...) take, in fake seconds."""
        self.action_time = checked_seconds(seconds)

    def set_shelved_offload_time(self, seconds: float) -> None:
        """`[DEFAULT] shelved_offload_time`: 0 offloads at once, -1 never, else after that
        many fake seconds in SHELVED.

        Raises:
            ValueError: Negative but not -1, or not finite.
        """
        self.shelved_offload_time = -1.0 if seconds == -1 else checked_seconds(seconds)

    def set_max_limit(self, limit: int) -> None:
        """`[api] max_limit`: the largest page any listing returns.

        Raises:
            ValueError: Not a positive integer.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"max_limit must be a positive integer, not {limit!r}")
        self.max_limit = limit

    # -- quotas ------------------------------------------------------------------------------

    def quota(self, project_id: str) -> dict[str, int]:
        """The limits of a project (defaults, overridden by `set_quota`)."""
        return {**self.default_quotas, **self._quotas.get(project_id, {})}

    def set_quota(self, project_id: str, **limits: int) -> None:
        """Override quota limits of a project: `instances`, `cores`, `ram`, `metadata_items`,
        `key_pairs`; -1 is unlimited.

        Raises:
            ValueError: An unknown resource or a value below -1.
        """
        for name, value in limits.items():
            if name not in DEFAULT_QUOTAS:
                raise ValueError(f"unknown quota {name!r}; known: {sorted(DEFAULT_QUOTAS)}")
            if isinstance(value, bool) or not isinstance(value, int) or value < -1:
                raise ValueError(f"quota {name} must be an integer >= -1, not {value!r}")
        self._quotas.setdefault(project_id, {}).update(limits)

    def usage(self, project_id: str) -> dict[str, int]:
        """What a project uses: `instances`, `cores` and `ram` of its live servers."""
        used = self._usage.get(project_id, [0, 0, 0])
        return {"instances": used[0], "cores": used[1], "ram": used[2]}

    def _use(self, project_id: str, instances: int, cores: int, ram: int) -> None:
        used = self._usage.setdefault(project_id, [0, 0, 0])
        used[0] += instances
        used[1] += cores
        used[2] += ram

    def _check_instance_quota(self, project_id: str, flavor: Flavor, min_count: int,
                              max_count: int) -> int:
        """`compute_utils.check_num_instances_quota`: how many may be built, or 403."""
        quotas = self.quota(project_id)
        usage = self.usage(project_id)
        deltas = {"instances": max_count, "cores": max_count * flavor.vcpus,
                  "ram": max_count * flavor.ram}
        overs = sorted(k for k, d in deltas.items()
                       if quotas[k] >= 0 and quotas[k] < usage[k] + d)
        if not overs:
            return max_count
        headroom: dict[str, float] = {k: quotas[k] - usage[k] for k in deltas}
        for res in ("cores", "ram"):
            if quotas[res] == -1:
                headroom[res] = (headroom["instances"] * deltas[res] / max_count
                                 if deltas[res] else headroom["instances"])
        allowed = headroom["instances"] if quotas["instances"] != -1 else math.inf
        if flavor.vcpus:
            allowed = min(allowed, headroom["cores"] // flavor.vcpus)
        if flavor.ram:
            allowed = min(allowed, headroom["ram"] // flavor.ram)
        if allowed > 0 and min_count <= allowed <= max_count:
            return self._check_instance_quota(project_id, flavor, min_count, int(allowed))
        requested = {"instances": str(min_count) if min_count == max_count
                     else f"{min_count}-{max_count}",
                     "cores": str(deltas["cores"]), "ram": str(deltas["ram"])}
        names = ", ".join(overs)
        reqs = ", ".join(requested[k] for k in overs)
        used = ", ".join(_num(quotas[k] - headroom[k]) for k in overs)
        limits = ", ".join(str(quotas[k]) for k in overs)
        raise Forbidden(f"Quota exceeded for {names}: Requested {reqs}, but already used "
                        f"{used} of {limits} {names}")

    def _check_metadata_quota(self, project_id: str, metadata: Mapping[str, str]) -> None:
        allowed = self.quota(project_id)["metadata_items"]
        if allowed >= 0 and len(metadata) > allowed:
            raise Forbidden(f"Maximum number of metadata items exceeds {allowed}")

    # -- rate limits and behaviours ------------------------------------------------------------

    def add_rate_limit(self, verb: str, uri: str, value: int, unit: str = "MINUTE", *,
                       regex: str | None = None, status: int = 413) -> RateLimit:
        """Limit requests as the legacy Nova rate-limit middleware did: beyond `value`
        `verb` requests to paths matching `regex` per `unit`, answer `overLimit` with
        `Retry-After` ("This request was rate-limited.").

        Args:
            verb: HTTP method.
            uri: The URI shown in the fault details (`*/servers`).
            value: Requests allowed per unit.
            unit: SECOND, MINUTE, HOUR or DAY.
            regex: Searched in the path below `/compute/v2.1`; defaults to `uri` without
                its leading `*`.
            status: 413 (Nova until Juno) or 429.
        """
        seconds = {"SECOND": 1, "MINUTE": 60, "HOUR": 3600, "DAY": 86400}.get(unit.upper())
        if seconds is None:
            raise ValueError(f"unit must be SECOND, MINUTE, HOUR or DAY, not {unit!r}")
        if status not in (413, 429):
            raise ValueError("status must be 413 or 429")
        pattern = re.compile(regex if regex is not None else re.escape(uri.lstrip("*")))
        limit = RateLimit(verb=verb.upper(), uri=uri, regex=pattern, value=value,
                          unit=unit.lower(), seconds=seconds, status=status)
        self.rate_limits.append(limit)
        return limit

    def check_rate_limits(self, verb: str, path: str) -> None:
        """Count a request against the rate limits.

        Raises:
            OverLimit: A limit is exhausted.
        """
        now = self.cloud.clock.time()
        for limit in self.rate_limits:
            if limit.verb != verb or not limit.regex.search(path):
                continue
            window = [t for t in limit.hits if t > now - limit.seconds]
            if len(window) >= limit.value:
                delay = max(0, math.ceil(window[0] + limit.seconds - now))
                limit.hits = window
                raise OverLimit("This request was rate-limited.", delay, status=limit.status,
                                details=f"Only {limit.value} {limit.verb} request(s) can be "
                                        f"made to {limit.uri} every {limit.unit}.")
            window.append(now)
            limit.hits = window

    def fail_create(self, *, status: int = 500, message: str | None = None,
                    name: str | None = None, metadata: Mapping[str, str] | None = None,
                    times: int | None = 1) -> CreateBehavior:
        """Make server creates fail with `status` and nothing created (Mimic's `fail`)."""
        if not 400 <= status <= 599:
            raise ValueError("status must be 400-599")
        text = message or ("Unexpected API Error. Please report this at "
                           "http://bugs.launchpad.net/nova/ and attach the Nova API log if "
                           "possible.")
        return self._behave(CreateBehavior("fail", status=status, message=text,
                                           name=_regex(name), metadata=metadata, times=times))

    def error_on_build(self, *, message: str = NO_VALID_HOST, code: int = 500,
                       name: str | None = None, metadata: Mapping[str, str] | None = None,
                       times: int | None = 1) -> CreateBehavior:
        """Let matching servers build, then put them in ERROR with a fault (no host, never
        launched), as a scheduling failure leaves them."""
        return self._behave(CreateBehavior("error", status=code, message=message,
                                           name=_regex(name), metadata=metadata, times=times))

    def slow_build(self, seconds: float, *, name: str | None = None,
                   metadata: Mapping[str, str] | None = None,
                   times: int | None = None) -> CreateBehavior:
        """Give matching new servers their own build time."""
        return self._behave(CreateBehavior("build", seconds=checked_seconds(seconds),
                                           name=_regex(name), metadata=metadata, times=times))

    def _behave(self, behavior: CreateBehavior) -> CreateBehavior:
        self.behaviors.append(behavior)
        return behavior

    def _take_behavior(self, name: str, metadata: Mapping[str, str]) -> CreateBehavior | None:
        for behavior in self.behaviors:
            if behavior.matches(name, metadata):
                behavior.hits += 1
                if behavior.times is not None and behavior.hits >= behavior.times:
                    self.behaviors.remove(behavior)
                return behavior
        return None

    # -- flavors -------------------------------------------------------------------------------

    def add_flavor(self, flavor_id: str, name: str, *, ram: int, vcpus: int, disk: int,
                   ephemeral: int = 0, swap: int = 0, rxtx_factor: float = 1.0,
                   is_public: bool = True, description: str | None = None) -> Flavor:
        """Add a flavor (as an admin's `POST /flavors`).

        Raises:
            Conflict: The name or id is taken.
        """
        for other in self.flavors.values():
            if other.name == name:
                raise Conflict(f"Flavor with name {name} already exists.")
        if flavor_id in self.flavors:
            raise Conflict(f"Flavor with ID {flavor_id} already exists.")
        self._flavor_row += 1
        flavor = Flavor(id=flavor_id, name=name, ram=ram, vcpus=vcpus, disk=disk,
                        ephemeral=ephemeral, swap=swap, rxtx_factor=rxtx_factor,
                        is_public=is_public, description=description, row=self._flavor_row)
        self.flavors[flavor_id] = flavor
        return flavor

    def get_flavor(self, flavor_id: str) -> Flavor:
        """A flavor by id.

        Raises:
            NotFound: "Flavor <id> could not be found."
        """
        flavor = self.flavors.get(flavor_id)
        if flavor is None:
            raise NotFound(f"Flavor {flavor_id} could not be found.")
        return flavor

    def delete_flavor(self, flavor_id: str) -> None:
        """Delete a flavor; servers keep their copy of it."""
        self.get_flavor(flavor_id)
        del self.flavors[flavor_id]

    def list_flavors(self, caller: Caller, *, is_public: bool | None = True,
                     min_ram: int | None = None, min_disk: int | None = None,
                     sort_key: str = "flavorid", sort_dir: str = "asc",
                     limit: int | None = None, marker: str | None = None) -> list[Flavor]:
        """Flavors in Nova's order (by `sort_key`, then row id), after `marker`.

        Raises:
            BadRequest: "marker [<id>] not found".
        """
        attr = {"flavorid": "id", "memory_mb": "ram", "root_gb": "disk", "id": "row",
                "ephemeral_gb": "ephemeral"}.get(sort_key, sort_key)

        def key(f: Flavor) -> tuple[Any, int]:
            value = getattr(f, attr, None)
            return ((value is not None, value), f.row)

        items = sorted(self.flavors.values(), key=key, reverse=sort_dir == "desc")
        if marker is not None:
            found = self.flavors.get(marker)
            if found is None:
                raise BadRequest(f"marker [{marker}] not found")
            mark = key(found)
            items = [f for f in items if (key(f) < mark if sort_dir == "desc" else key(f) > mark)]
        out: list[Flavor] = []
        for flavor in items:
            if not caller.is_admin and (not flavor.is_public or flavor.disabled):
                continue
            if caller.is_admin and is_public is not None and flavor.is_public != is_public:
                continue
            if min_ram is not None and flavor.ram < min_ram:
                continue
            if min_disk is not None and flavor.disk < min_disk:
                continue
            if limit is not None and len(out) >= limit:
                break
            out.append(flavor)
        return out

    # -- images --------------------------------------------------------------------------------

    def visible_image(self, caller: Caller, image_id: str) -> Image | None:
        """An image the caller may see (public, or its project's), settled."""
        image = self.images.get(image_id)
        source = self.servers.get(image.properties.get("instance_uuid", "")) if image else None
        if source is not None and source.pending is not None:
            self._settle(source)  # an unshelve that completed has deleted its snapshot
            image = self.images.get(image_id)
        if image is None or image.status == "deleted":
            return None
        if image.owner is not None and image.owner != caller.project_id and not caller.is_admin:
            return None
        self._settle_image(image)
        return image

    def _settle_image(self, image: Image) -> None:
        if image.ready_at is not None and self.cloud.clock.time() >= image.ready_at:
            image.status = "active"
            image.updated_at = _at(image.ready_at)
            image.ready_at = None

    def list_images(self, caller: Caller, *, limit: int, marker: str | None,
                    filters: Mapping[str, str]) -> list[Image]:
        """Visible images, newest first (Glance's `created_at desc, id desc`).

        Raises:
            BadRequest: An unknown marker.
        """
        visible = [i for i in list(self.images.values()) if self.visible_image(caller, i.id)]
        visible.sort(key=lambda i: (i.created_at, i.id), reverse=True)
        if marker is not None:
            ids = [i.id for i in visible]
            if marker not in ids:
                raise BadRequest(f"Marker {marker} could not be found.")
            visible = visible[ids.index(marker) + 1:]
        out: list[Image] = []
        for image in visible:
            if not _image_matches(image, filters):
                continue
            if len(out) >= limit:
                break
            out.append(image)
        return out

    def delete_image(self, caller: Caller, image_id: str) -> None:
        """Delete an image the caller owns (an admin: any).

        Raises:
            NotFound: "Image not found."
            Forbidden: "You are not allowed to delete the image."
        """
        image = self.visible_image(caller, image_id)
        if image is None:
            raise NotFound("Image not found.")
        if image.owner != caller.project_id and not caller.is_admin:
            raise Forbidden("You are not allowed to delete the image.")
        del self.images[image_id]

    # -- keypairs ------------------------------------------------------------------------------

    def keypairs_of(self, user_id: str) -> dict[str, KeyPair]:
        """A user's keypairs by name."""
        return self._keypairs.get(user_id, {})

    def create_keypair(self, user_id: str, name: str, *, public_key: str | None = None,
                       key_type: str = "ssh") -> tuple[KeyPair, str | None]:
        """Import `public_key`, or generate a pair (then the private key comes back too).

        Raises:
            Forbidden: "Quota exceeded, too many key pairs."
            BadRequest: "Keypair data is invalid: failed to generate fingerprint".
            Conflict: "Key pair '<name>' already exists."
        """
        mine = self._keypairs.setdefault(user_id, {})
        allowed = self.default_quotas["key_pairs"]
        if allowed >= 0 and len(mine) + 1 > allowed:
            raise Forbidden("Quota exceeded, too many key pairs.")
        private_key = None
        if public_key is None:
            private_key, public_key = self._generate_key(user_id, name)
        fingerprint = ssh_fingerprint(public_key) if key_type == "ssh" else _x509_print(public_key)
        if fingerprint is None:
            raise BadRequest("Keypair data is invalid: failed to generate fingerprint")
        if name in mine:
            raise Conflict(f"Key pair '{name}' already exists.")
        self._keypair_row += 1
        keypair = KeyPair(name=name, user_id=user_id, public_key=public_key,
                          fingerprint=fingerprint, type=key_type, created_at=self._now(),
                          row=self._keypair_row)
        mine[name] = keypair
        return keypair, private_key

    def _generate_key(self, user_id: str, name: str) -> tuple[str, str]:
        """An RSA-shaped pair: the public half is a well-formed OpenSSH key, the private
        half PEM-shaped. It opens nothing (the fake never runs a guest)."""
        ids = self.cloud.ids
        modulus = bytes.fromhex("00" + "".join(ids.hex32() for _ in range(8)))
        blob = _ssh_string(b"ssh-rsa") + _ssh_string(b"\x01\x00\x01") + _ssh_string(modulus)
        public = f"ssh-rsa {base64.b64encode(blob).decode()} Generated-by-Nova\n"
        body = base64.encodebytes(b"stackdouble fake key " + bytes.fromhex(
            "".join(ids.hex32() for _ in range(20)))).decode()
        private = f"-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----\n"
        return private, public

    def get_keypair(self, user_id: str, name: str) -> KeyPair:
        """A keypair by name.

        Raises:
            NotFound: "Keypair <name> not found for user <user_id>"
        """
        keypair = self._keypairs.get(user_id, {}).get(name)
        if keypair is None:
            raise NotFound(f"Keypair {name} not found for user {user_id}")
        return keypair

    def delete_keypair(self, user_id: str, name: str) -> None:
        """Delete a keypair (404 as `get_keypair`)."""
        self.get_keypair(user_id, name)
        del self._keypairs[user_id][name]

    def list_keypairs(self, user_id: str, *, limit: int | None = None,
                      marker: str | None = None) -> list[KeyPair]:
        """A user's keypairs by name, after `marker`.

        Raises:
            BadRequest: "Marker <name> could not be found."
        """
        mine = sorted(self._keypairs.get(user_id, {}).values(), key=lambda k: (k.name, k.row))
        if marker is not None:
            names = [k.name for k in mine]
            if marker not in names:
                raise BadRequest(f"Marker {marker} could not be found.")
            mine = mine[names.index(marker) + 1:]
        return mine if limit is None else mine[:limit]

    # -- servers: lookup and settling ------------------------------------------------------------

    def _settle(self, server: Server, now: float | None = None) -> Server:
        if server.pending is None:
            return server
        if now is None:
            now = self.cloud.clock.time()
        while server.pending is not None and now >= server.due:
            self._complete(server)  # may start the next step (a shelved server's offload)
        return server

    def server(self, server_id: str) -> Server:
        """Any server by uuid, settled (deleted ones too).

        Raises:
            NotFound: "Instance <id> could not be found."
        """
        server = self.servers.get(server_id)
        if server is None:
            raise instance_not_found(server_id)
        return self._settle(server)

    def server_status(self, server_id: str) -> str:
        """A server's API status right now (`ACTIVE`, `BUILD`, `DELETED`...)."""
        return self.server(server_id).status

    def get_server(self, caller: Caller, server_id: str) -> Server:
        """A live server the caller may see (its project's; an admin: any), settled.

        Raises:
            NotFound: Unknown, deleted, another project's, or not a UUID (as Nova:
                "Instance <id> could not be found.").
        """
        server = self.servers.get(server_id)
        if server is None:
            from stackdouble.fakes.compute.schema import is_uuid_like

            if is_uuid_like(server_id):
                server = self.servers.get(_canonical_uuid(server_id))
        if (server is None or server.deleted
                or (server.project_id != caller.project_id and not caller.is_admin)):
            raise instance_not_found(server_id)
        return self._settle(server)

    def _check(self, caller: Caller, server: Server, action: str, *,
               vm_states: Iterable[str] | None = None,
               task_states: Iterable[str | None] | None = (None,),
               must_have_launched: bool = True, lock: bool = True,
               need_host: bool = False) -> None:
        """`check_instance_lock`, `check_instance_host` and `check_instance_state`."""
        if lock and server.locked_by is not None and not caller.is_admin:
            raise instance_locked(server.uuid)
        if need_host and not server.host:
            raise Conflict(f"Instance {server.uuid} is not ready")
        if vm_states is not None and server.vm_state not in set(vm_states):
            raise invalid_state(action, server.uuid, "vm_state", server.vm_state)
        if task_states is not None and server.task_state not in set(task_states):
            raise invalid_state(action, server.uuid, "task_state", server.task_state)
        if must_have_launched and server.launched_at is None:
            raise invalid_state(action, server.uuid, "launched_at", None)

    # -- servers: create -------------------------------------------------------------------------

    def create_server(self, project_id: str, *, name: str, flavor_id: str = "1",
                      image_id: str | None = None, user_id: str | None = None,
                      metadata: Mapping[str, str] | None = None,
                      key_name: str | None = None, networks: str | list[str] = "auto",
                      availability_zone: str | None = None,
                      disk_config: str | None = None, config_drive: bool = False,
                      user_data: str | None = None, description: str | None = None,
                      access_ipv4: str = "", access_ipv6: str = "",
                      security_groups: Sequence[str] = (), tags: Sequence[str] = (),
                      min_count: int = 1, max_count: int | None = None,
                      volume_backed: bool = False) -> Server:
        """Create servers in `project_id` as `POST /servers` does; returns the first.

        Python callers may leave out `image_id` (the cirros image) and `user_id` (the
        project's first user with a role there, else "fake").

        Raises:
            BadRequest, Forbidden, NotFound: As Nova answers the create.
        """
        if image_id is None and not volume_backed:
            image_id = next(iter(self.images))
        if user_id is None:
            user_id = self._some_user(project_id)
        caller = Caller(project_id=project_id, user_id=user_id)
        image = None
        if image_id:
            image = self.visible_image(caller, image_id)
            if image is None:
                raise BadRequest("Can not find requested image")
        try:
            flavor = self.get_flavor(flavor_id)
        except NotFound as exc:
            raise BadRequest(exc.message) from None
        if key_name is not None and key_name not in self.keypairs_of(user_id):
            raise BadRequest("Invalid key_name provided.")
        meta = dict(metadata or {})
        self._check_metadata_quota(project_id, meta)
        if image is not None:
            _check_flavor_image(flavor, image, volume_backed)
            if image.status != "active":
                raise BadRequest(f"Image {image.id} is not active.")
        auto_disk = (disk_config == "AUTO" if disk_config is not None
                     else bool_from_string(image.properties.get("auto_disk_config", "false"),
                                           strict=False) if image else False)
        nets = self._resolve_networks(networks)
        behavior = self._take_behavior(name, meta)
        if behavior is not None and behavior.kind == "fail":
            from stackdouble.fakes.compute.errors import NovaError

            raise NovaError(behavior.message, status=behavior.status)
        count = self._check_instance_quota(project_id, flavor, min_count,
                                           max_count if max_count is not None else min_count)
        now = self._now()
        reservation = "r-" + self.cloud.ids.hex32()[:8]
        build = self.build_time
        if behavior is not None and behavior.kind == "build":
            build = behavior.seconds
        first: Server | None = None
        for index in range(count):
            server = self._new_server(
                project_id, user_id, name if count == 1 else f"{name}-{index + 1}", flavor,
                image_id or "", now, metadata=dict(meta), key_name=key_name,
                availability_zone=availability_zone, pinned_az=availability_zone,
                auto_disk_config=auto_disk,
                config_drive="True" if config_drive else "", user_data=user_data,
                description=description, access_ipv4=access_ipv4, access_ipv6=access_ipv6,
                security_groups=list(dict.fromkeys(security_groups or ["default"])),
                tags=list(tags), networks=nets, reservation_id=reservation,
                launch_index=index)
            self._start(server, "build", build,
                        error=behavior if behavior is not None and behavior.kind == "error"
                        else None)
            first = first or server
        assert first is not None
        return first

    def create_servers(self, project_id: str, count: int, *, name: str = "server",
                       flavor_id: str = "1", networks: str = "auto") -> list[Server]:
        """Create `count` ACTIVE servers quickly (for benches and big tests), checking the
        quota once. Names are `<name>-<n>`.

        Raises:
            Forbidden: The project's quota does not allow `count` more.
        """
        flavor = self.get_flavor(flavor_id)
        self._check_instance_quota(project_id, flavor, count, count)
        user_id = self._some_user(project_id)
        image_id = next(iter(self.images))
        nets = self._resolve_networks(networks)
        now = self._now()
        out = []
        for index in range(count):
            server = self._new_server(project_id, user_id, f"{name}-{index + 1}", flavor,
                                      image_id, now, security_groups=["default"],
                                      networks=nets, reservation_id="r-bulk0000")
            self._complete_build(server, now, None)
            out.append(server)
        return out

    def _some_user(self, project_id: str) -> str:
        identity = self.cloud.identity
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                return str(user.id)
        return "fake"

    def _resolve_networks(self, networks: str | list[str]) -> list[dict[str, str]]:
        if networks == "none":
            return []
        if networks == "auto" or not networks:
            return self.networks[:1]
        out = []
        for net_id in networks:
            found = next((n for n in self.networks if n["id"] == net_id), None)
            if found is None:
                raise BadRequest(f"Network {net_id} could not be found.")
            out.append(found)
        return out

    def _new_server(self, project_id: str, user_id: str, name: str, flavor: Flavor,
                    image_ref: str, now: datetime, *, networks: list[dict[str, str]],
                    **fields: Any) -> Server:
        self._row += 1
        server = Server(uuid=self.cloud.ids.uuid(), row=self._row, project_id=project_id,
                        user_id=user_id, name=name, flavor=flavor, image_ref=image_ref,
                        created_at=now, updated_at=now, created_s=int(now.timestamp()),
                        hostname=_hostname(name), **fields)
        server.networks = [(net["name"], self._allocate_ips(net)) for net in networks]
        if not networks:
            server.security_groups = []
        self.servers[server.uuid] = server
        self._by_row[server.row] = server
        key = server.key
        self._live.setdefault(project_id, SortedList()).add(key)
        self._every.setdefault(project_id, SortedList()).add(key)
        self._all_live.add(key)
        self._all_every.add(key)
        self._use(project_id, 1, flavor.vcpus, flavor.ram)
        return server

    def _allocate_ips(self, net: Mapping[str, str]) -> list[dict[str, Any]]:
        n = self._ip_count
        self._ip_count += 1
        mac_tail = f"{(n >> 16) & 0xFF:02x}:{(n >> 8) & 0xFF:02x}:{n & 0xFF:02x}"
        mac = "fa:16:3e:" + mac_tail
        ipv4 = f"{net['ipv4_prefix']}{n // 250}.{n % 250 + 3}"
        ipv6 = str(ipaddress.IPv6Address(
            f"{net['ipv6_prefix']}{mac_tail[0:2]}:{mac_tail[3:5]}{mac_tail[6:8]}"))
        return [{"version": 4, "address": ipv4, "mac": mac, "type": "fixed"},
                {"version": 6, "address": ipv6, "mac": mac, "type": "fixed"}]

    # -- servers: transitions --------------------------------------------------------------------

    def _start(self, server: Server, kind: str, seconds: float | None = None,
               **args: Any) -> None:
        """Begin a background change that completes after `seconds` of fake time."""
        server.pending = kind
        server.due = self.cloud.clock.time() + (self.action_time if seconds is None
                                                else seconds)
        server.pending_args = args
        server.updated_at = self._now()

    def _complete(self, server: Server) -> None:
        kind, args = server.pending, server.pending_args
        when = _at(server.due)
        server.pending = None
        server.pending_args = {}
        server.updated_at = when
        server.task_state = None
        if kind == "build":
            self._complete_build(server, when, args.get("error"))
        elif kind in ("reboot", "start", "unpause", "resume"):
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        elif kind == "stop":
            server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
        elif kind == "pause":
            server.vm_state, server.power_state = st.PAUSED, st.POWER_PAUSED
        elif kind == "suspend":
            server.vm_state, server.power_state = st.SUSPENDED, st.POWER_SUSPENDED
        elif kind == "resize":
            new: Flavor = args["flavor"]
            old = server.flavor
            server.old_flavor, server.flavor = old, new
            server.old_vm_state = server.vm_state
            server.vm_state = st.RESIZED
            self._use(server.project_id, 0, new.vcpus - old.vcpus, new.ram - old.ram)
        elif kind == "revert":
            old = server.old_flavor or server.flavor
            self._use(server.project_id, 0, old.vcpus - server.flavor.vcpus,
                      old.ram - server.flavor.ram)
            server.flavor, server.old_flavor = old, None
            self._leave_resized(server)
        elif kind == "rebuild":
            server.image_ref = args["image_ref"]
            if args["was"] == st.STOPPED:
                server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
            else:
                server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
            server.launched_at = when
        elif kind == "snapshot":
            pass
        elif kind == "rescue":
            server.vm_state, server.power_state = st.RESCUED, st.POWER_RUNNING
            server.launched_at = when
        elif kind == "unrescue":
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        elif kind == "shelve":
            server.power_state = st.POWER_SHUTDOWN
            offload = self.shelved_offload_time
            if args["volume_backed"] or offload == 0:
                self._offload(server)
            else:
                server.vm_state = st.SHELVED
                if offload > 0:  # `_poll_shelved_instances`, a periodic task
                    due = server.due
                    self._start(server, "offload")
                    server.due, server.updated_at = due + offload, when
        elif kind == "offload":
            self._offload(server)
        elif kind == "unshelve":
            self._unshelved(server, when, offloaded=args["offloaded"])

    def _offload(self, server: Server) -> None:
        """`_shelve_offload_instance`: off the host, its ports unbound (the addresses stay)."""
        server.vm_state, server.task_state = st.SHELVED_OFFLOADED, None
        server.power_state = st.POWER_SHUTDOWN
        server.host = None

    def _unshelved(self, server: Server, when: datetime, *, offloaded: bool) -> None:
        """Back to ACTIVE; the shelve snapshot is deleted. From SHELVED_OFFLOADED the server
        was spawned again: on a host, in its zone, launched anew."""
        server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        if offloaded:
            server.host = HOST
            server.availability_zone = DEFAULT_AZ
            server.launched_at = when
        self._drop_shelved_image(server)

    def _drop_shelved_image(self, server: Server) -> None:
        if server.shelved_image_id is not None:
            self.images.pop(server.shelved_image_id, None)
            server.shelved_image_id = None

    def _leave_resized(self, server: Server) -> None:
        if server.old_vm_state == st.STOPPED:
            server.vm_state, server.power_state = st.STOPPED, st.POWER_SHUTDOWN
        else:
            server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        server.old_vm_state = None

    def _complete_build(self, server: Server, when: datetime,
                        error: CreateBehavior | None) -> None:
        server.pending = None
        server.task_state = None
        server.updated_at = when
        if error is not None:
            server.vm_state, server.power_state = st.ERROR, st.POWER_NOSTATE
            server.fault = ServerFault(code=error.status, message=error.message,
                                       created_at=when)
            return
        server.vm_state, server.power_state = st.ACTIVE, st.POWER_RUNNING
        server.host = HOST
        server.launched_at = when
        if server.availability_zone is None:
            server.availability_zone = DEFAULT_AZ

    def force_error(self, server_id: str, message: str = NO_VALID_HOST, *, code: int = 500,
                    details: str | None = None) -> None:
        """Put a server in ERROR with a fault, as a failed operation leaves it.

        Raises:
            NotFound: Unknown server.
        """
        server = self.server(server_id)
        now = self._now()
        server.pending = None
        server.vm_state, server.task_state = st.ERROR, None
        server.fault = ServerFault(code=code, message=message, created_at=now, details=details)
        server.updated_at = now

    # -- servers: update and delete --------------------------------------------------------------

    def update_server(self, caller: Caller, server_id: str, changes: Mapping[str, Any]) -> Server:
        """Rename, set access addresses or description (`PUT /servers/{id}`)."""
        server = self.get_server(caller, server_id)
        for key, value in changes.items():
            setattr(server, key, value)
        server.updated_at = self._now()
        return server

    def delete_server(self, caller: Caller, server_id: str, *, force: bool = False) -> None:
        """Delete a server now (`reclaim_instance_interval` is 0): it shows as DELETED to
        `changes-since` listings and answers 404 to GET.

        Raises:
            NotFound: As `get_server`.
            Conflict: Locked (non-admins), or `force` with a task in progress.
        """
        server = self.get_server(caller, server_id)
        if force:
            self._check(caller, server, "forceDelete", must_have_launched=False)
        elif server.locked_by is not None and not caller.is_admin:
            raise instance_locked(server.uuid)
        self._drop_shelved_image(server)  # also mid-shelve: its snapshot goes with it
        now = self._now()
        server.deleted = True
        server.pending = None
        server.vm_state, server.task_state, server.power_state = st.DELETED, None, 0
        server.terminated_at = server.updated_at = now
        key = server.key
        self._live[server.project_id].remove(key)
        self._all_live.remove(key)
        flavor = server.flavor
        self._use(server.project_id, -1, -flavor.vcpus, -flavor.ram)
        self.on_server_delete(server)

    # -- servers: actions ------------------------------------------------------------------------

    def reboot(self, caller: Caller, server_id: str, kind: str) -> None:
        """`reboot` SOFT (ACTIVE, no task) or HARD (more states)."""
        server = self.get_server(caller, server_id)
        if kind == "SOFT":
            self._check(caller, server, "reboot", vm_states=(st.ACTIVE,))
            server.task_state = "rebooting"
        else:
            self._check(caller, server, "reboot", vm_states=st.ALLOW_HARD_REBOOT,
                        task_states=st.ALLOW_REBOOT_TASKS)
            server.task_state = "rebooting_hard"
        self._start(server, "reboot")

    def _simple(self, caller: Caller, server_id: str, action: str, vm_state: str,
                task: str, kind: str, *, need_host: bool = False) -> None:
        server = self.get_server(caller, server_id)
        self._check(caller, server, action, vm_states=(vm_state,) if vm_state != "stop-ok"
                    else (st.ACTIVE, st.ERROR), need_host=need_host)
        server.task_state = task
        if kind == "stop":
            server.progress = 0
        self._start(server, kind)

    def stop(self, caller: Caller, server_id: str) -> None:
        """`os-stop`: ACTIVE or ERROR → SHUTOFF."""
        self._simple(caller, server_id, "stop", "stop-ok", "powering-off", "stop",
                     need_host=True)

    def start(self, caller: Caller, server_id: str) -> None:
        """`os-start`: SHUTOFF → ACTIVE."""
        self._simple(caller, server_id, "start", st.STOPPED, "powering-on", "start",
                     need_host=True)

    def pause(self, caller: Caller, server_id: str) -> None:
        """`pause`: ACTIVE → PAUSED."""
        self._simple(caller, server_id, "pause", st.ACTIVE, "pausing", "pause")

    def unpause(self, caller: Caller, server_id: str) -> None:
        """`unpause`: PAUSED → ACTIVE."""
        self._simple(caller, server_id, "unpause", st.PAUSED, "unpausing", "unpause")

    def suspend(self, caller: Caller, server_id: str) -> None:
        """`suspend`: ACTIVE → SUSPENDED."""
        self._simple(caller, server_id, "suspend", st.ACTIVE, "suspending", "suspend")

    def resume(self, caller: Caller, server_id: str) -> None:
        """`resume`: SUSPENDED → ACTIVE."""
        self._simple(caller, server_id, "resume", st.SUSPENDED, "resuming", "resume")

    def lock(self, caller: Caller, server_id: str, reason: str | None = None) -> None:
        """`lock`: non-admins can no longer change or delete the server."""
        server = self.get_server(caller, server_id)
        server.locked_by = "admin" if caller.is_admin else "owner"
        server.locked_reason = reason
        server.updated_at = self._now()

    def unlock(self, caller: Caller, server_id: str) -> None:
        """`unlock` (only an admin may undo an admin's lock)."""
        server = self.get_server(caller, server_id)
        if server.locked_by == "admin" and not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-lock-server:unlock:unlock_override")
        server.locked_by = None
        server.locked_reason = None
        server.updated_at = self._now()

    def change_password(self, caller: Caller, server_id: str) -> None:
        """`changePassword`: ACTIVE only; shows PASSWORD until done."""
        self._simple(caller, server_id, "changePassword", st.ACTIVE, "updating_password",
                     "password")

    def resize(self, caller: Caller, server_id: str, flavor_id: str) -> None:
        """`resize`: ACTIVE or SHUTOFF → RESIZE → VERIFY_RESIZE.

        Raises:
            BadRequest: Unknown flavor, or the same flavor.
            Forbidden: The upsize exceeds the quota.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "resize", vm_states=(st.ACTIVE, st.STOPPED))
        flavor = self.flavors.get(flavor_id)
        if flavor is None or flavor.disabled:
            raise BadRequest(f"Flavor {flavor_id} could not be found.")
        if flavor.id == server.flavor.id:
            raise BadRequest("When resizing, instances must change flavor!")
        self._check_upsize(server, flavor)
        server.task_state = "resize_prep"
        server.progress = 0
        self._start(server, "resize", flavor=flavor)

    def _check_upsize(self, server: Server, flavor: Flavor) -> None:
        deltas = {"cores": max(0, flavor.vcpus - server.flavor.vcpus),
                  "ram": max(0, flavor.ram - server.flavor.ram)}
        quotas, usage = self.quota(server.project_id), self.usage(server.project_id)
        overs = sorted(k for k, d in deltas.items()
                       if d and quotas[k] >= 0 and usage[k] + d > quotas[k])
        if overs:
            names = ", ".join(overs)
            raise Forbidden(
                f"Quota exceeded for {names}: Requested "
                f"{', '.join(str(deltas[k]) for k in overs)}, but already used "
                f"{', '.join(str(usage[k]) for k in overs)} of "
                f"{', '.join(str(quotas[k]) for k in overs)} {names}")

    def confirm_resize(self, caller: Caller, server_id: str) -> None:
        """`confirmResize`: VERIFY_RESIZE → back to ACTIVE (or SHUTOFF) on the new flavor."""
        server = self.get_server(caller, server_id)
        self._check(caller, server, "confirmResize", vm_states=(st.RESIZED,), task_states=None)
        server.old_flavor = None
        self._leave_resized(server)
        server.updated_at = self._now()

    def revert_resize(self, caller: Caller, server_id: str) -> None:
        """`revertResize`: VERIFY_RESIZE → REVERT_RESIZE → the old flavor."""
        server = self.get_server(caller, server_id)
        self._check(caller, server, "revertResize", vm_states=(st.RESIZED,), task_states=None)
        server.task_state = "resize_reverting"
        self._start(server, "revert")

    def rebuild(self, caller: Caller, server_id: str, image_id: str,
                changes: Mapping[str, Any]) -> Server:
        """`rebuild`: ACTIVE, SHUTOFF or ERROR → REBUILD → as before (ERROR → ACTIVE).

        Raises:
            BadRequest: "Cannot find image for rebuild", or a flavor too small for it.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "rebuild", vm_states=(st.ACTIVE, st.STOPPED, st.ERROR))
        image = self.visible_image(caller, image_id)
        if image is None:
            raise BadRequest("Cannot find image for rebuild")
        _check_flavor_image(server.flavor, image, not server.image_ref)
        metadata = changes.get("metadata")
        if metadata is not None:
            self._check_metadata_quota(server.project_id, metadata)
        if "key_name" in changes and changes["key_name"] is not None \
                and changes["key_name"] not in self.keypairs_of(caller.user_id):
            raise BadRequest("Invalid key_name provided.")
        for key, value in changes.items():
            setattr(server, key, dict(value) if key == "metadata" else value)
        was = server.vm_state
        server.fault = None if was == st.ERROR else server.fault
        server.task_state = "rebuilding"
        self._start(server, "rebuild", image_ref=image.id, was=was)
        return server

    def create_image(self, caller: Caller, server_id: str, name: str,
                     metadata: Mapping[str, str]) -> Image:
        """`createImage`: a snapshot, SAVING until the action time has passed."""
        server = self.get_server(caller, server_id)
        self._check(caller, server, "createImage", lock=False,
                    vm_states=(st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED))
        image = self._snapshot(caller, server, name, metadata)
        server.task_state = "image_snapshot"
        self._start(server, "snapshot")
        return image

    def _snapshot(self, caller: Caller, server: Server, name: str,
                  metadata: Mapping[str, str]) -> Image:
        """A snapshot image of the server, SAVING until the action time has passed."""
        now = self._now()
        base = self.images.get(server.image_ref)
        properties: dict[str, Any] = dict(base.properties) if base else {}
        properties.update({"instance_uuid": server.uuid, "user_id": caller.user_id,
                           "image_type": "snapshot", "base_image_ref": server.image_ref})
        properties.update(metadata)
        image = Image(id=self.cloud.ids.uuid(), name=name, status="queued", size=0,
                      min_disk=server.flavor.disk, min_ram=base.min_ram if base else 0,
                      created_at=now, updated_at=now, properties=properties,
                      owner=server.project_id,
                      ready_at=self.cloud.clock.time() + self.action_time)
        self.images[image.id] = image
        return image

    def rescue(self, caller: Caller, server_id: str, *, image_id: str | None = None,
               allow_volume_backed: bool = False) -> None:
        """`rescue`: ACTIVE, SHUTOFF or ERROR → RESCUE, booted from `image_id` (default: the
        server's image).

        A volume-backed server can be rescued only from 2.87 (`allow_volume_backed`), and
        only from an image with `hw_rescue_bus` and `hw_rescue_device` (the fake host has
        the `COMPUTE_RESCUE_BFV` trait, as libvirt's do).

        Raises:
            Conflict: Locked, or in another state.
            BadRequest: An image that is not there (or is a volume snapshot), or a
                volume-backed server Nova would not rescue.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "rescue", vm_states=(st.ACTIVE, st.STOPPED, st.ERROR))
        properties: Mapping[str, Any] = {}
        if image_id is not None:
            image = self.visible_image(caller, image_id)
            if image is None or image.properties.get("img_block_device_mapping"):
                raise BadRequest(f"Requested rescue image '{image_id}' is not supported")
            properties = image.properties
        elif server.image_ref in self.images:
            properties = self.images[server.image_ref].properties
        if not server.image_ref and not (allow_volume_backed and "hw_rescue_bus" in properties
                                         and "hw_rescue_device" in properties):
            raise BadRequest(f"Instance {server.uuid} cannot be rescued: Cannot rescue a "
                             "volume-backed instance")
        server.task_state = "rescuing"
        self._start(server, "rescue")

    def unrescue(self, caller: Caller, server_id: str) -> None:
        """`unrescue`: RESCUE → ACTIVE."""
        self._simple(caller, server_id, "unrescue", st.RESCUED, "unrescuing", "unrescue")

    def shelve(self, caller: Caller, server_id: str) -> None:
        """`shelve`: ACTIVE, SHUTOFF, PAUSED or SUSPENDED → SHELVED_OFFLOADED (or SHELVED,
        see `shelved_offload_time`; a volume-backed server is always offloaded).

        An image-backed server is snapshotted first: an image `<name>-shelved` of its
        project, deleted when the server is unshelved or deleted.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "shelve",
                    vm_states=(st.ACTIVE, st.STOPPED, st.PAUSED, st.SUSPENDED))
        volume_backed = not server.image_ref
        if not volume_backed:
            image = self._snapshot(caller, server, f"{server.name}-shelved", {})
            server.shelved_image_id = image.id
        server.task_state = "shelving"
        self._start(server, "shelve", volume_backed=volume_backed)

    def shelve_offload(self, caller: Caller, server_id: str) -> None:
        """`shelveOffload` (admins, by Nova's default policy): SHELVED → SHELVED_OFFLOADED.

        Raises:
            Forbidden: Not an admin.
            Conflict: Locked, or not SHELVED.
        """
        server = self.get_server(caller, server_id)
        if not caller.is_admin:
            raise policy_forbidden("os_compute_api:os-shelve:shelve_offload")
        self._check(caller, server, "shelveOffload", vm_states=(st.SHELVED,))
        server.task_state = "shelving_offloading"
        self._start(server, "offload")

    def unshelve(self, caller: Caller, server_id: str, *,
                 availability_zone: str | _Unset | None = _UNSET,
                 host: str | None = None) -> None:
        """`unshelve`: SHELVED or SHELVED_OFFLOADED → ACTIVE.

        Args:
            caller: Who asks.
            server_id: The server.
            availability_zone: (2.77) the zone to unshelve to, which the server is then
                pinned to; (2.91) None unpins it. Left out, the pinning stays.
            host: (2.91, admins) the compute host to unshelve to.

        Raises:
            Conflict: Locked, in another state, a zone or host for a server that is not
                SHELVED_OFFLOADED, or a host outside the zone.
            BadRequest: An unknown zone or host.
            Forbidden: A host asked by a non-admin.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, "unshelve", vm_states=(st.SHELVED, st.SHELVED_OFFLOADED))
        az_passed = not isinstance(availability_zone, _Unset)
        if (az_passed or host) and server.vm_state != st.SHELVED_OFFLOADED:
            raise Conflict(f"Specifying an availability zone or a host when unshelving server "
                           f"\"{server.uuid}\" with status \"{server.vm_state}\" is not "
                           "supported. The server status must be SHELVED_OFFLOADED.")
        if az_passed and availability_zone and availability_zone != DEFAULT_AZ:
            raise BadRequest("The requested availability zone is not available")
        expected = availability_zone if not isinstance(availability_zone, _Unset) \
            else server.pinned_az
        if host:
            if not caller.is_admin:
                raise policy_forbidden("os_compute_api:os-shelve:unshelve_to_host")
            if host != HOST:
                raise BadRequest(f"Compute host {host} could not be found.")
            if expected is not None and expected != DEFAULT_AZ:
                raise Conflict(f'Host "{host}" is not in the availability zone "{expected}".')
        server.pinned_az = expected
        server.task_state = "unshelving"
        self._start(server, "unshelve", offloaded=server.vm_state == st.SHELVED_OFFLOADED)

    # -- metadata --------------------------------------------------------------------------------

    def set_metadata(self, caller: Caller, server_id: str, items: Mapping[str, str], *,
                     replace: bool, action: str = "update metadata") -> dict[str, str]:
        """Merge (`replace=False`) or replace the metadata; returns all of it.

        Raises:
            Forbidden: More than the `metadata_items` quota.
            Conflict: Locked, or in a state Nova refuses.
        """
        server = self.get_server(caller, server_id)
        self._check(caller, server, action, must_have_launched=False,
                    vm_states=(st.ACTIVE, st.PAUSED, st.SUSPENDED, st.STOPPED))
        merged = dict(items) if replace else {**server.metadata, **items}
        self._check_metadata_quota(server.project_id, merged)
        server.metadata = merged
        server.updated_at = self._now()
        return dict(merged)

    def delete_metadatum(self, caller: Caller, server_id: str, key: str) -> None:
        """Remove one item.

        Raises:
            NotFound: "Metadata item was not found"
        """
        server = self.get_server(caller, server_id)
        if key not in server.metadata:
            raise NotFound("Metadata item was not found")
        self._check(caller, server, "delete metadata", must_have_launched=False,
                    vm_states=(st.ACTIVE, st.PAUSED, st.SUSPENDED, st.STOPPED))
        del server.metadata[key]
        server.updated_at = self._now()

    # -- listing -----------------------------------------------------------------------------------

    def list_servers(self, caller: Caller, filters: ServerFilters, *, limit: int,
                     marker: str | None = None, all_tenants: bool = False,
                     sort: Sequence[tuple[str, str]] = ()) -> list[Server]:
        """One page of servers in Nova's order.

        The default order (`created_at desc, id desc`, or both `asc`) walks a sorted list
        from the marker: O(log n + page). Other sort keys sort the candidates (O(n log n)).

        Raises:
            BadRequest: "marker [<id>] not found" (the marker may be any server, even
                another project's or a deleted one, as Nova looks it up unscoped).
        """
        if limit == 0:
            return []
        mark = None
        if marker is not None:
            mark = self.servers.get(marker)
            if mark is None:
                raise BadRequest(f"marker [{marker}] not found")
        keys = [k for k, _ in sort] or ["created_at"]
        dirs = [d for _, d in sort] or ["desc"]
        include_deleted = filters.deleted is not False
        if all_tenants:
            pool = self._all_every if include_deleted else self._all_live
        else:
            source = self._every if include_deleted else self._live
            pool = source.get(caller.project_id) or SortedList()
        if keys == ["created_at"] and len(set(dirs)) == 1:
            return self._walk(pool, filters, limit, mark, descending=dirs[0] == "desc")
        return self._sorted_page(pool, filters, limit, mark, keys, dirs)

    def _walk(self, pool: SortedList, filters: ServerFilters, limit: int,
              mark: Server | None, *, descending: bool) -> list[Server]:
        if descending:
            stop = pool.bisect_left(mark.key) if mark is not None else len(pool)
            keys: Iterator[tuple[int, int]] = pool.islice(0, stop, reverse=True)
        else:
            start = pool.bisect_right(mark.key) if mark is not None else 0
            keys = pool.islice(start, None)
        out: list[Server] = []
        now = self.cloud.clock.time()
        by_row = self._by_row
        for key in keys:
            server = by_row[key[1]]
            if server.pending is not None:
                self._settle(server, now)
            if filters.matches(server):
                out.append(server)
                if len(out) >= limit:
                    break
        return out

    def _sorted_page(self, pool: SortedList, filters: ServerFilters, limit: int,
                     mark: Server | None, keys: list[str], dirs: list[str]) -> list[Server]:
        first_dir = dirs[0] if dirs else "desc"
        for default in ("created_at", "id"):
            if default not in keys:
                keys = [*keys, default]
                dirs = [*dirs, first_dir]
        while len(dirs) < len(keys):
            dirs.append(first_dir)
        getters = [SORT_GETTERS.get(k, _no_value) for k in keys]

        def sort_key(s: Server) -> tuple[Any, ...]:
            parts: list[Any] = []
            for getter, direction in zip(getters, dirs, strict=True):
                value = getter(s)
                part = _Desc((value is not None, value)) if direction == "desc" else (
                    value is not None, value)
                parts.append(part)
            return tuple(parts)

        now = self.cloud.clock.time()
        candidates = [self._settle(self._by_row[k[1]], now) for k in pool]
        candidates = [s for s in candidates if filters.matches(s)]
        candidates.sort(key=sort_key)
        if mark is not None:
            mk = sort_key(self._settle(mark, now))
            candidates = [s for s in candidates if sort_key(s) > mk]
        return candidates[:limit]

    # -- dump ----------------------------------------------------------------------------------

    def dump(self) -> dict[str, Any]:
        """The compute state as JSON-able data (no private keys, passwords or user data)."""
        now = self.cloud.clock.time()
        return {
            "max_limit": self.max_limit,
            "build_time": self.build_time,
            "action_time": self.action_time,
            "quotas": {"default": dict(self.default_quotas), **self._quotas},
            "usage": {p: self.usage(p) for p in sorted(self._usage)},
            "flavors": sorted(self.flavors),
            "images": [{"id": i.id, "name": i.name, "status": i.status, "owner": i.owner}
                       for i in self.images.values()],
            "keypairs": {u: sorted(k) for u, k in self._keypairs.items()},
            "servers": [
                {"id": s.uuid, "name": s.name, "project_id": s.project_id,
                 "status": self._settle(s, now).status, "vm_state": s.vm_state,
                 "task_state": s.task_state, "flavor": s.flavor.id, "image": s.image_ref,
                 "created": _iso_seconds(s.created_at), "deleted": s.deleted,
                 "locked": s.locked_by is not None,
                 "fault": s.fault.message if s.fault else None}
                for s in self.servers.values()],
            "behaviors": [{"kind": b.kind, "times": b.times, "hits": b.hits}
                          for b in self.behaviors],
            "rate_limits": [{"verb": r.verb, "uri": r.uri, "value": r.value, "unit": r.unit}
                            for r in self.rate_limits],
        }


class _Desc:
    """Reverses the order of a value inside a sort key tuple."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Desc) -> bool:
        return bool(self.value > other.value)

    def __gt__(self, other: _Desc) -> bool:
        return bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)


def _no_value(server: Server) -> Any:
    return None



def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _regex(pattern: str | None) -> re.Pattern[str] | None:
    return None if pattern is None else re.compile(pattern)


def _at(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


def _hostname(name: str) -> str:
    text = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")
    return (text or "server")[:63]


def _canonical_uuid(value: str) -> str:
    import uuid as uuidlib

    return str(uuidlib.UUID(value))


def _check_flavor_image(flavor: Flavor, image: Image, volume_backed: bool) -> None:
    """`API._validate_flavor_image_nostatus`: memory and disk against the image."""
    if flavor.ram < image.min_ram:
        raise BadRequest("Flavor's memory is too small for requested image.")
    if volume_backed:
        return
    dest = flavor.disk * _GiB
    if dest:
        size = image.size or 0
        if size > dest:
            raise BadRequest(f"Flavor's disk is too small for requested image. Flavor disk "
                             f"is {dest} bytes, image is {size} bytes.")
        if image.min_disk * _GiB > dest:
            raise BadRequest(f"Flavor's disk is smaller than the minimum size specified in "
                             f"image metadata. Flavor disk is {dest} bytes, minimum size is "
                             f"{image.min_disk * _GiB} bytes.")


def _image_matches(image: Image, filters: Mapping[str, str]) -> bool:
    for key, value in filters.items():
        if key == "name" and image.name != value:
            return False
        if key == "status" and image.status != value.lower():
            return False
        if key == "server" and image.properties.get("instance_uuid") != value.rsplit("/", 1)[-1]:
            return False
        if key == "type" and image.properties.get("image_type") != value:
            return False
        if key == "minRam" and value.isdigit() and image.min_ram < int(value):
            return False
        if key == "minDisk" and value.isdigit() and image.min_disk < int(value):
            return False
    return True


def _ssh_string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def ssh_fingerprint(public_key: str) -> str | None:
    """The MD5 fingerprint of an OpenSSH public key, colon-separated, as Nova shows it;
    None when the text is not one.

    Example:
        >>> key = "ssh-ed25519 " + base64.b64encode(_ssh_string(b"ssh-ed25519") + bytes(36)
        ...                                         ).decode() + " me"
        >>> ssh_fingerprint(key)[:8], ssh_fingerprint("not a key")
        ('e4:ef:9c', None)
    """
    parts = public_key.strip().split()
    if len(parts) < 2:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (ValueError, TypeError):
        return None
    if len(blob) < 4:
        return None
    size = int.from_bytes(blob[:4], "big")
    if blob[4:4 + size].decode("ascii", "replace") != parts[0]:
        return None
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def _x509_print(certificate: str) -> str | None:
    if "BEGIN CERTIFICATE" not in certificate:
        return None
    digest = hashlib.sha1(certificate.encode(), usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 40, 2))


def iso_time(when: datetime) -> str:
    """Nova's `utils.isotime`: seconds and a literal `Z`."""
    return _iso_seconds(when)


def host_id(server: Server) -> str:
    """`utils.generate_hostid`: sha224 of project id + host, or "" without a host."""
    if not server.host:
        return ""
    return hashlib.sha224((server.project_id + server.host).encode()).hexdigest()
