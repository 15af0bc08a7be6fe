"""Rackspace Cloud Identity v2.0, the identity of the fake's Rackspace profile
(`FakeCloud(profile="rackspace")`), mounted at `{base}/identity` in Keystone's place.

It answers as Rackspace's identity does where the client sees it: API-key
(`RAX-KSKEY:apiKeyCredentials`) and password logins, a token scoped to the user's default
tenant when none is named, the access in Rackspace's shape (`views`), a catalog under
Rackspace's service names (`cloudServersOpenStack`, `cloudFiles`, `cloudFilesCDN`,
`cloudBlockStorage`, `cloudImages`, `cloudNetworks`) in front of the fake's own services,
and Rackspace's faults (`errors`). The state is Keystone's model (`cloud.identity`), seeded
by `seed.load_rackspace`, so every service validates its tokens as usual.

Deliberate differences from Rackspace, all where the fake's services are not Rackspace's:
the endpoints are the fake's (Nova's `/compute/v2.1` has no tenant in its path where
Rackspace's is `/v2/<tenant>`; Cinder is v3 where Rackspace's is v1); Cloud Files is the
tenant's own Swift account (`AUTH_<tenant>`) where Rackspace gives it a second tenant
(`MossoCloudFS_<uuid>`); `cloudFilesCDN` points at that same account (CDN headers are not
faked); the first-generation `cloudServers` (no region) is not listed; the version
documents and the 404 for unknown paths are Keystone's.

Example:
    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(profile="rackspace", seed=1) as cloud:
    ...     resp = requests.post(cloud.identity_v2_url + "/tokens", json={"auth": {
    ...         "RAX-KSKEY:apiKeyCredentials": {"username": "demo", "apiKey": "demo-api-key"}}})
    >>> access = resp.json()["access"]
    >>> access["token"]["RAX-AUTH:authenticatedBy"], access["user"]["RAX-AUTH:defaultRegion"]
    (['APIKEY'], 'DFW')
    >>> access["token"]["tenant"]["id"] == cloud.credentials()["project_id"]
    True
"""

from __future__ import annotations

from collections.abc import Hashable

from stackdouble.fakes.envelopes import default_message
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import IdentityService
from stackdouble.fakes.identity.handlers import versions as discovery
from stackdouble.fakes.identity.models import IdentityModel
from stackdouble.fakes.identity.rackspace import handlers
from stackdouble.fakes.identity.rackspace.errors import NO_VALID_TOKEN, fault_response
from stackdouble.fakes.identity.rackspace.seed import (
    DEFAULT_REGION_KEY,
    create_account,
    load_rackspace,
)
from stackdouble.fakes.identity.urls import PolicyRouter
from stackdouble.fakes.routing import Router

__all__ = ["DEFAULT_REGION_KEY", "RackspaceIdentityService", "create_account"]


class RackspaceIdentityService(IdentityService):
    """Rackspace Cloud Identity v2.0 at `{base}/identity`, under the name `identity`."""

    def build_router(self) -> Router:
        """Discovery, `POST /v2.0/tokens` and `GET /v2.0/tenants`; the rest answers 404."""
        r = PolicyRouter(strip_trailing_slash=True)
        r.add("GET", "/", discovery.get_versions, auth=False)
        r.add("GET", "/v2.0", discovery.get_version_v2, auth=False)
        r.add("POST", "/v2.0/tokens", handlers.issue_token, auth=False)
        r.add("GET", "/v2.0/tenants", handlers.list_tenants, rules=("identity:v2_list_tenants",))
        return r

    def router_key(self) -> Hashable:
        """One route table for every Rackspace cloud."""
        return "rackspace-v2.0"

    def reset(self) -> None:
        """Rebuild the Rackspace profile's identity state on the cloud."""
        model = IdentityModel(self.cloud)
        load_rackspace(model, self.cloud.base_url, self.cloud.regions)
        self.cloud.identity = model

    def error_response(
        self, req: FakeRequest, status: int, message: str | None = None
    ) -> FakeResponse:
        """Rackspace's `{"<fault>": {"code", "message"}}` (injected faults too)."""
        return fault_response(status, message or default_message(status))

    def unauthorized(self, req: FakeRequest) -> FakeResponse:
        """Rackspace's 401 for a missing or invalid `X-Auth-Token`."""
        return fault_response(401, NO_VALID_TOKEN)

    def internal_error(self, req: FakeRequest, exc: BaseException) -> FakeResponse:
        """Rackspace's `identityFault`."""
        return fault_response(500, "Service Fault")
