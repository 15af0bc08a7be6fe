"""Error envelopes shared by the fake services, as the real services render them.

Nova and Cinder wrap errors as `{"<faultName>": {"code": ..., "message": ...}}` with the fault
name chosen by status (`nova/api/openstack/wsgi.py`, `Fault._fault_names`); their default
messages are webob's explanations. Swift answers with a short HTML page.
"""

from __future__ import annotations

from types import MappingProxyType

from stackdouble.fakes.http import FakeResponse, reason_phrase

__all__ = [
    "DEFAULT_MESSAGES",
    "NOVA_FAULT_NAMES",
    "swift_style_error",
]

#: webob's explanation per status, which Nova, Cinder and Keystone fall back to.
DEFAULT_MESSAGES = MappingProxyType(
    {
        400: "The server could not comply with the request since it is either malformed or "
        "otherwise incorrect.",
        401: "This server could not verify that you are authorized to access the document you "
        "requested. Either you supplied the wrong credentials (e.g., bad password), or your "
        "browser does not understand how to supply the credentials required.",
        403: "Access was denied to this resource.",
        404: "The resource could not be found.",
        405: "The method is not allowed for this resource.",
        409: "There was a conflict when trying to complete your request.",
        413: "The request is larger than the server is willing or able to process.",
        415: "The request media type is not supported by this server.",
        429: "The client has sent too many requests in a given amount of time.",
        500: "The server has either erred or is incapable of performing the requested "
        "operation.",
        501: "The server has not implemented the requested method.",
        502: "Bad gateway.",
        503: "The server is currently unavailable. Please try again at a later time.",
        504: "The gateway has timed out.",
    }
)

#: Nova's (and Cinder's) fault name per status; anything else is `computeFault`.
NOVA_FAULT_NAMES = MappingProxyType(
    {
        400: "badRequest",
        401: "unauthorized",
        403: "forbidden",
        404: "itemNotFound",
        405: "badMethod",
        409: "conflictingRequest",
        413: "overLimit",
        415: "badMediaType",
        429: "overLimit",
        501: "notImplemented",
        503: "serviceUnavailable",
    }
)


def default_message(status: int) -> str:
    """webob's explanation for `status`, else the reason phrase.

    Example:
        >>> default_message(404)
        'The resource could not be found.'
    """
    return DEFAULT_MESSAGES.get(status) or reason_phrase(status)


def swift_style_error(status: int, message: str | None = None) -> FakeResponse:
    """Swift's HTML error page (`<html><h1>Not Found</h1><p>...</p></html>`).

    Example:
        >>> swift_style_error(404).body
        b'<html><h1>Not Found</h1><p>The resource could not be found.</p></html>'
    """
    phrase = reason_phrase(status)
    text = f"<html><h1>{phrase}</h1><p>{message or default_message(status)}</p></html>"
    return FakeResponse.text(status, text, content_type="text/html; charset=UTF-8")
