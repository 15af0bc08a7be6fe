"""Cinder availability zones: list (Block Storage's own, which volumes and backups name).

Example to list the zones and pick an available one for a volume:

    >>> from stackdouble.client.openstack.blockstorage.v3 import availabilityzones
    >>> zones = availabilityzones.extract_availability_zones(
    ...     availabilityzones.list(block_storage).all_pages())
    >>> [(z.zone_name, z.zone_state.available) for z in zones]
    [('nova', True)]
    >>> volumes.create(block_storage, volumes.CreateOpts(
    ...     size=1, availability_zone=zones[0].zone_name)).extract().availability_zone
    'nova'
"""

from stackdouble.client.openstack.blockstorage.v3.availabilityzones.requests import list
from stackdouble.client.openstack.blockstorage.v3.availabilityzones.results import (
    AvailabilityZone,
    AvailabilityZonePage,
    ZoneState,
    extract_availability_zones,
)

__all__ = [
    "AvailabilityZone",
    "AvailabilityZonePage",
    "ZoneState",
    "extract_availability_zones",
    "list",
]
