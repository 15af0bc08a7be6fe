"""Plumbing shared by the fake Neutron's handlers: the caller, bodies, the listing
(`schema.query`) and answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.networking.errors import HTTPBadRequest
from stackdouble.fakes.networking.models import NetworkingModel
from stackdouble.fakes.networking.schema import query

__all__ = ["answer", "body_of", "caller_of", "empty", "indexed_list_answer", "list_answer",
           "model_of", "show_answer"]


def model_of(req: FakeRequest) -> NetworkingModel:
    """The service's model."""
    model: NetworkingModel = req.service.model  # type: ignore[attr-defined]
    return model


def caller_of(req: FakeRequest) -> Caller:
    """The token's project, user and admin bit."""
    token = req.require_token()
    return Caller(project_id=token.project_id or "", user_id=token.user_id,
                  is_admin=token.is_admin)


def body_of(req: FakeRequest) -> Any:
    """The JSON body (None when empty).

    Raises:
        HTTPBadRequest: "Body contains invalid data" (not JSON, or not an object).
    """
    if not req.body:
        return None
    try:
        value = json.loads(req.body)
    except (ValueError, RecursionError):
        raise HTTPBadRequest("Body contains invalid data") from None
    if not isinstance(value, dict):
        raise HTTPBadRequest("Body contains invalid data")
    return value


def answer(status: int, body: Any) -> FakeResponse:
    """A JSON answer."""
    return FakeResponse.json(status, body)


def empty(status: int = 204) -> FakeResponse:
    """An answer without a body."""
    return FakeResponse(status, b"")


def show_answer(req: FakeRequest, key: str, rendered: dict[str, Any]) -> FakeResponse:
    """One resource, with `fields=` applied."""
    fields = [v for v in req.args.getlist("fields") if v]
    return answer(200, {key: query.select(rendered, fields)})


def list_answer(req: FakeRequest, collection: str, items: list[dict[str, Any]],
                attributes: list[str], find: Callable[[str], dict[str, Any]]) -> FakeResponse:
    """A listing: filters, sorting, paging (with `<collection>_links`) and `fields=`.
    `find(marker)` renders the marker's resource or raises its 404."""
    parsed = query.parse_list(req.query_string, attributes)
    marker = find(parsed.marker) if parsed.marker else None
    found = query.page(items, parsed, marker)
    body: dict[str, Any] = {collection: [query.select(i, parsed.fields) for i in found]}
    links = query.links(f"{req.base_url}{req.path}", parsed, found)
    if links:
        body[f"{collection}_links"] = links
    return answer(200, body)


def indexed_list_answer(req: FakeRequest, collection: str, ids: SortedList[str],
                        render: Callable[[str], dict[str, Any] | None],
                        attributes: list[str], find: Callable[[str], dict[str, Any]]
                        ) -> FakeResponse:
    """`list_answer` for a resource whose ids are kept sorted (`ids`): a listing in id order,
    Neutron's default, renders only the page (`query.page_by_id`); any other order renders
    every resource the caller sees (`render` answers None for the others) and sorts."""
    parsed = query.parse_list(req.query_string, attributes)
    marker = find(parsed.marker) if parsed.marker else None
    if query.by_id(parsed):
        found = query.page_by_id(ids, render, parsed, marker["id"] if marker else None)
    else:
        found = query.page([r for r in map(render, ids) if r is not None], parsed, marker)
    body: dict[str, Any] = {collection: [query.select(i, parsed.fields) for i in found]}
    links = query.links(f"{req.base_url}{req.path}", parsed, found)
    if links:
        body[f"{collection}_links"] = links
    return answer(200, body)


def attrs(sample: dict[str, Any] | None, fallback: list[str]) -> list[str]:
    """The attributes a listing filters and sorts on."""
    return list(sample) if sample else fallback


