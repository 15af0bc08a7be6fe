"""OS-EP-FILTER (the fake of `identity/v3/extensions/epfilter/` and `.../projectendpoints/`):
endpoint groups, and the endpoints and endpoint groups associated with a project.

As Keystone 30's catalog (`keystone/catalog/core.py`, `keystone/catalog/backends/sql.py`,
whose default `sql` driver filters the catalog itself):

- an endpoint group is a name, a description and `filters`, a non-empty subset of
  `service_id`, `region_id` and `interface` (checked by the handler); it matches every
  endpoint whose attributes equal all its filters;
- a project's endpoints are those associated with it directly plus those its endpoint groups
  match; when there are any, its project-scoped tokens' catalogs list only the enabled ones
  among them (services left without endpoints are dropped); when there are none, the whole
  catalog (`[endpoint_filter] return_all_endpoints_if_no_filter`, true by default);
- associating twice is a 409; deleting an endpoint group, an endpoint or a project drops
  its associations (the last two by ignoring associations whose ends are gone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import Conflict, NotFound
from stackdouble.fakes.identity.models._common import _ModelBase
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.endpoints import Endpoint

__all__ = ["FILTER_KEYS", "EndpointGroup", "EndpointGroupsMixin"]

#: The endpoint attributes an endpoint group may filter on, in Keystone's order.
FILTER_KEYS = ("service_id", "region_id", "interface")


@dataclass(slots=True, kw_only=True)
class EndpointGroup:
    """A named set of filters selecting catalog endpoints."""

    id: str
    name: str
    filters: dict[str, Any] = field(default_factory=dict)
    description: str | None = None

    def matches(self, endpoint: Endpoint) -> bool:
        """Whether every filter equals the endpoint's attribute of that name."""
        return all(getattr(endpoint, key, None) == value for key, value in self.filters.items())


class EndpointGroupsMixin(_ModelBase):
    """`IdentityModel`'s endpoint groups and project-endpoint associations."""

    def get_endpoint_group(self, endpoint_group_id: str) -> EndpointGroup:
        """One endpoint group.

        Raises:
            NotFound: "Could not find Endpoint Group: <id>."
        """
        found = self.endpoint_groups.get(endpoint_group_id)
        if found is None:
            raise NotFound(f"Could not find Endpoint Group: {endpoint_group_id}.")
        return found

    def list_endpoint_groups(self, *, name: str | None = None) -> list[EndpointGroup]:
        """Endpoint groups in creation order, filtered by exact name (None: any)."""
        return [g for g in self.endpoint_groups.values() if name is None or g.name == name]

    @locked
    def create_endpoint_group(self, name: str, filters: dict[str, Any], *,
                              description: str | None = None) -> EndpointGroup:
        """Add an endpoint group (the handler has checked the filters' keys)."""
        group = EndpointGroup(id=self._ids.hex32(), name=name, filters=dict(filters),
                              description=description)
        self.endpoint_groups[group.id] = group
        return group

    @locked
    def update_endpoint_group(self, endpoint_group_id: str, changes: dict[str, Any]
                              ) -> EndpointGroup:
        """Replace the given attributes (`name`, `description`, `filters`)."""
        group = self.get_endpoint_group(endpoint_group_id)
        for key in ("name", "description", "filters"):
            if key in changes:
                setattr(group, key, dict(changes[key]) if key == "filters" else changes[key])
        return group

    @locked
    def delete_endpoint_group(self, endpoint_group_id: str) -> None:
        """Delete an endpoint group and its project associations."""
        self.get_endpoint_group(endpoint_group_id)
        del self.endpoint_groups[endpoint_group_id]
        for pair in [p for p in self.project_endpoint_groups if p[0] == endpoint_group_id]:
            del self.project_endpoint_groups[pair]

    def endpoints_in_group(self, endpoint_group_id: str) -> list[Endpoint]:
        """The endpoints an endpoint group's filters match, in the catalog's order."""
        group = self.get_endpoint_group(endpoint_group_id)
        return [e for e in self.endpoints.values() if group.matches(e)]

    # -- endpoint groups of a project ----------------------------------------------------

    @locked
    def add_endpoint_group_to_project(self, endpoint_group_id: str, project_id: str) -> None:
        """Associate an endpoint group with a project.

        Raises:
            NotFound: No such project, or no such endpoint group (checked in that order).
            Conflict: Already associated.
        """
        self._check_group_and_project(endpoint_group_id, project_id)
        pair = (endpoint_group_id, project_id)
        if pair in self.project_endpoint_groups:
            raise Conflict("project_endpoint_group", "Duplicate entry")
        self.project_endpoint_groups[pair] = None

    def check_endpoint_group_in_project(self, endpoint_group_id: str, project_id: str) -> None:
        """Raises NotFound unless the endpoint group is associated with the project."""
        self._check_group_and_project(endpoint_group_id, project_id)
        if (endpoint_group_id, project_id) not in self.project_endpoint_groups:
            raise NotFound("Endpoint Group Project Association not found")

    @locked
    def remove_endpoint_group_from_project(self, endpoint_group_id: str,
                                           project_id: str) -> None:
        """Drop an endpoint group's association with a project (NotFound when none)."""
        self.check_endpoint_group_in_project(endpoint_group_id, project_id)
        del self.project_endpoint_groups[(endpoint_group_id, project_id)]

    def _check_group_and_project(self, endpoint_group_id: str, project_id: str) -> None:
        if project_id not in self.projects:
            raise NotFound(f"Could not find project: {project_id}.")
        self.get_endpoint_group(endpoint_group_id)

    def endpoint_groups_for_project(self, project_id: str) -> list[EndpointGroup]:
        """The endpoint groups associated with a project, in association order."""
        if project_id not in self.projects:
            raise NotFound(f"Could not find project: {project_id}.")
        return [self.endpoint_groups[g] for (g, p) in self.project_endpoint_groups
                if p == project_id]

    def projects_for_endpoint_group(self, endpoint_group_id: str) -> list[str]:
        """Ids of the projects an endpoint group is associated with (none for an unknown
        group: Keystone does not look the group up)."""
        return [p for (g, p) in self.project_endpoint_groups
                if g == endpoint_group_id and p in self.projects]

    # -- endpoints of a project ----------------------------------------------------------

    @locked
    def add_endpoint_to_project(self, endpoint_id: str, project_id: str) -> None:
        """Associate an endpoint with a project.

        Raises:
            NotFound: No such endpoint, or no such project (checked in that order).
            Conflict: Already associated.
        """
        self._check_endpoint_and_project(endpoint_id, project_id)
        pair = (endpoint_id, project_id)
        if pair in self.project_endpoints:
            raise Conflict("project_endpoint", "Duplicate entry")
        self.project_endpoints[pair] = None

    def check_endpoint_in_project(self, endpoint_id: str, project_id: str) -> None:
        """Raises NotFound unless the endpoint is associated with the project directly."""
        self._check_endpoint_and_project(endpoint_id, project_id)
        self._require_project_endpoint(endpoint_id, project_id)

    @locked
    def remove_endpoint_from_project(self, endpoint_id: str, project_id: str) -> None:
        """Drop an endpoint's association (Keystone checks only the association)."""
        self._require_project_endpoint(endpoint_id, project_id)
        del self.project_endpoints[(endpoint_id, project_id)]

    def _require_project_endpoint(self, endpoint_id: str, project_id: str) -> None:
        # A deleted endpoint or project took its associations with it.
        if ((endpoint_id, project_id) not in self.project_endpoints
                or endpoint_id not in self.endpoints or project_id not in self.projects):
            raise NotFound(f"Endpoint {endpoint_id} not found in project {project_id}")

    def _check_endpoint_and_project(self, endpoint_id: str, project_id: str) -> None:
        if endpoint_id not in self.endpoints:
            raise NotFound(f"Could not find endpoint: {endpoint_id}.")
        if project_id not in self.projects:
            raise NotFound(f"Could not find project: {project_id}.")

    def projects_for_endpoint(self, endpoint_id: str) -> list[str]:
        """Ids of the projects an endpoint is associated with directly."""
        if endpoint_id not in self.endpoints:
            raise NotFound(f"Could not find endpoint: {endpoint_id}.")
        return [p for (e, p) in self.project_endpoints if e == endpoint_id and p in self.projects]

    def endpoints_for_project(self, project_id: str) -> list[Endpoint]:
        """Keystone's `list_endpoints_for_project`: the project's own endpoints, then those
        its endpoint groups match, without repeats (disabled ones included)."""
        if project_id not in self.projects:
            raise NotFound(f"Could not find project: {project_id}.")
        return self._filtered_endpoints(project_id)

    def _filtered_endpoints(self, project_id: str) -> list[Endpoint]:
        found: dict[str, Endpoint] = {}
        for (endpoint_id, pid) in self.project_endpoints:
            if pid == project_id and endpoint_id in self.endpoints:
                found[endpoint_id] = self.endpoints[endpoint_id]
        for (group_id, pid) in self.project_endpoint_groups:
            if pid != project_id or group_id not in self.endpoint_groups:
                continue
            group = self.endpoint_groups[group_id]
            for endpoint in self.endpoints.values():
                if endpoint.id not in found and group.matches(endpoint):
                    found[endpoint.id] = endpoint
        return list(found.values())

    def catalog_endpoint_ids(self, project_id: str | None) -> set[str] | None:
        """The endpoint ids a project's catalog is limited to, or None for the whole
        catalog (no project, or nothing associated with it)."""
        if not project_id:
            return None
        found = self._filtered_endpoints(project_id)
        return {e.id for e in found} if found else None
