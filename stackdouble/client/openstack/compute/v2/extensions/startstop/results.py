"""Start/stop results."""

from __future__ import annotations

from stackdouble.client._results import ErrResult

__all__ = ["StartResult", "StopResult"]


class StartResult(ErrResult):
    """The result of `startstop.start`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class StopResult(ErrResult):
    """The result of `startstop.stop`; `extract_err()` raises its error, if any."""

    __slots__ = ()
