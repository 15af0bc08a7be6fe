"""Cinder volume transfers: give a volume (and its snapshots) to another project.

The donor creates a transfer and gets its `auth_key` (shown only then); the receiver
accepts with the transfer's id and the key. Until then the volume is `awaiting-transfer`;
deleting the transfer makes it `available` again.

Example to give a volume to another project:

    >>> from stackdouble.client.openstack.blockstorage.v3 import transfers
    >>> made = transfers.create(block_storage, transfers.CreateOpts(
    ...     volume_id=volume_id, name="handover")).extract()
    >>> made
    Transfer(id=..., volume_id=..., name='handover', ...)
    >>> [t.name for t in transfers.list(block_storage).items()]
    ['handover']
    >>> transfers.get(block_storage, made.id).extract().auth_key is None
    True
    >>> taken = transfers.accept(admin_block_storage, made.id,
    ...                          transfers.AcceptOpts(auth_key=made.auth_key)).extract()
    >>> volumes.get(admin_block_storage, taken.volume_id).extract().status
    'available'

Example to see that a wrong key is refused:

    >>> from stackdouble.client import BadRequest
    >>> made = transfers.create(admin_block_storage, transfers.CreateOpts(
    ...     volume_id=volume_id)).extract()
    >>> err = transfers.accept(block_storage, made.id,
    ...                        transfers.AcceptOpts(auth_key="0" * 16)).err
    >>> isinstance(err, BadRequest), err.status
    (True, 400)
    >>> transfers.delete(admin_block_storage, made.id).extract_err()
"""

from stackdouble.client.openstack.blockstorage.v3.transfers.requests import (
    AcceptOpts,
    AcceptOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    accept,
    create,
    delete,
    get,
    list,
    list_simple,
)
from stackdouble.client.openstack.blockstorage.v3.transfers.results import (
    AcceptResult,
    CreateResult,
    DeleteResult,
    GetResult,
    Transfer,
    TransferPage,
    TransferResult,
    extract_transfers,
)

__all__ = [
    "AcceptOpts",
    "AcceptOptsBuilder",
    "AcceptResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "Transfer",
    "TransferPage",
    "TransferResult",
    "accept",
    "create",
    "delete",
    "extract_transfers",
    "get",
    "list",
    "list_simple",
]
