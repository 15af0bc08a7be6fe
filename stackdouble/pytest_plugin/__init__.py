"""The pytest plugin: one test body runs on the fake cloud, on replay, or against a real cloud.

Installed with stackdouble (the `pytest11` entry point); nothing to import in a conftest.
A test asks for a provider or a service client, and the mode decides where they point:

    from stackdouble.client.openstack.identity.v3 import projects

    def test_my_project_is_demo(openstack_provider, openstack_identity):
        project_id = openstack_provider.auth_result.extract_project().id
        assert projects.get(openstack_identity, project_id).extract().name == "demo"

Modes (`--openstack-mode`, or `openstack_mode` in the ini file; default `fake`):

- `fake`: a fresh in-process `FakeCloud` per test (no sockets).
- `record`: the real cloud named by `--openstack-cloud` (clouds.yaml), every exchange
  written to the test's cassette, secrets scrubbed and hosts and ids normalised.
- `replay`: the test's cassette answers every request, by index; nothing leaves the process.
- `live`: the real cloud, nothing recorded.

In fake and replay modes a connection to a non-loopback host fails the test. Tests that do
not use the `openstack_*` fixtures are not affected by the plugin in any mode.

Fixtures: `openstack_mode`, `openstack_cloud`, `openstack_provider`, `openstack_login`,
`openstack_identity`, `openstack_compute`, `openstack_object_storage`,
`openstack_block_storage`, `openstack_clock`, `openstack_cassette`, `openstack_scrub_policy`.
Marker:
`@pytest.mark.openstack(mode=..., cassette=..., user=..., seed=..., cloud=...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from stackdouble.pytest_plugin._context import (
    MODES,
    CloudPool,
    ModeClock,
    Settings,
    UsageProblem,
    marker_options,
)
from stackdouble.pytest_plugin._drift_report import DRIFT_PROPERTY, DriftCollector
from stackdouble.pytest_plugin._modes import Mode, mode_class

if TYPE_CHECKING:
    from stackdouble.cassettes import Recorder, ReplayIndex, ScrubPolicy
    from stackdouble.client import ProviderClient, ServiceClient
    from stackdouble.fakes import FakeCloud

__all__ = [
    "MODES",
    "openstack_block_storage",
    "openstack_cassette",
    "openstack_clock",
    "openstack_cloud",
    "openstack_compute",
    "openstack_identity",
    "openstack_login",
    "openstack_mode",
    "openstack_object_storage",
    "openstack_provider",
    "openstack_scrub_policy",
]

_SETTINGS = pytest.StashKey[Settings]()
_POOL = pytest.StashKey[CloudPool]()
_CONTEXT = pytest.StashKey[Mode]()
_CALL_FAILED = pytest.StashKey[bool]()


# -- options and markers -----------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    """The `--openstack-*` options and their ini keys."""
    group = parser.getgroup("openstack", "stackdouble: OpenStack fakes, cassettes and clouds")
    group.addoption(
        "--openstack-mode", choices=MODES, default=None, dest="openstack_mode",
        help="where openstack_* fixtures point: fake (in-process FakeCloud, the default), "
             "replay (the test's cassette), record (a real cloud, writing cassettes) or live "
             "(a real cloud). Ini: openstack_mode.")
    group.addoption(
        "--openstack-cloud", default=None, metavar="NAME", dest="openstack_cloud",
        help="the clouds.yaml cloud for record and live modes (default: $OS_CLOUD, or the "
             "only cloud defined). Ini: openstack_cloud.")
    group.addoption(
        "--openstack-cassette-dir", default=None, metavar="DIR", dest="openstack_cassette_dir",
        help="where cassettes are read and written (default: cassettes/ in the rootdir). "
             "Ini: openstack_cassette_dir.")
    group.addoption(
        "--openstack-drift", nargs="?", const="openstack-drift.md", default=None,
        metavar="REPORT", dest="openstack_drift",
        help="run the tests in fake mode and compare the fake's responses with each test's "
             "cassette (status, headers that matter, JSON shape); write a Markdown report to "
             "REPORT (default: openstack-drift.md).")
    parser.addini("openstack_mode", "default --openstack-mode", default="fake")
    parser.addini("openstack_cloud", "default --openstack-cloud", default="")
    parser.addini("openstack_cassette_dir", "default --openstack-cassette-dir, relative to "
                  "the rootdir", default="cassettes")
    parser.addini("openstack_secret_headers", "more header names whose values are scrubbed "
                  "from cassettes", type="linelist", default=[])
    parser.addini("openstack_secret_keys", "more JSON/query/form keys whose values are "
                  "scrubbed from cassettes", type="linelist", default=[])
    parser.addini("openstack_replay_match_body", "whether replay matches request bodies "
                  "(JSON compared canonically); default true", type="bool", default=True)


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker and check the settings (a bad mode or cloud is a usage error)."""
    config.addinivalue_line(
        "markers",
        "openstack(mode=None, cassette=None, user=None, seed=None, cloud=None): pin this "
        "test's openstack mode (fake/replay/record/live), name its cassette (relative to the "
        "cassette dir), the fake user to log in as (demo), the fake cloud's seed (0), or the "
        "clouds.yaml cloud for record/live.")
    settings = _settings_from(config)
    config.stash[_SETTINGS] = settings
    config.stash[_POOL] = CloudPool()
    if mode_class(settings, {}).uses_clouds_yaml:
        try:
            settings.cloud_config(settings.cloud)
        except UsageProblem as exc:
            raise pytest.UsageError(str(exc)) from None
    if settings.drift_report is not None:
        config.pluginmanager.register(DriftCollector(config, settings.drift_report),
                                      "stackdouble-drift")


def _settings_from(config: pytest.Config) -> Settings:
    mode = config.getoption("openstack_mode") or str(config.getini("openstack_mode")).strip()
    if mode not in MODES:
        raise pytest.UsageError(f"openstack_mode = {mode!r} in the ini file: the mode must be "
                                f"one of {', '.join(MODES)}")
    cloud = config.getoption("openstack_cloud") or str(config.getini("openstack_cloud")).strip()
    given_dir = config.getoption("openstack_cassette_dir")
    if given_dir:
        cassette_dir = config.invocation_params.dir / Path(given_dir)
    else:
        cassette_dir = config.rootpath / Path(str(config.getini("openstack_cassette_dir")))
    drift = config.getoption("openstack_drift")
    return Settings(
        mode=mode,
        cloud=cloud or None,
        cassette_dir=cassette_dir,
        drift_report=config.invocation_params.dir / Path(drift) if drift else None,
        secret_headers=tuple(config.getini("openstack_secret_headers")),
        secret_keys=tuple(config.getini("openstack_secret_keys")),
        match_body=bool(config.getini("openstack_replay_match_body")),
    )


def _mode_of(node: pytest.Item, settings: Settings) -> type[Mode]:
    """The class of the test's mode (chosen once, from its markers and the settings).

    Raises:
        UsageProblem: A bad marker.
    """
    return mode_class(settings, marker_options(list(node.iter_markers("openstack"))))


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def openstack_mode(request: pytest.FixtureRequest) -> str:
    """The mode this test runs in: `fake`, `replay`, `record` or `live`.

    The marker's `mode=` wins over `--openstack-mode`; `--openstack-drift` runs every test in
    fake mode.
    """
    try:
        return _mode_of(request.node, request.config.stash[_SETTINGS]).name
    except UsageProblem as exc:
        problem = str(exc)
    pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="session")
def _openstack_cloud_pool(request: pytest.FixtureRequest) -> CloudPool:
    """The worker's reusable fake cloud (built once, reset per test); for the plugin's tests."""
    return request.config.stash[_POOL]


@pytest.fixture
def openstack_scrub_policy(request: pytest.FixtureRequest) -> ScrubPolicy:
    """What recording scrubs beyond the built-in rules: the `openstack_secret_headers` and
    `openstack_secret_keys` ini keys. Override it in a conftest to add literal values:

        @pytest.fixture
        def openstack_scrub_policy():
            return ScrubPolicy(values=[os.environ["MY_SECRET"]])
    """
    from stackdouble.cassettes import ScrubPolicy

    settings = request.config.stash[_SETTINGS]
    return ScrubPolicy(headers=settings.secret_headers, keys=settings.secret_keys)


@pytest.fixture
def _openstack_context(request: pytest.FixtureRequest) -> Iterator[Mode]:
    """The test's mode object (the state its fixtures share), created by the first
    openstack_* fixture that needs it and started by `_started` (so a test that
    `openstack_cloud` skips never loads a cassette).

    The public fixtures reach the test through this one rather than each taking `request`:
    pytest builds a fixture definition for `request` each time a fixture asks for it, which
    costs a test about 0.1 ms (bench/plugin_overhead.py).
    """
    item: pytest.Item = request.node
    settings = request.config.stash[_SETTINGS]
    problem = None
    try:
        options = marker_options(list(item.iter_markers("openstack")))
        mode = mode_class(settings, options)
    except UsageProblem as exc:
        problem = str(exc)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    # Only recording and replay scrub; fake mode skips the fixture (and its import).
    policy = request.getfixturevalue("openstack_scrub_policy") if mode.scrubs else None
    context = mode(settings=settings, options=options, nodeid=item.nodeid,
                   pool=request.config.stash[_POOL], policy=policy)
    item.stash[_CONTEXT] = context
    try:
        yield context
    finally:
        _finish(item, context)


def _started(context: Mode) -> Mode:
    """The mode with its guard, replayer or recorder installed (once)."""
    if context.started:
        return context
    from stackdouble.cassettes import CassetteError

    problem = None
    try:
        context.start()
    except (UsageProblem, CassetteError) as exc:
        problem = _explain(exc)
    except BaseException:
        context.close()
        raise
    if problem is not None:
        context.close()
        pytest.fail(problem, pytrace=False)
    return context


def _explain(exc: Exception) -> str:
    from stackdouble.cassettes import CassetteNotFound

    if isinstance(exc, CassetteNotFound):
        return (f"{exc.path}: no cassette for this test, and --openstack-mode=replay needs "
                "one; record it with --openstack-mode=record --openstack-cloud NAME")
    return str(exc)


def _finish(item: pytest.Item, context: Mode) -> None:
    del item.stash[_CONTEXT]
    if not context.started:
        return
    drift = context.drift()
    if drift is not None:
        item.user_properties.append((DRIFT_PROPERTY, list(drift)))
    from stackdouble.cassettes import CassetteError

    problem = None
    try:
        context.close()
    except CassetteError as exc:
        problem = str(exc)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    if not item.stash.get(_CALL_FAILED, False):
        swallowed = context.swallowed_problem()
        if swallowed is not None:
            pytest.fail(swallowed, pytrace=False)


@pytest.fixture
def openstack_cloud(_openstack_context: Mode) -> FakeCloud:
    """A fresh `FakeCloud` for this test, answering `requests` in-process.

    Seeded (the marker's `seed=`, else 0), with a new clock, no faults and an empty request
    log; built once per worker and reset for each test. Only in fake mode: in other modes a
    test that asks for it is skipped (pin it with `@pytest.mark.openstack(mode="fake")`).
    """
    if not _openstack_context.has_cloud:
        mode = _openstack_context.name
        pytest.skip(f"uses the fake cloud (openstack_cloud), which --openstack-mode={mode} "
                    "does not have; pin it with @pytest.mark.openstack(mode='fake') to run it "
                    "in every mode")
    return _started(_openstack_context).cloud()


@pytest.fixture
def openstack_provider(_openstack_context: Mode) -> ProviderClient:
    """An authenticated `ProviderClient` in this test's mode.

    fake: the `demo` user (or the marker's `user=`) on the fake cloud, at `/identity/v3`.
    record, live: the clouds.yaml cloud (`--openstack-cloud`, or the marker's `cloud=`).
    replay: the same authentication as the recording, answered from the cassette.
    """
    return _started(_openstack_context).provider()


@pytest.fixture
def openstack_login(_openstack_context: Mode) -> Callable[..., ProviderClient]:
    """Log in again, as someone else, in this test's mode: `openstack_login(user=..., cloud=...)`
    returns another authenticated `ProviderClient`.

    fake: the fake user `user` (default `admin`). record, live: the clouds.yaml cloud
    `cloud` (default the test's). replay: the recording's logins, in the order made; their
    secrets were scrubbed from the cassette like the provider's. Service clients come from
    the `openstack.new_*` constructors:

        from stackdouble.client import EndpointOpts
        from stackdouble.client.openstack import new_identity_v3, new_block_storage_v3

        def test_admin_sees_more(openstack_login, openstack_identity):
            admin = openstack_login(user="admin", cloud="mycloud-admin")
            admin_identity = new_identity_v3(admin)
            admin_volumes = new_block_storage_v3(admin, EndpointOpts(region="RegionOne"))

    Raises (as a test failure): no such cloud, or more logins than the recording made.
    """
    context = _started(_openstack_context)

    def login(*, user: str | None = None, cloud: str | None = None) -> ProviderClient:
        from stackdouble.cassettes import CassetteError

        try:
            return context.login(user=user, cloud=cloud)
        except (UsageProblem, CassetteError) as exc:
            problem = str(exc)
        pytest.fail(problem, pytrace=False)

    return login


@pytest.fixture
def openstack_identity(openstack_provider: ProviderClient) -> ServiceClient:
    """A Keystone v3 client at the identity endpoint the provider authenticated with."""
    from stackdouble.client.openstack import new_identity_v3

    return new_identity_v3(openstack_provider)


@pytest.fixture
def openstack_compute(openstack_provider: ProviderClient,
                      _openstack_context: Mode) -> ServiceClient:
    """A Compute (Nova) v2 client from the catalog, in the cloud's region and interface."""
    from stackdouble.client.openstack import new_compute_v2

    return new_compute_v2(openstack_provider, _openstack_context.endpoint_opts("compute"))


@pytest.fixture
def openstack_object_storage(openstack_provider: ProviderClient,
                             _openstack_context: Mode) -> ServiceClient:
    """An Object Storage (Swift) v1 client from the catalog."""
    from stackdouble.client.openstack import new_object_storage_v1

    return new_object_storage_v1(openstack_provider,
                                 _openstack_context.endpoint_opts("object-store"))


@pytest.fixture
def openstack_block_storage(openstack_provider: ProviderClient,
                            _openstack_context: Mode) -> ServiceClient:
    """A Block Storage (Cinder) v3 client from the catalog."""
    from stackdouble.client.openstack import new_block_storage_v3

    return new_block_storage_v3(openstack_provider,
                                _openstack_context.endpoint_opts("block-storage"))


@pytest.fixture
def openstack_clock(_openstack_context: Mode) -> ModeClock:
    """`sleep` and `clock` for waits, right for the mode: the fake cloud's clock in fake mode
    (BUILD → ACTIVE happens in fake time), a virtual clock in replay (no real waiting), real
    time in record and live. The provider's retries use it too.

        servers.wait_for_status(openstack_compute, server_id, "ACTIVE", timeout=300,
                                sleep=openstack_clock.sleep, clock=openstack_clock.clock)
    """
    return _started(_openstack_context).clock()


@pytest.fixture
def openstack_cassette(_openstack_context: Mode
                       ) -> ReplayIndex | Recorder | None:
    """The test's cassette: a `ReplayIndex` in replay (`play_count`, `all_played`,
    `path`), the `Recorder` in record (`path`; `cassette` once written), None otherwise."""
    return _started(_openstack_context).cassette()


# -- reporting -----------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Note whether a test's call failed, so an unmatched replay is reported only once."""
    report = yield
    if call.when == "call" and _CONTEXT in item.stash:
        item.stash[_CALL_FAILED] = bool(report.failed)
    return report
