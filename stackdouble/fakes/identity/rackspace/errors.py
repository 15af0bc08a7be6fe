"""Rackspace Cloud Identity's faults: `{"<fault>": {"code": <status>, "message": ...}}`.

The envelope and fault names are the v2.0 contract's (`identityFault`, `badRequest`,
`unauthorized`, `forbidden`, `itemNotFound`, `userDisabled`, `serviceUnavailable`), as
Rackspace's identity renders them; the authentication messages carry Rackspace's error codes
(`Error code: 'AUTH-008'; ...`, the format of its `ErrorCodes.generateErrorCodeFormattedMessage`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError

__all__ = [
    "BAD_AUTH_BODY",
    "FAULT_NAMES",
    "INVALID_API_KEY",
    "INVALID_CREDENTIALS",
    "INVALID_TOKEN",
    "NOT_AUTHORIZED_FOR_TENANT",
    "NO_VALID_TOKEN",
    "RackspaceFault",
    "fault_response",
]

#: Status → the fault's name in the envelope; any other status is an `identityFault`.
FAULT_NAMES: Mapping[int, str] = MappingProxyType({
    400: "badRequest",
    401: "unauthorized",
    403: "forbidden",
    404: "itemNotFound",
    413: "overLimit",
    415: "badMediaType",
    503: "serviceUnavailable",
})

#: A wrong API key (`RAX-KSKEY:apiKeyCredentials`).
INVALID_API_KEY = "Error code: 'AUTH-008'; Username or api key is invalid."
#: A wrong user name or password (`passwordCredentials`).
INVALID_CREDENTIALS = ("Error code: 'AUTH-004'; Unable to authenticate user with credentials "
                       "provided.")
#: An unknown or expired token given as credentials.
INVALID_TOKEN = "Error code: 'AUTH-005'; Token not authenticated."
#: A tenant the user has no role on.
NOT_AUTHORIZED_FOR_TENANT = "Error code: 'AUTH-007'; Not authorized for the tenant."
#: A missing or invalid `X-Auth-Token` on an authenticated route.
NO_VALID_TOKEN = ("No valid token provided. Please use the 'X-Auth-Token' header with a "
                  "valid token.")
#: A body that is not JSON, or holds no usable `auth` object.
BAD_AUTH_BODY = ("Invalid request body: unable to parse Auth data. Please review XML or JSON "
                 "formatting.")


def fault_response(status: int, message: str, *, fault: str | None = None) -> FakeResponse:
    """Rackspace's fault envelope for `status`.

    Example:
        >>> fault_response(404, "Tenant not found.").json_body()
        {'itemNotFound': {'code': 404, 'message': 'Tenant not found.'}}
    """
    name = fault or FAULT_NAMES.get(status, "identityFault")
    return FakeResponse.json(status, {name: {"code": status, "message": message}})


class RackspaceFault(HTTPError):
    """An error Rackspace's identity answers with its own envelope.

    Args:
        status: The HTTP status.
        message: The fault's message.
        fault: The fault's name, when it is not the status's usual one (`userDisabled`).
    """

    def __init__(self, status: int, message: str, *, fault: str | None = None) -> None:
        super().__init__(status, message)
        self.fault = fault

    def render(self, req: FakeRequest) -> FakeResponse:
        """The fault's envelope."""
        resp = fault_response(self.status, self.message or "", fault=self.fault)
        resp.headers.extend(self.headers)
        return resp
