"""Cinder volumes: list, create, get, update, delete, actions, metadata and waits.

Example to create a volume and wait for it (the fake's clock advances instead of sleeping):

    >>> opts = volumes.CreateOpts(size=1, name="data", metadata={"tier": "gold"})
    >>> volume = volumes.create(block_storage, opts).extract()
    >>> volume.status
    'creating'
    >>> volume = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> volume.status, volume.size, volume.volume_type
    ('available', 1, '__DEFAULT__')

Example to list volumes page by page, stopping early:

    >>> def handle(page):
    ...     for v in volumes.extract_volumes(page):
    ...         print(v.name)
    ...     return False
    >>> volumes.list(block_storage, volumes.ListOpts(limit=1)).each_page(handle)
    data

Example to list the volumes with some metadata, lazily paged:

    >>> [v.name for v in volumes.list(block_storage,
    ...                                volumes.ListOpts(metadata={"tier": "gold"})).items()]
    ['data']

Example to grow a volume and mark it bootable:

    >>> volumes.extend_size(block_storage, volume.id,
    ...                     volumes.ExtendSizeOpts(new_size=2)).extract_err()
    >>> volumes.set_bootable(block_storage, volume.id,
    ...                      volumes.BootableOpts(bootable=True)).extract_err()
    >>> volume = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> volume.size, volume.bootable
    (2, True)

Example to upload a volume to an image, and watch both finish:

    >>> upload = volumes.upload_image(block_storage, volume.id,
    ...                               volumes.UploadImageOpts(image_name="saved")).extract()
    >>> upload.status, upload.visibility
    ('uploading', 'shared')
    >>> volume = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> cloud.image.get_image(cloud.image.caller_for(volume.tenant_id),
    ...                       upload.image_id).size
    2147483648

Example to set, read and unset a volume's image metadata:

    >>> volumes.set_image_metadata(
    ...     block_storage, volume.id,
    ...     volumes.ImageMetadataOpts(metadata={"hw_disk_bus": "scsi"})).extract()
    {'hw_disk_bus': 'scsi'}
    >>> volumes.unset_image_metadata(block_storage, volume.id, "hw_disk_bus").extract_err()
    >>> volumes.show_image_metadata(block_storage, volume.id).extract()
    {}

Example to delete it, with its snapshots, and wait until it is gone:

    >>> volumes.delete(block_storage, volume.id,
    ...                volumes.DeleteOpts(cascade=True)).extract_err()
    >>> volumes.wait_for_delete(block_storage, volume.id, timeout=60,
    ...                         sleep=cloud.clock.advance, clock=cloud.clock.time)
"""

from stackdouble.client._wait import StatusError
from stackdouble.client.openstack.blockstorage.v3.volumes.requests import (
    ACTION_OK_CODES,
    ERROR_STATUSES,
    AttachOpts,
    AttachOptsBuilder,
    BootableOpts,
    BootableOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    DeleteOpts,
    DeleteOptsBuilder,
    DetachOpts,
    DetachOptsBuilder,
    ExtendSizeOpts,
    ExtendSizeOptsBuilder,
    ImageMetadataOpts,
    ImageMetadataOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    ReImageOpts,
    ReImageOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    UploadImageOpts,
    UploadImageOptsBuilder,
    attach,
    begin_detaching,
    create,
    create_metadatum,
    delete,
    delete_metadatum,
    detach,
    extend_size,
    force_delete,
    get,
    list,
    list_simple,
    metadata,
    metadatum,
    reimage,
    reserve,
    reset_metadata,
    set_bootable,
    set_image_metadata,
    show_image_metadata,
    summary,
    unreserve,
    unset_image_metadata,
    update,
    update_metadata,
    upload_image,
    wait_for_delete,
    wait_for_status,
)
from stackdouble.client.openstack.blockstorage.v3.volumes.results import (
    ActionResult,
    Attachment,
    CreateMetadatumResult,
    CreateResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    ImageMetadataResult,
    ImageVolumeType,
    MetadataResult,
    MetadatumResult,
    ReImageResult,
    ResetMetadataResult,
    SetImageMetadataResult,
    ShowImageMetadataResult,
    SummaryResult,
    UnsetImageMetadataResult,
    UpdateMetadataResult,
    UpdateResult,
    UploadImageResult,
    Volume,
    VolumeImage,
    VolumePage,
    VolumeResult,
    VolumeSummary,
    extract_count,
    extract_volumes,
)

__all__ = [
    "ACTION_OK_CODES",
    "ERROR_STATUSES",
    "ActionResult",
    "AttachOpts",
    "AttachOptsBuilder",
    "Attachment",
    "BootableOpts",
    "BootableOptsBuilder",
    "CreateMetadatumResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteMetadatumResult",
    "DeleteOpts",
    "DeleteOptsBuilder",
    "DeleteResult",
    "DetachOpts",
    "DetachOptsBuilder",
    "ExtendSizeOpts",
    "ExtendSizeOptsBuilder",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "ImageMetadataOpts",
    "ImageMetadataOptsBuilder",
    "ImageMetadataResult",
    "ImageVolumeType",
    "ListOpts",
    "ListOptsBuilder",
    "MetadataResult",
    "MetadatumResult",
    "ReImageOpts",
    "ReImageOptsBuilder",
    "ReImageResult",
    "ResetMetadataResult",
    "SetImageMetadataResult",
    "ShowImageMetadataResult",
    "StatusError",
    "SummaryResult",
    "UnsetImageMetadataResult",
    "UpdateMetadataResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "UploadImageOpts",
    "UploadImageOptsBuilder",
    "UploadImageResult",
    "Volume",
    "VolumeImage",
    "VolumePage",
    "VolumeResult",
    "VolumeSummary",
    "attach",
    "begin_detaching",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach",
    "extend_size",
    "extract_count",
    "extract_volumes",
    "force_delete",
    "get",
    "list",
    "list_simple",
    "metadata",
    "metadatum",
    "reimage",
    "reserve",
    "reset_metadata",
    "set_bootable",
    "set_image_metadata",
    "show_image_metadata",
    "summary",
    "unreserve",
    "unset_image_metadata",
    "update",
    "update_metadata",
    "upload_image",
    "wait_for_delete",
    "wait_for_status",
]
