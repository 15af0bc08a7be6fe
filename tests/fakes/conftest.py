"""Fixtures for the fake cloud's tests: a frozen clock, a seeded cloud, a plain Session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
import requests

from stackdouble.fakes import FakeClock, FakeCloud

START = datetime(2026, 11, 27, 8, 56, 16, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FakeClock:
    """A clock frozen at START."""
    return FakeClock(start=START, ticking=False)


@pytest.fixture
def cloud(clock: FakeClock) -> Iterator[FakeCloud]:
    """A seeded cloud answering `requests` in-process."""
    with FakeCloud(seed=1234, clock=clock) as fake:
        yield fake


@pytest.fixture
def http() -> Iterator[requests.Session]:
    """A Session that ignores proxy variables from the environment."""
    with requests.Session() as session:
        session.trust_env = False
        yield session
