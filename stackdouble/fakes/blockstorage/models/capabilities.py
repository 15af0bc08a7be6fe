"""A volume backend's capabilities (`cinder/api/contrib/capabilities.py`, the volume
manager's `get_capabilities`, `VolumeDriver.init_capabilities`), for
`client/openstack/blockstorage/v3/capabilities`.

Cinder finds a `cinder-volume` service whose host (or cluster) matches the one asked for
(`db.api._filter_host`: a node also matches its backends, a backend its pools), then asks
that service over RPC for its driver's stats. The fake's one backend is DevStack's
`lvmdriver-1`: the LVM driver's stats (`drivers/lvm.py`: "Open Source", 3.0.0, iSCSI
through its target driver, no top-level pool name) and the four standard properties every
driver reports (`driver.py`'s `_init_standard_capabilities`).

    >>> from stackdouble.fakes import FakeCloud
    >>> storage = FakeCloud(seed=1).block_storage
    >>> found = storage.capabilities("stackdouble")
    >>> found.topic, found.vendor_name, found.storage_protocol
    ('stackdouble@lvmdriver-1', 'Open Source', 'iSCSI')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from stackdouble.fakes.blockstorage.errors import NotFound
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.blockstorage.models.services import host_matches

__all__ = ["STANDARD_PROPERTIES", "Capabilities", "CapabilitiesMixin"]

#: `_init_standard_capabilities`: what every driver reports under `properties`.
STANDARD_PROPERTIES: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "thin_provisioning": MappingProxyType({"title": "Thin Provisioning",
                                           "description": "Sets thin provisioning.",
                                           "type": "boolean"}),
    "compression": MappingProxyType({"title": "Compression",
                                     "description": "Enables compression.",
                                     "type": "boolean"}),
    "qos": MappingProxyType({"title": "QoS", "description": "Enables QoS.",
                             "type": "boolean"}),
    "replication_enabled": MappingProxyType({"title": "Replication",
                                             "description": "Enables replication.",
                                             "type": "boolean"}),
})


@dataclass(frozen=True, slots=True, kw_only=True)
class Capabilities:
    """What a volume service's driver reports (`driver.capabilities`).

    Attributes:
        topic: The service's queue (`service_topic_queue`: its cluster, else its host),
            which the namespace names.
        pool_name: None for LVM (its pool is only in `pools`).
        display_name, description, visibility: Set by no in-tree driver by default.
    """

    topic: str
    vendor_name: str
    volume_backend_name: str
    driver_version: str
    storage_protocol: str
    pool_name: str | None = None
    display_name: str | None = None
    description: str | None = None
    visibility: str | None = None
    replication_targets: tuple[str, ...] = ()
    properties: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: STANDARD_PROPERTIES)


class CapabilitiesMixin(_ModelBase):
    """The capabilities of `BlockStorageModel`'s volume backend."""

    def capabilities(self, host: str) -> Capabilities:
        """`GET /capabilities/{host}`: the driver stats of the first `cinder-volume`
        service `host` matches (a node, `node@backend` or an exact pool).

        Raises:
            NotFound: "Can't find service: <host>".
        """
        for svc in self.list_services(binary="cinder-volume"):
            if host_matches(svc.host, host) or (
                    svc.cluster is not None and host_matches(svc.cluster, host)):
                backend = svc.host.split("@", 1)[1] if "@" in svc.host else svc.host
                return Capabilities(topic=svc.cluster or svc.host, vendor_name="Open Source",
                                    volume_backend_name=backend, driver_version="3.0.0",
                                    storage_protocol="iSCSI")
        raise NotFound(f"Can't find service: {host}")
