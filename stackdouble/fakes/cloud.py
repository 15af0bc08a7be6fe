"""`FakeCloud`: all the state of one fake OpenStack, and its two transports.

In-process, `with FakeCloud() as cloud:` routes every `requests` call to the cloud's hosts
into its WSGI app; served, `cloud.serve()` runs the same app behind `fakes/server.py`'s HTTP
server. Services plug in as `Service` subclasses (`SERVICE_CLASSES`, or `register_service`).
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from stackdouble.fakes.blockstorage import BlockStorageService
from stackdouble.fakes.clock import FakeClock, format_iso
from stackdouble.fakes.compute import ComputeService
from stackdouble.fakes.control import ControlService
from stackdouble.fakes.faults import Fault, FaultSet
from stackdouble.fakes.http import FakeApp, Service
from stackdouble.fakes.identity import IdentityService
from stackdouble.fakes.identity.models import IdentityModel, Project
from stackdouble.fakes.identity.profiles import profile_named
from stackdouble.fakes.identity.rackspace import DEFAULT_REGION_KEY
from stackdouble.fakes.ids import IdGenerator
from stackdouble.fakes.image import ImageService
from stackdouble.fakes.links import Links
from stackdouble.fakes.networking import NetworkingService
from stackdouble.fakes.objectstorage import ObjectStorageService, SwiftConfig
from stackdouble.fakes.requestlog import RequestLog

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models import BlockStorageModel
    from stackdouble.fakes.compute.models import ComputeModel
    from stackdouble.fakes.image.models import ImageModel
    from stackdouble.fakes.networking.models import NetworkingModel
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel
    from stackdouble.fakes.persistence import Persistence
    from stackdouble.fakes.server import ServedCloud

__all__ = ["DEFAULT_BASE_URL", "SERVICE_CLASSES", "FakeCloud"]

#: Where an in-process cloud lives; the `.test` TLD never resolves.
DEFAULT_BASE_URL = "http://cloud.stackdouble.test"

#: The services every cloud mounts, identity first (later services rely on it).
SERVICE_CLASSES: tuple[type[Service], ...] = (
    IdentityService,
    ComputeService,
    ObjectStorageService,
    BlockStorageService,
    ImageService,
    NetworkingService,
    ControlService,
)

_R = TypeVar("_R")


class FakeCloud:
    """An in-memory OpenStack: Keystone (v3 and v2.0) today, with a catalog for Nova, Swift
    and Cinder, reachable in-process or over HTTP.

    Args:
        seed: Seed for every generated id and token; None differs per run. With a frozen
            clock the same seed gives the same ids and tokens.
        base_url: Where the cloud lives in-process (served, the server's URL replaces it).
        regions: Catalog regions; every service has public, internal and admin endpoints in
            each. None: the profile's (`RegionOne`; Rackspace's DFW, ORD, IAD).
        token_ttl: Token lifetime in seconds; None: the profile's (3600; Rackspace's 86400).
        identity_versions: Identity APIs to offer: `"v3"`, `"v2.0"` or both; None: all the
            profile offers (Rackspace offers only v2.0).
        profile: Whose identity the cloud answers as (`stackdouble.fakes.identity.profiles`):
            `"openstack"` (Keystone) or `"rackspace"` (Rackspace Cloud Identity v2.0: API-key
            logins scoped to the account's default tenant, a catalog under Rackspace's
            names in front of the same fake services).
        passthrough: In-process, let requests to other hosts reach the real network
            (otherwise they fail with a ConnectionError naming the host).
        clock: The clock; by default wall time plus an offset (see `FakeClock`).
        swift: Swift's middleware pipeline and storage policies (`SwiftConfig`); None for
            the default pipeline and the one `Policy-0`. Kept across `reset`.
        data_dir: A directory that keeps the cloud across restarts (README,
            "Persistence"): created 0700 if missing, it is restored from (same ids,
            tokens, objects and clock: `clock` only starts a new directory), and every
            request answered 2xx or 3xx is journaled
            there before its answer is sent. One cloud at a time may have it open. Changes
            made through the Python API (`cloud.compute...`) are kept at the first request
            and at `checkpoint()` or `close()`. A seed of None takes the directory's (a new
            directory picks one).
        fsync: With `data_dir`, flush each write's record to the disk before answering, so
            it survives the machine stopping (the default, False, hands it to the operating
            system, which keeps it if the process is killed).

    Attributes:
        identity: The Keystone model (`IdentityModel`): users, projects, roles, tokens.
        compute: The Nova model (`ComputeModel`): servers, flavors, images, keypairs,
            quotas, build time, faults.
        object_storage: The Swift model (`ObjectStorageModel`): accounts, containers,
            objects, constraints.
        image: The Glance model (`ImageModel`): images, their data, tags and members.
        networking: The Neutron model (`NetworkingModel`): networks, subnets, ports,
            security groups, quotas.
        block_storage: The Cinder model (`BlockStorageModel`): volumes, snapshots, volume
            types, attachments (shared with Nova), quotas.
        clock: The `FakeClock` all timestamps come from.
        links: The contract between the services (`stackdouble.fakes.links`): what each
            asks of another (Nova of Cinder's volumes, Cinder of the images), filled in by
            the services when they are mounted.
        requests: The `RequestLog` of requests received, secrets redacted.
        faults: The active faults (see `inject_fault`).
        lock: The `threading.RLock` every handler runs under.
        app: The WSGI application.
        persistence: The open data directory (`stackdouble.fakes.persistence.Persistence`),
            or None.

    Example:
        >>> import requests
        >>> with FakeCloud(seed=1) as cloud:
        ...     resp = requests.get(cloud.auth_url + "/v3")
        >>> resp.status_code, resp.json()["version"]["id"]
        (200, 'v3.14')
    """

    compute: ComputeModel
    object_storage: ObjectStorageModel
    block_storage: BlockStorageModel
    image: ImageModel
    networking: NetworkingModel

    def __init__(
        self,
        *,
        seed: int | None = None,
        base_url: str = DEFAULT_BASE_URL,
        regions: Sequence[str] | None = None,
        token_ttl: int | None = None,
        identity_versions: Sequence[str] | None = None,
        passthrough: bool = False,
        clock: FakeClock | None = None,
        profile: str = "openstack",
        swift: SwiftConfig | None = None,
        data_dir: str | os.PathLike[str] | None = None,
        fsync: bool = False,
    ) -> None:
        self.profile = profile_named(profile)
        regions = self.profile.regions if regions is None else regions
        token_ttl = self.profile.token_ttl if token_ttl is None else token_ttl
        offered = self.profile.identity_versions
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise TypeError("seed must be an int or None")
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base_url must be an http(s) URL, not {base_url!r}")
        if isinstance(regions, str) or not regions:
            raise ValueError("regions must be a non-empty sequence of names")
        versions = offered if identity_versions is None else tuple(identity_versions)
        if not versions or any(v not in offered for v in versions):
            raise ValueError(f"identity_versions must be some of {offered} (profile "
                             f"{self.profile.name!r}), not {versions}")
        if isinstance(token_ttl, bool) or not isinstance(token_ttl, int) or token_ttl <= 0:
            raise ValueError("token_ttl must be a positive number of seconds")
        self.base_url = base_url.rstrip("/")
        self.regions = tuple(regions)
        self.token_ttl = token_ttl
        self.identity_versions = versions
        self.passthrough = passthrough
        self.clock = clock if clock is not None else FakeClock()
        self.swift_config = swift if swift is not None else SwiftConfig()
        self.lock = threading.RLock()
        self._seed = seed
        self.ids = IdGenerator(seed)
        self.faults = FaultSet()
        self.requests = RequestLog()
        self.identity = IdentityModel(self)
        self.links = Links()
        self.services: dict[str, Service] = {}
        self.service_list: list[Service] = []
        self.root_paths: dict[str, Service] = {}
        self.app = FakeApp(self)
        self._transport_depth = 0
        for cls in SERVICE_CLASSES:
            if cls is IdentityService:
                cls = self.profile.identity_service
            self._mount(cls(self))
        self.reset()
        self.persistence: Persistence | None = None
        if data_dir is not None:
            from stackdouble.fakes.persistence import Persistence

            self.persistence = Persistence.attach(self, data_dir, fsync=fsync)

    # -- services ------------------------------------------------------------------------

    def _mount(self, service: Service) -> None:
        self.services[service.name] = service
        self.service_list = sorted(self.services.values(), key=lambda s: -len(s.prefix))
        self.root_paths = {path: svc for svc in self.services.values() for path in svc.root_paths}
        self.app.remount()
        links = Links()  # rebuilt whole, so a replaced service's parts go with it
        for mounted in self.services.values():
            mounted.provide(links)
        self.links = links

    def register_service(self, cls: type[Service]) -> Service:
        """Mount a service class (replacing any service of the same `name`) and reset it."""
        with self.lock:
            service = cls(self)
            self._mount(service)
            service.reset()
            return service

    @property
    def hosts(self) -> frozenset[str]:
        """The `host[:port]` names the in-process transport answers for, normalised as the
        transport normalises a request's URL (`stackdouble._interception.host_of`)."""
        from stackdouble._interception import host_of  # loads `responses`: in-process only

        return frozenset({host_of(self.base_url)})

    # -- state ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the default state: ids from the seed again, default identity and
        catalog, no faults, an empty request log. Keeps base_url, regions, seed and clock."""
        with self.lock:
            self.ids = IdGenerator(self._seed)
            self.faults.clear()
            self.requests.clear()
            for service in list(self.services.values()):
                service.reset()

    def seed(self, seed: int) -> None:
        """Reseed and reset, as if the cloud had been made with `FakeCloud(seed=seed)`."""
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError("seed must be an int")
        with self.lock:
            self._seed = seed
            self.reset()

    @property
    def seed_value(self) -> int | None:
        """The seed in use (None: random)."""
        return self._seed

    def dump(self) -> dict[str, Any]:
        """The whole state as JSON-able data, with no password, key, secret or token id."""
        with self.lock:
            out: dict[str, Any] = {
                "base_url": self.base_url,
                "regions": list(self.regions),
                "seed": self._seed,
                "profile": self.profile.name,
                "clock": {"now": format_iso(self.clock.now()), "ticking": self.clock.ticking},
                "identity_versions": list(self.identity_versions),
            }
            for name, service in self.services.items():
                dumped = service.dump()
                if dumped:
                    out[name] = dumped
            out["faults"] = [f.to_dict() for f in self.faults]
            out["requests"] = len(self.requests)
            clean: dict[str, Any] = json.loads(json.dumps(out, default=str))
            return clean

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, env: Mapping[str, str] | None = None,
                  **options: Any) -> FakeCloud:
        """A cloud with its defaults plus what the state file at `path` declares (README,
        "The state file"); `options` are `FakeCloud`'s.

        Raises:
            StateFileError: The file cannot be read, is not the format, or the cloud
                refuses an entry (a ValueError naming the file, line and problem).
        """
        cloud = cls(**options)
        cloud.load_state(path, env=env)
        return cloud

    def load_state(self, source: str | os.PathLike[str] | Mapping[str, Any], *,
                   env: Mapping[str, str] | None = None) -> dict[str, int]:
        """Add what a state file (a path) or document (a mapping) declares, through the
        services' own rules (`stackdouble.fakes.statefile.load_state`).

        Returns:
            How many entries each section made.

        Raises:
            StateFileError: As `from_file`; the entries before the failing one stay.
        """
        from stackdouble.fakes.statefile import load_state

        return load_state(self, source, env=env)

    def dump_state(self, *, include_secrets: bool = False) -> dict[str, Any]:
        """What the cloud holds beyond its defaults, as a state document that `load_state`
        reads back (`stackdouble.fakes.statefile.dump_state`). Secrets are written as
        `{env: STACKDOUBLE_...}` references unless `include_secrets`."""
        from stackdouble.fakes.statefile import dump_state

        return dump_state(self, include_secrets=include_secrets)

    def checkpoint(self) -> None:
        """Write the whole state to the data directory now (a snapshot; the journal starts
        afresh), so that changes made through the Python API are kept too.

        Raises:
            RuntimeError: The cloud has no data directory, or it was closed.
            JournalError: The snapshot could not be written.
        """
        if self.persistence is None or self.persistence.closed:
            raise RuntimeError("this cloud has no open data directory (FakeCloud(data_dir=...))")
        self.persistence.checkpoint()

    def close(self, *, checkpoint: bool = True) -> None:
        """Close the data directory, if any: checkpoint (unless `checkpoint` is False: the
        next open replays the journal, as after a crash), stop journaling and unlock it.
        The cloud goes on answering, in memory only. Idempotent."""
        if self.persistence is not None:
            self.persistence.close(checkpoint=checkpoint)

    def rebase(self, new_base_url: str) -> None:
        """Move the cloud to another base URL (the catalog follows)."""
        with self.lock:
            new = new_base_url.rstrip("/")
            self.identity.rebase(self.base_url, new)
            self.base_url = new

    # -- faults ---------------------------------------------------------------------------

    def inject_fault(
        self,
        method: str = "GET",
        path: str | re.Pattern[str] = "/compute/*",
        status: int | None = 503,
        times: int | None = 1,
        retry_after: float | None = None,
        latency: float = 0.0,
        body: Any = None,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> Fault:
        """Make matching requests fail (or wait) before the service sees them.

        Args:
            method: HTTP method, or `*` for any.
            path: A glob on the request path (`/compute/*`, `/identity/v3/auth/tokens`) or a
                compiled regex searched in it.
            status: The status to answer; None lets the request through after `latency`.
            times: How many requests it answers; None for ever. Faults match in the order
                added, so two faults queue ("fail twice, then succeed" is `times=2`).
            retry_after: Seconds for a `Retry-After` header (Nova also puts it in 413/429
                bodies as `retryAfter`).
            latency: Seconds to sleep, outside the cloud's lock, before answering.
            body: A body to answer with (bytes, str or JSON-able); None renders the
                service's own envelope (Keystone's `{"error": ...}`, Nova's
                `{"serviceUnavailable": ...}`, Swift's HTML...).
            headers: Extra response headers.

        Returns:
            The `Fault`: `hits` counts its uses, `remove()` takes it away.

        Raises:
            ValueError: An argument out of range.

        Example:
            >>> import requests
            >>> with FakeCloud() as cloud:
            ...     fault = cloud.inject_fault("GET", "/identity/v3", status=503, times=2,
            ...                                retry_after=1)
            ...     codes = [requests.get(cloud.auth_url + "/v3").status_code for _ in range(3)]
            >>> codes, fault.hits
            ([503, 503, 200], 2)
        """
        with self.lock:
            fault = Fault(self.faults.new_id(), method=method, path=path, status=status,
                          times=times, retry_after=retry_after, latency=latency, body=body,
                          headers=headers)
            return self.faults.add(fault)

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self.lock:
            self.faults.clear()

    # -- URLs and credentials -------------------------------------------------------------

    @property
    def auth_url(self) -> str:
        """The unversioned identity root (clients discover v3 there): `{base}/identity`."""
        return self.base_url + "/identity"

    @property
    def identity_v3_url(self) -> str:
        """`{base}/identity/v3`."""
        return self.base_url + "/identity/v3"

    @property
    def identity_v2_url(self) -> str:
        """`{base}/identity/v2.0`."""
        return self.base_url + "/identity/v2.0"

    def project_id(self, name: str, domain: str | None = None) -> str:
        """The id of a project by name (in `domain`, default Default).

        Raises:
            LookupError: No such project.
        """
        return self.identity.find_project(name, domain).id

    def user_id(self, name: str, domain: str | None = None) -> str:
        """The id of a user by name (in `domain`, default Default).

        Raises:
            LookupError: No such user.
        """
        return self.identity.find_user(name, domain).id

    def credentials(self, user: str = "demo", project: str | None = None) -> dict[str, Any]:
        """The login of a user: name, password (or API key), project and domain names.

        The project defaults to the user's default project, else the only project the user
        has a role on, else the project named like the user.

        Raises:
            LookupError: Unknown user or project.
        """
        with self.lock:
            identity = self.identity
            found = identity.find_user(user)
            proj: Project | None
            if project is not None:
                proj = identity.find_project(project)
            elif found.default_project_id:
                proj = identity.projects[found.default_project_id]
            else:
                mine = identity.projects_for_user(found.id)
                named = [p for p in mine if p.name == found.name]
                proj = mine[0] if len(mine) == 1 else (named[0] if named else None)
            return {
                "username": found.name,
                "password": found.password,
                "api_key": found.api_key,
                "project_name": proj.name if proj else None,
                "project_id": proj.id if proj else None,
                "user_domain_name": identity.domains[found.domain_id].name,
                "project_domain_name": identity.domains[proj.domain_id].name if proj else None,
                "region_name": found.extra.get(DEFAULT_REGION_KEY) or self.regions[0],
            }

    def clouds_yaml(self, name: str = "stackdouble", user: str = "demo",
                    project: str | None = None) -> str:
        """A clouds.yaml document for openstacksdk and the `openstack` CLI.

        Example:
            >>> print(FakeCloud().clouds_yaml().splitlines()[2])
              stackdouble:
        """
        creds = self.credentials(user, project)

        def q(value: Any) -> str:
            return json.dumps(value)

        lines = [
            "# clouds.yaml for stackdouble's fake cloud",
            "clouds:",
            f"  {name}:",
            "    auth:",
            f"      auth_url: {q(self.auth_url)}",
            f"      username: {q(creds['username'])}",
        ]
        version = "3" if "v3" in self.identity_versions else "2.0"
        api_key = self._logs_in_with_api_key(creds)
        if api_key:
            # Rackspace's API-key login, on v2.0 (see `os_environ`)
            lines += [f"      api_key: {q(creds['api_key'])}"]
            version = "2.0"
        else:
            lines += [f"      password: {q(creds['password'])}"]
        if creds["project_name"] and (project is not None or not self.profile.api_key_logins):
            lines += [f"      project_name: {q(creds['project_name'])}",
                      f"      project_domain_name: {q(creds['project_domain_name'])}"]
        if not self.profile.api_key_logins:
            lines += [f"      user_domain_name: {q(creds['user_domain_name'])}"]
        lines += [
            f"    region_name: {q(creds['region_name'])}",
            "    interface: public",
            f"    identity_api_version: {version}",
        ]
        if api_key:
            lines.append("    auth_type: rackspace_apikey")
        return "\n".join(lines) + "\n"

    def _logs_in_with_api_key(self, creds: Mapping[str, Any]) -> bool:
        """Whether a login uses the API key: always when the user has one on a profile of
        API-key logins (Rackspace), else only for a user without a password."""
        return creds["api_key"] is not None and (
            creds["password"] is None or self.profile.api_key_logins)

    def os_environ(self, user: str = "demo", project: str | None = None) -> dict[str, str]:
        """`OS_*` variables for the OpenStack tools, logging in as `user` (default demo) on
        its project (see `credentials`); the client reads them with
        `stackdouble.client.openstack.auth_options_from_env`.

        The identity version is v3 unless the cloud offers only v2.0. A user with an API key
        and no password gets Rackspace's `OS_AUTH_TYPE=rackspace_apikey` and `OS_API_KEY`,
        on v2.0 (the only version that takes `RAX-KSKEY:apiKeyCredentials`). On the
        Rackspace profile every user with an API key logs in so, with no project unless one
        is asked for (the token is scoped to the account's default tenant) and in the user's
        `RAX-AUTH:defaultRegion`.

        Example:
            >>> FakeCloud().os_environ()["OS_AUTH_URL"]
            'http://cloud.stackdouble.test/identity'
            >>> env = FakeCloud(profile="rackspace").os_environ()
            >>> env["OS_AUTH_TYPE"], env["OS_API_KEY"], env["OS_REGION_NAME"]
            ('rackspace_apikey', 'demo-api-key', 'DFW')
            >>> "OS_PROJECT_NAME" in env
            False
        """
        creds = self.credentials(user, project)
        env = {
            "OS_AUTH_URL": self.auth_url,
            "OS_AUTH_TYPE": "password",
            "OS_USERNAME": creds["username"],
            "OS_PASSWORD": creds["password"] or "",
            "OS_USER_DOMAIN_NAME": creds["user_domain_name"],
            "OS_REGION_NAME": creds["region_name"],
            "OS_INTERFACE": "public",
            "OS_IDENTITY_API_VERSION": "3" if "v3" in self.identity_versions else "2.0",
        }
        if self._logs_in_with_api_key(creds):
            del env["OS_PASSWORD"]
            env.update(OS_AUTH_TYPE="rackspace_apikey", OS_API_KEY=creds["api_key"],
                       OS_IDENTITY_API_VERSION="2.0")
        if self.profile.api_key_logins:
            del env["OS_USER_DOMAIN_NAME"]
        if creds["project_name"] and (project is not None or not self.profile.api_key_logins):
            env["OS_PROJECT_NAME"] = creds["project_name"]
            env["OS_PROJECT_DOMAIN_NAME"] = creds["project_domain_name"]
        return env

    # -- transports ------------------------------------------------------------------------

    def start(self) -> FakeCloud:
        """Route `requests` to this cloud in-process (nestable; pair with `stop`).

        Several clouds may be active at once if their base URLs differ.

        Raises:
            RuntimeError: Another active cloud already answers this cloud's host.
        """
        from stackdouble.fakes import transport

        with self.lock:
            if self._transport_depth == 0:
                transport.activate(self)
            self._transport_depth += 1
        return self

    def stop(self) -> None:
        """Undo one `start`; the last one stops answering (and, for the last active cloud,
        unpatches `requests`)."""
        from stackdouble.fakes import transport

        with self.lock:
            if self._transport_depth == 0:
                return
            self._transport_depth -= 1
            if self._transport_depth == 0:
                transport.deactivate(self)

    def __enter__(self) -> FakeCloud:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __call__(self, func: Callable[..., _R]) -> Callable[..., _R]:
        """Use the cloud as a decorator, as moto's `@mock_aws`: each call of `func` runs
        inside `with cloud:` on a fresh state.

        Fresh as moto's: the cloud is `reset()` when a call starts, unless the cloud is
        already active (a decorated helper called inside `with cloud:` or another decorated
        function shares that state). Unlike moto, nothing is wiped when the call ends, so
        the state stays for a look afterwards. A `cloud` parameter of `func` receives this
        cloud (unless the caller passes one) and is hidden from the wrapper's signature, so
        pytest does not look for a fixture of that name.

        Args:
            func: A plain (sync) function; coroutine functions and classes are refused.

        Returns:
            The wrapped function.

        Raises:
            TypeError: `func` is a class, a coroutine function or not callable.

        Example:
            >>> import requests
            >>> @FakeCloud(seed=1)
            ... def count_requests(cloud):
            ...     requests.get(cloud.auth_url + "/v3")
            ...     return len(cloud.requests)
            >>> count_requests(), count_requests()
            (1, 1)
        """
        if (
            inspect.isclass(func)
            or not callable(func)
            or inspect.iscoroutinefunction(func)
            or inspect.isasyncgenfunction(func)
        ):
            raise TypeError(
                f"FakeCloud decorates plain functions, not {func!r}; use `with cloud:` "
                "inside async code or a class's methods"
            )
        signature = inspect.signature(func)
        wants_cloud = "cloud" in signature.parameters

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> _R:
            with self.lock:
                if self._transport_depth == 0:
                    self.reset()
                self.start()
            try:
                if wants_cloud:
                    kwargs.setdefault("cloud", self)
                return func(*args, **kwargs)
            finally:
                self.stop()

        if wants_cloud:
            shown = [p for name, p in signature.parameters.items() if name != "cloud"]
            wrapper.__signature__ = signature.replace(parameters=shown)  # type: ignore[attr-defined]
        return wrapper

    def serve(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        threads: int = 8,
        idle_timeout: float | None = None,
        connection_limit: int | None = None,
        control_token: str | None = None,
    ) -> ServedCloud:
        """Serve the cloud over HTTP in a background thread; use as a context manager.

        Args:
            host: Address to bind (loopback by default).
            port: Port; 0 picks a free one. The catalog uses the real port.
            threads: How many requests may run at once (connections beyond wait).
            idle_timeout: Seconds before an idle keep-alive connection is closed; None for
                5 s (Apache's `KeepAliveTimeout`, in front of DevStack's APIs).
            connection_limit: Connections open at once (the longest-idle are closed to make
                room); None for 1000, or half the open-file limit if lower.
            control_token: What `/_stackdouble/` requires as `Authorization: Bearer
                <token>`; None leaves it open on loopback and picks a random one
                (`served.control_token`) on any other address. In-process requests never
                need it.

        Raises:
            ValueError: A limit is not positive, or the control token is not printable ASCII.
            OSError: The address cannot be bound.

        Example:
            >>> import requests
            >>> cloud = FakeCloud()
            >>> with cloud.serve() as served:
            ...     status = requests.get(served.url + "/identity/v3").status_code
            >>> status
            200
        """
        from stackdouble.fakes.server import ServedCloud

        return ServedCloud(self, host, port, threads=threads, idle_timeout=idle_timeout,
                           connection_limit=connection_limit, control_token=control_token)

    def __repr__(self) -> str:
        return f"<FakeCloud {self.base_url} seed={self._seed}>"
