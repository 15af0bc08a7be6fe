"""Keystone's errors and their envelope: `{"error": {"code", "message", "title"}}`.

Messages are Keystone's own (`keystone/exception.py`). Like Keystone's `SecurityError`, an
`Unauthorized` never says why: the message is always "The request you have made requires
authentication.", and it carries `WWW-Authenticate: Keystone uri="..."`.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse, HTTPError, reason_phrase

__all__ = [
    "AUTH_METHODS",
    "ApplicationCredentialAuthError",
    "AuthMethodNotSupported",
    "Conflict",
    "DomainConfigNotFound",
    "Forbidden",
    "ForbiddenAction",
    "ForbiddenNotSecurity",
    "InvalidDomainConfig",
    "KeystoneError",
    "MarkerNotFound",
    "NotFound",
    "SchemaValidationError",
    "TokenNotFound",
    "Unauthorized",
    "ValidationError",
    "keystone_error_response",
]

#: Keystone's default `[auth] methods`, which `AuthMethodNotSupported` lists.
AUTH_METHODS = ("external", "password", "token", "oauth1", "mapped", "application_credential")

_UNAUTHORIZED = "The request you have made requires authentication."


def keystone_error_response(
    status: int, message: str, *, title: str | None = None, identity: Any = None
) -> FakeResponse:
    """The envelope as Flask's `jsonify` writes it: sorted keys, compact separators.

    Example:
        >>> keystone_error_response(404, "Could not find project: x.").body
        b'{"error":{"code":404,"message":"Could not find project: x.","title":"Not Found"}}'
    """
    error: dict[str, Any] = {"code": status}
    if identity is not None:
        error["identity"] = identity
    error["message"] = message
    error["title"] = title or reason_phrase(status)
    body = json_bytes_compact({"error": error})
    return FakeResponse(status, body, [("Content-Type", "application/json")])


def json_bytes_compact(value: Any) -> bytes:
    """JSON with Flask's compact separators and sorted keys."""
    import json

    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")


class KeystoneError(HTTPError):
    """Base of Keystone's errors: a code, a title and a message."""

    status = 500
    title: str | None = None

    def __init__(self, message: str | None = None) -> None:
        super().__init__(self.status, message or self.default_message())

    def default_message(self) -> str:
        """The message when none is given."""
        return "An unexpected error prevented the server from fulfilling your request."

    def render(self, req: FakeRequest) -> FakeResponse:
        """Keystone's envelope."""
        resp = keystone_error_response(self.status, self.message or "", title=self.title)
        resp.headers.extend(self.headers)
        return resp


class ValidationError(KeystoneError):
    """400: "Expecting to find <attribute> in <target>. The server could not comply..."."""

    status = 400

    def __init__(self, attribute: str | None = None, target: str | None = None,
                 *, message: str | None = None) -> None:
        if message is None:
            message = (
                f"Expecting to find {attribute} in {target}. The server could not comply with "
                "the request since it is either malformed or otherwise incorrect. The client "
                "is assumed to be in error."
            )
        super().__init__(message)


class SchemaValidationError(ValidationError):
    """400 with a jsonschema-style detail (`Invalid input for field 'x': ...`)."""

    def __init__(self, detail: str) -> None:
        super().__init__(message=detail)


class Unauthorized(KeystoneError):
    """401 "The request you have made requires authentication.", with WWW-Authenticate.

    Args:
        versioned: Point WWW-Authenticate at `<identity>/v3` (errors raised by the API, as
            Keystone's Flask error handler does) rather than at `<identity>` (the token
            middleware's).
    """

    status = 401

    def __init__(self, message: str | None = None, *, versioned: bool = True) -> None:
        super().__init__(message or _UNAUTHORIZED)
        self.versioned = versioned

    def render(self, req: FakeRequest) -> FakeResponse:
        """Keystone's 401 envelope with its WWW-Authenticate header."""
        resp = keystone_error_response(401, self.message or _UNAUTHORIZED, identity=self.identity)
        uri = req.base_url + "/identity" + ("/v3" if self.versioned else "")
        resp.headers.append(("WWW-Authenticate", f'Keystone uri="{uri}"'))
        return resp

    @property
    def identity(self) -> Any:
        """The `identity` member Keystone adds for auth plugin errors (None: absent)."""
        return None


class AuthMethodNotSupported(Unauthorized):
    """401 for an auth method Keystone does not know; lists the configured methods."""

    def __init__(self) -> None:
        super().__init__("Attempted to authenticate with an unsupported method.")

    @property
    def identity(self) -> Any:
        """`{"methods": [...]}` as Keystone renders it."""
        return {"methods": list(AUTH_METHODS)}


class ApplicationCredentialAuthError(Unauthorized):
    """401 "Error authenticating with application credential: <detail>"."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"Error authenticating with application credential: {detail}")

    @property
    def identity(self) -> Any:
        """An empty object, as Keystone renders auth plugin errors."""
        return {}


class Forbidden(KeystoneError):
    """403 "You are not authorized to perform the requested action."."""

    status = 403

    def default_message(self) -> str:
        """Keystone's generic 403 text."""
        return "You are not authorized to perform the requested action."


class ForbiddenAction(Forbidden):
    """403 naming the policy action: "...requested action: identity:list_projects."."""

    def __init__(self, action: str) -> None:
        super().__init__(f"You are not authorized to perform the requested action: {action}.")


class ForbiddenNotSecurity(Forbidden):
    """403 whose message Keystone always shows (e.g. "May not delete access rule in use")."""


class InvalidDomainConfig(Forbidden):
    """403 "Invalid domain specific configuration: <reason>." (a `Forbidden` in Keystone)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Invalid domain specific configuration: {reason}.")


class NotFound(KeystoneError):
    """404 with Keystone's message, e.g. "Could not find project: <id>."."""

    status = 404


class DomainConfigNotFound(NotFound):
    """404 "Could not find <what> in domain configuration for domain <id>."."""

    def __init__(self, domain_id: str, what: str) -> None:
        super().__init__(f"Could not find {what} in domain configuration for domain "
                         f"{domain_id}.")


class TokenNotFound(NotFound):
    """404 for a subject token that does not validate."""

    def __init__(self, message: str | None = None, *, token_id: str | None = None) -> None:
        super().__init__(message or f"Could not find token: {token_id}.")


class MarkerNotFound(NotFound):
    """404 "Marker <marker> could not be found." (Keystone 27+ pagination)."""

    def __init__(self, marker: str) -> None:
        super().__init__(f"Marker {marker} could not be found.")


class Conflict(KeystoneError, ValueError):
    """409 "Conflict occurred attempting to store <type> - <details>.".

    Also a `ValueError`, so the Python API's callers may catch it as one.
    """

    status = 409

    def __init__(self, type: str, details: str) -> None:
        super().__init__(f"Conflict occurred attempting to store {type} - {details}.")
