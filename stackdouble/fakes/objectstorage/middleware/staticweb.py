"""The staticweb middleware (`swift/common/middleware/staticweb.py`): a container served
as a static web site, to anonymous readers (or a temp URL), and to token holders who send
`X-Web-Mode: true`. Only GET and HEAD; a container's settings are its metadata:

- `X-Container-Meta-Web-Index` (`index.html`): `GET /c/` and `GET /c/dir/` answer that
  object below them; without the slash they redirect (301) to it.
- `X-Container-Meta-Web-Listings: true`: where there is no index, an HTML listing
  (Swift's markup: a table of names, sizes and dates, `../` below the root), styled by
  `X-Container-Meta-Web-Listings-CSS` (a path relative to the listed directory, or
  absolute); `-Web-Listings-Label` replaces the path in its title.
- `X-Container-Meta-Web-Error` (`error.html`): an error answers with the object
  `<status><suffix>` (`404error.html`) under the error's status, when it exists.
- `X-Container-Meta-Web-Directory-Type` (default `application/directory`): an object of
  that type and at most one byte is a directory marker, treated as missing.

The container's read ACL must let the reader list (`.r:*,.rlistings`), as keystoneauth
checks it for a container request. Every page is fetched through the rest of the pipeline
as Swift's subrequests are, so ACLs, CORS and the other middleware apply to them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stackdouble.fakes.http import FakeResponse, HTTPError
from stackdouble.fakes.objectstorage.errors import HTML, swob_response
from stackdouble.fakes.objectstorage.handlers._common import Call, denied, from_wsgi
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["MIDDLEWARE", "handle", "human_readable", "info"]

_TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})
_TOKENS = ("X-Auth-Token", "X-Storage-Token", "X-Service-Token", "Origin", "User-Agent")


def human_readable(value: int) -> str:
    """Swift's `human_readable`: a size with binary suffixes, rounded at each step.

    Example:
        >>> human_readable(10), human_readable(2048), human_readable(1536 * 1024)
        ('10', '2Ki', '2Mi')
    """
    number = float(value)
    index = -1
    suffixes = "KMGTPEZY"
    while number >= 1024 and index + 1 < len(suffixes):
        index += 1
        number = round(number / 1024)
    if index == -1:
        return f"{int(number)}"
    return f"{round(number)}{suffixes[index]}i"


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in _TRUE


class _Site:
    """One request's view of the container's web settings (`_StaticWebContext`)."""

    __slots__ = ("app", "call", "dir_type", "error", "index", "label", "listings",
                 "listings_css", "read_acl")

    def __init__(self, call: Call, app: App) -> None:
        self.call = call
        self.app = app
        meta: dict[str, str] = {}
        self.read_acl: str | None = None
        found = call.model.find_container(call.account, call.container or "")
        if found is not None:
            self.read_acl = found.read_acl
            for key, value in found.headers.items():
                low = key.lower()
                if low.startswith("x-container-meta-web-"):
                    meta[low[len("x-container-meta-web-"):]] = value.strip()
        self.index = meta.get("index", "")
        self.error = meta.get("error", "")
        self.listings = meta.get("listings", "")
        self.label = meta.get("listings-label", "")
        self.listings_css = meta.get("listings-css", "")
        self.dir_type = meta.get("directory-type", "")

    # -- subrequests -------------------------------------------------------------------

    def fetch(self, obj: str | None, *, params: Mapping[str, str] | None = None,
              keep_headers: bool = True) -> FakeResponse:
        """A subrequest as the reader through the rest of the pipeline: the request's own
        headers (`keep_headers`, as staticweb copies its environ) or only its identity
        (`make_env`, a GET)."""
        call = self.call
        sub = Call.__new__(Call)
        for slot in Call.__slots__:
            setattr(sub, slot, getattr(call, slot))
        sub.method = call.method if keep_headers else "GET"
        sub.obj = obj
        sub.params = dict(params or {})
        if keep_headers:
            sub.headers = dict(call.headers)
        else:
            sub.headers = {k: v for k, v in call.headers.items() if k in _TOKENS}
        sub.listing_type = "application/json" if obj is None else ""
        try:
            return self.app(sub)
        except HTTPError as err:
            return err.render(call.req)

    def error_response(self, resp: FakeResponse) -> FakeResponse:
        """`_error_response`: the `<status><error>` page under the error's status, with
        the page's headers, when the container has one; else `resp`."""
        if not self.error:
            return resp
        page = self.fetch(f"{resp.status}{self.error}", keep_headers=False)
        if 200 <= page.status < 300:
            page.status = resp.status
            return page
        return resp

    # -- answers -------------------------------------------------------------------------

    def path(self) -> str:
        """The path Swift sees (`PATH_INFO`), as the WSGI string."""
        return self.call.req.subpath

    def redirect_with_slash(self) -> FakeResponse:
        """301 to the same path with a trailing slash (absolute, as swob writes it)."""
        req = self.call.req
        location = req.base_url + _quote_wsgi(req.path + "/")
        return swob_response(301, headers=[("Location", location)])

    def listing(self, prefix: str = "") -> FakeResponse:
        """`_listing`: the HTML listing of `prefix` (a 404 page when listings are off or
        the directory is empty)."""
        label = from_wsgi(self.path())
        if self.label:
            label = "{}/{}".format(self.label, "/".join(label.split("/")[4:]))
        if not _is_true(self.listings):
            return self.error_response(swob_response(404, self._disabled_page(label, prefix)))
        params = {"format": "json", "delimiter": "/"}
        if prefix:
            params["prefix"] = from_wsgi(prefix)
        resp = self.fetch(None, params=params, keep_headers=False)
        if not 200 <= resp.status < 300:
            return self.error_response(resp)
        body = _read(resp)
        listing: list[dict[str, Any]] = json.loads(body) if body else []
        if prefix and not listing:
            return self.error_response(swob_response(404))
        page = self._listing_page(label, from_wsgi(prefix), listing)
        return FakeResponse(200, page.encode("utf-8"), [("Content-Type", HTML)])

    def _css_path(self, prefix: str) -> str:
        css = self.listings_css
        if css.startswith(("/", "http://", "https://")):
            return quote(css, ":/")
        return "../" * prefix.count("/") + quote(css)

    def _disabled_page(self, label: str, prefix: str) -> str:
        body = ("<!DOCTYPE html>\n<html>\n<head>\n"
                f"<title>Listing of {escape(label)}</title>\n")
        if self.listings_css:
            body += ('  <link rel="stylesheet" type="text/css" '
                     f'href="{self._css_path(prefix)}" />\n')
        else:
            body += ('  <style type="text/css">\n'
                     "   h1 {font-size: 1em; font-weight: bold;}\n"
                     "   p {font-size: 2}\n"
                     "  </style>\n")
        body += ("</head>\n<body>"
                 "  <h1>Web Listing Disabled</h1>"
                 "   <p>The owner of this web site has disabled web listing."
                 "   <p>If you are the owner of this web site, you can enable"
                 "   web listing by setting X-Container-Meta-Web-Listings.</p>")
        if self.index:
            body += ("<h1>Index File Not Found</h1>"
                     " <p>The owner of this web site has set "
                     f" <b>X-Container-Meta-Web-Index: {self.index}</b>. "
                     " However, this file is not found.</p>")
        return body + " </body>\n</html>\n"

    def _tempurl_query(self) -> tuple[str, str]:
        """(query to append to links, the temp URL's prefix) for a temp URL listing."""
        call = self.call
        if call.access.temp_url is None or "temp_url_prefix" not in call.params:
            return "", ""
        prefix = call.params["temp_url_prefix"]
        parts = [f"temp_url_prefix={quote(prefix)}",
                 f"temp_url_expires={quote(str(call.access.temp_url.expires))}",
                 f"temp_url_sig={call.params.get('temp_url_sig', '')}"]
        if call.params.get("temp_url_ip_range"):
            parts.append(f"temp_url_ip_range={quote(call.params['temp_url_ip_range'])}")
        if "inline" in call.params:
            parts.append("inline")
        return "?" + "&amp;".join(parts), prefix

    def _listing_page(self, label: str, prefix: str, listing: list[dict[str, Any]]) -> str:
        query, tempurl_prefix = self._tempurl_query()
        body = ("<!DOCTYPE html>\n<html>\n <head>\n"
                f"  <title>Listing of {escape(label)}</title>\n")
        if self.listings_css:
            body += ('  <link rel="stylesheet" type="text/css" '
                     f'href="{self._css_path(prefix)}" />\n')
        else:
            body += ('  <style type="text/css">\n'
                     "   h1 {font-size: 1em; font-weight: bold;}\n"
                     "   th {text-align: left; padding: 0px 1em 0px 1em;}\n"
                     "   td {padding: 0px 1em 0px 1em;}\n"
                     "   a {text-decoration: none;}\n"
                     "  </style>\n")
        body += (" </head>\n <body>\n"
                 f'  <h1 id="title">Listing of {escape(label)}</h1>\n'
                 '  <table id="listing">\n'
                 '   <tr id="heading">\n'
                 '    <th class="colname">Name</th>\n'
                 '    <th class="colsize">Size</th>\n'
                 '    <th class="coldate">Date</th>\n'
                 "   </tr>\n")
        if len(prefix) > len(tempurl_prefix):
            body += ('   <tr id="parent" class="item">\n'
                     f'    <td class="colname"><a href="../{query}">../</a></td>\n'
                     '    <td class="colsize">&nbsp;</td>\n'
                     '    <td class="coldate">&nbsp;</td>\n'
                     "   </tr>\n")
        for item in listing:
            if "subdir" in item:
                subdir = str(item["subdir"])[len(prefix):]
                body += ('   <tr class="item subdir">\n'
                         f'    <td class="colname"><a href="./{_href(subdir)}{query}">'
                         f"{escape(subdir)}</a></td>\n"
                         '    <td class="colsize">&nbsp;</td>\n'
                         '    <td class="coldate">&nbsp;</td>\n'
                         "   </tr>\n")
        for item in listing:
            if "name" in item:
                name = str(item["name"])[len(prefix):]
                types = " ".join("type-" + escape(t.lower())
                                 for t in str(item["content_type"]).split("/"))
                date = escape(str(item["last_modified"])).split(".")[0].replace("T", " ")
                body += (f'   <tr class="item {types}">\n'
                         f'    <td class="colname"><a href="./{_href(name)}{query}">'
                         f"{escape(name)}</a></td>\n"
                         f'    <td class="colsize">{human_readable(int(item["bytes"]))}</td>\n'
                         f'    <td class="coldate">{date}</td>\n'
                         "   </tr>\n")
        return body + "  </table>\n </body>\n</html>\n"

    def handle_container(self) -> FakeResponse:
        """`handle_container`: the index page, a listing, or a redirect to add the slash."""
        call = self.call
        status = call.authorize(call.container, None, self.read_acl, method="GET")
        if status is not None:
            return self.error_response(denied(status).render(call.req))
        if not self.listings and not self.index:
            if _is_true(call.headers.get("X-Web-Mode")):
                return swob_response(404)
            return self.app(call)
        if not self.path().endswith("/"):
            return self.redirect_with_slash()
        if not self.index:
            return self.listing()
        resp = self.fetch(self.index)
        if resp.status == 404:
            return self.listing()
        if not 200 <= resp.status < 400:
            return self.error_response(resp)
        return resp

    def handle_object(self) -> FakeResponse:
        """`handle_object`: the object, else an index below it, a redirect, a listing or
        the error page."""
        call = self.call
        obj = call.obj or ""
        resp = self.fetch(obj)
        status = resp.status
        if 200 <= status < 400:
            dir_type = self.dir_type or "application/directory"
            length = int(resp.header("Content-Length") or 0)
            if resp.header("Content-Type") != dir_type or length > 1:
                return resp
            status = 404
        if status != 404:
            return resp
        if not self.listings and not self.index:
            return resp
        if self.index:
            index = self.fetch((obj if obj.endswith("/") else obj + "/") + self.index)
            if 200 <= index.status < 400:
                if not self.path().endswith("/"):
                    return self.redirect_with_slash()
                return index
            if index.status != 404:
                return index
        if not self.path().endswith("/"):
            probe = self.fetch(None, params={"format": "json", "limit": "1",
                                             "delimiter": "/",
                                             "prefix": from_wsgi(obj) + "/"},
                               keep_headers=False)
            body = _read(probe) if 200 <= probe.status < 300 else b""
            if not body or not json.loads(body):
                return self.error_response(swob_response(404))
            return self.redirect_with_slash()
        return self.listing(obj)


def _href(name: str) -> str:
    """A listing's link: quoted, with dots escaped (`%2E`), as staticweb writes it."""
    return quote(name).replace(".", "%2E")


def _quote_wsgi(path: str) -> str:
    """`wsgi_quote`: the path's bytes percent-encoded, `/` kept."""
    try:
        raw = path.encode("latin-1")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape")
    return quote(raw, safe="/")


def _read(resp: FakeResponse) -> bytes:
    body = resp.body
    return body if isinstance(body, bytes) else b"".join(body)


def _authorized_before(call: Call) -> bool:
    """Whether an auth middleware ran before staticweb (Swift's `swift.authorize` in the
    environ): tempauth or keystoneauth ahead of it in the pipeline, or a temp URL."""
    if call.access.temp_url is not None:
        return True
    names = call.model.pipeline.names
    ahead = names[:names.index("staticweb")] if "staticweb" in names else names
    return "keystoneauth" in ahead or "tempauth" in ahead


def handle(call: Call, app: App) -> FakeResponse:
    """Serve a GET or HEAD of a container or object as a web site, for an anonymous
    reader, a temp URL or `X-Web-Mode: true`; pass anything else on."""
    if call.method not in ("GET", "HEAD") or not call.container:
        return app(call)
    identified = call.access.identity is not None or call.access.groups is not None
    if identified and not _is_true(call.headers.get("X-Web-Mode")):
        return app(call)
    if not _authorized_before(call):
        return app(call)
    site = _Site(call, app)
    if call.obj:
        return site.handle_object()
    return site.handle_container()


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `staticweb`: an empty section."""
    return {"staticweb": {}}


#: The staticweb middleware.
MIDDLEWARE = Middleware(name="staticweb", handle=handle, info=info)
