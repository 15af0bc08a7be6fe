"""Placeholders for the services not faked yet: every path answers 404 in the real service's
envelope (never a 500), so a client walking the catalog gets a realistic "not found".

A real service package replaces its placeholder by registering a `Service` with the same
`name` (see `FakeCloud.register_service`).
"""

from __future__ import annotations

from stackdouble.fakes.envelopes import nova_style_error, swift_style_error
from stackdouble.fakes.http import FakeRequest, FakeResponse, Service

__all__ = ["BlockStoragePlaceholder", "ObjectStoragePlaceholder"]


class BlockStoragePlaceholder(Service):
    """Cinder at `{base}/volume`, with Nova's fault envelope (Cinder shares it)."""

    name = "block-storage"
    prefix = "/volume"

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """Cinder's fault envelope."""
        return nova_style_error(status, message)


class ObjectStoragePlaceholder(Service):
    """Swift at `{base}/object-store`: HTML error pages and `tx...` transaction ids."""

    name = "object-store"
    prefix = "/object-store"

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """Swift's HTML error page."""
        return swift_style_error(status, message)

    def new_request_id(self, req: FakeRequest) -> str:
        """Swift's transaction id."""
        return self.cloud.ids.transaction_id(self.cloud.clock.time())

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """`X-Trans-Id` and `X-Openstack-Request-Id`, as Swift's proxy sends them."""
        resp.headers.append(("X-Trans-Id", req.request_id))
        resp.headers.append(("X-Openstack-Request-Id", req.request_id))
