"""Results of the evacuate action."""

from __future__ import annotations

from typing import Any

from stackdouble.client._results import Result

__all__ = ["EvacuateResult"]


def _admin_pass(body: Any) -> str:
    if body is None:
        return ""
    return str(body.get("adminPass") or "")


class EvacuateResult(Result):
    """The result of `evacuate.evacuate`; `extract_admin_pass()` gives the rebuilt
    server's password ("" from 2.14, when Nova no longer returns it)."""

    __slots__ = ()

    def extract_admin_pass(self) -> str:
        """The new admin password, "" when Nova sent none; raise the call's error."""
        return self.extract_with(_admin_pass)
