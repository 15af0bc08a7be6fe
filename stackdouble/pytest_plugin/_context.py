"""What the plugin's fixtures share: settings, the per-test context, the fake-cloud pool.

Nothing here imports the client, the fakes, vcrpy or yaml at module level: each mode imports
what it needs when a test first asks for an `openstack_*` fixture.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import requests

    from stackdouble.cassettes import Interaction, Recorder, ReplayIndex, ScrubPolicy
    from stackdouble.client import AuthOptions, EndpointOpts, ProviderClient
    from stackdouble.client.config import CloudConfig
    from stackdouble.fakes import FakeCloud

__all__ = ["MODES", "CloudPool", "ModeClock", "OpenStackContext", "Settings", "cassette_path"]

#: The modes, in the order `--openstack-mode` lists them.
MODES = ("fake", "replay", "record", "live")

#: Keyword arguments `@pytest.mark.openstack(...)` accepts.
MARKER_KEYS = frozenset({"mode", "cassette", "user", "seed", "cloud"})

#: Service types the metadata of a recording keeps endpoint options for.
SERVICE_TYPES = ("identity", "compute", "object-store", "block-storage")

#: The fake cloud's seed when the marker gives none: ids are the same on every run.
DEFAULT_SEED = 0

_UNSAFE = re.compile(r"[<>?%*:|\"'/\\\x00-\x1f\x7f]")
_NAME_MAX = 255


class UsageProblem(ValueError):
    """A setting or marker the plugin cannot use (reported as a usage error or a test error)."""


class Settings:
    """The session's settings, from the command line over the ini file (a plain class: the
    plugin is imported by every pytest run, so it defines no dataclasses).

    Attributes:
        mode: The default mode.
        cloud: The clouds.yaml cloud for record and live, or None for openstacksdk's choice.
        cassette_dir: Where cassettes live.
        drift_report: Where to write the drift report; None when not comparing.
        secret_headers: Extra secret header names.
        secret_keys: Extra secret JSON/query/form keys.
        match_body: Whether replay matches request bodies.
    """

    __slots__ = ("cassette_dir", "cloud", "clouds", "drift_report", "match_body", "mode",
                 "secret_headers", "secret_keys")

    def __init__(self, *, mode: str = "fake", cloud: str | None = None,
                 cassette_dir: Path = Path("cassettes"), drift_report: Path | None = None,
                 secret_headers: tuple[str, ...] = (), secret_keys: tuple[str, ...] = (),
                 match_body: bool = True) -> None:
        self.mode = mode
        self.cloud = cloud
        self.cassette_dir = cassette_dir
        self.drift_report = drift_report
        self.secret_headers = secret_headers
        self.secret_keys = secret_keys
        self.match_body = match_body
        self.clouds: dict[str, Any] = {}

    def cloud_config(self, name: str | None) -> CloudConfig:
        """The clouds.yaml cloud (cached for the session).

        Raises:
            UsageProblem: No such cloud, or its configuration is not usable.
        """
        key = name or ""
        if key not in self.clouds:
            from stackdouble.client import StackdoubleError
            from stackdouble.client.config import load_cloud

            try:
                self.clouds[key] = load_cloud(name)
            except StackdoubleError as exc:
                which = f"--openstack-cloud {name}" if name else "the default cloud"
                raise UsageProblem(f"stackdouble: cannot use {which}: {exc}") from exc
        config: CloudConfig = self.clouds[key]
        return config


def sanitise(name: str) -> str:
    """A file name from a test name, as pytest-recording makes it: unsafe characters become
    `-`, and a name too long for the file system is cut and given an MD5 suffix.

    Example:
        >>> sanitise("test_x[a/b:c]")
        'test_x[a-b-c]'
        >>> len(sanitise("t" * 400).encode()) <= 250
        True
    """
    clean = _UNSAFE.sub("-", name)
    if clean in (".", ".."):
        clean = clean.replace(".", "-")
    limit = _NAME_MAX - len(".yaml")
    if len(clean.encode("utf-8")) <= limit:
        return clean
    import hashlib

    digest = hashlib.md5(name.encode("utf-8"), usedforsecurity=False).hexdigest()
    head = clean.encode("utf-8")[: limit - len(digest) - 1].decode("utf-8", "ignore")
    return f"{head}-{digest}"


def cassette_path(cassette_dir: Path, nodeid: str, name: str | None = None) -> Path:
    """The cassette of a test: `<dir>/<test file path without .py>/<Class.test[id]>.yaml`.

    Args:
        cassette_dir: The cassette directory.
        nodeid: The test's node id, relative to the rootdir.
        name: A name from the marker (`cassette=`); relative names are under the directory.

    Example:
        >>> cassette_path(Path("cassettes"), "tests/test_a.py::TestB::test_c[x/y]").as_posix()
        'cassettes/tests/test_a/TestB.test_c[x-y].yaml'
    """
    if name:
        given = Path(name)
        if not given.suffix:
            given = given.with_suffix(".yaml")
        return given if given.is_absolute() else cassette_dir / given
    file_part, _, test_part = nodeid.partition("::")
    file_path = Path(file_part)
    if file_path.suffix == ".py":
        file_path = file_path.with_suffix("")
    dirs = [sanitise(part) for part in file_path.parts if part not in ("", "/")]
    test_name = sanitise(test_part.replace("::", ".") or file_path.name)
    return cassette_dir.joinpath(*dirs, f"{test_name}.yaml")


def marker_options(marks: Sequence[Any]) -> dict[str, Any]:
    """The merged keyword arguments of `openstack` marks, closest first.

    Raises:
        UsageProblem: An unknown keyword, positional arguments, or a bad value.
    """
    merged: dict[str, Any] = {}
    for mark in marks:
        if mark.args:
            raise UsageProblem("@pytest.mark.openstack takes keyword arguments only "
                               f"({', '.join(sorted(MARKER_KEYS))})")
        unknown = set(mark.kwargs) - MARKER_KEYS
        if unknown:
            raise UsageProblem(f"@pytest.mark.openstack: unknown argument(s) "
                               f"{', '.join(sorted(unknown))}; it takes "
                               f"{', '.join(sorted(MARKER_KEYS))}")
        for key, value in mark.kwargs.items():
            merged.setdefault(key, value)
    mode = merged.get("mode")
    if mode is not None and mode not in MODES:
        raise UsageProblem(f"@pytest.mark.openstack(mode={mode!r}): the mode must be one of "
                           f"{', '.join(MODES)}")
    seed = merged.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise UsageProblem(f"@pytest.mark.openstack(seed={seed!r}): the seed must be an int")
    for key in ("cassette", "user", "cloud"):
        if merged.get(key) is not None and not isinstance(merged[key], (str, os.PathLike)):
            raise UsageProblem(f"@pytest.mark.openstack({key}=...): must be a string")
    return merged


class CloudPool:
    """One `FakeCloud` per worker, reset for each test instead of rebuilt.

    A test gets the cloud reseeded (default state, ids from the seed again, no faults, an
    empty request log) with a new clock. A cloud whose shape the test changed (base URL,
    regions, services...) or left active or served is dropped and a new one built.
    """

    def __init__(self) -> None:
        self._idle: FakeCloud | None = None
        self._shape: tuple[Any, ...] = ()
        self.built = 0

    @staticmethod
    def _shape_of(cloud: FakeCloud) -> tuple[Any, ...]:
        return (cloud.base_url, cloud.regions, cloud.token_ttl, cloud.identity_versions,
                cloud.passthrough,
                tuple(sorted((name, type(svc)) for name, svc in cloud.services.items())))

    def acquire(self, seed: int) -> FakeCloud:
        """A clean cloud with `seed`, answering `requests` in-process."""
        from stackdouble.fakes import FakeClock, FakeCloud

        cloud, self._idle = self._idle, None
        if cloud is None or self._shape_of(cloud) != self._shape:
            cloud = FakeCloud(seed=seed)
            self._shape = self._shape_of(cloud)
            self.built += 1
        else:
            cloud.clock = FakeClock()
            cloud.seed(seed)
        cloud.start()
        return cloud

    def release(self, cloud: FakeCloud) -> None:
        """Take the cloud back after a test."""
        from stackdouble.fakes.transport import active_clouds

        cloud.stop()
        if cloud in active_clouds() or self._shape_of(cloud) != self._shape:
            while cloud in active_clouds():
                cloud.stop()
            return  # left in a state reset cannot undo: build a new one next time
        self._idle = cloud


class OpenStackContext:
    """Everything one test's `openstack_*` fixtures share, created on first use.

    Args:
        mode: The test's mode.
        settings: The session's settings.
        options: The test's marker options.
        nodeid: The test's node id (names its cassette).
        pool: The worker's fake-cloud pool.
        policy: What to scrub beyond the built-in rules.
    """

    def __init__(self, *, mode: str, settings: Settings, options: Mapping[str, Any],
                 nodeid: str, pool: CloudPool, policy: ScrubPolicy | None) -> None:
        self.mode = mode
        self.settings = settings
        self.options = dict(options)
        self.nodeid = nodeid
        self.pool = pool
        self.policy = policy
        self.replay: ReplayIndex | None = None
        self.recorder: Recorder | None = None
        # Drift compares what the fake answers with the test's cassette; a test pinned to
        # fake mode has no cassette by design.
        drifting = settings.drift_report is not None and options.get("mode") != "fake"
        self.observed: list[Interaction] | None = [] if drifting else None
        self.unread: set[int] = set()
        self._cloud: FakeCloud | None = None
        self._provider: ProviderClient | None = None
        self._sessions: list[requests.Session] = []
        self._stack = contextlib.ExitStack()
        self._cloud_config: CloudConfig | None = None
        self._clock: ModeClock | None = None
        self.started = False
        self._cassette_path: Path | None = None
        self._logins = 0

    @property
    def cassette_path(self) -> Path:
        """The test's cassette (worked out on first use: fake mode never needs it)."""
        if self._cassette_path is None:
            self._cassette_path = cassette_path(self.settings.cassette_dir, self.nodeid,
                                                self.options.get("cassette"))
        return self._cassette_path

    # -- setup ---------------------------------------------------------------------------

    def start(self) -> None:
        """Install what the mode needs before any request: the network guard (fake, replay),
        the replayer (replay) or the recorder (record).

        Raises:
            UsageProblem: The cloud cannot be loaded (record, live).
            CassetteError: The cassette is missing or corrupt (replay).
        """
        self.started = True
        if self.mode in ("fake", "replay"):
            from stackdouble.pytest_plugin._network import loopback_only

            self._stack.enter_context(loopback_only(self.mode))
        if self.mode == "replay":
            from stackdouble.cassettes import (
                Replayer,
                ReplayIndex,
                ScrubPolicy,
                load_cassette,
            )

            cassette = load_cassette(self.cassette_path)
            self.replay = ReplayIndex(cassette, match_body=self.settings.match_body,
                                      policy=self.policy or ScrubPolicy())
            self._stack.enter_context(Replayer(self.replay))
        elif self.mode == "record":
            from stackdouble.cassettes import Recorder

            config = self.cloud_config()
            metadata = {"endpoints": {t: _endpoint_meta(config.endpoint_opts_for(t))
                                      for t in SERVICE_TYPES}}
            self.recorder = Recorder(self.cassette_path, policy=self.policy,
                                     auth_options=config.auth_options, metadata=metadata)
            self.recorder.start()
            self._stack.callback(self.recorder.stop)

    def cloud_config(self) -> CloudConfig:
        """The clouds.yaml cloud of record and live modes."""
        if self._cloud_config is None:
            self._cloud_config = self.settings.cloud_config(
                self.options.get("cloud") or self.settings.cloud)
        return self._cloud_config

    # -- what the fixtures hand out ------------------------------------------------------

    def cloud(self) -> FakeCloud:
        """The test's fake cloud (fake mode only), active in-process."""
        if self._cloud is None:
            seed = self.options.get("seed")
            self._cloud = self.pool.acquire(DEFAULT_SEED if seed is None else seed)
        return self._cloud

    def session(self, config: CloudConfig | None = None) -> requests.Session:
        """A fresh Session: proxies ignored in fake and replay (nothing leaves the process);
        TLS settings from clouds.yaml (`config`, else the test's cloud) in record and live;
        capturing traffic for drift."""
        import requests

        session = requests.Session()
        if self.mode in ("fake", "replay"):
            session.trust_env = False
        else:
            config = config or self.cloud_config()
            session.verify = config.verify
            if config.cert is not None:
                session.cert = config.cert
        if self.observed is not None:
            session.hooks["response"].append(self._observe)
        self._sessions.append(session)
        return session

    def auth_options(self) -> AuthOptions:
        """How this mode's provider authenticates."""
        from dataclasses import replace

        if self.mode == "fake":
            cloud = self.cloud()
            opts = cloud.auth_options(self.options.get("user") or "demo")
            endpoint = cloud.identity_v3_url
            recorded = self._recorded_auth_url()
            if recorded is not None:  # drift: authenticate the way the recording did
                endpoint = cloud.base_url + recorded
            return replace(opts, identity_endpoint=endpoint)
        if self.mode == "replay":
            return self._replay_auth_options()
        return self.cloud_config().auth_options

    def _recorded_auth_url(self) -> str | None:
        if self.observed is None:
            return None
        from urllib.parse import urlsplit

        from stackdouble.cassettes import CassetteError, load_cassette

        try:
            auth = load_cassette(self.cassette_path).stackdouble.get("auth") or {}
        except CassetteError:
            return None
        url = auth.get("identity_endpoint") if isinstance(auth, dict) else None
        return urlsplit(url).path if isinstance(url, str) else None

    def _replay_auth_options(self, auth: Any = None, what: str = "auth") -> AuthOptions:
        """The recorded authentication (`metadata.stackdouble.auth`, or `auth` given), its
        secrets redacted as in the cassette."""
        from dataclasses import fields

        from stackdouble.cassettes import CassetteError
        from stackdouble.client import AuthOptions
        from stackdouble.client._scrub import REDACTED

        assert self.replay is not None
        if auth is None:
            auth = self.replay.cassette.stackdouble.get("auth")
        if not isinstance(auth, dict) or not auth.get("identity_endpoint"):
            raise CassetteError(
                f"{self.cassette_path}: the cassette does not say how it authenticated (no "
                f"metadata.stackdouble.{what}); record it with --openstack-mode=record to use "
                "it in replay", self.cassette_path)
        known = {f.name for f in fields(AuthOptions)}
        kwargs = {k: v for k, v in auth.items() if k in known}
        secret = {"password": "password", "api_key": "api_key", "token": "token_id",
                  "application_credential": "application_credential_secret"}
        field_name = secret.get(str(auth.get("auth_method")))
        if field_name:
            kwargs[field_name] = REDACTED
        return AuthOptions(**kwargs)

    def clock(self) -> ModeClock:
        """How this mode waits: the fake cloud's clock (fake), a virtual clock that never
        sleeps (replay), or real time (record, live)."""
        if self._clock is None:
            if self.mode == "fake":
                fake = self.cloud().clock
                self._clock = ModeClock(fake.advance, fake.time)
            elif self.mode == "replay":
                self._clock = ModeClock.virtual()
            else:
                import time

                self._clock = ModeClock(time.sleep, time.monotonic)
        return self._clock

    def provider(self) -> ProviderClient:
        """The test's authenticated provider; its retries wait on `clock()`.

        In fake mode (without drift) the token comes straight from the fake's Keystone, as if
        `POST /v3/auth/tokens` had answered, so a test does not pay an authentication request
        (bench/plugin_overhead.py); a 401 later still reauthenticates over HTTP.
        """
        if self._provider is None and self.mode == "fake" and self.observed is None:
            self._provider = self._fake_provider(self.auth_options())
        if self._provider is None:
            from stackdouble.client.openstack import authenticated_client

            opts = self.auth_options()
            timeout = None
            if self.mode in ("record", "live"):
                timeout = self.cloud_config().api_timeout
            self._provider = authenticated_client(opts, session=self.session(),
                                                  timeout=timeout, sleep=self.clock().sleep)
        return self._provider

    def _fake_provider(self, opts: AuthOptions) -> ProviderClient:
        from stackdouble.client.openstack import install_v3_token, new_client
        from stackdouble.client.openstack.identity.v3 import tokens

        cloud = self.cloud()
        provider = new_client(opts.identity_endpoint, session=self.session(),
                              sleep=self.clock().sleep)
        token_id = cloud.identity.issue_token(opts.username or "demo",
                                              project=opts.project_name)
        body = cloud.identity.token_body(token_id)
        install_v3_token(provider, tokens.CreateResult(body, {"X-Subject-Token": token_id}, 201),
                         opts)
        return provider

    def login(self, user: str | None = None, cloud: str | None = None) -> ProviderClient:
        """Another authenticated provider for this test: the fake user `user` (fake mode,
        default `admin`), the clouds.yaml cloud `cloud` (record and live, default the
        test's cloud), or the next login the recording made (replay, in order).

        Raises:
            UsageProblem: No such cloud (record, live).
            CassetteError: The recording made fewer logins (replay).
        """
        from dataclasses import replace

        from stackdouble.client.openstack import authenticated_client

        session_config = None
        if self.mode == "fake":
            fake = self.cloud()
            opts = replace(fake.auth_options(user or "admin"),
                           identity_endpoint=fake.identity_v3_url)
            if self.observed is None:
                return self._fake_provider(opts)
        elif self.mode == "replay":
            assert self.replay is not None
            recorded = self.replay.cassette.stackdouble.get("logins")
            made = self._logins
            if not isinstance(recorded, list) or made >= len(recorded):
                from stackdouble.cassettes import CassetteError

                raise CassetteError(
                    f"{self.cassette_path}: the test logs in {made + 1} time(s) with "
                    f"openstack_login, the recording {len(recorded or [])}; record it again",
                    self.cassette_path)
            opts = self._replay_auth_options(recorded[made], "logins")
        else:
            session_config = self.settings.cloud_config(cloud or self.options.get("cloud")
                                                        or self.settings.cloud)
            opts = session_config.auth_options
            if self.recorder is not None:
                self.recorder.add_login(opts)
        self._logins += 1
        timeout = session_config.api_timeout if session_config is not None else None
        return authenticated_client(opts, session=self.session(session_config),
                                    timeout=timeout, sleep=self.clock().sleep)

    def endpoint_opts(self, service_type: str) -> EndpointOpts:
        """Where to find a service in the catalog, in this mode."""
        from stackdouble.client import Availability, EndpointOpts

        if self.mode == "fake":
            return EndpointOpts(region=self.cloud().regions[0])
        if self.mode == "replay":
            assert self.replay is not None
            endpoints = self.replay.cassette.stackdouble.get("endpoints") or {}
            meta = endpoints.get(service_type) if isinstance(endpoints, dict) else None
            if not isinstance(meta, dict):
                return EndpointOpts()
            return EndpointOpts(region=meta.get("region"), name=meta.get("name"),
                                availability=Availability(meta.get("availability", "public")))
        return self.cloud_config().endpoint_opts_for(service_type)

    # -- drift ---------------------------------------------------------------------------

    def _observe(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        from stackdouble.cassettes import Interaction, RecordedRequest, RecordedResponse

        assert self.observed is not None
        prepared = response.request
        # Hooks run before requests reads the body; reading a streamed one here would leave
        # the test an empty stream, so its body is left out of the comparison.
        streamed = bool(kwargs.get("stream"))
        if streamed:
            self.unread.add(len(self.observed))
        body = prepared.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):
            body = None
        self.observed.append(Interaction(
            request=RecordedRequest(method=str(prepared.method), uri=str(prepared.url),
                                    headers=list(prepared.headers.items()), body=body),
            response=RecordedResponse(status=response.status_code,
                                      reason=str(response.reason or ""),
                                      headers=list(response.headers.items()),
                                      body=b"" if streamed else (response.content or b"")),
        ))

    def drift(self) -> tuple[str | None, list[list[str]]] | None:
        """`(cassette path or None when missing, findings)`, or None when nothing was sent."""
        if not self.observed:
            return None
        from stackdouble.cassettes import CassetteError, compare_interactions, load_cassette

        try:
            cassette = load_cassette(self.cassette_path)
        except CassetteError:
            return None, []
        findings = compare_interactions(cassette.interactions, self.observed,
                                        unread=self.unread)
        return str(self.cassette_path), [f.to_json() for f in findings]

    # -- teardown ------------------------------------------------------------------------

    def close(self) -> None:
        """Undo everything, in reverse: sessions, cloud, recorder (writes the cassette),
        replayer, network guard; and let go of the provider, so a long session does not
        keep every test's."""
        try:
            self._provider = None
            for session in self._sessions:
                session.close()
            self._sessions.clear()
            if self._cloud is not None:
                cloud, self._cloud = self._cloud, None
                self.pool.release(cloud)
        finally:
            self._stack.close()


class ModeClock:
    """`sleep` and `clock` for the client's waits (`wait_for_status(..., sleep=, clock=)`)
    and retries, right for the mode.

    Attributes:
        sleep: Waits a number of seconds (or moves a fake or virtual clock).
        clock: Monotonic seconds on the same clock.

    Example:
        >>> clock = ModeClock.virtual()
        >>> clock.sleep(30); clock.clock()
        30.0
    """

    __slots__ = ("clock", "sleep")

    def __init__(self, sleep: Any, clock: Any) -> None:
        self.sleep = sleep
        self.clock = clock

    @classmethod
    def virtual(cls) -> ModeClock:
        """A clock that only moves when slept on (replay: responses come in recorded order
        whatever the time, so waiting would only slow the test)."""
        now = [0.0]

        def sleep(seconds: float) -> None:
            now[0] += max(0.0, float(seconds))

        return cls(sleep, lambda: now[0])

    def __repr__(self) -> str:
        return f"<ModeClock at {self.clock():.1f}>"


def _endpoint_meta(opts: EndpointOpts) -> dict[str, Any]:
    out: dict[str, Any] = {"availability": str(opts.availability)}
    if opts.region:
        out["region"] = opts.region
    if opts.name:
        out["name"] = opts.name
    return out


def iter_marks(node: Any) -> Iterator[Any]:
    """The node's `openstack` marks, closest first."""
    yield from node.iter_markers("openstack")
