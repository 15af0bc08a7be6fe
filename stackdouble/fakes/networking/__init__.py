"""The fake Neutron (Networking API v2.0), at `{base}/networking` as DevStack serves it.

`NetworkingService` plugs the routes into the cloud's app and provides the cloud's
`networks` link (`links.NeutronNetworks`, what Nova asks of Neutron); the state and the
Python control API live in `NetworkingModel`, which the cloud exposes as
`cloud.networking`.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=5) as cloud:
    ...     token = cloud.identity.issue_token("demo", project="demo")
    ...     headers = {"X-Auth-Token": token}
    ...     api = f"{cloud.base_url}/networking/v2.0"
    ...     names = [n["name"] for n in requests.get(f"{api}/networks",
    ...                                              headers=headers).json()["networks"]]
    ...     missing = requests.get(f"{api}/networks/nope", headers=headers)
    >>> sorted(names)
    ['private', 'public']
    >>> missing.status_code, missing.json()["NeutronError"]["type"]
    (404, 'NetworkNotFound')

Errors are `{"NeutronError": {"type", "message", "detail"}}` (`errors`); an unknown path is
`HTTPNotFound`, another method on a known path `HTTPMethodNotAllowed`, and a missing token
keystonemiddleware's 401.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.model_service import ModelService
from stackdouble.fakes.networking.errors import WEBOB_CLIENT_ERROR, neutron_response
from stackdouble.fakes.networking.links import NeutronNetworks
from stackdouble.fakes.networking.models import NetworkingModel
from stackdouble.fakes.networking.urls import build_router

if TYPE_CHECKING:
    from stackdouble.fakes.links import Links

__all__ = ["NetworkingModel", "NetworkingService"]

_KINDS = {400: "HTTPBadRequest", 401: "HTTPUnauthorized", 403: "HTTPForbidden",
          404: "HTTPNotFound", 405: "HTTPMethodNotAllowed", 409: "HTTPConflict",
          413: "HTTPRequestEntityTooLarge", 429: "HTTPTooManyRequests",
          500: "HTTPInternalServerError", 503: "HTTPServiceUnavailable"}


class NetworkingService(ModelService[NetworkingModel]):
    """Neutron at `{base}/networking`, with its `NeutronError` envelope.

    Attributes:
        model: The `NetworkingModel` (also `cloud.networking`), rebuilt by `reset`.
    """

    name = "network"
    model_class = NetworkingModel
    cloud_attribute = "networking"
    route_table = staticmethod(build_router)
    prefix = "/networking"

    def provide(self, links: Links) -> None:
        """The cloud's `networks` link, from Neutron's ports, groups and floating IPs."""
        links.networks = NeutronNetworks(self)

    def error_response(self, req: FakeRequest, status: int, message: str | None = None
                       ) -> FakeResponse:
        """The `NeutronError` envelope for a status (faults use it too)."""
        kind = _KINDS.get(status, "HTTPInternalServerError")
        default = "The resource could not be found." if status == 404 else WEBOB_CLIENT_ERROR
        return neutron_response(status, kind, message or default)

    def not_found(self, req: FakeRequest) -> FakeResponse:
        """No route: behind the token, `HTTPNotFound` (pecan's `abort(404)`)."""
        if req.subpath.startswith("/v2.0"):
            req.require_token()
        return self.error_response(req, 404)

    def method_not_allowed(self, req: FakeRequest, allowed: list[str]) -> FakeResponse:
        """Another method on a known path: `HTTPMethodNotAllowed` (no `Allow`)."""
        if req.subpath.startswith("/v2.0"):
            req.require_token()
        return self.error_response(req, 405)
