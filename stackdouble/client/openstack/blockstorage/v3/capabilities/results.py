"""Capabilities results: what a volume backend's driver reports, and its Result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._results import Result

__all__ = ["Capabilities", "GetResult"]


@dataclass(slots=True, kw_only=True)
class Capabilities:
    """A volume backend's capabilities (`GET /capabilities/{host}`).

    Attributes:
        namespace: `OS::Storage::Capabilities::<host@backend>`, naming the service that
            answered (not necessarily the host asked for).
        vendor_name, volume_backend_name, driver_version, storage_protocol: The driver's
            stats (`Open Source`, `lvmdriver-1`, `3.0.0`, `iSCSI` for DevStack's LVM).
        pool_name, display_name, description, visibility: None unless the driver sets
            them.
        replication_targets: The backend's replication targets.
        properties: What extra specs the backend understands, by name: `{"title",
            "description", "type"}` (the standard `thin_provisioning`, `compression`,
            `qos`, `replication_enabled`, then any vendor's).
    """

    namespace: str
    vendor_name: str | None = None
    volume_backend_name: str | None = None
    pool_name: str | None = None
    driver_version: str | None = None
    storage_protocol: str | None = None
    display_name: str | None = None
    description: str | None = None
    visibility: str | None = None
    replication_targets: Sequence[Any] = ()
    properties: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Capabilities:
        """Capabilities from Cinder's (unwrapped) answer."""
        return cls(namespace=raw["namespace"], vendor_name=raw.get("vendor_name"),
                   volume_backend_name=raw.get("volume_backend_name"),
                   pool_name=raw.get("pool_name"), driver_version=raw.get("driver_version"),
                   storage_protocol=raw.get("storage_protocol"),
                   display_name=raw.get("display_name"), description=raw.get("description"),
                   visibility=raw.get("visibility"),
                   replication_targets=tuple(raw.get("replication_targets") or ()),
                   properties=dict(raw.get("properties") or {}))


class GetResult(Result):
    """The result of `capabilities.get`; call `extract()` for the Capabilities."""

    __slots__ = ()

    def extract(self) -> Capabilities:
        """The Capabilities, or raise the error the call ended with."""
        return self.extract_with(Capabilities.from_json)
