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
        ("GET", "/types", h.list_volume_types),
        ("GET", "/types/{type_id}", h.show_volume_type),
        ("GET", "/os-quota-sets/{target_id}", h.show_quota_set),
        ("PUT", "/os-quota-sets/{target_id}", h.update_quota_set),
        ("DELETE", "/os-quota-sets/{target_id}", h.delete_quota_set),
        ("GET", "/os-quota-sets/{target_id}/defaults", h.show_quota_defaults),
    )
    for method, template, handler in routes:
        r.add(method, v + template, h.api(handler))
    return r
