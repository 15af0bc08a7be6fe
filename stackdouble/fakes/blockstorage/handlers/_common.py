"""Plumbing shared by the fake Cinder's handlers: the microversion, the `api()` wrapper,
the caller, the view context, bodies and empty answers (`cinder/api/openstack/wsgi.py`).

Each v3 handler is wrapped by `api()`, which reads the microversion (`OpenStack-API-Version:
volume X`; `latest`; out of range → 406; Cinder ignores the legacy
`X-OpenStack-Volume-API-Version`), checks the Content-Type (415) and that the project in the
URL is the token's ("Malformed request url"), in Cinder's order. Bodies are decoded as
Cinder does ("Malformed request body" for bad JSON; a body without a Content-Type is
ignored) and validated by `schema`.
"""

from __future__ import annotations

import json
from typing import Any

from stackdouble.fakes.blockstorage import views
from stackdouble.fakes.blockstorage.errors import BadRequest, Forbidden, NotAcceptable, cinder_fault
from stackdouble.fakes.blockstorage.models import BlockStorageModel
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.microversions import (
    HEADER,
    MicroversionError,
    UnsupportedVersion,
    VersionRange,
    cinder_header_value,
)
from stackdouble.fakes.routing import Handler

__all__ = ["MICROVERSION_KEY", "api", "parse_microversion"]

#: Request environ key holding the parsed microversion (set once it parsed).
MICROVERSION_KEY = "stackdouble.block_storage.microversion"
#: The microversions the fake Cinder serves.
VERSIONS = VersionRange(views.MIN_VERSION, views.MAX_VERSION)
_JSON_TYPES = frozenset({"application/json", "application/vnd.openstack.volume+json"})


# -- plumbing -------------------------------------------------------------------------------


def parse_microversion(req: FakeRequest) -> tuple[int, int]:
    """The request's microversion (3.0 when it sends none), `Request.set_api_version_request`
    (`microversions`).

    Raises:
        BadRequest: Not `Major.Minor`, or no `volume` entry in the header (Cinder's
            `VersionNotFoundForAPIMethod` reaches the fault wrapper as a bare 400).
        NotAcceptable: Outside 3.0–3.71.
    """
    header = req.header(HEADER)
    if header is None:
        return VERSIONS.minimum
    try:
        return VERSIONS.resolve(cinder_header_value(header))
    except UnsupportedVersion as exc:
        req.environ[MICROVERSION_KEY] = exc.version  # the fault still names it
        raise NotAcceptable(exc.message) from None
    except MicroversionError as exc:
        raise BadRequest(exc.message) from None


def api(handler: Handler) -> Handler:
    """Wrap a v3 handler: microversion, Content-Type and the URL's project first."""

    def wrapped(req: FakeRequest) -> FakeResponse:
        req.environ[MICROVERSION_KEY] = parse_microversion(req)
        if req.body and req.header("Content-Type") is not None:
            ctype = req.content_type.split(";", 1)[0].strip().lower()
            if ctype not in _JSON_TYPES:
                return cinder_fault(415, "Unsupported Content-Type")
        token = req.require_token()
        project = req.params.get("project_id")
        if project is not None and project != token.project_id:
            raise BadRequest("Malformed request url")
        return handler(req)

    wrapped.__name__ = getattr(handler, "__name__", "handler")
    wrapped.__doc__ = handler.__doc__
    return wrapped


def _model(req: FakeRequest) -> BlockStorageModel:
    model: BlockStorageModel = req.service.model  # type: ignore[attr-defined]
    return model


def _version(req: FakeRequest) -> tuple[int, int]:
    version: tuple[int, int] = req.environ.get(MICROVERSION_KEY, views.MIN_VERSION)
    return version


def _caller(req: FakeRequest, rule: str = "volume:get") -> Caller:
    token = req.require_token()
    if token.project_id is None:
        raise Forbidden(f"Policy doesn't allow {rule} to be performed.")
    return Caller(project_id=token.project_id, user_id=token.user_id, is_admin=token.is_admin)


def _ctx(req: FakeRequest, caller: Caller) -> views.ViewContext:
    root = req.base_url + "/volume"
    project = req.params.get("project_id") or caller.project_id
    token = req.token
    return views.ViewContext(endpoint=f"{root}/v3/{project}", bookmark=f"{root}/{project}",
                             version=_version(req), is_admin=caller.is_admin,
                             is_reader=bool(token is not None and token.roles),
                             query=tuple(req.args.items()))


def _ok(body: Any, status: int = 200) -> FakeResponse:
    return FakeResponse.json(status, body)


def _empty(status: int, *, html: bool = False) -> FakeResponse:
    """An answer without a body: webob's `Response` (`text/html`) for deletes, a
    `ResponseObject(None)` (`application/json`) for actions."""
    ctype = "text/html; charset=UTF-8" if html else "application/json"
    return FakeResponse(status, b"", [("Content-Type", ctype)])


def _body(req: FakeRequest) -> Any:
    """The decoded body as Cinder's `Resource.get_body` and `JSONDeserializer` give it;
    None when empty or sent without a Content-Type.

    Raises:
        BadRequest: "Malformed request body".
    """
    raw = req.body
    if not raw or req.header("Content-Type") is None:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None


def _required_body(req: FakeRequest) -> Any:
    """The body of a request whose controller takes one. Cinder calls the controller
    without it when none was sent, which fails before validation with a 500; the fake
    answers webob's plain 400 instead."""
    body = _body(req)
    if body is None:
        raise BadRequest()
    return body


def _admin(caller: Caller, rule: str) -> None:
    if not caller.is_admin:
        raise Forbidden(f"Policy doesn't allow {rule} to be performed.")
