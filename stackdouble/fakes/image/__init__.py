"""The fake Glance (Image service API v2), at `{base}/image` as DevStack serves it.

`ImageService` plugs the routes into the cloud's app; the state and the Python control API
live in `ImageModel`, which the cloud exposes as `cloud.image`. It also provides the cloud's
`images` link, so the other services read Glance's images.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=5) as cloud:
    ...     token = cloud.identity.issue_token("demo", project="demo")
    ...     headers = {"X-Auth-Token": token, "Accept": "application/json"}
    ...     images = f"{cloud.base_url}/image/v2/images"
    ...     created = requests.post(images, json={"name": "tiny", "disk_format": "raw",
    ...                                           "container_format": "bare"},
    ...                             headers=headers)
    ...     image_id = created.json()["id"]
    ...     uploaded = requests.put(f"{images}/{image_id}/file", data=b"hello",
    ...                             headers={**headers,
    ...                                      "Content-Type": "application/octet-stream"})
    ...     shown = requests.get(f"{images}/{image_id}", headers=headers).json()
    ...     missing = requests.get(f"{images}/nope", headers=headers)
    >>> created.status_code, uploaded.status_code, shown["status"], shown["checksum"]
    (201, 204, 'active', '5d41402abc4b2a76b9719d911017c592')
    >>> missing.status_code, missing.json()["message"]
    (404, 'No image found with ID nope<br /><br />\\n\\n\\n')

Errors are webob's pages, negotiated on `Accept` (`errors`). Glance's version negotiation
answers before keystonemiddleware: the root, `/versions` and any path whose first segment is
not a version Glance knows get the version list without a token; `v2.1`...`v2.18` are
aliases of `v2`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import handlers, views
from stackdouble.fakes.image.errors import NotFound, webob_error
from stackdouble.fakes.image.links import GlanceImages
from stackdouble.fakes.image.models import Image, ImageModel
from stackdouble.fakes.image.urls import NO_REJECT, allow_header, build_router
from stackdouble.fakes.model_service import ModelService

if TYPE_CHECKING:
    from stackdouble.fakes.links import Links

__all__ = ["Image", "ImageModel", "ImageService"]

#: The path segments Glance's version negotiation takes for v2 (`_get_allowed_versions`).
V2_ALIASES = frozenset({"v2"} | {vid for vid, _ in views.VERSIONS})


class ImageService(ModelService[ImageModel]):
    """Glance at `{base}/image`, with webob's error pages and Glance's request ids.

    Attributes:
        model: The `ImageModel` (also `cloud.image`), rebuilt by `reset`.
    """

    name = "image"
    model_class = ImageModel
    cloud_attribute = "image"
    route_table = staticmethod(build_router)
    prefix = "/image"

    def provide(self, links: Links) -> None:
        """The cloud's `images` link, from Glance's images."""
        links.images = GlanceImages(self)


    # -- requests ids and envelopes ----------------------------------------------------------

    def new_request_id(self, req: FakeRequest) -> str:
        """The request's own `X-Openstack-Request-ID` when it sends one Glance takes
        (`req-` prefixed if it lacks it), else a new `req-<uuid>`."""
        given = req.header("X-Openstack-Request-Id")
        if given and len(given) <= handlers._common.MAX_REQUEST_ID and given.isprintable():
            return given if given.startswith("req-") else "req-" + given
        return super().new_request_id(req)

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """webob's page for `status` (faults use it too)."""
        return webob_error(status, message, accept=req.header("Accept"), environ=req.environ)

    def unauthorized(self, req: FakeRequest) -> FakeResponse:
        """The 401 for a missing or bad token: webob's page (negotiated on `Accept`) with
        keystonemiddleware's `WWW-Authenticate`."""
        resp = webob_error(401, accept=req.header("Accept"))
        resp.headers.append(("WWW-Authenticate", f'Keystone uri="{req.base_url}/identity"'))
        return resp

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """The request id on every response."""
        resp.headers.append(("x-openstack-request-id", req.request_id))

    # -- version negotiation ---------------------------------------------------------------

    def not_found(self, req: FakeRequest) -> FakeResponse:
        """A path no route matches: the version list when its first segment is no v2
        version (`/versions...`: 200, else 300), a v2 alias routed as `/v2`, else, behind
        the token, webob's 404."""
        first, _, rest = req.subpath.lstrip("/").partition("/")
        if first == "versions":
            return handlers.versions(req, explicit=True)
        if first not in V2_ALIASES:
            return handlers.versions(req)
        if first != "v2":
            found = self.router.match("/v2/" + rest if rest or req.subpath.endswith("/")
                                      else "/v2")
            if found is not None:
                return self._dispatch_alias(req, *found)
        req.require_token()
        handlers.check_request_id(req)
        raise NotFound()

    def method_not_allowed(self, req: FakeRequest, allowed: list[str]) -> FakeResponse:
        """A routed path and another method: the version list for the version documents,
        else, behind the token, 405 with Glance's `Allow` (404 where Glance has no 405)."""
        first = req.subpath.lstrip("/").partition("/")[0]
        if first == "versions":
            return handlers.versions(req, explicit=True)
        if first not in V2_ALIASES:
            return handlers.versions(req)
        req.require_token()
        handlers.check_request_id(req)
        if req.subpath.rstrip("/") in NO_REJECT:
            raise NotFound()
        return webob_error(405, accept=req.header("Accept"), environ=req.environ,
                           headers=[("Allow", allow_header(allowed))])

    def _dispatch_alias(self, req: FakeRequest, routes: dict[str, Any],
                        params: dict[str, str]) -> FakeResponse:
        route = routes.get(req.method)
        if route is None:
            return self.method_not_allowed(req, sorted(routes))
        req.params = params
        req.route = route
        if route.auth:
            req.require_token()
        return route.handler(req)  # type: ignore[no-any-return]

