"""The fake Swift's route table, relative to Swift's root (the cloud's origin, or the
`/object-store` alias).

Swift splits a path with `split_path(path, 1, 4, True)`: `/v1/{account}` (a trailing slash
allowed), `/v1/{account}/{container}` (likewise), and `/v1/{account}/{container}/{object}`
where the object is the rest of the path, slashes included. `SwiftRouter` drops the one
trailing slash that marks an empty container or object segment, so the templates below
are the client's.
"""

from __future__ import annotations

from stackdouble.fakes.objectstorage import handlers as h
from stackdouble.fakes.objectstorage import info
from stackdouble.fakes.objectstorage.middleware import ROOT_PATHS, root_request
from stackdouble.fakes.routing import Route, Router

__all__ = ["ACCOUNT_METHODS", "OBJECT_METHODS", "SwiftRouter", "build_router"]

#: The methods Swift's account and container controllers answer.
ACCOUNT_METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS")
#: The object controller's, with the copy middleware's COPY.
OBJECT_METHODS = (*ACCOUNT_METHODS, "COPY")


class SwiftRouter(Router):
    """A Router that reads `/v1/a/` as `/v1/a` and `/v1/a/c/` as `/v1/a/c`, as Swift does.

    Example:
        >>> routes, params = build_router().match("/v1/AUTH_x/photos/")
        >>> routes["GET"].name, params
        ('container_request', {'version': 'v1', 'account': 'AUTH_x', 'container': 'photos'})
        >>> build_router().match("/v1/AUTH_x/c//")[1]["object_name"]
        '/'
    """

    __slots__ = ()

    def match(self, path: str) -> tuple[dict[str, Route], dict[str, str]] | None:
        """The routes and parameters for `path`, or None."""
        parts = path.split("/", 4)
        if len(parts) in (4, 5) and parts[-1] == "":
            path = path[:-1]
        return super().match(path)


def build_router() -> Router:
    """Every Swift path; tokens are checked by the handlers (anonymous requests may read
    public containers or use temp URLs). The paths a middleware owns (`/healthcheck`,
    tempauth's `/auth/...`) take every method, and the cloud's pipeline decides who
    answers (`middleware.root_request`)."""
    r = SwiftRouter(default_auth=False)
    for method in ("GET", "HEAD"):
        r.add(method, "/info", info.get_info)
    r.add("OPTIONS", "/info", info.options)
    for template in ROOT_PATHS:
        for method in (*OBJECT_METHODS, "PATCH"):
            r.add(method, template, root_request)
    for method in ACCOUNT_METHODS:
        r.add(method, "/{version}/{account}", h.account_request)
        r.add(method, "/{version}/{account}/{container}", h.container_request)
    for method in OBJECT_METHODS:
        r.add(method, "/{version}/{account}/{container}/{object_name:path}", h.object_request)
    return r
