"""Swift's errors as swob renders them (`swift/common/swob.py`).

A swob response without a body gets `<html><h1>Title</h1><p>explanation</p></html>` from
`RESPONSE_REASONS`, typed `text/html; charset=UTF-8`; one raised with `body=` carries that
text instead, under the same type, or under `text/plain` when the caller passed
`content_type='text/plain'` (the constraint checks do). A HEAD gets no body.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import TYPE_CHECKING

from stackdouble.fakes.http import FakeResponse, HTTPError

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeRequest

__all__ = [
    "HTML",
    "RESPONSE_REASONS",
    "TEXT",
    "SwiftError",
    "default_body",
    "status_line",
    "swob_response",
]

#: swob's default Content-Type.
HTML = "text/html; charset=UTF-8"
#: What the constraint checks pass as `content_type`.
TEXT = "text/plain"

#: swob's `RESPONSE_REASONS`: the title and explanation of each status.
RESPONSE_REASONS = MappingProxyType({
    200: ("OK", ""),
    201: ("Created", ""),
    202: ("Accepted", "The request is accepted for processing."),
    204: ("No Content", ""),
    206: ("Partial Content", ""),
    304: ("Not Modified", ""),
    400: ("Bad Request", "The server could not comply with the request since it is either "
          "malformed or otherwise incorrect."),
    401: ("Unauthorized", "This server could not verify that you are authorized to access the "
          "document you requested."),
    403: ("Forbidden", "Access was denied to this resource."),
    404: ("Not Found", "The resource could not be found."),
    405: ("Method Not Allowed", "The method is not allowed for this resource."),
    406: ("Not Acceptable", "The resource is not available in a format acceptable to your "
          "browser."),
    409: ("Conflict", "There was a conflict when trying to complete your request."),
    411: ("Length Required", "Content-Length header required."),
    412: ("Precondition Failed", "A precondition for this request was not met."),
    413: ("Request Entity Too Large", "The body of your request was too large for this "
          "server."),
    416: ("Requested Range Not Satisfiable", "The Range requested is not available."),
    422: ("Unprocessable Entity", "Unable to process the contained instructions"),
    429: ("Too Many Requests", "The client has sent too many requests in a given amount of "
          "time."),
    499: ("Client Disconnect", "The client was disconnected during request."),
    500: ("Internal Error", "The server has either erred or is incapable of performing the "
          "requested operation."),
    501: ("Not Implemented", "The requested method is not implemented by this server."),
    502: ("Bad Gateway", "Bad gateway."),
    503: ("Service Unavailable", "The server is currently unavailable. Please try again at a "
          "later time."),
    504: ("Gateway Timeout", "A timeout has occurred speaking to a backend server."),
    507: ("Insufficient Storage", "There was not enough space to save the resource. Drive: "
          "unknown"),
})


def status_line(status: int) -> str:
    """`404 Not Found`, as swob writes a status (bulk summaries quote it).

    Example:
        >>> status_line(409)
        '409 Conflict'
    """
    title = RESPONSE_REASONS.get(status, ("Unknown", ""))[0]
    return f"{status} {title}"


def default_body(status: int) -> bytes:
    """swob's body for a response that has none (empty when the status has no explanation).

    Example:
        >>> default_body(404)
        b'<html><h1>Not Found</h1><p>The resource could not be found.</p></html>'
        >>> default_body(201)
        b''
    """
    title, explanation = RESPONSE_REASONS.get(status, ("Unknown", ""))
    if not explanation:
        return b""
    return f"<html><h1>{title}</h1><p>{explanation}</p></html>".encode()


def swob_response(
    status: int,
    body: str | bytes | None = None,
    *,
    content_type: str = HTML,
    headers: Iterable[tuple[str, str]] = (),
) -> FakeResponse:
    """A response as swob builds it: `body`, or the default page when None."""
    data = default_body(status) if body is None else (
        body.encode("utf-8") if isinstance(body, str) else body)
    resp = FakeResponse(status, data, [("Content-Type", content_type)])
    resp.headers.extend(headers)
    resp.headers.append(("Content-Length", str(len(data))))
    return resp


class SwiftError(HTTPError):
    """An error the fake Swift answers; rendered as swob would.

    Args:
        status: The HTTP status.
        body: The body text; None for swob's default page.
        content_type: `text/html; charset=UTF-8` (swob's default) or `text/plain`.
        headers: Extra response headers.

    Example:
        >>> SwiftError(412, "Maximum limit is 10000").body
        'Maximum limit is 10000'
    """

    def __init__(
        self,
        status: int,
        body: str | None = None,
        *,
        content_type: str = HTML,
        headers: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(status, body, headers)
        self.body = body
        self.content_type = content_type

    def render(self, req: FakeRequest) -> FakeResponse:
        """The swob response for this error."""
        return swob_response(self.status, self.body, content_type=self.content_type,
                             headers=self.headers)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.status, self.body, self.content_type, tuple(self.headers)))


def _rebuild(status: int, body: str | None, content_type: str,
             headers: tuple[tuple[str, str], ...]) -> SwiftError:
    return SwiftError(status, body, content_type=content_type, headers=headers)
