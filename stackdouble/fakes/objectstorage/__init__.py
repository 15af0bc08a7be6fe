"""The fake Swift (Object Storage v1, as Swift 2.38 with Keystone auth), at the root of
the cloud's origin as a Swift proxy is: `{base}/v1/AUTH_<project_id>` (the catalog's
object-store endpoint), `{base}/info`, `{base}/healthcheck`, `{base}/auth/v1.0`. The other
services live under their prefixes (`/identity`, `/compute`...), so nothing collides.

`{base}/object-store/...` is an alias for the same Swift, as a reverse proxy that mounts
Swift under a path and strips it would be: Swift sees (and a temp URL is signed over) the
path below it. Real Swift has no such prefix; the alias stays because code written for the
fake's earlier layout uses it, and because a path-prefixed endpoint is a real deployment
shape a client must handle (`{base}/object-store/v1/AUTH_...`).

Accounts, containers and objects live in `ObjectStorageModel` (`cloud.object_storage`),
which tests also drive from Python; requests go through the cloud's middleware pipeline
(`middleware`, chosen with `FakeCloud(swift=SwiftConfig(pipeline=...))`) to `handlers`,
with Swift's headers, status codes and HTML error pages. Keystone tokens and tempauth's
(`GET {base}/auth/v1.0`, users in `cloud.object_storage.tempauth`: see `models.swauth`
and `handlers.swauth`) both work by default; `GET {base}/info` lists what the pipeline
enables (`info`).

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=1) as cloud:
    ...     token = cloud.identity.issue_token("demo", project="demo")
    ...     url = f"{cloud.base_url}/v1/AUTH_{cloud.project_id('demo')}"
    ...     auth = {"X-Auth-Token": token}
    ...     created = requests.put(url + "/photos", headers=auth).status_code
    ...     _ = requests.put(url + "/photos/2026/a.jpg", data=b"jpeg", headers=auth)
    ...     listing = requests.get(url + "/photos", headers=auth)
    ...     anonymous = requests.get(url + "/photos")
    ...     health = requests.get(cloud.base_url + "/healthcheck").text
    >>> created, listing.text, listing.headers["Content-Type"], health
    (201, '2026/a.jpg\\n', 'text/plain; charset=utf-8', 'OK')
    >>> anonymous.status_code, anonymous.headers["Www-Authenticate"][:17]
    (401, 'Swift realm="AUTH')
    >>> cloud.object_storage.get_object("demo", "photos", "2026/a.jpg").data
    b'jpeg'
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any
from urllib.parse import quote

from stackdouble.fakes.http import FakeRequest, FakeResponse, Service
from stackdouble.fakes.objectstorage.config import SwiftConfig
from stackdouble.fakes.objectstorage.errors import SwiftError, swob_response
from stackdouble.fakes.objectstorage.handlers import check_path, cors, split_swift_path
from stackdouble.fakes.objectstorage.middleware import (
    DEFAULT_PIPELINE,
    Middleware,
    Pipeline,
    domain_remap,
)
from stackdouble.fakes.objectstorage.models import (
    Account,
    Constraints,
    Container,
    ObjectStorageModel,
    StoragePolicy,
    StoredObject,
    http_date,
)
from stackdouble.fakes.objectstorage.models.swauth import TempAuth, TempAuthToken, TempAuthUser
from stackdouble.fakes.objectstorage.urls import build_router
from stackdouble.fakes.routing import Router

__all__ = [
    "DEFAULT_PIPELINE",
    "Account",
    "Constraints",
    "Container",
    "Middleware",
    "ObjectStorageModel",
    "ObjectStorageService",
    "Pipeline",
    "StoragePolicy",
    "StoredObject",
    "SwiftConfig",
    "SwiftError",
    "TempAuth",
    "TempAuthToken",
    "TempAuthUser",
]


class ObjectStorageService(Service):
    """Swift at the root of the cloud's origin (and under the `/object-store` alias):
    swob's HTML errors, `tx...` transaction ids; its state is `cloud.object_storage`,
    rebuilt by `reset` with the cloud's `SwiftConfig`."""

    name = "object-store"
    #: The alias: a prefix-stripping proxy's view of the same Swift.
    prefix = "/object-store"
    #: What a Swift proxy answers at its root: its API versions (`valid_api_versions`),
    #: `/info`, and the paths its middleware own.
    root_segments = frozenset({"v1", "v1.0", "info", "healthcheck", "crossdomain.xml", "auth"})

    def build_router(self) -> Router:
        """Swift's paths (see `urls`)."""
        return build_router()

    def router_key(self) -> Hashable:
        """The routes are the same for every cloud: built once."""
        return ()

    def reset(self) -> None:
        """No accounts, no containers, no objects."""
        self.cloud.object_storage = ObjectStorageModel(self.cloud)

    def dump(self) -> dict[str, Any]:
        """Accounts, containers and object names with sizes, and tempauth's users and
        count of valid tokens (never contents, keys or token ids)."""
        return self.cloud.object_storage.dump()

    def claim(self, environ: dict[str, Any], path: str) -> str | None:
        """domain_remap, while in the pipeline: a request whose `Host` names an account
        (and container) below a storage domain, at its remapped path."""
        return domain_remap.claim(self.cloud, environ, path)

    def new_request_id(self, req: FakeRequest) -> str:
        """Swift's transaction id, `tx<21 hex>-<hex time>`."""
        return self.cloud.ids.transaction_id(self.cloud.clock.time())

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """swob's page for `status` (faults use it too)."""
        return swob_response(status, message)

    def unauthorized(self, req: FakeRequest) -> FakeResponse:
        """Swift's 401: the realm is the account of the path, and keystonemiddleware adds
        where to authenticate."""
        try:
            realm = split_swift_path(req.subpath)[1] or "unknown"
        except ValueError:
            realm = "unknown"
        if realm in ("v1.0", "auth"):
            realm = "unknown"
        return swob_response(401, headers=[
            ("Www-Authenticate", f'Swift realm="{quote(realm)}"'),
            ("WWW-Authenticate", f'Keystone uri="{req.base_url}/identity"')])

    def not_found(self, req: FakeRequest) -> FakeResponse:
        """412 for a bad name or a path without an account, else 404."""
        try:
            check_path(req)
            account = split_swift_path(req.subpath)[1]
        except SwiftError as exc:
            return exc.render(req)
        except ValueError:
            return swob_response(404)
        if not account:
            return swob_response(412, "Bad URL")
        return swob_response(404)

    def method_not_allowed(self, req: FakeRequest, allowed: list[str]) -> FakeResponse:
        """405 with the methods the path's controller answers, in the order Swift's proxy
        lists them (`handlers.cors`: the copy middleware adds COPY only to OPTIONS)."""
        try:
            _, _, container, obj = split_swift_path(req.subpath)
        except ValueError:
            return swob_response(405, headers=[("Allow", ", ".join(allowed))])
        methods = cors.OBJECT_METHODS if obj else (
            cors.CONTAINER_METHODS if container else cors.ACCOUNT_METHODS)
        return swob_response(405, headers=[("Allow", ", ".join(methods))])

    def internal_error(self, req: FakeRequest, exc: BaseException) -> FakeResponse:
        """swob's 500 page."""
        return swob_response(500)

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """Swift's closing touches: no body length on a failed HEAD, `Content-Length: 0`
        on a 204 or 304, `X-Trans-Id`, `X-Openstack-Request-Id` and `Date`."""
        if req.method == "HEAD" and resp.status >= 300:
            resp.set_header("Content-Length", "0")
        elif resp.status in (204, 304) and resp.header("Content-Length") is None:
            resp.headers.append(("Content-Length", "0"))
        resp.headers.append(("X-Trans-Id", req.request_id))
        resp.headers.append(("X-Openstack-Request-Id", req.request_id))
        resp.headers.append(("Date", http_date(self.cloud.clock.time())))
