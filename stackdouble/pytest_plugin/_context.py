"""What the plugin's modes share: settings, marker options, cassette names, the fake-cloud
pool and the mode clock (the modes themselves are in `_modes`).

Nothing here imports the client, the fakes, vcrpy or yaml at module level: each mode imports
what it needs when a test first asks for an `openstack_*` fixture.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackdouble.client.config import CloudConfig
    from stackdouble.fakes import FakeCloud

__all__ = ["MODES", "RECORD_MODES", "CloudPool", "ModeClock", "Settings", "UsageProblem",
           "cassette_path", "record_mode_of"]

#: The modes, in the order `--openstack-mode` lists them.
MODES = ("fake", "replay", "record", "live")

#: pytest-recording's record modes (`--openstack-record-mode`), and the `--openstack-mode`
#: each implies: `none` replays only; `once` replays the tests that have a cassette and
#: records the others; `new_episodes` records every test but rewrites a cassette only when
#: the test sent a request it does not hold; `all` records every test and rewrites the
#: cassettes of those that pass; `rewrite` rewrites every cassette, a failed test's too.
RECORD_MODES = {"none": "replay", "once": "record", "new_episodes": "record",
                "all": "record", "rewrite": "record"}

#: Keyword arguments `@pytest.mark.openstack(...)` accepts.
MARKER_KEYS = frozenset({"mode", "cassette", "user", "seed", "cloud"})

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
        record_mode: The record mode of cassette-based modes (`RECORD_MODES`); None when the
            session's mode is fake or live.
        require_all_played: Whether a replayed test must play every recorded interaction.
        drift_fail: Whether drift findings fail the run.
        cloud_source: Where `cloud` was given, for error messages.
    """

    __slots__ = ("cassette_dir", "cloud", "cloud_source", "clouds", "drift_fail",
                 "drift_report", "match_body", "mode", "record_mode", "require_all_played",
                 "secret_headers", "secret_keys")

    def __init__(self, *, mode: str = "fake", cloud: str | None = None,
                 cassette_dir: Path = Path("cassettes"), drift_report: Path | None = None,
                 secret_headers: tuple[str, ...] = (), secret_keys: tuple[str, ...] = (),
                 match_body: bool = True, record_mode: str | None = None,
                 require_all_played: bool = False, drift_fail: bool = False,
                 cloud_source: str = "--openstack-cloud") -> None:
        self.mode = mode
        self.record_mode = record_mode
        self.require_all_played = require_all_played
        self.drift_fail = drift_fail
        self.cloud_source = cloud_source
        self.cloud = cloud
        self.cassette_dir = cassette_dir
        self.drift_report = drift_report
        self.secret_headers = secret_headers
        self.secret_keys = secret_keys
        self.match_body = match_body
        self.clouds: dict[str, Any] = {}

    def cloud_config(self, name: str | None, source: str | None = None) -> CloudConfig:
        """The clouds.yaml cloud (cached for the session).

        Args:
            name: The cloud's name; None for openstacksdk's choice (`$OS_CLOUD`, or the only
                cloud defined).
            source: Where the name was given (`openstack_login(cloud=...)`...), for the
                error message; default `cloud_source`.

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
                given = source or self.cloud_source
                which = (f"{given.replace('...', repr(name))}" if "..." in given
                         else f"{given} {name}") if name else "the default cloud"
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


def record_mode_of(settings: Settings, mode: str) -> str | None:
    """The record mode a test runs with, given its mode (a marker may pin one): the
    session's when it applies to that mode, else the mode's plain meaning (`replay`: none,
    `record`: all); None for fake and live.

    Example:
        >>> record_mode_of(Settings(mode="record", record_mode="once"), "record")
        'once'
        >>> record_mode_of(Settings(mode="fake"), "record")
        'all'
    """
    if mode not in ("replay", "record"):
        return None
    session = settings.record_mode
    if session is not None and RECORD_MODES[session] == mode:
        return session
    return "none" if mode == "replay" else "all"


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
        self._options: dict[str, Any] = {}
        self.built = 0

    @staticmethod
    def _shape_of(cloud: FakeCloud) -> tuple[Any, ...]:
        return (cloud.base_url, cloud.regions, cloud.token_ttl, cloud.identity_versions,
                cloud.passthrough, cloud.swift_config,
                tuple(sorted((name, type(svc)) for name, svc in cloud.services.items())))

    def acquire(self, seed: int, options: Mapping[str, Any] | None = None) -> FakeCloud:
        """A clean cloud with `seed`, answering `requests` in-process.

        Args:
            seed: The ids' seed.
            options: More `FakeCloud` keyword arguments (`swift=SwiftConfig(...)`); a cloud
                built with other options is dropped and a new one built.
        """
        from stackdouble.fakes import FakeClock, FakeCloud

        wanted = dict(options or {})
        cloud, self._idle = self._idle, None
        if cloud is None or self._shape_of(cloud) != self._shape or wanted != self._options:
            cloud = FakeCloud(seed=seed, **wanted)
            self._shape = self._shape_of(cloud)
            self._options = wanted
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
