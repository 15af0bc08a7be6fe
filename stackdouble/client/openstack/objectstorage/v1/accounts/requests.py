"""Swift account requests: get (HEAD) and update (POST) its metadata."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1._swift import metadata_headers, to_wire
from stackdouble.client.openstack.objectstorage.v1.accounts import urls
from stackdouble.client.openstack.objectstorage.v1.accounts.results import (
    AccountACL,
    GetResult,
    UpdateResult,
)

__all__ = ["GetOpts", "GetOptsBuilder", "UpdateOpts", "UpdateOptsBuilder", "get", "update"]


class GetOptsBuilder(Protocol):
    """Anything that renders the headers of `accounts.get`."""

    def to_account_get_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Options for `get`.

    Attributes:
        newest: Ask every replica and answer from the newest (`X-Newest: true`); slower.
    """

    newest: bool = False

    def to_account_get_map(self) -> dict[str, str]:
        """The request headers."""
        return {"X-Newest": "true"} if self.newest else {}


def get(client: ServiceClient, opts: GetOptsBuilder | None = None) -> GetResult:
    """Get the account's usage and metadata (`HEAD /v1/{account}`).

    Args:
        client: An Object Storage client from `openstack.new_object_storage_v1`.
        opts: Request options; None sends none.

    Returns:
        A GetResult: `extract()` gives the typed `AccountHeaders`, `extract_metadata()` the
        custom metadata, `extract_header()` the raw headers. Errors surface there.
    """
    try:
        headers = opts.to_account_get_map() if opts is not None else {}
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "HEAD", urls.get_url(client), headers=headers,
                             ok_codes=(200, 204))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the headers of `accounts.update`."""

    def to_account_update_map(self) -> dict[str, str]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What `update` changes; None and empty fields are left as they are.

    Attributes:
        metadata: Custom metadata to set (`X-Account-Meta-<name>`); an empty value removes
            the item, as in Swift.
        remove_metadata: Names of custom metadata to remove (`X-Remove-Account-Meta-<name>`).
        temp_url_key: The account's temporary-URL key (`X-Account-Meta-Temp-URL-Key`);
            kept out of reprs.
        temp_url_key_2: The second key, for rotation (`X-Account-Meta-Temp-URL-Key-2`).
        access_control: The account ACL to set (`X-Account-Access-Control`), replacing
            the one there; only the account's owners may (others get 403). Enforced by
            tempauth only: keystoneauth accepts the header and ignores it.
        remove_access_control: Remove the account ACL (an empty
            `X-Account-Access-Control`).
    """

    metadata: Mapping[str, str] | None = None
    remove_metadata: Sequence[str] = ()
    temp_url_key: str | None = field(default=None, repr=False)
    temp_url_key_2: str | None = field(default=None, repr=False)
    access_control: AccountACL | None = None
    remove_access_control: bool = False

    def to_account_update_map(self) -> dict[str, str]:
        """The request headers.

        Raises:
            InvalidInput: A metadata name or value that cannot be sent, an ACL grantee that
                is not a non-empty str, or an ACL both set and removed.
        """
        headers = metadata_headers("Account", self.metadata, self.remove_metadata)
        if self.access_control is not None:
            if self.remove_access_control:
                raise InvalidInput("access_control is both set and removed", "access_control")
            headers["X-Account-Access-Control"] = self.access_control.to_header()
        elif self.remove_access_control:
            headers["X-Account-Access-Control"] = ""
        if self.temp_url_key is not None:
            headers["X-Account-Meta-Temp-URL-Key"] = to_wire(self.temp_url_key, "temp_url_key")
        if self.temp_url_key_2 is not None:
            headers["X-Account-Meta-Temp-URL-Key-2"] = to_wire(
                self.temp_url_key_2, "temp_url_key_2"
            )
        return headers


def update(client: ServiceClient, opts: UpdateOptsBuilder | None = None) -> UpdateResult:
    """Set or remove the account's metadata and temp-URL keys (`POST /v1/{account}`).

    Args:
        client: An Object Storage client.
        opts: What to change; a bad option becomes the result's error.

    Returns:
        An UpdateResult; `extract()` gives the response's `ResponseHeaders`.
    """
    try:
        headers = opts.to_account_update_map() if opts is not None else {}
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "POST", urls.update_url(client), headers=headers,
                                ok_codes=(201, 202, 204))
