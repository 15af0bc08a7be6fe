"""Swift's `/info`: what the cluster can do."""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import sha1
from typing import Protocol
from urllib.parse import urlencode

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.objectstorage.v1.info import urls
from stackdouble.client.openstack.objectstorage.v1.info.results import GetResult

__all__ = ["GetOpts", "GetOptsBuilder", "get"]


class GetOptsBuilder(Protocol):
    """Anything that renders the query of `info.get`."""

    def to_info_get_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class GetOpts:
    """Ask for the `admin` section too, signed with the proxy's `admin_key`.

    Attributes:
        admin_key: The proxy's `admin_key`; never in a repr.
        expires: When the signature stops working (Unix time or datetime); None is 60 s
            from now on this machine's clock.
        method: The method the signature is for (`GET`; a HEAD accepts either).
    """

    admin_key: str = field(repr=False)
    expires: int | datetime | None = None
    method: str = "GET"

    def to_info_get_query(self) -> str:
        """`?swiftinfo_sig=<HMAC-SHA1>&swiftinfo_expires=<expires>`.

        Raises:
            InvalidInput: An empty key or an expiry that is not a time.
        """
        if not self.admin_key:
            raise InvalidInput("admin_key must not be empty", "admin_key")
        if self.expires is None:
            expires = int(time.time()) + 60
        elif isinstance(self.expires, datetime):
            expires = int(self.expires.timestamp())
        elif isinstance(self.expires, int) and not isinstance(self.expires, bool):
            expires = self.expires
        else:
            raise InvalidInput("expires must be a Unix time or a datetime", "expires")
        message = f"{self.method.upper()}\n{expires}\n/info".encode()
        sig = hmac.new(self.admin_key.encode("utf-8"), message, sha1).hexdigest()
        return "?" + urlencode({"swiftinfo_sig": sig, "swiftinfo_expires": expires})


def get(client: ServiceClient, opts: GetOptsBuilder | None = None) -> GetResult:
    """Get the cluster's capabilities (`GET /info`, no token needed or sent).

    Args:
        client: An Object Storage client (`/info` is found next to its `/v1/<account>`).
        opts: `GetOpts` to sign for the admin section; None asks for the public sections.

    Returns:
        A GetResult: `extract()` gives the `Capabilities`, or raises the error.

    Example:
        >>> from stackdouble.client.openstack.objectstorage.v1 import info
        >>> caps = info.get(storage).extract()
        >>> caps.swift.version, caps.swift.max_object_name_length, "tempurl" in caps
        ('2.38.3', 1024, True)
        >>> caps["bulk_delete"]["max_deletes_per_request"]
        10000
    """
    try:
        query = opts.to_info_get_query() if opts is not None else ""
    except StackdoubleError as exc:
        return GetResult.from_error(exc)
    return GetResult.request(client, "GET", urls.get_url(client) + query, ok_codes=(200,),
                             authenticated=False)
