"""Swift's gatekeeper (`swift/common/middleware/gatekeeper.py`, 2.38): the backend's
internal headers neither come in from a client nor go out to one.

A request loses, and a response never shows, the system metadata of accounts, containers
and objects (`X-Account-Sysmeta-*`, `X-Container-Sysmeta-*`, `X-Object-Sysmeta-*`), the
objects' transient sysmeta (`X-Object-Transient-Sysmeta-*`), `X-Backend-*`, and the
backend's placement headers (`X-Container-Host`, `X-Delete-At-Partition`...). The proxy
inserts the gatekeeper at the start of every pipeline, so `Pipeline.run` always runs it
first; it is not in `REGISTRY`, and a pipeline cannot leave it out.

Deliberate difference: an inbound `X-Timestamp` is kept where Swift moves it to
`X-Backend-Inbound-X-Timestamp` (`shunt_inbound_x_timestamp`), since the fake's
container_sync reads it as it is and no other part of the fake uses it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeResponse
    from stackdouble.fakes.objectstorage.handlers._common import Call

__all__ = ["MIDDLEWARE", "handle", "is_internal"]

#: `inbound_exclusions` (and `outbound_exclusions`, the same), matched at the start of a
#: header's name, case-insensitively.
_EXCLUDED = re.compile(
    r"x-(?:account|container|object)-sysmeta-|x-object-transient-sysmeta-|x-backend"
    r"|x-account-(?:host|device|partition)$"
    r"|x-container-(?:host|device|partition|root-db-state)$"
    r"|x-delete-at-(?:host|device|partition|container)$",
    re.IGNORECASE)


def is_internal(name: str) -> bool:
    """Whether a header is one the gatekeeper removes.

    Example:
        >>> is_internal("X-Object-Sysmeta-Slo-Etag"), is_internal("X-Object-Meta-Colour")
        (True, False)
    """
    return _EXCLUDED.match(name) is not None


def handle(call: Call, app: App) -> FakeResponse:
    """The internal headers removed from the request, then from its response."""
    headers = call.headers
    for name in [k for k in headers if _EXCLUDED.match(k)]:
        del headers[name]
    resp = app(call)
    if any(_EXCLUDED.match(k) for k, _ in resp.headers):
        resp.headers = [(k, v) for k, v in resp.headers if not _EXCLUDED.match(k)]
    return resp


#: The gatekeeper, which `Pipeline.run` puts first whatever the pipeline names.
MIDDLEWARE = Middleware(name="gatekeeper", handle=handle)
