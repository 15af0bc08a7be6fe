"""QoS specs (`cinder/volume/qos_specs.py`, `cinder/objects/qos_specs.py`, the `qos_specs_*`
and `volume_type_qos_*` functions of `cinder/db/api.py`), for
`client/openstack/blockstorage/v3/qos`. Every call is an admin's (the API checks that).

A QoS specs has a unique name, a `consumer` (`back-end` by default, `front-end` or
`both`) and string specs. Its associations are the volume types whose `qos_specs_id`
names it; a type holds at most one. As Cinder:

* create: a taken name is a 409; a non-string spec value a 400 ("Invalid input
  received"); a spec whose value is null is not kept;
* update: sets keys (`consumer` too); a null value hides the key;
* delete keys: removes them in order up to the first one missing, which is a 404 (the
  ones before it stay removed);
* delete: refused while types are associated, unless forced (then they are freed);
* associate: a type already associated with another specs is a 400; with this one, a
  no-op; disassociating a type associated elsewhere is a no-op too;
* list: newest first (`created_at`, then `id`); only the table's columns filter (`id`
  does; `name` or `consumer`, not columns, match nothing) and sort (`value` is the name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    Conflict,
    NotFound,
    invalid_input,
    volume_type_not_found,
)
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.blockstorage.models.volumetypes import VolumeType
from stackdouble.fakes.timestamps import epoch_micros

__all__ = ["QOS_CONSUMERS", "QOS_FILTER_KEYS", "QosSpecs", "QosSpecsMixin",
           "qos_specs_not_found"]

#: `fields.QoSConsumerValues`.
QOS_CONSUMERS = ("back-end", "front-end", "both")
#: The `quality_of_service_specs` columns a listing may filter on.
QOS_FILTER_KEYS = frozenset({"id", "created_at", "updated_at", "deleted_at", "deleted",
                             "specs_id", "key", "value"})
#: Cinder's message for a consumer outside `QOS_CONSUMERS`, verbatim (it prints the field).
_BAD_CONSUMER = (
    "Invalid qos specs: Valid consumer of QoS specs are: QoSConsumerValues(default=<class "
    "'oslo_versionedobjects.fields.UnspecifiedDefault'>,nullable=False,valid_values=("
    "'back-end', 'front-end', 'both'))")


def qos_specs_not_found(specs_id: str) -> NotFound:
    """404 "No such QoS spec <id>." (`QoSSpecsNotFound`)."""
    return NotFound(f"No such QoS spec {specs_id}.")


@dataclass(slots=True)
class QosSpecs:
    """One QoS specs: its root row (`QoS_Specs_Name`), consumer and spec rows."""

    id: str
    name: str
    consumer: str
    created_at: datetime
    created_us: int
    specs: dict[str, str] = field(default_factory=dict)


def _check_strings(specs: Mapping[str, Any]) -> None:
    """`utils.validate_dictionary_string_length`."""
    for key, value in specs.items():
        if len(key) > 255:
            raise invalid_input(f"{key} has more than 255 characters.")
        if value is None:
            continue
        if not isinstance(value, str):
            raise invalid_input(f'Value for key "{key}" is not a string or unicode')
        if len(value) > 255:
            raise invalid_input(f'Value for key "{key}" has more than 255 characters.')


class QosSpecsMixin(_ModelBase):
    """The QoS specs of `BlockStorageModel` (`qos_specs`)."""

    qos_specs: dict[str, QosSpecs]

    def get_qos_specs(self, specs_id: str) -> QosSpecs:
        """The QoS specs.

        Raises:
            NotFound: No such QoS specs.
        """
        found = self.qos_specs.get(specs_id)
        if found is None:
            raise qos_specs_not_found(specs_id)
        return found

    def create_qos_specs(self, name: str, specs: Mapping[str, Any]) -> QosSpecs:
        """A new QoS specs named `name` (already stripped); `consumer` among `specs` is
        its consumer.

        Raises:
            BadRequest: A non-string value, or an unknown consumer.
            Conflict: The name is taken.
        """
        _check_strings(specs)
        given = dict(specs)
        consumer = given.pop("consumer", None) or "back-end"
        if consumer not in QOS_CONSUMERS:
            raise BadRequest(_BAD_CONSUMER)
        if any(q.name == name for q in self.qos_specs.values()):
            raise Conflict(f"QoS Specs {name} already exists.")
        now = self._now()
        made = QosSpecs(id=self.cloud.ids.uuid(), name=name, consumer=consumer,
                        created_at=now, created_us=epoch_micros(now),
                        specs={k: v for k, v in given.items() if v is not None})
        self.qos_specs[made.id] = made
        return made

    def update_qos_specs(self, specs_id: str, specs: Mapping[str, str | None]) -> None:
        """Set keys of a QoS specs (`consumer` sets the consumer; null hides a key).

        Raises:
            NotFound: No such QoS specs.
            BadRequest: An unknown consumer.
        """
        found = self.get_qos_specs(specs_id)
        if "consumer" in specs and specs["consumer"] not in QOS_CONSUMERS:
            raise BadRequest(_BAD_CONSUMER)
        for key, value in specs.items():
            if key == "consumer":
                found.consumer = str(value)
            elif value is None:
                found.specs.pop(key, None)
            else:
                found.specs[key] = value

    def delete_qos_keys(self, specs_id: str, keys: Sequence[str]) -> None:
        """Remove keys in order; the first missing one stops it with a 404 (the ones
        before it stay removed, as in Cinder).

        Raises:
            NotFound: No such QoS specs, or a key it does not have.
        """
        found = self.get_qos_specs(specs_id)
        for key in keys:
            if key not in found.specs:
                raise NotFound(f"QoS spec {specs_id} has no spec with key {key}.")
            del found.specs[key]

    def delete_qos_specs(self, specs_id: str, *, force: bool = False) -> None:
        """Delete a QoS specs; forced, its types are freed first.

        Raises:
            NotFound: No such QoS specs.
            BadRequest: Types are associated and `force` is false.
        """
        self.get_qos_specs(specs_id)
        associated = self.qos_associations(specs_id)
        if associated and not force:
            raise BadRequest("Qos specs still in use.")
        for vtype in associated:
            vtype.qos_specs_id = None
        del self.qos_specs[specs_id]

    def qos_associations(self, specs_id: str) -> list[VolumeType]:
        """The volume types associated with the QoS specs, oldest first.

        Raises:
            NotFound: No such QoS specs.
        """
        self.get_qos_specs(specs_id)
        return [t for t in self.volume_types.values() if t.qos_specs_id == specs_id]

    def _qos_type(self, type_id: str) -> VolumeType:
        vtype = self.volume_types.get(type_id)
        if vtype is None:
            raise volume_type_not_found(type_id)
        return vtype

    def associate_qos_specs(self, specs_id: str, type_id: str) -> None:
        """Associate a volume type with the QoS specs.

        Raises:
            NotFound: No such QoS specs or volume type.
            BadRequest: The type is associated with another QoS specs.
        """
        self.get_qos_specs(specs_id)
        vtype = self._qos_type(type_id)
        if vtype.qos_specs_id is not None and vtype.qos_specs_id != specs_id:
            raise BadRequest(f"Invalid volume type: Type {type_id} is already associated "
                             f"with another qos specs: {vtype.qos_specs_id}")
        vtype.qos_specs_id = specs_id

    def disassociate_qos_specs(self, specs_id: str, type_id: str) -> None:
        """Free a volume type of the QoS specs (a no-op when it names another).

        Raises:
            NotFound: No such QoS specs or volume type.
        """
        self.get_qos_specs(specs_id)
        vtype = self._qos_type(type_id)
        if vtype.qos_specs_id == specs_id:
            vtype.qos_specs_id = None

    def disassociate_all_qos_specs(self, specs_id: str) -> None:
        """Free every volume type of the QoS specs.

        Raises:
            NotFound: No such QoS specs.
        """
        for vtype in self.qos_associations(specs_id):
            vtype.qos_specs_id = None

    def list_qos_specs(self, filters: Mapping[str, str], *, sort: Sequence[tuple[str, str]],
                       marker: str | None = None) -> list[QosSpecs]:
        """Every QoS specs in `sort` order (then `id`), after `marker` when given.

        Raises:
            BadRequest: A sort key that is not a column ("Invalid sort key").
            NotFound: The marker names no QoS specs.
        """
        for key, _direction in sort:
            if key not in QOS_FILTER_KEYS:
                raise invalid_input("Invalid sort key")
        if marker is not None:
            self.get_qos_specs(marker)
        if any(k not in QOS_FILTER_KEYS for k in filters):
            return []
        found = [q for q in self.qos_specs.values() if _qos_matches(q, filters)]
        last_dir = sort[-1][1] if sort else "desc"
        found.sort(key=lambda q: q.id, reverse=last_dir == "desc")
        for key, direction in reversed(sort):
            found.sort(key=lambda q, k=key: _qos_sort_value(q, k),  # type: ignore[misc]
                       reverse=direction == "desc")
        if marker is not None:
            ids = [q.id for q in found]
            found = found[ids.index(marker) + 1:] if marker in ids else []
        return found


def _qos_sort_value(q: QosSpecs, key: str) -> Any:
    if key == "value":
        return q.name
    if key == "id":
        return q.id
    if key in ("created_at", "updated_at"):
        return q.created_us
    return 0  # constant on the root rows (key, specs_id, deleted...)


def _qos_matches(q: QosSpecs, filters: Mapping[str, str]) -> bool:
    for key, value in filters.items():
        if key == "id" and q.id != value:
            return False
        if key == "value" and q.name != value:
            return False
        if key == "key" and value != "QoS_Specs_Name":
            return False
        if key in ("created_at", "updated_at", "deleted_at", "specs_id"):
            return False
    return True
