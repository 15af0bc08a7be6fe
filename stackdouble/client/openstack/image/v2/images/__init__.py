"""Glance images: create, get, list (filters, sorting, paging), update with a JSON patch,
delete, deactivate and reactivate, tags, and waiting on a status.

Glance v2 sends an image without an envelope; its extra properties sit beside the core
attributes (`Image.properties`). A new image is `shared` and `queued`; it becomes `active`
when data is uploaded (`imagedata.upload`) or imported (`imageimport`).

Example to build a create request and an update (a JSON patch, applied all or none):

    >>> from stackdouble.client.openstack.image.v2 import images
    >>> images.CreateOpts(name="cirros", disk_format="qcow2", container_format="bare",
    ...                   properties={"os_distro": "cirros"}).to_image_create_map()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'name': 'cirros', 'container_format': 'bare', 'disk_format': 'qcow2',
     'os_distro': 'cirros'}
    >>> images.UpdateOpts([images.ReplaceImageTags(["boot"]),
    ...                    images.UpdateImageProperty(op="remove", name="os_distro")]
    ...                   ).to_image_update_map()  # doctest: +NORMALIZE_WHITESPACE
    [{'op': 'replace', 'path': '/tags', 'value': ['boot']},
     {'op': 'remove', 'path': '/os_distro'}]

Example to list with Glance's filters and sort keys, lazily paged:

    >>> images.ListOpts(status="active", disk_format="in:raw,qcow2", sort="name:asc",
    ...                 limit=50).to_image_list_query()
    '?status=active&disk_format=in%3Araw%2Cqcow2&sort=name%3Aasc&limit=50'
    >>> names = [i.name for i in images.list(image_client, images.ListOpts(
    ...     sort="name:asc")).items()]

Example to create, rename, tag and delete:

    >>> image = images.create(image_client, images.CreateOpts(
    ...     name="cirros", disk_format="qcow2", container_format="bare")).extract()
    >>> image.status, image.visibility
    ('queued', 'shared')
    >>> images.update(image_client, image.id, images.UpdateOpts(
    ...     [images.ReplaceImageName("cirros-0.6")])).extract().name
    'cirros-0.6'
    >>> images.add_tag(image_client, image.id, "boot").extract_err()
    >>> images.delete(image_client, image.id).extract_err()
"""

from stackdouble.client.openstack.image.v2.images.requests import (
    ADD_OP,
    DATE_FILTERS,
    ERROR_STATUSES,
    JSON_PATCH,
    REMOVE_OP,
    REPLACE_OP,
    CreateOpts,
    CreateOptsBuilder,
    DateQuery,
    ListOpts,
    ListOptsBuilder,
    Patch,
    ReplaceImageContainerFormat,
    ReplaceImageDiskFormat,
    ReplaceImageHidden,
    ReplaceImageMinDisk,
    ReplaceImageMinRam,
    ReplaceImageName,
    ReplaceImageProtected,
    ReplaceImageTags,
    UpdateImageProperty,
    UpdateOpts,
    UpdateOptsBuilder,
    UpdateVisibility,
    add_tag,
    create,
    deactivate,
    delete,
    delete_tag,
    get,
    list,
    reactivate,
    update,
    wait_for_status,
)
from stackdouble.client.openstack.image.v2.images.results import (
    CORE_PROPERTIES,
    ActionResult,
    CreateResult,
    DeleteResult,
    GetResult,
    Image,
    ImagePage,
    ImageResult,
    TagResult,
    UpdateResult,
    extract_images,
)

__all__ = [
    "ADD_OP",
    "CORE_PROPERTIES",
    "DATE_FILTERS",
    "ERROR_STATUSES",
    "JSON_PATCH",
    "REMOVE_OP",
    "REPLACE_OP",
    "ActionResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DateQuery",
    "DeleteResult",
    "GetResult",
    "Image",
    "ImagePage",
    "ImageResult",
    "ListOpts",
    "ListOptsBuilder",
    "Patch",
    "ReplaceImageContainerFormat",
    "ReplaceImageDiskFormat",
    "ReplaceImageHidden",
    "ReplaceImageMinDisk",
    "ReplaceImageMinRam",
    "ReplaceImageName",
    "ReplaceImageProtected",
    "ReplaceImageTags",
    "TagResult",
    "UpdateImageProperty",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "UpdateVisibility",
    "add_tag",
    "create",
    "deactivate",
    "delete",
    "delete_tag",
    "extract_images",
    "get",
    "list",
    "reactivate",
    "update",
    "wait_for_status",
]
