"""Fake mode, and drift: the test runs on the worker's in-process `FakeCloud`.

`DriftMode` (`--openstack-drift`) is fake mode that also captures the fake's answers and
compares them with the test's cassette at teardown.
"""

from __future__ import annotations

import contextlib
import functools
from typing import TYPE_CHECKING, Any

from stackdouble.pytest_plugin._context import DEFAULT_SEED, ModeClock
from stackdouble.pytest_plugin._modes.base import Mode

if TYPE_CHECKING:
    import requests

    from stackdouble.cassettes import Interaction
    from stackdouble.client import AuthOptions, EndpointOpts, ProviderClient
    from stackdouble.client.config import CloudConfig
    from stackdouble.fakes import FakeCloud

__all__ = ["DriftMode", "FakeMode"]


@functools.lru_cache(maxsize=64)
def _login(env: tuple[tuple[str, str], ...]) -> AuthOptions:
    """`auth_options_from_env` over a fake's `OS_*` variables, once per distinct set (the
    options are frozen, and parsing them costs more than the rest of a test's set-up)."""
    from stackdouble.client.openstack import auth_options_from_env

    return auth_options_from_env(dict(env))


def _options(cloud: FakeCloud, user: str) -> AuthOptions:
    return _login(tuple(sorted(cloud.os_environ(user).items())))


class FakeMode(Mode):
    """Requests go to a fresh in-process `FakeCloud` (from the worker's pool); other hosts
    are blocked. The provider's token comes straight from the fake's Keystone, as if
    `POST /v3/auth/tokens` had answered, so a test does not pay an authentication request
    (bench/plugin_overhead.py); a 401 later still reauthenticates over HTTP."""

    name = "fake"
    has_cloud = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cloud: FakeCloud | None = None

    def _install(self, stack: contextlib.ExitStack) -> None:
        from stackdouble.pytest_plugin._network import loopback_only

        stack.enter_context(loopback_only(self.name))

    def cloud(self) -> FakeCloud:
        """The test's fake cloud, active in-process; released to the pool at `close`."""
        if self._cloud is None:
            seed = self.options.get("seed")
            self._cloud = self.pool.acquire(DEFAULT_SEED if seed is None else seed,
                                            self.cloud_options)
            self._stack.callback(self._release_cloud)
        return self._cloud

    def _release_cloud(self) -> None:
        if self._cloud is not None:
            cloud, self._cloud = self._cloud, None
            self.pool.release(cloud)

    def _configure(self, session: requests.Session, config: CloudConfig | None) -> None:
        session.trust_env = False  # nothing leaves the process: proxies do not apply

    def auth_options(self) -> AuthOptions:
        """The test's fake user (the marker's `user=`, else `demo`) at the fake's Keystone."""
        from dataclasses import replace

        cloud = self.cloud()
        opts = _options(cloud, self.options.get("user") or "demo")
        return replace(opts, identity_endpoint=self._identity_endpoint(cloud))

    def _identity_endpoint(self, cloud: FakeCloud) -> str:
        return cloud.identity_v3_url

    def _make_clock(self) -> ModeClock:
        fake = self.cloud().clock
        return ModeClock(fake.advance, fake.time)

    def _authenticate(self, opts: AuthOptions, config: CloudConfig | None) -> ProviderClient:
        """A provider holding a token issued by the fake's Keystone directly."""
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
        """The fake user `user` (default `admin`); `cloud` is ignored."""
        from dataclasses import replace

        fake = self.cloud()
        opts = replace(_options(fake, user or "admin"), identity_endpoint=fake.identity_v3_url)
        return self._authenticate(opts, None)

    def endpoint_opts(self, service_type: str) -> EndpointOpts:
        """The fake cloud's first region."""
        from stackdouble.client import EndpointOpts

        return EndpointOpts(region=self.cloud().regions[0])


class DriftMode(FakeMode):
    """Fake mode comparing the fake's answers with the test's cassette (`--openstack-drift`).

    It authenticates over HTTP, the way the recording did (at the recorded identity path),
    so the token request is compared too; every session captures its exchanges.

    Attributes:
        observed: The exchanges sent so far, as interactions.
        unread: Indexes in `observed` of streamed responses, whose bodies were not read.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.observed: list[Interaction] = []
        self.unread: set[int] = set()

    def session(self, config: CloudConfig | None = None) -> requests.Session:
        """A fresh Session that captures its exchanges for the comparison."""
        session = super().session(config)
        session.hooks["response"].append(self._observe)
        return session

    def _identity_endpoint(self, cloud: FakeCloud) -> str:
        recorded = self._recorded_auth_path()
        return cloud.identity_v3_url if recorded is None else cloud.base_url + recorded

    def _recorded_auth_path(self) -> str | None:
        from urllib.parse import urlsplit

        from stackdouble.cassettes import CassetteError, load_cassette

        try:
            auth = load_cassette(self.cassette_path).stackdouble.get("auth") or {}
        except CassetteError:
            return None
        url = auth.get("identity_endpoint") if isinstance(auth, dict) else None
        return urlsplit(url).path if isinstance(url, str) else None

    def _authenticate(self, opts: AuthOptions, config: CloudConfig | None) -> ProviderClient:
        return Mode._authenticate(self, opts, config)  # over HTTP, to compare the exchange

    def _observe(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        from stackdouble.cassettes import Interaction, RecordedRequest, RecordedResponse

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
