"""Results of Keystone v3 OS-INHERIT's requests."""

from __future__ import annotations

from stackdouble.client._errors import NotFound
from stackdouble.client._results import ErrResult

__all__ = ["AssignmentResult", "UnassignmentResult", "ValidateResult"]


class AssignmentResult(ErrResult):
    """The result of `assign`: `extract_err()` raises on failure."""

    __slots__ = ()


class UnassignmentResult(ErrResult):
    """The result of `unassign`: `extract_err()` raises on failure (`NotFound` when there
    was no such inherited assignment)."""

    __slots__ = ()


class ValidateResult(ErrResult):
    """The result of `validate`: `extract()` tells whether the inherited assignment
    exists."""

    __slots__ = ()

    def extract(self) -> bool:
        """True on success, False when Keystone answered 404 (no such assignment, or no
        such role, domain or project); other errors raise."""
        if isinstance(self.err, NotFound):
            return False
        self.raise_for_error()
        return True
