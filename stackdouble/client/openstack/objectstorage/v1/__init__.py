"""Object Storage (Swift) v1: `accounts`, `containers` and `objects`; `swauth` (Swift's own
v1.0 authentication, for clouds without Keystone) and `info` (the cluster's capabilities).

Build the service client from the catalog's `object-store` entry; its endpoint is the
account URL (`.../v1/AUTH_<project>`):

    >>> storage = openstack.new_object_storage_v1(provider)

Then each resource package works on that client, as in gophercloud:

    >>> from stackdouble.client.openstack.objectstorage.v1 import containers, objects
    >>> containers.create(storage, "photos").extract_err()
    >>> objects.create(storage, "photos", "2026/été.jpg", b"...").extract().etag
    '2f43b42fd833d1e77420a8dae7419000'

`ETagMismatch` is the one error of its own: an upload or download whose bytes do not hash
to the object's ETag. Every other failure is the client's usual `HTTPError` subclass, with
Swift's transaction id (`X-Trans-Id`) as its `request_id`.
"""

from stackdouble.client.openstack.objectstorage.v1._swift import (
    BulkDeleteResponse,
    ETagMismatch,
    ResponseHeaders,
)

__all__ = ["BulkDeleteResponse", "ETagMismatch", "ResponseHeaders"]
