"""Volume types (`cinder/volume/volume_types.py`, `cinder/api/v3/types.py`): the records
and their lookups, for `client/openstack/blockstorage/v3/volumetypes`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stackdouble.fakes.blockstorage.errors import BadRequest, volume_type_not_found
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = ["VolumeType", "VolumeTypesMixin"]


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

    @property
    def multiattach(self) -> bool:
        """Whether volumes of this type may attach to several servers (`<is> True`)."""
        return self.extra_specs.get("multiattach") == "<is> True"


class VolumeTypesMixin(_ModelBase):
    """The volume types of `BlockStorageModel` (`volume_types`, `default_type_name`)."""

    def get_volume_type(self, caller: Caller, type_id: str) -> VolumeType:
        """A volume type by id (`default` is the default type).

        Raises:
            NotFound: "Volume type <id> could not be found."
        """
        if type_id == "default":
            found = self._type_by_name(self.default_type_name)
            if found is None:
                raise volume_type_not_found(type_id)
            return found
        vtype = self.volume_types.get(type_id)
        if vtype is None or (not vtype.is_public and not caller.is_admin):
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
            if found is None:
                raise volume_type_not_found(name_or_id)
            return found
        found = self._type_by_name(name_or_id)
        if found is None:
            from stackdouble.fakes.blockstorage.errors import NotFound

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

    def list_volume_types(self, caller: Caller) -> list[VolumeType]:
        """The public types (an admin: all), by `created_at`... in insertion order."""
        return [t for t in self.volume_types.values() if t.is_public or caller.is_admin]

    def _default_type(self) -> VolumeType:
        found = self._type_by_name(self.default_type_name)
        if found is None:  # an admin deleted it: Cinder answers 500 VolumeTypeDefault...
            raise BadRequest("Default volume type can not be found.")
        return found
