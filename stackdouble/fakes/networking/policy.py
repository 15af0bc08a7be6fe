"""Neutron's default policies, reduced to what the fake decides on
(`neutron/conf/policies/network.py`, `port.py`, `subnet.py`, `security_group.py`,
`quotas.py`; `neutron/policy.py` builds the rule it checks).

Reading: attributes in `ADMIN_ONLY_READ` are left out of the answers a non-admin gets
(`get_network:provider:network_type` and the like are `ADMIN`). Writing: a create or update
that sets an attribute of `ADMIN_ONLY_WRITE` to something other than its default needs the
admin role; the refusal names the rule Neutron built, e.g.
`(rule:create_network and rule:create_network:shared) is disallowed by policy`.

Example:
    >>> denied_rule("create", "network", ["shared", "router:external"])
    '((rule:create_network and rule:create_network:shared) and rule:create_network:router:external)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import PolicyNotAuthorized

__all__ = ["ADMIN_ONLY_READ", "ADMIN_ONLY_WRITE", "denied_rule", "enforce_attributes",
           "enforce_gateway"]

#: Attributes only an admin reads, per resource.
ADMIN_ONLY_READ: Mapping[str, frozenset[str]] = {
    "network": frozenset({"provider:network_type", "provider:physical_network",
                          "provider:segmentation_id"}),
    "port": frozenset({"binding:host_id", "binding:profile", "binding:vif_details",
                       "binding:vif_type"}),
}

#: Attributes only an admin sets, per resource and action, in the order Neutron's
#: attribute map lists them, with their defaults (setting the default is allowed).
ADMIN_ONLY_WRITE: Mapping[tuple[str, str], tuple[tuple[str, Any], ...]] = {
    ("create", "network"): (("shared", False), ("router:external", False),
                            ("provider:network_type", None),
                            ("provider:physical_network", None),
                            ("provider:segmentation_id", None), ("is_default", False)),
    ("update", "network"): (("shared", object()), ("router:external", object()),
                            ("provider:network_type", object()),
                            ("provider:physical_network", object()),
                            ("provider:segmentation_id", object()),
                            ("is_default", object())),
    ("create", "port"): (("binding:host_id", ""), ("binding:profile", {})),
    ("update", "port"): (("binding:host_id", object()), ("binding:profile", object())),
    ("create", "subnet"): (("segment_id", None),),
    ("create", "security_group_rule"): (),
    ("create", "floatingip"): (("floating_ip_address", None),),
}

#: The `external_gateway_info` keys only an admin sets (`enable_snat`,
#: `external_fixed_ips`: `ADMIN` in `conf/policies/router.py`), in the attribute map's order.
ADMIN_ONLY_GATEWAY = ("network_id", "external_fixed_ips", "enable_snat")


def denied_rule(action: str, resource: str, attributes: Iterable[str]) -> str:
    """The rule `neutron.policy._build_match_rule` builds, as oslo.policy prints it."""
    rule = f"rule:{action}_{resource}"
    for name in attributes:
        rule = f"({rule} and rule:{action}_{resource}:{name})"
    return rule


def enforce_attributes(caller: Caller, action: str, resource: str,
                       body: Mapping[str, Any]) -> None:
    """Refuse a non-admin's create or update that sets an admin-only attribute.

    Raises:
        PolicyNotAuthorized: 403, naming the rule.
    """
    if caller.is_admin:
        return
    guarded = ADMIN_ONLY_WRITE.get((action, resource), ())
    named = [name for name, default in guarded if name in body and body[name] != default]
    if named:
        raise PolicyNotAuthorized(rule=denied_rule(action, resource, named))


def enforce_gateway(caller: Caller, action: str, body: Mapping[str, Any]) -> None:
    """Refuse a non-admin's router create or update whose `external_gateway_info` sets
    `enable_snat` or `external_fixed_ips`; the rule names every key given, as
    `_build_subattr_match_rule` does.

    Raises:
        PolicyNotAuthorized: 403, naming the rule.

    Example:
        >>> enforce_gateway(Caller("p", "u"), "update",
        ...                 {"external_gateway_info": {"network_id": "n", "enable_snat": False}})
        Traceback (most recent call last):
        ...
        stackdouble.fakes.networking.errors.PolicyNotAuthorized: (rule:update_router and \
(rule:update_router:external_gateway_info and (rule:update_router:external_gateway_info:\
network_id and rule:update_router:external_gateway_info:enable_snat))) is disallowed by policy
    """
    info = body.get("external_gateway_info")
    if caller.is_admin or not isinstance(info, Mapping):
        return
    if not any(key in info for key in ADMIN_ONLY_GATEWAY[1:]):
        return
    base = f"rule:{action}_router:external_gateway_info"
    subs = " and ".join(f"{base}:{key}" for key in ADMIN_ONLY_GATEWAY if key in info)
    raise PolicyNotAuthorized(rule=f"(rule:{action}_router and ({base} and ({subs})))")


def refuse(action: str, resource: str) -> PolicyNotAuthorized:
    """403 for an action on a resource the caller sees but does not own."""
    return PolicyNotAuthorized(rule=f"rule:{action}_{resource}")
