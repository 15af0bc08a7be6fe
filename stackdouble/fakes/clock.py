"""The fake cloud's clock: wall time plus an offset, or frozen for deterministic tests.

Token expiry, `issued_at` and every timestamp a fake service renders come from one
`FakeClock`, so a test moves time forward with `advance()` instead of sleeping.
"""

from __future__ import annotations

import math
import threading
import time
from datetime import datetime, timedelta, timezone

from stackdouble.fakes.timestamps import format_iso, format_iso_seconds

# `format_iso` and `format_iso_seconds` live in `timestamps`; re-exported for older imports.
__all__ = ["FakeClock", "checked_seconds", "format_iso", "format_iso_seconds"]

_MAX_STEP = 1000 * 365.25 * 86400  # seconds in a thousand years


class FakeClock:
    """A clock that ticks with real time plus an offset, or stands still.

    By default it follows the wall clock, so tokens look current to real SDKs talking to a
    served cloud (keystoneauth re-authenticates when a token expires within 120 s).
    `advance()` moves it forward in both modes. Pass `start` (or call `freeze()`) for a clock
    that only moves when told to.

    Args:
        start: The time to start at; naive datetimes are taken as UTC. None starts at the
            current wall time.
        ticking: Whether the clock follows real time. Defaults to True without `start` and
            False with it.

    Example:
        >>> from datetime import datetime, timezone
        >>> clock = FakeClock(start=datetime(2026, 1, 1, tzinfo=timezone.utc))
        >>> clock.advance(90)
        >>> clock.now().isoformat()
        '2026-01-01T00:01:30+00:00'
        >>> clock.ticking
        False
    """

    __slots__ = ("_frozen_at", "_lock", "_offset")

    def __init__(self, start: datetime | None = None, *, ticking: bool | None = None) -> None:
        self._lock = threading.Lock()
        if start is not None and start.tzinfo is None:
            start = start.replace(tzinfo=timezone.utc)
        if ticking is None:
            ticking = start is None
        real = _wall()
        base = start if start is not None else real
        self._offset = (base - real).total_seconds()
        self._frozen_at: datetime | None = None if ticking else base

    @property
    def ticking(self) -> bool:
        """Whether the clock follows real time."""
        return self._frozen_at is None

    def now(self) -> datetime:
        """The current fake time, timezone-aware UTC."""
        frozen = self._frozen_at
        if frozen is not None:
            return frozen
        return _wall() + timedelta(seconds=self._offset)

    def time(self) -> float:
        """The current fake time as a POSIX timestamp."""
        return self.now().timestamp()

    def advance(self, seconds: float) -> None:
        """Move the clock forward (or back, with a negative number) by `seconds`.

        Raises:
            TypeError: `seconds` is not a number.
            ValueError: `seconds` is not finite, or beyond a thousand years.
        """
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError(f"seconds must be a number, not {type(seconds).__name__}")
        if not math.isfinite(seconds) or abs(seconds) > _MAX_STEP:
            raise ValueError(f"seconds must be finite and within {_MAX_STEP:.0f}, not {seconds}")
        try:
            target = self.now() + timedelta(seconds=seconds)
            if not 1971 <= target.year <= 9000:
                raise OverflowError
        except OverflowError:
            raise ValueError("that would move the clock out of range") from None
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = self._frozen_at + timedelta(seconds=seconds)
            else:
                self._offset += seconds

    def set(self, when: datetime) -> None:
        """Jump to `when` (naive datetimes are UTC), keeping the ticking mode."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = when
            else:
                self._offset = (when - _wall()).total_seconds()

    def freeze(self) -> None:
        """Stop the clock at the current fake time."""
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = _wall() + timedelta(seconds=self._offset)

    def tick(self) -> None:
        """Let a frozen clock follow real time again, from where it stood."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = (self._frozen_at - _wall()).total_seconds()
                self._frozen_at = None

    def __repr__(self) -> str:
        mode = "ticking" if self.ticking else "frozen"
        return f"<FakeClock {mode} at {format_iso(self.now())}>"


def checked_seconds(value: float) -> float:
    """A duration of fake time set from Python (build or action times), as a float.

    Raises:
        ValueError: A bool, a non-number, a negative or a non-finite value.

    Example:
        >>> checked_seconds(2)
        2.0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(
            value) or value < 0:
        raise ValueError(f"seconds must be a finite number >= 0, not {value!r}")
    return float(value)


def _wall() -> datetime:
    return datetime.fromtimestamp(time.time(), tz=timezone.utc)
