"""Rescue/unrescue results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import ErrResult, Result

__all__ = ["RescueResult", "UnrescueResult"]


def _admin_pass(raw: Any) -> str | None:
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a JSON object", type(raw).__name__)
    value = raw.get("adminPass")
    return None if value is None else str(value)


class RescueResult(Result):
    """The result of `rescueunrescue.rescue`; `extract()` gives the rescue password.

    Nova answers `{"adminPass": ...}`, or `{}` when the cloud turned
    `[api] enable_instance_password` off. The password is in `body` too: the repr of a
    Result never shows its body.
    """

    __slots__ = ()

    def extract(self) -> str | None:
        """The admin password of the rescue system, or None when Nova sent none.

        Raises:
            StackdoubleError: The error the call ended with.
            UnexpectedBody: The body is not a JSON object.

        Example:
            >>> from stackdouble.client.openstack.compute.v2.extensions import rescueunrescue
            >>> opts = rescueunrescue.RescueOpts(admin_pass="s3cret")
            >>> rescueunrescue.rescue(compute, server_id, opts).extract()
            's3cret'
        """
        return self.extract_with(_admin_pass)


class UnrescueResult(ErrResult):
    """The result of `rescueunrescue.unrescue`; `extract_err()` raises its error, if any."""

    __slots__ = ()
