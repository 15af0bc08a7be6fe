"""The fake Swift's account requests (client `objectstorage/v1/accounts`): `GET`/`HEAD`
(headers and the container listing), `POST` and `PUT` (metadata, temp-URL keys, quotas),
`DELETE` (a reseller admin's), as `swift/proxy/controllers/account.py` and
`swift/account/server.py` answer them, with the account_quotas middleware's rules.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema, views
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
)
from stackdouble.fakes.objectstorage.models import list_entries

__all__ = ["account_delete", "account_get", "account_post", "account_put"]


def _account_gate(call: Call) -> None:
    status = call.authorize(None, None)
    if status:
        raise denied(status)
    limit = call.model.constraints.max_account_name_length
    if len(call.account.encode("utf-8")) > limit:
        raise SwiftError(400, f"Account name length of {len(call.account.encode())} longer "
                              f"than {limit}")


def account_get(call: Call) -> FakeResponse:
    """`GET`/`HEAD /v1/{account}`: the account's headers, and its containers."""
    _account_gate(call)
    model = call.model
    account = model.find_account(call.account)
    headers = views.account_headers(account, model.now(), call.access.owner)
    if call.method == "HEAD":
        return head_response(call, headers)
    options = schema.account_listing_options(call.param,
                                             model.constraints.account_listing_limit)
    entries = [] if account is None else list_entries(account.containers, **options)
    body = views.account_listing(call.account, account, entries, call.listing_type)
    return listing_response(call, headers, body)


def _account_quotas(call: Call) -> None:
    """account_quotas: only a reseller admin sets an account's quota."""
    names = ("X-Account-Meta-Quota-Bytes", "X-Remove-Account-Meta-Quota-Bytes",
             "X-Account-Quota-Bytes", "X-Remove-Account-Quota-Bytes",
             "X-Account-Quota-Count", "X-Remove-Account-Quota-Count")
    given = {n: call.headers[n] for n in names if n in call.headers}
    if not given:
        return
    if not call.access.reseller:
        raise SwiftError(403)
    account = call.model.account(call.account)
    for kind in ("Bytes", "Count"):
        value = given.get(f"X-Account-Quota-{kind}", given.get(f"X-Account-Meta-Quota-{kind}"))
        if f"X-Remove-Account-Quota-{kind}" in given or value == "":
            value = None
        elif value is not None and not value.isdigit():
            raise SwiftError(400)
        if value is not None or f"X-Remove-Account-Quota-{kind}" in given:
            setattr(account, f"quota_{kind.lower()}", int(value) if value else None)


def account_post(call: Call) -> FakeResponse:
    """`POST /v1/{account}`: set or remove metadata (and temp-URL keys); 204."""
    _account_gate(call)
    check_metadata(call, "account")
    _account_quotas(call)
    account = call.model.account(call.account)
    merge_metadata(call, account.headers, metadata_updates(call, "account"))
    return html_response(204)


def account_put(call: Call) -> FakeResponse:
    """`PUT /v1/{account}`: create the account (201) or update it (202)."""
    check_metadata(call, "account")
    _account_gate(call)
    created = call.model.find_account(call.account) is None
    account = call.model.account(call.account)
    _account_quotas(call)
    merge_metadata(call, account.headers, metadata_updates(call, "account"))
    return html_response(201 if created else 202)


def account_delete(call: Call) -> FakeResponse:
    """`DELETE /v1/{account}`: keystoneauth lets only a reseller admin do it."""
    status = call.authorize(None, None)
    if status:
        raise denied(status)
    if call.req.query_string:
        raise SwiftError(400)
    call.model.delete_account(call.account)
    return html_response(204)
