"""The fake Swift's request handlers: parse, ask the model, render with `views`.

Each request takes the path of a request through Swift 2.38's proxy pipeline, in its
order: `listing_formats` (the listing's type, 400/406), `bulk` (`?bulk-delete`,
`?extract-archive`), `tempurl`, keystoneauth (`auth.authorize`), `copy`, the quota
middlewares, then the proxy's controllers (`swift/proxy/controllers/{account,container,
obj}.py`) with their constraint checks (`swift/common/constraints.py`) and the backend
servers' rules (`swift/{account,container,obj}/server.py`): 201 for a new container, 202
for an existing one, 409 for deleting a non-empty one, 422 for an ETag mismatch, 304/412
for conditions, 206/416 for ranges (`swift/common/swob.py`).

Requests Swift authorizes late (`delay_denial`: container GET/HEAD and every object
request) are checked again with the container's read or write ACL.

The handlers of each resource are in their modules (`accounts`, `containers`, `objects`,
`bulk`); query and header parsing is `schema`'s, rendering `views`'.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage import schema
from stackdouble.fakes.objectstorage.auth import check_temp_url, disposition
from stackdouble.fakes.objectstorage.errors import HTML, SwiftError
from stackdouble.fakes.objectstorage.handlers._common import (
    Call,
    _model,
    check_path,
    identify,
    split_swift_path,
)
from stackdouble.fakes.objectstorage.handlers.accounts import (
    account_delete,
    account_get,
    account_post,
    account_put,
)
from stackdouble.fakes.objectstorage.handlers.bulk import bulk_request
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
from stackdouble.fakes.objectstorage.models import http_date

__all__ = [
    "account_request",
    "check_path",
    "container_request",
    "object_request",
    "split_swift_path",
]


def account_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}`."""
    return _serve(req, _ACCOUNT)


def container_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}/{container}`."""
    return _serve(req, _CONTAINER)


def object_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}/{container}/{object}`."""
    return _serve(req, _OBJECT)


Controller = Mapping[str, Callable[[Call], FakeResponse]]


def _serve(req: FakeRequest, controller: Controller) -> FakeResponse:
    model = _model(req)
    model.expire()
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
    bulk = bulk_request(call)
    if bulk is not None:
        return bulk
    temp_url = check_temp_url(model, call.method, req.subpath, req.query_string,
                              req.environ.get("REMOTE_ADDR"))
    if temp_url is not None:
        call.access.temp_url = temp_url
        if call.method not in ("GET", "HEAD", "OPTIONS"):
            for name in ("X-Object-Manifest", "X-Symlink-Target"):
                if name in call.headers:
                    raise SwiftError(400, f"The header {name!r} is not allowed in this tempurl")
    else:
        identify(call)
    if call.method == "OPTIONS":
        allowed = sorted(set(controller) - {"OPTIONS"} | {"OPTIONS"})
        return FakeResponse(200, b"", [("Allow", ", ".join(allowed)),
                                       ("Content-Type", HTML), ("Content-Length", "0")])
    resp = controller[call.method](call)
    if temp_url is not None:
        resp = _temp_url_answer(call, resp)
    return resp


def _temp_url_answer(call: Call, resp: FakeResponse) -> FakeResponse:
    """tempurl's outgoing rules: no custom metadata but `Public-*`; on a successful GET or
    HEAD, `Content-Disposition` and `Expires`."""
    temp_url = call.access.temp_url
    assert temp_url is not None
    kept = [(k, v) for k, v in resp.headers
            if not k.title().startswith("X-Object-Meta-")
            or k.title().startswith("X-Object-Meta-Public-")]
    if call.method in ("GET", "HEAD") and 200 <= resp.status < 300:
        if temp_url.object_name == "":
            from stackdouble.fakes.objectstorage.auth import _invalid

            raise _invalid(call.method)
        existing = None
        out = []
        for key, value in kept:
            if key.lower() == "content-disposition":
                existing = value
            else:
                out.append((key, value))
        out.append(("Content-Disposition", disposition(temp_url, existing, call.obj or "")))
        out.append(("Expires", http_date(temp_url.expires)))
        kept = out
    resp.headers = kept
    return resp


_ACCOUNT: Controller = {"GET": account_get, "HEAD": account_get, "POST": account_post,
                        "PUT": account_put, "DELETE": account_delete, "OPTIONS": account_get}
_CONTAINER: Controller = {"GET": container_get, "HEAD": container_get, "PUT": container_put,
                          "POST": container_post, "DELETE": container_delete,
                          "OPTIONS": container_get}
_OBJECT: Controller = {"GET": object_get, "HEAD": object_get, "PUT": object_put,
                       "POST": object_post, "DELETE": object_delete, "COPY": object_copy,
                       "OPTIONS": object_get}
