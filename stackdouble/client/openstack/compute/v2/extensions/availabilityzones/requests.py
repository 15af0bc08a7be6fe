"""Availability zones: the plain listing, and the detailed one for admins."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.availabilityzones import urls
from stackdouble.client.openstack.compute.v2.extensions.availabilityzones.results import (
    AvailabilityZonePage,
)
from stackdouble.client.pagination import Pager

__all__ = ["list", "list_detail"]


def list(client: ServiceClient) -> Pager[AvailabilityZonePage]:
    """The zones and whether each is available (`GET /os-availability-zone`), one page."""
    return Pager(client, urls.list_url(client), AvailabilityZonePage)


def list_detail(client: ServiceClient) -> Pager[AvailabilityZonePage]:
    """The zones with their hosts and services (`GET /os-availability-zone/detail`).

    Admins only by Nova's default policy; others get `Forbidden` when the pager is iterated.
    """
    return Pager(client, urls.list_detail_url(client), AvailabilityZonePage)
