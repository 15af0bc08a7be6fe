"""Results of the resetNetwork action."""

from __future__ import annotations

from stackdouble.client._results import ErrResult

__all__ = ["ResetResult"]


class ResetResult(ErrResult):
    """The result of `resetnetwork.reset_network`; `extract_err()` raises its error."""

    __slots__ = ()
