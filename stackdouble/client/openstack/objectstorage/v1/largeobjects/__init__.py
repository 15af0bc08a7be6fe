"""Swift large objects: segmented upload (static or dynamic), the manifest, delete with the
segments; what python-swiftclient's `swift upload --segment-size` and `swift delete` do.

A separate package rather than more of `objects`: each call here is several requests over
two containers (HEAD, segment PUTs, the manifest PUT, the old segments' DELETEs), where each
`objects` builder is one request, as in gophercloud.

Example to upload a file (here 10 KiB) as a large object in 4 KiB segments, streamed
(memory stays at one 1 MiB block), each segment's MD5 checked (`use_slo=True`, the default,
makes a static large object and checks the manifest's ETag too), then to delete it with its
segments:

    >>> from stackdouble.client.openstack.objectstorage.v1 import largeobjects
    >>> import io
    >>> data = io.BytesIO(bytes(range(256)) * 40)  # or a path: "backup.tar"
    >>> opts = largeobjects.UploadOpts(segment_size=4096, use_slo=False)
    >>> big = largeobjects.upload(storage, "photos", "backup.tar", data, opts).extract()
    >>> big.kind, big.segment_container, len(big.segments)
    ('dlo', 'photos_segments', 3)
    >>> largeobjects.delete(storage, "photos", "backup.tar").extract().segments_deleted
    3

Example to upload a static large object (Swift checks each segment's size and ETag against
the manifest and answers the SLO's ETag, which the client checks too), then read its
manifest:

    >>> slo = largeobjects.upload(storage, "photos", "slo.tar", bytes(10240),
    ...                           largeobjects.UploadOpts(segment_size=4096)).extract()
    >>> slo.kind, len(slo.segments)
    ('slo', 3)
    >>> [s.size_bytes for s in largeobjects.get_manifest(storage, "photos", "slo.tar")
    ...  .extract()]
    [4096, 4096, 2048]
"""

from stackdouble.client.openstack.objectstorage.v1.largeobjects.requests import (
    DeleteOpts,
    Source,
    UploadOpts,
    delete,
    get_manifest,
    upload,
)
from stackdouble.client.openstack.objectstorage.v1.largeobjects.results import (
    DeleteResult,
    DeleteSummary,
    LargeObject,
    ManifestResult,
    Segment,
    UploadResult,
)

__all__ = [
    "DeleteOpts",
    "DeleteResult",
    "DeleteSummary",
    "LargeObject",
    "ManifestResult",
    "Segment",
    "Source",
    "UploadOpts",
    "UploadResult",
    "delete",
    "get_manifest",
    "upload",
]
