"""URLs of Swift objects."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1._swift import quote_name
from stackdouble.client.openstack.objectstorage.v1.accounts.urls import account_url
from stackdouble.client.openstack.objectstorage.v1.containers.urls import container_url

__all__ = [
    "bulk_delete_url",
    "copy_url",
    "create_url",
    "delete_url",
    "download_url",
    "get_url",
    "list_url",
    "object_url",
    "update_url",
]


def list_url(client: ServiceClient, container: str) -> str:
    """`GET /v1/{account}/{container}`: the container's object listing."""
    return container_url(client, container)


def object_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`/v1/{account}/{container}/{object}`, each name percent-encoded (`/` as `%2F`).

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> client = ServiceClient(ProviderClient(), "http://swift.test/v1/AUTH_test")
        >>> object_url(client, "photos", "2026/été.jpg")
        'http://swift.test/v1/AUTH_test/photos/2026%2F%C3%A9t%C3%A9.jpg'
    """
    return f"{container_url(client, container)}/{quote_name(object_name)}"


def create_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`PUT` the object."""
    return object_url(client, container, object_name)


def download_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`GET` the object."""
    return object_url(client, container, object_name)


def get_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`HEAD` the object."""
    return object_url(client, container, object_name)


def update_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`POST` the object's metadata."""
    return object_url(client, container, object_name)


def copy_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`COPY` the object (the source)."""
    return object_url(client, container, object_name)


def delete_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`DELETE` the object."""
    return object_url(client, container, object_name)


def bulk_delete_url(client: ServiceClient) -> str:
    """`POST /v1/{account}?bulk-delete`: Swift's bulk middleware."""
    return account_url(client) + "?bulk-delete"
