"""Replay mode: the test's cassette answers every request, by index; nothing leaves the
process."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from stackdouble.pytest_plugin._context import ModeClock
from stackdouble.pytest_plugin._modes.base import Mode

if TYPE_CHECKING:
    import requests

    from stackdouble.cassettes import ReplayIndex
    from stackdouble.client import AuthOptions, EndpointOpts, ProviderClient
    from stackdouble.client.config import CloudConfig

__all__ = ["ReplayMode"]

#: How many unused interactions a failure lists before "... and N more".
_LISTED = 10


class ReplayMode(Mode):
    """Requests are answered from the test's cassette; the provider authenticates as the
    recording did, logins come in the recorded order, waits use a virtual clock.

    Attributes:
        replay: The indexed cassette, once started.
    """

    name = "replay"
    scrubs = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.replay: ReplayIndex | None = None
        self._logins = 0

    def _install(self, stack: contextlib.ExitStack) -> None:
        from stackdouble.cassettes import Replayer, ReplayIndex, ScrubPolicy, load_cassette
        from stackdouble.pytest_plugin._network import loopback_only

        stack.enter_context(loopback_only(self.name))
        cassette = load_cassette(self.cassette_path)
        self.replay = ReplayIndex(cassette, match_body=self.settings.match_body,
                                  policy=self.policy or ScrubPolicy())
        stack.enter_context(Replayer(self.replay))

    def _index(self) -> ReplayIndex:
        assert self.replay is not None, "ReplayMode used before start()"
        return self.replay

    def _configure(self, session: requests.Session, config: CloudConfig | None) -> None:
        session.trust_env = False  # nothing leaves the process: proxies do not apply

    def auth_options(self) -> AuthOptions:
        """The recorded authentication (`metadata.stackdouble.auth`)."""
        return self._recorded_auth(self._index().cassette.stackdouble.get("auth"), "auth")

    def _recorded_auth(self, auth: Any, what: str) -> AuthOptions:
        """Auth options from recorded metadata, their secret redacted as in the cassette."""
        from dataclasses import fields

        from stackdouble._secrets import REDACTED
        from stackdouble.cassettes import CassetteError
        from stackdouble.client import AuthOptions
        from stackdouble.client._options import SECRET_FIELDS

        if not isinstance(auth, dict) or not auth.get("identity_endpoint"):
            raise CassetteError(
                f"{self.cassette_path}: the cassette does not say how it authenticated (no "
                f"metadata.stackdouble.{what}); record it with --openstack-mode=record to use "
                "it in replay", self.cassette_path)
        known = {f.name for f in fields(AuthOptions)}
        kwargs = {k: v for k, v in auth.items() if k in known}
        field_name = SECRET_FIELDS.get(str(auth.get("auth_method")))
        if field_name:
            kwargs[field_name] = REDACTED
        return AuthOptions(**kwargs)

    def _make_clock(self) -> ModeClock:
        return ModeClock.virtual()

    def login(self, user: str | None = None, cloud: str | None = None) -> ProviderClient:
        """The recording's next login, in the order made; `user` and `cloud` are ignored."""
        recorded = self._index().cassette.stackdouble.get("logins")
        made = self._logins
        if not isinstance(recorded, list) or made >= len(recorded):
            from stackdouble.cassettes import CassetteError

            raise CassetteError(
                f"{self.cassette_path}: the test logs in {made + 1} time(s) with "
                f"openstack_login, the recording {len(recorded or [])}; record it again",
                self.cassette_path)
        opts = self._recorded_auth(recorded[made], "logins")
        self._logins += 1
        return self._authenticate(opts, None)

    def endpoint_opts(self, service_type: str) -> EndpointOpts:
        """The endpoint options the recording noted for the service (else the defaults)."""
        from stackdouble.client import Availability, EndpointOpts

        endpoints = self._index().cassette.stackdouble.get("endpoints") or {}
        meta = endpoints.get(service_type) if isinstance(endpoints, dict) else None
        if not isinstance(meta, dict):
            return EndpointOpts()
        return EndpointOpts(region=meta.get("region"), name=meta.get("name"),
                            availability=Availability(meta.get("availability", "public")))

    def cassette(self) -> ReplayIndex | None:
        """The indexed cassette (`play_count`, `all_played`, `path`)."""
        return self.replay

    def _login_problem(self, exc: Exception, opts: AuthOptions,
                       config: CloudConfig | None) -> str | None:
        """A cassette that recorded a refused login was recorded from a failing run."""
        index = self._index()
        failed = [i for i, item in enumerate(index.cassette.interactions)
                  if item.request.uri.rstrip("/").endswith(("/auth/tokens", "/tokens"))
                  and item.request.method == "POST" and item.response.status >= 400]
        if not failed:
            return None
        status = index.cassette.interactions[failed[0]].response.status
        return (f"stackdouble replay: {self.cassette_path} recorded the login failing "
                f"({status}, interaction {failed[0]}): it holds the recording of a failed run, "
                f"not of this test passing.\n  {exc}\nRecord it again against a cloud that "
                "accepts the login: --openstack-record-mode=rewrite --openstack-cloud NAME "
                "(record modes once and all keep a failed test's recording out of its "
                "cassette).")

    def unplayed_problem(self) -> str | None:
        """With `--openstack-require-all-played`: the interactions the test left unused."""
        if not self.settings.require_all_played or self.replay is None:
            return None
        unused = self.replay.unplayed()
        if not unused:
            return None
        lines = [f"stackdouble replay: the test passed but played {len(self.replay) - len(unused)}"
                 f" of the {len(self.replay)} interactions in {self.cassette_path}; "
                 f"never played:"]
        lines += [f"  {self.replay.describe(i)}" for i in unused[:_LISTED]]
        if len(unused) > _LISTED:
            lines.append(f"  ... and {len(unused) - _LISTED} more")
        lines.append("The test now sends fewer requests than when it was recorded: record it "
                     "again (--openstack-record-mode=rewrite), or drop "
                     "--openstack-require-all-played (ini openstack_require_all_played).")
        return "\n".join(lines)

    def swallowed_problem(self) -> str | None:
        """The first unmatched request, if the test caught its error."""
        if self.replay is None or not self.replay.unmatched:
            return None
        return ("replay: the test passed, but swallowed an unmatched request:\n"
                + str(self.replay.unmatched[0]))
