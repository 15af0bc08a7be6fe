"""The fake Nova (Compute API v2.1, microversions 2.1–2.96), at `{base}/compute`.

`ComputeService` plugs the routes into the cloud's app; the state and the Python control API
live in `ComputeModel`, which the cloud exposes as `cloud.compute`:

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=5) as cloud:
    ...     token = cloud.identity.issue_token("demo", project="demo")
    ...     resp = requests.get(cloud.base_url + "/compute/v2.1/flavors",
    ...                         headers={"X-Auth-Token": token,
    ...                                  "OpenStack-API-Version": "compute 2.79"})
    >>> resp.status_code, resp.json()["flavors"][0]["name"]
    (200, 'm1.tiny')
    >>> resp.headers["OpenStack-API-Version"], resp.headers["Vary"]
    ('compute 2.79', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version')

It provides the cloud's `servers` link (`links.py`: the network service's `network-changed`
events) and plugs its servers into the network service's ports through the `networks` link.

Every response carries `x-openstack-request-id` and `x-compute-request-id` (the same
`req-<uuid>`); v2.1 responses echo the microversion in both of Nova's headers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stackdouble.fakes.compute.errors import nova_fault
from stackdouble.fakes.compute.handlers import MICROVERSION_KEY
from stackdouble.fakes.compute.links import NovaServerEvents
from stackdouble.fakes.compute.models import Caller, ComputeModel, Server, ServerFilters
from stackdouble.fakes.compute.urls import build_router
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.model_service import ModelService

if TYPE_CHECKING:
    from stackdouble.fakes.links import Links

__all__ = ["Caller", "ComputeModel", "ComputeService", "Server", "ServerFilters"]


class ComputeService(ModelService[ComputeModel]):
    """Nova at `{base}/compute`, with Nova's envelopes and headers.

    Attributes:
        model: The `ComputeModel` (also `cloud.compute`), rebuilt by `reset`.
    """

    name = "compute"
    model_class = ComputeModel
    cloud_attribute = "compute"
    route_table = staticmethod(build_router)
    prefix = "/compute"

    def provide(self, links: Links) -> None:
        """The cloud's `servers` link: the network service's events about servers."""
        links.servers = NovaServerEvents(self)

    def catch_up(self) -> None:
        """Servers' background work that is due (`ComputeModel.settle_due`): its effects
        on ports, volumes and images show whichever service is asked next."""
        self.model.settle_due()

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """Nova's fault envelope."""
        return nova_fault(status, message)

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """Request ids on every response; the microversion echoed, with `Vary`, once the
        request's microversion was read."""
        if resp.header("Content-Type") is None:
            resp.headers.insert(0, ("Content-Type", "application/json"))
        version = req.environ.get(MICROVERSION_KEY)
        if version is not None:
            text = f"{version[0]}.{version[1]}"
            resp.headers.append(("OpenStack-API-Version", f"compute {text}"))
            resp.headers.append(("X-OpenStack-Nova-API-Version", text))
            resp.headers.append(("Vary", "OpenStack-API-Version"))
            resp.headers.append(("Vary", "X-OpenStack-Nova-API-Version"))
        resp.headers.append(("x-openstack-request-id", req.request_id))
        resp.headers.append(("x-compute-request-id", req.request_id))
