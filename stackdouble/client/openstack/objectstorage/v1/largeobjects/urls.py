"""URLs of Swift's large-object middleware (`slo`, `dlo`): the manifest's own URL with the
`multipart-manifest` query, and the segments' URLs."""

from __future__ import annotations

from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1.objects.urls import object_url

__all__ = [
    "manifest_delete_url",
    "manifest_get_url",
    "manifest_put_url",
    "object_head_url",
    "segment_url",
]


def manifest_put_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`PUT ...?multipart-manifest=put`: store a static large object's manifest.

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> client = ServiceClient(ProviderClient(), "http://swift.test/v1/AUTH_test")
        >>> manifest_put_url(client, "videos", "big.iso")
        'http://swift.test/v1/AUTH_test/videos/big.iso?multipart-manifest=put'
    """
    return object_url(client, container, object_name) + "?multipart-manifest=put"


def manifest_get_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`GET ...?multipart-manifest=get`: the manifest's segment list instead of the content."""
    return object_url(client, container, object_name) + "?multipart-manifest=get"


def manifest_delete_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`DELETE ...?multipart-manifest=delete`: the manifest and every segment it lists."""
    return object_url(client, container, object_name) + "?multipart-manifest=delete"


def object_head_url(client: ServiceClient, container: str, object_name: str) -> str:
    """`HEAD ...?symlink=get`: the object itself, a symlink not followed."""
    return object_url(client, container, object_name) + "?symlink=get"


def segment_url(client: ServiceClient, container: str, segment_name: str) -> str:
    """`PUT`/`DELETE` one segment."""
    return object_url(client, container, segment_name)
