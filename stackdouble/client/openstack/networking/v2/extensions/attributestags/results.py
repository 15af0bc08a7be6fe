"""Neutron tag results: the tags of a resource, and whether one is set."""

from __future__ import annotations

from typing import Any

from stackdouble.client._errors import NotFound
from stackdouble.client._results import ErrResult, Result
from stackdouble.client.openstack.networking.v2._neutron import strings

__all__ = ["AddResult", "ConfirmResult", "DeleteResult", "ListResult", "ReplaceAllResult"]


def _tags(raw: Any) -> list[str]:
    return list(strings(raw))


class ListResult(Result):
    """The result of `attributestags.list`: `{"tags": [...]}`."""

    __slots__ = ()

    def extract(self) -> list[str]:
        """The tags (Neutron keeps no order), or raise the error the call ended with."""
        return self.extract_with(_tags, key="tags")


class ReplaceAllResult(ListResult):
    """The result of `attributestags.replace_all`: the tags now set."""

    __slots__ = ()


class AddResult(ErrResult):
    """The result of `attributestags.add` (201, no body)."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `attributestags.delete` or `delete_all` (204)."""

    __slots__ = ()


class ConfirmResult(Result):
    """The result of `attributestags.confirm`: 204 when the tag is set, 404 when not."""

    __slots__ = ()

    def extract(self) -> bool:
        """Whether the tag is set.

        Raises:
            StackdoubleError: Any error but the 404 that means "not set" (a 404 for a
                missing resource reads as False too, as in gophercloud).
        """
        if isinstance(self.err, NotFound):
            return False
        if self.err is not None:
            raise self.err
        return True
