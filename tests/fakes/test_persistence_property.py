"""Property: whatever writes a persisted cloud answered, a restart (after a crash, or a
clean stop) gives back the same state, `cloud.dump()` for `cloud.dump()`."""

from __future__ import annotations

import random
import tempfile
from datetime import datetime, timezone
from typing import Any

import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeClock, FakeCloud
from tests.fakes.persistence_writes import Writes

START = datetime(2026, 11, 27, 8, 56, 16, tzinfo=timezone.utc)
#: Writes, and what else changes what a write leaves: the clock, a refused request.
STEPS = (*Writes.KINDS, "advance", "tick", "freeze", "refused", "reset")


def _kept(cloud: FakeCloud) -> dict[str, Any]:
    dumped = cloud.dump()
    del dumped["requests"]  # the request log is not kept
    if dumped["clock"]["ticking"]:
        del dumped["clock"]["now"]  # a ticking clock has moved on
    return dumped


def _step(step: str, cloud: FakeCloud, http: requests.Session, writes: Writes) -> None:
    control = cloud.base_url + "/_stackdouble"
    if step == "advance":
        http.post(control + "/clock", json={"advance": 3600})
    elif step in ("tick", "freeze"):
        http.post(control + "/clock", json={"ticking": step == "tick"})
    elif step == "refused":
        http.post(cloud.base_url + "/identity/v3/projects", json={"project": {}},
                  headers={"X-Auth-Token": writes.admin})
    elif step == "reset":
        http.post(control + "/reset")
        writes.__init__(http, cloud.base_url, writes.rng)  # type: ignore[misc]
    else:
        writes.write(step)


@settings(max_examples=30, deadline=None)
@given(steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=10),
       seed=st.integers(min_value=0, max_value=2**31),
       checkpoint_at=st.none() | st.integers(min_value=0, max_value=9),
       crash=st.booleans())
def test_restart_gives_back_the_state_answered(steps: list[str], seed: int,
                                               checkpoint_at: int | None,
                                               crash: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, requests.Session() as http:
        http.trust_env = False
        path = tmp + "/cloud"
        cloud = FakeCloud(seed=seed, clock=FakeClock(start=START, ticking=False),
                          data_dir=path)
        with cloud:
            writes = Writes(http, cloud.base_url, random.Random(seed))
            for i, step in enumerate(steps):
                if i == checkpoint_at:
                    cloud.checkpoint()
                _step(step, cloud, http, writes)
        before = _kept(cloud)
        cloud.close(checkpoint=not crash)
        again = FakeCloud(data_dir=path)
        try:
            assert _kept(again) == before
        finally:
            again.close()
