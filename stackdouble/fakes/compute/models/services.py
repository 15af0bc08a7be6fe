"""Nova's services (`os-services`, `nova/api/openstack/compute/services.py`; the client's
`compute/v2/services`): the scheduler and conductor of the controller and one
`nova-compute` per host (`hypervisors`). Disabling or forcing down a compute service takes
its host out of scheduling (`ComputeFilter`). Admins only (`nova/policies/services.py`)."""

from __future__ import annotations

from stackdouble.fakes.compute.errors import BadRequest, Conflict, NotFound, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import Caller
from stackdouble.fakes.compute.models.hypervisors import NovaService

__all__ = ["ServicesMixin"]

_NOT_COMPUTE = ("Updating a {binary} service is not supported. Only nova-compute services "
                "can be updated.")


class ServicesMixin(ModelBase):
    """`os-services`, mixed into `ComputeModel`."""

    def _admin(self, caller: Caller, rule: str) -> None:
        if not caller.is_admin:
            raise policy_forbidden(f"os_compute_api:os-services:{rule}")

    def list_services(self, caller: Caller, *, host: str | None = None,
                      binary: str | None = None) -> list[NovaService]:
        """The services, filtered by `host` and `binary` (empty values do not filter).

        Raises:
            Forbidden: Not an admin.
        """
        self._admin(caller, "list")
        return [s for s in self.services
                if (not host or s.host == host) and (not binary or s.binary == binary)]

    def service_by_host_binary(self, caller: Caller, host: str, binary: str) -> NovaService:
        """The service the pre-2.53 `PUT /os-services/{action}` names by host and binary.

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not `nova-compute`.
            NotFound: "Compute service of <host> could not be found." /
                "Service <binary> on host <host> could not be found."
        """
        self._admin(caller, "update")
        if binary != "nova-compute":
            raise BadRequest(_NOT_COMPUTE.format(binary=binary))
        for service in self.services:
            if service.host == host and service.binary == binary:
                return service
        raise NotFound(f"Host '{host}' is not mapped to any cell")

    def service_by_uuid(self, caller: Caller, service_id: str, rule: str) -> NovaService:
        """A service by its uuid (2.53), or its integer id before.

        Raises:
            Forbidden: Not an admin.
            NotFound: "Service <id> could not be found."
        """
        self._admin(caller, rule)
        for service in self.services:
            if service_id in (service.uuid, str(service.id)):
                return service
        raise NotFound(f"Service {service_id} could not be found.")

    def update_service(self, service: NovaService, *, disabled: bool | None = None,
                       reason: str | None = None, forced_down: bool | None = None) -> None:
        """Enable/disable (with a reason) or force down/up a compute service.

        Raises:
            BadRequest: Not `nova-compute`.
        """
        if service.binary != "nova-compute":
            raise BadRequest(_NOT_COMPUTE.format(binary=service.binary))
        if disabled is not None:
            service.disabled = disabled
            service.disabled_reason = reason if disabled else None
        if forced_down is not None:
            service.forced_down = forced_down

    def delete_service(self, caller: Caller, service_id: str) -> None:
        """`DELETE /os-services/{id}`: a compute service without servers goes with its host.

        Raises:
            Forbidden: Not an admin.
            NotFound: Unknown.
            Conflict: Its host still has servers.
        """
        service = self.service_by_uuid(caller, service_id, "delete")
        if service.binary == "nova-compute":
            host = self.hosts.get(service.host)
            if host is not None and self.servers_on(host):
                raise Conflict("Unable to delete compute service that is hosting instances. "
                               "Migrate or delete the instances first.")
            self.hosts.pop(service.host, None)
            self._forget_host(service.host)
        self.services.remove(service)
