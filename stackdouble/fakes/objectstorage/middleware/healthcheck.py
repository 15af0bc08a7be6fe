"""The healthcheck middleware (`swift/common/middleware/healthcheck.py`): any method on
`/healthcheck` answers `200 OK`, `Content-Type: text/plain`, body `OK` (a query string is
ignored; `/healthcheck/` is not its path). It registers nothing in `/info`. Its
`disable_path` (503 `DISABLED BY FILE`) is not modelled.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud() as cloud:
    ...     resp = requests.get(cloud.base_url + "/healthcheck")
    >>> resp.status_code, resp.headers["Content-Type"], resp.text
    (200, 'text/plain', 'OK')
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.middleware._base import Middleware

__all__ = ["MIDDLEWARE", "PATH", "answer"]

#: The path it answers, below Swift's root.
PATH = "/healthcheck"


def answer(req: FakeRequest) -> FakeResponse | None:
    """`200 OK` for `/healthcheck`, whatever the method."""
    if req.subpath != PATH:
        return None
    return FakeResponse(200, b"OK", [("Content-Type", "text/plain")])


#: The healthcheck middleware.
MIDDLEWARE = Middleware(name="healthcheck", answer=answer, paths=(PATH,))
