"""Live and record modes: the test talks to a real cloud named in clouds.yaml; record also
writes every exchange to the test's cassette, scrubbed."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from stackdouble.pytest_plugin._context import ModeClock
from stackdouble.pytest_plugin._modes.base import Mode

if TYPE_CHECKING:
    import requests

    from stackdouble.cassettes import Recorder
    from stackdouble.client import AuthOptions, EndpointOpts, ProviderClient
    from stackdouble.client.config import CloudConfig

__all__ = ["LiveMode", "RecordMode"]

#: Service types the metadata of a recording keeps endpoint options for.
SERVICE_TYPES = ("identity", "compute", "object-store", "block-storage")


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
            self._cloud_config = self.settings.cloud_config(
                self.options.get("cloud") or self.settings.cloud)
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
        """The clouds.yaml cloud `cloud` (default the test's); `user` is ignored."""
        config = self.settings.cloud_config(cloud or self.options.get("cloud")
                                            or self.settings.cloud)
        self._note_login(config.auth_options)
        return self._authenticate(config.auth_options, config)

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

    def _install(self, stack: contextlib.ExitStack) -> None:
        from stackdouble.cassettes import Recorder

        config = self.cloud_config()
        metadata = {"endpoints": {t: _endpoint_meta(config.endpoint_opts_for(t))
                                  for t in SERVICE_TYPES}}
        self.recorder = Recorder(self.cassette_path, policy=self.policy,
                                 auth_options=config.auth_options, metadata=metadata)
        self.recorder.start()
        stack.callback(self.recorder.stop)

    def _note_login(self, opts: AuthOptions) -> None:
        if self.recorder is not None:
            self.recorder.add_login(opts)

    def cassette(self) -> Recorder | None:
        """The recorder (`path`; `cassette` once written)."""
        return self.recorder


def _endpoint_meta(opts: EndpointOpts) -> dict[str, Any]:
    out: dict[str, Any] = {"availability": str(opts.availability)}
    if opts.region:
        out["region"] = opts.region
    if opts.name:
        out["name"] = opts.name
    return out
