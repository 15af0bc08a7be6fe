"""Keystone's catalog services (the fake of `client/openstack/identity/v3/services/`).

Deleting a service deletes its endpoints (`keystone/catalog/core.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from stackdouble.fakes.identity.models._common import (
    _ModelBase,
    _set_given,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    pass


__all__ = ["CatalogService", "ServicesMixin"]

@dataclass(slots=True, kw_only=True)
class CatalogService:
    """A service in the catalog (`compute`/`nova`)."""

    id: str
    type: str
    name: str
    enabled: bool = True
    description: str | None = None


class ServicesMixin(_ModelBase):
    """`IdentityModel`'s catalog services."""

    def find_service(self, ref: str | CatalogService) -> CatalogService:
        """A catalog service by id, name or type.

        Raises:
            LookupError: No such service.
        """
        if isinstance(ref, CatalogService):
            return ref
        if ref in self.services:
            return self.services[ref]
        for attr in ("name", "type"):
            for service in self.services.values():
                if getattr(service, attr) == ref:
                    return service
        raise LookupError(f"no service {ref!r}; have "
                          f"{sorted(s.name for s in self.services.values())}")

    @locked
    def add_service(self, type: str, name: str, enabled: bool = True,
                    description: str | None = None) -> CatalogService:
        """Add a service to the catalog (endpoints come with `add_endpoint`)."""
        service = CatalogService(id=self._ids.hex32(), type=type, name=name, enabled=enabled,
                                 description=description)
        self.services[service.id] = service
        return service

    def get_service(self, service_id: str) -> CatalogService:
        """A service by id. Raises: NotFound "Could not find service: <id>."."""
        return cast(CatalogService, self._get(self.services, "service", service_id))

    @locked
    def update_service(self, service_id: str, *, type: str | None = None,
                       name: str | None = None, enabled: bool | None = None,
                       description: str | None = None) -> CatalogService:
        """Change a catalog service (new tokens show the change)."""
        service = self.get_service(service_id)
        _set_given(service, type=type, name=name, enabled=enabled, description=description)
        return service

    @locked
    def delete_service(self, service_id: str) -> None:
        """Delete a service and its endpoints."""
        self.get_service(service_id)
        del self.services[service_id]
        for endpoint in [e for e in self.endpoints.values() if e.service_id == service_id]:
            del self.endpoints[endpoint.id]

