"""Volume transfers (`cinder/transfer/api.py`, the `transfer_*` functions of
`cinder/db/api.py`), for `client/openstack/blockstorage/v3/transfers`.

A transfer offers an `available` volume to whoever holds its `auth_key`:

* create: the volume (and, unless `no_snapshots`, every snapshot of it) must be
  `available`; the volume becomes `awaiting-transfer`. The `auth_key` (16 hex digits) is
  shown once, in the create answer; the model keeps only Cinder's salt and HMAC-SHA1 of it,
  so it cannot leak through a later read, a dump or a repr;
* accept: by any project, with the key (a wrong one is "Invalid auth key"). The receiver's
  `per_volume_gigabytes` limit and `volumes`/`gigabytes` quotas (and, with the snapshots,
  `snapshots`/`gigabytes`) are checked; the volume (and its snapshots) then belong to the
  receiver, the usage moves from donor to receiver, the volume is `available` again and
  the transfer is gone (soft-deleted: `accepted`, with its `destination_project_id`);
* delete: the transfer is gone and an `awaiting-transfer` volume is `available` again.

A project sees the transfers of its own volumes; an admin sees every transfer (and lists
them all with `all_tenants`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sortedcontainers import SortedList  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.blockstorage.errors import BadRequest, NotFound, invalid_volume
from stackdouble.fakes.blockstorage.models._common import _ModelBase
from stackdouble.fakes.blockstorage.models.snapshots import Snapshot
from stackdouble.fakes.blockstorage.models.volumes import Volume
from stackdouble.fakes.caller import Caller
from stackdouble.fakes.timestamps import epoch_micros

__all__ = ["TRANSFER_FILTER_KEYS", "Transfer", "TransfersMixin", "transfer_not_found"]

#: The `transfers` columns a listing may filter on (`is_valid_model_filters`); any other
#: key (a typo, or 3.58's `limit`, which reaches the filters) matches nothing.
TRANSFER_FILTER_KEYS = frozenset({
    "id", "volume_id", "display_name", "salt", "crypt_hash", "expires_at", "no_snapshots",
    "source_project_id", "destination_project_id", "accepted", "created_at", "updated_at",
    "deleted_at", "deleted"})
_STRING_KEYS = ("id", "volume_id", "display_name", "source_project_id",
                "destination_project_id")


def transfer_not_found(transfer_id: str) -> NotFound:
    """404 "Transfer <id> could not be found." (`TransferNotFound`)."""
    return NotFound(f"Transfer {transfer_id} could not be found.")


def _crypt_hash(salt: str, auth_key: str) -> str:
    """`API._get_crypt_hash`: HMAC-SHA1 of the key, keyed by the salt."""
    return hmac.new(salt.encode(), auth_key.encode(), hashlib.sha1).hexdigest()


@dataclass(slots=True)
class Transfer:
    """One `transfers` row. The auth key itself is never stored."""

    id: str
    volume_id: str
    name: str | None
    created_at: datetime
    created_us: int
    salt: str
    crypt_hash: str
    no_snapshots: bool
    source_project_id: str
    destination_project_id: str | None = None
    accepted: bool = False

    @property
    def key(self) -> tuple[int, str]:
        """The listing order: `(created_at, id)`."""
        return (self.created_us, self.id)


class TransfersMixin(_ModelBase):
    """The volume transfers of `BlockStorageModel` (`transfers`)."""

    transfers: dict[str, Transfer]

    def _hex(self, length: int) -> str:
        return (self.cloud.ids.hex32() * 2)[:length]

    def _find_transfer(self, caller: Caller, transfer_id: str) -> Transfer:
        """`_transfer_get`: an admin finds any transfer; others those of their volumes."""
        self.advance()
        transfer = self.transfers.get(transfer_id)
        if transfer is None:
            raise transfer_not_found(transfer_id)
        volume = self.volumes.get(transfer.volume_id)
        if not caller.is_admin and (volume is None or volume.project_id != caller.project_id):
            raise transfer_not_found(transfer_id)
        return transfer

    def get_transfer(self, caller: Caller, transfer_id: str) -> Transfer:
        """The transfer, as `GET /os-volume-transfer/{id}` shows it.

        Raises:
            NotFound: No such transfer, or not one of the caller's volumes.
        """
        return self._find_transfer(caller, transfer_id)

    def create_transfer(self, caller: Caller, volume_id: str, *, name: str | None = None,
                        no_snapshots: bool = False) -> tuple[Transfer, str]:
        """Offer a volume for transfer (`API.create` + `transfer_create`).

        Returns:
            The transfer and its auth key (which nothing else returns).

        Raises:
            NotFound: No such volume in the caller's project.
            BadRequest: The volume, or (with its snapshots) a snapshot, is not `available`.
        """
        volume = self.get_volume(caller, volume_id)
        if volume.status != "available":
            raise invalid_volume("status must be available")
        if not no_snapshots:
            for snap_id in sorted(self._snapshots_of.get(volume.id, ())):
                if self.snapshots[snap_id].status != "available":
                    raise BadRequest(
                        f"Invalid snapshot: snapshot: {snap_id} status must be available")
        salt, auth_key = self._hex(8), self._hex(16)
        now = self._now()
        transfer = Transfer(id=self.cloud.ids.uuid(), volume_id=volume.id, name=name,
                            created_at=now, created_us=epoch_micros(now), salt=salt,
                            crypt_hash=_crypt_hash(salt, auth_key),
                            no_snapshots=no_snapshots, source_project_id=volume.project_id)
        self.transfers[transfer.id] = transfer
        volume.status = "awaiting-transfer"
        volume.updated_at = now
        return transfer, auth_key

    def accept_transfer(self, caller: Caller, transfer_id: str, auth_key: str) -> Transfer:
        """Take the volume of a transfer into the caller's project (`API.accept`).

        Raises:
            NotFound: No such transfer.
            BadRequest: A wrong key; the volume not `awaiting-transfer`, or a snapshot
                that moves with it not `available`.
            QuotaError: The receiver's `per_volume_gigabytes`, `volumes`, `snapshots` or
                `gigabytes` would be exceeded (413).
        """
        self.advance()
        transfer = self.transfers.get(transfer_id)
        if transfer is None:
            raise transfer_not_found(transfer_id)
        if not hmac.compare_digest(_crypt_hash(transfer.salt, auth_key), transfer.crypt_hash):
            raise BadRequest(f"Invalid auth key: Attempt to transfer {transfer_id} with "
                             "invalid auth key.")
        volume = self.volumes[transfer.volume_id]
        vtype = volume.volume_type.name
        receiver, donor = caller.project_id, volume.project_id
        self._check_volume_size_limit(receiver, volume.size)
        self._reserve(receiver, "volumes", {"volumes": 1, "gigabytes": volume.size},
                      volume.size, vtype)
        snaps = [] if transfer.no_snapshots else [
            self.snapshots[s] for s in sorted(self._snapshots_of.get(volume.id, ()))]
        snap_gb = sum(s.size for s in snaps)
        if snaps:
            self._reserve(receiver, "snapshots",
                          {"snapshots": len(snaps), "gigabytes": snap_gb}, snap_gb, vtype)
        if volume.status != "awaiting-transfer":
            raise invalid_volume(f"Transfer {transfer_id}: Volume id {volume.id} expected in "
                                 "awaiting-transfer state.")
        for snap in snaps:
            if snap.status != "available":
                raise BadRequest(f"Invalid snapshot: Transfer {transfer_id}: Snapshot "
                                 f"{snap.id} is not in the expected available state.")
        self._move_volume(volume, receiver, caller.user_id)
        for snap in snaps:
            self._move_snapshot(snap, receiver, caller.user_id)
        self._use(donor, vtype, volumes=-1, gigabytes=-volume.size)
        self._use(receiver, vtype, volumes=1, gigabytes=volume.size)
        if snaps:
            self._use(donor, vtype, snapshots=-len(snaps), gigabytes=-snap_gb)
            self._use(receiver, vtype, snapshots=len(snaps), gigabytes=snap_gb)
        volume.status = "available"
        volume.updated_at = self._now()
        transfer.accepted = True
        transfer.destination_project_id = receiver
        del self.transfers[transfer.id]
        return transfer

    def _move_volume(self, volume: Volume, project_id: str, user_id: str) -> None:
        self._volume_keys[volume.project_id].remove(volume.key)
        volume.project_id, volume.user_id = project_id, user_id
        self._volume_keys.setdefault(project_id, SortedList()).add(volume.key)

    def _move_snapshot(self, snap: Snapshot, project_id: str, user_id: str) -> None:
        self._snapshot_keys[snap.project_id].remove(snap.key)
        snap.project_id, snap.user_id = project_id, user_id
        snap.updated_at = self._now()
        self._snapshot_keys.setdefault(project_id, SortedList()).add(snap.key)

    def delete_transfer(self, caller: Caller, transfer_id: str) -> None:
        """Withdraw a transfer (`API.delete` + `transfer_destroy`); an
        `awaiting-transfer` volume is `available` again.

        Raises:
            NotFound: No such transfer, or not one of the caller's volumes.
        """
        transfer = self._find_transfer(caller, transfer_id)
        volume = self.volumes.get(transfer.volume_id)
        if volume is not None and volume.status == "awaiting-transfer":
            volume.status = "available"
            volume.updated_at = self._now()
        del self.transfers[transfer.id]

    def list_transfers(self, caller: Caller, filters: Mapping[str, str], *,
                       all_tenants: bool = False, marker: str | None = None,
                       descending: bool = False) -> list[Transfer]:
        """The transfers the caller may list, oldest first (`(created_at, id)`), after
        `marker` when given.

        Args:
            caller: Who lists.
            filters: Column equality filters (`name` already renamed `display_name`); a
                key outside `TRANSFER_FILTER_KEYS` matches nothing.
            all_tenants: Every project's (admins only; ignored for others).
            marker: The id of the last transfer of the previous page.
            descending: Newest first.

        Raises:
            NotFound: The marker is not a listed transfer ("Marker not found").
        """
        self.advance()
        if any(k not in TRANSFER_FILTER_KEYS for k in filters):
            return []
        found = sorted(self.transfers.values(), key=lambda t: t.key, reverse=descending)
        if not (caller.is_admin and all_tenants):
            found = [t for t in found if (v := self.volumes.get(t.volume_id)) is not None
                     and v.project_id == caller.project_id]
        found = [t for t in found if _matches(t, filters)]
        if marker is not None:
            ids = [t.id for t in found]
            if marker not in ids:
                raise NotFound(f"Marker {marker} could not be found.")
            found = found[ids.index(marker) + 1:]
        return found


def _matches(transfer: Transfer, filters: Mapping[str, str]) -> bool:
    for key, value in filters.items():
        if key in _STRING_KEYS:
            attr = "name" if key == "display_name" else key
            if getattr(transfer, attr) != value:
                return False
        elif key in ("no_snapshots", "accepted"):
            if str(getattr(transfer, key)).lower() not in (value.lower(), {"1": "true", "0":
                                                                           "false"}.get(value)):
                return False
        elif key == "deleted":
            if value.lower() not in ("0", "false"):
                return False
        else:  # secrets, timestamps: the fake never matches them
            return False
    return True

