"""keystonemiddleware's `authtoken` (with `delay_auth_decision`) and Swift's
`keystoneauth` (`swift/common/middleware/keystoneauth.py`), as one step: a token that is
not tempauth's is validated against the cloud's Keystone, and an invalid one leaves the
caller anonymous; `auth.authorize` then applies keystoneauth's rules. It registers nothing
in `/info`. (`authtoken` in a pipeline is accepted and does nothing more.)
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage.handlers._common import Call, identify_keystone
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

__all__ = ["MIDDLEWARE", "handle"]


def handle(call: Call, app: App) -> FakeResponse:
    """Identify the caller of a Keystone token (not for a temp URL)."""
    if call.access.temp_url is None:
        identify_keystone(call)
    return app(call)


#: The keystoneauth middleware.
MIDDLEWARE = Middleware(name="keystoneauth", handle=handle)
