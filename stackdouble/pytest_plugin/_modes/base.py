"""`Mode`: the one interface the plugin's fixtures talk to, whatever the test's mode.

A mode is chosen once per test (`stackdouble.pytest_plugin._modes.mode_class`) and made
lazily, by the first `openstack_*` fixture that needs it. This class holds what every mode
shares (the test's settings and marker options, its sessions, the cached provider and clock,
the undo stack); each subclass says where requests go and how to log in.

Nothing here imports the client, the fakes, vcrpy or yaml at module level: each mode imports
what it needs when a test first uses it.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from stackdouble.pytest_plugin._context import (
    CloudPool,
    ModeClock,
    Settings,
    UsageProblem,
    cassette_path,
    record_mode_of,
)

if TYPE_CHECKING:
    import requests

    from stackdouble.cassettes import Recorder, ReplayIndex, ScrubPolicy
    from stackdouble.client import AuthOptions, EndpointOpts, ProviderClient
    from stackdouble.client.config import CloudConfig
    from stackdouble.fakes import FakeCloud

__all__ = ["Mode"]


class Mode(ABC):
    """Everything one test's `openstack_*` fixtures share, for one mode.

    Args:
        settings: The session's settings.
        options: The test's marker options.
        nodeid: The test's node id (names its cassette).
        pool: The worker's fake-cloud pool.
        policy: What to scrub beyond the built-in rules (None unless `scrubs`).
        cloud_options: Keyword arguments for the fake cloud (`FakeCloud(**cloud_options)`,
            from the `openstack_fake_cloud_options` fixture); only modes with a cloud use
            them.

    Attributes:
        name: The mode's name, as `--openstack-mode` spells it.
        scrubs: Whether the mode takes the `openstack_scrub_policy` fixture.
        has_cloud: Whether the mode has a fake cloud (`openstack_cloud`).
        uses_clouds_yaml: Whether the mode talks to a clouds.yaml cloud (checked at startup).
        started: Whether `start` ran.
        test_passed: Set by the plugin before `close`: whether the test's call passed (a
            recording is kept only then, unless the record mode is `rewrite`).
    """

    name: ClassVar[str]
    scrubs: ClassVar[bool] = False
    has_cloud: ClassVar[bool] = False
    uses_clouds_yaml: ClassVar[bool] = False

    def __init__(self, *, settings: Settings, options: Mapping[str, Any], nodeid: str,
                 pool: CloudPool, policy: ScrubPolicy | None,
                 cloud_options: Mapping[str, Any] | None = None) -> None:
        self.settings = settings
        self.cloud_options = dict(cloud_options or {})
        self.options = dict(options)
        self.nodeid = nodeid
        self.pool = pool
        self.policy = policy
        self.started = False
        self.test_passed = False
        self._stack = contextlib.ExitStack()
        self._sessions: list[requests.Session] = []
        self._provider: ProviderClient | None = None
        self._clock: ModeClock | None = None
        self._cassette_path: Path | None = None

    @property
    def cassette_path(self) -> Path:
        """The test's cassette (worked out on first use: fake mode never needs it)."""
        if self._cassette_path is None:
            self._cassette_path = cassette_path(self.settings.cassette_dir, self.nodeid,
                                                self.options.get("cassette"))
        return self._cassette_path

    @property
    def record_mode(self) -> str | None:
        """The test's record mode (`none`... `rewrite`), or None in fake and live modes."""
        return record_mode_of(self.settings, self.name)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Install what the mode needs before any request (network guard, replayer,
        recorder); undone by `close`.

        Raises:
            UsageProblem: The cloud cannot be loaded (record, live).
            CassetteError: The cassette is missing or corrupt (replay).
        """
        self.started = True
        self._install(self._stack)

    @abstractmethod
    def _install(self, stack: contextlib.ExitStack) -> None:
        """Enter what the mode needs on `stack`."""

    def close(self) -> None:
        """Undo everything, in reverse: sessions, then what `start` and the fixtures
        installed (cloud, recorder writing the cassette, replayer, network guard); and let go
        of the provider, so a long session does not keep every test's."""
        try:
            self._provider = None
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        finally:
            self._stack.close()

    # -- what the fixtures hand out --------------------------------------------------------

    def cloud(self) -> FakeCloud:
        """The test's fake cloud; only modes with `has_cloud` have one.

        Raises:
            UsageProblem: This mode has no fake cloud.
        """
        raise UsageProblem(f"--openstack-mode={self.name} has no fake cloud")

    def session(self, config: CloudConfig | None = None) -> requests.Session:
        """A fresh Session set up for the mode (`config`: the clouds.yaml cloud whose TLS
        settings apply, in record and live), closed with the mode."""
        import requests

        session = requests.Session()
        self._configure(session, config)
        self._sessions.append(session)
        return session

    @abstractmethod
    def _configure(self, session: requests.Session, config: CloudConfig | None) -> None:
        """Set up a new session for the mode."""

    @abstractmethod
    def auth_options(self) -> AuthOptions:
        """How this mode's provider authenticates."""

    def clock(self) -> ModeClock:
        """How this mode waits (made once per test)."""
        if self._clock is None:
            self._clock = self._make_clock()
        return self._clock

    @abstractmethod
    def _make_clock(self) -> ModeClock:
        """The mode's clock."""

    def provider(self) -> ProviderClient:
        """The test's authenticated provider (made once); its retries wait on `clock()`."""
        if self._provider is None:
            from stackdouble.client import StackdoubleError

            opts = self.auth_options()
            try:
                self._provider = self._authenticate(opts, self._provider_config())
            except StackdoubleError as exc:
                problem = self._login_problem(exc, opts, self._provider_config())
                if problem is None:
                    raise
                raise UsageProblem(problem) from exc
        return self._provider

    def _login_problem(self, exc: Exception, opts: AuthOptions,
                       config: CloudConfig | None) -> str | None:
        """What to tell the user when a login fails (what was tried, what to do), or None
        to let the client's error through as it is."""
        return None

    def _provider_config(self) -> CloudConfig | None:
        """The clouds.yaml cloud of the test's provider (None: no clouds.yaml)."""
        return None

    def _authenticate(self, opts: AuthOptions, config: CloudConfig | None) -> ProviderClient:
        """A provider authenticated over HTTP, with the timeout and TLS settings of
        `config`."""
        from stackdouble.client.openstack import authenticated_client

        timeout = config.api_timeout if config is not None else None
        return authenticated_client(opts, session=self.session(config), timeout=timeout,
                                    sleep=self.clock().sleep)

    @abstractmethod
    def login(self, user: str | None = None, cloud: str | None = None) -> ProviderClient:
        """Another authenticated provider for this test (`openstack_login`).

        Args:
            user: The fake user (fake mode).
            cloud: The clouds.yaml cloud (record, live).

        Raises:
            UsageProblem: No such cloud (record, live).
            CassetteError: The recording made fewer logins (replay).
        """

    @abstractmethod
    def endpoint_opts(self, service_type: str) -> EndpointOpts:
        """Where to find a service in the catalog, in this mode."""

    def cassette(self) -> ReplayIndex | Recorder | None:
        """The test's cassette object (`openstack_cassette`): None unless replaying or
        recording."""
        return None

    # -- after the test --------------------------------------------------------------------

    def drift(self) -> tuple[str | None, list[list[str]]] | None:
        """Drift findings, `(cassette path or None when missing, findings)`; None when the
        mode does not compare or nothing was sent."""
        return None

    def record_note(self) -> tuple[str, str] | None:
        """`(what happened, cassette path)` for the end-of-run summary of recordings, or
        None when the mode records nothing."""
        return None

    def unplayed_problem(self) -> str | None:
        """Why a passed test still fails because of its cassette (replay with
        `--openstack-require-all-played`: interactions left unused); None by default."""
        return None

    def swallowed_problem(self) -> str | None:
        """A failure the test hid (replay: an unmatched request it caught), reported when
        the test otherwise passed; None by default."""
        return None
