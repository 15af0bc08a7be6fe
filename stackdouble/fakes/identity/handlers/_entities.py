"""The read-only GETs that services, endpoints, regions, domains and roles share
(`GET /v3/<collection>` with Keystone's filters, `GET /v3/<collection>/{item_id}`).
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import schema as sch
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import NotFound
from stackdouble.fakes.identity.handlers._common import (
    _model,
    _v3_url,
)
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "get_catalog_entity",
    "list_catalog_entities",
]


#: collection -> (policy noun, model attribute, view, filters, Keystone's not-found noun)
_READ_ONLY: dict[str, tuple[str, str, Any, tuple[str, ...], str]] = {
    "services": ("service", "services", views.service, ("type", "name"), "service"),
    "endpoints": ("endpoint", "endpoints", views.endpoint,
                  ("interface", "service_id", "region_id"), "endpoint"),
    "regions": ("region", "regions", views.region, ("parent_region_id",), "region"),
    "domains": ("domain", "domains", views.domain, ("name", "enabled"), "domain"),
    "roles": ("role", "roles", views.role, ("name", "domain_id"), "role"),
}


def _collection_of(req: FakeRequest) -> str:
    return req.subpath.strip("/").split("/")[1]


def list_catalog_entities(req: FakeRequest) -> FakeResponse:
    """`GET /v3/{services,endpoints,regions,domains,roles}` with Keystone's filters."""
    token = req.require_token()
    key = _collection_of(req)
    noun, attr, render, names, _ = _READ_ONLY[key]
    enforce(f"identity:list_{noun}s", token)
    filters = sch.query_filters(req.args, names)
    if key == "roles" and "domain_id" not in filters:
        filters["domain_id"] = None  # Keystone lists global roles unless asked for a domain's
    items = [item for item in getattr(_model(req), attr).values()
             if all(getattr(item, k) == v for k, v in filters.items())]
    v3 = _v3_url(req)
    qs = req.query_string
    body = views.collection(key, [render(i, v3) for i in items],
                            self_url=f"{v3}/{key}" + ("?" + qs if qs else ""))
    return FakeResponse.json(200, body)


def get_catalog_entity(req: FakeRequest) -> FakeResponse:
    """`GET /v3/{services,endpoints,regions,domains,roles}/{id}`."""
    token = req.require_token()
    key = _collection_of(req)
    noun, attr, render, _, missing = _READ_ONLY[key]
    item_id = req.params["item_id"]
    item = getattr(_model(req), attr).get(item_id)
    if item is None:
        raise NotFound(f"Could not find {missing}: {item_id}.")
    enforce(f"identity:get_{noun}", token, {"id": item_id})
    return FakeResponse.json(200, {noun: render(item, _v3_url(req))})
