"""Shelve/unshelve results."""

from __future__ import annotations

from stackdouble.client._results import ErrResult

__all__ = ["ShelveOffloadResult", "ShelveResult", "UnshelveResult"]


class ShelveResult(ErrResult):
    """The result of `shelveunshelve.shelve`; `extract_err()` raises its error, if any."""

    __slots__ = ()


class ShelveOffloadResult(ErrResult):
    """The result of `shelveunshelve.shelve_offload`; `extract_err()` raises its error, if
    any."""

    __slots__ = ()


class UnshelveResult(ErrResult):
    """The result of `shelveunshelve.unshelve`; `extract_err()` raises its error, if any."""

    __slots__ = ()
