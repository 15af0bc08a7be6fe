"""Security groups as the fake Nova shows them (`nova/api/openstack/compute/security_groups.py`):
a server's groups (`GET /servers/{id}/os-security-groups`), read from its ports through the
cloud's `networks` link. The `addSecurityGroup` / `removeSecurityGroup` actions are in
`server_actions`, the `os-security-groups` proxy in `proxies`."""

from __future__ import annotations

from stackdouble.fakes.compute import views
from stackdouble.fakes.compute.handlers._common import _caller, _model, _ok
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.links import LinkError

__all__ = ["group_lookup", "list_server_security_groups"]


def group_lookup(req: FakeRequest) -> views.GroupLookup:
    """A remote group's `{"name", "tenant_id"}` for the caller, memoised per request."""
    caller = _caller(req)
    link = req.cloud.links.networks
    known: dict[str, dict[str, str] | None] = {}

    def lookup(group_id: str) -> dict[str, str] | None:
        if group_id not in known:
            try:
                group = link.security_group(caller, group_id)
                known[group_id] = {"name": group.name, "tenant_id": group.project_id}
            except LinkError:
                known[group_id] = None
        return known[group_id]

    return lookup


def list_server_security_groups(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/os-security-groups`: its ports' groups with their ingress rules,
    sorted by project and name."""
    groups = _model(req).server_security_groups(_caller(req), req.params["server_id"])
    lookup = group_lookup(req)
    rendered = [views.security_group(g, lookup) for g in groups]
    rendered.sort(key=lambda g: (g["tenant_id"], g["name"]))
    return _ok({"security_groups": rendered})
