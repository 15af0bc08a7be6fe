"""The volume actions of `models/volumeactions.py`, dispatched by `volumes.volume_action`
(`cinder/api/contrib/volume_actions.py`, `admin_actions.py`, `volume_unmanage.py`,
`cinder/api/v3/volumes.py` `revert`), for the actions of
`client/openstack/blockstorage/v3/volumes`.

Each checks the body first (Cinder's `validation.schema` runs before the controller), then
finds the volume (404), then the policy (403 for the admin actions), as Cinder does.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.blockstorage import schema
from stackdouble.fakes.blockstorage.errors import BadRequest, cinder_fault, invalid_input
from stackdouble.fakes.blockstorage.handlers._common import _admin, _empty, _ok, _version
from stackdouble.fakes.blockstorage.models import BlockStorageModel, Caller
from stackdouble.fakes.blockstorage.schema import volumeactions as bodies
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = [
    "extend_volume_completion",
    "force_detach",
    "initialize_connection",
    "migrate_volume",
    "migrate_volume_completion",
    "retype",
    "revert",
    "terminate_connection",
    "unmanage",
    "update_readonly_flag",
]

#: `mv.VOLUME_MIGRATE_CLUSTER`: a migration may name a cluster instead of a host.
VOLUME_MIGRATE_CLUSTER = (3, 16)
#: `mv.VOLUME_REVERT`.
VOLUME_REVERT = (3, 40)


def retype(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
           body: dict[str, Any]) -> FakeResponse:
    """`os-retype`: 202."""
    schema.check_body(bodies.RETYPE, body)
    given = body["os-retype"]
    model.retype(caller, volume_id, given["new_type"], given.get("migration_policy"))
    return _empty(202)


def update_readonly_flag(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                         volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-update_readonly_flag`: 202."""
    schema.check_body(bodies.READONLY_UPDATE, body)
    model.get_volume(caller, volume_id)
    flag = schema.bool_from_string(body["os-update_readonly_flag"]["readonly"])
    model.update_readonly_flag(caller, volume_id, flag)
    return _empty(202)


def initialize_connection(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                          volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-initialize_connection`: 200 with `connection_info`."""
    schema.check_body(bodies.INITIALIZE_CONNECTION, body)
    model.get_volume(caller, volume_id)
    connector = body["os-initialize_connection"]["connector"]
    if not isinstance(connector, dict):
        raise BadRequest()  # Cinder: `connector.get` on a string, a 500
    return _ok({"connection_info": model.initialize_connection(caller, volume_id, connector)})


def terminate_connection(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                         volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-terminate_connection`: 202."""
    schema.check_body(bodies.TERMINATE_CONNECTION, body)
    model.terminate_connection(caller, volume_id)
    return _empty(202)


def force_detach(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                 body: dict[str, Any]) -> FakeResponse:
    """`os-force_detach` (admins): 202."""
    schema.check_body(bodies.FORCE_DETACH, body)
    model.get_volume(caller, volume_id)
    _admin(caller, "volume_extension:volume_admin_actions:force_detach")
    model.force_detach(caller, volume_id, body["os-force_detach"].get("attachment_id"))
    return _empty(202)


def migrate_volume(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                   body: dict[str, Any]) -> FakeResponse:
    """`os-migrate_volume` (admins): 202."""
    clusters = _version(req) >= VOLUME_MIGRATE_CLUSTER
    schema.check_body(bodies.MIGRATE_VOLUME_V316 if clusters else bodies.MIGRATE_VOLUME, body)
    model.get_volume(caller, volume_id)
    _admin(caller, "volume_extension:volume_admin_actions:migrate_volume")
    given = body["os-migrate_volume"]
    cluster = given.get("cluster") if clusters else None
    host = given.get("host")
    if bool(cluster) == bool(host):  # `common.get_cluster_host`
        raise invalid_input("One and only one of cluster and host must be set." if clusters
                            else "Host field is missing.")
    schema.bool_from_string(given.get("force_host_copy", False))
    lock = schema.bool_from_string(given.get("lock_volume", False))
    model.migrate_volume(caller, volume_id, host=host, cluster=cluster, lock_volume=lock)
    return _empty(202)


def migrate_volume_completion(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                              volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-migrate_volume_completion` (admins): 200 with `save_volume_id`."""
    schema.check_body(bodies.MIGRATE_VOLUME_COMPLETION, body)
    model.get_volume(caller, volume_id)
    _admin(caller, "volume_extension:volume_admin_actions:migrate_volume_completion")
    given = body["os-migrate_volume_completion"]
    kept = model.migrate_volume_completion(caller, volume_id, given["new_volume"],
                                           error=bool(given.get("error", False)))
    return _ok({"save_volume_id": kept})


def extend_volume_completion(req: FakeRequest, model: BlockStorageModel, caller: Caller,
                             volume_id: str, body: dict[str, Any]) -> FakeResponse:
    """`os-extend_volume_completion` (admins)."""
    schema.check_body(bodies.EXTEND_VOLUME_COMPLETION, body)
    model.get_volume(caller, volume_id)
    _admin(caller, "volume_extension:volume_admin_actions:extend_volume_completion")
    model.extend_volume_completion(caller, volume_id)
    return _empty(202)


def unmanage(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
             body: dict[str, Any]) -> FakeResponse:
    """`os-unmanage` (admins): 202 with no body (a bare `webob.Response`)."""
    schema.check_body(bodies.UNMANAGE, body)
    model.get_volume(caller, volume_id)
    _admin(caller, "volume_extension:volume_unmanage")
    model.unmanage(caller, volume_id)
    return _empty(202, html=True)


def revert(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
           body: dict[str, Any]) -> FakeResponse:
    """`revert` (3.40): 202; before 3.40 Cinder's bare 404, as for no such method."""
    if _version(req) < VOLUME_REVERT:
        return cinder_fault(404)
    schema.check_body(bodies.REVERT, body)
    model.revert_to_snapshot(caller, volume_id, body["revert"].get("snapshot_id"))
    return _empty(202)
