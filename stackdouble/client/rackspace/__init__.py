"""The Rackspace provider: Keystone v2.0 with API keys, and Rackspace's catalog names.

Rackspace's catalog lists two `compute` services (first-generation `cloudServers` and
`cloudServersOpenStack`), so its constructors pass the service name for you.

Example against the fake cloud, which also accepts `RAX-KSKEY:apiKeyCredentials`:

    >>> provider = authenticated_client(AuthOptions(identity_endpoint=cloud.identity_v2_url,
    ...     username="demo", api_key="demo-api-key", tenant_name="demo"))
    >>> provider.token_id is not None
    True
"""

from stackdouble.client.rackspace._client import (
    CATALOG_NAMES,
    RACKSPACE_UK_IDENTITY,
    RACKSPACE_US_IDENTITY,
    authenticate,
    authenticated_client,
    new_block_storage_v1,
    new_compute_v2,
    new_object_cdn_v1,
    new_object_storage_v1,
)

__all__ = [
    "CATALOG_NAMES",
    "RACKSPACE_UK_IDENTITY",
    "RACKSPACE_US_IDENTITY",
    "authenticate",
    "authenticated_client",
    "new_block_storage_v1",
    "new_compute_v2",
    "new_object_cdn_v1",
    "new_object_storage_v1",
]
