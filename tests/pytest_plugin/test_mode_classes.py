"""Each mode is one class behind the `Mode` interface, chosen once per test."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from stackdouble.pytest_plugin._context import MODES, CloudPool, Settings
from stackdouble.pytest_plugin._modes import (
    MODE_CLASSES,
    DriftMode,
    FakeMode,
    Mode,
    mode_class,
)

ALL_MODES = [*MODE_CLASSES.values(), DriftMode]


def test_every_mode_has_a_class() -> None:
    assert tuple(MODE_CLASSES) == MODES
    assert all(cls.name == name for name, cls in MODE_CLASSES.items())


@pytest.mark.parametrize("cls", ALL_MODES, ids=lambda cls: cls.__name__)
def test_every_mode_implements_the_interface(cls: type[Mode]) -> None:
    assert issubclass(cls, Mode)
    assert not inspect.isabstract(cls), sorted(cls.__abstractmethods__)
    mode = cls(settings=Settings(), options={}, nodeid="tests/test_a.py::test_b",
               pool=CloudPool(), policy=None)
    assert mode.drift() is None
    assert mode.swallowed_problem() is None
    assert mode.cassette() is None  # nothing before start


@pytest.mark.parametrize("mode", MODES)
def test_the_marker_mode_wins_over_the_setting(mode: str) -> None:
    assert mode_class(Settings(mode="live"), {"mode": mode}) is MODE_CLASSES[mode]
    assert mode_class(Settings(mode=mode), {}) is MODE_CLASSES[mode]


def test_drift_runs_tests_in_fake_mode_and_compares_unless_pinned_to_fake() -> None:
    settings = Settings(mode="replay", drift_report=Path("drift.md"))
    assert mode_class(settings, {}) is DriftMode
    assert mode_class(settings, {"mode": "record"}) is DriftMode
    assert mode_class(settings, {"mode": "fake"}) is FakeMode
    assert DriftMode.name == "fake"


def test_only_the_modes_that_write_or_read_cassettes_take_the_scrub_policy() -> None:
    assert sorted(cls.__name__ for cls in ALL_MODES if cls.scrubs) == ["RecordMode",
                                                                       "ReplayMode"]
    assert [cls.__name__ for cls in ALL_MODES if cls.has_cloud] == ["FakeMode", "DriftMode"]
