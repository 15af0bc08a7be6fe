"""Swift's own v1.0 auth (tempauth, swauth, Rackspace Cloud Files), as gophercloud's `swauth`.

Example to authenticate with Swift's v1.0 auth and use the account:

    >>> from stackdouble.client.openstack.objectstorage.v1 import objects, swauth
    >>> provider = openstack.new_client(cloud.base_url)
    >>> opts = swauth.AuthOpts(user="demo:demo", key="demo-secret")
    >>> storage = swauth.new_object_storage_v1(provider, opts)
    >>> objects.download(storage, "samples", "apple").extract_content()
    b'I am apple'

The fake's `demo:demo` owns the demo project's account, so it sees what a Keystone token of
the demo project sees. Example to log in only, for the token and the storage URL:

    >>> auth = swauth.get_auth(provider, opts).extract()
    >>> auth.storage_url == storage.endpoint.rstrip("/"), auth.expires_in
    (True, 86399)
    >>> auth.token == provider.token_id, "token" in repr(auth)
    (True, False)
"""

from stackdouble.client.openstack.objectstorage.v1.swauth.requests import (
    AuthOpts,
    AuthOptsBuilder,
    get_auth,
    new_object_storage_v1,
)
from stackdouble.client.openstack.objectstorage.v1.swauth.results import (
    AuthResult,
    GetAuthResult,
)

__all__ = [
    "AuthOpts",
    "AuthOptsBuilder",
    "AuthResult",
    "GetAuthResult",
    "get_auth",
    "new_object_storage_v1",
]
