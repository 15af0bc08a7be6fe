"""Swift objects: list, upload and download (streamed), metadata, copy, delete, bulk delete,
and temporary URLs.

Example to upload from bytes, a file or any iterable of bytes (streamed with chunked
transfer encoding, never held whole), with the MD5 checked against Swift's ETag:

    >>> from stackdouble.client.openstack.objectstorage.v1 import objects
    >>> opts = objects.CreateOpts(content_type="image/jpeg")
    >>> result = objects.create(storage, "photos", "2026/été.jpg", b"...", opts)
    >>> result.extract().etag
    '2f43b42fd833d1e77420a8dae7419000'
    >>> import io
    >>> iso = io.BytesIO(bytes(4096))  # any binary file: open("big.iso", "rb")
    >>> objects.create(storage, "photos", "big.iso", iso).extract_err()

Example to download in chunks into a file (the MD5 is checked as the last chunk arrives):

    >>> sink = io.BytesIO()  # any binary file: open("copy.iso", "wb")
    >>> with objects.download(storage, "photos", "big.iso") as result:
    ...     written = result.read_into(sink)
    >>> written
    4096

Example to list a pseudo-directory as full rows:

    >>> opts = objects.ListOpts(full=True, prefix="2026/", delimiter="/")
    >>> [o.name for o in objects.list(storage, "photos", opts).items()]
    ['2026/été.jpg']

Example to make a temporary URL (no request is sent; `key` is the account's temp-URL key):

    >>> url = objects.create_temp_url("https://swift.example/v1/AUTH_demo", "docs", "a b.pdf",
    ...                               key="s3cr3t", expires=1800000000, digest="sha512")
    >>> url.split("?")[0]
    'https://swift.example/v1/AUTH_demo/docs/a%20b.pdf'
    >>> url.split("temp_url_sig=")[1].startswith("sha512:")
    True
"""

from stackdouble.client.openstack.objectstorage.v1.objects.requests import (
    TEMP_URL_DIGESTS,
    Content,
    CopyOpts,
    CopyOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    DownloadOpts,
    DownloadOptsBuilder,
    GetOpts,
    GetOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    bulk_delete,
    copy,
    create,
    create_temp_url,
    delete,
    download,
    get,
    list,
    update,
)
from stackdouble.client.openstack.objectstorage.v1.objects.results import (
    BulkDeleteResponse,
    BulkDeleteResult,
    CopyResult,
    CreateHeaders,
    CreateResult,
    DeleteResult,
    DownloadResult,
    ETagMismatch,
    GetResult,
    Object,
    ObjectHeaders,
    ObjectPage,
    UpdateResult,
    extract_info,
    extract_names,
)

__all__ = [
    "TEMP_URL_DIGESTS",
    "BulkDeleteResponse",
    "BulkDeleteResult",
    "Content",
    "CopyOpts",
    "CopyOptsBuilder",
    "CopyResult",
    "CreateHeaders",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "DownloadOpts",
    "DownloadOptsBuilder",
    "DownloadResult",
    "ETagMismatch",
    "GetOpts",
    "GetOptsBuilder",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Object",
    "ObjectHeaders",
    "ObjectPage",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "bulk_delete",
    "copy",
    "create",
    "create_temp_url",
    "delete",
    "download",
    "extract_info",
    "extract_names",
    "get",
    "list",
    "update",
]
