"""Nova's image proxy (`/images`): list with details, get, delete, and each image's
metadata (its Glance properties).

The proxy answers 404 from microversion 2.36 on, the metadata from 2.39; use a client
without a microversion (or below 2.36) here, or Glance.

Example to list the active images:

    >>> opts = ListOpts(status="ACTIVE")
    >>> active = [i.name for i in images.list(compute, opts).items()]

Example to read and change an image's metadata (the caller must own the image):

    >>> mine = cloud.image.create_image(cloud.image.caller_for(cloud.project_id("demo")),
    ...                                 name="mine", properties={"os_distro": "cirros"})
    >>> images.metadata(compute, mine.id).extract()
    {'os_distro': 'cirros'}
    >>> images.update_metadata(compute, mine.id, {"os_version": "0.6"}).extract()
    {'os_distro': 'cirros', 'os_version': '0.6'}
    >>> images.delete_metadatum(compute, mine.id, "os_distro").extract_err()
    >>> images.metadatum(compute, mine.id, "os_version").extract()
    {'os_version': '0.6'}
"""

from stackdouble.client.openstack.compute.v2.images.requests import (
    ListOpts,
    ListOptsBuilder,
    create_metadatum,
    delete,
    delete_metadatum,
    get,
    list,
    metadata,
    metadatum,
    reset_metadata,
    update_metadata,
)
from stackdouble.client.openstack.compute.v2.images.results import (
    CreateMetadatumResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    Image,
    ImagePage,
    MetadataResult,
    MetadatumResult,
    ResetMetadataResult,
    UpdateMetadataResult,
    extract_images,
)

__all__ = [
    "CreateMetadatumResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "Image",
    "ImagePage",
    "ListOpts",
    "ListOptsBuilder",
    "MetadataResult",
    "MetadatumResult",
    "ResetMetadataResult",
    "UpdateMetadataResult",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "extract_images",
    "get",
    "list",
    "metadata",
    "metadatum",
    "reset_metadata",
    "update_metadata",
]
