"""Cinder's extensions: list them, get one by alias (`common.extensions.requests` on the
Cinder client)."""

from stackdouble.client.openstack.common.extensions.requests import get, list

__all__ = ["get", "list"]
