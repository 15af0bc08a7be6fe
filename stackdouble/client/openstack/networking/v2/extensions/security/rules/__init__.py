"""Neutron security group rules (the `security-group` extension): list, get, create (one
or several at once) and delete.

Example to let SSH in from anywhere:

    >>> from stackdouble.client.openstack.networking.v2.extensions.security import rules
    >>> rules.CreateOpts(security_group_id="85cc3048", direction="ingress",
    ...     ethertype="IPv4", protocol="tcp", port_range_min=22, port_range_max=22
    ...     ).to_sec_group_rule_create_map()  # doctest: +NORMALIZE_WHITESPACE
    {'security_group_rule': {'direction': 'ingress', 'ethertype': 'IPv4',
     'security_group_id': '85cc3048', 'port_range_min': 22, 'port_range_max': 22,
     'protocol': 'tcp'}}
"""

from stackdouble.client.openstack.networking.v2.extensions.security.rules.requests import (
    DIRECTIONS,
    ETHERTYPES,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    ListOptsBuilder,
    create,
    create_bulk,
    delete,
    get,
    list,
)
from stackdouble.client.openstack.networking.v2.extensions.security.rules.results import (
    CreateBulkResult,
    CreateResult,
    DeleteResult,
    GetResult,
    SecGroupRule,
    SecGroupRulePage,
    SecGroupRuleResult,
    extract_rules,
)

__all__ = [
    "DIRECTIONS",
    "ETHERTYPES",
    "CreateBulkResult",
    "CreateOpts",
    "CreateOptsBuilder",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "ListOpts",
    "ListOptsBuilder",
    "SecGroupRule",
    "SecGroupRulePage",
    "SecGroupRuleResult",
    "create",
    "create_bulk",
    "delete",
    "extract_rules",
    "get",
    "list",
]
