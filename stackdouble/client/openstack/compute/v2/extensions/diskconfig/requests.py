"""Disk config options: decorate server create, rebuild and resize with `OS-DCF:diskConfig`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from stackdouble.client._errors import InvalidInput
from stackdouble.client.openstack.compute.v2.servers.requests import (
    CreateOptsBuilder,
    RebuildOptsBuilder,
    ResizeOptsBuilder,
)

__all__ = ["CreateOptsExt", "DiskConfig", "RebuildOptsExt", "ResizeOptsExt"]

_KEY = "OS-DCF:diskConfig"


class DiskConfig(str, Enum):
    """How a server's disk is partitioned.

    AUTO makes one partition the size of the flavor's disk and grows the filesystem (single
    ext3 partition images only); MANUAL keeps the image's partitions and leaves the rest of
    the disk unpartitioned.
    """

    AUTO = "AUTO"
    MANUAL = "MANUAL"


def _value(disk_config: DiskConfig | str) -> str:
    value = disk_config.value if isinstance(disk_config, DiskConfig) else disk_config
    if value not in (DiskConfig.AUTO.value, DiskConfig.MANUAL.value):
        raise InvalidInput(f"disk_config must be AUTO or MANUAL, not {value!r}", "disk_config")
    return value


def _decorate(base: dict[str, Any], key: str, disk_config: DiskConfig | str) -> dict[str, Any]:
    inner = base.get(key)
    if not isinstance(inner, dict):
        raise InvalidInput(f"the decorated options render no {key!r} object", "disk_config")
    return {**base, key: {**inner, _KEY: _value(disk_config)}}


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOptsExt:
    """Server create options plus a disk config.

    Example:
        >>> from stackdouble.client.openstack.compute.v2 import servers
        >>> opts = CreateOptsExt(
        ...     create_opts=servers.CreateOpts(name="web", image_ref="img", flavor_ref="1"),
        ...     disk_config=DiskConfig.MANUAL)
        >>> opts.to_server_create_map()["server"]["OS-DCF:diskConfig"]
        'MANUAL'
    """

    create_opts: CreateOptsBuilder
    disk_config: DiskConfig | str | None = None

    def to_server_create_map(self) -> dict[str, Any]:
        """The decorated builder's body with `OS-DCF:diskConfig` added to `server`.

        Raises:
            InvalidInput: A disk config other than AUTO or MANUAL, or whatever the decorated
                builder raises.
        """
        base = self.create_opts.to_server_create_map()
        if self.disk_config is None:
            return base
        return _decorate(base, "server", self.disk_config)


@dataclass(frozen=True, slots=True, kw_only=True)
class RebuildOptsExt:
    """Server rebuild options plus a disk config (required, as in gophercloud)."""

    rebuild_opts: RebuildOptsBuilder
    disk_config: DiskConfig | str

    def to_server_rebuild_map(self) -> dict[str, Any]:
        """The decorated builder's body with `OS-DCF:diskConfig` added to `rebuild`."""
        return _decorate(self.rebuild_opts.to_server_rebuild_map(), "rebuild", self.disk_config)


@dataclass(frozen=True, slots=True, kw_only=True)
class ResizeOptsExt:
    """Server resize options plus a disk config (required, as in gophercloud)."""

    resize_opts: ResizeOptsBuilder
    disk_config: DiskConfig | str

    def to_server_resize_map(self) -> dict[str, Any]:
        """The decorated builder's body with `OS-DCF:diskConfig` added to `resize`."""
        return _decorate(self.resize_opts.to_server_resize_map(), "resize", self.disk_config)
