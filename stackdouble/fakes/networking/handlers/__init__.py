"""Neutron's API handlers, one module per resource: parse (`schema`), call the model,
render (`views`). `_common` holds the caller, bodies and the listing."""

from __future__ import annotations

from stackdouble.fakes.networking.handlers import (
    floatingips,
    networks,
    ports,
    quotas,
    routers,
    securitygroups,
    subnets,
    tags,
    versions,
)

__all__ = ["floatingips", "networks", "ports", "quotas", "routers", "securitygroups",
           "subnets", "tags", "versions"]
