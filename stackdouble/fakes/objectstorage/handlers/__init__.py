"""The fake Swift's request handlers: parse, ask the model, render with `views`.

Each request takes the path of a request through Swift 2.38's proxy: `listing_formats`
(the listing's type, 400/406), then the cloud's pipeline (`model.pipeline`, see
`middleware`: `bulk`, `tempurl`, the auth middlewares...), `copy`, the quota checks, then
the proxy's controllers (`proxy`) (`swift/proxy/controllers/{account,container,
obj}.py`) with their constraint checks (`swift/common/constraints.py`) and the backend
servers' rules (`swift/{account,container,obj}/server.py`): 201 for a new container, 202
for an existing one, 409 for deleting a non-empty one, 422 for an ETag mismatch, 304/412
for conditions, 206/416 for ranges (`swift/common/swob.py`).

Requests Swift authorizes late (`delay_denial`: container GET/HEAD and every object
request) are checked again with the container's read or write ACL.

The handlers of each resource are in their modules (`accounts`, `containers`, `objects`);
query and header parsing is `schema`'s, rendering `views`'.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage import schema
from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.handlers import cors
from stackdouble.fakes.objectstorage.handlers._common import (
    Call,
    _model,
    check_path,
    split_swift_path,
)
from stackdouble.fakes.objectstorage.handlers.accounts import (
    account_delete,
    account_get,
    account_post,
    account_put,
)
from stackdouble.fakes.objectstorage.handlers.containers import (
    container_delete,
    container_get,
    container_post,
    container_put,
)
from stackdouble.fakes.objectstorage.handlers.objects import (
    object_copy,
    object_delete,
    object_get,
    object_post,
    object_put,
)

__all__ = [
    "account_request",
    "check_path",
    "container_request",
    "object_request",
    "proxy",
    "split_swift_path",
]


def account_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}`."""
    return _serve(req)


def container_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}/{container}`."""
    return _serve(req)


def object_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}/{container}/{object}`."""
    return _serve(req)


Controller = Mapping[str, Callable[[Call], FakeResponse]]


def _serve(req: FakeRequest) -> FakeResponse:
    model = _model(req)
    model.expire()
    model.container_sync_tick()
    check_path(req)
    params = req.params
    version = params["version"]
    if version not in ("v1", "v1.0"):
        raise SwiftError(400)
    call = Call(req, model, params["account"], params.get("container"),
                params.get("object_name"))
    length = call.headers.get("Content-Length")
    if length is not None and (not length.strip().isdigit()):
        raise SwiftError(400, "Invalid Content-Length")
    if call.obj is None and call.method in ("GET", "HEAD"):
        call.listing_type = schema.listing_type(call.param, call.headers.get("Accept"))
    return model.pipeline.run(call, proxy)


def proxy(call: Call) -> FakeResponse:
    """The proxy server at the end of the pipeline: the account, container or object
    controller for the call's path and method."""
    controller = _OBJECT if call.obj is not None else (
        _CONTAINER if call.container is not None else _ACCOUNT)
    if call.method == "OPTIONS":
        return cors.preflight(call)
    return cors.validated(call, controller[call.method])


_ACCOUNT: Controller = {"GET": account_get, "HEAD": account_get, "POST": account_post,
                        "PUT": account_put, "DELETE": account_delete, "OPTIONS": account_get}
_CONTAINER: Controller = {"GET": container_get, "HEAD": container_get, "PUT": container_put,
                          "POST": container_post, "DELETE": container_delete,
                          "OPTIONS": container_get}
_OBJECT: Controller = {"GET": object_get, "HEAD": object_get, "PUT": object_put,
                       "POST": object_post, "DELETE": object_delete, "COPY": object_copy,
                       "OPTIONS": object_get}
