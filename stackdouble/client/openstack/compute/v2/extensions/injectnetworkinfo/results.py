"""Results of the injectNetworkInfo action."""

from __future__ import annotations

from stackdouble.client._results import ErrResult

__all__ = ["InjectNetworkResult"]


class InjectNetworkResult(ErrResult):
    """The result of `injectnetworkinfo.inject_network_info`; `extract_err()` raises its
    error, if any."""

    __slots__ = ()
