"""`GET /capabilities/{host}` (`cinder/api/contrib/capabilities.py`, admins), for
`client/openstack/blockstorage/v3/capabilities`: the policy first (a member gets the 403
whatever the host), then the service lookup (an unknown host is a 404)."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import views
from stackdouble.fakes.blockstorage.handlers._common import _admin, _caller, _model, _ok
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["show_capabilities"]

_RULE = "volume_extension:capabilities"


def show_capabilities(req: FakeRequest) -> FakeResponse:
    """The volume backend's driver stats and standard properties."""
    caller = _caller(req, _RULE)
    _admin(caller, _RULE)
    return _ok(views.capabilities(_model(req).capabilities(req.params["host"])))
