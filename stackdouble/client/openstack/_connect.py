"""`connect`: one call for every service of a named cloud, as openstacksdk's
`openstack.connect(cloud=...)`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from stackdouble.client._provider import ProviderClient
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack._client import (
    authenticated_client,
    new_block_storage_v3,
    new_compute_v2,
    new_identity_v2,
    new_identity_v3,
    new_image_v2,
    new_networking_v2,
    new_object_storage_v1,
)

if TYPE_CHECKING:
    from stackdouble.client._options import EndpointOpts
    from stackdouble.client.config import CloudConfig

__all__ = ["Connection", "connect"]

#: Per service type: the constructor, and whether `<type>_default_microversion` applies.
_BUILDERS: Mapping[str, tuple[Callable[[ProviderClient, EndpointOpts], ServiceClient], bool]] = {
    "compute": (new_compute_v2, True),
    "object-store": (new_object_storage_v1, False),
    "block-storage": (new_block_storage_v3, True),
    "image": (new_image_v2, False),
    "network": (new_networking_v2, False),
}


class Connection:
    """An authenticated provider and its service clients, each built from the catalog the
    first time it is read (then kept).

    Each service client takes the cloud's region and interface, with its own
    `<service>_region_name`, `<service>_interface` and `<service>_service_name` applied
    (`CloudConfig.endpoint_opts_for`), and the compute and block storage clients send the
    cloud's `<service>_default_microversion`, if any.

    Attributes:
        config: The resolved cloud (`stackdouble.client.config.CloudConfig`).
        provider: The authenticated `ProviderClient`.

    Example:
        >>> conn = openstack.connect(env=cloud.os_environ(), config_files=[])
        >>> conn.compute.endpoint == cloud.base_url + "/compute/v2.1/"
        True
    """

    __slots__ = ("_clients", "config", "provider")

    def __init__(self, config: CloudConfig, provider: ProviderClient) -> None:
        self.config = config
        self.provider = provider
        self._clients: dict[str, ServiceClient] = {}

    def _client(self, service_type: str) -> ServiceClient:
        client = self._clients.get(service_type)
        if client is None:
            build, microversioned = _BUILDERS[service_type]
            client = build(self.provider, self.config.endpoint_opts_for(service_type))
            if microversioned:
                wanted = self.config.service_option(service_type, "default_microversion")
                if wanted is not None:
                    client = client.with_microversion(wanted)
            self._clients[service_type] = client
        return client

    @property
    def identity(self) -> ServiceClient:
        """The identity client at the endpoint the provider authenticated with: Keystone
        v2.0 when it logged in there, else v3."""
        client = self._clients.get("identity")
        if client is None:
            endpoint = self.provider.identity_endpoint.rstrip("/")
            build = new_identity_v2 if endpoint.endswith("/v2.0") else new_identity_v3
            client = self._clients["identity"] = build(self.provider)
        return client

    @property
    def compute(self) -> ServiceClient:
        """The Compute (Nova) v2 client, as `new_compute_v2` makes it.

        Raises:
            ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: The catalog does not give
                one URL (raised here, on first use; a later read tries again).
        """
        return self._client("compute")

    @property
    def object_storage(self) -> ServiceClient:
        """The Object Storage (Swift) v1 client, as `new_object_storage_v1` makes it.

        Raises:
            ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: As for `compute`.
        """
        return self._client("object-store")

    @property
    def block_storage(self) -> ServiceClient:
        """The Block Storage (Cinder) v3 client, as `new_block_storage_v3` makes it.

        Raises:
            ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: As for `compute`.
        """
        return self._client("block-storage")

    @property
    def image(self) -> ServiceClient:
        """The Image (Glance) v2 client, as `new_image_v2` makes it.

        Raises:
            ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: As for `compute`.
        """
        return self._client("image")

    @property
    def networking(self) -> ServiceClient:
        """The Networking (Neutron) v2.0 client, as `new_networking_v2` makes it.

        Raises:
            ServiceNotFound, EndpointNotFound, AmbiguousEndpoint: As for `compute`.
        """
        return self._client("network")

    def close(self) -> None:
        """Close the provider's `requests.Session` (also a session passed to `connect`)."""
        self.provider.session.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Connection cloud={self.config.name!r} source={self.config.source!r}>"


def connect(
    cloud: str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_files: Sequence[str | Path] | None = None,
    secure_files: Sequence[str | Path] | None = None,
    region_name: str | None = None,
    session: requests.Session | None = None,
    **provider_options: Any,
) -> Connection:
    """Load a cloud and authenticate: openstacksdk's `openstack.connect(cloud=...)`.

    The cloud is chosen and read exactly as `stackdouble.client.config.load_cloud` does it
    (clouds.yaml, secure.yaml, `OS_CLOUD` or the `OS_*` variables). Unlike openstacksdk,
    which logs in on the first request, this authenticates now, so wrong credentials fail
    here; the service clients are built when first read.

    Args:
        cloud: The cloud's name; None picks one as `load_cloud` does.
        env: The environment, `os.environ` by default.
        config_files: clouds.yaml files to try instead of the standard search path.
        secure_files: secure.yaml files to try instead of the standard search path.
        region_name: The region, beating the cloud's own.
        session: A `requests.Session` to send through, used as it is; by default a new one
            with the cloud's TLS settings (`verify`, `cacert`, `insecure`, `cert`, `key`).
        **provider_options: Passed to `ProviderClient` (`max_retries`, `sleep`...);
            `timeout` defaults to the cloud's `api_timeout`.

    Returns:
        The connection, with its provider authenticated.

    Raises:
        ConfigError: No such cloud, none chosen, or a file that does not parse.
        InvalidInput: The cloud's credentials or settings are incomplete or malformed.
        Unauthorized: The identity service refused the credentials.
        TransportError: The identity service could not be reached.

    Example:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "clouds.yaml"
        >>> _ = path.write_text(cloud.clouds_yaml("mycloud"))
        >>> conn = openstack.connect("mycloud", config_files=[path], env={})
        >>> conn.provider.token_id is not None, conn.image.type
        (True, 'image')
    """
    from stackdouble.client import config  # on first use: `import stackdouble.client` stays light

    loaded = config.load_cloud(
        cloud,
        config_files=config_files,
        secure_files=secure_files,
        env=env,
        region_name=region_name,
    )
    own_session = session is None
    if session is None:
        session = requests.Session()
        session.verify = loaded.verify
        session.cert = loaded.cert
    if loaded.api_timeout is not None:
        provider_options.setdefault("timeout", loaded.api_timeout)
    try:
        provider = authenticated_client(loaded.auth_options, session=session, **provider_options)
    except BaseException:
        if own_session:
            session.close()
        raise
    return Connection(loaded, provider)
