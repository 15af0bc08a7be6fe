"""`os-simple-tenant-usage` of the fake Nova (`simple_tenant_usage.py`,
`views/usages.py`; the client's `compute/v2/usage`)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.handlers._common import (
    _caller,
    _ctx,
    _model,
    _ok,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.schema import admin_actions as admin_schema
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_tenant_usages", "show_tenant_usage"]

#: How much later the second `utcnow()` of a request is, at least.
_TICK = timedelta(microseconds=1)
#: The formats `_parse_datetime` tries, in order.
_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S.%f")


def _first(req: FakeRequest, key: str) -> str | None:
    """`urlparse.parse_qs(...)[key][0]`: the first value (blank ones dropped)."""
    for value in req.args.getlist(key):
        if value:
            return value
    return None


def _when(req: FakeRequest, key: str, now: datetime) -> datetime:
    """`_parse_datetime`: now when absent, else one of `_FORMATS` (taken as UTC)."""
    raw = _first(req, key)
    if not raw:
        return now
    for fmt in _FORMATS:
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    raise BadRequest("Invalid datetime string: Datetime is in invalid format")


def _usages(req: FakeRequest, project_id: str | None) -> FakeResponse:
    caller = _caller(req, "os_compute_api:os-simple-tenant-usage:"
                     + ("show" if project_id else "list"))
    model = _model(req)
    model.check_usage_policy(caller, project_id)
    version = _version(req)
    query = _query_lists(req)
    schema.check_query(admin_schema.usage_query_schema(version, detail=project_id is None),
                       query)
    now = model.cloud.clock.now()
    # Nova reads `utcnow()` once for each bound left out, the end's a little later: a
    # request without a period is a zero-length period, not a 400.
    start, stop = _when(req, "start", now), _when(req, "end", now + _TICK)
    paged = version >= (2, 40)
    limit = queries.page_limit(query, model.max_limit) if paged else model.max_limit
    marker = queries.last(query, "marker") if paged else None
    usages, servers = model.tenant_usages(caller, start, stop, project_id=project_id,
                                          limit=limit, marker=marker)
    ctx = _ctx(req, caller)
    links: list[dict[str, str]] = []
    if paged and servers:
        collection = "os-simple-tenant-usage" + (f"/{project_id}" if project_id else "")
        links = views.collection_links(ctx, collection, servers, limit,
                                       servers[-1].server.uuid)
    if project_id is None:
        detailed = _first(req, "detailed") == "1"
        body: dict[str, object] = {"tenant_usages": [
            views.tenant_usage(u, detailed=detailed) for u in usages]}
        if links:
            body["tenant_usages_links"] = links
    else:
        body = {"tenant_usage": views.tenant_usage(usages[0], detailed=True)
                if usages else {}}
        if links:
            body["tenant_usage_links"] = links
    return _ok(body)


def list_tenant_usages(req: FakeRequest) -> FakeResponse:
    """`GET /os-simple-tenant-usage` (admins): every project's usage; `detailed=1` adds
    each server's."""
    return _usages(req, None)


def show_tenant_usage(req: FakeRequest) -> FakeResponse:
    """`GET /os-simple-tenant-usage/{tenant_id}` (the project's readers, admins)."""
    return _usages(req, req.params["tenant_id"])
