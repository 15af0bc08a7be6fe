"""Polling until a resource reaches a status, with a clock seam for tests.

Resource helpers (`servers.wait_for_status`, later volumes') are thin wrappers over
`wait_until`: they supply one `check` that fetches the resource once and says whether the wait
is over, and `wait_until` does the timing. `sleep` and `clock` are parameters so a test drives
the loop with a fake clock instead of sleeping:

    >>> ticks = iter(["BUILD", "BUILD", "ACTIVE"])
    >>> def check():
    ...     status = next(ticks)
    ...     return status == "ACTIVE", status, status
    >>> now = [0.0]
    >>> wait_until(check, timeout=10, interval=2, sleep=lambda s: now.__setitem__(0, now[0] + s),
    ...            clock=lambda: now[0])
    'ACTIVE'
    >>> now[0]
    4.0
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from stackdouble.client._errors import InvalidInput, StatusError, WaitTimeout

__all__ = ["DEFAULT_INTERVAL", "StatusError", "wait_until"]

T = TypeVar("T")

#: Seconds between two checks unless the caller says otherwise.
DEFAULT_INTERVAL = 2.0


def wait_until(
    check: Callable[[], tuple[bool, str | None, T]],
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    what: str = "the resource",
    target: str = "the awaited status",
) -> T:
    """Call `check` until it says done, sleeping `interval` between calls, for up to `timeout`.

    The first check happens at once. A check that raises ends the wait with its error (a
    resource that disappeared, or went to a failure status). The last sleep is shortened so the
    final check happens at the deadline, never after it.

    Args:
        check: Fetches once and returns `(done, status, value)`; `status` is reported when the
            wait times out, `value` is returned when it is done.
        timeout: Seconds to wait in all, measured by `clock`.
        interval: Seconds between checks.
        sleep: How to wait (a fake clock's `advance` in tests).
        clock: Monotonic seconds.
        what: Names the resource in the timeout message (`"server 0e12…"`).
        target: Names what was awaited in the timeout message (`"ACTIVE"`).

    Returns:
        The `value` of the check that said done.

    Raises:
        WaitTimeout: The deadline passed; its `last_status` is the last status seen.
        InvalidInput: A negative timeout or a non-positive interval.
        StackdoubleError: Whatever `check` raised.
    """
    if timeout < 0:
        raise InvalidInput(f"timeout must be >= 0, not {timeout!r}", "timeout")
    if interval <= 0:
        raise InvalidInput(f"interval must be > 0, not {interval!r}", "interval")
    deadline = clock() + timeout
    while True:
        done, status, value = check()
        if done:
            return value
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeout(
                f"{what} did not reach {target} within {timeout:g} s; last status {status}",
                last_status=status,
            )
        sleep(min(interval, remaining))
