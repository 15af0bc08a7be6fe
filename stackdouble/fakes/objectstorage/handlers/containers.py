"""The fake Swift's container requests (client `objectstorage/v1/containers`):
`GET`/`HEAD` (headers and the object listing), `PUT` (201 created, 202 updated), `POST`
(metadata and ACLs; it moves `Last-Modified`), `DELETE` (409 while it holds objects), as
`swift/proxy/controllers/container.py` and `swift/container/server.py` answer them, with
the container_quotas middleware's checks. Reads are authorized late (`delay_denial`), with
the container's read ACL.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema, views
from stackdouble.fakes.objectstorage.auth import clean_acl
from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.handlers._common import (
    Call,
    check_metadata,
    denied,
    head_response,
    html_response,
    listing_response,
    merge_metadata,
    metadata_updates,
    validate_merged,
)
from stackdouble.fakes.objectstorage.models import list_entries
from stackdouble.fakes.objectstorage.views import OWNER_HEADERS

__all__ = [
    "container_delete",
    "container_get",
    "container_post",
    "container_put",
    "delete_container_status",
]


def container_get(call: Call) -> FakeResponse:
    """`GET`/`HEAD /v1/{account}/{container}`: headers, and the objects listed as Swift
    lists them."""
    model = call.model
    name = call.container or ""
    options: dict[str, Any] = {}
    if call.method == "GET":
        options = schema.container_listing_options(call.param,
                                                   model.constraints.container_listing_limit)
    allowed = call.authorize(name, None) is None
    account = model.find_account(call.account)
    container = account.containers.get(name) if account is not None else None
    if not allowed:
        status = call.authorize(name, None, container.read_acl if container else None)
        if status:
            raise denied(status)
    if container is None:
        raise SwiftError(404)
    headers = views.container_headers(container, call.access.owner)
    if call.method == "HEAD":
        return head_response(call, headers)
    entries = list_entries(container.objects, **options)
    return listing_response(call, headers,
                             views.container_listing(container, entries, call.listing_type,
                                                     call.account))


def _container_settings(call: Call) -> dict[str, str]:
    """The container headers a PUT or POST sets (`transfer_headers`), ACLs cleaned; the
    owner headers of a caller who does not own the account (a tempauth account ACL's
    read-write user) are dropped after the ACLs are cleaned, as the proxy pops them (its
    `X-Remove-` forms pass, as in Swift)."""
    updates = metadata_updates(call, "container")
    for name in ("X-Container-Read", "X-Container-Write", "X-Container-Sync-Key",
                 "X-Container-Sync-To", "X-Versions-Location", "X-History-Location"):
        if f"X-Remove-{name[2:]}" in call.headers:
            updates[name] = ""
        if name in call.headers:
            value = call.headers[name]
            if name in ("X-Container-Read", "X-Container-Write"):
                try:
                    value = clean_acl(name, value)
                except ValueError as exc:
                    raise SwiftError(400, str(exc)) from None
            elif name == "X-Container-Sync-To" and call.access.owner:
                _check_sync_to(call, value)  # the container server's, after the pop
            updates[name] = value
    if not call.access.owner:
        for name in OWNER_HEADERS:
            if name in call.headers:
                updates.pop(name, None)
    return updates


def _check_sync_to(call: Call, value: str) -> None:
    """The container server's `validate_sync_to`: 400 for a target it cannot sync to."""
    from stackdouble.fakes.objectstorage.middleware.container_sync import (
        sync_to_error,  # a top-level import would cycle through `middleware`
    )

    error = sync_to_error(call.model, value)
    if error is not None:
        raise SwiftError(400, error)


def _container_quota_headers(call: Call) -> None:
    """container_quotas, while in the pipeline: its quotas must be whole numbers."""
    if "container_quotas" not in call.model.pipeline:
        return
    for kind, text in (("Bytes", "bytes"), ("Count", "count")):
        value = call.headers.get(f"X-Container-Meta-Quota-{kind}")
        if value and not value.isdigit():
            raise SwiftError(400, f"Invalid {text} quota.")


def container_put(call: Call) -> FakeResponse:
    """`PUT /v1/{account}/{container}`: 201 when created, 202 when it existed."""
    _container_quota_headers(call)
    name = call.container or ""
    status = call.authorize(name, None)
    if status:
        raise denied(status)
    updates = _container_settings(call)
    check_metadata(call, "container")
    policy = call.headers.get("X-Storage-Policy") or None
    model = call.model
    limit = model.constraints.max_container_name_length
    if len(name.encode("utf-8")) > limit:
        raise SwiftError(400, f"Container name length of {len(name.encode())} longer than "
                              f"{limit}")
    existing = model.find_container(call.account, name)
    if existing is not None:
        validate_merged(call, existing.headers, updates, "container")
    created = model.create_container(call.account, name, policy=policy)
    merge_metadata(call, model.find_container(call.account, name).headers,  # type: ignore[union-attr]
                    updates)
    return html_response(201 if created else 202)


def container_post(call: Call) -> FakeResponse:
    """`POST /v1/{account}/{container}`: set or remove metadata and ACLs; 204."""
    _container_quota_headers(call)
    name = call.container or ""
    status = call.authorize(name, None)
    if status:
        raise denied(status)
    updates = _container_settings(call)
    check_metadata(call, "container")
    container = call.model.find_container(call.account, name)
    if container is None:
        raise SwiftError(404)
    merge_metadata(call, container.headers, updates)
    call.model.posted(container)
    return html_response(204)


def container_delete(call: Call) -> FakeResponse:
    """`DELETE /v1/{account}/{container}`: 204; 409 while it holds objects."""
    status = delete_container_status(call, call.account, call.container or "")
    if status >= 300:
        if status in (401, 403):
            raise denied(status)
        raise SwiftError(status)
    return html_response(204)


def delete_container_status(call: Call, account: str, name: str) -> int:
    """Delete a container as the caller (the bulk middleware's subrequests too): the
    status it would answer, 204 when done."""
    status = call.authorize(name, None, method="DELETE", account=account)
    if status:
        return status
    try:
        call.model.delete_container(account, name)
    except SwiftError as exc:
        return exc.status
    return 204
