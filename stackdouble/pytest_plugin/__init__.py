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

Record modes (`--openstack-record-mode`, or `--record-mode` when pytest-recording is not
installed; ini `openstack_record_mode`), as pytest-recording's:

- `none`: replay only (`--openstack-mode=replay`); a missing cassette fails the test.
- `once`: replay the tests that have a cassette, record the others.
- `new_episodes`: record every test; rewrite a cassette only when the test sent a request it
  does not hold (its tokens and ids are normalised per recording, so one cassette cannot mix
  two runs' answers as vcrpy's appended episodes would).
- `all`: record every test (`--openstack-mode=record`).
- `rewrite`: as `all`, and a failed test's recording replaces its cassette too.

Only `rewrite` writes the recording of a test that did not pass; the others leave its
cassette as it was and say so at the end of the run.

In fake and replay modes a connection to a non-loopback host fails the test. Tests that do
not use the `openstack_*` fixtures are not affected by the plugin in any mode.

Fixtures: `openstack_mode`, `openstack_cloud`, `openstack_provider`, `openstack_login`,
`openstack_identity`, `openstack_compute`, `openstack_object_storage`,
`openstack_block_storage`, `openstack_image`, `openstack_clock`, `openstack_cassette`,
`openstack_scrub_policy`, `openstack_fake_cloud_options`.
Marker:
`@pytest.mark.openstack(mode=..., cassette=..., user=..., seed=..., cloud=...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from stackdouble.pytest_plugin._context import (
    MODES,
    RECORD_MODES,
    CloudPool,
    ModeClock,
    Settings,
    UsageProblem,
    marker_options,
)
from stackdouble.pytest_plugin._drift_report import DRIFT_PROPERTY, DriftCollector
from stackdouble.pytest_plugin._modes import Mode, mode_class
from stackdouble.pytest_plugin._record_report import RECORD_PROPERTY, RecordReport

if TYPE_CHECKING:
    from stackdouble.cassettes import Recorder, ReplayIndex, ScrubPolicy
    from stackdouble.client import ProviderClient, ServiceClient
    from stackdouble.fakes import FakeCloud

__all__ = [
    "MODES",
    "ModeClock",
    "openstack_block_storage",
    "openstack_cassette",
    "openstack_clock",
    "openstack_cloud",
    "openstack_compute",
    "openstack_identity",
    "openstack_image",
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
        help="where cassettes are read and written; relative to the current directory "
             "(default: cassettes/ in the rootdir). Write it with '=' "
             "(--openstack-cassette-dir=/abs/dir): pytest reads a separate path argument as "
             "a test path when it picks the rootdir. Ini: openstack_cassette_dir.")
    record_help = (
        "pytest-recording's record modes: none (replay only), once (replay the tests that "
        "have a cassette, record the others), new_episodes (record, rewriting a cassette only "
        "when the test sent a request it lacks), all (record every test), rewrite (as all, "
        "and keep a failed test's recording too). Implies --openstack-mode replay (none) or "
        "record. Only rewrite replaces a cassette with a failed test's recording. "
        "Ini: openstack_record_mode.")
    group.addoption("--openstack-record-mode", choices=tuple(RECORD_MODES), default=None,
                    dest="openstack_record_mode", help=record_help)
    if not _pytest_recording_installed():
        group.addoption("--record-mode", choices=tuple(RECORD_MODES), default=None,
                        dest="openstack_record_mode_alias",
                        help="the same as --openstack-record-mode (registered only when "
                             "pytest-recording, which owns --record-mode, is not installed)")
    group.addoption(
        "--openstack-require-all-played", action="store_true", default=None,
        dest="openstack_require_all_played",
        help="in replay, fail a test that passed without playing every interaction of its "
             "cassette, listing the unused ones. Ini: openstack_require_all_played.")
    group.addoption(
        "--openstack-drift", nargs="?", const="openstack-drift.md", default=None,
        metavar="REPORT", dest="openstack_drift",
        help="run the tests in fake mode and compare the fake's responses with each test's "
             "cassette (status, headers that matter, JSON shape); write a Markdown report to "
             "REPORT (default: openstack-drift.md).")
    group.addoption(
        "--openstack-drift-fail", action="store_true", default=None,
        dest="openstack_drift_fail",
        help="with --openstack-drift, fail the run (exit status 1) when a test's answers "
             "differ from its cassette (tests without a cassette do not count). Ini: "
             "openstack_drift_fail.")
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
    parser.addini("openstack_record_mode", "default --openstack-record-mode", default="")
    parser.addini("openstack_require_all_played", "default --openstack-require-all-played",
                  type="bool", default=False)
    parser.addini("openstack_drift_fail", "default --openstack-drift-fail", type="bool",
                  default=False)


def _pytest_recording_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("pytest_recording") is not None


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker and check the settings (a bad mode or cloud is a usage error)."""
    config.addinivalue_line(
        "markers",
        "openstack(mode=None, cassette=None, user=None, seed=None, cloud=None): pin this "
        "test's openstack mode (fake/replay/record/live), name its cassette (relative to the "
        "cassette dir), the fake user to log in as (demo), the fake cloud's seed (0), or the "
        "clouds.yaml cloud for record/live.")
    _check_cassette_dir_argument(config)
    settings = _settings_from(config)
    config.stash[_SETTINGS] = settings
    config.stash[_POOL] = CloudPool()
    config.pluginmanager.register(RecordReport(config), "stackdouble-recordings")
    if settings.record_mode != "once" and mode_class(settings, {}).uses_clouds_yaml:
        try:
            settings.cloud_config(settings.cloud)
        except UsageProblem as exc:
            raise pytest.UsageError(str(exc)) from None
    if settings.drift_report is not None:
        config.pluginmanager.register(
            DriftCollector(config, settings.drift_report, fail=settings.drift_fail),
            "stackdouble-drift")


def _settings_from(config: pytest.Config) -> Settings:
    mode, record_mode = _modes_from(config)
    cli_cloud = config.getoption("openstack_cloud")
    cloud = cli_cloud or str(config.getini("openstack_cloud")).strip()
    given_dir = config.getoption("openstack_cassette_dir")
    if given_dir:
        cassette_dir = config.invocation_params.dir / Path(given_dir).expanduser()
    else:
        cassette_dir = config.rootpath / Path(str(config.getini("openstack_cassette_dir")))
    drift = config.getoption("openstack_drift")
    return Settings(
        mode=mode,
        record_mode=record_mode,
        cloud=cloud or None,
        cloud_source="--openstack-cloud" if cli_cloud else "openstack_cloud = ... in the ini "
                     "file",
        cassette_dir=cassette_dir,
        drift_report=config.invocation_params.dir / Path(drift) if drift else None,
        secret_headers=tuple(config.getini("openstack_secret_headers")),
        secret_keys=tuple(config.getini("openstack_secret_keys")),
        match_body=bool(config.getini("openstack_replay_match_body")),
        require_all_played=_flag(config, "openstack_require_all_played"),
        drift_fail=_flag(config, "openstack_drift_fail"),
    )


def _flag(config: pytest.Config, name: str) -> bool:
    given = config.getoption(name)
    return bool(config.getini(name)) if given is None else bool(given)


def _modes_from(config: pytest.Config) -> tuple[str, str | None]:
    """`(mode, record mode)` from the command line over the ini file.

    A record mode implies its mode (`none`: replay, the others: record); given with an
    `--openstack-mode` that says otherwise at the same level, it is a usage error.
    """
    cli_mode = config.getoption("openstack_mode")
    cli_record = (config.getoption("openstack_record_mode")
                  or config.getoption("openstack_record_mode_alias", None))
    ini_mode = str(config.getini("openstack_mode")).strip()
    ini_record = str(config.getini("openstack_record_mode")).strip() or None
    if ini_mode not in MODES:
        raise pytest.UsageError(f"openstack_mode = {ini_mode!r} in the ini file: the mode must "
                                f"be one of {', '.join(MODES)}")
    if ini_record is not None and ini_record not in RECORD_MODES:
        raise pytest.UsageError(f"openstack_record_mode = {ini_record!r} in the ini file: the "
                                f"record mode must be one of {', '.join(RECORD_MODES)}")
    if cli_record is not None:
        implied = RECORD_MODES[cli_record]
        if cli_mode is not None and cli_mode != implied:
            raise pytest.UsageError(
                f"--openstack-mode={cli_mode} and --openstack-record-mode={cli_record} "
                f"disagree: record mode {cli_record} runs in {implied} mode; give one of them")
        return implied, cli_record
    if cli_mode is not None:
        if ini_record is not None and RECORD_MODES[ini_record] == cli_mode:
            return cli_mode, ini_record
        return cli_mode, _plain_record_mode(cli_mode)
    if ini_record is not None:
        return RECORD_MODES[ini_record], ini_record
    return ini_mode, _plain_record_mode(ini_mode)


def _plain_record_mode(mode: str) -> str | None:
    return {"replay": "none", "record": "all"}.get(mode)


def _check_cassette_dir_argument(config: pytest.Config) -> None:
    """Refuse `--openstack-cassette-dir PATH` (a space, not `=`) when pytest took PATH for a
    test path in choosing the rootdir: the rootdir, the ini file and every cassette name
    (made from node ids) would then be wrong.

    Raises:
        pytest.UsageError: The rootdir was chosen with the cassette directory in it.
    """
    args = [str(a) for a in config.invocation_params.args]
    option = "--openstack-cassette-dir"
    if option not in args[:-1]:
        return
    value = args[args.index(option) + 1]
    given = (config.invocation_params.dir / Path(value).expanduser())
    if not given.exists():
        return  # pytest ignores paths that do not exist when it picks the rootdir
    without = [a for i, a in enumerate(args)
               if not (a == option or (i > 0 and args[i - 1] == option))]
    expected = _rootdir_for(config, without)
    if expected is None or expected == config.rootpath:
        return
    raise pytest.UsageError(
        f"{option} {value}: pytest read {value} as a test path when it picked the rootdir, "
        f"so it chose {config.rootpath} instead of {expected}"
        + ("" if config.inipath else " and found no ini file")
        + f", and cassette names would follow. Write {option}={value} (with '=').")


def _rootdir_for(config: pytest.Config, args: list[str]) -> Path | None:
    """The rootdir pytest picks for `args` (its own rule, `determine_setup`), or None if
    this pytest's rule cannot be called."""
    import inspect

    try:
        from _pytest.config.findpaths import determine_setup
    except ImportError:
        return None
    namespace = config.known_args_namespace
    known: dict[str, Any] = {
        "inifile": getattr(namespace, "inifilename", None),
        "override_ini": getattr(namespace, "override_ini", None),
        "args": [a for a in args if not a.startswith("-")],
        "rootdir_cmd_arg": getattr(namespace, "rootdir", None),
        "invocation_dir": config.invocation_params.dir,
    }
    try:
        wanted = inspect.signature(determine_setup).parameters
        setup: Any = determine_setup
        rootdir = setup(**{k: v for k, v in known.items() if k in wanted})[0]
    except (TypeError, ValueError, pytest.UsageError):
        return None
    return Path(rootdir)


def _mode_of(node: pytest.Item, settings: Settings) -> type[Mode]:
    """The class of the test's mode (chosen once, from its markers and the settings).

    Raises:
        UsageProblem: A bad marker.
    """
    return mode_class(settings, marker_options(list(node.iter_markers("openstack"))),
                      node.nodeid)


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


@pytest.fixture(scope="session")
def openstack_fake_cloud_options() -> Mapping[str, Any]:
    """More keyword arguments for the fake cloud of fake and drift mode (`FakeCloud(seed=...,
    **options)`); none by default. Override it in a conftest to run a directory's tests
    against a cloud set up like the real one its cassettes come from:

        @pytest.fixture(scope="session")
        def openstack_fake_cloud_options():
            return {"swift": SwiftConfig(policies=["Policy-0", "Policy-1"])}

    The worker's pooled cloud is rebuilt when a test asks for other options.
    """
    return {}


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
        mode = mode_class(settings, options, item.nodeid)
    except UsageProblem as exc:
        problem = str(exc)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    # Only recording and replay scrub; fake mode skips the fixture (and its import).
    policy = request.getfixturevalue("openstack_scrub_policy") if mode.scrubs else None
    cloud_options = (request.getfixturevalue("openstack_fake_cloud_options")
                     if mode.has_cloud else None)
    context = mode(settings=settings, options=options, nodeid=item.nodeid,
                   pool=request.config.stash[_POOL], policy=policy,
                   cloud_options=cloud_options)
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
        return (f"{exc.path}: no cassette for this test, and replay (--openstack-mode=replay, "
                "record mode none) needs one; record it with --openstack-record-mode=once "
                "--openstack-cloud NAME (records only the tests without a cassette)")
    return str(exc)


def _finish(item: pytest.Item, context: Mode) -> None:
    del item.stash[_CONTEXT]
    if not context.started:
        return
    drift = context.drift()
    if drift is not None:
        item.user_properties.append((DRIFT_PROPERTY, list(drift)))
    from stackdouble.cassettes import CassetteError

    passed = item.stash.get(_CALL_FAILED, None) is False
    context.test_passed = passed
    problem = None
    try:
        context.close()
    except CassetteError as exc:
        problem = str(exc)
    note = context.record_note()
    if note is not None:
        item.user_properties.append((RECORD_PROPERTY, list(note)))
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    if not item.stash.get(_CALL_FAILED, False):
        swallowed = context.swallowed_problem()
        if swallowed is not None:
            pytest.fail(swallowed, pytrace=False)
    if passed:
        unplayed = context.unplayed_problem()
        if unplayed is not None:
            pytest.fail(unplayed, pytrace=False)


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

    A refused login fails the test with what was tried (cloud, clouds.yaml file, user, auth
    URL) and what to check, not a traceback.
    """
    context = _started(_openstack_context)
    try:
        return context.provider()
    except UsageProblem as exc:
        problem = str(exc)
    pytest.fail(problem, pytrace=False)


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
def openstack_image(openstack_provider: ProviderClient, _openstack_context: Mode) -> ServiceClient:
    """An Image (Glance) v2 client from the catalog."""
    from stackdouble.client.openstack import new_image_v2

    return new_image_v2(openstack_provider, _openstack_context.endpoint_opts("image"))


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
    """Note whether a test's call failed (an unmatched replay is then reported only once,
    and a recording is kept only for a test whose call passed)."""
    report = yield
    if call.when == "call" and _CONTEXT in item.stash:
        item.stash[_CALL_FAILED] = not report.passed
    return report
