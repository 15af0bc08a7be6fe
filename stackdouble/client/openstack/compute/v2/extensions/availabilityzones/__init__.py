"""Availability zones (`os-availability-zone`), and a server's zone.

Example to list the zones:

    >>> [z.name for z in availabilityzones.list(compute).items()]
    ['nova']

Example to read the zone of a server from `servers.get`'s Result:

    >>> result = servers.get(compute, server_id)
    >>> availabilityzones.extract_availability_zone(result)
    'nova'
"""

from stackdouble.client.openstack.compute.v2.extensions.availabilityzones.requests import (
    list,
    list_detail,
)
from stackdouble.client.openstack.compute.v2.extensions.availabilityzones.results import (
    AvailabilityZone,
    AvailabilityZonePage,
    ServiceState,
    extract_availability_zone,
    extract_availability_zones,
)

__all__ = [
    "AvailabilityZone",
    "AvailabilityZonePage",
    "ServiceState",
    "extract_availability_zone",
    "extract_availability_zones",
    "list",
    "list_detail",
]
