"""Swift's v1.0 auth: log in with a user and key, and a client for the storage URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._provider import ProviderClient
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1.swauth import urls
from stackdouble.client.openstack.objectstorage.v1.swauth.results import GetAuthResult

__all__ = ["AuthOpts", "AuthOptsBuilder", "get_auth", "new_object_storage_v1"]


class AuthOptsBuilder(Protocol):
    """Anything that renders the headers of a v1.0 login."""

    def to_auth_opts_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthOpts:
    """The credentials of a v1.0 login.

    Attributes:
        user: `account:user` for tempauth (`test:tester`), the user name for Cloud Files;
            sent as `X-Auth-User`.
        key: The key or password, sent as `X-Auth-Key`; never in a repr.
        allow_reauth: Let `new_object_storage_v1`'s provider log in again once when a
            request answers 401 (an expired token).

    Example:
        >>> AuthOpts(user="test:tester", key="testing")
        AuthOpts(user='test:tester', allow_reauth=True)
    """

    user: str
    key: str = field(repr=False)
    allow_reauth: bool = True

    def to_auth_opts_map(self) -> dict[str, str]:
        """The request headers.

        Raises:
            InvalidInput: An empty user or key, or one HTTP cannot carry (the message never
                shows the key).
        """
        return {"X-Auth-User": _header(self.user, "user", show=True),
                "X-Auth-Key": _header(self.key, "key", show=False)}


def _header(value: str, name: str, *, show: bool) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} is a str, not {type(value).__name__}")
    shown = f" {value!r}" if show else ""
    if not value:
        raise InvalidInput(f"{name} must not be empty", name)
    if any(char in value for char in "\r\n\0") or value != value.strip(" \t"):
        raise InvalidInput(f"{name}{shown} holds CR, LF, NUL or surrounding whitespace, "
                           "which a header cannot carry", name)
    # http.client sends latin-1: this makes it send the UTF-8 bytes Swift compares.
    return value.encode("utf-8", "surrogateescape").decode("latin-1")


def _auth_client(client: ProviderClient | ServiceClient) -> ServiceClient:
    if isinstance(client, ServiceClient):
        return client
    return ServiceClient(client, client.identity_base or "/", type="object-store")


def get_auth(client: ProviderClient | ServiceClient, opts: AuthOptsBuilder) -> GetAuthResult:
    """Log in with Swift's v1.0 auth (`GET /auth/v1.0` with `X-Auth-User`, `X-Auth-Key`).

    Sent without any token the provider holds, and never retried on 401.

    Args:
        client: A provider from `openstack.new_client("<swift root>")` (the login goes to
            `<root>/auth/v1.0`), or a service client whose endpoint is that root.
        opts: The credentials.

    Returns:
        A GetAuthResult: `extract()` gives the token and storage URL, or raises
        `Unauthorized` for a wrong user or key (a bad option raises `InvalidInput` there).

    Example:
        >>> from stackdouble.client.openstack.objectstorage.v1 import swauth
        >>> provider = openstack.new_client(cloud.base_url)
        >>> auth = swauth.get_auth(provider, swauth.AuthOpts(user="test:tester",
        ...                                                  key="testing")).extract()
        >>> auth.storage_url, auth.expires_in
        ('http://cloud.stackdouble.test/v1/AUTH_test', 86399)
        >>> "AUTH_tk" in repr(auth)
        False
    """
    try:
        headers = opts.to_auth_opts_map()
    except StackdoubleError as exc:
        return GetAuthResult.from_error(exc)
    return GetAuthResult.request(_auth_client(client), "GET", urls.get_url(client),
                                 headers=headers, ok_codes=(200,), authenticated=False)


def new_object_storage_v1(provider: ProviderClient, opts: AuthOpts) -> ServiceClient:
    """Log in with v1.0 auth and return an Object Storage client for the storage URL.

    The provider holds the token; with `opts.allow_reauth` it logs in again once when a
    request answers 401 (the token expired), as with Keystone.

    Args:
        provider: A provider from `openstack.new_client("<swift root>")`.
        opts: The credentials.

    Returns:
        A ServiceClient for `accounts`, `containers` and `objects`.

    Raises:
        Unauthorized: A wrong user or key.
        InvalidInput: Credentials that cannot be sent.
        TransportError: Swift could not be reached.

    Example:
        >>> from stackdouble.client.openstack.objectstorage.v1 import containers, swauth
        >>> provider = openstack.new_client(cloud.base_url)
        >>> storage = swauth.new_object_storage_v1(
        ...     provider, swauth.AuthOpts(user="test:tester", key="testing"))
        >>> storage.endpoint
        'http://cloud.stackdouble.test/v1/AUTH_test/'
        >>> containers.create(storage, "backups").extract_err()
        >>> cloud.object_storage.names("AUTH_test")
        ['backups']
    """
    auth = get_auth(provider, opts).extract()
    provider.set_token(auth.token)
    if opts.allow_reauth:
        provider.reauth_func = lambda: provider.set_token(get_auth(provider, opts).extract().token)
    return ServiceClient(provider, auth.storage_url, type="object-store")
