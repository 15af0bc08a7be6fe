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

Example to let a browser upload files into `photos/in/` with no token (formpost): sign
the form's fields with the account's temp-URL key (counting from the cloud's clock),
then POST them and the files as `multipart/form-data`:

    >>> import requests
    >>> accounts.update(storage, accounts.UpdateOpts(temp_url_key="s3cr3t")).extract_err()
    >>> form = objects.create_form_post(storage, "photos", "in/", key="s3cr3t",
    ...                                 max_file_size=1024, seconds=600,
    ...                                 now=cloud.clock.time())
    >>> requests.post(form.url, data=form.fields,
    ...               files={"file": ("cat.txt", b"meow")}).status_code
    201
    >>> objects.download(storage, "photos", "in/cat.txt").extract_content()
    b'meow'

Example to make a symlink (a zero-byte object naming its target), read through it, and
read the link itself (`symlink_get`):

    >>> link = objects.CreateOpts(symlink_target="photos/in/cat.txt")
    >>> objects.create(storage, "photos", "latest", b"", link).extract_err()
    >>> objects.download(storage, "photos", "latest").extract_content()
    b'meow'
    >>> objects.get(storage, "photos", "latest", objects.GetOpts(symlink_get=True)
    ...             ).extract().symlink_target
    'photos/in/cat.txt'

Example to keep versions (`X-Versions-Enabled` on the container), list them, read one by
its id, make it the current one again, and delete it:

    >>> containers.create(storage, "docs", containers.CreateOpts(versions_enabled=True)
    ...                   ).extract_err()
    >>> first = objects.create(storage, "docs", "a.txt", b"one").extract().version_id
    >>> objects.create(storage, "docs", "a.txt", b"two").extract_err()
    >>> page = next(objects.list(storage, "docs", objects.ListOpts(versions=True)).pages())
    >>> [(o.name, o.is_latest) for o in page.items()]
    [('a.txt', True), ('a.txt', False)]
    >>> objects.download(storage, "docs", "a.txt", objects.DownloadOpts(version_id=first)
    ...                  ).extract_content()
    b'one'
    >>> objects.restore_version(storage, "docs", "a.txt", first).extract().version_id == first
    True
    >>> objects.download(storage, "docs", "a.txt").extract_content()
    b'one'
    >>> objects.delete(storage, "docs", "a.txt", objects.DeleteOpts(version_id=first)
    ...                ).extract_err()
"""

from stackdouble.client.openstack.objectstorage.v1.objects.requests import (
    TEMP_URL_DIGESTS,
    Content,
    CopyOpts,
    CopyOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    DeleteOpts,
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
    create_form_post,
    create_temp_url,
    delete,
    download,
    get,
    list,
    restore_version,
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
    FormPost,
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
    "DeleteOpts",
    "DeleteResult",
    "DownloadOpts",
    "DownloadOptsBuilder",
    "DownloadResult",
    "ETagMismatch",
    "FormPost",
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
    "create_form_post",
    "create_temp_url",
    "delete",
    "download",
    "extract_info",
    "extract_names",
    "get",
    "list",
    "restore_version",
    "update",
]
