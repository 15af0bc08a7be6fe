"""The fake Cinder's route table, relative to `{base}/volume` (templates as the client's)."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import handlers as h
from stackdouble.fakes.routing import Router

__all__ = ["build_router"]


def build_router() -> Router:
    """Routes of the version documents and of the v3 API (`/v3/{project_id}/...`).

    Trailing slashes are ignored, so the catalog's `.../v3/{project_id}/` works too. The
    root document needs no token; everything under `/v3` does, as keystonemiddleware sits
    in front of Cinder's v3 pipeline.
    """
    r = Router(strip_trailing_slash=True)
    r.add("GET", "/", h.get_versions, auth=False)
    r.add("GET", "/v3", h.get_version_v3)
    v = "/v3/{project_id}"
    routes = (
        ("GET", "/volumes", h.list_volumes),
        ("POST", "/volumes", h.create_volume),
        ("GET", "/volumes/detail", h.list_volumes_detail),
        ("GET", "/volumes/{volume_id}", h.show_volume),
        ("PUT", "/volumes/{volume_id}", h.update_volume),
        ("DELETE", "/volumes/{volume_id}", h.delete_volume),
        ("POST", "/volumes/{volume_id}/action", h.volume_action),
        ("GET", "/volumes/{volume_id}/metadata", h.get_metadata),
        ("POST", "/volumes/{volume_id}/metadata", h.create_metadata),
        ("PUT", "/volumes/{volume_id}/metadata", h.replace_metadata),
        ("GET", "/volumes/{volume_id}/metadata/{key}", h.get_metadatum),
        ("PUT", "/volumes/{volume_id}/metadata/{key}", h.set_metadatum),
        ("DELETE", "/volumes/{volume_id}/metadata/{key}", h.delete_metadatum),
        ("GET", "/snapshots", h.list_snapshots),
        ("POST", "/snapshots", h.create_snapshot),
        ("GET", "/snapshots/detail", h.list_snapshots_detail),
        ("GET", "/snapshots/{snapshot_id}", h.show_snapshot),
        ("PUT", "/snapshots/{snapshot_id}", h.update_snapshot),
        ("DELETE", "/snapshots/{snapshot_id}", h.delete_snapshot),
        ("GET", "/snapshots/{snapshot_id}/metadata", h.get_snapshot_metadata),
        ("POST", "/snapshots/{snapshot_id}/metadata", h.create_snapshot_metadata),
        ("PUT", "/snapshots/{snapshot_id}/metadata", h.replace_snapshot_metadata),
        ("GET", "/snapshots/{snapshot_id}/metadata/{key}", h.get_snapshot_metadatum),
        ("PUT", "/snapshots/{snapshot_id}/metadata/{key}", h.set_snapshot_metadatum),
        ("DELETE", "/snapshots/{snapshot_id}/metadata/{key}", h.delete_snapshot_metadatum),
        ("GET", "/volumes/summary", h.volume_summary),
        ("GET", "/types", h.list_volume_types),
        ("POST", "/types", h.create_volume_type),
        ("GET", "/types/{type_id}", h.show_volume_type),
        ("PUT", "/types/{type_id}", h.update_volume_type),
        ("DELETE", "/types/{type_id}", h.delete_volume_type),
        ("POST", "/types/{type_id}/action", h.volume_type_action),
        ("GET", "/types/{type_id}/extra_specs", h.list_extra_specs),
        ("POST", "/types/{type_id}/extra_specs", h.create_extra_specs),
        ("GET", "/types/{type_id}/extra_specs/{key}", h.show_extra_spec),
        ("PUT", "/types/{type_id}/extra_specs/{key}", h.update_extra_spec),
        ("DELETE", "/types/{type_id}/extra_specs/{key}", h.delete_extra_spec),
        ("GET", "/types/{type_id}/os-volume-type-access", h.list_type_access),
        ("GET", "/backups", h.list_backups),
        ("POST", "/backups", h.create_backup),
        ("GET", "/backups/detail", h.list_backups_detail),
        ("GET", "/backups/{backup_id}", h.show_backup),
        ("PUT", "/backups/{backup_id}", h.update_backup),
        ("DELETE", "/backups/{backup_id}", h.delete_backup),
        ("POST", "/backups/{backup_id}/restore", h.restore_backup),
        ("POST", "/backups/{backup_id}/action", h.backup_action),
        ("GET", "/attachments", h.list_attachments),
        ("POST", "/attachments", h.create_attachment),
        ("GET", "/attachments/detail", h.list_attachments_detail),
        ("GET", "/attachments/{attachment_id}", h.show_attachment),
        ("PUT", "/attachments/{attachment_id}", h.update_attachment),
        ("DELETE", "/attachments/{attachment_id}", h.delete_attachment),
        ("POST", "/attachments/{attachment_id}/action", h.attachment_action),
        *(route for base in ("/os-volume-transfer", "/volume-transfers") for route in (
            ("GET", base, h.list_transfers),
            ("POST", base, h.create_transfer),
            ("GET", base + "/detail", h.list_transfers_detail),
            ("GET", base + "/{transfer_id}", h.show_transfer),
            ("DELETE", base + "/{transfer_id}", h.delete_transfer),
            ("POST", base + "/{transfer_id}/accept", h.accept_transfer))),
        ("GET", "/qos-specs", h.list_qos_specs),
        ("POST", "/qos-specs", h.create_qos_specs),
        ("GET", "/qos-specs/{qos_id}", h.show_qos_specs),
        ("PUT", "/qos-specs/{qos_id}", h.update_qos_specs),
        ("DELETE", "/qos-specs/{qos_id}", h.delete_qos_specs),
        ("PUT", "/qos-specs/{qos_id}/delete_keys", h.delete_qos_keys),
        ("GET", "/qos-specs/{qos_id}/associations", h.qos_associations),
        ("GET", "/qos-specs/{qos_id}/associate", h.qos_associate),
        ("GET", "/qos-specs/{qos_id}/disassociate", h.qos_disassociate),
        ("GET", "/qos-specs/{qos_id}/disassociate_all", h.qos_disassociate_all),
        ("GET", "/os-availability-zone", h.list_availability_zones),
        ("GET", "/os-services", h.list_services),
        *(("PUT", f"/os-services/{action}", h.update_service) for action in (
            "enable", "disable", "disable-log-reason", "freeze", "thaw")),
        ("GET", "/resource_filters", h.list_resource_filters),
        ("GET", "/capabilities/{host}", h.show_capabilities),
        ("GET", "/extensions", h.list_extensions),
        ("GET", "/extensions/{alias}", h.show_extension),
        ("GET", "/limits", h.show_limits),
        ("GET", "/os-quota-sets/{target_id}", h.show_quota_set),
        ("PUT", "/os-quota-sets/{target_id}", h.update_quota_set),
        ("DELETE", "/os-quota-sets/{target_id}", h.delete_quota_set),
        ("GET", "/os-quota-sets/{target_id}/defaults", h.show_quota_defaults),
        ("GET", "/group_types", h.list_group_types),
        ("POST", "/group_types", h.create_group_type),
        ("GET", "/group_types/{group_type_id}", h.show_group_type),
        ("PUT", "/group_types/{group_type_id}", h.update_group_type),
        ("DELETE", "/group_types/{group_type_id}", h.delete_group_type),
        ("GET", "/group_types/{group_type_id}/group_specs", h.list_group_specs),
        ("POST", "/group_types/{group_type_id}/group_specs", h.create_group_specs),
        ("GET", "/group_types/{group_type_id}/group_specs/{key}", h.show_group_spec),
        ("PUT", "/group_types/{group_type_id}/group_specs/{key}", h.update_group_spec),
        ("DELETE", "/group_types/{group_type_id}/group_specs/{key}", h.delete_group_spec),
        ("GET", "/groups", h.list_groups),
        ("POST", "/groups", h.create_group),
        ("GET", "/groups/detail", h.list_groups_detail),
        ("POST", "/groups/action", h.create_group_from_src),
        ("GET", "/groups/{group_id}", h.show_group),
        ("PUT", "/groups/{group_id}", h.update_group),
        ("POST", "/groups/{group_id}/action", h.group_action),
        ("GET", "/group_snapshots", h.list_group_snapshots),
        ("POST", "/group_snapshots", h.create_group_snapshot),
        ("GET", "/group_snapshots/detail", h.list_group_snapshots_detail),
        ("GET", "/group_snapshots/{group_snapshot_id}", h.show_group_snapshot),
        ("DELETE", "/group_snapshots/{group_snapshot_id}", h.delete_group_snapshot),
        ("POST", "/group_snapshots/{group_snapshot_id}/action", h.group_snapshot_action),
    )
    for method, template, handler in routes:
        r.add(method, v + template, h.api(handler))
    # Connected with and without the project (3.67 made it optional in every URL; the fake
    # serves the project-less form only for these, as openstacksdk asks for them so).
    for prefix in (v, "/v3"):
        r.add("GET", prefix + "/default-types", h.api(h.list_default_types))
        for method, handler in (("PUT", h.set_default_type), ("GET", h.show_default_type),
                                ("DELETE", h.delete_default_type)):
            r.add(method, prefix + "/default-types/{target_id}", h.api(handler))
    return r
