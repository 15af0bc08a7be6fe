"""Nova's API handlers: parse as `nova/api/openstack/wsgi.py` and the controllers do, call
the model, render with `views`.

Each v2.1 handler is wrapped by `api()`, which reads the microversion
(`OpenStack-API-Version: compute X` or `X-OpenStack-Nova-API-Version: X`; `latest`; out of
range → 406), applies rate limits, and checks the Content-Type (415), in Nova's order.
Bodies are decoded as Nova does ("Malformed request body" for bad JSON; an empty POST/PUT
body is `None`, which the schema then refuses), and validated by `schema`.

One module per client resource: `versions`, `servers` (with addresses and metadata),
`server_actions`, `flavors`, `images`, `keypairs`, `availabilityzones`, `volumeattach`
(through the cloud's `volumes` link), `interfaces` (`os-interface`) and `securitygroups`
(through the cloud's `networks` link), `migrations`, `admin_actions` and `remoteconsoles`
(server actions `server_actions` dispatches to, and their own routes), `usage`, `hosts`
(the deprecated `os-hosts`) and `extensions`; the plumbing is in `_common`.
"""

from __future__ import annotations

from stackdouble.fakes.compute.handlers._common import MICROVERSION_KEY, api, parse_microversion

__all__ = ["MICROVERSION_KEY", "api", "parse_microversion"]
