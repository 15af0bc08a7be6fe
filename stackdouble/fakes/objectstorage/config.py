"""`SwiftConfig`: how a cloud's Swift is set up, as a deployment's proxy-server.conf and
swift.conf set it up: its middleware pipeline and its storage policies.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> config = SwiftConfig(
    ...     pipeline="catch_errors healthcheck tempurl authtoken keystoneauth proxy-server",
    ...     policies=[StoragePolicy("gold", default=True), StoragePolicy("silver")])
    >>> with FakeCloud(swift=config) as cloud:
    ...     info = requests.get(cloud.base_url + "/info").json()
    >>> sorted(info), [p["name"] for p in info["swift"]["policies"]]
    (['swift', 'tempurl'], ['gold', 'silver'])

The cloud keeps it across `reset()`; a test may still change one state's pipeline or
policies through `cloud.object_storage.pipeline` and `.policies`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from stackdouble.fakes.objectstorage.middleware import Pipeline
from stackdouble.fakes.objectstorage.middleware.container_sync import (
    ALLOWED_SYNC_HOSTS,
    SyncRealms,
)
from stackdouble.fakes.objectstorage.models.policies import (
    DEFAULT_POLICIES,
    StoragePolicy,
    storage_policies,
)

__all__ = ["StoragePolicy", "SwiftConfig"]


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class SwiftConfig:
    """A cloud's Swift settings (`FakeCloud(swift=SwiftConfig(...))`).

    Args:
        pipeline: The proxy's middleware, in order: a `Pipeline`, a proxy-server.conf
            `pipeline =` line, or its names (see `middleware`). Default:
            `middleware.DEFAULT_PIPELINE`.
        policies: The storage policies, as names or `StoragePolicy`s (swift.conf's
            `[storage-policy:N]` sections, in order); the default one is flagged, else the
            first. Default: Swift's one `Policy-0`.
        cors_allow_origin: The origins the proxy allows CORS requests from on every
            container, beside the container's own (its
            `X-Container-Meta-Access-Control-Allow-Origin`): `[app:proxy-server]
            cors_allow_origin`, comma-separated there; `*` allows any. Default: none.
        cors_expose_headers: Headers every CORS answer exposes beside Swift's own
            (`cors_expose_headers`). Default: none.
        strict_cors_mode: Whether an actual CORS request from an origin that is not
            allowed gets no `Access-Control-*` headers (`strict_cors_mode`, Swift's
            default, and `/info`'s); when False it gets them anyway.
        container_sync_realms: container-sync-realms.conf's text (a section per realm with
            its `key`, `key2` and `cluster_<name> = <endpoint>`), or a parsed `SyncRealms`.
            Default: no realms.
        container_sync_current: This cluster in them, `//<realm>/<cluster>` (the
            container_sync filter's `current`), marked in `/info`. Default: none.
        container_sync_interval: Fake seconds between the container-sync daemon's sweeps
            (`[container-sync] interval`; see `models.containersync`); None: sweeps only
            when forced (`cloud.object_storage.run_container_sync()`). Default: 300, as
            Swift.
        allow_full_urls: Whether `X-Container-Sync-To` may be a URL rather than a realm
            value (container_sync's `allow_full_urls`). Default: True.
        allowed_sync_hosts: The hosts such a URL may name (the container server's
            `allowed_sync_hosts`, comma-separated there). Default: `127.0.0.1`.
        storage_domain: domain_remap's `storage_domain`: the domains below which a
            `Host` names a container and an account (comma-separated). Default:
            `example.com`.
        path_root: domain_remap's `path_root`, put before the account. Default: `v1`.
        reseller_prefixes: domain_remap's `reseller_prefixes` (comma-separated).
            Default: `AUTH`.
        default_reseller_prefix: domain_remap's `default_reseller_prefix`, given to an
            account without a known prefix. Default: none.

    Raises:
        ValueError: An unknown middleware, policies Swift would refuse (see
            `storage_policies`), container-sync realms that are not an INI file, or an
            interval that is not positive.
    """

    pipeline: Pipeline = field(default_factory=Pipeline)
    policies: tuple[StoragePolicy, ...] = DEFAULT_POLICIES
    cors_allow_origin: tuple[str, ...] = ()
    cors_expose_headers: tuple[str, ...] = ()
    strict_cors_mode: bool = True
    container_sync_realms: SyncRealms = field(default_factory=SyncRealms)
    container_sync_current: str | None = None
    container_sync_interval: float | None = 300.0
    allow_full_urls: bool = True
    allowed_sync_hosts: tuple[str, ...] = ALLOWED_SYNC_HOSTS
    storage_domain: tuple[str, ...] = (".example.com",)
    path_root: str = "v1"
    reseller_prefixes: tuple[str, ...] = ("AUTH",)
    default_reseller_prefix: str | None = None

    def __init__(
        self,
        *,
        pipeline: Pipeline | str | Iterable[str] | None = None,
        policies: Iterable[str | StoragePolicy] = DEFAULT_POLICIES,
        cors_allow_origin: str | Iterable[str] = (),
        cors_expose_headers: str | Iterable[str] = (),
        strict_cors_mode: bool = True,
        container_sync_realms: str | SyncRealms = "",
        container_sync_current: str | None = None,
        container_sync_interval: float | None = 300.0,
        allow_full_urls: bool = True,
        allowed_sync_hosts: str | Iterable[str] = ALLOWED_SYNC_HOSTS,
        storage_domain: str | Iterable[str] = "example.com",
        path_root: str = "v1",
        reseller_prefixes: str | Iterable[str] = "AUTH",
        default_reseller_prefix: str | None = None,
    ) -> None:
        if pipeline is None:
            pipeline = Pipeline()
        elif not isinstance(pipeline, Pipeline):
            pipeline = Pipeline(pipeline)
        object.__setattr__(self, "pipeline", pipeline)
        object.__setattr__(self, "policies", storage_policies(policies))
        object.__setattr__(self, "cors_allow_origin", _csv(cors_allow_origin))
        object.__setattr__(self, "cors_expose_headers", _csv(cors_expose_headers))
        object.__setattr__(self, "strict_cors_mode", bool(strict_cors_mode))
        if isinstance(container_sync_realms, str):
            container_sync_realms = SyncRealms.parse(container_sync_realms)
        object.__setattr__(self, "container_sync_realms", container_sync_realms)
        object.__setattr__(self, "container_sync_current", container_sync_current)
        if container_sync_interval is not None and container_sync_interval <= 0:
            raise ValueError("container_sync_interval must be positive, or None")
        object.__setattr__(self, "container_sync_interval", container_sync_interval)
        object.__setattr__(self, "allow_full_urls", bool(allow_full_urls))
        object.__setattr__(self, "allowed_sync_hosts", _csv(allowed_sync_hosts))
        domains = _csv(storage_domain)  # domain_remap: each with a leading dot
        object.__setattr__(self, "storage_domain", tuple(
            [f".{d}" for d in domains if not d.startswith(".")]
            + [d for d in domains if d.startswith(".")]))
        object.__setattr__(self, "path_root", path_root.strip("/"))
        object.__setattr__(self, "reseller_prefixes", _csv(reseller_prefixes))
        object.__setattr__(self, "default_reseller_prefix", default_reseller_prefix)


def _csv(value: str | Iterable[str]) -> tuple[str, ...]:
    """A proxy-server.conf list (comma-separated) or the items themselves, stripped, with
    the empty ones dropped."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(s for s in (str(i).strip() for i in items) if s)
