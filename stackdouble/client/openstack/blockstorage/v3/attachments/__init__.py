"""Cinder attachments (microversion 3.27+): reserve, connect, complete, detach, list.

The attachments API is how a consumer (Nova, or anything that connects volumes to hosts)
attaches a volume: reserve it, connect it with the host's connector, mark it attached.
The client needs a microversion: 3.27, and 3.44 for `complete`. Cinder answers a call
that connects (an update, a create with a connector) with the attachment as it read it
before connecting, only `connection_info` set: `get` it for its new status.

Example to attach a volume in three steps, then detach it:

    >>> from stackdouble.client.openstack.blockstorage.v3 import attachments
    >>> client = block_storage.with_microversion("3.44")
    >>> made = attachments.create(client, attachments.CreateOpts(volume_uuid=volume_id)).extract()
    >>> made.status, volumes.get(client, volume_id).extract().status
    ('reserved', 'reserved')
    >>> answer = attachments.update(client, made.id, attachments.UpdateOpts(
    ...     connector={"host": "compute-1", "mountpoint": "/dev/vdb"})).extract()
    >>> answer.status, answer.connection_info["driver_volume_type"]  # as Cinder answers
    ('reserved', 'iscsi')
    >>> connected = attachments.get(client, made.id).extract()
    >>> connected.status, connected.attach_mode
    ('attaching', 'rw')
    >>> attachments.complete(client, made.id).extract_err()
    >>> volumes.get(client, volume_id).extract().status
    'in-use'
    >>> [a.status for a in attachments.list(client).items()]
    ['attached']
    >>> attachments.delete(client, made.id).extract()
    []
    >>> volumes.get(client, volume_id).extract().status
    'available'
"""

from stackdouble.client.openstack.blockstorage.v3.attachments.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    complete,
    create,
    delete,
    get,
    list,
    list_simple,
    update,
    wait_for_status,
)
from stackdouble.client.openstack.blockstorage.v3.attachments.results import (
    Attachment,
    AttachmentPage,
    AttachmentResult,
    CompleteResult,
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    extract_attachments,
)

__all__ = [
    "Attachment",
    "AttachmentPage",
    "AttachmentResult",
    "CompleteResult",
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
    "complete",
    "create",
    "delete",
    "extract_attachments",
    "get",
    "list",
    "list_simple",
    "update",
    "wait_for_status",
]
