"""Cinder QoS specs (admins): limits such as `read_iops_sec` that apply to the volumes of
the volume types they are associated with, at the back end, the front end (Nova) or
both.

Example to create QoS specs and apply them to a volume type:

    >>> from stackdouble.client.openstack.blockstorage.v3 import qos
    >>> gold = qos.create(admin_block_storage, qos.CreateOpts(
    ...     name="gold", consumer="front-end", specs={"total_iops_sec": "1000"})).extract()
    >>> fast = volumetypes.create(admin_block_storage,
    ...                           volumetypes.CreateOpts(name="fast")).extract()
    >>> qos.associate(admin_block_storage, gold.id, fast.id).extract_err()
    >>> volumetypes.get(admin_block_storage, fast.id).extract().qos_specs_id == gold.id
    True

Example to list them, then free the type and delete them:

    >>> [(q.name, q.consumer) for q in qos.list(admin_block_storage).items()]
    [('gold', 'front-end')]
    >>> qos.disassociate_all(admin_block_storage, gold.id).extract_err()
    >>> qos.delete(admin_block_storage, gold.id).extract_err()
"""

from stackdouble.client.openstack.blockstorage.v3.qos.requests import (
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    associate,
    create,
    delete,
    delete_keys,
    disassociate,
    disassociate_all,
    get,
    list,
    list_associations,
    update,
)
from stackdouble.client.openstack.blockstorage.v3.qos.results import (
    AssociateResult,
    Association,
    AssociationsResult,
    CreateResult,
    DeleteKeysResult,
    DeleteResult,
    DisassociateAllResult,
    DisassociateResult,
    GetResult,
    QoS,
    QoSPage,
    QoSResult,
    UpdateResult,
    extract_qos,
)

__all__ = [
    "AssociateResult",
    "Association",
    "AssociationsResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteKeysResult",
    "DeleteResult",
    "DisassociateAllResult",
    "DisassociateResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "QoS",
    "QoSPage",
    "QoSResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "associate",
    "create",
    "delete",
    "delete_keys",
    "disassociate",
    "disassociate_all",
    "extract_qos",
    "get",
    "list",
    "list_associations",
    "update",
]
