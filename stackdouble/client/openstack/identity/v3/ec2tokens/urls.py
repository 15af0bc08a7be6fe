"""URLs of Keystone's ec2tokens."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient

__all__ = ["ec2tokens_url"]


def ec2tokens_url(client: ServiceClient) -> str:
    """`/v3/ec2tokens`."""
    return client.service_url("ec2tokens")
