"""Host aggregates of the fake Nova (`os-aggregates`, the client's `compute/v2/aggregates`)
and the availability zones they make.

A transcription of Nova's `AggregateAPI` (`nova/compute/api.py`), its `Aggregate` object
(`nova/objects/aggregate.py`) and `nova/availability_zones.py`:

- An aggregate has an integer id (its row), a uuid (shown from 2.41), a unique name, hosts
  and string metadata. An availability zone is the metadata key `availability_zone`
  (`create_aggregate` stores the `availability_zone` argument there).
- `is_safe_to_update_az` guards every change that may move a host to another zone: an
  empty zone name is refused, a host may not be in two zones ("One or more hosts already in
  availability zone(s) [...]"), and a zone may not change under a host with servers ("One
  or more hosts contain instances in this zone"); `add_host` and `remove_host` also refuse
  to change the zone of a host that has servers
  (`ensure_no_instances_need_to_move_az_when_host_added` / `_removed`).
- A compute host is in the zone of the aggregate that gives it one, else in
  `[DEFAULT] default_availability_zone` (`nova`); the other services are in
  `[DEFAULT] internal_service_availability_zone` (`internal`). `os-services` shows each
  service's zone (`set_availability_zones`), `os-availability-zone` lists the zones of the
  enabled services (`get_availability_zones`).
- A server asking for a zone must ask for an available one ("The requested availability
  zone is not available", `_validate_and_build_base_options`), and is placed only on hosts
  of the aggregates with that zone (`map_az_to_placement_aggregate`, placement's
  `member_of`): a zone no aggregate has (`nova`) restricts nothing. The conductor then sets
  the server's zone to its host's (`schedule_and_build_instances`, the migrate, live
  migrate, evacuate and unshelve tasks alike).

Deliberate differences: Nova saves a renamed aggregate before it checks the new zone (a
refused zone leaves the new name); here a refused request changes nothing. Names compare
exactly (MySQL's default collation would compare them case-insensitively). The image cache
request (2.81) checks the images and does nothing else: the fake hosts keep no images.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from stackdouble.fakes.compute.errors import BadRequest, Conflict, NotFound, policy_forbidden
from stackdouble.fakes.compute.models._base import ModelBase
from stackdouble.fakes.compute.models._common import DEFAULT_AZ, Caller
from stackdouble.fakes.compute.models.hypervisors import NovaService

__all__ = ["AZ_KEY", "INTERNAL_AZ", "Aggregate", "AggregatesMixin"]

#: The metadata key that makes an aggregate an availability zone.
AZ_KEY = "availability_zone"
#: `[DEFAULT] internal_service_availability_zone`: the zone of the non-compute services.
INTERNAL_AZ = "internal"
_POLICY = "os_compute_api:os-aggregates:{}"
_INSTANCES_MOVE = (
    "The host cannot be {verb} the aggregate as the availability zone of the host would "
    "change from '{old}' to '{new}' but the host already has {count} instance(s). Changing "
    "the AZ of an existing instance is not supported by this action. Move the instances "
    "away from this host then try again. If you need to move the instances between AZs "
    "then you can use shelve_offload and unshelve to achieve this.")


@dataclass(slots=True)
class Aggregate:
    """A host aggregate (`aggregates`, `aggregate_hosts`, `aggregate_metadata`).

    `updated_at` is the row's: a rename sets it; a metadata change shows the time only in
    its answer, as Nova's object does (the metadata rows are other tables).
    """

    id: int
    uuid: str
    name: str
    created_at: datetime
    updated_at: datetime | None = None
    hosts: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def availability_zone(self) -> str | None:
        """The `availability_zone` metadata, if any."""
        return self.metadata.get(AZ_KEY)


def _aggregate_id(raw: str) -> int:
    """`utils.validate_integer(id, 'id')` (oslo's `int(str(value))`).

    Raises:
        BadRequest: "Invalid input received: id must be an integer".
    """
    try:
        return int(str(raw))
    except ValueError:
        raise BadRequest("Invalid input received: id must be an integer") from None


class AggregatesMixin(ModelBase):
    """Host aggregates and availability zones, mixed into `ComputeModel`."""

    # -- os-aggregates ---------------------------------------------------------------------

    def _aggregate_policy(self, caller: Caller, rule: str) -> None:
        """`nova/policies/aggregates.py`: every rule is `base.ADMIN`."""
        if not caller.is_admin:
            name = ("compute:aggregates:images" if rule == "images"
                    else _POLICY.format(rule))
            raise policy_forbidden(name)

    def _aggregate(self, aggregate_id: str) -> Aggregate:
        found = self.aggregates.get(_aggregate_id(aggregate_id))
        if found is None:
            raise NotFound(f"Aggregate {aggregate_id} could not be found.")
        return found

    def list_aggregates(self, caller: Caller) -> list[Aggregate]:
        """Every aggregate, in id order.

        Raises:
            Forbidden: Not an admin.
        """
        self._aggregate_policy(caller, "index")
        return [self.aggregates[k] for k in sorted(self.aggregates)]

    def get_aggregate(self, caller: Caller, aggregate_id: str) -> Aggregate:
        """One aggregate by its integer id (as the URL gives it).

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer.
            NotFound: "Aggregate <id> could not be found."
        """
        self._aggregate_policy(caller, "show")
        return self._aggregate(aggregate_id)

    def create_aggregate(self, caller: Caller, name: str,
                         availability_zone: str | None = None) -> Aggregate:
        """A new aggregate; a non-empty `availability_zone` becomes its metadata.

        Raises:
            Forbidden: Not an admin.
            Conflict: "Aggregate <name> already exists."
        """
        self._aggregate_policy(caller, "create")
        name = name.strip()
        if any(a.name == name for a in self.aggregates.values()):
            raise Conflict(f"Aggregate {name} already exists.")
        self._aggregate_row += 1
        aggregate = Aggregate(id=self._aggregate_row, uuid=self.cloud.ids.uuid(), name=name,
                              created_at=self._now())
        if availability_zone:
            aggregate.metadata[AZ_KEY] = availability_zone.strip()
        self.aggregates[aggregate.id] = aggregate
        return aggregate

    def update_aggregate(self, caller: Caller, aggregate_id: str, *, name: str | None = None,
                         availability_zone: str | None = None,
                         zone_given: bool = False) -> Aggregate:
        """`PUT /os-aggregates/{id}`: rename, and/or set the zone (`zone_given`; None or ""
        is refused as an empty zone name). Returns the aggregate as the answer shows it.

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer id; a zone Nova refuses (see the module).
            NotFound: Unknown aggregate.
            Conflict: Another aggregate has the name.
        """
        self._aggregate_policy(caller, "update")
        aggregate = self._aggregate(aggregate_id)
        if name is not None:
            name = name.strip()
            if any(a.name == name and a.id != aggregate.id for a in self.aggregates.values()):
                raise Conflict(f"Aggregate {name} already exists.")
        changes: dict[str, str | None] = {AZ_KEY: availability_zone} if zone_given else {}
        self._check_zone_change(
            changes, aggregate, name=name if name is not None else aggregate.name,
            hosts=aggregate.hosts, prefix=f"Cannot update aggregate {aggregate.id}",
            check_instances=True)
        now = self._now()
        if name is not None:
            aggregate.name = name
            aggregate.updated_at = now
        if not changes:
            return aggregate
        self._apply_metadata(aggregate, changes)
        return replace(aggregate, hosts=list(aggregate.hosts), metadata=dict(aggregate.metadata),
                       updated_at=now)

    def set_aggregate_metadata(self, caller: Caller, aggregate_id: str,
                               metadata: Mapping[str, str | None]) -> Aggregate:
        """`set_metadata`: merge `metadata` in (None deletes a key). Returns the aggregate as
        the answer shows it (with this time as `updated_at`).

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer id; a zone Nova refuses (see the module).
            NotFound: Unknown aggregate.
        """
        self._aggregate_policy(caller, "set_metadata")
        aggregate = self._aggregate(aggregate_id)
        self._check_zone_change(
            metadata, aggregate, name=aggregate.name, hosts=aggregate.hosts,
            prefix=f"Cannot update metadata of aggregate {aggregate.id}", check_instances=True)
        self._apply_metadata(aggregate, metadata)
        return replace(aggregate, hosts=list(aggregate.hosts), metadata=dict(aggregate.metadata),
                       updated_at=self._now())

    def delete_aggregate(self, caller: Caller, aggregate_id: str) -> None:
        """Delete an aggregate without hosts.

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer id; hosts left ("... Host aggregate is not empty.").
            NotFound: Unknown aggregate.
        """
        self._aggregate_policy(caller, "delete")
        aggregate = self._aggregate(aggregate_id)
        if aggregate.hosts:
            raise BadRequest(f"Cannot remove host from aggregate {aggregate_id}. "
                             "Reason: Host aggregate is not empty.")
        del self.aggregates[aggregate.id]

    def add_aggregate_host(self, caller: Caller, aggregate_id: str, host: str) -> Aggregate:
        """`add_host`: the compute host joins the aggregate (and its zone).

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer id.
            NotFound: "Compute host <host> could not be found.", unknown aggregate.
            Conflict: The host in another zone, its servers' zone would change, or the host
                already in the aggregate.
        """
        self._aggregate_policy(caller, "add_host")
        number = _aggregate_id(aggregate_id)
        if host not in self.hosts:
            raise NotFound(f"Compute host {host} could not be found.")
        aggregate = self._aggregate(aggregate_id)
        prefix = f"Cannot add host to aggregate {number}"
        self._check_zone_change(aggregate.metadata, aggregate, name=aggregate.name,
                                hosts=[host], prefix=prefix, status=Conflict)
        new = aggregate.availability_zone
        count = len(self.servers_on(self.hosts[host]))
        old = self._zones_of(host)
        if count and new and (old[0] if old else None) != new:
            raise Conflict(f"{prefix}. Reason: " + _INSTANCES_MOVE.format(
                verb="added to", old=old[0] if old else None, new=new, count=count) + ".")
        if host in aggregate.hosts:
            raise Conflict(f"Aggregate {number} already has host {host}.")
        aggregate.hosts.append(host)
        self._refresh_service_zones()
        return aggregate

    def remove_aggregate_host(self, caller: Caller, aggregate_id: str,
                              host: str) -> Aggregate:
        """`remove_host`: the host leaves the aggregate (and its zone).

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer id.
            NotFound: "Cannot remove host <host> in aggregate <id>" (an unknown host or
                aggregate, or a host not in it).
            Conflict: The zone of the host's servers would change.
        """
        self._aggregate_policy(caller, "remove_host")
        _aggregate_id(aggregate_id)
        missing = NotFound(f"Cannot remove host {host} in aggregate {aggregate_id}")
        if host not in self.hosts:
            raise missing
        aggregate = self.aggregates.get(_aggregate_id(aggregate_id))
        if aggregate is None:
            raise missing
        current = aggregate.availability_zone
        count = len(self.servers_on(self.hosts[host]))
        if count and current:
            others = self._zones_of(host, without=aggregate.id)
            new = others[0] if others else None
            if new != current:
                raise Conflict(
                    f"Cannot remove host from aggregate {aggregate.id}. Reason: "
                    + _INSTANCES_MOVE.format(verb="removed from", old=current, new=new,
                                             count=count) + ".")
        if host not in aggregate.hosts:
            raise missing
        aggregate.hosts.remove(host)
        self._refresh_service_zones()
        return aggregate

    def cache_aggregate_images(self, caller: Caller, aggregate_id: str,
                               image_ids: Sequence[str]) -> None:
        """`POST /os-aggregates/{id}/images` (2.81): ask the hosts to cache images. Each
        must be one the caller can see in the image service (the conductor's
        `cache_images` gets them first).

        Raises:
            Forbidden: Not an admin.
            BadRequest: Not an integer id, an image twice ("Duplicate images in
                request"), or an unknown image ("Image <id> could not be found.").
            NotFound: Unknown aggregate.
        """
        self._aggregate_policy(caller, "images")
        _aggregate_id(aggregate_id)
        if len(set(image_ids)) != len(image_ids):
            raise BadRequest("Duplicate images in request")
        self._aggregate(aggregate_id)
        for image_id in image_ids:
            if self.visible_image(caller, image_id) is None:
                raise BadRequest(f"Image {image_id} could not be found.")

    # -- the zone checks (is_safe_to_update_az) -------------------------------------------

    def _check_zone_change(self, metadata: Mapping[str, str | None], aggregate: Aggregate, *,
                           name: str, hosts: Sequence[str], prefix: str,
                           check_instances: bool = False,
                           status: type[BadRequest] | type[Conflict] = BadRequest) -> None:
        if AZ_KEY not in metadata:
            return
        zone = metadata[AZ_KEY]

        def refuse(reason: str) -> None:
            raise status(f"{prefix}. Reason: {reason}.")

        if not zone:
            refuse(f"Aggregate {name} does not support empty named availability zone")
        conflicting = [a.availability_zone for a in self._zone_aggregates(hosts)
                       if a.availability_zone != zone and a.id != aggregate.id]
        if conflicting:
            refuse(f"One or more hosts already in availability zone(s) {conflicting!r}")
        if check_instances and aggregate.availability_zone != zone and any(
                self.servers_on(self.hosts[h]) for h in hosts if h in self.hosts):
            refuse("One or more hosts contain instances in this zone")

    def _apply_metadata(self, aggregate: Aggregate,
                        metadata: Mapping[str, str | None]) -> None:
        """`Aggregate.update_metadata`: None deletes the key, anything else sets it."""
        for key, value in metadata.items():
            if value is None:
                aggregate.metadata.pop(key, None)
            else:
                aggregate.metadata[key] = value
        self._refresh_service_zones()

    # -- availability zones ----------------------------------------------------------------

    def _zone_aggregates(self, hosts: Sequence[str] | None = None) -> list[Aggregate]:
        """`AggregateList.get_by_metadata_key('availability_zone', hosts=...)`."""
        wanted = set(hosts) if hosts is not None else None
        return [a for _, a in sorted(self.aggregates.items())
                if AZ_KEY in a.metadata
                and (wanted is None or wanted.intersection(a.hosts))]

    def _zones_of(self, host: str, without: int | None = None) -> list[str]:
        """The zones the aggregates of `host` give it (one at most, by the checks)."""
        return sorted({a.metadata[AZ_KEY] for a in self._zone_aggregates([host])
                       if a.id != without})

    def host_zone(self, host: str) -> str:
        """`get_host_availability_zone`: the zone of a compute host (`nova` when no
        aggregate gives it one)."""
        zones = self._zones_of(host)
        return zones[0] if zones else DEFAULT_AZ

    def service_zone(self, service: NovaService) -> str:
        """`set_availability_zones`: a compute service's host's zones (joined by `,`), the
        internal zone for the others."""
        if service.binary != "nova-compute":
            return INTERNAL_AZ
        return ",".join(self._zones_of(service.host)) or DEFAULT_AZ

    def _forget_host(self, host: str) -> None:
        """A host that is gone (its compute service deleted, `set_hosts` fewer) leaves every
        aggregate, as `services.py`'s delete removes it from each before the service."""
        for aggregate in self.aggregates.values():
            if host in aggregate.hosts:
                aggregate.hosts.remove(host)  # `aggregate_hosts` rows: `updated_at` stays

    def _refresh_service_zones(self) -> None:
        for service in self.services:
            service.zone = self.service_zone(service)

    def availability_zones(self) -> tuple[list[str], list[str]]:
        """`get_availability_zones`: the zones of the enabled services (sorted), and those
        only disabled services are in."""
        enabled = {s.zone for s in self.services if not s.disabled}
        disabled = {s.zone for s in self.services if s.disabled} - enabled
        return sorted(enabled), sorted(disabled)

    def zone_services(self) -> dict[str, dict[str, list[NovaService]]]:
        """The enabled services by zone, then host (`os-availability-zone/detail`)."""
        out: dict[str, dict[str, list[NovaService]]] = {}
        for service in self.services:
            if not service.disabled:
                out.setdefault(service.zone, {}).setdefault(service.host, []).append(service)
        return out

    def check_requested_zone(self, zone: str) -> None:
        """The zone a create or an unshelve asks for must be an available one.

        Raises:
            BadRequest: "The requested availability zone is not available".
        """
        if zone not in self.availability_zones()[0]:
            raise BadRequest("The requested availability zone is not available")

    def zone_members(self, zone: str | None) -> set[str] | None:
        """`map_az_to_placement_aggregate`: the hosts of the aggregates with `zone`, or None
        when no aggregate has it (nothing is restricted)."""
        if not zone:
            return None
        found = [a for a in self.aggregates.values() if a.metadata.get(AZ_KEY) == zone]
        if not found:
            return None
        return {h for a in found for h in a.hosts}

    def check_create_zone(self, requested: str) -> None:
        """A create's `availability_zone` (`parse_availability_zone`: `az`, `az:host`,
        `az::node`, `az:host:node`): the zone must be an available one unless a host is
        forced.

        Raises:
            BadRequest: More than two colons ("Invalid input received: Unable to parse
                availability_zone"), or "The requested availability zone is not
                available".
        """
        zone, forced_host = requested, ""
        if ":" in requested:
            parts = requested.split(":")
            if len(parts) > 3:
                raise BadRequest("Invalid input received: Unable to parse availability_zone")
            zone, forced_host = parts[0], parts[1]
        if zone and not forced_host:
            self.check_requested_zone(zone)
