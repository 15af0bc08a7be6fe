"""Nova remote console results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from stackdouble.client._results import Result

__all__ = ["CreateResult", "RemoteConsole"]


@dataclass(slots=True, kw_only=True)
class RemoteConsole:
    """A console to open in a browser (or a websocket client): its URL carries a token
    that Nova's console proxy accepts for a limited time (`[consoleauth] token_ttl`)."""

    protocol: str
    type: str
    url: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> RemoteConsole:
        """A RemoteConsole from Nova's `remote_console` object."""
        return cls(protocol=raw["protocol"], type=raw["type"], url=raw["url"])


class CreateResult(Result):
    """The result of `remoteconsoles.create`; `extract()` gives the RemoteConsole."""

    __slots__ = ()

    def extract(self) -> RemoteConsole:
        """The console, or raise the error the call ended with."""
        return self.extract_with(RemoteConsole.from_json, key="remote_console")
