"""Glance's interoperable image import: which methods the cloud offers (`get`), and
starting an import (`create`): `glance-direct` (data staged with `imagedata.stage`) or
`web-download` (Glance fetches a URL).

Example of an import request:

    >>> from stackdouble.client.openstack.image.v2 import imageimport
    >>> imageimport.CreateOpts(name=imageimport.GLANCE_DIRECT_METHOD).to_import_create_map()
    {'method': {'name': 'glance-direct'}}

Example to stage data, import it and wait:

    >>> from stackdouble.client.openstack.image.v2 import imagedata, images
    >>> imagedata.stage(image_client, image_id, b"disk bytes").extract_err()
    >>> imageimport.create(image_client, image_id, imageimport.CreateOpts(
    ...     name=imageimport.GLANCE_DIRECT_METHOD)).extract_err()
    >>> images.wait_for_status(image_client, image_id, "active",
    ...                        timeout=60).status
    'active'
"""

from stackdouble.client.openstack.image.v2.imageimport.requests import (
    COPY_IMAGE_METHOD,
    GLANCE_DIRECT_METHOD,
    WEB_DOWNLOAD_METHOD,
    CreateOpts,
    CreateOptsBuilder,
    create,
    get,
)
from stackdouble.client.openstack.image.v2.imageimport.results import (
    CreateResult,
    GetResult,
    ImportInfo,
    ImportMethods,
)

__all__ = [
    "COPY_IMAGE_METHOD",
    "GLANCE_DIRECT_METHOD",
    "WEB_DOWNLOAD_METHOD",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "GetResult",
    "ImportInfo",
    "ImportMethods",
    "create",
    "get",
]
