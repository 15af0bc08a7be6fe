"""Nova volume attachments (`os-volume_attachments`): attach a Cinder volume to a server,
list, get, update and detach.

`create` attaches (alias `attach`) and `delete` detaches (alias `detach`), as gophercloud
names them. Example to attach a volume, wait until Cinder shows it `in-use`, then detach:

    >>> opts = volumeattach.CreateOpts(volume_id=volume_id)
    >>> attachment = volumeattach.create(compute, server_id, opts).extract()
    >>> attachment.device, attachment.server_id == server_id
    ('/dev/vdb', True)
    >>> volume = volumes.wait_for_status(block_storage, volume_id, "in-use", timeout=60,
    ...                                  sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> [(a.server_id == server_id, a.device) for a in volume.attachments]
    [(True, '/dev/vdb')]
    >>> [a.volume_id == volume_id for a in volumeattach.list(compute, server_id).items()]
    [True]
    >>> volumeattach.delete(compute, server_id, volume_id).extract_err()
    >>> volumes.wait_for_status(block_storage, volume_id, "available", timeout=60,
    ...                         sleep=cloud.clock.advance, clock=cloud.clock.time).status
    'available'
"""

from stackdouble.client.openstack.compute.v2.extensions.volumeattach.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    attach,
    create,
    delete,
    detach,
    get,
    list,
    update,
)
from stackdouble.client.openstack.compute.v2.extensions.volumeattach.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    VolumeAttachment,
    VolumeAttachmentPage,
    extract_volume_attachments,
)

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "VolumeAttachment",
    "VolumeAttachmentPage",
    "attach",
    "create",
    "delete",
    "detach",
    "extract_volume_attachments",
    "get",
    "list",
    "update",
]
