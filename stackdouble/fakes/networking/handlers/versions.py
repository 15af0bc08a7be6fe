"""The version documents and `/v2.0/extensions`."""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking import views
from stackdouble.fakes.networking.errors import HTTPNotFound
from stackdouble.fakes.networking.handlers._common import answer, caller_of

__all__ = ["list_extensions", "list_resources", "show_extension", "versions"]


def versions(req: FakeRequest) -> FakeResponse:
    """`GET /networking/`: no token needed."""
    return answer(200, views.versions(f"{req.base_url}{req.service.prefix}"))


def list_resources(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/`: the core collections. Neutron answers `/v2.0` (no slash) with 404."""
    caller_of(req)
    if not req.path.endswith("/"):
        raise HTTPNotFound()
    return answer(200, views.resources(f"{req.base_url}{req.path}"))


def list_extensions(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/extensions`."""
    caller_of(req)
    return answer(200, {"extensions": [views.extension(*e) for e in views.EXTENSIONS]})


def show_extension(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/extensions/{alias}`."""
    caller_of(req)
    for ext in views.EXTENSIONS:
        if ext[0] == req.params["alias"]:
            return answer(200, {"extension": views.extension(*ext)})
    raise HTTPNotFound(f"Extension with alias {req.params['alias']} does not exist")
