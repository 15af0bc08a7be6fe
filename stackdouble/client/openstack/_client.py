"""The OpenStack provider: authentication, version discovery and service client constructors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import requests

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._options import AuthOptions, EndpointOpts
from stackdouble.client._provider import ProviderClient
from stackdouble.client._results import decode_body
from stackdouble.client._service import ServiceClient

__all__ = [
    "auth_options_from_env",
    "authenticate",
    "authenticate_v2",
    "authenticate_v3",
    "authenticated_client",
    "choose_identity_version",
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

_VERSION_SUFFIX = re.compile(r"/(v2\.0|v3)/?$")
#: Identity versions this client speaks, most preferred first.
_PREFERRED = ("v3", "v2.0")
_USABLE_STATUSES = frozenset({"current", "supported", "stable"})


def new_client(
    identity_endpoint: str,
    *,
    session: requests.Session | None = None,
    **provider_options: Any,
) -> ProviderClient:
    """An unauthenticated ProviderClient for a cloud's identity endpoint.

    Args:
        identity_endpoint: The identity URL, with or without a version (`/v3`, `/v2.0`).
        session: A `requests.Session` to send through.
        **provider_options: Passed to `ProviderClient` (`max_retries`, `timeout`, `sleep`...).
    """
    base = identity_endpoint.rstrip("/") + "/"
    versioned = ""
    match = _VERSION_SUFFIX.search(base)
    if match:
        versioned = base
        base = base[: match.start()] + "/"
    return ProviderClient(
        identity_base=base, identity_endpoint=versioned, session=session, **provider_options
    )


def authenticated_client(
    opts: AuthOptions,
    *,
    session: requests.Session | None = None,
    **provider_options: Any,
) -> ProviderClient:
    """Authenticate with a cloud and return its ProviderClient.

    The identity version comes from `opts.identity_endpoint` when it ends in `/v3` or `/v2.0`;
    otherwise the identity root is asked and v3 is preferred over v2.0.

    Args:
        opts: Where and how to authenticate.
        session: A `requests.Session` to send through.
        **provider_options: Passed to `ProviderClient`.

    Returns:
        A provider holding a token and its catalog, ready for `new_compute_v2` and friends.

    Raises:
        Unauthorized: The credentials were refused (with Keystone's message).
        InvalidInput: The options cannot make an authentication request.
        TransportError: The identity service could not be reached.

    Example:
        >>> provider = authenticated_client(auth_options_from_env(cloud.os_environ()))
        >>> provider.token_id is not None
        True
    """
    provider = new_client(opts.identity_endpoint, session=session, **provider_options)
    authenticate(provider, opts)
    return provider


def auth_options_from_env(env: Mapping[str, str] | None = None) -> AuthOptions:
    """AuthOptions from the `OS_*` variables of an openrc file (gophercloud's
    `openstack.AuthOptionsFromEnv`).

    The variables are read as `config.from_env` reads them (openstacksdk's rules): every
    auth kind (`OS_PASSWORD`, `OS_TOKEN`, `OS_APPLICATION_CREDENTIAL_*`, a Rackspace
    `OS_API_KEY`), the project or domain scope, and `OS_IDENTITY_API_VERSION`, which appends
    `/v3` or `/v2.0` to an `OS_AUTH_URL` naming no version (then the client skips discovery).
    No file is read: for clouds.yaml use `config.load_cloud`, which also gives the region,
    interface and TLS settings that AuthOptions do not hold.

    Args:
        env: The variables; `os.environ` when None.

    Returns:
        The options for `authenticated_client`; nothing is sent.

    Raises:
        ConfigError: No `OS_*` credential, auth URL or scope variable is set at all.
        InvalidInput: A variable the credentials need is missing (the message names it, as
            `OS_AUTH_URL`; `field` names the key, as `auth_url`), `OS_AUTH_TYPE` is not
            supported, or a value is malformed. Never quotes a secret.

    Example:
        >>> opts = auth_options_from_env(cloud.os_environ("demo"))
        >>> opts.username, opts.project_name, opts.identity_endpoint == cloud.identity_v3_url
        ('demo', 'demo', True)
        >>> authenticated_client(opts).token_id is not None
        True
        >>> from stackdouble.client import InvalidInput
        >>> try:
        ...     auth_options_from_env({"OS_USERNAME": "demo", "OS_PASSWORD": "s3cret"})
        ... except InvalidInput as err:
        ...     print(err.field, "|", err)
        auth_url | cloud 'envvars': auth_type 'password' needs auth_url (set OS_AUTH_URL)
    """
    from stackdouble.client import config  # on first use: `import stackdouble.client` stays light

    return config.from_env(env).auth_options


def authenticate(provider: ProviderClient, opts: AuthOptions) -> None:
    """Authenticate an existing provider (discovering the identity version when needed)."""
    endpoint = provider.identity_endpoint
    if not endpoint:
        endpoint = choose_identity_version(provider)
        provider.identity_endpoint = endpoint
    if endpoint.rstrip("/").endswith("/v2.0"):
        authenticate_v2(provider, opts)
    else:
        authenticate_v3(provider, opts)


def choose_identity_version(provider: ProviderClient) -> str:
    """Ask the identity root which versions it offers and pick v3, else v2.0.

    Returns:
        The chosen version's endpoint, ending in `/`.

    Raises:
        UnexpectedBody: The root offers neither v3 nor v2.0 with a usable status.
    """
    base = provider.identity_base
    response = provider.request("GET", base, ok_codes=(200, 300), authenticated=False)
    body = decode_body(response)
    offered = _versions(body)
    # A stable version first; a deprecated one only when nothing better is offered.
    for statuses in (_USABLE_STATUSES, frozenset({"deprecated"})):
        for wanted in _PREFERRED:
            for version in offered:
                if str(version.get("id", "")).startswith(wanted) and (
                    str(version.get("status", "")).lower() in statuses
                ):
                    return _self_link(version, base, wanted)
    ids = ", ".join(f"{v.get('id')} ({v.get('status')})" for v in offered) or "none"
    raise UnexpectedBody(f"an identity version v3 or v2.0 at {base}", f"versions {ids}")


def _versions(body: Any) -> list[Mapping[str, Any]]:
    if not isinstance(body, Mapping):
        return []
    versions = body.get("versions")
    if isinstance(versions, Mapping):
        versions = versions.get("values")
    if isinstance(versions, list):
        return [v for v in versions if isinstance(v, Mapping)]
    single = body.get("version")
    return [single] if isinstance(single, Mapping) else []


def _self_link(version: Mapping[str, Any], base: str, wanted: str) -> str:
    for link in version.get("links") or ():
        if isinstance(link, Mapping) and link.get("rel") == "self" and link.get("href"):
            href = str(link["href"])
            return href if href.endswith("/") else href + "/"
    return f"{base}{wanted}/"


def authenticate_v3(provider: ProviderClient, opts: AuthOptions) -> None:
    """Get a Keystone v3 token and install it with its catalog on the provider.

    A bare token without a scope is used as it is: its own catalog is looked up. With any
    other credentials, reauthentication is installed when `opts.can_reauthenticate`.
    """
    from stackdouble.client.openstack.identity.v3 import tokens

    identity = ServiceClient(provider, provider.identity_endpoint or provider.identity_base + "v3/",
                             type="identity")
    if opts.auth_method == "token" and opts.scope == "unscoped":
        assert opts.token_id is not None
        result: Any = tokens.get(_as_token_holder(identity, opts.token_id), opts.token_id)
    else:
        result = tokens.create(identity, opts)
    install_v3_token(provider, result, opts)


def install_v3_token(provider: ProviderClient, result: Any, opts: AuthOptions) -> None:
    """Install a v3 token result (from `tokens.create` or `tokens.get`) on a provider: its
    token, its catalog for `new_*`, and reauthentication with `opts` when they allow it.

    Raises:
        StackdoubleError: The result's error, or a body without a token.
    """
    token = result.extract_token()
    catalog = result.extract_catalog()
    provider.set_token(token.id)
    provider.endpoint_locator = catalog.locate
    provider.auth_result = result
    if opts.can_reauthenticate:
        provider.reauth_func = lambda: authenticate_v3(provider, opts)


def _as_token_holder(identity: ServiceClient, token_id: str) -> ServiceClient:
    return ServiceClient(identity.provider, identity.endpoint, type="identity",
                         more_headers={"X-Auth-Token": token_id})


def authenticate_v2(provider: ProviderClient, opts: AuthOptions) -> None:
    """Get a Keystone v2.0 token (password, token or API key) and install it with its catalog."""
    from stackdouble.client.openstack.identity.v2 import tokens

    identity = ServiceClient(
        provider, provider.identity_endpoint or provider.identity_base + "v2.0/", type="identity"
    )
    result = tokens.create(identity, opts)
    token = result.extract_token()
    catalog = result.extract_service_catalog()
    provider.set_token(token.id)
    provider.endpoint_locator = catalog.locate
    provider.auth_result = result
    if opts.can_reauthenticate:
        provider.reauth_func = lambda: authenticate_v2(provider, opts)


def new_service_client(
    provider: ProviderClient,
    opts: EndpointOpts | None,
    service_type: str,
    *,
    resource_suffix: str = "",
) -> ServiceClient:
    """A ServiceClient for any service type, located in the provider's catalog.

    Raises:
        ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: The catalog does not give one URL.
    """
    eo = (opts or EndpointOpts()).apply_defaults(service_type)
    url = provider.locate(eo)
    client = ServiceClient(provider, url, type=eo.type or service_type)
    if resource_suffix:
        client.resource_base = client.endpoint + resource_suffix
    return client


def new_identity_v3(provider: ProviderClient, opts: EndpointOpts | None = None) -> ServiceClient:
    """A Keystone v3 client: the provider's identity root + `v3/`, or the catalog's when
    `opts` is given (its URL rebased onto `/v3/`)."""
    if opts is None:
        endpoint = provider.identity_endpoint
        if not endpoint or endpoint.rstrip("/").endswith("/v2.0"):
            endpoint = provider.identity_base + "v3/"
        return ServiceClient(provider, endpoint, type="identity")
    url = provider.locate(opts.apply_defaults("identity"))
    return ServiceClient(provider, _rebase(url, "v3"), type="identity")


def new_identity_v2(provider: ProviderClient, opts: EndpointOpts | None = None) -> ServiceClient:
    """A Keystone v2.0 client: the provider's identity root + `v2.0/`, or the catalog's."""
    if opts is None:
        return ServiceClient(provider, provider.identity_base + "v2.0/", type="identity")
    url = provider.locate(opts.apply_defaults("identity"))
    return ServiceClient(provider, _rebase(url, "v2.0"), type="identity")


def _rebase(url: str, version: str) -> str:
    base = _VERSION_SUFFIX.sub("", url.rstrip("/"))
    return f"{base}/{version}/"


def new_compute_v2(provider: ProviderClient, opts: EndpointOpts | None = None) -> ServiceClient:
    """A Compute (Nova) v2 client from the catalog's `compute` service.

    Example:
        >>> compute = new_compute_v2(provider, EndpointOpts(region="RegionOne"))
        >>> compute.endpoint.endswith("/compute/v2.1/")
        True
    """
    return new_service_client(provider, opts, "compute")


def new_object_storage_v1(
    provider: ProviderClient, opts: EndpointOpts | None = None
) -> ServiceClient:
    """An Object Storage (Swift) v1 client from the catalog's `object-store` service."""
    return new_service_client(provider, opts, "object-store")


def new_block_storage_v3(
    provider: ProviderClient, opts: EndpointOpts | None = None
) -> ServiceClient:
    """A Block Storage (Cinder) v3 client: `block-storage`, or its aliases `volumev3`..."""
    return new_service_client(provider, opts, "block-storage")


#: A version at the end of an image endpoint, which `new_image_v2` cuts off.
_IMAGE_VERSION_SUFFIX = re.compile(r"/v2(\.\d+)?$")


def new_image_v2(provider: ProviderClient, opts: EndpointOpts | None = None) -> ServiceClient:
    """An Image (Glance) v2 client from the catalog's `image` service.

    Glance registers its root, without a version (devstack: `https://cloud/image`); a
    catalog URL that names one anyway (`.../v2`, `.../v2.1`) is cut back to the root. The
    client's `endpoint` is that root, where Glance's relative links (`next`, `self`,
    `file`) start; resources are built under its `v2/`.

    Raises:
        ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: The catalog does not give one URL.

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> provider = ProviderClient()
        >>> provider.endpoint_locator = lambda opts: "https://cloud.example/image/v2"
        >>> image = new_image_v2(provider)
        >>> image.endpoint, image.service_url("images")
        ('https://cloud.example/image/', 'https://cloud.example/image/v2/images')
    """
    eo = (opts or EndpointOpts()).apply_defaults("image")
    root = _IMAGE_VERSION_SUFFIX.sub("", provider.locate(eo).rstrip("/")) + "/"
    return ServiceClient(provider, root, type=eo.type or "image", resource_base=root + "v2/")


#: A version at the end of a network endpoint, which `new_networking_v2` cuts off.
_NETWORK_VERSION_SUFFIX = re.compile(r"/v2\.0$")


def new_networking_v2(provider: ProviderClient,
                      opts: EndpointOpts | None = None) -> ServiceClient:
    """A Networking (Neutron) v2.0 client from the catalog's `network` service.

    Neutron registers its root, without a version (devstack: `http://cloud/networking`);
    resources are built under its `v2.0/`, as gophercloud's `NewNetworkV2` does. A catalog
    URL that names the version anyway (`.../v2.0`) is cut back to the root first, where
    gophercloud would build `.../v2.0/v2.0/`.

    Raises:
        ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: The catalog does not give one URL.

    Example:
        >>> from stackdouble.client import ProviderClient
        >>> provider = ProviderClient()
        >>> provider.endpoint_locator = lambda opts: "http://cloud.example/networking"
        >>> network = new_networking_v2(provider)
        >>> network.endpoint, network.service_url("networks")
        ('http://cloud.example/networking/', 'http://cloud.example/networking/v2.0/networks')
    """
    eo = (opts or EndpointOpts()).apply_defaults("network")
    root = _NETWORK_VERSION_SUFFIX.sub("", provider.locate(eo).rstrip("/")) + "/"
    return ServiceClient(provider, root, type=eo.type or "network", resource_base=root + "v2.0/")
