"""The tempauth middleware (`swift/common/middleware/tempauth.py`): v1.0 logins under
`/auth/` (`handlers.swauth`, users in `models.swauth`), and tokens starting `AUTH_`
(its reseller prefix) identified by their groups, an unknown one refused (401). Tokens it
does not own pass on to `keystoneauth`. Its users' requests obey account ACLs
(`X-Account-Access-Control`, checked, stored and enforced in `auth`), so `/info` lists
`tempauth` with `account_acls: true`, as Swift's `register_swift_info` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.handlers import swauth
from stackdouble.fakes.objectstorage.handlers._common import Call, identify_tempauth
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["MIDDLEWARE", "answer", "handle", "info"]


def answer(req: FakeRequest) -> FakeResponse | None:
    """A login (or tempauth's refusal of one) for a path under `/auth/`."""
    if not req.subpath.startswith(swauth.AUTH_PREFIX):
        return None
    return swauth.get_token(req)


def handle(call: Call, app: App) -> FakeResponse:
    """Identify the caller of an `AUTH_` token (not for a temp URL, which stands in for
    one)."""
    if call.access.temp_url is None:
        identify_tempauth(call)
    return app(call)


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `tempauth`."""
    return {"tempauth": {"account_acls": True}}


#: The tempauth middleware.
MIDDLEWARE = Middleware(name="tempauth", handle=handle, answer=answer,
                        paths=("/auth/{auth_path:path}",), info=info)
