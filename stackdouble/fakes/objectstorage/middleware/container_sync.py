"""The container_sync middleware (`swift/common/middleware/container_sync.py`) and the
container server's check of `X-Container-Sync-To` (`swift.common.utils.validate_sync_to`).

A container syncs to another when its `X-Container-Sync-To` names the target and its
`X-Container-Sync-Key` is the secret both share. The target is a realm value,
`//<realm>/<cluster>/<account>/<container>`, with realms from the cluster's
container-sync-realms.conf (`SwiftConfig(container_sync_realms=...)`, the file's text), or,
while `allow_full_urls` (the default), a plain `http(s)://host/v1/<account>/<container>`
whose host is in the container server's `allowed_sync_hosts` (`127.0.0.1`).

While the middleware is in the pipeline it:

- refuses (400) a container PUT or POST setting `X-Container-Sync-To` on a container with
  object versioning (`X-Versions-Enabled`) configured, and, without `allow_full_urls`, any
  `X-Container-Sync-To` that is not a realm value;
- checks `X-Container-Sync-Auth: <realm> <nonce> <sig>` (what a peer's container-sync
  daemon sends): `sig` is HMAC-SHA1, keyed by the realm's `key` (or `key2`), of
  `"<method>\\n<quoted path>\\n<X-Timestamp or 0>\\n<nonce>\\n<container's sync key>"`
  (`realm_signature`); a valid one stands in for a token (`swift.authorize_override`), any
  other is `401` with `Www-Authenticate: SwiftContainerSync realm="<account>"`;
- lists the realms that have clusters under `/info`'s `container_sync`, the `current` one
  (`SwiftConfig(container_sync_current="//realm/cluster")`) marked.

Whatever the pipeline, a container PUT or POST whose `X-Container-Sync-To` the container
server refuses gets its 400 (`sync_to_error`, called by the container handlers), after
authorization as in Swift.

The container-sync daemon, which copies a syncing container's objects and deletions to
its target on the fake clock, is `models/containersync.py`
(`cloud.object_storage.run_container_sync()`). Not modelled: SLO's and symlink's
overrides for synced requests (`swift.slo_override`, `swift.symlink_override`), and the
older sync without realms, in which the auth middleware lets an object PUT or DELETE
through whose `X-Container-Sync-Key` matches the container's and that carries an
`X-Timestamp`.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> from stackdouble.fakes.objectstorage import SwiftConfig
    >>> config = SwiftConfig(
    ...     pipeline="container_sync tempurl keystoneauth",
    ...     container_sync_realms="[us]\\nkey = secret\\ncluster_east = http://127.0.0.1/v1/\\n",
    ...     container_sync_current="//us/east")
    >>> with FakeCloud(swift=config) as cloud:
    ...     info = requests.get(cloud.base_url + "/info").json()
    >>> info["container_sync"]
    {'realms': {'US': {'clusters': {'EAST': {'current': True}}}}}
"""

from __future__ import annotations

import configparser
import hashlib
import hmac
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlparse

from stackdouble.fakes.objectstorage.auth import Access
from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware
from stackdouble.fakes.objectstorage.middleware.tempurl import TempURL

if TYPE_CHECKING:
    from collections.abc import Mapping

    from stackdouble.fakes.http import FakeResponse
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "ALLOWED_SYNC_HOSTS",
    "MIDDLEWARE",
    "SyncRealm",
    "SyncRealms",
    "handle",
    "info",
    "realm_signature",
    "sync_to_error",
]

#: The container server's default `allowed_sync_hosts`.
ALLOWED_SYNC_HOSTS = ("127.0.0.1",)

_VERSIONED = ("Cannot configure container sync on a container with object versioning "
              "configured.")
_FULL_URLS = ("Full URLs are not allowed for X-Container-Sync-To values. Only realm values "
              "of the format //realm/cluster/account/container are allowed.\n")
_BAD_AUTH = "X-Container-Sync-Auth header not valid; contact cluster operator for support."


@dataclass(frozen=True, slots=True)
class SyncRealm:
    """One realm of container-sync-realms.conf.

    Attributes:
        key: Its `key`, the secret its clusters sign with.
        key2: Its `key2` (a second key while rotating), or None.
        clusters: The endpoints by cluster name, upper case (`cluster_<name> = <url>`).
    """

    key: str | None
    key2: str | None = None
    clusters: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class SyncRealms:
    """container-sync-realms.conf as `ContainerSyncRealms` reads it
    (`swift/common/container_sync_realms.py`): realms by upper-case name.

    Example:
        >>> realms = SyncRealms.parse("[us]\\nkey = k1\\ncluster_East = http://a/v1/\\n")
        >>> realms.key("US"), realms.endpoint("us", "east"), realms.clusters("us")
        ('k1', 'http://a/v1/', ['EAST'])
    """

    realms: Mapping[str, SyncRealm] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def parse(cls, text: str) -> SyncRealms:
        """Read the file's text: a section per realm with `key`, `key2` and
        `cluster_<name>` options (anything else, `[DEFAULT]`'s `mtime_check_interval`
        among them, is ignored).

        Raises:
            ValueError: Text that is not an INI file.
        """
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text)
        except configparser.Error as exc:
            raise ValueError(f"container-sync-realms.conf: {exc}") from None
        realms: dict[str, SyncRealm] = {}
        for section in parser.sections():
            options = dict(parser.items(section))
            clusters = {name[8:].upper(): url for name, url in options.items()
                        if name.startswith("cluster_")}
            realms[section.upper()] = SyncRealm(options.get("key"), options.get("key2"),
                                                MappingProxyType(clusters))
        return cls(MappingProxyType(realms))

    def key(self, realm: str) -> str | None:
        """The realm's `key`, or None."""
        found = self.realms.get(realm.upper())
        return found.key if found is not None else None

    def key2(self, realm: str) -> str | None:
        """The realm's `key2`, or None."""
        found = self.realms.get(realm.upper())
        return found.key2 if found is not None else None

    def clusters(self, realm: str) -> list[str]:
        """The realm's cluster names (upper case); empty for an unknown realm."""
        found = self.realms.get(realm.upper())
        return list(found.clusters) if found is not None else []

    def endpoint(self, realm: str, cluster: str) -> str | None:
        """The cluster's endpoint in the realm, or None."""
        found = self.realms.get(realm.upper())
        return found.clusters.get(cluster.upper()) if found is not None else None


def realm_signature(method: str, path: str, timestamp: str, nonce: str, realm_key: str,
                    user_key: str) -> str:
    """`ContainerSyncRealms.get_sig`: what `X-Container-Sync-Auth` carries as its third
    word, for a request to `path` (quoted, as the proxy sees it).

    Example:
        >>> realm_signature("PUT", "/v1/AUTH_a/c/o", "1700000000.00000", "nonce",
        ...                 "realm-key", "user-key")
        '2eb114658b3b0637d45390e49a52c533a956de39'
    """
    message = "\n".join((method, path, timestamp, nonce, user_key)).encode("utf-8")
    return hmac.new(realm_key.encode("utf-8"), message, hashlib.sha1).hexdigest()


def sync_to_error(model: ObjectStorageModel, value: str) -> str | None:
    """`validate_sync_to` as the container server runs it on a PUT or POST: None when
    `value` is a target it accepts (or empty: no sync), else its 400's text.

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> swift = FakeCloud().object_storage
        >>> sync_to_error(swift, "//us/east/AUTH_a/c"), sync_to_error(swift, "ftp://x/c")
        ("No realm key for 'us'", 'Invalid scheme \\'ftp\\' in X-Container-Sync-To, must be "//", "http", or "https".')
    """  # noqa: E501
    config = model.cloud.swift_config
    stripped = value.rstrip("/")
    if not stripped:
        return None
    if stripped.startswith("//"):
        parts = stripped[2:].split("/")
        if len(parts) != 4:
            return f"Invalid X-Container-Sync-To format {value!r}"
        realm, cluster = parts[0], parts[1]
        realms = config.container_sync_realms
        if not realms.key(realm):
            return f"No realm key for {realm!r}"
        if not realms.endpoint(realm, cluster):
            return f"No cluster endpoint for {realm!r} {cluster!r}"
        return None
    url = urlparse(stripped)
    if url.scheme not in ("http", "https"):
        return (f"Invalid scheme {url.scheme!r} in X-Container-Sync-To, must be \"//\", "
                "\"http\", or \"https\".")
    if not url.path:
        return "Path required in X-Container-Sync-To"
    if url.params or url.query or url.fragment:
        return "Params, queries, and fragments not allowed in X-Container-Sync-To"
    if url.hostname not in config.allowed_sync_hosts:
        return f"Invalid host {url.hostname!r} in X-Container-Sync-To"
    return None


def handle(call: Call, app: App) -> FakeResponse:
    """`ContainerSync.__call__`: the versioning and full-URL checks, then a peer's
    `X-Container-Sync-Auth`."""
    if not call.container:
        return app(call)  # `split_path(3, 4)` refuses an account's path: not its business
    sync_to = call.headers.get("X-Container-Sync-To")
    container = call.model.find_container(call.account, call.container)
    if (sync_to and call.method in ("PUT", "POST") and call.obj is None
            and container is not None
            and container.headers.get("X-Container-Sysmeta-Versions-Container")):
        raise SwiftError(400, _VERSIONED)
    if (sync_to and not call.model.cloud.swift_config.allow_full_urls
            and not sync_to.startswith("//")):
        raise SwiftError(400, _FULL_URLS)
    auth = call.headers.get("X-Container-Sync-Auth")
    if auth:
        user_key = container.headers.get("X-Container-Sync-Key") if container else None
        if not _valid_auth(call, auth.split(), user_key):
            raise SwiftError(401, _BAD_AUTH, content_type=TEXT, headers=[(
                "Www-Authenticate", f'SwiftContainerSync realm="{quote(call.account)}"')])
        call.access = Access(identity=None, temp_url=TempURL(
            account=call.account, container=call.container, expires=0, filename=None,
            inline=False, object_name=call.obj or ""))
    return app(call)


def _valid_auth(call: Call, words: list[str], user_key: str | None) -> bool:
    """Whether `X-Container-Sync-Auth`'s words sign this request with the realm's key (or
    key2) and the container's sync key."""
    if len(words) != 3 or not user_key:
        return False
    realm, nonce, sig = words
    realms = call.model.cloud.swift_config.container_sync_realms
    path = quote(call.req.subpath, safe="/")
    timestamp = call.headers.get("X-Timestamp", "0")
    for key in (realms.key(realm), realms.key2(realm)):
        if key and hmac.compare_digest(
                sig.encode("utf-8", "surrogateescape"),
                realm_signature(call.method, path, timestamp, nonce, key, user_key).encode()):
            return True
    return False


def info(model: ObjectStorageModel) -> dict[str, Any]:
    """`/info`'s `container_sync`: each realm with clusters, the `current` one marked."""
    config = model.cloud.swift_config
    realms = config.container_sync_realms
    listed: dict[str, Any] = {}
    for name in realms.realms:
        clusters = realms.clusters(name)
        if clusters:
            listed[name] = {"clusters": {c: {} for c in clusters}}
    current = config.container_sync_current
    if current:
        parts = current.strip("/").split("/")
        if len(parts) == 2:
            realm, cluster = (p.upper() for p in parts)
            entry = listed.get(realm, {}).get("clusters", {}).get(cluster)
            if entry is not None:
                entry["current"] = True
    return {"container_sync": {"realms": listed}}


#: The container_sync middleware.
MIDDLEWARE = Middleware(name="container_sync", handle=handle, info=info)
