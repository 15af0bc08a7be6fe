"""Nova servers: list, create, get, update, delete, metadata, addresses, actions and waits.

Example to create a server and wait for it (the fake's clock advances instead of sleeping);
`networks="auto"` needs microversion 2.37 or later (Nova requires `networks` from then on):

    >>> compute = compute.with_microversion("2.79")
    >>> opts = servers.CreateOpts(name="web", image_ref=image_id, flavor_ref="1",
    ...                           networks="auto")
    >>> server = servers.create(compute, opts).extract()
    >>> servers.wait_for_status(compute, server.id, "ACTIVE", timeout=300,
    ...                         sleep=cloud.clock.advance, clock=cloud.clock.time).status
    'ACTIVE'

Example to get a server:

    >>> server = servers.get(compute, server.id).extract()

Example to list servers page by page, stopping early:

    >>> def handle(page):
    ...     for s in servers.extract_servers(page):
    ...         print(s.name)
    ...     return False
    >>> servers.list(compute, servers.ListOpts(limit=1)).each_page(handle)
    web

Example to list every server, lazily paged:

    >>> names = [s.name for s in servers.list(compute).items()]

Example to resize and confirm:

    >>> servers.resize(compute, server.id,
    ...                servers.ResizeOpts(flavor_ref="2")).extract_err()
    >>> _ = servers.wait_for_status(compute, server.id, "VERIFY_RESIZE",
    ...                             timeout=300, sleep=cloud.clock.advance, clock=cloud.clock.time)
    >>> servers.confirm_resize(compute, server.id).extract_err()

Example to soft-delete a server and restore it, on a cloud that keeps deleted servers
(`reclaim_instance_interval`); `force_delete` would delete it for good:

    >>> cloud.compute.set_reclaim_instance_interval(3600)
    >>> servers.delete(compute, server.id).extract_err()
    >>> servers.get(compute, server.id).extract().status
    'SOFT_DELETED'
    >>> servers.restore(compute, server.id).extract_err()
    >>> servers.get(compute, server.id).extract().status
    'ACTIVE'

Example to read the end of a server's console log:

    >>> opts = servers.ShowConsoleOutputOpts(length=1)
    >>> servers.show_console_output(compute, server.id, opts).extract()
    'web login: '
"""

from stackdouble.client._wait import StatusError
from stackdouble.client.openstack.compute.v2.servers.requests import (
    ACTION_OK_CODES,
    BlockDevice,
    CreateImageOpts,
    CreateImageOptsBuilder,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    Network,
    RebootMethod,
    RebootOpts,
    RebootOptsBuilder,
    RebuildOpts,
    RebuildOptsBuilder,
    ResizeOpts,
    ResizeOptsBuilder,
    ShowConsoleOutputOpts,
    ShowConsoleOutputOptsBuilder,
    UpdateOpts,
    UpdateOptsBuilder,
    add_fixed_ip,
    change_admin_password,
    confirm_resize,
    create,
    create_image,
    create_metadatum,
    delete,
    delete_metadatum,
    force_delete,
    get,
    list,
    list_addresses,
    list_addresses_by_network,
    list_simple,
    lock,
    metadata,
    metadatum,
    pause,
    reboot,
    rebuild,
    remove_fixed_ip,
    reset_metadata,
    resize,
    restore,
    resume,
    revert_resize,
    show_console_output,
    suspend,
    unlock,
    unpause,
    update,
    update_metadata,
    wait_for_delete,
    wait_for_status,
)
from stackdouble.client.openstack.compute.v2.servers.results import (
    ActionResult,
    Address,
    AddressPage,
    AttachedVolume,
    CreateImageResult,
    CreateMetadatumResult,
    CreateResult,
    DeleteMetadatumResult,
    DeleteResult,
    Fault,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    MetadataResult,
    MetadatumResult,
    NetworkAddressPage,
    RebuildResult,
    ResetMetadataResult,
    Server,
    ServerPage,
    ServerResult,
    ShowConsoleOutputResult,
    UpdateMetadataResult,
    UpdateResult,
    extract_addresses,
    extract_network_addresses,
    extract_servers,
)

__all__ = [
    "ACTION_OK_CODES",
    "ActionResult",
    "Address",
    "AddressPage",
    "AttachedVolume",
    "BlockDevice",
    "CreateImageOpts",
    "CreateImageOptsBuilder",
    "CreateImageResult",
    "CreateMetadatumResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteMetadatumResult",
    "DeleteResult",
    "Fault",
    "GetMetadataResult",
    "GetMetadatumResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "MetadataResult",
    "MetadatumResult",
    "Network",
    "NetworkAddressPage",
    "RebootMethod",
    "RebootOpts",
    "RebootOptsBuilder",
    "RebuildOpts",
    "RebuildOptsBuilder",
    "RebuildResult",
    "ResetMetadataResult",
    "ResizeOpts",
    "ResizeOptsBuilder",
    "Server",
    "ServerPage",
    "ServerResult",
    "ShowConsoleOutputOpts",
    "ShowConsoleOutputOptsBuilder",
    "ShowConsoleOutputResult",
    "StatusError",
    "UpdateMetadataResult",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "UpdateResult",
    "add_fixed_ip",
    "change_admin_password",
    "confirm_resize",
    "create",
    "create_image",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "extract_addresses",
    "extract_network_addresses",
    "extract_servers",
    "force_delete",
    "get",
    "list",
    "list_addresses",
    "list_addresses_by_network",
    "list_simple",
    "lock",
    "metadata",
    "metadatum",
    "pause",
    "reboot",
    "rebuild",
    "remove_fixed_ip",
    "reset_metadata",
    "resize",
    "restore",
    "resume",
    "revert_resize",
    "show_console_output",
    "suspend",
    "unlock",
    "unpause",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]
