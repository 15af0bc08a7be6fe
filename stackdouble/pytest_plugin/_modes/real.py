"""Live and record modes: the test talks to a real cloud named in clouds.yaml; record also
writes every exchange to the test's cassette, scrubbed."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from stackdouble.pytest_plugin._context import ModeClock, UsageProblem
from stackdouble.pytest_plugin._modes.base import Mode

if TYPE_CHECKING:
    import requests

    from stackdouble.cassettes import Recorder
    from stackdouble.client import AuthOptions, EndpointOpts, ProviderClient
    from stackdouble.client.config import CloudConfig

__all__ = ["LiveMode", "RecordMode"]

#: Service types the metadata of a recording keeps endpoint options for.
SERVICE_TYPES = ("identity", "compute", "object-store", "block-storage", "image")


class LiveMode(Mode):
    """Requests go to the clouds.yaml cloud (`--openstack-cloud`, or the marker's `cloud=`),
    with its TLS settings and timeout; waits take real time."""

    name = "live"
    uses_clouds_yaml = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cloud_config: CloudConfig | None = None

    def cloud_config(self) -> CloudConfig:
        """The test's clouds.yaml cloud (loaded once).

        Raises:
            UsageProblem: No such cloud, or its configuration is not usable.
        """
        if self._cloud_config is None:
            marked = self.options.get("cloud")
            self._cloud_config = self.settings.cloud_config(
                marked or self.settings.cloud,
                "@pytest.mark.openstack(cloud=...)" if marked else None)
        return self._cloud_config

    def _install(self, stack: contextlib.ExitStack) -> None:
        """Nothing: requests go to the real cloud, unguarded."""

    def _configure(self, session: requests.Session, config: CloudConfig | None) -> None:
        config = config or self.cloud_config()
        session.verify = config.verify
        if config.cert is not None:
            session.cert = config.cert

    def auth_options(self) -> AuthOptions:
        """The clouds.yaml cloud's authentication."""
        return self.cloud_config().auth_options

    def _provider_config(self) -> CloudConfig:
        return self.cloud_config()

    def _make_clock(self) -> ModeClock:
        import time

        return ModeClock(time.sleep, time.monotonic)

    def login(self, user: str | None = None, cloud: str | None = None) -> ProviderClient:
        """The clouds.yaml cloud `cloud` (default the test's); `user` is ignored.

        Raises:
            UsageProblem: No such cloud, or it refused the login (the message names the
                cloud, its file and what to check).
        """
        from stackdouble.client import StackdoubleError

        config = (self.settings.cloud_config(cloud, "openstack_login(cloud=...)") if cloud
                  else self.cloud_config())
        self._note_login(config.auth_options)
        try:
            return self._authenticate(config.auth_options, config)
        except StackdoubleError as exc:
            problem = self._login_problem(exc, config.auth_options, config)
            if problem is None:
                raise
            raise UsageProblem(problem) from exc

    def _login_problem(self, exc: Exception, opts: AuthOptions,
                       config: CloudConfig | None) -> str | None:
        from stackdouble.client import HTTPError, TransportError

        if config is None or not isinstance(exc, (HTTPError, TransportError)):
            return None
        who = f"user {opts.username!r}" if opts.username else f"{opts.auth_method} credentials"
        tried = (f"stackdouble: cannot log in to cloud {config.name!r} (from {config.source}) "
                 f"as {who} at {opts.identity_endpoint}:\n  {exc}\n")
        status = getattr(exc, "status", None)
        if status == 401:
            return tried + (f"Check the credentials of cloud {config.name!r} in "
                            f"{config.source} (auth.username, auth.password or the "
                            "application credential; secure.yaml if you keep them there), or "
                            "name another cloud with --openstack-cloud.")
        if isinstance(exc, TransportError):
            return tried + (f"Check that the cloud is up and auth.auth_url of cloud "
                            f"{config.name!r} in {config.source} is reachable from here.")
        return tried + f"Check cloud {config.name!r} in {config.source}."

    def _note_login(self, opts: AuthOptions) -> None:
        """Called with each `openstack_login`'s options before it authenticates."""

    def endpoint_opts(self, service_type: str) -> EndpointOpts:
        """The clouds.yaml cloud's region and interface."""
        return self.cloud_config().endpoint_opts_for(service_type)


class RecordMode(LiveMode):
    """Live mode, with every exchange written to the test's cassette: secrets scrubbed,
    hosts and ids normalised, and the authentication, logins and endpoint options noted in
    its metadata so replay can do the same.

    Attributes:
        recorder: The test's recorder, once started.
    """

    name = "record"
    scrubs = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.recorder: Recorder | None = None
        self._note: tuple[str, str] | None = None

    def _install(self, stack: contextlib.ExitStack) -> None:
        from stackdouble.cassettes import Recorder

        config = self.cloud_config()
        metadata = {"endpoints": {t: _endpoint_meta(config.endpoint_opts_for(t))
                                  for t in SERVICE_TYPES}}
        self.recorder = Recorder(self.cassette_path, policy=self.policy,
                                 auth_options=config.auth_options, metadata=metadata)
        self.recorder.start()
        stack.callback(self._stop_recording)

    def _stop_recording(self) -> None:
        """Stop the recorder; write the cassette if the test passed (or the record mode is
        `rewrite`), and with `new_episodes` only if the test sent a request the cassette
        does not hold."""
        assert self.recorder is not None
        path = str(self.recorder.path)
        mode = self.record_mode
        existed = self.recorder.path.is_file()
        cassette = self.recorder.stop(write=False)
        if not self.test_passed and mode != "rewrite":
            what = ("not written: the test did not pass, and the cassette there was left as "
                    "it was" if existed else "not written: the test did not pass")
            self._note = (what + " (--openstack-record-mode=rewrite writes it anyway)", path)
            return
        if mode == "new_episodes" and existed and _holds_every_request(path, cassette):
            self._note = ("unchanged: the cassette already holds every request", path)
            return
        self.recorder.write()
        self._note = ("written" if self.test_passed else "written although the test did "
                      "not pass (--openstack-record-mode=rewrite)", path)

    def record_note(self) -> tuple[str, str] | None:
        """What happened to the test's cassette, once the recorder stopped."""
        return self._note

    def _note_login(self, opts: AuthOptions) -> None:
        if self.recorder is not None:
            self.recorder.add_login(opts)

    def cassette(self) -> Recorder | None:
        """The recorder (`path`; `cassette` once written)."""
        return self.recorder


def _holds_every_request(path: str, recorded: Any) -> bool:
    """Whether the cassette at `path` holds each request of `recorded` at least as many times
    (compared as replay matches them); False if it cannot be read."""
    from collections import Counter

    from stackdouble.cassettes import CassetteError, ReplayIndex, load_cassette

    try:
        old = load_cassette(path)
    except CassetteError:
        return False
    had = Counter(ReplayIndex(old).keys)
    sent = Counter(ReplayIndex(recorded).keys)
    return all(had[key] >= count for key, count in sent.items())


def _endpoint_meta(opts: EndpointOpts) -> dict[str, Any]:
    out: dict[str, Any] = {"availability": str(opts.availability)}
    if opts.region:
        out["region"] = opts.region
    if opts.name:
        out["name"] = opts.name
    return out
