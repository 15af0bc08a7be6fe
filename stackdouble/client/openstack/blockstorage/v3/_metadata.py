"""Result bases shared by the Block Storage clients' metadata calls (a volume's and a
snapshot's answer alike: `{"metadata": {...}}` for all of it, `{"meta": {k: v}}` for one
item)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import Result

__all__ = ["MetadataResult", "MetadatumResult", "string_map"]


def string_map(raw: Any) -> dict[str, str]:
    """A metadata object as a `dict[str, str]`.

    Raises:
        UnexpectedBody: Not a JSON object.
    """
    if not isinstance(raw, Mapping):
        raise UnexpectedBody("a JSON object of metadata", type(raw).__name__)
    return {str(key): str(value) for key, value in raw.items()}


class MetadataResult(Result):
    """A Result whose body is `{"metadata": {...}}`; `extract()` gives the dict."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """The metadata, or raise the error the call ended with."""
        return self.extract_with(string_map, key="metadata")


class MetadatumResult(Result):
    """A Result whose body is `{"meta": {key: value}}`; `extract()` gives that dict."""

    __slots__ = ()

    def extract(self) -> dict[str, str]:
        """`{key: value}` for the one item, or raise the error the call ended with."""
        return self.extract_with(string_map, key="meta")
