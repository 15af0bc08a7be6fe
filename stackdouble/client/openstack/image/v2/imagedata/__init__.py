"""Glance image data: streamed upload (`PUT .../file`), staging for a `glance-direct`
import (`PUT .../stage`), and streamed download whose MD5 `checksum` (and, when asked,
`os_hash_value`) is checked as the data is read.

Nothing is held in memory beyond one chunk: uploads take bytes, a binary file or an
iterator of chunks; downloads are read with `iter_content()` or `read_into(file)`.

Example to check a download against the image's multihash:

    >>> from stackdouble.client.openstack.image.v2 import imagedata
    >>> imagedata.DownloadOpts(checksum="ECC4876AAA82751C8576F8DAFA971C64",
    ...                        os_hash_algo="sha512", os_hash_value="82BD74"
    ...                        ).to_image_download_hashes()
    {'md5': 'ecc4876aaa82751c8576f8dafa971c64', 'sha512': '82bd74'}

Example to upload a file and download it again:

    >>> from stackdouble.client.openstack.image.v2 import images
    >>> with open("cirros.img", "rb") as disk:
    ...     imagedata.upload(image_client, image_id, disk).extract_err()
    >>> image = images.get(image_client, image_id).extract()
    >>> with imagedata.download(image_client, image_id,
    ...                         imagedata.DownloadOpts.from_image(image)) as data:
    ...     with open("copy.img", "wb") as out:
    ...         written = data.read_into(out)  # raises ChecksumMismatch on corruption
    >>> written == image.size
    True
"""

from stackdouble.client.openstack.image.v2.imagedata.requests import (
    OCTET_STREAM,
    Data,
    DownloadOpts,
    DownloadOptsBuilder,
    download,
    stage,
    upload,
)
from stackdouble.client.openstack.image.v2.imagedata.results import (
    DEFAULT_CHUNK_SIZE,
    ChecksumMismatch,
    DownloadResult,
    StageResult,
    UploadResult,
)

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "OCTET_STREAM",
    "ChecksumMismatch",
    "Data",
    "DownloadOpts",
    "DownloadOptsBuilder",
    "DownloadResult",
    "StageResult",
    "UploadResult",
    "download",
    "stage",
    "upload",
]
