"""Domains (the fake of `client/openstack/identity/v3/domains/`).
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.handlers._common import (
    _body,
    _created,
    _model,
    _no_content,
    _paged,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_domain",
    "delete_domain",
    "get_domain",
    "list_domains",
    "update_domain",
]


def list_domains(req: FakeRequest) -> FakeResponse:
    """`GET /v3/domains` with `name`/`enabled` filters and Keystone 27+ paging."""
    token = req.require_token()
    enforce("identity:list_domains", token)
    marker, limit = sch.page_args(req.args)
    items = _model(req).list_domains(marker=marker, limit=limit or sch.MAX_DB_LIMIT,
                                     filters=sch.query_filters(req.args, ("name", "enabled")))
    return _paged(req, "domains", items, views.domain, limit)


def create_domain(req: FakeRequest) -> FakeResponse:
    """`POST /v3/domains` (admin)."""
    ref = _body(req, sch.DOMAIN_CREATE, "domain")
    token = req.require_token()
    enforce("identity:create_domain", token)
    domain = _model(req).create_domain(
        ref["name"], enabled=sch.parse_bool(ref.get("enabled")),
        description=ref.get("description") or "", domain_id=ref.get("explicit_domain_id"),
        tags=ref.get("tags") or ())
    return _created("domain", views.domain(domain, _v3_url(req)))


def get_domain(req: FakeRequest) -> FakeResponse:
    """`GET /v3/domains/{id}`."""
    token = req.require_token()
    domain = _model(req).get_domain(req.params["item_id"])
    enforce("identity:get_domain", token, {"id": domain.id})
    return FakeResponse.json(200, {"domain": views.domain(domain, _v3_url(req))})


def update_domain(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/domains/{id}` (admin); disabling invalidates the domain's tokens."""
    ref = _body(req, sch.DOMAIN_UPDATE, "domain")
    token = req.require_token()
    model = _model(req)
    model.get_domain(req.params["item_id"])
    enforce("identity:update_domain", token)
    domain = model.update_domain(
        req.params["item_id"], name=ref.get("name"), description=ref.get("description"),
        enabled=sch.parse_bool(ref["enabled"]) if "enabled" in ref else None, tags=ref.get("tags"))
    return FakeResponse.json(200, {"domain": views.domain(domain, _v3_url(req))})


def delete_domain(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/domains/{id}` (admin); an enabled domain is 403 as in Keystone."""
    token = req.require_token()
    model = _model(req)
    model.get_domain(req.params["item_id"])
    enforce("identity:delete_domain", token)
    model.delete_domain(req.params["item_id"])
    return _no_content()
