"""Networking (Neutron): the v2.0 API is in `stackdouble.client.openstack.networking.v2`."""

__all__: list[str] = []
