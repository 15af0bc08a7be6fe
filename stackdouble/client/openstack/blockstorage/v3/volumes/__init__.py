"""Cinder volumes: list, create, get, update, delete, actions (retype, readonly,
connections, revert, the admin actions), metadata and waits.

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

Example to change its type, and watch the per-type quota follow:

    >>> gold = cloud.block_storage.add_volume_type("gold")  # as an admin would
    >>> volumes.change_type(block_storage, volume.id,
    ...                     volumes.ChangeTypeOpts(new_type="gold")).extract_err()
    >>> volume = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> volume.volume_type
    'gold'
    >>> usage = cloud.block_storage.quota_usage(volume.tenant_id)
    >>> usage["volumes_gold"], usage["gigabytes_gold"]
    (1, 2)

Example to make it read-only, and ask how a host would connect to it:

    >>> volumes.set_readonly(block_storage, volume.id,
    ...                      volumes.ReadOnlyOpts(readonly=True)).extract_err()
    >>> volumes.get(block_storage, volume.id).extract().metadata["readonly"]
    'True'
    >>> info = volumes.initialize_connection(
    ...     admin_block_storage, volume.id, volumes.InitializeConnectionOpts(host="node-1")
    ... ).extract()
    >>> info["driver_volume_type"], info["data"]["access_mode"]
    ('iscsi', 'ro')

Example to revert it to its latest snapshot (microversion 3.40):

    >>> snap = snapshots.create(block_storage, snapshots.CreateOpts(
    ...     volume_id=volume.id, name="before")).extract()
    >>> cloud.block_storage.set_action_time(5)  # Cinder's work takes 5 s of fake time
    >>> v340 = block_storage.with_microversion("3.40")
    >>> volumes.revert_to_snapshot(v340, volume.id,
    ...                            volumes.RevertOpts(snapshot_id=snap.id)).extract_err()
    >>> volumes.get(block_storage, volume.id).extract().status
    'reverting'
    >>> volume = volumes.wait_for_status(block_storage, volume.id, "available", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> cloud.block_storage.set_action_time(0)
    >>> snapshots.delete(block_storage, snap.id).extract_err()

Example of the admin actions: a migration within the one backend fails, as Cinder's does;
a volume can be unmanaged (it leaves Cinder, its data stays):

    >>> shown = volumes.get(admin_block_storage, volume.id).extract()
    >>> backend = shown.host.split("#")[0]
    >>> volumes.migrate(admin_block_storage, volume.id,
    ...                 volumes.MigrateOpts(host=backend)).extract_err()
    >>> volumes.get(admin_block_storage, volume.id).extract().migration_status
    'error'
    >>> spare = volumes.create(block_storage, volumes.CreateOpts(size=1)).extract()
    >>> spare = volumes.wait_for_status(block_storage, spare.id, "available", timeout=60,
    ...                                 sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> volumes.unmanage(admin_block_storage, spare.id).extract_err()
    >>> volumes.wait_for_delete(block_storage, spare.id, timeout=60,
    ...                         sleep=cloud.clock.advance, clock=cloud.clock.time)

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
    MIGRATION_POLICY_NEVER,
    MIGRATION_POLICY_ON_DEMAND,
    AttachOpts,
    AttachOptsBuilder,
    BootableOpts,
    BootableOptsBuilder,
    ChangeTypeOpts,
    ChangeTypeOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    DeleteOpts,
    DeleteOptsBuilder,
    DetachOpts,
    DetachOptsBuilder,
    ExtendSizeOpts,
    ExtendSizeOptsBuilder,
    ForceDetachOpts,
    ForceDetachOptsBuilder,
    ImageMetadataOpts,
    ImageMetadataOptsBuilder,
    InitializeConnectionOpts,
    InitializeConnectionOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    MigrateOpts,
    MigrateOptsBuilder,
    MigrationCompletionOpts,
    MigrationCompletionOptsBuilder,
    ReadOnlyOpts,
    ReadOnlyOptsBuilder,
    ReImageOpts,
    ReImageOptsBuilder,
    ResetStatusOpts,
    ResetStatusOptsBuilder,
    RevertOpts,
    RevertOptsBuilder,
    TerminateConnectionOpts,
    TerminateConnectionOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    UploadImageOpts,
    UploadImageOptsBuilder,
    attach,
    begin_detaching,
    change_type,
    complete_extend,
    complete_migration,
    create,
    create_metadatum,
    delete,
    delete_metadatum,
    detach,
    extend_size,
    force_delete,
    force_detach,
    get,
    initialize_connection,
    list,
    list_simple,
    metadata,
    metadatum,
    migrate,
    reimage,
    reserve,
    reset_metadata,
    reset_status,
    revert_to_snapshot,
    set_bootable,
    set_image_metadata,
    set_readonly,
    show_image_metadata,
    summary,
    terminate_connection,
    unmanage,
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
    InitializeConnectionResult,
    MetadataResult,
    MetadatumResult,
    MigrationCompletionResult,
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
    "MIGRATION_POLICY_NEVER",
    "MIGRATION_POLICY_ON_DEMAND",
    "ActionResult",
    "AttachOpts",
    "AttachOptsBuilder",
    "Attachment",
    "BootableOpts",
    "BootableOptsBuilder",
    "ChangeTypeOpts",
    "ChangeTypeOptsBuilder",
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
    "ForceDetachOpts",
    "ForceDetachOptsBuilder",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "ImageMetadataOpts",
    "ImageMetadataOptsBuilder",
    "ImageMetadataResult",
    "ImageVolumeType",
    "InitializeConnectionOpts",
    "InitializeConnectionOptsBuilder",
    "InitializeConnectionResult",
    "ListOpts",
    "ListOptsBuilder",
    "MetadataResult",
    "MetadatumResult",
    "MigrateOpts",
    "MigrateOptsBuilder",
    "MigrationCompletionOpts",
    "MigrationCompletionOptsBuilder",
    "MigrationCompletionResult",
    "ReImageOpts",
    "ReImageOptsBuilder",
    "ReImageResult",
    "ReadOnlyOpts",
    "ReadOnlyOptsBuilder",
    "ResetMetadataResult",
    "ResetStatusOpts",
    "ResetStatusOptsBuilder",
    "RevertOpts",
    "RevertOptsBuilder",
    "SetImageMetadataResult",
    "ShowImageMetadataResult",
    "StatusError",
    "SummaryResult",
    "TerminateConnectionOpts",
    "TerminateConnectionOptsBuilder",
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
    "change_type",
    "complete_extend",
    "complete_migration",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach",
    "extend_size",
    "extract_count",
    "extract_volumes",
    "force_delete",
    "force_detach",
    "get",
    "initialize_connection",
    "list",
    "list_simple",
    "metadata",
    "metadatum",
    "migrate",
    "reimage",
    "reserve",
    "reset_metadata",
    "reset_status",
    "revert_to_snapshot",
    "set_bootable",
    "set_image_metadata",
    "set_readonly",
    "show_image_metadata",
    "summary",
    "terminate_connection",
    "unmanage",
    "unreserve",
    "unset_image_metadata",
    "update",
    "update_metadata",
    "upload_image",
    "wait_for_delete",
    "wait_for_status",
]
