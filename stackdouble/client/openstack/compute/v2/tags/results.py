"""Nova server tag results."""

from __future__ import annotations

from typing import Any

from stackdouble.client._errors import NotFound, UnexpectedBody
from stackdouble.client._results import ErrResult, Result

__all__ = ["AddResult", "CheckResult", "DeleteResult", "ListResult", "ReplaceAllResult"]


def _tags(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise UnexpectedBody("a list of strings", repr(raw)[:80])
    return list(raw)


class ListResult(Result):
    """The result of `tags.list`; `extract()` gives the tags."""

    __slots__ = ()

    def extract(self) -> list[str]:
        """The server's tags, or raise the error the call ended with."""
        return self.extract_with(_tags, key="tags")


class ReplaceAllResult(ListResult):
    """The result of `tags.replace_all`: the server's tags now."""

    __slots__ = ()


class CheckResult(Result):
    """The result of `tags.check`; `extract()` says whether the server has the tag."""

    __slots__ = ()

    def extract(self) -> bool:
        """True on Nova's 204, False on its 404.

        Raises:
            StackdoubleError: Any other error the call ended with.
        """
        if isinstance(self.err, NotFound):
            return False
        if self.err is not None:
            raise self.err
        return True


class AddResult(ErrResult):
    """The result of `tags.add` (201 when added, 204 when it was there already)."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `tags.delete` and `tags.delete_all`."""

    __slots__ = ()
