"""Swift's `/info`: the cluster's release, limits, storage policies and middlewares.

Example to read a limit before uploading, and to check that temp URLs take SHA-256:

    >>> from stackdouble.client.openstack.objectstorage.v1 import info
    >>> caps = info.get(storage).extract()
    >>> caps.swift.max_file_size, caps.swift.default_policy.name
    (5368709122, 'Policy-0')
    >>> "sha256" in caps.get("tempurl", {}).get("allowed_digests", ())
    True
"""

from stackdouble.client.openstack.objectstorage.v1.info.requests import (
    GetOpts,
    GetOptsBuilder,
    get,
)
from stackdouble.client.openstack.objectstorage.v1.info.results import (
    Capabilities,
    GetResult,
    StoragePolicy,
    SwiftInfo,
)

__all__ = [
    "Capabilities",
    "GetOpts",
    "GetOptsBuilder",
    "GetResult",
    "StoragePolicy",
    "SwiftInfo",
    "get",
]
