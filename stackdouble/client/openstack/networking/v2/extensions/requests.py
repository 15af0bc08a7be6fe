"""Neutron's extensions: list them, get one by alias (`common.extensions.requests` on the
Neutron client)."""

from stackdouble.client.openstack.common.extensions.requests import get, list

__all__ = ["get", "list"]
