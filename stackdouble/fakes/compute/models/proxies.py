"""The network proxy APIs Nova still has (`networks.py`, `security_groups.py`,
`floating_ips.py`, `floating_ip_pools.py`; deprecated from 2.36, the floating IP actions from
2.44): each call goes to the network service through the cloud's `networks` link, and its
refusals come back as the faults those controllers raise."""

from __future__ import annotations

from stackdouble.fakes.compute.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
)
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.networks import server_ref
from stackdouble.fakes.compute.models.servers import Server, ServerFault
from stackdouble.fakes.links import (
    FloatingIPInfo,
    LinkConflict,
    LinkError,
    LinkNotFound,
    LinkOverLimit,
    LinkRefused,
    NetworkInfo,
    SecurityGroupInfo,
    SecurityGroupRuleInfo,
)
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = ["ProxiesMixin"]


class ProxiesMixin(ModelBase):
    """Nova's network proxies, mixed into `ComputeModel`."""

    # -- os-networks -----------------------------------------------------------------------

    def proxy_network(self, caller: Caller, network_id: str) -> NetworkInfo:
        """`GET /os-networks/{id}`.

        Raises:
            NotFound: "Network not found".
        """
        try:
            return self.cloud.links.networks.network(caller, network_id)
        except LinkError:
            raise NotFound("Network not found") from None

    # -- os-security-groups and rules --------------------------------------------------------

    def proxy_security_group(self, caller: Caller, group_id: str) -> SecurityGroupInfo:
        """`GET /os-security-groups/{id}` (`validate_id`, then the group).

        Raises:
            BadRequest: Not a UUID.
            NotFound: No such group for the caller.
        """
        _check_group_id(group_id)
        try:
            return self.cloud.links.networks.security_group(caller, group_id)
        except LinkError:
            raise NotFound(f"Security group {group_id} not found.") from None

    def proxy_create_security_group(self, caller: Caller, name: str,
                                    description: str) -> SecurityGroupInfo:
        """`POST /os-security-groups`.

        Raises:
            Forbidden: The quota ("Maximum number of security groups or rules exceeded").
            BadRequest: The network service refuses it.
        """
        try:
            return self.cloud.links.networks.create_security_group(caller, name, description)
        except LinkOverLimit:
            raise Forbidden("Maximum number of security groups or rules exceeded") from None
        except LinkError as exc:
            raise BadRequest(exc.message) from None

    def proxy_delete_security_group(self, caller: Caller, group_id: str) -> None:
        """`DELETE /os-security-groups/{id}`.

        Raises:
            NotFound: No such group.
            BadRequest: In use, or the project's `default` (Nova's `Invalid`).
        """
        group = self.proxy_security_group(caller, group_id)
        try:
            self.cloud.links.networks.delete_security_group(caller, group.id)
        except LinkNotFound:
            raise NotFound(f"Security group {group_id} not found.") from None
        except LinkError as exc:
            raise BadRequest(exc.message) from None

    def proxy_create_rule(self, caller: Caller, rule: SecurityGroupRuleInfo
                          ) -> SecurityGroupRuleInfo:
        """`POST /os-security-group-rules`: an ingress rule in the parent group.

        Raises:
            NotFound: The parent or remote group does not exist.
            BadRequest: The network service refuses it, or it exists already.
            Forbidden: The quota.
        """
        self.proxy_security_group(caller, rule.group_id)
        if rule.remote_group_id is not None:
            self.proxy_security_group(caller, rule.remote_group_id)
        try:
            return self.cloud.links.networks.create_security_group_rule(caller, rule)
        except LinkNotFound as exc:
            raise NotFound(exc.message) from None
        except LinkOverLimit:
            raise Forbidden("Maximum number of security groups or rules exceeded") from None
        except LinkConflict:
            raise BadRequest("This rule already exists in group "
                             f"{rule.group_id}") from None
        except LinkError as exc:
            raise BadRequest(exc.message) from None

    def proxy_delete_rule(self, caller: Caller, rule_id: str) -> None:
        """`DELETE /os-security-group-rules/{id}`.

        Raises:
            BadRequest: Not a UUID.
            NotFound: No such rule.
        """
        _check_group_id(rule_id)
        try:
            self.cloud.links.networks.delete_security_group_rule(caller, rule_id)
        except LinkError:
            raise NotFound(f"Security group rule {rule_id} not found.") from None

    # -- os-floating-ips and the floating IP actions -----------------------------------------

    def proxy_floating_ip(self, caller: Caller, floating_ip_id: str) -> FloatingIPInfo:
        """`GET /os-floating-ips/{id}`.

        Raises:
            NotFound: "Floating IP not found for ID <id>".
        """
        for fip in self.cloud.links.networks.floating_ips(caller):
            if fip.id == floating_ip_id:
                return fip
        raise NotFound(f"Floating IP not found for ID {floating_ip_id}")

    def proxy_allocate_floating_ip(self, caller: Caller, pool: str | None) -> FloatingIPInfo:
        """`POST /os-floating-ips`: one from `pool` (None: the network service's pick).

        Raises:
            NotFound: No such pool, or none left.
            Forbidden: The floating IP quota.
        """
        try:
            return self.cloud.links.networks.allocate_floating_ip(caller, pool)
        except LinkNotFound:
            raise NotFound("Floating IP pool not found.") from None
        except LinkConflict:
            raise NotFound(f"No more floating IPs in pool {pool}." if pool
                           else "No more floating IPs available.") from None
        except LinkOverLimit:
            raise Forbidden(f"IP allocation over quota in pool {pool}." if pool
                            else "IP allocation over quota.") from None
        except LinkError as exc:
            raise BadRequest(exc.message) from None

    def proxy_release_floating_ip(self, caller: Caller, floating_ip_id: str) -> None:
        """`DELETE /os-floating-ips/{id}` (disassociated first, as Neutron does).

        Raises:
            NotFound: No such floating IP.
        """
        fip = self.proxy_floating_ip(caller, floating_ip_id)
        try:
            self.cloud.links.networks.release_floating_ip(caller, fip.id)
        except LinkError:
            raise NotFound(f"Floating IP not found for ID {floating_ip_id}") from None

    def add_floating_ip(self, caller: Caller, server_id: str, address: str,
                        fixed_address: str | None) -> None:
        """`addFloatingIp` (until 2.43): map `address` to the server's `fixed_address`
        (None: its first IPv4 fixed address, from the network info cache).

        Raises:
            NotFound: No such server or floating IP.
            BadRequest: No network yet, no such fixed address, no IPv4 one, already
                associated, or the network service refuses it (no router to it).
        """
        server = self.get_server(caller, server_id)
        fixed = [ip for vif in server.vifs for ip in vif.fixed_ips]
        if not server.vifs:
            raise BadRequest("Instance network is not ready yet")
        if not fixed:
            raise BadRequest("No fixed IPs associated to instance")
        if fixed_address is not None:
            if all(ip.address != fixed_address for ip in fixed):
                raise BadRequest("Specified fixed address not assigned to instance")
        else:
            fixed_address = next((ip.address for ip in fixed if ip.version == 4), None)
            if fixed_address is None:
                raise BadRequest(f"Unable to associate floating IP {address} to any fixed IPs "
                                 f"for instance {server_id}. Instance has no fixed IPv4 "
                                 "addresses to associate.")
        try:
            self.cloud.links.networks.associate_floating_ip(caller, server.uuid, address,
                                                            fixed_address)
        except LinkNotFound:
            raise NotFound("floating IP not found") from None
        except LinkConflict:
            raise BadRequest("floating IP is already associated") from None
        except LinkRefused as exc:
            raise BadRequest(f"Unable to associate floating IP {address} to fixed IP "
                             f"{fixed_address} for instance {server_id}. Error: "
                             f"{exc.message}") from None
        except LinkError as exc:
            raise Forbidden(exc.message) from None
        self.refresh_network_info(server)

    def remove_floating_ip(self, caller: Caller, server_id: str, address: str) -> None:
        """`removeFloatingIp` (until 2.43).

        Raises:
            NotFound: No such floating IP ("floating IP not found").
            Conflict: It is not associated with this server.
        """
        fip = next((f for f in self.cloud.links.networks.floating_ips(caller)
                    if f.address == address), None)
        if fip is None:
            raise NotFound("floating IP not found")
        server = self.servers.get(server_id)
        if fip.server_id != server_id or server is None or server.deleted:
            raise Conflict(f"Floating IP {address} is not associated with instance "
                           f"{server_id}.")
        try:
            self.cloud.links.networks.disassociate_floating_ip(caller, server_id, address)
        except LinkError:
            raise Conflict(f"Floating IP {address} is not associated with instance "
                           f"{server_id}.") from None
        self.refresh_network_info(server)

    # -- multinic (`addFixedIp`, `removeFixedIp`, until 2.43) --------------------------------

    def add_fixed_ip(self, caller: Caller, server_id: str, network_id: str) -> None:
        """`addFixedIp` (`multinic.py`, `API.add_fixed_ip`): an address of `network_id`
        more on the server's port on that network (`ComputeManager.add_fixed_ip_to_instance`
        through the `networks` link), shown in `addresses` at once.

        Nova's API only casts this to the compute host and answers 202: when the server
        has no port on that network, the host fails with `NetworkNotFoundForInstance`,
        which `wrap_instance_fault` records as the server's fault (code 404, shown once
        the server is ERROR or DELETED); nothing else changes.

        Raises:
            NotFound: No such server.
            Conflict: Locked (non-admins), or no host to cast to (Nova answers 500 there:
                `_compute_host` raises, and `expected_errors` turns that into one).
        """
        server = self._multinic_target(caller, server_id)
        try:
            self.cloud.links.networks.add_fixed_ip(caller, server_ref(server), network_id)
        except LinkError:
            self._host_fault(server, f"Network could not be found for instance {server.uuid}.")
            return
        self._changed(server)

    def remove_fixed_ip(self, caller: Caller, server_id: str, address: str) -> None:
        """`removeFixedIp` (`multinic.py`, `API.remove_fixed_ip`): `address` off the
        server's port holding it (`remove_fixed_ip_from_instance`).

        As `add_fixed_ip`, a cast: when no port of the server holds the address, the
        host's `FixedIpNotFoundForInstance` becomes the server's fault, and the answer is
        still 202.

        Raises:
            NotFound: No such server.
            Conflict: Locked (non-admins), or no host.
        """
        server = self._multinic_target(caller, server_id)
        try:
            self.cloud.links.networks.remove_fixed_ip(caller, server_ref(server), address)
        except LinkError:
            self._host_fault(server, f"Instance {server.uuid} does not have fixed IP "
                                     f"'{address}'.")
            return
        self._changed(server)

    def _multinic_target(self, caller: Caller, server_id: str) -> Server:
        """`check_instance_lock` (no state check), then `_compute_host`."""
        server = self.get_server(caller, server_id)
        self._check(caller, server, "addFixedIp", task_states=None, must_have_launched=False)
        if not server.host:
            raise Conflict(f"Instance {server.uuid} is not ready")
        return server

    def _host_fault(self, server: Server, message: str) -> None:
        """`wrap_instance_fault`: a `NotFound` from the host, recorded with its code."""
        server.fault = ServerFault(code=404, message=message, created_at=self._now())

    def _changed(self, server: Server) -> None:
        """The host's `refresh_cache` and `instance.save()` (updated_at bumped)."""
        self.refresh_network_info(server)
        server.updated_at = self._now()


def _check_group_id(value: str) -> None:
    """`security_group_api.validate_id`: Neutron's ids are UUIDs."""
    if not is_uuid_like(value):
        raise BadRequest("Security group id should be uuid")
