"""Cinder availability zones: list."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3.availabilityzones import urls
from stackdouble.client.openstack.blockstorage.v3.availabilityzones.results import (
    AvailabilityZonePage,
)
from stackdouble.client.pagination import Pager

__all__ = ["list"]


def list(client: ServiceClient) -> Pager[AvailabilityZonePage]:
    """The zones where volumes can be made (`GET /os-availability-zone`).

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import availabilityzones
        >>> [z.zone_name for z in availabilityzones.list(block_storage).items()]
        ['nova']
    """
    return Pager(client, urls.list_url(client), AvailabilityZonePage)
