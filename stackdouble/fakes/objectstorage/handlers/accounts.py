"""The fake Swift's account requests (client `objectstorage/v1/accounts`): `GET`/`HEAD`
(headers and the container listing), `POST` and `PUT` (metadata, temp-URL keys, quotas,
the account ACL tempauth checked), `DELETE` (a reseller admin's), as
`swift/proxy/controllers/account.py` and `swift/account/server.py` answer them, with the
account_quotas middleware's rules.
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
from stackdouble.fakes.objectstorage.models.accounts import Account, QuotaKey

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
    if call.access.owner and account is not None:
        headers += views.account_acl_headers(account)
    if "account_quotas" in model.pipeline:
        headers += _policy_quota_headers(account)
    if call.method == "HEAD":
        return head_response(call, headers)
    options = schema.account_listing_options(call.param,
                                             model.constraints.account_listing_limit)
    entries = [] if account is None else list_entries(account.containers, **options)
    body = views.account_listing(call.account, account, entries, call.listing_type)
    return listing_response(call, headers, body)


def _account_quotas(call: Call) -> dict[QuotaKey, str]:
    """account_quotas (2.38) on a PUT or POST: the legacy `X-Account-Meta-Quota-Bytes` and
    `X-Remove-Account-Meta-Quota-Bytes` stand for `X-Account-Quota-Bytes` and its removal
    when that is not given; an empty value or an `X-Remove-` header removes a quota; a
    quota per storage policy is `X-Account-Quota-{Bytes,Count}-Policy-<name>`. Only a
    reseller admin may send any of them (anyone else, the account's owner included: 403),
    and their values must be digits (400). Returns the quotas to set once the request is
    otherwise accepted (an empty value removes one).

    Raises:
        SwiftError: 403, not a reseller admin; 400, a quota that is not a number.
    """
    if "account_quotas" not in call.model.pipeline:
        return {}
    sent = {key.lower(): value for key, value in call.headers.items()}
    for legacy in ("x-account-meta-quota-bytes", "x-remove-account-meta-quota-bytes"):
        current = legacy.replace("-meta-", "-")
        if legacy in sent and not sent.get(current):
            sent[current] = sent[legacy]
    quotas: dict[QuotaKey, str | None] = {}
    for kind in ("bytes", "count"):
        quotas[kind, None] = sent.get(f"x-account-quota-{kind}")
        if sent.get(f"x-remove-account-quota-{kind}"):
            quotas[kind, None] = ""  # X-Remove dominates
        for policy in call.model.policies:
            tail = f"account-quota-{kind}-policy-{policy.name.lower()}"
            quotas[kind, policy.name] = "" if sent.get("x-remove-" + tail) else sent.get(
                "x-" + tail)
    given = {key: value for key, value in quotas.items() if value is not None}
    if given and not call.access.reseller:
        raise SwiftError(403)
    if any(value and not value.isdigit() for value in given.values()):
        raise SwiftError(400)
    return given


def _policy_quota_headers(account: Account | None) -> list[tuple[str, str]]:
    """account_quotas' answer headers for the per-policy quotas."""
    if account is None:
        return []
    return [(f"X-Account-Quota-{kind.title()}-Policy-{policy}", str(value))
            for (kind, policy), value in account.policy_quotas.items()]


def account_post(call: Call) -> FakeResponse:
    """`POST /v1/{account}`: set or remove metadata (and temp-URL keys); 204.

    account_quotas runs before the proxy authorizes: anyone but a reseller admin sending
    a quota gets its 403, an anonymous caller included."""
    quotas = _account_quotas(call)
    _account_gate(call)
    check_metadata(call, "account")
    account = call.model.account(call.account)
    merge_metadata(call, account.headers, metadata_updates(call, "account"))
    if quotas:
        call.model.set_quotas(call.account, quotas)
    _store_account_acl(call)
    return html_response(204)


def account_put(call: Call) -> FakeResponse:
    """`PUT /v1/{account}`: create the account (201) or update it (202)."""
    quotas = _account_quotas(call)
    check_metadata(call, "account")
    _account_gate(call)
    created = call.model.find_account(call.account) is None
    account = call.model.account(call.account)
    merge_metadata(call, account.headers, metadata_updates(call, "account"))
    if quotas:
        call.model.set_quotas(call.account, quotas)
    _store_account_acl(call)
    return html_response(201 if created else 202)


def _store_account_acl(call: Call) -> None:
    """The `X-Account-Access-Control` tempauth checked, stored as its sysmeta; keystoneauth
    never checks one, and the account server drops a header that is not metadata."""
    value = call.access.account_acl
    if value is not None and call.access.account_acl_valid:
        call.model.set_account_acl(call.account, value)


def account_delete(call: Call) -> FakeResponse:
    """`DELETE /v1/{account}`: keystoneauth lets only a reseller admin do it."""
    status = call.authorize(None, None)
    if status:
        raise denied(status)
    if call.req.query_string:
        raise SwiftError(400)
    call.model.delete_account(call.account)
    return html_response(204)
