"""What Swift's v1.0 auth answers: a token and a storage URL, in headers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stackdouble.client._errors import UnexpectedBody
from stackdouble.client._results import HeaderResult

__all__ = ["AuthResult", "GetAuthResult"]


@dataclass(slots=True, kw_only=True)
class AuthResult:
    """The outcome of a v1.0 login.

    Attributes:
        token: `X-Auth-Token` (`X-Storage-Token` when only that is sent); never in a repr.
        storage_url: `X-Storage-Url`: the account to send requests to.
        cdn_url: `X-CDN-Management-Url` (Rackspace Cloud Files), or None.
        expires_in: `X-Auth-Token-Expires`: seconds the token has left, or None when the
            server does not say.
    """

    token: str = field(repr=False)
    storage_url: str
    cdn_url: str | None = None
    expires_in: int | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> AuthResult:
        """Read a login's headers.

        Raises:
            UnexpectedBody: No token or no storage URL among them.
        """
        lowered = {key.lower(): value for key, value in headers.items()}
        token = lowered.get("x-auth-token") or lowered.get("x-storage-token")
        storage_url = lowered.get("x-storage-url")
        if not token or not storage_url:
            names = sorted(k for k in lowered if k.startswith("x-"))
            raise UnexpectedBody("X-Auth-Token and X-Storage-Url headers",
                                 f"headers {names}")
        expires = lowered.get("x-auth-token-expires", "").strip()
        return cls(token=token, storage_url=storage_url,
                   cdn_url=lowered.get("x-cdn-management-url") or None,
                   expires_in=int(expires) if expires.isdigit() else None)


class GetAuthResult(HeaderResult):
    """The result of `swauth.get_auth`; `extract()` gives the `AuthResult`."""

    __slots__ = ()

    def extract(self) -> AuthResult:
        """The token and storage URL, or raise the error the login ended with.

        Raises:
            Unauthorized: A wrong user or key (Swift's 401).
            UnexpectedBody: A 200 without the token or the storage URL.
        """
        return AuthResult.from_headers(self.extract_header())
