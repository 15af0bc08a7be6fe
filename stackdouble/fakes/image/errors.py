"""Glance's error answers: webob's exception pages, negotiated on the request's `Accept`.

Glance raises `webob.exc.HTTP*` exceptions (`glance/api/v2/*.py`, `glance/common/wsgi.py`)
and webob renders them (`webob/exc.py`, `WSGIHTTPException.generate_response`). The body is
made of the exception's `explanation` (the class default, or what Glance passes as
`explanation=`) and `detail` (what Glance passes positionally or as `detail=`) in the
template `${explanation}<br /><br />\\n${detail}\\n${html_comment}\\n`, then:

* `Accept` preferring `text/html` (so `*/*`, what curl and `requests` send, and any header
  webob cannot parse): an HTML page, `text/html; charset=UTF-8`;
* `Accept: application/json` (keystoneauth, openstacksdk, the `openstack` CLI):
  `{"message": <body>, "code": "404 Not Found", "title": "Not Found"}`, `application/json`;
* no `Accept` at all, or one that accepts neither: the plain text, tags stripped,
  `text/plain; charset=UTF-8`.

So `GET /v2/images/<unknown>` with `Accept: application/json` answers
`{"message": "No image found with ID <id><br /><br />\\n\\n\\n", "code": "404 Not Found",
"title": "Not Found"}`. The 405 and 415 pages use their own templates, which name the
request's method and Content-Type.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from string import Template
from types import MappingProxyType
from typing import Any

from stackdouble.fakes.envelopes import DEFAULT_MESSAGES
from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError, reason_phrase

__all__ = [
    "BadRequest",
    "Conflict",
    "Forbidden",
    "GlanceError",
    "Gone",
    "HeaderFieldsTooLarge",
    "MethodNotAllowed",
    "NotFound",
    "RangeNotSatisfiable",
    "RequestEntityTooLarge",
    "UnsupportedMediaType",
    "negotiate",
    "policy_forbidden",
    "webob_error",
]

#: webob's title and default explanation per status (`webob/exc.py`).
WEBOB_PAGES: Mapping[int, tuple[str, str]] = MappingProxyType({
    400: ("Bad Request", "The server could not comply with the request since\r\n"
                         "it is either malformed or otherwise incorrect.\r\n"),
    401: ("Unauthorized", "This server could not verify that you are authorized to access "
                          "the document you requested. Either you supplied the wrong "
                          "credentials (e.g., bad password), or your browser does not "
                          "understand how to supply the credentials required."),
    403: ("Forbidden", "Access was denied to this resource."),
    404: ("Not Found", "The resource could not be found."),
    405: ("Method Not Allowed", ""),
    409: ("Conflict", "There was a conflict when trying to complete your request."),
    410: ("Gone", "This resource is no longer available.  No forwarding address is given."),
    413: ("Request Entity Too Large", "The body of your request was too large for this "
                                      "server."),
    415: ("Unsupported Media Type", ""),
    416: ("Request Range Not Satisfiable", "The Range requested is not available."),
    429: ("Too Many Requests", "The client has sent too many requests in a given amount of "
                               "time."),
    431: ("Request Header Fields Too Large", "The request header fields were too large"),
    500: ("Internal Server Error", "The server has either erred or is incapable of "
                                   "performing the requested operation."),
    503: ("Service Unavailable", "The server is currently unavailable. Please try again at "
                                 "a later time."),
})
_BODY = Template("${explanation}<br /><br />\n${detail}\n${html_comment}\n")
#: The pages whose template names the request (`HTTPMethodNotAllowed`,
#: `HTTPUnsupportedMediaType`); webob fills them from the environ and the headers.
_CUSTOM = {
    405: Template("The method ${REQUEST_METHOD} is not allowed for this resource. "
                  "<br /><br />\n${detail}"),
    415: Template("The request media type ${CONTENT_TYPE} is not supported by this server."
                  "\n<br /><br />\n${detail}"),
}
_HTML = Template("<html>\n <head>\n  <title>${status}</title>\n </head>\n <body>\n"
                 "  <h1>${status}</h1>\n  ${body}\n </body>\n</html>")
_TAG = re.compile(r"<.*?>", re.S)
_BR = re.compile(r"<br.*?>", re.I | re.S)
_COMMENT = re.compile(r"<!--|-->")
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_RANGE = re.compile(rf"\s*({_TOKEN})/({_TOKEN})((?:\s*;\s*{_TOKEN}=(?:{_TOKEN}|{_QUOTED}))*)\s*")
_PARAM = re.compile(rf"\s*;\s*({_TOKEN})=({_TOKEN}|{_QUOTED})")
_QVALUE = re.compile(r"0(\.\d{0,3})?|1(\.0{0,3})?")
_OFFERS = ("text/html", "application/json")


def negotiate(accept: str | None) -> str:
    """The page webob renders for this `Accept` header (`acceptable_offers` over
    `text/html` and `application/json`; `text/plain` when neither is acceptable).

    Example:
        >>> negotiate("*/*"), negotiate("application/json"), negotiate(None)
        ('text/html', 'application/json', 'text/plain')
        >>> negotiate("application/json;q=0.5, text/html;q=0.1"), negotiate("garbage")
        ('application/json', 'text/html')
    """
    if accept is None:
        accept = ""
    ranges: list[tuple[str, str, float, bool]] = []
    for element in accept.split(","):
        if not element.strip():
            continue
        match = _RANGE.fullmatch(element)
        if match is None:
            return _OFFERS[0]  # AcceptInvalidHeader: every offer, in order
        quality, has_params = 1.0, False
        for name, value in _PARAM.findall(match.group(3)):
            if name.lower() == "q":
                if not _QVALUE.fullmatch(value):
                    return _OFFERS[0]
                quality = float(value)
                break
            has_params = True
        ranges.append((match.group(1).lower(), match.group(2).lower(), quality, has_params))
    best: list[tuple[float, int, str]] = []
    for index, offer in enumerate(_OFFERS):
        kind, sub = offer.split("/")
        found: tuple[int, float] | None = None
        for rtype, rsub, quality, has_params in ranges:
            if (rtype, rsub) == (kind, sub):
                if has_params:
                    continue
                specificity = 3
            elif rsub == "*" and rtype == kind:
                specificity = 2
            elif (rtype, rsub) == ("*", "*"):
                specificity = 1
            else:
                continue
            if found is None or specificity > found[0]:
                found = (specificity, quality)
        if found is not None and found[1] > 0:
            best.append((-found[1], index, offer))
    return min(best)[2] if best else "text/plain"


def _strip_tags(value: str) -> str:
    value = value.replace("\n", " ").replace("\r", "")
    value = _BR.sub("\n", value)
    value = _COMMENT.sub("", value)
    return _TAG.sub("", value)


def _escape(value: str) -> str:
    return html.escape(value, True).encode("ascii", "xmlcharrefreplace").decode("ascii")


def webob_error(status: int, explanation: str | None = None, detail: str | None = None, *,
                comment: str | None = None, accept: str | None = None,
                environ: Mapping[str, Any] | None = None,
                headers: Iterable[tuple[str, str]] = (),
                body_template: str | None = None) -> FakeResponse:
    """A webob exception page, as `generate_response` renders it for `accept`.

    Args:
        status: The status.
        explanation: Replaces webob's default explanation (Glance's `explanation=`).
        detail: The detail line (Glance's positional argument or `detail=`).
        comment: An HTML comment (shown in the plain and JSON pages without its markers).
        accept: The request's `Accept` header.
        environ: The WSGI environ, for the 405 and 415 templates.
        headers: Extra response headers.
        body_template: Replaces the page's body template (Glance's `body_template=`).

    Example:
        >>> page = webob_error(404, "No image found with ID x", accept="application/json")
        >>> body = page.json_body()
        >>> body["message"], body["code"], body["title"]
        ('No image found with ID x<br /><br />\\n\\n\\n', '404 Not Found', 'Not Found')
    """
    title, default = WEBOB_PAGES.get(status, (reason_phrase(status),
                                              DEFAULT_MESSAGES.get(status, "")))
    status_line = f"{status} {title}"
    kind = negotiate(accept)
    escape = _escape if kind == "text/html" else (lambda v: v)
    args: dict[str, str] = {
        "explanation": escape(default if explanation is None else explanation),
        "detail": escape(detail or ""),
        "comment": escape(comment or ""),
        "html_comment": f"<!-- {escape(comment)} -->" if comment else "",
    }
    template = (Template(body_template) if body_template is not None
                else _CUSTOM.get(status, _BODY))
    if template is not _BODY:
        for key, value in (environ or {}).items():
            if isinstance(value, str):
                args[key] = escape(value)
    body = template.safe_substitute(args)
    if kind == "text/html":
        text = _HTML.substitute(status=status_line, body=body)
        ctype = "text/html; charset=UTF-8"
    elif kind == "application/json":
        text = json.dumps({"message": body, "code": status_line, "title": title})
        ctype = "application/json"
    else:
        text = f"{status_line}\n\n{_strip_tags(body)}"
        ctype = "text/plain; charset=UTF-8"
    return FakeResponse(status, text.encode("utf-8"), [("Content-Type", ctype), *headers])


class GlanceError(HTTPError):
    """A webob exception Glance raises; rendered as webob renders it for the request.

    Args:
        explanation: Replaces the status's default explanation (Glance's `explanation=`).
        detail: The detail line (Glance's positional argument, or `detail=`).
        comment: An HTML comment.
        headers: Extra response headers.
        status: Overrides the class's status.
        body_template: Replaces the page's body template (Glance's `body_template=`).
    """

    status = 500

    def __init__(self, explanation: str | None = None, *, detail: str | None = None,
                 comment: str | None = None, headers: Iterable[tuple[str, str]] | None = None,
                 status: int | None = None, body_template: str | None = None) -> None:
        super().__init__(status if status is not None else self.status,
                         explanation or detail, headers)
        self.explanation = explanation
        self.detail = detail
        self.comment = comment
        self.body_template = body_template

    def render(self, req: FakeRequest) -> FakeResponse:
        """The webob page for `req`'s `Accept`, plus this error's headers."""
        return webob_error(self.status, self.explanation, self.detail, comment=self.comment,
                           accept=req.header("Accept"), environ=req.environ,
                           headers=self.headers, body_template=self.body_template)


class BadRequest(GlanceError):
    """400 `HTTPBadRequest`."""

    status = 400


class Forbidden(GlanceError):
    """403 `HTTPForbidden`."""

    status = 403


class NotFound(GlanceError):
    """404 `HTTPNotFound`."""

    status = 404


class MethodNotAllowed(GlanceError):
    """405 `HTTPMethodNotAllowed` (`RejectMethodController`), with `Allow`."""

    status = 405


class Conflict(GlanceError):
    """409 `HTTPConflict`."""

    status = 409


class Gone(GlanceError):
    """410 `HTTPGone`."""

    status = 410


class RequestEntityTooLarge(GlanceError):
    """413 `HTTPRequestEntityTooLarge`: quotas and the image size cap."""

    status = 413


class UnsupportedMediaType(GlanceError):
    """415 `HTTPUnsupportedMediaType`: a Content-Type the action does not take, or image
    data that does not match its `disk_format`."""

    status = 415


class RangeNotSatisfiable(GlanceError):
    """416 `HTTPRequestRangeNotSatisfiable`: a bad `Range` on a download."""

    status = 416


class HeaderFieldsTooLarge(GlanceError):
    """431 `HTTPRequestHeaderFieldsTooLarge`: an `X-Openstack-Request-ID` over 64
    characters (`glance/api/middleware/context.py`)."""

    status = 431


def policy_forbidden(rule: str) -> Forbidden:
    """403 "You are not authorized to complete <rule> action." (oslo.policy's refusal as
    `exception.Forbidden`, re-raised as `HTTPForbidden(explanation=...)`)."""
    return Forbidden(f"You are not authorized to complete {rule} action.")
