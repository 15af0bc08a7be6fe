"""Results of the migrate and live-migrate actions."""

from __future__ import annotations

from stackdouble.client._results import ErrResult

__all__ = ["MigrateResult"]


class MigrateResult(ErrResult):
    """The result of `migrate.migrate` and `migrate.live_migrate`; `extract_err()` raises
    its error, if any."""

    __slots__ = ()
