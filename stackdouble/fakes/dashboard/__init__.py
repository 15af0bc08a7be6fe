"""The dashboard of a served fake cloud: one page at `/_stackdouble/`, as moto's server has
`/moto-api/`.

It shows, project by project, the servers (state, addresses), volumes and their
attachments, containers and their first objects, images, networks and ports, and who has
which role; the users, roles and domains; tokens counted (never shown); the injected
faults, the fake clock and the request log, live. Its buttons call the control plane's own
routes: reset, advance or freeze the clock, expire every token, add, remove or clear
faults, forget the request log.

- `summary.py`: `summarize`, the cheap digest the page polls (`GET /_stackdouble/summary`):
  counts, and the first rows of each resource by project.
- `handlers.py`: the page, its static files and the summary route.
- `routes.py`: the routes the control plane (`stackdouble.fakes.control`) mounts.
- `static/`: the page, its script and style sheet; no build step, nothing from another
  origin, so it works offline.

**Access.** The page follows the control plane's rule: open when the cloud is served on
loopback; otherwise the page asks for the control token (`stackdouble serve` prints a link
that carries it in the address's fragment, `#token=...`, which browsers never send to the
server), keeps it in the tab's `sessionStorage`, removes it from the address bar and sends
it as `Authorization: Bearer <token>` with every request. `?token=` works as well.

Example:
    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=1).serve() as served:
    ...     page = requests.get(served.url + "/_stackdouble/")
    ...     digest = requests.get(served.url + "/_stackdouble/summary").json()
    >>> page.headers["Content-Type"], digest["project_count"] > 0
    ('text/html; charset=utf-8', True)
"""

from __future__ import annotations

from stackdouble.fakes.dashboard.summary import summarize

__all__ = ["summarize"]
