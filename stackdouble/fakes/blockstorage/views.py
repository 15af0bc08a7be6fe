"""Cinder's JSON, built as `cinder/api/v3/views/` and the API extensions build it.

Volumes follow `views/volumes.py` (`legacy_detail`, then `detail`'s microversioned keys),
then the extensions that decorate `show` and `detail` (not create or update): the tenant
attribute for readers, migration status and host for admins, image metadata when the
volume came from an image. Timestamps are naive ISO 8601 with microseconds, as
`jsonutils.to_primitive` writes them. Links follow `common.ViewBuilder`: `self` under
`{base}/volume/v3/{project_id}`, `bookmark` without the version, and a full page gets a
`next` link with the request's query and `marker` set to the last item.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from stackdouble.fakes.blockstorage.models import (
    Attachment,
    Backup,
    Capabilities,
    ImageUpload,
    Snapshot,
    Volume,
    VolumeType,
)
from stackdouble.fakes.blockstorage.models.availabilityzones import VolumeSummary
from stackdouble.fakes.blockstorage.models.volumetypes import USER_VISIBLE_EXTRA_SPECS

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models import BlockStorageModel
    from stackdouble.fakes.blockstorage.models.services import Service

__all__ = [
    "MAX_VERSION",
    "MIN_VERSION",
    "TYPES_CREATED",
    "UPDATED",
    "ViewContext",
    "attachment_detail",
    "attachment_list",
    "attachment_summary",
    "availability_zones",
    "backup_detail",
    "backup_list",
    "backup_summary",
    "capabilities",
    "collection_links",
    "default_type",
    "default_type_list",
    "group_detail",
    "group_list",
    "group_snapshot_detail",
    "group_snapshot_list",
    "group_snapshot_summary",
    "group_summary",
    "group_type",
    "group_type_list",
    "limits",
    "quota_set",
    "quota_usage_set",
    "restore",
    "snapshot_detail",
    "snapshot_list",
    "snapshot_summary",
    "state",
    "upload_image",
    "versions",
    "volume_detail",
    "volume_list",
    "volume_summary",
    "volume_summary_totals",
    "volume_type",
    "volume_type_access",
    "volume_type_list",
]

#: The microversions Cinder 29 serves (`api_version_request.py`).
MIN_VERSION = (3, 0)
MAX_VERSION = (3, 71)
#: `api_version_request.UPDATED`.
UPDATED = "2023-08-31T00:00:00Z"


@dataclass(frozen=True, slots=True)
class ViewContext:
    """What a view needs from the request.

    Attributes:
        endpoint: `{base}/volume/v3/{project_id}` (the project in the request's URL).
        bookmark: `{base}/volume/{project_id}`.
        version: The request's microversion.
        is_admin: Admin-only attributes show (Cinder's policies default to admin).
        is_reader: The token has a role on the project (reader or more): the tenant
            attribute and extended snapshot attributes show.
        query: The request's query pairs, for next links.
    """

    endpoint: str
    bookmark: str
    version: tuple[int, int] = MIN_VERSION
    is_admin: bool = False
    is_reader: bool = True
    query: tuple[tuple[str, str], ...] = ()

    def at_least(self, major: int, minor: int) -> bool:
        """Whether the request's microversion is `major.minor` or later."""
        return self.version >= (major, minor)


def stamp(value: datetime | None) -> str | None:
    """`jsonutils.to_primitive` of a naive UTC datetime: `2026-11-27T08:45:33.421311`."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S.%f")


def _links(ctx: ViewContext, collection: str, ident: str) -> list[dict[str, str]]:
    return [{"rel": "self", "href": f"{ctx.endpoint}/{collection}/{ident}"},
            {"rel": "bookmark", "href": f"{ctx.bookmark}/{collection}/{ident}"}]


def collection_links(ctx: ViewContext, collection: str, items: Sequence[Any], limit: int,
                     count: int | None = None) -> list[dict[str, str]]:
    """`_get_collection_links`: a `next` link iff items were returned and `limit <= count`
    (the page's length, or the `with_count` total when given).

    The link's query is the request's, in order, with `marker` moved to the end.
    """
    item_count = count or len(items)
    if not items or limit > item_count:
        return []
    params = [(k, v) for k, v in ctx.query if k != "marker"]
    params.append(("marker", items[-1].id))
    return [{"rel": "next", "href": f"{ctx.endpoint}/{collection}?{urlencode(params)}"}]


# -- volumes -----------------------------------------------------------------------------------


def volume_list(ctx: ViewContext, found: Sequence[Volume], limit: int, count: int | None,
                *, detail: bool) -> dict[str, Any]:
    """`GET /volumes[/detail]`: the page, its `volumes_links` and (`with_count`) `count`."""
    if detail:
        items = [volume_detail(ctx, v) for v in found]
    else:
        items = [volume_summary(ctx, v) for v in found]
    body: dict[str, Any] = {"volumes": items}
    links = collection_links(ctx, "volumes/detail" if detail else "volumes", found,
                             limit, count)
    if links:
        body["volumes_links"] = links
    if count is not None:
        body["count"] = count
    return body


def volume_summary(ctx: ViewContext, v: Volume) -> dict[str, Any]:
    """`GET /volumes`: id, name and links."""
    return {"id": v.id, "name": v.name, "links": _links(ctx, "volumes", v.id)}


def _attachments(ctx: ViewContext, v: Volume) -> list[dict[str, Any]]:
    out = []
    for a in v.attachments:
        if a.attach_status != "attached":
            continue
        out.append({"id": v.id, "attachment_id": a.id, "volume_id": v.id,
                    "server_id": a.server_id,
                    "host_name": a.host_name if ctx.is_admin else None,
                    "device": a.device, "attached_at": stamp(a.attached_at)})
    return out


def volume_detail(ctx: ViewContext, v: Volume, *, extended: bool = True) -> dict[str, Any]:
    """A volume as `GET /volumes/{id}` and `/volumes/detail` show it.

    Args:
        ctx: The request's view context.
        v: The volume.
        extended: Add the API extensions' attributes (show and detail; not create or
            update).
    """
    out: dict[str, Any] = {
        "id": v.id,
        "status": v.status,
        "size": v.size,
        "availability_zone": v.availability_zone,
        "created_at": stamp(v.created_at),
        "updated_at": stamp(v.updated_at),
        "name": v.name,
        "description": v.description,
        "volume_type": v.volume_type.name,
        "snapshot_id": v.snapshot_id,
        "source_volid": v.source_volid,
        "metadata": {**v.metadata, **v.admin_metadata},  # `add_visible_admin_metadata`
        "links": _links(ctx, "volumes", v.id),
        "user_id": v.user_id,
        "bootable": "true" if v.bootable else "false",
        "encrypted": False,
        "replication_status": None,
        "consistencygroup_id": None,
        "multiattach": v.multiattach,
        "attachments": _attachments(ctx, v),
    }
    if ctx.is_admin:
        out["migration_status"] = v.migration_status
    if ctx.at_least(3, 13):
        out["group_id"] = v.group_id
    if ctx.is_admin and ctx.at_least(3, 21):
        out["provider_id"] = None
    if ctx.at_least(3, 48):
        out["shared_targets"] = False
        out["service_uuid"] = v.service_uuid
    if ctx.is_admin and ctx.at_least(3, 61):
        out["cluster_name"] = None
    if ctx.at_least(3, 63):
        out["volume_type_id"] = v.volume_type.id
    if ctx.at_least(3, 65):
        out["consumes_quota"] = True
    if extended:
        if ctx.is_reader or ctx.is_admin:
            out["os-vol-tenant-attr:tenant_id"] = v.project_id
        if ctx.is_admin:
            out["os-vol-mig-status-attr:migstat"] = v.migration_status
            out["os-vol-mig-status-attr:name_id"] = None
            out["os-vol-host-attr:host"] = v.host
        if v.image_metadata:
            out["volume_image_metadata"] = dict(v.image_metadata)
    return out


#: When the seeded volume types were created (the database migration that made them).
TYPES_CREATED = datetime(2026, 1, 1)


def upload_image(upload: ImageUpload) -> dict[str, Any]:
    """The 202 body of `os-volume_upload_image` (`copy_volume_to_image`'s response): the
    volume, its type as `jsonutils.to_primitive` renders the object (its loaded fields),
    and the image as Glance made it; `visibility` and `protected` at any microversion."""
    v, image = upload.volume, upload.image
    vtype = v.volume_type
    return {"os-volume_upload_image": {
        "id": v.id,
        "updated_at": stamp(upload.updated_at),
        "status": "uploading",
        "display_description": v.description,
        "size": v.size,
        "volume_type": {"created_at": stamp(TYPES_CREATED),
                        "updated_at": stamp(TYPES_CREATED) if vtype.seeded else None,
                        "deleted_at": None, "deleted": False, "id": vtype.id,
                        "name": vtype.name, "description": vtype.description,
                        "is_public": vtype.is_public, "qos_specs_id": vtype.qos_specs_id,
                        "extra_specs": dict(vtype.extra_specs)},
        "image_id": image.id,
        "container_format": image.container_format,
        "disk_format": image.disk_format,
        "image_name": image.name,
        "protected": image.protected,
        "visibility": image.visibility,
    }}


# -- snapshots ---------------------------------------------------------------------------------


def snapshot_list(ctx: ViewContext, found: Sequence[Snapshot], limit: int,
                  count: int | None, *, detail: bool) -> dict[str, Any]:
    """`GET /snapshots[/detail]`: the page, its `snapshots_links` and (`with_count`)
    `count`."""
    render = snapshot_detail if detail else snapshot_summary
    body: dict[str, Any] = {"snapshots": [render(ctx, s) for s in found]}
    links = collection_links(ctx, "snapshots/detail" if detail else "snapshots", found,
                             limit, count)
    if links:
        body["snapshots_links"] = links
    if count is not None:
        body["count"] = count
    return body


def snapshot_summary(ctx: ViewContext, s: Snapshot) -> dict[str, Any]:
    """`views/snapshots.py` `summary` (also the list without details)."""
    return {
        "id": s.id,
        "created_at": stamp(s.created_at),
        "updated_at": stamp(s.updated_at),
        "name": s.name,
        "description": s.description,
        "volume_id": s.volume_id,
        "status": s.status,
        "size": s.size,
        "metadata": dict(s.metadata),
    }


def snapshot_detail(ctx: ViewContext, s: Snapshot, *, extended: bool = True) -> dict[str, Any]:
    """`v3/views/snapshots.py` `detail`, plus the extended snapshot attributes (show and
    detail, for readers)."""
    out = snapshot_summary(ctx, s)
    if ctx.at_least(3, 14):
        out["group_snapshot_id"] = s.group_snapshot_id
    if ctx.at_least(3, 41):
        out["user_id"] = s.user_id
    if ctx.at_least(3, 65):
        out["consumes_quota"] = True
    if extended and (ctx.is_reader or ctx.is_admin):
        out["os-extended-snapshot-attributes:project_id"] = s.project_id
        out["os-extended-snapshot-attributes:progress"] = s.progress
    return out


# -- volume types ------------------------------------------------------------------------------


def volume_type(ctx: ViewContext, t: VolumeType, *, access: bool = True,
                qos: bool = True) -> dict[str, Any]:
    """`v3/views/types.py` `show(brief=True)`: extra specs for readers (only the
    user-visible ones unless admin), QoS id for admins, then
    `os-volume-type-access:is_public` (what real Cinder 29 shows a member; the extension
    decorates show, index and create, not update: `access=False`). A create's and an
    update's answer have no `qos_specs_id` even for admins (`qos=False`: the type they
    render was read without it, real Cinder 29)."""
    out: dict[str, Any] = {"id": t.id, "name": t.name, "is_public": t.is_public,
                           "description": t.description}
    if ctx.is_reader or ctx.is_admin:
        out["extra_specs"] = dict(t.extra_specs) if ctx.is_admin else {
            k: v for k, v in t.extra_specs.items() if k in USER_VISIBLE_EXTRA_SPECS}
    if ctx.is_admin and qos:
        out["qos_specs_id"] = t.qos_specs_id
    if access and (ctx.is_reader or ctx.is_admin):  # the volume_type_access extension
        out["os-volume-type-access:is_public"] = t.is_public
    return out


def volume_type_access(type_id: str, projects: Sequence[str]) -> dict[str, Any]:
    """`GET /types/{id}/os-volume-type-access` (`_marshall_volume_type_access`)."""
    return {"volume_type_access": [{"volume_type_id": type_id, "project_id": p}
                                   for p in projects]}


# -- backups -----------------------------------------------------------------------------------


def backup_summary(ctx: ViewContext, b: Backup) -> dict[str, Any]:
    """`views/backups.py` `summary`: id, name, links (also create's and update's answer)."""
    return {"id": b.id, "name": b.name, "links": _links(ctx, "backups", b.id)}


def backup_detail(ctx: ViewContext, b: Backup, *, dependent: bool) -> dict[str, Any]:
    """`v3/views/backups.py` `detail`, with (3.18, admins) the project and (3.56, admins)
    the user as `BackupsController` adds them."""
    out: dict[str, Any] = {
        "id": b.id,
        "status": b.status,
        "size": b.size,
        "object_count": b.object_count,
        "availability_zone": b.availability_zone,
        "container": b.container,
        "created_at": stamp(b.created_at),
        "updated_at": stamp(b.updated_at),
        "name": b.name,
        "description": b.description,
        "fail_reason": b.fail_reason,
        "volume_id": b.volume_id,
        "links": _links(ctx, "backups", b.id),
        "is_incremental": b.is_incremental,
        "has_dependent_backups": dependent,
        "snapshot_id": b.snapshot_id,
        "data_timestamp": stamp(b.data_timestamp),
    }
    if ctx.at_least(3, 43):
        out["metadata"] = dict(b.metadata)
    if ctx.is_admin and ctx.at_least(3, 18):
        out["os-backup-project-attr:project_id"] = b.project_id
    if ctx.is_admin and ctx.at_least(3, 56):
        out["user_id"] = b.user_id
    return out


def backup_list(ctx: ViewContext, found: Sequence[Backup], limit: int, count: int | None,
                *, detail: bool, dependent: Sequence[bool] = ()) -> dict[str, Any]:
    """`GET /backups[/detail]`: the page, `backups_links` and (`with_count`) `count`.

    Args:
        ctx: The request's view context.
        found: The page.
        limit: The page size asked for.
        count: The `with_count` total, or None.
        detail: The detailed view.
        dependent: Per backup (detail), whether incremental backups depend on it.
    """
    if detail:
        items = [backup_detail(ctx, b, dependent=d) for b, d in zip(found, dependent,
                                                                    strict=True)]
    else:
        items = [backup_summary(ctx, b) for b in found]
    body: dict[str, Any] = {"backups": items}
    links = collection_links(ctx, "backups/detail" if detail else "backups", found, limit,
                             count)
    if links:
        body["backups_links"] = links
    if count is not None:
        body["count"] = count
    return body


def restore(backup_id: str, volume: Volume) -> dict[str, Any]:
    """`restore_summary`: the backup, the volume it goes to and that volume's name."""
    return {"restore": {"backup_id": backup_id, "volume_id": volume.id,
                        "volume_name": volume.name}}


# -- attachments -------------------------------------------------------------------------------


def attachment_summary(a: Attachment) -> dict[str, Any]:
    """`v3/views/attachments.py` `summary`."""
    return {"id": a.id, "status": a.attach_status, "instance": a.server_id,
            "volume_id": a.volume_id}


def attachment_detail(a: Attachment, before: Attachment | None = None) -> dict[str, Any]:
    """`detail`: the summary, then the times (`""` when unset), the mode and the
    connection info.

    Args:
        a: The attachment.
        before: For the answer of a call that connected it (an update, a create with a
            connector): the attachment as it was before. Cinder renders the object it
            read before the volume manager connected it, with only the connection info
            set (real Cinder 29: `reserved`, no `attached_at`, the mode asked for).
    """
    shown = before if before is not None else a
    out = attachment_summary(shown)
    out.update(attached_at=stamp(shown.attached_at) or "",
               detached_at=stamp(shown.detached_at) or "", attach_mode=shown.mode,
               connection_info=dict(a.connection_info))
    return out


def attachment_list(found: Sequence[Attachment], *, detail: bool) -> dict[str, Any]:
    """`GET /attachments[/detail]` (no links: Cinder gives none)."""
    render = attachment_detail if detail else attachment_summary
    return {"attachments": [render(a) for a in found]}


# -- availability zones, limits, the volume summary ---------------------------------------


def availability_zones(zones: Sequence[tuple[str, bool]]) -> dict[str, Any]:
    """`GET /os-availability-zone`.

    Example:
        >>> from stackdouble.fakes.blockstorage import views
        >>> views.availability_zones([("nova", True)])
        {'availabilityZoneInfo': [{'zoneName': 'nova', 'zoneState': {'available': True}}]}
    """
    return {"availabilityZoneInfo": [{"zoneName": name, "zoneState": {"available": up}}
                                     for name, up in zones]}


#: `views/limits.py` `_build_absolute_limits`, in `QUOTAS.resources` order.
_LIMIT_NAMES = (("volumes", "maxTotalVolumes"), ("snapshots", "maxTotalSnapshots"),
                ("gigabytes", "maxTotalVolumeGigabytes"), ("backups", "maxTotalBackups"),
                ("backup_gigabytes", "maxTotalBackupGigabytes"))
#: `used_limits.py`'s `quota_map`, in its order.
_USED_NAMES = (("totalVolumesUsed", "volumes"), ("totalGigabytesUsed", "gigabytes"),
               ("totalSnapshotsUsed", "snapshots"), ("totalBackupsUsed", "backups"),
               ("totalBackupGigabytesUsed", "backup_gigabytes"))


def limits(quotas: Mapping[str, int], used: Mapping[str, int] | None) -> dict[str, Any]:
    """`GET /limits`: no rate limits, the absolute limits, then (`used_limits`, readers)
    what is in use.

    Example:
        >>> from stackdouble.fakes.blockstorage import views
        >>> views.limits({"volumes": 10, "gigabytes": 1000}, None)["limits"]
        {'rate': [], 'absolute': {'maxTotalVolumes': 10, 'maxTotalVolumeGigabytes': 1000}}
    """
    absolute: dict[str, int] = {shown: quotas[name] for name, shown in _LIMIT_NAMES
                                if name in quotas}
    if used is not None:
        absolute.update({shown: used.get(name, 0) for shown, name in _USED_NAMES})
    return {"limits": {"rate": [], "absolute": absolute}}


def volume_summary_totals(ctx: ViewContext, summary: VolumeSummary) -> dict[str, Any]:
    """`GET /volumes/summary` (3.12; `metadata` from 3.36)."""
    body: dict[str, Any] = {"total_size": summary.total_size,
                            "total_count": summary.total_count}
    if ctx.at_least(3, 36):
        body["metadata"] = {k: list(v) for k, v in summary.metadata.items()}
    return {"volume-summary": body}


# -- versions ----------------------------------------------------------------------------------


def volume_type_list(ctx: ViewContext, types: Sequence[VolumeType], limit: int
                     ) -> dict[str, Any]:
    """`GET /types`: the page and its `volume_type_links`."""
    body: dict[str, Any] = {"volume_types": [volume_type(ctx, t) for t in types]}
    links = collection_links(ctx, "types", types, limit)
    if links:
        body["volume_type_links"] = links
    return body


def quota_set(limits: Mapping[str, int], project_id: str | None) -> dict[str, Any]:
    """`{"quota_set": {...}}` as `QuotaSetsController` returns it: every resource's limit in
    `QUOTAS.resources` order, then `id` (show and defaults; an update's answer has no `id`).

    Example:
        >>> quota_set({"volumes": 10, "groups": 10}, "p1")
        {'quota_set': {'volumes': 10, 'groups': 10, 'id': 'p1'}}
    """
    body: dict[str, Any] = dict(limits)
    if project_id is not None:
        body["id"] = project_id
    return {"quota_set": body}


def quota_usage_set(limits: Mapping[str, int], used: Mapping[str, int],
                    project_id: str) -> dict[str, Any]:
    """`?usage=true`: each resource as `{"limit", "in_use", "reserved"}` (the fake reserves
    nothing past a request, so `reserved` is 0), then `id`.

    Example:
        >>> quota_usage_set({"volumes": 10}, {"volumes": 1}, "p1")
        {'quota_set': {'volumes': {'limit': 10, 'in_use': 1, 'reserved': 0}, 'id': 'p1'}}
    """
    body: dict[str, Any] = {name: {"limit": limit, "in_use": used.get(name, 0), "reserved": 0}
                            for name, limit in limits.items()}
    body["id"] = project_id
    return {"quota_set": body}


def versions(root: str) -> dict[str, Any]:
    """`versions.py` `_KNOWN_VERSIONS` as `ViewBuilder.build_versions` renders it.

    Args:
        root: The unversioned endpoint, `{base}/volume`.
    """
    return {"versions": [{
        "id": "v3.0",
        "status": "CURRENT",
        "version": f"{MAX_VERSION[0]}.{MAX_VERSION[1]}",
        "min_version": f"{MIN_VERSION[0]}.{MIN_VERSION[1]}",
        "updated": UPDATED,
        "links": [{"rel": "describedby", "type": "text/html",
                   "href": "https://docs.openstack.org/"},
                  {"rel": "self", "href": f"{root}/v3/"}],
        "media-types": [{"base": "application/json",
                         "type": "application/vnd.openstack.volume+json;version=3"}],
    }]}


# -- control plane -------------------------------------------------------------------------


def state(model: BlockStorageModel) -> dict[str, Any]:
    """The block storage state as `GET /_stackdouble/state` shows it (`model.dump()`)."""
    return {
        "max_limit": model.max_limit,
        "create_time": model.create_time,
        "action_time": model.action_time,
        "quotas": {"default": dict(model.default_quotas),
                   **{p: model.quota_overrides(p) for p in model.projects_with_quotas()}},
        "usage": {p: model.usage(p) for p in model.projects_using()},
        "volume_types": [{"id": t.id, "name": t.name, "extra_specs": dict(t.extra_specs)}
                         for t in model.volume_types.values()],
        "volumes": [
            {"id": v.id, "name": v.name, "project_id": v.project_id, "status": v.status,
             "size": v.size, "bootable": v.bootable,
             "attachments": [{"id": a.id, "server_id": a.server_id, "device": a.device,
                              "attach_status": a.attach_status}
                             for a in v.attachments]}
            for v in model.volumes.values()],
        "snapshots": [{"id": s.id, "volume_id": s.volume_id, "status": s.status,
                       "size": s.size} for s in model.snapshots.values()],
        "backups": [{"id": b.id, "volume_id": b.volume_id, "status": b.status,
                     "size": b.size, "parent_id": b.parent_id}
                    for b in model.backups.values()],
    }


# -- volume transfers (cinder/api/views/transfers.py) -------------------------------------

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.transfers import Transfer

#: Transfer links name the legacy collection whichever path was asked.
_TRANSFERS = "os-volume-transfer"


def transfer_summary(ctx: ViewContext, t: Transfer) -> dict[str, Any]:
    """`summary`: id, volume id, name, links (also the accept answer)."""
    return {"id": t.id, "volume_id": t.volume_id, "name": t.name,
            "links": _links(ctx, _TRANSFERS, t.id)}


def transfer_detail(ctx: ViewContext, t: Transfer) -> dict[str, Any]:
    """`detail`, with `no_snapshots` (3.55) and the history (3.57)."""
    out: dict[str, Any] = {"id": t.id, "created_at": stamp(t.created_at), "name": t.name,
                           "volume_id": t.volume_id, "links": _links(ctx, _TRANSFERS, t.id)}
    return _transfer_extras(ctx, t, out)


def transfer_created(ctx: ViewContext, t: Transfer, auth_key: str) -> dict[str, Any]:
    """`create`: the detail view plus the `auth_key`, which no other answer shows."""
    out: dict[str, Any] = {"id": t.id, "created_at": stamp(t.created_at), "name": t.name,
                           "volume_id": t.volume_id, "auth_key": auth_key,
                           "links": _links(ctx, _TRANSFERS, t.id)}
    return _transfer_extras(ctx, t, out)


def _transfer_extras(ctx: ViewContext, t: Transfer, out: dict[str, Any]) -> dict[str, Any]:
    if ctx.at_least(3, 55):
        out["no_snapshots"] = t.no_snapshots
    if ctx.at_least(3, 57):
        out.update(destination_project_id=t.destination_project_id,
                   source_project_id=t.source_project_id, accepted=t.accepted)
    return out


def transfer_list(ctx: ViewContext, found: Sequence[Transfer], limit: int, count: int, *,
                  detail: bool) -> dict[str, Any]:
    """`_list_view`: the page and, when it is full, `transfers_links`.

    Args:
        ctx: The request's view context.
        found: The page.
        limit: The page size asked for.
        count: How many transfers matched before paging.
        detail: The detailed view.
    """
    view = transfer_detail if detail else transfer_summary
    body: dict[str, Any] = {"transfers": [view(ctx, t) for t in found]}
    links = collection_links(ctx, _TRANSFERS, found, limit, count)
    if links:
        body["transfers_links"] = links
    return body


# -- services and resource filters (models/services.py) ----------------------------------------


def services(found: Sequence[Service], now: datetime, version: tuple[int, int]
             ) -> dict[str, Any]:
    """`ServiceController.index`: every service up (its heartbeat is `now`); `cluster`
    from 3.7, a volume service's `backend_state` from 3.49, and (the extended services
    extension being loaded) `disabled_reason`, plus `replication_status`,
    `active_backend_id` and `frozen` for volume services."""
    out = []
    for s in found:
        row: dict[str, Any] = {"binary": s.binary, "host": s.host, "zone": s.zone,
                               "status": "disabled" if s.disabled else "enabled",
                               "state": "up", "updated_at": stamp(now)}
        if version >= (3, 49) and s.binary == "cinder-volume":
            row["backend_state"] = "up"
        if version >= (3, 7):
            row["cluster"] = s.cluster
        row["disabled_reason"] = s.disabled_reason
        if s.binary == "cinder-volume":
            row["replication_status"] = s.replication_status
            row["active_backend_id"] = s.active_backend_id
            row["frozen"] = s.frozen
        out.append(row)
    return {"services": out}


def resource_filters(filters: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """`views/resource_filters.py`: `{"resource_filters": [{"resource", "filters"}]}`."""
    return {"resource_filters": [{"resource": name, "filters": list(names)}
                                 for name, names in filters.items()]}


# -- QoS specs (cinder/api/views/qos_specs.py) --------------------------------------------

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.qos import QosSpecs


def _qos_body(q: QosSpecs) -> dict[str, Any]:
    return {"id": q.id, "name": q.name, "consumer": q.consumer, "specs": dict(q.specs)}


def qos_specs(ctx: ViewContext, q: QosSpecs) -> dict[str, Any]:
    """`detail` (create and show): `{"qos_specs": {...}, "links": [...]}`, the links
    beside the object, not in it."""
    return {"qos_specs": _qos_body(q), "links": _links(ctx, "qos-specs", q.id)}


def qos_specs_list(ctx: ViewContext, found: Sequence[QosSpecs], limit: int
                   ) -> dict[str, Any]:
    """`summary_list`: the page without links, and `qos_specs_links` when it is full."""
    body: dict[str, Any] = {"qos_specs": [_qos_body(q) for q in found]}
    links = collection_links(ctx, "qos-specs", found, limit)
    if links:
        body["qos_specs_links"] = links
    return body


def qos_associations(types: Sequence[VolumeType]) -> dict[str, Any]:
    """`associations`: the volume types, as `{"association_type": "volume_type", ...}`."""
    return {"qos_associations": [{"association_type": "volume_type", "name": t.name,
                                  "id": t.id} for t in types]}


def transfer_and_qos_state(model: BlockStorageModel) -> dict[str, Any]:
    """The transfers (never their key or its hash) and QoS specs (with the types each is
    associated with), for `model.dump()`."""
    return {
        "transfers": [{"id": t.id, "volume_id": t.volume_id, "name": t.name,
                       "no_snapshots": t.no_snapshots,
                       "source_project_id": t.source_project_id}
                      for t in model.transfers.values()],
        "qos_specs": [{"id": q.id, "name": q.name, "consumer": q.consumer,
                       "specs": dict(q.specs),
                       "volume_types": [t.id for t in model.volume_types.values()
                                        if t.qos_specs_id == q.id]}
                      for q in model.qos_specs.values()],
    }


# -- generic volume groups (cinder/api/v3/views/group_types.py, groups.py,
# group_snapshots.py) ------------------------------------------------------------------------

if TYPE_CHECKING:
    from stackdouble.fakes.blockstorage.models.groups import Group, GroupSnapshot, GroupType


def group_type(t: GroupType, *, specs: bool) -> dict[str, Any]:
    """A group type; `group_specs` only for admins (`group:access_group_types_specs`)."""
    out: dict[str, Any] = {"id": t.id, "name": t.name, "description": t.description,
                           "is_public": t.is_public}
    if specs:
        out["group_specs"] = dict(t.group_specs)
    return out


def group_type_list(ctx: ViewContext, types: Sequence[GroupType], limit: int
                    ) -> dict[str, Any]:
    """`GET /group_types`, with `group_type_links` when the page is full."""
    body: dict[str, Any] = {"group_types": [group_type(t, specs=ctx.is_admin) for t in types]}
    links = collection_links(ctx, "group_types", types, limit)
    if links:
        body["group_type_links"] = links
    return body


def group_summary(g: Group) -> dict[str, Any]:
    """A group as its create and the summary list show it."""
    return {"id": g.id, "name": g.name}


def group_detail(ctx: ViewContext, g: Group, volumes: Sequence[str]) -> dict[str, Any]:
    """`views/groups.py` `detail`: the source ids from 3.14, `volumes` from 3.25 with
    `?list_volume=true`, `replication_status` from 3.38, `project_id` for admins from
    3.58."""
    out: dict[str, Any] = {
        "id": g.id, "status": g.status, "availability_zone": g.availability_zone,
        "created_at": stamp(g.created_at), "name": g.name, "description": g.description,
        "group_type": g.group_type_id, "volume_types": list(g.volume_type_ids),
    }
    if ctx.at_least(3, 14):
        out["group_snapshot_id"] = g.group_snapshot_id
        out["source_group_id"] = g.source_group_id
    if ctx.at_least(3, 25):
        raw = dict(ctx.query).get("list_volume", "")
        if raw.strip().lower() in ("1", "t", "true", "on", "y", "yes"):
            out["volumes"] = list(volumes)
    if ctx.at_least(3, 38):
        out["replication_status"] = "disabled"
    if ctx.at_least(3, 58) and ctx.is_admin:
        out["project_id"] = g.project_id
    return out


def group_list(ctx: ViewContext, found: Sequence[Group], limit: int,
               volumes: Mapping[str, Sequence[str]], *, detail: bool) -> dict[str, Any]:
    """`GET /groups[/detail]`, with `group_links` when the page is full."""
    items = [group_detail(ctx, g, volumes.get(g.id, ())) if detail else group_summary(g)
             for g in found]
    body: dict[str, Any] = {"groups": items}
    links = collection_links(ctx, "groups", found, limit)
    if links:
        body["group_links"] = links
    return body


def group_snapshot_summary(s: GroupSnapshot) -> dict[str, Any]:
    """A group snapshot as its create and the summary list show it."""
    return {"id": s.id, "name": s.name, "group_type_id": s.group_type_id}


def group_snapshot_detail(ctx: ViewContext, s: GroupSnapshot) -> dict[str, Any]:
    """`views/group_snapshots.py` `detail` (`project_id` for admins from 3.58)."""
    out: dict[str, Any] = {
        "id": s.id, "group_id": s.group_id, "group_type_id": s.group_type_id,
        "status": s.status, "created_at": stamp(s.created_at), "name": s.name,
        "description": s.description,
    }
    if ctx.at_least(3, 58) and ctx.is_admin:
        out["project_id"] = s.project_id
    return out


def group_snapshot_list(ctx: ViewContext, found: Sequence[GroupSnapshot], limit: int, *,
                        detail: bool) -> dict[str, Any]:
    """`GET /group_snapshots[/detail]`, with `group_snapshot_links` when the page is
    full."""
    items = [group_snapshot_detail(ctx, s) if detail else group_snapshot_summary(s)
             for s in found]
    body: dict[str, Any] = {"group_snapshots": items}
    links = collection_links(ctx, "group_snapshots", found, limit)
    if links:
        body["group_snapshot_links"] = links
    return body


def group_state(model: BlockStorageModel) -> dict[str, Any]:
    """The group types (with their specs), groups (with their volumes' ids and the source
    they were made from) and group snapshots (with their snapshots' ids), for
    `model.dump()` (`GET /_stackdouble/state`)."""
    return {
        "group_types": [{"id": t.id, "name": t.name, "is_public": t.is_public,
                         "group_specs": dict(t.group_specs)}
                        for t in model.group_types.values()],
        "groups": [{"id": g.id, "name": g.name, "project_id": g.project_id,
                    "status": g.status, "group_type_id": g.group_type_id,
                    "volume_type_ids": list(g.volume_type_ids),
                    "volumes": sorted(v.id for v in model.volumes.values()
                                      if v.group_id == g.id),
                    "group_snapshot_id": g.group_snapshot_id,
                    "source_group_id": g.source_group_id}
                   for g in model.groups.values()],
        "group_snapshots": [{"id": s.id, "name": s.name, "project_id": s.project_id,
                             "group_id": s.group_id, "status": s.status,
                             "snapshot_ids": list(s.snapshot_ids)}
                            for s in model.group_snapshots.values()],
    }


# -- default types (cinder/api/v3/views/default_types.py) ---------------------------------


def default_type(project_id: str, volume_type_id: str) -> dict[str, Any]:
    """`{"default_type": {"project_id", "volume_type_id"}}` (`create` and `detail`)."""
    return {"default_type": {"project_id": project_id, "volume_type_id": volume_type_id}}


def default_type_list(found: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """`{"default_types": [...]}` (`index`)."""
    return {"default_types": [{"project_id": project, "volume_type_id": type_id}
                              for project, type_id in found]}


# -- capabilities (cinder/api/views/capabilities.py) --------------------------------------


def capabilities(c: Capabilities) -> dict[str, Any]:
    """`ViewBuilder.summary`: the namespace names the service's queue, not the host asked
    for; the keys are always there, null when the driver does not report them."""
    return {
        "namespace": f"OS::Storage::Capabilities::{c.topic}",
        "vendor_name": c.vendor_name,
        "volume_backend_name": c.volume_backend_name,
        "pool_name": c.pool_name,
        "driver_version": c.driver_version,
        "storage_protocol": c.storage_protocol,
        "display_name": c.display_name,
        "description": c.description,
        "visibility": c.visibility,
        "replication_targets": list(c.replication_targets),
        "properties": {name: dict(prop) for name, prop in c.properties.items()},
    }
