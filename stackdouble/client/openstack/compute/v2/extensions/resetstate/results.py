"""Results of the os-resetState action."""

from __future__ import annotations

from stackdouble.client._results import ErrResult

__all__ = ["ResetResult"]


class ResetResult(ErrResult):
    """The result of `resetstate.reset_state`; `extract_err()` raises its error, if any."""

    __slots__ = ()
