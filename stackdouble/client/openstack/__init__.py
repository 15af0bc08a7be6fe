"""The OpenStack provider: authenticate, then build service clients from the catalog.

Example, as in gophercloud's seed (`cloud.os_environ()` stands for an openrc file's `OS_*`
variables; with no argument, `auth_options_from_env` reads `os.environ`):

    >>> provider = authenticated_client(auth_options_from_env(cloud.os_environ()))
    >>> compute = new_compute_v2(provider, EndpointOpts(region="RegionOne"))
    >>> compute.type
    'compute'

Or, as openstacksdk's `openstack.connect(cloud=...)`, every service of a clouds.yaml cloud
(here the `OS_*` variables' cloud) in one call:

    >>> conn = connect(env=cloud.os_environ(), config_files=[])
    >>> conn.object_storage.type, conn.block_storage.type
    ('object-store', 'block-storage')
"""

from stackdouble.client.openstack._client import (
    auth_options_from_env,
    authenticate,
    authenticate_v2,
    authenticate_v3,
    authenticated_client,
    choose_identity_version,
    install_v3_token,
    new_block_storage_v3,
    new_client,
    new_compute_v2,
    new_identity_v2,
    new_identity_v3,
    new_image_v2,
    new_networking_v2,
    new_object_storage_v1,
    new_service_client,
)
from stackdouble.client.openstack._connect import Connection, connect

__all__ = [
    "Connection",
    "auth_options_from_env",
    "authenticate",
    "authenticate_v2",
    "authenticate_v3",
    "authenticated_client",
    "choose_identity_version",
    "connect",
    "install_v3_token",
    "new_block_storage_v3",
    "new_client",
    "new_compute_v2",
    "new_identity_v2",
    "new_identity_v3",
    "new_image_v2",
    "new_networking_v2",
    "new_object_storage_v1",
    "new_service_client",
]
