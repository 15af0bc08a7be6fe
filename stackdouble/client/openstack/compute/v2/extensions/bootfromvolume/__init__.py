"""Boot from volume (`block_device_mapping_v2`): build a server whose disks are Cinder
volumes, existing ones or made by Nova from an image, a snapshot or nothing.

Example to boot from a volume Nova makes of an image, deleted with the server:

    >>> from stackdouble.client.openstack.compute.v2.extensions import bootfromvolume
    >>> root = bootfromvolume.BlockDevice(
    ...     source_type=bootfromvolume.SourceType.IMAGE, uuid=image_id,
    ...     destination_type=bootfromvolume.DestinationType.VOLUME, volume_size=1,
    ...     delete_on_termination=True)
    >>> opts = bootfromvolume.CreateOptsExt(
    ...     create_opts=servers.CreateOpts(name="db", flavor_ref="1"),
    ...     block_device=[root])
    >>> server = bootfromvolume.create(compute, opts).extract()
    >>> server = servers.get(compute, server.id).extract()
    >>> server.status, server.image
    ('ACTIVE', None)
    >>> root_volume = server.attached_volumes[0].id
    >>> volumes.get(block_storage, root_volume).extract().status
    'in-use'
    >>> servers.delete(compute, server.id).extract_err()
    >>> volumes.get(block_storage, root_volume).err.status  # deleted with the server
    404

Example to boot from an existing bootable volume, kept when the server goes:

    >>> volumes.set_bootable(block_storage, volume_id,
    ...                      volumes.BootableOpts(bootable=True)).extract_err()
    >>> root = bootfromvolume.BlockDevice(
    ...     source_type=bootfromvolume.SourceType.VOLUME, uuid=volume_id,
    ...     destination_type=bootfromvolume.DestinationType.VOLUME)
    >>> opts = bootfromvolume.CreateOptsExt(
    ...     create_opts=servers.CreateOpts(name="app", flavor_ref="1"),
    ...     block_device=[root])
    >>> server = bootfromvolume.create(compute, opts).extract()
    >>> volumes.get(block_storage, volume_id).extract().status
    'in-use'
    >>> servers.delete(compute, server.id).extract_err()
    >>> volumes.get(block_storage, volume_id).extract().status
    'available'
"""

from stackdouble.client.openstack.compute.v2.extensions.bootfromvolume.requests import (
    BlockDevice,
    CreateOptsExt,
    DestinationType,
    SourceType,
    create,
)
from stackdouble.client.openstack.compute.v2.extensions.bootfromvolume.results import (
    CreateResult,
)

__all__ = ["BlockDevice", "CreateOptsExt", "CreateResult", "DestinationType", "SourceType",
           "create"]
