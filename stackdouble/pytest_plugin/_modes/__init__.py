"""The plugin's modes: one class per mode behind one interface, `Mode`, chosen once per test.

| class        | mode         | requests go to                      | the provider logs in     |
|--------------|--------------|-------------------------------------|--------------------------|
| `FakeMode`   | fake         | the worker's in-process `FakeCloud` | token issued directly    |
| `DriftMode`  | fake (drift) | the `FakeCloud`, captured           | over HTTP, as recorded   |
| `ReplayMode` | replay       | the test's cassette                 | as the recording did     |
| `RecordMode` | record       | the clouds.yaml cloud, recorded     | as the clouds.yaml cloud |
| `LiveMode`   | live         | the clouds.yaml cloud               | as the clouds.yaml cloud |

The record mode (`--openstack-record-mode`, pytest-recording's values) picks between replay
and record per test: `once` replays a test whose cassette exists and records the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.pytest_plugin._context import Settings, cassette_path, record_mode_of
from stackdouble.pytest_plugin._modes.base import Mode
from stackdouble.pytest_plugin._modes.fake import DriftMode, FakeMode
from stackdouble.pytest_plugin._modes.real import LiveMode, RecordMode
from stackdouble.pytest_plugin._modes.replay import ReplayMode

__all__ = ["MODE_CLASSES", "DriftMode", "FakeMode", "LiveMode", "Mode", "RecordMode",
           "ReplayMode", "mode_class"]

#: The class of each `--openstack-mode`.
MODE_CLASSES: Mapping[str, type[Mode]] = {
    "fake": FakeMode,
    "replay": ReplayMode,
    "record": RecordMode,
    "live": LiveMode,
}


def mode_class(settings: Settings, options: Mapping[str, Any],
               nodeid: str | None = None) -> type[Mode]:
    """The class of a test's mode.

    The marker's `mode=` wins over `--openstack-mode`; `--openstack-drift` runs every test in
    fake mode, comparing with its cassette unless the test is pinned to fake mode (it has no
    cassette by design). With the record mode `once`, a test whose cassette exists replays it.

    Args:
        settings: The session's settings.
        options: The test's marker options (already checked).
        nodeid: The test (names its cassette); None: the session's default mode.
    """
    if settings.drift_report is not None:
        return FakeMode if options.get("mode") == "fake" else DriftMode
    name = options.get("mode") or settings.mode
    if nodeid is not None and record_mode_of(settings, name) == "once":
        path = cassette_path(settings.cassette_dir, nodeid, options.get("cassette"))
        if path.is_file():
            return ReplayMode
    return MODE_CLASSES[name]
