"""Security groups and their rules (`neutron/db/securitygroups_db.py`): the default group
each project gets on first use, with Neutron's four default rules, rule validation and the
duplicate check (`_rule_to_key`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.networking.errors import (
    InvalidInput,
    SecurityGroupCannotRemoveDefault,
    SecurityGroupInUse,
    SecurityGroupNotFound,
    SecurityGroupRuleExists,
    SecurityGroupRuleNotFound,
)
from stackdouble.fakes.networking.models._common import (
    SecurityGroup,
    SecurityGroupRule,
    _ModelBase,
)
from stackdouble.fakes.networking.policy import refuse

__all__ = ["DEFAULT_DESCRIPTION", "SecurityGroupsMixin"]

DEFAULT_DESCRIPTION = "Default security group"
#: Protocols whose rules take port ranges (`SG_PORT_PROTO_NAMES` and numbers).
_PORT_PROTOCOLS = {"tcp", "udp", "dccp", "sctp", "udplite", "6", "17", "33", "132", "136"}
_ICMP = {"icmp", "ipv6-icmp", "icmpv6", "1", "58"}


class SecurityGroupProtocolRequiredWithPorts(InvalidInput):
    """400: ports without a protocol."""

    template = "Must also specify protocol if port range is given."


class SecurityGroupInvalidPortRange(InvalidInput):
    """400: min above max."""

    template = "For TCP/UDP protocols, port_range_min must be <= port_range_max"


class SecurityGroupInvalidPortValue(InvalidInput):
    """400: port 0."""

    template = "Invalid value for port %(port)s"


class SecurityGroupInvalidProtocolForPort(InvalidInput):
    """400: ports on a protocol without ports."""

    template = ("Ports cannot be specified for protocol %(protocol)s. Ports are only "
                "supported for %(valid_port_protocols)s.")


class SecurityGroupsMixin(_ModelBase):
    """Security groups, their rules and the per-project default group."""

    def ensure_default_group(self, project_id: str) -> SecurityGroup:
        """The project's default group, made with its four rules on first use."""
        found = self.default_groups.get(project_id)
        if found is not None and found in self.security_groups:
            return self.security_groups[found]
        now = self._now()
        group = SecurityGroup(id=self.cloud.ids.uuid(), project_id=project_id, name="default",
                              description=DEFAULT_DESCRIPTION, created_at=now, updated_at=now)
        self.security_groups[group.id] = group
        self.default_groups[project_id] = group.id
        for ethertype in ("IPv4", "IPv6"):
            self._add_rule(group, direction="egress", ethertype=ethertype)
            self._add_rule(group, direction="ingress", ethertype=ethertype,
                           remote_group_id=group.id)
        return group

    def _add_rule(self, group: SecurityGroup, **values: Any) -> SecurityGroupRule:
        now = self._now()
        rule = SecurityGroupRule(id=self.cloud.ids.uuid(), project_id=group.project_id,
                                 security_group_id=group.id, created_at=now, updated_at=now,
                                 **values)
        self.security_group_rules[rule.id] = rule
        group.rule_ids.append(rule.id)
        return rule

    def group_visible(self, caller: Caller, group: SecurityGroup) -> bool:
        """`get_security_group`: admin or owner."""
        return caller.is_admin or group.project_id == caller.project_id

    def get_security_group(self, caller: Caller, group_id: str) -> SecurityGroup:
        """A group the caller may see.

        Raises:
            SecurityGroupNotFound: None, or not visible.
        """
        group = self.security_groups.get(group_id)
        if group is None or not self.group_visible(caller, group):
            raise SecurityGroupNotFound(id=group_id)
        return group

    def list_security_groups(self, caller: Caller) -> list[SecurityGroup]:
        """The groups the caller sees (making the caller's default group first)."""
        if caller.project_id:
            self.ensure_default_group(caller.project_id)
        return [g for g in self.security_groups.values() if self.group_visible(caller, g)]

    def rules_of(self, group: SecurityGroup) -> list[SecurityGroupRule]:
        """A group's rules, in creation order."""
        return [self.security_group_rules[r] for r in group.rule_ids]

    def create_security_group(self, caller: Caller, project_id: str,
                              values: Mapping[str, Any]) -> SecurityGroup:
        """A new group with the two egress rules Neutron adds.

        Raises:
            OverQuota: The project has its quota of groups.
        """
        self.ensure_default_group(project_id)
        self.check_quota(caller, project_id, "security_group")
        now = self._now()
        group = SecurityGroup(id=self.cloud.ids.uuid(), project_id=project_id,
                              name=values.get("name", ""),
                              description=values.get("description", ""),
                              stateful=values.get("stateful", True),
                              tags=list(values.get("tags", [])), created_at=now, updated_at=now)
        self.security_groups[group.id] = group
        for ethertype in ("IPv4", "IPv6"):
            self._add_rule(group, direction="egress", ethertype=ethertype)
        return group

    def update_security_group(self, caller: Caller, group_id: str,
                              values: Mapping[str, Any]) -> SecurityGroup:
        """Rename or redescribe a group.

        Raises:
            SecurityGroupNotFound: Not visible.
        """
        group = self.get_security_group(caller, group_id)
        for key in ("name", "description", "stateful"):
            if key in values:
                setattr(group, key, values[key])
        self._touch(group)
        return group

    def delete_security_group(self, caller: Caller, group_id: str) -> None:
        """Delete a group and its rules.

        Raises:
            SecurityGroupNotFound: Not visible.
            SecurityGroupInUse: Ports use it.
            SecurityGroupCannotRemoveDefault: A default group, and the caller no admin.
        """
        group = self.get_security_group(caller, group_id)
        if any(group.id in p.security_groups for p in self.ports.values()):
            raise SecurityGroupInUse(id=group.id, reason="in use")
        if group.name == "default" and not caller.is_admin:
            raise SecurityGroupCannotRemoveDefault()
        for other in self.security_group_rules.values():
            if other.remote_group_id == group.id and other.security_group_id != group.id:
                raise SecurityGroupInUse(id=group.id, reason="in use")
        for rule_id in group.rule_ids:
            self.security_group_rules.pop(rule_id, None)
        if self.default_groups.get(group.project_id) == group.id:
            del self.default_groups[group.project_id]
        del self.security_groups[group.id]

    def rule_visible(self, caller: Caller, rule: SecurityGroupRule) -> bool:
        """`get_security_group_rule`: admin, owner, or owner of the group."""
        group = self.security_groups.get(rule.security_group_id)
        return (caller.is_admin or rule.project_id == caller.project_id
                or (group is not None and group.project_id == caller.project_id))

    def get_security_group_rule(self, caller: Caller, rule_id: str) -> SecurityGroupRule:
        """A rule the caller may see.

        Raises:
            SecurityGroupRuleNotFound: None, or not visible.
        """
        rule = self.security_group_rules.get(rule_id)
        if rule is None or not self.rule_visible(caller, rule):
            raise SecurityGroupRuleNotFound(id=rule_id)
        return rule

    def list_security_group_rules(self, caller: Caller) -> list[SecurityGroupRule]:
        """The rules the caller sees."""
        if caller.project_id:
            self.ensure_default_group(caller.project_id)
        return [r for r in self.security_group_rules.values() if self.rule_visible(caller, r)]

    def create_security_group_rule(self, caller: Caller, values: Mapping[str, Any]
                                   ) -> SecurityGroupRule:
        """A new rule (`values` validated by `schema`: protocol lower-cased, ethertype
        canonical, ports ints).

        Raises:
            SecurityGroupNotFound: The group (or the remote group) is not visible.
            InvalidInput: Bad port range for the protocol; both remotes given.
            SecurityGroupRuleExists: The same rule exists.
            OverQuota: The project has its quota of rules.
        """
        group = self.get_security_group(caller, values["security_group_id"])
        remote = values.get("remote_group_id")
        if remote is not None:
            self.get_security_group(caller, remote)
            if values.get("remote_ip_prefix"):
                raise InvalidInput("Invalid input for operation: Only one of remote_ip_prefix "
                                   "or remote_group_id or remote_address_group_id may be "
                                   "provided..")
        rule_values = {k: values.get(k) for k in (
            "direction", "ethertype", "protocol", "port_range_min", "port_range_max",
            "remote_ip_prefix", "remote_group_id")}
        rule_values["description"] = values.get("description", "")
        self._check_ports(rule_values)
        if (rule_values["port_range_min"], rule_values["port_range_max"]) == (1, 65535):
            rule_values["port_range_min"] = rule_values["port_range_max"] = None
        key = _rule_key(rule_values)
        for existing in self.rules_of(group):
            if _rule_key(vars_of(existing)) == key:
                raise SecurityGroupRuleExists(rule_id=existing.id)
        self.check_quota(caller, group.project_id, "security_group_rule")
        rule = self._add_rule(group, **rule_values)
        self._touch(group)
        return rule

    @staticmethod
    def _check_ports(rule: Mapping[str, Any]) -> None:
        """`_validate_port_range`."""
        low, high, protocol = rule["port_range_min"], rule["port_range_max"], rule["protocol"]
        if low is None and high is None:
            return
        if not protocol:
            raise SecurityGroupProtocolRequiredWithPorts()
        if protocol in _PORT_PROTOCOLS:
            if low == 0 or high == 0:
                raise SecurityGroupInvalidPortValue(port=0)
            if low is None or high is None or low > high:
                raise SecurityGroupInvalidPortRange()
        elif protocol in _ICMP:
            for attr, name, value in (("port_range_min", "type", low),
                                      ("port_range_max", "code", high)):
                if value is not None and not 0 <= value <= 255:
                    raise InvalidInput(f"Invalid input for operation: Invalid value for ICMP "
                                       f"{name} ({attr}) {value}. It must be 0 to 255..")
            if low is None:
                raise InvalidInput(f"Invalid input for operation: ICMP code (port-range-max) "
                                   f"{high} is provided but ICMP type (port-range-min) is "
                                   f"missing..")
        else:
            raise SecurityGroupInvalidProtocolForPort(
                protocol=protocol, valid_port_protocols="DCCP, SCTP, TCP, UDP, UDPLITE")

    def delete_security_group_rule(self, caller: Caller, rule_id: str) -> None:
        """Delete a rule.

        Raises:
            SecurityGroupRuleNotFound: Not visible.
            PolicyNotAuthorized: Visible but in another project's group.
        """
        rule = self.get_security_group_rule(caller, rule_id)
        group = self.security_groups[rule.security_group_id]
        if not caller.is_admin and group.project_id != caller.project_id:
            raise refuse("delete", "security_group_rule")
        group.rule_ids.remove(rule.id)
        del self.security_group_rules[rule.id]
        self._touch(group)


def vars_of(rule: SecurityGroupRule) -> dict[str, Any]:
    """A rule's compared attributes."""
    return {"direction": rule.direction, "ethertype": rule.ethertype, "protocol": rule.protocol,
            "port_range_min": rule.port_range_min, "port_range_max": rule.port_range_max,
            "remote_ip_prefix": rule.remote_ip_prefix, "remote_group_id": rule.remote_group_id}


_ANY = {None, "0.0.0.0/0", "::/0"}
_NUMBERS = {"tcp": "6", "udp": "17", "icmp": "1", "ipv6-icmp": "58", "icmpv6": "58"}


def _rule_key(rule: Mapping[str, Any]) -> tuple[Any, ...]:
    """`_rule_to_key`: `any` prefixes and protocol names folded."""
    protocol = rule.get("protocol")
    return (rule["direction"], rule["ethertype"], rule.get("port_range_max"),
            rule.get("port_range_min"), _NUMBERS.get(protocol or "", protocol),
            rule.get("remote_group_id"),
            None if rule.get("remote_ip_prefix") in _ANY else rule.get("remote_ip_prefix"))

