"""A `FakeClock` whose wall time can be pinned, so that a request reads one instant.

A ticking `FakeClock` is the wall clock plus an offset; two readings in one request
differ, and a replay could not read them again. A persisted cloud's clock is a
`PinnableClock`: while the cloud answers a request, the wall time it adds the offset to is
pinned to the instant the request began, which the journal records; the replay pins it to
the same instant. Between requests it ticks as any `FakeClock` does.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from stackdouble.fakes.clock import FakeClock

__all__ = ["ClockState", "PinnableClock"]

#: What `PinnableClock.state` returns: the offset in seconds, and where a frozen clock
#: stands (ISO 8601) or None.
ClockState = tuple[float, "str | None"]


class PinnableClock(FakeClock):
    """A `FakeClock` with `pin`: the copy a persisted cloud uses of the clock it was given.

    Args:
        source: The clock to continue from (its offset, or where it is frozen).

    Example:
        >>> clock = PinnableClock(FakeClock())
        >>> clock.pin(1_800_000_000.25)
        >>> clock.now().isoformat() == clock.now().isoformat()
        True
        >>> clock.pin(None)
    """

    __slots__ = ("_pinned",)

    def __init__(self, source: FakeClock) -> None:
        super().__init__()
        self._pinned: float | None = None
        self._offset = source._offset
        self._frozen_at = source._frozen_at

    def pin(self, wall: float | None) -> None:
        """Read the wall clock as `wall` (a POSIX time) until `pin(None)`."""
        self._pinned = wall

    def state(self) -> ClockState:
        """The offset and, if frozen, the instant (ISO 8601): what `restore` takes."""
        frozen = self._frozen_at
        return self._offset, None if frozen is None else frozen.isoformat()

    def restore(self, state: ClockState | list[object]) -> None:
        """Set the offset and the frozen instant (None: ticking) from `state`."""
        offset, frozen = state
        if not isinstance(offset, (int, float)) or not (frozen is None or isinstance(frozen,
                                                                                     str)):
            raise ValueError("a clock state is [offset, frozen-at or null]")
        with self._lock:
            self._offset = float(offset)
            self._frozen_at = None if frozen is None else datetime.fromisoformat(frozen)

    def _wall_now(self) -> datetime:
        pinned = self._pinned
        seconds = time.time() if pinned is None else pinned
        return datetime.fromtimestamp(seconds, tz=timezone.utc)

    def now(self) -> datetime:
        """The current fake time (the pinned wall time plus the offset while pinned)."""
        frozen = self._frozen_at
        if frozen is not None:
            return frozen
        return self._wall_now() + timedelta(seconds=self._offset)

    def set(self, when: datetime) -> None:
        """`FakeClock.set`, against the pinned wall time while pinned."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = when
            else:
                self._offset = (when - self._wall_now()).total_seconds()

    def freeze(self) -> None:
        """`FakeClock.freeze`, at the pinned wall time while pinned."""
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = self._wall_now() + timedelta(seconds=self._offset)

    def tick(self) -> None:
        """`FakeClock.tick`, from the pinned wall time while pinned."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = (self._frozen_at - self._wall_now()).total_seconds()
                self._frozen_at = None
