"""Volume types (`cinder/volume/volume_types.py`, `cinder/api/v3/types.py`,
`cinder/api/contrib/types_manage.py`, `types_extra_specs.py`, `volume_type_access.py`): the
records, their lookups, and what admins do to them (create, update, delete, extra specs and
project access), for `client/openstack/blockstorage/v3/volumetypes`.

A private type (`is_public` false) is seen by admins and by the projects on its access list
(`_volume_type_get_query`: `is_public or projects.any(project_id=...)`); anyone else gets
the 404 of a type that does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    CinderError,
    NotFound,
    volume_type_not_found,
)
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = ["USER_VISIBLE_EXTRA_SPECS", "VolumeType", "VolumeTypesMixin"]

#: `policies/type_extra_specs.py`: the extra specs non-admins see.
USER_VISIBLE_EXTRA_SPECS = ("RESKEY:availability_zones", "multiattach", "replication_enabled")


@dataclass(slots=True)
class VolumeType:
    """A volume type (`volume_types` row with its extra specs)."""

    id: str
    name: str
    description: str | None = None
    is_public: bool = True
    extra_specs: dict[str, str] = field(default_factory=dict)
    qos_specs_id: str | None = None
    #: Made when Cinder's database was set up (`__DEFAULT__`): its row was updated then too.
    seeded: bool = False
    #: The projects a private type is shared with (`volume_type_projects`), in grant order.
    projects: list[str] = field(default_factory=list)

    def visible_to(self, caller: Caller) -> bool:
        """Whether the caller may see the type: public, shared with its project, or an
        admin."""
        return self.is_public or caller.is_admin or caller.project_id in self.projects

    @property
    def multiattach(self) -> bool:
        """Whether volumes of this type may attach to several servers (`<is> True`)."""
        return self.extra_specs.get("multiattach") == "<is> True"


class VolumeTypesMixin(_ModelBase):
    """The volume types of `BlockStorageModel` (`volume_types`, `default_type_name`)."""

    def get_volume_type(self, caller: Caller, type_id: str) -> VolumeType:
        """A volume type by id (`default` is the default type: the caller's project's,
        else `default_volume_type`).

        Raises:
            NotFound: "Volume type <id> could not be found."
        """
        if type_id == "default":
            found = self._project_default(caller.project_id) or self._type_by_name(
                self.default_type_name)
            if found is None:
                raise volume_type_not_found(type_id)
            return found
        vtype = self.volume_types.get(type_id)
        if vtype is None or not vtype.visible_to(caller):
            raise volume_type_not_found(type_id)
        return vtype

    def _type_by_name(self, name: str) -> VolumeType | None:
        return next((t for t in self.volume_types.values() if t.name == name), None)

    def find_volume_type(self, caller: Caller, name_or_id: str) -> VolumeType:
        """`VolumeType.get_by_name_or_id`: a UUID-like value is an id first, then a name.

        Raises:
            NotFound: "Volume type <id> could not be found." or "Volume type with name
                <name> could not be found."
        """
        if is_uuid_like(name_or_id):
            found = self.volume_types.get(name_or_id) or self._type_by_name(name_or_id)
            if found is None or not found.visible_to(caller):
                raise volume_type_not_found(name_or_id)
            return found
        found = self._type_by_name(name_or_id)
        if found is None or not found.visible_to(caller):
            raise NotFound(f"Volume type with name {name_or_id} could not be found.")
        return found

    def add_volume_type(self, name: str, *, extra_specs: Mapping[str, str] | None = None,
                        description: str | None = None, is_public: bool = True) -> VolumeType:
        """Add a volume type (as an admin's `POST /types`); `{"multiattach": "<is> True"}`
        makes its volumes multi-attachable.

        Raises:
            ValueError: The name is taken.
        """
        if self._type_by_name(name) is not None:
            raise ValueError(f"Volume Type {name} already exists.")
        vtype = VolumeType(id=self.cloud.ids.uuid(), name=name, description=description,
                           is_public=is_public, extra_specs=dict(extra_specs or {}))
        self.volume_types[vtype.id] = vtype
        return vtype

    def list_volume_types(self, caller: Caller, is_public: bool | None = True
                          ) -> list[VolumeType]:
        """The types a listing shows, in creation order: for a non-admin the public ones
        and the private ones shared with its project; for an admin those of `is_public`
        (`_parse_is_public`: None lists all).
        """
        if not caller.is_admin:
            return [t for t in self.volume_types.values() if t.visible_to(caller)]
        return [t for t in self.volume_types.values()
                if is_public is None or t.is_public == is_public]

    # -- types_manage (admins) ---------------------------------------------------------------

    def create_volume_type(self, caller: Caller, name: str, *,
                           description: str | None = None,
                           extra_specs: Mapping[str, str] | None = None,
                           is_public: bool = True) -> VolumeType:
        """`POST /types` (the policy is checked by the handler).

        Raises:
            CinderError: 409 "Volume Type <name> already exists."
        """
        if self._type_by_name(name) is not None:
            raise CinderError(f"Volume Type {name} already exists.", status=409)
        vtype = VolumeType(id=self.cloud.ids.uuid(), name=name, description=description,
                           is_public=is_public, extra_specs=dict(extra_specs or {}))
        self.volume_types[vtype.id] = vtype
        return vtype

    def update_volume_type(self, caller: Caller, type_id: str, *, name: str | None = None,
                           description: str | None = None,
                           is_public: bool | None = None) -> VolumeType:
        """`PUT /types/{id}`: a new name renames the type's quota resources too
        (`QUOTAS.update_quota_resource`).

        Raises:
            NotFound: "Volume type <id> could not be found."
            CinderError: 409 "Volume Type <name> already exists."
        """
        vtype = self.get_volume_type(caller, type_id)
        if name is not None and name != vtype.name:
            if self._type_by_name(name) is not None:
                raise CinderError(f"Volume Type {name} already exists.", status=409)
            self._rename_type_quotas(vtype.name, name)
            if vtype.name == self.default_type_name:
                self.default_type_name = name
            vtype.name = name
        if description is not None:
            vtype.description = description
        if is_public is not None:
            vtype.is_public = is_public
        return vtype

    def delete_volume_type(self, caller: Caller, type_id: str) -> None:
        """`DELETE /types/{id}`.

        Raises:
            NotFound: "Volume type <id> could not be found."
            BadRequest: "The volume type <id> is a default volume type and cannot be
                deleted." (`default_volume_type` or a project's default) or "Target
                volume type is still in use." (a volume, not yet deleted, has the type).
        """
        vtype = self.get_volume_type(caller, type_id)
        if (vtype.name == self.default_type_name
                or vtype.id in self.project_default_types.values()):
            raise BadRequest(f"The volume type {vtype.id} is a default volume type and "
                             "cannot be deleted.")
        if self._type_in_use(vtype):
            raise BadRequest("Target volume type is still in use.")
        del self.volume_types[vtype.id]

    def _type_in_use(self, vtype: VolumeType) -> bool:
        self.advance()
        return any(v.volume_type is vtype for v in self.volumes.values())

    def _rename_type_quotas(self, old: str, new: str) -> None:
        for table in (*self._quotas.values(), *self._usage.values()):
            for part in ("volumes", "gigabytes", "snapshots"):
                if f"{part}_{old}" in table:
                    table[f"{part}_{new}"] = table.pop(f"{part}_{old}")

    # -- extra specs -------------------------------------------------------------------------

    def extra_specs(self, caller: Caller, type_id: str) -> dict[str, str]:
        """`GET /types/{id}/extra_specs`: all of them for admins, the user-visible ones
        (`multiattach`, `RESKEY:availability_zones`, `replication_enabled`) for others."""
        vtype = self.get_volume_type(caller, type_id)
        if caller.is_admin:
            return dict(vtype.extra_specs)
        return {k: v for k, v in vtype.extra_specs.items() if k in USER_VISIBLE_EXTRA_SPECS}

    def extra_spec(self, caller: Caller, type_id: str, key: str) -> str:
        """`GET /types/{id}/extra_specs/{key}`.

        Raises:
            NotFound: "Volume Type <id> has no extra specs with key <key>."
        """
        specs = self.extra_specs(caller, type_id)
        if key not in specs:
            raise NotFound(f"Volume Type {type_id} has no extra specs with key {key}.")
        return specs[key]

    def set_extra_specs(self, caller: Caller, type_id: str, specs: Mapping[str, str]) -> None:
        """`POST /types/{id}/extra_specs` (merge) and `PUT .../{key}` (one).

        Raises:
            BadRequest: "Volume Type is currently in use." (checked before the type
                exists, as Cinder does), or "cacheable cannot be set with multiattach."
            NotFound: The type.
        """
        self._check_type_unused(type_id)
        vtype = self.get_volume_type(caller, type_id)
        merged = {**vtype.extra_specs, **specs}
        if merged.get("multiattach") == "<is> True" and merged.get("cacheable") == "<is> True" \
                and ("multiattach" in specs or "cacheable" in specs):
            raise BadRequest("cacheable cannot be set with multiattach.")
        vtype.extra_specs = merged

    def delete_extra_spec(self, caller: Caller, type_id: str, key: str) -> None:
        """`DELETE /types/{id}/extra_specs/{key}`.

        Raises:
            NotFound: The type, or "Volume Type <id> has no extra specs with key <key>."
            BadRequest: "Volume Type is currently in use."
        """
        vtype = self.get_volume_type(caller, type_id)
        self._check_type_unused(type_id)
        if key not in vtype.extra_specs:
            raise NotFound(f"Volume Type {type_id} has no extra specs with key {key}.")
        del vtype.extra_specs[key]

    def _check_type_unused(self, type_id: str) -> None:
        vtype = self.volume_types.get(type_id)
        if vtype is not None and self._type_in_use(vtype):
            raise BadRequest("Volume Type is currently in use.")

    # -- volume type access ------------------------------------------------------------------

    def type_access(self, caller: Caller, type_id: str) -> list[str]:
        """`GET /types/{id}/os-volume-type-access`: the projects a private type is shared
        with.

        Raises:
            NotFound: The type, or "Access list not available for public volume types."
        """
        vtype = self.get_volume_type(caller, type_id)
        if vtype.is_public:
            raise NotFound("Access list not available for public volume types.")
        return list(vtype.projects)

    def add_type_access(self, caller: Caller, type_id: str, project_id: str) -> None:
        """`addProjectAccess` (any type, public ones too, as Cinder's database allows).

        Raises:
            NotFound: "Volume type <id> could not be found."
            CinderError: 409 "Volume type access for <id> / <project> combination already
                exists."
        """
        vtype = self.volume_types.get(type_id)
        if vtype is None:
            raise volume_type_not_found(type_id)
        if project_id in vtype.projects:
            raise CinderError(f"Volume type access for {type_id} / {project_id} combination "
                              "already exists.", status=409)
        vtype.projects.append(project_id)

    def remove_type_access(self, caller: Caller, type_id: str, project_id: str) -> None:
        """`removeProjectAccess`.

        Raises:
            NotFound: The type, or "Volume type access not found for <id> / <project>
                combination."
        """
        vtype = self.volume_types.get(type_id)
        if vtype is None:
            raise volume_type_not_found(type_id)
        if project_id not in vtype.projects:
            raise NotFound(f"Volume type access not found for {type_id} / {project_id} "
                           "combination.")
        vtype.projects.remove(project_id)

    def _project_default(self, project_id: str | None) -> VolumeType | None:
        type_id = self.project_default_types.get(project_id) if project_id else None
        return self.volume_types.get(type_id) if type_id is not None else None

    def _default_type(self, project_id: str | None = None) -> VolumeType:
        """`get_default_volume_type`: the project's default type (3.62), else
        `default_volume_type`."""
        found = self._project_default(project_id) or self._type_by_name(self.default_type_name)
        if found is None:  # an admin deleted it: Cinder answers 500 VolumeTypeDefault...
            raise BadRequest("Default volume type can not be found.")
        return found
