"""v2.0 tenants (the fake of `client/openstack/identity/v2/tenants/`).
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.handlers._common import _model
from stackdouble.fakes.identity.models import DEFAULT_DOMAIN_ID
from stackdouble.fakes.identity.policy import enforce

__all__ = ["list_tenants_v2"]


def list_tenants_v2(req: FakeRequest) -> FakeResponse:
    """`GET /v2.0/tenants`: the token user's tenants, `limit`/`marker` paged."""
    token = req.require_token()
    enforce("identity:v2_list_tenants", token)
    tenants = [p for p in _model(req).projects_for_user(token.user_id)
               if p.domain_id == DEFAULT_DOMAIN_ID]
    start, end = sch.tenant_page(req.args, [p.id for p in tenants])
    page = tenants[start:end]
    links = []
    if end is not None and end < len(tenants) and page:
        href = f"{req.base_url}/identity/v2.0/tenants?limit={end - start}&marker={page[-1].id}"
        links.append({"href": href, "rel": "next"})
    return FakeResponse.json(200, {"tenants": [views.tenant_v2(p) for p in page],
                                   "tenants_links": links})
