"""The fake Keystone: identity v3 (as Keystone 30) and v2.0 (as Keystone before its removal,
plus Rackspace API keys), mounted at `{base}/identity`.

`IdentityService` plugs the routes into the cloud's app; the state lives in
`IdentityModel` (`cloud.identity`), and `TokenContext` is what the token middleware gives
every service as `req.token`. Both are composed of one module per client resource
(`models/<resource>.py`, `handlers/<resource>.py`: tokens, projects, users, groups, roles
and grants, domains, application credentials, regions, services, endpoints, v2.0 tenants),
under Keystone's default policies (`policy`) and request schemas (`schema`).
"""

from __future__ import annotations

from collections.abc import Hashable

from stackdouble.fakes.http import FakeRequest, FakeResponse, Service
from stackdouble.fakes.identity.errors import (
    KeystoneError,
    Unauthorized,
    keystone_error_response,
)
from stackdouble.fakes.identity.links import KeystoneProjects
from stackdouble.fakes.identity.models import IdentityModel, TokenContext, load_defaults
from stackdouble.fakes.identity.urls import build_router
from stackdouble.fakes.links import Links
from stackdouble.fakes.routing import Router

__all__ = ["IdentityModel", "IdentityService", "KeystoneError", "TokenContext"]

#: Flask's (werkzeug's) HTML 404, which Keystone answers for unknown paths (207 bytes).
NOT_FOUND_HTML = (
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again.</p>\n"
)
_METHOD_NOT_ALLOWED_HTML = (
    "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n"
    "<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n"
)


class IdentityService(Service):
    """Keystone at `{base}/identity`, answering with Keystone's headers and envelopes."""

    name = "identity"
    prefix = "/identity"
    upper_reason = True

    def provide(self, links: Links) -> None:
        """The cloud's `projects` link: Cinder asks it whether a project exists
        (`identity/links.py`)."""
        links.projects = KeystoneProjects(self.cloud)

    def build_router(self) -> Router:
        """Routes for the cloud's `identity_versions`."""
        return build_router(self.cloud.identity_versions)

    def router_key(self) -> Hashable:
        """The routes are the same for every cloud with the same identity versions: built once."""
        return tuple(self.cloud.identity_versions)

    def reset(self) -> None:
        """Rebuild the default identity state on the cloud."""
        model = IdentityModel(self.cloud)
        load_defaults(model, self.cloud.base_url, self.cloud.regions)
        self.cloud.identity = model

    def dump(self) -> dict[str, object]:
        """The identity state, secrets left out."""
        return self.cloud.identity.dump()

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """Keystone's `{"error": {"code", "message", "title"}}`."""
        from stackdouble.fakes.envelopes import default_message

        if status == 401:
            return Unauthorized(message, versioned=False).render(req)
        return keystone_error_response(status, message or default_message(status))

    def unauthorized(self, req: FakeRequest) -> FakeResponse:
        """The 401 for a bad or missing X-Auth-Token.

        Keystone rejects a bad token in its auth middleware, whose WWW-Authenticate names
        `{base}/identity`, but a missing one in the API's policy enforcer, whose error
        handler names `{base}/identity/v3`. A token of a deleted application credential or
        trust gets that one's 404, and a trust-scoped token whose trustor lost a delegated
        role Keystone's bare 403, as from Keystone.
        """
        token_id = req.auth_token
        if token_id:
            from stackdouble.fakes.identity.errors import Forbidden, TokenNotFound

            try:
                self.cloud.identity.context(self.cloud.identity.validate_token(token_id))
            except TokenNotFound as exc:
                # Keystone's own middleware lets these NotFounds through (other services'
                # keystonemiddleware answers 401).
                if (exc.message or "").startswith(("Could not find Application Credential",
                                                   "Could not find trust")):
                    return exc.render(req)
            except Forbidden as exc:
                return exc.render(req)
        return Unauthorized(versioned=not token_id).render(req)

    def not_found(self, req: FakeRequest) -> FakeResponse:
        """Flask's HTML 404, as Keystone answers unknown paths (and the removed v2.0)."""
        return FakeResponse.text(404, NOT_FOUND_HTML, content_type="text/html; charset=utf-8")

    def method_not_allowed(self, req: FakeRequest, allowed: list[str]) -> FakeResponse:
        """werkzeug's HTML 405 with `Allow`."""
        resp = FakeResponse.text(405, _METHOD_NOT_ALLOWED_HTML,
                                 content_type="text/html; charset=utf-8")
        resp.headers.append(("Allow", ", ".join(allowed)))
        return resp

    def internal_error(self, req: FakeRequest, exc: BaseException) -> FakeResponse:
        """Keystone's 500 envelope."""
        return keystone_error_response(
            500, "An unexpected error prevented the server from fulfilling your request.")

    def finish(self, req: FakeRequest, resp: FakeResponse) -> None:
        """`Vary: X-Auth-Token`, `x-openstack-request-id`, and JSON as the default type."""
        if resp.header("Content-Type") is None:
            resp.headers.insert(0, ("Content-Type", "application/json"))
        resp.headers.append(("Vary", "X-Auth-Token"))
        resp.headers.append(("x-openstack-request-id", req.request_id))
