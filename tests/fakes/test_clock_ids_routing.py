"""FakeClock, IdGenerator and Router: the small pieces."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from stackdouble.fakes import FakeClock, Router
from stackdouble.fakes.clock import format_iso
from stackdouble.fakes.ids import IdGenerator

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_a_clock_with_a_start_is_frozen() -> None:
    clock = FakeClock(start=START)
    time.sleep(0.01)
    assert clock.now() == START


def test_advance_moves_a_frozen_clock() -> None:
    clock = FakeClock(start=START)
    clock.advance(61.5)
    assert format_iso(clock.now()) == "2026-01-01T00:01:01.500000Z"


def test_default_clock_follows_wall_time() -> None:
    clock = FakeClock()
    assert abs(clock.time() - time.time()) < 1
    assert clock.ticking


def test_advance_offsets_a_ticking_clock() -> None:
    clock = FakeClock()
    clock.advance(3600)
    assert abs(clock.time() - time.time() - 3600) < 1


def test_freeze_then_tick_resumes_from_the_frozen_time() -> None:
    clock = FakeClock(start=START, ticking=True)
    clock.freeze()
    frozen = clock.now()
    clock.tick()
    assert 0 <= (clock.now() - frozen).total_seconds() < 1
    assert clock.ticking


def test_naive_start_is_utc() -> None:
    assert FakeClock(start=datetime(2026, 1, 1)).now().tzinfo == timezone.utc


def test_advance_rejects_non_numbers() -> None:
    with pytest.raises(TypeError):
        FakeClock().advance("10")  # type: ignore[arg-type]


def test_advance_refuses_to_leave_the_calendar() -> None:
    with pytest.raises(ValueError, match="out of range"):
        FakeClock(start=datetime(8500, 1, 1)).advance(900 * 365 * 86400)


def test_same_seed_same_ids() -> None:
    a, b = IdGenerator(5), IdGenerator(5)
    assert [a.hex32(), a.uuid(), a.audit_id(), a.fernet_token(1)] == [
        b.hex32(), b.uuid(), b.audit_id(), b.fernet_token(1)]


def test_request_ids_do_not_shift_resource_ids() -> None:
    a, b = IdGenerator(5), IdGenerator(5)
    a.request_id()
    assert a.hex32() == b.hex32()


def test_ids_have_their_services_shapes() -> None:
    ids = IdGenerator(1)
    assert len(ids.hex32()) == 32
    uuid = ids.uuid()
    assert uuid[14] == "4"
    assert uuid[19] in "89ab"
    assert ids.transaction_id(1795769409).endswith("-006b094441")


def test_router_matches_literals_before_parameters() -> None:
    router = Router()
    router.add("GET", "/servers/detail", lambda r: None, name="detail")  # type: ignore
    router.add("GET", "/servers/{server_id}", lambda r: None, name="get")  # type: ignore
    found = router.match("/servers/detail")
    assert found is not None
    assert found[0]["GET"].name == "detail"


def test_router_path_parameter_takes_the_rest() -> None:
    router = Router()
    router.add("GET", "/v1/{account}/{container}/{obj:path}", lambda r: None)  # type: ignore
    found = router.match("/v1/AUTH_x/c/a/b/")
    assert found is not None
    assert found[1] == {"account": "AUTH_x", "container": "c", "obj": "a/b/"}


def test_router_strips_trailing_slashes_when_asked() -> None:
    router = Router(strip_trailing_slash=True)
    router.add("GET", "/v3", lambda r: None)  # type: ignore
    assert router.match("/v3/") is not None


def test_router_refuses_a_duplicate_route() -> None:
    router = Router()
    router.add("GET", "/a", lambda r: None)  # type: ignore
    with pytest.raises(ValueError, match="already routed"):
        router.add("GET", "/a", lambda r: None)  # type: ignore
