"""Extension results shared by Neutron and Cinder: the Extension resource, its Result and
its page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import Result
from stackdouble.client.pagination import Page, SinglePage

__all__ = ["Extension", "ExtensionPage", "GetResult", "extract_extensions"]


class Extension(Resource):
    """An API extension a service has loaded (Neutron's `router`, `security-group`...;
    Cinder's `os-admin-actions`, `capabilities`...): what a client may use.

    Attributes:
        alias: Its short name, the one to test for (`"router" in aliases`).
        updated: When the extension last changed, as the service writes it (a string:
            `2015-08-31T00:00:00+00:00`).
        links: Empty on both.
    """

    __slots__ = ()

    alias: str = json_field("alias", default="")
    name: str = json_field("name", default="")
    description: str = json_field("description", default="")
    updated: str = json_field("updated", default="")
    links: Sequence[Mapping[str, Any]] = json_field("links", tuple, default=())


class GetResult(Result):
    """The result of `extensions.get`; call `extract()` for the Extension."""

    __slots__ = ()

    def extract(self) -> Extension:
        """The Extension, or raise the error the call ended with."""
        return self.extract_with(Extension.from_json, key="extension")


class ExtensionPage(SinglePage):
    """The one page of `extensions.list`: `{"extensions": [...]}`."""

    __slots__ = ()
    resource_key = "extensions"

    def items(self) -> list[Extension]:
        """The extensions."""
        return extract_extensions(self)


def extract_extensions(page: Page) -> list[Extension]:
    """The extensions on the page of `extensions.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(Extension.from_json, key="extensions")
