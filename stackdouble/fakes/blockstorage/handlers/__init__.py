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
from stackdouble.fakes.blockstorage.handlers.volumetypes import list_volume_types, show_volume_type
from stackdouble.fakes.blockstorage.schema import bool_from_string

__all__ = [
    "MICROVERSION_KEY",
    "api",
    "bool_from_string",
    "create_metadata",
    "create_snapshot",
    "create_volume",
    "delete_metadatum",
    "delete_quota_set",
    "delete_snapshot",
    "delete_volume",
    "get_metadata",
    "get_metadatum",
    "get_version_v3",
    "get_versions",
    "list_snapshots",
    "list_snapshots_detail",
    "list_volume_types",
    "list_volumes",
    "list_volumes_detail",
    "parse_microversion",
    "replace_metadata",
    "set_metadatum",
    "show_quota_defaults",
    "show_quota_set",
    "show_snapshot",
    "show_volume",
    "show_volume_type",
    "update_quota_set",
    "update_snapshot",
    "update_volume",
    "volume_action",
]
