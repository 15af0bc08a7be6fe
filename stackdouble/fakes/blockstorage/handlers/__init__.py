"""Cinder's API handlers, one module per client resource: parse as
`cinder/api/openstack/wsgi.py` and the v3 controllers do (query parsing and body
validation in `schema`), call the model, render with `views`.

`_common` holds the plumbing: `api()` (microversion, Content-Type, the URL's project),
the caller, bodies and empty answers. The names `urls` routes to are re-exported here.
"""

from __future__ import annotations

from stackdouble.fakes.blockstorage.handlers._common import (
    MICROVERSION_KEY,
    api,
    parse_microversion,
)
from stackdouble.fakes.blockstorage.handlers.attachments import (
    attachment_action,
    create_attachment,
    delete_attachment,
    list_attachments,
    list_attachments_detail,
    show_attachment,
    update_attachment,
)
from stackdouble.fakes.blockstorage.handlers.availabilityzones import (
    list_availability_zones,
    show_limits,
    volume_summary,
)
from stackdouble.fakes.blockstorage.handlers.backups import (
    backup_action,
    create_backup,
    delete_backup,
    list_backups,
    list_backups_detail,
    restore_backup,
    show_backup,
    update_backup,
)
from stackdouble.fakes.blockstorage.handlers.quotasets import (
    delete_quota_set,
    show_quota_defaults,
    show_quota_set,
    update_quota_set,
)
from stackdouble.fakes.blockstorage.handlers.snapshots import (
    create_snapshot,
    delete_snapshot,
    list_snapshots,
    list_snapshots_detail,
    show_snapshot,
    update_snapshot,
)
from stackdouble.fakes.blockstorage.handlers.versions import get_version_v3, get_versions
from stackdouble.fakes.blockstorage.handlers.volumes import (
    create_metadata,
    create_volume,
    delete_metadatum,
    delete_volume,
    get_metadata,
    get_metadatum,
    list_volumes,
    list_volumes_detail,
    replace_metadata,
    set_metadatum,
    show_volume,
    update_volume,
    volume_action,
)
from stackdouble.fakes.blockstorage.handlers.volumetypes import (
    create_extra_specs,
    create_volume_type,
    delete_extra_spec,
    delete_volume_type,
    list_extra_specs,
    list_type_access,
    list_volume_types,
    show_extra_spec,
    show_volume_type,
    update_extra_spec,
    update_volume_type,
    volume_type_action,
)
from stackdouble.fakes.blockstorage.schema import bool_from_string

__all__ = [
    "MICROVERSION_KEY",
    "api",
    "attachment_action",
    "backup_action",
    "bool_from_string",
    "create_attachment",
    "create_backup",
    "create_extra_specs",
    "create_metadata",
    "create_snapshot",
    "create_volume",
    "create_volume_type",
    "delete_attachment",
    "delete_backup",
    "delete_extra_spec",
    "delete_metadatum",
    "delete_quota_set",
    "delete_snapshot",
    "delete_volume",
    "delete_volume_type",
    "get_metadata",
    "get_metadatum",
    "get_version_v3",
    "get_versions",
    "list_attachments",
    "list_attachments_detail",
    "list_availability_zones",
    "list_backups",
    "list_backups_detail",
    "list_extra_specs",
    "list_snapshots",
    "list_snapshots_detail",
    "list_type_access",
    "list_volume_types",
    "list_volumes",
    "list_volumes_detail",
    "parse_microversion",
    "replace_metadata",
    "restore_backup",
    "set_metadatum",
    "show_attachment",
    "show_backup",
    "show_extra_spec",
    "show_limits",
    "show_quota_defaults",
    "show_quota_set",
    "show_snapshot",
    "show_volume",
    "show_volume_type",
    "update_attachment",
    "update_backup",
    "update_extra_spec",
    "update_quota_set",
    "update_snapshot",
    "update_volume",
    "update_volume_type",
    "volume_action",
    "volume_summary",
    "volume_type_action",
]
