"""The dashboard's handlers, under the control plane (`/_stackdouble/`).

The page and its two static files hold no state (the page reads everything through
`summary` and acts through the control routes), so they are served without the control
token: a browser cannot send a header when it navigates, and the page has to load before
it can ask for the token. `summary` and every control route it calls need the token when
the control plane does (`stackdouble.fakes.control`).

The page's headers forbid what it does not do: a Content-Security-Policy allowing only its
own script, style and requests (so an injected `<img onerror=...>` could not run even if it
reached the document, which the page's DOM building already prevents), no framing, and no
`Referer` (a `?token=` in the address never leaves the page).
"""

from __future__ import annotations

import functools
from importlib import resources

from stackdouble.fakes.dashboard.summary import (
    DEFAULT_PROJECTS,
    DEFAULT_ROWS,
    MAX_ROWS,
    summarize,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError

__all__ = ["ASSETS", "asset", "page", "summary"]

#: The static files beside the page, by name, with their Content-Type.
ASSETS = {
    "dashboard.js": "text/javascript; charset=utf-8",
    "dashboard.css": "text/css; charset=utf-8",
}

_PAGE = "index.html"
_SECURITY_HEADERS = (
    ("Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
     "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
)


@functools.cache
def _static(name: str) -> bytes:
    """A file of `static/` (package data), read once."""
    return (resources.files(__package__) / "static" / name).read_bytes()


def _file(name: str, content_type: str) -> FakeResponse:
    headers = [("Content-Type", content_type), ("Cache-Control", "no-cache"),
               *_SECURITY_HEADERS]
    return FakeResponse(200, _static(name), headers)


def page(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/`: the dashboard page (no state in it: no token needed).

    `/_stackdouble` without the slash is sent to it (the page's links are relative, so
    that it works behind a proxy that adds a path), the query and fragment kept; that
    path answers 401 without the control token when one is required, as every path of the
    control plane but the page's own (no probing).
    """
    if not req.subpath:
        from stackdouble.fakes.control import CONTROL_GUARD_KEY  # control imports us

        guard = req.environ.get(CONTROL_GUARD_KEY)
        if guard is not None:
            guard.check(req)
        query = req.query_string
        location = "_stackdouble/" + ("?" + query if query else "")
        return FakeResponse(302, b"", [("Location", location), ("Referrer-Policy", "no-referrer")])
    return _file(_PAGE, "text/html; charset=utf-8")


def asset(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/dashboard/<name>`: the page's script or style sheet."""
    name = req.params["name"]
    content_type = ASSETS.get(name)
    if content_type is None:
        raise HTTPError(404, "no such dashboard file")
    return _file(name, content_type)


def summary(req: FakeRequest) -> FakeResponse:
    """`GET /_stackdouble/summary[?rows=N&projects=M]`: what the page shows (see
    `summary.summarize`), cheap enough to poll: counts, and the first N rows of each
    resource in each of the first M projects."""
    return FakeResponse.json(
        200, summarize(req.cloud, _count(req, "rows", DEFAULT_ROWS),
                       _count(req, "projects", DEFAULT_PROJECTS)),
        [("Cache-Control", "no-store")])


def _count(req: FakeRequest, name: str, default: int) -> int:
    raw = req.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ROWS:
        raise HTTPError(400, f"{name} must be an integer from 1 to {MAX_ROWS}")
    return int(raw)
