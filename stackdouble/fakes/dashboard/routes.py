"""The dashboard's routes, which the control plane mounts under `/_stackdouble/`.

Each is `(method, template, handler, guarded)`: a guarded route needs the control token
when the control plane does (served off loopback, or with a token given); the page and its
static files do not, as they hold no state (see `handlers`).
"""

from __future__ import annotations

from stackdouble.fakes.dashboard import handlers
from stackdouble.fakes.routing import Handler

__all__ = ["ROUTES"]

#: `(method, template, handler, guarded)`, templates relative to `/_stackdouble`.
ROUTES: tuple[tuple[str, str, Handler, bool], ...] = (
    ("GET", "/", handlers.page, False),
    ("GET", "/dashboard/{name}", handlers.asset, False),
    ("GET", "/summary", handlers.summary, True),
)
